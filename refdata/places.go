package refdata

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// Place is a city or town from GeoNames, or a venue of diplomacy listed by
// hand (Camp David, Panmunjom, Bali). Country is an ISO3 code.
type Place struct {
	Name, Country string
	Lat, Lon      float64
	Population    int64
	Capital       bool
	// Venue marks a hand-listed venue. News that names one means the venue,
	// not a town that shares its name (Bali, not Bāli in India).
	Venue bool
}

type placeTable struct {
	byName    map[string][]*Place // most plausible first
	capitalOf map[string]*Place
}

var placeColumns = []string{"geonameid", "name", "country", "lat", "lon", "population", "capital", "aliases"}

var placeData = sync.OnceValue(mustLoad(loadPlaces))

func loadPlaces() (*placeTable, error) {
	t := &placeTable{byName: map[string][]*Place{}, capitalOf: map[string]*Place{}}
	err := readTSV("places.tsv", placeColumns, func(_ int, f []string) error {
		p, err := parsePlace(f)
		if err != nil {
			return err
		}
		if p.Capital {
			if prev := t.capitalOf[p.Country]; prev != nil {
				return fmt.Errorf("two capitals of %s: %s and %s", p.Country, prev.Name, p.Name)
			}
			t.capitalOf[p.Country] = p
		}
		seen := map[string]bool{}
		for _, n := range append([]string{p.Name}, splitList(f[7], listSeparator)...) {
			if k := LookupKey(n); k != "" && !seen[k] {
				seen[k] = true
				t.byName[k] = append(t.byName[k], p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("venues.tsv", venueColumns, func(_ int, f []string) error {
		p, err := parseVenue(f)
		if err != nil {
			return err
		}
		for _, n := range append([]string{p.Name}, splitList(f[4], listSeparator)...) {
			if k := LookupKey(n); k != "" && !slices.Contains(t.byName[k], p) {
				t.byName[k] = append(t.byName[k], p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, ps := range t.byName {
		slices.SortStableFunc(ps, morePlausible)
	}
	return t, nil
}

var venueColumns = []string{"name", "country", "lat", "lon", "aliases", "what"}

func parseVenue(f []string) (*Place, error) {
	lat, errLat := strconv.ParseFloat(f[2], 64)
	lon, errLon := strconv.ParseFloat(f[3], 64)
	switch {
	case errLat != nil || errLon != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180:
		return nil, fmt.Errorf("venue %s: bad coordinates %q, %q", f[0], f[2], f[3])
	case f[0] == "" || !iso3Pattern.MatchString(f[1]):
		return nil, fmt.Errorf("venue %q: country %q", f[0], f[1])
	}
	return &Place{Name: f[0], Country: f[1], Lat: lat, Lon: lon, Venue: true}, nil
}

func parsePlace(f []string) (*Place, error) {
	lat, errLat := strconv.ParseFloat(f[3], 64)
	lon, errLon := strconv.ParseFloat(f[4], 64)
	pop, errPop := strconv.ParseInt(f[5], 10, 64)
	capital, errCap := strconv.ParseBool(f[6])
	switch {
	case errLat != nil || errLon != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180:
		return nil, fmt.Errorf("place %s: bad coordinates %q, %q", f[0], f[3], f[4])
	case errPop != nil || pop < 0:
		return nil, fmt.Errorf("place %s: bad population %q", f[0], f[5])
	case errCap != nil:
		return nil, fmt.Errorf("place %s: bad capital flag %q", f[0], f[6])
	case f[1] == "" || !iso3Pattern.MatchString(f[2]):
		return nil, fmt.Errorf("place %s: name %q, country %q", f[0], f[1], f[2])
	}
	return &Place{Name: f[1], Country: f[2], Lat: lat, Lon: lon, Population: pop, Capital: capital}, nil
}

// morePlausible orders places that share a name: venues first, then
// capitals, then by population (Geneva is the Swiss city, Damascus the
// Syrian capital, Bali the Indonesian island).
func morePlausible(a, b *Place) int {
	if a.Venue != b.Venue {
		if a.Venue {
			return -1
		}
		return 1
	}
	if a.Capital != b.Capital {
		if a.Capital {
			return -1
		}
		return 1
	}
	return cmp.Compare(b.Population, a.Population)
}

// PlaceByName finds the most plausible place of that name or alias:
// a venue first, then a capital, then the most populous ("Geneva" is in Switzerland,
// "Teheran" is Tehran, "Nur-Sultan" is Astana).
func PlaceByName(s string) (Place, bool) {
	var buf [keyBufferSize]byte
	ps := placeData().byName[string(appendKey(buf[:0], s))]
	if len(ps) == 0 {
		return Place{}, false
	}
	return *ps[0], true
}

// PlacesByName returns every place of that name or alias, most plausible
// first, for callers that can choose by context (a country named nearby).
func PlacesByName(s string) []Place {
	var buf [keyBufferSize]byte
	ps := placeData().byName[string(appendKey(buf[:0], s))]
	out := make([]Place, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// CapitalOf returns the capital of the country with that ISO3 code, which
// is how "the Iranian capital" is resolved.
func CapitalOf(iso3 string) (Place, bool) {
	if p := placeData().capitalOf[iso3]; p != nil {
		return *p, true
	}
	return Place{}, false
}

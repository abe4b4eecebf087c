package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parleydata/parley/refdata"
)

// minPopulation is the size from which every GeoNames place is kept;
// capitals, first-order administrative seats and hand-listed places are
// kept at any size.
const minPopulation = 100_000

type place struct {
	geonameID, name, iso3, lat, lon string
	population                      int64
	capital                         bool
	aliases                         []string
}

type placeTable struct{ list []place }

func buildPlaces(geonamesPath, handPath string, countries *countryTable) (*placeTable, error) {
	hand, err := readTSV(handPath, "geonameid", "name", "aliases")
	if err != nil {
		return nil, err
	}
	handByID := map[string]map[string]string{}
	for _, h := range hand {
		handByID[h["geonameid"]] = h
	}
	rows, err := readTSV(geonamesPath, "geonameid", "name", "alternatenames", "latitude", "longitude",
		"feature_code", "country_code", "population")
	if err != nil {
		return nil, err
	}
	t := &placeTable{}
	for _, r := range rows {
		population, err := strconv.ParseInt(r["population"], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: geonameid %s: population: %w", geonamesPath, r["geonameid"], err)
		}
		h, handListed := handByID[r["geonameid"]]
		delete(handByID, r["geonameid"])
		code := r["feature_code"]
		keep := handListed || code != "PPLX" && (population >= minPopulation || code == "PPLC" || code == "PPLA")
		iso3, known := iso3OfISO2(r["country_code"])
		if !keep || !known {
			continue
		}
		p := place{
			geonameID: r["geonameid"], name: r["name"], iso3: iso3,
			lat: r["latitude"], lon: r["longitude"], population: population,
		}
		alternates := strings.Split(r["alternatenames"], ",")
		if handListed && h["name"] != "" {
			alternates = append(alternates, p.name)
			p.name = h["name"]
		}
		p.aliases = plausibleAliases(p.name, append(splitList(h["aliases"]), alternates...))
		t.list = append(t.list, p)
	}
	if len(handByID) > 0 {
		return nil, fmt.Errorf("%s: geonameids not in %s: %v", handPath, geonamesPath, keys(handByID))
	}
	if err := t.markCapitals(countries); err != nil {
		return nil, err
	}
	slices.SortFunc(t.list, func(a, b place) int {
		return cmp.Or(strings.Compare(a.iso3, b.iso3), cmp.Compare(b.population, a.population), strings.Compare(a.geonameID, b.geonameID))
	})
	return t, nil
}

// markCapitals flags, for every country, the place its capital names. Where
// several places of the country carry the name, the most populous wins.
func (t *placeTable) markCapitals(countries *countryTable) error {
	for _, c := range countries.list {
		want := refdata.LookupKey(c.capital)
		best := -1
		for i, p := range t.list {
			if p.iso3 != c.iso3 || !slices.ContainsFunc(append([]string{p.name}, p.aliases...), func(n string) bool {
				return refdata.LookupKey(n) == want
			}) {
				continue
			}
			if best < 0 || p.population > t.list[best].population {
				best = i
			}
		}
		if best < 0 {
			return fmt.Errorf("capital %q of %s is not among the places", c.capital, c.iso3)
		}
		t.list[best].capital = true
	}
	return nil
}

// plausibleAliases keeps the alternate names a reader of English news may
// meet: Latin script, capitalised (GeoNames' all-lowercase entries are
// machine romanisations of other scripts, such as "thrn"), no digits, not an
// airport code, not another spelling of the name itself.
func plausibleAliases(name string, alternates []string) []string {
	seen := map[string]bool{refdata.LookupKey(name): true}
	var out []string
	for _, a := range alternates {
		a = strings.TrimSpace(a)
		k := refdata.LookupKey(a)
		if k == "" || seen[k] || !isPlausibleAlias(a) {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func isPlausibleAlias(a string) bool {
	n := utf8.RuneCountInString(a)
	if n < 4 || n > 40 || strings.ToUpper(a) == a {
		return false
	}
	capitalised := false
	for _, r := range a {
		if !unicode.Is(unicode.Latin, r) && !strings.ContainsRune(" -'’‘ʼ.", r) {
			return false
		}
		capitalised = capitalised || unicode.IsUpper(r)
	}
	return capitalised
}

func (t *placeTable) write(path string) error {
	rows := make([][]string, 0, len(t.list))
	for _, p := range t.list {
		rows = append(rows, []string{p.geonameID, p.name, p.iso3, p.lat, p.lon,
			strconv.FormatInt(p.population, 10), strconv.FormatBool(p.capital), strings.Join(p.aliases, "|")})
	}
	return writeTSV(path, []string{"geonameid", "name", "country", "lat", "lon", "population", "capital", "aliases"}, rows)
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

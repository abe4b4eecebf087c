package refdata

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Country is a sovereign state or a widely recognised disputed one
// (Palestine, Kosovo, Taiwan, Western Sahara). Treat its slices as
// read-only: they are shared with the tables.
type Country struct {
	ISO3, ISO2, Name, Capital string
	Aliases, Demonyms         []string
}

type countryTable struct {
	byISO3, byName, byDemonym, byMetonym map[string]*Country
}

var (
	iso3Pattern = regexp.MustCompile(`^[A-Z]{3}$`)
	iso2Pattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

var countryColumns = []string{"iso3", "iso2", "name", "capital", "aliases", "demonyms"}

var countryData = sync.OnceValue(mustLoad(loadCountries))

func loadCountries() (*countryTable, error) {
	t := &countryTable{
		byISO3:    map[string]*Country{},
		byName:    map[string]*Country{},
		byDemonym: map[string]*Country{},
		byMetonym: map[string]*Country{},
	}
	err := readTSV("countries.tsv", countryColumns, func(_ int, f []string) error {
		c := &Country{
			ISO3: f[0], ISO2: f[1], Name: f[2], Capital: f[3],
			Aliases:  splitList(f[4], listSeparator),
			Demonyms: splitList(f[5], listSeparator),
		}
		if !iso3Pattern.MatchString(c.ISO3) || !iso2Pattern.MatchString(c.ISO2) {
			return fmt.Errorf("bad codes %q %q", c.ISO3, c.ISO2)
		}
		if c.Name == "" || c.Capital == "" {
			return fmt.Errorf("%s: name and capital are required", c.ISO3)
		}
		if t.byISO3[c.ISO3] != nil {
			return fmt.Errorf("duplicate country %s", c.ISO3)
		}
		t.byISO3[c.ISO3] = c
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if err := index(t.byName, n, c); err != nil {
				return err
			}
		}
		for _, d := range c.Demonyms {
			if err := index(t.byDemonym, d, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("metonyms.tsv", []string{"metonym", "country"}, func(_ int, f []string) error {
		c := t.byISO3[f[1]]
		if c == nil {
			return fmt.Errorf("metonym %q: unknown country %q", f[0], f[1])
		}
		return index(t.byMetonym, f[0], c)
	})
	return t, err
}

// index adds c under the lookup key of name, refusing a key that already
// points to another country: an ambiguous alias would make lookups depend
// on file order.
func index(m map[string]*Country, name string, c *Country) error {
	k := LookupKey(name)
	if k == "" {
		return fmt.Errorf("%s: empty name", c.ISO3)
	}
	if prev := m[k]; prev != nil && prev != c {
		return fmt.Errorf("%q names both %s and %s", name, prev.ISO3, c.ISO3)
	}
	m[k] = c
	return nil
}

// CountryByName finds a country by its name or an alias: "Iran", "the
// Islamic Republic of Iran", "the US", "DPRK".
func CountryByName(s string) (Country, bool) {
	var buf [keyBufferSize]byte
	return find(countryData().byName[string(appendKey(buf[:0], s))])
}

// CountryByDemonym finds a country by its adjective or the name of its
// people: "Iranian", "Kazakh", "Emirati". A plural ("Iranians") is found too.
func CountryByDemonym(s string) (Country, bool) {
	var buf [keyBufferSize]byte
	k := appendKey(buf[:0], s)
	byDemonym := countryData().byDemonym
	if c := byDemonym[string(k)]; c != nil {
		return *c, true
	}
	if singular, ok := bytes.CutSuffix(k, []byte("s")); ok {
		return find(byDemonym[string(singular)])
	}
	return Country{}, false
}

// CountryByISO3 finds a country by its ISO 3166-1 alpha-3 code, in any case.
func CountryByISO3(code string) (Country, bool) {
	return find(countryData().byISO3[strings.ToUpper(strings.TrimSpace(code))])
}

// Metonym finds the country whose government a place or institution stands
// for: "the Kremlin" (RUS), "the White House" (USA). Capitals used the same
// way ("Moscow said") are not listed; use PlaceByName and the place's
// Capital flag.
func Metonym(s string) (Country, bool) {
	var buf [keyBufferSize]byte
	return find(countryData().byMetonym[string(appendKey(buf[:0], s))])
}

// Countries returns every country, ordered by ISO3 code.
func Countries() []Country {
	t := countryData()
	out := make([]Country, 0, len(t.byISO3))
	for _, c := range t.byISO3 {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Country) int { return strings.Compare(a.ISO3, b.ISO3) })
	return out
}

func find(c *Country) (Country, bool) {
	if c != nil {
		return *c, true
	}
	return Country{}, false
}

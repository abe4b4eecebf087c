package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/biter777/countries"
	"github.com/parleydata/parley/refdata"
)

type country struct {
	iso3, iso2, name, capital string
	aliases, demonyms         []string
}

// countryTable is the hand-written country table with ISO2 codes added.
type countryTable struct {
	list   []country
	byISO3 map[string]*country
	byName map[string]*country // refdata.LookupKey of name or alias
}

func loadCountries(path string) (*countryTable, error) {
	rows, err := readTSV(path, "iso3", "name", "capital", "aliases", "demonyms")
	if err != nil {
		return nil, err
	}
	t := &countryTable{byISO3: map[string]*country{}, byName: map[string]*country{}}
	for _, r := range rows {
		code := countries.ByName(r["iso3"])
		if !code.IsValid() || code.Alpha3() != r["iso3"] {
			return nil, fmt.Errorf("%s: %q is not an ISO 3166-1 alpha-3 code known to biter777/countries", path, r["iso3"])
		}
		t.list = append(t.list, country{
			iso3: r["iso3"], iso2: code.Alpha2(), name: r["name"], capital: r["capital"],
			aliases: splitList(r["aliases"]), demonyms: splitList(r["demonyms"]),
		})
	}
	slices.SortFunc(t.list, func(a, b country) int { return strings.Compare(a.iso3, b.iso3) })
	for i := range t.list {
		c := &t.list[i]
		if t.byISO3[c.iso3] != nil {
			return nil, fmt.Errorf("%s: %s listed twice", path, c.iso3)
		}
		t.byISO3[c.iso3] = c
		for _, n := range append([]string{c.name}, c.aliases...) {
			t.byName[refdata.LookupKey(n)] = c
		}
	}
	return t, nil
}

// iso3OfISO2 converts the ISO2 codes of GeoNames, including territories
// that the country table leaves out (Hong Kong is HKG).
func iso3OfISO2(iso2 string) (string, bool) {
	code := countries.ByName(iso2)
	if !code.IsValid() || code.Alpha2() != iso2 {
		return "", false
	}
	return code.Alpha3(), true
}

func (t *countryTable) write(path string) error {
	rows := make([][]string, 0, len(t.list))
	for _, c := range t.list {
		rows = append(rows, []string{c.iso3, c.iso2, c.name, c.capital, strings.Join(c.aliases, "|"), strings.Join(c.demonyms, "|")})
	}
	return writeTSV(path, []string{"iso3", "iso2", "name", "capital", "aliases", "demonyms"}, rows)
}

// compareWithWorldCountries reports where our hand-written table differs
// from the world-countries data set: independent states we lack, and
// capitals that differ. The file is ODbL-licensed, so it is read to check
// our work and nothing from it is written.
func compareWithWorldCountries(path string, t *countryTable, report io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var world []struct {
		CCA3        string   `json:"cca3"`
		Name        string   `json:"name_common"`
		Capital     []string `json:"capital"`
		Independent bool     `json:"independent"`
	}
	if err := json.Unmarshal(data, &world); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, w := range world {
		code := w.CCA3
		if code == "UNK" { // world-countries' code for Kosovo
			code = "XKX"
		}
		c := t.byISO3[code]
		switch {
		case c == nil && w.Independent:
			fmt.Fprintf(report, "check: independent %s (%s) is not in the country table\n", w.Name, w.CCA3)
		case c != nil && !slices.ContainsFunc(w.Capital, func(capital string) bool {
			return refdata.LookupKey(capital) == refdata.LookupKey(c.capital)
		}):
			fmt.Fprintf(report, "check: capital of %s is %q here, %q in world-countries\n", c.iso3, c.capital, w.Capital)
		}
	}
	return nil
}

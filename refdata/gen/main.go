// Command gen writes the generated tables of package refdata:
// data/countries.tsv, data/places.tsv and data/actors.csv.
//
// It combines the hand-written tables in hand/ with open data kept outside
// the repository (GeoNames cities, CC BY 4.0; Wikidata extracts, CC0) and
// ISO codes from github.com/biter777/countries (BSD-2). The ODbL
// world-countries file is only read to report differences from our own
// country table; nothing is copied from it. Run it through go generate in
// the refdata directory:
//
//	go generate ./refdata
//
// The outputs are committed, so building Parley never needs the inputs.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Inputs under the -shared directory.
const (
	geonamesFile         = "geonames-cities/cities15000-plus-capitals.tsv"
	headsFile            = "officials-wikidata-cc0/heads-of-state-government-2021-2022.csv"
	foreignMinistersFile = "officials-wikidata-cc0/foreign-ministers-2022-12.csv"
	worldCountriesFile   = "countries/world-countries.json"
)

func main() {
	shared := flag.String("shared", "../../shared/data", "directory of the shared open data (geonames-cities/, officials-wikidata-cc0/, countries/)")
	hand := flag.String("hand", "gen/hand", "directory of the hand-written tables")
	out := flag.String("out", "data", "directory to write the generated tables to")
	flag.Parse()
	if err := run(*shared, *hand, *out); err != nil {
		fmt.Fprintln(os.Stderr, "refdata/gen:", err)
		os.Exit(1)
	}
}

func run(shared, hand, out string) error {
	if err := checkInputs(shared); err != nil {
		return err
	}
	countries, err := loadCountries(filepath.Join(hand, "countries.tsv"))
	if err != nil {
		return err
	}
	if err := compareWithWorldCountries(filepath.Join(shared, worldCountriesFile), countries, os.Stderr); err != nil {
		return err
	}
	places, err := buildPlaces(filepath.Join(shared, geonamesFile), filepath.Join(hand, "places.tsv"), countries)
	if err != nil {
		return err
	}
	actors, err := buildActors(
		filepath.Join(shared, headsFile), filepath.Join(shared, foreignMinistersFile),
		filepath.Join(hand, "actors.csv"), countries, os.Stderr)
	if err != nil {
		return err
	}
	for name, write := range map[string]func(string) error{
		"countries.tsv": countries.write,
		"places.tsv":    places.write,
		"actors.csv":    actors.write,
	} {
		if err := write(filepath.Join(out, name)); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// checkInputs fails with directions when the shared data is not there: it
// lives outside the repository and only regeneration needs it.
func checkInputs(shared string) error {
	for _, f := range []string{geonamesFile, headsFile, foreignMinistersFile, worldCountriesFile} {
		path := filepath.Join(shared, f)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("shared reference data not found: %s is missing.\n"+
				"The committed tables in refdata/data are all a build needs; regenerating them needs the\n"+
				"open data described in refdata/README.md, in ../shared/data next to the repository or in\n"+
				"the directory given with -shared", path)
		} else if err != nil {
			return err
		}
	}
	return nil
}

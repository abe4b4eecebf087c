package refdata

import (
	"encoding/csv"
	"io/fs"
	"testing"

	"github.com/biter777/countries"
)

// The tables must load (every loader validates its rows) and agree with
// each other and with the ISO codes of biter777/countries.
func TestDataWellFormed(t *testing.T) {
	all := Countries()
	if len(all) < 197 {
		t.Errorf("%d countries, want every sovereign state plus Palestine, Kosovo, Taiwan, Western Sahara", len(all))
	}
	for _, c := range all {
		code := countries.ByName(c.ISO3)
		if code.Alpha3() != c.ISO3 || code.Alpha2() != c.ISO2 {
			t.Errorf("%s/%s: biter777/countries says %s/%s", c.ISO3, c.ISO2, code.Alpha3(), code.Alpha2())
		}
		if got, ok := CountryByName(c.Name); !ok || got.ISO3 != c.ISO3 {
			t.Errorf("CountryByName(%q) = %s, want %s", c.Name, got.ISO3, c.ISO3)
		}
		capital, ok := CapitalOf(c.ISO3)
		if !ok || LookupKey(capital.Name) != LookupKey(c.Capital) && !placeHasAlias(capital.Name, c.Capital) {
			t.Errorf("%s: capital %q, but CapitalOf gives %+v, %v", c.ISO3, c.Capital, capital, ok)
		}
	}

	for _, ps := range placeData().byName {
		for _, p := range ps {
			if code := countries.ByName(p.Country); code.Alpha3() != p.Country {
				t.Errorf("place %s: country %q is not an ISO3 code", p.Name, p.Country)
			}
		}
	}
	geonameIDs := map[string]bool{}
	err := readTSV("places.tsv", placeColumns, func(line int, f []string) error {
		if geonameIDs[f[0]] {
			t.Errorf("places.tsv:%d: geonameid %s listed twice", line, f[0])
		}
		geonameIDs[f[0]] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	info, err := fs.Stat(dataFS, "data/places.tsv")
	if err != nil || info.Size() > 3<<20 {
		t.Errorf("places.tsv: %v, %d bytes; keep it under 3 MB", err, info.Size())
	}

	for _, r := range Roles() {
		if !r.Public {
			t.Errorf("role %q is not a public actor", r.Phrase)
		}
	}
}

// Rows of one actor are contiguous in actors.csv, so a key can't be reused
// by accident further down, and no two actors share a Wikidata item.
func TestActorsFile(t *testing.T) {
	f, err := dataFS.Open("data/actors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	done := map[string]bool{}
	qidOwner := map[string]string{}
	for i, rec := range records[1:] {
		key, qid := rec[0], rec[8]
		if i > 0 && records[i][0] != key {
			done[records[i][0]] = true
		}
		if done[key] {
			t.Errorf("actors.csv:%d: key %s was used before", i+2, key)
		}
		if owner, ok := qidOwner[qid]; qid != "" && ok && owner != key {
			t.Errorf("actors.csv:%d: %s is both %s and %s", i+2, qid, owner, key)
		}
		qidOwner[qid] = key
	}
	if n := len(DefaultRegistry().Actors()); n < 300 {
		t.Errorf("registry has %d actors", n)
	}
}

func placeHasAlias(name, alias string) bool {
	for _, p := range PlacesByName(alias) {
		if p.Name == name {
			return true
		}
	}
	return false
}

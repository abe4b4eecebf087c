package refdata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleydata/parley"
)

func day(t testing.TB, s string) parley.Date {
	t.Helper()
	d, err := parley.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLookup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Alexander Lavrentiev", "alexander-lavrentiev"},
		{"Aleksandr Lavrentiyev", "alexander-lavrentiev"},
		{"Lavréntiev", "alexander-lavrentiev"},
		{"Лаврентьев", "alexander-lavrentiev"},
		{"Ali Shamkhani", "ali-shamkhani"},
		{"Shamjani", "ali-shamkhani"},
		{"Ali Shamjani", "ali-shamkhani"},
		{"علی شمخانی", "ali-shamkhani"},
		{"Lavrov", "sergey-lavrov"},
		{"Sergei Lavrov", "sergey-lavrov"},
		{"Amir-Abdollahian", "hossein-amir-abdollahian"},
		{"Abdollahian", "hossein-amir-abdollahian"},
		{"Zareef", "mohammad-javad-zarif"},
		{"Abbas Araqchi", "abbas-araghchi"},
		{"Ali Bagheri", "ali-bagheri-kani"},
		{"Mevlut Cavusoglu", "mevlut-cavusoglu"},
		{"Foreign Minister Sergey Lavrov", "sergey-lavrov"},
		{"Xi", "xi-jinping"},
		{"Staffan De Mistura", "staffan-de-mistura"},
		{"King Charles", "charles-iii"},
		{"Mukhtar Tleuberdi", "mukhtar-tleuberdi"}, // from the Wikidata extract alone
		{"Wang", ""},     // Wang Yi or Wang Wenbin
		{"Guterres", ""}, // António or Francisco
		{"John Doe", ""},
		{"the Minister", ""},
	}
	r := DefaultRegistry()
	for _, tt := range tests {
		a, score, ok := r.Lookup(tt.in)
		if ok != (tt.want != "") || a.Key != tt.want {
			t.Errorf("Lookup(%q) = %q (%.2f), %v; want %q", tt.in, a.Key, score, ok, tt.want)
		}
		if ok && (score < 0.5 || score > 1) {
			t.Errorf("Lookup(%q) score %.3f outside (0.5, 1]", tt.in, score)
		}
	}
}

func TestLookupActor(t *testing.T) {
	a, _, ok := DefaultRegistry().Lookup("Hossein Amir-Abdollahian")
	if !ok || a.Country != "IRN" || a.Kind != parley.PartyPerson || a.WikidataID != "Q17991320" {
		t.Errorf("Lookup(Hossein Amir-Abdollahian) = %+v, %v", a, ok)
	}
	a, _, _ = DefaultRegistry().Lookup("Alexander Lavrentiev")
	if a.WikidataID != "" {
		t.Errorf("Lavrentiev has wikidata_id %q, but no CC0 extract gives one", a.WikidataID)
	}
}

func TestHolderOf(t *testing.T) {
	tests := []struct {
		role, country, on, want string
	}{
		{"foreign minister", "IRN", "2021-11-21", "hossein-amir-abdollahian"},
		{"Minister of Foreign Affairs", "IRN", "2019-01-01", "mohammad-javad-zarif"},
		{"foreign minister", "IRN", "2024-06-01", "ali-bagheri-kani"},
		{"foreign minister", "IRN", "2025-01-01", "abbas-araghchi"},
		{"secretary of the supreme national security council", "IRN", "2017-09-05", "ali-shamkhani"},
		{"SNSC secretary", "IRN", "2024-01-01", "ali-akbar-ahmadian"},
		{"secretary of state", "USA", "2019-06-01", "mike-pompeo"},
		{"defense secretary", "USA", "2022-01-01", "lloyd-austin"},
		{"foreign minister", "RUS", "2017-09-05", "sergey-lavrov"},
		{"supreme leader", "IRN", "", "ali-khamenei"}, // one holder ever: no day needed
		{"foreign minister", "IRN", "", ""},           // several holders and no day
		{"foreign minister", "IRN", "1960-01-01", ""}, // nobody known
		{"court jester", "IRN", "2021-11-21", ""},     // no such office
	}
	r := DefaultRegistry()
	for _, tt := range tests {
		var on parley.Date
		if tt.on != "" {
			on = day(t, tt.on)
		}
		a, ok := r.HolderOf(tt.role, tt.country, on)
		if ok != (tt.want != "") || a.Key != tt.want {
			t.Errorf("HolderOf(%q, %s, %s) = %q, %v; want %q", tt.role, tt.country, tt.on, a.Key, ok, tt.want)
		}
	}
}

const userActors = `key,name,aliases,country,kind,role,from,to,wikidata_id
alexander-lavrentiev,Alexander Lavrentiev,Sasha Lavrentiev,RUS,person,Special Envoy,2015-06,,
jane-roe,Jane Roe,J. Roe;Джейн Роу,NOR,person,ambassador,2019,2021,
jane-roe,Jane Roe,Roe Jane,,person,UN Special Envoy,2022-01-10,,
`

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "actors.csv")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadRegistry(t *testing.T) {
	user, err := LoadRegistry(writeFile(t, userActors))
	if err != nil {
		t.Fatal(err)
	}
	jane, ok := user.ByKey("jane-roe")
	if !ok || jane.Country != "NOR" || len(jane.Aliases) != 3 || len(jane.Offices) != 2 {
		t.Fatalf("jane-roe = %+v, %v", jane, ok)
	}
	if o := jane.Offices[0]; o.Role != "ambassador" || o.From.String() != "2019-01-01" || o.To.String() != "2021-12-31" {
		t.Errorf("year-only term read as %+v", o)
	}
	if o := jane.Offices[1]; o.Role != "special envoy" || o.Country != "" || o.To.Valid() {
		t.Errorf("UN office read as %+v", o)
	}

	merged := DefaultRegistry().With(user)
	if got, _, _ := merged.Lookup("Sasha Lavrentiev"); got.Offices[0].From.String() != "2015-06-01" {
		t.Errorf("user entry did not replace the embedded one: %+v", got)
	}
	if got, _, ok := merged.Lookup("Jane Roe"); !ok || got.Key != "jane-roe" {
		t.Errorf("Lookup(Jane Roe) in merged = %+v, %v", got, ok)
	}
	if got, _, ok := merged.Lookup("Sergey Lavrov"); !ok || got.Key != "sergey-lavrov" {
		t.Errorf("embedded actors lost in merge: %+v, %v", got, ok)
	}
	if _, _, ok := DefaultRegistry().Lookup("Jane Roe"); ok {
		t.Error("With changed the embedded registry")
	}
	if got, ok := merged.HolderOf("ambassador", "NOR", day(t, "2020-01-01")); !ok || got.Key != "jane-roe" {
		t.Errorf("HolderOf(ambassador, NOR) in merged = %+v, %v", got, ok)
	}
}

func TestLoadRegistryErrors(t *testing.T) {
	const header = "key,name,aliases,country,kind,role,from,to,wikidata_id\n"
	tests := []struct{ name, content, want string }{
		{"header", "key,name\nx,y\n", ":1: header"},
		{"field count", header + "a,A B,,RUS,person,,,\n", ":2: 8 fields, want 9"},
		{"key", header + "A B,A B,,RUS,person,,,,\n", `:2: key "A B"`},
		{"empty name", header + "ab,,,RUS,person,,,,\n", ":2: key ab: name"},
		{"country", header + "ab,A B,,XYZ,person,,,,\n", `:2: key ab: unknown ISO3 country code "XYZ"`},
		{"kind", header + "ab,A B,,RUS,robot,,,,\n", `:2: key ab: kind "robot"`},
		{"wikidata", header + "ab,A B,,RUS,person,,,,58217\n", `:2: key ab: wikidata_id "58217"`},
		{"date", header + "ab,A B,,RUS,person,president,2020-13-01,,\n", `:2: key ab: from: "2020-13-01"`},
		{"term order", header + "ab,A B,,RUS,person,president,2020,2019,\n", ":2: key ab: term ends (2019-12-31) before it starts (2020-01-01)"},
		{"dates without role", header + "ab,A B,,RUS,person,,2020,,\n", ":2: key ab: from or to given without a role"},
		{"conflict", header + "ab,A B,,RUS,person,,,,\nab,C D,,RUS,person,,,,\n", `:3: key ab: name "C D" differs from "A B" (key first used on line 2)`},
		{"every error", header + "A,A B,,RUS,person,,,,\nb,B C,,XYZ,person,,,,\n", ":3: key b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.content)
			_, err := LoadRegistry(path)
			if err == nil || !strings.Contains(err.Error(), path+tt.want) {
				t.Errorf("LoadRegistry error = %v; want it to contain %q", err, path+tt.want)
			}
		})
	}
	if _, err := LoadRegistry(filepath.Join(t.TempDir(), "missing.csv")); err == nil {
		t.Error("LoadRegistry of a missing file succeeded")
	}
}

func FuzzReadRegistry(f *testing.F) {
	for _, row := range strings.Split(userActors, "\n")[1:] {
		f.Add(row)
	}
	f.Add(`"a,b",c,,RUS,person,x,2020,2020-02,Q1`)
	f.Add("ab,Ali,;;,irn,,president,2020-02-30,,")
	f.Fuzz(func(t *testing.T, row string) {
		r, err := ReadRegistry(strings.NewReader(strings.Join(ActorColumns, ",")+"\n"+row), "fuzz.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for _, a := range r.Actors() {
			if !keyPattern.MatchString(a.Key) || a.Name == "" {
				t.Errorf("accepted actor %+v", a)
			}
			for _, o := range a.Offices {
				if o.From.Valid() && o.To.Valid() && o.To.Days() < o.From.Days() {
					t.Errorf("accepted term %+v", o)
				}
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	r := DefaultRegistry()
	for _, name := range []string{"Aleksandr Lavrentiyev", "Shamjani", "John Doe", "عباس عراقچی"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Lookup(name)
			}
		})
	}
}

func BenchmarkPlaceByName(b *testing.B) {
	placeData()
	b.ReportAllocs()
	for b.Loop() {
		PlaceByName("Nur-Sultan")
	}
}

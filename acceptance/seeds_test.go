//go:build acceptance

package acceptance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/pipeline"
)

// meeting is a meeting of the built dataset with what the checks need.
type meeting struct {
	id, date, dateText, weekday, place, status string
	articles                                   []string // source ids
	people                                     []participant
}

type participant struct{ name, reported, country string }

func (m meeting) has(name string) bool {
	for _, p := range m.people {
		if _, ok := names.Match(p.name, name); ok {
			return true
		}
	}
	return false
}

func (m meeting) from(prefix string) bool {
	return slices.ContainsFunc(m.articles, func(a string) bool { return strings.HasPrefix(a, prefix) })
}

func build(t *testing.T) ([]meeting, string) {
	seeds := os.Getenv("PARLEY_SEEDS")
	if seeds == "" {
		t.Fatal("PARLEY_SEEDS is not set: run `make acceptance`, which points it at ../shared/seeds")
	}
	if _, err := os.Stat(seeds); err != nil {
		t.Fatalf("the reference articles are missing: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Build(context.Background(), pipeline.Config{Inputs: []string{seeds}, Out: out}); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.SQL().Query(`
		select m.meeting_id, coalesce(cast(m.date as varchar), ''), coalesce(m.date_text, ''), coalesce(m.weekday, ''),
		       coalesce(m.place, ''), m.status,
		       (select string_agg(distinct a.source_id, '|') from mentions x join articles a using (article_id) where x.meeting_id = m.meeting_id),
		       (select string_agg(p.name || '~' || p.name_as_reported || '~' || coalesce(p.country, ''), '|') from participants p where p.meeting_id = m.meeting_id)
		from meetings m order by m.meeting_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ms []meeting
	for rows.Next() {
		var m meeting
		var arts, people string
		if err := rows.Scan(&m.id, &m.date, &m.dateText, &m.weekday, &m.place, &m.status, &arts, &people); err != nil {
			t.Fatal(err)
		}
		m.articles = strings.Split(arts, "|")
		for _, p := range strings.Split(people, "|") {
			f := strings.Split(p, "~")
			m.people = append(m.people, participant{f[0], f[1], f[2]})
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		t.Logf("%s %s date=%q text=%q weekday=%s place=%s from=%v people=%v", m.id, m.status, m.date, m.dateText, m.weekday, m.place, m.articles, m.people)
	}
	return ms, out
}

// expectation is one held meeting the client requires, exactly once.
type expectation struct {
	name     string
	article  string
	people   []string
	absent   []string // parties that must not be in this meeting
	place    string
	date     string
	dateText string
	weekday  string
	reported map[string]string // canonical -> spelling the article uses
	country  map[string]string
}

func TestReferenceArticles(t *testing.T) {
	ms, out := build(t)
	want := []expectation{
		{name: "1 Lavrentiev-Shamkhani on Sunday", article: "000_", people: []string{"Alexander Lavrentiev", "Ali Shamkhani"}, place: "Tehran", weekday: "Sunday", date: "",
			country: map[string]string{"Alexander Lavrentiev": "RUS", "Ali Shamkhani": "IRN"}},
		{name: "2 Lavrentiev-Shamkhani on Thursday", article: "001_", people: []string{"Alexander Lavrentiev", "Ali Shamkhani"}, place: "Tehran", weekday: "Thursday", date: ""},
		{name: "3 Lavrentiev-Amir-Abdollahian", article: "002_", people: []string{"Alexander Lavrentiev", "Hossein Amir-Abdollahian"}, absent: []string{"Ali Asghar Khaji"}, place: "Tehran", date: "2021-11-21",
			country: map[string]string{"Hossein Amir-Abdollahian": "IRN"}},
		{name: "4 Lavrentiev-Khaji", article: "002_", people: []string{"Alexander Lavrentiev", "Ali Asghar Khaji"}, absent: []string{"Hossein Amir-Abdollahian"}, date: "2021-11-21",
			country: map[string]string{"Ali Asghar Khaji": "IRN"}},
		{name: "5 Lavrentiyev-Shamkhani 2017", article: "003_", people: []string{"Alexander Lavrentiev", "Ali Shamkhani"}, place: "Tehran", date: "2017-09-05",
			reported: map[string]string{"Alexander Lavrentiev": "Aleksandr Lavrentiyev"}},
		{name: "6 Lavréntiev, Vershinin, Shamjani", article: "004_", people: []string{"Alexander Lavrentiev", "Sergey Vershinin", "Ali Shamkhani"}, absent: []string{"Hossein Jaberi Ansari"}, place: "Tehran", date: "", dateText: "February 2",
			reported: map[string]string{"Alexander Lavrentiev": "Lavréntiev", "Ali Shamkhani": "Ali Shamjani"}, country: map[string]string{"Sergey Vershinin": "RUS"}},
		{name: "7 Lavréntiev, Vershinin, Jaberi Ansari", article: "004_", people: []string{"Alexander Lavrentiev", "Sergey Vershinin", "Hossein Jaberi Ansari"}, absent: []string{"Ali Shamkhani"}, place: "Tehran", date: ""},
	}
	for _, w := range want {
		t.Run(w.name, func(t *testing.T) {
			var found []meeting
			for _, m := range ms {
				if m.status != "held" || !m.from(w.article) {
					continue
				}
				ok := true
				for _, p := range w.people {
					ok = ok && m.has(p)
				}
				for _, p := range w.absent {
					ok = ok && !m.has(p)
				}
				if ok {
					found = append(found, m)
				}
			}
			if len(found) != 1 {
				t.Fatalf("want exactly one held meeting of %v in %s*, found %d", w.people, w.article, len(found))
			}
			m := found[0]
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			if w.place != "" {
				check("place", m.place, w.place)
			}
			check("date", m.date, w.date)
			if w.weekday != "" {
				check("weekday", m.weekday, w.weekday)
			}
			if w.dateText != "" {
				check("date_text", m.dateText, w.dateText)
			}
			for canon, spelling := range w.reported {
				if !slices.ContainsFunc(m.people, func(p participant) bool { return p.reported == spelling && sameName(p.name, canon) }) {
					t.Errorf("no participant %s reported as %q: %v", canon, spelling, m.people)
				}
			}
			for canon, country := range w.country {
				if !slices.ContainsFunc(m.people, func(p participant) bool { return sameName(p.name, canon) && p.country == country }) {
					t.Errorf("participant %s should have country %s: %v", canon, country, m.people)
				}
			}
		})
	}

	t.Run("one actor per person across spellings", func(t *testing.T) {
		for _, person := range []string{"Alexander Lavrentiev", "Ali Shamkhani"} {
			ids := map[string]bool{}
			for _, m := range ms {
				for _, p := range m.people {
					if sameName(p.name, person) {
						ids[p.name] = true
					}
				}
			}
			if len(ids) != 1 {
				t.Errorf("%s appears under %d canonical names: %v", person, len(ids), ids)
			}
		}
		assertOneActor(t, out, "Alexander Lavrentiev", []string{"Aleksandr Lavrentiyev", "Lavréntiev"})
		assertOneActor(t, out, "Ali Shamkhani", []string{"Ali Shamkhani", "Ali Shamjani"})
	})

	t.Run("principals are not participants", func(t *testing.T) {
		// "Putin's envoy", "a representative of the Leader ... Khamenei": the
		// people others act for did not take part.
		for _, m := range ms {
			for _, principal := range []string{"Vladimir Putin", "Ali Khamenei"} {
				if m.has(principal) {
					t.Errorf("meeting %s (%v) has %s, who is only named as someone's principal", m.id, m.articles, principal)
				}
			}
		}
	})

	t.Run("no meeting from other stories' captions and links", func(t *testing.T) {
		for _, m := range ms {
			for _, p := range m.people {
				for _, stray := range []string{"Ilhan Omar", "Nancy Pelosi"} {
					if sameName(p.name, stray) {
						t.Errorf("meeting %s has %s, from a photo caption of another story", m.id, stray)
					}
				}
			}
			if m.from("004_") && m.has("Sergey Vershinin") && !m.has("Alexander Lavrentiev") {
				t.Errorf("meeting %s comes from the link text about the deputy foreign minister and the Syrian ambassador", m.id)
			}
		}
	})

	t.Run("announced rounds are planned", func(t *testing.T) {
		for _, w := range []struct{ article, place, dateText string }{{"000_", "Geneva", "February 20"}, {"003_", "Astana", "September 14-15"}} {
			ok := slices.ContainsFunc(ms, func(m meeting) bool {
				return m.status == "planned" && m.from(w.article) && m.place == w.place && strings.Contains(m.dateText, w.dateText)
			})
			if !ok {
				t.Errorf("no planned meeting in %s from %s* with date %q", w.place, w.article, w.dateText)
			}
		}
	})
}

func sameName(a, b string) bool {
	_, ok := names.Match(a, b)
	return ok
}

// assertOneActor checks in the actors table that exactly one actor carries
// the person's name or any of the spellings, and that it carries them all.
func assertOneActor(t *testing.T, out, canonical string, spellings []string) {
	t.Helper()
	db, err := duckdb.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.SQL().Query(`select actor_id, name, to_json(aliases)::varchar from actors`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var holders []string
	for rows.Next() {
		var id, name, aliases string
		if err := rows.Scan(&id, &name, &aliases); err != nil {
			t.Fatal(err)
		}
		all := name + " " + aliases
		matches := sameName(name, canonical)
		for _, s := range spellings {
			matches = matches || strings.Contains(aliases, fmt.Sprintf("%q", s))
		}
		if !matches {
			continue
		}
		holders = append(holders, id+" "+name)
		for _, s := range spellings {
			if !strings.Contains(all, s) {
				t.Errorf("actor %s (%s) lacks the spelling %q: aliases %s", id, name, s, aliases)
			}
		}
	}
	if len(holders) != 1 {
		t.Errorf("want one actor for %s, have %d: %v", canonical, len(holders), holders)
	}
}

package eval

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley"
)

func TestDecodeCSV(t *testing.T) {
	const header = "meeting_id,actor_id,name,name_as_reported,role,country,kind\n"
	rows, err := decodeCSV[parley.Participant](strings.NewReader(header +
		"mtg_1,act_1,Lavrentiev,'=Lavrentiev,,RUS,person\n" +
		"mtg_1,act_2,'-,'-x,'envoy,,person\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(rows))
	}
	first, second := rows[0], rows[1]
	if first.NameAsReported != "=Lavrentiev" || first.Role != nil || first.Country == nil || *first.Country != "RUS" {
		t.Errorf("row 1 = %+v, want the formula guard stripped, a null role, country RUS", first)
	}
	if second.Name != "-" || second.NameAsReported != "-x" || second.Role == nil || *second.Role != "'envoy" || second.Country != nil {
		t.Errorf("row 2 = %+v, want '- and '-x unguarded, 'envoy kept, a null country", second)
	}

	meetings, err := decodeCSV[parley.Meeting](strings.NewReader(
		"meeting_id,date,date_end,date_precision,date_basis,date_text,weekday,place,country,latitude,longitude,status,mode,kind,international,topics,participant_count,article_count,source_count,mention_count,first_published,confidence,conflicts,extra\n" +
			`mtg_1,2017-09-05,,day,explicit,,,,,35.5,-51.25,held,phone,bilateral,true,"[""Syria"",""Astana process""]",2,1,1,3,2017-09-07,0.9,[],ignored` + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := meetings[0]
	if m.Date.String() != "2017-09-05" || m.DateEnd.Valid() || *m.Longitude != -51.25 || !m.International ||
		!slices.Equal(m.Topics, []string{"Syria", "Astana process"}) || m.MentionCount != 3 || m.Conflicts == nil {
		t.Errorf("meeting = %+v", m)
	}
}

func TestDecodeCSVErrors(t *testing.T) {
	const header = "meeting_id,actor_id,name,name_as_reported,role,country,kind\n"
	for _, c := range []struct {
		name, csv, want string
	}{
		{"empty file", "", "no header"},
		{"missing column", "meeting_id,actor_id,name,name_as_reported,role,kind\n", `missing column "country"`},
		{"ragged row", header + "mtg_1,act_1,A,A,,RUS\n", "wrong number of fields"},
		{"bad quote", header + "mtg_1,act_1,\"A,A,,RUS,person\n", "quote"},
	} {
		_, err := decodeCSV[parley.Participant](strings.NewReader(c.csv))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}

	const meetingHeader = "meeting_id,date,date_end,date_precision,date_basis,date_text,weekday,place,country,latitude,longitude,status,mode,kind,international,topics,participant_count,article_count,source_count,mention_count,first_published,confidence,conflicts\n"
	const good = "mtg_1,2017-09-05,,day,explicit,,,,,,,held,phone,bilateral,true,[],2,1,1,1,,0.9,[]\n"
	for _, c := range []struct {
		name, row, want string
	}{
		{"bad date", strings.Replace(good, "2017-09-05", "2017-02-30", 1), "line 3, column date"},
		{"bad list", strings.Replace(good, "[]", "Syria", 1), "line 3, column topics"},
		{"bad count", strings.Replace(good, ",2,1,1,1,", ",two,1,1,1,", 1), "line 3, column participant_count"},
		{"empty count", strings.Replace(good, ",2,1,1,1,", ",,1,1,1,", 1), "line 3, column participant_count"},
		{"bad bool", strings.Replace(good, "true", "yes", 1), "line 3, column international"},
		{"bad number", strings.Replace(good, "0.9", "high", 1), "line 3, column confidence"},
	} {
		_, err := decodeCSV[parley.Meeting](strings.NewReader(meetingHeader + good + c.row))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestUnescapeCell(t *testing.T) {
	for in, want := range map[string]string{
		"'=SUM(A1)": "=SUM(A1)",
		"'+7 495":   "+7 495",
		"'-":        "-",
		"'@home":    "@home",
		"'\tx":      "\tx",
		"''=x":      "''=x", // a quote before a quote is no guard
		"'quoted'":  "'quoted'",
		"'":         "'",
		"":          "",
		"=raw":      "=raw",
	} {
		if got := unescapeCell(in); got != want {
			t.Errorf("unescapeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func parseGold(s string) ([]goldArticle, error) {
	var articles []goldArticle
	err := scanJSONL(strings.NewReader(s), collectGold(&articles))
	return articles, err
}

func TestParseGold(t *testing.T) {
	articles, err := parseGold(`{"doc_id": "a", "published": null, "meetings": [{"gid": "g", "participants": [` +
		`{"name": "Lavrentiev", "aliases": ["Lavrentiyev"], "country": "RUS", "role": null, "kind": "person"},` +
		`{"name": "Iranian delegation", "aliases": null, "country": "IRN", "kind": "delegation"}],` +
		`"date": null, "weekday": "Thursday", "place": null, "status": "held", "mode": null, "kind": "bilateral", "note": "extra fields are allowed"}]}` +
		"\n\n" + `{"doc_id": "b", "meetings": []}` + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != 2 || articles[1].DocID != "b" {
		t.Fatalf("got %+v, want articles a and b", articles)
	}
	m := articles[0].Meetings[0]
	if m.Date.Valid() || m.Weekday != "Thursday" || m.Place != "" || m.Mode != "" || m.Status != "held" ||
		!slices.Equal(m.Participants[0].names(), []string{"Lavrentiev", "Lavrentiyev"}) {
		t.Errorf("meeting = %+v, want nulls read as unlabelled", m)
	}
}

func TestParseGoldErrors(t *testing.T) {
	const person = `{"name": "A", "kind": "person"}`
	for _, c := range []struct {
		name, gold, want string
	}{
		{"not JSON", "{\n", "1: unexpected end"},
		{"no doc_id", `{"meetings": []}`, "1: no doc_id"},
		{"doc twice", `{"doc_id": "a"}` + "\n" + `{"doc_id": "a"}`, `2: doc_id "a" is labelled twice`},
		{"no gid", `{"doc_id": "a", "meetings": [{"participants": [` + person + `,` + person + `]}]}`, "1: meeting 1 has no gid"},
		{"gid twice", `{"doc_id": "a", "meetings": [{"gid": "g", "participants": [` + person + `,` + person + `]}, {"gid": "g", "participants": [` + person + `,` + person + `]}]}`, `gid "g" appears twice`},
		{"one party", `{"doc_id": "a", "meetings": [{"gid": "g", "participants": [` + person + `]}]}`, "at least two parties"},
		{"unnamed party", `{"doc_id": "a", "meetings": [{"gid": "g", "participants": [` + person + `, {"kind": "person"}]}]}`, "a party has no name"},
		{"bad kind", `{"doc_id": "a", "meetings": [{"gid": "g", "participants": [` + person + `, {"name": "B", "kind": "government"}]}]}`, `kind "government"`},
		{"bad date", `{"doc_id": "a", "meetings": [{"gid": "g", "date": "2017-13-01", "participants": [` + person + `,` + person + `]}]}`, "1: parse date"},
	} {
		_, err := parseGold(c.gold)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func FuzzDecodeCSV(f *testing.F) {
	f.Add("meeting_id,actor_id,name,name_as_reported,role,country,kind\nmtg_1,act_1,'=A,A,,RUS,person\n")
	f.Add("meeting_id,actor_id,name,name_as_reported,role,country,kind\n\"a\"\"b\",,,,,,\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := decodeCSV[parley.Participant](strings.NewReader(s))
		if err != nil {
			return
		}
		// Every record under the header becomes one row.
		records, err := csv.NewReader(strings.NewReader(s)).ReadAll()
		if err != nil {
			t.Fatalf("decoded what encoding/csv rejects: %v", err)
		}
		if len(rows) != len(records)-1 {
			t.Errorf("decoded %d rows from %d records after the header", len(rows), len(records)-1)
		}
	})
}

func FuzzParseGold(f *testing.F) {
	f.Add(`{"doc_id": "a", "meetings": [{"gid": "g", "participants": [{"name": "A", "kind": "person"}, {"name": "B", "kind": "country"}]}]}`)
	f.Add(`{"doc_id": "a", "published": "2017-09-05", "meetings": []}` + "\n" + `{"doc_id": "b"}`)
	f.Fuzz(func(t *testing.T, s string) {
		articles, err := parseGold(s)
		if err != nil {
			return
		}
		// Whatever is accepted must be scoreable: named, with gids.
		for _, a := range articles {
			if a.check() != nil {
				t.Errorf("accepted an article that fails its check: %+v", a)
			}
		}
	})
}

package eval

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const (
	fixtureDataset = "testdata/dataset"
	fixtureGold    = "testdata/gold.jsonl"
)

// The fixture: five labelled articles, four of them built.
//
//	d1  gold g1 (Lavrentiev+Shamkhani), g2 (Lavrov+Zarif); predicted m1 (Lavrentiyev+Shamjani),
//	    m2 (Lavrentiev+Zarif: Lavrentiev is not Lavrov, a false alarm)
//	d2  gold g1 (Lavréntiev+Iranian delegation), g3 (three delegations); predicted m1, m3
//	    (Russia, Turkey, the UN)
//	d3  no gold meeting; predicted m4, a false alarm
//	d4  gold g4, not in the dataset
//	d6  gold g3 (weekday only), g5 (Lavréntiev+Shamjani); predicted m6 (three delegations), m1
//	d5  in the dataset, not labelled: its meeting m5 is not scored
func TestScore(t *testing.T) {
	r, err := Score(fixtureDataset, fixtureGold)
	if err != nil {
		t.Fatal(err)
	}
	prfs := []struct {
		name       string
		got        PRF
		tp, fp, fn int
		p, r, f1   float64
	}{
		{"meetings", r.Meetings, 5, 2, 2, 5.0 / 7, 5.0 / 7, 5.0 / 7},
		{"participants", r.Participants, 11, 1, 1, 11.0 / 12, 11.0 / 12, 11.0 / 12},
		{"pairwise", r.Pairwise, 1, 2, 1, 1.0 / 3, 0.5, 0.4},
	}
	for _, c := range prfs {
		g := c.got
		if g.TP != c.tp || g.FP != c.fp || g.FN != c.fn || !near(g.Precision, c.p) || !near(g.Recall, c.r) || !near(g.F1, c.f1) {
			t.Errorf("%s = %+v, want TP %d FP %d FN %d P %.3f R %.3f F1 %.3f", c.name, g, c.tp, c.fp, c.fn, c.p, c.r, c.f1)
		}
	}

	accuracies := []struct {
		name           string
		got            Accuracy
		correct, total int
	}{
		{"date", r.DateAccuracy, 2, 3},       // m3 says September 15 for the 14th
		{"weekday", r.WeekdayAccuracy, 1, 2}, // m1 is a Tuesday, g5 a Wednesday
		{"place", r.PlaceAccuracy, 4, 5},     // TEHRÁN = Tehran, Nur-Sultan = Astana; m6 has no place
		{"status", r.StatusAccuracy, 4, 5},
		{"mode", r.ModeAccuracy, 3, 5},
		{"kind", r.KindAccuracy, 4, 5},
	}
	for _, c := range accuracies {
		if c.got.Correct != c.correct || c.got.Total != c.total || !near(c.got.Value, float64(c.correct)/float64(c.total)) {
			t.Errorf("%s accuracy = %+v, want %d/%d", c.name, c.got, c.correct, c.total)
		}
	}

	// every wrong field counted above is listed on its match
	listed := map[string]int{}
	for _, a := range r.Articles {
		for _, m := range a.Matches {
			for _, d := range m.Disagree {
				field, _, _ := strings.Cut(d, " ")
				listed[field]++
			}
		}
	}
	for _, c := range accuracies {
		if listed[c.name] != c.total-c.correct {
			t.Errorf("%s: %d wrong fields listed, want %d", c.name, listed[c.name], c.total-c.correct)
		}
	}
}

func TestScoreArticles(t *testing.T) {
	r, err := Score(fixtureDataset, fixtureGold)
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		matches, misses, falseAlarms []string
		notInDataset                 bool
	}
	want := map[string]outcome{
		"d1-tehran-talks": {
			matches:     []string{"2017-09-05|lavrentiev+shamkhani|tehran=mtg_0000000000000001"},
			misses:      []string{"2017-09-07|lavrov+zarif|moscow"},
			falseAlarms: []string{"mtg_0000000000000002"},
		},
		"d2-astana-preview": {matches: []string{
			"2017-09-05|lavrentiev+shamkhani|tehran=mtg_0000000000000001",
			"2017-09-14|astana-6=mtg_0000000000000003",
		}},
		"d3-no-meeting": {falseAlarms: []string{"mtg_0000000000000004"}},
		"d4-not-built":  {misses: []string{"2017-09-20|lavrov+pedersen"}, notInDataset: true},
		"d6-astana-wrap": {matches: []string{
			// m1 shares two parties with g3 too (persons of two of its
			// delegations' countries), but only this pairing matches both.
			"2017-09-14|astana-6=mtg_0000000000000006",
			"2017-09-20|lavrentiev+shamkhani|phone=mtg_0000000000000001",
		}},
	}
	var docs []string
	for _, a := range r.Articles {
		docs = append(docs, a.DocID)
		var got outcome
		for _, m := range a.Matches {
			got.matches = append(got.matches, m.GID+"="+m.MeetingID)
		}
		for _, m := range a.Misses {
			got.misses = append(got.misses, m.GID)
		}
		for _, f := range a.FalseAlarms {
			got.falseAlarms = append(got.falseAlarms, f.MeetingID)
		}
		got.notInDataset = a.NotInDataset
		slices.Sort(got.matches)
		w := want[a.DocID]
		if !slices.Equal(got.matches, w.matches) || !slices.Equal(got.misses, w.misses) ||
			!slices.Equal(got.falseAlarms, w.falseAlarms) || got.notInDataset != w.notInDataset {
			t.Errorf("%s: got %+v, want %+v", a.DocID, got, w)
		}
	}
	if want := []string{"d1-tehran-talks", "d2-astana-preview", "d3-no-meeting", "d4-not-built", "d6-astana-wrap"}; !slices.Equal(docs, want) {
		t.Errorf("articles scored = %v, want the gold file's %v", docs, want)
	}
}

func TestWriteText(t *testing.T) {
	r, err := Score(fixtureDataset, fixtureGold)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/report.golden", b.Bytes())
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

func TestScoreErrors(t *testing.T) {
	dir := copyDataset(t, fixtureDataset)
	appendLine(t, filepath.Join(dir, "csv", "mentions.csv"),
		"men_00000000000000ff,mtg_00000000000000ff,art_0000000000000001,They met.,0,9,held,,,new,1")
	badGold := filepath.Join(t.TempDir(), "gold.jsonl")
	if err := os.WriteFile(badGold, []byte(`{"doc_id": "a", "meetings": []}`+"\n"+`{"doc_id": "a", "meetings": []}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, dataset, gold, want string
	}{
		{"dangling mention", dir, fixtureGold, "meeting mtg_00000000000000ff is not in meetings.csv"},
		{"no dataset", t.TempDir(), fixtureGold, "articles.csv"},
		{"no gold", fixtureDataset, "testdata/absent.jsonl", "absent.jsonl"},
		{"doc labelled twice", fixtureDataset, badGold, `gold.jsonl:2: doc_id "a" is labelled twice`},
	} {
		_, err := Score(c.dataset, c.gold)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// TestFixtureFollowsContract keeps the hand-written dataset honest: every
// row must pass its table's JSON Schema.
func TestFixtureFollowsContract(t *testing.T) {
	for _, dir := range []string{fixtureDataset, "testdata/corpus-dataset"} {
		checkTable[parley.Article](t, dir, "articles")
		checkTable[parley.Meeting](t, dir, "meetings")
		checkTable[parley.Participant](t, dir, "participants")
		checkTable[parley.Mention](t, dir, "mentions")
		checkTable[parley.Actor](t, dir, "actors")
	}
}

func checkTable[T any](t *testing.T, dir, table string) {
	t.Helper()
	records, err := readTable[T](dir, table)
	if err != nil {
		t.Fatal(err)
	}
	v, err := schemas.NewValidator(table)
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range records {
		violations, err := v.Validate(rec)
		if err != nil {
			t.Fatal(err)
		}
		for _, viol := range violations {
			t.Errorf("%s %s row %d: %s", dir, table, i+1, viol)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	d, err := loadDataset(fixtureDataset)
	if err != nil {
		b.Fatal(err)
	}
	gold, err := readGold(fixtureGold)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		score(d, gold)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// copyDataset copies the CSV tables of a dataset into a temporary directory.
func copyDataset(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

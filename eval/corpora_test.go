package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	fixtureCorpusDataset = "testdata/corpus-dataset"
	fixtureCorpora       = "testdata/corpora"
)

func TestScoreCorpus(t *testing.T) {
	r, err := ScoreCorpus(fixtureCorpusDataset, fixtureCorpora)
	if err != nil {
		t.Fatal(err)
	}

	// w-neg-1 has a prediction and no gold event, w-neg-2 neither; w-pos-1
	// is labelled and w-absent was not built.
	wantAlarms := []CorpusAlarm{{DocID: "w-neg-1", MeetingID: "mtg_00000000000000c1", Sentence: "Officials Maria Ortiz and Tomas Varga met reporters at the scene."}}
	if w := r.WikiEvents; w == nil || w.Documents != 2 || w.DocumentsWithAlarms != 1 || !slices.Equal(w.FalseAlarms, wantAlarms) {
		t.Errorf("wikievents = %+v, want 2 negative documents, 1 with a false alarm: %+v", w, wantAlarms)
	}

	// p-1 found (despite the double space in its text), p-2 missed, p-3 a false alarm.
	p := r.PloverGSR
	if p == nil || p.Documents != 3 || p.Predicted != 2 || p.Correct != 1 || p.Gold != 2 || p.Detected != 1 ||
		!near(p.Precision, 0.5) || !near(p.Recall, 0.5) || !near(p.F1, 0.5) {
		t.Fatalf("plover_gsr = %+v, want P = R = 1/2", p)
	}
	if len(p.FalseAlarms) != 1 || p.FalseAlarms[0].DocID != "p-3" || len(p.Misses) != 1 || p.Misses[0].DocID != "p-2" {
		t.Errorf("plover_gsr false alarms %+v, misses %+v; want p-3 and p-2", p.FalseAlarms, p.Misses)
	}

	// Lavrentiyev ~ Alexander Lavrentiev, Shamkhani ~ Ali Shamkhani, Zarif
	// found; Sergey Lavrov is not the predicted Lavrentiev.
	rams := r.RAMS
	if rams == nil || rams.Documents != 2 || rams.Events != 2 || rams.EventsDetected != 2 || rams.Participants != 4 || rams.Found != 3 ||
		!near(rams.Recall, 0.75) || !slices.Equal(rams.Misses, []CorpusMiss{{DocID: "r-2", Text: "Sergey Lavrov"}}) {
		t.Errorf("rams = %+v, want 3 of 4 participants found, Sergey Lavrov missed", rams)
	}

	if r.Geneva != nil || !slices.Equal(r.Skipped, []string{"geneva: none of its 2 documents is in the dataset"}) {
		t.Errorf("geneva = %+v, skipped = %q; want geneva skipped as not built", r.Geneva, r.Skipped)
	}
}

func TestScoreCorpusOneSet(t *testing.T) {
	r, err := ScoreCorpus(fixtureCorpusDataset, filepath.Join(fixtureCorpora, "rams"))
	if err != nil {
		t.Fatal(err)
	}
	if r.RAMS == nil || r.RAMS.Found != 3 || r.WikiEvents != nil || r.PloverGSR != nil || r.Geneva != nil || r.Skipped != nil {
		t.Errorf("scoring the rams folder alone gave %+v", r)
	}
}

func TestScoreCorpusErrors(t *testing.T) {
	broken := t.TempDir()
	if err := os.CopyFS(broken, os.DirFS(fixtureCorpora)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "rams", "gold.jsonl"), []byte(`{"doc_id": "r-1"}`+"\n"+`{"participants": []}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, dataset, corpus, want string
	}{
		{"not a set", fixtureCorpusDataset, "testdata/dataset", "no labelled set"},
		{"unknown set", fixtureCorpusDataset, "testdata", `no scorer for a set called "testdata"`},
		{"event without doc", fixtureCorpusDataset, broken, "gold.jsonl:2: no doc_id"},
		{"no dataset", t.TempDir(), fixtureCorpora, "articles.csv"},
	} {
		_, err := ScoreCorpus(c.dataset, c.corpus)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	const text = "Talks began.  Envoys met in Geneva on Monday. They agreed to meet again."
	for _, c := range []struct {
		name, a, b string
		want       bool
	}{
		{"same sentence, other spacing", "Envoys met in Geneva on Monday.", "Envoys  met in\nGeneva on Monday.", true},
		{"split finer", "Envoys met in Geneva", "Envoys met in Geneva on Monday.", true},
		{"straddling the boundary", "on Monday. They agreed", "Envoys met in Geneva on Monday.", true},
		{"neighbours", "Talks began.", "Envoys met in Geneva on Monday.", false},
		{"not in the text but contained", "They met.", "Then They met. Again.", true},
		{"not in the text, apart", "They met.", "Nobody came.", false},
		{"empty", "", "Talks began.", false},
	} {
		if got := overlaps(text, c.a, c.b); got != c.want {
			t.Errorf("%s: overlaps(%q, %q) = %v, want %v", c.name, c.a, c.b, got, c.want)
		}
	}
}

func TestCorpusWriteText(t *testing.T) {
	r, err := ScoreCorpus(fixtureCorpusDataset, fixtureCorpora)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/corpus-report.golden", b.Bytes())
}

// TestSharedCorpora runs the adapters on the real corpora next to the
// repository when they are there. It checks only that every set reads.
func TestSharedCorpora(t *testing.T) {
	const dir = "../../shared/corpora"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the shared corpora are absent (%v)", err)
	}
	d := &dataset{sources: map[string]bool{}}
	for name := range corpusScorers {
		s, err := readCorpusSet(filepath.Join(dir, name), d)
		if err != nil {
			t.Fatal(err)
		}
		if s.total == 0 {
			t.Errorf("%s: no documents read", name)
		}
	}
}

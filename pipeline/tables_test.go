package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/extract"
)

func TestWriteTableKeepsRowOrderAcrossChunks(t *testing.T) {
	redirect := func(i int) parley.Redirect {
		return parley.Redirect{RetiredID: fmt.Sprint("mtg_", i), TargetID: "mtg_0", Table: "meetings", Reason: "merged"}
	}
	load := func(i int, row *parley.Redirect) (*parley.Reject, error) {
		*row = redirect(i)
		return nil, nil
	}
	for _, rows := range []int{0, 1, chunkRows, 2*chunkRows + 1} {
		t.Run(fmt.Sprint(rows, " rows"), func(t *testing.T) {
			dir := t.TempDir()
			if err := writeTable(dir, "redirects", 3, rows, load, nil); err != nil {
				t.Fatal(err)
			}
			got := readCSV(t, filepath.Join(dir, "csv", "redirects.csv"))
			if len(got) != rows {
				t.Fatalf("%d rows written, want %d", len(got), rows)
			}
			for i, r := range got {
				if want := redirect(i).RetiredID; r["retired_id"] != want {
					t.Fatalf("row %d is %s, want %s", i, r["retired_id"], want)
				}
			}
		})
	}
}

func TestWriteTableStopsAtAFatalReject(t *testing.T) {
	bad := chunkRows + 5 // in the second chunk, after the first was written
	load := func(i int, row *parley.Redirect) (*parley.Reject, error) {
		*row = parley.Redirect{RetiredID: fmt.Sprint("mtg_", i), TargetID: "mtg_0", Table: "meetings", Reason: "merged"}
		if i == bad {
			return &parley.Reject{Message: "row " + fmt.Sprint(i) + " is wrong"}, nil
		}
		return nil, nil
	}
	dir := t.TempDir()
	err := writeTable(dir, "redirects", 2, 2*chunkRows, load, bug("a redirect fails its schema"))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprint("row ", bad, " is wrong")) {
		t.Fatalf("err = %v, want the reject of row %d", err, bad)
	}
}

func TestSentencesComeBackByArticleAndStart(t *testing.T) {
	mentions := []extract.Mention{
		{ArticleID: "art_b", Start: 0, Sentence: "Lavrov met Wang Yi in Beijing."},
		{ArticleID: "art_b", Start: 0, Sentence: "Lavrov met Wang Yi in Beijing."}, // a second meeting in one sentence
		{ArticleID: "art_b", Start: 31, Sentence: "They spoke of trade."},
		{ArticleID: "art_a", Start: 31, Sentence: "Blinken met Kuleba in Kyiv."},
	}
	g, err := newGathered(filepath.Join(t.TempDir(), "spill"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.discard()
	for i := range mentions {
		if err := g.sentences.put(&mentions[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.finish(); err != nil {
		t.Fatal(err)
	}
	for _, m := range mentions {
		got, err := g.sentences.get(m.ArticleID, m.Start)
		if err != nil || got != m.Sentence {
			t.Errorf("sentence at %d of %s = %q, %v; want %q", m.Start, m.ArticleID, got, err, m.Sentence)
		}
	}
	if got, err := g.sentences.get("art_a", 0); err == nil {
		t.Errorf("a sentence no mention has came back: %q", got)
	}
}

func TestBuildLeavesNoSpillFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	build(t, Config{Inputs: []string{sampleCorpus}, Out: out})
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{".lock": true, "csv": true, "parquet": true, "manifest.json": true, "summary.json": true}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("the build left %s in its output folder", e.Name())
		}
	}
}

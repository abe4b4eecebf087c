package release

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/ingest"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
)

const articleText = `Envoy meets security chief in Tehran

TEHRAN, Feb. 12 — Russian envoy Alexander Lavrentiev met Ali Shamkhani in Tehran on Sunday. The two discussed Syria and the talks in Astana.
`

// sampleWithArticle returns the sample dataset with its first article read
// from a real file, and its first mention pointing at the sentence about
// the meeting in that file's parsed text.
func sampleWithArticle(t *testing.T) (*writetest.Dataset, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tass-1.txt")
	if err := os.WriteFile(path, []byte(articleText), 0o644); err != nil {
		t.Fatal(err)
	}
	var unit *ingest.Unit
	if _, err := ingest.Read(context.Background(), []string{path}, ingest.Options{}, func(it ingest.Item) error {
		unit = it.Unit
		return nil
	}); err != nil || unit == nil {
		t.Fatalf("ingest %s: %v", path, err)
	}
	text := parse.Parse(unit).Text
	const sentence = "Russian envoy Alexander Lavrentiev met Ali Shamkhani in Tehran on Sunday."
	at := strings.Index(text, sentence)
	if at < 0 {
		t.Fatalf("the parsed text lacks the sentence:\n%s", text)
	}
	start := int64(len([]rune(text[:at])))

	d := writetest.Sample()
	a := &d.Articles[0]
	oldID := a.ArticleID
	a.ArticleID, a.SourceID, a.InputPath, a.SHA256 = parse.ArticleID(unit.SourceID, unit.SHA256), unit.SourceID, unit.InputPath, unit.SHA256
	for i := range d.Mentions {
		if d.Mentions[i].ArticleID == oldID {
			d.Mentions[i].ArticleID = a.ArticleID
		}
	}
	for i := range d.Articles {
		if dup := d.Articles[i].DuplicateOf; dup != nil && *dup == oldID {
			d.Articles[i].DuplicateOf = &a.ArticleID
		}
	}
	m := &d.Mentions[0]
	m.Sentence, m.Start, m.End = sentence, start, start+int64(len([]rune(sentence)))
	return d, path
}

func checkNamed(t *testing.T, checks []audit.Check, name string) audit.Check {
	t.Helper()
	i := slices.IndexFunc(checks, func(c audit.Check) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("no check %s", name)
	}
	return checks[i]
}

func TestEvidenceChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		change        func(d *writetest.Dataset, path string)
		reach, verbat string // the statuses of evidence:reachable and evidence:verbatim
		observed      string // part of the verbatim check's observed value
	}{
		{"found verbatim", func(*writetest.Dataset, string) {}, audit.StatusWarn, audit.StatusPass, "1 mention checked in 1 article"},
		{"another sentence at the offsets", func(d *writetest.Dataset, _ string) {
			d.Mentions[0].Sentence = strings.Replace(d.Mentions[0].Sentence, "Tehran", "Moscow", 1)
		}, audit.StatusWarn, audit.StatusFail, "1 mention checked"},
		{"offsets shifted", func(d *writetest.Dataset, _ string) {
			d.Mentions[0].Start++
			d.Mentions[0].End++
		}, audit.StatusWarn, audit.StatusFail, "1 mention checked"},
		{"article changed since the build", func(_ *writetest.Dataset, path string) {
			os.WriteFile(path, []byte(strings.ToUpper(articleText)), 0o644)
		}, audit.StatusWarn, audit.StatusPass, "0 mentions checked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, path := sampleWithArticle(t)
			tt.change(d, path)
			dir := t.TempDir()
			if err := d.Write(dir, write.Options{}); err != nil {
				t.Fatal(err)
			}
			db, err := duckdb.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			checks := evidenceChecks(context.Background(), db)
			reach, verbatim := checkNamed(t, checks, "evidence:reachable"), checkNamed(t, checks, "evidence:verbatim")
			if reach.Status != tt.reach || verbatim.Status != tt.verbat || !strings.Contains(verbatim.Observed, tt.observed) {
				t.Errorf("reachable %s (%s), verbatim %s (%s: %v); want %s, %s (%s)",
					reach.Status, reach.Observed, verbatim.Status, verbatim.Observed, verbatim.Failures, tt.reach, tt.verbat, tt.observed)
			}
		})
	}
}

// TestMakeStopsOnEvidenceNotInArticle: evidence that is not in its
// article stops the release; the other article, which is not on disk,
// is only a warning when everything else holds.
func TestMakeStopsOnEvidenceNotInArticle(t *testing.T) {
	t.Parallel()
	d, _ := sampleWithArticle(t)
	dest := makeRelease(t, writeBuild(t, d), "2025.01.31", "")
	report := readValidation(t, dest)
	if c := checkNamed(t, report.Checks, "evidence:verbatim"); c.Status != audit.StatusPass || !strings.Contains(c.Observed, "1 mention checked") {
		t.Errorf("evidence:verbatim %+v, want a pass over 1 mention", c)
	}
	if c := checkNamed(t, report.Checks, "evidence:reachable"); c.Status != audit.StatusWarn || len(c.Failures) != 1 {
		t.Errorf("evidence:reachable %+v, want a warning about the one article not on disk", c)
	}

	d.Mentions[0].Sentence = strings.Replace(d.Mentions[0].Sentence, "Sunday", "Monday", 1)
	err := Make(context.Background(), Options{Dataset: writeBuild(t, d), Version: "2025.01.31", Dest: filepath.Join(t.TempDir(), "r")})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Failed) != 1 || ve.Failed[0].Name != "evidence:verbatim" {
		t.Fatalf("Make = %v, want evidence:verbatim to fail alone", err)
	}
}

func TestInputFile(t *testing.T) {
	tests := []struct{ path, want string }{
		{"corpus/wire.jsonl:12", "corpus/wire.jsonl"},
		{"corpus/wire.JSONL.gz:3", "corpus/wire.JSONL.gz"},
		{"corpus/a.txt", "corpus/a.txt"},
		{"corpus/a:b.txt", "corpus/a:b.txt"},
		{"corpus/notes.txt:12", "corpus/notes.txt:12"}, // only JSONL lines carry a line
		{"corpus/wire.jsonl:", "corpus/wire.jsonl:"},
		{"corpus/wire.jsonl:1x", "corpus/wire.jsonl:1x"},
		{`C:\news\wire.jsonl:4`, `C:\news\wire.jsonl`},
	}
	for _, tt := range tests {
		if got := inputFile(tt.path); got != tt.want {
			t.Errorf("inputFile(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestLayoutChecksFindBadFiles runs the layout checks on a build written
// with one row per row group: the checks of the release name what is
// wrong with it.
func TestLayoutChecksFindBadFiles(t *testing.T) {
	dir := t.TempDir()
	d := writetest.Sample()
	slices.Reverse(d.Meetings)
	if err := d.Write(dir, write.Options{RowGroupRows: 1}); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := checkNamed(t, layoutChecks(context.Background(), db, dir, "2025.01.31"), "layout:meetings")
	if c.Status != audit.StatusFail {
		t.Fatalf("layout:meetings %+v, want a failure", c)
	}
	for _, want := range []string{"row group 0 has 1 rows", "metadata has no " + MetaReleaseVersion, "rows out of order"} {
		if !slices.ContainsFunc(c.Failures, func(f string) bool { return strings.Contains(f, want) }) {
			t.Errorf("failures %q lack %q", c.Failures, want)
		}
	}
}

func TestRowCountChange(t *testing.T) {
	t.Parallel()
	_, prev := sampleRelease(t)
	d := writetest.Sample()
	d.Rejects = d.Rejects[:1]
	cur := makeRelease(t, writeBuild(t, d), "2025.02.28", prev)
	c := checkNamed(t, readValidation(t, cur).Checks, "row_count_change")
	if c.Status != audit.StatusWarn || len(c.Failures) != 1 || !strings.Contains(c.Failures[0], "rejects: 1 rows, 2 in 2025.01.31 (-50%)") {
		t.Errorf("row_count_change %+v, want a warning about rejects", c)
	}
}

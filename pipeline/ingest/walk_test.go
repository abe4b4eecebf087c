package ingest

import (
	"context"
	"errors"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestReadWalksFoldersInOrder(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{
		"corpus/b.txt":            []byte(plainText),
		"corpus/a.txt":            []byte(plainText),
		"corpus/sub/c.jsonl":      []byte(jsonlLine("c1", "x") + "\n" + jsonlLine("c2", "y") + "\n"),
		"corpus/sub/deeper/d.txt": []byte(plainText),
		"corpus/sub-2/e.txt":      []byte(plainText),
		"corpus/notes.md":         []byte("# notes"),
		"corpus/scan.PDF":         []byte("%PDF"),
		"corpus/README":           []byte("readme"),
		"corpus/old.txt.gz":       []byte("gz"),
		"corpus/sub/f.JSONL":      []byte(jsonlLine("f1", "z")),
		"other/g.txt":             []byte(plainText),
	})
	items, m := readAll(t, Options{}, "./other/", "corpus", "missing", "corpus/a.txt")
	sameLines(t, describeAll(items), []string{
		"unit corpus/a.txt a",
		"unit corpus/b.txt b",
		"unit corpus/sub/c.jsonl:1 c1",
		"unit corpus/sub/c.jsonl:2 c2",
		"unit corpus/sub/deeper/d.txt d",
		"unit corpus/sub/f.JSONL:1 f1",
		"unit corpus/sub-2/e.txt e",
		"reject missing not_found",
		"unit other/g.txt g",
	})
	want := Manifest{
		Files: 7, Units: 8, Rejects: 1, Ignored: 4, Aliases: 1,
		IgnoredByExtension: map[string]int64{".md": 1, ".pdf": 1, "": 1, ".gz": 1},
	}
	if !sameManifest(m, want) {
		t.Errorf("manifest %+v, want %+v", m, want)
	}
}

func sameManifest(a, b Manifest) bool {
	return maps.Equal(a.IgnoredByExtension, b.IgnoredByExtension) &&
		a.Files == b.Files && a.Units == b.Units && a.Rejects == b.Rejects && a.Ignored == b.Ignored && a.Aliases == b.Aliases
}

func TestReadDuplicateIDsAcrossFiles(t *testing.T) {
	// Source ids are unique across the whole input: article ids hash them,
	// so a repeat is rejected wherever it comes from, and the first in path
	// order is kept.
	inTempDir(t)
	writeTree(t, map[string][]byte{
		"2017/report.txt": []byte(plainText),
		"2018/report.txt": []byte("Another text.\n"),
		"feed.jsonl":      []byte(jsonlLine("report", "From the feed.") + "\n"),
	})
	items, _ := readAll(t, Options{}, ".")
	sameLines(t, describeAll(items), []string{
		"unit 2017/report.txt report",
		"reject 2018/report.txt duplicate_id",
		"reject feed.jsonl:1 duplicate_id",
	})
}

func TestReadIgnoresInputOrder(t *testing.T) {
	inTempDir(t)
	files := map[string][]byte{
		"a/1.txt":     []byte(plainText),
		"a/2.txt":     []byte(plainText),
		"a/x.jsonl":   mixedJSONL,
		"b/1.txt":     []byte("Same name as a/1.txt.\n"),
		"b/dup.jsonl": []byte(jsonlLine("a1", "Clashes with a/x.jsonl.") + "\n" + jsonlLine("b9", "New.")),
		"c.txt":       binaryBytes(100),
		"d.jsonl.gz":  gzipBytes(t, jsonlLine("d1", "Zipped.")),
		"e.txt":       windows1252Text,
	}
	writeTree(t, files)
	inputs := append(slices.Sorted(maps.Keys(files)), "a", "b", "nowhere")
	want, _ := readAll(t, Options{}, inputs...)

	rng := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		rng.Shuffle(len(inputs), func(i, j int) { inputs[i], inputs[j] = inputs[j], inputs[i] })
		got, _ := readAll(t, Options{}, inputs...)
		if len(got) != len(want) {
			t.Fatalf("inputs %q: %d items, want %d", inputs, len(got), len(want))
		}
		for i := range got {
			if !sameItem(got[i], want[i]) {
				t.Fatalf("inputs %q: item %d is %q, want %q", inputs, i, describe(got[i]), describe(want[i]))
			}
		}
	}
}

// sameItem compares items in full, metadata and messages included.
func sameItem(a, b Item) bool {
	if a.Unit != nil && b.Unit != nil {
		x, y := *a.Unit, *b.Unit
		return slices.Equal(x.Warnings, y.Warnings) && sameString(x.Title, y.Title) && sameString(x.URL, y.URL) &&
			sameString(x.Outlet, y.Outlet) && sameString(x.Published, y.Published) && sameString(x.Language, y.Language) &&
			x.InputPath == y.InputPath && x.Line == y.Line && x.SourceID == y.SourceID && x.Text == y.Text &&
			x.Encoding == y.Encoding && x.SHA256 == y.SHA256
	}
	if a.Reject != nil && b.Reject != nil {
		x, y := *a.Reject, *b.Reject
		return x.InputPath == y.InputPath && sameString(x.SourceID, y.SourceID) && x.Stage == y.Stage &&
			x.Rule == y.Rule && x.Message == y.Message && (x.Line == nil) == (y.Line == nil) && (x.Line == nil || *x.Line == *y.Line)
	}
	return false
}

func sameString(a, b *string) bool { return a == b || a != nil && b != nil && *a == *b }

func TestReadStops(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{
		"a.txt":   []byte(plainText),
		"b.jsonl": []byte(jsonlLine("b1", "x") + "\n" + jsonlLine("b2", "y") + "\n"),
		"c.txt":   []byte(plainText),
	})
	stop := errors.New("stop")
	t.Run("emit error", func(t *testing.T) {
		var n int
		_, err := Read(context.Background(), []string{"."}, Options{}, func(Item) error {
			n++
			if n == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 2 {
			t.Errorf("err %v after %d items, want stop after 2", err, n)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var n int
		_, err := Read(ctx, []string{"."}, Options{}, func(Item) error {
			n++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("err %v after %d items, want context.Canceled after 1", err, n)
		}
	})
}

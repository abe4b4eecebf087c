package gencorpus_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parleydata/parley/gencorpus"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

func write(t testing.TB, dir string, opts gencorpus.Options) gencorpus.Stats {
	t.Helper()
	s, err := gencorpus.Write(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSameSeedSameBytes(t *testing.T) {
	const n, size = 350, 100
	one, four := t.TempDir(), t.TempDir()
	s := write(t, one, gencorpus.Options{Articles: n, Seed: 7, ShardSize: size, Workers: 1})
	write(t, four, gencorpus.Options{Articles: n, Seed: 7, ShardSize: size, Workers: 4})
	if s.Files != 4 || s.Articles != n {
		t.Fatalf("wrote %d files, %d articles; want 4, %d", s.Files, s.Articles, n)
	}
	for i := range s.Files {
		if !bytes.Equal(read(t, shard(one, i)), read(t, shard(four, i))) {
			t.Errorf("%s differs between 1 and 4 workers", filepath.Base(shard(one, i)))
		}
	}
	other := t.TempDir()
	write(t, other, gencorpus.Options{Articles: 50, Seed: 8})
	if bytes.HasPrefix(read(t, shard(one, 0)), read(t, shard(other, 0))[:200]) {
		t.Error("seeds 7 and 8 start with the same article")
	}
}

// A corpus grown with the same seed keeps its articles: a rebuild after
// adding articles sees the old ones unchanged.
func TestGrownCorpusKeepsItsArticles(t *testing.T) {
	small, large := t.TempDir(), t.TempDir()
	write(t, small, gencorpus.Options{Articles: 150, Seed: 3, ShardSize: 100})
	write(t, large, gencorpus.Options{Articles: 260, Seed: 3, ShardSize: 100})
	if !bytes.Equal(read(t, shard(small, 0)), read(t, shard(large, 0))) {
		t.Error("the full first shard changed when the corpus grew")
	}
	a, b := read(t, shard(small, 1)), read(t, shard(large, 1))
	if len(a) >= len(b) || !bytes.HasPrefix(b, a) {
		t.Errorf("the second shard of 50 articles (%d bytes) is not a prefix of the one of 100 (%d bytes)", len(a), len(b))
	}
}

func shard(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("part-%05d.jsonl", i))
}

func TestArticleSizesAndMix(t *testing.T) {
	const n = 3000
	counts := map[gencorpus.Kind]int{}
	for _, a := range gencorpus.Articles(11, n) {
		if len(a.Text) < gencorpus.MinBytes || len(a.Text) > gencorpus.MaxBytes {
			t.Errorf("%s: %d bytes, want %d to %d", a.ID, len(a.Text), gencorpus.MinBytes, gencorpus.MaxBytes)
		}
		if a.Title == "" || a.Source == "" {
			t.Errorf("%s: title %q, source %q", a.ID, a.Title, a.Source)
		}
		counts[a.Truth.Kind]++
		if a.Truth.Kind == gencorpus.Reprint && a.Truth.Original == "" {
			t.Errorf("%s: a reprint of nothing", a.ID)
		}
	}
	want := map[gencorpus.Kind][2]float64{ // share of the corpus, low and high
		gencorpus.Held: {0.35, 0.46}, gencorpus.Planned: {0.06, 0.12}, gencorpus.Cancelled: {0.04, 0.08},
		gencorpus.Other: {0.36, 0.44}, gencorpus.Reprint: {0.035, 0.065},
	}
	for k, r := range want {
		if share := float64(counts[k]) / n; share < r[0] || share > r[1] {
			t.Errorf("%s: %.3f of the corpus, want %.2f to %.2f", k, share, r[0], r[1])
		}
	}
}

// reportsItsMeeting says whether extraction does with a generated article
// what the generator meant: for a meeting, a mention with its status and
// all its parties (in any spelling); for any other article, no mention.
func reportsItsMeeting(a gencorpus.Article, ms []extract.Mention) bool {
	if a.Truth.Status == "" {
		return len(ms) == 0
	}
	for _, m := range ms {
		found := 0
		for _, want := range a.Truth.Parties {
			for _, p := range m.Parties {
				if _, ok := names.Match(p.Name, want); ok {
					found++
					break
				}
			}
		}
		if m.Status == a.Truth.Status && found == len(a.Truth.Parties) {
			return true
		}
	}
	return false
}

func TestExtractReadsGeneratedArticles(t *testing.T) {
	n := 80
	if testing.Short() {
		n = 25
	}
	const seed = 5
	units, err := gencorpus.Units(t.TempDir(), seed, n)
	if err != nil {
		t.Fatal(err)
	}
	articles := gencorpus.Articles(seed, n)
	ex := extract.New(refdata.DefaultRegistry())
	firstOfKind := map[gencorpus.Kind]bool{}
	var meetings, meetingsFound, others, othersQuiet int
	for i, u := range units {
		a := articles[i]
		if u.SourceID != a.ID {
			t.Fatalf("unit %d is %s, want %s", i, u.SourceID, a.ID)
		}
		ok := reportsItsMeeting(a, ex.Extract(parse.Parse(u)))
		if !firstOfKind[a.Truth.Kind] {
			firstOfKind[a.Truth.Kind] = true
			if !ok {
				t.Errorf("the first %s article, %s, does not read as generated: %+v", a.Truth.Kind, a.ID, a.Truth)
			}
		}
		if a.Truth.Status == "" {
			others++
			if ok {
				othersQuiet++
			}
		} else {
			meetings++
			if ok {
				meetingsFound++
			}
		}
	}
	if len(firstOfKind) < 4 {
		t.Errorf("%d articles hold only %d kinds", n, len(firstOfKind))
	}
	// The bars leave room for the extractor's known misses (names ending in
	// a lowercase particle, a cancellation stated far after its trigger).
	if r := float64(meetingsFound) / float64(meetings); r < 0.85 {
		t.Errorf("extraction finds %d of %d generated meetings (%.2f), want at least 0.85", meetingsFound, meetings, r)
	}
	if r := float64(othersQuiet) / float64(others); r < 0.85 {
		t.Errorf("extraction is quiet on %d of %d articles without a meeting (%.2f), want at least 0.85", othersQuiet, others, r)
	}
}

func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	var s gencorpus.Stats
	b.ReportAllocs()
	for b.Loop() {
		s = write(b, dir, gencorpus.Options{Articles: 2000, Seed: 1, Workers: 1})
	}
	b.SetBytes(s.TextBytes)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*s.Articles), "ns/article")
}

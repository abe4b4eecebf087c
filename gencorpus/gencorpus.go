// Package gencorpus generates a synthetic news corpus for benchmarks and
// scale tests of Parley: wire reports of meetings held (in person, by
// phone, by video), planned and cancelled; articles that report no meeting
// (statements, the economy, offers to meet, idioms with meeting words);
// reprints of earlier reports by other outlets; officials under several
// spellings; dates stated several ways; headings, bylines, boilerplate and
// background paragraphs, so that articles are 2–6 KB like real ones.
//
// Officials come from the embedded actor registry (package refdata), plus
// invented officials the registry does not know, as in real news. Every
// sentence is composed from this package's own templates.
//
// The output is deterministic: the same seed gives the same bytes whatever
// the parallelism, and the corpus of n articles is a prefix of the corpus
// of m > n articles with the same seed, so growing a corpus leaves the
// articles it already had unchanged. Officials and places come from the
// embedded reference data, so a new version of it changes the corpus.
package gencorpus

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/parleydata/parley/pipeline/ingest"
)

// ShardSize is the default number of articles per output file.
const ShardSize = 10_000

// Options say what corpus to write. Each shard is generated from the seed
// and its number alone, so a corpus is the same only for the same seed and
// shard size.
type Options struct {
	Articles  int
	Seed      uint64
	ShardSize int // articles per file; ShardSize when 0
	Workers   int // shards written at once; runtime.NumCPU() when 0
}

// Stats describe a written corpus.
type Stats struct {
	Files     int
	Articles  int
	TextBytes int64 // article text, the part a build reads
	FileBytes int64 // JSONL on disk
	Kinds     [numKinds]int
}

// Write writes opts.Articles articles into dir as JSONL shards
// part-00000.jsonl, part-00001.jsonl, ... of ShardSize articles each.
func Write(ctx context.Context, dir string, opts Options) (Stats, error) {
	if opts.Articles < 0 || opts.ShardSize < 0 {
		return Stats{}, fmt.Errorf("gencorpus: %d articles in shards of %d", opts.Articles, opts.ShardSize)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("gencorpus: %w", err)
	}
	size := cmp.Or(opts.ShardSize, ShardSize)
	shards := (opts.Articles + size - 1) / size
	stats := make([]Stats, shards)
	errs := make([]error, shards)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	slots := make(chan struct{}, max(1, cmp.Or(opts.Workers, runtime.NumCPU())))
	var wg sync.WaitGroup
	for shard := range shards {
		first := shard * size
		n := min(size, opts.Articles-first)
		path := filepath.Join(dir, fmt.Sprintf("part-%05d.jsonl", shard))
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if stats[shard], errs[shard] = writeShard(ctx, path, newGenerator(opts.Seed, shard, first), n); errs[shard] != nil {
				cancel()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Stats{}, err
	}
	var total Stats
	for _, s := range stats {
		total.Files += s.Files
		total.Articles += s.Articles
		total.TextBytes += s.TextBytes
		total.FileBytes += s.FileBytes
		for k := range total.Kinds {
			total.Kinds[k] += s.Kinds[k]
		}
	}
	return total, nil
}

func writeShard(ctx context.Context, path string, g *generator, n int) (s Stats, err error) {
	f, err := os.Create(path)
	if err != nil {
		return s, fmt.Errorf("gencorpus: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("gencorpus: %w", cerr)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	counted := &countingWriter{w: w}
	enc := json.NewEncoder(counted)
	enc.SetEscapeHTML(false)
	for i := range n {
		if i%1000 == 0 && ctx.Err() != nil {
			return s, ctx.Err()
		}
		a := g.article()
		if err := enc.Encode(&a); err != nil {
			return s, fmt.Errorf("gencorpus: write %s: %w", path, err)
		}
		s.Articles++
		s.TextBytes += int64(len(a.Text))
		s.Kinds[a.Truth.Kind]++
	}
	if err := w.Flush(); err != nil {
		return s, fmt.Errorf("gencorpus: write %s: %w", path, err)
	}
	s.Files, s.FileBytes = 1, counted.n
	return s, nil
}

type countingWriter struct {
	w *bufio.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Articles returns the first n articles of the corpus with that seed and
// a shard size of at least n: the articles Write puts into the first file.
func Articles(seed uint64, n int) []Article {
	g := newGenerator(seed, 0, 0)
	out := make([]Article, n)
	for i := range out {
		out[i] = g.article()
	}
	return out
}

// Units writes the first n articles of the corpus with that seed into dir
// and reads them back through ingest, as a build does: the input of stage
// benchmarks and tests. Units and Articles(seed, n) are in the same order.
func Units(dir string, seed uint64, n int) ([]*ingest.Unit, error) {
	if _, err := Write(context.Background(), dir, Options{Articles: n, Seed: seed}); err != nil {
		return nil, err
	}
	var units []*ingest.Unit
	_, err := ingest.Read(context.Background(), []string{dir}, ingest.Options{}, func(it ingest.Item) error {
		if it.Reject != nil {
			return fmt.Errorf("gencorpus: generated article rejected: %s", it.Reject.Message)
		}
		units = append(units, it.Unit)
		return nil
	})
	return units, err
}

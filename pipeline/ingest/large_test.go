package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

// needLarge skips the slow, disk-hungry tests unless PARLEY_LARGE=1 (as
// `make test-large` sets it) and -short is off.
func needLarge(t *testing.T) {
	t.Helper()
	if testing.Short() || os.Getenv("PARLEY_LARGE") != "1" {
		t.Skip("large input test: set PARLEY_LARGE=1 to run")
	}
}

// allocatedDuring returns the bytes allocated while f ran. It bounds the
// heap growth f caused from above.
func allocatedDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// writeRepeated writes a file of size bytes: head, then text over and over.
func writeRepeated(t *testing.T, path, head, text string, size int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(head)
	for n := len(head); n < size; n += len(text) {
		w.WriteString(text)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

const mib = 1 << 20

func TestLargeArticle(t *testing.T) {
	needLarge(t)
	path := filepath.Join(t.TempDir(), "huge.txt")
	writeRepeated(t, path, "", "Delegations met again today in Vienna. ", 50*mib)

	var items []Item
	start := time.Now()
	alloc := allocatedDuring(func() { items, _ = readAll(t, Options{}, path) })
	t.Logf("50 MiB article: %v, %.1f MiB allocated", time.Since(start), float64(alloc)/mib)

	u := onlyUnit(t, items)
	if len(u.Text) != DefaultMaxArticleBytes || !slices.Equal(u.Warnings, []string{"truncated at 4194304 bytes"}) {
		t.Errorf("text of %d bytes, warnings %q", len(u.Text), u.Warnings)
	}
	// The 4 MiB read buffer and the 4 MiB text: far below the file.
	if alloc > 12*mib {
		t.Errorf("allocated %.1f MiB for a 50 MiB file, want < 12 MiB", float64(alloc)/mib)
	}
}

func TestLongLineWithoutNewline(t *testing.T) {
	needLarge(t)
	path := filepath.Join(t.TempDir(), "long.jsonl")
	writeRepeated(t, path, `{"id":"long","text":"`, "word ", 10*mib) // no closing quote, no newline

	for _, tt := range []struct {
		maxLine  int64
		maxAlloc uint64
	}{
		{DefaultMaxLineBytes, 17 * mib}, // the line buffer grows to the limit, 16 MiB in all
		{1 * mib, 3 * mib},
	} {
		t.Run(fmt.Sprintf("limit %d MiB", tt.maxLine/mib), func(t *testing.T) {
			var items []Item
			start := time.Now()
			alloc := allocatedDuring(func() { items, _ = readAll(t, Options{MaxLineBytes: tt.maxLine}, path) })
			t.Logf("10 MiB line, limit %d MiB: %v, %.1f MiB allocated", tt.maxLine/mib, time.Since(start), float64(alloc)/mib)
			if rej := onlyReject(t, items).Reject; rej.Rule != RuleLineTooLong || *rej.Line != 1 {
				t.Errorf("reject %+v", *rej)
			}
			if alloc > tt.maxAlloc {
				t.Errorf("allocated %.1f MiB, want < %d MiB", float64(alloc)/mib, tt.maxAlloc/mib)
			}
		})
	}
}

func TestManySmallFiles(t *testing.T) {
	needLarge(t)
	const n = 100_000
	dir := filepath.Join(t.TempDir(), "many")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := fmt.Sprintf("Report %d: the envoys met.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%06d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var peak uint64
	var stats runtime.MemStats
	var count int
	var last string
	start := time.Now()
	m, err := Read(context.Background(), []string{dir}, Options{}, func(it Item) error {
		if it.Unit == nil || it.Unit.SourceID <= last {
			return fmt.Errorf("item %d out of order or rejected: %s", count, describe(it))
		}
		last = it.Unit.SourceID
		if count++; count%1000 == 0 {
			runtime.ReadMemStats(&stats)
			peak = max(peak, stats.HeapInuse)
		}
		return nil
	})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files: %v (%.0f files/s), peak heap in use %.1f MiB", n, elapsed, n/elapsed.Seconds(), float64(peak)/mib)
	if m.Files != n || m.Units != n || m.Rejects != 0 || last != "099999" {
		t.Errorf("manifest %+v, last id %q", m, last)
	}
	if peak > 128*mib {
		t.Errorf("peak heap in use %.1f MiB, want < 128 MiB", float64(peak)/mib)
	}
}

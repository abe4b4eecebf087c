package pipeline

import (
	"errors"
	"fmt"
	"sync"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/validate"
	"github.com/parleydata/parley/pipeline/write"
)

// chunkRows is how many rows of a table are in memory at once on their way
// from disk to the writer.
const chunkRows = 8192

// writeTable writes the n rows of a table a chunk at a time. load fills
// (and validates) row i on every worker; rejected sees the rejects of a
// chunk in row order before the chunk is written, and may stop the table.
// Tables whose rows cannot be rejected pass a nil rejected. After an error
// the rows written so far may be left in dir: the build discards its
// staging folder.
func writeTable[T any](dir, table string, workers, n int, load func(i int, row *T) (*parley.Reject, error), rejected func(*parley.Reject) error) error {
	w, err := write.Create(dir, table, write.Options{Metadata: map[string]string{"parley.dataset_version": DatasetVersion}})
	if err != nil {
		return err
	}
	rows := make([]T, min(n, chunkRows))
	rejects := make([]*parley.Reject, len(rows))
	for lo := 0; lo < n; lo += chunkRows {
		chunk := rows[:min(chunkRows, n-lo)]
		err := forEach(workers, len(chunk), func(i int) (err error) {
			rejects[i], err = load(lo+i, &chunk[i])
			return err
		})
		for _, rej := range rejects[:len(chunk)] {
			if err == nil && rej != nil {
				err = rejected(rej)
			}
		}
		if err != nil {
			w.Close()
			return fmt.Errorf("write %s: %w", table, err)
		}
		for i := range chunk {
			if err := w.Write(&chunk[i]); err != nil {
				w.Close()
				return err
			}
		}
	}
	return w.Close()
}

// copyRows loads rows that are already in memory and valid.
func copyRows[T any](rows []T) func(int, *T) (*parley.Reject, error) {
	return func(i int, row *T) (*parley.Reject, error) {
		*row = rows[i]
		return nil, nil
	}
}

// bug turns the reject of a record the pipeline made itself into an error
// that stops the build.
func bug(what string) func(*parley.Reject) error {
	return func(rej *parley.Reject) error { return fmt.Errorf("%s: %s", what, rej.Message) }
}

// checker validates records on every worker.
type checker struct {
	*validate.Checker
	workers int
}

// all validates n records of a table and returns each one's reject, nil
// where it conforms. record returns the record and the article a reject
// names.
func (c *checker) all(table string, n int, record func(i int) (any, articleSource)) ([]*parley.Reject, error) {
	out := make([]*parley.Reject, n)
	err := forEach(c.workers, n, func(i int) (err error) {
		rec, src := record(i)
		out[i], err = c.Check(table, rec, src.inputPath, src.sourceID)
		return err
	})
	return out, err
}

// forEach calls fn for every i in [0, n) on workers goroutines and returns
// the first error of each goroutine.
func forEach(workers, n int, fn func(i int) error) error {
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if errs[w] = fn(i); errs[w] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

package audit

import (
	"bytes"
	"context"
	"encoding/csv"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
	"github.com/parleydata/parley/schemas"
)

// FuzzParityCSV feeds arbitrary bytes as the CSV file of the mentions table
// (quotes, line breaks, non-ASCII text). The check must never panic, and it
// may pass only when the bytes hold exactly the records of the real file.
func FuzzParityCSV(f *testing.F) {
	const table = "mentions"
	dir := f.TempDir()
	if err := writetest.Sample().Write(dir, write.Options{}); err != nil {
		f.Fatal(err)
	}
	original, err := os.ReadFile(filepath.Join(dir, "csv", table+".csv"))
	if err != nil {
		f.Fatal(err)
	}
	rows := parquetRows(f, dir, table)
	want := records(original)

	f.Add(original)
	f.Add(bytes.ReplaceAll(original, []byte("\n"), []byte("\r\n")))
	f.Add(bytes.Replace(original, []byte("'@UN"), []byte("@UN"), 1))
	f.Add(original[:len(original)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		c := newCheck("parity:"+table, SeverityError, "")
		got := compareCSV(c, schemas.MustLookup(table), bytes.NewReader(data), each(rows))
		if got.Status == StatusPass && !reflect.DeepEqual(records(data), want) {
			t.Errorf("parity passed for a different file:\n%q", data)
		}
	})
}

// parquetRows reads a table's rows through DuckDB.
func parquetRows(tb testing.TB, dir, table string) [][]any {
	tb.Helper()
	db, err := duckdb.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	res, err := db.Query(context.Background(), "SELECT * FROM "+duckdb.Ident(table))
	if err != nil {
		tb.Fatal(err)
	}
	return res.Rows
}

// each yields rows without an error.
func each(rows [][]any) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// records parses CSV bytes, or returns nil.
func records(data []byte) [][]string {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil
	}
	return recs
}

package audit

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/schemas"
)

// parity checks that the CSV file of a table holds the Parquet file's rows,
// in the same order, each cell in the CSV form package write documents.
func (a *auditor) parity(ctx context.Context, table string) Check {
	c := newCheck("parity:"+table, SeverityError, "CSV rows = Parquet rows, cell for cell, 0 differing rows")
	f, err := os.Open(filepath.Join(a.dir, "csv", table+".csv"))
	if err != nil {
		return c.error(err)
	}
	defer f.Close()
	rows, err := a.db.SQL().QueryContext(ctx, "SELECT * FROM "+duckdb.Ident(table))
	if err != nil {
		return c.error(err)
	}
	defer rows.Close()
	t := schemas.MustLookup(table)
	return compareCSV(c, t, bufio.NewReader(f), scan(rows, len(t.Columns)))
}

// scan yields the rows of a result, reusing one slice, then the error that
// ended them, if any.
func scan(rows *sql.Rows, columns int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		values := make([]any, columns)
		ptrs := make([]any, columns)
		for i := range values {
			ptrs[i] = &values[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				yield(nil, err)
				return
			}
			if !yield(values, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, err)
		}
	}
}

// compareCSV reads a table's CSV file and compares it with the table's
// Parquet rows.
func compareCSV(c *checkBuilder, t *schemas.Table, csvFile io.Reader, parquet iter.Seq2[[]any, error]) Check {
	r := csv.NewReader(csvFile)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return c.error(fmt.Errorf("read CSV header: %w", err))
	}
	if !slices.Equal(header, t.ColumnNames()) {
		c.Observed = "CSV header differs from the schema"
		c.fail("CSV header: " + strings.Join(header, ","))
		return c.done()
	}
	var parquetRows, csvRows, differing int64
	csvDone := false
	// readCSV reads the next record, or reports why there is none.
	readCSV := func() []string {
		record, err := r.Read()
		if err != nil {
			csvDone = true
			if !errors.Is(err, io.EOF) {
				c.fail(fmt.Sprintf("CSV: %v", err))
			}
			return nil
		}
		csvRows++
		return record
	}
	for values, err := range parquet {
		if err != nil {
			return c.error(err)
		}
		parquetRows++
		if csvDone {
			continue
		}
		if record := readCSV(); record != nil {
			if msg := diff(t, values, record); msg != "" {
				differing++
				c.fail(fmt.Sprintf("row %d (%s): %s", parquetRows, keyOf(t, values), msg))
			}
		}
	}
	for !csvDone {
		readCSV()
	}
	if csvRows != parquetRows {
		c.fail(fmt.Sprintf("CSV has %s, Parquet %s", plural(csvRows, "row"), plural(parquetRows, "row")))
	}
	c.Observed = fmt.Sprintf("%s in Parquet, %s in CSV, %d differing", plural(parquetRows, "row"), plural(csvRows, "row"), differing)
	return c.done()
}

// diff describes the first cell in which a CSV record differs from a Parquet
// row, or returns "".
func diff(t *schemas.Table, values []any, record []string) string {
	for i, v := range values {
		if want := csvCell(v); record[i] != want {
			return fmt.Sprintf("%s is %s in CSV, %s in Parquet", t.Columns[i].Name, short(record[i]), short(want))
		}
	}
	return ""
}

// csvCell is the CSV form of a value scanned from DuckDB.
func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return write.EscapeFormula(v)
	case time.Time:
		return v.Format(time.DateOnly)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return fmt.Sprint(v)
		}
		return strings.TrimSuffix(buf.String(), "\n")
	}
	return fmt.Sprint(v)
}

// keyOf names a row by its primary key.
func keyOf(t *schemas.Table, values []any) string {
	record := make(map[string]any, len(t.PrimaryKey))
	for i, col := range t.Columns {
		if slices.Contains(t.PrimaryKey, col.Name) {
			record[col.Name] = values[i]
		}
	}
	return rowKey(t, record)
}

// short quotes s, cut to a readable length.
func short(s string) string {
	const limit = 60
	if r := []rune(s); len(r) > limit {
		s = string(r[:limit]) + "…"
	}
	return strconv.Quote(s)
}

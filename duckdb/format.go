package duckdb

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
)

// Formats that Result.Write accepts.
var Formats = []string{"table", "csv", "json"}

// Write writes the result in a format:
//   - "table": aligned plain text with the column names, their types and a
//     row count, NULL for null;
//   - "csv": RFC 4180 with a header row, null as an empty cell, values as is;
//   - "json": an array with one object per row, keys in column order.
//
// Dates are YYYY-MM-DD; lists, structs and maps are JSON in table and CSV
// output.
func (r *Result) Write(w io.Writer, format string) error {
	var err error
	switch format {
	case "table":
		err = r.writeTable(w)
	case "csv":
		err = r.writeCSV(w)
	case "json":
		err = r.writeJSON(w)
	default:
		return fmt.Errorf("unknown format %q, want one of %s", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", format, err)
	}
	return nil
}

func (r *Result) writeTable(w io.Writer) error {
	cells := make([][]string, len(r.Rows))
	widths := make([]int, len(r.Columns))
	for i, name := range r.Columns {
		widths[i] = max(utf8.RuneCountInString(name), utf8.RuneCountInString(r.Types[i]))
	}
	for i, row := range r.Rows {
		cells[i] = make([]string, len(row))
		for j, v := range row {
			s := "NULL"
			if v != nil {
				// Keep one row per line.
				s = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(text(v, r.Types[j]))
			}
			cells[i][j] = s
			widths[j] = max(widths[j], utf8.RuneCountInString(s))
		}
	}
	numeric := make([]bool, len(r.Types))
	for i, t := range r.Types {
		numeric[i] = isNumeric(t)
	}
	bw := bufio.NewWriter(w)
	line := func(cells []string, rightAlign []bool) {
		for j, s := range cells {
			if j > 0 {
				bw.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(s))
			if rightAlign != nil && rightAlign[j] {
				bw.WriteString(pad + s)
			} else if j < len(cells)-1 {
				bw.WriteString(s + pad)
			} else {
				bw.WriteString(s) // no trailing blanks
			}
		}
		bw.WriteByte('\n')
	}
	line(r.Columns, nil)
	line(r.Types, nil)
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	line(rule, nil)
	for _, row := range cells {
		line(row, numeric)
	}
	noun := "rows"
	if len(r.Rows) == 1 {
		noun = "row"
	}
	fmt.Fprintf(bw, "(%d %s)\n", len(r.Rows), noun)
	return bw.Flush()
}

func isNumeric(duckType string) bool {
	switch duckType {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
		"UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE":
		return true
	}
	return strings.HasPrefix(duckType, "DECIMAL")
}

func (r *Result) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Columns); err != nil {
		return err
	}
	record := make([]string, len(r.Columns))
	for _, row := range r.Rows {
		for j, v := range row {
			record[j] = ""
			if v != nil {
				record[j] = text(v, r.Types[j])
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (r *Result) writeJSON(w io.Writer) error {
	keys := make([][]byte, len(r.Columns))
	for i, name := range r.Columns {
		keys[i], _ = marshal(name) // a string always encodes
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	for i, row := range r.Rows {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n{")
		for j, v := range row {
			if j > 0 {
				bw.WriteByte(',')
			}
			value, err := marshal(jsonValue(v, r.Types[j]))
			if err != nil {
				return fmt.Errorf("row %d, column %s: %w", i+1, r.Columns[j], err)
			}
			bw.Write(keys[j])
			bw.WriteByte(':')
			bw.Write(value)
		}
		bw.WriteString("}")
	}
	if len(r.Rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// text returns the text form of a non-null value of a DuckDB type.
func text(v any, duckType string) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case time.Time:
		return timeText(v, duckType)
	case []byte:
		if duckType == "UUID" {
			var u duckdb.UUID
			copy(u[:], v)
			return u.String()
		}
		return `\x` + hex.EncodeToString(v)
	case duckdb.Decimal:
		return v.String()
	case *big.Int:
		return v.String()
	case []any, map[string]any, duckdb.Map, duckdb.Interval, duckdb.Union:
		if b, err := marshal(jsonValue(v, duckType)); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v) // integers of every width
}

// timeText formats the date and time types the way DuckDB prints them.
func timeText(t time.Time, duckType string) string {
	switch duckType {
	case "DATE":
		return t.Format(time.DateOnly)
	case "TIME":
		return t.Format("15:04:05.999999")
	case "TIMETZ":
		return t.Format("15:04:05.999999-07:00")
	case "TIMESTAMPTZ":
		return t.Format(time.RFC3339Nano)
	case "":
		// Nested in a list or struct, where the type is not at hand: a
		// midnight UTC value is most likely a DATE.
		if t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour)) {
			return t.Format(time.DateOnly)
		}
	}
	return t.Format("2006-01-02 15:04:05.999999")
}

// jsonValue converts a scanned value into one that encoding/json writes the
// way a reader expects: dates as strings, decimals as numbers.
func jsonValue(v any, duckType string) any {
	switch v := v.(type) {
	case time.Time, []byte:
		return text(v, duckType)
	case duckdb.Decimal:
		return json.Number(v.String())
	case *big.Int:
		return json.Number(v.String())
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return text(v, duckType) // JSON has no NaN or infinity
		}
	case float32:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return text(v, duckType)
		}
	case []any:
		elem := strings.TrimSuffix(duckType, "[]")
		if elem == duckType {
			elem = ""
		}
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e, elem)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = jsonValue(e, "")
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[fmt.Sprint(k)] = jsonValue(e, "")
		}
		return out
	case duckdb.Union:
		return map[string]any{v.Tag: jsonValue(v.Value, "")}
	}
	return v
}

// marshal encodes v as JSON without escaping <, > and &, which only matter
// inside HTML.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

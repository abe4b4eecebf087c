package write

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula (OWASP, CSV injection).
const formulaStarts = "=+-@\t\r"

// EscapeFormula returns s as the CSV files store a text cell: with a leading
// apostrophe when s starts like a formula, unchanged otherwise.
func EscapeFormula(s string) string {
	if looksLikeFormula(s) {
		return "'" + s
	}
	return s
}

func looksLikeFormula(s string) bool {
	return s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0
}

// csvEncoder writes record batches as CSV rows, byte for byte as
// encoding/csv.Writer with its default options would, without building a
// []string per row.
type csvEncoder struct {
	w    io.Writer
	line []byte // the current row
	cell []byte // the current cell, before quoting
}

func newCSVEncoder(w io.Writer, header []string) (*csvEncoder, error) {
	e := &csvEncoder{w: w}
	for j, name := range header {
		if j > 0 {
			e.line = append(e.line, ',')
		}
		e.line = appendField(e.line, []byte(name))
	}
	_, err := w.Write(append(e.line, '\n'))
	return e, err
}

func (e *csvEncoder) encode(rec arrow.RecordBatch) error {
	cells := make([]cellFunc, rec.NumCols())
	for j, col := range rec.Columns() {
		cells[j] = cellsOf(col)
	}
	for i := range int(rec.NumRows()) {
		e.line = e.line[:0]
		for j, cell := range cells {
			if j > 0 {
				e.line = append(e.line, ',')
			}
			e.cell = cell(e.cell[:0], i)
			e.line = appendField(e.line, e.cell)
		}
		e.line = append(e.line, '\n')
		if _, err := e.w.Write(e.line); err != nil {
			return err
		}
	}
	return nil
}

// appendField appends a cell to a CSV line, quoted when encoding/csv would
// quote it: when it holds a comma, a quote or a line break, starts with a
// space, or is \. (which PostgreSQL reads as the end of data).
func appendField(line, cell []byte) []byte {
	if !needsQuotes(cell) {
		return append(line, cell...)
	}
	line = append(line, '"')
	for {
		i := bytes.IndexByte(cell, '"')
		if i < 0 {
			break
		}
		line = append(line, cell[:i+1]...)
		line = append(line, '"')
		cell = cell[i+1:]
	}
	line = append(line, cell...)
	return append(line, '"')
}

func needsQuotes(cell []byte) bool {
	if len(cell) == 0 {
		return false
	}
	if string(cell) == `\.` {
		return true
	}
	for _, c := range cell {
		if c == ',' || c == '"' || c == '\r' || c == '\n' {
			return true
		}
	}
	first, _ := utf8.DecodeRune(cell)
	return unicode.IsSpace(first)
}

// A cellFunc appends the CSV cell of row i of one column to line.
type cellFunc func(line []byte, i int) []byte

func cellsOf(col arrow.Array) cellFunc {
	var cell cellFunc
	switch a := col.(type) {
	case *array.String:
		cell = func(line []byte, i int) []byte {
			s := a.Value(i)
			if looksLikeFormula(s) {
				line = append(line, '\'')
			}
			return append(line, s...)
		}
	case *array.Dictionary:
		entry := cellsOf(a.Dictionary())
		indices := a.Indices().(*array.Int32).Int32Values()
		cell = func(line []byte, i int) []byte { return entry(line, int(indices[i])) }
	case *array.Date32:
		cell = func(line []byte, i int) []byte { return appendDate(line, a.Value(i)) }
	case *array.Int64:
		cell = func(line []byte, i int) []byte { return strconv.AppendInt(line, a.Value(i), 10) }
	case *array.Float64:
		cell = func(line []byte, i int) []byte { return strconv.AppendFloat(line, a.Value(i), 'g', -1, 64) }
	case *array.Boolean:
		cell = func(line []byte, i int) []byte { return strconv.AppendBool(line, a.Value(i)) }
	case *array.List:
		values := a.ListValues().(*array.String)
		cell = func(line []byte, i int) []byte {
			start, end := a.ValueOffsets(i)
			line = append(line, '[')
			for k := start; k < end; k++ {
				if k > start {
					line = append(line, ',')
				}
				line = appendJSONString(line, values.Value(int(k)))
			}
			return append(line, ']')
		}
	default:
		// ArrowType makes only the types above.
		panic(fmt.Sprintf("write: no CSV form for %s", col.DataType()))
	}
	if col.NullN() == 0 {
		return cell
	}
	return func(line []byte, i int) []byte {
		if col.IsNull(i) {
			return line
		}
		return cell(line, i)
	}
}

// appendDate appends YYYY-MM-DD.
func appendDate(line []byte, d arrow.Date32) []byte {
	y, m, day := d.ToTime().Date()
	line = appendPadded(line, y, 4)
	line = append(line, '-')
	line = appendPadded(line, int(m), 2)
	line = append(line, '-')
	return appendPadded(line, day, 2)
}

func appendPadded(line []byte, n, width int) []byte {
	for limit := 10; width > 1; width-- {
		if n < limit {
			line = append(line, '0')
		}
		limit *= 10
	}
	return strconv.AppendInt(line, int64(n), 10)
}

// appendJSONString appends s as a JSON string the way encoding/json writes it
// with HTML escaping off.
func appendJSONString(line []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			// Escapes and non-ASCII text (U+2028, invalid UTF-8) take the
			// slow path.
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.Encode(s) // a string always encodes
			return append(line, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		}
	}
	line = append(line, '"')
	line = append(line, s...)
	return append(line, '"')
}

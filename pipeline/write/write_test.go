package write_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/parleydata/parley"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/gencorpus"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
	"github.com/parleydata/parley/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden CSV files in testdata/")

// writeSample writes the sample dataset and opens it in DuckDB.
func writeSample(t *testing.T, opts write.Options) (string, *duckdb.DB) {
	t.Helper()
	dir := t.TempDir()
	if err := writetest.Sample().Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return dir, db
}

func query(t *testing.T, db *duckdb.DB, sql string) *duckdb.Result {
	t.Helper()
	res, err := db.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// expected returns a record as its JSON object: the contract's view of a row,
// independent of the writer. A nil list is an empty list.
func expected(t *testing.T, table string, record any) map[string]any {
	t.Helper()
	b, err := json.Marshal(record)
	if err != nil {
		t.Fatal(err)
	}
	var row map[string]any
	if err := json.Unmarshal(b, &row); err != nil {
		t.Fatal(err)
	}
	for _, c := range schemas.MustLookup(table).Columns {
		if c.Type == schemas.List && row[c.Name] == nil {
			row[c.Name] = []any{}
		}
	}
	return row
}

var duckTypes = map[schemas.ColumnType]string{
	schemas.String:  "VARCHAR",
	schemas.Date:    "DATE",
	schemas.Integer: "BIGINT",
	schemas.Number:  "DOUBLE",
	schemas.Boolean: "BOOLEAN",
	schemas.List:    "VARCHAR[]",
}

func TestParquetRoundTrip(t *testing.T) {
	for _, rowGroupRows := range []int64{0, 1, 2} {
		t.Run(fmt.Sprintf("row groups of %d", rowGroupRows), func(t *testing.T) {
			testParquetRoundTrip(t, write.Options{RowGroupRows: rowGroupRows})
		})
	}
}

func testParquetRoundTrip(t *testing.T, opts write.Options) {
	_, db := writeSample(t, opts)
	sample := writetest.Sample()
	for _, table := range schemas.Tables {
		t.Run(table, func(t *testing.T) {
			cols := schemas.MustLookup(table).Columns
			res := query(t, db, "SELECT * FROM "+duckdb.Ident(table))
			for i, c := range cols {
				if res.Columns[i] != c.Name || res.Types[i] != duckTypes[c.Type] {
					t.Errorf("column %d is %s %s, want %s %s", i, res.Columns[i], res.Types[i], c.Name, duckTypes[c.Type])
				}
			}
			records := sample.Records(table)
			if len(res.Rows) != len(records) {
				t.Fatalf("%d rows, want %d", len(res.Rows), len(records))
			}
			for i, row := range res.Rows {
				got := map[string]any{}
				for j, v := range row {
					got[res.Columns[j]] = jsonForm(v)
				}
				if want := expected(t, table, records[i]); !reflect.DeepEqual(got, want) {
					t.Errorf("row %d\n got %v\nwant %v", i, got, want)
				}
			}
		})
	}
}

// jsonForm converts a value scanned from DuckDB into its JSON form.
func jsonForm(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.DateOnly)
	case int64:
		return float64(v)
	}
	return v
}

func TestCSVRoundTrip(t *testing.T) {
	dir, _ := writeSample(t, write.Options{})
	sample := writetest.Sample()
	for _, table := range schemas.Tables {
		t.Run(table, func(t *testing.T) {
			cols := schemas.MustLookup(table).Columns
			lines := readCSV(t, filepath.Join(dir, "csv", table+".csv"))
			if got, want := lines[0], schemas.MustLookup(table).ColumnNames(); !reflect.DeepEqual(got, want) {
				t.Errorf("header %v, want %v", got, want)
			}
			records := sample.Records(table)
			if len(lines)-1 != len(records) {
				t.Fatalf("%d rows, want %d", len(lines)-1, len(records))
			}
			for i, line := range lines[1:] {
				got := map[string]any{}
				for j, cell := range line {
					got[cols[j].Name] = decodeCell(t, cols[j], cell)
				}
				if want := expected(t, table, records[i]); !reflect.DeepEqual(got, want) {
					t.Errorf("row %d\n got %v\nwant %v", i, got, want)
				}
			}
		})
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// decodeCell reads a CSV cell back the way the package comment tells users
// to.
func decodeCell(t *testing.T, c schemas.Column, cell string) any {
	t.Helper()
	if cell == "" && c.Nullable {
		return nil
	}
	var v any
	var err error
	switch c.Type {
	case schemas.String:
		if len(cell) > 1 && cell[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(cell[1])) {
			cell = cell[1:]
		}
		v = cell
	case schemas.Date:
		_, err = time.Parse(time.DateOnly, cell)
		v = cell
	case schemas.Integer:
		var n int64
		n, err = strconv.ParseInt(cell, 10, 64)
		v = float64(n)
	case schemas.Number:
		v, err = strconv.ParseFloat(cell, 64)
	case schemas.Boolean:
		v, err = strconv.ParseBool(cell)
	case schemas.List:
		var list []any
		err = json.Unmarshal([]byte(cell), &list)
		v = list
	}
	if err != nil {
		t.Errorf("%s: cell %q: %v", c.Name, cell, err)
	}
	return v
}

// TestCSVCells pins the cells that the CSV rules treat specially.
func TestCSVCells(t *testing.T) {
	dir, _ := writeSample(t, write.Options{})
	tests := []struct {
		table, column string
		row           int
		want          string
	}{
		{"articles", "title", 0, "'=Lavrentiev, Shamkhani meet"}, // formula escaped
		{"rejects", "message", 1, "'-37% of the bytes are NUL"},  // formula escaped
		{"mentions", "sentence", 2, "'@UN: talks with Kazakhstan are planned for March 1-2."},
		{"participants", "role", 3, "'+delegation"},                             // nullable text escaped too
		{"meetings", "longitude", 1, "-77.0369"},                                // numbers never escaped
		{"meetings", "date_end", 0, ""},                                         // null
		{"meetings", "date_end", 1, "2017-03-02"},                               // date
		{"meetings", "international", 0, "true"},                                // boolean
		{"meetings", "topics", 0, `["Syria","counter-terrorism & <security>"]`}, // JSON list, HTML kept
		{"meetings", "topics", 1, "[]"},                                         // nil list
		{"actors", "aliases", 3, `["UN","=UN"]`},                                // lists never escaped
		{"mentions", "match_score", 1, "0.30000000000000004"},                   // shortest round trip
		{"mentions", "match_score", 0, "1"},
		{"rejects", "line", 0, "2"},
		{"rejects", "line", 1, ""},
		{"mentions", "sentence", 1, "Лаврентьев and Shamkhani (Lavre\u0301ntiev's host), \"old friends\", held talks.\nThey discussed Syria."},
	}
	for _, tt := range tests {
		lines := readCSV(t, filepath.Join(dir, "csv", tt.table+".csv"))
		col := indexOf(lines[0], tt.column)
		if got := lines[tt.row+1][col]; got != tt.want {
			t.Errorf("%s.%s row %d = %q, want %q", tt.table, tt.column, tt.row, got, tt.want)
		}
	}
}

func indexOf(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	panic("no column " + name)
}

// TestCSVGolden wants the golden files whatever the size of the batches the
// rows are written in.
func TestCSVGolden(t *testing.T) {
	for _, rowGroupRows := range []int64{0, 1, 2} {
		dir, _ := writeSample(t, write.Options{RowGroupRows: rowGroupRows})
		for _, table := range schemas.Tables {
			got, err := os.ReadFile(filepath.Join(dir, "csv", table+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", table+".csv")
			if *update && rowGroupRows == 0 {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s.csv in row groups of %d differs from %s (run go test -update to accept)\n%s", table, rowGroupRows, golden, got)
			}
		}
	}
}

func TestEscapeFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+49 30 1234", "'+49 30 1234"},
		{"-5 killed", "'-5 killed"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tindented", "'\tindented"},
		{"\rreturn", "'\rreturn"},
		{"", ""},
		{"a=b", "a=b"},
		{" =1", " =1"},
		{"'=1", "'=1"},
		{"Ωmega", "Ωmega"},
	}
	for _, tt := range tests {
		if got := write.EscapeFormula(tt.in); got != tt.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// meetings returns n distinct meetings, the sample's first one with new ids.
func meetings(n int) []parley.Meeting {
	base := writetest.Sample().Meetings[0]
	out := make([]parley.Meeting, n)
	for i := range out {
		out[i] = base
		out[i].MeetingID = fmt.Sprintf("mtg_%016x", i)
		out[i].Date = base.Date.AddDays(i % 400)
	}
	return out
}

func writeMeetings(t testing.TB, dir string, rows []parley.Meeting, opts write.Options) {
	t.Helper()
	w, err := write.Create(dir, "meetings", opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if err := w.Write(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestParquetLayout(t *testing.T) {
	dir := t.TempDir()
	writeMeetings(t, dir, meetings(10), write.Options{
		RowGroupRows: 4,
		Metadata:     map[string]string{"parley.dataset_version": "2026.1.0"},
	})
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	path := duckdb.Literal(duckdb.ParquetPath(dir, "meetings"))

	groups := query(t, db, `SELECT row_group_id, any_value(row_group_num_rows), count(*), bool_and(compression = 'ZSTD')
		FROM parquet_metadata(`+path+`) GROUP BY ALL ORDER BY 1`)
	wantRows := []int64{4, 4, 2}
	if len(groups.Rows) != len(wantRows) {
		t.Fatalf("%d row groups, want %d", len(groups.Rows), len(wantRows))
	}
	for i, g := range groups.Rows {
		if g[1] != wantRows[i] || g[2] != int64(23) || g[3] != true {
			t.Errorf("row group %d: %v rows, %v columns, all ZSTD %v; want %d rows, 23 columns, ZSTD", i, g[1], g[2], g[3], wantRows[i])
		}
	}

	encodings := query(t, db, `SELECT path_in_schema, any_value(encodings), bool_and(stats_min_value IS NOT NULL AND stats_null_count IS NOT NULL)
		FROM parquet_metadata(`+path+`) WHERE path_in_schema IN ('meeting_id', 'status', 'date') GROUP BY ALL ORDER BY 1`)
	for _, row := range encodings.Rows {
		col, enc, stats := row[0].(string), row[1].(string), row[2]
		if dict := strings.Contains(enc, "DICTIONARY"); dict != (col != "meeting_id") {
			t.Errorf("%s: encodings %s, want dictionary only for non-id columns", col, enc)
		}
		if stats != true {
			t.Errorf("%s: no statistics", col)
		}
	}

	footer := query(t, db, `SELECT created_by, num_rows FROM parquet_file_metadata(`+path+`)`)
	if by := footer.Rows[0][0].(string); by != "parley devel" {
		t.Errorf("created_by %q, want %q", by, "parley devel")
	}
	kv := query(t, db, `SELECT decode(key), decode(value) FROM parquet_kv_metadata(`+path+`) WHERE decode(key) LIKE 'parley.%' ORDER BY 1`)
	want := [][]any{{"parley.dataset_version", "2026.1.0"}, {"parley.schema_version", schemas.Version}, {"parley.table", "meetings"}}
	if !reflect.DeepEqual(kv.Rows, want) {
		t.Errorf("key/value metadata %v, want %v", kv.Rows, want)
	}

	assertDataPageV2(t, duckdb.ParquetPath(dir, "meetings"))
}

// TestParquetStoresArrowSchema wants the Arrow schema in the footer exactly
// as pqarrow.FileWriter stores it, which pyarrow and pandas read types from.
func TestParquetStoresArrowSchema(t *testing.T) {
	dir := t.TempDir()
	writeMeetings(t, dir, meetings(1), write.Options{})
	table := schemas.MustLookup("meetings")
	var buf bytes.Buffer
	pw, err := pqarrow.NewFileWriter(table.ArrowSchema(), &buf, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	want, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := file.OpenParquetFile(duckdb.ParquetPath(dir, "meetings"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	const key = "ARROW:schema"
	if g, w := got.MetaData().KeyValueMetadata().FindValue(key), want.MetaData().KeyValueMetadata().FindValue(key); g == nil || w == nil || *g != *w {
		t.Errorf("%s differs from pqarrow's", key)
	}
}

// TestParquetStatistics checks the statistics of every row group, which
// readers use to skip row groups, against the values in it.
func TestParquetStatistics(t *testing.T) {
	const n, rowGroupRows = 50, 16
	row := benchMeetings(n)
	dir := t.TempDir()
	w, err := write.Create(dir, "meetings", write.Options{RowGroupRows: rowGroupRows})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := w.Write(row(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	path := duckdb.Literal(duckdb.ParquetPath(dir, "meetings"))
	for _, col := range []string{"meeting_id", "date", "place", "status", "mode", "kind", "participant_count"} {
		res := query(t, db, fmt.Sprintf(`
			WITH stats AS (SELECT row_group_id, stats_min_value AS lo, stats_max_value AS hi, stats_null_count AS nulls
				FROM parquet_metadata(%[1]s) WHERE path_in_schema = '%[2]s'),
			data AS (SELECT file_row_number // %[3]d AS row_group_id, min(%[2]s)::VARCHAR AS lo, max(%[2]s)::VARCHAR AS hi,
				count(*) - count(%[2]s) AS nulls FROM read_parquet(%[1]s, file_row_number = true) GROUP BY 1)
			SELECT count(*) FROM stats FULL JOIN data USING (row_group_id)
			WHERE stats.lo IS DISTINCT FROM data.lo OR stats.hi IS DISTINCT FROM data.hi OR stats.nulls IS DISTINCT FROM data.nulls`,
			path, col, rowGroupRows))
		if bad := res.Rows[0][0]; bad != int64(0) {
			t.Errorf("%s: %v of %d row groups have statistics that differ from their values", col, bad, (n+rowGroupRows-1)/rowGroupRows)
		}
	}
}

// TestParquetLargeDictionary writes a text column whose distinct values
// would overflow arrow-go's default dictionary page (1 MB), reads it back,
// and wants the same bytes from every write: a chunk that fell back to plain
// encoding in mid row group would list its page encodings in random order.
func TestParquetLargeDictionary(t *testing.T) {
	const n = 3000
	rows := meetings(n)
	for i := range rows {
		place := fmt.Sprintf("%04d %s", i, strings.Repeat("x", 500)) // 1.5 MB in all
		rows[i].Place = &place
	}
	dir := t.TempDir()
	writeMeetings(t, dir, rows, write.Options{})
	first, err := os.ReadFile(filepath.Join(dir, "parquet", "meetings.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		again := t.TempDir()
		writeMeetings(t, again, rows, write.Options{})
		if b, err := os.ReadFile(filepath.Join(again, "parquet", "meetings.parquet")); err != nil || !bytes.Equal(b, first) {
			t.Fatalf("a second write of the same rows gave other bytes (%v)", err)
		}
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res := query(t, db, "SELECT count(DISTINCT place), min(left(place, 4)), max(left(place, 4)), sum(length(place))::BIGINT FROM meetings")
	if want := []any{int64(n), "0000", "2999", int64(n * 505)}; !reflect.DeepEqual(res.Rows[0], want) {
		t.Errorf("read back %v, want %v", res.Rows[0], want)
	}
}

// TestParquetNumbersReadBack writes numbers that a dictionary could take for
// one another, -0 and 0, and NaN, in row groups with and without a NaN, and
// wants each read back as written.
func TestParquetNumbersReadBack(t *testing.T) {
	nan, negZero, zero, half := math.NaN(), math.Copysign(0, -1), 0.0, 0.5
	latitudes := []*float64{&half, &negZero, &zero, nil, &half, &nan, &negZero}
	rows := meetings(len(latitudes))
	for i := range rows {
		rows[i].Latitude = latitudes[i]
	}
	dir := t.TempDir()
	writeMeetings(t, dir, rows, write.Options{RowGroupRows: 3})
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res := query(t, db, fmt.Sprintf("SELECT latitude FROM read_parquet(%s, file_row_number = true) ORDER BY file_row_number",
		duckdb.Literal(duckdb.ParquetPath(dir, "meetings"))))
	if len(res.Rows) != len(latitudes) {
		t.Fatalf("read back %d rows, want %d", len(res.Rows), len(latitudes))
	}
	for i, want := range latitudes {
		got, _ := res.Rows[i][0].(float64)
		switch {
		case want == nil:
			if res.Rows[i][0] != nil {
				t.Errorf("row %d: read back %v, wrote null", i, res.Rows[i][0])
			}
		case math.IsNaN(*want) != math.IsNaN(got),
			!math.IsNaN(*want) && math.Float64bits(*want) != math.Float64bits(got):
			t.Errorf("row %d: read back %v, wrote %v", i, res.Rows[i][0], *want)
		}
	}
}

func assertDataPageV2(t *testing.T, path string) {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pages, err := r.RowGroup(0).GetColumnPageReader(0)
	if err != nil {
		t.Fatal(err)
	}
	if !pages.Next() {
		t.Fatalf("no page: %v", pages.Err())
	}
	if typ := pages.Page().Type(); typ != file.PageTypeDataPageV2 {
		t.Errorf("first page of meeting_id is %v, want DATA_PAGE_V2", typ)
	}
}

// TestDeterministic writes the sample twice, with one core and with eight,
// and wants the same bytes.
func TestDeterministic(t *testing.T) {
	opts := write.Options{RowGroupRows: 2, Metadata: map[string]string{"parley.dataset_version": "x", "a": "b", "z": "y"}}
	dirs := []string{t.TempDir(), t.TempDir()}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for i, dir := range dirs {
		runtime.GOMAXPROCS([]int{1, 8}[i])
		if err := writetest.Sample().Write(dir, opts); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range schemas.Tables {
		for _, rel := range []string{"parquet/" + table + ".parquet", "csv/" + table + ".csv"} {
			a, errA := os.ReadFile(filepath.Join(dirs[0], rel))
			b, errB := os.ReadFile(filepath.Join(dirs[1], rel))
			if errA != nil || errB != nil {
				t.Fatal(errA, errB)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between a write on one core and one on eight", rel)
			}
		}
	}
}

func TestWriteAcceptsValuesAndPointers(t *testing.T) {
	rows := meetings(3)
	dirs := []string{t.TempDir(), t.TempDir()}
	writeMeetings(t, dirs[0], rows, write.Options{})
	w, err := write.Create(dirs[1], "meetings", write.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rows {
		if err := w.Write(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"parquet/meetings.parquet", "csv/meetings.csv"} {
		a, _ := os.ReadFile(filepath.Join(dirs[0], rel))
		b, _ := os.ReadFile(filepath.Join(dirs[1], rel))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: writing values and pointers gives different files", rel)
		}
	}
}

func TestWriteRejectsWrongRecords(t *testing.T) {
	w, err := write.Create(t.TempDir(), "meetings", write.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, record := range []any{nil, (*parley.Meeting)(nil), &parley.Actor{}, parley.Actor{}, "meeting", &[]parley.Meeting{}} {
		if err := w.Write(record); err == nil {
			t.Errorf("Write(%#v) succeeded, want an error", record)
		}
	}
	if err := w.Write(&parley.Meeting{MeetingID: "mtg_0000000000000001"}); err != nil {
		t.Errorf("a wrong record broke the writer: %v", err)
	}
}

func TestCreateRejectsBadOptions(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		table string
		opts  write.Options
	}{
		{"unknown table", "votes", write.Options{}},
		{"negative row groups", "meetings", write.Options{RowGroupRows: -1}},
		{"reserved metadata", "meetings", write.Options{Metadata: map[string]string{write.MetaTable: "x"}}},
	}
	for _, tt := range tests {
		if w, err := write.Create(dir, tt.table, tt.opts); err == nil {
			w.Close()
			t.Errorf("%s: Create succeeded, want an error", tt.name)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "parquet")); len(entries) > 0 {
		t.Errorf("failed Create left %d files", len(entries))
	}
}

func TestFilesAppearOnClose(t *testing.T) {
	dir := t.TempDir()
	w, err := write.Create(dir, "redirects", write.Options{})
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(dir, "csv", "redirects.csv")
	if _, err := os.Stat(csvPath); err == nil {
		t.Error("redirects.csv exists before Close")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(&parley.Redirect{}); err == nil {
		t.Error("Write after Close succeeded")
	}
	// An empty table is a header and a Parquet file with no rows.
	if lines := readCSV(t, csvPath); len(lines) != 1 {
		t.Errorf("empty table has %d CSV lines, want the header only", len(lines))
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if res := query(t, db, "SELECT count(*) FROM redirects"); res.Rows[0][0] != int64(0) {
		t.Errorf("empty table has %v Parquet rows", res.Rows[0][0])
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "csv"))
	if len(entries) != 1 {
		t.Errorf("csv/ holds %d files, want only redirects.csv", len(entries))
	}
}

// BenchmarkWrite writes 1,000,000 rows of a table per iteration (100,000
// with -short): as Parquet, as CSV, and as both, which is what a build does.
// MB/s is of the files written and file-MB their size.
func BenchmarkWrite(b *testing.B) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	tables := []struct {
		name string
		row  func(i int) any
	}{
		{"meetings", benchMeetings(n)},
		{"mentions", benchMentions(n)},
	}
	formats := []struct {
		name   string
		create func(dir, table string, opts write.Options) (*write.TableWriter, error)
	}{
		{"parquet", write.CreateParquet},
		{"csv", write.CreateCSV},
		{"both", write.Create},
	}
	for _, table := range tables {
		for _, format := range formats {
			b.Run(table.name+"/"+format.name, func(b *testing.B) {
				dir := b.TempDir() // each iteration replaces the files
				b.ReportAllocs()
				cpu := cpuSeconds()
				for b.Loop() {
					w, err := format.create(dir, table.name, write.Options{})
					if err != nil {
						b.Fatal(err)
					}
					for i := range n {
						if err := w.Write(table.row(i)); err != nil {
							b.Fatal(err)
						}
					}
					if err := w.Close(); err != nil {
						b.Fatal(err)
					}
				}
				size := dirSize(b, dir)
				b.SetBytes(size)
				b.ReportMetric(float64(size)/1e6, "file-MB")
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				// CPU time stays meaningful on a machine shared with other work.
				b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
			})
		}
	}
}

// cpuSeconds is the user and system time of this process so far.
func cpuSeconds() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano()).Seconds()
}

func dirSize(b *testing.B, dir string) int64 {
	b.Helper()
	var size int64
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		size += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return size
}

// benchArticles are generated articles that report a meeting: the source of
// realistic values for benchmark rows.
func benchArticles() []gencorpus.Article {
	var reports []gencorpus.Article
	for _, a := range gencorpus.Articles(1, 2000) {
		if a.Truth.Status != "" {
			reports = append(reports, a)
		}
	}
	return reports
}

// benchIDs returns n distinct ids shaped like the pipeline's: a prefix and 16
// hex digits of a hash, in no particular order.
func benchIDs(prefix string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s%016x", prefix, uint64(i+1)*0x9e3779b97f4a7c15)
	}
	return ids
}

// benchMeetings returns row(i), the i-th of n meetings. The rows cycle
// through one variant per generated meeting report, each with a unique id,
// so the input's own heap stays small. Write copies what it needs.
func benchMeetings(n int) func(i int) any {
	base := writetest.Sample().Meetings[0]
	var variants []parley.Meeting
	for _, a := range benchArticles() {
		m := base
		m.Date, m.FirstPublished = a.Truth.Date, a.Truth.Date
		m.Status, m.Mode = a.Truth.Status, a.Truth.Mode
		m.Place = nil
		if place := a.Truth.Place; place != "" {
			m.Place = &place
		}
		m.ParticipantCount = int64(len(a.Truth.Parties))
		if m.ParticipantCount > 2 {
			m.Kind = parley.KindMultilateral
		}
		variants = append(variants, m)
	}
	ids := benchIDs("mtg_", n)
	return func(i int) any {
		m := &variants[i%len(variants)]
		m.MeetingID = ids[i]
		return m
	}
}

// benchMentions is benchMeetings for mentions: the evidence is the first
// paragraph of a generated article, and two mentions share a meeting.
func benchMentions(n int) func(i int) any {
	base := writetest.Sample().Mentions[0]
	var variants []parley.Mention
	for k, a := range benchArticles() {
		m := base
		m.ArticleID = fmt.Sprintf("art_%016x", k)
		m.Sentence, _, _ = strings.Cut(a.Text, "\n")
		m.Start, m.End = 0, int64(utf8.RuneCountInString(m.Sentence))
		m.StatusAsReported = a.Truth.Status
		variants = append(variants, m)
	}
	ids, meetingIDs := benchIDs("men_", n), benchIDs("mtg_", n/2+1)
	return func(i int) any {
		m := &variants[i%len(variants)]
		m.MentionID, m.MeetingID = ids[i], meetingIDs[i/2]
		return m
	}
}

package duckdb_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
	"github.com/parleydata/parley/schemas"
)

// openSample writes the sample dataset, without the tables in skip, and
// opens it.
func openSample(t *testing.T, skip ...string) *duckdb.DB {
	t.Helper()
	dir := t.TempDir()
	if err := writetest.Sample().Write(dir, write.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, table := range skip {
		if err := os.Remove(duckdb.ParquetPath(dir, table)); err != nil {
			t.Fatal(err)
		}
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func query(t *testing.T, db *duckdb.DB, sql string) *duckdb.Result {
	t.Helper()
	res, err := db.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestOpenMakesAViewPerTable(t *testing.T) {
	db := openSample(t, "redirects")
	want := slices.DeleteFunc(slices.Clone(schemas.Tables), func(s string) bool { return s == "redirects" })
	if !slices.Equal(db.Tables(), want) {
		t.Errorf("Tables() = %v, want %v", db.Tables(), want)
	}
	sample := writetest.Sample()
	for _, table := range want {
		res := query(t, db, "SELECT count(*) FROM "+duckdb.Ident(table))
		if got := res.Rows[0][0]; got != int64(len(sample.Records(table))) {
			t.Errorf("%s has %v rows, want %d", table, got, len(sample.Records(table)))
		}
	}
	if _, err := db.Query(context.Background(), "SELECT * FROM redirects"); err == nil {
		t.Error("querying a table without a file succeeded")
	}
}

func TestOpenMissingDir(t *testing.T) {
	if db, err := duckdb.Open(filepath.Join(t.TempDir(), "nope")); err == nil {
		db.Close()
		t.Error("Open of a missing directory succeeded")
	}
}

// The pool's connections share one database, so views made by Open are seen
// by every connection.
func TestConnectionsShareViews(t *testing.T) {
	db := openSample(t)
	ctx := context.Background()
	var conns []interface{ Close() error }
	for range 3 {
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		var n int64
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM meetings").Scan(&n); err != nil || n != 2 {
			t.Errorf("connection %d: %d meetings, %v", len(conns), n, err)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestQueryErrors(t *testing.T) {
	db := openSample(t)
	if _, err := db.Query(context.Background(), "SELEC 1"); err == nil {
		t.Error("a syntax error succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Query(ctx, "SELECT 1"); err == nil {
		t.Error("a query with a cancelled context succeeded")
	}
}

const meetingsQuery = `SELECT meeting_id, date, date_end, longitude, international, topics, participant_count
	FROM meetings ORDER BY meeting_id`

func TestResultWrite(t *testing.T) {
	db := openSample(t)
	res := query(t, db, meetingsQuery)
	tests := []struct{ format, want string }{
		{"table", `
meeting_id            date        date_end    longitude  international  topics                                      participant_count
VARCHAR               DATE        DATE        DOUBLE     BOOLEAN        VARCHAR[]                                   BIGINT
--------------------  ----------  ----------  ---------  -------------  ------------------------------------------  -----------------
mtg_00000000000000a1  2017-02-12  NULL           51.389  true           ["Syria","counter-terrorism & <security>"]                  2
mtg_00000000000000b2  2017-03-01  2017-03-02   -77.0369  false          []                                                          3
(2 rows)
`},
		{"csv", `
meeting_id,date,date_end,longitude,international,topics,participant_count
mtg_00000000000000a1,2017-02-12,,51.389,true,"[""Syria"",""counter-terrorism & <security>""]",2
mtg_00000000000000b2,2017-03-01,2017-03-02,-77.0369,false,[],3
`},
		{"json", `
[
{"meeting_id":"mtg_00000000000000a1","date":"2017-02-12","date_end":null,"longitude":51.389,"international":true,"topics":["Syria","counter-terrorism & <security>"],"participant_count":2},
{"meeting_id":"mtg_00000000000000b2","date":"2017-03-01","date_end":"2017-03-02","longitude":-77.0369,"international":false,"topics":[],"participant_count":3}
]
`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := res.Write(&buf, tt.format); err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimPrefix(tt.want, "\n"); buf.String() != want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.format, buf.String(), want)
		}
	}
}

// Values that a dataset query seldom returns still print readably.
func TestResultWriteOtherTypes(t *testing.T) {
	db := openSample(t)
	res := query(t, db, `SELECT 1.50::DECIMAL(4,2) AS d, 'a'||chr(10)||'b' AS s, {'x': 1, 'y': [DATE '2017-02-12']} AS st,
		'nan'::DOUBLE AS f, TIMESTAMP '2017-02-12 10:30:00' AS ts, 12345678901234567890::HUGEINT AS h`)
	tests := []struct{ format, want string }{
		{"csv", "d,s,st,f,ts,h\n1.5,\"a\nb\",\"{\"\"x\"\":1,\"\"y\"\":[\"\"2017-02-12\"\"]}\",NaN,2017-02-12 10:30:00,12345678901234567890\n"},
		{"json", "[\n{\"d\":1.5,\"s\":\"a\\nb\",\"st\":{\"x\":1,\"y\":[\"2017-02-12\"]},\"f\":\"NaN\",\"ts\":\"2017-02-12 10:30:00\",\"h\":12345678901234567890}\n]\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := res.Write(&buf, tt.format); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("%s:\n%q\nwant\n%q", tt.format, buf.String(), tt.want)
		}
	}
	var buf bytes.Buffer
	if err := res.Write(&buf, "table"); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(buf.String(), "\n"); len(lines) != 6 || !strings.Contains(lines[3], `a\nb`) {
		t.Errorf("table output is not one line per row:\n%s", buf.String())
	}
}

func TestResultWriteEmptyAndUnknown(t *testing.T) {
	db := openSample(t)
	res := query(t, db, "SELECT meeting_id FROM meetings WHERE false")
	var buf bytes.Buffer
	if err := res.Write(&buf, "json"); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty json = %q, %v", buf.String(), err)
	}
	if err := res.Write(&buf, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestQuote(t *testing.T) {
	if got := duckdb.Ident(`end"x`); got != `"end""x"` {
		t.Errorf("Ident = %s", got)
	}
	if got := duckdb.Literal("it's"); got != `'it''s'` {
		t.Errorf("Literal = %s", got)
	}
}

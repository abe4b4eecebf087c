package release

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
)

// TestLargeTableLayout releases a meetings table of more than two row
// groups, written by the build in shuffled order, and checks with DuckDB's
// parquet_metadata that the release holds full row groups of 122,880
// rows sorted by date then id.
func TestLargeTableLayout(t *testing.T) {
	if os.Getenv("PARLEY_LARGE") == "" {
		t.Skip("writes 250,000 meetings (about 15 s); set PARLEY_LARGE=1 to run")
	}
	t.Parallel()
	build := t.TempDir()
	if err := shuffledMeetings(2*write.DefaultRowGroupRows+4_240).Write(build, write.Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := copyTables(context.Background(), build, dir, "2025.01.31"); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := checkNamed(t, layoutChecks(context.Background(), db, dir, "2025.01.31"), "layout:meetings")
	if c.Status != audit.StatusPass || c.Observed != "3 row groups, 0 problems" {
		t.Errorf("layout:meetings %+v, want a pass over 3 row groups", c)
	}
	sizes, err := db.Query(context.Background(), "SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata("+
		duckdb.Literal(duckdb.ParquetPath(dir, "meetings"))+") ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{write.DefaultRowGroupRows, write.DefaultRowGroupRows, 4_240}
	for i, row := range sizes.Rows {
		if row[1].(int64) != want[i] {
			t.Errorf("row group %d has %d rows, want %d", i, row[1], want[i])
		}
	}
}

// shuffledMeetings returns n meetings in random order of date and id, a
// tenth of them undated.
func shuffledMeetings(n int) *writetest.Dataset {
	template := writetest.Sample().Meetings[0]
	rng := rand.New(rand.NewPCG(1, 2))
	d := &writetest.Dataset{Meetings: make([]parley.Meeting, n)}
	for i := range d.Meetings {
		m := template
		m.MeetingID = fmt.Sprintf("mtg_%016x", rng.Uint64())
		m.Date = parley.DateFromDays(int32(15_000 + rng.IntN(3_000)))
		if i%10 == 0 {
			m.Date = parley.Date{}
		}
		d.Meetings[i] = m
	}
	return d
}

// BenchmarkCopyTables rewrites a build of 20,000 meetings in release
// order, the step of a release whose time grows with the data.
func BenchmarkCopyTables(b *testing.B) {
	build := b.TempDir()
	if err := shuffledMeetings(20_000).Write(build, write.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := copyTables(context.Background(), build, b.TempDir(), "2025.01.31"); err != nil {
			b.Fatal(err)
		}
	}
}

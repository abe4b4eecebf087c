// Package bench holds benchmarks that span packages: the query benchmark
// here, and the end-to-end build in cmd/bench-e2e.
package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/refdata"
)

// pairsPerYear counts the meetings of each pair of countries in each year:
// the question the dataset is most often asked, over the dyads table built
// for it. README.md shows the same query.
const pairsPerYear = `
SELECT year, country_a, country_b, count(*) AS meetings
FROM dyads
WHERE year IS NOT NULL
GROUP BY ALL
ORDER BY year, meetings DESC, country_a, country_b`

// pairsPerYearSelfJoin answers the same question from participants and
// meetings alone, as it had to be asked before the dyads table.
const pairsPerYearSelfJoin = `
WITH pairs AS (
	SELECT DISTINCT a.meeting_id, a.country AS country_a, b.country AS country_b
	FROM participants a JOIN participants b ON a.meeting_id = b.meeting_id AND a.country < b.country
)
SELECT year(m.date) AS year, country_a, country_b, count(*) AS meetings
FROM pairs JOIN meetings m USING (meeting_id)
WHERE m.date IS NOT NULL
GROUP BY ALL
ORDER BY year, meetings DESC, country_a, country_b`

// BenchmarkQueryCountryPairs runs the country-pair query through package
// duckdb, as `build-dataset query` does, over a generated dataset of
// PARLEY_BENCH_MEETINGS meetings (default 10,000,000; 200,000 with -short):
// once over dyads and once as the self-join of participants.
func BenchmarkQueryCountryPairs(b *testing.B) {
	n := 10_000_000
	if testing.Short() {
		n = 200_000
	}
	if s := os.Getenv("PARLEY_BENCH_MEETINGS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatalf("PARLEY_BENCH_MEETINGS=%q: %v", s, err)
		}
	}
	dir, err := generated(n)
	if err != nil {
		b.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, bm := range []struct{ name, query string }{
		{"dyads", pairsPerYear},
		{"self-join", pairsPerYearSelfJoin},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			var rows int
			cpuBefore, cpuOK := processCPU()
			for b.Loop() {
				res, err := db.Query(context.Background(), bm.query)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(res.Rows)
			}
			// CPU time varies much less than wall time with the load of a
			// shared machine.
			if cpuAfter, ok := processCPU(); cpuOK && ok {
				b.ReportMetric(float64(cpuAfter-cpuBefore)/float64(b.N), "cpu-ns/op")
			}
			if rows == 0 {
				b.Fatal("no country pairs")
			}
			b.ReportMetric(float64(n), "meetings")
			b.ReportMetric(float64(rows), "result-rows")
		})
	}
}

// datasets holds the generated datasets by size, so that the runs of
// -count share one: generating 10,000,000 meetings takes minutes.
var datasets = struct {
	sync.Mutex
	dirs map[int]string
}{dirs: map[int]string{}}

// generated returns a folder with a dataset of n generated meetings.
func generated(n int) (string, error) {
	datasets.Lock()
	defer datasets.Unlock()
	if dir, ok := datasets.dirs[n]; ok {
		return dir, nil
	}
	dir, err := os.MkdirTemp("", "parley-bench-")
	if err != nil {
		return "", err
	}
	if err := generateMeetings(dir, n); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	datasets.dirs[n] = dir
	return dir, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range datasets.dirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// TestGeneratedDyadsMatchParticipants checks that the generated dyads are
// the pairs of the generated participants' countries, so that the benchmark
// compares two ways to the same answer.
func TestGeneratedDyadsMatchParticipants(t *testing.T) {
	dir := t.TempDir()
	if err := generateMeetings(dir, 5_000); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	fromDyads, err := db.Query(ctx, pairsPerYear)
	if err != nil {
		t.Fatal(err)
	}
	fromParticipants, err := db.Query(ctx, pairsPerYearSelfJoin)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromDyads.Rows) < 100 {
		t.Fatalf("only %d country pairs and years: the generator is too uniform to test", len(fromDyads.Rows))
	}
	if !reflect.DeepEqual(fromDyads.Rows, fromParticipants.Rows) {
		t.Errorf("dyads give %d rows, the self-join of participants %d, and they differ", len(fromDyads.Rows), len(fromParticipants.Rows))
	}
}

// generateMeetings writes, under dir/parquet, n meetings over nine years
// (one in twenty undated), their participants (two parties per meeting,
// three in one meeting out of ten, from countries drawn with a skew towards
// the first ones, as news favours a few) and the dyads of those
// participants, in the build's order and row groups.
func generateMeetings(dir string, n int) error {
	if err := os.MkdirAll(filepath.Join(dir, "parquet"), 0o755); err != nil {
		return err
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	var codes []string
	for _, c := range refdata.Countries() {
		codes = append(codes, duckdb.Literal(c.ISO3))
	}
	countries := "[" + strings.Join(codes, ",") + "]"
	pick := func(salt string) string { // a skewed 1-based index into countries
		return fmt.Sprintf("1 + floor(len(%s) * pow((hash(i, %s) %% 1000000) / 1e6, 2.5))::INT", countries, salt)
	}
	to := func(table string) string {
		return fmt.Sprintf("TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE %d)",
			duckdb.Literal(duckdb.ParquetPath(dir, table)), write.DefaultRowGroupRows)
	}
	statements := []string{
		fmt.Sprintf(`COPY (
			SELECT printf('mtg_%%016x', hash(i)) AS meeting_id,
				CASE WHEN hash(i, 'undated') %% 20 = 0 THEN NULL ELSE DATE '2016-01-01' + (hash(i, 'day') %% 3287)::INT END AS date,
				CASE WHEN date IS NULL THEN 'none' ELSE 'day' END AS date_precision,
				%s[%s] AS country,
				['held', 'held', 'held', 'planned', 'cancelled'][1 + (hash(i, 'status') %% 5)::INT] AS status,
				['in_person', 'in_person', 'phone', 'video'][1 + (hash(i, 'mode') %% 4)::INT] AS mode,
				2 + (hash(i, 'third') %% 10 = 0)::INT AS participant_count,
				CASE participant_count WHEN 2 THEN 'bilateral' ELSE 'multilateral' END AS kind
			FROM range(%d) t(i)
			ORDER BY date NULLS LAST, meeting_id
		) %s`, countries, pick("'place'"), n, to("meetings")),
		fmt.Sprintf(`COPY (
			SELECT printf('mtg_%%016x', hash(i)) AS meeting_id,
				printf('act_%%016x', hash(i, k)) AS actor_id,
				%s[%s] AS country
			FROM range(%d) t(i), range(3) p(k)
			WHERE k < 2 OR hash(i, 'third') %% 10 = 0
			ORDER BY meeting_id, actor_id
		) %s`, countries, pick("k"), n, to("participants")),
		// Open made no views, as the files did not exist yet.
		fmt.Sprintf(`COPY (
			WITH c AS (SELECT DISTINCT meeting_id, country FROM read_parquet(%s))
			SELECT meeting_id, a.country AS country_a, b.country AS country_b,
				year(m.date) AS year, m.date, m.date_precision, m.status, m.mode, m.kind
			FROM c a JOIN c b USING (meeting_id) JOIN read_parquet(%s) m USING (meeting_id)
			WHERE a.country < b.country
			ORDER BY year NULLS LAST, country_a, country_b, m.date NULLS LAST, meeting_id
		) %s`, duckdb.Literal(duckdb.ParquetPath(dir, "participants")), duckdb.Literal(duckdb.ParquetPath(dir, "meetings")), to("dyads")),
	}
	for _, s := range statements {
		if _, err := db.SQL().Exec(s); err != nil {
			return fmt.Errorf("generate meetings: %w", err)
		}
	}
	return nil
}

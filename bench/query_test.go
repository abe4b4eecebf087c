// Package bench holds benchmarks that span packages: the query benchmark
// here, and the end-to-end build in cmd/bench-e2e.
package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/refdata"
)

// countryPairsPerYear counts the meetings of each pair of countries in
// each year: the question the dataset is most often asked.
const countryPairsPerYear = `
WITH pairs AS (
	SELECT DISTINCT a.meeting_id, a.country AS country_a, b.country AS country_b
	FROM participants a JOIN participants b ON a.meeting_id = b.meeting_id AND a.country < b.country
)
SELECT year(m.date) AS year, country_a, country_b, count(*) AS meetings
FROM pairs JOIN meetings m USING (meeting_id)
WHERE m.date IS NOT NULL
GROUP BY ALL
ORDER BY year, meetings DESC, country_a, country_b`

// BenchmarkQueryCountryPairs runs countryPairsPerYear through package
// duckdb over a generated dataset of PARLEY_BENCH_MEETINGS meetings
// (default 10,000,000; 200,000 with -short) and their participants.
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
	dir := b.TempDir()
	if err := generateMeetings(dir, n); err != nil {
		b.Fatal(err)
	}
	db, err := duckdb.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var rows int
	for b.Loop() {
		res, err := db.Query(context.Background(), countryPairsPerYear)
		if err != nil {
			b.Fatal(err)
		}
		rows = len(res.Rows)
	}
	if rows == 0 {
		b.Fatal("no country pairs")
	}
	b.ReportMetric(float64(n), "meetings")
	b.ReportMetric(float64(rows), "result-rows")
}

// generateMeetings writes dir/parquet/meetings.parquet with n meetings over
// nine years (one in twenty undated) and participants.parquet with two
// parties per meeting, three in one meeting out of ten, from countries
// drawn with a skew towards the first ones, as news favours a few.
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
	statements := []string{
		fmt.Sprintf(`COPY (
			SELECT printf('mtg_%%016x', hash(i)) AS meeting_id,
				CASE WHEN hash(i, 'undated') %% 20 = 0 THEN NULL ELSE DATE '2016-01-01' + (hash(i, 'day') %% 3287)::INT END AS date,
				%s[%s] AS country,
				['held', 'held', 'held', 'planned', 'cancelled'][1 + (hash(i, 'status') %% 5)::INT] AS status,
				2 + (hash(i, 'third') %% 10 = 0)::INT AS participant_count
			FROM range(%d) t(i)
		) TO %s (FORMAT parquet, COMPRESSION zstd)`, countries, pick("'place'"), n, duckdb.Literal(duckdb.ParquetPath(dir, "meetings"))),
		fmt.Sprintf(`COPY (
			SELECT printf('mtg_%%016x', hash(i)) AS meeting_id,
				printf('act_%%016x', hash(i, k)) AS actor_id,
				%s[%s] AS country
			FROM range(%d) t(i), range(3) p(k)
			WHERE k < 2 OR hash(i, 'third') %% 10 = 0
		) TO %s (FORMAT parquet, COMPRESSION zstd)`, countries, pick("k"), n, duckdb.Literal(duckdb.ParquetPath(dir, "participants"))),
	}
	for _, s := range statements {
		if _, err := db.SQL().Exec(s); err != nil {
			return fmt.Errorf("generate meetings: %w", err)
		}
	}
	return nil
}

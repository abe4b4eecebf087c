package release

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/schemas"
)

// Statistics is statistics.json: how many meetings by year, country,
// status and mode, and how full every column is.
type Statistics struct {
	Version  string          `json:"version"`
	Tables   []TableStats    `json:"tables"`
	Meetings MeetingCounts   `json:"meetings"`
	Coverage MeetingCoverage `json:"coverage"`
}

// TableStats is the size of one table and the fill rate of its columns.
type TableStats struct {
	Table    string       `json:"table"`
	Rows     int64        `json:"rows"`
	FillRate []ColumnFill `json:"fill_rate"`
}

// ColumnFill is the share of rows in which a column has a value: not null,
// and for lists not empty. Rate is null for an empty table.
type ColumnFill struct {
	Column string   `json:"column"`
	Rate   *float64 `json:"rate"`
}

// MeetingCounts counts meetings by the values of a few columns; an unknown
// value is counted as "unknown".
type MeetingCounts struct {
	ByYear      []Count `json:"by_year"`
	ByCountry   []Count `json:"by_country"`
	ByStatus    []Count `json:"by_status"`
	ByMode      []Count `json:"by_mode"`
	ByKind      []Count `json:"by_kind"`
	ByPrecision []Count `json:"by_date_precision"`
}

// Count is how many meetings have a value.
type Count struct {
	Value string `json:"value"`
	Count int64  `json:"count"`
}

// MeetingCoverage is the span of the data: the first and last meeting day
// and publication day, YYYY-MM-DD or null.
type MeetingCoverage struct {
	FirstMeeting   *string `json:"first_meeting"`
	LastMeeting    *string `json:"last_meeting"`
	FirstPublished *string `json:"first_published"`
	LastPublished  *string `json:"last_published"`
	Countries      int64   `json:"countries"`
	Languages      []Count `json:"languages"`
}

func computeStatistics(ctx context.Context, db *duckdb.DB, version string) (*Statistics, error) {
	s := &Statistics{Version: version}
	for _, table := range schemas.Tables {
		ts, err := tableStats(ctx, db, schemas.MustLookup(table))
		if err != nil {
			return nil, fmt.Errorf("release: statistics of %s: %w", table, err)
		}
		s.Tables = append(s.Tables, ts)
	}
	counts := []struct {
		into    *[]Count
		table   string
		expr    string
		byValue bool // ordered by value (years) rather than by count
	}{
		{&s.Meetings.ByYear, "meetings", "strftime(date, '%Y')", true},
		{&s.Meetings.ByCountry, "meetings", "country", false},
		{&s.Meetings.ByStatus, "meetings", "status", false},
		{&s.Meetings.ByMode, "meetings", "mode", false},
		{&s.Meetings.ByKind, "meetings", "kind", false},
		{&s.Meetings.ByPrecision, "meetings", "date_precision", false},
		{&s.Coverage.Languages, "articles", "language", false},
	}
	for _, c := range counts {
		var err error
		if *c.into, err = countBy(ctx, db, c.table, c.expr, c.byValue); err != nil {
			return nil, fmt.Errorf("release: statistics: %w", err)
		}
	}
	row := db.SQL().QueryRowContext(ctx, `SELECT
		(SELECT strftime(min(date), '%Y-%m-%d') FROM meetings), (SELECT strftime(max(date), '%Y-%m-%d') FROM meetings),
		(SELECT strftime(min(published), '%Y-%m-%d') FROM articles), (SELECT strftime(max(published), '%Y-%m-%d') FROM articles),
		(SELECT count(DISTINCT country) FROM meetings)`)
	cv := &s.Coverage
	if err := row.Scan(&cv.FirstMeeting, &cv.LastMeeting, &cv.FirstPublished, &cv.LastPublished, &cv.Countries); err != nil {
		return nil, fmt.Errorf("release: statistics: %w", err)
	}
	return s, nil
}

// countBy counts the rows of table by the value of expr; null is
// "unknown" and sorts last.
func countBy(ctx context.Context, db *duckdb.DB, table, expr string, byValue bool) ([]Count, error) {
	order := "value = 'unknown', count DESC, value"
	if byValue {
		order = "value = 'unknown', value"
	}
	res, err := db.Query(ctx, fmt.Sprintf(`SELECT coalesce(%s::VARCHAR, 'unknown') AS value, count(*) AS count
		FROM %s GROUP BY 1 ORDER BY %s`, expr, duckdb.Ident(table), order))
	if err != nil {
		return nil, err
	}
	out := []Count{}
	for _, row := range res.Rows {
		out = append(out, Count{Value: row[0].(string), Count: row[1].(int64)})
	}
	return out, nil
}

func tableStats(ctx context.Context, db *duckdb.DB, t *schemas.Table) (TableStats, error) {
	exprs := []string{"count(*)"}
	for _, c := range t.Columns {
		col := duckdb.Ident(c.Name)
		if c.Type == schemas.List {
			exprs = append(exprs, fmt.Sprintf("count(*) FILTER (WHERE len(%s) > 0)", col))
		} else {
			exprs = append(exprs, fmt.Sprintf("count(%s)", col))
		}
	}
	res, err := db.Query(ctx, fmt.Sprintf("SELECT %s FROM %s", strings.Join(exprs, ", "), duckdb.Ident(t.Name)))
	if err != nil {
		return TableStats{}, err
	}
	ts := TableStats{Table: t.Name, Rows: res.Rows[0][0].(int64)}
	for i, c := range t.Columns {
		fill := ColumnFill{Column: c.Name}
		if ts.Rows > 0 {
			rate := math.Round(float64(res.Rows[0][i+1].(int64))/float64(ts.Rows)*1e4) / 1e4
			fill.Rate = &rate
		}
		ts.FillRate = append(ts.FillRate, fill)
	}
	return ts, nil
}

package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/schemas"
)

// duckTypes is the DuckDB type of each column type in the Parquet files.
var duckTypes = map[schemas.ColumnType]string{
	schemas.String:  "VARCHAR",
	schemas.Date:    "DATE",
	schemas.Integer: "BIGINT",
	schemas.Number:  "DOUBLE",
	schemas.Boolean: "BOOLEAN",
	schemas.List:    "VARCHAR[]",
}

// conformance checks the columns of a table's Parquet file and validates
// every row against the table's JSON Schema.
func (a *auditor) conformance(ctx context.Context, table string) Check {
	c := newCheck("schema:"+table, SeverityError, "columns and types as in "+table+".schema.json, 0 invalid rows")
	t := schemas.MustLookup(table)
	v, err := schemas.NewValidator(table)
	if err != nil {
		return c.error(err)
	}
	rows, err := a.db.SQL().QueryContext(ctx, "SELECT * FROM "+duckdb.Ident(table))
	if err != nil {
		return c.error(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return c.error(err)
	}
	var got, want []string
	for i, ct := range types {
		got = append(got, ct.Name()+" "+ct.DatabaseTypeName())
		if i < len(t.Columns) {
			want = append(want, t.Columns[i].Name+" "+duckTypes[t.Columns[i].Type])
		}
	}
	if !slices.Equal(got, want) || len(types) != len(t.Columns) {
		c.Observed = "columns differ from the schema"
		c.fail("file has: " + strings.Join(got, ", "))
		c.fail("schema has: " + strings.Join(t.ColumnNames(), ", "))
		return c.done()
	}

	values := make([]any, len(t.Columns))
	ptrs := make([]any, len(values))
	for i := range values {
		ptrs[i] = &values[i]
	}
	var n, invalid int64
	for rows.Next() {
		n++
		if err := rows.Scan(ptrs...); err != nil {
			return c.error(err)
		}
		record := make(map[string]any, len(values))
		for i, col := range t.Columns {
			record[col.Name] = jsonValue(values[i])
		}
		violations, err := v.Validate(record)
		if err != nil {
			return c.error(err)
		}
		if len(violations) > 0 {
			invalid++
			c.fail(fmt.Sprintf("row %d (%s): %s", n, rowKey(t, record), violations[0]))
		}
	}
	if err := rows.Err(); err != nil {
		return c.error(err)
	}
	c.Observed = fmt.Sprintf("%s, %d invalid", plural(n, "row"), invalid)
	return c.done()
}

// jsonValue converts a value scanned from DuckDB into its JSON form, the
// form the schemas describe: dates are YYYY-MM-DD strings.
func jsonValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.Format(time.DateOnly)
	}
	return v
}

// rowKey names a record by its primary key.
func rowKey(t *schemas.Table, record map[string]any) string {
	var parts []string
	for _, col := range t.PrimaryKey {
		if v := record[col]; v != nil {
			parts = append(parts, fmt.Sprint(v))
		} else {
			parts = append(parts, "NULL")
		}
	}
	return strings.Join(parts, " / ")
}

// primaryKey checks that the primary key is unique and that its non-nullable
// columns hold no null. Nulls in a nullable key column (rejects.line) compare
// equal.
func (a *auditor) primaryKey(ctx context.Context, table string) Check {
	t := schemas.MustLookup(table)
	c := newCheck("primary_key:"+table, SeverityError, "("+strings.Join(t.PrimaryKey, ", ")+") unique and not null, 0 failing rows")
	cols := make([]string, len(t.PrimaryKey))
	var nulls []string
	for i, name := range t.PrimaryKey {
		cols[i] = duckdb.Ident(name)
		if col, _ := t.Column(name); !col.Nullable {
			nulls = append(nulls, cols[i]+" IS NULL")
		}
	}
	query := fmt.Sprintf(`SELECT format('{} appears {} times', %s, n)
		FROM (SELECT %s, count(*) AS n FROM %s GROUP BY ALL HAVING count(*) > 1) AS k`,
		keyText(table, "k"), strings.Join(cols, ", "), duckdb.Ident(table))
	if len(nulls) > 0 {
		query += fmt.Sprintf(` UNION ALL SELECT format('{} has a null key column', %s) FROM %s AS k WHERE %s`,
			keyText(table, "k"), duckdb.Ident(table), strings.Join(nulls, " OR "))
	}
	return a.failingRows(ctx, c, "failing row", query)
}

// foreignKey checks that every non-null reference resolves.
func (a *auditor) foreignKey(ctx context.Context, table string, fk schemas.ForeignKey) Check {
	name := fmt.Sprintf("foreign_key:%s.%s", table, strings.Join(fk.Fields, ","))
	target := fk.Table + "." + strings.Join(fk.RefFields, ",")
	c := newCheck(name, SeverityError, "every value is in "+target+", 0 dangling")
	if !a.present[fk.Table] {
		return c.error(fmt.Errorf("%s has no Parquet file", fk.Table))
	}
	var on, notNull, shown []string
	for i, f := range fk.Fields {
		on = append(on, fmt.Sprintf("c.%s = p.%s", duckdb.Ident(f), duckdb.Ident(fk.RefFields[i])))
		notNull = append(notNull, fmt.Sprintf("c.%s IS NOT NULL", duckdb.Ident(f)))
		shown = append(shown, fmt.Sprintf("c.%s::VARCHAR", duckdb.Ident(f)))
	}
	query := fmt.Sprintf(`SELECT format('{}: {} is not in %s', %s, concat_ws(', ', %s))
		FROM %s AS c ANTI JOIN %s AS p ON %s WHERE %s`,
		target, keyText(table, "c"), strings.Join(shown, ", "),
		duckdb.Ident(table), duckdb.Ident(fk.Table), strings.Join(on, " AND "), strings.Join(notNull, " AND "))
	return a.failingRows(ctx, c, "dangling reference", query)
}

// countRule says that table.column counts the rows (or the distinct values
// of distinct) of child that refer to the row through childKey.
type countRule struct {
	table, key, column string
	child, childKey    string
	distinct           string // "" counts rows
}

var countRules = []countRule{
	{"meetings", "meeting_id", "participant_count", "participants", "meeting_id", ""},
	{"meetings", "meeting_id", "article_count", "mentions", "meeting_id", "article_id"},
	{"meetings", "meeting_id", "mention_count", "mentions", "meeting_id", ""},
	{"actors", "actor_id", "meeting_count", "participants", "actor_id", "meeting_id"},
	{"articles", "article_id", "meeting_count", "mentions", "article_id", "meeting_id"},
}

func (a *auditor) count(ctx context.Context, r countRule) Check {
	counted, what := "count(*)", r.child+" rows"
	if r.distinct != "" {
		counted = "count(DISTINCT " + duckdb.Ident(r.distinct) + ")"
		what = "distinct " + r.child + "." + r.distinct
	}
	c := newCheck(fmt.Sprintf("count:%s.%s", r.table, r.column), SeverityError,
		fmt.Sprintf("%s.%s = number of %s, 0 mismatches", r.table, r.column, what))
	key, col := duckdb.Ident(r.key), duckdb.Ident(r.column)
	query := fmt.Sprintf(`SELECT format('{}: %s is {}, counted {}', t.%s, t.%s, coalesce(n.n, 0))
		FROM %s AS t LEFT JOIN (SELECT %s AS key, %s AS n FROM %s GROUP BY 1) AS n ON t.%s = n.key
		WHERE t.%s IS DISTINCT FROM coalesce(n.n, 0)`,
		r.column, key, col,
		duckdb.Ident(r.table), duckdb.Ident(r.childKey), counted, duckdb.Ident(r.child), key,
		col)
	return a.failingRows(ctx, c, "mismatched row", query)
}

// spans checks the evidence offsets: the article text is not stored, but the
// span must be as long as the sentence, in code points.
func (a *auditor) spans(ctx context.Context) Check {
	c := newCheck("spans:mentions", SeverityError, "end > start and end - start = code points of sentence, 0 failing rows")
	query := `SELECT format('{}: start {}, end {}, sentence of {} code points', mention_id, start, "end", length(sentence))
		FROM mentions WHERE ("end" > start AND "end" - start = length(sentence)) IS NOT TRUE`
	return a.failingRows(ctx, c, "failing row", query)
}

// heldDates checks that a meeting reported as held did not end after the
// latest publication of the articles that report it, with a day of slack for
// time zones.
func (a *auditor) heldDates(ctx context.Context) Check {
	c := newCheck("dates:meetings", SeverityError, "held meetings end at most 1 day after their latest article, 0 failing rows")
	query := `SELECT format('{}: held on {}, latest article published {}', m.meeting_id, coalesce(m.date_end, m.date), l.published)
		FROM meetings AS m
		JOIN (SELECT mn.meeting_id, max(ar.published) AS published
			FROM mentions AS mn JOIN articles AS ar ON mn.article_id = ar.article_id GROUP BY 1) AS l
		ON m.meeting_id = l.meeting_id
		WHERE m.status = 'held' AND coalesce(m.date_end, m.date) > l.published + 1`
	return a.failingRows(ctx, c, "failing row", query)
}

// dyadPairs checks that the dyads of each meeting are exactly the pairs of
// distinct countries of its participants, each pair once and in order.
func (a *auditor) dyadPairs(ctx context.Context) Check {
	c := newCheck("pairs:dyads", SeverityError, "one dyad per meeting per pair of distinct countries of its participants, country_a < country_b, 0 failing rows")
	query := `WITH c AS (SELECT DISTINCT meeting_id, country FROM participants WHERE country IS NOT NULL),
		pairs AS (SELECT a.meeting_id, a.country AS country_a, b.country AS country_b
			FROM c AS a JOIN c AS b ON a.meeting_id = b.meeting_id AND a.country < b.country)
		SELECT format('{} / {} / {}: its participants have these countries, dyads not', meeting_id, country_a, country_b)
		FROM pairs ANTI JOIN dyads USING (meeting_id, country_a, country_b)
		UNION ALL
		SELECT format('{} / {} / {}: not an ordered pair of countries of its participants', meeting_id, country_a, country_b)
		FROM dyads ANTI JOIN pairs USING (meeting_id, country_a, country_b)`
	return a.failingRows(ctx, c, "failing row", query)
}

// dyadMeetings checks that every dyad repeats the columns of its meeting
// that it shares the name of, and that its year is the year of the date.
func (a *auditor) dyadMeetings(ctx context.Context) Check {
	meetings := schemas.MustLookup("meetings")
	var shared []string
	differs := []string{"CASE WHEN d.year IS DISTINCT FROM year(m.date) THEN 'year' END"}
	for _, col := range schemas.MustLookup("dyads").Columns {
		if _, ok := meetings.Column(col.Name); ok && col.Name != "meeting_id" {
			shared = append(shared, col.Name)
			differs = append(differs, fmt.Sprintf("CASE WHEN d.%s IS DISTINCT FROM m.%[1]s THEN %s END", duckdb.Ident(col.Name), duckdb.Literal(col.Name)))
		}
	}
	c := newCheck("meetings:dyads", SeverityError, strings.Join(shared, ", ")+" as in the meeting, year = year(date), 0 failing rows")
	query := fmt.Sprintf(`SELECT format('{}: {} not as in the meeting', key, differs)
		FROM (SELECT %s AS key, concat_ws(', ', %s) AS differs FROM dyads AS d JOIN meetings AS m USING (meeting_id))
		WHERE differs <> ''`, keyText("dyads", "d"), strings.Join(differs, ", "))
	return a.failingRows(ctx, c, "failing row", query)
}

// accounting checks manifest.json, when there is one: every input unit the
// build read is an article or an ingest reject, as the pipeline counts them.
func (a *auditor) accounting(ctx context.Context) (Check, bool) {
	path := filepath.Join(a.dir, "manifest.json")
	if !exists(path) {
		return Check{}, false
	}
	c := newCheck("accounting", SeverityError, "manifest units = articles + ingest rejects")
	b, err := os.ReadFile(path)
	if err != nil {
		return c.error(err), true
	}
	var manifest struct {
		Units         *int64 `json:"units"`
		Articles      *int64 `json:"articles"`
		IngestRejects *int64 `json:"ingest_rejects"`
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		return c.error(fmt.Errorf("manifest.json: %w", err)), true
	}
	if manifest.Units == nil {
		return c.error(fmt.Errorf("manifest.json has no units")), true
	}
	if !a.present["articles"] || !a.present["rejects"] {
		return c.error(fmt.Errorf("articles and rejects are needed")), true
	}
	var articles, rejects int64
	err = a.db.SQL().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles),
		(SELECT count(*) FROM rejects WHERE stage = 'ingest')`).Scan(&articles, &rejects)
	if err != nil {
		return c.error(err), true
	}
	c.Observed = fmt.Sprintf("%d articles + %d ingest rejects = %d, manifest units %d", articles, rejects, articles+rejects, *manifest.Units)
	if articles+rejects != *manifest.Units {
		c.fail(fmt.Sprintf("%d input units are not accounted for", *manifest.Units-articles-rejects))
	}
	if manifest.Articles != nil && *manifest.Articles != articles {
		c.fail(fmt.Sprintf("manifest says %d articles, articles has %d rows", *manifest.Articles, articles))
	}
	if manifest.IngestRejects != nil && *manifest.IngestRejects != rejects {
		c.fail(fmt.Sprintf("manifest says %d ingest rejects, rejects has %d", *manifest.IngestRejects, rejects))
	}
	return c.done(), true
}

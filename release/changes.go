package release

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/schemas"
)

// previous is an earlier release whose tables are attached to the release's
// DuckDB as views named prev_<table>.
type previous struct {
	dir     string
	version string   // "" when the folder is a build rather than a release
	tables  []string // the tables it has
}

// name is how reports refer to the previous release.
func (p *previous) name() string {
	if p.version != "" {
		return p.version
	}
	return "the previous build"
}

func prevView(table string) string { return duckdb.Ident("prev_" + table) }

// attachPrevious opens the earlier release in dir next to the current one.
// It refuses one that is not older than version.
func attachPrevious(ctx context.Context, db *duckdb.DB, dir, version string) (*previous, error) {
	p := &previous{dir: dir}
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	switch {
	case err == nil:
		var pkg struct {
			Version string `json:"version"`
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			return nil, fmt.Errorf("release: previous release %s: datapackage.json: %w", dir, err)
		}
		p.version = pkg.Version
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("release: previous release: %w", err)
	}
	if p.version != "" && p.version >= version {
		return nil, fmt.Errorf("release: the previous release %s (%s) is not older than %s", p.version, dir, version)
	}
	for _, table := range schemas.Tables {
		path, err := filepath.Abs(duckdb.ParquetPath(dir, table))
		if err != nil {
			return nil, fmt.Errorf("release: previous release: %w", err)
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		view := fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet(%s)", prevView(table), duckdb.Literal(path))
		if _, err := db.SQL().ExecContext(ctx, view); err != nil {
			return nil, fmt.Errorf("release: previous release: %w", err)
		}
		p.tables = append(p.tables, table)
	}
	if len(p.tables) == 0 {
		return nil, fmt.Errorf("release: previous release %s has no parquet/<table>.parquet files", dir)
	}
	return p, nil
}

// RowCount is the number of rows of a table in this and the previous
// release.
type RowCount struct {
	Table    string `json:"table"`
	Previous int64  `json:"previous"`
	Current  int64  `json:"current"`
}

func rowCounts(ctx context.Context, db *duckdb.DB, prev *previous) ([]RowCount, error) {
	var out []RowCount
	for _, table := range schemas.Tables {
		c := RowCount{Table: table}
		if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM "+duckdb.Ident(table)).Scan(&c.Current); err != nil {
			return nil, err
		}
		if prev != nil && slices.Contains(prev.tables, table) {
			if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM "+prevView(table)).Scan(&c.Previous); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// Changes is changes.json: what changed since the previous release.
type Changes struct {
	Version         string         `json:"version"`
	PreviousVersion *string        `json:"previous_version"` // null for a first release or a previous build
	Rows            []RowCount     `json:"rows"`
	Meetings        *EntityChanges `json:"meetings"`
	Actors          *EntityChanges `json:"actors"`
	first           bool
}

// EntityChanges lists the ids of one table that were added, modified (with
// the columns that changed), removed, or retired in favour of another id.
type EntityChanges struct {
	Added          []string          `json:"added"`
	Modified       []Modification    `json:"modified"`
	Removed        []string          `json:"removed"`
	Redirected     []parley.Redirect `json:"redirected"`
	ModifiedFields []FieldCount      `json:"modified_fields"` // how many ids changed in each column
	ColumnsAdded   []string          `json:"columns_added"`
	ColumnsRemoved []string          `json:"columns_removed"`
}

// Modification is one id whose row changed, and the columns that differ.
type Modification struct {
	ID     string   `json:"id"`
	Fields []string `json:"fields"`
}

// FieldCount is how many rows changed in a column.
type FieldCount struct {
	Field string `json:"field"`
	Count int    `json:"count"`
}

// computeChanges compares meetings and actors by id with the previous
// release. Without one, every id is added.
func computeChanges(ctx context.Context, db *duckdb.DB, version string, prev *previous) (*Changes, error) {
	rows, err := rowCounts(ctx, db, prev)
	if err != nil {
		return nil, fmt.Errorf("release: changes: %w", err)
	}
	c := &Changes{Version: version, Rows: rows, first: prev == nil}
	if prev != nil && prev.version != "" {
		c.PreviousVersion = &prev.version
	}
	if c.Meetings, err = entityChanges(ctx, db, prev, "meetings", "meeting_id"); err != nil {
		return nil, fmt.Errorf("release: changes of meetings: %w", err)
	}
	if c.Actors, err = entityChanges(ctx, db, prev, "actors", "actor_id"); err != nil {
		return nil, fmt.Errorf("release: changes of actors: %w", err)
	}
	return c, nil
}

func entityChanges(ctx context.Context, db *duckdb.DB, prev *previous, table, key string) (*EntityChanges, error) {
	e := &EntityChanges{Added: []string{}, Modified: []Modification{}, Removed: []string{}, Redirected: []parley.Redirect{},
		ModifiedFields: []FieldCount{}, ColumnsAdded: []string{}, ColumnsRemoved: []string{}}
	cur, id := duckdb.Ident(table), duckdb.Ident(key)
	if prev == nil || !slices.Contains(prev.tables, table) {
		var err error
		e.Added, err = strings1(ctx, db, fmt.Sprintf("SELECT %s FROM %s ORDER BY 1", id, cur))
		return e, err
	}
	old := prevView(table)
	current, err := columnNames(ctx, db, cur)
	if err != nil {
		return nil, err
	}
	before, err := columnNames(ctx, db, old)
	if err != nil {
		return nil, err
	}
	var common []string
	for _, col := range current {
		if slices.Contains(before, col) {
			common = append(common, col)
		} else {
			e.ColumnsAdded = append(e.ColumnsAdded, col)
		}
	}
	for _, col := range before {
		if !slices.Contains(current, col) {
			e.ColumnsRemoved = append(e.ColumnsRemoved, col)
		}
	}

	if e.Added, err = strings1(ctx, db, fmt.Sprintf("SELECT %s FROM %s EXCEPT SELECT %s FROM %s ORDER BY 1", id, cur, id, old)); err != nil {
		return nil, err
	}
	// concat_ws skips nulls: the list of columns whose values differ.
	var diffs []string
	for _, col := range common {
		q := duckdb.Ident(col)
		diffs = append(diffs, fmt.Sprintf("CASE WHEN c.%s IS DISTINCT FROM p.%s THEN %s END", q, q, duckdb.Literal(col)))
	}
	modified, err := db.Query(ctx, fmt.Sprintf(`SELECT id, fields FROM (
		SELECT c.%s AS id, concat_ws(',', %s) AS fields FROM %s c JOIN %s p USING (%s))
		WHERE fields <> '' ORDER BY id`, id, strings.Join(diffs, ", "), cur, old, id))
	if err != nil {
		return nil, err
	}
	perField := map[string]int{}
	for _, row := range modified.Rows {
		m := Modification{ID: row[0].(string), Fields: strings.Split(row[1].(string), ",")}
		for _, f := range m.Fields {
			perField[f]++
		}
		e.Modified = append(e.Modified, m)
	}
	for _, col := range common {
		if n := perField[col]; n > 0 {
			e.ModifiedFields = append(e.ModifiedFields, FieldCount{Field: col, Count: n})
		}
	}

	// Ids that are gone: redirected when this release retires them in
	// favour of another, removed otherwise.
	gone, err := db.Query(ctx, fmt.Sprintf(`SELECT g.id, r.target_id, r.reason FROM
		(SELECT %s AS id FROM %s EXCEPT SELECT %s FROM %s) g
		LEFT JOIN redirects r ON r.retired_id = g.id AND r."table" = %s ORDER BY g.id`, id, old, id, cur, duckdb.Literal(table)))
	if err != nil {
		return nil, err
	}
	for _, row := range gone.Rows {
		retired := row[0].(string)
		if target, ok := row[1].(string); ok {
			reason, _ := row[2].(string)
			e.Redirected = append(e.Redirected, parley.Redirect{RetiredID: retired, TargetID: target, Table: table, Reason: reason})
		} else {
			e.Removed = append(e.Removed, retired)
		}
	}
	return e, nil
}

func columnNames(ctx context.Context, db *duckdb.DB, relation string) ([]string, error) {
	return strings1(ctx, db, "SELECT column_name FROM (DESCRIBE "+relation+")")
}

// strings1 returns the first column of a query's rows.
func strings1(ctx context.Context, db *duckdb.DB, query string) ([]string, error) {
	res, err := db.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Rows))
	for _, row := range res.Rows {
		out = append(out, row[0].(string))
	}
	return out, nil
}

// maxListed is how many ids of each kind CHANGES.md names; changes.json
// has them all.
const maxListed = 20

// writeMarkdown writes CHANGES.md, the summary of changes.json for people.
func (c *Changes) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changes in Parley %s\n\n", c.Version)
	switch {
	case c.first:
		fmt.Fprintf(&b, "First release: %d meetings and %d actors. There is no earlier release to compare with.\n", len(c.Meetings.Added), len(c.Actors.Added))
		_, err := io.WriteString(w, b.String())
		return err
	case c.PreviousVersion != nil:
		fmt.Fprintf(&b, "Compared with release %s. Every id is listed in `changes.json`.\n\n", *c.PreviousVersion)
	default:
		fmt.Fprintf(&b, "Compared with an earlier build. Every id is listed in `changes.json`.\n\n")
	}
	b.WriteString("| table | before | now | change |\n|---|---:|---:|---:|\n")
	for _, r := range c.Rows {
		fmt.Fprintf(&b, "| %s | %d | %d | %+d |\n", r.Table, r.Previous, r.Current, r.Current-r.Previous)
	}
	for _, e := range []struct {
		title string
		*EntityChanges
	}{{"Meetings", c.Meetings}, {"Actors", c.Actors}} {
		fmt.Fprintf(&b, "\n## %s\n\n", e.title)
		fmt.Fprintf(&b, "- %d added, %d modified, %d removed, %d merged into another id\n",
			len(e.Added), len(e.Modified), len(e.Removed), len(e.Redirected))
		if len(e.ModifiedFields) > 0 {
			var fields []string
			for _, f := range e.ModifiedFields {
				fields = append(fields, fmt.Sprintf("`%s` %d", f.Field, f.Count))
			}
			fmt.Fprintf(&b, "- modified columns: %s\n", strings.Join(fields, ", "))
		}
		if len(e.ColumnsAdded)+len(e.ColumnsRemoved) > 0 {
			fmt.Fprintf(&b, "- columns added: %s; removed: %s\n", orNone(e.ColumnsAdded), orNone(e.ColumnsRemoved))
		}
		listIDs(&b, "Added", e.Added)
		var modified []string
		for _, m := range e.Modified {
			modified = append(modified, fmt.Sprintf("%s (%s)", m.ID, strings.Join(m.Fields, ", ")))
		}
		listIDs(&b, "Modified", modified)
		listIDs(&b, "Removed", e.Removed)
		var merged []string
		for _, r := range e.Redirected {
			merged = append(merged, fmt.Sprintf("%s → %s (%s)", r.RetiredID, r.TargetID, r.Reason))
		}
		listIDs(&b, "Merged", merged)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func listIDs(b *strings.Builder, title string, ids []string) {
	if len(ids) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s:\n\n", title)
	for _, id := range ids[:min(len(ids), maxListed)] {
		fmt.Fprintf(b, "- %s\n", id)
	}
	if len(ids) > maxListed {
		fmt.Fprintf(b, "- … and %d more\n", len(ids)-maxListed)
	}
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

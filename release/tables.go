package release

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/schemas"
)

// MetaReleaseVersion is the Parquet key/value metadata key that carries the
// release version.
const MetaReleaseVersion = "parley.release_version"

// sortOrder is the row order of each table in a release: dated tables by
// date then id, so that DuckDB's row-group statistics skip by date; dyads as
// the build sorts them, by year then pair; the others by their key. Every order is total, so a release is reproducible.
var sortOrder = map[string][]string{
	"meetings":     {"date NULLS LAST", "meeting_id"},
	"articles":     {"published NULLS LAST", "article_id"},
	"participants": {"meeting_id", "actor_id"},
	"dyads":        {"year NULLS LAST", "country_a", "country_b", "date NULLS LAST", "meeting_id"},
	"actors":       {"actor_id"},
	"mentions":     {"meeting_id", "mention_id"},
	"rejects":      {"input_path", "line NULLS FIRST", "stage", "rule", "message", "source_id NULLS FIRST"},
	"redirects":    {"retired_id"},
}

// newRecord returns an empty row of a table.
var newRecord = map[string]func() any{
	"meetings":     func() any { return new(parley.Meeting) },
	"participants": func() any { return new(parley.Participant) },
	"dyads":        func() any { return new(parley.Dyad) },
	"actors":       func() any { return new(parley.Actor) },
	"mentions":     func() any { return new(parley.Mention) },
	"articles":     func() any { return new(parley.Article) },
	"rejects":      func() any { return new(parley.Reject) },
	"redirects":    func() any { return new(parley.Redirect) },
}

// copyTables rewrites every table of the build in src into dst in its
// release order, through the same writer as the build, so that the Parquet
// settings are the build's and CSV and Parquet hold the same rows. Rows
// travel as JSON, the form the schemas describe; DuckDB writes doubles in
// their shortest round-trip form, so no value changes on the way.
func copyTables(ctx context.Context, src, dst, version string) error {
	db, err := duckdb.Open(src)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	defer db.Close()
	if missing := slices.DeleteFunc(slices.Clone(schemas.Tables), func(t string) bool { return slices.Contains(db.Tables(), t) }); len(missing) > 0 {
		return fmt.Errorf("release: %s is not a finished build: no Parquet file for %s", src, strings.Join(missing, ", "))
	}
	for _, table := range schemas.Tables {
		if err := copyTable(ctx, db, src, dst, table, version); err != nil {
			return fmt.Errorf("release: copy %s: %w", table, err)
		}
	}
	return nil
}

func copyTable(ctx context.Context, db *duckdb.DB, src, dst, table, version string) error {
	t := schemas.MustLookup(table)
	if err := sameColumns(ctx, db, t); err != nil {
		return err
	}
	meta, err := buildMetadata(ctx, db, duckdb.ParquetPath(src, table))
	if err != nil {
		return err
	}
	meta[MetaReleaseVersion] = version
	w, err := write.Create(dst, table, write.Options{Metadata: meta})
	if err != nil {
		return err
	}
	rows, err := db.SQL().QueryContext(ctx, fmt.Sprintf("SELECT to_json(t)::VARCHAR FROM %s AS t ORDER BY %s",
		duckdb.Ident(table), strings.Join(sortOrder[table], ", ")))
	if err != nil {
		w.Close()
		return err
	}
	defer rows.Close()
	var line string
	for rows.Next() {
		if err := rows.Scan(&line); err != nil {
			w.Close()
			return err
		}
		rec := newRecord[table]()
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(rec); err != nil {
			w.Close()
			return fmt.Errorf("row %s: %w", line, err)
		}
		if err := w.Write(rec); err != nil {
			w.Close()
			return err
		}
	}
	if err := rows.Err(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// sameColumns checks that the build's table has the columns of this
// binary's schema, so that no column is silently dropped or zeroed.
func sameColumns(ctx context.Context, db *duckdb.DB, t *schemas.Table) error {
	res, err := db.Query(ctx, "SELECT column_name FROM (DESCRIBE "+duckdb.Ident(t.Name)+")")
	if err != nil {
		return err
	}
	var have []string
	for _, row := range res.Rows {
		have = append(have, row[0].(string))
	}
	if want := t.ColumnNames(); !slices.Equal(have, want) {
		return fmt.Errorf("columns %v, want %v of schema version %s: rebuild the dataset with this binary", have, want, schemas.Version)
	}
	return nil
}

// buildMetadata returns the key/value metadata the build wrote into a
// Parquet file, less the keys the writer sets itself.
func buildMetadata(ctx context.Context, db *duckdb.DB, path string) (map[string]string, error) {
	res, err := db.Query(ctx, "SELECT decode(key), decode(value) FROM parquet_kv_metadata("+duckdb.Literal(path)+")")
	if err != nil {
		return nil, err
	}
	writerKeys := []string{write.MetaTable, write.MetaSchemaVersion, MetaReleaseVersion, "ARROW:schema"}
	meta := map[string]string{}
	for _, row := range res.Rows {
		key, value := row[0].(string), row[1].(string)
		if !slices.Contains(writerKeys, key) {
			meta[key] = value
		}
	}
	return meta, nil
}

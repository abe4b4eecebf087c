// Package duckdb queries a built dataset with an in-memory DuckDB in which
// every table is a view over its Parquet file. It is the one package that
// links DuckDB.
package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/parleydata/parley/schemas"
)

// DB is an in-memory DuckDB with one view per table of a dataset.
type DB struct {
	db     *sql.DB
	tables []string
}

// Open opens an in-memory DuckDB with one view per table over
// dir/parquet/<table>.parquet. Tables whose file is missing are skipped.
func Open(dir string) (*DB, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open dataset: %w", err)
	}
	// One connector, so every connection of the pool shares the database
	// and its views.
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("open duckdb: %w", err)
	}
	db := &DB{db: sql.OpenDB(connector)}
	for _, table := range schemas.Tables {
		path, err := filepath.Abs(ParquetPath(dir, table))
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open dataset: %w", err)
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			db.Close()
			return nil, fmt.Errorf("open dataset: %w", err)
		}
		view := fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet(%s)", Ident(table), Literal(path))
		if _, err := db.db.Exec(view); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		db.tables = append(db.tables, table)
	}
	return db, nil
}

// ParquetPath returns where a dataset keeps the Parquet file of a table.
func ParquetPath(dir, table string) string {
	return filepath.Join(dir, "parquet", table+".parquet")
}

// Tables returns the tables that have a view, in schemas.Tables order.
func (db *DB) Tables() []string { return db.tables }

// SQL returns the underlying database, for callers that need more than Query.
func (db *DB) SQL() *sql.DB { return db.db }

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Result is the whole result of a query.
type Result struct {
	Columns []string
	Types   []string // DuckDB type names: VARCHAR, DATE, BIGINT, VARCHAR[] ...
	Rows    [][]any  // values as duckdb-go scans them; DATE is a time.Time, a list an []any
}

// Query runs one statement and reads its whole result.
func (db *DB) Query(ctx context.Context, query string) (*Result, error) {
	rows, err := db.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	res := &Result{}
	if res.Columns, err = rows.Columns(); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	for _, t := range types {
		res.Types = append(res.Types, t.DatabaseTypeName())
	}
	for rows.Next() {
		row := make([]any, len(res.Columns))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return res, nil
}

// Ident quotes an SQL identifier: Ident("end") is "end".
func Ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Literal quotes an SQL string literal: Literal("it's") is 'it”s'.
func Literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Package audit re-checks a built dataset from its files: every row against
// its schema, keys, the counts that tables keep of each other, the dyads
// against their meetings and participants, evidence offsets, dates,
// CSV/Parquet parity and the accounting of input units. It reads the Parquet
// files through DuckDB and the CSV files with encoding/csv, so it checks what
// users get, not what the pipeline meant to write.
package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/schemas"
)

// Severities of a check.
const (
	SeverityError = "error" // a failure makes the dataset unfit for release
	SeverityWarn  = "warn"  // a failure is worth a look
)

// Statuses of a check.
const (
	StatusPass = "pass"
	StatusWarn = "warn" // a warn-severity check failed
	StatusFail = "fail" // an error-severity check failed
)

// MaxFailures is how many failing rows a check lists.
const MaxFailures = 20

// Check is the outcome of one check.
type Check struct {
	Name      string   `json:"name"`
	Severity  string   `json:"severity"`
	Status    string   `json:"status"`
	Observed  string   `json:"observed"`
	Threshold string   `json:"threshold"`
	Failures  []string `json:"failures,omitempty"` // up to MaxFailures examples
}

// Failed reports whether the check failed at error severity.
func (c Check) Failed() bool { return c.Status == StatusFail }

// Run runs every check on the dataset in dir (parquet/, csv/ and, when it
// exists, manifest.json). The error is for a dataset that cannot be read at
// all; everything wrong inside it is a failing check.
func Run(ctx context.Context, dir string) ([]Check, error) {
	db, err := duckdb.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("audit %s: %w", dir, err)
	}
	defer db.Close()
	a := &auditor{db: db, dir: dir, present: map[string]bool{}}
	for _, t := range db.Tables() {
		a.present[t] = true
	}

	checks := []Check{a.files()}
	for _, table := range db.Tables() {
		checks = append(checks, a.conformance(ctx, table), a.primaryKey(ctx, table))
	}
	for _, table := range db.Tables() {
		for _, fk := range schemas.MustLookup(table).ForeignKeys {
			checks = append(checks, a.foreignKey(ctx, table, fk))
		}
	}
	for _, rule := range countRules {
		if a.present[rule.table] && a.present[rule.child] {
			checks = append(checks, a.count(ctx, rule))
		}
	}
	if a.present["mentions"] {
		checks = append(checks, a.spans(ctx))
	}
	if a.present["meetings"] && a.present["mentions"] && a.present["articles"] {
		checks = append(checks, a.heldDates(ctx))
	}
	if a.present["dyads"] && a.present["participants"] {
		checks = append(checks, a.dyadPairs(ctx))
	}
	if a.present["dyads"] && a.present["meetings"] {
		checks = append(checks, a.dyadMeetings(ctx))
	}
	if a.present["meetings"] {
		checks = append(checks, a.notEmpty(ctx, "meetings"))
	}
	for _, table := range db.Tables() {
		checks = append(checks, a.parity(ctx, table))
	}
	if c, ok := a.accounting(ctx); ok {
		checks = append(checks, c)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("audit %s: %w", dir, err)
	}
	return checks, nil
}

type auditor struct {
	db      *duckdb.DB
	dir     string
	present map[string]bool // tables with a Parquet file
}

// files checks that every table has both its files.
func (a *auditor) files() Check {
	c := newCheck("files", SeverityError, "every table has parquet/<table>.parquet and csv/<table>.csv")
	complete := 0
	for _, table := range schemas.Tables {
		ok := true
		for _, rel := range []string{"parquet/" + table + ".parquet", "csv/" + table + ".csv"} {
			if _, err := os.Stat(filepath.Join(a.dir, filepath.FromSlash(rel))); err != nil {
				c.fail(rel + " is missing")
				ok = false
			}
		}
		if ok {
			complete++
		}
	}
	c.Observed = fmt.Sprintf("%d of %d tables complete", complete, len(schemas.Tables))
	return c.done()
}

// notEmpty warns about a table without rows: the build most likely read
// nothing.
func (a *auditor) notEmpty(ctx context.Context, table string) Check {
	c := newCheck("rows:"+table, SeverityWarn, "at least 1 row")
	var n int64
	if err := a.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM "+duckdb.Ident(table)).Scan(&n); err != nil {
		return c.error(err)
	}
	c.Observed = plural(n, "row")
	if n == 0 {
		c.fail(table + " is empty")
	}
	return c.done()
}

// failingRows is a check whose query returns one text column per failing
// row: a description of the failure.
func (a *auditor) failingRows(ctx context.Context, c *checkBuilder, noun, query string) Check {
	// Not count(*) OVER (): DuckDB 1.5's window operator intermittently fails
	// on an empty input with an internal error that invalidates the database.
	rows, err := a.db.SQL().QueryContext(ctx, fmt.Sprintf(`WITH failures(msg) AS (%s)
		SELECT msg, (SELECT count(*) FROM failures) FROM failures ORDER BY msg LIMIT %d`, query, MaxFailures))
	if err != nil {
		return c.error(err)
	}
	defer rows.Close()
	var total int64
	for rows.Next() {
		var msg sql.NullString
		if err := rows.Scan(&msg, &total); err != nil {
			return c.error(err)
		}
		c.fail(msg.String)
	}
	if err := rows.Err(); err != nil {
		return c.error(err)
	}
	c.Observed = plural(total, noun)
	return c.done()
}

// checkBuilder collects the failures of a check.
type checkBuilder struct {
	Check
	failed bool
}

func newCheck(name, severity, threshold string) *checkBuilder {
	return &checkBuilder{Check: Check{Name: name, Severity: severity, Threshold: threshold}}
}

// fail records a failure; only the first MaxFailures are kept.
func (c *checkBuilder) fail(msg string) {
	c.failed = true
	if len(c.Failures) < MaxFailures {
		c.Failures = append(c.Failures, msg)
	}
}

// error fails the check because it could not run.
func (c *checkBuilder) error(err error) Check {
	c.Observed = "could not run: " + err.Error()
	c.failed = true
	return c.done()
}

func (c *checkBuilder) done() Check {
	c.Status = StatusPass
	if c.failed {
		c.Status = StatusFail
		if c.Severity == SeverityWarn {
			c.Status = StatusWarn
		}
	}
	return c.Check
}

func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// keyText is an SQL expression that names a row of table by its primary key.
func keyText(table, alias string) string {
	var parts []string
	for _, col := range schemas.MustLookup(table).PrimaryKey {
		parts = append(parts, fmt.Sprintf("coalesce(%s.%s::VARCHAR, 'NULL')", alias, duckdb.Ident(col)))
	}
	return fmt.Sprintf("concat_ws(' / ', %s)", strings.Join(parts, ", "))
}

// exists reports whether a file exists; other errors count as existing, so
// that reading it reports them.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

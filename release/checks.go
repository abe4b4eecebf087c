package release

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/ingest"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/schemas"
)

// validationReport is validation.json: every check of the release, the
// audit's and the release's own.
type validationReport struct {
	Version string        `json:"version"`
	Valid   bool          `json:"valid"` // no error-level check failed
	Stats   checkStats    `json:"stats"`
	Checks  []audit.Check `json:"checks"`
}

type checkStats struct {
	Checks   int `json:"checks"`
	Passed   int `json:"passed"`
	Warnings int `json:"warnings"`
	Failures int `json:"failures"`
}

func newValidationReport(version string, checks []audit.Check) *validationReport {
	r := &validationReport{Version: version, Checks: checks, Stats: checkStats{Checks: len(checks)}}
	for _, c := range checks {
		switch c.Status {
		case audit.StatusPass:
			r.Stats.Passed++
		case audit.StatusWarn:
			r.Stats.Warnings++
		default:
			r.Stats.Failures++
		}
	}
	r.Valid = r.Stats.Failures == 0
	return r
}

// newCheck returns the outcome of a check that found failures (none when it
// passed); it lists the first audit.MaxFailures of them.
func newCheck(name, severity, threshold, observed string, failures []string) audit.Check {
	c := audit.Check{Name: name, Severity: severity, Threshold: threshold, Observed: observed, Status: audit.StatusPass}
	if len(failures) > 0 {
		c.Status = audit.StatusFail
		if severity == audit.SeverityWarn {
			c.Status = audit.StatusWarn
		}
		c.Failures = failures[:min(len(failures), audit.MaxFailures)]
	}
	return c
}

// couldNotRun fails a check that could not be evaluated.
func couldNotRun(name, severity, threshold string, err error) audit.Check {
	return newCheck(name, severity, threshold, "could not run: "+err.Error(), []string{err.Error()})
}

// layoutChecks check, per table, that the Parquet file has the settings
// DuckDB reads best and that the release promises: ZSTD, full row groups of
// write.DefaultRowGroupRows rows, statistics on every column, no dictionary
// for id columns, the writer's name and the versions in the footer, and rows
// in the release order.
func layoutChecks(ctx context.Context, db *duckdb.DB, dir, version string) []audit.Check {
	var checks []audit.Check
	for _, table := range schemas.Tables {
		name := "layout:" + table
		threshold := fmt.Sprintf("ZSTD; row groups of %d rows but the last; statistics on every column; no dictionary for id columns; created_by parley; %s and %s in the metadata; rows ordered by %s",
			write.DefaultRowGroupRows, write.MetaSchemaVersion, MetaReleaseVersion, strings.Join(sortOrder[table], ", "))
		path := duckdb.ParquetPath(dir, table)
		failures, groups, err := layoutFailures(ctx, db, path, table, version)
		if err != nil {
			checks = append(checks, couldNotRun(name, audit.SeverityError, threshold, err))
			continue
		}
		observed := fmt.Sprintf("%d row %s, %d %s", groups, plural(groups, "group"), len(failures), plural(len(failures), "problem"))
		checks = append(checks, newCheck(name, audit.SeverityError, threshold, observed, failures))
	}
	return checks
}

func layoutFailures(ctx context.Context, db *duckdb.DB, path, table, version string) (failures []string, groups int, err error) {
	file := duckdb.Literal(path)
	sizes, err := db.Query(ctx, "SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata("+file+") ORDER BY row_group_id")
	if err != nil {
		return nil, 0, err
	}
	groups = len(sizes.Rows)
	for i, row := range sizes.Rows {
		if n := row[1].(int64); i < groups-1 && n != write.DefaultRowGroupRows {
			failures = append(failures, fmt.Sprintf("row group %d has %d rows", i, n))
		}
	}

	chunks, err := db.Query(ctx, `SELECT path_in_schema, row_group_id, compression, encodings, stats_null_count IS NOT NULL
		FROM parquet_metadata(`+file+`) ORDER BY row_group_id, column_id`)
	if err != nil {
		return nil, 0, err
	}
	for _, row := range chunks.Rows {
		column, group, codec, encodings, stats := row[0].(string), row[1].(int64), row[2].(string), row[3].(string), row[4].(bool)
		where := fmt.Sprintf("column %s, row group %d", column, group)
		if codec != "ZSTD" {
			failures = append(failures, where+": compression "+codec)
		}
		if !stats {
			failures = append(failures, where+": no statistics")
		}
		if strings.HasSuffix(column, "_id") && strings.Contains(encodings, "DICTIONARY") {
			failures = append(failures, where+": dictionary encoded ("+encodings+")")
		}
	}

	footer, err := db.Query(ctx, "SELECT created_by FROM parquet_file_metadata("+file+")")
	if err != nil {
		return nil, 0, err
	}
	if by, _ := footer.Rows[0][0].(string); !strings.HasPrefix(by, "parley ") {
		failures = append(failures, fmt.Sprintf("created_by is %q", by))
	}
	meta, err := db.Query(ctx, "SELECT decode(key), decode(value) FROM parquet_kv_metadata("+file+")")
	if err != nil {
		return nil, 0, err
	}
	want := map[string]string{write.MetaTable: table, write.MetaSchemaVersion: schemas.Version, MetaReleaseVersion: version}
	for _, row := range meta.Rows {
		if v, ok := want[row[0].(string)]; ok {
			if row[1] != v {
				failures = append(failures, fmt.Sprintf("metadata %s is %q, want %q", row[0], row[1], v))
			}
			delete(want, row[0].(string))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		failures = append(failures, "metadata has no "+key)
	}

	order, err := db.Query(ctx, fmt.Sprintf(`SELECT file_row_number, want FROM (
		SELECT file_row_number, row_number() OVER (ORDER BY %s) - 1 AS want FROM read_parquet(%s, file_row_number = true))
		WHERE file_row_number <> want ORDER BY file_row_number LIMIT 1`, strings.Join(sortOrder[table], ", "), file))
	if err != nil {
		return nil, 0, err
	}
	for _, row := range order.Rows {
		failures = append(failures, fmt.Sprintf("rows out of order: row %d belongs at %d", row[0], row[1]))
	}
	return failures, groups, nil
}

// evidenceChecks re-read the articles the evidence comes from and check
// that each mention's sentence is the text between its offsets. The build
// keeps no article text, so this works only where the input files are still
// at their input_path (relative to the working folder) and unchanged; the
// articles that are not are a warning, not an error.
func evidenceChecks(ctx context.Context, db *duckdb.DB) []audit.Check {
	const (
		reachable = "evidence:reachable"
		verbatim  = "evidence:verbatim"
	)
	reachThreshold := "every article with evidence is found unchanged at its input_path"
	verbThreshold := "every mention's sentence is the article text from start to end (code points)"
	byArticle, paths, err := mentionsByArticle(ctx, db)
	if err != nil {
		return []audit.Check{couldNotRun(reachable, audit.SeverityWarn, reachThreshold, err), couldNotRun(verbatim, audit.SeverityError, verbThreshold, err)}
	}
	var files []string
	for file := range paths {
		if _, err := os.Stat(file); err == nil {
			files = append(files, file)
		}
	}
	slices.Sort(files)

	seen := map[string]bool{}
	var wrong []string
	checked := 0
	if len(files) > 0 {
		_, err = ingest.Read(ctx, files, ingest.Options{}, func(it ingest.Item) error {
			if it.Unit == nil {
				return nil
			}
			id := parse.ArticleID(it.Unit.SourceID, it.Unit.SHA256)
			mentions, ok := byArticle[id]
			if !ok || seen[id] {
				return nil
			}
			seen[id] = true
			text := []rune(parse.Parse(it.Unit).Text)
			for _, m := range mentions {
				checked++
				if m.start < 0 || m.end > int64(len(text)) || m.start > m.end {
					wrong = append(wrong, fmt.Sprintf("%s (%s): offsets %d-%d outside the %d-character text", m.id, it.Unit.InputPath, m.start, m.end, len(text)))
				} else if got := string(text[m.start:m.end]); got != m.sentence {
					wrong = append(wrong, fmt.Sprintf("%s (%s): the text at %d-%d is %q, the sentence %q", m.id, it.Unit.InputPath, m.start, m.end, got, m.sentence))
				}
			}
			return nil
		})
		if err != nil {
			return []audit.Check{couldNotRun(reachable, audit.SeverityWarn, reachThreshold, err), couldNotRun(verbatim, audit.SeverityError, verbThreshold, err)}
		}
	}

	var missing []string
	for _, id := range slices.Sorted(maps.Keys(byArticle)) {
		if seen[id] {
			continue
		}
		path := byArticle[id][0].path
		if _, err := os.Stat(inputFile(path)); err != nil {
			missing = append(missing, fmt.Sprintf("%s: %s is not there", id, path))
		} else {
			missing = append(missing, fmt.Sprintf("%s: %s has changed since the build", id, path))
		}
	}
	return []audit.Check{
		newCheck(reachable, audit.SeverityWarn, reachThreshold,
			fmt.Sprintf("%d of %d articles with evidence re-read", len(seen), len(byArticle)), missing),
		newCheck(verbatim, audit.SeverityError, verbThreshold,
			fmt.Sprintf("%d %s checked in %d %s, %d not verbatim", checked, plural(checked, "mention"), len(seen), plural(len(seen), "article"), len(wrong)), wrong),
	}
}

type evidence struct {
	id, path, sentence string
	start, end         int64
}

// mentionsByArticle returns the mentions grouped by article, and the input
// files of those articles.
func mentionsByArticle(ctx context.Context, db *duckdb.DB) (map[string][]evidence, map[string]bool, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT x.article_id, x.mention_id, a.input_path, x.sentence, x.start, x."end"
		FROM mentions x JOIN articles a USING (article_id) ORDER BY x.article_id, x.start, x.mention_id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byArticle := map[string][]evidence{}
	files := map[string]bool{}
	for rows.Next() {
		var article string
		var e evidence
		if err := rows.Scan(&article, &e.id, &e.path, &e.sentence, &e.start, &e.end); err != nil {
			return nil, nil, err
		}
		byArticle[article] = append(byArticle[article], e)
		files[inputFile(e.path)] = true
	}
	return byArticle, files, rows.Err()
}

// inputFile strips the ":LINE" that articles.input_path appends for a JSONL
// line.
func inputFile(inputPath string) string {
	i := strings.LastIndexByte(inputPath, ':')
	if i < 0 {
		return inputPath
	}
	file, line := inputPath[:i], inputPath[i+1:]
	if line == "" || strings.Trim(line, "0123456789") != "" {
		return inputPath
	}
	if base := strings.ToLower(filepath.Base(file)); strings.HasSuffix(base, ".jsonl") || strings.HasSuffix(base, ".jsonl.gz") {
		return file
	}
	return inputPath
}

// Bounds of the row-count change against the previous release, past which
// a table is worth a look.
const (
	maxShrink = 0.10 // a table loses more than 10% of its rows
	maxGrowth = 1.0  // a table more than doubles
)

// rowCountChange compares the rows of every table with the previous
// release.
func rowCountChange(ctx context.Context, db *duckdb.DB, prev *previous) audit.Check {
	const name = "row_count_change"
	threshold := fmt.Sprintf("against the previous release no table loses more than %.0f%% of its rows or grows by more than %.0f%%", maxShrink*100, maxGrowth*100)
	if prev == nil {
		return newCheck(name, audit.SeverityWarn, threshold, "no previous release to compare with", nil)
	}
	counts, err := rowCounts(ctx, db, prev)
	if err != nil {
		return couldNotRun(name, audit.SeverityWarn, threshold, err)
	}
	var observed, failures []string
	for _, c := range counts {
		observed = append(observed, fmt.Sprintf("%s %d→%d", c.Table, c.Previous, c.Current))
		if c.Previous == 0 {
			continue
		}
		change := float64(c.Current-c.Previous) / float64(c.Previous)
		if change < -maxShrink || change > maxGrowth {
			failures = append(failures, fmt.Sprintf("%s: %d rows, %d in %s (%+.0f%%)", c.Table, c.Current, c.Previous, prev.name(), change*100))
		}
	}
	return newCheck(name, audit.SeverityWarn, threshold, strings.Join(observed, ", "), failures)
}

package release

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/schemas"
)

//go:embed templates
var templateFiles embed.FS

var cardTemplates = template.Must(template.New("card").Funcs(template.FuncMap{
	"date":   func(t time.Time) string { return t.Format(time.DateOnly) },
	"year":   func(t time.Time) int { return t.Year() },
	"counts": formatCounts,
	"cell":   markdownCell,
	"yaml":   yamlString,
}).ParseFS(templateFiles, "templates/*.md.tmpl", "templates/*.cff.tmpl"))

// cardData is what the dataset card (README.md), CITATION.cff and the
// report are made from.
type cardData struct {
	Version    string
	Released   time.Time
	Inputs     []string
	Package    *DataPackage
	Stats      *Statistics
	Changes    *Changes
	Validation *validationReport
}

func (c cardData) writeREADME(w io.Writer) error {
	return cardTemplates.ExecuteTemplate(w, "README.md.tmpl", c)
}

func (c cardData) writeCitation(w io.Writer) error {
	return cardTemplates.ExecuteTemplate(w, "CITATION.cff.tmpl", c)
}

func (c cardData) Title() string     { return datasetTitle }
func (c cardData) License() License  { return dataLicense }
func (c cardData) Archive() string   { return ArchiveName(c.Version) }
func (c cardData) RowGroupRows() int { return write.DefaultRowGroupRows }
func (c cardData) MaxFailures() int  { return audit.MaxFailures }

// Warnings are the checks that warn.
func (c cardData) Warnings() []audit.Check {
	var out []audit.Check
	for _, ch := range c.Validation.Checks {
		if ch.Status == audit.StatusWarn {
			out = append(out, ch)
		}
	}
	return out
}

// fileRow is one data file in the card's table of files.
type fileRow struct {
	Path  string
	Rows  int64
	Bytes int64
	Short string // the first 12 hex digits of the SHA-256
}

// Files lists the Parquet and CSV files.
func (c cardData) Files() []fileRow {
	rows := map[string]int64{}
	for _, t := range c.Stats.Tables {
		rows[t.Table] = t.Rows
	}
	var out []fileRow
	for _, r := range c.Package.Resources {
		table := strings.TrimSuffix(r.Name, "-csv")
		out = append(out, fileRow{Path: r.Path, Rows: rows[table], Bytes: r.Bytes, Short: strings.TrimPrefix(r.Hash, "sha256:")[:12]})
	}
	return out
}

// ChangeSummary says in one sentence what changed since the previous
// release.
func (c cardData) ChangeSummary() string {
	ch := c.Changes
	if ch.first {
		return "This is the first release."
	}
	since := "an earlier build"
	if ch.PreviousVersion != nil {
		since = "release " + *ch.PreviousVersion
	}
	return fmt.Sprintf("Since %s: meetings %d added, %d modified, %d removed, %d merged; actors %d added, %d modified, %d removed, %d merged.",
		since, len(ch.Meetings.Added), len(ch.Meetings.Modified), len(ch.Meetings.Removed), len(ch.Meetings.Redirected),
		len(ch.Actors.Added), len(ch.Actors.Modified), len(ch.Actors.Removed), len(ch.Actors.Redirected))
}

// dictTable is one table of the data dictionary.
type dictTable struct {
	Name, Description, Key, References string
	Columns                            []dictColumn
}

type dictColumn struct {
	Name, Type, Description, Allowed string
	Nullable                         bool
}

// Dictionary is the data dictionary, generated from the schemas.
func (c cardData) Dictionary() []dictTable {
	var out []dictTable
	for _, name := range schemas.Tables {
		t := schemas.MustLookup(name)
		d := dictTable{Name: name, Description: t.Description, Key: codeList(t.PrimaryKey, ", ")}
		var refs []string
		for _, fk := range t.ForeignKeys {
			refs = append(refs, fmt.Sprintf("`%s` → `%s.%s`", strings.Join(fk.Fields, ", "), fk.Table, strings.Join(fk.RefFields, ", ")))
		}
		d.References = strings.Join(refs, "; ")
		for _, col := range t.Columns {
			d.Columns = append(d.Columns, dictColumn{Name: col.Name, Type: duckType(col.Type), Description: col.Description, Allowed: allowed(col), Nullable: col.Nullable})
		}
		out = append(out, d)
	}
	return out
}

// duckType is how DuckDB shows a column type when it reads the Parquet
// files.
func duckType(ct schemas.ColumnType) string {
	switch ct {
	case schemas.Date:
		return "DATE"
	case schemas.Integer:
		return "BIGINT"
	case schemas.Number:
		return "DOUBLE"
	case schemas.Boolean:
		return "BOOLEAN"
	case schemas.List:
		return "VARCHAR[]"
	}
	return "VARCHAR"
}

// allowed describes the values a column accepts beyond its type.
func allowed(c schemas.Column) string {
	switch {
	case len(c.Enum) > 0:
		return codeList(c.Enum, ", ")
	case c.Pattern != "":
		return "matches `" + c.Pattern + "`"
	}
	return ""
}

func codeList(items []string, sep string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = "`" + s + "`"
	}
	return strings.Join(quoted, sep)
}

// markdownCell makes text safe inside a Markdown table cell.
func markdownCell(s string) string {
	s = strings.ReplaceAll(s, `|`, `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// formatCounts writes counts as "held 12, planned 3".
func formatCounts(counts []Count) string {
	if len(counts) == 0 {
		return "none"
	}
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%s %d", c.Value, c.Count)
	}
	return strings.Join(parts, ", ")
}

// yamlString quotes s as a YAML scalar: a JSON string is one.
func yamlString(s string) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

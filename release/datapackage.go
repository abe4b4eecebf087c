package release

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/parleydata/parley/schemas"
)

// DataPackage is datapackage.json, a Frictionless Data Package (v2): one
// resource per table and format, each with its Table Schema generated from
// schemas/.
type DataPackage struct {
	Profile       string        `json:"$schema"`
	Name          string        `json:"name"`
	Title         string        `json:"title"`
	Description   string        `json:"description"`
	Version       string        `json:"version"`
	SchemaVersion string        `json:"schema_version"` // the version of the table contract, schemas.Version
	Created       string        `json:"created"`
	Keywords      []string      `json:"keywords"`
	Licenses      []License     `json:"licenses"`
	Sources       []Source      `json:"sources"`
	Contributors  []Contributor `json:"contributors"`
	Resources     []Resource    `json:"resources"`
}

// License names a licence by its Open Definition id.
type License struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Title string `json:"title"`
}

// Source is where data came from.
type Source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Contributor is a person or organisation behind the data.
type Contributor struct {
	Title string   `json:"title"`
	Roles []string `json:"roles"`
}

// Resource is one file of the package.
type Resource struct {
	Name        string       `json:"name"`
	Path        string       `json:"path"`
	Type        string       `json:"type"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Format      string       `json:"format"`
	Mediatype   string       `json:"mediatype"`
	Encoding    string       `json:"encoding,omitempty"`
	Bytes       int64        `json:"bytes"`
	Hash        string       `json:"hash"` // "sha256:<hex>"
	Dialect     *Dialect     `json:"dialect,omitempty"`
	Schema      *TableSchema `json:"schema"`
}

// Dialect describes the CSV files as encoding/csv writes them.
type Dialect struct {
	Header         bool   `json:"header"`
	Delimiter      string `json:"delimiter"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	DoubleQuote    bool   `json:"doubleQuote"`
}

// TableSchema is a Frictionless Table Schema.
type TableSchema struct {
	Fields        []Field      `json:"fields"`
	MissingValues []string     `json:"missingValues"`
	PrimaryKey    []string     `json:"primaryKey,omitempty"`
	UniqueKeys    [][]string   `json:"uniqueKeys,omitempty"`
	ForeignKeys   []ForeignKey `json:"foreignKeys,omitempty"`
}

// Field is one column.
type Field struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Description string       `json:"description"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints restrict the values of a field.
type Constraints struct {
	Required   bool            `json:"required,omitempty"`
	Unique     bool            `json:"unique,omitempty"`
	Enum       []string        `json:"enum,omitempty"`
	Pattern    string          `json:"pattern,omitempty"`
	Minimum    json.RawMessage `json:"minimum,omitempty"`
	Maximum    json.RawMessage `json:"maximum,omitempty"`
	JSONSchema json.RawMessage `json:"jsonSchema,omitempty"`
}

// ForeignKey says that fields refer to the fields of another resource.
type ForeignKey struct {
	Fields    []string     `json:"fields"`
	Reference ForeignTable `json:"reference"`
}

// ForeignTable is the target of a foreign key.
type ForeignTable struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// Licence and description of the dataset, shared by the card.
const (
	datasetTitle       = "Parley: who met whom, with the evidence"
	datasetDescription = "Meetings between officials, delegations, countries and organisations, extracted from news articles: " +
		"who met whom, when, where, about what, and the sentences of the articles that say so. " +
		"Names are resolved across spellings, every record is validated against the table schemas, and every input that could not be used is in the rejects table."
)

var dataLicense = License{Name: "CC-BY-4.0", Path: "https://creativecommons.org/licenses/by/4.0/", Title: "Creative Commons Attribution 4.0 International"}

// formats are the two files of every table.
var formats = []struct {
	dir, ext, format, mediatype, suffix string
}{
	{"parquet", ".parquet", "parquet", "application/vnd.apache.parquet", ""},
	{"csv", ".csv", "csv", "text/csv", "-csv"},
}

// csvNote explains the CSV cells that are not plain values.
const csvNote = " CSV: null and the empty string are both an empty cell; lists are JSON arrays; " +
	"a text cell that starts with =, +, -, @, a tab or a carriage return has a leading apostrophe so that spreadsheets show it as text."

func newDataPackage(dir string, opts Options, released time.Time) (*DataPackage, error) {
	pkg := &DataPackage{
		Profile:       "https://datapackage.org/profiles/2.0/datapackage.json",
		Name:          "parley",
		Title:         datasetTitle,
		Description:   datasetDescription,
		Version:       opts.Version,
		SchemaVersion: schemas.Version,
		Created:       released.Format(time.RFC3339),
		Keywords:      []string{"diplomacy", "meetings", "events", "news", "international relations"},
		Licenses:      []License{dataLicense},
		Contributors:  []Contributor{{Title: "The Parley team", Roles: []string{"creator"}}},
	}
	for _, in := range opts.Inputs {
		pkg.Sources = append(pkg.Sources, Source{Title: "Input articles: " + in, Path: in})
	}
	pkg.Sources = append(pkg.Sources,
		Source{Title: "GeoNames (place names and coordinates, CC BY 4.0)", Path: "https://www.geonames.org/"},
		Source{Title: "Wikidata (officials in the actor registry, CC0)", Path: "https://www.wikidata.org/"})

	for _, f := range formats {
		for _, table := range schemas.Tables {
			t := schemas.MustLookup(table)
			rel := f.dir + "/" + table + f.ext
			size, sum, err := fileDigest(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				return nil, fmt.Errorf("release: datapackage: %w", err)
			}
			schema, err := tableSchema(t, f.suffix)
			if err != nil {
				return nil, fmt.Errorf("release: datapackage: %s: %w", table, err)
			}
			r := Resource{
				Name: table + f.suffix, Path: rel, Type: "table", Title: t.Title, Description: t.Description,
				Format: f.format, Mediatype: f.mediatype, Bytes: size, Hash: "sha256:" + sum, Schema: schema,
			}
			if f.format == "csv" {
				r.Encoding = "utf-8"
				r.Description += csvNote
				r.Dialect = &Dialect{Header: true, Delimiter: ",", LineTerminator: "\n", QuoteChar: `"`, DoubleQuote: true}
			}
			pkg.Resources = append(pkg.Resources, r)
		}
	}
	return pkg, nil
}

// tableSchema translates the JSON Schema of a table into a Table Schema
// whose foreign keys name the resources with the given suffix.
func tableSchema(t *schemas.Table, suffix string) (*TableSchema, error) {
	var doc struct {
		Properties map[string]struct {
			Minimum json.RawMessage `json:"minimum"`
			Maximum json.RawMessage `json:"maximum"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(t.Raw, &doc); err != nil {
		return nil, err
	}
	ts := &TableSchema{MissingValues: []string{""}}
	nullableKey := false
	for _, c := range t.Columns {
		f := Field{Name: c.Name, Type: fieldType(c.Type), Description: c.Description}
		k := Constraints{
			Required: !c.Nullable,
			Unique:   slices.Equal(t.PrimaryKey, []string{c.Name}),
			Enum:     c.Enum,
			Pattern:  c.Pattern,
			Minimum:  doc.Properties[c.Name].Minimum,
			Maximum:  doc.Properties[c.Name].Maximum,
		}
		if c.Type == schemas.List {
			k.JSONSchema = json.RawMessage(`{"type":"array","items":{"type":"string"}}`)
		}
		if k.Required || k.Unique || k.Enum != nil || k.Pattern != "" || k.Minimum != nil || k.Maximum != nil || k.JSONSchema != nil {
			f.Constraints = &k
		}
		if c.Nullable && slices.Contains(t.PrimaryKey, c.Name) {
			nullableKey = true
		}
		ts.Fields = append(ts.Fields, f)
	}
	// A primary key never holds null; a key with a nullable column (the
	// line of a reject) is a unique key, which allows it.
	if nullableKey {
		ts.UniqueKeys = [][]string{t.PrimaryKey}
	} else {
		ts.PrimaryKey = t.PrimaryKey
	}
	for _, fk := range t.ForeignKeys {
		ts.ForeignKeys = append(ts.ForeignKeys, ForeignKey{Fields: fk.Fields, Reference: ForeignTable{Resource: fk.Table + suffix, Fields: fk.RefFields}})
	}
	return ts, nil
}

// fieldType is the Table Schema type of a column type.
func fieldType(ct schemas.ColumnType) string {
	if ct == schemas.List {
		return "array" // a JSON array in CSV, LIST<VARCHAR> in Parquet
	}
	return string(ct) // string, date, integer, number and boolean are the same words
}

// fileDigest returns the size and hex SHA-256 of a file.
func fileDigest(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", path, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// Package schemas embeds the JSON Schemas of the dataset's tables. They are the
// single source of truth: records are validated against them, the Arrow and
// Parquet schemas are derived from them, and so is the data dictionary.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

//go:embed *.schema.json
var files embed.FS

// Version is the version of the table contract. Bump it when a column is
// added, renamed or changes meaning.
const Version = "1.1.0"

// Tables lists the tables in the order the dataset documents them.
var Tables = []string{"meetings", "participants", "dyads", "actors", "mentions", "articles", "rejects", "redirects"}

// ColumnType is the logical type of a column.
type ColumnType string

// Logical column types, derived from JSON Schema type and format.
const (
	String  ColumnType = "string"
	Date    ColumnType = "date"
	Integer ColumnType = "integer"
	Number  ColumnType = "number"
	Boolean ColumnType = "boolean"
	List    ColumnType = "list" // a list of strings
)

// Column describes one column of a table.
type Column struct {
	Name        string
	Type        ColumnType
	Nullable    bool
	Description string
	Enum        []string
	Pattern     string
}

// ForeignKey says that Fields of one table refer to Fields of Table.
type ForeignKey struct {
	Fields    []string
	Table     string
	RefFields []string
}

// Table describes one table of the dataset.
type Table struct {
	Name        string
	Title       string
	Description string
	Columns     []Column
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	Raw         []byte // the schema file
}

// Column returns the column called name.
func (t *Table) Column(name string) (Column, bool) {
	i := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Name == name })
	if i < 0 {
		return Column{}, false
	}
	return t.Columns[i], true
}

// ColumnNames returns the names of the columns in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

type property struct {
	Type        json.RawMessage `json:"type"`
	Format      string          `json:"format"`
	Description string          `json:"description"`
	Enum        []*string       `json:"enum"`
	Pattern     string          `json:"pattern"`
}

type document struct {
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Table       string              `json:"x-table"`
	PrimaryKey  []string            `json:"x-primary-key"`
	Properties  map[string]property `json:"properties"`
	Required    []string            `json:"required"`
	ForeignKeys []struct {
		Fields    []string `json:"fields"`
		Reference struct {
			Resource string   `json:"resource"`
			Fields   []string `json:"fields"`
		} `json:"reference"`
	} `json:"x-foreign-keys"`
}

var (
	loadOnce sync.Once
	tables   map[string]*Table
	loadErr  error
)

// Lookup returns the table called name.
func Lookup(name string) (*Table, error) {
	loadOnce.Do(func() { tables, loadErr = load() })
	if loadErr != nil {
		return nil, loadErr
	}
	t, ok := tables[name]
	if !ok {
		return nil, fmt.Errorf("schemas: no table %q", name)
	}
	return t, nil
}

// MustLookup is Lookup for the tables compiled into the binary, where a
// failure is a programming error.
func MustLookup(name string) *Table {
	t, err := Lookup(name)
	if err != nil {
		panic(err)
	}
	return t
}

// File returns the raw schema file of a table.
func File(name string) ([]byte, error) { return files.ReadFile(name + ".schema.json") }

// FS returns the embedded schema files.
func FS() fs.FS { return files }

func load() (map[string]*Table, error) {
	out := make(map[string]*Table)
	for _, name := range Tables {
		raw, err := File(name)
		if err != nil {
			return nil, fmt.Errorf("schemas: %w", err)
		}
		t, err := parse(name, raw)
		if err != nil {
			return nil, fmt.Errorf("schemas: %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

func parse(name string, raw []byte) (*Table, error) {
	var doc document
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if doc.Table != name {
		return nil, fmt.Errorf("x-table is %q", doc.Table)
	}
	t := &Table{Name: name, Title: doc.Title, Description: doc.Description, PrimaryKey: doc.PrimaryKey, Raw: raw}
	// Column order is the order of "required": every column is present in
	// every row, nullable ones as null.
	for _, col := range doc.Required {
		p, ok := doc.Properties[col]
		if !ok {
			return nil, fmt.Errorf("required column %q has no property", col)
		}
		c, err := column(col, p)
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, c)
	}
	if len(t.Columns) != len(doc.Properties) {
		return nil, fmt.Errorf("%d properties but %d required: every column must be required", len(doc.Properties), len(t.Columns))
	}
	for _, fk := range doc.ForeignKeys {
		t.ForeignKeys = append(t.ForeignKeys, ForeignKey{Fields: fk.Fields, Table: fk.Reference.Resource, RefFields: fk.Reference.Fields})
	}
	return t, nil
}

func column(name string, p property) (Column, error) {
	var types []string
	if err := json.Unmarshal(p.Type, &types); err != nil {
		var one string
		if err := json.Unmarshal(p.Type, &one); err != nil {
			return Column{}, fmt.Errorf("column %s: type: %w", name, err)
		}
		types = []string{one}
	}
	c := Column{Name: name, Description: p.Description, Pattern: p.Pattern}
	for _, e := range p.Enum {
		if e != nil {
			c.Enum = append(c.Enum, *e)
		}
	}
	var base []string
	for _, ty := range types {
		if ty == "null" {
			c.Nullable = true
			continue
		}
		base = append(base, ty)
	}
	if len(base) != 1 {
		return Column{}, fmt.Errorf("column %s: want one non-null type, have %s", name, strings.Join(base, ","))
	}
	switch {
	case base[0] == "string" && p.Format == "date":
		c.Type = Date
	case base[0] == "string":
		c.Type = String
	case base[0] == "integer":
		c.Type = Integer
	case base[0] == "number":
		c.Type = Number
	case base[0] == "boolean":
		c.Type = Boolean
	case base[0] == "array":
		c.Type = List
	default:
		return Column{}, fmt.Errorf("column %s: unsupported type %s", name, base[0])
	}
	return c, nil
}

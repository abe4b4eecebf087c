package schemas_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

func TestColumnTypeArrowType(t *testing.T) {
	tests := []struct {
		ct   schemas.ColumnType
		want string
	}{
		{schemas.String, "utf8"},
		{schemas.Date, "date32"},
		{schemas.Integer, "int64"},
		{schemas.Number, "float64"},
		{schemas.Boolean, "bool"},
		{schemas.List, "list<item: utf8>"},
	}
	for _, tt := range tests {
		if got := tt.ct.ArrowType().String(); got != tt.want {
			t.Errorf("%s.ArrowType() = %s, want %s", tt.ct, got, tt.want)
		}
	}
	if elem := schemas.List.ArrowType().(*arrow.ListType).ElemField(); elem.Nullable {
		t.Error("list elements are nullable, want non-null strings")
	}
}

func TestArrowSchemaMatchesColumns(t *testing.T) {
	for _, name := range schemas.Tables {
		t.Run(name, func(t *testing.T) {
			table := schemas.MustLookup(name)
			fields := table.ArrowSchema().Fields()
			if len(fields) != len(table.Columns) {
				t.Fatalf("%d Arrow fields, %d columns", len(fields), len(table.Columns))
			}
			for i, c := range table.Columns {
				f := fields[i]
				if f.Name != c.Name {
					t.Errorf("field %d is %s, want %s", i, f.Name, c.Name)
				}
				if !arrow.TypeEqual(f.Type, c.Type.ArrowType()) {
					t.Errorf("%s: type %s, want %s", c.Name, f.Type, c.Type.ArrowType())
				}
				if f.Nullable != c.Nullable {
					t.Errorf("%s: nullable %v, want %v", c.Name, f.Nullable, c.Nullable)
				}
				desc, ok := f.Metadata.GetValue(schemas.DescriptionKey)
				if !ok || desc != c.Description || desc == "" {
					t.Errorf("%s: description %q, want %q", c.Name, desc, c.Description)
				}
			}
		})
	}
}

// TestRecordTypesMatchSchemas proves that the Go structs, the JSON Schemas
// and (through ArrowSchema) the Parquet files agree: same columns, same order,
// and a Go type that can hold every value the column allows.
func TestRecordTypesMatchSchemas(t *testing.T) {
	if len(parley.RowTypes) != len(schemas.Tables) {
		t.Fatalf("%d record types for %d tables", len(parley.RowTypes), len(schemas.Tables))
	}
	for _, name := range schemas.Tables {
		t.Run(name, func(t *testing.T) {
			rt, ok := parley.RowTypes[name]
			if !ok {
				t.Fatalf("no record type for table %s", name)
			}
			table := schemas.MustLookup(name)
			var tags []string
			for f := range rt.Fields() {
				tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				tags = append(tags, tag)
				c, ok := table.Column(tag)
				if !ok {
					continue // reported by the order check below
				}
				if want := goType(c); f.Type != want {
					t.Errorf("%s.%s is %s, want %s for a %s column (nullable %v)", rt.Name(), f.Name, f.Type, want, c.Type, c.Nullable)
				}
			}
			if cols := table.ColumnNames(); !slices.Equal(tags, cols) {
				t.Errorf("%s json tags\n%v\nwant the columns of %s\n%v", rt.Name(), tags, name, cols)
			}
		})
	}
}

// goType is the Go type a record field must have to hold column c.
func goType(c schemas.Column) reflect.Type {
	var base reflect.Type
	switch c.Type {
	case schemas.String:
		base = reflect.TypeFor[string]()
	case schemas.Date:
		return reflect.TypeFor[parley.Date]() // the zero Date is null
	case schemas.Integer:
		base = reflect.TypeFor[int64]()
	case schemas.Number:
		base = reflect.TypeFor[float64]()
	case schemas.Boolean:
		base = reflect.TypeFor[bool]()
	case schemas.List:
		return reflect.TypeFor[[]string]() // nil is written as an empty list
	}
	if c.Nullable {
		return reflect.PointerTo(base)
	}
	return base
}

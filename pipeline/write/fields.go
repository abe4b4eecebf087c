package write

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

// A field appends one column of an addressable record struct to its Arrow
// builder.
type field interface {
	appendTo(v reflect.Value)
}

// column binds one column of the table to the struct field that holds it.
type column struct {
	index int // of the field in the record struct
	field
}

// bind matches the columns of t, in order, to the fields of rowType by json
// tag, and checks that each field's Go type can hold the column.
func bind(t *schemas.Table, rowType reflect.Type, batch *array.RecordBuilder) ([]column, error) {
	byTag := make(map[string]reflect.StructField, rowType.NumField())
	for f := range rowType.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		byTag[tag] = f
	}
	if len(byTag) != len(t.Columns) {
		return nil, fmt.Errorf("%s has %d fields, the table %d columns", rowType, len(byTag), len(t.Columns))
	}
	columns := make([]column, len(t.Columns))
	for i, c := range t.Columns {
		sf, ok := byTag[c.Name]
		if !ok {
			return nil, fmt.Errorf("%s has no field for column %s", rowType, c.Name)
		}
		f, err := newField(c, sf.Type, batch.Field(i))
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", rowType, sf.Name, err)
		}
		columns[i] = column{index: sf.Index[0], field: f}
	}
	return columns, nil
}

func newField(c schemas.Column, ft reflect.Type, b array.Builder) (field, error) {
	optional := ft.Kind() == reflect.Pointer
	base := ft
	if optional {
		base = ft.Elem()
	}
	var f field
	switch {
	case c.Type == schemas.String && base.Kind() == reflect.String:
		f = scalar[string]{b.(*array.StringBuilder), optional, reflect.Value.String}
	case c.Type == schemas.Integer && base.Kind() == reflect.Int64:
		f = scalar[int64]{b.(*array.Int64Builder), optional, reflect.Value.Int}
	case c.Type == schemas.Number && base.Kind() == reflect.Float64:
		f = scalar[float64]{b.(*array.Float64Builder), optional, reflect.Value.Float}
	case c.Type == schemas.Boolean && base.Kind() == reflect.Bool:
		f = scalar[bool]{b.(*array.BooleanBuilder), optional, reflect.Value.Bool}
	case c.Type == schemas.Date && ft == reflect.TypeFor[parley.Date]():
		return dateField{b.(*array.Date32Builder)}, nil
	case c.Type == schemas.List && ft == reflect.TypeFor[[]string]():
		lb := b.(*array.ListBuilder)
		return listField{lb, lb.ValueBuilder().(*array.StringBuilder)}, nil
	default:
		return nil, fmt.Errorf("type %s cannot hold a %s column", ft, c.Type)
	}
	if optional != c.Nullable {
		return nil, fmt.Errorf("type %s for a column with nullable %v", ft, c.Nullable)
	}
	return f, nil
}

// scalar is a column of strings, integers, numbers or booleans; optional
// columns are pointers, and nil is null.
type scalar[T any] struct {
	builder interface {
		Append(T)
		AppendNull()
	}
	optional bool
	get      func(reflect.Value) T
}

func (s scalar[T]) appendTo(v reflect.Value) {
	if s.optional {
		if v.IsNil() {
			s.builder.AppendNull()
			return
		}
		v = v.Elem()
	}
	s.builder.Append(s.get(v))
}

// dateField is a parley.Date column; the zero Date is null.
type dateField struct{ builder *array.Date32Builder }

func (f dateField) appendTo(v reflect.Value) {
	// Through a pointer: boxing the Date itself would allocate.
	if d := v.Addr().Interface().(*parley.Date); d.Valid() {
		f.builder.Append(arrow.Date32(d.Days()))
	} else {
		f.builder.AppendNull()
	}
}

// listField is a []string column; nil is an empty list, not null.
type listField struct {
	builder *array.ListBuilder
	values  *array.StringBuilder
}

func (f listField) appendTo(v reflect.Value) {
	f.builder.Append(true)
	for _, s := range *v.Addr().Interface().(*[]string) {
		f.values.Append(s)
	}
}

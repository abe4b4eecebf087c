package write

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

// A field appends one column of a record struct to its Arrow builder. It
// reads the struct field at its offset from the record's address: bind
// checks the field's type once, so that no value goes through reflection.
type field interface {
	appendFrom(record unsafe.Pointer)
	// reserve makes room for a batch like last, the column of the batch
	// before, so that the builder does not grow value by value.
	reserve(last arrow.Array)
}

// bind matches the columns of t, in order, to the fields of rowType by json
// tag, and checks that each field's Go type can hold the column.
func bind(t *schemas.Table, rowType reflect.Type, batch *array.RecordBuilder) ([]field, error) {
	byTag := make(map[string]reflect.StructField, rowType.NumField())
	for f := range rowType.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		byTag[tag] = f
	}
	if len(byTag) != len(t.Columns) {
		return nil, fmt.Errorf("%s has %d fields, the table %d columns", rowType, len(byTag), len(t.Columns))
	}
	fields := make([]field, len(t.Columns))
	for i, c := range t.Columns {
		sf, ok := byTag[c.Name]
		if !ok {
			return nil, fmt.Errorf("%s has no field for column %s", rowType, c.Name)
		}
		f, err := newField(c, sf, batch.Field(i))
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", rowType, sf.Name, err)
		}
		fields[i] = f
	}
	return fields, nil
}

func newField(c schemas.Column, sf reflect.StructField, b array.Builder) (field, error) {
	ft, offset := sf.Type, sf.Offset
	// Fields are read as these exact types, so named types are refused too.
	is := func(t reflect.Type) bool {
		if c.Nullable {
			return ft == reflect.PointerTo(t)
		}
		return ft == t
	}
	switch {
	case c.Type == schemas.String && is(reflect.TypeFor[string]()):
		return stringField{scalar[string]{b.(*array.StringBuilder), offset, c.Nullable}}, nil
	case c.Type == schemas.Integer && is(reflect.TypeFor[int64]()):
		return scalar[int64]{b.(*array.Int64Builder), offset, c.Nullable}, nil
	case c.Type == schemas.Number && is(reflect.TypeFor[float64]()):
		return scalar[float64]{b.(*array.Float64Builder), offset, c.Nullable}, nil
	case c.Type == schemas.Boolean && is(reflect.TypeFor[bool]()):
		return scalar[bool]{b.(*array.BooleanBuilder), offset, c.Nullable}, nil
	case c.Type == schemas.Date && ft == reflect.TypeFor[parley.Date]():
		return dateField{b.(*array.Date32Builder), offset}, nil
	case c.Type == schemas.List && ft == reflect.TypeFor[[]string]():
		lb := b.(*array.ListBuilder)
		return listField{lb, lb.ValueBuilder().(*array.StringBuilder), offset}, nil
	}
	return nil, fmt.Errorf("type %s cannot hold a %s column with nullable %v", ft, c.Type, c.Nullable)
}

// scalar is a column of strings, integers, numbers or booleans; optional
// columns are pointers, and nil is null.
type scalar[T any] struct {
	builder interface {
		Append(T)
		AppendNull()
		Reserve(int)
	}
	offset   uintptr
	optional bool
}

func (s scalar[T]) appendFrom(record unsafe.Pointer) {
	p := unsafe.Add(record, s.offset)
	if !s.optional {
		s.builder.Append(*(*T)(p))
	} else if v := *(**T)(p); v != nil {
		s.builder.Append(*v)
	} else {
		s.builder.AppendNull()
	}
}

func (s scalar[T]) reserve(last arrow.Array) { s.builder.Reserve(last.Len()) }

// stringField is a scalar string column; it also reserves room for the bytes.
type stringField struct{ scalar[string] }

func (f stringField) reserve(last arrow.Array) {
	f.scalar.reserve(last)
	f.builder.(*array.StringBuilder).ReserveData(len(last.(*array.String).ValueBytes()))
}

// dateField is a parley.Date column; the zero Date is null.
type dateField struct {
	builder *array.Date32Builder
	offset  uintptr
}

func (f dateField) appendFrom(record unsafe.Pointer) {
	if d := (*parley.Date)(unsafe.Add(record, f.offset)); d.Valid() {
		f.builder.Append(arrow.Date32(d.Days()))
	} else {
		f.builder.AppendNull()
	}
}

func (f dateField) reserve(last arrow.Array) { f.builder.Reserve(last.Len()) }

// listField is a []string column; nil is an empty list, not null.
type listField struct {
	builder *array.ListBuilder
	values  *array.StringBuilder
	offset  uintptr
}

func (f listField) appendFrom(record unsafe.Pointer) {
	f.builder.Append(true)
	for _, s := range *(*[]string)(unsafe.Add(record, f.offset)) {
		f.values.Append(s)
	}
}

func (f listField) reserve(last arrow.Array) {
	values := last.(*array.List).ListValues().(*array.String)
	f.builder.Reserve(last.Len())
	f.values.Reserve(values.Len())
	f.values.ReserveData(len(values.ValueBytes()))
}

package write

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

// A batch collects records column by column until they are handed to the
// encoders as one Arrow record batch. Text columns bound for a Parquet
// dictionary come out as dictionary arrays, other text as plain strings.
type batch struct {
	fields   []field              // one per column
	builders *array.RecordBuilder // the builders of the fields that use one
	schema   *arrow.Schema        // of the record batches, dictionary columns and all
	rows     int64
}

// A field appends one column of a record struct to a batch. It reads the
// struct field at its offset from the record's address: bind checks the
// field's type once, so that no value goes through reflection.
type field interface {
	appendFrom(record unsafe.Pointer)
	// newArray returns the values appended since the last call.
	newArray() (arrow.Array, error)
	// reserve makes room for a batch like last, the column of the batch
	// before, so that the column does not grow value by value.
	reserve(last arrow.Array)
}

// newBatch matches the columns of t, in order, to the fields of rowType by
// json tag, and checks that each field's Go type can hold the column.
func newBatch(t *schemas.Table, rowType reflect.Type) (*batch, error) {
	byTag := make(map[string]reflect.StructField, rowType.NumField())
	for f := range rowType.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		byTag[tag] = f
	}
	if len(byTag) != len(t.Columns) {
		return nil, fmt.Errorf("%s has %d fields, the table %d columns", rowType, len(byTag), len(t.Columns))
	}
	schema := t.ArrowSchema()
	b := &batch{
		fields:   make([]field, len(t.Columns)),
		builders: array.NewRecordBuilder(memory.DefaultAllocator, schema),
	}
	columns := schema.Fields()
	for i, c := range t.Columns {
		sf, ok := byTag[c.Name]
		if !ok {
			b.release()
			return nil, fmt.Errorf("%s has no field for column %s", rowType, c.Name)
		}
		f, err := newField(c, sf, b.builders.Field(i))
		if err != nil {
			b.release()
			return nil, fmt.Errorf("%s.%s: %w", rowType, sf.Name, err)
		}
		if _, ok := f.(*dictionaryField); ok {
			columns[i].Type = dictionaryOfStrings
		}
		b.fields[i] = f
	}
	b.schema = arrow.NewSchema(columns, nil)
	return b, nil
}

func (b *batch) append(record unsafe.Pointer) {
	for _, f := range b.fields {
		f.appendFrom(record)
	}
	b.rows++
}

// newRecord returns the records appended since the last call.
func (b *batch) newRecord() (arrow.RecordBatch, error) {
	columns := make([]arrow.Array, len(b.fields))
	defer func() {
		for _, col := range columns {
			if col != nil {
				col.Release()
			}
		}
	}()
	for i, f := range b.fields {
		col, err := f.newArray()
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", b.schema.Field(i).Name, err)
		}
		columns[i] = col
	}
	rec := array.NewRecordBatch(b.schema, columns, b.rows)
	b.rows = 0
	return rec, nil
}

// reserve makes room for a batch like last.
func (b *batch) reserve(last arrow.RecordBatch) {
	for i, f := range b.fields {
		f.reserve(last.Column(i))
	}
}

func (b *batch) release() { b.builders.Release() }

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
	case c.Type == schemas.String && is(reflect.TypeFor[string]()) && plainEncoded(c.Name):
		f := &stringField{offset: offset, optional: c.Nullable}
		f.values.reset(0, 0)
		return f, nil
	case c.Type == schemas.String && is(reflect.TypeFor[string]()):
		f := &dictionaryField{offset: offset, optional: c.Nullable, numbers: map[string]int32{}, lastNumber: -1}
		f.entries.reset(0, 0)
		return f, nil
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

// stringAt returns the string field at p, and false for a nil pointer of an
// optional field.
func stringAt(p unsafe.Pointer, optional bool) (string, bool) {
	if !optional {
		return *(*string)(p), true
	}
	if s := *(**string)(p); s != nil {
		return *s, true
	}
	return "", false
}

// stringField is a text column whose values rarely repeat, such as ids. It
// appends to plain slices, which costs less than array.StringBuilder.
type stringField struct {
	offset   uintptr
	optional bool
	values   stringValues
	valid    validity
}

func (f *stringField) appendFrom(record unsafe.Pointer) {
	s, ok := stringAt(unsafe.Add(record, f.offset), f.optional)
	if f.optional {
		f.valid.append(ok)
	}
	f.values.append(s)
}

func (f *stringField) newArray() (arrow.Array, error) {
	strs, err := f.values.newArray(f.valid)
	f.values.reset(0, 0)
	f.valid = validity{}
	return strs, err
}

func (f *stringField) reserve(last arrow.Array) {
	f.values.reserve(last.(*array.String))
	f.valid.reserve(last.Len())
}

// dictionaryField is a text column bound for a Parquet dictionary: it keeps
// each distinct string of a batch once, numbered in order of first
// appearance as arrow-go's encoder would number them, and the number of
// each value.
type dictionaryField struct {
	offset   uintptr
	optional bool
	numbers  map[string]int32 // of the entries
	entries  stringValues
	indices  []int32 // one per value; 0 for null
	valid    validity

	// The last value numbered, and its number, or -1: runs of one value,
	// as in constant columns and sorted tables, skip the map.
	last       string
	lastNumber int32
}

// dictionaryOfStrings is the type of a dictionaryField's arrays.
var dictionaryOfStrings = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

func (f *dictionaryField) appendFrom(record unsafe.Pointer) {
	s, ok := stringAt(unsafe.Add(record, f.offset), f.optional)
	if f.optional {
		f.valid.append(ok)
	}
	var index int32
	if ok {
		index = f.number(s)
	}
	f.indices = append(f.indices, index)
}

// number returns the number of s in the dictionary, adding it if new.
func (f *dictionaryField) number(s string) int32 {
	if f.lastNumber >= 0 && s == f.last {
		return f.lastNumber
	}
	index, known := f.numbers[s]
	if !known {
		index = int32(len(f.numbers))
		f.numbers[s] = index
		f.entries.append(s)
	}
	f.last, f.lastNumber = s, index
	return index
}

func (f *dictionaryField) newArray() (arrow.Array, error) {
	defer clear(f.numbers)
	entries, err := f.entries.newArray(validity{})
	if err != nil {
		return nil, err
	}
	defer entries.Release()
	indexData := array.NewData(arrow.PrimitiveTypes.Int32, len(f.indices),
		[]*memory.Buffer{f.valid.buffer(), memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(f.indices))},
		nil, f.valid.nulls, 0)
	defer indexData.Release()
	indices := array.NewInt32Data(indexData)
	defer indices.Release()
	f.entries.reset(0, 0)
	f.indices, f.valid = nil, validity{}
	f.last, f.lastNumber = "", -1
	return array.NewDictionaryArray(dictionaryOfStrings, indices, entries), nil
}

func (f *dictionaryField) reserve(last arrow.Array) {
	f.entries.reserve(last.(*array.Dictionary).Dictionary().(*array.String))
	f.indices = make([]int32, 0, last.Len())
	f.valid.reserve(last.Len())
}

// stringValues are the bytes and offsets of a string array under
// construction.
type stringValues struct {
	data    []byte
	offsets []int32 // where each value starts, and where the last one ends
}

// reset empties v, with room for n values of size bytes in all.
func (v *stringValues) reset(n, size int) {
	v.data = make([]byte, 0, size)
	v.offsets = append(make([]int32, 0, n+1), 0)
}

func (v *stringValues) append(s string) {
	if len(v.data)+len(s) > cap(v.data) {
		// Double, as Arrow's builders do: append grows large slices by a
		// quarter at a time, which copies the bytes of a row group several
		// times over before reserve has sized the column.
		v.data = slices.Grow(v.data, len(v.data)+len(s))
	}
	v.data = append(v.data, s...)
	v.offsets = append(v.offsets, int32(len(v.data)))
}

// newArray returns the values as a string array, with valid its validity.
func (v *stringValues) newArray(valid validity) (arrow.Array, error) {
	if len(v.data) > math.MaxInt32 {
		return nil, fmt.Errorf("%d bytes of text in one row group, more than an Arrow string array holds", len(v.data))
	}
	data := array.NewData(arrow.BinaryTypes.String, len(v.offsets)-1,
		[]*memory.Buffer{valid.buffer(), memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(v.offsets)), memory.NewBufferBytes(v.data)},
		nil, valid.nulls, 0)
	defer data.Release()
	return array.NewStringData(data), nil
}

func (v *stringValues) reserve(last *array.String) { v.reset(last.Len(), len(last.ValueBytes())) }

// validity is the validity bitmap of an array under construction.
type validity struct {
	bits  []byte
	n     int // values
	nulls int
}

func (v *validity) append(valid bool) {
	if v.n%8 == 0 {
		v.bits = append(v.bits, 0)
	}
	if valid {
		v.bits[v.n/8] |= 1 << (v.n % 8)
	} else {
		v.nulls++
	}
	v.n++
}

// buffer returns the bitmap, or nil when no value is null.
func (v validity) buffer() *memory.Buffer {
	if v.nulls == 0 {
		return nil
	}
	return memory.NewBufferBytes(v.bits)
}

func (v *validity) reserve(n int) { v.bits = make([]byte, 0, (n+7)/8) }

// scalar is a column of integers, numbers or booleans; optional columns are
// pointers, and nil is null.
type scalar[T any] struct {
	builder interface {
		array.Builder
		Append(T)
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

func (s scalar[T]) newArray() (arrow.Array, error) { return s.builder.NewArray(), nil }

func (s scalar[T]) reserve(last arrow.Array) { s.builder.Reserve(last.Len()) }

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

func (f dateField) newArray() (arrow.Array, error) { return f.builder.NewArray(), nil }

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

func (f listField) newArray() (arrow.Array, error) { return f.builder.NewArray(), nil }

func (f listField) reserve(last arrow.Array) {
	values := last.(*array.List).ListValues().(*array.String)
	f.builder.Reserve(last.Len())
	f.values.Reserve(values.Len())
	f.values.ReserveData(len(values.ValueBytes()))
}

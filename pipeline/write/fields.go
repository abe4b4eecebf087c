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

// A batch collects records column by column, in plain slices, until they
// are handed to the encoders as one Arrow record batch. Text columns bound
// for a Parquet dictionary come out as dictionary arrays, other text as
// plain strings.
type batch struct {
	fields []field       // one per column
	schema *arrow.Schema // of the record batches, dictionary columns and all
	rows   int64
}

// A field appends one column of a record struct to a batch. It reads the
// struct field at its offset from the record's address: newBatch checks the
// field's type once, so that no value goes through reflection.
type field interface {
	appendFrom(record unsafe.Pointer)
	// newArray returns the values appended since the last call, as an array
	// over the field's slices; the field starts anew with none.
	newArray() (arrow.Array, error)
	// prepare sizes the field's buffers for a batch like old, an array it
	// made earlier, so that the column does not grow value by value. With
	// reuse, nothing reads old any more, and the field takes its buffers.
	prepare(old arrow.Array, reuse bool)
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
	b := &batch{fields: make([]field, len(t.Columns))}
	columns := t.ArrowSchema().Fields()
	for i, c := range t.Columns {
		sf, ok := byTag[c.Name]
		if !ok {
			return nil, fmt.Errorf("%s has no field for column %s", rowType, c.Name)
		}
		f, err := newField(c, sf, columns[i].Type)
		if err != nil {
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

// prepare sizes the columns for records like those of old, a record batch
// this batch made. With reuse, nothing reads old any more, and the columns
// take its buffers.
func (b *batch) prepare(old arrow.RecordBatch, reuse bool) {
	for i, f := range b.fields {
		f.prepare(old.Column(i), reuse)
	}
}

func newField(c schemas.Column, sf reflect.StructField, typ arrow.DataType) (field, error) {
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
		return &stringField{offset: offset, optional: c.Nullable}, nil
	case c.Type == schemas.String && is(reflect.TypeFor[string]()):
		return &dictionaryField{offset: offset, optional: c.Nullable, numbers: map[string]int32{}, lastNumber: -1}, nil
	case c.Type == schemas.Integer && is(reflect.TypeFor[int64]()):
		return &numberField[int64]{offset: offset, optional: c.Nullable, typ: typ}, nil
	case c.Type == schemas.Number && is(reflect.TypeFor[float64]()):
		return &numberField[float64]{offset: offset, optional: c.Nullable, typ: typ}, nil
	case c.Type == schemas.Boolean && is(reflect.TypeFor[bool]()):
		return &boolField{offset: offset, optional: c.Nullable}, nil
	case c.Type == schemas.Date && ft == reflect.TypeFor[parley.Date]():
		return &dateField{offset: offset}, nil
	case c.Type == schemas.List && ft == reflect.TypeFor[[]string]():
		return &listField{offset: offset, typ: typ}, nil
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

// stringField is a text column whose values rarely repeat, such as ids.
type stringField struct {
	offset   uintptr
	optional bool
	values   stringValues
	valid    bitmap // empty unless optional
}

func (f *stringField) appendFrom(record unsafe.Pointer) {
	s, ok := stringAt(unsafe.Add(record, f.offset), f.optional)
	if f.optional {
		f.valid.append(ok)
	}
	f.values.append(s)
}

func (f *stringField) newArray() (arrow.Array, error) {
	defer func() { *f = stringField{offset: f.offset, optional: f.optional} }()
	return f.values.newArray(f.valid)
}

func (f *stringField) prepare(old arrow.Array, reuse bool) {
	f.values.prepare(old.(*array.String), reuse)
	f.valid.prepare(old.Data().Buffers()[0], reuse)
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
	valid    bitmap  // empty unless optional

	// The last value numbered, and its number, or -1: runs of one value,
	// as in constant columns and sorted tables, skip the map.
	last       string
	lastNumber int32
	// Strings numbered lately, by address: records share the strings of
	// constants (statuses, modes) and of their sources, and a string at the
	// same address with the same length is the same value.
	recent [16]recentString
}

type recentString struct {
	data   *byte
	length int
	number int32 // plus one; 0 in an empty slot
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
	f.indices = push(f.indices, index)
}

// number returns the number of s in the dictionary, adding it if new.
func (f *dictionaryField) number(s string) int32 {
	if f.lastNumber >= 0 && s == f.last {
		return f.lastNumber
	}
	data := unsafe.StringData(s)
	slot := &f.recent[uintptr(unsafe.Pointer(data))>>3%uintptr(len(f.recent))]
	if slot.number > 0 && slot.data == data && slot.length == len(s) {
		f.last, f.lastNumber = s, slot.number-1
		return f.lastNumber
	}
	index, known := f.numbers[s]
	if !known {
		index = int32(len(f.numbers))
		f.numbers[s] = index
		f.entries.append(s)
	}
	*slot = recentString{data, len(s), index + 1}
	f.last, f.lastNumber = s, index
	return index
}

func (f *dictionaryField) newArray() (arrow.Array, error) {
	defer func() {
		clear(f.numbers)
		f.entries, f.indices, f.valid = stringValues{}, nil, bitmap{}
		f.last, f.lastNumber, f.recent = "", -1, [len(f.recent)]recentString{}
	}()
	entries, err := f.entries.newArray(bitmap{})
	if err != nil {
		return nil, err
	}
	defer entries.Release()
	indices := fixedWidthArray(arrow.PrimitiveTypes.Int32, f.indices, f.valid)
	defer indices.Release()
	dict := array.NewDictionaryArray(dictionaryOfStrings, indices, entries)
	// Dictionary makes its array on first use: make it here, before the
	// encoders and this field read it from their goroutines.
	dict.Dictionary()
	return dict, nil
}

func (f *dictionaryField) prepare(old arrow.Array, reuse bool) {
	dict := old.(*array.Dictionary)
	f.entries.prepare(dict.Dictionary().(*array.String), reuse)
	f.indices = fixedWidthLike[int32](dict.Data().Buffers()[1], reuse)
	f.valid.prepare(dict.Data().Buffers()[0], reuse)
}

// numberField is a column of integers or numbers; optional columns are
// pointers, and nil is null.
type numberField[T int64 | float64] struct {
	offset   uintptr
	optional bool
	typ      arrow.DataType
	values   []T
	valid    bitmap // empty unless optional
}

func (f *numberField[T]) appendFrom(record unsafe.Pointer) {
	p := unsafe.Add(record, f.offset)
	if !f.optional {
		f.values = push(f.values, *(*T)(p))
		return
	}
	v := *(**T)(p)
	f.valid.append(v != nil)
	if v != nil {
		f.values = push(f.values, *v)
	} else {
		f.values = push(f.values, 0)
	}
}

func (f *numberField[T]) newArray() (arrow.Array, error) {
	defer func() { f.values, f.valid = nil, bitmap{} }()
	return fixedWidthArray(f.typ, f.values, f.valid), nil
}

func (f *numberField[T]) prepare(old arrow.Array, reuse bool) {
	f.values = fixedWidthLike[T](old.Data().Buffers()[1], reuse)
	f.valid.prepare(old.Data().Buffers()[0], reuse)
}

// dateField is a parley.Date column; the zero Date is null.
type dateField struct {
	offset uintptr
	days   []arrow.Date32
	valid  bitmap
}

func (f *dateField) appendFrom(record unsafe.Pointer) {
	d := (*parley.Date)(unsafe.Add(record, f.offset))
	f.valid.append(d.Valid())
	if d.Valid() {
		f.days = push(f.days, arrow.Date32(d.Days()))
	} else {
		f.days = push(f.days, 0)
	}
}

func (f *dateField) newArray() (arrow.Array, error) {
	defer func() { f.days, f.valid = nil, bitmap{} }()
	return fixedWidthArray(arrow.FixedWidthTypes.Date32, f.days, f.valid), nil
}

func (f *dateField) prepare(old arrow.Array, reuse bool) {
	f.days = fixedWidthLike[arrow.Date32](old.Data().Buffers()[1], reuse)
	f.valid.prepare(old.Data().Buffers()[0], reuse)
}

// boolField is a boolean column; optional columns are pointers, and nil is
// null.
type boolField struct {
	offset   uintptr
	optional bool
	values   bitmap
	valid    bitmap // empty unless optional
}

func (f *boolField) appendFrom(record unsafe.Pointer) {
	p := unsafe.Add(record, f.offset)
	if !f.optional {
		f.values.append(*(*bool)(p))
		return
	}
	v := *(**bool)(p)
	f.valid.append(v != nil)
	f.values.append(v != nil && *v)
}

func (f *boolField) newArray() (arrow.Array, error) {
	defer func() { f.values, f.valid = bitmap{}, bitmap{} }()
	data := array.NewData(arrow.FixedWidthTypes.Boolean, f.values.n,
		[]*memory.Buffer{f.valid.buffer(), memory.NewBufferBytes(f.values.bits)}, nil, f.valid.unset, 0)
	defer data.Release()
	return array.NewBooleanData(data), nil
}

func (f *boolField) prepare(old arrow.Array, reuse bool) {
	f.values.prepare(old.Data().Buffers()[1], reuse)
	f.valid.prepare(old.Data().Buffers()[0], reuse)
}

// listField is a []string column; nil is an empty list, not null.
type listField struct {
	offset  uintptr
	typ     arrow.DataType
	offsets []int32 // where each list starts in values, and where the last one ends; empty when there are none
	values  stringValues
}

func (f *listField) appendFrom(record unsafe.Pointer) {
	if len(f.offsets) == 0 {
		f.offsets = push(f.offsets, 0)
	}
	for _, s := range *(*[]string)(unsafe.Add(record, f.offset)) {
		f.values.append(s)
	}
	f.offsets = push(f.offsets, int32(f.values.len()))
}

func (f *listField) newArray() (arrow.Array, error) {
	defer func() { f.offsets, f.values = nil, stringValues{} }()
	values, err := f.values.newArray(bitmap{})
	if err != nil {
		return nil, err
	}
	defer values.Release()
	offsets := f.offsets
	if len(offsets) == 0 {
		offsets = []int32{0}
	}
	data := array.NewData(f.typ, len(offsets)-1,
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.GetBytes(offsets))}, []arrow.ArrayData{values.Data()}, 0, 0)
	defer data.Release()
	return array.NewListData(data), nil
}

func (f *listField) prepare(old arrow.Array, reuse bool) {
	list := old.(*array.List)
	f.offsets = fixedWidthLike[int32](list.Data().Buffers()[1], reuse)
	f.values.prepare(list.ListValues().(*array.String), reuse)
}

// stringValues are the bytes and offsets of a string array under
// construction.
type stringValues struct {
	data    []byte
	offsets []int32 // where each value starts, and where the last one ends; empty when there are none
}

func (v *stringValues) append(s string) {
	if len(v.offsets) == 0 {
		v.offsets = push(v.offsets, 0)
	}
	if len(v.data)+len(s) > cap(v.data) {
		v.data = slices.Grow(v.data, len(v.data)+len(s)) // doubles, see push
	}
	v.data = append(v.data, s...)
	v.offsets = push(v.offsets, int32(len(v.data)))
}

func (v *stringValues) len() int { return max(len(v.offsets)-1, 0) }

// newArray returns the values as a string array, with valid its validity.
func (v *stringValues) newArray(valid bitmap) (arrow.Array, error) {
	if len(v.data) > math.MaxInt32 {
		return nil, fmt.Errorf("%d bytes of text in one row group, more than an Arrow string array holds", len(v.data))
	}
	offsets := v.offsets
	if len(offsets) == 0 {
		offsets = []int32{0}
	}
	data := array.NewData(arrow.BinaryTypes.String, len(offsets)-1,
		[]*memory.Buffer{valid.buffer(), memory.NewBufferBytes(arrow.GetBytes(offsets)), memory.NewBufferBytes(v.data)},
		nil, valid.unset, 0)
	defer data.Release()
	return array.NewStringData(data), nil
}

func (v *stringValues) prepare(old *array.String, reuse bool) {
	v.offsets = like(old.ValueOffsets(), reuse)
	data := old.ValueBytes()
	if reuse {
		v.data = data[:0]
		return
	}
	// Batches of as many values differ in bytes: a quarter more room saves
	// doubling the buffer for one a little longer.
	v.data = make([]byte, 0, len(data)+len(data)/4)
}

// bitmap is a bitmap under construction: a validity bitmap, or the values of
// a boolean array.
type bitmap struct {
	bits  []byte
	n     int // bits
	unset int
}

func (b *bitmap) append(set bool) {
	if b.n%8 == 0 {
		b.bits = push(b.bits, 0)
	}
	if set {
		b.bits[b.n/8] |= 1 << (b.n % 8)
	} else {
		b.unset++
	}
	b.n++
}

// buffer returns b as a validity bitmap: nil when every value is valid.
func (b bitmap) buffer() *memory.Buffer {
	if b.unset == 0 {
		return nil
	}
	return memory.NewBufferBytes(b.bits)
}

func (b *bitmap) prepare(old *memory.Buffer, reuse bool) {
	if old != nil {
		b.bits = like(old.Bytes(), reuse)
	}
}

// fixedWidthArray returns values as an array of typ, with valid its
// validity.
func fixedWidthArray[T arrow.FixedWidthType](typ arrow.DataType, values []T, valid bitmap) arrow.Array {
	data := array.NewData(typ, len(values),
		[]*memory.Buffer{valid.buffer(), memory.NewBufferBytes(arrow.GetBytes(values))}, nil, valid.unset, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// fixedWidthLike returns an empty slice of values with room for those in
// old, the values buffer of an array: old's own with reuse.
func fixedWidthLike[T arrow.FixedWidthType](old *memory.Buffer, reuse bool) []T {
	return like(arrow.GetData[T](old.Bytes()), reuse)
}

// like returns an empty slice with room for the elements of old: old itself
// with reuse, or a new one.
func like[T any](old []T, reuse bool) []T {
	if reuse {
		return old[:0]
	}
	return make([]T, 0, len(old))
}

// push appends v to s, doubling the capacity when s is full: append grows
// large slices by a quarter at a time, which would copy the values of a row
// group several times over before the column's buffers are reused.
func push[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, len(s)+1)
	}
	return append(s, v)
}

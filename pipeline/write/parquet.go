package write

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// parquetEncoder writes record batches as the row groups of a Parquet file,
// as pqarrow.FileWriter does, but encodes the columns of a row group
// concurrently. Each column chunk is buffered in memory until the row group
// is complete and then written in column order, so the bytes do not depend
// on the schedule.
type parquetEncoder struct {
	file    *file.Writer
	schema  *arrow.Schema
	workers []*columnWorker
}

// A columnWorker encodes one column chunk at a time.
type columnWorker struct {
	ctx     context.Context  // pqarrow keeps scratch buffers in it
	dict    map[string]int32 // the distinct strings of a column chunk, numbered
	numbers map[uint64]int32 // the distinct numbers or dates, by their bits

	// Levels and dictionary indices of the column chunk at hand, reused:
	// arrow-go encodes them as it goes and keeps no reference.
	def, rep []int16
	indices  []int32
}

// newParquetEncoder starts a Parquet file with the Arrow schema stored in its
// footer under ARROW:schema, followed by meta in key order.
func newParquetEncoder(w io.Writer, schema *arrow.Schema, props *parquet.WriterProperties, meta map[string]string) (*parquetEncoder, error) {
	arrowProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	pqSchema, err := pqarrow.ToParquet(schema, props, arrowProps)
	if err != nil {
		return nil, err
	}
	// Readers such as pyarrow restore Arrow types from ARROW:schema; its list
	// elements are named like the Parquet columns.
	stored := flight.SerializeSchema(parquetNamed(schema), props.Allocator())
	kv := metadata.KeyValueMetadata{}
	kv.Append("ARROW:schema", base64.StdEncoding.EncodeToString(stored))
	for _, key := range slices.Sorted(maps.Keys(meta)) {
		kv.Append(key, meta[key])
	}
	fw, err := file.NewParquetWriterWithError(w, pqSchema.Root(), file.WithWriterProps(props), file.WithWriteMetadata(kv))
	if err != nil {
		return nil, err
	}
	e := &parquetEncoder{file: fw, schema: schema}
	for range runtime.GOMAXPROCS(0) {
		e.workers = append(e.workers, &columnWorker{
			ctx:     pqarrow.NewArrowWriteContext(context.Background(), &arrowProps),
			dict:    map[string]int32{},
			numbers: map[uint64]int32{},
		})
	}
	return e, nil
}

// parquetNamed returns the schema with list elements named "element", as
// Parquet names them.
func parquetNamed(schema *arrow.Schema) *arrow.Schema {
	fields := schema.Fields()
	for i, f := range fields {
		if list, ok := f.Type.(*arrow.ListType); ok {
			elem := list.ElemField()
			elem.Name = "element"
			fields[i].Type = arrow.ListOfField(elem)
		}
	}
	meta := schema.Metadata()
	return arrow.NewSchema(fields, &meta)
}

// encode writes rec as one row group.
func (e *parquetEncoder) encode(rec arrow.RecordBatch) error {
	rg, err := e.file.AppendBufferedRowGroupChecked()
	if err != nil {
		return err
	}
	errs := make([]error, rec.NumCols())
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range e.workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(errs); i = int(next.Add(1) - 1) {
				field := e.schema.Field(i)
				if err := w.writeColumn(rg, i, rec.Column(i), field.Nullable); err != nil {
					errs[i] = fmt.Errorf("column %s: %w", field.Name, err)
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return rg.Close()
}

// writeColumn writes one column of a row group. Columns are flat or lists of
// non-null strings (schemas.ColumnType.ArrowType), so each is one Parquet
// leaf, and its repetition and definition levels are simple to derive.
func (w *columnWorker) writeColumn(rg file.BufferedRowGroupWriter, i int, col arrow.Array, nullable bool) error {
	cw, err := rg.Column(i)
	if err != nil {
		return err
	}
	if err := w.writeValues(cw, col, nullable); err != nil {
		return err
	}
	// Compress the last page here rather than in the row group's Close,
	// which runs on one goroutine.
	if pager, ok := cw.(interface{ FlushCurrentPage() error }); ok {
		return pager.FlushCurrentPage()
	}
	return nil
}

func (w *columnWorker) writeValues(cw file.ColumnChunkWriter, col arrow.Array, nullable bool) error {
	if list, ok := col.(*array.List); ok {
		if nullable || list.DataType().(*arrow.ListType).ElemField().Nullable {
			return errors.New("nullable lists are not supported")
		}
		offsets := list.Offsets()
		values := array.NewSlice(list.ListValues(), int64(offsets[0]), int64(offsets[len(offsets)-1]))
		defer values.Release()
		w.def, w.rep = listLevels(w.def[:0], w.rep[:0], offsets)
		return w.writeLeaf(cw, values, w.def, w.rep, false)
	}
	if !nullable {
		return w.writeLeaf(cw, col, nil, nil, false)
	}
	w.def = resized(w.def, col.Len())
	for j := range w.def {
		if col.IsValid(j) {
			w.def[j] = 1
		}
	}
	return w.writeLeaf(cw, col, w.def, nil, true)
}

// writeLeaf writes the values of a column chunk. Text bound for a dictionary
// comes as a dictionary array; the strings of lists, integers, numbers and
// dates are numbered here with a map. Either way costs less than the
// dictionary encoder's own hashing, which allocates for every string and
// updates the statistics value by value.
func (w *columnWorker) writeLeaf(cw file.ColumnChunkWriter, values arrow.Array, def, rep []int16, nullable bool) error {
	toDictionary := cw.CurrentEncoder().Encoding() == parquet.Encodings.PlainDict
	limit := cw.Properties().DictionaryPageSizeLimit()
	switch v := values.(type) {
	case *array.Dictionary:
		dict := v.Dictionary().(*array.String)
		if toDictionary && dictionaryPageSize(dict) < limit {
			return writeDictionary(cw, dict, v.Indices(), def, rep)
		}
		// The encoder hashes the strings itself and falls back to plain
		// encoding.
		dense, err := compute.CastArray(w.ctx, v, compute.SafeCastOptions(arrow.BinaryTypes.String))
		if err != nil {
			return err
		}
		defer dense.Release()
		values = dense
	case *array.String:
		if !toDictionary {
			break
		}
		if dict, indices := w.dictionaryEncode(v, limit); dict != nil {
			defer dict.Release()
			defer indices.Release()
			return writeDictionary(cw, dict, indices, def, rep)
		}
	case *array.Int64, *array.Float64, *array.Date32:
		if !toDictionary {
			break
		}
		if dict, indices := w.numberValues(v); dict != nil {
			defer dict.Release()
			defer indices.Release()
			return writeDictionary(cw, dict, indices, def, rep)
		}
	}
	return pqarrow.WriteArrowToColumn(w.ctx, cw, values, def, rep, nullable)
}

// dictionaryPageSize is the size of dict in a dictionary page: a length and
// the bytes of each value.
func dictionaryPageSize(dict *array.String) int64 {
	return int64(4*dict.Len() + len(dict.ValueBytes()))
}

// dictionaryEncoder is what pqarrow uses of arrow-go's dictionary encoders
// to seed a column chunk's dictionary.
type dictionaryEncoder interface {
	NormalizeDict(arrow.Array) (arrow.Array, error) // to the column's physical type
	PutDictionary(arrow.Array) error
}

// writeDictionary writes a column chunk as its dictionary and the indices
// into it, as pqarrow does for a dictionary array. pqarrow takes the
// statistics from the dictionary entries the indices refer to, found with
// compute.UniqueArray over all indices; every entry of dict is referred to,
// so the statistics come from dict itself.
func writeDictionary(cw file.ColumnChunkWriter, dict, indices arrow.Array, def, rep []int16) error {
	enc, ok := cw.CurrentEncoder().(dictionaryEncoder)
	if !ok {
		return fmt.Errorf("encoder %T takes no dictionary", cw.CurrentEncoder())
	}
	dict, err := enc.NormalizeDict(dict)
	if err != nil {
		return err
	}
	defer dict.Release()
	if err := enc.PutDictionary(dict); err != nil {
		return err
	}
	if stats := cw.PageStatistics(); stats != nil {
		nonNull := indices.Len() - indices.NullN()
		stats.IncNulls(max(int64(len(def)-nonNull), 0))
		stats.IncNumValues(int64(nonNull))
		if err := stats.UpdateFromArrow(dict, false); err != nil {
			return err
		}
	}
	return cw.WriteDictIndices(indices, def, rep)
}

// dictionaryEncode returns the distinct values of strs in order of first
// appearance, as the encoder would number them, and the index of each value
// in that dictionary. It returns nils when the dictionary would reach limit
// bytes: then the encoder falls back to plain encoding, which it does only
// for values it hashes itself.
func (w *columnWorker) dictionaryEncode(strs *array.String, limit int64) (dict, indices arrow.Array) {
	defer clear(w.dict)
	offset := strs.Data().Offset()
	// The indices share the validity bitmap of strs, offset and all.
	w.indices = resized(w.indices, offset+strs.Len())
	var size int64 // of the dictionary page: a length and the bytes of each value
	for i := range strs.Len() {
		if strs.IsNull(i) {
			continue
		}
		s := strs.Value(i)
		index, ok := w.dict[s]
		if !ok {
			if size += 4 + int64(len(s)); size >= limit {
				return nil, nil
			}
			index = int32(len(w.dict))
			w.dict[s] = index
		}
		w.indices[offset+i] = index
	}
	entries := make([]string, len(w.dict))
	for s, index := range w.dict {
		entries[index] = s
	}
	dictionary := array.NewStringBuilder(memory.DefaultAllocator)
	defer dictionary.Release()
	dictionary.AppendValues(entries, nil)

	data := strs.Data()
	indexData := array.NewData(arrow.PrimitiveTypes.Int32, strs.Len(),
		[]*memory.Buffer{data.Buffers()[0], memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(w.indices))},
		nil, data.NullN(), offset)
	defer indexData.Release()
	return dictionary.NewArray(), array.NewInt32Data(indexData)
}

// numberValues is dictionaryEncode for a column chunk of integers, numbers
// or dates. It returns nils for a NaN, which arrow-go's dictionary numbers
// otherwise than by its bits.
func (w *columnWorker) numberValues(values arrow.Array) (dict, indices arrow.Array) {
	switch v := values.(type) {
	case *array.Int64:
		return numberFixedWidth(w, v, v.Int64Values(), v.DataType(), func(x int64) uint64 { return uint64(x) })
	case *array.Date32:
		// Parquet stores dates as INT32: a dictionary of those needs no
		// conversion by the encoder.
		days := arrow.GetData[int32](arrow.GetBytes(v.Date32Values()))
		return numberFixedWidth(w, v, days, arrow.PrimitiveTypes.Int32, func(d int32) uint64 { return uint64(uint32(d)) })
	case *array.Float64:
		if slices.ContainsFunc(v.Float64Values(), math.IsNaN) {
			return nil, nil
		}
		return numberFixedWidth(w, v, v.Float64Values(), v.DataType(), math.Float64bits)
	}
	return nil, nil
}

// numberFixedWidth numbers the distinct values of arr, whose values (from
// its offset on) are vals, in order of first appearance, telling them apart
// by key as arrow-go's dictionary encoder tells them apart by their bits. It
// returns the dictionary, of type dictType, and the number of each value.
// Runs of one value skip the map.
func numberFixedWidth[T arrow.FixedWidthType](w *columnWorker, arr arrow.Array, vals []T, dictType arrow.DataType, key func(T) uint64) (dict, indices arrow.Array) {
	numbers := w.numbers
	defer clear(numbers)
	var entries []T
	offset := arr.Data().Offset()
	// The indices share the validity bitmap of arr, offset and all.
	w.indices = resized(w.indices, offset+arr.Len())
	last, lastIndex := uint64(0), int32(-1)
	for i := range arr.Len() {
		if arr.IsNull(i) {
			continue
		}
		k := key(vals[i])
		if lastIndex < 0 || k != last {
			index, ok := numbers[k]
			if !ok {
				index = int32(len(entries))
				numbers[k] = index
				entries = append(entries, vals[i])
			}
			last, lastIndex = k, index
		}
		w.indices[offset+i] = lastIndex
	}
	data := arr.Data()
	indexData := array.NewData(arrow.PrimitiveTypes.Int32, arr.Len(),
		[]*memory.Buffer{data.Buffers()[0], memory.NewBufferBytes(arrow.GetBytes(w.indices))},
		nil, data.NullN(), offset)
	defer indexData.Release()
	return fixedWidthArray(dictType, entries, bitmap{}), array.NewInt32Data(indexData)
}

// resized returns s with length n and every element zero, allocating only
// when s is too small.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// listLevels appends to def and rep the definition and repetition levels of
// a required list of required values with the given offsets: one level per
// value, and one for each empty list, which defines nothing.
func listLevels(def, rep []int16, offsets []int32) ([]int16, []int16) {
	for row := range len(offsets) - 1 {
		length := offsets[row+1] - offsets[row]
		if length == 0 {
			def, rep = append(def, 0), append(rep, 0)
			continue
		}
		def, rep = append(def, 1), append(rep, 0)
		for range length - 1 {
			def, rep = append(def, 1), append(rep, 1)
		}
	}
	return def, rep
}

func (e *parquetEncoder) close() error {
	return e.file.Close()
}

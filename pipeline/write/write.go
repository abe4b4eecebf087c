// Package write writes the tables of the dataset, each twice: as Parquet for
// querying (out/parquet/<table>.parquet) and as CSV for the simple path
// (out/csv/<table>.csv). Both hold the same rows in the same order, and
// identical input gives byte-identical files.
//
// Parquet files are compressed with ZSTD at its fastest level, with row
// groups of exactly Options.RowGroupRows rows (the last one holds the rest),
// statistics on every column, DataPage V2 pages and no dictionary encoding
// for id columns (names ending in _id) or free text (sentence, message,
// title). The footer names the writer ("parley <version>") and carries
// key/value metadata: the caller's Options.Metadata plus parley.table and
// parley.schema_version. Dates are DATE, lists are LIST<VARCHAR>. The
// columns of a row group are encoded on all cores; the bytes do not depend on
// how many there are.
//
// CSV files follow RFC 4180 as encoding/csv writes it: UTF-8 without a byte
// order mark, lines ending in LF, a header row with the column names, fields
// quoted when they hold a comma, a quote or a line break. Cells are written as
// follows:
//   - null is an empty cell, and so is the empty string;
//   - dates are YYYY-MM-DD, booleans true or false;
//   - integers in decimal, numbers in the shortest form that reads back to
//     the same float64 (strconv 'g', -1: 0.25, 1e-07);
//   - lists are JSON arrays of strings (["trade","energy"]; an empty list is []);
//   - a text cell that starts with =, +, -, @, a tab or a carriage return gets
//     a leading apostrophe (' ), so that spreadsheets show it as text instead
//     of running it as a formula (the OWASP rule against CSV injection).
//     Numbers, dates and lists are never changed. To read such a cell back,
//     drop one leading apostrophe when the character after it is one of those.
//
// Two values cannot be told apart in CSV: null and the empty string, and a
// text that itself starts with an apostrophe and a formula character. A
// carriage return right before a line feed inside a value reads back as a
// bare line feed in most readers, encoding/csv included; the pipeline's text
// has none, because ingest normalises line ends.
package write

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

// DefaultRowGroupRows is DuckDB's own row-group size, in the range it reads
// fastest.
const DefaultRowGroupRows = 122_880

// Key/value metadata the writer sets in every Parquet file.
const (
	MetaTable         = "parley.table"
	MetaSchemaVersion = "parley.schema_version"
)

// Options tunes a TableWriter.
type Options struct {
	RowGroupRows int64             // rows per Parquet row group; DefaultRowGroupRows when 0
	Metadata     map[string]string // Parquet key/value metadata, e.g. the dataset version; no wall-clock time
}

// TableWriter streams the records of one table into its Parquet and CSV
// files. Write appends each column to a slice; every RowGroupRows records
// the batch is handed, as an Arrow record batch over those slices, to two
// goroutines that encode it, one as a Parquet row group and one as CSV rows,
// so both files hold exactly the same values. The slices of a batch are
// reused for the batch after next. A TableWriter is not safe for concurrent
// use, and Close must be called.
type TableWriter struct {
	table   *schemas.Table
	rowType reflect.Type
	scratch reflect.Value // addressable copy of a record passed by value

	batch        *batch
	rowGroupRows int64
	sent         [2]arrow.RecordBatch // the last batches sent to the encoders, the older first

	files   []*tableFile // in the order of formats
	started bool         // the encoders run; false until create succeeds, and after Close

	err error // the first failure; every later call returns it
}

// A format is one kind of file a TableWriter writes.
type format uint8

const (
	parquetFormat format = 1 << iota
	csvFormat
)

// A tableFile is one output file of a table and the goroutine that encodes
// batches into it.
type tableFile struct {
	out     *output
	encode  func(arrow.RecordBatch) error
	end     func() error // if not nil, writes what follows the last batch: a footer
	encoder *encoder
}

// finish writes the end of the file and closes it.
func (f *tableFile) finish() error {
	if f.end != nil {
		if err := f.end(); err != nil {
			return err
		}
	}
	return f.out.finish()
}

// Create opens dir/parquet/<table>.parquet and dir/csv/<table>.csv for
// writing. The files appear under their names when Close succeeds.
func Create(dir, table string, opts Options) (*TableWriter, error) {
	return create(dir, table, opts, parquetFormat|csvFormat)
}

// create opens the files of the given formats.
func create(dir, table string, opts Options, formats format) (*TableWriter, error) {
	t, err := schemas.Lookup(table)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", table, err)
	}
	rowType, ok := parley.RowTypes[table]
	if !ok {
		return nil, fmt.Errorf("write %s: no record type", table)
	}
	if opts.RowGroupRows < 0 {
		return nil, fmt.Errorf("write %s: negative row group size %d", table, opts.RowGroupRows)
	}
	if opts.RowGroupRows == 0 {
		opts.RowGroupRows = DefaultRowGroupRows
	}
	for _, key := range []string{MetaTable, MetaSchemaVersion} {
		if _, ok := opts.Metadata[key]; ok {
			return nil, fmt.Errorf("write %s: metadata key %q is reserved", table, key)
		}
	}

	w := &TableWriter{
		table:        t,
		rowType:      rowType,
		scratch:      reflect.New(rowType).Elem(),
		rowGroupRows: opts.RowGroupRows,
	}
	if w.batch, err = newBatch(t, rowType); err != nil {
		return nil, fmt.Errorf("write %s: %w", table, err)
	}
	if formats&parquetFormat != 0 {
		err = w.openParquet(dir, opts)
	}
	if err == nil && formats&csvFormat != 0 {
		err = w.openCSV(dir)
	}
	if err != nil {
		w.discard()
		return nil, fmt.Errorf("write %s: %w", table, err)
	}
	for _, f := range w.files {
		f.encoder = startEncoder(f.encode)
	}
	w.started = true
	return w, nil
}

func (w *TableWriter) openParquet(dir string, opts Options) error {
	name := w.table.Name
	out, err := createOutput(filepath.Join(dir, "parquet", name+".parquet"))
	if err != nil {
		return err
	}
	f := &tableFile{out: out}
	w.files = append(w.files, f)
	meta := maps.Clone(opts.Metadata)
	if meta == nil {
		meta = map[string]string{}
	}
	meta[MetaTable] = name
	meta[MetaSchemaVersion] = schemas.Version
	enc, err := newParquetEncoder(out.buf, w.table.ArrowSchema(), parquetProperties(w.table, opts.RowGroupRows), meta)
	if err != nil {
		return err
	}
	f.encode, f.end = enc.encode, enc.close
	return nil
}

func (w *TableWriter) openCSV(dir string) error {
	name := w.table.Name
	out, err := createOutput(filepath.Join(dir, "csv", name+".csv"))
	if err != nil {
		return err
	}
	f := &tableFile{out: out}
	w.files = append(w.files, f)
	enc, err := newCSVEncoder(out.buf, w.table.ColumnNames())
	if err != nil {
		return err
	}
	f.encode = enc.encode
	return nil
}

// zstdLevel is ZSTD's fastest level. On a build of 20,000 generated
// articles its files were within 3% of the default level's, some smaller, some
// larger, and writing took a fifth less CPU time (BENCHMARKS.md).
const zstdLevel = 1

// maxDictionaryPage is larger than any column chunk of a row group Parley
// writes, and within the int32 a page header allows.
const maxDictionaryPage = 1 << 30

func parquetProperties(t *schemas.Table, rowGroupRows int64) *parquet.WriterProperties {
	props := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(zstdLevel),
		parquet.WithMaxRowGroupLength(rowGroupRows),
		parquet.WithDataPageVersion(parquet.DataPageV2),
		parquet.WithStats(true),
		parquet.WithCreatedBy(createdBy()),
		// A dictionary never falls back to plain encoding in mid column
		// chunk: arrow-go (v18.8) lists a chunk's page encodings in map
		// order, so a chunk with two of them gets different footer bytes from
		// run to run. Columns with (nearly) unique values skip the dictionary.
		parquet.WithDictionaryPageSizeLimit(maxDictionaryPage),
	}
	for _, c := range t.Columns {
		if plainEncoded(c.Name) {
			props = append(props, parquet.WithDictionaryFor(c.Name, false))
		}
	}
	return parquet.NewWriterProperties(props...)
}

// plainEncoded reports whether a column is (nearly) unique per row, so that a
// dictionary would only cost space and time.
func plainEncoded(name string) bool {
	switch name {
	case "sentence", "message", "title", "url", "sha256", "input_path":
		return true
	}
	return strings.HasSuffix(name, "_id")
}

// createdBy names the writer in every Parquet footer: the version of the
// module the binary was built from, never a time.
func createdBy() string {
	const module = "github.com/parleydata/parley"
	version := "devel"
	if info, ok := debug.ReadBuildInfo(); ok {
		mods := append([]*debug.Module{&info.Main}, info.Deps...)
		for _, m := range mods {
			if m.Path == module && m.Version != "" && m.Version != "(devel)" {
				version = m.Version
			}
		}
	}
	return "parley " + version
}

// Write appends one record: a *parley.Meeting or parley.Meeting for the
// meetings table, and so on. A record of another type is an error.
func (w *TableWriter) Write(record any) error {
	if w.err != nil {
		return w.err
	}
	p, err := w.record(record)
	if err != nil {
		return fmt.Errorf("write %s: %w", w.table.Name, err)
	}
	w.batch.append(p)
	if w.batch.rows == w.rowGroupRows {
		return w.flush()
	}
	return nil
}

// record returns the address of the struct behind a record, checked to be
// of the table's row type.
func (w *TableWriter) record(record any) (unsafe.Pointer, error) {
	v := reflect.ValueOf(record)
	switch {
	case !v.IsValid():
		return nil, fmt.Errorf("nil record, want %s", w.rowType)
	case v.Type() == w.rowType:
		w.scratch.Set(v)
		return w.scratch.Addr().UnsafePointer(), nil
	case v.Kind() == reflect.Pointer && v.Type().Elem() == w.rowType:
		if v.IsNil() {
			return nil, fmt.Errorf("nil %s", v.Type())
		}
		return v.UnsafePointer(), nil
	}
	return nil, fmt.Errorf("record is %s, want %s", v.Type(), w.rowType)
}

// flush hands the batch to the encoders.
func (w *TableWriter) flush() error {
	full := w.batch.rows == w.rowGroupRows
	rec, err := w.batch.newRecord()
	if err != nil {
		w.stopEncoders()
		return w.fail(err)
	}
	defer rec.Release()
	for _, f := range w.files {
		if f.encoder.failed.Load() {
			return w.fail(w.stopEncoders())
		}
		f.encoder.send(rec)
	}
	// Each encoder has taken the batch sent before rec off its queue, so it
	// is done with the one before that: the next batch can reuse its buffers.
	// Until there is one, the next batch is sized like rec.
	done := w.sent[0]
	w.sent = [2]arrow.RecordBatch{w.sent[1], rec}
	rec.Retain()
	if done != nil {
		w.batch.prepare(done, true)
		done.Release()
	} else if full {
		w.batch.prepare(rec, false)
	}
	return nil
}

// releaseSent drops the writer's hold on the batches it sent last.
func (w *TableWriter) releaseSent() {
	for _, rec := range w.sent {
		if rec != nil {
			rec.Release()
		}
	}
	w.sent = [2]arrow.RecordBatch{}
}

// stopEncoders waits for the encoders to finish and returns their errors.
func (w *TableWriter) stopEncoders() error {
	var errs []error
	for _, f := range w.files {
		errs = append(errs, f.encoder.stop())
	}
	w.started = false
	return errors.Join(errs...)
}

func (w *TableWriter) fail(err error) error {
	w.err = fmt.Errorf("write %s: %w", w.table.Name, err)
	return w.err
}

// Close writes the last row group and the footers and moves the files into
// place. After a failure, Close removes them and returns the failure.
func (w *TableWriter) Close() error {
	if !w.started { // closed, or failed
		w.discard()
		return w.err
	}
	defer w.releaseSent()
	if w.batch.rows > 0 {
		if err := w.flush(); err != nil {
			w.discard()
			return err
		}
	}
	err := w.stopEncoders()
	for _, f := range w.files {
		if err == nil {
			err = f.finish()
		}
	}
	// Rename only when every file is complete.
	for _, f := range w.files {
		if err == nil {
			err = f.out.rename()
		}
	}
	if err != nil {
		w.discard()
		return w.fail(err)
	}
	w.err = errors.New("write " + w.table.Name + ": writer is closed")
	return nil
}

// discard removes whatever was written.
func (w *TableWriter) discard() {
	for _, f := range w.files {
		f.out.discard()
	}
}

// An encoder encodes batches on its own goroutine, in the order they are
// sent. After a failure it drops the batches it is still sent.
type encoder struct {
	batches chan arrow.RecordBatch
	done    chan struct{}
	failed  atomic.Bool
	err     error // read after done is closed
}

func startEncoder(encode func(arrow.RecordBatch) error) *encoder {
	// One batch in the queue: memory stays bounded while encoding overlaps
	// with building the next batch. TableWriter.flush reuses the buffers of
	// a batch once the two after it are sent, which relies on this size.
	e := &encoder{batches: make(chan arrow.RecordBatch, 1), done: make(chan struct{})}
	go func() {
		defer close(e.done)
		for rec := range e.batches {
			if e.err == nil {
				if e.err = encode(rec); e.err != nil {
					e.failed.Store(true)
				}
			}
			rec.Release()
		}
	}()
	return e
}

func (e *encoder) send(rec arrow.RecordBatch) {
	rec.Retain()
	e.batches <- rec
}

func (e *encoder) stop() error {
	close(e.batches)
	<-e.done
	return e.err
}

// output is a file written under a temporary name and renamed into place on
// success, so that a failed build never leaves a complete-looking table.
type output struct {
	path string
	file *os.File
	buf  *bufio.Writer
	done bool
}

func createOutput(path string) (*output, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &output{path: path, file: f, buf: bufio.NewWriterSize(f, 1<<16)}, nil
}

// finish flushes and closes the temporary file.
func (o *output) finish() error {
	if err := o.buf.Flush(); err != nil {
		return err
	}
	if err := o.file.Chmod(0o644); err != nil {
		return err
	}
	return o.file.Close()
}

// rename moves the finished file into place.
func (o *output) rename() error {
	if err := os.Rename(o.file.Name(), o.path); err != nil {
		return err
	}
	o.done = true
	return nil
}

func (o *output) discard() {
	if o == nil || o.done {
		return
	}
	o.file.Close()
	os.Remove(o.file.Name())
	o.done = true
}

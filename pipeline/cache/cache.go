// Package cache keeps what the pipeline computed from each article on disk
// (the extracted mentions, or more), so that a rebuild after adding
// articles parses and extracts only the new ones.
//
// Entries are keyed by a SHA-256 of everything parse and extract read from
// an article (see Key) and filed under the version given to Open, which
// names everything else they depend on (the rules: extract.Version, and the
// actor registry). The folder of a version also depends on the Go type of
// the entries, so a changed version or a changed type (a field added to
// extract.Mention) starts an empty cache by itself; Open deletes the
// folders of other versions.
//
// On disk, DIR/v-<digest>/ holds append-only segments (NNNNNN.seg), one per
// session from Open to Close, each with an index (NNNNNN.idx) written at
// Close after the segment is synced. A session that dies leaves a segment
// without an index, which the next Open deletes: its entries are extracted
// again. Records are JSON compressed with DEFLATE and carry their full key
// and a CRC; an entry that fails either check reads as a miss.
//
// Memory holds only the index, about 40 bytes per entry, and a 1 MiB write
// buffer; entries stay on disk until Get reads them.
package cache

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/parleydata/parley/pipeline/ingest"
)

const (
	segmentMagic = "parley cache segment 1\n"
	indexMagic   = "parley cache index 1\n"
	// maxSegmentBytes keeps record offsets within 32 bits.
	maxSegmentBytes = 1 << 30
	// mergeAbove is the number of segments beyond which Open merges them
	// into one, so that a cache grown over many builds keeps few files open.
	mergeAbove = 8
	// recordOverhead is the length prefix, key and CRC around a payload.
	recordOverhead = 4 + sha256.Size + 4
	indexEntrySize = 8 + 4 + 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Cache is an open cache of entries of type T, such as []extract.Mention.
// Get and Put are safe for concurrent use; Close must come after every Get
// and Put has returned. A nil *Cache is a cache that is off: it never hits
// and drops what is put.
type Cache[T any] struct {
	dir  string // the version's folder
	lock *os.File

	mu       sync.Mutex
	index    map[uint64]location // by the first 8 bytes of the key
	segments []*os.File          // readable segments, in order; the last is active
	active   *segmentWriter
}

type location struct {
	segment      uint32 // position in Cache.segments
	offset, size uint32
}

// segmentWriter appends records to the segment of this session.
type segmentWriter struct {
	number  int
	path    string
	w       *bufio.Writer
	size    int64 // bytes written, buffered ones included
	flushed int64
	index   []byte // entries of the index file, in write order
}

// Open opens the cache in dir for the given version, creating dir when
// needed. One process at a time may hold a cache open.
func Open[T any](dir, version string) (*Cache[T], error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	c := &Cache[T]{dir: filepath.Join(dir, versionFolder(version, reflect.TypeFor[T]())), lock: lock, index: map[uint64]location{}}
	if err := c.open(dir); err != nil {
		c.closeFiles()
		lock.Close()
		return nil, err
	}
	return c, nil
}

func (c *Cache[T]) open(parent string) error {
	if err := removeOtherVersions(parent, filepath.Base(c.dir)); err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	numbers, err := c.segmentNumbers()
	if err != nil {
		return err
	}
	for _, n := range numbers {
		if err := c.load(n); err != nil {
			return err
		}
	}
	next := 1
	if len(numbers) > 0 {
		next = numbers[len(numbers)-1] + 1
	}
	if len(c.segments) > mergeAbove {
		if err := c.merge(next); err != nil {
			return err
		}
		next++
	}
	return c.startSegment(next)
}

// versionFolder names the folder of a version: a digest of the version
// and of the entry type, whose change makes stored JSON unreadable.
func versionFolder(version string, entry reflect.Type) string {
	h := sha256.Sum256([]byte(version + "\x00" + typeSignature(entry, map[reflect.Type]bool{})))
	return "v-" + hex.EncodeToString(h[:8])
}

// typeSignature spells out a type down to its basic kinds.
func typeSignature(t reflect.Type, seen map[reflect.Type]bool) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + typeSignature(t.Elem(), seen)
	case reflect.Slice:
		return "[]" + typeSignature(t.Elem(), seen)
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), typeSignature(t.Elem(), seen))
	case reflect.Map:
		return "map[" + typeSignature(t.Key(), seen) + "]" + typeSignature(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return t.String()
		}
		seen[t] = true
		var b strings.Builder
		b.WriteString(t.String() + "{")
		for f := range t.Fields() {
			fmt.Fprintf(&b, "%s %s %q;", f.Name, typeSignature(f.Type, seen), f.Tag)
		}
		b.WriteString("}")
		return b.String()
	}
	return t.String()
}

func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("cache: %s is in use by another process", dir)
		}
		return nil, fmt.Errorf("cache: lock %s: %w", path, err)
	}
	return f, nil
}

func removeOtherVersions(parent, keep string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "v-") && e.Name() != keep {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return fmt.Errorf("cache: remove old version: %w", err)
			}
		}
	}
	return nil
}

// segmentNumbers lists the segments of the version folder, oldest first.
func (c *Cache[T]) segmentNumbers() ([]int, error) {
	paths, err := filepath.Glob(filepath.Join(c.dir, "*.seg"))
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	var numbers []int
	for _, p := range paths {
		var n int
		if _, err := fmt.Sscanf(filepath.Base(p), "%06d.seg", &n); err == nil {
			numbers = append(numbers, n)
		}
	}
	slices.Sort(numbers)
	return numbers, nil
}

func (c *Cache[T]) path(number int, ext string) string {
	return filepath.Join(c.dir, fmt.Sprintf("%06d.%s", number, ext))
}

// load adds segment n and its index, or deletes a segment whose index was
// never written.
func (c *Cache[T]) load(n int) error {
	idx, err := os.ReadFile(c.path(n, "idx"))
	if errors.Is(err, os.ErrNotExist) || err == nil && !validIndex(idx) {
		os.Remove(c.path(n, "idx"))
		if err := os.Remove(c.path(n, "seg")); err != nil {
			return fmt.Errorf("cache: remove unfinished segment: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	f, err := os.Open(c.path(n, "seg"))
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("cache: %w", err)
	}
	segment := uint32(len(c.segments))
	c.segments = append(c.segments, f)
	for e := idx[len(indexMagic):]; len(e) >= indexEntrySize; e = e[indexEntrySize:] {
		loc := location{
			segment: segment,
			offset:  binary.LittleEndian.Uint32(e[8:]),
			size:    binary.LittleEndian.Uint32(e[12:]),
		}
		if int64(loc.offset)+int64(loc.size) <= info.Size() { // else damaged: a miss
			c.index[binary.LittleEndian.Uint64(e)] = loc
		}
	}
	return nil
}

func validIndex(b []byte) bool {
	return bytes.HasPrefix(b, []byte(indexMagic)) && (len(b)-len(indexMagic))%indexEntrySize == 0
}

func (c *Cache[T]) startSegment(n int) error {
	path := c.path(n, "seg")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	c.segments = append(c.segments, f)
	c.active = &segmentWriter{number: n, path: path, w: bufio.NewWriterSize(f, 1<<20), index: []byte(indexMagic)}
	_, err = c.active.write([]byte(segmentMagic))
	return err
}

func (s *segmentWriter) write(p []byte) (int64, error) {
	offset := s.size
	if _, err := s.w.Write(p); err != nil {
		return 0, fmt.Errorf("cache: write %s: %w", s.path, err)
	}
	s.size += int64(len(p))
	return offset, nil
}

func (s *segmentWriter) flush() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("cache: write %s: %w", s.path, err)
	}
	s.flushed = s.size
	return nil
}

// finish makes the active segment durable and writes its index; an empty
// segment is removed instead.
func (c *Cache[T]) finish() error {
	s := c.active
	c.active = nil
	f := c.segments[len(c.segments)-1]
	if len(s.index) == len(indexMagic) {
		c.segments = c.segments[:len(c.segments)-1]
		f.Close()
		return os.Remove(s.path)
	}
	if err := s.flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cache: sync %s: %w", s.path, err)
	}
	idx := strings.TrimSuffix(s.path, ".seg") + ".idx"
	if err := os.WriteFile(idx+".tmp", s.index, 0o644); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(idx+".tmp", idx); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// Key returns the cache key of an ingested article: a SHA-256 of everything
// parse and extract read from it, and of what ingest reports about it
// (encoding, warnings). The input path is not part of it, so a moved file
// keeps its entry.
func Key(u *ingest.Unit) string {
	h := sha256.New()
	field := func(s *string) {
		if s == nil {
			h.Write([]byte{0})
			return
		}
		h.Write([]byte{1})
		binary.Write(h, binary.LittleEndian, uint64(len(*s)))
		io.WriteString(h, *s)
	}
	for _, s := range []*string{&u.SourceID, &u.SHA256, u.Title, u.URL, u.Outlet, u.Published, u.Language, &u.Encoding} {
		field(s)
	}
	for _, w := range u.Warnings {
		field(&w)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Get returns the entry stored for key. A key never stored, or an entry
// that no longer reads back intact, is a miss.
func (c *Cache[T]) Get(key string) (T, bool) {
	var none T
	k, ok := parseKey(key)
	if c == nil || !ok {
		return none, false
	}
	c.mu.Lock()
	loc, ok := c.index[prefix(k)]
	var f *os.File
	if ok {
		f = c.segments[loc.segment]
		if int(loc.segment) == len(c.segments)-1 && int64(loc.offset+loc.size) > c.active.flushed {
			if err := c.active.flush(); err != nil {
				ok = false
			}
		}
	}
	c.mu.Unlock()
	if !ok {
		return none, false
	}
	rec := make([]byte, loc.size)
	if _, err := f.ReadAt(rec, int64(loc.offset)); err != nil {
		return none, false
	}
	payload, ok := openRecord(rec, k)
	if !ok {
		return none, false
	}
	v, err := decode[T](payload)
	if err != nil {
		return none, false
	}
	return v, true
}

// Put stores the entry of the article with key. A later Put of the same
// key wins.
func (c *Cache[T]) Put(key string, v T) error {
	if c == nil {
		return nil
	}
	k, ok := parseKey(key)
	if !ok {
		return fmt.Errorf("cache: key %q is not a hex SHA-256", key)
	}
	payload, err := encode(v)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.append(k, sealRecord(k, payload))
}

// append writes a sealed record to the active segment, starting a new one
// when it is full, and indexes it. The caller holds c.mu.
func (c *Cache[T]) append(k [sha256.Size]byte, rec []byte) error {
	switch {
	case c.active == nil:
		return errors.New("cache: closed")
	case len(rec) > maxSegmentBytes-len(segmentMagic):
		return fmt.Errorf("cache: a record of %d bytes does not fit a segment", len(rec))
	case c.active.size+int64(len(rec)) > maxSegmentBytes:
		next := c.active.number + 1
		if err := c.finish(); err != nil {
			return err
		}
		if err := c.startSegment(next); err != nil {
			return err
		}
	}
	offset, err := c.active.write(rec)
	if err != nil {
		return err
	}
	p := prefix(k)
	c.active.index = binary.LittleEndian.AppendUint64(c.active.index, p)
	c.active.index = binary.LittleEndian.AppendUint32(c.active.index, uint32(offset))
	c.active.index = binary.LittleEndian.AppendUint32(c.active.index, uint32(len(rec)))
	c.index[p] = location{segment: uint32(len(c.segments) - 1), offset: uint32(offset), size: uint32(len(rec))}
	return nil
}

// merge copies every live entry of the loaded segments into a new segment
// n and deletes the old ones once the new one is durable, so that a cache
// grown over many sessions keeps one file.
func (c *Cache[T]) merge(n int) error {
	old := c.segments
	live := make([]location, 0, len(c.index))
	for _, loc := range c.index {
		live = append(live, loc)
	}
	slices.SortFunc(live, func(a, b location) int { // read each segment front to back
		return cmp.Or(cmp.Compare(a.segment, b.segment), cmp.Compare(a.offset, b.offset))
	})
	if err := c.startSegment(n); err != nil {
		return err
	}
	for _, loc := range live {
		rec := make([]byte, loc.size)
		if _, err := old[loc.segment].ReadAt(rec, int64(loc.offset)); err != nil {
			return fmt.Errorf("cache: merge: %w", err)
		}
		var k [sha256.Size]byte
		copy(k[:], rec[4:])
		if _, ok := openRecord(rec, k); !ok {
			continue // damaged: extracted again next time
		}
		if err := c.append(k, rec); err != nil {
			return err
		}
	}
	if err := c.finish(); err != nil {
		return err
	}
	// Every live entry now points past the old segments, or was damaged.
	c.segments = c.segments[len(old):]
	for p, loc := range c.index {
		if int(loc.segment) < len(old) {
			delete(c.index, p)
			continue
		}
		loc.segment -= uint32(len(old))
		c.index[p] = loc
	}
	for _, f := range old {
		f.Close()
		os.Remove(strings.TrimSuffix(f.Name(), ".seg") + ".idx")
		os.Remove(f.Name())
	}
	return nil
}

// Close writes the index of this session's entries and releases the cache.
func (c *Cache[T]) Close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.active == nil {
		return errors.New("cache: closed twice")
	}
	err := c.finish()
	c.closeFiles()
	c.index = nil
	if lerr := c.lock.Close(); err == nil && lerr != nil {
		err = fmt.Errorf("cache: %w", lerr)
	}
	return err
}

func (c *Cache[T]) closeFiles() {
	for _, f := range c.segments {
		f.Close()
	}
	c.segments = nil
}

// Len returns the number of entries.
func (c *Cache[T]) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.index)
}

func parseKey(key string) (k [sha256.Size]byte, ok bool) {
	if len(key) != 2*sha256.Size {
		return k, false
	}
	_, err := hex.Decode(k[:], []byte(key))
	return k, err == nil
}

func prefix(k [sha256.Size]byte) uint64 { return binary.LittleEndian.Uint64(k[:8]) }

// sealRecord frames a payload: length, key, payload, CRC of key and payload.
func sealRecord(k [sha256.Size]byte, payload []byte) []byte {
	rec := make([]byte, 0, recordOverhead+len(payload))
	rec = binary.LittleEndian.AppendUint32(rec, uint32(len(payload)))
	rec = append(rec, k[:]...)
	rec = append(rec, payload...)
	return binary.LittleEndian.AppendUint32(rec, crc32.Checksum(rec[4:], castagnoli))
}

// openRecord returns the payload of a record if it is whole and holds key k.
func openRecord(rec []byte, k [sha256.Size]byte) ([]byte, bool) {
	if len(rec) < recordOverhead || int(binary.LittleEndian.Uint32(rec)) != len(rec)-recordOverhead {
		return nil, false
	}
	body := rec[4 : len(rec)-4]
	if !bytes.Equal(body[:sha256.Size], k[:]) || crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(rec[len(rec)-4:]) {
		return nil, false
	}
	return body[sha256.Size:], true
}

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

func encode(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("cache: encode: %w", err)
	}
	var buf bytes.Buffer
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(raw); err != nil {
		return nil, fmt.Errorf("cache: compress: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("cache: compress: %w", err)
	}
	return buf.Bytes(), nil
}

var inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}

func decode[T any](payload []byte) (T, error) {
	var v T
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(payload), nil); err != nil {
		return v, err
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return v, err
	}
	return v, json.Unmarshal(raw, &v)
}

package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/parleydata/parley/gencorpus"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/pipeline/ingest"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

// article is a generated article as the pipeline sees it.
type article struct {
	key      string
	mentions []extract.Mention
}

var extracted = sync.OnceValues(func() ([]article, error) {
	dir, err := os.MkdirTemp("", "parley-cache-test-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	units, err := gencorpus.Units(dir, 21, 40)
	if err != nil {
		return nil, err
	}
	ex := extract.New(refdata.DefaultRegistry())
	out := make([]article, len(units))
	for i, u := range units {
		out[i] = article{key: Key(u), mentions: ex.Extract(parse.Parse(u))}
	}
	return out, nil
})

// corpus returns the articles of a small generated corpus with their
// extracted mentions: real records, some articles with none.
func corpus(t testing.TB) []article {
	t.Helper()
	as, err := extracted()
	if err != nil {
		t.Fatal(err)
	}
	return as
}

type mentionCache = Cache[[]extract.Mention]

func open(t testing.TB, dir, version string) *mentionCache {
	t.Helper()
	c, err := Open[[]extract.Mention](dir, version)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func closeCache(t testing.TB, c *mentionCache) {
	t.Helper()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

func putAll(t testing.TB, c *mentionCache, as []article) {
	t.Helper()
	for _, a := range as {
		if err := c.Put(a.key, a.mentions); err != nil {
			t.Fatal(err)
		}
	}
}

// wantAll checks that every article reads back exactly as it was put.
func wantAll(t *testing.T, c *mentionCache, as []article) {
	t.Helper()
	for _, a := range as {
		got, ok := c.Get(a.key)
		if !ok {
			t.Fatalf("%s: miss", a.key[:12])
		}
		if !reflect.DeepEqual(got, a.mentions) {
			t.Fatalf("%s: got %+v\nwant %+v", a.key[:12], got, a.mentions)
		}
	}
}

func TestMentionsReadBackUnchanged(t *testing.T) {
	as := corpus(t)
	withMentions := 0
	for _, a := range as {
		if len(a.mentions) > 0 {
			withMentions++
		}
	}
	if withMentions == 0 || withMentions == len(as) {
		t.Fatalf("%d of %d articles have mentions; the test needs both kinds", withMentions, len(as))
	}
	dir := t.TempDir()
	c := open(t, dir, extract.Version)
	putAll(t, c, as)
	wantAll(t, c, as) // in the same session, partly from the write buffer
	closeCache(t, c)

	c = open(t, dir, extract.Version)
	defer closeCache(t, c)
	if c.Len() != len(as) {
		t.Errorf("reopened with %d entries, want %d", c.Len(), len(as))
	}
	wantAll(t, c, as)
	if _, ok := c.Get(strings.Repeat("ab", 32)); ok {
		t.Error("a key never put was found")
	}
}

func TestRejectsKeysThatAreNotHashes(t *testing.T) {
	c := open(t, t.TempDir(), extract.Version)
	defer closeCache(t, c)
	for _, key := range []string{"", "art_0123", strings.Repeat("zz", 32), strings.Repeat("ab", 31)} {
		if err := c.Put(key, nil); err == nil {
			t.Errorf("Put(%q) took a malformed key", key)
		}
		if _, ok := c.Get(key); ok {
			t.Errorf("Get(%q) found a malformed key", key)
		}
	}
}

func TestNewVersionStartsEmpty(t *testing.T) {
	as := corpus(t)
	dir := t.TempDir()
	c := open(t, dir, "extract/1")
	putAll(t, c, as)
	closeCache(t, c)

	c = open(t, dir, "extract/2")
	if _, ok := c.Get(as[0].key); ok {
		t.Error("an entry of extract/1 was served to extract/2")
	}
	closeCache(t, c)
	versions, _ := filepath.Glob(filepath.Join(dir, "v-*"))
	if len(versions) != 1 {
		t.Errorf("version folders after the switch: %v, want only the current one", versions)
	}
}

// An entry type that changes shape (a field added to extract.Mention)
// must not be read from JSON written for the old one.
func TestNewEntryTypeStartsEmpty(t *testing.T) {
	as := corpus(t)
	dir := t.TempDir()
	c := open(t, dir, extract.Version)
	putAll(t, c, as)
	closeCache(t, c)

	other, err := Open[[]struct{ ArticleID, Sentence string }](dir, extract.Version)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, ok := other.Get(as[0].key); ok {
		t.Error("an entry of another type was served")
	}
}

func TestNilCacheIsOff(t *testing.T) {
	var c *mentionCache
	key := strings.Repeat("ab", 32)
	if err := c.Put(key, nil); err != nil {
		t.Errorf("Put: %v", err)
	}
	if _, ok := c.Get(key); ok || c.Len() != 0 {
		t.Error("a nil cache hit")
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestKilledSessionLosesOnlyItsOwnEntries(t *testing.T) {
	as := corpus(t)
	dir := t.TempDir()
	c := open(t, dir, extract.Version)
	putAll(t, c, as[:20])
	closeCache(t, c)

	c = open(t, dir, extract.Version)
	putAll(t, c, as[20:])
	if err := c.active.flush(); err != nil {
		t.Fatal(err)
	}
	// Die: no index written, the lock dropped by the kernel.
	c.closeFiles()
	c.lock.Close()

	c = open(t, dir, extract.Version)
	defer closeCache(t, c)
	wantAll(t, c, as[:20])
	for _, a := range as[20:] {
		if _, ok := c.Get(a.key); ok {
			t.Fatalf("%s of the killed session was served", a.key[:12])
		}
	}
	if segs, _ := filepath.Glob(filepath.Join(c.dir, "*.seg")); len(segs) != 2 { // the first session's and the open one
		t.Errorf("segments %v: the unfinished one was not removed", segs)
	}
}

func TestDamagedEntryIsAMiss(t *testing.T) {
	as := corpus(t)
	dir := t.TempDir()
	c := open(t, dir, extract.Version)
	putAll(t, c, as)
	loc := c.index[prefix(mustKey(t, as[3].key))]
	segment := c.segments[loc.segment].Name()
	closeCache(t, c)

	b, err := os.ReadFile(segment)
	if err != nil {
		t.Fatal(err)
	}
	b[loc.offset+loc.size/2] ^= 0xff
	if err := os.WriteFile(segment, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c = open(t, dir, extract.Version)
	defer closeCache(t, c)
	if _, ok := c.Get(as[3].key); ok {
		t.Error("a damaged entry was served")
	}
	wantAll(t, c, append(as[:3:3], as[4:]...))
}

func mustKey(t testing.TB, key string) [32]byte {
	k, ok := parseKey(key)
	if !ok {
		t.Fatalf("bad key %q", key)
	}
	return k
}

func TestManySessionsMergeIntoOneSegment(t *testing.T) {
	as := corpus(t)
	dir := t.TempDir()
	sessions := mergeAbove + 1
	for i := range sessions {
		c := open(t, dir, extract.Version)
		putAll(t, c, as[i:i+1])
		closeCache(t, c)
	}
	c := open(t, dir, extract.Version)
	defer closeCache(t, c)
	if len(c.segments) != 2 { // the merged one and this session's
		t.Errorf("%d segments open after %d sessions, want 2", len(c.segments), sessions)
	}
	wantAll(t, c, as[:sessions])
}

func TestOneProcessAtATime(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, extract.Version)
	if _, err := Open[[]extract.Mention](dir, extract.Version); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second Open: %v, want an in-use error", err)
	}
	closeCache(t, c)
	closeCache(t, open(t, dir, extract.Version))
}

func TestConcurrentWorkers(t *testing.T) {
	as := corpus(t)
	c := open(t, t.TempDir(), extract.Version)
	defer closeCache(t, c)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(as); i += 4 {
				if err := c.Put(as[i].key, as[i].mentions); err != nil {
					t.Error(err)
				}
				if got, ok := c.Get(as[i].key); !ok || !reflect.DeepEqual(got, as[i].mentions) {
					t.Errorf("%s did not read back", as[i].key[:12])
				}
			}
		})
	}
	wg.Wait()
	if c.Len() != len(as) {
		t.Errorf("%d entries, want %d", c.Len(), len(as))
	}
}

func TestKeyCoversWhatExtractionReads(t *testing.T) {
	published, later := "2023-04-06", "2023-04-07"
	base := ingest.Unit{InputPath: "a/x.jsonl:3", SourceID: "x", SHA256: strings.Repeat("0", 64), Published: &published}
	moved := base
	moved.InputPath, moved.Line = "b/x.jsonl:9", 9
	redated := base
	redated.Published = &later
	undated := base
	undated.Published = nil
	empty := ""
	blank := base
	blank.Published = &empty
	renamed := base
	renamed.SourceID = "y"
	reencoded := base
	reencoded.Encoding = "windows-1252"
	repaired := base
	repaired.Warnings = []string{"invalid UTF-8 replaced"}
	if Key(&base) != Key(&moved) {
		t.Error("moving an article changed its key")
	}
	keys := map[string]string{}
	for name, u := range map[string]*ingest.Unit{"base": &base, "redated": &redated, "undated": &undated, "blank": &blank,
		"renamed": &renamed, "reencoded": &reencoded, "repaired": &repaired} {
		k := Key(u)
		if other, ok := keys[k]; ok {
			t.Errorf("%s and %s share a key", name, other)
		}
		keys[k] = name
	}
}

// FuzzRecord feeds arbitrary bytes to the readers of segment data: as a
// whole record, which must be refused or opened without panicking, and as
// the payload of a sealed record, which must open and decode or fail.
func FuzzRecord(f *testing.F) {
	as := corpus(f)
	k := mustKey(f, as[0].key)
	for _, a := range as[:5] {
		payload, err := encode(a.mentions)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(payload)
		f.Add(sealRecord(k, payload))
	}
	f.Add([]byte("short"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if payload, ok := openRecord(data, k); ok {
			decode[[]extract.Mention](payload)
		}
		payload, ok := openRecord(sealRecord(k, data), k)
		if !ok || !bytes.Equal(payload, data) {
			t.Fatal("a sealed record does not open to its payload")
		}
		decode[[]extract.Mention](payload)
	})
}

func BenchmarkPutGet(b *testing.B) {
	as := corpus(b)
	c := open(b, b.TempDir(), extract.Version)
	defer closeCache(b, c)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := as[i%len(as)]
		key := fmt.Sprintf("%064x", i)
		if err := c.Put(key, a.mentions); err != nil {
			b.Fatal(err)
		}
		if _, ok := c.Get(key); !ok {
			b.Fatal("miss")
		}
		i++
	}
}

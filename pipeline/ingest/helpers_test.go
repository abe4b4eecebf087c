package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

var update = flag.Bool("update", false, "rewrite the golden files and fuzz seeds under testdata/")

// inTempDir makes a fresh temporary folder the working directory, so that
// inputs and the paths in the output are short and relative.
func inTempDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// writeTree writes files (relative path -> content), creating folders.
func writeTree(t testing.TB, files map[string][]byte) {
	t.Helper()
	for path, data := range files {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readAll runs Read and returns everything it emitted. It fails the test if
// the manifest does not add up to the items.
func readAll(t testing.TB, opts Options, inputs ...string) ([]Item, Manifest) {
	t.Helper()
	var items []Item
	m, err := Read(context.Background(), inputs, opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkItems(t, items, m)
	return items, m
}

// checkItems asserts what must hold for any output: exactly one of Unit and
// Reject per item, counts that match the manifest, valid clean text.
func checkItems(t testing.TB, items []Item, m Manifest) {
	t.Helper()
	var units, rejects int64
	for _, it := range items {
		switch {
		case (it.Unit == nil) == (it.Reject == nil):
			t.Fatalf("item %+v must have exactly one of Unit and Reject", it)
		case it.Unit != nil:
			units++
			checkUnit(t, it.Unit)
		default:
			rejects++
			if it.Reject.Stage != "ingest" || it.Reject.Rule == "" || it.Reject.Message == "" {
				t.Errorf("incomplete reject %+v", *it.Reject)
			}
		}
	}
	if units != m.Units || rejects != m.Rejects {
		t.Errorf("emitted %d units and %d rejects, manifest says %d and %d", units, rejects, m.Units, m.Rejects)
	}
}

func checkUnit(t testing.TB, u *Unit) {
	t.Helper()
	if problem := textProblem(u.Text); problem != "" {
		t.Errorf("%s: %s in %q", u.InputPath, problem, u.Text)
	}
	if strings.TrimSpace(u.Text) == "" || u.SourceID == "" || len(u.SHA256) != 64 {
		t.Errorf("incomplete unit %+v", *u)
	}
}

// textProblem says what is wrong with a unit's text, or returns "".
func textProblem(text string) string {
	if !strings.ContainsRune(text, 0) && !hasControls(text) && strings.ToValidUTF8(text, "") == text {
		return ""
	}
	return "invalid UTF-8 or control characters"
}

// describe renders an item as one short line for comparing sequences.
func describe(it Item) string {
	if it.Unit != nil {
		return fmt.Sprintf("unit %s %s", it.Unit.InputPath, it.Unit.SourceID)
	}
	rej := it.Reject
	where := rej.InputPath
	if rej.Line != nil {
		where += fmt.Sprintf(":%d", *rej.Line)
	}
	return fmt.Sprintf("reject %s %s", where, rej.Rule)
}

func describeAll(items []Item) []string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = describe(it)
	}
	return lines
}

func sameLines(t testing.TB, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// onlyUnit returns the single unit in items, failing otherwise.
func onlyUnit(t testing.TB, items []Item) *Unit {
	t.Helper()
	if len(items) != 1 || items[0].Unit == nil {
		t.Fatalf("want one unit, got %q", describeAll(items))
	}
	return items[0].Unit
}

// onlyReject returns the single reject in items, failing otherwise.
func onlyReject(t testing.TB, items []Item) Item {
	t.Helper()
	if len(items) != 1 || items[0].Reject == nil {
		t.Fatalf("want one reject, got %q", describeAll(items))
	}
	return items[0]
}

// Fixtures. The texts are written for these tests.

const (
	plainText = "Foreign ministers met in Geneva on Tuesday.\nThey agreed to meet again in March.\n"
	rtlText   = "\u200fوزير الخارجية التقى نظيره في جنيف.\n\u202bשר החוץ נפגש עם עמיתו בז'נבה.\u202c\nMixed: talks in \u202eGeneva\u202c ended.\n"
	htmlText  = "<html><head><title>Talks resume</title><style>p{color:red}</style></head><body>\n" +
		"<h1>Envoys meet  &amp;  talk</h1>\n<p>The envoy met&nbsp;the minister in <b>Vienna</b>.</p>\n" +
		"<script>var s = '<p>not text</p>';</script><!-- a comment -->\n" +
		"<ul><li>first point</li><li>second &lt;point&gt;</li></ul><p>Caf&eacute; &#8220;quote&#8221;</p></body></html>"
	htmlStripped = "Talks resume\n\nEnvoys meet & talk\n\nThe envoy met\u00a0the minister in Vienna.\n\nfirst point\nsecond <point>\n\nCafé “quote”"
	notHTMLText  = "Turnout rose (a < b) and <i>the daily</i> said x<p was wrong; see <p> below.\n"
	controlsText = "Ministers\x00 met\x07 in Bern on Tuesday to prepare the talks.\r\nTalks\x1b resumed\f on Monday, " +
		"a day later than planned.\rEnd of report\x7f.\u0085\n"
	controlsClean = "Ministers met in Bern on Tuesday to prepare the talks.\nTalks resumed\n on Monday, " +
		"a day later than planned.\nEnd of report.\n"
)

// windows1252Text is "Café talks “on schedule” – the minister’s aide\n" in
// Windows-1252.
var windows1252Text = []byte("Caf\xe9 talks \x93on schedule\x94 \x96 the minister\x92s aide\n")

// invalidUTF8Text is UTF-8 with two corrupt bytes; it must not be taken for
// Windows-1252.
var invalidUTF8Text = []byte("Zürich talks \xff resumed; the envoy’s aide \xfe said so.\n")

func utf16Bytes(order binary.AppendByteOrder, bom bool, text string) []byte {
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(text)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// binaryBytes looks like an image: a PNG signature and noise.
func binaryBytes(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for len(b) < n {
		b = append(b, byte(rng.Uint32()))
	}
	return b
}

// mixedJSONL has one line for each thing a JSONL line can be.
var mixedJSONL = []byte(`{"id":"a1","text":"Envoys met in Oslo.","title":"Oslo talks","url":"https://example.org/a1","source":"Example Daily","published":"2017-02-12","language":"en"}
{"id":"a2","text": "unterminated
{"text":"No id here."}
{"id":"a4","title":"no text"}
{"id":"a1","text":"Same id again."}
{"id":"a6","text":42}
{"id":"a7","text":"Published as a timestamp.","published":1486857600,"title":["not","a","string"]}

{"id":{"x":1},"text":"Object id."}
[1,2,3]
{"id":17,"text":"Numeric id."}
{"id":"a12","text":null}
{"id":"","text":"Empty id."}
{"id":"a14","text":"\u0000\u0007 "}
{"id":"a15","text":"Last line, no newline."}`)

func gzipBytes(t testing.TB, lines ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for _, line := range lines {
		fmt.Fprintln(zw, line)
		// A flush per line makes each line decodable before the end, as in a
		// long file, so a truncated copy still yields the first lines.
		if err := zw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jsonlLine(id, text string) string {
	b, err := json.Marshal(map[string]string{"id": id, "text": text})
	if err != nil {
		panic(err)
	}
	return string(b)
}

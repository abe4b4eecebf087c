package ingest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// fixtures are the inputs of the golden test, and the seeds of the fuzzers.
func fixtures(t testing.TB) map[string][]byte {
	feed := gzipBytes(t, jsonlLine("z1", "Zipped one."), jsonlLine("z2", "Zipped two."), jsonlLine("z3", "Zipped three."))
	return map[string][]byte{
		"corpus/01-plain.txt":          []byte(plainText),
		"corpus/02-utf8-bom.txt":       append([]byte("\xef\xbb\xbf"), plainText...),
		"corpus/03-utf16le.txt":        utf16Bytes(binary.LittleEndian, true, rtlText),
		"corpus/04-utf16be.txt":        utf16Bytes(binary.BigEndian, true, plainText),
		"corpus/05-windows-1252.txt":   windows1252Text,
		"corpus/06-invalid-utf8.txt":   invalidUTF8Text,
		"corpus/07-controls.txt":       []byte(controlsText),
		"corpus/08-rtl.txt":            []byte(rtlText),
		"corpus/09-html.txt":           []byte(htmlText),
		"corpus/10-not-html.txt":       []byte(notHTMLText),
		"corpus/11-binary.txt":         binaryBytes(300),
		"corpus/12-empty.txt":          nil,
		"corpus/feeds/mixed.jsonl":     mixedJSONL,
		"corpus/feeds/utf16.jsonl":     utf16Bytes(binary.LittleEndian, true, jsonlLine("u1", "Wide.")+"\r\n"),
		"corpus/feeds/zipped.jsonl.gz": feed,
		"corpus/feeds/cut.jsonl.gz":    feed[:len(feed)-20],
		"corpus/feeds/notes.md":        []byte("# not input\n"),
	}
}

// goldenItem is an item as the golden file shows it.
type goldenItem struct {
	Unit   *Unit `json:",omitempty"`
	Reject any   `json:",omitempty"`
}

func TestReadGolden(t *testing.T) {
	inTempDir(t)
	files := fixtures(t)
	writeTree(t, files)
	items, m := readAll(t, Options{}, "corpus")

	var got bytes.Buffer
	for _, it := range items {
		line, err := json.Marshal(goldenItem{Unit: it.Unit, Reject: it.Reject})
		if err != nil {
			t.Fatal(err)
		}
		got.Write(append(line, '\n'))
	}
	summary, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	got.Write(append(summary, '\n'))
	t.Chdir(sourceDir)
	compareGolden(t, filepath.Join("testdata", "golden", "corpus.jsonl"), got.Bytes())
}

// sourceDir is the package folder, where the tests start.
var sourceDir, _ = os.Getwd()

// compareGolden checks got against the file at path, or rewrites the file
// with -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept it):\n%s", path, got)
	}
}

// TestFuzzSeeds keeps the fuzz seed corpora under testdata/fuzz in step with
// the fixtures: .txt fixtures seed FuzzDecode, JSONL ones FuzzReadJSONL.
func TestFuzzSeeds(t *testing.T) {
	t.Chdir(sourceDir)
	files := fixtures(t)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		target := "FuzzDecode"
		switch filepath.Ext(name) {
		case ".jsonl":
			target = "FuzzReadJSONL"
		case ".md", ".gz":
			continue
		}
		seed := fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", files[name])
		compareGolden(t, filepath.Join("testdata", "fuzz", target, filepath.Base(name)), seed)
	}
}

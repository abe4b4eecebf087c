package ingest

import (
	"bytes"
	"context"
	"testing"
	"unicode/utf8"
)

// FuzzReadJSONL reads arbitrary bytes as a .jsonl file. Every line must come
// out as exactly one unit or reject, numbered in order, with clean text.
func FuzzReadJSONL(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var items []Item
		r := newReader(context.Background(), Options{MaxArticleBytes: 64, MaxLineBytes: 256}, func(it Item) error {
			items = append(items, it)
			return nil
		})
		if err := r.readJSONL("f.jsonl", bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, r.manifest)

		if len(items) == 1 && items[0].Reject != nil && items[0].Reject.Line == nil {
			if items[0].Reject.Rule != RuleEmpty {
				t.Fatalf("file-level reject %+v", *items[0].Reject)
			}
			items = nil // an empty file has no lines
		}
		for i, it := range items {
			line := int64(0)
			if it.Unit != nil {
				line = it.Unit.Line
			} else if it.Reject.Line != nil {
				line = *it.Reject.Line
			}
			if line != int64(i+1) {
				t.Fatalf("item %d is %q, want line %d", i, describe(it), i+1)
			}
		}
		if want, known := countLines(data); known && len(items) != want {
			t.Fatalf("%d items for %d lines", len(items), want)
		}
	})
}

// countLines counts the lines of a JSONL file the way a text editor would,
// after a UTF-8 byte-order mark. UTF-16 files are decoded first, so their
// count is not known here.
func countLines(data []byte) (n int, known bool) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return 0, false
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	n = bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n, true
}

// FuzzDecode reads arbitrary bytes as a .txt file: the decoded text is always
// valid UTF-8, and the file always gives exactly one unit or reject.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, cut := range []bool{false, true} {
			if text, _, _ := decode(data, cut); !utf8.ValidString(text) {
				t.Fatalf("decode(%q, %v) = %q: invalid UTF-8", data, cut, text)
			}
		}
		var items []Item
		r := newReader(context.Background(), Options{MaxArticleBytes: 200}, func(it Item) error {
			items = append(items, it)
			return nil
		})
		if err := r.readText("f.txt", bytes.NewReader(data), int64(len(data))); err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, r.manifest)
		if len(items) != 1 {
			t.Fatalf("%d items, want 1", len(items))
		}
	})
}

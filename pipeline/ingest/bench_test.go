package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadJSONL reads a 2,000-line JSONL file of 3 KB articles.
func BenchmarkReadJSONL(b *testing.B) {
	path := filepath.Join(b.TempDir(), "feed.jsonl")
	paragraph := strings.Repeat("The foreign ministers met in Geneva on Tuesday and agreed to meet again. ", 40)
	var sb strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&sb, `{"id":"a%d","title":"Talks %d","source":"Example Daily","published":"2017-02-12","text":%q}`+"\n",
			i, i, paragraph)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	for b.Loop() {
		m, err := Read(context.Background(), []string{path}, Options{}, func(Item) error { return nil })
		if err != nil || m.Units != 2000 {
			b.Fatalf("manifest %+v, err %v", m, err)
		}
	}
}

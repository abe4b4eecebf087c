package parse_test

import (
	"testing"

	"github.com/parleydata/parley/gencorpus"
	"github.com/parleydata/parley/pipeline/parse"
)

// BenchmarkParse parses generated articles of 2-6 KB, one per op.
func BenchmarkParse(b *testing.B) {
	units, err := gencorpus.Units(b.TempDir(), 1, 200)
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, u := range units {
		bytes += int64(len(u.Text))
	}
	b.SetBytes(bytes / int64(len(units)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if d := parse.Parse(units[i%len(units)]); len(d.Sentences) == 0 {
			b.Fatalf("%s: no sentences", d.SourceID)
		}
		i++
	}
}

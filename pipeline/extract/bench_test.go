package extract_test

import (
	"testing"

	"github.com/parleydata/parley/gencorpus"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

// BenchmarkExtract extracts the meetings of parsed generated articles, one
// per op: reports of meetings, articles without one and reprints in the
// proportions of the generated corpus.
func BenchmarkExtract(b *testing.B) {
	units, err := gencorpus.Units(b.TempDir(), 1, 200)
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*parse.Document, len(units))
	var bytes int64
	for i, u := range units {
		docs[i] = parse.Parse(u)
		bytes += int64(len(docs[i].Text))
	}
	ex := extract.New(refdata.DefaultRegistry())
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	i, mentions := 0, 0
	for b.Loop() {
		mentions += len(ex.Extract(docs[i%len(docs)]))
		i++
	}
	b.ReportMetric(float64(mentions)/float64(i), "mentions/article")
}

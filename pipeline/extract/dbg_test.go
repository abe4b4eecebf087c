package extract

import (
	"fmt"
	"os"
	"testing"

	"github.com/parleydata/parley/refdata"
)

func TestDbgParties(t *testing.T) {
	text := os.Getenv("TEXT")
	if text == "" {
		t.Skip()
	}
	x := &docExtractor{Extractor: New(refdata.DefaultRegistry()), doc: doc(text, "")}
	x.sentTokens = [][]token{tokenize(x.doc.Sentences[0].Text)}
	x.sentTriggers = make([][]trigger, 1)
	x.setSentence(0)
	fmt.Println(x.sentence)
	for _, tr := range x.triggers {
		st, ok := status(x.lower, 0, tr)
		fmt.Printf("trigger %q %d-%d noun=%v status=%s %v\n", tr.text, tr.start, tr.end, tr.noun, st, ok)
	}
	for _, p := range x.findParties(x.sentTokens[0]) {
		fmt.Printf("%+v\n", p)
	}
	fmt.Printf("%+v\n", clausesOf(x.sentence, x.triggers))
}

func TestDbgExtract(t *testing.T) {
	text := os.Getenv("TEXT")
	if text == "" {
		t.Skip()
	}
	for _, m := range New(refdata.DefaultRegistry()).Extract(doc(text, "2023-01-10")) {
		fmt.Println(summary(m))
	}
}

// Package parse is the second stage: it turns an ingested unit into a
// Document — the article text with boilerplate and other stories' captions
// removed, its metadata (title, outlet, publication date, dateline) and its
// sentences with character offsets.
package parse

import (
	"github.com/parleydata/parley"
)

// BlockKind says what a block of the parsed text is.
type BlockKind uint8

// Kinds of block. Extraction reads body sentences and the captions that
// belong to the article's own story; headings only give context.
const (
	Body BlockKind = iota
	Caption
	Heading
)

func (k BlockKind) String() string {
	switch k {
	case Caption:
		return "caption"
	case Heading:
		return "heading"
	}
	return "body"
}

// Sentence is one sentence of the parsed text.
type Sentence struct {
	Text       string
	Start, End int // offsets into Document.Text in Unicode code points
	Paragraph  int // index of the block it belongs to
	Kind       BlockKind
}

// Document is an article ready for extraction.
type Document struct {
	ArticleID string
	SourceID  string
	InputPath string
	Text      string // the text as parsed: what mention offsets point into
	Title     *string
	Outlet    *string
	URL       *string
	Published parley.Date
	// Reference is the day relative dates are resolved against: the
	// publication date, or else the latest full date the text states
	// (ReferenceFromText is then true).
	Reference         parley.Date
	ReferenceFromText bool
	Dateline          *string
	Language          string
	SHA256            string
	Encoding          string
	Warnings          []string
	Sentences         []Sentence
}

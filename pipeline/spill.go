package pipeline

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/parleydata/parley/pipeline/extract"
)

// A spillFile keeps records a build needs only when it writes the tables
// (article rows, evidence sentences) on disk, so that memory does not grow
// with the corpus. Records are appended while articles stream in and read
// back by reference, in any order, once finish has been called.
type spillFile struct {
	file *os.File
	buf  *bufio.Writer
	size int64
}

// spillRef locates one record in a spillFile.
type spillRef struct {
	offset int64
	length int32
}

func createSpillFile(path string) (*spillFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return &spillFile{file: f, buf: bufio.NewWriterSize(f, 1<<16)}, nil
}

func (s *spillFile) append(record string) (spillRef, error) {
	ref := spillRef{offset: s.size, length: int32(len(record))}
	if _, err := s.buf.WriteString(record); err != nil {
		return spillRef{}, fmt.Errorf("spill %s: %w", s.file.Name(), err)
	}
	s.size += int64(len(record))
	return ref, nil
}

// finish makes every appended record readable.
func (s *spillFile) finish() error {
	if err := s.buf.Flush(); err != nil {
		return fmt.Errorf("spill %s: %w", s.file.Name(), err)
	}
	return nil
}

// read returns a record. It is safe for concurrent use after finish.
func (s *spillFile) read(ref spillRef) ([]byte, error) {
	b := make([]byte, ref.length)
	if _, err := s.file.ReadAt(b, ref.offset); err != nil {
		return nil, fmt.Errorf("spill %s: %w", s.file.Name(), err)
	}
	return b, nil
}

// close releases the file; it may be called again.
func (s *spillFile) close() { s.file.Close() }

// sentenceSpill keeps the evidence sentences of mentions on disk, once per
// sentence, and finds them again by article and start offset: the two
// fields dedup copies from a mention into its row.
type sentenceSpill struct {
	file  *spillFile
	index []sentenceEntry // sorted by finish
}

type sentenceEntry struct {
	articleID string
	start     int
	at        spillRef
}

func compareSentenceEntries(a, b sentenceEntry) int {
	return cmp.Or(strings.Compare(a.articleID, b.articleID), cmp.Compare(a.start, b.start))
}

// put stores the sentence of m. An article's mentions come in text order,
// so mentions of one sentence are neighbours and it is stored once.
func (s *sentenceSpill) put(m *extract.Mention) error {
	if n := len(s.index); n > 0 && s.index[n-1].articleID == m.ArticleID && s.index[n-1].start == m.Start {
		return nil
	}
	at, err := s.file.append(m.Sentence)
	if err != nil {
		return err
	}
	s.index = append(s.index, sentenceEntry{articleID: m.ArticleID, start: m.Start, at: at})
	return nil
}

func (s *sentenceSpill) finish() error {
	slices.SortFunc(s.index, compareSentenceEntries)
	return s.file.finish()
}

// get returns the sentence that starts at start in an article. It is safe
// for concurrent use after finish.
func (s *sentenceSpill) get(articleID string, start int) (string, error) {
	i, ok := slices.BinarySearchFunc(s.index, sentenceEntry{articleID: articleID, start: start}, compareSentenceEntries)
	if !ok {
		return "", fmt.Errorf("spill: no sentence at %d in article %s", start, articleID)
	}
	b, err := s.file.read(s.index[i].at)
	return string(b), err
}

package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/dedup"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/pipeline/ingest"
)

// gathered is what ingest, parse and extract leave for the later stages.
// Memory holds what dedup and reprint marking need: a compact key per
// article and the mentions without their sentences. Article rows and
// evidence sentences wait in spill files until the tables are written.
type gathered struct {
	articles  []articleKey                     // filled by finish
	keys      blockList[articleKey]            // the articles, while they come in
	mentions  blockList[extract.Mention]       // Sentence is empty: see sentences
	sources   map[string]articleSource         // the articles that have mentions
	interned  map[string]string                // one copy of each name, role, date and place text
	places    map[extract.Place]*extract.Place // one of each place
	rejects   []parley.Reject
	manifest  ingest.Manifest
	cached    int64
	dir       string
	rows      *spillFile // articles, as JSON
	sentences *sentenceSpill
}

// articleKey is what the build keeps in memory of an article.
type articleKey struct {
	id          string
	published   parley.Date
	fp          dedup.Fingerprint
	words       int
	duplicateOf string // set by markReprints
	row         spillRef
}

// articleSource is what the build keeps of an article that has mentions,
// for dedup and for the rejects that point at it.
type articleSource struct {
	inputPath, sourceID, outlet string
}

func newGathered(dir string) (*gathered, error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	rows, err := createSpillFile(filepath.Join(dir, "articles"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	sentences, err := createSpillFile(filepath.Join(dir, "sentences"))
	if err != nil {
		rows.close()
		os.RemoveAll(dir)
		return nil, err
	}
	return &gathered{dir: dir, rows: rows, sentences: &sentenceSpill{file: sentences}, sources: map[string]articleSource{}, interned: map[string]string{}, places: map[extract.Place]*extract.Place{}}, nil
}

// add keeps what the later stages need of one article.
func (g *gathered) add(r *extracted) error {
	a := &r.Article
	row, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("spill article %s: %w", a.ArticleID, err)
	}
	ref, err := g.rows.append(string(row))
	if err != nil {
		return err
	}
	g.keys.add(articleKey{id: a.ArticleID, published: a.Published, fp: r.FP, words: r.Words, row: ref})
	if len(r.Mentions) > 0 {
		g.sources[a.ArticleID] = articleSource{inputPath: a.InputPath, sourceID: a.SourceID, outlet: deref(a.Outlet)}
	}
	for i := range r.Mentions {
		m := &r.Mentions[i]
		if err := g.sentences.put(m); err != nil {
			return err
		}
		m.Sentence = ""
		g.detach(m)
		g.mentions.add(*m)
	}
	return nil
}

// detach replaces the strings of a mention that point into its article's
// text, which would otherwise stay in memory with them, by interned
// copies: names, roles, dates and places repeat across articles. Places
// are shared too; nothing after extraction changes one.
func (g *gathered) detach(m *extract.Mention) {
	if m.Place != nil {
		if kept, ok := g.places[*m.Place]; ok {
			m.Place = kept
		} else {
			g.places[*m.Place] = m.Place
		}
	}
	m.Outlet = g.intern(m.Outlet)
	m.Date.Text = g.intern(m.Date.Text)
	m.PlaceText = g.intern(m.PlaceText)
	for i := range m.Parties {
		p := &m.Parties[i]
		p.Name, p.NameAsReported, p.Role = g.intern(p.Name), g.intern(p.NameAsReported), g.intern(p.Role)
	}
}

// intern returns the one copy of s that g keeps.
func (g *gathered) intern(s string) string {
	if kept, ok := g.interned[s]; ok {
		return kept
	}
	s = strings.Clone(s)
	g.interned[s] = s
	return s
}

// finish makes the spill files readable and the article keys one slice.
func (g *gathered) finish() error {
	g.articles = g.keys.take()
	g.interned, g.places = nil, nil // later stages make no new mentions
	return errors.Join(g.rows.finish(), g.sentences.finish())
}

// readArticle reads the row of an article back into a.
func (g *gathered) readArticle(k articleKey, a *parley.Article) error {
	b, err := g.rows.read(k.row)
	if err != nil {
		return err
	}
	*a = parley.Article{}
	if err := json.Unmarshal(b, a); err != nil {
		return fmt.Errorf("spill: article %s: %w", k.id, err)
	}
	return nil
}

// discard closes and removes the spill files. It may be called again.
func (g *gathered) discard() error {
	g.rows.close()
	g.sentences.file.close()
	if err := os.RemoveAll(g.dir); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	return nil
}

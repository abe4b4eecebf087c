package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/parleydata/parley"
)

// goldArticle is one line of a gold file: an article and every meeting it
// reports (see the gold format in the meeting guidelines), with the fields
// the scorer reads. A JSON null reads as "" in the string fields, meaning
// "not labelled".
type goldArticle struct {
	DocID    string        `json:"doc_id"`
	Meetings []goldMeeting `json:"meetings"`
}

type goldMeeting struct {
	GID          string      `json:"gid"`
	Participants []goldParty `json:"participants"`
	Date         parley.Date `json:"date"`
	Weekday      string      `json:"weekday"`
	Place        string      `json:"place"`
	Status       string      `json:"status"`
	Mode         string      `json:"mode"`
	Kind         string      `json:"kind"`
	Evidence     string      `json:"evidence"`
}

type goldParty struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Country string   `json:"country"`
	Kind    string   `json:"kind"`
}

// names returns every spelling the gold file gives for the party.
func (p goldParty) names() []string { return append([]string{p.Name}, p.Aliases...) }

var partyKinds = []string{parley.PartyPerson, parley.PartyDelegation, parley.PartyOrganisation, parley.PartyCountry}

// readGold reads a gold file: JSONL, one article a line.
func readGold(path string) ([]goldArticle, error) {
	var articles []goldArticle
	if err := readJSONL(path, collectGold(&articles)); err != nil {
		return nil, err
	}
	return articles, nil
}

// collectGold returns a scanJSONL callback that checks each gold article and
// appends it to articles.
func collectGold(articles *[]goldArticle) func(goldArticle) error {
	seen := make(map[string]bool)
	return func(a goldArticle) error {
		if err := a.check(); err != nil {
			return err
		}
		if seen[a.DocID] {
			return fmt.Errorf("doc_id %q is labelled twice", a.DocID)
		}
		seen[a.DocID] = true
		*articles = append(*articles, a)
		return nil
	}
}

// readJSONL calls each for every value of the JSONL file at path.
func readJSONL[T any](path string, each func(T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := scanJSONL(f, each); err != nil {
		return fmt.Errorf("%s:%w", path, err)
	}
	return nil
}

// maxLine is the longest JSONL line read, far above any article.
const maxLine = 64 << 20

// scanJSONL decodes one JSON value a line, skips blank lines and calls each
// for every value. Errors start with the line number.
func scanJSONL[T any](r io.Reader, each func(T) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxLine)
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("%d: %w", line, err)
		}
		if err := each(v); err != nil {
			return fmt.Errorf("%d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%d: %w", line+1, err)
	}
	return nil
}

// check rejects labels the scorer cannot use or would score wrongly.
func (a goldArticle) check() error {
	if a.DocID == "" {
		return errors.New("no doc_id")
	}
	gids := make(map[string]bool, len(a.Meetings))
	for i, m := range a.Meetings {
		if m.GID == "" {
			return fmt.Errorf("meeting %d has no gid", i+1)
		}
		if gids[m.GID] {
			return fmt.Errorf("gid %q appears twice in one article", m.GID)
		}
		gids[m.GID] = true
		if len(m.Participants) < 2 {
			return fmt.Errorf("meeting %s: a meeting needs at least two parties", m.GID)
		}
		for _, p := range m.Participants {
			if p.Name == "" {
				return fmt.Errorf("meeting %s: a party has no name", m.GID)
			}
			if !slices.Contains(partyKinds, p.Kind) {
				return fmt.Errorf("meeting %s: party %q: kind %q is not one of %v", m.GID, p.Name, p.Kind, partyKinds)
			}
		}
	}
	return nil
}

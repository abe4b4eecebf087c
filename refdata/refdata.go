// Package refdata is the embedded, versioned reference data of Parley:
// countries, places, government metonyms, official titles and a registry of
// known officials. Every lookup is case- and diacritic-insensitive (see
// names.Fold) and ignores a leading "the", dots, hyphens and apostrophes,
// so "the U.S.", "US" and "us" find the same country and "Nur Sultan" finds
// Nur-Sultan.
//
// The tables live in data/ and are built into the binary; README.md says
// where each comes from and under which licence. countries.tsv, places.tsv
// and actors.csv are written by the generator in gen/ (go generate); the
// hand-kept metonyms.tsv, roles.tsv and venues.tsv are edited directly.
//
// # The actors file
//
// LoadRegistry reads the format of data/actors.csv, which is also the
// format of a user's --actors file: CSV, UTF-8, with the header
//
//	key,name,aliases,country,kind,role,from,to,wikidata_id
//
// One row is one office of one actor; rows with the same key describe the
// same actor and must agree on name, kind and wikidata_id (an empty
// wikidata_id is taken from the other rows). Columns:
//
//   - key: stable id, lowercase letters, digits and hyphens ("sergey-lavrov").
//   - name: canonical name.
//   - aliases: other spellings, separated by ";" (may be empty); the
//     aliases of all rows of a key are merged.
//   - country: ISO 3166-1 alpha-3 code of the office, or empty for an
//     international post (UN, NATO, EU). The actor's country is that of its
//     first row that has one.
//   - kind: person, delegation, organisation or country; empty means person.
//   - role: the office held, as a title phrase ("Minister of Foreign
//     Affairs"; known phrases are normalised, see RoleByPhrase), or empty.
//   - from, to: the term, as YYYY-MM-DD, YYYY-MM or YYYY (from is the first
//     day of a month or year, to the last); empty when unknown or, for to,
//     still in office.
//   - wikidata_id: a Wikidata item such as Q58217, or empty.
//
// Errors name the file and line.
package refdata

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parleydata/parley/names"
)

//go:generate go run ./gen -shared ../../shared/data -out data

//go:embed data
var dataFS embed.FS

// listSeparator separates the values of a list cell in the TSV tables.
const listSeparator = "|"

// keyPunctuation is the punctuation LookupKey drops or reads as a space.
var keyPunctuation = strings.NewReplacer("-", " ", "'", "", ".", "", ",", " ")

// LookupKey returns the form every table is indexed and queried by:
// folded (see names.Fold), without dots, apostrophes and a leading "the",
// with hyphens and commas read as spaces. "The U.S." and "us" share a key,
// and so do "Nur-Sultan" and "Nur Sultan".
func LookupKey(s string) string {
	if plainWords(s) {
		var buf [keyBufferSize]byte
		return string(plainKey(buf[:0], s))
	}
	if k, ok := keyMemo.Load(s); ok {
		return k.(string)
	}
	k := lookupKey(s)
	if keyMemoSize.Add(1) <= keyMemoMax {
		keyMemo.Store(strings.Clone(s), k) // s is often a slice of an article: don't keep the article alive
	}
	return k
}

// Queries repeat (the same capitalised words run through every lookup of
// every article), and folding is the cost of a lookup: the keys of the
// first keyMemoMax queries are kept.
var (
	keyMemo     sync.Map
	keyMemoSize atomic.Int64
)

const keyMemoMax = 1 << 19

// plainWords reports whether s is ASCII words of letters and digits with
// one space between them, the form of most queries. Folding leaves such
// words as they are but for their case, and they hold no punctuation, so
// their key is their lower case without a leading "the": cheaper to make
// than to look up in the memo.
func plainWords(s string) bool {
	for i := range len(s) {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

// plainKey appends the lookup key of plain words to buf: their lower case
// without a leading "the".
func plainKey(buf []byte, s string) []byte {
	start := len(buf)
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	if bytes.HasPrefix(buf[start:], []byte("the ")) {
		buf = append(buf[:start], buf[start+len("the "):]...)
	}
	return buf
}

// keyBufferSize fits the key of most queries; longer ones still work.
const keyBufferSize = 64

// appendKey appends the lookup key of s to buf. The tables are queried
// with keys made in a buffer on the caller's stack: most queries are
// plain words that name nothing, and allocating their keys was much of
// the cost of a lookup.
func appendKey(buf []byte, s string) []byte {
	if plainWords(s) {
		return plainKey(buf, s)
	}
	return append(buf, LookupKey(s)...)
}

func lookupKey(s string) string {
	f := names.Fold(s)
	f = keyPunctuation.Replace(f)
	f = strings.Join(strings.Fields(f), " ")
	return strings.TrimPrefix(f, "the ")
}

// readTSV reads an embedded table with a header row, checks the header and
// hands each row's fields to row together with its line number.
func readTSV(name string, header []string, row func(line int, fields []string) error) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if strings.Join(fields, "\t") != strings.Join(header, "\t") {
				return fmt.Errorf("%s:1: header %q, want %q", name, fields, header)
			}
			continue
		}
		if len(fields) != len(header) {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(fields), len(header))
		}
		if err := row(line, fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if line == 0 {
		return fmt.Errorf("%s: empty file", name)
	}
	return nil
}

// splitList splits a list cell; an empty cell is an empty list.
func splitList(cell, sep string) []string {
	if cell == "" {
		return nil
	}
	return strings.Split(cell, sep)
}

// mustLoad runs a loader of embedded data. The data is part of the build and
// tested, so a failure is a programming error.
func mustLoad[T any](load func() (T, error)) func() T {
	return func() T {
		v, err := load()
		if err != nil {
			panic("refdata: embedded data: " + err.Error())
		}
		return v
	}
}

// Package pattern compiles regular expressions that first check the text
// for words every match must contain.
//
// Go's regexp looks for a literal prefix at most: an expression such as
// `\b(?:talks|meeting)\b` is tried at every byte of the text, though most
// sentences hold none of its words. The words are derived from the
// expression itself, so they stay right when it changes.
package pattern

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Regexp is a regular expression that skips text lacking the words its
// matches need. The methods it does not redefine run the expression as is.
type Regexp struct {
	*regexp.Regexp
	// needs are sets of words: every match holds one word of each set. The
	// most telling set comes first.
	needs [][]string
	// folds: the expression ignores case somewhere, so the words are in
	// lower case and the text is searched for them ignoring ASCII case.
	folds bool
}

// MustCompile is regexp.MustCompile, with the check.
func MustCompile(expr string) *Regexp {
	re := regexp.MustCompile(expr)
	p := &Regexp{Regexp: re}
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil {
		p.folds = ignoresCase(tree)
		p.needs = required(tree, p.folds)
	}
	return p
}

// mayMatch reports whether s can hold a match: false only when it lacks
// a word of a needed set.
func (p *Regexp) mayMatch(s string) bool {
	if p.needs == nil {
		return true
	}
	if !p.folds {
		return containsAll(p.needs, func(w string) bool { return strings.Contains(s, w) })
	}
	var buf [512]byte
	lower, ascii := appendLowerASCII(buf[:0], s)
	// A case-insensitive ASCII letter also matches the few other runes in
	// its fold orbit, such as "ſ" for "s": leave text with them to the
	// expression.
	if !ascii && strings.ContainsFunc(s, foldsToASCII) {
		return true
	}
	return containsAll(p.needs, func(w string) bool { return bytes.Contains(lower, []byte(w)) })
}

// containsAll reports whether the text holds a word of each set.
func containsAll(needs [][]string, holds func(word string) bool) bool {
	for _, words := range needs {
		if !slices.ContainsFunc(words, holds) {
			return false
		}
	}
	return true
}

// appendLowerASCII appends s to buf with its ASCII capitals in lower case,
// and reports whether s is all ASCII.
func appendLowerASCII(buf []byte, s string) ([]byte, bool) {
	var high byte
	for i := range len(s) {
		c := s[i]
		high |= c
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, high < utf8.RuneSelf
}

func ignoresCase(re *syntax.Regexp) bool {
	return re.Flags&syntax.FoldCase != 0 || slices.ContainsFunc(re.Sub, ignoresCase)
}

func (p *Regexp) MatchString(s string) bool { return p.mayMatch(s) && p.Regexp.MatchString(s) }

func (p *Regexp) FindStringIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringIndex(s)
}

func (p *Regexp) FindStringSubmatch(s string) []string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatch(s)
}

func (p *Regexp) FindStringSubmatchIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatchIndex(s)
}

func (p *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindAllStringIndex(s, n)
}

func (p *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindAllStringSubmatch(s, n)
}

func (p *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindAllStringSubmatchIndex(s, n)
}

func (p *Regexp) ReplaceAllString(src, repl string) string {
	if !p.mayMatch(src) {
		return src
	}
	return p.Regexp.ReplaceAllString(src, repl)
}

// foldsToASCII reports whether r is a non-ASCII rune that a
// case-insensitive expression matches to an ASCII letter.
func foldsToASCII(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return true
		}
	}
	return false
}

// maxWords bounds the sets of words kept: past it a set is cheaper to
// give up than to search for. maxSets bounds the sets a pattern checks.
const (
	maxWords = 64
	maxSets  = 3
)

// wordSet describes the strings a part of an expression matches: exact, when known, is every string it can match; each of needs is
// a set of words of which every match contains one.
type wordSet struct {
	exact []string
	needs [][]string
}

// required returns the sets of words every match of the expression holds
// one of, the most telling first; in lower case if fold, and then ignoring
// ASCII case.
func required(re *syntax.Regexp, fold bool) [][]string {
	w := wordsOf(re, fold)
	return strongest(append(w.needs, w.exact))
}

// strongest drops the sets that ask for nothing or for no more than a
// kept set, and keeps the maxSets most telling ones, most telling first:
// the longer its shortest word, then the fewer its words, the rarer a set
// is in text and the cheaper to check. Sets of single characters are kept
// only when nothing better is known.
func strongest(sets [][]string) [][]string {
	sets = slices.DeleteFunc(slices.Clone(sets), func(words []string) bool {
		return words == nil || slices.Contains(words, "")
	})
	slices.SortStableFunc(sets, func(a, b []string) int {
		if sa, sb := shortest(a), shortest(b); sa != sb {
			return sb - sa
		}
		return len(a) - len(b)
	})
	var kept [][]string
	for _, words := range sets {
		if len(kept) == maxSets || len(kept) > 0 && shortest(words) < 2 {
			break
		}
		if !slices.ContainsFunc(kept, func(k []string) bool { return implies(k, words) }) {
			kept = append(kept, minimal(words))
		}
	}
	return kept
}

// minimal drops the words that hold another word of the set: text with
// "meetings" holds "meeting".
func minimal(words []string) []string {
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool {
		return slices.ContainsFunc(words, func(v string) bool { return v != w && strings.Contains(w, v) })
	})
}

// implies reports whether text holding a word of a holds one of b: each
// word of a contains one of b.
func implies(a, b []string) bool {
	for _, w := range a {
		if !slices.ContainsFunc(b, func(v string) bool { return strings.Contains(w, v) }) {
			return false
		}
	}
	return true
}

// best is the most telling single set of words a part needs, or nil.
func (w wordSet) best() []string {
	if s := strongest(append(w.needs, w.exact)); s != nil {
		return s[0]
	}
	return nil
}

func shortest(words []string) int {
	n := -1
	for _, w := range words {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return n
}

func wordsOf(re *syntax.Regexp, fold bool) wordSet {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return wordSet{exact: []string{""}}
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				return wordSet{} // non-ASCII letters fold beyond ASCII case: not worth it
			}
		}
		return wordSet{exact: []string{caseOf(string(re.Rune), fold)}}
	case syntax.OpCharClass:
		return charClass(re.Rune, fold)
	case syntax.OpCapture:
		return wordsOf(re.Sub[0], fold)
	case syntax.OpQuest:
		sub := wordsOf(re.Sub[0], fold)
		if sub.exact == nil {
			return wordSet{}
		}
		return wordSet{exact: union([]string{""}, sub.exact)}
	case syntax.OpPlus:
		sub := wordsOf(re.Sub[0], fold)
		return wordSet{needs: append(sub.needs, sub.exact)}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return wordSet{}
		}
		sub := wordsOf(re.Sub[0], fold)
		return wordSet{needs: append(sub.needs, sub.exact)}
	case syntax.OpConcat:
		return concat(re.Sub, fold)
	case syntax.OpAlternate:
		return alternate(re.Sub, fold)
	}
	return wordSet{} // any character, star: no word is needed
}

// maxClass bounds the characters of a class worth spelling out: a class
// such as [A-Z] occurs in almost any text.
const maxClass = 8

// charClass is the set of a few ASCII characters.
func charClass(ranges []rune, fold bool) wordSet {
	var chars []string
	for i := 0; i < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi >= utf8.RuneSelf || hi-lo >= 2*maxClass {
			return wordSet{}
		}
		for r := lo; r <= hi; r++ {
			chars = union(chars, []string{caseOf(string(r), fold)})
		}
	}
	if len(chars) > maxClass {
		return wordSet{}
	}
	return wordSet{exact: chars}
}

// concat needs what each of its parts needs, and the words of consecutive
// parts joined while their exact sets are known and small.
func concat(subs []*syntax.Regexp, fold bool) wordSet {
	var needs [][]string
	run := []string{""} // the exact words of the parts joined so far
	allExact := true
	for _, sub := range subs {
		w := wordsOf(sub, fold)
		needs = append(needs, w.needs...)
		if w.exact != nil && len(run)*len(w.exact) <= maxWords {
			run = cross(run, w.exact)
			continue
		}
		needs = append(needs, run)
		run = w.exact
		if run == nil {
			run = []string{""}
		}
		allExact = false
	}
	if allExact {
		return wordSet{exact: run, needs: strongest(needs)}
	}
	return wordSet{needs: strongest(append(needs, run))}
}

// alternate: every match of a branch holds one of the words that branch
// needs most.
func alternate(subs []*syntax.Regexp, fold bool) wordSet {
	var exact, needs []string
	exactKnown, needsKnown := true, true
	for _, sub := range subs {
		w := wordsOf(sub, fold)
		if exactKnown && w.exact != nil && len(exact)+len(w.exact) <= maxWords {
			exact = union(exact, w.exact)
		} else {
			exactKnown = false
		}
		if b := w.best(); needsKnown && b != nil && len(needs)+len(b) <= maxWords {
			needs = union(needs, b)
		} else {
			needsKnown = false
		}
	}
	var w wordSet
	if exactKnown {
		w.exact = exact
	}
	if needsKnown {
		w.needs = [][]string{needs}
	}
	return w
}

// caseOf is the word as written, or in lower case if fold.
func caseOf(w string, fold bool) string {
	if fold {
		return strings.ToLower(w)
	}
	return w
}

func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = union(out, []string{x + y})
		}
	}
	return out
}

func union(a, b []string) []string {
	for _, w := range b {
		if !slices.Contains(a, w) {
			a = append(a, w)
		}
	}
	return a
}

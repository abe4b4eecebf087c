package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern is a regular expression that first checks the text for words
// every match must contain. Go's regexp looks for a literal prefix at most:
// a pattern such as `\b(?:talks|meeting)\b` is tried at every byte of every
// sentence, though most sentences hold none of its words. The words are
// derived from the expression itself, so they stay right when it changes.
type pattern struct {
	*regexp.Regexp
	// needs holds, lower-cased, the words of which every match holds at
	// least one, ignoring ASCII case; nil when no such words are known.
	needs []string
	// folds: the expression ignores case somewhere.
	folds bool
}

func mustCompile(expr string) *pattern {
	re := regexp.MustCompile(expr)
	p := &pattern{Regexp: re}
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil {
		p.needs = required(tree)
		p.folds = ignoresCase(tree)
	}
	return p
}

// mayMatch reports whether s can hold a match: false only when it lacks
// every needed word.
func (p *pattern) mayMatch(s string) bool {
	if p.needs == nil {
		return true
	}
	for _, w := range p.needs {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	// A case-insensitive ASCII letter also matches the few other runes in
	// its fold orbit, such as "ſ" for "s": leave text with them to the
	// expression.
	return p.folds && strings.ContainsFunc(s, foldsToASCII)
}

func ignoresCase(re *syntax.Regexp) bool {
	return re.Flags&syntax.FoldCase != 0 || slices.ContainsFunc(re.Sub, ignoresCase)
}

func (p *pattern) MatchString(s string) bool { return p.mayMatch(s) && p.Regexp.MatchString(s) }

func (p *pattern) FindStringIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringIndex(s)
}

func (p *pattern) FindStringSubmatch(s string) []string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatch(s)
}

func (p *pattern) FindStringSubmatchIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatchIndex(s)
}

func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindAllStringIndex(s, n)
}

func (p *pattern) FindAllStringSubmatch(s string, n int) [][]string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindAllStringSubmatch(s, n)
}

func (p *pattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindAllStringSubmatchIndex(s, n)
}

func (p *pattern) ReplaceAllString(src, repl string) string {
	if !p.mayMatch(src) {
		return src
	}
	return p.Regexp.ReplaceAllString(src, repl)
}

// containsFoldASCII reports whether s holds the lower-case ASCII word w,
// ignoring the case of ASCII letters.
func containsFoldASCII(s, w string) bool {
	first := w[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper -= 'a' - 'A'
	}
	for len(s) >= len(w) {
		i := strings.IndexByte(s[:len(s)-len(w)+1], first)
		if upper != first {
			if j := strings.IndexByte(s[:len(s)-len(w)+1], upper); j >= 0 && (i < 0 || j < i) {
				i = j
			}
		}
		if i < 0 {
			return false
		}
		if equalFoldASCII(s[i+1:i+len(w)], w[1:]) {
			return true
		}
		s = s[i+1:]
	}
	return false
}

func equalFoldASCII(s, lower string) bool {
	for i := range len(lower) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
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

// maxWords bounds the sets of words required keeps: past it a set is
// cheaper to give up than to search for.
const maxWords = 64

// wordSet describes the strings a part of an expression matches: exact,
// when known, is every string it can match; atLeast, when not nil, holds
// words of which each match contains one. Both are lower case.
type wordSet struct {
	exact   []string
	atLeast []string
}

// required returns words of which every match of the expression holds
// one, ignoring ASCII case, or nil when there are none worth checking.
func required(re *syntax.Regexp) []string {
	w := wordsOf(re)
	needs := w.best()
	if needs == nil || slices.Contains(needs, "") {
		return nil
	}
	return needs
}

// best is the set of words most worth searching for: the one whose
// shortest word is longest, then the smaller.
func (w wordSet) best() []string {
	return better(w.exact, w.atLeast)
}

func better(a, b []string) []string {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	sa, sb := shortest(a), shortest(b)
	if sa != sb {
		if sa > sb {
			return a
		}
		return b
	}
	if len(b) < len(a) {
		return b
	}
	return a
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

func wordsOf(re *syntax.Regexp) wordSet {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return wordSet{exact: []string{""}}
	case syntax.OpLiteral:
		s := string(re.Rune)
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				return wordSet{} // non-ASCII folds beyond ASCII case: not worth it
			}
		}
		return wordSet{exact: []string{strings.ToLower(s)}}
	case syntax.OpCharClass:
		return charClass(re.Rune)
	case syntax.OpCapture:
		return wordsOf(re.Sub[0])
	case syntax.OpQuest:
		sub := wordsOf(re.Sub[0])
		if sub.exact == nil {
			return wordSet{}
		}
		return wordSet{exact: union([]string{""}, sub.exact)}
	case syntax.OpPlus:
		return wordSet{atLeast: wordsOf(re.Sub[0]).best()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return wordSet{}
		}
		return wordSet{atLeast: wordsOf(re.Sub[0]).best()}
	case syntax.OpConcat:
		return concat(re.Sub)
	case syntax.OpAlternate:
		return alternate(re.Sub)
	}
	return wordSet{} // any character, star: no word is needed
}

// maxClass bounds the characters of a class worth spelling out: a class
// such as [A-Z] occurs in almost any text.
const maxClass = 8

// charClass is the set of a few ASCII characters, ignoring case.
func charClass(ranges []rune) wordSet {
	var chars []string
	for i := 0; i < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi >= utf8.RuneSelf || hi-lo >= 2*maxClass {
			return wordSet{}
		}
		for r := lo; r <= hi; r++ {
			chars = union(chars, []string{strings.ToLower(string(r))})
		}
	}
	if len(chars) > maxClass {
		return wordSet{}
	}
	return wordSet{exact: chars}
}

// concat joins the words of consecutive parts while their exact sets are
// known and small, and keeps the best set found along the way.
func concat(subs []*syntax.Regexp) wordSet {
	var needs []string
	run := []string{""} // the exact words of the parts joined so far
	allExact := true
	for _, sub := range subs {
		w := wordsOf(sub)
		needs = better(needs, w.atLeast)
		if w.exact != nil && run != nil && len(run)*len(w.exact) <= maxWords {
			run = cross(run, w.exact)
			continue
		}
		needs = better(needs, nonEmpty(run))
		needs = better(needs, nonEmpty(w.exact))
		run = w.exact
		if run == nil {
			run = []string{""}
		}
		allExact = false
	}
	if allExact {
		return wordSet{exact: run, atLeast: needs}
	}
	return wordSet{atLeast: better(needs, nonEmpty(run))}
}

// alternate: every branch's match holds one of that branch's words.
func alternate(subs []*syntax.Regexp) wordSet {
	var exact, needs []string
	exactKnown, needsKnown := true, true
	for _, sub := range subs {
		w := wordsOf(sub)
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
	w := wordSet{}
	if exactKnown {
		w.exact = exact
	}
	if needsKnown {
		w.atLeast = needs
	}
	return w
}

// nonEmpty returns words unless one is empty: a set holding "" asks for
// nothing.
func nonEmpty(words []string) []string {
	if slices.Contains(words, "") {
		return nil
	}
	return words
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

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of a sentence.
type token struct {
	text       string // as written, without a possessive ending
	lower      string
	start, end int  // byte offsets in the sentence, possessive included
	possessive bool // "Putin’s", "Iran's"
	punct      bool
}

func (t token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// tokenize splits a sentence into words (letters, digits, inner hyphens,
// apostrophes and periods of abbreviations) and single punctuation marks.
func tokenize(s string) []token { return appendTokens(nil, s, strings.ToLower(s)) }

// appendTokens appends the tokens of sentence s, whose lower case is
// lower, to toks.
func appendTokens(toks []token, s, lower string) []token {
	// The lower case of an ASCII sentence's words are slices of the
	// sentence's lower case: one string instead of one for each word.
	if !isASCII(s) {
		lower = ""
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(s) {
				c, sz := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) {
					j += sz
					continue
				}
				// inner hyphen, apostrophe or period followed by a letter: "Amir-Abdollahian", "U.S."
				if strings.ContainsRune("-‑'’.", c) && j+sz < len(s) {
					n, _ := utf8.DecodeRuneInString(s[j+sz:])
					if unicode.IsLetter(n) {
						j += sz
						continue
					}
				}
				break
			}
			t := token{text: s[i:j], start: i, end: j}
			// a trailing period belongs to short abbreviations: "Mr.", "U.S."
			initial := utf8.RuneCountInString(t.text) == 1 && unicode.IsUpper([]rune(t.text)[0])
			if j < len(s) && s[j] == '.' && (abbreviation(t.text) || initial || strings.Contains(t.text, ".")) {
				t.end = j + 1
				t.text = s[i : j+1]
				j++
			}
			for _, p := range []string{"'s", "’s"} {
				if strings.HasSuffix(t.text, p) && len(t.text) > len(p) {
					t.text = strings.TrimSuffix(t.text, p)
					t.possessive = true
				}
			}
			if lower != "" {
				t.lower = lower[t.start : t.start+len(t.text)]
			} else {
				t.lower = strings.ToLower(t.text)
			}
			toks = append(toks, t)
			i = j
		default:
			t := token{text: s[i : i+size], start: i, end: i + size, punct: true}
			t.lower = t.text
			toks = append(toks, t)
			i += size
		}
	}
	return toks
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var abbreviationWords = setOf("mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "adm", "sgt",
	"rep", "sen", "gov", "pres", "amb", "rev", "hon", "jr", "sr", "st", "prof", "h.e", "u.s", "u.n", "u.k")

func abbreviation(w string) bool { return abbreviationWords[strings.ToLower(w)] }

// numberWords are the counts news writes out: "two days earlier", "the three
// countries".
var numberWords = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

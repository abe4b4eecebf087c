package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "cmdr": true, "adm": true, "sgt": true, "rep": true, "sen": true,
	"gov": true, "pres": true, "amb": true, "rev": true, "hon": true, "jr": true, "sr": true, "no": true,
	"vs": true, "v": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.n": true, "u.k": true, "e.g": true,
	"i.e": true, "a.m": true, "p.m": true, "h.r": true, "h.e": true, "approx": true, "est": true, "fig": true,
}

// SplitSentences returns the byte spans of the sentences of one paragraph.
// A sentence ends at . ! or ? (with closing quotes or brackets) followed by
// space and an upper-case letter, a digit or an opening quote — unless the
// word before the period is an abbreviation or a single initial.
func SplitSentences(p string) [][2]int {
	var spans [][2]int
	start := 0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i
		for end < len(p) {
			c, sz := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune("\"'”’)]", c) {
				break
			}
			end += sz
		}
		if end >= len(p) || p[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(p[end+1:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'(", next)) {
			continue
		}
		if r == '.' && end == i && abbreviated(p[start:i-1]) {
			continue
		}
		spans = append(spans, trimSpan(p, start, end))
		start = end + 1
		i = start
	}
	if start < len(p) {
		if s := trimSpan(p, start, len(p)); s[1] > s[0] {
			spans = append(spans, s)
		}
	}
	return spans
}

func abbreviated(before string) bool {
	j := strings.LastIndexAny(before, " (\"“")
	word := before[j+1:]
	if strings.Contains(word, ".") {
		return true // "H.W.", "U.S.": initials and abbreviations with inner periods
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r) // an initial: "George W. Bush"
	}
	return abbreviations[strings.ToLower(word)]
}

func trimSpan(p string, s, e int) [2]int {
	for s < e && p[s] == ' ' {
		s++
	}
	for e > s && p[e-1] == ' ' {
		e--
	}
	return [2]int{s, e}
}

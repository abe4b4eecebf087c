package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-unidecode"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form every comparison in this package uses:
// diacritics removed (NFD, drop combining marks, NFC), non-Latin script
// transliterated to ASCII, lowercase, every hyphen or dash written "-",
// every apostrophe written "'", possessive 's and trailing apostrophes
// dropped, and runs of white space collapsed to one space.
//
//	Fold("Lavréntiev")     == "lavrentiev"
//	Fold("Лаврентьев")     == "lavrent'ev"
//	Fold("Shamkhani’s")    == "shamkhani"
//	Fold("Amir‑Abdollahian") == "amir-abdollahian" (non-breaking hyphen)
//
// Fold is idempotent and its result is always ASCII.
func Fold(s string) string {
	if !isASCII(s) {
		s = unidecode.Unidecode(stripMarks(s))
	}
	return normalizeASCII(s)
}

// stripMarks removes combining marks, so that é becomes e before
// transliteration; unidecode alone would also do it for precomposed
// letters, but not for a letter followed by a separate combining accent.
func stripMarks(s string) string {
	decomposed := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(decomposed))
	for _, r := range decomposed {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normalizeASCII does the case, punctuation, possessive and space steps
// of Fold on transliterated text.
func normalizeASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := false // a space is pending: written only before the next word
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c == 0x7f:
			b = trimPossessive(b, len(b))
			space = len(b) > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '`':
			c = '\''
		case c == '-' && len(b) > 0 && b[len(b)-1] == '-' && !space:
			continue // unidecode writes an em dash as "--"
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
		if !isWordByte(c) && c != '\'' {
			b = trimPossessive(b, len(b)-1)
		}
	}
	b = trimPossessive(b, len(b))
	return string(b)
}

// trimPossessive removes a possessive 's or a trailing apostrophe (the
// Ministers' form) from the word that ends at b[end], shifting whatever
// follows. It repeats until the word ends in a letter, so that Fold stays
// idempotent on odd input such as "x's's".
func trimPossessive(b []byte, end int) []byte {
	cut := end
	for {
		switch {
		case cut >= 3 && b[cut-1] == 's' && b[cut-2] == '\'' && isWordByte(b[cut-3]):
			cut -= 2
		case cut >= 2 && b[cut-1] == '\'' && isWordByte(b[cut-2]):
			cut--
		default:
			return append(b[:cut], b[end:]...)
		}
	}
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

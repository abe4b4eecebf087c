package names

import "strings"

// honorifics are words that open a reported name without being part of it:
// forms of address, religious and military ranks, and the office titles
// that news copy puts in front of a name ("Foreign Minister Sergey
// Lavrov"). Tokens drops dots first, so "h.e." is "he".
var honorifics = setOf(
	"the", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
	"he", "his", "her", "excellency", "highness", "majesty", "royal",
	"sheikh", "shaikh", "sheik", "shaykh", "ayatollah", "ayatullah", "grand",
	"hojatoleslam", "hojjatoleslam", "hujjatulislam", "seyyed", "seyed", "sayyid", "sayyed", "sayed", "syed",
	"imam", "mullah", "mufti", "haj", "hajj", "hajji", "rabbi", "pope", "patriarch", "cardinal",
	"archbishop", "bishop", "rev", "reverend", "father",
	"president", "president-elect", "vice", "vice-president", "prime", "premier", "minister",
	"deputy", "acting", "interim", "former", "foreign", "defence", "defense", "interior",
	"secretary", "secretary-general", "undersecretary", "under-secretary", "assistant",
	"general", "gen", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain",
	"adm", "admiral", "brig", "brigadier", "marshal", "field", "commander", "chief",
	"ambassador", "amb", "envoy", "special", "senator", "sen", "rep", "representative",
	"congressman", "congresswoman", "speaker", "chancellor",
	"king", "queen", "prince", "princess", "crown", "emir",
)

// suffixes close a name without being part of the surname: generational
// and regnal numbers (Abdullah II, Felipe VI) and degrees.
var suffixes = setOf("jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "phd", "esq")

// particles are the short connecting words of Arabic, Romance, Germanic and
// Dutch names. They never carry identity on their own, so they are skipped
// when surnames and given names are compared (al-Assad = Assad).
var particles = setOf(
	"al", "el", "ul", "bin", "ben", "ibn", "bint", "abu", "de", "del", "della", "der", "di", "da",
	"dos", "du", "la", "le", "van", "von", "ter", "ten", "y",
)

func setOf(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// Tokens returns the folded words of a personal name without the
// honorifics and titles in front of it or the suffixes behind it.
// Hyphenated words stay whole ("amir-abdollahian"); callers that need the
// parts split on "-". Apostrophes inside a word are dropped, so
// Лаврентьев ("lavrent'ev") and O'Brien ("obrien") become plain words.
//
//	Tokens("Ayatollah Seyyed Ali Khamenei") == []string{"ali", "khamenei"}
//
// A name that is nothing but titles ("the Minister") has no tokens.
func Tokens(name string) []string {
	var tokens []string
	for _, word := range strings.Fields(Fold(name)) {
		if t := cleanToken(word); t != "" {
			tokens = append(tokens, t)
		}
	}
	for len(tokens) > 0 && honorifics[tokens[0]] {
		tokens = tokens[1:]
	}
	for len(tokens) > 0 && suffixes[tokens[len(tokens)-1]] {
		tokens = tokens[:len(tokens)-1]
	}
	if len(tokens) == 0 {
		return nil
	}
	return tokens
}

// cleanToken keeps the letters, digits and inner hyphens of a folded word
// and drops apostrophes, dots ("h.e." is "he", "S." is "s") and all other
// punctuation.
func cleanToken(word string) string {
	b := make([]byte, 0, len(word))
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case isWordByte(c):
			b = append(b, c)
		case c == '-':
			if len(b) > 0 && b[len(b)-1] != '-' {
				b = append(b, c)
			}
		}
	}
	return strings.TrimRight(string(b), "-")
}

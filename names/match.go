package names

import (
	"slices"
	"strings"
)

// Thresholds of the surname test; see Match.
const (
	minSurnameJaroWinkler  = 0.90
	minSurnameLevenshtein  = 0.75
	minTrustedSkeletonSize = 3
	// Equal skeletons are stronger evidence than edit distance, so they
	// carry pairs whose spelling differs in vowels or digraphs a bit below
	// the usual Jaro-Winkler bar (Zarif ~ Zareef 0.876, Araghchi ~ Araqchi
	// 0.869); Lavrentiev ~ Lavrov (0.867) has different skeletons.
	minSkeletonJaroWinkler = 0.85
	minGivenJaroWinkler    = 0.90
)

// Scores of given-name evidence, weighed against the surname in Match.
const (
	surnameWeight = 0.7
	givenWeight   = 0.3
	givenInitial  = 0.8 // "S. Lavrov" ~ "Sergey Lavrov"
	givenAbsent   = 0.7 // "Lavrov" ~ "Sergey Lavrov": possible, less sure
	givenNeither  = 1.0 // "Lavrov" ~ "Lavrov": the same evidence on both sides
	givenNickname = 0.9 // "Tony Blinken" ~ "Antony Blinken"

	// rejectedScale maps the similarity of a rejected pair below every
	// accepted score (accepted ones are at least 0.7*0.85 + 0.3*0 = 0.595).
	rejectedScale = 0.49
)

// eastAsianSurnames are family names that news copy writes first
// ("Xi Jinping", "Wang Yi", "Kim Jong Un"). Names of two or three words that
// start with one are parsed surname-first. Le, Do and He are left out:
// they are also European particles, words or an honorific ("H.E.").
var eastAsianSurnames = setOf(
	// Chinese
	"cao", "chen", "deng", "ding", "dong", "du", "fan", "feng", "gao", "guo", "han", "hu",
	"huang", "jiang", "li", "liang", "lin", "liu", "lu", "luo", "ma", "meng", "qin", "shen", "song",
	"sun", "tang", "wang", "wei", "wen", "wu", "xi", "xie", "xu", "yang", "ye", "yu", "zhang", "zhao",
	"zheng", "zhou", "zhu", "bai", "cai", "cui", "duan", "fu", "hou", "jin", "kong", "lei", "mao", "pan",
	"peng", "qian", "shi", "tian", "xiao", "yan", "yuan", "zeng",
	// Chinese in Wade-Giles and Cantonese spellings (Taiwan, Hong Kong)
	"tsai", "lai", "hsu", "hsieh", "kuo", "chiang", "chang", "cheng", "ko", "wong", "leung", "chan",
	"tsang", "cheung", "lam", "lau", "chow", "yip",
	// Korean
	"kim", "lee", "park", "choi", "chung", "jung", "kang", "moon", "yoon", "cho", "ban", "yun", "shin",
	"hwang", "ahn", "jang", "lim", "seo", "kwon", "ryu", "roh", "noh",
	// Vietnamese
	"nguyen", "tran", "pham", "vo", "vu", "bui", "ngo",
)

// FamilyNameFirst reports whether a word is a family name that news copy
// writes before the given name ("Liu" in "Liu He").
func FamilyNameFirst(word string) bool { return eastAsianSurnames[Fold(word)] }

// nicknames maps the familiar forms that officials go by to their given names.
var nicknames = map[string]string{
	"bill": "william", "bob": "robert", "dick": "richard", "jim": "james", "joe": "joseph",
	"mike": "michael", "tom": "thomas", "tony": "antony", "ben": "benjamin", "bibi": "benjamin",
	"nick": "nicholas", "dan": "daniel", "dave": "david", "steve": "stephen", "chris": "christopher",
	"alex": "alexander", "sasha": "alexander", "liz": "elizabeth", "kate": "katherine",
}

// Name is a personal name parsed for matching. Parse once and reuse a Name
// when one name is compared with many.
type Name struct {
	text     string // the tokens joined by spaces: a canonical form
	surnames []word // the surname, then the parts of a hyphenated one
	given    []word
}

// word is one name token with the keys it is compared by.
type word struct {
	text       string // hyphens removed
	skeleton   string
	consonants string
	abjad      bool // transliterated from a script without short vowels
}

func newWord(token string) word {
	text := strings.ReplaceAll(token, "-", "")
	w := word{text: text, skeleton: Skeleton(text), consonants: consonants(text)}
	w.abjad = len(text) > 1 && w.consonants != "" && !hasVowel(text)
	return w
}

// Parse splits a personal name into surname and given names. The surname
// is the last word, or the first in an East Asian name ("Xi Jinping");
// particles (al, bin, de, von, ...) are dropped from the given names. The
// zero Name, for input without a name, matches nothing.
func Parse(name string) Name {
	tokens := Tokens(name)
	if len(tokens) == 0 {
		return Name{}
	}
	n := Name{text: strings.Join(tokens, " ")}
	surname, given := tokens[len(tokens)-1], tokens[:len(tokens)-1]
	if len(tokens) <= 3 && len(tokens) > 1 && eastAsianSurnames[tokens[0]] {
		// The given name is one unit however it is split: Jong Un, Jong-un.
		surname, given = tokens[0], []string{strings.Join(tokens[1:], "")}
	}
	n.surnames = append(n.surnames, newWord(surname))
	if strings.Contains(surname, "-") {
		for _, part := range strings.Split(surname, "-") {
			if len(part) >= 3 && !particles[part] {
				n.surnames = append(n.surnames, newWord(part))
			}
		}
	}
	for _, g := range given {
		if !particles[g] {
			n.given = append(n.given, newWord(g))
		}
	}
	return n
}

// IsZero reports whether n holds no name.
func (n Name) IsZero() bool { return len(n.surnames) == 0 }

// Key returns the blocking key of n: the skeleton of its surname, or of the
// last part of a hyphenated surname so that Amir-Abdollahian and Abdollahian
// share a block. It is "" for the zero Name.
func (n Name) Key() string {
	if n.IsZero() {
		return ""
	}
	return n.surnames[len(n.surnames)-1].skeleton
}

// Keys returns every blocking key under which n can match another name: the
// skeleton and the consonants of its surname and of each part of a
// hyphenated one. An index that files names under all their Keys and probes
// with all the Keys of a query finds every pair Match accepts on the
// surname, including Arabic-script spellings of surnames that start with
// a vowel (Araghchi, عراقچی).
func (n Name) Keys() []string {
	keys := make([]string, 0, 2*len(n.surnames))
	for _, w := range n.surnames {
		for _, k := range []string{w.skeleton, w.consonants} {
			if k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// Key returns the blocking key of a person's name; see Name.Key.
func Key(name string) string { return Parse(name).Key() }

// Match scores whether two reported names can denote the same person; see
// Name.Match.
func Match(a, b string) (score float64, ok bool) { return Parse(a).Match(Parse(b)) }

// Match scores whether n and m can denote the same person. The score is in
// [0,1]: at least 0.5 when ok, below 0.5 when not, higher for stronger
// evidence. It is symmetric.
//
// The surnames must agree: equal, or Jaro-Winkler >= 0.90 and normalised
// Levenshtein >= 0.75, or equal skeletons of three letters or more and
// Jaro-Winkler >= 0.85 (Zarif ~ Zareef). A hyphenated surname agrees through any of its parts
// (Amir-Abdollahian ~ Abdollahian); an abjad transliteration agrees by equal
// consonants (shmkhny ~ Shamkhani). When both names have given names, they
// must be compatible: equal, an initial, a known nickname, or a spelling
// variant (Aleksandr ~ Alexander, Sergei ~ Sergey); the first given names
// are compared, or every given name of the shorter side must appear in order
// in the longer one (Javad Zarif ~ Mohammad Javad Zarif). A bare surname
// matches any full name with that surname.
func (n Name) Match(m Name) (score float64, ok bool) {
	if n.IsZero() || m.IsZero() {
		return 0, false
	}
	if n.text > m.text {
		n, m = m, n // every step below then sees the pair in one order
	}
	surname, surnameOK := 0.0, false
	for _, x := range n.surnames {
		for _, y := range m.surnames {
			s, ok := surnameSimilarity(x, y)
			if ok && !surnameOK || ok == surnameOK && s > surname {
				surname, surnameOK = s, ok
			}
		}
	}
	given, givenOK := givenCompatibility(n.given, m.given)
	score = surnameWeight*surname + givenWeight*given
	if !surnameOK || !givenOK {
		return rejectedScale * score, false
	}
	return score, true
}

func surnameSimilarity(x, y word) (float64, bool) {
	if x.text == y.text {
		return 1, true
	}
	if x.abjad || y.abjad {
		return jaroWinkler(x.consonants, y.consonants),
			x.consonants == y.consonants && len(x.consonants) >= minTrustedSkeletonSize
	}
	jw := jaroWinkler(x.text, y.text)
	sameSkeleton := x.skeleton == y.skeleton && len(x.skeleton) >= minTrustedSkeletonSize
	// Transliterations often differ only in an initial vowel (Eslami,
	// Islami): the consonants decide then.
	vowelVariant := x.consonants == y.consonants && len(x.consonants) >= minTrustedSkeletonSize &&
		isVowel(x.text[0]) && isVowel(y.text[0])
	switch {
	case (sameSkeleton || vowelVariant) && jw >= minSkeletonJaroWinkler:
		return jw, true
	case jw >= minSurnameJaroWinkler:
		return jw, levenshteinSimilarity(x.text, y.text) >= minSurnameLevenshtein
	}
	return jw, false
}

// givenCompatibility compares the given names of two people whose surnames
// agree.
func givenCompatibility(a, b []word) (float64, bool) {
	switch {
	case len(a) == 0 && len(b) == 0:
		return givenNeither, true
	case len(a) == 0 || len(b) == 0:
		return givenAbsent, true
	}
	first, ok := givenSimilarity(a[0], b[0])
	if ok {
		return first, true
	}
	shorter, longer := a, b
	if len(shorter) > len(longer) {
		shorter, longer = longer, shorter
	}
	// Every given name of the shorter side, in order, somewhere in the longer.
	worst, k := 1.0, 0
	for _, x := range shorter {
		found := false
		for ; k < len(longer) && !found; k++ {
			var s float64
			if s, found = givenSimilarity(x, longer[k]); found {
				worst = min(worst, s)
			}
		}
		if !found {
			return first, false
		}
	}
	return worst, true
}

func givenSimilarity(x, y word) (float64, bool) {
	switch {
	case x.text == y.text:
		return 1, true
	case len(x.text) == 1 || len(y.text) == 1:
		return givenInitial, x.text[0] == y.text[0]
	case x.abjad || y.abjad:
		return jaroWinkler(x.consonants, y.consonants), x.consonants == y.consonants
	case nickname(x.text) == nickname(y.text):
		return givenNickname, true
	}
	jw := jaroWinkler(x.text, y.text)
	if x.skeleton == y.skeleton && len(x.skeleton) >= 2 {
		return jw, true
	}
	return jw, jw >= minGivenJaroWinkler && levenshteinSimilarity(x.text, y.text) >= minSurnameLevenshtein
}

func nickname(given string) string {
	if full, ok := nicknames[given]; ok {
		return full
	}
	return given
}

package parse

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// stopwords are frequent function words that tell common news languages apart.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "that", "with", "for", "on", "was", "said", "his", "by"},
	"fr": {"le", "la", "les", "des", "et", "est", "une", "dans", "que", "pour", "avec", "sur", "au", "du"},
	"es": {"el", "la", "los", "las", "y", "es", "una", "en", "que", "para", "con", "por", "del", "se"},
	"de": {"der", "die", "das", "und", "ist", "ein", "eine", "mit", "für", "auf", "den", "von", "sich", "nicht"},
	"it": {"il", "di", "che", "e", "la", "per", "con", "una", "sono", "del", "della", "gli", "non", "nel"},
	"pt": {"o", "os", "da", "do", "e", "que", "em", "um", "uma", "para", "com", "não", "dos", "das"},
}

// stopwordLanguages maps each stopword to the languages it belongs to.
var stopwordLanguages = sync.OnceValue(func() map[string][]string {
	index := map[string][]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			index[w] = append(index[w], lang)
		}
	}
	return index
})

// maxLanguageWords is how many words of a text DetectLanguage reads.
const maxLanguageWords = 2000

// forEachWord calls f with each word of text lower-cased, a word being a
// run of letters, until f returns false. It reuses the bytes it hands to f.
func forEachWord(text string, f func(word []byte) bool) {
	var word []byte
	for _, r := range text {
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) {
			word = utf8.AppendRune(word, r)
			continue
		}
		if len(word) > 0 && !f(word) {
			return
		}
		word = word[:0]
	}
	if len(word) > 0 {
		f(word)
	}
}

// DetectLanguage guesses the ISO 639-1 language of a text from its script
// and its function words, or returns "und".
func DetectLanguage(text string) string {
	var latin, cyrillic, arabic, han, letters int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < utf8.RuneSelf: // an ASCII letter: Latin, and most letters of most texts
			latin++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	if letters == 0 {
		return "und"
	}
	switch {
	case cyrillic*2 > letters:
		return "ru"
	case arabic*2 > letters:
		return "ar"
	case han*2 > letters:
		return "zh"
	case latin*2 <= letters:
		return "und"
	}
	counts := map[string]int{}
	words := 0
	forEachWord(text, func(w []byte) bool {
		for _, lang := range stopwordLanguages()[string(w)] {
			counts[lang]++
		}
		words++
		return words < maxLanguageWords
	})
	best, bestN := "und", 0
	for _, lang := range []string{"en", "fr", "es", "de", "it", "pt"} {
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	if bestN < 2 || bestN*20 < words {
		return "und"
	}
	return best
}

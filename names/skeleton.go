package names

// Skeleton returns the consonant skeleton of one folded name token, a key
// that survives the usual transliteration noise:
//
//   - kh, j and h are one sound (Shamkhani, Shamjani), and so are gh and q
//     (Araghchi, Araqchi; Persian غ and ق), ks and x (Aleksandr, Alexander),
//     w and v (Arabic-script و);
//   - vowels and y are dropped after the first letter, which also makes
//     iy the same as i (Lavrentiyev, Lavrentiev);
//   - doubled letters collapse (Abdollahian, Abdolahian).
//
// Characters other than a-z are ignored. Skeleton("lavrentiev") and
// Skeleton("lavrentiyev") are both "lvrntv"; Skeleton("lavrov") is "lvrv".
// Short names collapse (khaji is "h"), so trust equal skeletons only when
// they have three letters or more.
func Skeleton(token string) string { return skeleton(token, true) }

// consonants is the skeleton without the first-letter exception. It is how
// names transliterated from Arabic script, which writes no short vowels,
// are compared: "shmkhny" and "shamkhani" are both "shmhn".
func consonants(token string) string { return skeleton(token, false) }

func skeleton(token string, keepFirst bool) string {
	b := make([]byte, 0, len(token))
	first := true
	for i := 0; i < len(token); i++ {
		c := token[i]
		if c < 'a' || c > 'z' {
			continue
		}
		var next byte
		if i+1 < len(token) {
			next = token[i+1]
		}
		switch {
		case c == 'k' && next == 'h':
			c, i = 'h', i+1
		case c == 'g' && next == 'h':
			c, i = 'q', i+1
		case c == 'k' && next == 's':
			c, i = 'x', i+1
		case c == 'j':
			c = 'h'
		case c == 'w':
			c = 'v'
		}
		if first {
			first = false
			if keepFirst {
				b = append(b, c)
				continue
			}
		}
		if isVowel(c) || len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// hasVowel reports whether a token has a written vowel other than y. A
// token of several letters without one is almost always an abjad
// transliteration ("shmkhny", "mhmd") and is compared by consonants only.
func hasVowel(token string) bool {
	for i := 0; i < len(token); i++ {
		switch token[i] {
		case 'a', 'e', 'i', 'o', 'u':
			return true
		}
	}
	return false
}

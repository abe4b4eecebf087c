package dedup

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Fingerprint is a 64-bit SimHash of an article's word trigrams: near
// copies of a text (syndicated wire copy with a changed headline or a
// trimmed paragraph) have fingerprints a few bits apart.
type Fingerprint uint64

// FingerprintOf returns the SimHash of text: of the FNV-1a hashes of its
// lower-cased word trigrams, a word being a run of letters and digits.
//
// It runs on every article, so it lower-cases and hashes the words in one
// pass over the text instead of building the lower-cased text, its words
// and a hasher's input: the result is the same.
func FingerprintOf(text string) Fingerprint {
	words := make([]byte, 0, len(text)) // the words, lower-cased, each followed by a space
	var ends []int                      // where each word's space is in words
	inWord := false
	for _, r := range text {
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			words = utf8.AppendRune(words, r)
			inWord = true
		} else if inWord {
			ends = append(ends, len(words))
			words = append(words, ' ')
			inWord = false
		}
	}
	if inWord {
		ends = append(ends, len(words))
		words = append(words, ' ')
	}
	// A bit of the fingerprint is set when more than half the trigrams'
	// hashes have it set. The bits are counted eight at a time: lanes[k]
	// holds in its byte j the count of bit 8j+k, moved to ones before a
	// byte can overflow.
	var ones [64]int
	var lanes [8]uint64
	inLanes := 0
	emptyLanes := func() {
		for k := range lanes {
			for j := range 8 {
				ones[8*j+k] += int(lanes[k] >> (8 * j) & 0xff)
			}
			lanes[k] = 0
		}
		inLanes = 0
	}
	trigrams := 0
	start := 0 // of the trigram's first word
	for i := 0; i+2 < len(ends); i++ {
		v := fnv64a(words[start:ends[i+2]])
		for k := range lanes {
			lanes[k] += v >> k & 0x0101010101010101
		}
		trigrams++
		if inLanes++; inLanes == 0xff {
			emptyLanes()
		}
		start = ends[i] + 1
	}
	emptyLanes()
	var f uint64
	for b := range 64 {
		if 2*ones[b] > trigrams {
			f |= 1 << b
		}
	}
	return Fingerprint(f)
}

// fnv64a is the 64-bit FNV-1a hash of p, as hash/fnv computes it.
func fnv64a(p []byte) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, c := range p {
		h ^= uint64(c)
		h *= prime
	}
	return h
}

// reprintBits is the largest Hamming distance between the fingerprints of
// a text and its reprint.
const reprintBits = 3

// ReprintIndex finds, for each article added in order, an earlier article
// it reprints. Four 16-bit bands make the lookup constant time: two
// fingerprints at most 3 bits apart agree exactly on at least one band.
type ReprintIndex struct {
	bands [4]map[uint16][]indexed
}

type indexed struct {
	id string
	fp Fingerprint
}

// NewReprintIndex returns an empty index.
func NewReprintIndex() *ReprintIndex {
	var x ReprintIndex
	for i := range x.bands {
		x.bands[i] = map[uint16][]indexed{}
	}
	return &x
}

// Add records an article and returns the id of the earlier article it
// reprints, or "". Articles must be added oldest first. Texts too short to
// fingerprint reliably (fewer than 40 words) are never reprints.
func (x *ReprintIndex) Add(id string, fp Fingerprint, words int) string {
	if words < 40 {
		return ""
	}
	original := ""
	for b := 0; b < 4 && original == ""; b++ {
		for _, c := range x.bands[b][band(fp, b)] {
			if bits.OnesCount64(uint64(c.fp^fp)) <= reprintBits {
				original = c.id
				break
			}
		}
	}
	if original != "" {
		return original
	}
	for b := 0; b < 4; b++ {
		k := band(fp, b)
		x.bands[b][k] = append(x.bands[b][k], indexed{id, fp})
	}
	return ""
}

func band(fp Fingerprint, b int) uint16 { return uint16(uint64(fp) >> (16 * b)) }

package dedup

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// Fingerprint is a 64-bit SimHash of an article's word trigrams: near
// copies of a text (syndicated wire copy with a changed headline or a
// trimmed paragraph) have fingerprints a few bits apart.
type Fingerprint uint64

// FingerprintOf returns the SimHash of text.
func FingerprintOf(text string) Fingerprint {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var weights [64]int
	h := fnv.New64a()
	for i := 0; i+2 < len(words); i++ {
		h.Reset()
		h.Write([]byte(words[i]))
		h.Write([]byte{' '})
		h.Write([]byte(words[i+1]))
		h.Write([]byte{' '})
		h.Write([]byte(words[i+2]))
		v := h.Sum64()
		for b := 0; b < 64; b++ {
			if v&(1<<b) != 0 {
				weights[b]++
			} else {
				weights[b]--
			}
		}
	}
	var f uint64
	for b := 0; b < 64; b++ {
		if weights[b] > 0 {
			f |= 1 << b
		}
	}
	return Fingerprint(f)
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

package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encodings a unit can be decoded from.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
)

// Warnings for repairs made while reading.
const (
	WarnInvalidUTF8  = "invalid UTF-8 replaced"
	WarnInvalidUTF16 = "invalid UTF-16 replaced"
	WarnControls     = "control characters removed"
	WarnHTML         = "HTML markup removed"
)

func warnTruncated(limit int64) string { return fmt.Sprintf("truncated at %d bytes", limit) }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns the bytes of a text file into UTF-8, guided by a byte-order
// mark if there is one. cut says the bytes stop at an arbitrary point, so a
// character split there is dropped instead of reported as invalid.
func decode(b []byte, cut bool) (text, encoding string, warnings []string) {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		return decodeUTF8(b[len(bomUTF8):], cut, true)
	case bytes.HasPrefix(b, bomUTF16LE):
		order, encoding = binary.LittleEndian, EncodingUTF16LE
	case bytes.HasPrefix(b, bomUTF16BE):
		order, encoding = binary.BigEndian, EncodingUTF16BE
	default:
		return decodeUTF8(b, cut, false)
	}
	text, replaced := decodeUTF16(b[2:], order, cut)
	if replaced {
		warnings = []string{WarnInvalidUTF16}
	}
	return text, encoding, warnings
}

// decodeUTF8 returns b as a string if it is valid UTF-8. Otherwise, unless a
// byte-order mark declared UTF-8, it decodes b as Windows-1252 when that
// reads better; failing both it replaces each invalid byte with U+FFFD.
func decodeUTF8(b []byte, cut, declared bool) (text, encoding string, warnings []string) {
	if cut {
		b = trimPartialRune(b)
	}
	if utf8.Valid(b) {
		return string(b), EncodingUTF8, nil
	}
	if !declared && looksWindows1252(b) {
		return decodeWindows1252(b), EncodingWindows1252, nil
	}
	return replaceInvalidUTF8(b), EncodingUTF8, []string{WarnInvalidUTF8}
}

// trimPartialRune drops an incomplete UTF-8 sequence from the end of b.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// looksWindows1252 reports whether b, which is not valid UTF-8, is better read
// as Windows-1252: every byte that is invalid as UTF-8 is defined in
// Windows-1252, and such bytes outnumber the valid multi-byte sequences (a
// UTF-8 text with a few corrupt bytes has many more of the latter).
func looksWindows1252(b []byte) bool {
	var invalid, multibyte int
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			if charmap.Windows1252.DecodeByte(b[0]) == utf8.RuneError {
				return false
			}
			invalid++
		case size > 1:
			multibyte++
		}
		b = b[size:]
	}
	return invalid > multibyte
}

func decodeWindows1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for _, c := range b {
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
	}
	return sb.String()
}

// replaceInvalidUTF8 replaces every invalid byte with U+FFFD, one for one, so
// that looksBinary can count them.
func replaceInvalidUTF8(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

// decodeUTF16 decodes b, replacing unpaired surrogates and an odd last byte
// with U+FFFD. When cut, an odd last byte and a high surrogate at the end
// were split off by the cut and are dropped instead.
func decodeUTF16(b []byte, order binary.ByteOrder, cut bool) (text string, replaced bool) {
	if cut {
		b = b[:len(b)&^1]
		if n := len(b); n >= 2 && isHighSurrogate(order.Uint16(b[n-2:])) {
			b = b[:n-2]
		}
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) >= 2 {
		r := rune(order.Uint16(b))
		b = b[2:]
		if utf16.IsSurrogate(r) {
			if len(b) >= 2 {
				if pair := utf16.DecodeRune(r, rune(order.Uint16(b))); pair != utf8.RuneError {
					r = pair
					b = b[2:]
				}
			}
			if utf16.IsSurrogate(r) {
				r, replaced = utf8.RuneError, true
			}
		}
		sb.WriteRune(r)
	}
	if len(b) == 1 {
		sb.WriteRune(utf8.RuneError)
		replaced = true
	}
	return sb.String(), replaced
}

// isHighSurrogate reports whether u is the first half of a surrogate pair.
func isHighSurrogate(u uint16) bool { return u >= 0xD800 && u < 0xDC00 }

// binaryReason says why decoded text looks like the content of a binary file:
// more than 5% of its characters are controls (NUL and DEL included; text has
// next to none, compressed data one in eight), or more than 25% are controls
// or undecodable bytes together. It returns "" for text.
func binaryReason(text string) string {
	var n, controls, undecodable int
	for _, r := range text {
		n++
		switch {
		case r < 0x20 && !isLineSpace(r), r == 0x7F:
			controls++
		case r == utf8.RuneError:
			undecodable++
		}
	}
	switch {
	case controls*20 > n:
		return fmt.Sprintf("%d of its %d characters are control characters", controls, n)
	case (controls+undecodable)*4 > n:
		return fmt.Sprintf("%d of its %d characters are control characters or undecodable bytes", controls+undecodable, n)
	}
	return ""
}

// isLineSpace reports whether r is a control character that plain text uses
// for layout.
func isLineSpace(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

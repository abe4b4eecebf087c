package ingest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

func TestReadTextDecodes(t *testing.T) {
	tests := []struct {
		name     string
		file     []byte
		text     string
		encoding string
		warnings []string
	}{
		{"plain UTF-8", []byte(plainText), plainText, "utf-8", nil},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), plainText...), plainText, "utf-8", nil},
		{"UTF-16LE with BOM", utf16Bytes(binary.LittleEndian, true, "Zürich 🤝 "+plainText), "Zürich 🤝 " + plainText, "utf-16le", nil},
		{"UTF-16BE with BOM", utf16Bytes(binary.BigEndian, true, rtlText), rtlText, "utf-16be", nil},
		{"UTF-16 unpaired surrogate", append(utf16Bytes(binary.LittleEndian, true, "Talks "), 0x00, 0xD8, 'x', 0),
			"Talks \uFFFDx", "utf-16le", []string{"invalid UTF-16 replaced"}},
		{"Windows-1252", windows1252Text, "Café talks “on schedule” – the minister’s aide\n", "windows-1252", nil},
		{"invalid UTF-8", invalidUTF8Text, "Zürich talks \uFFFD resumed; the envoy’s aide \uFFFD said so.\n",
			"utf-8", []string{"invalid UTF-8 replaced"}},
		{"invalid UTF-8 after a UTF-8 BOM is not Windows-1252", []byte("\xef\xbb\xbfCaf\xe9 talks"), "Caf\uFFFD talks",
			"utf-8", []string{"invalid UTF-8 replaced"}},
		{"control characters", []byte(controlsText), controlsClean, "utf-8", []string{"control characters removed"}},
		{"CRLF line endings alone are no repair", []byte("Line one.\r\nLine two.\r\n"), "Line one.\nLine two.\n", "utf-8", nil},
		{"right-to-left text kept as is", []byte(rtlText), rtlText, "utf-8", nil},
		{"HTML", []byte(htmlText), htmlStripped, "utf-8", []string{"HTML markup removed"}},
		{"angle brackets and inline tags are not HTML", []byte(notHTMLText), notHTMLText, "utf-8", nil},
		{"a control character from an HTML entity", []byte("<p>Bell&#7;ringer</p><p>met</p>"), "Bellringer\n\nmet",
			"utf-8", []string{"control characters removed", "HTML markup removed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			writeTree(t, map[string][]byte{"corpus/story-1.txt": tt.file})
			items, m := readAll(t, Options{}, "corpus")
			u := onlyUnit(t, items)
			if u.Text != tt.text {
				t.Errorf("text = %q, want %q", u.Text, tt.text)
			}
			if u.Encoding != tt.encoding || !slices.Equal(u.Warnings, tt.warnings) {
				t.Errorf("encoding %q, warnings %q; want %q, %q", u.Encoding, u.Warnings, tt.encoding, tt.warnings)
			}
			sum := sha256.Sum256([]byte(tt.text))
			if u.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("sha256 = %s, want the hash of the text", u.SHA256)
			}
			if u.InputPath != "corpus/story-1.txt" || u.SourceID != "story-1" || u.Line != 0 {
				t.Errorf("path %q, id %q, line %d", u.InputPath, u.SourceID, u.Line)
			}
			if m.Files != 1 || m.Units != 1 {
				t.Errorf("manifest %+v", m)
			}
		})
	}
}

func TestReadTextRejects(t *testing.T) {
	tests := []struct {
		name string
		file []byte
		rule string
	}{
		{"binary file named .txt", binaryBytes(4096), "binary_file"},
		{"tiny binary file", []byte{0, 1, 2, 3}, "binary_file"},
		{"UTF-16 without a BOM", utf16Bytes(binary.LittleEndian, false, plainText), "binary_file"},
		{"empty file", nil, "empty"},
		{"only white space", []byte(" \n\t\r\n "), "empty"},
		{"only a UTF-8 BOM", []byte("\xef\xbb\xbf"), "empty"},
		{"only markup", []byte("<div><p></p></div>"), "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			writeTree(t, map[string][]byte{"story.txt": tt.file})
			items, m := readAll(t, Options{}, "story.txt")
			rej := onlyReject(t, items).Reject
			if rej.Rule != tt.rule || rej.InputPath != "story.txt" || rej.Line != nil {
				t.Errorf("reject %+v, want rule %s", *rej, tt.rule)
			}
			if m.Files != 1 || m.Rejects != 1 {
				t.Errorf("manifest %+v", m)
			}
		})
	}
}

func TestReadTextTruncates(t *testing.T) {
	const limit = 16
	tests := []struct {
		name     string
		file     []byte
		text     string
		warnings []string
	}{
		{"at the limit", []byte("0123456789abcdef"), "0123456789abcdef", nil},
		{"ASCII", []byte("0123456789abcdefXYZ"), "0123456789abcdef", []string{"truncated at 16 bytes"}},
		// The cut falls inside "é"; the half character is dropped, not replaced.
		{"inside a UTF-8 character", []byte("0123456789abcdeé!"), "0123456789abcde", []string{"truncated at 16 bytes"}},
		// BOM + 6 characters + the first half of the pair for 🤝.
		{"inside a UTF-16 surrogate pair", utf16Bytes(binary.LittleEndian, true, "abcdef🤝xyz"), "abcdef",
			[]string{"truncated at 16 bytes"}},
		// The last byte kept, "è", would start a UTF-8 sequence, so it goes.
		{"Windows-1252", []byte("Caf\xe9 \x93talks\x94 Ge\xe8ve"), "Café “talks” Ge", []string{"truncated at 16 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			writeTree(t, map[string][]byte{"a.txt": tt.file})
			items, _ := readAll(t, Options{MaxArticleBytes: limit}, "a.txt")
			u := onlyUnit(t, items)
			if u.Text != tt.text || !slices.Equal(u.Warnings, tt.warnings) {
				t.Errorf("got %q %q, want %q %q", u.Text, u.Warnings, tt.text, tt.warnings)
			}
		})
	}
}

func TestReadTextSourceIDs(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{
		"in/UPPER.TXT":      []byte(plainText),
		"in/two.dots.txt":   []byte(plainText),
		"in/.txt":           []byte(plainText),
		"in/more/story.txt": []byte(plainText),
	})
	items, _ := readAll(t, Options{}, "in")
	sameLines(t, describeAll(items), []string{
		"reject in/.txt missing_id",
		"unit in/UPPER.TXT UPPER",
		"unit in/more/story.txt story",
		"unit in/two.dots.txt two.dots",
	})
}

func TestDecodeNeverSplitsOrInvents(t *testing.T) {
	// Every prefix of a multi-script text, decoded as cut, is a prefix of the
	// text: no replacement character and no half character ever appears.
	text := "Genève, Zürich, Москва, 東京, 🤝 and العربية."
	for _, encode := range []func(string) []byte{
		func(s string) []byte { return []byte(s) },
		func(s string) []byte { return utf16Bytes(binary.LittleEndian, true, s) },
		func(s string) []byte { return utf16Bytes(binary.BigEndian, true, s) },
	} {
		b := encode(text)
		for n := 2; n <= len(b); n++ { // from 2: a cut inside the BOM is out of reach
			got, _, warnings := decode(b[:n], true)
			if !strings.HasPrefix(text, got) || warnings != nil {
				t.Fatalf("decode(%q, cut) = %q, %q: not a clean prefix", b[:n], got, warnings)
			}
		}
	}
}

package ingest

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestReadJSONLLines(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{"feed.jsonl": mixedJSONL})
	items, m := readAll(t, Options{}, "feed.jsonl")
	sameLines(t, describeAll(items), []string{
		"unit feed.jsonl:1 a1",
		"reject feed.jsonl:2 invalid_json",
		"reject feed.jsonl:3 missing_id",
		"reject feed.jsonl:4 missing_text",
		"reject feed.jsonl:5 duplicate_id",
		"reject feed.jsonl:6 text_not_string",
		"unit feed.jsonl:7 a7",
		"reject feed.jsonl:8 empty",
		"reject feed.jsonl:9 invalid_id",
		"reject feed.jsonl:10 invalid_json",
		"unit feed.jsonl:11 17",
		"reject feed.jsonl:12 missing_text",
		"reject feed.jsonl:13 missing_id",
		"reject feed.jsonl:14 empty",
		"unit feed.jsonl:15 a15",
	})
	if m.Files != 1 || m.Units != 4 || m.Rejects != 11 {
		t.Errorf("manifest %+v", m)
	}

	first := items[0].Unit
	meta := []*string{first.Title, first.URL, first.Outlet, first.Published, first.Language}
	want := []string{"Oslo talks", "https://example.org/a1", "Example Daily", "2017-02-12", "en"}
	for i, p := range meta {
		if p == nil || *p != want[i] {
			t.Errorf("metadata %d = %v, want %q", i, p, want[i])
		}
	}
	if first.Text != "Envoys met in Oslo." || first.Line != 1 || first.Encoding != "utf-8" || first.Warnings != nil {
		t.Errorf("first unit %+v", *first)
	}

	// A number is kept as written for the parse stage; a wrong kind is
	// dropped with a warning, not a reject.
	seventh := items[6].Unit
	if seventh.Published == nil || *seventh.Published != "1486857600" || seventh.Title != nil {
		t.Errorf("published %v, title %v", seventh.Published, seventh.Title)
	}
	if !slices.Equal(seventh.Warnings, []string{"title ignored: it is an array, not a string"}) {
		t.Errorf("warnings %q", seventh.Warnings)
	}

	dup := items[4].Reject
	if dup.SourceID == nil || *dup.SourceID != "a1" || !strings.Contains(dup.Message, "feed.jsonl:1") {
		t.Errorf("duplicate reject %+v should name the id and the line that has it", *dup)
	}
}

func TestReadJSONLEncodings(t *testing.T) {
	line := jsonlLine("x", "Genève talks 🤝")
	tests := []struct {
		name     string
		file     []byte
		text     string
		encoding string
		warnings []string
	}{
		{"UTF-8 BOM", []byte("\xef\xbb\xbf" + line + "\n"), "Genève talks 🤝", "utf-8", nil},
		{"UTF-16LE BOM", utf16Bytes(binary.LittleEndian, true, line+"\r\n"), "Genève talks 🤝", "utf-16le", nil},
		{"UTF-16BE BOM", utf16Bytes(binary.BigEndian, true, line), "Genève talks 🤝", "utf-16be", nil},
		{"Windows-1252 line", []byte("{\"id\":\"x\",\"text\":\"Caf\xe9 \x93talks\x94\"}"), "Café “talks”", "windows-1252", nil},
		{"invalid UTF-8 line", []byte(`{"id":"x","text":"Genève ` + "\xff" + `"}`), "Genève \uFFFD", "utf-8",
			[]string{"invalid UTF-8 replaced"}},
		{"escaped control characters", []byte(`{"id":"x","text":"a\u0000b\u001bc\r\nd"}`), "abc\nd", "utf-8",
			[]string{"control characters removed"}},
		{"HTML in text", []byte(jsonlLine("x", "<p>One &amp; two.</p><p>Three.</p>")), "One & two.\n\nThree.", "utf-8",
			[]string{"HTML markup removed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			writeTree(t, map[string][]byte{"f.jsonl": tt.file})
			items, _ := readAll(t, Options{}, "f.jsonl")
			u := onlyUnit(t, items)
			if u.Text != tt.text || u.Encoding != tt.encoding || !slices.Equal(u.Warnings, tt.warnings) {
				t.Errorf("got %q %s %q, want %q %s %q", u.Text, u.Encoding, u.Warnings, tt.text, tt.encoding, tt.warnings)
			}
		})
	}
}

func TestReadJSONLGzip(t *testing.T) {
	lines := []string{jsonlLine("g1", "First."), jsonlLine("g2", "Second."), jsonlLine("g3", "Third.")}
	whole := gzipBytes(t, lines...)
	tests := []struct {
		name string
		file []byte
		want []string
	}{
		{"whole", whole, []string{"unit f.jsonl.gz:1 g1", "unit f.jsonl.gz:2 g2", "unit f.jsonl.gz:3 g3"}},
		// Cutting the last 20 bytes loses the third line and the trailer.
		{"truncated", whole[:len(whole)-20], []string{"unit f.jsonl.gz:1 g1", "unit f.jsonl.gz:2 g2",
			"reject f.jsonl.gz:3 gzip_truncated"}},
		{"truncated header", whole[:5], []string{"reject f.jsonl.gz gzip_truncated"}},
		{"not gzip", []byte(lines[0]), []string{"reject f.jsonl.gz unreadable"}},
		{"empty file", nil, []string{"reject f.jsonl.gz empty"}},
		{"empty stream", gzipBytes(t), []string{"reject f.jsonl.gz empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			writeTree(t, map[string][]byte{"f.jsonl.gz": tt.file})
			items, _ := readAll(t, Options{}, ".")
			sameLines(t, describeAll(items), tt.want)
		})
	}
}

func TestReadJSONLLineTooLong(t *testing.T) {
	long := jsonlLine("long", strings.Repeat("word ", 100))
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"between lines", jsonlLine("a", "ok") + "\n" + long + "\n" + jsonlLine("c", "ok") + "\n",
			[]string{"unit f.jsonl:1 a", "reject f.jsonl:2 line_too_long", "unit f.jsonl:3 c"}},
		{"last, without newline", jsonlLine("a", "ok") + "\n" + long,
			[]string{"unit f.jsonl:1 a", "reject f.jsonl:2 line_too_long"}},
		{"exactly at the limit", jsonlLine("a", strings.Repeat("x", 64-len(jsonlLine("a", "")))) + "\r\n",
			[]string{"unit f.jsonl:1 a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			writeTree(t, map[string][]byte{"f.jsonl": []byte(tt.file)})
			items, _ := readAll(t, Options{MaxLineBytes: 64}, "f.jsonl")
			sameLines(t, describeAll(items), tt.want)
		})
	}
}

func TestReadJSONLTruncatesText(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{"f.jsonl": []byte(jsonlLine("a", "0123456789abcdeé!"))})
	items, _ := readAll(t, Options{MaxArticleBytes: 16}, "f.jsonl")
	u := onlyUnit(t, items)
	if u.Text != "0123456789abcde" || !slices.Equal(u.Warnings, []string{"truncated at 16 bytes"}) {
		t.Errorf("got %q %q", u.Text, u.Warnings)
	}
}

func TestReadJSONLNumbersLines(t *testing.T) {
	// A JSONL file of many lines is read line by line: each line is one unit
	// and the source ids are the ids, not the file name.
	inTempDir(t)
	var sb strings.Builder
	for i := range 1000 {
		sb.WriteString(jsonlLine(fmt.Sprintf("id%04d", i), "Text.") + "\n")
	}
	if err := os.WriteFile("many.jsonl", []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	items, m := readAll(t, Options{}, "many.jsonl")
	if len(items) != 1000 || m.Units != 1000 || items[999].Unit.InputPath != "many.jsonl:1000" || items[999].Unit.SourceID != "id0999" {
		t.Errorf("got %d items, manifest %+v, last %q", len(items), m, describe(items[len(items)-1]))
	}
}

func TestParseRecord(t *testing.T) {
	tests := []struct {
		line    string
		problem string // part of the error, "" for none
	}{
		{`{"id":"a","text":"b"}`, ""},
		{` {"id":"a"} ` + "\r", ""},
		{`{"id":"a"} {"id":"b"}`, "more after its JSON object"},
		{`{"id":"a"}x`, "more after its JSON object"},
		{`{"id":"a",}`, "not valid JSON at byte 11"},
		{`{"id":"a"`, "not valid JSON"},
		{`[{"id":"a"}]`, "not a JSON object"},
		{`"text"`, "not a JSON object"},
		{`null`, "not a JSON object"},
	}
	for _, tt := range tests {
		_, err := parseRecord([]byte(tt.line))
		if tt.problem == "" && err != nil || tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)) {
			t.Errorf("parseRecord(%q) = %v, want an error about %q", tt.line, err, tt.problem)
		}
	}
}

package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// readBufferSize is the bufio buffer under the line reader. Longer lines are
// put together in the reader's line buffer, up to MaxLineBytes.
const readBufferSize = 64 << 10

// readJSONLGzip reads a gzip-compressed JSONL file. If the data ends early,
// the complete lines before the break are kept.
func (r *reader) readJSONLGzip(path string, src io.Reader) error {
	zr, err := gzip.NewReader(src)
	switch {
	case err == io.EOF:
		return r.reject(path, RuleEmpty, "file is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return r.reject(path, RuleGzipTruncated, "gzip header is cut short")
	case err != nil:
		return r.reject(path, RuleUnreadable, "not gzip data: %v", err)
	}
	defer zr.Close()
	return r.readJSONL(path, zr)
}

// readJSONL reads one unit or reject per line of src, streaming: a line is
// never held beyond MaxLineBytes, and the file never as a whole.
func (r *reader) readJSONL(path string, src io.Reader) error {
	br, encoding, err := sniffStream(bufio.NewReaderSize(src, readBufferSize))
	var line int64
	for err == nil {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		var raw []byte
		var tooLong bool
		if raw, tooLong, err = r.nextLine(br); err != nil {
			break
		}
		line++
		if err := r.readLine(path, line, raw, tooLong, encoding); err != nil {
			return err
		}
	}
	switch {
	case err == io.EOF && line == 0:
		return r.reject(path, RuleEmpty, "file is empty")
	case err == io.EOF:
		return nil
	case errors.Is(err, io.ErrUnexpectedEOF):
		// The reject stands for the line that was cut, and all after it.
		return r.rejectAt(path, line+1, "", RuleGzipTruncated,
			"compressed data ends early, after %d complete lines: %v", line, err)
	}
	return r.rejectAt(path, line+1, "", RuleUnreadable, "read error after %d complete lines: %v", line, err)
}

// sniffStream drops a UTF-8 byte-order mark from the start of br, or decodes
// the stream from UTF-16 if it starts with a UTF-16 one, and names the
// encoding.
func sniffStream(br *bufio.Reader) (*bufio.Reader, string, error) {
	head, err := br.Peek(len(bomUTF8))
	if err != nil && err != io.EOF {
		return br, "", err
	}
	var order unicode.Endianness
	var encoding string
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, err := br.Discard(len(bomUTF8))
		return br, EncodingUTF8, err
	case bytes.HasPrefix(head, bomUTF16LE):
		order, encoding = unicode.LittleEndian, EncodingUTF16LE
	case bytes.HasPrefix(head, bomUTF16BE):
		order, encoding = unicode.BigEndian, EncodingUTF16BE
	default:
		return br, EncodingUTF8, nil
	}
	utf16 := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
	return bufio.NewReaderSize(transform.NewReader(br, utf16), readBufferSize), encoding, nil
}

// nextLine reads one line without its line ending into the reader's line
// buffer. A line longer than MaxLineBytes is read to its end but not kept:
// tooLong is set instead. err is io.EOF only when there is no line left; with
// any other error, the bytes read before it are lost.
func (r *reader) nextLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	limit := int(r.opts.MaxLineBytes)
	bound := limit + 1 // room for the \r of a \r\n
	buf := r.lineBuf[:0]
	defer func() { r.lineBuf = buf[:0] }()
	for started := false; ; started = true {
		chunk, err := br.ReadSlice('\n')
		switch {
		case err == io.EOF && !started && len(chunk) == 0:
			return nil, false, io.EOF
		case err == io.EOF:
			err = nil // the last line has no newline
		case err != nil && err != bufio.ErrBufferFull:
			return nil, false, err
		}
		chunk = bytes.TrimSuffix(chunk, []byte("\n"))
		switch {
		case tooLong:
		case len(buf)+len(chunk) > bound:
			tooLong, buf = true, buf[:0]
		default:
			buf = append(grow(buf, len(buf)+len(chunk), bound), chunk...)
		}
		if err == nil { // the line ended
			if line = bytes.TrimSuffix(buf, []byte("\r")); len(line) > limit {
				return nil, true, nil
			}
			return line, tooLong, nil
		}
	}
}

// record is a JSONL line. Values keep their JSON kind (numbers as
// json.Number), so readLine can tell a wrong type from a missing field.
type record struct {
	ID        any `json:"id"`
	Text      any `json:"text"`
	Title     any `json:"title"`
	URL       any `json:"url"`
	Source    any `json:"source"`
	Published any `json:"published"`
	Language  any `json:"language"`
}

// parseRecord decodes a line that must hold one JSON object and nothing else.
func parseRecord(raw []byte) (record, error) {
	var rec record
	if first := bytes.TrimLeft(raw, " \t\r"); first[0] != '{' {
		return rec, errors.New("line is not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&rec); err != nil {
		if syntax, ok := errors.AsType[*json.SyntaxError](err); ok {
			return rec, fmt.Errorf("line is not valid JSON at byte %d: %w", syntax.Offset, err)
		}
		return rec, fmt.Errorf("line is not valid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return rec, fmt.Errorf("line has more after its JSON object, at byte %d", dec.InputOffset())
	}
	return rec, nil
}

// readLine turns one JSONL line into a unit or a reject.
func (r *reader) readLine(path string, line int64, raw []byte, tooLong bool, encoding string) error {
	rejectLine := func(sourceID, rule, format string, args ...any) error {
		return r.rejectAt(path, line, sourceID, rule, format, args...)
	}
	if tooLong {
		return rejectLine("", RuleLineTooLong, "line is longer than the limit of %d bytes", r.opts.MaxLineBytes)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return rejectLine("", RuleEmpty, "line is blank")
	}
	var warnings []string
	if !utf8.Valid(raw) {
		var text string
		text, encoding, warnings = decodeUTF8(raw, false, false)
		raw = []byte(text)
	}
	rec, err := parseRecord(raw)
	if err != nil {
		return rejectLine("", RuleInvalidJSON, "%v", err)
	}

	var id string
	switch v := rec.ID.(type) {
	case nil:
		return rejectLine("", RuleMissingID, `"id" is missing or null`)
	case string:
		id, _ = removeControls(v)
		if strings.TrimSpace(id) == "" {
			return rejectLine("", RuleMissingID, `"id" is empty`)
		}
	case json.Number:
		id = v.String()
	default:
		return rejectLine("", RuleInvalidID, `"id" is %s; want a string or a number`, jsonKind(v))
	}

	text, ok := rec.Text.(string)
	switch {
	case rec.Text == nil:
		return rejectLine(id, RuleMissingText, `"text" is missing or null`)
	case !ok:
		return rejectLine(id, RuleTextNotString, `"text" is %s; want a string`, jsonKind(rec.Text))
	}
	if limit := int(r.opts.MaxArticleBytes); len(text) > limit {
		text = cutAtRune(text, limit)
		warnings = append(warnings, warnTruncated(r.opts.MaxArticleBytes))
	}
	text, cleaned := cleanText(text)
	if strings.TrimSpace(text) == "" {
		return rejectLine(id, RuleEmpty, `"text" has no text, only white space, control characters or markup`)
	}

	u := &Unit{
		InputPath: displayPath(path) + ":" + strconv.FormatInt(line, 10),
		Line:      line,
		SourceID:  id,
		Text:      text,
		Encoding:  encoding,
		Warnings:  append(warnings, cleaned...),
	}
	for _, field := range []struct {
		name  string
		value any
		dst   **string
	}{
		{"title", rec.Title, &u.Title},
		{"url", rec.URL, &u.URL},
		{"source", rec.Source, &u.Outlet},
		{"published", rec.Published, &u.Published},
		{"language", rec.Language, &u.Language},
	} {
		value, warning := metadata(field.name, field.value)
		*field.dst = value
		if warning != "" {
			u.Warnings = append(u.Warnings, warning)
		}
	}
	return r.emitUnit(path, u)
}

// metadata returns an optional field as a string: a JSON string without its
// control characters, or a number as written (a timestamp, say). Absent,
// null and blank fields are nil; other kinds are nil with a warning.
func metadata(name string, value any) (s *string, warning string) {
	var text string
	switch v := value.(type) {
	case nil:
		return nil, ""
	case json.Number:
		text = v.String()
	case string:
		text, _ = removeControls(v)
	default:
		return nil, fmt.Sprintf("%s ignored: it is %s, not a string", name, jsonKind(v))
	}
	if strings.TrimSpace(text) == "" {
		return nil, ""
	}
	return &text, ""
}

// cutAtRune returns the longest prefix of the valid UTF-8 text s that is at
// most limit bytes and does not split a character.
func cutAtRune(s string, limit int) string {
	i := limit
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// jsonKind names the JSON kind of a decoded value, with an article.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	}
	return "an object"
}

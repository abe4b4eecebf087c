package ingest

import (
	"io"
	"path/filepath"
	"strings"
)

// readText reads a .txt file as one unit whose source id is the file name
// without its extension. Only the first MaxArticleBytes are read.
func (r *reader) readText(path string, src io.Reader, size int64) error {
	data, cut, err := r.readAtMost(src, size)
	if err != nil {
		return r.reject(path, RuleUnreadable, "cannot read: %v", err)
	}
	if len(data) == 0 {
		return r.reject(path, RuleEmpty, "file is empty")
	}
	name := filepath.Base(path)
	id, _ := removeControls(strings.ToValidUTF8(name[:len(name)-len(".txt")], "\uFFFD"))
	if strings.TrimSpace(id) == "" {
		return r.reject(path, RuleMissingID, "file name %q gives no source id", name)
	}

	text, encoding, warnings := decode(data, cut)
	if reason := binaryReason(text); reason != "" {
		return r.rejectAt(path, 0, id, RuleBinaryFile, "file looks binary: %s", reason)
	}
	if cut {
		warnings = append([]string{warnTruncated(r.opts.MaxArticleBytes)}, warnings...)
	}
	text, cleaned := cleanText(text)
	if strings.TrimSpace(text) == "" {
		return r.rejectAt(path, 0, id, RuleEmpty, "file has no text, only white space, control characters or markup")
	}
	return r.emitUnit(path, &Unit{
		InputPath: displayPath(path),
		SourceID:  id,
		Text:      text,
		Encoding:  encoding,
		Warnings:  append(warnings, cleaned...),
	})
}

// readAtMost reads src into the reader's reusable buffer up to
// MaxArticleBytes and reports whether there was more. size is the expected
// length, to size the buffer in one go.
func (r *reader) readAtMost(src io.Reader, size int64) (data []byte, cut bool, err error) {
	// One byte over the limit tells a longer file from one of exactly the limit.
	bound := int(r.opts.MaxArticleBytes) + 1
	buf := grow(r.fileBuf[:0], int(min(max(size+1, 512), int64(bound))), bound)
	for len(buf) < bound {
		if len(buf) == cap(buf) {
			buf = grow(buf, len(buf)+1, bound)
		}
		n, err := src.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
	}
	r.fileBuf = buf
	if len(buf) == bound {
		return buf[:bound-1], true, nil
	}
	return buf, false, nil
}

// grow returns buf with room for need bytes, at least doubling its capacity
// but never past limit, so that filling a buffer up to limit allocates less
// than 2×limit in all. need must not exceed limit.
func grow(buf []byte, need, limit int) []byte {
	if need <= cap(buf) {
		return buf
	}
	grown := make([]byte, len(buf), min(max(2*cap(buf), need), limit))
	copy(grown, buf)
	return grown
}

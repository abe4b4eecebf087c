// Package ingest is the first stage of the Parley pipeline: it turns the
// --input files and folders into units of text, one per .txt file and one per
// JSONL line, and turns everything it cannot use into a reject.
//
// Every input unit comes out exactly once, as a Unit or as a parley.Reject,
// in an order that depends only on the paths, never on the order of the
// inputs. Bad input never stops a build: only a cancelled context or an error
// from the caller's emit function does.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parleydata/parley"
)

// Unit is one article as read: a .txt file or one JSONL line, decoded to valid
// UTF-8.
type Unit struct {
	// InputPath is the path as given or walked, slash-separated and relative
	// when the input was, plus ":LINE" for a JSONL line.
	InputPath string
	// Line is the 1-based JSONL line number, 0 for a .txt file.
	Line int64
	// SourceID is the file name without extension for .txt, the id field for
	// JSONL.
	SourceID string
	// Text is valid UTF-8 with line endings turned into \n and every other
	// control character except \t removed.
	Text string
	// Title, URL, Outlet, Published and Language are the JSONL metadata as
	// raw strings (numbers keep their JSON spelling); the parse stage
	// interprets them. They are nil for .txt files and for absent fields.
	Title, URL, Outlet, Published, Language *string
	// Encoding is what the bytes were decoded from: "utf-8", "utf-16le",
	// "utf-16be" or "windows-1252".
	Encoding string
	// SHA256 is the hex SHA-256 of Text.
	SHA256 string
	// Warnings say what was repaired, for example "invalid UTF-8 replaced".
	Warnings []string
}

// Options bound what one unit may cost. Zero values take the defaults.
type Options struct {
	// MaxArticleBytes is where text is cut, with a warning. Default 4 MiB.
	MaxArticleBytes int64
	// MaxLineBytes is the longest JSONL line accepted; a longer one is
	// rejected (rule line_too_long) without being held in memory. Default
	// 8 MiB.
	MaxLineBytes int64
}

// Defaults for Options.
const (
	DefaultMaxArticleBytes = 4 << 20
	DefaultMaxLineBytes    = 8 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxArticleBytes <= 0 {
		o.MaxArticleBytes = DefaultMaxArticleBytes
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	return o
}

// Item is what Read emits: exactly one of Unit and Reject is set.
type Item struct {
	Unit   *Unit
	Reject *parley.Reject
}

// Manifest accounts for everything Read saw, for the build summary and for
// `validate`: Units + Rejects is the number of items emitted.
type Manifest struct {
	// Files counts the .txt, .jsonl and .jsonl.gz files opened or rejected.
	Files int64 `json:"files"`
	// Units counts the units emitted.
	Units int64 `json:"units"`
	// Rejects counts the rejects emitted.
	Rejects int64 `json:"rejects"`
	// Ignored counts files skipped for their extension; IgnoredByExtension
	// breaks it down by lower-case extension ("" for none).
	Ignored            int64            `json:"ignored"`
	IgnoredByExtension map[string]int64 `json:"ignored_by_extension"`
	// Aliases counts paths that name a file or folder already read, through
	// a symlink, a hard link or overlapping inputs. They are not read again.
	Aliases int64 `json:"aliases"`
}

// Reject rules of the ingest stage.
const (
	RuleInvalidJSON   = "invalid_json"    // a JSONL line that is not a JSON object
	RuleMissingID     = "missing_id"      // no usable "id" (absent, null or empty)
	RuleInvalidID     = "invalid_id"      // "id" is neither a string nor a number
	RuleMissingText   = "missing_text"    // no "text" (absent or null)
	RuleTextNotString = "text_not_string" // "text" is a number, boolean, array or object
	RuleDuplicateID   = "duplicate_id"    // a source id already used by an earlier unit
	RuleBinaryFile    = "binary_file"     // mostly NUL, control or undecodable characters
	RuleEmpty         = "empty"           // an empty file, a blank line or no text left after cleaning
	RuleLineTooLong   = "line_too_long"   // a JSONL line longer than Options.MaxLineBytes
	RuleGzipTruncated = "gzip_truncated"  // a .jsonl.gz that ends early; lines before it are kept
	RuleUnreadable    = "unreadable"      // permission denied, not a regular file, other read errors
	RuleSymlinkLoop   = "symlink_loop"    // a symlink that leads back to itself or to a folder above it
	RuleNotFound      = "not_found"       // an input or symlink target that does not exist
)

// Read walks inputs (files and folders, recursively) and calls emit once for
// every unit and every reject.
//
// The order is deterministic: inputs are sorted, folders are walked in
// lexical order, and symlinks are followed after all real entries, so a file
// that is reachable both directly and through a symlink is read under its
// real path. Every file and folder is read at most once; a symlink back to a
// folder above it is rejected as a loop.
//
// Read stops early only when ctx is cancelled or emit returns an error, and
// returns that error.
func Read(ctx context.Context, inputs []string, opts Options, emit func(Item) error) (Manifest, error) {
	r := newReader(ctx, opts, emit)
	err := r.walk(sortedInputs(inputs))
	return r.manifest, err
}

// sortedInputs returns the inputs cleaned, sorted and without repeats, which
// is what makes the output independent of their order.
func sortedInputs(inputs []string) []string {
	cleaned := make([]string, 0, len(inputs))
	for _, in := range inputs {
		if in != "" {
			in = filepath.Clean(in)
		}
		cleaned = append(cleaned, in)
	}
	slices.Sort(cleaned)
	return slices.Compact(cleaned)
}

// reader is the state of one Read call.
type reader struct {
	ctx      context.Context
	opts     Options
	emit     func(Item) error
	manifest Manifest

	seenPaths map[fileKey]bool  // files and folders already read
	seenIDs   map[string]string // source id -> input path of the unit that has it
	links     []pendingLink     // symlinks met while walking, followed last

	fileBuf []byte // reused buffer for .txt contents
	lineBuf []byte // reused buffer for JSONL lines
	hash    hash.Hash
	hashBuf [32 << 10]byte
}

func newReader(ctx context.Context, opts Options, emit func(Item) error) *reader {
	return &reader{
		ctx:       ctx,
		opts:      opts.withDefaults(),
		emit:      emit,
		manifest:  Manifest{IgnoredByExtension: make(map[string]int64)},
		seenPaths: make(map[fileKey]bool),
		seenIDs:   make(map[string]string),
		hash:      sha256.New(),
	}
}

// rejectAt emits a reject of a whole file (line 0) or of one JSONL line.
func (r *reader) rejectAt(path string, line int64, sourceID, rule, format string, args ...any) error {
	rej := &parley.Reject{
		InputPath: displayPath(path),
		Stage:     parley.StageIngest,
		Rule:      rule,
		Message:   fmt.Sprintf(format, args...),
	}
	if line > 0 {
		rej.Line = &line
	}
	if sourceID != "" {
		rej.SourceID = &sourceID
	}
	r.manifest.Rejects++
	return r.emit(Item{Reject: rej})
}

// reject emits a reject of a whole file or folder.
func (r *reader) reject(path, rule, format string, args ...any) error {
	return r.rejectAt(path, 0, "", rule, format, args...)
}

// emitUnit checks that u's source id is new, fills in its hash and emits it.
func (r *reader) emitUnit(path string, u *Unit) error {
	if first, dup := r.seenIDs[u.SourceID]; dup {
		return r.rejectAt(path, u.Line, u.SourceID, RuleDuplicateID,
			"source id %q is already used by %s", u.SourceID, first)
	}
	r.seenIDs[u.SourceID] = u.InputPath
	u.SHA256 = r.hashText(u.Text)
	r.manifest.Units++
	return r.emit(Item{Unit: u})
}

// hashText returns the hex SHA-256 of text, fed to the hash in pieces
// rather than copied to a byte slice whole.
func (r *reader) hashText(text string) string {
	r.hash.Reset()
	for len(text) > 0 {
		n := copy(r.hashBuf[:], text)
		r.hash.Write(r.hashBuf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(r.hash.Sum(nil))
}

// displayPath is path as it appears in the output: slash-separated and valid
// UTF-8 even when the file system allows other bytes in names.
func displayPath(path string) string {
	return strings.ToValidUTF8(filepath.ToSlash(path), "\uFFFD")
}

package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/internal/pattern"
	"github.com/parleydata/parley/pipeline/ingest"
)

// ArticleID is the stable id of an article: a hash of its source id and its text.
func ArticleID(sourceID, textSHA256 string) string {
	h := sha256.Sum256([]byte(sourceID + "\x00" + textSHA256))
	return "art_" + hex.EncodeToString(h[:8])
}

// Parse turns an ingested unit into a Document.
func Parse(u *ingest.Unit) *Document {
	d := &Document{
		ArticleID: ArticleID(u.SourceID, u.SHA256),
		SourceID:  u.SourceID,
		InputPath: u.InputPath,
		URL:       nonEmpty(u.URL),
		Outlet:    nonEmpty(u.Outlet),
		Title:     nonEmpty(u.Title),
		SHA256:    u.SHA256,
		Encoding:  u.Encoding,
		Warnings:  u.Warnings,
	}
	if u.Published != nil {
		if p, ok := parsePublished(*u.Published); ok {
			d.Published = p
		} else {
			d.Warnings = append(d.Warnings, "published not understood: "+clip(*u.Published, 40))
		}
	}
	blocks := splitBlocks(u.Text)
	classify(d, blocks)
	d.Text, d.Sentences = assemble(blocks)
	d.Language = DetectLanguage(d.Text)
	if d.Language == "und" && u.Language != nil && *u.Language != "" {
		d.Language = strings.ToLower(*u.Language)
	}
	d.Reference = d.Published
	if !d.Reference.Valid() {
		d.Reference, d.ReferenceFromText = latestStatedDate(d.Sentences), true
		if !d.Reference.Valid() {
			d.ReferenceFromText = false
		}
	}
	return d
}

func nonEmpty(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	if t == "" {
		return nil
	}
	return &t
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

var publishedLayouts = []string{time.DateOnly, time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006/01/02", time.RFC1123Z, time.RFC1123, "January 2, 2006", "2 January 2006", "Jan 2, 2006"}

func parsePublished(s string) (parley.Date, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range publishedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < dates.MinYear || t.Year() > dates.MaxYear {
				return parley.Date{}, false
			}
			return parley.DateOf(t), true
		}
	}
	return parley.Date{}, false
}

// block is a paragraph or a line that stands on its own (a caption, a heading).
type block struct {
	text string
	kind BlockKind
	drop bool
	// the tests splitBlocks put to the block's line, when it has one line
	lineTests
}

// lineTests remembers what a line was found to be: splitBlocks and
// classify ask the same questions of most lines, and captions are costly
// to tell.
type lineTests struct {
	caption, boilerplate test
}

// test is the answer to a yes-or-no question, once asked.
type test uint8

const (
	untested test = iota
	holds
	fails
)

// of reports whether f holds for s, asking f only the first time.
func (t *test) of(f func(string) bool, s string) bool {
	if *t == untested {
		*t = fails
		if f(s) {
			*t = holds
		}
	}
	return *t == holds
}

var blankLines = pattern.MustCompile(`\n[ \t\f\v\p{Zs}]*\n\s*`)

// splitBlocks cuts the text at blank lines, and a paragraph into lines
// where a line does not read as the continuation of the one before: pages
// pasted as text keep headlines, captions and link text on lines of their own.
func splitBlocks(text string) []*block {
	var out []*block
	for _, para := range blankLines.Split(text, -1) {
		var cur []string
		var first lineTests // of cur[0]
		flush := func() {
			if len(cur) > 0 {
				b := &block{text: strings.Join(cur, " ")}
				if len(cur) == 1 {
					b.lineTests = first
				}
				out = append(out, b)
				cur = nil
			}
		}
		for _, line := range strings.Split(para, "\n") {
			if !singleSpaced(line) {
				line = strings.Join(strings.Fields(line), " ")
			}
			if line == "" {
				continue
			}
			var tests lineTests
			alone := standsAlone(line, &tests)
			if len(cur) > 0 && endsSentence(cur[len(cur)-1]) || alone {
				flush()
			}
			if len(cur) == 0 {
				first = tests
			}
			cur = append(cur, line)
			if alone {
				flush()
			}
		}
		flush()
	}
	return out
}

// singleSpaced reports whether line is already its words joined by single
// spaces, as strings.Fields and strings.Join would make it: most lines are.
func singleSpaced(line string) bool {
	if line == "" || line[0] == ' ' || line[len(line)-1] == ' ' {
		return false
	}
	for i, r := range line {
		if r == ' ' && line[i-1] != ' ' {
			continue
		}
		if unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// textLen is the length of the texts of the blocks that keep, each with
// sep bytes after it: what joining them takes.
func textLen(blocks []*block, sep int, keep func(*block) bool) int {
	n := 0
	for _, b := range blocks {
		if keep(b) {
			n += len(b.text) + sep
		}
	}
	return n
}

func endsSentence(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune(".!?\"”’:)", r)
}

func standsAlone(line string, tests *lineTests) bool {
	return tests.caption.of(isCaption, line) || tests.boilerplate.of(isBoilerplate, line) || !endsSentence(line) && len(strings.Fields(line)) <= 20
}

// boilerplate is page furniture that starts a line: prompts, share and tag
// lists, navigation.
var boilerplate = pattern.MustCompile(`(?i)^(` + strings.Join([]string{
	`-?\s*advertisement\s*-?`, `subscribe\b.*`, `sign up\b.*`, `share( this( article| story)?)?\b.*`, `tags?:.*`,
	`read (more|also|next)\b.*`, `related( articles?| stories| news)?\s*:.*`, `see also\b.*`, `more on this\b.*`,
	`follow us\b.*`, `click here\b.*`, `newspapers (in|from) .*`, `(copyright|©|all rights reserved)\b.*`,
	`latest( news)?`, `most (read|popular)`, `[\s?.…·•|/_-]*`, `print( this)?( page| article)?`,
	`email( this)?( article)?`, `comments?`, `advertising`, `loading\.*`, `(home|news|politics|world)(\s*[/>|]\s*\w+)+`,
	`photo gallery`, `watch:.*`, `video:.*`,
}, "|") + `)$`)

// boilerplateAnywhere are phrases that make a short line furniture wherever
// they stand in it.
var boilerplateAnywhere = []string{"all rights reserved", "can also be accessed at"}

// socialPrompts mark a line as a prompt only when it is short ("Follow us on
// Telegram"); prose may name the platforms.
var socialPrompts = []string{"newsletter", "twitter", "facebook", "telegram", "whatsapp", "instagram"}

const socialPromptMaxLen = 80

var cookieNotice = pattern.MustCompile(`(?i)\bcookies?\b.*\b(consent|accept|policy|use)`)

// boilerplateMaxLen bounds the lines worth testing: page furniture is short,
// and prose lines are most of an article.
const boilerplateMaxLen = 200

func isBoilerplate(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) > boilerplateMaxLen {
		return false
	}
	lower := strings.ToLower(line)
	for _, p := range boilerplateAnywhere {
		if strings.Contains(lower, p) {
			return true
		}
	}
	for _, p := range socialPrompts {
		if len(line) <= socialPromptMaxLen && strings.Contains(lower, p) {
			return true
		}
	}
	if strings.Contains(lower, "cookie") && cookieNotice.MatchString(line) {
		return true
	}
	return boilerplate.MatchString(line)
}

var captionMarks = pattern.MustCompile(`(?i)^(photo|picture|image|file photo)\s*[:|]|\((photo|picture|image)[^)]*\)|\((afp|ap|reuters|irna|tasnim|getty|epa|xinhua|sputnik)( photo)?\)\s*\.?$|\((\d+(st|nd|rd|th) )?(l|r|c|left|right|center|centre)\)|^the combined photo\b|\bpictured\b|\bphoto shows\b`)

func isCaption(line string) bool {
	if strings.Contains(line, "via ") || strings.Contains(line, "/") {
		line = photoCredit.ReplaceAllString(line, "")
	}
	if endsWithYear(line) && datedCaption.MatchString(line) {
		return true
	}
	if !strings.Contains(line, "(") && !containsCaptionWord(line) {
		return false // every caption mark has a bracket or one of these words
	}
	return captionMarks.MatchString(line)
}

// photoCredit ends a wire caption: "Iranian Presidency/WANA via REUTERS",
// "Evelyn Hockstein/REUTERS".
var photoCredit = pattern.MustCompile(`\.\s+[A-Z][^.]{0,80}(?:\bvia\s+[A-Z][A-Za-z]+|/\s*(?:AFP|AP|REUTERS|Reuters|EPA|Getty Images|Pool))\.?\s*$`)

// endsWithYear is a cheap test for the end of a dated caption: four digits
// and an optional period.
func endsWithYear(line string) bool {
	line = strings.TrimSuffix(strings.TrimSpace(line), ".")
	if len(line) < 4 {
		return false
	}
	for _, c := range line[len(line)-4:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// datedCaption is the wire photo caption: a present-tense line that ends
// with where and when the picture was taken ("... in Tehran, Iran, November
// 29, 2022.").
var datedCaption = pattern.MustCompile(`^[A-Z][^.!?]{10,300}\b(?:meets|talks|speaks|shakes hands|greets|attends|arrives|walks|poses|gestures|listens|looks on|waves)\b[^.!?]*,\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}\.?$`)

// captionWords are the words of the caption marks without a bracket.
var captionWords = []string{"photo", "picture", "image"}

// containsCaptionWord reports whether line holds a caption word in any
// case. It is the test every line of an article goes through, so it
// compares bytes instead of running a case-insensitive pattern: the letters
// of these words fold only to their ASCII capitals, so the result is the same.
func containsCaptionWord(line string) bool {
	for i := range len(line) {
		for _, w := range captionWords {
			if hasPrefixFoldASCII(line[i:], w) {
				return true
			}
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s starts with the lower-case ASCII
// word w, ignoring the case of ASCII letters.
func hasPrefixFoldASCII(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := range len(w) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

var (
	publishedLine = pattern.MustCompile(`(?i)^(published|posted|updated|date|first published)\s*:?\s*(.+)$`)
	bylineLine    = pattern.MustCompile(`^By [A-Z][\p{L}.' -]+(\s*[–—-]\s*[\p{L} ]+:?)?$`)
	// "TEHRAN, Iran –", "MOSCOW, Jan 21 (Reuters) -", "BEIJING (AP) —", "Baku, Azerbaijan, Sep. 5"
	monthDay   = `,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?`
	datelineRe = pattern.MustCompile(`^((?:[A-Z][A-Z.'’-]+)(?: [A-Z][A-Z.'’-]+)*|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:(` + monthDay + `)|(, [A-Z][\p{L}.]+(?: [A-Z][\p{L}.]+)*)(` + monthDay + `)?)?(?: \([A-Za-z ]+\))?\s*([–—-]+|:|\.)?\s*`)
)

// classify marks each block as body, caption, heading or boilerplate, and
// takes the metadata the text carries at its top.
func classify(d *Document, blocks []*block) {
	seenBody := false
	for _, b := range blocks {
		t := b.text
		switch {
		case b.boilerplate.of(isBoilerplate, t):
			b.drop = true
		case b.caption.of(isCaption, t):
			b.kind = Caption
		case !seenBody && publishedLine.MatchString(t):
			b.drop = true
			if !d.Published.Valid() {
				d.Published = firstFullDate(publishedLine.FindStringSubmatch(t)[2])
			}
		case !seenBody && bylineLine.MatchString(t):
			b.drop = true
		case !seenBody && dateLine(t):
			// "June 19, 2023" on a line of its own above the story
			b.drop = true
			if !d.Published.Valid() {
				d.Published = firstFullDate(t)
			}
		case !seenBody && metadataLine(t):
			// "Politics Materials 5 September 2017 21:21 (UTC +04:00)"
			b.drop = true
			if !d.Published.Valid() {
				d.Published = firstFullDate(t)
			}
		case !endsSentence(t) && len(strings.Fields(t)) <= 20:
			b.kind = Heading
			if d.Title == nil && !seenBody && len(strings.Fields(t)) >= 4 {
				title := t
				d.Title = &title
			}
		default:
			if !seenBody {
				takeDateline(d, b)
			}
			seenBody = true
		}
	}
	dropForeignCaptions(blocks)
}

// dateLine is a line that is nothing but a full date, with perhaps its
// weekday: "Monday, June 19, 2023".
func dateLine(t string) bool {
	if len(strings.Fields(t)) > 5 {
		return false
	}
	for _, x := range dates.Find(t) {
		if x.Kind == dates.FullDate && len(strings.TrimSpace(t[x.End:])) <= 1 {
			return x.Resolve(parley.Date{}, false).Date.Valid()
		}
	}
	return false
}

// metadataLine is a short line carrying a full date and a clock time, the
// way article pages print their timestamp.
func metadataLine(t string) bool {
	if len(strings.Fields(t)) > 14 || endsSentence(t) && !strings.HasSuffix(t, ")") {
		return false
	}
	return firstFullDate(t).Valid() && clockTime.MatchString(t)
}

var clockTime = pattern.MustCompile(`\b\d{1,2}:\d\d\b|GMT|UTC`)

func firstFullDate(s string) parley.Date {
	for _, x := range dates.Find(s) {
		if x.Kind == dates.FullDate {
			if r := x.Resolve(parley.Date{}, false); r.Date.Valid() {
				return r.Date
			}
		}
	}
	return parley.Date{}
}

// takeDateline records a dateline opening the first body paragraph and
// removes it from the paragraph, so the first sentence reads as prose. A
// paragraph that is only a dateline ("Baku, Azerbaijan, Sep. 5") is dropped.
func takeDateline(d *Document, b *block) {
	m := datelineRe.FindStringSubmatchIndex(b.text)
	if m == nil {
		return
	}
	place := b.text[m[2]:m[3]]
	hasSep := m[10] >= 0
	whole := m[1] == len(b.text) || m[1] == len(strings.TrimRight(b.text, ". "))
	// A capitalised first word followed by prose is not a dateline: require
	// an explicit separator after an all-caps place, a country or a date
	// ("Pyongyang, June 13 (PB) --"), or a paragraph that is nothing but the
	// dateline.
	if !(hasSep && (isUpper(place) || m[6] < m[7] || m[4] >= 0)) && !whole {
		return
	}
	if hasSep && b.text[m[10]:m[11]] == "." && m[4] < 0 && m[8] < 0 {
		return // "NATO. The alliance ...": a full stop ends a dateline only after its date
	}
	if len(strings.Fields(place)) > 3 {
		return
	}
	dl := strings.TrimSpace(strings.TrimRight(b.text[m[0]:m[1]], " –—-:"))
	if hasSep && b.text[m[10]:m[11]] == "." {
		dl = strings.TrimSpace(b.text[m[0]:m[10]]) // not "D.C." trimmed: only the full stop that ends it
	}
	d.Dateline = &dl
	if whole {
		b.drop = true
		return
	}
	b.text = b.text[m[1]:]
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

var nameLike = pattern.MustCompile(`\b[A-Z][\p{L}'’-]+(?:\s+(?:al-|bin |de |van |von )?[A-Z][\p{L}'’-]+)+`)

// dropForeignCaptions removes captions that belong to other stories: a
// caption whose named people the body never mentions. Pages carry captions
// and link text of neighbouring stories, and those must not become records.
func dropForeignCaptions(blocks []*block) {
	if !slices.ContainsFunc(blocks, func(b *block) bool { return !b.drop && b.kind == Caption }) {
		return
	}
	var body strings.Builder
	body.Grow(textLen(blocks, 1, func(b *block) bool { return !b.drop && b.kind == Body }))
	for _, b := range blocks {
		if !b.drop && b.kind == Body {
			body.WriteString(b.text)
			body.WriteByte(' ')
		}
	}
	bodyText := body.String()
	for _, b := range blocks {
		if b.drop || b.kind != Caption {
			continue
		}
		names := nameLike.FindAllString(b.text, -1)
		shared := 0
		for _, n := range names {
			f := strings.Fields(n)
			if strings.Contains(bodyText, f[len(f)-1]) {
				shared++
			}
		}
		if len(names) > 0 && shared == 0 {
			b.drop = true
		}
	}
}

// assemble joins the kept blocks into the parsed text and splits them into sentences.
func assemble(blocks []*block) (string, []Sentence) {
	var text strings.Builder
	text.Grow(textLen(blocks, len("\n\n"), func(b *block) bool { return !b.drop }))
	var sents []Sentence
	runes := 0
	para := 0
	for _, b := range blocks {
		if b.drop {
			continue
		}
		if text.Len() > 0 {
			text.WriteString("\n\n")
			runes += 2
		}
		for _, span := range SplitSentences(b.text) {
			s := b.text[span[0]:span[1]]
			start := runes + utf8.RuneCountInString(b.text[:span[0]])
			sents = append(sents, Sentence{Text: s, Start: start, End: start + utf8.RuneCountInString(s), Paragraph: para, Kind: b.kind})
		}
		text.WriteString(b.text)
		runes += utf8.RuneCountInString(b.text)
		para++
	}
	return text.String(), sents
}

func latestStatedDate(sents []Sentence) parley.Date {
	var best parley.Date
	for _, s := range sents {
		if s.Kind == Heading {
			continue
		}
		for _, x := range dates.Find(s.Text) {
			if x.Kind != dates.FullDate {
				continue
			}
			if r := x.Resolve(parley.Date{}, false); r.Date.Valid() && (!best.Valid() || r.Date.Days() > best.Days()) {
				best = r.Date
			}
		}
	}
	return best
}

package ingest

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cleanText removes control characters and, when the text is clearly HTML,
// the markup. It returns a warning for each kind of change.
func cleanText(text string) (string, []string) {
	text, removed := removeControls(text)
	markup := isHTML(text)
	if markup {
		// Entities such as &#7; can bring control characters back.
		var again bool
		text, again = removeControls(stripHTML(text))
		removed = removed || again
	}
	var warnings []string
	if removed {
		warnings = append(warnings, WarnControls)
	}
	if markup {
		warnings = append(warnings, WarnHTML)
	}
	return text, warnings
}

// removeControls turns \r\n, lone \r, \v and \f into \n and drops every other
// C0 and C1 control character and DEL, keeping \t. It reports whether it
// dropped or replaced anything besides line endings. text must be valid UTF-8.
func removeControls(text string) (string, bool) {
	if !hasControls(text) {
		return text, false
	}
	var sb strings.Builder
	sb.Grow(len(text))
	removed := false
	for i, r := range text {
		switch {
		case r == '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				sb.WriteByte('\n')
			}
		case r == '\v' || r == '\f':
			sb.WriteByte('\n')
			removed = true
		case r == '\t' || r == '\n':
			sb.WriteRune(r)
		case r < 0x20 || r >= 0x7F && r <= 0x9F:
			removed = true
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String(), removed
}

// hasControls reports whether removeControls would change text: whether it
// has a C0 control other than \t and \n, DEL, or a C1 control (U+0080 to
// U+009F, which UTF-8 encodes as 0xC2 0x80 to 0xC2 0x9F).
func hasControls(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7F:
			return true
		case c == 0xC2 && i+1 < len(text) && text[i+1] >= 0x80 && text[i+1] <= 0x9F:
			return true
		}
	}
	return false
}

// blockTag matches an opening or closing block-level HTML tag.
var blockTag = regexp.MustCompile(`(?i)</?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|` +
	`article|section|blockquote|body|html|head|header|footer|pre|figure|figcaption|nav|aside|main)(?:\s[^<>]*)?/?>`)

// isHTML reports whether text is clearly HTML: it has at least two block-level
// tags. Inline markup alone (<b>, <a>) and stray angle brackets do not count,
// so "a < b" and a lone <p> in prose stay as they are.
func isHTML(text string) bool {
	return strings.Contains(text, "<") && len(blockTag.FindAllStringIndex(text, 2)) == 2
}

var (
	// hiddenTags hold text that is not shown. The tokenizer reads their
	// content as raw text up to the matching end tag.
	hiddenTags = map[atom.Atom]bool{atom.Script: true, atom.Style: true}
	// lineTags start a line; blockTags start and end a paragraph.
	lineTags  = map[atom.Atom]bool{atom.Br: true, atom.Li: true, atom.Tr: true, atom.Dt: true, atom.Dd: true}
	blockTags = map[atom.Atom]bool{
		atom.P: true, atom.Div: true, atom.Hr: true, atom.H1: true, atom.H2: true, atom.H3: true,
		atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
		atom.Table: true, atom.Article: true, atom.Section: true, atom.Blockquote: true,
		atom.Header: true, atom.Footer: true, atom.Pre: true, atom.Figure: true,
		atom.Figcaption: true, atom.Nav: true, atom.Aside: true, atom.Main: true, atom.Title: true,
	}
)

// stripHTML returns the visible text of an HTML document or fragment:
// entities decoded, runs of white space collapsed as a browser would, block
// tags turned into paragraph breaks, comments, scripts and styles dropped.
func stripHTML(doc string) string {
	var sb strings.Builder
	sb.Grow(len(doc))
	space := false // a space is pending between two words
	z := html.NewTokenizer(strings.NewReader(doc))
	hidden := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken: // io.EOF: the tokenizer reads from a string
			return tidyLines(sb.String())
		case html.TextToken:
			if hidden > 0 {
				continue
			}
			for _, c := range z.Text() {
				if isHTMLSpace(c) {
					space = true
					continue
				}
				if space {
					sb.WriteByte(' ')
					space = false
				}
				sb.WriteByte(c)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch tag := atom.Lookup(name); {
			case hiddenTags[tag] && tt == html.StartTagToken:
				hidden++
			case hiddenTags[tag] && tt == html.EndTagToken && hidden > 0:
				hidden--
			case lineTags[tag] && tt != html.EndTagToken:
				sb.WriteByte('\n')
				space = false
			case blockTags[tag]:
				sb.WriteString("\n\n")
				space = false
			}
		}
	}
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// tidyLines trims every line and keeps at most one blank line in a row and
// none at the start or end.
func tidyLines(text string) string {
	var sb strings.Builder
	sb.Grow(len(text))
	blank := false
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = sb.Len() > 0
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('\n')
			if blank {
				sb.WriteByte('\n')
			}
		}
		blank = false
		sb.WriteString(line)
	}
	return sb.String()
}

package ingest

import "testing"

func TestRemoveControls(t *testing.T) {
	tests := []struct {
		in, out string
		removed bool
	}{
		{"plain\ttext\n", "plain\ttext\n", false},
		{"crlf\r\nline\r\n", "crlf\nline\n", false},
		{"old mac\rline", "old mac\nline", false},
		{"next line\u0085C1", "next lineC1", true},
		{"delete\x7f", "delete", true},
		{"page\fbreak\vtab", "page\nbreak\ntab", true},
		{"nul\x00 and escape\x1b[0m", "nul and escape[0m", true},
		{"Ünïcödé and \u00a0no-break space", "Ünïcödé and \u00a0no-break space", false},
	}
	for _, tt := range tests {
		out, removed := removeControls(tt.in)
		if out != tt.out || removed != tt.removed {
			t.Errorf("removeControls(%q) = %q, %v; want %q, %v", tt.in, out, removed, tt.out, tt.removed)
		}
	}
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		text string
		html bool
	}{
		{"<p>One</p>", true},
		{"Line<br/>break<BR>", true},
		{`<div class="story"><h2>Title</h2></div>`, true},
		{"<pre>code</pre> and <p>", true},
		{"only one <p> in prose", false},
		{"inline <b>bold</b> and <a href=x>link</a>", false},
		{"a < b > c and <para> or <preview>", false},
		{"no markup at all", false},
	}
	for _, tt := range tests {
		if got := isHTML(tt.text); got != tt.html {
			t.Errorf("isHTML(%q) = %v, want %v", tt.text, got, tt.html)
		}
	}
}

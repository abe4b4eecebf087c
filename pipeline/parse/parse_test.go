package parse

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parleydata/parley/pipeline/ingest"
)

func unit(text string) *ingest.Unit {
	return &ingest.Unit{InputPath: "t.txt", SourceID: "t", Text: text, Encoding: "utf-8", SHA256: strings.Repeat("0", 64)}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Talks open in Geneva on February 20. The discussions were renewed.", []string{"Talks open in Geneva on February 20.", "The discussions were renewed."}},
		{"US Rep. Ilhan Omar spoke. Mr. Lavrov met Gen. Milley on Sep. 5 in Baku.", []string{"US Rep. Ilhan Omar spoke.", "Mr. Lavrov met Gen. Milley on Sep. 5 in Baku."}},
		{"George W. Bush arrived. “We agree,” he said. Then they left!", []string{"George W. Bush arrived.", "“We agree,” he said.", "Then they left!"}},
		{"It has held since December 30, 2016. At Damascus' request, Iran helped.", []string{"It has held since December 30, 2016.", "At Damascus' request, Iran helped."}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range SplitSentences(tt.in) {
			got = append(got, tt.in[s[0]:s[1]])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDropsBoilerplateAndForeignCaptions(t *testing.T) {
	text := "Envoy meets minister in Tehran\n\n" +
		"Published: 21 November 2021\n\n" +
		"US Rep. Jane Roe (L) talks with Speaker John Doe during a rally. (AFP photo)\n" +
		"Foreign Minister Hossein Amir-Abdollahian (R) and Alexander Lavrentiev meet in Tehran. (Photo by IRNA)\n\n" +
		"TEHRAN, Iran – Hossein Amir-Abdollahian met Alexander Lavrentiev on Sunday.\n\n" +
		"- Advertisement -\n\n" +
		"Subscribe to our newsletter\n\nTags: Iran, Russia\n"
	d := Parse(unit(text))
	if d.Title == nil || *d.Title != "Envoy meets minister in Tehran" {
		t.Errorf("title = %v", d.Title)
	}
	if d.Published.String() != "2021-11-21" {
		t.Errorf("published = %s, want 2021-11-21", d.Published)
	}
	if d.Dateline == nil || *d.Dateline != "TEHRAN, Iran" {
		t.Errorf("dateline = %v", d.Dateline)
	}
	for _, gone := range []string{"Jane Roe", "Advertisement", "Subscribe", "Tags:", "Published"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("parsed text still has %q:\n%s", gone, d.Text)
		}
	}
	if !strings.Contains(d.Text, "Amir-Abdollahian (R) and Alexander Lavrentiev meet") {
		t.Errorf("the caption of the article's own story was dropped:\n%s", d.Text)
	}
	var kinds []string
	for _, s := range d.Sentences {
		kinds = append(kinds, s.Kind.String())
	}
	if got := strings.Join(kinds, ","); got != "heading,caption,caption,body" {
		t.Errorf("sentence kinds = %s", got)
	}
}

func TestTopMatter(t *testing.T) {
	for _, c := range []struct {
		name, text, published, dateline, lastSentence string
	}{
		{"a date on its own line is the publication date",
			"Blinken meets Xi in Beijing\n\nJune 19, 2023\n\nBEIJING — Blinken met Xi on Monday.",
			"2023-06-19", "BEIJING", "Blinken met Xi on Monday."},
		{"a dateline with its date and agency",
			"Pyongyang, June 13 (PB) -- Kim Jong Un held talks with Donald Trump on June 12.",
			"", "Pyongyang, June 13 (PB)", "Kim Jong Un held talks with Donald Trump on June 12."},
		{"a dateline ended by a full stop after its date",
			"Havana, Mar 22. President Raúl Castro received President Barack Obama yesterday.",
			"", "Havana, Mar 22", "President Raúl Castro received President Barack Obama yesterday."},
		{"an acronym and a full stop are no dateline",
			"NATO. The alliance met in Brussels.", "", "", "The alliance met in Brussels."},
		{"a capitalised first word is no dateline",
			"Moscow, Beijing and Tehran held talks on Monday.", "", "", "Moscow, Beijing and Tehran held talks on Monday."},
	} {
		d := Parse(unit(c.text))
		dateline := ""
		if d.Dateline != nil {
			dateline = *d.Dateline
		}
		if d.Published.String() != c.published || dateline != c.dateline || len(d.Sentences) == 0 || d.Sentences[len(d.Sentences)-1].Text != c.lastSentence {
			t.Errorf("%s: published %q dateline %q sentences %+v", c.name, d.Published, dateline, d.Sentences)
		}
	}
}

func TestOffsetsPointIntoParsedText(t *testing.T) {
	d := Parse(unit("Lavréntiev met Shamjani in Tehran. They discussed Syria.\n\nThe talks — “constructive” — ended."))
	runes := []rune(d.Text)
	for _, s := range d.Sentences {
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("offsets %d:%d give %q, want %q", s.Start, s.End, string(runes[s.Start:s.End]), s.Text)
		}
	}
}

func TestReferenceFromStatedDate(t *testing.T) {
	d := Parse(unit("The two met in Tehran on November 21, 2021, officials said. They met again on Sunday."))
	if d.Published.Valid() || d.Reference.String() != "2021-11-21" || !d.ReferenceFromText {
		t.Errorf("published=%s reference=%s fromText=%v", d.Published, d.Reference, d.ReferenceFromText)
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := map[string]string{
		"The minister said that the talks with his counterpart were held in the capital on Sunday.": "en",
		"Le ministre a rencontré son homologue dans la capitale pour des discussions sur la paix.":  "fr",
		"El ministro se reunió con su homólogo en la capital para hablar de la paz y del comercio.": "es",
		"Министр встретился с коллегой в столице.":                                                  "ru",
		"12345 ---": "und",
		"THE MINISTER SAID THAT THE TALKS WITH HIS COUNTERPART WERE HELD IN THE CAPITAL.": "en",
		// Only the first 2,000 words count.
		strings.Repeat("Lorem ", 2000) + strings.Repeat("the talks and the end of it ", 100): "und",
	}
	for text, want := range tests {
		if got := DetectLanguage(text); got != want {
			t.Errorf("DetectLanguage(%q) = %s, want %s", text, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("PHOTO: A and B in Tehran on Sunday\n\nTEHRAN, Iran – A met B.\n\n- Advertisement -")
	f.Add("Baku, Azerbaijan, Sep. 5\n\nBy X – Trend:\n\nPolitics 5 September 2017 21:21 (UTC +04:00)")
	f.Add("“”’‘ . . ! ? \n\n\n Mr. . U.S. . ")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // ingest guarantees valid UTF-8
		}
		d := Parse(unit(text))
		runes := []rune(d.Text)
		for _, s := range d.Sentences {
			if s.Start < 0 || s.End > len(runes) || s.Start > s.End || string(runes[s.Start:s.End]) != s.Text {
				t.Fatalf("sentence %+v does not match the parsed text %q", s, d.Text)
			}
		}
	})
}

func TestContainsCaptionWord(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"PHOTO: Lavrov and Shamkhani in Tehran", true},
		{"The picture shows the two ministers", true},
		{"Satellite Imagery of the port", true},
		{"Lavrov met Shamkhani in Tehran on Sunday", false},
		{"Phot", false},
		// Only ASCII letters fold: U+0130 is not a capital i to a caption mark.
		{"\u0130MAGE", false},
	}
	for _, tt := range tests {
		if got := containsCaptionWord(tt.line); got != tt.want {
			t.Errorf("containsCaptionWord(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestSingleSpaced(t *testing.T) {
	for _, line := range []string{"Lavrov met Blinken.", "a", "", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2003b", "a \xffb"} {
		if got, want := singleSpaced(line), strings.Join(strings.Fields(line), " ") == line && line != ""; got != want {
			t.Errorf("singleSpaced(%q) = %v, want %v", line, got, want)
		}
	}
}

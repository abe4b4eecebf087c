package pattern

import (
	"regexp"
	"slices"
	"testing"
)

func TestNeeds(t *testing.T) {
	tests := []struct {
		expr  string
		needs [][]string // nil: the expression is always run
	}{
		{`\b(?:summit|meeting|talks)\b`, [][]string{{"summit", "meeting", "talks"}}},
		{`(?i)\bsanctions?\b`, [][]string{{"sanction"}}},
		{`\bhop(?:es?|ed|ing) to\b`, [][]string{{"hope to", "hopes to", "hoped to", "hoping to"}}},
		{`\bdefen[cs]e minister`, [][]string{{"defence minister", "defense minister"}}},
		// each part of a sequence needs its words, the most telling first
		{`\bheld\s+(?:[\w-]+\s+){0,5}?(?:talks|negotiations)`, [][]string{{"talks", "negotiations"}, {"held"}}},
		{`^[^.;]{0,80}?\b(?:could|might)\s+(?:take place|happen)\b`, [][]string{{"take place", "happen"}, {"could", "might"}}},
		{`(?:[a-z]+\s+)+summit`, [][]string{{"summit"}}},
		{`(?:\s+with)+`, [][]string{{"with"}}},
		{`(?i)\b(?:delegations?|officials)\s+of\s+the\s+(two|three)\s+(?:countries|nations)\b`,
			[][]string{{"delegation", "officials"}, {"countries", "nations"}, {"the"}}},
		// case counts unless the expression ignores it somewhere
		{`\b(?:Jan|Feb)\.? \d`, [][]string{{"Jan ", "Jan. ", "Feb ", "Feb. "}}},
		{`\b(?:Jan|Feb)|(?i:today)`, [][]string{{"jan", "feb", "today"}}},
		// an optional, repeated or unknown part asks for nothing
		{`\b(?:the\s+)?[A-Z][a-z]+`, nil},
		{`(?:talks)*`, nil},
		{`\b(?:talks|[A-Z]\w+)\b`, nil},
		{`(?:talks|)`, nil},
		// non-ASCII letters fold beyond ASCII case
		{`(?i)tête`, nil},
	}
	for _, tt := range tests {
		got := MustCompile(tt.expr).needs
		if !slices.EqualFunc(got, tt.needs, sameWords) {
			t.Errorf("needs of %s = %q, want %q", tt.expr, got, tt.needs)
		}
	}
}

func sameWords(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// patternCases are expressions of the kinds the package uses, and texts
// that test the edges of the check: case, the runes that fold to ASCII
// letters, invalid UTF-8.
var (
	patternCases = []string{
		`(?i)\b(?:delegations?|officials)\s+(?:from|of)\s+the\s+(two|three)\s+(?:countries|nations)\b`,
		`\b(?:held|had)\s+(?:[\w-]+\s+){0,5}?(?:talks|meetings?|summit)(?:\s+(?:with|between))?\b`,
		`(?i)\bsanctions?\b`,
		`(?i)\bnuclear (?:deal|talks)|\bJCPOA\b`,
		`^[^.;]{0,80}?\b(?:could|might)\s+(?:take place|happen)\b`,
		`(?:(?:^|\s)(?:the|a|its)|['’]s)\s+$`,
		`\b(?:the two|both|the)(?:\s+(sides|leaders))\b|\bthe two\b`,
		`(?i)\bkey\b`,
		`\b(?:Jan|Feb)\.? \d|(?i:today)`,
	}
	patternTexts = []string{
		"",
		"The delegations from the three countries met.",
		"OFFICIALS OF THE TWO NATIONS",
		"officials of the two nationſ", // "ſ" folds to "s"
		"the Kelvin-sign \u212Aey",     // "K" folds to "k"
		"They held lengthy talks with Putin.",
		"held talks",
		"new Sanctions were imposed",
		"sanction",
		"the JCPOA",
		"the jcpoa",
		"Nuclear Talks",
		"the meeting could take place soon",
		"it might, however, happen",
		"the ",
		"Iran’s ",
		"the two sides",
		"both leaders",
		"bad \xffbytes sanctions \xc5",
		"talk s",
		"on jan 5",
		"on Jan. 5",
		"TODAY",
	}
)

func TestPatternAgreesWithRegexp(t *testing.T) {
	for _, expr := range patternCases {
		p, re := MustCompile(expr), regexp.MustCompile(expr)
		for _, s := range patternTexts {
			if got, want := p.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, want %v", expr, s, got, want)
			}
			if got, want := p.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%s: FindAllStringSubmatchIndex(%q) = %v, want %v", expr, s, got, want)
			}
			if got, want := p.ReplaceAllString(s, "<$0>"), re.ReplaceAllString(s, "<$0>"); got != want {
				t.Errorf("%s: ReplaceAllString(%q) = %q, want %q", expr, s, got, want)
			}
		}
	}
}

func FuzzPattern(f *testing.F) {
	for i, s := range patternTexts {
		f.Add(i, s)
	}
	f.Fuzz(func(t *testing.T, i int, s string) {
		expr := patternCases[uint(i)%uint(len(patternCases))]
		if got, want := MustCompile(expr).MatchString(s), regexp.MustCompile(expr).MatchString(s); got != want {
			t.Errorf("%s: MatchString(%q) = %v, want %v", expr, s, got, want)
		}
	})
}

func BenchmarkMayMatch(b *testing.B) {
	sentence := "Iranian Foreign Minister Hossein Amir-Abdollahian met his Russian counterpart Sergei Lavrov in Moscow on Tuesday, the ministry said."
	for _, expr := range []string{patternCases[0], patternCases[1]} {
		p := MustCompile(expr)
		b.Run(expr[:12], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.mayMatch(sentence)
			}
		})
	}
}

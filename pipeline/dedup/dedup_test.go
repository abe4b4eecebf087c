package dedup

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/refdata"
)

func day(s string) parley.Date {
	d, err := parley.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// mention builds a mention of a meeting of the named people in an article.
func mention(article string, start int, date string, weekday string, place string, people ...string) extract.Mention {
	m := extract.Mention{ArticleID: article, Start: start, End: start + 10, Sentence: strings.Join(people, " met "), Status: parley.StatusHeld, Mode: parley.ModeInPerson, Confidence: 0.8}
	switch {
	case date != "":
		m.Date = dates.Resolved{Date: day(date), Precision: parley.PrecisionDay, Basis: parley.BasisExplicit, Weekday: day(date).Weekday().String(), Text: date}
	case weekday != "":
		m.Date = dates.Resolved{Precision: parley.PrecisionWeekday, Basis: parley.BasisNone, Weekday: weekday, Text: "on " + weekday}
	default:
		m.Date = dates.Resolved{Precision: parley.PrecisionNone, Basis: parley.BasisNone}
	}
	if place != "" {
		pl, _ := refdata.PlaceByName(place)
		m.Place = &extract.Place{Name: pl.Name, Country: pl.Country, Lat: pl.Lat, Lon: pl.Lon, City: true}
		m.PlaceBasis = extract.PlaceInSentence
	}
	for _, p := range people {
		m.Parties = append(m.Parties, extract.Party{Name: p, NameAsReported: p, Kind: parley.PartyPerson})
	}
	return m
}

func planned(m extract.Mention) extract.Mention {
	m.Status = parley.StatusPlanned
	return m
}

var articles = map[string]Article{
	"art_a": {ID: "art_a", Published: day("2021-11-22"), Outlet: "Wire A"},
	"art_b": {ID: "art_b", Published: day("2021-11-22"), Outlet: "Paper B"},
	"art_c": {ID: "art_c", Published: day("2021-11-23"), Outlet: "Paper C", DuplicateOf: "art_b"},
	"art_d": {ID: "art_d", Published: day("2021-11-20"), Outlet: "Agency D"},
}

func run(ms []extract.Mention, opts Options) *Result {
	if opts.Registry == nil {
		opts.Registry = refdata.DefaultRegistry()
	}
	return Run(ms, articles, opts)
}

// groups renders the meetings as the sorted article:start keys of their mentions.
func groups(r *Result) map[string]string {
	out := map[string]string{}
	for _, m := range r.Mentions {
		out[m.MeetingID] += m.ArticleID[4:] + ":" + strconv.FormatInt(m.Start, 10) + " "
	}
	return out
}

func TestMeetings(t *testing.T) {
	tests := []struct {
		name     string
		mentions []extract.Mention
		meetings int
	}{
		{"same meeting, three outlets, spellings and date forms", []extract.Mention{
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Hossein Amir-Abdollahian"),
			mention("art_b", 0, "2021-11-21", "", "", "Lavréntiev", "Abdollahian"),
			mention("art_c", 0, "2021-11-21", "", "Tehran", "Aleksandr Lavrentiyev", "Amir-Abdollahian"),
		}, 1},
		{"same day, another counterpart", []extract.Mention{
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Hossein Amir-Abdollahian"),
			mention("art_a", 20, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Asghar Khaji"),
		}, 2},
		{"same people, another day", []extract.Mention{
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_d", 0, "2021-11-14", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 2},
		{"same envoy, same day, another city", []extract.Mention{
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_b", 0, "2021-11-21", "", "Damascus", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 2},
		{"different weekdays in one article", []extract.Mention{
			mention("art_a", 0, "", "Sunday", "", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_a", 20, "", "Thursday", "", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 2},
		{"a weekday agreeing with a date in one article", []extract.Mention{
			mention("art_a", 0, "", "Sunday", "", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_a", 20, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 1},
		{"undated reports in two articles stay apart", []extract.Mention{
			mention("art_a", 0, "", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_b", 0, "", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 2},
		{"an announced meeting and the report that it took place", []extract.Mention{
			planned(mention("art_d", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani")),
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 1},
		{"announced in one article, held another day", []extract.Mention{
			planned(mention("art_d", 0, "2021-11-22", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani")),
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		}, 2},
		{"a bilateral beside a trilateral in one article", []extract.Mention{
			mention("art_a", 0, "2022-08-18", "", "Lviv", "Recep Tayyip Erdoğan", "Volodymyr Zelenskyy", "António Guterres"),
			mention("art_a", 20, "2022-08-18", "", "Lviv", "Recep Tayyip Erdoğan", "Volodymyr Zelenskyy"),
		}, 2},
		{"Lavrov is not Lavrentiev", []extract.Mention{
			mention("art_a", 0, "2021-11-21", "", "", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_b", 0, "2021-11-21", "", "", "Sergey Lavrov", "Ali Shamkhani"),
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(tt.mentions, Options{})
			if len(r.Meetings) != tt.meetings {
				t.Errorf("%d meetings, want %d: %v", len(r.Meetings), tt.meetings, groups(r))
			}
		})
	}
}

func TestMergedMeetingFields(t *testing.T) {
	r := run([]extract.Mention{
		mention("art_a", 0, "", "Sunday", "", "Alexander Lavrentiev", "Hossein Amir-Abdollahian"),
		mention("art_a", 20, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Hossein Amir-Abdollahian"),
		mention("art_b", 0, "2021-11-21", "", "Tehran", "Lavrentiev", "Abdollahian"),
		mention("art_c", 0, "2021-11-21", "", "Tehran", "Lavrentiev", "Abdollahian"),
	}, Options{})
	if len(r.Meetings) != 1 {
		t.Fatalf("%d meetings, want 1", len(r.Meetings))
	}
	m := r.Meetings[0]
	if m.Date.String() != "2021-11-21" || m.DatePrecision != "day" || *m.Place != "Tehran" || m.ArticleCount != 3 || m.MentionCount != 4 {
		t.Errorf("meeting = %+v", m)
	}
	// art_c reprints art_b: three articles but two independent reports.
	if m.SourceCount != 2 {
		t.Errorf("source_count = %d, want 2 (a reprint is not a source)", m.SourceCount)
	}
	rules := map[string]bool{}
	for _, x := range r.Mentions {
		rules[x.MatchRule] = true
		if x.MatchScore <= 0 || x.MatchScore > 1 {
			t.Errorf("match score %v out of range", x.MatchScore)
		}
	}
	for _, want := range []string{RuleFirst, RuleSameArticle, RuleSameDay} {
		if !rules[want] {
			t.Errorf("no mention joined by rule %s: %v", want, rules)
		}
	}
	if len(r.Actors) != 2 {
		t.Errorf("%d actors, want 2 across spellings: %+v", len(r.Actors), r.Actors)
	}
}

func TestJudgements(t *testing.T) {
	ms := func() []extract.Mention {
		return []extract.Mention{
			mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_b", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
			mention("art_d", 0, "2021-11-14", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		}
	}
	base := run(ms(), Options{})
	if len(base.Meetings) != 2 {
		t.Fatalf("%d meetings before judgements, want 2", len(base.Meetings))
	}
	a, b, d := MentionID(&ms()[0]), MentionID(&ms()[1]), MentionID(&ms()[2])

	apart := run(ms(), Options{Judgements: []Judgement{{Kind: JudgeMeeting, A: a, B: b, Relation: RelationApart}}})
	if len(apart.Meetings) != 3 || apart.Judgements[0].Status != "applied" {
		t.Errorf("different: %d meetings (want 3), outcome %+v", len(apart.Meetings), apart.Judgements)
	}
	same := run(ms(), Options{Judgements: []Judgement{{Kind: JudgeMeeting, A: a, B: d, Relation: RelationSame}}})
	if len(same.Meetings) != 1 || same.Judgements[0].Status != "applied" {
		t.Errorf("same: %d meetings (want 1), outcome %+v", len(same.Meetings), same.Judgements)
	}
	gone := run(ms(), Options{Judgements: []Judgement{{Line: 7, Kind: JudgeMeeting, A: a, B: "men_0000000000000000", Relation: RelationSame}}})
	if gone.Judgements[0].Status != "not_applicable" {
		t.Errorf("a judgement on a missing mention: %+v, want not_applicable", gone.Judgements[0])
	}
	already := run(ms(), Options{Judgements: []Judgement{{Kind: JudgeActor, A: "Ali Shamkhani", B: "Shamkhani", Relation: RelationSame}}})
	if already.Judgements[0].Status != "already_true" {
		t.Errorf("same-actor judgement on one actor: %+v, want already_true", already.Judgements[0])
	}
	withLavrov := append(ms(), mention("art_b", 40, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Sergey Lavrov"))
	merged := run(withLavrov, Options{Judgements: []Judgement{{Kind: JudgeActor, A: "Ali Shamkhani", B: "Sergey Lavrov", Relation: RelationSame}}})
	if merged.Judgements[0].Status != "applied" || len(merged.Actors) != 2 || len(merged.Redirects) != 1 || merged.Redirects[0].Table != "actors" {
		t.Errorf("same-actor judgement: outcome %+v, %d actors, redirects %+v", merged.Judgements[0], len(merged.Actors), merged.Redirects)
	}
}

func TestPreviousIDsStayStable(t *testing.T) {
	first := []extract.Mention{
		mention("art_a", 0, "2021-11-21", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
		mention("art_b", 0, "2021-11-14", "", "Tehran", "Alexander Lavrentiev", "Ali Shamkhani"),
	}
	r1 := run(append([]extract.Mention(nil), first...), Options{})
	prev := &Previous{MeetingOf: map[string]string{}, FirstPublished: map[string]parley.Date{}}
	for _, m := range r1.Mentions {
		prev.MeetingOf[m.MentionID] = m.MeetingID
	}
	for _, m := range r1.Meetings {
		prev.FirstPublished[m.MeetingID] = m.FirstPublished
	}
	// An earlier-published article joins the first meeting: it would found the
	// meeting, but the meeting keeps its id.
	second := append(append([]extract.Mention(nil), first...), mention("art_d", 0, "2021-11-21", "", "Tehran", "Lavrentiev", "Shamkhani"))
	r2 := run(second, Options{Previous: prev})
	ids := func(r *Result) map[string]bool {
		out := map[string]bool{}
		for _, m := range r.Meetings {
			out[m.MeetingID] = true
		}
		return out
	}
	for id := range ids(r1) {
		if !ids(r2)[id] {
			t.Errorf("meeting %s lost its id when an article joined it", id)
		}
	}
	// A curator merges the two meetings: the older id survives, the other redirects.
	js := []Judgement{{Kind: JudgeMeeting, A: MentionID(&first[0]), B: MentionID(&first[1]), Relation: RelationSame}}
	r3 := run(append([]extract.Mention(nil), first...), Options{Previous: prev, Judgements: js})
	if len(r3.Meetings) != 1 || len(r3.Redirects) != 1 {
		t.Fatalf("%d meetings and %d redirects, want 1 and 1", len(r3.Meetings), len(r3.Redirects))
	}
	if !prev.older(r3.Redirects[0].TargetID, r3.Redirects[0].RetiredID) || r3.Meetings[0].MeetingID != r3.Redirects[0].TargetID {
		t.Errorf("redirect %+v: the older id must survive", r3.Redirects[0])
	}
}

// longText is 700 words of 97 kinds.
func longText() string {
	var b strings.Builder
	for i := range 700 {
		fmt.Fprintf(&b, "word%d ", i*i%97)
	}
	return b.String()
}

// TestFingerprintOfIsStable pins fingerprints: the extraction cache keeps
// them, so a changed fingerprint would set cached articles apart from
// fresh ones.
func TestFingerprintOfIsStable(t *testing.T) {
	tests := []struct {
		text string
		want Fingerprint
	}{
		{"Russian envoy Alexander Lavrentiev met Iran's top security official Ali Shamkhani in Tehran on Sunday.", 0xcc15d359248e0354},
		{"İSTANBUL — Лавров и Çavuşoğlu: talks (2022) in Ankara; G20 ministers", 0x95520f20b84d012d},
		{"Ünïcödé\xffbroken\xfe UTF-8 STRAẞE ǅemal Kelvin \u212a", 0x580273d20bf6021},
		{"two words", 0},
		{longText(), 0x6005bc24b591ca15}, // more trigrams than a byte counts
	}
	for _, tt := range tests {
		if got := FingerprintOf(tt.text); got != tt.want {
			t.Errorf("FingerprintOf(%q) = %#x, want %#x", tt.text, uint64(got), uint64(tt.want))
		}
	}
}

func TestReprints(t *testing.T) {
	text := strings.Repeat("Russian envoy Alexander Lavrentiev met Iran's top security official Ali Shamkhani in Tehran on Sunday to discuss Syria and the Astana process. ", 4)
	edited := strings.Replace(text, "on Sunday", "on Sunday, IRNA said", 1)
	other := strings.Repeat("Chinese Foreign Minister Wang Yi held talks with his Saudi counterpart in Riyadh on Monday about trade and energy cooperation between them. ", 4)
	x := NewReprintIndex()
	if got := x.Add("a", FingerprintOf(text), 80); got != "" {
		t.Fatalf("first article is a reprint of %q", got)
	}
	if got := x.Add("b", FingerprintOf(other), 80); got != "" {
		t.Errorf("an unrelated article is a reprint of %q", got)
	}
	if got := x.Add("c", FingerprintOf(edited), 80); got != "a" {
		t.Errorf("a lightly edited copy reprints %q, want a", got)
	}
}

// TestIDsDoNotChange pins ids made by earlier releases: users link to
// meetings, mentions and actors by them.
func TestIDsDoNotChange(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"mention", MentionID(&extract.Mention{ArticleID: "art_3f2a9c", Start: 1204, Trigger: 37}), "men_f781914b5f203600"},
		{"second meeting of a trigger", MentionID(&extract.Mention{ArticleID: "art_3f2a9c", Start: 1204, Trigger: 37, Part: 2}), "men_abbe3088299efb50"},
		{"caption at the start", MentionID(&extract.Mention{ArticleID: "art_3f2a9c"}), "men_224ad4773cb39d9e"},
		{"actor", ActorID("registry:lavrov"), "act_1975dd501dcf45c0"},
		{"meeting", hashID("mtg_", "men_0123456789abcdef"), "mtg_989c312c8736f9cd"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s id = %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

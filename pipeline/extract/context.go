package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/internal/pattern"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

// contextSentences is how far back a mention looks for the date or place
// its own sentence leaves out ("arrived in Tehran on Tuesday. Following his
// arrival, he met ...").
const contextSentences = 3

// dateFor resolves the date of the meeting reported by trigger t of
// sentence i: the date phrase of its clause closest to the trigger, else
// one from the sentences just before.
// sameDay points to the day of the meeting the article reported just before.
var sameDay = pattern.MustCompile(`(?i)\b(?:earlier in the day|later (?:in )?(?:that|the) day|(?:on )?the same day|that same day|later that evening|that evening|hours (?:earlier|later)|in the (?:morning|afternoon|evening)|also (?:met|held|hosted|received|spoke|talked)|later (?:met|held|hosted|received|spoke|talked|sat down))\b|^(?i:earlier|later|afterwards|after the [\w-]+ (?:talks|meeting|summit)|(?:after|before) the (?:talks|meeting|summit|audience|visit|dinner|lunch|ceremony|signing)|after leaving)\b`)

// theSameDay names the day told just before, whatever happened on it: "He
// arrived on June 10 ... On the same day he paid a visit to Lee".
var theSameDay = pattern.MustCompile(`(?i)\b(?:on )?(?:the|that) same day\b`)

func (x *docExtractor) dateFor(i int, t trigger, st string, clauseEnd int) dates.Resolved {
	text := x.doc.Sentences[i].Text[:clauseEnd]
	// A planned meeting, or one called off before it took place, lies ahead.
	lower := strings.ToLower(text)
	future := st == parley.StatusPlanned || st == parley.StatusCancelled && (willNot.MatchString(lower) || futureCue.MatchString(lower) && !pastSchedule.MatchString(lower))
	if st == parley.StatusCancelled {
		if r, ok := x.scheduledDay(text, lower); ok {
			return r
		}
	}
	if r, ok := x.closestDate(text, t.start, future); ok {
		if m := daysAfter.FindStringSubmatch(lower[:t.start]); m != nil && r.Precision == parley.PrecisionDay {
			// "met Putin on Saturday, a day after holding talks with Zelensky"
			r.Date = r.Date.AddDays(-numberWords[m[1]])
			r.Weekday, r.Text = r.Date.Weekday().String(), r.Text+", "+strings.TrimSpace(m[0])
		}
		return r
	}
	if r, ok := x.dayFromLast(text); ok {
		return r
	}
	if theSameDay.MatchString(text) && i > 0 {
		if r, ok := x.closestDate(x.doc.Sentences[i-1].Text, len(x.doc.Sentences[i-1].Text), false); ok && r.Precision == parley.PrecisionDay {
			r.Text = theSameDay.FindString(text)
			return r
		}
	}
	if sameDay.MatchString(text) && x.lastDate.Precision == parley.PrecisionDay {
		r := x.lastDate // "Earlier in the day, he met ...": the day of the meeting reported before
		r.Text = sameDay.FindString(text)
		return r
	}
	// A planned meeting's date is its own: the sentences around an
	// announcement carry the day it was announced.
	for j := i - 1; !future && j >= 0 && i-j <= contextSentences; j-- {
		s := x.doc.Sentences[j]
		if s.Kind == parse.Heading || s.Kind == parse.Caption {
			continue
		}
		if x.mentioned[j] {
			break // an earlier meeting's date is not this one's
		}
		if r, ok := x.closestDate(s.Text, len(s.Text), false); ok {
			return r
		}
	}
	return dates.Resolved{Precision: parley.PrecisionNone, Basis: parley.BasisNone}
}

// scheduledFor introduces the day a meeting was scheduled for.
var scheduledFor = pattern.MustCompile(`\b(?:planned|scheduled|set|due|slated) (?:for|on)\s+`)

// scheduledDay is the day a meeting called off had been scheduled for,
// counted from the day it was called off: "on Tuesday called off a
// meeting ... planned for Thursday" is the Thursday after that Tuesday.
func (x *docExtractor) scheduledDay(text, lower string) (dates.Resolved, bool) {
	m := scheduledFor.FindStringIndex(lower)
	if m == nil {
		return dates.Resolved{}, false
	}
	called, ok := x.closestDate(text[:m[0]], m[0], false)
	if !ok || called.Precision != parley.PrecisionDay {
		return dates.Resolved{}, false
	}
	exprs := dates.Find(text[m[1]:])
	if len(exprs) == 0 || exprs[0].Start != 0 {
		return dates.Resolved{}, false
	}
	return exprs[0].Resolve(called.Date, true), true
}

// pastSchedule is a schedule told in the past: the day of a meeting that
// "had been scheduled for Saturday" and was called off lies behind.
var pastSchedule = pattern.MustCompile(`\b(?:had been|was|were) (?:scheduled|planned|due|set)\b|\b(?:was|were) to\b`)

// willNot calls off a meeting still ahead: "will not attend", "won't meet".
var willNot = pattern.MustCompile(`\b(?:will not|won't|is not going to|are not going to)\b`)

// daysAfter ends the text before a meeting that took place that many days
// before the day of the sentence's main clause.
var daysAfter = pattern.MustCompile(`\b(a|one|two|three) days? after\s+(?:[a-z]+ing\s+|their\s+|the\s+|his\s+|her\s+)?$`)

// fromLastDay counts days from the meeting told before: "two days earlier",
// "the next day", "a week later".
var fromLastDay = pattern.MustCompile(`(?i)\b(?:(a|one|two|three|four|five|six) (days?|weeks?) (earlier|before|later|after)|the (day before|next day|following day|previous day|day after))\b`)

// dayFromLast resolves a day counted from the last meeting's day.
func (x *docExtractor) dayFromLast(text string) (dates.Resolved, bool) {
	m := fromLastDay.FindStringSubmatch(text)
	if m == nil || x.lastDate.Precision != parley.PrecisionDay {
		return dates.Resolved{}, false
	}
	days := 0
	switch strings.ToLower(m[4]) {
	case "day before", "previous day":
		days = -1
	case "next day", "following day", "day after":
		days = 1
	default:
		days = numberWords[strings.ToLower(m[1])]
		if strings.HasPrefix(strings.ToLower(m[2]), "week") {
			days *= 7
		}
		if l := strings.ToLower(m[3]); l == "earlier" || l == "before" {
			days = -days
		}
	}
	d := x.lastDate.Date.AddDays(days)
	return dates.Resolved{Date: d, Precision: parley.PrecisionDay, Basis: parley.BasisRelative, Weekday: d.Weekday().String(), Text: m[0]}, true
}

// backgroundDate marks phrases that date something other than the meeting.
var (
	backgroundDate = pattern.MustCompile(`(?i)\b(?:since|until|till|from|as of|before|after|in place since|by|published|updated|dated)(?:\s+the)?\s*$`)
	// "the Feb 1 coup": a date that names another event
	eventAfterDate = pattern.MustCompile(`^\s*(?:coup|election|elections|invasion|attack|attacks|agreement|accord|deal|vote|referendum|war|ceasefire|truce|declaration|uprising|revolution|protests?|incursion|offensive|massacre|bombing|crisis)\b`)
	sinceBetween   = pattern.MustCompile(`(?i)\bsince\b`)
	// "since Russia's invasion of Ukraine in February": the date of what
	// the meeting is counted from
	sinceClause = pattern.MustCompile(`(?i)\bsince\b[^,;.]{0,60}$`)
)

func (x *docExtractor) closestDate(text string, pivot int, future bool) (dates.Resolved, bool) {
	best, bestDist := dates.Expr{}, -1
	for _, e := range dates.Find(text) {
		if backgroundDate.MatchString(text[:e.Start]) || eventAfterDate.MatchString(text[e.End:]) {
			continue
		}
		if e.Start > pivot && pivot < len(text) && sinceBetween.MatchString(text[pivot:e.Start]) || sinceClause.MatchString(text[:e.Start]) {
			continue // "the first talks since the war began in 2011"
		}
		d := e.Start - pivot
		if d < 0 {
			d = -d + 20 // prefer the phrase after the trigger ("met ... on Sunday")
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = e, d
		}
	}
	if bestDist < 0 {
		return dates.Resolved{}, false
	}
	r := best.Resolve(x.doc.Reference, future)
	if r.Basis == parley.BasisRelative && x.doc.ReferenceFromText && best.Kind == dates.Weekday {
		r.Text = best.Text
	}
	return r, true
}

var demonymTown = pattern.MustCompile(`\b(?:in|at|on) the ([A-Z][a-z]+) (?:resort |holiday )?(?:city|town|resort|port|village|island)\b(?:\s+of\b)?`)

// topicOfPlace ends the text before a place that is what is talked about.
var topicOfPlace = pattern.MustCompile(`\b(?:situation|crisis|war|conflict|fighting|developments|peace|stability|security|elections?|events|violence|unrest|tensions|settlement|ceasefire|truce|reconstruction|humanitarian situation)\s+in\s+(?:the\s+)?$`)

var (
	hotelAfter = pattern.MustCompile(`^(?i:hotel|resort|inn)\b`)
	hotelEnd   = pattern.MustCompile(`\s(?:Hotel|Resort|Inn)$`)
)

// purposeBefore ends the text before a meeting noun that is what the
// trigger's meeting was for, or its occasion: "hosted Merkel for a summit
// in Paris", "met on the sidelines of the G20 meeting in New Delhi".
var purposeBefore = pattern.MustCompile(`\bfor\s+(?:(?:a|an|the|their|[\w-]+)\s+){0,2}$|\bat\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$|\bon the (?:sidelines|margins|fringes) of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$`)

var otherMeetingNoun = pattern.MustCompile(`\b(?:talks|negotiations|meetings?|summit|process|conference|round)\s+(?:held\s+)?(?:in|at)\s+(?:the\s+)?$`)

var (
	capitalOf   = pattern.MustCompile(`\bthe\s+([A-Z][a-z]+)\s+capital(?:\s+city)?(?:\s+of)?(?:,?\s+([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?))?`)
	placeCue    = pattern.MustCompile(`(?i)\b(?:in|at|to|arrived in|visit to|trip to|hosted in|held in|took place in|visited|visiting|toured|landed in|flew to|travell?ed to|(?:city|town|resort|port|capital|island|province|region) of|(?:room|office|wing|garden|lawn|hall|palace|residence|gardens) of)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?$`)
	placeNounRe = pattern.MustCompile(`^\s*(?:visit|trip|talks|process|format|peace|summit|round|negotiations|meeting)\b`)
	capRun      = pattern.MustCompile(`\b[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2}`)
)

// placeFor finds where the meeting of trigger t took place: the place that
// names its round ("the Astana talks"), a place in its clause, else a city
// in the sentences before it, else the dateline.
func (x *docExtractor) placeFor(i int, t trigger, clauseEnd int) (*Place, string, string) {
	text := x.doc.Sentences[i].Text
	if t.round {
		if name := roundName(text, t); name != "" {
			if pl, ok := cityIn(name, true); ok {
				return pl, name, PlaceInSentence
			}
		}
	}
	own := text[:clauseEnd]
	if anotherOccasion.MatchString(x.sentLower[i][:t.start]) {
		// "met Lukashenko in Sochi, two days after his talks with Erdogan":
		// the place before the trigger is the other meeting's
		own = strings.Repeat(" ", t.start) + own[t.start:]
	}
	if p, text, ok := placeIn(own, t, false); ok {
		if !p.City {
			if d, _, ok := x.datelineCity(); ok && d.Country == p.Country {
				return d, text, PlaceInSentence // "CAIRO – ... received him in Egypt"
			}
		}
		return p, text, PlaceInSentence
	}
	if x.lastPlace != nil && sameDay.MatchString(text[:clauseEnd]) {
		return x.lastPlace, x.lastPlace.Name, PlaceInContext // "Earlier in the day, he held talks with ..."
	}
	for j := i - 1; j >= 0 && i-j <= contextSentences; j-- {
		s := x.doc.Sentences[j]
		if s.Kind == parse.Heading || x.mentioned[j] && j != i-1 {
			continue
		}
		if p, text, ok := placeIn(s.Text, trigger{start: len(s.Text), end: len(s.Text)}, true); ok {
			return p, text, PlaceInContext
		}
	}
	if p, text, ok := x.datelineCity(); ok {
		return p, text, PlaceInDateline
	}
	return nil, "", ""
}

// datelineCity is the city of the article's dateline, if it names one.
func (x *docExtractor) datelineCity() (*Place, string, bool) {
	if x.doc.Dateline == nil {
		return nil, "", false
	}
	place := *x.doc.Dateline
	if i := strings.IndexAny(place, ",(/"); i > 0 {
		place = place[:i]
	}
	place = strings.TrimSpace(place)
	if p, ok := cityIn(titleCase(place), true); ok && p.City {
		return p, place, true
	}
	return nil, "", false
}

// titleCase turns a dateline's "ST PETERSBURG" into "St Petersburg".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// placeIn finds the place phrase of a sentence nearest to pivot: a city or
// "the Iranian capital" after "in", "at", "arrived in", or a city before
// "visit" ("his Tehran visit").
func placeIn(text string, t trigger, citiesOnly bool) (*Place, string, bool) {
	pivot := t.start
	type cand struct {
		p    *Place
		text string
		pos  int
	}
	var cands []cand
	for _, m := range demonymTown.FindAllStringSubmatchIndex(text, -1) {
		// "in the Swiss city": the country, when the city is not named
		if c, ok := refdata.CountryByDemonym(text[m[2]:m[3]]); ok {
			cands = append(cands, cand{&Place{Name: c.Name, Country: c.ISO3}, text[m[0]:m[1]], m[0]})
		}
	}
	for _, m := range capitalOf.FindAllStringSubmatchIndex(text, -1) {
		if m[4] >= 0 {
			if pl, ok := refdata.PlaceByName(text[m[4]:m[5]]); ok {
				cands = append(cands, cand{cityPlace(pl), text[m[0]:m[1]], m[0]})
				continue
			}
		}
		if c, ok := refdata.CountryByDemonym(text[m[2]:m[3]]); ok {
			if pl, ok := refdata.CapitalOf(c.ISO3); ok {
				cands = append(cands, cand{cityPlace(pl), text[m[0]:m[1]], m[0]})
			}
		} else if c, ok := refdata.CountryByName(text[m[2]:m[3]]); ok {
			if pl, ok := refdata.CapitalOf(c.ISO3); ok {
				cands = append(cands, cand{cityPlace(pl), text[m[0]:m[1]], m[0]})
			}
		}
	}
	for _, m := range capRun.FindAllStringIndex(text, -1) {
		run := strings.TrimSuffix(strings.TrimSuffix(text[m[0]:m[1]], "’s"), "'s")
		if strings.HasPrefix(text[m[1]:], " capital") {
			continue
		}
		if _, ok := refdata.CountryByDemonym(run); ok {
			continue // "the Kazakh capital" is handled above; "Kazakh" is no town
		}
		if loc := otherMeetingNoun.FindStringIndex(text[:m[0]]); loc != nil && (citiesOnly || loc[0] >= t.end) && (citiesOnly || !purposeBefore.MatchString(text[:loc[0]])) {
			continue // "... stressed agreements reached during talks in Astana": another meeting's place
		}
		cued := placeCue.MatchString(text[:m[0]]) || venueThenCity.MatchString(text[:m[0]])
		// A sentence that opens "In Beijing, ..." capitalises the cue.
		for _, opener := range []string{"In ", "At ", "From "} {
			if strings.HasPrefix(run, opener) {
				run, cued = run[len(opener):], opener != "From "
				m[0] += len(opener)
			}
		}
		after := strings.TrimSpace(text[m[1]:])
		if topicOfPlace.MatchString(text[:m[0]]) {
			continue // "exchanged views on the situation in Syria": what, not where
		}
		if hotelAfter.MatchString(after) || hotelEnd.MatchString(run) {
			continue // "the Shangri-La hotel": a hotel's name, not the town it is named after
		}
		visit := placeNounRe.MatchString(text[m[1]:])
		if visit && !strings.HasPrefix(after, "visit") && !strings.HasPrefix(after, "trip") {
			continue // "the Astana talks" names a round, not where this meeting was
		}
		if !cued && !visit {
			continue
		}
		if p, ok := cityIn(run, cued); ok {
			cands = append(cands, cand{p, run, m[0]})
			continue
		}
		if cued && !citiesOnly {
			if c, ok := refdata.CountryByName(run); ok {
				cands = append(cands, cand{&Place{Name: c.Name, Country: c.ISO3}, run, m[0]})
			}
		}
	}
	if citiesOnly {
		kept := cands[:0]
		for _, c := range cands {
			if c.p.City {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	if len(cands) == 0 {
		return nil, "", false
	}
	sort.SliceStable(cands, func(a, b int) bool {
		da, db := distance(cands[a].pos, pivot), distance(cands[b].pos, pivot)
		if cands[a].p.City != cands[b].p.City {
			return cands[a].p.City
		}
		return da < db
	})
	return cands[0].p, cands[0].text, true
}

// venueThenCity ends with a named venue and a comma: the city follows
// ("at Harambee House, Nairobi").
var venueThenCity = pattern.MustCompile(`\b(?:at|in|on)\s+(?:the\s+)?(?:[A-Z][\p{L}'’-]*\s+){0,4}[A-Z][\p{L}'’-]*,\s*$`)

// cityIn resolves a capitalised run to a city: a government metonym ("the
// Kremlin") to its capital, else the longest leading words that name a city
// ("Cairo International Airport" is in Cairo). A run that matches only
// another spelling of a small town ("White House" is also Casablanca) is
// not taken.
func cityIn(run string, cued bool) (*Place, bool) {
	if c, ok := refdata.Metonym(run); ok {
		if !cued {
			return nil, false
		}
		if pl, ok := refdata.CapitalOf(c.ISO3); ok {
			return cityPlace(pl), true
		}
		return nil, false
	}
	words := strings.Fields(run)
	for n := len(words); n >= 1; n-- {
		name := strings.Join(words[:n], " ")
		pl, ok := refdata.PlaceByName(name)
		if !ok {
			continue
		}
		exact := names.Fold(pl.Name) == names.Fold(name)
		if !exact && !pl.Capital && !pl.Venue && pl.Population < 200_000 {
			continue
		}
		return cityPlace(pl), true
	}
	return nil, false
}

func distance(pos, pivot int) int {
	if pos >= pivot {
		return pos - pivot
	}
	return pivot - pos + 30
}

func cityPlace(p refdata.Place) *Place {
	return &Place{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, City: true}
}

// topicLexicon maps phrases to the short normalised topics of the dataset.
var topicLexicon = []struct {
	re    *pattern.Regexp
	topic string
}{
	{pattern.MustCompile(`(?i)\bconstitution(?:al)? (?:committee|commission)\b`), "constitutional committee"},
	{pattern.MustCompile(`(?i)\bastana (?:process|format|talks|peace talks)\b`), "Astana process"},
	{pattern.MustCompile(`(?i)\bnuclear (?:deal|programme|program|talks|agreement|issue|file)|\bJCPOA\b`), "nuclear programme"},
	{pattern.MustCompile(`(?i)\b(?:terrorism|terrorist|counterterrorism|counter-terrorism|extremis[mt])\b`), "terrorism"},
	{pattern.MustCompile(`(?i)\b(?:cease-?fire|truce|de-escalation)\b`), "ceasefire"},
	{pattern.MustCompile(`(?i)\b(?:trade|tariffs?|economic (?:ties|cooperation|relations))\b`), "trade"},
	{pattern.MustCompile(`(?i)\b(?:energy|oil|gas|pipeline)\b`), "energy"},
	{pattern.MustCompile(`(?i)\bsanctions?\b`), "sanctions"},
	{pattern.MustCompile(`(?i)\b(?:climate|emissions)\b`), "climate"},
	{pattern.MustCompile(`(?i)\b(?:refugees?|migrants?|migration)\b`), "migration"},
	{pattern.MustCompile(`(?i)\bhumanitarian\b`), "humanitarian aid"},
	{pattern.MustCompile(`(?i)\breconstruction\b`), "reconstruction"},
	{pattern.MustCompile(`(?i)\bbilateral (?:ties|relations|cooperation)\b`), "bilateral relations"},
	{pattern.MustCompile(`(?i)\b(?:regional|latest) (?:developments|issues|situation)\b`), "regional developments"},
	{pattern.MustCompile(`(?i)\b(?:security|defen[cs]e|military) (?:cooperation|ties|issues)\b`), "security cooperation"},
	{pattern.MustCompile(`(?i)\bpeace (?:process|talks|plan|deal|settlement)\b|\bpolitical (?:solution|settlement)\b`), "peace process"},
}

// topicCountries are conflicts and countries often named as the subject of talks.
var topicAbout = pattern.MustCompile(`\b(?:on|over|about|regarding|in|of)\s+(?:the\s+)?(?:situation in\s+|conflict in\s+|crisis in\s+|war in\s+)?([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)`)

// topicsFor reads the topics of a mention from its sentence and the one
// after it when that goes on about the same talks ("The two discussed ...").
func (x *docExtractor) topicsFor(i int) []string {
	texts := []string{x.doc.Sentences[i].Text}
	if i+1 < len(x.doc.Sentences) {
		next := x.doc.Sentences[i+1].Text
		if theTwo.MatchString(strings.ToLower(next)) || strings.Contains(next, "discuss") {
			texts = append(texts, next)
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, text := range texts {
		for _, l := range topicLexicon {
			if l.re.MatchString(text) {
				add(l.topic)
			}
		}
		for _, m := range topicAbout.FindAllStringSubmatch(text, -1) {
			if c, ok := refdata.CountryByName(m[1]); ok && (strings.Contains(m[0], "situation") || strings.Contains(m[0], "conflict") || strings.Contains(m[0], "crisis") || strings.Contains(m[0], "war") || strings.HasPrefix(m[0], "on ") || strings.HasPrefix(m[0], "over ") || strings.HasPrefix(m[0], "about ")) {
				add(c.Name)
			}
		}
	}
	sort.Strings(out)
	return out
}

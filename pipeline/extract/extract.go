// Package extract is the third stage: it reads a parsed article sentence by
// sentence and reports every mention of a meeting — who took part, when,
// where, how, in what status and about what — with the sentence as evidence.
//
// It is rule based by design: every record must be explainable from its
// evidence sentence, and rules run at the speed of reading the text. Names
// come from capitalised runs checked against title, organisation and place
// lexicons and the actor registry; meetings from trigger phrases whose
// subject and object hold at least two distinct parties.
package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/internal/pattern"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

// Version identifies the extraction rules; caches of extracted mentions are
// invalid when it changes.
const Version = "extract/1"

// Party is one party of a mention.
type Party struct {
	Name           string // the fullest form the article gives
	NameAsReported string
	Role           string
	Country        string
	Kind           string
}

// Place is where a meeting took place.
type Place struct {
	Name     string
	Country  string
	Lat, Lon float64
	City     bool // false for a country-level place: no coordinates
}

// Place evidence, strongest first.
const (
	PlaceInSentence = "sentence"
	PlaceInContext  = "context"
	PlaceInDateline = "dateline"
)

// Mention is one report of a meeting in one sentence.
type Mention struct {
	ArticleID  string
	Published  parley.Date
	Outlet     string
	Sentence   string
	Start, End int // code point offsets of the sentence in the parsed text
	Index      int // sentence index in the article
	Trigger    int // byte offset of the trigger in the sentence; 0 for captions
	Part       int // which of the meetings a trigger reports ("met A and B separately")
	Caption    bool
	Status     string
	Mode       string
	Parties    []Party
	Date       dates.Resolved
	Place      *Place
	PlaceText  string
	PlaceBasis string
	Topics     []string
	Confidence float64
}

// Extractor finds meeting mentions. It is safe for concurrent use.
type Extractor struct {
	registry *refdata.Registry
}

// New returns an extractor that resolves officials with the registry.
func New(registry *refdata.Registry) *Extractor { return &Extractor{registry: registry} }

// Extract returns the meeting mentions of an article, in text order. Articles
// that are not in English yield none: the rules read English.
func (e *Extractor) Extract(doc *parse.Document) []Mention {
	if doc.Language != "en" && doc.Language != "und" {
		return nil
	}
	x := e.reader(doc)
	var out []Mention
	x.mentioned = map[int]bool{}
	for i := range doc.Sentences {
		ms := x.sentenceMentions(i, out)
		if len(ms) > 0 {
			x.mentioned[i] = true
		}
		out = append(out, ms...)
	}
	return out
}

// reader prepares to read an article: its sentences tokenised, its people
// collected.
func (e *Extractor) reader(doc *parse.Document) *docExtractor {
	x := &docExtractor{Extractor: e, doc: doc}
	x.sentTokens = make([][]token, len(doc.Sentences))
	x.sentTriggers = make([][]trigger, len(doc.Sentences))
	x.sentParties = make([]sentenceParties, len(doc.Sentences))
	// The sentences' tokens share one array: an article has hundreds.
	toks := make([]token, 0, len(doc.Text)/tokenBytes)
	x.sentLower = make([]string, len(doc.Sentences))
	for i, s := range doc.Sentences {
		x.sentLower[i] = strings.ToLower(s.Text)
		start := len(toks)
		toks = appendTokens(toks, s.Text, x.sentLower[i])
		x.sentTokens[i] = toks[start:len(toks):len(toks)]
	}
	x.collectPeople()
	return x
}

// tokenBytes is about the bytes of news text per token, words and
// punctuation counted.
const tokenBytes = 5

// docExtractor holds what extraction of one article remembers.
type docExtractor struct {
	*Extractor
	doc        *parse.Document
	sentTokens [][]token
	sentLower  []string // the sentences in lower case
	// sentTriggers caches each sentence's triggers; nil until found, then
	// non-nil even when empty.
	sentTriggers [][]trigger
	people       []person
	mentioned    map[int]bool // sentences that reported a meeting
	recent       []party      // persons named so far, most recent last
	// lastSubject is the first person named in the last sentence naming
	// anyone: who "he" or "she" most likely is.
	lastSubject party
	// the sentence being read
	sentence  string
	lower     string
	bodyHead  bool           // the sentence may name an organisation ending in Front, Army ...
	lastDate  dates.Resolved // the day of the last meeting found, for "earlier in the day"
	lastPlace *Place         // the city of the last meeting held
	toldAgain int            // the last sentence that pointed back to that meeting ("the talks")
	triggers  []trigger
	tokenTrig []bool

	// surnames keeps personBySurname's answers while people stay the same.
	surnames map[string]surnameAnswer
	// parsedNames holds the names sameNames has parsed.
	parsedNames map[string]names.Name
	// index is the sentence being read; sentParties keeps each sentence's
	// parties, and asked records the surnames looked up while finding them.
	index       int
	sentParties []sentenceParties
	asked       *[]surnameQuery
}

// setSentence makes sentence i the one being read. Its triggers are found
// once per article: extraction reads each sentence more than once.
func (x *docExtractor) setSentence(i int) {
	x.index = i
	x.sentence = x.doc.Sentences[i].Text
	x.lower = x.sentLower[i]
	if x.sentTriggers[i] == nil {
		x.sentTriggers[i] = findTriggers(x.sentence)
	}
	x.triggers = x.sentTriggers[i]
	x.bodyHead = hasBodyHead(x.sentence)
	toks := x.sentTokens[i]
	x.tokenTrig = make([]bool, len(toks))
	for ti, t := range toks {
		for _, tr := range x.triggers {
			if t.start >= tr.start && t.end <= tr.end {
				x.tokenTrig[ti] = true
			}
		}
	}
}

func (x *docExtractor) isTriggerToken(i int) bool { return i < len(x.tokenTrig) && x.tokenTrig[i] }

// collectPeople remembers every person the article names with at least two
// name words, so that later bare surnames and descriptions resolve to them.
func (x *docExtractor) collectPeople() {
	order := 0
	for i := range x.doc.Sentences {
		x.setSentence(i)
		ps := x.parties()
		for k, p := range ps {
			if p.kind != parley.PartyPerson || !strings.Contains(p.name, " ") {
				continue
			}
			if p.role == "" && calledCounterpart(x.sentTokens[i], p) {
				p.role = firstRole(ps[:k]) // "Modi ... meeting his Pakistani counterpart Nawaz Sharif"
			}
			order++
			x.surnames = nil // the people change: names may resolve differently
			known := false
			for k, q := range x.people {
				if sameName(q.name, p.name) {
					known = true
					if len(p.name) > len(q.name) {
						x.people[k].name = p.name
					}
					if q.role == "" {
						x.people[k].role = p.role
					}
					if q.country == "" {
						x.people[k].country = p.country
					}
					x.people[k].order = order
				}
			}
			if !known {
				x.people = append(x.people, person{name: p.name, role: p.role, country: p.country, order: order})
			}
		}
	}
}

// calledCounterpart reports whether a person is introduced as someone's
// counterpart: "his Pakistani counterpart Nawaz Sharif", "her counterpart,
// Wang Yi".
func calledCounterpart(toks []token, p party) bool {
	k := p.first - 1
	if k >= 0 && toks[k].text == "," {
		k--
	}
	return k >= 0 && toks[k].lower == "counterpart"
}

// firstRole is the office of the first of these parties that has one.
func firstRole(ps []party) string {
	for _, p := range ps {
		if p.kind == parley.PartyPerson && p.role != "" {
			return p.role
		}
	}
	return ""
}

// asOthers opens a clause about what others did meanwhile: "hosted
// Kristersson in Ankara as Sweden pressed its bid to join NATO" (but "as
// he stepped off his plane" goes on about the meeting's people).
var asOthers = pattern.MustCompile(`\sas\s+[A-Z][\p{L}-]+(?:\s+[\p{L}-]+)?\s+[a-z]+ed\b`)

var (
	theTwo = pattern.MustCompile(`\b(?:the two|both|the|the (?:three|four|five))(?:\s+(?:senior\s+|top\s+|foreign\s+|defen[cs]e\s+)?(sides|leaders|ministers|officials|diplomats|men|presidents|envoys|delegations|heads of state))\b|\bthe two\b`)
	// theSeveral counts the people of "the four leaders".
	theSeveral = pattern.MustCompile(`\bthe (three|four|five)\s+(?:[a-z]+\s+)?(?:sides|leaders|ministers|officials|diplomats|men|presidents|envoys|delegations|heads of state)\b`)
	cutWords   = pattern.MustCompile(`,\s*(?:who|which|where|whose)\b|\s(?:because|amid|although)\s|,\s+the\s+(?:[\p{L}'’.-]+\s+){1,4}(?:said|says|reported|announced|added)\b|\b(?:said|says|saying|told|telling|added|according to|stressed that|noted that|announced that|in the presence of|witnessed by|observed by)\b|;`)
)

// sentenceMentions reads sentence i. prev are the mentions found so far.
func (x *docExtractor) sentenceMentions(i int, prev []Mention) []Mention {
	s := x.doc.Sentences[i]
	if s.Kind == parse.Heading {
		return nil
	}
	if s.Kind == parse.Caption && x.filePhoto(s.Text) {
		return nil
	}
	x.setSentence(i)
	toks := x.sentTokens[i]
	parties := x.parties()
	parties = append(parties, x.pluralRoles(toks, parties)...)
	parties = append(parties, x.numberedGroups(toks, prev)...)
	var out []Mention
	var described []party // people this sentence names by a description ("the Secretary-General")
	defer func() { x.remember(toks, append(described, parties...)) }()
	if len(x.triggers) == 0 {
		if s.Kind == parse.Caption {
			if m, ok := x.captionMention(i, parties); ok {
				out = append(out, m)
			}
		}
		return out
	}
	var triggers []trigger
	for _, t := range x.triggers {
		if !t.noun && !strings.Contains(t.text, " ") && nounBefore.MatchString(x.sentence[:t.start]) {
			continue // "the summit's host", "a host of": a noun, not the verb
		}
		if strings.HasSuffix(t.text, " by") && meetingNounBefore.MatchString(x.lower[:t.start]) {
			continue // "the summit hosted by Raisi": the host belongs to the summit told in the sentence
		}
		if t.noun && !t.round && !t.between && !t.subjects && !strings.HasSuffix(t.text, " with") && !determined(x.sentence[:t.start]+t.text) {
			continue // "the need for intra-Syrian talks" reports no meeting
		}
		triggers = append(triggers, t)
	}
	if len(triggers) == 0 {
		return out
	}
	cls := clausesOf(x.sentence, triggers)
	usedTheTwo := false
	cues := cueText(x.sentence, x.lower)
	reported := -1 // the last of the triggers that reported a meeting
	for k, t := range triggers {
		st, ok := status(cues, 0, t)
		if !ok {
			continue
		}
		c := clauseAt(cls, t.start)
		// A later verb starts another clause; a later noun ("hosted X for talks
		// in Antalya") is the same event and does not.
		next := c.end
		for _, u := range triggers[k+1:] {
			if (!u.noun && !prepositional(u) || anotherOccasion.MatchString(x.lower[:u.start])) && u.start < c.end {
				next = u.start
				break
			}
		}
		if cut := cutWords.FindStringIndex(x.lower[t.end:next]); cut != nil {
			next = t.end + cut[0]
		}
		if cut := asOthers.FindStringIndex(x.sentence[t.end:next]); cut != nil {
			next = t.end + cut[0]
		}
		objectEnd := next
		if cut := clauseVerb.FindStringIndex(x.lower[t.end:next]); t.noun && cut != nil {
			objectEnd = t.end + cut[0] // "talks with the ELN began ... under Santos": the noun phrase ends at its verb
		}
		if cut := sidelines.FindStringIndex(x.lower[t.end:objectEnd]); cut != nil {
			objectEnd = t.end + cut[0] // "met Putin on the sidelines of a summit hosted by Raisi"
		}
		// "Saudi Arabia hosted talks between Russian and American officials":
		// the host is a party too
		hostsTalks := t.between && hostVerbBefore.MatchString(x.lower[c.start:t.start])
		var chosen []party
		for _, p := range parties {
			ps, pe := toks[p.first].start, toks[p.last].end
			inObject := ps >= t.end && pe <= objectEnd && !bareNoun(t) && (!t.signing || strings.HasSuffix(t.text, " by"))
			// "Borrell said the two leaders would meet": the speaker is not a party
			// ("X said he met Y": then he is)
			// ("Blinken told reporters after meeting Wang": he met Wang)
			inSubject := (!t.between || hostsTalks) && c.inSubject(ps, pe, t) &&
				!(pe < t.start && reportingVerb.MatchString(x.lower[pe:t.start]) && !pronounSubject.MatchString(x.lower[pe:t.start]) && !participle(t))
			// "resumed following the Xi-Biden meeting", "the first DPRK-Russia summit"
			inTrigger := ps >= t.start && pe <= t.end || t.noun && pe <= t.start && t.start-pe <= 1
			if (inObject || inSubject || inTrigger) && !p.excluded() {
				chosen = append(chosen, p)
			}
		}
		if len(out) > 0 && reported >= 0 && triggers[reported].noun && strings.HasSuffix(t.text, " by") &&
			strings.HasSuffix(strings.TrimSpace(x.lower[:t.start]), ",") {
			// "talks in Madrid between A, B and C, hosted by D": D joins those talks
			hosts := slices.DeleteFunc(chosen, func(p party) bool { return toks[p.first].start < t.end })
			out[len(out)-1].join(hosts)
			continue
		}
		if t.visit {
			// The visitors are the subject; the host is the leader of the place visited.
			visitors := slices.DeleteFunc(chosen, func(p party) bool { return toks[p.first].start >= t.start })
			host, ok := x.hostOf(x.sentence[t.end:next], visitors)
			if st != parley.StatusPlanned || !ok {
				continue // "travelled to Kyiv to visit troops": no host, no meeting
			}
			chosen = append(visitors, host)
		}
		if t.needsParty && !partyFollows(toks, chosen, t) {
			continue
		}
		if reported >= 0 && triggers[reported].start >= c.start && !c.prefix && !hasObject(toks, chosen, t) && !anotherOccasion.MatchString(x.lower[:t.start]) {
			// "met ... and agreed, according to a statement published after the
			// talks": the same meeting, whose day and place may come later
			// ("shook hands and held talks in Singapore on Saturday")
			if m := &out[len(out)-1]; m.Date.Precision == parley.PrecisionNone && m.Index == i {
				m.Date = x.dateFor(i, t, st, next)
			}
			if m := &out[len(out)-1]; m.Place == nil && m.Index == i {
				m.Place, m.PlaceText, m.PlaceBasis = x.placeFor(i, t, next)
			}
			continue
		}
		byDescription := append(x.describedParties(toks, chosen), x.pluralDescribed(toks, chosen)...)
		described = append(described, byDescription...)
		chosen = append(chosen, byDescription...)
		var hosts []party
		if hostsTalks {
			hosts = slices.DeleteFunc(slices.Clone(chosen), func(p party) bool { return toks[p.first].start >= t.start })
		}
		chosen = x.admitCountries(chosen, t)
		for _, h := range hosts {
			if !slices.ContainsFunc(chosen, func(p party) bool { return p.name == h.name }) {
				chosen = append(chosen, h) // a host is no qualifier of the sides it hosts
			}
		}
		if t.round && len(distinct(chosen)) < 2 && st == parley.StatusPlanned {
			chosen = x.roundParties(i, roundName(x.sentence, t))
		}
		if t.round && len(distinct(chosen)) < 2 && st == parley.StatusHeld && cityNamedMeeting.MatchString(x.lower[:t.end]) {
			// "The Hanoi meeting in February ended without agreement": a
			// meeting of the people the article is about, named by its city,
			// unless the article told a meeting there already
			earlier := append(prev[:len(prev):len(prev)], out...)
			city := roundName(x.sentence, t)
			if slices.ContainsFunc(earlier, func(m Mention) bool { return m.Place != nil && m.Place.Name == city }) {
				x.toldAgain = i
				continue
			}
			chosen = mostTold(earlier)
		}
		named := len(distinct(chosen)) >= 2
		// "the talks", "the conversation with Putin": the meeting told before.
		// With both its parties named, only "the" points back ("told him
		// that talks between A and B ..." opens another); the trigger may
		// hold the determiner.
		definite := !named && definiteBefore.MatchString(x.lower[:t.start]) ||
			named && strings.HasSuffix(x.lower[:t.start]+firstWord(t.text)+" ", " the ")
		if t.noun && !t.round && definite && !anotherMeeting.MatchString(x.sentence[c.start:next]) {
			// an office resolved by the registry may be a bystander ("Turkey's
			// foreign minister described the talks as civilised")
			certain := slices.DeleteFunc(slices.Clone(chosen), func(p party) bool { return p.byOffice })
			a := lastAmong(append(prev[:len(prev):len(prev)], out...), certain, i)
			if a != nil && (!named || sameAs(a.Parties, distinct(chosen))) {
				x.toldAgain = i
				continue
			}
		}
		if len(distinct(chosen)) < 2 && !usedTheTwo && !t.round && !t.signing && theTwo.MatchString(x.lower) && !twoCountries.MatchString(x.lower) {
			usedTheTwo = true
			chosen = x.theTwo(i, prev, out, chosen)
		}
		if len(distinct(chosen)) < 2 && (pronounSubject.MatchString(x.lower[c.start:t.start]) || pronounObject.MatchString(x.lower[t.end:])) {
			if p, ok := x.focus(toks, t, chosen); ok {
				chosen = append(chosen, p)
			}
		}
		ps := distinct(chosen)
		if !slices.ContainsFunc(ps, func(p party) bool { return p.kind == parley.PartyPerson && p.role != "" }) && sportsWords.MatchString(x.lower) {
			continue // "The two sides had met in the group stage": teams, not governments
		}
		if len(ps) < 2 || !anyPublicActor(ps, t) || t.signing && slices.ContainsFunc(ps, func(p party) bool { return p.kind == parley.PartyCountry }) {
			continue // countries that "signed an agreement" did not necessarily meet
		}
		for part, group := range x.separately(toks, t, next, ps) {
			m := x.mention(i, t, st, group, next, append(prev[:len(prev):len(prev)], out...))
			m.Part = part
			out = append(out, m)
		}
		reported = k
	}
	return out
}

// clause is a stretch of a sentence with its own subject: sentences join
// clauses with ", and", ", but", ";" and open with adverbials ("Before the
// meeting with Biden, Lula received ...").
type clause struct {
	start, end int // byte offsets
	// subjectEnd is where the clause's subject ends: its first verb (or
	// noun-with) trigger.
	subjectEnd int
	// subject is borrowed from another clause: the previous one when this one
	// starts with its verb ("X met A, and held talks with B"), the main one
	// for a fronted adverbial.
	borrowStart, borrowEnd int
	prefix                 bool
}

var (
	clauseJoint = pattern.MustCompile(`,\s+(?:and|but|while|whereas|although)\s+|;\s+|,\s+after which\s+`)
	frontedPP   = pattern.MustCompile(`^(?:Before|After|During|Ahead of|Following|At the end of|On the sidelines of|In the course of)\b[^,]{0,140},\s+`)
)

// clausesOf splits a sentence into clauses and finds where each one's
// subject is.
func clausesOf(sentence string, triggers []trigger) []clause {
	var cuts []int
	if m := frontedPP.FindStringIndex(sentence); m != nil {
		cuts = append(cuts, m[1])
	}
	joints := clauseJoint.FindAllStringIndex(sentence, -1)
	for k, m := range joints {
		if andWithAt.MatchString(sentence[m[0]:]) {
			continue // "held talks with A, the summit's host, and with B": one clause, two meetings
		}
		// ", and" joins clauses only after a verb; before one it joins the
		// parts of the subject ("Petro, and the ex-president Uribe, met").
		for _, t := range triggers {
			if t.end <= m[0] && !bareNoun(t) {
				if !lastOfList(sentence, t, m, joints[k+1:], triggers) {
					cuts = append(cuts, m[1])
				}
				break
			}
		}
	}
	sort.Ints(cuts)
	var cls []clause
	start := 0
	for _, c := range append(cuts, len(sentence)) {
		if c <= start {
			continue
		}
		cls = append(cls, clause{start: start, end: c, borrowStart: -1})
		start = c
	}
	if len(cls) == 0 {
		cls = []clause{{start: 0, end: len(sentence), borrowStart: -1}}
	}
	for i := range cls {
		c := &cls[i]
		c.subjectEnd = c.end
		for _, t := range triggers {
			if t.start >= c.start && t.start < c.end && !bareNoun(t) {
				c.subjectEnd = t.start
				break
			}
		}
	}
	if m := frontedPP.FindStringIndex(sentence); m != nil && len(cls) > 1 && cls[0].end == m[1] {
		cls[0].prefix = true
		cls[0].borrowStart, cls[0].borrowEnd = cls[1].start, cls[1].subjectEnd
	}
	for i := 1; i < len(cls); i++ {
		if strings.TrimSpace(sentence[cls[i].start:cls[i].subjectEnd]) == "" {
			cls[i].borrowStart, cls[i].borrowEnd = cls[i-1].start, cls[i-1].subjectEnd
		}
	}
	return cls
}

// lastOfList reports whether the joint m after trigger t ends a list of
// its objects ("signed by A, the Saudi adviser, B, the secretary of the
// council, and C, China's top diplomat"): commas stand between the
// trigger and the joint, a capital follows it, and no other trigger
// comes before the next joint.
func lastOfList(sentence string, t trigger, m []int, later [][]int, triggers []trigger) bool {
	if !strings.HasPrefix(sentence[m[0]:], ", and ") || !strings.Contains(sentence[t.end:m[0]], ",") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(sentence[m[1]:]); !unicode.IsUpper(r) {
		return false
	}
	end := len(sentence)
	if len(later) > 0 {
		end = later[0][0]
	}
	return !slices.ContainsFunc(triggers, func(u trigger) bool { return u.start >= m[1] && u.start < end })
}

func clauseAt(cls []clause, pos int) clause {
	for _, c := range cls {
		if pos >= c.start && pos < c.end {
			return c
		}
	}
	return cls[len(cls)-1]
}

// inSubject reports whether a party at bytes [ps, pe) is a subject of
// trigger t in this clause.
func (c clause) inSubject(ps, pe int, t trigger) bool {
	if bareNoun(t) && !t.round && !t.subjects {
		// only the parties inside the noun phrase: "the Lavrov-Blinken
		// meeting", "Modi's talks"
		return ps >= c.start && pe <= t.start && t.start-pe <= 8
	}
	if bareNoun(t) {
		// "Iran, Russia and Turkey during the Astana talks", "Biden and Xi at
		// their summit", "agreed after six hours of talks"
		return ps >= c.start && pe <= t.start
	}
	end := min(c.subjectEnd, t.start)
	if ps >= c.start && pe <= end {
		return true
	}
	return c.borrowStart >= 0 && ps >= c.borrowStart && pe <= c.borrowEnd
}

// anotherOccasion ends the text before a meeting counted from the one the
// clause reports: "met Lukashenko on Friday, two days after his talks with
// Erdogan".
var anotherOccasion = pattern.MustCompile(`\b(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?) (?:after|before)\s+(?:(?:his|her|their|the)\s+)?(?:[a-z-]+\s+)?$`)

// hostVerbBefore ends the text before talks that the clause's subject
// hosted or brokered.
var hostVerbBefore = pattern.MustCompile(`\b(?:hosted|hosts|hosting|brokered|brokers|mediated|mediates|convened|convenes)\s+(?:[a-z-]+\s+){0,2}$`)

// participle reports "after meeting", "before meeting": its subject is the
// clause's, even when that clause reports speech.
func participle(t trigger) bool {
	return strings.HasSuffix(t.text, " meeting") && !t.noun
}

// prepositional reports a trigger that is a prepositional phrase ("over
// dinner", "at a lunch"): it goes on about the clause's meeting rather than
// starting a clause of its own.
func prepositional(t trigger) bool {
	w := firstWord(t.text)
	return w == "over" || w == "at" || w == "during"
}

// bareNoun reports a meeting noun with no "with" or "between" of its own:
// its parties come before it ("the Lavrov-Blinken meeting") or from context.
func bareNoun(t trigger) bool {
	return t.noun && !t.between && !strings.HasSuffix(t.text, " with")
}

var determiner = pattern.MustCompile(`(?i:\b(?:the|a|an|their|this|that|his|her|its)\s+(?:[a-z-]+\s+){0,2}(?:meeting|meetings|talks|negotiations|summit|call|conversation|consultations|videoconference|encounter)?$)|\b[A-Z][\p{L}]+-[A-Z][\p{L}]+\s+$`)

// determined reports whether a bare meeting noun is introduced as a
// particular meeting ("the meeting", "their talks", "the Lavrov-Blinken
// meeting") rather than talked about in general ("the need for talks").
func determined(before string) bool {
	if len(before) > 40 {
		before = before[len(before)-40:]
	}
	return determiner.MatchString(before)
}

func persons(ps []party) int {
	n := 0
	for _, p := range ps {
		if p.kind == parley.PartyPerson {
			n++
		}
	}
	return n
}

// anyPublicActor reports whether a party is an official or a body: a
// meeting needs one ("the three Jamaicans had met since the Games" is sport).
func anyPublicActor(ps []party, t trigger) bool {
	if diplomaticTrigger.MatchString(t.text) {
		return true // summits and talks are held by public actors
	}
	for _, p := range ps {
		if p.kind != parley.PartyPerson || p.role != "" {
			return true
		}
	}
	return false
}

// clauseVerb is a verb that ends the noun phrase of a meeting noun: what
// follows it is the rest of the clause, not the meeting's parties.
var clauseVerb = pattern.MustCompile(`\b(?:was|were|is|are|has|have|had|will|would|began|begins|ended|ends|opened|opens|resumed|resumes|collapsed|stalled|continued|continues|failed|lasted|took|produced|led|focused|broke)\b`)

// sidelines opens the occasion of a meeting, whose people are not its parties.
var sidelines = pattern.MustCompile(`\bon the (?:sidelines|margins|fringes) of\b`)

// reportingVerb introduces reported speech.
var reportingVerb = pattern.MustCompile(`\b(?:said|says|told|added)\b`)

// meetingNounBefore ends the text before a participle that describes a
// meeting noun.
var meetingNounBefore = pattern.MustCompile(`\b(?:summit|talks|meeting|conference|dinner|lunch|negotiations|round)\s+$`)

// nounBefore ends the text before a word that a determiner makes a noun.
// (\b would split "Erdoğan" before "an": Go's \b knows only ASCII letters.)
var nounBefore = pattern.MustCompile(`(?:(?:^|\s)(?:the|a|an|its|their)|['’]s)\s+$`)

// sportsWords tell a match between national teams from a meeting of
// their governments.
var sportsWords = pattern.MustCompile(`\b(?:goals?|scored|victory over|defeat(?:ed)? by|beat|match(?:es)?|fixture|group stage|quarter-?finals?|semi-?finals?|final whistle|cup|league|tournament|championship|striker|midfielder|goalkeeper|coach|stadium|penalt(?:y|ies)|kick-off|olympics?)\b`)

var diplomaticTrigger = pattern.MustCompile(`summit|talks|negotiations|consultations|audience`)

// andWith introduces a second counterpart met on its own: "held talks with
// A, the summit's host, and with B".
var (
	andWith   = pattern.MustCompile(`,?\s+and\s+(?:then\s+|later\s+|also\s+)?with\b`)
	andWithAt = pattern.MustCompile(`^` + andWith.String())
)

var separatelyRe = pattern.MustCompile(`\bseparately\b|\bin separate (?:meetings|talks)\b`)

// separately splits "X met A and B separately" into one meeting per
// counterpart; otherwise the parties form one meeting.
func (x *docExtractor) separately(toks []token, t trigger, clauseEnd int, ps []party) [][]party {
	if !separatelyRe.MatchString(x.lower[t.start:clauseEnd]) && !andWith.MatchString(x.lower[t.end:clauseEnd]) {
		return [][]party{ps}
	}
	var subject, objects []party
	for _, p := range ps {
		if p.first < len(toks) && toks[p.first].start >= t.end && !p.resolved {
			objects = append(objects, p)
		} else {
			subject = append(subject, p)
		}
	}
	if len(subject) == 0 || len(objects) < 2 {
		return [][]party{ps}
	}
	var out [][]party
	for _, o := range objects {
		out = append(out, append(append([]party(nil), subject...), o))
	}
	return out
}

// hasObject reports whether a party stands after the trigger.
func hasObject(toks []token, ps []party, t trigger) bool {
	for _, p := range ps {
		if toks[p.first].start >= t.end {
			return true
		}
	}
	return false
}

var (
	// twoCountries are the "two" of countries, not of the people who met.
	twoCountries   = pattern.MustCompile(`\bthe two (?:countries|nations|states|governments|capitals|economies|neighbou?rs)\b`)
	pronounSubject = pattern.MustCompile(`\b(?:he|she)\s+(?:\w+\s+){0,4}$`)
	pronounObject  = pattern.MustCompile(`^\s+(?:him|her)\b`)
)

// theTwo resolves "the two (sides)" and "the four leaders": the parties of
// the meeting reported just before, or else the two people the article
// named last.
func (x *docExtractor) theTwo(i int, prev, cur []Mention, have []party) []party {
	all := append(append([]Mention(nil), prev...), cur...)
	if m := theSeveral.FindStringSubmatch(x.lower); m != nil {
		// "the four leaders": the latest meeting of that many, not far back
		n := numberWords[m[1]]
		for k := len(all) - 1; k >= 0 && i-all[k].Index <= 6; k-- {
			if ps := partiesOf(all[k]); len(ps) == n {
				return ps
			}
		}
		return have
	}
	fits := x.theTwoFits()
	if len(all) > 0 {
		if last := all[len(all)-1]; i-max(last.Index, x.toldAgain) <= 3 {
			ps := partiesOf(last)
			if two := slices.DeleteFunc(slices.Clone(ps), func(p party) bool { return !fits(p) }); len(ps) > 2 && len(two) == 2 {
				return two // "the two leaders" of a meeting that had an envoy too
			}
			return ps
		}
	}
	if len(have) > 0 {
		return have
	}
	// "the two ministers": the last two people named whose role fits.
	// "Both sides" are not two people.
	if m := theTwo.FindStringSubmatch(x.lower); m != nil && (m[1] == "sides" || m[1] == "delegations") {
		return have
	}
	var picked []party
	for k := len(x.recent) - 1; k >= 0 && len(picked) < 2; k-- {
		if fits(x.recent[k]) {
			picked = append(picked, x.recent[k])
		}
	}
	if len(picked) < 2 {
		return have
	}
	return picked
}

// theTwoFits tells whether a person fits the noun of "the two ministers",
// "the two leaders" in the sentence being read.
func (x *docExtractor) theTwoFits() func(party) bool {
	fits := func(p party) bool { return true }
	if m := theTwo.FindStringSubmatch(x.lower); m != nil && m[1] != "" {
		noun := strings.TrimSuffix(m[1], "s")
		fits = func(p party) bool {
			role := p.role
			switch noun {
			case "leader", "president", "heads of state":
				return headRole(role)
			case "minister":
				return strings.Contains(role, "minister") && !headRole(role) || strings.Contains(role, "secretary")
			case "envoy":
				return strings.Contains(role, "envoy") || strings.Contains(role, "representative")
			case "diplomat":
				return strings.Contains(role, "foreign minister") || strings.Contains(role, "envoy") ||
					strings.Contains(role, "ambassador") || strings.Contains(role, "secretary of state") || strings.Contains(role, "diplomat")
			case "official":
				return role != "" && !headRole(role)
			}
			return true
		}
	}
	return fits
}

// hostOf finds who receives a visit to the place that opens text: the
// article's one leader (or else its one person) of that place's country.
func (x *docExtractor) hostOf(text string, have []party) (party, bool) {
	run := capRun.FindStringIndex(text)
	if run == nil || strings.TrimSpace(text[:run[0]]) != "" {
		return party{}, false
	}
	country := ""
	if pl, ok := cityIn(text[run[0]:run[1]], true); ok {
		country = pl.Country
	} else if c, ok := refdata.CountryByName(text[run[0]:run[1]]); ok {
		country = c.ISO3
	} else {
		return party{}, false
	}
	if slices.ContainsFunc(have, func(p party) bool { return p.kind == parley.PartyPerson && p.country == country }) {
		return party{}, false // a visit at home
	}
	p, ok := x.leaderNamed(country)
	if !ok {
		p, ok = x.personByDescription(country, "", have)
	}
	if ok {
		return party{kind: parley.PartyPerson, name: p.name, reported: p.name, role: p.role, country: country, resolved: true}, true
	}
	if a, ok := x.registry.HolderOf(leaderOf(country), country, x.doc.Reference); ok && x.named(a.Name) {
		return party{kind: parley.PartyPerson, name: a.Name, reported: a.Name, role: leaderOf(country), country: country, resolved: true}, true
	}
	return party{}, false
}

// named reports whether the article names a person.
func (x *docExtractor) named(name string) bool {
	return slices.ContainsFunc(x.people, func(p person) bool { return sameName(p.name, name) })
}

// headRole reports a head of state or government, or a leader.
func headRole(role string) bool {
	for _, r := range []string{"president", "prime minister", "king", "emir", "chancellor", "leader", "premier", "crown prince", "sultan", "pope"} {
		if strings.Contains(role, r) {
			return true
		}
	}
	return false
}

// focus resolves "he" or "she" before a trigger to the person the text is
// about: the first person of the sentence before the pronoun, else the
// person last named.
func (x *docExtractor) focus(toks []token, t trigger, have []party) (party, bool) {
	taken := func(p party) bool {
		for _, h := range have {
			if h.kind == parley.PartyPerson && sameName(h.name, p.name) {
				return true
			}
		}
		return false
	}
	for _, p := range x.parties() {
		if p.kind != parley.PartyPerson || toks[p.first].start >= t.start || p.excluded() {
			continue
		}
		if toks[p.first].start < pronounBefore(toks, t.start) {
			// "Amir-Abdollahian is in New York, where he is expected to hold
			// meetings": he is the one named before him, maybe already a party
			return p, !taken(p)
		}
		if !taken(p) {
			return p, true
		}
	}
	if p := x.lastSubject; p.name != "" && !taken(p) {
		return p, true
	}
	for k := len(x.recent) - 1; k >= 0; k-- {
		if p := x.recent[k]; !taken(p) {
			return p, true
		}
	}
	return party{}, false
}

// pronounBefore is the byte offset of the last "he" or "she" that starts
// before byte offset end, or -1.
func pronounBefore(toks []token, end int) int {
	at := -1
	for _, tok := range toks {
		if tok.start < end && (tok.lower == "he" || tok.lower == "she") {
			at = tok.start
		}
	}
	return at
}

// filePhoto reports a caption dated more than a week before the article:
// a file photo of another story ("X meets Y in Tehran, November 29, 2022").
func (x *docExtractor) filePhoto(caption string) bool {
	if !x.doc.Reference.Valid() {
		return false
	}
	for _, e := range dates.Find(caption) {
		if e.Kind != dates.FullDate {
			continue
		}
		if r := e.Resolve(x.doc.Reference, false); r.Date.Valid() && x.doc.Reference.Days()-r.Date.Days() > 7 {
			return true
		}
	}
	return false
}

// partyFollows reports whether a party stands right after a trigger that
// needs one ("received Ali Shamkhani", not "received a letter").
func partyFollows(toks []token, ps []party, t trigger) bool {
	for _, p := range ps {
		if toks[p.first].start < t.end {
			continue
		}
		from := t.end
		if passive(toks, t) {
			// "was received at the airport by President Isaias": the agent follows "by"
			for _, tok := range toks {
				if tok.lower == "by" && tok.start >= t.end && tok.end <= toks[p.first].start && tok.start-t.end < 60 {
					from = tok.end
				}
			}
		}
		gap, ok := 0, true
		for _, tok := range toks {
			if tok.start >= from && tok.end <= toks[p.first].start {
				gap++
				ok = ok && (leadsToName(tok) || adverbialWords[tok.lower])
			}
		}
		if ok && gap <= 18 {
			return true
		}
	}
	return false
}

// adverbialWords stand between a verb and its object in time and place
// phrases: "received yesterday in the Palace of the Revolution the President".
var adverbialWords = setOf("yesterday", "today", "here", "there", "on", "in", "at", "morning", "afternoon", "evening", "later", "also", "warmly")

// passive reports whether trigger t is a passive verb: "was received at the
// airport by President Isaias".
func passive(toks []token, t trigger) bool {
	for k := len(toks) - 1; k >= 0; k-- {
		if toks[k].end <= t.start {
			switch toks[k].lower {
			case "was", "were", "been", "being", "is", "are":
				return true
			}
			return false
		}
	}
	return false
}

// leadsToName reports whether a word can stand between a verb and the
// name of its object: "received his Iranian counterpart, Foreign Minister X".
func leadsToName(t token) bool {
	if t.capitalised() || t.text == "," || titleWords[strings.TrimSuffix(t.lower, ".")] {
		return true
	}
	switch t.lower {
	case "the", "a", "an", "his", "her", "their", "its", "visiting", "counterpart", "counterparts", "new", "outgoing", "top", "former", "of", "for", "to", "and":
		return true
	}
	return false
}

// admitCountries keeps countries and governments as parties only where
// they act as one: with no person or delegation of theirs in the meeting,
// and for bare nouns ("talks") only in a named round of three or more.
func (x *docExtractor) admitCountries(ps []party, t trigger) []party {
	// Two or more people (or delegations) of the meeting make the
	// countries named beside them qualifiers; organisations do not.
	people := 0
	for _, p := range distinct(ps) {
		if p.kind == parley.PartyPerson || p.kind == parley.PartyDelegation {
			people++
		}
	}
	countries := 0
	for _, p := range ps {
		if p.kind == parley.PartyCountry {
			countries++
		}
	}
	bareNoun := t.noun && !strings.HasSuffix(t.text, " with") && !t.between
	var out []party
	for _, p := range ps {
		if p.kind == parley.PartyCountry {
			if people >= 2 || bareNoun && (!t.round || countries < 3) {
				continue
			}
			covered := false
			for _, q := range ps {
				if (q.kind == parley.PartyPerson || q.kind == parley.PartyDelegation) && q.country == p.country {
					covered = true
				}
			}
			if covered {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// roundParties finds the countries of a planned round of talks that its
// own sentence does not name ("the upcoming Astana peace talks scheduled
// for September 14-15"): in the next sentence when it goes on about them
// ("The discussions, brokered by Russia and Turkey, ..."), else in the
// nearest sentence that names the round.
func (x *docExtractor) roundParties(i int, name string) []party {
	countries := func(j int) []party {
		var cs []party
		for _, p := range x.findPartiesIn(j) {
			if p.kind == parley.PartyCountry && !p.topic {
				cs = append(cs, p)
			}
		}
		if len(distinct(cs)) < 2 {
			return nil
		}
		return cs
	}
	if i+1 < len(x.doc.Sentences) && anaphoricTalks.MatchString(x.doc.Sentences[i+1].Text) {
		if cs := countries(i + 1); cs != nil {
			return cs
		}
	}
	if name == "" {
		return nil
	}
	for d := 1; d < len(x.doc.Sentences); d++ {
		for _, j := range []int{i + d, i - d} {
			if j < 0 || j >= len(x.doc.Sentences) || x.doc.Sentences[j].Kind == parse.Heading || !strings.Contains(x.doc.Sentences[j].Text, name) {
				continue
			}
			if cs := countries(j); cs != nil {
				return cs
			}
		}
	}
	return nil
}

var anaphoricTalks = pattern.MustCompile(`^(?:The|These|Those|Such)\s+(?:talks|discussions|negotiations|meetings?|summit|consultations|round)\b`)

func (x *docExtractor) findPartiesIn(j int) []party {
	saved, savedLower, savedTrig, savedTok, savedIndex := x.sentence, x.lower, x.triggers, x.tokenTrig, x.index
	defer func() {
		x.sentence, x.lower, x.triggers, x.tokenTrig, x.index = saved, savedLower, savedTrig, savedTok, savedIndex
	}()
	x.setSentence(j)
	return x.parties()
}

// captionMention reads a caption of the article's own story that shows two
// or more parties together ("Russian envoy Alexander Lavrentiev and senior
// Iranian official Ali Shamkhani in Tehran on Sunday"): a photo of a meeting.
func (x *docExtractor) captionMention(i int, parties []party) (Mention, bool) {
	var ps []party
	for _, p := range parties {
		if p.kind == parley.PartyPerson && !p.excluded() {
			ps = append(ps, p)
		}
	}
	ps = distinct(ps)
	if len(ps) < 2 {
		return Mention{}, false
	}
	m := x.mention(i, trigger{mode: parley.ModeInPerson}, parley.StatusHeld, ps, len(x.sentence), nil)
	m.Caption = true
	m.Confidence = 0.5
	return m, true
}

// distinct drops repeated parties: the same person named twice, and a
// delegation or government whose person is already a party.
func distinct(ps []party) []party {
	var out []party
	for _, p := range ps {
		dup := false
		for k, q := range out {
			if p.kind == parley.PartyPerson && q.kind == parley.PartyPerson && sameName(p.name, q.name) ||
				p.kind == parley.PartyOrganisation && q.kind == parley.PartyOrganisation && strings.EqualFold(p.name, q.name) ||
				(p.kind == parley.PartyCountry || p.kind == parley.PartyDelegation) && p.kind == q.kind && p.country == q.country {
				dup = true
				if out[k].role == "" {
					out[k].role = p.role
				}
				if out[k].country == "" {
					out[k].country = p.country
				}
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	var kept []party
	for _, p := range out {
		if p.kind == parley.PartyDelegation || p.kind == parley.PartyCountry {
			covered := false
			for _, q := range out {
				if q.kind == parley.PartyPerson && q.country == p.country && p.country != "" {
					covered = true
				}
			}
			if covered {
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// remember keeps the persons a sentence names, most recent last, for "the
// two" and pronouns in later sentences. The sentence's subject is the first
// person it names or describes, unless a pronoun comes first: "he" carries
// the subject over from the sentence before.
func (x *docExtractor) remember(toks []token, ps []party) {
	subject := -1
	for k, p := range ps {
		if p.kind == parley.PartyPerson && !p.excluded() && (subject < 0 || p.first < ps[subject].first) {
			subject = k
		}
	}
	if subject >= 0 && pronounBefore(toks, toks[ps[subject].first].start) < 0 {
		p := ps[subject]
		x.lastSubject = party{kind: p.kind, name: p.name, reported: p.reported, role: p.role, country: p.country}
	}
	for _, p := range ps {
		if p.kind != parley.PartyPerson || p.excluded() || p.resolved {
			continue
		}
		for k, q := range x.recent {
			if sameName(q.name, p.name) {
				x.recent = append(x.recent[:k], x.recent[k+1:]...)
				break
			}
		}
		x.recent = append(x.recent, party{kind: p.kind, name: p.name, reported: p.reported, role: p.role, country: p.country})
	}
}

func partiesOf(m Mention) []party {
	out := make([]party, len(m.Parties))
	for i, p := range m.Parties {
		out[i] = party{kind: p.Kind, name: p.Name, reported: p.NameAsReported, role: p.Role, country: p.Country}
	}
	return out
}

// mention assembles the mention of trigger t with its parties, date, place and topics.
func (x *docExtractor) mention(i int, t trigger, st string, ps []party, clauseEnd int, earlier []Mention) Mention {
	s := x.doc.Sentences[i]
	m := Mention{
		ArticleID: x.doc.ArticleID,
		Published: x.doc.Published,
		Sentence:  s.Text,
		Start:     s.Start,
		End:       s.End,
		Index:     i,
		Trigger:   t.start,
		Caption:   s.Kind == parse.Caption,
		Status:    st,
		Mode:      modeOf(x.lower, t),
	}
	if x.doc.Outlet != nil {
		m.Outlet = *x.doc.Outlet
	}
	m.join(ps)
	m.Date = x.dateFor(i, t, st, clauseEnd)
	m.Place, m.PlaceText, m.PlaceBasis = x.placeFor(i, t, clauseEnd)
	if t.noun && m.Date.Precision == parley.PrecisionNone && definiteBefore.MatchString(x.lower[:t.start]+firstWord(t.text)+" ") {
		x.fromIntroduction(&m, i, t) // "At the summit with Putin and Raisi, ...": the summit told before
	}
	if st == parley.StatusPlanned && m.PlaceBasis == PlaceInContext && anotherMeeting.MatchString(s.Text[:clauseEnd]) {
		// "would meet again next month": the sentences before place the meeting told there
		m.Place, m.PlaceText, m.PlaceBasis = nil, "", ""
	}
	if a := antecedent(m, earlier, x.doc.Sentences[i].Text[:clauseEnd]); a != nil {
		m.inherit(a)
	}
	if m.Date.Precision == parley.PrecisionDay {
		x.lastDate = m.Date
	}
	if m.Place != nil && m.Place.City && st == parley.StatusHeld {
		x.lastPlace = m.Place // a visit planned elsewhere is not where "also" happened
	}
	if (isCall(t) || m.Mode == parley.ModePhone || m.Mode == parley.ModeVideo) && m.PlaceBasis != PlaceInSentence {
		// a call joins two places: a city named nearby is where one side sat, at best
		m.Place, m.PlaceText, m.PlaceBasis = nil, "", ""
	}
	if m.Mode == parley.ModeUnknown && m.Place != nil && m.PlaceBasis != PlaceInDateline {
		m.Mode = parley.ModeInPerson
	}
	m.Topics = x.topicsFor(i)
	m.Confidence = confidence(t, ps, m)
	return m
}

// fromIntroduction dates and places a definite meeting noun ("the summit")
// by the latest sentence before that named such a meeting and dated it.
func (x *docExtractor) fromIntroduction(m *Mention, i int, t trigger) {
	noun := t.text
	if k := strings.LastIndexByte(noun, ' '); k >= 0 && (strings.HasSuffix(noun, " with") || strings.HasSuffix(noun, " between")) {
		noun = strings.TrimSpace(noun[:k])
	}
	if k := strings.LastIndexByte(noun, ' '); k >= 0 {
		noun = noun[k+1:]
	}
	for j := i - 1; j >= 0; j-- {
		s := x.doc.Sentences[j]
		if s.Kind == parse.Heading || !strings.Contains(strings.ToLower(s.Text), noun) {
			continue
		}
		r, ok := x.closestDate(s.Text, strings.Index(strings.ToLower(s.Text), noun), false)
		if !ok || r.Precision != parley.PrecisionDay {
			return
		}
		m.Date = r
		if m.Place == nil {
			if p, text, ok := placeIn(s.Text, trigger{start: len(s.Text), end: len(s.Text)}, true); ok {
				m.Place, m.PlaceText, m.PlaceBasis = p, text, PlaceInContext
			}
		}
		return
	}
}

// anotherMeeting marks a sentence that reports a meeting other than the one
// just told: "met again", "their previous meeting", "a new round".
var anotherMeeting = pattern.MustCompile(`(?i)\b(?:again|another|next|previous|last|earlier|new|fresh|second|third|further|future|follow-up|first (?:met|spoke|time))\b`)

// antecedent returns the meeting a mention goes on telling about, when its
// own clause dates and places nothing: "The two leaders spoke for more than
// three hours" after "Scholz was received by Putin in the Kremlin on
// Tuesday". It is the latest meeting of the article among the same people.
func antecedent(m Mention, earlier []Mention, clause string) *Mention {
	if m.Date.Text != "" && strings.Contains(clause, m.Date.Text) || m.PlaceBasis == PlaceInSentence || anotherMeeting.MatchString(clause) {
		return nil
	}
	for k := len(earlier) - 1; k >= 0; k-- {
		a := &earlier[k]
		if a.Caption || m.Index-a.Index > contextSentences {
			return nil
		}
		if a.Status == m.Status && a.Index < m.Index && sameParties(a.Parties, m.Parties) {
			return a
		}
	}
	return nil
}

// definiteBefore ends the text before a noun that points back: "the talks",
// "their meeting".
var definiteBefore = pattern.MustCompile(`\b(?:the|that|this|their|these|those)\s+$`)

// lastAmong returns the latest meeting of the article, within a few
// sentences of sentence i, that has all the people in have.
func lastAmong(earlier []Mention, have []party, i int) *Mention {
	for k := len(earlier) - 1; k >= 0; k-- {
		a := &earlier[k]
		if a.Caption || i-a.Index > 4*contextSentences {
			return nil
		}
		if !slices.ContainsFunc(have, func(p party) bool {
			return p.kind == parley.PartyPerson && !slices.ContainsFunc(a.Parties, func(q Party) bool { return sameName(p.name, q.Name) })
		}) {
			return a
		}
	}
	return nil
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// sameAs reports whether a mention's parties are these parties.
func sameAs(a []Party, b []party) bool {
	return len(a) == len(b) && !slices.ContainsFunc(b, func(p party) bool {
		return !slices.ContainsFunc(a, func(q Party) bool { return sameName(p.name, q.Name) })
	})
}

func sameParties(a, b []Party) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(p Party) bool {
		return !slices.ContainsFunc(b, func(q Party) bool { return sameName(p.Name, q.Name) })
	})
}

// cityNamedMeeting ends with a single meeting named by its city: "the
// Hanoi meeting", "the Helsinki summit" (not "the Astana talks", a process).
var cityNamedMeeting = pattern.MustCompile(`\bthe\s+[a-z-]+\s+(?:meeting|summit)$`)

// mostTold returns the parties of the meetings an article tells most
// often, the latest on a tie: whom the article is about.
func mostTold(ms []Mention) []party {
	times := map[string]int{}
	var best *Mention
	bestTimes := 0
	for k := range ms {
		var key strings.Builder
		for _, p := range ms[k].Parties {
			key.WriteString(p.Name)
			key.WriteByte('|')
		}
		times[key.String()]++
		if n := times[key.String()]; n >= bestTimes {
			best, bestTimes = &ms[k], n
		}
	}
	if best == nil {
		return nil
	}
	return partiesOf(*best)
}

// join adds parties to a mention, each once, and keeps them in name order.
func (m *Mention) join(ps []party) {
	for _, p := range ps {
		if slices.ContainsFunc(m.Parties, func(q Party) bool { return q.Name == p.name }) {
			continue
		}
		m.Parties = append(m.Parties, Party{Name: p.name, NameAsReported: cmp.Or(p.reported, p.name), Role: p.role, Country: p.country, Kind: p.kind})
	}
	sort.Slice(m.Parties, func(a, b int) bool { return m.Parties[a].Name < m.Parties[b].Name })
}

// inherit takes the day and place of the meeting a mention goes on telling
// about.
func (m *Mention) inherit(a *Mention) {
	m.Date = a.Date
	m.Place, m.PlaceText, m.PlaceBasis = a.Place, a.PlaceText, PlaceInContext
	if m.Mode == parley.ModeUnknown {
		m.Mode = a.Mode
	}
}

func confidence(t trigger, ps []party, m Mention) float64 {
	c := 0.8
	switch {
	case m.Caption:
		c = 0.5
	case t.round && t.noun:
		c = 0.6
	case t.noun:
		c = 0.7
	}
	for _, p := range ps {
		if p.resolved {
			c -= 0.1
			break
		}
	}
	if m.Date.Precision == parley.PrecisionDay {
		c += 0.05
	}
	if m.Place != nil {
		c += 0.05
	}
	return min(max(c, 0.05), 0.95)
}

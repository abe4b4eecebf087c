package extract

import (
	"slices"
	"strings"
	"sync"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/internal/pattern"
)

// trigger is a word or phrase that reports a meeting: "met with", "held
// talks with", "a phone call between", "received".
type trigger struct {
	start, end int // byte offsets in the sentence
	text       string
	mode       string // parley.Mode*
	between    bool   // "talks between A and B": the parties are the pair that follows
	needsParty bool   // "received", "hosted": only a meeting when a party follows at once
	noun       bool   // "meeting", "talks", "summit": nominal reports
	round      bool   // "the Astana talks", "a fresh round of talks": a named or numbered round
	signing    bool   // a signing: its parties are the subject (the agents of a passive), never the object
	// subjects: a bare noun whose parties are the clause's subject ("at
	// their summit", "after six hours of talks").
	subjects bool
	// visit: a planned visit to a place, whose host is that country's
	// leader named in the article ("Moon agreed to visit Pyongyang").
	visit bool
}

type triggerPattern struct {
	re         *pattern.Regexp
	mode       string
	needsParty bool
	noun       bool
	loose      bool // words may stand between verb and noun: check them with looseFiller
	signing    bool // "A and B signed the agreement": a meeting only of a coordinated subject
	visit      bool
	// needs are groups of stems the pattern cannot match without: one of
	// each group must occur in the sentence. Checking them first is much
	// cheaper than running the pattern.
	needs [][]string
}

// stemIndex finds in one pass over a sentence which stems of the
// patterns' needs it holds: searching the sentence for each stem in turn
// cost more than the patterns.
type stemIndex struct {
	count       int
	byFirstByte [256][]numberedStem
	needs       [][][]int // triggerPatterns[k].needs, as stem numbers
}

type numberedStem struct {
	text string
	n    int
}

var triggerStems = sync.OnceValue(func() *stemIndex {
	x := &stemIndex{}
	numbers := map[string]int{}
	for _, p := range triggerPatterns {
		groups := make([][]int, len(p.needs))
		for g, group := range p.needs {
			for _, w := range group {
				n, ok := numbers[w]
				if !ok {
					n = len(numbers)
					numbers[w] = n
					x.byFirstByte[w[0]] = append(x.byFirstByte[w[0]], numberedStem{w, n})
				}
				groups[g] = append(groups[g], n)
			}
		}
		x.needs = append(x.needs, groups)
	}
	x.count = len(numbers)
	return x
})

// stemsIn reports, by number, which stems a lower-cased sentence holds.
func (x *stemIndex) stemsIn(lower string) []bool {
	held := make([]bool, x.count)
	for i := range len(lower) {
		for _, s := range x.byFirstByte[lower[i]] {
			// Most candidates fail on their last byte, which is cheaper
			// to compare than the whole stem.
			end := i + len(s.text)
			if end <= len(lower) && lower[end-1] == s.text[len(s.text)-1] && lower[i:end] == s.text {
				held[s.n] = true
			}
		}
	}
	return held
}

// possible reports whether pattern k can match a sentence holding these
// stems: one of each group of its needs.
func (x *stemIndex) possible(k int, held []bool) bool {
	for _, group := range x.needs[k] {
		if !slices.ContainsFunc(group, func(n int) bool { return held[n] }) {
			return false
		}
	}
	return true
}

// looseFiller are words that, between "held" or "have" and a meeting noun,
// make the phrase about something else.
var looseFiller = pattern.MustCompile(`\b(?:time|chance|opportunity|plans?|hopes?|any|no|enough|reason|right|need|power|authority|role|date)\b`)

const (
	ws   = `\s+`
	det  = `(?:(?:a|an|the|their|his|her|its|two|separate|another|first|second|new|fresh|brief|short|long|lengthy|closed-door|private|face-to-face|one-on-one|bilateral|trilateral|high-level|joint|telephone|phone|video|virtual|official|rare|sunday|monday|tuesday|wednesday|thursday|friday|saturday|previous|earlier|latest|last)\s+)*`
	with = `(?:\s+(?:with|between|among|to))`
)

// triggerPatterns are tried in order and a later match that overlaps an
// earlier one is dropped: verb phrases ("held a telephone conversation")
// come before the nouns inside them.
var triggerPatterns = []triggerPattern{
	{re: pattern.MustCompile(`\b(?:held|hold|holds|holding|had|have|has|having|conducted|conduct|concluded|began|begin|opened|start(?:ed)?|resumed|resume|wrapped up)\s+(?:[\w-]+\s+){0,5}?(?:talks|negotiations|consultations|meetings?|summit|summit talks|parleys?)` + with + `?\b`), mode: parley.ModeInPerson, loose: true, needs: [][]string{{"held", "hold", "had", "have", "has", "conduct", "conclud", "began", "begin", "opened", "start", "resum", "wrapped"}, {"talks", "negotiations", "consultations", "meeting", "summit", "parley"}}},
	{re: pattern.MustCompile(`\b(?:held|hold|holds|holding|had|have|has|having|conducted|conduct)\s+(?:[\w-]+\s+){0,4}?(?:discussions|conversations?|dialogue|calls?|(?:telephone|phone|video) conference)` + with + `?\b`), mode: parley.ModeUnknown, loose: true, needs: [][]string{{"held", "hold", "had", "have", "has", "conduct"}, {"discussions", "conversation", "dialogue", "call", "conference"}}},
	{re: pattern.MustCompile(`\b(?:spoke|spoken|speaks|speak|speaking|talked|talks|talk|talking|conferred|held (?:a )?(?:telephone|phone) (?:talks|conversation|call))(?:\s+\w+)?\s+(?:by|on the|over the|via)\s+(?:tele)?phone(?:\s+(?:with|to))?\b`), mode: parley.ModePhone, needs: [][]string{{"phone"}}},
	{re: pattern.MustCompile(`\b(?:received|receives|took|had|made|placed)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:tele)?phone call\s+(?:from|to|with)\b`), mode: parley.ModePhone, needs: [][]string{{"phone call"}}},
	{re: pattern.MustCompile(`\b` + det + `(?:tele)?phone(?:d)?\s+(?:call|calls|conversation|conversations|talks|conference)` + with + `?\b`), mode: parley.ModePhone, noun: true, needs: [][]string{{"phone"}}},
	{re: pattern.MustCompile(`\b(?:telephoned|phoned|rang)\b`), mode: parley.ModePhone, needsParty: true, needs: [][]string{{"phoned", "rang"}}},
	// "Blinken saw Netanyahu in Jerusalem" (notMeetings blocks "saw X as")
	{re: pattern.MustCompile(`\b(?:saw|had seen|has seen)\b`), mode: parley.ModeInPerson, needsParty: true, needs: [][]string{{"saw", "seen"}}},
	{re: pattern.MustCompile(`\b(?:held|hold|holds|holding|had|have|has)\s+(?:a\s+)?(?:video\s?(?:call|conference|link|talks)|videoconference|virtual (?:meeting|talks|summit))` + with + `?\b`), mode: parley.ModeVideo, needs: [][]string{{"video", "virtual"}}},
	{re: pattern.MustCompile(`\b` + det + `(?:video\s?(?:call|conference|link)|videoconference|virtual (?:meeting|talks|summit))` + with + `?\b`), mode: parley.ModeVideo, noun: true, needs: [][]string{{"video", "virtual"}}},
	{re: pattern.MustCompile(`\b(?:met|meet|meets)(?:\s+(?:separately|privately|briefly|again|later|earlier|jointly|today|yesterday|on \w+))?(?:\s+(?:with|up with))?\b|\bmeeting\s+(?:separately\s+|privately\s+)?(?:with|up with)\b`), mode: parley.ModeInPerson, needs: [][]string{{"met", "meet"}}},
	{re: pattern.MustCompile(`\b(?:sat down|sit down|sits down|conferred|confer|confers|consulted|consults|negotiated|negotiates|exchanged views|exchange views|shook hands|visited|visits)\s+with\b|\b(?:sat down|met|got|came) together\b|\bshook hands\b|\bco-chaired\b|\b(?:over|at a|during a|at a working)\s+(?:dinner|lunch|breakfast)\b|\b(?:hosted|gave|held|had|have|has|having)\s+(?:a\s+)?(?:working\s+|state\s+|private\s+)?(?:dinner|lunch|luncheon|breakfast|banquet)\s+(?:for|with|together)\b`), mode: parley.ModeInPerson, needs: [][]string{{"sat down", "sit down", "sits down", "confer", "consult", "negotiate", "views", "shook", "visit", "together", "co-chaired", "dinner", "lunch", "breakfast", "banquet"}}},
	// "Blinken and Wang talked for five hours", "exchanged views briefly": the subjects met
	{re: pattern.MustCompile(`\b(?:talked|conferred)\s+(?:for\s+(?:about\s+|more than\s+|nearly\s+|almost\s+|over\s+|some\s+)?(?:an?|one|two|three|four|five|six|seven|eight|\d+|several)\s+(?:hours?|minutes)|at length|privately|alone)\b|\bexchanged views\b`), mode: parley.ModeUnknown, needs: [][]string{{"talked", "conferred", "exchanged views"}}},
	// "stopped in Lahore, meeting his Pakistani counterpart": the participle
	{re: pattern.MustCompile(`(?:,|\b(?:before|after|while|then))\s+meeting\b`), mode: parley.ModeInPerson, needsParty: true, needs: [][]string{{"meeting"}}},
	{re: pattern.MustCompile(`\b(?:was|were)\s+signed(?:\s+(?:in|at|on)\s+[^.;,]{1,40}?)?\s+by\b`), mode: parley.ModeInPerson, signing: true, needs: [][]string{{"signed"}, {" by"}}},
	{re: pattern.MustCompile(`\bsigned\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,4}?(?:deal|agreement|accord|declaration|memorandum|treaty|communiqu[eé])\b`), mode: parley.ModeInPerson, signing: true, needs: [][]string{{"signed"}}},
	{re: pattern.MustCompile(`\bsummon(?:ed|s)?\b`), mode: parley.ModeInPerson, needsParty: true, needs: [][]string{{"summon"}}},
	{re: pattern.MustCompile(`\b(?:(?:was|were|is|are|been|being)\s+)?(?:received|hosted|welcomed|greeted)\s+by\b`), mode: parley.ModeInPerson, needs: [][]string{{" by"}, {"received", "hosted", "welcomed", "greeted"}}},
	{re: pattern.MustCompile(`\b(?:received|receives|receive|receiving|hosted|hosts|host|hosting|welcomed|welcomes|welcome|welcoming|greeted|greets|greet)\b`), mode: parley.ModeInPerson, needsParty: true, needs: [][]string{{"receiv", "host", "welcom", "greet"}}},
	{re: pattern.MustCompile(`\b(?:discussed|discusses|discuss|discussing)\b[^,.;]{0,80}?\bwith\b`), mode: parley.ModeUnknown, needsParty: true, needs: [][]string{{"discuss"}, {"with"}}},
	// "talks with" is left to the noun patterns: "peace talks with the ELN".
	{re: pattern.MustCompile(`\b(?:talked|talk|talking|spoke|spoken|speaks|speak|speaking)(?:\s+briefly)?\s+(?:with|to)\b`), mode: parley.ModeUnknown, needsParty: true, needs: [][]string{{"talk", "spok", "speak"}}},
	{re: pattern.MustCompile(`\b(?:had|have|has)\s+(?:last\s+)?(?:spoken|talked)(?:\s+(?:with|to)\b|\s+(?:by|on the|over the)\s+(?:tele)?phone\b|\s+(?:on|in|last|since|for|twice|again|briefly)\b)`), mode: parley.ModeUnknown, needs: [][]string{{"spoken", "talked"}}},
	{re: pattern.MustCompile(`\b` + det + `(?:meeting|meetings|talks|negotiations|consultations|summit|encounter|tête-à-tête|tete-a-tete|audience|round of talks|round of negotiations)(?:\s+in\s+[\w-]+(?:\s+[\w-]+)?)?` + with + `\b`), mode: parley.ModeInPerson, noun: true, needs: [][]string{{" with", " between", " among", " to"}, {"meeting", "talks", "negotiations", "consultations", "summit", "encounter", "tête", "tete", "audience"}}},
	{re: pattern.MustCompile(`\b` + det + `(?:discussions|conversation|dialogue)` + with + `\b`), mode: parley.ModeUnknown, noun: true, needs: [][]string{{" with", " between", " among", " to"}, {"discussions", "conversation", "dialogue"}}},
	{re: pattern.MustCompile(`\b(?:summit|meeting|talks|negotiations)\b`), mode: parley.ModeInPerson, noun: true, needs: [][]string{{"summit", "meeting", "talks", "negotiations"}}},
	{re: pattern.MustCompile(`\b(?:to visit|to pay (?:a|an) (?:[\w-]+\s+){0,2}?visit to|will visit|will pay (?:a|an) (?:[\w-]+\s+){0,2}?visit to)\s`), mode: parley.ModeInPerson, visit: true, needs: [][]string{{"visit"}}},
}

// notMeetings are idioms with a meeting word that report no meeting.
var notMeetings = pattern.MustCompile(`\b(?:met|meet|meets|meeting)\s+(?:(?:the|its|their|his|her|all|these|those|our|some|most|both)\s+)?(?:[a-z-]+\s+)?(?:deadlines?|targets?|goals?|demands?|requirements?|criteria|expectations?|standards?|thresholds?|obligations?|conditions?|needs?|quotas?|benchmarks?|commitments?|challenges?|costs?|payroll|end|fate|match|death)\b` +
	`|\bmet\s+with\s+(?:\w+\s+)?(?:criticism|protests?|resistance|skepticism|scepticism|opposition|approval|applause|anger|outrage|condemnation|silence|derision|praise|backlash|dismay|concern|fury|alarm|suspicion|success|failure|disapproval|enthusiasm|hostility|indifference|ridicule|scorn|violence|force|tear gas|gunfire|rejection|acclaim|delight|relief|surprise|mixed|little|some|much|widespread|strong|fierce|stiff|heavy)\b` +
	`|\b(?:talks|meeting|summit|negotiations)\s+(?:were|was|is|are)\s+meeting\b` +
	`|\b(?:saw|seen)\b[^.;,]{0,60}?\b(?:as|fit|off|through|coming|in (?:person|the flesh|a new light))\b|\b(?:saw|seen)\s+(?:it|this|that|them|him|her|no|the|a|an|little|much|more|less)\b` +
	`|\b(?:track|swim|swimming|athletics|indoor|outdoor|field|gymnastics|wrestling|diving|cross-country)\s+meets?\b|\bmeet-and-greet\b|\bmeeting (?:point|room|place|hall)\b|\bmeets the eye\b|\bmake ends meet\b`)

// findTriggers returns the meeting triggers of a sentence, leftmost first,
// without overlaps.
func findTriggers(sentence string) []trigger {
	lower := strings.ToLower(sentence)
	out := []trigger{}
	var blocked [][]int
	if strings.Contains(lower, "met") || strings.Contains(lower, "meet") || strings.Contains(lower, "saw") || strings.Contains(lower, "seen") {
		blocked = notMeetings.FindAllStringIndex(lower, -1)
	}
	overlaps := func(s, e int) bool {
		for _, t := range out {
			if s < t.end && e > t.start {
				return true
			}
		}
		for _, b := range blocked {
			if s < b[1] && e > b[0] {
				return true
			}
		}
		return false
	}
	stems := triggerStems()
	held := stems.stemsIn(lower)
	for k, p := range triggerPatterns {
		if !stems.possible(k, held) {
			continue
		}
		for _, m := range p.re.FindAllStringIndex(lower, -1) {
			if overlaps(m[0], m[1]) {
				continue
			}
			text := lower[m[0]:m[1]]
			if p.loose && looseFiller.MatchString(text) {
				continue // "would have more time for other useful meetings"
			}
			t := trigger{start: m[0], end: m[1], text: text, mode: p.mode, needsParty: p.needsParty, noun: p.noun, signing: p.signing, visit: p.visit}
			t.between = strings.HasSuffix(text, " between") || strings.HasSuffix(text, " among")
			t.round = p.noun && roundName(sentence, t) != ""
			t.subjects = p.noun && (subjectNoun.MatchString(lower[:m[0]]) || isCall(t) && callOf.MatchString(lower[:m[0]]))
			out = append(out, t)
		}
	}
	sortTriggers(out)
	return out
}

// A named round of talks: "the Astana peace talks", "talks in Geneva", "the
// Astana format".
var (
	roundBefore = pattern.MustCompile(`([A-Z][a-z]+)(?:\s+(?:peace|political|security|nuclear))?\s*$`)
	roundAfter  = pattern.MustCompile(`^(?:\s+(?:peace|political))?(?:\s+(?:talks|process|format|summit|negotiations|round))?\s+(?:in|at)\s+([A-Z][a-z]+)`)
)

// callOf introduces a call that belongs to the clause's subject:
// "Putin and Erdogan discussed the grain deal in a phone call".
var callOf = pattern.MustCompile(`\b(?:in|during|over)\s+(?:(?:a|an)\s+(?:[a-z-]+\s+){0,2})?$`)

// subjectNoun introduces a meeting noun that belongs to the clause's
// subject: "at their summit", "after six hours of talks", "negotiators
// return to Geneva this week for talks".
var subjectNoun = pattern.MustCompile(`\b(?:their|his|her)\s+(?:[a-z-]+\s+){0,2}$|\b(?:hours|days|rounds?|weeks) of\s+(?:[a-z-]+\s+)?$|\b(?:arrived|arrive|arrives|return|returns|returned|travelled|traveled|travel|travels|flew|fly|flies|came|come|comes|went|go|goes|gathered|gather|met|meet|meets|convened|convene)\b[^,;]{0,40}\bfor\s+(?:[a-z-]+\s+)?$`)

// roundName returns the place that names a round of talks at trigger t
// ("Astana" in "the upcoming Astana peace talks"), or "".
func roundName(sentence string, t trigger) string {
	if m := roundBefore.FindStringSubmatch(sentence[:t.start]); m != nil {
		if _, ok := cityIn(m[1], true); ok {
			return m[1]
		}
	}
	if m := roundAfter.FindStringSubmatch(sentence[t.end:]); m != nil {
		if _, ok := cityIn(m[1], true); ok {
			return m[1]
		}
	}
	return ""
}

func sortTriggers(ts []trigger) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].start < ts[j-1].start; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// Status cues, read in the clause before the trigger (and a little after).
var (
	hypotheticalCue = pattern.MustCompile(`\b(?:if|unless|whether|suppose|supposing|imagine|in case|inappropriate|unwilling|could|might|may|should|hopes? to|hoped to|hoped|hoping to|wants? to|wanted to|wishes to|would like to|would be willing|willing to|ready (?:to|for)|readiness (?:to|for)|asking to|asking for|offered to|offers? to|proposed|proposes|proposal to|proposal for|invitation|invited|invites|inviting|any|allowing|allow|declined|declines|rejected|rejects|ruled out|rules out|ruling out|rule out|to (?:help )?(?:arrange|broker|facilitate)|pursue|pursuing|justify|justifies|warrant|pave the way for|paving the way for|clear the way for|open the way for|called for|calls for|urged|urges|seeks? to|sought to|requested|asked to|possible|possibility|prospect|potential|expected to consider|no plans? to|not planning|is considering|are considering|considering)\b`)
	negationCue     = pattern.MustCompile(`\b(?:did not|didn't|does not|doesn't|do not|don't|has not|hasn't|have not|haven't|had not|hadn't|never|not|no)\b`)
	cancelCue       = pattern.MustCompile(`\b(?:cancel(?:l)?ed|cancel(?:l)?ing|cancels?|called off|calls? off|calling off|postponed|postpones?|postponing|scrapped|scraps?|refused to|refuses to|declined to|declines to|pulled out of|pull out of|withdrew from|shelved|suspended|(?:will|would|did) not attend|won't attend|boycott(?:ed|s)?|skip(?:ped|s)?)\b`)
	// "talks ..., scheduled for Friday, have been postponed"
	cancelAfter = pattern.MustCompile(`^[^.;]{0,100}?\b(?:has|have|had)\s+been\s+(?:cancel|called off|postponed|scrapped|shelved|suspended)|^[^.;]{0,80}?\b(?:was|were|is|are)\s+(?:cancel|called off|postponed|scrapped|shelved|suspended|off\b)`)
	// "talks with X were not on the agenda"
	negatedAfter = pattern.MustCompile(`^[^.;,]{0,60}?\b(?:was|were|is|are)\s+(?:not|never)\b`)
	futureCue    = pattern.MustCompile(`\b(?:will|shall|is to|are to|was to|were to|set to|due to|scheduled|expected to|slated|plans? to|planned|planning to|intends? to|intended to|intending to|is planning|are planning|would|upcoming|forthcoming|next|coming|approaching|ahead of|to be held|going to|agreed to|fresh round|new round|preparing for|preparations for|future)\b`)
	futureAfter  = pattern.MustCompile(`^[^.;]{0,30}?\b(?:scheduled for|set for|planned for|due on|due to be held|to be held|is expected|are expected|will take place|will be held|next week|next month|later this (?:week|month|year))\b|^\s+(?:will|would|is to|are to|is due to|are due to|is set to|are set to)\s+(?:be held|take place|open|start|begin)\b`)
)

// startsLater is a meeting noun whose verb, later in the clause, puts it
// ahead: "Talks between the Taliban and a delegation ... are due to begin
// on March 10", "A meeting between Moon and Kim has been tentatively set
// for late April".
var startsLater = pattern.MustCompile(`^[^.;]{0,150}?\b(?:is|are)\s+(?:due|scheduled|set|expected)\s+to\s+(?:begin|start|open|resume|take place|be held|convene)\b|^[^.;]{0,150}?\b(?:has|have)\s+been\s+(?:[a-z]+ly\s+)?(?:set|scheduled|planned|slated|pencilled|penciled)\s+(?:in\s+)?for\b`)

// modalAfter marks a meeting that only may happen: "a meeting between
// Putin and Zelensky could take place once a treaty is ready", "a meeting
// between the two presidents was possible only once ...".
var modalAfter = pattern.MustCompile(`^[^.;]{0,80}?\b(?:could|might|may|would only)\s+(?:(?:only|still|soon|eventually)\s+)?(?:take place|happen|be held|go ahead|come)\b|^[^.;]{0,40}?\b(?:is|was|are|were|would be|will be|remains?|remained)\s+(?:only\s+|still\s+|not\s+|hardly\s+)?(?:possible|impossible|conceivable|unlikely)\b`)

// indirectBefore marks talks the sides held through others: "indirect
// talks", "proximity talks".
var indirectBefore = pattern.MustCompile(`\b(?:indirect|proximity)\s+$`)

// indirectAfter marks talks held through others, which are no meeting of
// the two sides: "held discussions for weeks through intermediaries".
var indirectAfter = pattern.MustCompile(`^[^.;]{0,60}?\b(?:through|via)\s+(?:intermediaries|mediators|go-betweens|back channels)\b`)

// offerAfter marks a meeting that was only offered or agreed in principle:
// "accepted in principle a summit with Putin proposed by Macron".
var offerAfter = pattern.MustCompile(`^[^.;]{0,80}?\b(?:proposed by|suggested by|offered by|in principle)\b`)

// acceptedInvitation makes an invited visit a planned one: "accepted an
// invitation to visit Türkiye".
var acceptedInvitation = pattern.MustCompile(`\baccept(?:ed|s)?\s+(?:an|the|his|her|their)\s+(?:[\w-]+\s+)?invitation\s+$`)

// atTheInvitation is a formula of visits that did happen ("visited Tehran at
// the invitation of the foreign minister"): not an offer.
var atTheInvitation = pattern.MustCompile(`\b(?:at|upon|on) the invitation of\b`)

// occasionBefore ends the text before a meeting noun that is the occasion
// of what the clause reports: "agreed to resume shuttle diplomacy during
// their summit". What was agreed lies ahead; the summit did not.
var (
	occasionBefore = pattern.MustCompile(`\b(?:during|at|after|following|on the sidelines of)\s+(?:their|the|a|his|her|its)\s+(?:[\w-]+\s+){0,2}$`)
	agreedTo       = pattern.MustCompile(`\b(?:agreed|decided|pledged|vowed|promised|resolved) to\b`)
)

// status says how a trigger reports its meeting, or ok false when it
// reports none (a hypothetical, a negation, an offer).
func status(lower string, clauseStart int, t trigger) (string, bool) {
	before := atTheInvitation.ReplaceAllString(lower[clauseStart:t.start], "")
	if t.noun && occasionBefore.MatchString(before) {
		before = agreedTo.ReplaceAllString(before, "")
	}
	if i := strings.LastIndexAny(before, ",;:"); i >= 0 && len(before)-i > 60 {
		before = before[i+1:]
	}
	after := lower[t.end:min(len(lower), t.end+60)]
	if strings.HasSuffix(strings.TrimRight(lower, " \"'”’)"), "?") {
		return "", false // a question reports nothing: "Is there a path to talks between them?"
	}
	switch {
	case t.visit && acceptedInvitation.MatchString(before):
		return parley.StatusPlanned, true
	case t.visit && futureCue.MatchString(before+lower[t.start:t.end]) && !hypotheticalCue.MatchString(before) && !negationCue.MatchString(lastWords(before, 4)):
		return parley.StatusPlanned, true // "agreed to visit", "will visit"
	case cancelCue.MatchString(before+lower[t.start:t.end]) && !lastCueIs(hypotheticalCue, cancelCue, before+lower[t.start:t.end]), cancelAfter.MatchString(lower[t.end:]):
		return parley.StatusCancelled, true
	case hypotheticalCue.MatchString(before + lower[t.start:t.end]), offerAfter.MatchString(after), negatedAfter.MatchString(lower[t.end:]), modalAfter.MatchString(after), indirectAfter.MatchString(after):
		return "", false
	case negationCue.MatchString(lastWords(before, 4)), indirectBefore.MatchString(before):
		return "", false
	case futureCue.MatchString(before), futureAfter.MatchString(after), startsLater.MatchString(lower[t.end:]):
		return parley.StatusPlanned, true
	}
	return parley.StatusHeld, true
}

// capitalisedModal is "May" or "Will" written with a capital: a name
// ("Theresa May") or a month, not the modal verb the status cues look for.
var capitalisedModal = pattern.MustCompile(`\b(?:May|Will)\b`)

// cueText is the lower-cased sentence that status reads, with capitalised
// "May" and "Will" masked so that "Theresa May and Jeremy Corbyn met" is
// no hypothetical. The mask keeps every byte offset.
func cueText(sentence, lower string) string {
	if len(sentence) != len(lower) {
		return lower // lower-casing changed a length: offsets would not line up
	}
	locs := capitalisedModal.FindAllStringIndex(sentence, -1)
	if locs == nil {
		return lower
	}
	b := []byte(lower)
	for _, l := range locs {
		b[l[0]] = '#'
	}
	return string(b)
}

// lastCueIs reports whether the cue nearest the end of text is one of a,
// not of b: "would not attend, ruling out an encounter" rules out the
// encounter; it does not cancel it.
func lastCueIs(a, b *pattern.Regexp, text string) bool {
	as, bs := a.FindAllStringIndex(text, -1), b.FindAllStringIndex(text, -1)
	return len(as) > 0 && (len(bs) == 0 || as[len(as)-1][0] > bs[len(bs)-1][0])
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

var (
	phoneWords = pattern.MustCompile(`\b(?:phone|telephone|phoned|telephoned|by phone|phone call)\b`)
	videoWords = pattern.MustCompile(`\b(?:video|videoconference|video-conference|virtual|virtually|online)\b`)
)

// isCall reports whether a trigger itself is a phone or video call.
func isCall(t trigger) bool {
	return t.mode == parley.ModePhone || t.mode == parley.ModeVideo || phoneWords.MatchString(t.text) || videoWords.MatchString(t.text)
}

// modeOf refines a trigger's mode with what the sentence says of the
// channel: "talks by video link", "a meeting held virtually".
func modeOf(lower string, t trigger) string {
	switch {
	case t.mode == parley.ModePhone || t.mode == parley.ModeVideo:
		return t.mode
	case phoneWords.MatchString(t.text):
		return parley.ModePhone
	case videoWords.MatchString(t.text):
		return parley.ModeVideo
	case videoWords.MatchString(lower):
		return parley.ModeVideo
	case phoneWords.MatchString(lower):
		return parley.ModePhone
	}
	return t.mode
}

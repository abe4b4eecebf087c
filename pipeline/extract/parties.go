package extract

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/internal/pattern"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/refdata"
)

// party is a possible party to a meeting found in a sentence.
type party struct {
	kind     string // parley.Party*
	name     string // the fullest form the article gives
	reported string // as written in this sentence
	role     string // normalised role, "" when unknown
	country  string // ISO 3166-1 alpha-3, "" when unknown
	first    int    // token index of the first token
	last     int    // token index of the last token (inclusive)
	resolved bool   // a role or a description resolved to a person of the article ("the Iranian official")
	// byOffice: an office the article names nowhere else, resolved to its
	// holder that day by the registry ("Iran's foreign minister")
	byOffice bool
	// Positions in which a name is not a party to the sentence's meeting.
	principal   bool // "envoy of President Putin", "Putin's envoy"
	attribution bool // "according to IRNA", "Press TV reported"
	topic       bool // "discussed the situation in Syria"
	headed      bool // "a delegation headed by X": the delegation stands for X
}

func isPlaceOrCountry(name string) bool {
	if _, ok := refdata.PlaceByName(name); ok {
		return true
	}
	_, ok := refdata.CountryByName(name)
	return ok
}

func (p party) excluded() bool { return p.principal || p.attribution || p.topic || p.headed }

// person is a person the article names in full, remembered so that "Mr.
// Lavrov", "Lavrentiev" and "the Iranian official" can be resolved.
type person struct {
	name    string
	role    string
	country string
	order   int // token position in the article, for "most recently mentioned"
}

// sentenceParties are the parties found in a sentence, with what they
// depend on besides its words: the full names the surnames of the sentence
// resolved to, and bodyHead (which findPartiesIn does not restore).
type sentenceParties struct {
	found    bool
	parties  []party
	bodyHead bool
	asked    []surnameQuery
}

// surnameQuery is a question findParties asked personBySurname, and the
// full name it got ("" for none).
type surnameQuery struct{ name, full string }

// parties returns the parties of the sentence being read. Extraction reads
// each sentence at least twice, first to collect the article's people and
// then for its meetings, and finding parties is most of its work. The
// second reading knows more people, so the first reading's parties are
// kept only when every surname it looked up still resolves the same way.
func (x *docExtractor) parties() []party {
	c := &x.sentParties[x.index]
	if c.found && c.bodyHead == x.bodyHead && x.answersSame(c.asked) {
		return c.parties
	}
	var asked []surnameQuery
	x.asked = &asked
	ps := x.findParties(x.sentTokens[x.index])
	x.asked = nil
	// Clipped: callers append to the parties they get.
	*c = sentenceParties{found: true, parties: slices.Clip(ps), bodyHead: x.bodyHead, asked: asked}
	return c.parties
}

func (x *docExtractor) answersSame(asked []surnameQuery) bool {
	for _, q := range asked {
		if p, _ := x.personBySurname(q.name); p.name != q.full {
			return false
		}
	}
	return true
}

// findParties finds the persons, delegations, governments and
// organisations a sentence names.
func (x *docExtractor) findParties(toks []token) []party {
	var out []party
	for i := 0; i < len(toks); {
		if ps, next, ok := x.sidesAt(toks, i); ok {
			out = append(out, ps...)
			i = next
			continue
		}
		if ps := x.compoundAt(toks, i); ps != nil {
			out = append(out, ps...)
			i++
			continue
		}
		if p, next, ok := x.bodyAt(toks, i); ok {
			out = append(out, p)
			i = next
			continue
		}
		if p, next, ok := x.nameAt(toks, i); ok {
			out = append(out, p)
			i = next
			continue
		}
		if p, next, ok := x.groupAt(toks, i); ok {
			out = append(out, p)
			i = next
			continue
		}
		i++
	}
	return out
}

// compoundAt reads "the Lavrov-Blinken meeting" and "the Xi-Biden summit":
// a hyphenated token whose parts are each a person the article or the
// registry knows.
func (x *docExtractor) compoundAt(toks []token, i int) []party {
	t := toks[i]
	if t.punct || !t.capitalised() || !strings.Contains(t.text, "-") {
		return nil
	}
	parts := strings.Split(t.text, "-")
	if len(parts) < 2 || len(parts) > 3 {
		return nil
	}
	if ps := x.countrySummit(toks, i, parts); ps != nil {
		return ps
	}
	var out []party
	for _, part := range parts {
		if part == "" || !unicode.IsUpper([]rune(part)[0]) {
			return nil
		}
		full := ""
		if p, ok := x.personBySurname(part); ok {
			full = p.name
		} else if a, _, ok := x.registry.Lookup(part); ok && names.Key(part) == names.Key(a.Name) {
			full = a.Name
		}
		if full == "" {
			return nil
		}
		p := party{kind: parley.PartyPerson, name: full, reported: part, first: i, last: i}
		if a, _, ok := x.registry.Lookup(full); ok {
			p.country, p.role = a.Country, officeOn(a, x.doc.Reference)
		}
		out = append(out, p)
	}
	return out
}

// countrySummit reads "the first DPRK-Russia summit": a summit of countries
// named by a hyphenated compound is a meeting of their leaders, as the
// article or the registry knows them (the country itself otherwise).
func (x *docExtractor) countrySummit(toks []token, i int, parts []string) []party {
	if i+1 >= len(toks) || toks[i+1].lower != "summit" {
		return nil
	}
	var out []party
	for _, part := range parts {
		c, ok := refdata.CountryByName(part)
		if !ok {
			return nil
		}
		role := leaderOf(c.ISO3)
		if p, ok := x.leaderNamed(c.ISO3); ok {
			out = append(out, party{kind: parley.PartyPerson, name: p.name, reported: part, role: p.role, country: c.ISO3, first: i, last: i, resolved: true})
		} else if a, ok := x.registry.HolderOf(role, c.ISO3, x.doc.Reference); ok {
			out = append(out, party{kind: parley.PartyPerson, name: a.Name, reported: part, role: role, country: c.ISO3, first: i, last: i, resolved: true})
		} else {
			out = append(out, party{kind: parley.PartyCountry, name: c.Name, reported: part, country: c.ISO3, first: i, last: i})
		}
	}
	return out
}

// leaderNamed returns the article's one head of state or government of a
// country.
func (x *docExtractor) leaderNamed(country string) (person, bool) {
	var found []person
	for _, p := range x.people {
		if p.country == country && headRole(p.role) {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		return person{}, false
	}
	return found[0], true
}

// chunkEnd returns the end (exclusive) of the capitalised run starting at i.
func chunkEnd(toks []token, i int) int {
	j := i
	for j < len(toks) {
		t := toks[j]
		if t.punct {
			break
		}
		if !t.capitalised() {
			// a particle inside a name: "Ursula von der Leyen", and "Bashar al-Assad" as one token
			if j > i && (nameParticles[t.lower] && j+1 < len(toks) && (toks[j+1].capitalised() || nameParticles[toks[j+1].lower]) || particleJoined(t.text)) {
				j++
				continue
			}
			break
		}
		j++
		if t.possessive {
			break
		}
	}
	return j
}

// particleJoined reports whether a token is a particle hyphenated to a
// capitalised name: "al-Assad", "el-Sisi", "bin-Salman".
func particleJoined(s string) bool {
	i := strings.IndexAny(s, "-‑")
	if i <= 0 || i+1 >= len(s) || !nameParticles[strings.ToLower(s[:i])] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	if r == utf8.RuneError {
		r, _ = utf8.DecodeRuneInString(s[i+3:]) // U+2011 is three bytes
	}
	return unicode.IsUpper(r)
}

// nameAt reads a person's name starting at token i, with the titles in
// front of it.
func (x *docExtractor) nameAt(toks []token, i int) (party, int, bool) {
	if toks[i].punct || !toks[i].capitalised() {
		return party{}, i + 1, false
	}
	end := chunkEnd(toks, i)
	// The name is the longest tail of the run free of title, organisation,
	// place and common words; what precedes it is the title.
	start := end
	if end-i >= 2 && toks[end-1].lower == "he" && names.FamilyNameFirst(toks[end-2].text) {
		start-- // "Vice Premier Liu He": a given name, not the pronoun
	}
	for start > i && nameToken(toks[start-1]) && (start == end || !toks[start-1].possessive) {
		start--
	}
	if start-1 > i && start < end && toks[start-1].text == "He" && titleWords[strings.TrimSuffix(toks[start-2].lower, ".")] {
		start-- // "Vice Premier He Lifeng": a family name after a title, not the pronoun
	}
	for start < end && (nameParticles[toks[start].lower] || monthWords[strings.TrimSuffix(toks[start].lower, ".")] && start < end-1) {
		start++
	}
	if start >= end {
		return party{}, end, false
	}
	if start == end-1 && monthWords[strings.TrimSuffix(toks[start].lower, ".")] {
		return party{}, end, false // "on Jun. 3"
	}
	nameToks := toks[start:end]
	name := joinTokens(nameToks)
	if isPlaceOrCountry(name) {
		// "Lai" is a town in Chad, but not after the article named Lai Ching-te.
		_, isCountry := refdata.CountryByName(name)
		if _, ok := x.personBySurname(name); !ok || isCountry || strings.Contains(name, " ") {
			return party{}, end, false
		}
	}
	titled := false
	for j := max(0, i-1); j < start; j++ {
		titled = titled || personTitles[strings.TrimSuffix(toks[j].lower, ".")]
	}
	full := x.resolveName(name, titled)
	if full == "" {
		return party{}, end, false
	}
	if !titled && i > 0 && locatives[toks[i-1].lower] && !x.known(full) {
		return party{}, end, false // "at Villa La Grange"
	}
	if start == i && i > 1 && toks[i-1].lower == "of" && toks[i-2].capitalised() && !titleWords[toks[i-2].lower] && !x.known(full) {
		return party{}, end, false // "the Line of Actual Control", "the Bank of New England": a name of a thing
	}
	// "the Assad regime", "the Putin government": a government, not the person
	if end < len(toks) && governmentWords[toks[end].lower] {
		return party{}, end, false
	}
	p := party{kind: parley.PartyPerson, name: full, reported: name, first: start, last: end - 1}
	x.describe(&p, toks, i)
	p.principal = principalAt(toks, i, start, end)
	p.attribution = attributedAt(toks, i) || trailingSpeaker(toks, i, end)
	return p, end, true
}

// nameToken reports whether a token can be part of a personal name.
func nameToken(t token) bool {
	l := strings.TrimSuffix(t.lower, ".")
	if t.punct || titleWords[l] || titleWords[t.lower] || orgWords[l] || stopCapitals[l] {
		return false
	}
	if _, ok := refdata.CountryByDemonym(t.text); ok {
		return false
	}
	if _, ok := refdata.CountryByName(t.text); ok {
		return false
	}
	return !strings.ContainsAny(t.text, "0123456789") || nameParticles[l]
}

// joinTokens writes tokens as words separated by spaces. Extraction joins
// a span at every capitalised token to look it up, mostly one token: that
// one is its own text, and a longer span costs one allocation.
func joinTokens(ts []token) string {
	switch len(ts) {
	case 0:
		return ""
	case 1:
		return ts[0].text
	}
	n := len(ts) - 1
	for _, t := range ts {
		n += len(t.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// lowerJoined is strings.ToLower(joinTokens(ts)), without allocating for
// a single word: tokenize lower-cased it already.
func lowerJoined(ts []token) string {
	if len(ts) == 1 && !ts[0].punct {
		return ts[0].lower
	}
	return strings.ToLower(joinTokens(ts))
}

// resolveName returns the full name a reported name stands for in this
// article, or "" when the words are not a person's name. A single word is
// a name only when it is the surname of a person named in full in the
// article, a known official, or it carries a title ("Mr. Lavrov").
func (x *docExtractor) resolveName(name string, titled bool) string {
	single := !strings.Contains(name, " ")
	if !single {
		if !strings.Contains(name, "-") && len(name) < 4 {
			return ""
		}
		return x.fullForm(name)
	}
	if p, ok := x.personBySurname(name); ok {
		return p.name
	}
	if a, _, ok := x.registry.Lookup(name); ok && names.Key(name) == names.Key(a.Name) {
		return a.Name
	}
	if titled && len(name) > 2 {
		return name
	}
	return ""
}

// known reports whether a name is a person the article names elsewhere
// with a title, or an official the registry knows.
func (x *docExtractor) known(name string) bool {
	if _, ok := x.personBySurname(name); ok {
		return true
	}
	_, _, ok := x.registry.Lookup(name)
	return ok
}

// fullForm returns the longest spelling of the same person the article
// uses ("Alexander Lavrentiev" for "Lavrentiev").
func (x *docExtractor) fullForm(name string) string {
	if p, ok := x.personBySurname(name); ok && len(p.name) > len(name) {
		return p.name
	}
	return name
}

// surnameAnswer is what personBySurname answered for a name.
type surnameAnswer struct {
	person person
	ok     bool
}

// personBySurname finds the person of the article a name stands for.
// Extraction asks about the same names in every reading of a sentence, so
// the answers are kept until the article's people change.
func (x *docExtractor) personBySurname(name string) (person, bool) {
	a, seen := x.surnames[name]
	if !seen {
		a.person, a.ok = x.findPersonBySurname(name)
		if x.surnames == nil {
			x.surnames = map[string]surnameAnswer{}
		}
		x.surnames[name] = a
	}
	if x.asked != nil {
		*x.asked = append(*x.asked, surnameQuery{name, a.person.name})
	}
	return a.person, a.ok
}

func (x *docExtractor) findPersonBySurname(name string) (person, bool) {
	var found []person
	for _, p := range x.people {
		if p.name == name {
			return p, true
		}
		if x.sameNames(p.name, name) {
			found = append(found, p)
		}
	}
	if len(found) == 0 && !strings.Contains(name, " ") {
		// "Lula" for Luiz Inácio Lula da Silva: a single word that is one of
		// the later words of exactly one full name of the article; failing
		// that, "Abiy" and "Isaias", the first word of exactly one official,
		// as Ethiopian and Eritrean names are used ("London" is no first name).
		f := names.Fold(name)
		for _, first := range []bool{false, true} {
			for _, p := range x.people {
				words := strings.Fields(names.Fold(p.name))
				if first && words[0] == f && p.role != "" && !isPlaceOrCountry(name) || !first && slices.Contains(words[1:], f) {
					found = append(found, p)
				}
			}
			if len(found) > 0 {
				break
			}
		}
		if len(found) != 1 {
			return person{}, false
		}
	}
	if len(found) == 0 {
		return person{}, false
	}
	best := found[0]
	for _, p := range found[1:] {
		if len(p.name) > len(best.name) {
			best = p
		}
	}
	// Two different people share the surname ("Kim" with Kim Jong Un and Kim
	// Yo Jong): copy gives the bare surname to the one it introduced first
	// and keeps the full name for the other.
	for _, p := range found {
		if !x.sameNames(p.name, best.name) {
			return firstWithWord(found, name)
		}
	}
	return best, true
}

// firstWithWord returns the first person whose name has the word itself, not
// a spelling of it.
func firstWithWord(people []person, word string) (person, bool) {
	f := names.Fold(word)
	for _, p := range people {
		if slices.Contains(strings.Fields(names.Fold(p.name)), f) {
			return p, true
		}
	}
	return person{}, false
}

// sameNames is names.Match for the names of one article, which it parses
// once: personBySurname compares every name with each of the article's
// people.
func (x *docExtractor) sameNames(a, b string) bool {
	_, ok := x.parsedName(a).Match(x.parsedName(b))
	return ok
}

func (x *docExtractor) parsedName(s string) names.Name {
	n, ok := x.parsedNames[s]
	if !ok {
		n = names.Parse(s)
		if x.parsedNames == nil {
			x.parsedNames = map[string]names.Name{}
		}
		x.parsedNames[s] = n
	}
	return n
}

var apposition = pattern.MustCompile(`^\s*,\s*([^,()]{3,90}?(?:\([^)]*\))?)\s*(?:,|$|\))`)

// describe finds the role and country of a person from the titles before
// the name, the words just before them ("Iran's", "Russian special envoy"),
// an apposition after it (", the secretary of Iran's Supreme National
// Security Council") or before it ("the secretary of the Council, Ali
// Shamjani"). The registry's country wins where it knows the person: text
// near a name also names the countries a person deals with.
func (x *docExtractor) describe(p *party, toks []token, runStart int) {
	from := runStart
	for from > 0 && runStart-from < 6 && !toks[from-1].punct && !x.isTriggerToken(from-1) {
		from--
	}
	role, country := roleIn(toks[from:p.first], false)
	if p.last+1 < len(toks) && toks[p.last+1].text == "," {
		rest := x.sentence[toks[p.last+1].start:]
		if m := apposition.FindStringSubmatch(rest); m != nil && nounPhrase(m[1]) {
			r, c := roleIn(tokenize(m[1]), true)
			if role == "" {
				role = r
			}
			if country == "" {
				country = c
			}
		}
	}
	if role == "" && runStart > 0 && toks[runStart-1].text == "," {
		// reverse apposition: the phrase between the previous break and the comma
		j := runStart - 1
		for j > 0 && runStart-j < 16 && !clauseBreak[toks[j-1].lower] && !x.isTriggerToken(j-1) {
			j--
		}
		r, c := roleIn(toks[j:runStart-1], false)
		role = r
		if country == "" {
			country = c
		}
	}
	if a, _, ok := x.registry.Lookup(p.name); ok {
		if a.Country != "" {
			country = a.Country
		}
		if role == "" {
			role = officeOn(a, x.doc.Reference)
		}
	}
	p.role, p.country = role, country
}

// officeOn is the registry office an actor held on a day, or their latest.
func officeOn(a refdata.Actor, day parley.Date) string {
	best := ""
	var bestFrom int32 = -1 << 30
	for _, o := range a.Offices {
		if day.Valid() && (o.From.Valid() && o.From.Days() > day.Days() || o.To.Valid() && o.To.Days() < day.Days()) {
			continue
		}
		from := int32(-1 << 29)
		if o.From.Valid() {
			from = o.From.Days()
		}
		if from >= bestFrom {
			best, bestFrom = o.Role, from
		}
	}
	return best
}

// clauseBreak ends the phrase that describes a name from before it.
var clauseBreak = setOf(",", ";", "and", "with", "between", "by", "met", "said")

var nounPhraseStart = setOf("the", "a", "an", "his", "her", "its", "their", "who's", "then", "now", "also")

// nounPhrase reports whether an apposition reads as a description of the
// person (", the secretary of ...") rather than a clause (", communicates
// the ministry").
func nounPhrase(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(strings.TrimRight(f[0], ",."))
	if nounPhraseStart[w] || titleWords[w] {
		return true
	}
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return true
	}
	if _, ok := refdata.CountryByDemonym(f[0]); ok {
		return true
	}
	return false
}

// roleIn finds a role phrase and the country word in a run of tokens. In an
// apposition the head comes first (", a senior adviser to the foreign
// minister"); before a name it comes last ("Iran's Foreign Minister").
// Countries after "on", "for" or "in" are a portfolio, not the person's
// country ("envoy for Syria").
func roleIn(toks []token, headFirst bool) (role, country string) {
	var words []string
	for i, t := range toks {
		if t.punct {
			continue
		}
		portfolio := i > 0 && (toks[i-1].lower == "on" || toks[i-1].lower == "for" || toks[i-1].lower == "in" || toks[i-1].lower == "to")
		if c, ok := refdata.CountryByDemonym(t.text); ok {
			if !portfolio && (country == "" || !headFirst) {
				country = c.ISO3
			}
			continue
		}
		if c, ok := refdata.CountryByName(t.text); ok {
			if !portfolio && (country == "" || !headFirst) {
				country = c.ISO3
			}
			continue
		}
		if t.lower == "the" || t.lower == "a" || t.lower == "an" {
			continue
		}
		w := strings.TrimSuffix(t.lower, ".")
		switch w {
		case "advisor":
			w = "adviser"
		case "presidents", "ministers", "leaders", "premiers", "chancellors", "senators", "kings", "envoys", "ambassadors":
			w = strings.TrimSuffix(w, "s") // "Presidents George H.W. Bush and Mikhail Gorbachev"
		}
		words = append(words, w)
	}
	text := " " + strings.Join(words, " ") + " "
	bestStart, bestEnd := -1, -1
	for _, r := range lexiconRoles() {
		phrase := r.phrase
		i := strings.Index(text, phrase)
		if i < 0 {
			continue
		}
		if headFirst {
			i = strings.Index(text, phrase)
		} else {
			i = strings.LastIndex(text, phrase)
		}
		end := i + len(phrase)
		better := bestStart < 0
		if headFirst {
			better = better || i < bestStart || i == bestStart && end > bestEnd
		} else {
			better = better || end > bestEnd || end == bestEnd && i < bestStart
		}
		if better {
			bestStart, bestEnd, role = i, end, r.role
		}
	}
	return role, country
}

type lexiconRole struct{ phrase, role string }

// lexiconRoles are the role phrases of the lexicon in the form roleIn
// matches: articles dropped, padded with spaces.
var lexiconRoles = sync.OnceValue(func() []lexiconRole {
	var out []lexiconRole
	for _, r := range refdata.Roles() {
		out = append(out, lexiconRole{" " + normalisedPhrase(r.Phrase) + " ", r.Role})
	}
	return out
})

// normalisedPhrase drops articles so that lexicon phrases match text that
// had its articles and country words removed.
func normalisedPhrase(p string) string {
	var out []string
	for _, w := range strings.Fields(p) {
		if w != "the" && w != "a" && w != "an" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

var principalLink = setOf("of", "to", "for")

// agentNouns act for the principal their "of", "to" or "for" names:
// "envoy of President Putin", "adviser to the Leader". ("Secretary of State"
// is a title, not an agent.)
var agentNouns = setOf("envoy", "emissary", "envoys", "representative", "representatives", "adviser",
	"advisor", "advisers", "advisors", "aide", "aides", "spokesman", "spokeswoman", "spokesperson",
	"assistant", "deputy", "man", "counsellor", "counselor", "delegation", "office", "wife", "husband",
	"son", "daughter", "family", "lawyer", "lawyers", "emissaries", "messenger")

// principalAt reports whether the name at toks[start:end] is someone's
// principal: "envoy of Russian President Vladimir Putin", "Putin's point
// man", "a representative of the Leader ... Ayatollah Ali Khamenei".
func principalAt(toks []token, runStart, start, end int) bool {
	last := toks[end-1]
	if last.possessive {
		for j := end; j < len(toks) && j < end+4; j++ {
			if principalNouns[toks[j].lower] {
				return true
			}
			if toks[j].punct {
				break
			}
		}
	}
	// Walk left over titles and "the" to an "of/to/for" that follows a role noun.
	j := runStart - 1
	sawTitle := false
	for _, t := range toks[runStart:start] {
		sawTitle = sawTitle || titleWords[strings.TrimSuffix(t.lower, ".")] || orgWords[t.lower]
	}
	for j >= 0 && runStart-j < 12 {
		t := toks[j]
		switch {
		case t.lower == "the" || t.lower == "a":
		case titleWords[strings.TrimSuffix(t.lower, ".")] || orgWords[t.lower]:
			sawTitle = true
		case t.capitalised():
		case principalLink[t.lower]:
			if sawTitle && j > 0 && agentNouns[toks[j-1].lower] {
				return true
			}
		default:
			return false
		}
		j--
	}
	return false
}

func attributedAt(toks []token, i int) bool {
	var b strings.Builder
	for j := max(0, i-3); j < i; j++ {
		b.WriteString(toks[j].lower)
		b.WriteByte(' ')
	}
	before := b.String()
	for _, cue := range attributionCues {
		if strings.HasSuffix(strings.TrimSpace(before), cue) {
			return true
		}
	}
	return false
}

// trailingSpeaker reports a name run toks[i:end] that only says where the
// news came from: ", Kremlin spokesman Dmitry Peskov said".
func trailingSpeaker(toks []token, i, end int) bool {
	if end >= len(toks) {
		return false
	}
	switch toks[end].lower {
	case "said", "says", "told", "added", "announced", "confirmed":
	default:
		return false
	}
	if len(toks)-end > 6 {
		return false // ", Erdoğan said Türkiye expected ...": the subject of what follows
	}
	// a comma a few words back: ", Kremlin spokesman Dmitry Peskov"
	for j := i - 1; j >= max(0, i-4); j-- {
		if toks[j].text == "," {
			return true
		}
	}
	return false
}

// groupAt reads a country, a government or a delegation acting as a party:
// "Iran, Russia and Turkey", "the Syrian government", "the Russian delegation".
func (x *docExtractor) groupAt(toks []token, i int) (party, int, bool) {
	t := toks[i]
	if t.punct {
		return party{}, i + 1, false
	}
	// "<Demonym> delegation|government|opposition"
	if c, ok := refdata.CountryByDemonym(t.text); ok && i+1 < len(toks) {
		next := toks[i+1].lower
		j := i + 1
		if next == "interdepartmental" || next == "official" || next == "high-level" || next == "government" && i+2 < len(toks) && toks[i+2].lower == "delegation" {
			j++
			next = toks[j].lower
		}
		switch {
		case next == "delegation" || next == "delegations" || next == "side":
			p := party{kind: parley.PartyDelegation, name: c.Name + " delegation", country: c.ISO3, first: i, last: j}
			p.headed = j+2 < len(toks) && (toks[j+1].lower == "led" || toks[j+1].lower == "headed") && toks[j+2].lower == "by"
			p.topic = x.afterPreposition(toks, i)
			return p, j + 1, true
		case governmentWords[next]:
			p := party{kind: parley.PartyCountry, name: c.Name, country: c.ISO3, first: i, last: j}
			p.topic = x.afterPreposition(toks, i)
			return p, j + 1, true
		}
		// else it may begin a country's name: "Saudi Arabia"
	}
	if !t.capitalised() {
		return party{}, i + 1, false
	}
	// Country names of up to six words ("Democratic People's Republic of
	// Korea"), and metonyms ("the Kremlin").
	for n := min(6, len(toks)-i); n >= 1; n-- {
		span := toks[i : i+n]
		if span[n-1].punct {
			continue
		}
		text := joinTokens(span)
		c, ok := refdata.CountryByName(text)
		if !ok {
			c, ok = refdata.Metonym(text)
		}
		if !ok {
			continue
		}
		// "Iran's Foreign Minister X": the country qualifies the person;
		// "Colombia's government" is the country acting.
		if span[n-1].possessive {
			// "Colombia's government", "Yemen's internationally recognised government"
			body := func(k int) bool {
				return k < len(toks) && (governmentWords[toks[k].lower] || toks[k].lower == "army" || toks[k].lower == "military")
			}
			k := i + n
			for k < len(toks) && k < i+n+2 && !body(k) && !toks[k].punct && !toks[k].capitalised() && toks[k].lower != "and" {
				k++
			}
			if body(k) {
				p := party{kind: parley.PartyCountry, name: c.Name, country: c.ISO3, first: i, last: k}
				p.topic = x.afterPreposition(toks, i)
				return p, k + 1, true
			}
			return party{}, i + n, false
		}
		p := party{kind: parley.PartyCountry, name: c.Name, country: c.ISO3, first: i, last: i + n - 1}
		p.topic = x.afterPreposition(toks, i)
		// "Iran and Russia proclaimed": countries stand as parties only as
		// the subject or object of a meeting, checked by the caller.
		return p, i + n, true
	}
	return party{}, i + 1, false
}

// sideNouns name the people who speak for a country at talks.
var sideNouns = setOf("officials", "negotiators", "representatives", "delegates", "delegations", "diplomats", "envoys", "teams", "team", "military", "commanders")

// sidesAt reads countries sent to talks as their officials: "Turkish,
// Russian, Ukrainian and UN officials", "Iranian and Saudi negotiators".
// Each country is a delegation party; officials who merely "said" are a
// source, not a party.
func (x *docExtractor) sidesAt(toks []token, i int) ([]party, int, bool) {
	var ps []party
	j := i
	for j < len(toks) {
		t := toks[j]
		if c, ok := refdata.CountryByDemonym(t.text); ok {
			ps = append(ps, party{kind: parley.PartyDelegation, name: c.Name + " delegation", country: c.ISO3, first: j, last: j})
		} else if b, ok := knownBodies[t.lower]; ok && b.country == "" {
			ps = append(ps, party{kind: parley.PartyOrganisation, name: b.name, reported: t.text, first: j, last: j})
		} else {
			break
		}
		j++
		if j < len(toks) && (toks[j].text == "," || toks[j].lower == "and") {
			j++
			if j < len(toks) && toks[j].lower == "and" {
				j++
			}
		}
	}
	if len(ps) == 0 || j >= len(toks) || !sideNouns[toks[j].lower] {
		return nil, i + 1, false
	}
	if toks[j].lower == "military" && (j+1 >= len(toks) || !sideNouns[toks[j+1].lower]) {
		return nil, i + 1, false
	}
	said := j+1 < len(toks) && (toks[j+1].lower == "said" || toks[j+1].lower == "say" || toks[j+1].lower == "told")
	for k := range ps {
		if ps[k].reported == "" {
			ps[k].reported = ps[k].name
		}
		ps[k].last = j
		ps[k].attribution = said
		ps[k].topic = x.afterPreposition(toks, i)
	}
	return ps, j + 1, true
}

// afterPreposition reports whether token i follows a preposition that makes
// it a topic or a place ("the situation in Syria").
func (x *docExtractor) afterPreposition(toks []token, i int) bool {
	// "on Sentosa Island, Singapore": a venue and a comma may stand between
	for j := i - 1; j >= 0 && i-j <= 5; j-- {
		l := toks[j].lower
		if l == "with" && j > 0 && relationNouns[toks[j-1].lower] {
			return true // "Qatar's relations with Turkey and Iran": what is talked about
		}
		if topicPrepositions[l] || topicVerbs[l] {
			// "representatives of Sudan's army", "delegations from the three
			// countries", "a group of Moroccan diplomats": the people who speak for a party
			if (l == "of" || l == "from") && j > 0 && (sideNouns[toks[j-1].lower] || speakerGroups[toks[j-1].lower]) {
				return false
			}
			return true
		}
		if l == "the" || l == "and" || l == "," || toks[j].capitalised() {
			continue
		}
		return false
	}
	return false
}

// speakerGroups, followed by "of", name the people in them: "the leaders
// of", "a group of Moroccan diplomats".
var speakerGroups = setOf("leaders", "group", "members", "heads")

var relationNouns = setOf("relations", "ties", "relationship", "cooperation", "rapprochement", "dispute", "feud", "rift")

var topicVerbs = setOf("discuss", "discussed", "discussing", "discusses", "including", "regarding", "concerning",
	"prepare", "preparing", "review", "reviewing", "coordinate", "coordinating", "address", "addressing")

var describedPerson = pattern.MustCompile(`(?i)(?:\b(?:the|his|her|their|its)\s+|\b[A-Z][a-z]+['’]s\s+)((?:[a-z]+)\s+)?(official|diplomat|counterpart|envoy|leader|president|premier|chancellor|king|emir|crown prince|pope|speaker|secretary-general|secretary general|secretary of state|prime minister|foreign minister|defen[cs]e minister|defen[cs]e secretary|interior minister|finance minister|top diplomat|security chief|national security adviser|special envoy|minister)\b`)

// describedParties resolves descriptions that stand for a person the
// article names elsewhere: "the Iranian official", "his Russian
// counterpart", "Iran's top diplomat".
func (x *docExtractor) describedParties(toks []token, have []party) []party {
	var out []party
	for _, m := range describedPerson.FindAllStringSubmatchIndex(x.sentence, -1) {
		adj := ""
		if m[2] >= 0 {
			adj = strings.TrimSpace(x.sentence[m[2]:m[3]])
		}
		noun := x.sentence[m[4]:m[5]]
		country := ""
		if c, ok := refdata.CountryByDemonym(adj); ok {
			country = c.ISO3
		} else {
			// "Iran's top diplomat": a possessive country opens the match, or
			// stands just before its determiner.
			opener := x.sentence[m[0]:m[4]]
			if m[2] >= 0 {
				opener = x.sentence[m[0]:m[2]]
			}
			word := strings.TrimSpace(opener)
			if !strings.HasSuffix(word, "s") {
				word = strings.TrimSpace(x.sentence[:m[0]])
				if k := strings.LastIndexByte(word, ' '); k >= 0 {
					word = word[k+1:]
				}
			}
			if c, ok := refdata.CountryByName(strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")); ok {
				country = c.ISO3
			}
		}
		noun = strings.ToLower(noun)
		if _, ok := refdata.RoleByPhrase(strings.ToLower(adj) + " " + noun); ok && adj != "" {
			noun = strings.ToLower(adj) + " " + noun // "Iran's foreign minister": the office is two words
		}
		generic := genericDescriptions[noun]
		if country == "" && generic && noun != "counterpart" {
			continue // "the official" alone could be anyone
		}
		// "adviser to the Iranian foreign minister": the minister is a principal.
		pre := strings.ToLower(strings.TrimSpace(x.sentence[:m[0]]))
		if w := lastWords(pre, 2); strings.HasSuffix(w, " to") || strings.HasSuffix(w, " of") || strings.HasSuffix(w, " for") {
			if principalNouns[strings.Fields(w)[0]] || titleWords[strings.Fields(w)[0]] {
				continue
			}
		}
		rest := x.sentence[m[1]:]
		if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			continue // "the Iranian minister’s adviser": the minister is a principal
		}
		if next := strings.TrimLeft(rest, " "); next != "" && unicode.IsUpper([]rune(next)[0]) {
			continue // "the Russian President Vladimir Putin": a title, and the name follows
		}
		if namedAfter.MatchString(rest) {
			continue // "his Chinese counterpart, General Wei Fenghe": the apposition names him
		}
		role, _ := roleIn(tokenize(noun), true)
		p, ok := x.personByDescription(country, role, have)
		if role == "" && strings.HasPrefix(noun, "counterpart") {
			p, ok = x.counterpart(country, have)
		}
		byOffice := false
		if !ok && country != "" && role != "" && !slices.ContainsFunc(have, func(h party) bool { return h.kind == parley.PartyPerson && h.country == country }) {
			// "Iran's foreign minister", named nowhere in the article: who
			// held the office that day (not "Wang Yi, China's top diplomat")
			if a, held := x.registry.HolderOf(role, country, x.doc.Reference); held {
				p, ok, byOffice = person{name: a.Name, role: role, country: country}, true, true
			}
		}
		if !ok {
			continue
		}
		first := tokenIndexAt(toks, m[0])
		out = append(out, party{kind: parley.PartyPerson, name: p.name, reported: p.name, role: p.role, country: p.country, first: first, last: first, resolved: true, byOffice: byOffice})
	}
	return out
}

// namedAfter opens an apposition that names the person just described.
var namedAfter = pattern.MustCompile(`^\s*,\s+[A-Z]`)

// counterpart finds the article's one person of a country who is the
// counterpart of the people already in the meeting: one of that country
// holding the same office as the first of them with a known role (a foreign
// minister's counterpart is the foreign minister), else the one person of
// that country.
func (x *docExtractor) counterpart(country string, have []party) (person, bool) {
	for _, h := range have {
		if h.kind == parley.PartyPerson && h.role != "" {
			if p, ok := x.personByDescription(country, h.role, have); ok {
				return p, true
			}
			break
		}
	}
	return x.personByDescription(country, "", have)
}

func tokenIndexAt(toks []token, byteOffset int) int {
	for i, t := range toks {
		if t.end > byteOffset {
			return i
		}
	}
	return len(toks) - 1
}

var (
	pluralRoleOf = pattern.MustCompile(`(?i:\bthe\s+)((?i:foreign|defen[cs]e|interior|finance|trade|economy|energy|prime)\s+ministers|(?i:presidents|leaders|heads of state|national security advisers))\s+of\s+((?:the\s+)?[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?(?:,\s+(?:the\s+)?[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?)*,?\s+and\s+(?:the\s+)?[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?)`)
	listSep      = pattern.MustCompile(`,\s+and\s+|,\s+|\s+and\s+`)
)

// numberedCountries refers back to countries by their number: "military
// delegations from the three countries", "corps commanders of the two armies".
// "the foreign secretaries of the two countries" names an office of each.
var numberedCountries = pattern.MustCompile(`(?i)\b(?:delegations?|officials|representatives|commanders|negotiators|diplomats|envoys|ministers|teams|((?:foreign|defen[cs]e|interior|finance|trade|prime)\s+ministers|foreign secretaries|presidents|leaders|heads of state|national security advisers))\s+(?:from|of)\s+the\s+(two|three|four|five)\s+(?:countries|nations|armies|governments|states)\b`)

// numberedGroups resolves "delegations from the three countries" to a
// delegation of each country of the set of exactly that many countries that
// the article's meetings so far bring together most often (the latest, on a
// tie).
func (x *docExtractor) numberedGroups(toks []token, earlier []Mention) []party {
	m := numberedCountries.FindStringSubmatchIndex(x.sentence)
	if m == nil {
		return nil
	}
	n := numberWords[strings.ToLower(x.sentence[m[4]:m[5]])]
	times := map[string]int{}
	best := ""
	for _, e := range earlier {
		var countries []string
		for _, p := range e.Parties {
			if p.Country != "" && !slices.Contains(countries, p.Country) {
				countries = append(countries, p.Country)
			}
		}
		if len(countries) != n {
			continue
		}
		slices.Sort(countries)
		set := strings.Join(countries, " ")
		times[set]++
		if times[set] >= times[best] {
			best = set
		}
	}
	if best == "" {
		return nil
	}
	first := tokenIndexAt(toks, m[0])
	var office string
	isOffice := m[2] >= 0
	if isOffice {
		office, isOffice = pluralOffice(x.sentence[m[2]:m[3]])
	}
	var out []party
	for _, iso := range strings.Fields(best) {
		c, ok := refdata.CountryByISO3(iso)
		switch {
		case !ok:
		case isOffice:
			// not the sentence's parties: the speaker may be one of them
			if p, ok := x.officeHolder(c, office, first, out); ok {
				out = append(out, p)
			}
		default:
			out = append(out, party{kind: parley.PartyDelegation, name: c.Name + " delegation", reported: x.sentence[m[0]:m[1]], country: iso, first: first, last: first})
		}
	}
	return out
}

// pluralOffice turns "foreign secretaries" into the office "foreign
// minister"; ok is false for a plural the roles do not know.
// "leaders" is returned as "leader", whose office depends on the country.
func pluralOffice(plural string) (string, bool) {
	phrase := strings.ToLower(plural)
	switch {
	case phrase == "heads of state":
		return "president", true
	case strings.HasSuffix(phrase, "ies"):
		phrase = strings.TrimSuffix(phrase, "ies") + "y"
	default:
		phrase = strings.TrimSuffix(phrase, "s")
	}
	if phrase == "leader" {
		return phrase, true
	}
	if r, ok := refdata.RoleByPhrase(phrase); ok {
		return r.Role, true
	}
	return "", false
}

// officeHolder is the holder of an office in a country: the article's one
// person who fits, else the registry's holder on the article's date, else
// the country in that office. ok is false when a person of that country is
// among the parties already ("Xi, Putin and Mongolian President Khurelsukh
// held the meeting of the heads of state of China, Russia and Mongolia").
func (x *docExtractor) officeHolder(c refdata.Country, role string, first int, have []party) (party, bool) {
	if slices.ContainsFunc(have, func(h party) bool { return h.kind == parley.PartyPerson && h.country == c.ISO3 }) {
		return party{}, false
	}
	if role == "leader" {
		role = leaderOf(c.ISO3)
	}
	if p, ok := x.personByDescription(c.ISO3, role, have); ok {
		return party{kind: parley.PartyPerson, name: p.name, reported: p.name, role: cmp.Or(p.role, role), country: cmp.Or(p.country, c.ISO3), first: first, last: first, resolved: true}, true
	}
	if a, ok := x.registry.HolderOf(role, c.ISO3, x.doc.Reference); ok {
		return party{kind: parley.PartyPerson, name: a.Name, reported: a.Name, role: role, country: c.ISO3, first: first, last: first, resolved: true}, true
	}
	return party{kind: parley.PartyCountry, name: c.Name, reported: c.Name, role: role, country: c.ISO3, first: first, last: first}, true
}

// governmentLed are countries whose head of government, not of state, is
// the one news calls their leader.
var governmentLed = setOf("AUS", "BGD", "CAN", "DEU", "DNK", "ESP", "ETH", "GBR", "GRC", "HUN", "IND", "IRL",
	"ISR", "ITA", "JPN", "MYS", "NLD", "NOR", "NZL", "PAK", "POL", "SWE", "THA", "CZE", "BEL", "AUT", "PRT", "FIN", "NPL")

// leaderOf is the office of a country's leader.
func leaderOf(country string) string {
	if governmentLed[country] {
		if country == "DEU" || country == "AUT" {
			return "chancellor"
		}
		return "prime minister"
	}
	return "president"
}

// pluralOffices are the plural nouns pluralRoleOf needs, one of which a
// sentence must hold before the pattern is worth running.
var pluralOffices = []string{"ministers", "presidents", "leaders", "heads of state", "advisers"}

// mayNamePluralRole reports whether a lower-cased sentence can match
// pluralRoleOf. The pattern ignores case, and besides ASCII capitals only
// "ſ" folds to a letter of these words ("s"): a sentence with it is left to
// the pattern.
func mayNamePluralRole(lower string) bool {
	for _, w := range pluralOffices {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return strings.ContainsRune(lower, 'ſ')
}

// pluralRoles resolves "the foreign ministers of Saudi Arabia and Iran" to
// the article's (or the registry's) holder of that office in each country,
// or to the country itself when no holder is known.
func (x *docExtractor) pluralRoles(toks []token, have []party) []party {
	if !mayNamePluralRole(x.lower) {
		return nil
	}
	var out []party
	for _, m := range pluralRoleOf.FindAllStringSubmatchIndex(x.sentence, -1) {
		office, ok := pluralOffice(x.sentence[m[2]:m[3]])
		if !ok {
			continue
		}
		for _, name := range listSep.Split(x.sentence[m[4]:m[5]], -1) {
			c, ok := refdata.CountryByName(strings.TrimPrefix(name, "the "))
			if !ok {
				continue
			}
			first := tokenIndexAt(toks, m[4]+strings.Index(x.sentence[m[4]:m[5]], name))
			if p, ok := x.officeHolder(c, office, first, append(have, out...)); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

var pluralCounterparts = pattern.MustCompile(`\b(?:his|her|their)\s+([A-Z][a-z]+)\s+and\s+([A-Z][a-z]+)\s+counterparts\b`)

// pluralDescribed resolves "his Indian and Chinese counterparts" to the
// article's one person of each country.
func (x *docExtractor) pluralDescribed(toks []token, have []party) []party {
	var out []party
	for _, m := range pluralCounterparts.FindAllStringSubmatchIndex(x.sentence, -1) {
		for _, g := range [][2]int{{m[2], m[3]}, {m[4], m[5]}} {
			c, ok := refdata.CountryByDemonym(x.sentence[g[0]:g[1]])
			if !ok {
				continue
			}
			if p, ok := x.counterpart(c.ISO3, append(have, out...)); ok {
				first := tokenIndexAt(toks, g[0])
				out = append(out, party{kind: parley.PartyPerson, name: p.name, reported: p.name, role: p.role, country: p.country, first: first, last: first, resolved: true})
			}
		}
	}
	return out
}

// genericDescriptions fit too many people to resolve without a country.
var genericDescriptions = setOf("official", "diplomat", "counterpart", "envoy", "leader", "minister", "president", "premier")

// personByDescription finds the one person of the article with that
// country (and role, when the description names one) who is not already a
// party of the sentence.
func (x *docExtractor) personByDescription(country, role string, have []party) (person, bool) {
	var best person
	bestFit, ties := 0, 0
	for _, p := range x.people {
		fit := descriptionFit(p, country, role)
		if fit == 0 || slices.ContainsFunc(have, func(h party) bool { return h.kind == parley.PartyPerson && sameName(h.name, p.name) }) {
			continue
		}
		switch {
		case fit > bestFit:
			best, bestFit, ties = p, fit, 1
		case fit == bestFit:
			ties++
		}
	}
	return best, ties == 1
}

// descriptionFit scores how well a person fits a description by country
// and office: 0 when not at all, higher when the country or office is
// known to be theirs rather than merely not known to be another.
func descriptionFit(p person, country, role string) int {
	fit := 1
	switch {
	case country == "":
	case p.country == country:
		fit += 2
	case p.country == "" && role != "" && p.role == role:
		// someone of no known country fits only by holding the very office
	default:
		return 0
	}
	switch {
	case role == "" || p.role == "":
	case p.role == role:
		fit++
	default:
		return 0
	}
	return fit
}

func sameName(a, b string) bool {
	if a == b {
		return true
	}
	_, ok := names.Match(a, b)
	return ok
}

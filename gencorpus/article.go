package gencorpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parleydata/parley"
)

// Kind is what a generated article reports.
type Kind uint8

// Kinds of generated article.
const (
	Held      Kind = iota // a meeting that took place: in person, by phone or by video
	Planned               // a meeting announced for later
	Cancelled             // a meeting called off
	Other                 // no meeting: statements, the economy, offers, idioms with meeting words
	Reprint               // a near copy of an earlier report, published by another outlet
	numKinds
)

func (k Kind) String() string {
	return [...]string{"held", "planned", "cancelled", "other", "reprint"}[k]
}

// Article is one generated article, in the JSONL input format of
// build-dataset.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
	Truth     Truth  `json:"-"`
}

// Truth is what the generator meant an article to report.
type Truth struct {
	Kind     Kind
	Status   string   // parley.Status*; "" when no meeting is reported
	Mode     string   // parley.Mode*
	Parties  []string // canonical names of the parties
	Date     parley.Date
	Place    string // "" for calls
	Original string // the id of the article a reprint copies
}

// Sizes of article text in bytes.
const (
	MinBytes = 2 << 10
	MaxBytes = 6 << 10
)

// meeting is a real-world meeting several outlets may report.
type meeting struct {
	status, mode string
	parties      []*official
	day          parley.Date
	place        string
	placeCountry string
	topic        string
}

// draft is an article being written, kept in paragraphs so that a reprint
// can swap the parts outlets change.
type draft struct {
	art        Article
	paragraphs []paragraph
	day        parley.Date // of publication
	// reference is the publication date as a reader of the text can know
	// it: from the published field or a "Published:" line; else invalid.
	reference parley.Date
}

type paragraph struct {
	text string
	kind paragraphKind
}

type paragraphKind uint8

const (
	story paragraphKind = iota
	heading
	background
	boilerplate
)

// recent bounds how far back other outlets pick up a meeting or a report.
const recent = 48

// generator writes the articles of one shard of a corpus, in order.
type generator struct {
	r       *rand.Rand
	cast    *cast
	seed    uint64
	next    int // corpus index of the next article
	events  []*meeting
	reports []*draft
}

// newGenerator starts the shard that begins with article first.
func newGenerator(seed uint64, shard, first int) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, uint64(shard))), cast: sharedCast(), seed: seed, next: first}
}

// article writes the next article.
func (g *generator) article() Article {
	id := fmt.Sprintf("syn%d-%08d", g.seed, g.next)
	g.next++
	var d *draft
	switch n := g.r.IntN(100); {
	case n < 5 && len(g.reports) > 0:
		d = g.reprint(id)
	case n < 45:
		d = g.other(id)
	case n < 54:
		d = g.report(id, g.newMeeting(parley.StatusPlanned))
	case n < 60:
		d = g.report(id, g.newMeeting(parley.StatusCancelled))
	case len(g.events) > 0 && n < 73:
		d = g.report(id, pick(g.r, g.events)) // another outlet's report of a recent meeting
	default:
		d = g.report(id, g.newMeeting(parley.StatusHeld))
	}
	d.art.Text = joinParagraphs(d.paragraphs)
	if d.art.Truth.Kind != Other && d.art.Truth.Kind != Reprint {
		g.reports = remember(g.reports, d)
	}
	return d.art
}

func remember[T any](xs []T, x T) []T {
	if len(xs) == recent {
		xs = append(xs[:0], xs[1:]...)
	}
	return append(xs, x)
}

// Event dates span these years.
const firstYear, years = 2016, 9

func (g *generator) randomDay() parley.Date {
	first, _ := parley.NewDate(firstYear, 1, 1)
	return first.AddDays(g.r.IntN(years * 365))
}

// newMeeting invents a meeting between officials of different countries.
func (g *generator) newMeeting(status string) *meeting {
	m := &meeting{status: status, mode: parley.ModeInPerson, day: g.randomDay(), topic: pick(g.r, topics)}
	a := g.cast.pickCountry(g.r)
	b := g.cast.pickCountry(g.r)
	for b == a {
		b = g.cast.pickCountry(g.r)
	}
	m.parties = []*official{a.pickOfficial(g.r, m.day), b.pickOfficial(g.r, m.day)}
	if status == parley.StatusHeld {
		switch n := g.r.IntN(100); {
		case n < 17:
			m.mode = parley.ModePhone
		case n < 23:
			m.mode = parley.ModeVideo
		case n < 31:
			if c := g.cast.pickCountry(g.r); c != a && c != b {
				m.parties = append(m.parties, c.pickOfficial(g.r, m.day))
			}
		}
	}
	if m.mode == parley.ModeInPerson {
		switch n := g.r.IntN(10); {
		case n < 5:
			m.place, m.placeCountry = a.capital.Name, a.iso3
		case n < 8:
			m.place, m.placeCountry = b.capital.Name, b.iso3
		default:
			v := pick(g.r, g.cast.venues)
			m.place, m.placeCountry = v.Name, v.Country
		}
	}
	if status == parley.StatusHeld {
		g.events = remember(g.events, m)
	}
	return m
}

// mention is how one article names one party.
type mention struct {
	first, short string
}

// name picks how this article names o: its spelling and first mention.
func (g *generator) name(o *official, counterpartOf *official) mention {
	spelled := o.name
	if len(o.variants) > 0 && g.r.IntN(4) == 0 {
		spelled = pick(g.r, o.variants)
	}
	m := mention{short: surname(spelled, o.familyFirst)}
	switch n := g.r.IntN(20); {
	case counterpartOf != nil && counterpartOf.title == o.title && n < 8:
		m.first = o.country.demonym + " counterpart " + spelled
	case n < 10:
		m.first = o.country.demonym + " " + o.title + " " + spelled
	case n < 13:
		m.first = o.title + " " + spelled
	case n < 17:
		m.first = spelled + ", " + possessive(o.country.called) + " " + strings.ToLower(o.title) + ","
	default:
		m.first = o.title + " " + spelled + " of " + o.country.called
	}
	return m
}

// report writes an article about meeting m.
func (g *generator) report(id string, m *meeting) *draft {
	kind, published := Held, m.day.AddDays(g.r.IntN(3))
	switch m.status {
	case parley.StatusPlanned:
		kind, published = Planned, m.day.AddDays(-1-g.r.IntN(20))
	case parley.StatusCancelled:
		kind, published = Cancelled, m.day.AddDays(-g.r.IntN(10))
	}
	d := g.start(id, published)
	v := g.vars(d)
	for i, o := range m.parties {
		var counterpartOf *official
		if i > 0 {
			counterpartOf = m.parties[0]
		}
		n := g.name(o, counterpartOf)
		v.parties[i], v.short[i] = n.first, n.short
	}
	v.setCountries(m.parties[0].country, m.parties[1].country)
	v.topic = m.topic
	if m.place != "" {
		v.place = " in " + m.place
	}
	lead, followUps, headlines := heldInPerson, heldFollowUps, headlinesHeld
	switch {
	case m.status == parley.StatusPlanned:
		lead, followUps, headlines = plannedMeetings, plannedFollowUps, headlinesPlanned
	case m.status == parley.StatusCancelled:
		lead, followUps, headlines = cancelledMeetings, cancelledFollowUps, headlinesCancelled
	case len(m.parties) == 3:
		lead = heldTogether
	case m.place == m.parties[0].country.capital.Name && g.r.IntN(2) == 0:
		lead = heldAtHome
	case m.mode == parley.ModePhone:
		lead, headlines = heldByPhone, headlinesCall
	case m.mode == parley.ModeVideo:
		lead, headlines = heldByVideo, headlinesCall
	}
	d.art.Title = v.fill(pick(g.r, headlines))
	g.head(d)
	if m.status == parley.StatusHeld {
		v.date = heldDatePhrase(g.r, m.day, d.reference)
	} else {
		v.date = plannedDatePhrase(g.r, m.day, d.reference)
	}

	city, cityCountry := m.place, m.placeCountry
	if city == "" {
		city, cityCountry = m.parties[0].country.capital.Name, m.parties[0].country.iso3
	}
	opening := ""
	if g.r.IntN(10) < 7 {
		opening = dateline(g.r, city, g.cast.byISO[cityCountry].name, d.art.Source, d.reference)
	}
	d.add(story, opening+capitalise(v.fill(pick(g.r, lead)))+" "+v.fill(pick(g.r, followUps)))
	if g.r.IntN(5) == 0 {
		d.add(boilerplate, v.fill(pick(g.r, boilerplateLines)))
	}
	if m.status == parley.StatusHeld && m.mode == parley.ModeInPerson && g.r.IntN(2) == 0 {
		d.add(story, v.fill(pick(g.r, visitContext)))
	}
	remarks := outlooks
	if m.status == parley.StatusHeld {
		remarks = quotes
	}
	q := g.r.Perm(len(remarks))
	d.add(story, v.fill(remarks[q[0]])+" "+v.fill(remarks[q[1]]))
	if m.mode == parley.ModeInPerson && m.status == parley.StatusHeld && g.r.IntN(6) == 0 {
		d.add(story, "Photo: "+v.short[0]+" and "+v.short[1]+" shake hands"+v.place+". ("+d.art.Source+")")
	}
	d.art.Truth = Truth{Kind: kind, Status: m.status, Mode: m.mode, Date: m.day, Place: m.place}
	for _, o := range m.parties {
		d.art.Truth.Parties = append(d.art.Truth.Parties, o.name)
	}
	g.finish(d, v)
	return d
}

// other writes an article that reports no meeting.
func (g *generator) other(id string) *draft {
	d := g.start(id, g.randomDay())
	v := g.vars(d)
	x := g.cast.pickCountry(g.r)
	y := g.cast.pickCountry(g.r)
	v.setCountries(x, y)
	a, b := g.name(x.pickOfficial(g.r, d.day), nil), g.name(y.pickOfficial(g.r, d.day), nil)
	v.parties[0], v.short[0], v.parties[1], v.short[1] = a.first, a.short, b.first, b.short
	d.art.Title = v.fill(pick(g.r, headlinesOther))
	g.head(d)
	opening := ""
	if g.r.IntN(2) == 0 {
		opening = dateline(g.r, x.capital.Name, x.name, d.art.Source, d.reference)
	}
	d.add(story, opening+capitalise(v.fill(pick(g.r, otherLeads)))+" "+v.fill(pick(g.r, otherFollowUps)))
	d.add(story, v.fill(pick(g.r, otherFollowUps)))
	d.art.Truth = Truth{Kind: Other}
	g.finish(d, v)
	return d
}

// reprint copies a recent report under another outlet's name: the story
// and its wire credit stay, the site's headings and boilerplate change, and
// a background paragraph may be cut.
func (g *generator) reprint(id string) *draft {
	orig := pick(g.r, g.reports)
	d := g.start(id, orig.day.AddDays(g.r.IntN(2)))
	d.art.Title = orig.art.Title
	v := g.vars(d)
	g.head(d)
	cut := -1
	if g.r.IntN(2) == 0 {
		cut = g.r.IntN(len(orig.paragraphs))
	}
	for i, p := range orig.paragraphs {
		if p.kind == story || p.kind == background && i != cut {
			d.paragraphs = append(d.paragraphs, p)
		}
	}
	d.art.Truth = orig.art.Truth
	d.art.Truth.Kind, d.art.Truth.Original = Reprint, orig.art.ID
	g.finish(d, v)
	return d
}

// start begins an article from a random outlet published on day; a few
// feeds leave the date out.
func (g *generator) start(id string, day parley.Date) *draft {
	d := &draft{art: Article{ID: id, Source: pick(g.r, g.cast.outlets)}, day: day}
	if g.r.IntN(25) > 0 {
		d.reference = day
		d.art.Published = publishedField(g.r, day)
	}
	return d
}

func (g *generator) vars(d *draft) *vars {
	return &vars{r: g.r, source: pick(g.r, sources), topic: pick(g.r, topics), topic2: pick(g.r, topics),
		sector: pick(g.r, sectors), weekday: pick(g.r, weekdays), headline: pick(g.r, teasers)}
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// teasers are headlines of other stories in "Read more" links.
var teasers = []string{"Markets rally as inflation eases", "Ministers meet to discuss the budget", "Heatwave grips the capital",
	"Five things to know about the new visa rules", "Opinion: the case for a regional trade deal", "Leaders meet on climate goals"}

// head puts what a page carries above the story: the headline, a byline,
// and for half the feeds without a date, a date line.
func (g *generator) head(d *draft) {
	if g.r.IntN(5) < 2 {
		d.add(heading, d.art.Title)
	}
	if g.r.IntN(10) < 3 {
		d.add(heading, "By "+pick(g.r, g.cast.reporters))
	}
	if !d.reference.Valid() && g.r.IntN(2) == 0 {
		d.reference = d.day
		d.add(heading, "Published: "+d.day.Time().Add(time.Duration(7+g.r.IntN(14))*time.Hour).Format("January 2, 2006 15:04")+" GMT")
	}
}

// finish pads the story with background paragraphs to a length drawn
// between MinBytes and MaxBytes, and appends the site's footer.
func (g *generator) finish(d *draft, v *vars) {
	var footer []string
	if g.r.IntN(3) == 0 {
		footer = append(footer, v.fill(pick(g.r, boilerplateLines)))
	}
	if g.r.IntN(5) < 2 {
		footer = append(footer, "© "+d.year()+" "+d.art.Source+". All rights reserved.")
	}
	size := len(joinParagraphs(d.paragraphs)) + len(strings.Join(footer, "\n\n")) + 2
	target := MinBytes + 64 + g.r.IntN((MaxBytes-MinBytes)/2) + g.r.IntN((MaxBytes-MinBytes)/2-64)
	sentences := g.r.Perm(len(filler))
	for size < target && len(sentences) > 0 {
		n := min(len(sentences), 2+g.r.IntN(3))
		s := make([]string, n)
		for i, k := range sentences[:n] {
			s[i] = v.fill(filler[k])
		}
		sentences = sentences[n:]
		p := strings.Join(s, " ")
		if size+len(p)+2 > MaxBytes {
			break
		}
		d.add(background, p)
		size += len(p) + 2
	}
	for _, f := range footer {
		d.add(boilerplate, f)
	}
}

func (d *draft) add(kind paragraphKind, text string) {
	d.paragraphs = append(d.paragraphs, paragraph{text: text, kind: kind})
}

func (d *draft) year() string { return strconv.Itoa(d.day.Time().Year()) }

func joinParagraphs(ps []paragraph) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.text)
	}
	return b.String()
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

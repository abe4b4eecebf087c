package gencorpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/parleydata/parley"
)

// The sentence templates below are written for this generator. Slots:
// {A} {B} {C} first mentions of the parties, {a} {b} their surnames, {P} " in
// <place>" or "", {D} a date phrase with its leading space or "", {T} {U}
// topics, {S} a source, {X} a country, {Y} another country, {Z} the capital
// of {X}, {N} a digit, {M} an amount, {Q} a year, {K} a sector, {W} a
// weekday, {H} a headline of another story. A filled template starts with
// a capital letter.

var heldInPerson = []string{
	"{A} met {B}{P}{D}, {S} said.",
	"{A} held talks with {B}{P}{D}.",
	"{A} met with {B}{P}{D} to discuss {T}.",
	"{A} and {B} met{P}{D} and discussed {T}.",
	"{A} sat down with {B}{P}{D} for talks on {T}.",
	"{A} held a meeting with {B}{P}{D}, {S} said.",
}

// heldAtHome report talks where {A} is the host.
var heldAtHome = []string{
	"{A} received {B}{P}{D}.",
	"{A} hosted {B} for talks{P}{D}.",
	"{B} was received by {A}{P}{D}.",
}

var heldByPhone = []string{
	"{A} spoke by phone with {B}{D}, {S} said.",
	"{A} held a telephone conversation with {B}{D}.",
	"{A} spoke by telephone with {B}{D} about {T}.",
	"{A} had a phone call with {B}{D} on {T}.",
}

var heldByVideo = []string{
	"{A} held a video call with {B}{D} on {T}.",
	"{A} held a videoconference with {B}{D}, {S} said.",
}

var heldTogether = []string{
	"{A}, {B} and {C} met{P}{D} to discuss {T}.",
	"{A} held talks with {B} and {C}{P}{D}.",
}

var plannedMeetings = []string{
	"{A} will meet {B}{P}{D}, {S} said.",
	"{A} is expected to hold talks with {B}{P}{D}.",
	"{A} is scheduled to meet {B}{P}{D} to discuss {T}.",
	"{A} plans to meet {B}{P}{D}.",
	"{A} and {B} are set to meet{P}{D}, {S} said.",
}

var cancelledMeetings = []string{
	"{A} has called off a planned meeting with {B}{P}{D}, {S} said.",
	"{A} cancelled talks with {B}{P}{D}.",
	"{A} postponed a meeting with {B}{P}{D}, citing scheduling problems.",
	"A meeting between {A} and {B}{P}{D} was called off, {S} said.",
}

// sources say things: "..., {S} said."
var sources = []string{"the foreign ministry", "officials", "state media", "a government spokesperson",
	"the presidential office", "diplomats", "the ministry's press service", "people familiar with the matter"}

var heldFollowUps = []string{
	"{a} and {b} discussed {T} and {U}, according to a statement released afterwards.",
	"The two sides discussed {T}, {S} said.",
	"According to the readout, the officials also exchanged views on {U}.",
	"{a} and {b} agreed to stay in close contact on {T}.",
}

var plannedFollowUps = []string{
	"The agenda will include {T} and {U}, {S} said.",
	"Preparations for the visit are under way, according to the ministry.",
	"{a} is also expected to raise {U}.",
}

var cancelledFollowUps = []string{
	"No new date has been set.",
	"{a}'s office gave no reason for the decision.",
	"The decision follows weeks of tension over {T}.",
}

// outlooks follow reports of talks to come or called off.
var outlooks = []string{
	"\"We remain open to dialogue on {T},\" {a} said.",
	"{b} has not commented publicly.",
	"\"Contacts at all levels will continue,\" {S} said.",
	"Diplomats said the agenda had been expected to include {U}.",
}

// visitContext follows a report of talks in person.
var visitContext = []string{
	"{a} arrived in the country on {W} at the start of a regional tour.",
	"The trip was {a}'s first abroad since the start of the year, officials said.",
	"{a} is also due to travel to neighbouring countries before returning home.",
	"Security was tight around the venue, and roads in the centre were closed for several hours.",
}

// quotes follow talks that took place.
var quotes = []string{
	"\"We had a frank and constructive exchange on {T},\" {a} told reporters afterwards.",
	"\"Our positions are close on many issues,\" {a} said.",
	"\"There is still a lot of work to do on {T},\" {b} said.",
	"{b} described the conversation as useful and businesslike.",
	"\"We agreed to keep working together on {U},\" {a} said in remarks broadcast by state television.",
}

var topics = []string{"bilateral trade", "energy cooperation", "the situation in Syria", "regional security",
	"the Iranian nuclear programme", "grain exports", "the war in Ukraine", "counterterrorism", "visa rules",
	"climate finance", "debt relief", "maritime security", "the humanitarian situation in Gaza", "arms control",
	"investment projects", "border security", "water sharing", "a prisoner exchange", "transport corridors",
	"the peace process", "sanctions relief", "nuclear safety", "food security", "migration"}

var sectors = []string{"energy", "agriculture", "transport", "tourism", "banking", "mining", "shipbuilding",
	"telecommunications", "education", "health care", "construction", "textiles"}

// filler sentences give articles the background paragraphs real reports
// carry. They name countries but report no meeting, and an article never
// repeats one.
var filler = []string{
	"{X} and {Y} established diplomatic relations in {Q}.",
	"Trade between {X} and {Y} reached about {M} billion dollars last year, according to official figures.",
	"Analysts said the relationship had grown steadily over the past decade despite periodic disputes.",
	"{X} has invested heavily in {K} over the past few years, and officials hope to attract more foreign capital.",
	"Economists expect growth in {X} to slow to about {N} percent this year as exports weaken.",
	"The two countries signed a framework agreement on {K} in {Q}, though several projects have stalled since.",
	"Observers in {Y} noted that public opinion on the issue remains divided.",
	"Relations were strained in {Q} after a dispute over customs duties and fishing rights.",
	"The region has seen a series of diplomatic initiatives in recent months, with mixed results.",
	"Officials have said repeatedly that they want to diversify supplies of fuel and fertiliser.",
	"According to the central bank of {X}, the currency has lost around {N} percent of its value since {Q}.",
	"Business groups in {Y} have lobbied for simpler customs procedures and more direct flights.",
	"A joint commission on {K} has not convened for several years, according to people familiar with the matter.",
	"Opposition lawmakers in {X} have criticised the government's approach as too cautious.",
	"Several international organisations have urged restraint and asked for humanitarian corridors to stay open.",
	"Shipping through the area has slowed, pushing up insurance costs for cargo vessels.",
	"In {Q}, {X} opened a consulate in the second-largest city of {Y}.",
	"Thousands of students from {Y} study at universities in {X}, according to education officials.",
	"Some experts warn that the current approach could deepen the divisions within the region.",
	"Energy prices rose sharply after the announcement before easing later in the week.",
	"Both governments face elections within the next two years, which analysts say limits room for compromise.",
	"A regional development bank approved a loan of {M} million dollars for {K} projects in {Y} last year.",
	"Local media in {Y} gave the story prominent coverage on {W}.",
	"The ministry responsible for {K} in {X} has promised to publish a new strategy by the end of the year.",
	"Inflation in {Y} stood at {N} percent in the latest monthly figures, above the central bank's target.",
	"Exports of {K} equipment from {X} have doubled since {Q}, according to the customs service.",
	"A new rail link between {Z} and the border is due to open within three years.",
	"Human rights groups have raised concerns about press freedom in the region.",
	"The government in {Z} has repeatedly denied allegations of interference in the affairs of its neighbours.",
	"Diplomats say the issue has become more urgent since the start of the year.",
	"Remittances from workers abroad account for about {N} percent of the economy of {Y}.",
	"{X} is one of the largest foreign investors in {Y}, with projects in {K} and logistics.",
	"Critics argue that the sanctions have hurt ordinary people more than the elites they target.",
	"The parliament of {X} ratified a treaty on mutual legal assistance in {Q}.",
	"A drought last summer cut the grain harvest in {Y} by around {N} percent.",
	"The population of {Z} has grown quickly over the past two decades, straining water and power supplies.",
	"Officials in {Z} said the new rules on foreign ownership would take effect next year.",
	"Tourism from {X} to {Y} recovered strongly last year after a slump during the pandemic.",
	"The currency of {Y} strengthened slightly against the dollar on {W}.",
	"Many residents of the border districts depend on cross-border trade for their income.",
	"The opposition in {Y} has accused the government of failing to consult parliament.",
	"A report by an independent research group estimated the cost of the dispute at {M} billion dollars.",
	"The armed forces of {X} held exercises near the coast earlier this month.",
	"Satellite images published last month showed new construction at the port.",
	"Prices for basic goods have risen steadily, and the government has introduced subsidies for bread and fuel.",
	"The state airline of {X} plans to add flights to {Y} from the spring.",
	"Investors have been cautious, waiting for clearer signals on tax policy.",
	"A cultural festival marking {N}0 years of ties is planned for the autumn.",
	"The two economies are closely linked through energy, with pipelines crossing several borders.",
	"Earlier this year, the government of {Y} reshuffled several ministries, including the one in charge of {K}.",
	"Aid agencies say more than {N} million people in the region need humanitarian assistance.",
	"The security situation along the frontier has improved, according to local officials, although incidents continue.",
	"The trade deficit of {Y} widened to {M} billion dollars in the first half of the year.",
	"Unemployment among young people in {X} remains above {N}0 percent, according to official statistics.",
	"Officials from both sides have praised the cooperation of their customs and border services.",
	"The port of {Z} handles a growing share of the region's container traffic.",
	"Public debt in {Y} has risen to more than {N}0 percent of economic output.",
	"The central bank of {Y} kept its main interest rate unchanged on {W}.",
	"Construction of a new power plant financed by {X} is expected to finish in {Q}.",
	"The agreement on {K} that expired last year has not been renewed.",
}

// otherLeads open articles that report no meeting: statements, the
// economy, sport, idioms that use meeting words, offers and wishes.
var otherLeads = []string{
	"{A} said on {W} that {X} would not change its position on {T}.",
	"The economy of {X} grew by {N} percent in the last quarter, the statistics agency said on {W}.",
	"{A} addressed parliament on {W}, calling for a new approach to {T}.",
	"The government's budget plan met with criticism from opposition lawmakers on {W}.",
	"{X} has met its export targets for the year, the ministry of {K} said on {W}.",
	"Analysts said {A} could meet {B} later this year if tensions over {T} ease.",
	"{A} did not meet {B} during the regional forum, officials said.",
	"{A} held a news conference on {W} to present the government's plans for {K}.",
	"The national team won the regional athletics meet on {W}, beating rivals from {Y}.",
	"{A} wants to meet {B} before the end of the year, {S} said, but no invitation has been sent.",
	"{A} and {B} both spoke at an economic forum on {W}, where trade was high on the agenda.",
	"{A} told state television on {W} that talks with {Y} on {T} were not on the agenda for now.",
	"Floods hit several provinces of {X} on {W}, forcing thousands of people from their homes.",
	"{A} visited a factory on {W} and inspected a new production line for the {K} industry.",
}

var otherFollowUps = []string{
	"The statement did not give further details.",
	"A government spokesperson said a full report would be published next month.",
	"Officials in {Y} declined to comment.",
	"Critics said the measures would do little to help households facing higher prices.",
	"The announcement came as the government prepares its budget for the coming year.",
}

var headlinesHeld = []string{"{a}, {b} hold talks{P}", "{a} meets {b} as {T} tops agenda", "{X} and {Y} officials meet{P}",
	"{a} and {b} discuss {T}"}
var headlinesCall = []string{"{a}, {b} discuss {T} by phone", "{a} and {b} hold call on {T}"}
var headlinesPlanned = []string{"{a} to meet {b}{P}", "{a} set for talks with {b}", "{X} and {Y} plan talks on {T}"}
var headlinesCancelled = []string{"{a} calls off talks with {b}", "Meeting between {a} and {b} postponed", "{X} cancels talks with {Y}"}
var headlinesOther = []string{"{X} sticks to its position on {T}", "Economy of {X} shows mixed signals",
	"Government of {X} unveils plans for {K}", "Debate over {T} continues in {X}", "What the latest figures say about {K} in {X}"}

// Boilerplate lines that sites paste around the story.
var boilerplateLines = []string{"Advertisement", "Share this article", "Subscribe to our newsletter for the day's top stories",
	"Follow us on Twitter and Telegram", "Sign up for breaking news alerts", "Read more: {H}", "Related: {H}", "Tags: {T}, {X}, diplomacy"}

// vars are the values of the template slots for one article.
type vars struct {
	parties        [3]string // first mentions
	short          [3]string // surnames
	place, date    string
	topic, topic2  string
	source         string
	country, other string
	capital        string
	sector         string
	weekday        string
	headline       string
	r              *rand.Rand
}

// fill expands the slots of tpl. Numbers and years are drawn afresh for
// each slot, the rest are fixed for the article.
func (v *vars) fill(tpl string) string {
	var b strings.Builder
	b.Grow(len(tpl) + 64)
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 || i+2 >= len(tpl) || tpl[i+2] != '}' {
			b.WriteString(tpl)
			return capitalise(b.String())
		}
		b.WriteString(tpl[:i])
		switch tpl[i+1] {
		case 'A':
			b.WriteString(v.parties[0])
		case 'B':
			b.WriteString(v.parties[1])
		case 'C':
			b.WriteString(v.parties[2])
		case 'a':
			b.WriteString(v.short[0])
		case 'b':
			b.WriteString(v.short[1])
		case 'P':
			b.WriteString(v.place)
		case 'D':
			b.WriteString(v.date)
		case 'T':
			b.WriteString(v.topic)
		case 'U':
			b.WriteString(v.topic2)
		case 'S':
			b.WriteString(v.source)
		case 'X':
			b.WriteString(v.country)
		case 'Y':
			b.WriteString(v.other)
		case 'K':
			b.WriteString(v.sector)
		case 'W':
			b.WriteString(v.weekday)
		case 'Z':
			b.WriteString(v.capital)
		case 'H':
			b.WriteString(v.headline)
		case 'N':
			b.WriteString(strconv.Itoa(2 + v.r.IntN(8)))
		case 'M':
			b.WriteString(strconv.Itoa(2 + v.r.IntN(90)))
		case 'Q':
			b.WriteString(strconv.Itoa(1990 + v.r.IntN(26)))
		}
		tpl = tpl[i+3:]
	}
}

func (v *vars) setCountries(x, y *country) {
	v.country, v.other, v.capital = x.called, y.called, x.capital.Name
}

// Date phrases.

var shortMonths = [...]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// writtenDate states d one of the ways news copy does.
func writtenDate(r *rand.Rand, d parley.Date) string {
	t := d.Time()
	m, day, y := t.Month().String(), strconv.Itoa(t.Day()), strconv.Itoa(t.Year())
	switch r.IntN(6) {
	case 0:
		return m + " " + day
	case 1:
		return day + " " + m
	case 2:
		return shortMonths[t.Month()-1] + " " + day
	case 3:
		return m + " " + day + ", " + y
	case 4:
		return day + " " + m + " " + y
	}
	return t.Weekday().String() + ", " + m + " " + day
}

// heldDatePhrase says when a meeting on day took place, as seen from an
// article published on published (which may be unknown).
func heldDatePhrase(r *rand.Rand, day, published parley.Date) string {
	if r.IntN(10) == 0 {
		return ""
	}
	if !published.Valid() {
		if r.IntN(3) == 0 {
			return " on " + day.Weekday().String() // stays a weekday: nothing to resolve it against
		}
		return " on " + writtenDate(r, day)
	}
	switch back := published.Days() - day.Days(); {
	case back == 1 && r.IntN(4) == 0:
		return " yesterday"
	case back <= 6 && r.IntN(2) == 0:
		return " on " + day.Weekday().String()
	}
	return " on " + writtenDate(r, day)
}

// plannedDatePhrase says when a meeting on day is to take place.
func plannedDatePhrase(r *rand.Rand, day, published parley.Date) string {
	ahead := day.Days() - published.Days()
	switch {
	case r.IntN(8) == 0:
		return ""
	case published.Valid() && ahead <= 6 && r.IntN(2) == 0:
		return " on " + day.Weekday().String()
	case published.Valid() && ahead >= 7 && ahead <= 13 && r.IntN(3) == 0:
		return " next week"
	}
	return " on " + writtenDate(r, day)
}

// publishedField writes the publication date the ways feeds do.
func publishedField(r *rand.Rand, d parley.Date) string {
	t := d.Time().Add(time.Duration(6*60+r.IntN(15*60)) * time.Minute)
	switch r.IntN(20) {
	case 0, 1:
		return t.Format("January 2, 2006")
	case 2:
		return t.Format("2 January 2006")
	case 3, 4, 5:
		return t.In(time.FixedZone("", 3*3600)).Add(-3 * time.Hour).Format(time.RFC3339)
	case 6, 7, 8, 9, 10, 11:
		return t.Format(time.RFC3339)
	}
	return t.Format(time.DateOnly)
}

// dateline opens the first paragraph of wire copy.
func dateline(r *rand.Rand, city, countryName, outlet string, published parley.Date) string {
	upper := strings.ToUpper(city)
	switch {
	case published.Valid() && r.IntN(2) == 0:
		t := published.Time()
		return upper + ", " + shortMonths[t.Month()-1] + " " + strconv.Itoa(t.Day()) + " (" + outlet + ") — "
	case r.IntN(2) == 0:
		return upper + " (" + outlet + ") — "
	}
	return city + ", " + countryName + " — "
}

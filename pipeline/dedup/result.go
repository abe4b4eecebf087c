package dedup

import (
	"math"
	"slices"
	"sort"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/pipeline/extract"
)

// precisionRank orders date precisions from least to most informative.
var precisionRank = map[string]int{
	parley.PrecisionNone: 0, parley.PrecisionYear: 1, parley.PrecisionWeekday: 2, parley.PrecisionMonth: 3, parley.PrecisionDay: 4,
}

// result makes the records of the clusters. It consumes the clusterer:
// each cluster is let go once its records are made, so that the records
// take the clusters' place in memory rather than adding to them.
func (c *clusterer) result(actors *actorIndex) *Result {
	clusters := c.clusters
	sort.Slice(clusters, func(i, j int) bool { return clusters[i].id < clusters[j].id })
	c.clusters, c.byPair = nil, nil
	c.shared = newShared()
	mentions, participants := 0, 0
	for _, k := range clusters {
		mentions += len(k.mentions)
		participants += len(k.parties)
	}
	r := &Result{
		Meetings:     make([]parley.Meeting, 0, len(clusters)),
		Participants: make([]parley.Participant, 0, participants),
		Mentions:     make([]parley.Mention, 0, mentions),
		MeetingsOf:   map[string]int{},
	}
	var articleIDs []string
	for n, k := range clusters {
		clusters[n] = nil
		articleIDs = c.articleIDs(k, articleIDs[:0])
		r.Meetings = append(r.Meetings, c.meeting(k, articleIDs))
		for i, p := range k.parties {
			a := p.actor
			a.meetings++
			role := a.mainRole()
			if inMeeting := k.mainRole(i); inMeeting != "" {
				role = inMeeting
			}
			r.Participants = append(r.Participants, parley.Participant{
				MeetingID:      k.id,
				ActorID:        a.id,
				Name:           a.name,
				NameAsReported: p.reported,
				Role:           c.shared.optional(role),
				Country:        c.shared.optional(a.country),
				Kind:           a.kind,
			})
		}
		for _, j := range k.mentions {
			m := c.mention(j)
			r.Mentions = append(r.Mentions, parley.Mention{
				MentionID:        MentionID(m),
				MeetingID:        k.id,
				ArticleID:        m.ArticleID,
				Sentence:         m.Sentence,
				Start:            int64(m.Start),
				End:              int64(m.End),
				StatusAsReported: m.Status,
				DateText:         c.shared.optional(m.Date.Text),
				PlaceText:        c.shared.optional(m.PlaceText),
				MatchRule:        j.rule.String(),
				MatchScore:       round3(j.score),
			})
		}
		for _, a := range articleIDs {
			r.MeetingsOf[a]++
		}
	}
	sort.Slice(r.Mentions, func(i, j int) bool { return r.Mentions[i].MentionID < r.Mentions[j].MentionID })
	r.Actors = actors.records()
	return r
}

// shared hands out the values of the records' pointer and list fields, one
// per distinct value: a million meetings name a few thousand places, roles,
// dates and lists of topics, and a copy each would take more memory than
// the records themselves.
type shared struct {
	strings map[string]*string
	lists   map[string][]string       // by their items, each followed by a NUL
	points  map[[2]uint64]*[2]float64 // by their bits: 0 and -0 are two points
	key     []byte
}

func newShared() *shared {
	return &shared{strings: map[string]*string{}, lists: map[string][]string{}, points: map[[2]uint64]*[2]float64{}}
}

// optional returns a pointer to s, or nil for "".
func (sh *shared) optional(s string) *string {
	if s == "" {
		return nil
	}
	if p, ok := sh.strings[s]; ok {
		return p
	}
	p := new(string) // not &s, which would move every s to the heap
	*p = s
	sh.strings[s] = p
	return p
}

// list sorts items and returns them, each once, as a list other records
// share. No items give an empty list, not nil.
func (sh *shared) list(items []string) []string {
	if len(items) == 0 {
		return []string{}
	}
	slices.Sort(items)
	items = slices.Compact(items)
	sh.key = sh.key[:0]
	for _, s := range items {
		sh.key = append(append(sh.key, s...), 0)
	}
	if l, ok := sh.lists[string(sh.key)]; ok {
		return l
	}
	l := slices.Clone(items)
	sh.lists[string(sh.key)] = l
	return l
}

// coordinates returns pointers to a latitude and a longitude.
func (sh *shared) coordinates(lat, lon float64) (*float64, *float64) {
	key := [2]uint64{math.Float64bits(lat), math.Float64bits(lon)}
	p, ok := sh.points[key]
	if !ok {
		p = &[2]float64{lat, lon}
		sh.points[key] = p
	}
	return &p[0], &p[1]
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// meeting merges the fields of a cluster's mentions, taking the best
// evidence for each and recording where the reports disagree. articleIDs
// are the articles reporting it, each once, sorted.
func (c *clusterer) meeting(k *cluster, articleIDs []string) parley.Meeting {
	ms := make([]*extract.Mention, len(k.mentions))
	for i, j := range k.mentions {
		ms[i] = c.mention(j)
	}
	date := bestDate(ms)
	place, conflicts := bestPlace(ms)
	mt := parley.Meeting{
		MeetingID:     k.id,
		Date:          date.Date,
		DateEnd:       date.DateEnd,
		DatePrecision: date.Precision,
		DateBasis:     date.Basis,
		DateText:      c.shared.optional(date.Text),
		Weekday:       c.shared.optional(date.Weekday),
		Status:        k.status,
		Mode:          bestMode(ms),
		Conflicts:     []string{},
	}
	if mt.DatePrecision != parley.PrecisionDay && mt.DatePrecision != parley.PrecisionMonth && mt.DatePrecision != parley.PrecisionYear {
		mt.Date, mt.DateEnd = parley.Date{}, parley.Date{}
	}
	if place != nil {
		mt.Place, mt.Country = c.shared.optional(place.Name), c.shared.optional(place.Country)
		if place.City {
			mt.Latitude, mt.Longitude = c.shared.coordinates(place.Lat, place.Lon)
		}
	}
	mt.Conflicts = append(mt.Conflicts, conflicts...)
	if dateConflict(ms) {
		mt.Conflicts = append(mt.Conflicts, "date")
	}
	sort.Strings(mt.Conflicts)
	c.topics = c.topics[:0]
	for _, m := range ms {
		c.topics = append(c.topics, m.Topics...)
	}
	mt.Topics = c.shared.list(c.topics)
	// Sides are the countries taking part, and one more for the parties with
	// no country (the UN, the EU, an unplaced official).
	countries, stateless := map[string]bool{}, false
	for _, p := range k.parties {
		if a := p.actor; a.country == "" {
			stateless = true
		} else {
			countries[a.country] = true
		}
	}
	sides := len(countries)
	if stateless {
		sides++
	}
	mt.International = len(countries) > 1
	mt.Kind = parley.KindBilateral
	if sides > 2 {
		mt.Kind = parley.KindMultilateral
	}
	mt.ParticipantCount = int64(len(k.parties))
	mt.ArticleCount = int64(len(articleIDs))
	mt.MentionCount = int64(len(ms))
	mt.SourceCount = c.sources(articleIDs)
	best := 0.0
	for _, m := range ms {
		best = max(best, m.Confidence)
		if p := c.articles[m.ArticleID].Published; p.Valid() && (!mt.FirstPublished.Valid() || p.Days() < mt.FirstPublished.Days()) {
			mt.FirstPublished = p
		}
	}
	mt.Confidence = round3(min(0.99, best+0.05*float64(mt.SourceCount-1)))
	return mt
}

// sources counts the independent reports among the sorted articleIDs of a
// meeting: articles that do not reprint another of them, once per outlet.
func (c *clusterer) sources(articleIDs []string) int64 {
	outlets := map[string]bool{}
	for _, id := range articleIDs {
		a := c.articles[id]
		if a.DuplicateOf != "" {
			if _, reprint := slices.BinarySearch(articleIDs, a.DuplicateOf); reprint {
				continue
			}
		}
		key := a.Outlet
		if key == "" {
			key = "article:" + id
		}
		outlets[key] = true
	}
	return int64(max(1, len(outlets)))
}

func bestDate(ms []*extract.Mention) dates.Resolved {
	var best dates.Resolved
	best.Precision, best.Basis = parley.PrecisionNone, parley.BasisNone
	for _, m := range ms {
		d := m.Date
		if precisionRank[d.Precision] > precisionRank[best.Precision] ||
			precisionRank[d.Precision] == precisionRank[best.Precision] && d.Basis == parley.BasisExplicit && best.Basis != parley.BasisExplicit ||
			best.Text == "" && d.Text != "" && d.Precision == best.Precision {
			best = d
		}
	}
	return best
}

func dateConflict(ms []*extract.Mention) bool {
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if !datesAgree(a.Date, b.Date, 0) {
				return true
			}
		}
	}
	return false
}

// bestPlace takes the city most reports name, preferring evidence in the
// sentence over context over the dateline.
func bestPlace(ms []*extract.Mention) (*extract.Place, []string) {
	weight := map[string]int{extract.PlaceInSentence: 4, extract.PlaceInContext: 2, extract.PlaceInDateline: 1}
	votes := map[string]int{}
	byName := map[string]*extract.Place{}
	for _, m := range ms {
		if m.Place == nil {
			continue
		}
		w := weight[m.PlaceBasis]
		if m.Place.City {
			w *= 2
		}
		votes[m.Place.Name] += w
		byName[m.Place.Name] = m.Place
	}
	var best *extract.Place
	bestVotes := 0
	for name, v := range votes {
		if v > bestVotes || v == bestVotes && name < best.Name {
			best, bestVotes = byName[name], v
		}
	}
	var conflicts []string
	cities := 0
	for _, p := range byName {
		if p.City {
			cities++
		}
	}
	if cities > 1 {
		conflicts = append(conflicts, "place")
	}
	return best, conflicts
}

func bestMode(ms []*extract.Mention) string {
	mode := parley.ModeUnknown
	for _, m := range ms {
		if m.Mode != parley.ModeUnknown && (mode == parley.ModeUnknown || m.Mode != parley.ModeInPerson) {
			mode = m.Mode
		}
	}
	return mode
}

package dedup

import (
	"sort"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/pipeline/extract"
)

// cluster is a meeting being assembled from its mentions.
type cluster struct {
	id       string
	seq      int // creation order: earlier clusters win ties
	actors   map[*actor]bool
	order    []*actor // in order of first mention
	reported map[*actor]string
	roles    map[*actor]map[string]int
	mentions []*joined
	status   string
	articles map[string]bool
}

type joined struct {
	m     *extract.Mention
	rule  string
	score float64
}

type clusterer struct {
	articles map[string]Article
	clusters []*cluster
	// byPair indexes clusters by each pair of their actors: two mentions
	// of one meeting share at least two parties.
	byPair map[[2]*actor][]*cluster
	// apart holds pairs of mention ids a curator judged different meetings.
	apart map[[2]string]bool
}

func newClusterer(articles map[string]Article) *clusterer {
	return &clusterer{articles: articles, byPair: map[[2]*actor][]*cluster{}}
}

func pairsOf(set []*actor) [][2]*actor {
	var out [][2]*actor
	for i := 0; i < len(set) && i < 8; i++ {
		for j := i + 1; j < len(set) && j < 8; j++ {
			a, b := set[i], set[j]
			if a.key > b.key {
				a, b = b, a
			}
			out = append(out, [2]*actor{a, b})
		}
	}
	return out
}

// add joins a mention to the best compatible meeting, or founds one.
// parties holds the actor of each of the mention's parties, in order.
func (c *clusterer) add(m *extract.Mention, parties []*actor) {
	set := uniqueActors(parties)
	var best *cluster
	bestRule, bestScore := "", 0.0
	seen := map[*cluster]bool{}
	for _, p := range pairsOf(set) {
		for _, k := range c.byPair[p] {
			if seen[k] {
				continue
			}
			seen[k] = true
			rule, score, ok := c.compatible(k, m, set)
			if ok && (best == nil || score > bestScore) {
				best, bestRule, bestScore = k, rule, score
			}
		}
	}
	if best == nil {
		best = &cluster{
			id:       hashID("mtg_", MentionID(m)),
			seq:      len(c.clusters),
			actors:   map[*actor]bool{},
			reported: map[*actor]string{},
			roles:    map[*actor]map[string]int{},
			status:   m.Status,
			articles: map[string]bool{},
		}
		c.clusters = append(c.clusters, best)
		bestRule, bestScore = RuleFirst, 1
	}
	best.mentions = append(best.mentions, &joined{m: m, rule: bestRule, score: bestScore})
	if m.Status == parley.StatusHeld {
		best.status = parley.StatusHeld // it took place, whatever was announced before
	}
	best.articles[m.ArticleID] = true
	for i, a := range parties {
		if !best.actors[a] {
			best.actors[a] = true
			best.order = append(best.order, a)
			best.reported[a] = m.Parties[i].NameAsReported
			best.roles[a] = map[string]int{}
		}
		if r := m.Parties[i].Role; r != "" {
			best.roles[a][r]++
		}
	}
	all := make([]*actor, 0, len(best.order))
	all = append(all, best.order...)
	for _, p := range pairsOf(all) {
		if !containsCluster(c.byPair[p], best) {
			c.byPair[p] = append(c.byPair[p], best)
		}
	}
}

func containsCluster(cs []*cluster, k *cluster) bool {
	for _, x := range cs {
		if x == k {
			return true
		}
	}
	return false
}

func uniqueActors(set []*actor) []*actor {
	seen := map[*actor]bool{}
	out := set[:0:0]
	for _, a := range set {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// compatible decides whether mention m reports meeting k, and by which rule.
func (c *clusterer) compatible(k *cluster, m *extract.Mention, set []*actor) (string, float64, bool) {
	// An announced meeting that then took place is one meeting, reported
	// first as planned and then as held, on the same known day.
	announced := k.status != m.Status && !k.articles[m.ArticleID] &&
		(k.status == parley.StatusPlanned && m.Status == parley.StatusHeld || k.status == parley.StatusHeld && m.Status == parley.StatusPlanned)
	if k.status != m.Status && !announced {
		return "", 0, false
	}
	if len(c.apart) > 0 {
		id := MentionID(m)
		for _, j := range k.mentions {
			if c.apart[pairKey(id, MentionID(j.m))] {
				return "", 0, false
			}
		}
	}
	shared := 0
	for _, a := range set {
		if k.actors[a] {
			shared++
		}
	}
	if shared < 2 {
		return "", 0, false
	}
	subset := shared == len(set) || shared == len(k.actors)
	sameArticle := k.articles[m.ArticleID]
	score := float64(shared) / float64(len(set)+len(k.actors)-shared)
	for _, j := range k.mentions {
		if !modesAgree(j.m.Mode, m.Mode) || !placesAgree(j.m, m) {
			return "", 0, false
		}
	}
	if sameArticle {
		// In one article different counterparts mean different meetings, and
		// so does a subset: "Erdoğan and Zelenskyy held a bilateral meeting"
		// before their trilateral with Guterres.
		if shared != len(set) || shared != len(k.actors) {
			return "", 0, false
		}
		for _, j := range k.mentions {
			if !datesAgree(j.m.Date, m.Date, 0) {
				return "", 0, false
			}
		}
		return RuleSameArticle, score, true
	}
	// Across articles only reports of a known day are matched: two undated
	// reports of the same people may be months apart.
	if m.Date.Precision != parley.PrecisionDay {
		return "", 0, false
	}
	day, adjacent := false, false
	for _, j := range k.mentions {
		if j.m.Date.Precision != parley.PrecisionDay {
			if !datesAgree(j.m.Date, m.Date, 0) {
				return "", 0, false
			}
			continue
		}
		switch {
		case datesAgree(j.m.Date, m.Date, 0):
			day = true
		case datesAgree(j.m.Date, m.Date, 1) && j.m.Place != nil && m.Place != nil && j.m.Place.Name == m.Place.Name:
			adjacent = true
		default:
			return "", 0, false
		}
	}
	switch {
	case announced && day && subset:
		return RulePlannedHeld, score, true
	case announced:
		return "", 0, false
	case day && subset:
		return RuleSameDay, score, true
	case day:
		return RuleSubsetParty, score * 0.9, true
	case adjacent && subset:
		return RuleAdjacentDay, score * 0.8, true
	}
	return "", 0, false
}

func modesAgree(a, b string) bool {
	return a == b || a == parley.ModeUnknown || b == parley.ModeUnknown
}

// placesAgree compares places named in or near the sentence; a dateline is
// where the story was filed, not proof of where the meeting was.
func placesAgree(a, b *extract.Mention) bool {
	pa, pb := a.Place, b.Place
	if pa == nil || pb == nil || a.PlaceBasis == extract.PlaceInDateline || b.PlaceBasis == extract.PlaceInDateline {
		return true
	}
	if pa.Name == pb.Name {
		return true
	}
	if !pa.City || !pb.City {
		return pa.Country == pb.Country
	}
	return false
}

// datesAgree reports whether two dates can be the same day, allowing slack
// days between known days; ranges ("September 14-15") cover their days.
func datesAgree(a, b dates.Resolved, slack int) bool {
	pa, pb := a.Precision, b.Precision
	switch {
	case pa == parley.PrecisionNone || pb == parley.PrecisionNone:
		return true
	case pa == parley.PrecisionDay && pb == parley.PrecisionDay:
		aEnd, bEnd := lastDay(a), lastDay(b)
		return a.Date.Days()-int32(slack) <= bEnd.Days() && b.Date.Days()-int32(slack) <= aEnd.Days()
	case pa == parley.PrecisionWeekday || pb == parley.PrecisionWeekday:
		return a.Weekday == b.Weekday
	case pa == parley.PrecisionYear || pb == parley.PrecisionYear:
		return a.Date.Time().Year() == b.Date.Time().Year()
	default: // month against month or day
		ya, ma, _ := a.Date.Time().Date()
		yb, mb, _ := b.Date.Time().Date()
		return ya == yb && ma == mb
	}
}

func lastDay(r dates.Resolved) parley.Date {
	if r.DateEnd.Valid() {
		return r.DateEnd
	}
	return r.Date
}

func sortedClusters(cs []*cluster) []*cluster {
	out := append([]*cluster(nil), cs...)
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// meetingMentions resolves a judgement's meeting reference to mention ids:
// a mention id as it is, a meeting id through the previous build or, for a
// meeting of this build, through the mention that founded it.
func meetingMentions(ref string, mentions []extract.Mention, prev *Previous) []string {
	if ref[:4] == "men_" {
		for i := range mentions {
			if MentionID(&mentions[i]) == ref {
				return []string{ref}
			}
		}
		return nil
	}
	var out []string
	for i := range mentions {
		id := MentionID(&mentions[i])
		if prev != nil && prev.MeetingOf[id] == ref || hashID("mtg_", id) == ref {
			out = append(out, id)
		}
	}
	return out
}

func apartMentions(js []Judgement, mentions []extract.Mention, prev *Previous) map[[2]string]bool {
	apart := map[[2]string]bool{}
	for _, j := range js {
		if j.Kind != JudgeMeeting || j.Relation != RelationApart {
			continue
		}
		for _, a := range meetingMentions(j.A, mentions, prev) {
			for _, b := range meetingMentions(j.B, mentions, prev) {
				apart[pairKey(a, b)] = true
			}
		}
	}
	return apart
}

// clusterOf returns the cluster holding a mention id.
func (c *clusterer) clusterOf(id string) *cluster {
	for _, k := range c.clusters {
		for _, j := range k.mentions {
			if MentionID(j.m) == id {
				return k
			}
		}
	}
	return nil
}

// judge applies a meeting judgement after clustering: "same" merges the
// two meetings; "different" was enforced while clustering and is checked.
func (c *clusterer) judge(j Judgement, prev *Previous) JudgementOutcome {
	o := JudgementOutcome{Judgement: j}
	var all []extract.Mention
	for _, k := range c.clusters {
		for _, jm := range k.mentions {
			all = append(all, *jm.m)
		}
	}
	as, bs := meetingMentions(j.A, all, prev), meetingMentions(j.B, all, prev)
	if len(as) == 0 || len(bs) == 0 {
		o.Status, o.Reason = "not_applicable", "one of the meetings is not in this build"
		return o
	}
	ka, kb := c.clusterOf(as[0]), c.clusterOf(bs[0])
	switch {
	case j.Relation == RelationApart && ka != kb:
		o.Status = "applied"
	case j.Relation == RelationApart:
		o.Status, o.Reason = "not_applicable", "the mentions could not be kept apart"
	case ka == kb:
		o.Status = "already_true"
	default:
		if kb.seq < ka.seq {
			ka, kb = kb, ka
		}
		c.merge(ka, kb)
		o.Status = "applied"
	}
	return o
}

// merge moves every mention of b into a and drops b.
func (c *clusterer) merge(a, b *cluster) {
	for _, j := range b.mentions {
		a.mentions = append(a.mentions, &joined{m: j.m, rule: "judgement", score: 1})
		a.articles[j.m.ArticleID] = true
	}
	for _, x := range b.order {
		if !a.actors[x] {
			a.actors[x] = true
			a.order = append(a.order, x)
			a.reported[x] = b.reported[x]
			a.roles[x] = b.roles[x]
		}
	}
	kept := c.clusters[:0]
	for _, k := range c.clusters {
		if k != b {
			kept = append(kept, k)
		}
	}
	c.clusters = kept
}

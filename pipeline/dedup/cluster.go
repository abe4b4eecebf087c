package dedup

import (
	"iter"
	"slices"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/dates"
	"github.com/parleydata/parley/pipeline/extract"
)

// cluster is a meeting being assembled from its mentions. A meeting has a
// handful of parties and reports, so slices scanned in order hold its state
// in a fraction of the memory maps would take, and are as fast.
type cluster struct {
	id string
	// seq is the creation order, by which earlier clusters win ties, and
	// the index in clusterer.clusters until judgements merge clusters.
	seq      int32
	visited  int32 // the last add that compared a mention with this cluster
	status   string
	parties  []party // in order of first mention
	roles    []partyRole
	mentions []joined
}

// party is an actor of a meeting, as the first report of it names them.
type party struct {
	actor    *actor
	reported string
}

// partyRole counts the reports that give a party a role.
type partyRole struct {
	party int32 // index in cluster.parties
	count int32
	role  string
}

// joined is a mention of a meeting and the rule that joined it. It holds no
// pointer, so that the collector need not look into a million of them.
type joined struct {
	mention int32 // index in clusterer.mentions
	rule    matchRule
	score   float64
}

// matchRule is a rule of mentions.match_rule, as an index in matchRules.
type matchRule uint8

const (
	ruleFirst matchRule = iota
	ruleSameArticle
	ruleSameDay
	ruleAdjacentDay
	ruleSubsetParty
	rulePlannedHeld
	ruleJudgement
)

var matchRules = [...]string{
	ruleFirst: RuleFirst, ruleSameArticle: RuleSameArticle, ruleSameDay: RuleSameDay, ruleAdjacentDay: RuleAdjacentDay,
	ruleSubsetParty: RuleSubsetParty, rulePlannedHeld: RulePlannedHeld, ruleJudgement: "judgement",
}

func (r matchRule) String() string { return matchRules[r] }

// maxPairParties bounds the parties whose pairs index a mention or a
// meeting: a long list of names is a summit, and its first parties find it.
const maxPairParties = 8

type clusterer struct {
	articles map[string]Article
	mentions []extract.Mention
	clusters []*cluster
	byPair   *pairIndex // the clusters of each pair of actors
	// apart holds pairs of mention ids a curator judged different meetings.
	apart map[[2]string]bool
	adds  int32 // mentions added so far
	// shared holds what the records' pointer and list fields point to.
	shared *shared
	// Buffers reused by every add and every meeting.
	set    []*actor
	pairs  []actorPair
	topics []string
}

func newClusterer(mentions []extract.Mention, articles map[string]Article) *clusterer {
	return &clusterer{mentions: mentions, articles: articles, byPair: newPairIndex()}
}

// mention returns the mention j stands for.
func (c *clusterer) mention(j joined) *extract.Mention { return &c.mentions[j.mention] }

// clustered yields the mentions of every meeting.
func (c *clusterer) clustered(yield func(*extract.Mention) bool) {
	for _, k := range c.clusters {
		for _, j := range k.mentions {
			if !yield(c.mention(j)) {
				return
			}
		}
	}
}

// appendPairs appends the pairs of the first maxPairParties actors of set.
func appendPairs(dst []actorPair, set []*actor) []actorPair {
	set = set[:min(len(set), maxPairParties)]
	for i, a := range set {
		for _, b := range set[i+1:] {
			dst = append(dst, pairOf(a, b))
		}
	}
	return dst
}

// add joins mention i to the best compatible meeting, or founds one.
// parties holds the actor of each of the mention's parties, in order. A
// mention whose parties are fewer than two actors is no meeting: add
// reports false and leaves it out.
func (c *clusterer) add(i int, parties []*actor) bool {
	m := &c.mentions[i]
	c.set = appendDistinct(c.set[:0], parties)
	if len(c.set) < 2 {
		return false
	}
	c.pairs = appendPairs(c.pairs[:0], c.set)
	c.adds++
	var best *cluster
	bestRule, bestScore := ruleFirst, 0.0
	for _, p := range c.pairs {
		for seq := range c.byPair.clusters(p) {
			k := c.clusters[seq]
			if k.visited == c.adds {
				continue // found through another pair already
			}
			k.visited = c.adds
			rule, score, ok := c.compatible(k, m, c.set)
			if ok && (best == nil || score > bestScore) {
				best, bestRule, bestScore = k, rule, score
			}
		}
	}
	if best == nil {
		best = &cluster{
			id: hashID("mtg_", MentionID(m)), seq: int32(len(c.clusters)), status: m.Status,
			// Most meetings have one report: room for its parties is all they need.
			parties: make([]party, 0, len(c.set)), roles: make([]partyRole, 0, len(c.set)),
		}
		c.clusters = append(c.clusters, best)
		bestRule, bestScore = ruleFirst, 1
	}
	best.mentions = append(best.mentions, joined{mention: int32(i), rule: bestRule, score: bestScore})
	if m.Status == parley.StatusHeld {
		best.status = parley.StatusHeld // it took place, whatever was announced before
	}
	known := len(best.parties)
	for n, a := range parties {
		best.countRole(best.join(a, m.Parties[n].NameAsReported), m.Parties[n].Role)
	}
	// Only the pairs a new party forms are not indexed yet.
	for newer := known; newer < min(len(best.parties), maxPairParties); newer++ {
		for older := range newer {
			c.byPair.add(pairOf(best.parties[older].actor, best.parties[newer].actor), best.seq)
		}
	}
	return true
}

// appendDistinct appends the actors of set to dst, each once, in order.
func appendDistinct(dst, set []*actor) []*actor {
	for _, a := range set {
		if !slices.Contains(dst, a) {
			dst = append(dst, a)
		}
	}
	return dst
}

// partyIndex returns the index of actor a in k.parties, or -1.
func (k *cluster) partyIndex(a *actor) int {
	return slices.IndexFunc(k.parties, func(p party) bool { return p.actor == a })
}

// join returns the index of actor a in k.parties, adding a if it is new.
func (k *cluster) join(a *actor, reported string) int {
	if i := k.partyIndex(a); i >= 0 {
		return i
	}
	k.parties = append(k.parties, party{actor: a, reported: reported})
	return len(k.parties) - 1
}

// countRole counts one report giving party i the role; "" is no role.
func (k *cluster) countRole(i int, role string) {
	if role == "" {
		return
	}
	for j := range k.roles {
		if r := &k.roles[j]; int(r.party) == i && r.role == role {
			r.count++
			return
		}
	}
	k.roles = append(k.roles, partyRole{party: int32(i), count: 1, role: role})
}

// mainRole is the role the reports give party i most often, or "".
func (k *cluster) mainRole(i int) string {
	best, n := "", int32(0)
	for _, r := range k.roles {
		if int(r.party) == i && (r.count > n || r.count == n && r.role < best) {
			best, n = r.role, r.count
		}
	}
	return best
}

// reports tells whether an article reports k.
func (c *clusterer) reports(k *cluster, articleID string) bool {
	return slices.ContainsFunc(k.mentions, func(j joined) bool { return c.mention(j).ArticleID == articleID })
}

// articleIDs appends the articles reporting k to buf, each once, sorted.
func (c *clusterer) articleIDs(k *cluster, buf []string) []string {
	for _, j := range k.mentions {
		buf = append(buf, c.mention(j).ArticleID)
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// compatible decides whether mention m reports meeting k, and by which rule.
func (c *clusterer) compatible(k *cluster, m *extract.Mention, set []*actor) (matchRule, float64, bool) {
	// An announced meeting that then took place is one meeting, reported
	// first as planned and then as held, on the same known day.
	sameArticle := c.reports(k, m.ArticleID)
	announced := k.status != m.Status && !sameArticle &&
		(k.status == parley.StatusPlanned && m.Status == parley.StatusHeld || k.status == parley.StatusHeld && m.Status == parley.StatusPlanned)
	if k.status != m.Status && !announced {
		return 0, 0, false
	}
	if len(c.apart) > 0 {
		id := MentionID(m)
		for _, j := range k.mentions {
			if c.apart[pairKey(id, MentionID(c.mention(j)))] {
				return 0, 0, false
			}
		}
	}
	shared := 0
	for _, a := range set {
		if k.partyIndex(a) >= 0 {
			shared++
		}
	}
	if shared < 2 {
		return 0, 0, false
	}
	subset := shared == len(set) || shared == len(k.parties)
	score := float64(shared) / float64(len(set)+len(k.parties)-shared)
	for _, j := range k.mentions {
		if other := c.mention(j); !modesAgree(other.Mode, m.Mode) || !placesAgree(other, m) {
			return 0, 0, false
		}
	}
	if sameArticle {
		// In one article different counterparts mean different meetings, and
		// so does a subset: "Erdoğan and Zelenskyy held a bilateral meeting"
		// before their trilateral with Guterres.
		if shared != len(set) || shared != len(k.parties) {
			return 0, 0, false
		}
		for _, j := range k.mentions {
			if !datesAgree(c.mention(j).Date, m.Date, 0) {
				return 0, 0, false
			}
		}
		return ruleSameArticle, score, true
	}
	// Across articles only reports of a known day are matched: two undated
	// reports of the same people may be months apart.
	if m.Date.Precision != parley.PrecisionDay {
		return 0, 0, false
	}
	day, adjacent := false, false
	for _, j := range k.mentions {
		other := c.mention(j)
		if other.Date.Precision != parley.PrecisionDay {
			if !datesAgree(other.Date, m.Date, 0) {
				return 0, 0, false
			}
			continue
		}
		switch {
		case datesAgree(other.Date, m.Date, 0):
			day = true
		case datesAgree(other.Date, m.Date, 1) && other.Place != nil && m.Place != nil && other.Place.Name == m.Place.Name:
			adjacent = true
		default:
			return 0, 0, false
		}
	}
	switch {
	case announced && day && subset:
		return rulePlannedHeld, score, true
	case announced:
		return 0, 0, false
	case day && subset:
		return ruleSameDay, score, true
	case day:
		return ruleSubsetParty, score * 0.9, true
	case adjacent && subset:
		return ruleAdjacentDay, score * 0.8, true
	}
	return 0, 0, false
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

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// meetingMentions resolves a judgement's meeting reference to mention ids:
// a mention id as it is, a meeting id through the previous build or, for a
// meeting of this build, through the mention that founded it.
func meetingMentions(ref string, mentions iter.Seq[*extract.Mention], prev *Previous) []string {
	if ref[:4] == "men_" {
		for m := range mentions {
			if MentionID(m) == ref {
				return []string{ref}
			}
		}
		return nil
	}
	var out []string
	for m := range mentions {
		id := MentionID(m)
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
		for _, a := range meetingMentions(j.A, each(mentions), prev) {
			for _, b := range meetingMentions(j.B, each(mentions), prev) {
				apart[pairKey(a, b)] = true
			}
		}
	}
	return apart
}

// each yields a pointer to every mention.
func each(mentions []extract.Mention) iter.Seq[*extract.Mention] {
	return func(yield func(*extract.Mention) bool) {
		for i := range mentions {
			if !yield(&mentions[i]) {
				return
			}
		}
	}
}

// clusterOf returns the cluster holding a mention id.
func (c *clusterer) clusterOf(id string) *cluster {
	for _, k := range c.clusters {
		for _, j := range k.mentions {
			if MentionID(c.mention(j)) == id {
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
	as, bs := meetingMentions(j.A, c.clustered, prev), meetingMentions(j.B, c.clustered, prev)
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
		a.mentions = append(a.mentions, joined{mention: j.mention, rule: ruleJudgement, score: 1})
	}
	for i, p := range b.parties {
		if a.partyIndex(p.actor) >= 0 {
			continue
		}
		a.parties = append(a.parties, p)
		for _, r := range b.roles {
			if int(r.party) == i {
				r.party = int32(len(a.parties) - 1)
				a.roles = append(a.roles, r)
			}
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

// Package dedup is the fourth stage: it merges the mentions of one
// real-world meeting — within an article and across articles — into one
// meeting, and the spellings of one real person into one actor. Every
// mention records the rule and score that joined it to its meeting.
package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/refdata"
)

// Article is what deduplication needs to know of an article.
type Article struct {
	ID          string
	Published   parley.Date
	Outlet      string
	DuplicateOf string // the article this one reprints, or ""
}

// Result holds the merged records. Records share what their pointer and
// list fields point to: they are read-only.
type Result struct {
	Meetings     []parley.Meeting
	Participants []parley.Participant
	Actors       []parley.Actor
	Mentions     []parley.Mention
	// MeetingsOf counts the meetings each article gives evidence for.
	MeetingsOf map[string]int
	Redirects  []parley.Redirect
	Judgements []JudgementOutcome
	// OneParty are mentions whose parties all resolved to one actor: no
	// meeting. The pipeline reports them as rejects.
	OneParty []extract.Mention
}

// Match rules recorded in mentions.match_rule.
const (
	RuleFirst       = "first"        // the mention founded its meeting
	RuleSameArticle = "same_article" // same parties, compatible date and place, same article
	RuleSameDay     = "same_day"     // same parties on the same day, another article
	RuleAdjacentDay = "adjacent_day" // same parties and place a day apart: a conflict is recorded
	RuleSubsetParty = "party_subset" // one report names more of the same meeting's parties
	RulePlannedHeld = "planned_held" // an announcement and a report of the meeting it announced
)

// ID helpers: ids are hashes of stable identities, so rebuilding with more
// articles leaves existing ids unchanged.
func hashID(prefix, key string) string { return idOf(prefix, []byte(key)) }

// idOf returns prefix and the first 8 bytes of the SHA-256 of key in hex,
// allocating only the id: dedup makes one for every mention and meeting.
func idOf(prefix string, key []byte) string {
	h := sha256.Sum256(key)
	id := make([]byte, 0, 32)
	id = append(id, prefix...)
	return string(hex.AppendEncode(id, h[:8]))
}

// ActorID returns the id of the actor with a stable key.
func ActorID(key string) string { return hashID("act_", key) }

// MentionID returns the id of the mention of a trigger in a sentence: the
// hash of its article id, start, trigger and, when it is not the first
// meeting its trigger reports, its part, joined by NUL bytes.
func MentionID(m *extract.Mention) string {
	key := make([]byte, 0, 128)
	key = append(key, m.ArticleID...)
	key = strconv.AppendInt(append(key, 0), int64(m.Start), 10)
	key = strconv.AppendInt(append(key, 0), int64(m.Trigger), 10)
	if m.Part > 0 {
		key = strconv.AppendInt(append(key, 0), int64(m.Part), 10)
	}
	return idOf("men_", key)
}

// Options are the curator's input to deduplication.
type Options struct {
	Registry   *refdata.Registry
	Judgements []Judgement
	Previous   *Previous // ids of the build being replaced, to keep them stable
}

// Run merges mentions into meetings. Mentions may come in any order; the
// result depends only on their content, the judgements and the previous ids.
func Run(mentions []extract.Mention, articles map[string]Article, opts Options) *Result {
	sort.SliceStable(mentions, func(i, j int) bool { return mentionLess(&mentions[i], &mentions[j], articles) })
	actors := newActorIndex(opts.Registry)
	sets := resolveParties(actors, mentions)
	var outcomes []JudgementOutcome
	var redirects []parley.Redirect
	for _, j := range opts.Judgements {
		if j.Kind == JudgeActor {
			o, r := actors.judge(j, mentions, sets)
			outcomes = append(outcomes, o)
			redirects = append(redirects, r...)
		}
	}
	c := newClusterer(mentions, articles)
	c.apart = apartMentions(opts.Judgements, mentions, opts.Previous)
	var dropped []extract.Mention
	for i := range mentions {
		if !c.add(i, sets[i]) {
			dropped = append(dropped, mentions[i]) // its parties turned out to be one actor
		}
	}
	for _, j := range opts.Judgements {
		if j.Kind == JudgeMeeting {
			outcomes = append(outcomes, c.judge(j, opts.Previous))
		}
	}
	redirects = append(redirects, c.assignIDs(opts.Previous)...)
	r := c.result(actors)
	r.Redirects = redirects
	r.Judgements = outcomes
	r.OneParty = dropped
	return r
}

// resolveParties returns the actor of each party of each mention. The sets
// share one array: a mention's own slice would take more than its actors.
func resolveParties(actors *actorIndex, mentions []extract.Mention) [][]*actor {
	n := 0
	for i := range mentions {
		n += len(mentions[i].Parties)
	}
	all := make([]*actor, 0, n)
	sets := make([][]*actor, len(mentions))
	for i := range mentions {
		start := len(all)
		for _, p := range mentions[i].Parties {
			all = append(all, actors.resolve(p))
		}
		sets[i] = all[start:len(all):len(all)]
	}
	return sets
}

func mentionLess(a, b *extract.Mention, articles map[string]Article) bool {
	if c := articles[a.ArticleID].Published.Compare(articles[b.ArticleID].Published); c != 0 {
		return c < 0
	}
	if a.ArticleID != b.ArticleID {
		return a.ArticleID < b.ArticleID
	}
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.Trigger < b.Trigger
}

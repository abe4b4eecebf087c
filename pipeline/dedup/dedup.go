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
	"strings"

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

// Result holds the merged records.
type Result struct {
	Meetings     []parley.Meeting
	Participants []parley.Participant
	Actors       []parley.Actor
	Mentions     []parley.Mention
	// MeetingsOf counts the meetings each article gives evidence for.
	MeetingsOf map[string]int
}

// Match rules recorded in mentions.match_rule.
const (
	RuleFirst       = "first"        // the mention founded its meeting
	RuleSameArticle = "same_article" // same parties, compatible date and place, same article
	RuleSameDay     = "same_day"     // same parties on the same day, another article
	RuleAdjacentDay = "adjacent_day" // same parties and place a day apart: a conflict is recorded
	RuleSubsetParty = "party_subset" // one report names more of the same meeting's parties
)

// ID helpers: ids are hashes of stable identities, so rebuilding with more
// articles leaves existing ids unchanged.
func hashID(prefix string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return prefix + hex.EncodeToString(h[:8])
}

// ActorID returns the id of the actor with a stable key.
func ActorID(key string) string { return hashID("act_", key) }

// MentionID returns the id of the mention of a trigger in a sentence.
func MentionID(m *extract.Mention) string {
	return hashID("men_", m.ArticleID, strconv.Itoa(m.Start), strconv.Itoa(m.Trigger))
}

// Run merges mentions into meetings. Mentions may come in any order; the
// result depends only on their content.
func Run(mentions []extract.Mention, articles map[string]Article, registry *refdata.Registry) *Result {
	sort.SliceStable(mentions, func(i, j int) bool { return mentionLess(&mentions[i], &mentions[j], articles) })
	actors := newActorIndex(registry)
	c := newClusterer(articles)
	for i := range mentions {
		m := &mentions[i]
		set := make([]*actor, 0, len(m.Parties))
		for _, p := range m.Parties {
			set = append(set, actors.resolve(p))
		}
		c.add(m, set)
	}
	return c.result(actors)
}

func mentionLess(a, b *extract.Mention, articles map[string]Article) bool {
	pa, pb := articles[a.ArticleID].Published, articles[b.ArticleID].Published
	if pa != pb {
		if !pa.Valid() || !pb.Valid() {
			return pa.Valid()
		}
		return pa.Days() < pb.Days()
	}
	if a.ArticleID != b.ArticleID {
		return a.ArticleID < b.ArticleID
	}
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.Trigger < b.Trigger
}

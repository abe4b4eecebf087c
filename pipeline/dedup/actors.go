package dedup

import (
	"sort"
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/refdata"
)

// actor is one real party across the spellings the corpus uses.
type actor struct {
	key      string // stable identity: "registry:<key>", "person:<name>|<country>", "country:IRN"
	id       string // ActorID(key), made once for the actor's every participation
	serial   int32  // order of creation, a short key for pairs of actors
	name     string
	kind     string
	country  string
	wikidata string
	source   string
	spelling map[string]int // reported spellings and how often
	roles    map[string]int
	meetings int
}

// actorIndex resolves parties to actors: the registry wins where it knows
// the person; other people are clustered by surname key and name match.
type actorIndex struct {
	registry *refdata.Registry
	byKey    map[string]*actor
	byBlock  map[string][]*actor      // names.Key -> corpus persons
	resolved map[nameInCountry]*actor // the person each name of a country resolved to
	made     int32                    // actors made so far
}

type nameInCountry struct{ name, country string }

func newActorIndex(r *refdata.Registry) *actorIndex {
	return &actorIndex{registry: r, byKey: map[string]*actor{}, byBlock: map[string][]*actor{}, resolved: map[nameInCountry]*actor{}}
}

func (x *actorIndex) get(key string, make func() *actor) *actor {
	a, ok := x.byKey[key]
	if !ok {
		a = make()
		a.key, a.id, a.serial = key, ActorID(key), x.made
		x.made++
		a.spelling, a.roles = map[string]int{}, map[string]int{}
		x.byKey[key] = a
	}
	return a
}

// resolve returns the actor a party stands for.
func (x *actorIndex) resolve(p extract.Party) *actor {
	var a *actor
	switch p.Kind {
	case parley.PartyPerson:
		// The same spelling of the same country resolves the same way: a
		// corpus names each person thousands of times, matching is the cost.
		key := nameInCountry{p.Name, p.Country}
		if a = x.resolved[key]; a == nil {
			a = x.person(p)
			x.resolved[key] = a
		}
	case parley.PartyCountry, parley.PartyDelegation:
		name := p.Name
		if c, ok := refdata.CountryByISO3(p.Country); ok {
			name = c.Name
			if p.Kind == parley.PartyDelegation {
				name += " delegation"
			}
		}
		a = x.get(p.Kind+":"+p.Country, func() *actor {
			return &actor{name: name, kind: p.Kind, country: p.Country, source: "corpus"}
		})
	default:
		a = x.get("organisation:"+names.Fold(p.Name), func() *actor {
			return &actor{name: p.Name, kind: p.Kind, country: p.Country, source: "corpus"}
		})
	}
	a.spelling[p.NameAsReported]++
	if p.Role != "" {
		a.roles[p.Role]++
	}
	return a
}

func (x *actorIndex) person(p extract.Party) *actor {
	if r, _, ok := x.registry.Lookup(p.Name); ok && (p.Country == "" || r.Country == "" || r.Country == p.Country) {
		return x.get("registry:"+r.Key, func() *actor {
			return &actor{name: r.Name, kind: parley.PartyPerson, country: r.Country, wikidata: r.WikidataID, source: "registry"}
		})
	}
	keys := names.Parse(p.Name).Keys()
	for _, a := range x.candidates(keys) {
		if a.country != "" && p.Country != "" && a.country != p.Country {
			continue
		}
		if _, ok := names.Match(a.name, p.Name); ok {
			if len(p.Name) > len(a.name) && strings.Contains(p.Name, " ") {
				a.name = p.Name
			}
			if a.country == "" {
				a.country = p.Country
			}
			return a
		}
	}
	key := "person:" + names.Fold(p.Name) + "|" + p.Country
	a := x.get(key, func() *actor {
		return &actor{name: p.Name, kind: parley.PartyPerson, country: p.Country, source: "corpus"}
	})
	for _, k := range keys {
		x.byBlock[k] = append(x.byBlock[k], a)
	}
	return a
}

// candidates returns the corpus persons filed under any of the keys, each
// once, in the order they were first seen.
func (x *actorIndex) candidates(keys []string) []*actor {
	if len(keys) == 1 {
		return x.byBlock[keys[0]]
	}
	var out []*actor
	seen := map[*actor]bool{}
	for _, k := range keys {
		for _, a := range x.byBlock[k] {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// records returns the actors that take part in at least one meeting.
func (x *actorIndex) records() []parley.Actor {
	out := make([]parley.Actor, 0, len(x.byKey))
	for _, a := range x.byKey {
		if a.meetings == 0 {
			continue
		}
		r := parley.Actor{
			ActorID:      a.id,
			Name:         a.name,
			Aliases:      sortedKeys(a.spelling, a.name),
			Kind:         a.kind,
			Country:      optional(a.country),
			Roles:        sortedKeys(a.roles, ""),
			WikidataID:   optional(a.wikidata),
			MeetingCount: int64(a.meetings),
			Source:       a.source,
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ActorID < out[j].ActorID })
	return out
}

// mainRole is the role the reports give an actor most often.
func (a *actor) mainRole() string {
	best, n := "", 0
	for r, c := range a.roles {
		if c > n || c == n && r < best {
			best, n = r, c
		}
	}
	return best
}

func sortedKeys(m map[string]int, except string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != except {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// judge applies an actor judgement to the resolved parties: "same" merges
// two actors (the registry's, or else the one first seen, survives);
// "different" splits a spelling off an actor that name matching merged.
func (x *actorIndex) judge(j Judgement, mentions []extract.Mention, sets [][]*actor) (JudgementOutcome, []parley.Redirect) {
	o := JudgementOutcome{Judgement: j}
	find := func(ref string) *actor {
		for _, k := range x.keys() {
			if actorRef(x.byKey[k], ref) {
				return x.byKey[k]
			}
		}
		return nil
	}
	a, b := find(j.A), find(j.B)
	if a == nil || b == nil {
		o.Status, o.Reason = "not_applicable", "one of the actors is not in this build"
		return o, nil
	}
	switch {
	case j.Relation == RelationSame && a == b:
		o.Status = "already_true"
		return o, nil
	case j.Relation == RelationSame:
		if b.source == "registry" && a.source != "registry" || b.key < a.key && b.source == a.source {
			a, b = b, a
		}
		for s, n := range b.spelling {
			a.spelling[s] += n
		}
		for r, n := range b.roles {
			a.roles[r] += n
		}
		replaceActor(sets, b, a)
		delete(x.byKey, b.key)
		o.Status = "applied"
		return o, []parley.Redirect{{RetiredID: b.id, TargetID: a.id, Table: "actors", Reason: "judged the same as " + a.name}}
	case a != b:
		o.Status = "already_true"
		return o, nil
	}
	if strings.HasPrefix(j.B, "act_") {
		o.Status, o.Reason = "not_applicable", "a different-actor judgement names the spelling to split off, not an id"
		return o, nil
	}
	split := x.get("person:"+names.Fold(j.B)+"|judged", func() *actor {
		return &actor{name: j.B, kind: a.kind, source: "user"}
	})
	moved := 0
	for i := range mentions {
		for k, p := range mentions[i].Parties {
			if sets[i][k] == a && (names.Fold(p.NameAsReported) == names.Fold(j.B) || names.Fold(p.Name) == names.Fold(j.B)) {
				moved++
				sets[i][k] = split
				split.spelling[p.NameAsReported]++
				a.spelling[p.NameAsReported]--
				if a.spelling[p.NameAsReported] <= 0 {
					delete(a.spelling, p.NameAsReported)
				}
			}
		}
	}
	if moved == 0 {
		delete(x.byKey, split.key)
		o.Status, o.Reason = "not_applicable", "no report spells the name so"
		return o, nil
	}
	o.Status = "applied"
	return o, nil
}

func (x *actorIndex) keys() []string {
	keys := make([]string, 0, len(x.byKey))
	for k := range x.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func replaceActor(sets [][]*actor, from, to *actor) {
	for _, set := range sets {
		for k, a := range set {
			if a == from {
				set[k] = to
			}
		}
	}
}

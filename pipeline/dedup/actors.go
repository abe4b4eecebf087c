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
	byBlock  map[string][]*actor // names.Key -> corpus persons
}

func newActorIndex(r *refdata.Registry) *actorIndex {
	return &actorIndex{registry: r, byKey: map[string]*actor{}, byBlock: map[string][]*actor{}}
}

func (x *actorIndex) get(key string, make func() *actor) *actor {
	a, ok := x.byKey[key]
	if !ok {
		a = make()
		a.key = key
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
		a = x.person(p)
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
	block := names.Key(p.Name)
	for _, a := range x.byBlock[block] {
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
	x.byBlock[block] = append(x.byBlock[block], a)
	return a
}

// records returns the actors that take part in at least one meeting.
func (x *actorIndex) records() []parley.Actor {
	var out []parley.Actor
	for _, a := range x.byKey {
		if a.meetings == 0 {
			continue
		}
		r := parley.Actor{
			ActorID:      ActorID(a.key),
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

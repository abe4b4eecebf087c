package refdata

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/names"
)

// Office is a post an actor held. An invalid From or To means the start or
// end is unknown; an invalid To usually means still in office.
type Office struct {
	Role, Country string
	From, To      parley.Date
}

// covers reports whether the office was held on day.
func (o Office) covers(day parley.Date) bool {
	return (!o.From.Valid() || o.From.Days() <= day.Days()) && (!o.To.Valid() || day.Days() <= o.To.Days())
}

// Actor is a known official. Country is an ISO3 code or empty; WikidataID
// is set only where a CC0 Wikidata extract gives it. Treat its slices as
// read-only.
type Actor struct {
	Key, Name, Country, Kind, WikidataID string
	Aliases                              []string
	Offices                              []Office
}

// Registry finds known actors by any spelling of their names. It is
// immutable and safe for concurrent use.
type Registry struct {
	actors  []Actor
	byKey   map[string]int
	names   []registeredName
	blocks  map[string][]int // names.Name.Keys -> indexes into names
	offices map[string][]int // officeKey -> indexes into actors
}

type registeredName struct {
	name  names.Name
	actor int
}

// ActorColumns is the header of an actors file; see the package comment.
var ActorColumns = []string{"key", "name", "aliases", "country", "kind", "role", "from", "to", "wikidata_id"}

// ambiguityMargin: a runner-up actor this close to the best one makes a
// name ambiguous ("Wang" fits Wang Yi and Wang Wenbin equally).
const ambiguityMargin = 0.05

var (
	keyPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	wikidataPattern = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	actorKinds      = []string{parley.PartyPerson, parley.PartyDelegation, parley.PartyOrganisation, parley.PartyCountry}
)

var defaultRegistry = sync.OnceValue(mustLoad(func() (*Registry, error) {
	f, err := dataFS.Open("data/actors.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadRegistry(f, "actors.csv")
}))

// DefaultRegistry returns the registry built from the embedded actors
// table. It is built once.
func DefaultRegistry() *Registry { return defaultRegistry() }

// LoadRegistry reads an actors file (the --actors option); see the package
// comment for the format.
func LoadRegistry(path string) (*Registry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	defer f.Close()
	return ReadRegistry(f, path)
}

// ReadRegistry reads an actors file from r; name is used in error messages.
// Every row is validated and every error is reported, each as name:line.
func ReadRegistry(r io.Reader, name string) (*Registry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // counted below, so that the error names the line
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: read header: %w", name, err)
	}
	if !slices.Equal(header, ActorColumns) {
		return nil, fmt.Errorf("%s:1: header %q, want %q", name, strings.Join(header, ","), strings.Join(ActorColumns, ","))
	}
	var (
		actors  []Actor
		byKey   = map[string]int{}
		firstAt = map[string]int{}
		errs    []error
	)
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, parseErr.Line, parseErr.Err))
			break // the rest of the file cannot be trusted to split into rows
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(record) != len(ActorColumns) {
			errs = append(errs, fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(record), len(ActorColumns)))
			continue
		}
		row, err := parseActorRow(record)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		i, seen := byKey[row.Key]
		if !seen {
			byKey[row.Key], firstAt[row.Key] = len(actors), line
			actors = append(actors, row)
			continue
		}
		if err := mergeActor(&actors[i], row); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w (key first used on line %d)", name, line, err, firstAt[row.Key]))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return newRegistry(actors), nil
}

// parseActorRow validates one record of an actors file and returns it as an
// actor with at most one office.
func parseActorRow(f []string) (Actor, error) {
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	a := Actor{Key: f[0], Name: f[1], Country: strings.ToUpper(f[3]), Kind: f[4], WikidataID: f[8]}
	if !keyPattern.MatchString(a.Key) {
		return Actor{}, fmt.Errorf("key %q: use lowercase letters, digits and single hyphens", a.Key)
	}
	if names.Parse(a.Name).IsZero() {
		return Actor{}, fmt.Errorf("key %s: name %q has no name words", a.Key, a.Name)
	}
	for _, alias := range splitList(f[2], ";") {
		alias = strings.TrimSpace(alias)
		if names.Parse(alias).IsZero() {
			return Actor{}, fmt.Errorf("key %s: alias %q has no name words", a.Key, alias)
		}
		a.Aliases = append(a.Aliases, alias)
	}
	if a.Country != "" {
		if _, ok := CountryByISO3(a.Country); !ok {
			return Actor{}, fmt.Errorf("key %s: unknown ISO3 country code %q", a.Key, f[3])
		}
	}
	if a.Kind == "" {
		a.Kind = parley.PartyPerson
	}
	if !slices.Contains(actorKinds, a.Kind) {
		return Actor{}, fmt.Errorf("key %s: kind %q, want one of %s", a.Key, a.Kind, strings.Join(actorKinds, ", "))
	}
	if a.WikidataID != "" && !wikidataPattern.MatchString(a.WikidataID) {
		return Actor{}, fmt.Errorf("key %s: wikidata_id %q is not a Wikidata item such as Q58217", a.Key, a.WikidataID)
	}
	office, err := parseOffice(f[5], a.Country, f[6], f[7])
	if err != nil {
		return Actor{}, fmt.Errorf("key %s: %w", a.Key, err)
	}
	if office.Role != "" {
		a.Offices = []Office{office}
	}
	return a, nil
}

func parseOffice(role, country, from, to string) (Office, error) {
	if role == "" {
		if from != "" || to != "" {
			return Office{}, errors.New("from or to given without a role")
		}
		return Office{}, nil
	}
	o := Office{Role: normaliseRole(role), Country: country}
	var err error
	if o.From, err = parseTermDate(from, false); err != nil {
		return Office{}, fmt.Errorf("from: %w", err)
	}
	if o.To, err = parseTermDate(to, true); err != nil {
		return Office{}, fmt.Errorf("to: %w", err)
	}
	if o.From.Valid() && o.To.Valid() && o.To.Days() < o.From.Days() {
		return Office{}, fmt.Errorf("term ends (%s) before it starts (%s)", o.To, o.From)
	}
	return o, nil
}

// normaliseRole maps a known title phrase to its role and otherwise keeps
// the folded phrase, so that users may name offices the lexicon lacks.
func normaliseRole(phrase string) string {
	if r, ok := RoleByPhrase(phrase); ok {
		return r.Role
	}
	return LookupKey(phrase)
}

// parseTermDate reads YYYY-MM-DD, YYYY-MM or YYYY. A month or a year
// stands for its first day, or its last when end is set.
func parseTermDate(s string, end bool) (parley.Date, error) {
	if s == "" {
		return parley.Date{}, nil
	}
	for _, layout := range []struct {
		layout string
		years  int
		months int
	}{{time.DateOnly, 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(layout.layout, s)
		if err != nil {
			continue
		}
		if end && (layout.years > 0 || layout.months > 0) {
			t = t.AddDate(layout.years, layout.months, -1)
		}
		return parley.DateOf(t), nil
	}
	return parley.Date{}, fmt.Errorf("%q is not YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// mergeActor folds a further row of the same key into a.
func mergeActor(a *Actor, row Actor) error {
	for _, f := range []struct{ what, have, got string }{
		{"name", a.Name, row.Name}, {"kind", a.Kind, row.Kind}, {"wikidata_id", a.WikidataID, row.WikidataID},
	} {
		if f.have != "" && f.got != "" && f.have != f.got {
			return fmt.Errorf("key %s: %s %q differs from %q", a.Key, f.what, f.got, f.have)
		}
	}
	a.Country = cmp.Or(a.Country, row.Country)
	a.WikidataID = cmp.Or(a.WikidataID, row.WikidataID)
	for _, alias := range row.Aliases {
		if !slices.Contains(a.Aliases, alias) {
			a.Aliases = append(a.Aliases, alias)
		}
	}
	a.Offices = append(a.Offices, row.Offices...)
	return nil
}

func newRegistry(actors []Actor) *Registry {
	r := &Registry{
		actors:  actors,
		byKey:   make(map[string]int, len(actors)),
		blocks:  map[string][]int{},
		offices: map[string][]int{},
	}
	for i, a := range actors {
		r.byKey[a.Key] = i
		for _, spelling := range append([]string{a.Name}, a.Aliases...) {
			n := names.Parse(spelling)
			for _, k := range n.Keys() {
				r.blocks[k] = append(r.blocks[k], len(r.names))
			}
			r.names = append(r.names, registeredName{name: n, actor: i})
		}
		for _, o := range a.Offices {
			k := officeKey(o.Role, o.Country)
			if !slices.Contains(r.offices[k], i) {
				r.offices[k] = append(r.offices[k], i)
			}
		}
	}
	return r
}

func officeKey(role, country string) string { return role + "\x00" + country }

// Actors returns every actor, in file order.
func (r *Registry) Actors() []Actor { return slices.Clone(r.actors) }

// ByKey returns the actor with that key.
func (r *Registry) ByKey(key string) (Actor, bool) {
	if i, ok := r.byKey[key]; ok {
		return r.actors[i], true
	}
	return Actor{}, false
}

// With returns a registry holding the actors of r and of other; where both
// have an actor with the same key, other's wins. Neither input changes.
func (r *Registry) With(other *Registry) *Registry {
	merged := make([]Actor, 0, len(r.actors)+len(other.actors))
	for _, a := range r.actors {
		if _, overridden := other.byKey[a.Key]; !overridden {
			merged = append(merged, a)
		}
	}
	return newRegistry(append(merged, other.actors...))
}

// Lookup finds the actor a reported name most plausibly denotes, with the
// names.Match score of the best of its spellings. It reports false when no
// actor matches or when two actors match about equally well (a bare
// "Wang" or "Kim").
func (r *Registry) Lookup(name string) (Actor, float64, bool) {
	query := names.Parse(name)
	scores := map[int]float64{} // actor -> best score of its spellings
	for _, k := range query.Keys() {
		for _, ni := range r.blocks[k] {
			candidate := r.names[ni]
			if score, ok := query.Match(candidate.name); ok {
				scores[candidate.actor] = max(scores[candidate.actor], score)
			}
		}
	}
	best, bestScore, runnerUp := -1, 0.0, 0.0
	for actor, score := range scores {
		if score > bestScore {
			best, bestScore, runnerUp = actor, score, bestScore
		} else {
			runnerUp = max(runnerUp, score)
		}
	}
	if best < 0 || runnerUp > bestScore-ambiguityMargin {
		return Actor{}, 0, false
	}
	return r.actors[best], bestScore, true
}

// HolderOf returns who held an office (a role or title phrase, and an ISO3
// country) on a day. For an unknown day it answers only when the registry
// knows a single holder of that office ever. Overlapping terms, as year-only
// dates produce, make the answer unknown rather than a guess.
func (r *Registry) HolderOf(role, country string, on parley.Date) (Actor, bool) {
	role = normaliseRole(role)
	holder := -1
	for _, i := range r.offices[officeKey(role, country)] {
		held := !on.Valid() || slices.ContainsFunc(r.actors[i].Offices, func(o Office) bool {
			return o.Role == role && o.Country == country && o.covers(on)
		})
		if !held {
			continue
		}
		if holder >= 0 {
			return Actor{}, false
		}
		holder = i
	}
	if holder < 0 {
		return Actor{}, false
	}
	return r.actors[holder], true
}

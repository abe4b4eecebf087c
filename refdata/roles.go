package refdata

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Role is one official title phrase as news copy writes it ("top
// diplomat", "minister of foreign affairs") and the role it denotes
// ("foreign minister"). Rank orders roles by seniority, 1 being a head of
// state; README.md lists the scale. Public reports whether the holder is a
// public actor in the sense of the meeting guidelines.
type Role struct {
	Phrase, Role string
	Rank         int
	Public       bool
}

type roleTable struct {
	ordered  []Role // longest phrase first
	byPhrase map[string]Role
}

var roleData = sync.OnceValue(mustLoad(loadRoles))

func loadRoles() (*roleTable, error) {
	t := &roleTable{byPhrase: map[string]Role{}}
	err := readTSV("roles.tsv", []string{"phrase", "role", "rank", "public"}, func(_ int, f []string) error {
		rank, err := strconv.Atoi(f[2])
		if err != nil || rank < 1 || rank > 9 {
			return fmt.Errorf("role %q: rank %q is not 1..9", f[0], f[2])
		}
		public, err := strconv.ParseBool(f[3])
		if err != nil {
			return fmt.Errorf("role %q: public %q: %w", f[0], f[3], err)
		}
		r := Role{Phrase: f[0], Role: f[1], Rank: rank, Public: public}
		if r.Phrase != strings.ToLower(r.Phrase) || r.Role == "" {
			return fmt.Errorf("role %q: phrase must be lowercase and role set", f[0])
		}
		k := LookupKey(r.Phrase)
		if _, dup := t.byPhrase[k]; dup {
			return fmt.Errorf("duplicate role phrase %q", r.Phrase)
		}
		t.byPhrase[k] = r
		t.ordered = append(t.ordered, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range t.ordered {
		if _, ok := t.byPhrase[LookupKey(r.Role)]; !ok {
			return nil, fmt.Errorf("roles.tsv: role %q has no phrase of its own", r.Role)
		}
	}
	slices.SortStableFunc(t.ordered, func(a, b Role) int {
		return cmp.Or(cmp.Compare(len(b.Phrase), len(a.Phrase)), strings.Compare(a.Phrase, b.Phrase))
	})
	return t, nil
}

// Roles returns the lexicon, longest phrase first, so that a caller
// scanning text tries "deputy foreign minister" before "foreign minister".
func Roles() []Role { return slices.Clone(roleData().ordered) }

// RoleByPhrase finds the role a title phrase denotes, ignoring case,
// diacritics, hyphens and a leading "the": "Minister of Foreign Affairs",
// "the top diplomat" and "FM" all give "foreign minister".
func RoleByPhrase(phrase string) (Role, bool) {
	r, ok := roleData().byPhrase[LookupKey(phrase)]
	return r, ok
}

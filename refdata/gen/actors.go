package main

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/refdata"
)

type office struct{ role, country, from, to string }

type actor struct {
	key, name, country, qid string
	aliases                 []string
	offices                 []office
}

type actorTable struct{ list []*actor }

var (
	qidPattern   = regexp.MustCompile(`^Q[0-9]+$`)
	nonSlugChars = regexp.MustCompile(`[^a-z0-9]+`)
)

// buildActors merges the Wikidata extracts with the hand-written actors.
// A hand-written actor that gives a wikidata_id must be in the extracts
// and refines that actor: its name wins, aliases are added, and its offices
// replace the extract's offices of the same role and country (the extracts
// have only years, or no end). A hand-written actor without one must not
// look like an actor of the extracts, so that nobody is listed twice.
func buildActors(headsPath, ministersPath, handPath string, countries *countryTable, report io.Writer) (*actorTable, error) {
	byQID := map[string]*actor{}
	var skipped []string
	if err := readWikidata(headsPath, countries, byQID, &skipped, func(r map[string]string) (string, string, string, office) {
		return r["officeholder"], r["officeholderLabel"], r["country"],
			office{role: headRole(r["positionLabel"]), from: r["start_year"], to: r["end_year"]}
	}); err != nil {
		return nil, err
	}
	if err := readWikidata(ministersPath, countries, byQID, &skipped, func(r map[string]string) (string, string, string, office) {
		return r["person"], r["name"], r["countryLabel"], office{role: "foreign minister", from: r["start"]}
	}); err != nil {
		return nil, err
	}
	slices.Sort(skipped)
	fmt.Fprintf(report, "actors: skipped %d Wikidata rows without a person, a known position or a sovereign state: %s\n",
		len(skipped), strings.Join(slices.Compact(skipped), "; "))

	hand, err := readHandActors(handPath, countries)
	if err != nil {
		return nil, err
	}
	t := &actorTable{}
	for _, h := range hand {
		if h.qid == "" {
			if dup := lookalike(h, byQID); dup != nil {
				return nil, fmt.Errorf("%s: %s looks like %s (%s) of the Wikidata extracts: give its wikidata_id", handPath, h.key, dup.name, dup.qid)
			}
			t.list = append(t.list, h)
			continue
		}
		w := byQID[h.qid]
		if w == nil {
			return nil, fmt.Errorf("%s: %s: wikidata_id %s is not in the CC0 extracts; leave it empty", handPath, h.key, h.qid)
		}
		refine(w, h)
	}
	taken := map[string]bool{}
	for _, h := range t.list {
		taken[h.key] = true
	}
	for _, qid := range keys(byQID) {
		a := byQID[qid]
		if a.key == "" {
			a.key = freeKey(a, taken)
		}
		taken[a.key] = true
		t.list = append(t.list, a)
	}
	slices.SortFunc(t.list, func(a, b *actor) int { return strings.Compare(a.key, b.key) })
	return t, nil
}

// readWikidata adds the rows of one extract to byQID. row picks the
// person's QID, label, country label and office out of a record.
func readWikidata(path string, countries *countryTable, byQID map[string]*actor, skipped *[]string,
	row func(map[string]string) (qid, label, countryLabel string, o office)) error {
	records, err := readCSV(path)
	if err != nil {
		return err
	}
	for _, r := range records {
		qid, label, countryLabel, o := row(r)
		c := countries.byName[refdata.LookupKey(countryLabel)]
		switch {
		case qid == "" || label == "" || qidPattern.MatchString(label):
			*skipped = append(*skipped, "no name")
			continue
		case c == nil:
			*skipped = append(*skipped, countryLabel)
			continue
		case o.role == "":
			*skipped = append(*skipped, r["positionLabel"])
			continue
		}
		o.country = c.iso3
		a := byQID[qid]
		if a == nil {
			a = &actor{qid: qid, name: personName(label, countries), country: c.iso3}
			byQID[qid] = a
		}
		a.offices = append(a.offices, o)
	}
	return nil
}

// headRole maps a position label of the heads extract ("President of
// Albania", "Federal Chancellor of Germany") to a role of the lexicon, or
// "" for positions that are not a head of state or government (members
// of collective presidencies, co-princes, military leaders).
func headRole(position string) string {
	title, _, _ := strings.Cut(position, " of ")
	if r, ok := refdata.RoleByPhrase(title); ok && r.Rank <= 2 {
		return r.Role
	}
	return ""
}

// personName drops the "of <country>" of regnal labels: "Salman of Saudi
// Arabia" is Salman.
func personName(label string, countries *countryTable) string {
	if name, rest, ok := strings.Cut(label, " of "); ok && countries.byName[refdata.LookupKey(rest)] != nil {
		return name
	}
	return label
}

func refine(w, h *actor) {
	if w.name != h.name {
		h.aliases = append([]string{w.name}, h.aliases...)
	}
	w.key, w.name, w.country = h.key, h.name, cmp.Or(h.country, w.country)
	for _, alias := range h.aliases {
		if !slices.Contains(w.aliases, alias) {
			w.aliases = append(w.aliases, alias)
		}
	}
	w.offices = slices.DeleteFunc(w.offices, func(o office) bool {
		return slices.ContainsFunc(h.offices, func(ho office) bool { return ho.role == o.role && ho.country == o.country })
	})
	w.offices = append(w.offices, h.offices...)
}

// lookalike returns the actor of the extracts that h's name matches in the
// same country, if any.
func lookalike(h *actor, byQID map[string]*actor) *actor {
	for _, qid := range keys(byQID) {
		w := byQID[qid]
		if w.country != h.country {
			continue
		}
		for _, n := range append([]string{h.name}, h.aliases...) {
			if _, ok := names.Match(n, w.name); ok {
				return w
			}
		}
	}
	return nil
}

func freeKey(a *actor, taken map[string]bool) string {
	slug := strings.Trim(nonSlugChars.ReplaceAllString(names.Fold(a.name), "-"), "-")
	for _, k := range []string{slug, slug + "-" + strings.ToLower(a.country), slug + "-" + strings.ToLower(a.qid)} {
		if k != "" && !taken[k] {
			return k
		}
	}
	return strings.ToLower(a.qid)
}

// readHandActors reads hand/actors.csv, which has the format of the
// generated actors.csv; roles must be phrases of the lexicon.
func readHandActors(path string, countries *countryTable) ([]*actor, error) {
	records, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var list []*actor
	byKey := map[string]*actor{}
	for i, r := range records {
		where := fmt.Sprintf("%s:%d", path, i+2)
		if r["country"] != "" && countries.byISO3[r["country"]] == nil {
			return nil, fmt.Errorf("%s: unknown country %q", where, r["country"])
		}
		a := byKey[r["key"]]
		if a == nil {
			a = &actor{key: r["key"], name: r["name"], country: r["country"], qid: r["wikidata_id"]}
			byKey[a.key] = a
			list = append(list, a)
		}
		a.country = cmp.Or(a.country, r["country"])
		for _, alias := range strings.Split(r["aliases"], ";") {
			if alias != "" && !slices.Contains(a.aliases, alias) {
				a.aliases = append(a.aliases, alias)
			}
		}
		if r["role"] == "" {
			continue
		}
		role, ok := refdata.RoleByPhrase(r["role"])
		if !ok {
			return nil, fmt.Errorf("%s: role %q is not in roles.tsv", where, r["role"])
		}
		a.offices = append(a.offices, office{role: role.Role, country: r["country"], from: r["from"], to: r["to"]})
	}
	return list, nil
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	out := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		m := make(map[string]string, len(rec))
		for i, h := range records[0] {
			m[h] = strings.TrimSpace(rec[i])
		}
		out = append(out, m)
	}
	return out, nil
}

// write writes one row per office, in the format LoadRegistry reads; an
// actor without offices gets one row with an empty role.
func (t *actorTable) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(refdata.ActorColumns)
	for _, a := range t.list {
		// The first row with a country gives the actor's country, so the
		// offices of the actor's own country come first (Charles III is
		// British before he is King of Canada).
		offices := slices.Clone(a.offices)
		slices.SortFunc(offices, func(x, y office) int {
			return cmp.Or(cmpBool(x.country != a.country, y.country != a.country),
				strings.Compare(x.from, y.from), strings.Compare(x.role, y.role))
		})
		if len(offices) == 0 {
			offices = []office{{country: a.country}}
		}
		aliases := strings.Join(a.aliases, ";")
		for _, o := range offices {
			w.Write([]string{a.key, a.name, aliases, o.country, "person", o.role, o.from, o.to, a.qid})
			aliases = "" // the first row carries them; LoadRegistry merges rows by key
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

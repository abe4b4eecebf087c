package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parleydata/parley/names"
)

// dedupFixtures holds short wire reports of real meetings (README.md
// there): most meetings are told by two to four outlets, with other
// spellings, other ways of stating the day and one near-verbatim reprint,
// next to near misses that must stay apart. gold.jsonl names the real
// meeting of every report by its gid, "YYYY-MM-DD|surname+surname|city";
// actors.json lists the spellings that are one person and the names that
// are not.
const dedupFixtures = "testdata/dedup"

// goldArticle is one line of gold.jsonl.
type goldArticle struct {
	DocID     string   `json:"doc_id"`
	GIDs      []string `json:"gids"`
	ReprintOf string   `json:"reprint_of"` // the doc this one reprints, if any
}

// goldSet is gold.jsonl: the articles in file order and their meetings.
type goldSet struct {
	articles []goldArticle
	gids     map[string][]string // doc id -> the gids it reports
	meetings map[string]gid      // by gid
}

// gid is a parsed gold meeting id.
type gid struct {
	date    time.Time
	parties []string // folded surnames, as in the id
}

func parseGID(s string) (gid, error) {
	fields := strings.Split(s, "|")
	if len(fields) != 3 {
		return gid{}, fmt.Errorf("gid %q: want date|parties|place", s)
	}
	day, err := time.Parse(time.DateOnly, fields[0])
	if err != nil {
		return gid{}, fmt.Errorf("gid %q: %w", s, err)
	}
	return gid{date: day, parties: strings.Split(fields[1], "+")}, nil
}

// nearMiss reports whether two gold meetings share a party within a week
// of each other: a pair that deduplication must keep apart.
func (g gid) nearMiss(o gid) bool {
	days := g.date.Sub(o.date).Hours() / 24
	if days < -7 || days > 7 {
		return false
	}
	for _, p := range g.parties {
		for _, q := range o.parties {
			if p == q {
				return true
			}
		}
	}
	return false
}

// actorExpectations is actors.json.
type actorExpectations struct {
	Same []struct {
		Person    string   `json:"person"`
		Spellings []string `json:"spellings"`
	} `json:"same"`
	Different [][2]string `json:"different"`
}

// report is one mention of the build, with the gold meeting it reports.
type report struct {
	meetingID, doc, sentence, rule, score string
	gid                                   string // "" when it names no gold meeting of its article
}

func (r report) String() string {
	return fmt.Sprintf("%s [%s, %s %s] %q", r.doc, r.meetingID, r.rule, r.score, r.sentence)
}

// builtDataset is what the test reads back from the CSV tables.
type builtDataset struct {
	published   map[string]string          // source_id -> publication date
	duplicateOf map[string]string          // source_id -> source_id of the original
	reports     []report                   // in document order
	actorsOf    map[string]map[string]bool // spellingKey -> actor ids
}

func TestDedupFixtures(t *testing.T) {
	gold := readGold(t, filepath.Join(dedupFixtures, "gold.jsonl"))
	var want actorExpectations
	readJSON(t, filepath.Join(dedupFixtures, "actors.json"), &want)

	out := filepath.Join(t.TempDir(), "out")
	build(t, Config{Inputs: []string{filepath.Join(dedupFixtures, "articles.jsonl")}, Out: out, Workers: 2})
	data := readBuilt(t, filepath.Join(out, "csv"), gold, newNameForms(gold, want))
	logMeetings(t, data)

	t.Run("fixture covers the issue", func(t *testing.T) {
		reporters := map[string]int{}
		for _, a := range gold.articles {
			if data.published[a.DocID] == "" {
				t.Errorf("%s has no publication date; undated reports are never merged across articles", a.DocID)
			}
			for _, id := range a.GIDs {
				reporters[id]++
			}
		}
		multi := 0
		for id, n := range reporters {
			if n > 5 {
				t.Errorf("%s is reported by %d articles; the fixture promises 2-5", id, n)
			}
			if n >= 2 {
				multi++
			}
		}
		near := nearMisses(gold)
		for _, p := range near {
			t.Logf("near miss: %s  vs  %s", p[0], p[1])
		}
		if multi < 12 || len(near) < 8 {
			t.Errorf("%d meetings reported by several articles and %d near-miss pairs; want at least 12 and 8", multi, len(near))
		}
	})

	t.Run("every report is found", func(t *testing.T) {
		found := map[[2]string]bool{}
		for _, r := range data.reports {
			if r.gid == "" {
				t.Errorf("mention names no gold meeting of its article: %s", r)
				continue
			}
			found[[2]string{r.doc, r.gid}] = true
		}
		for _, a := range gold.articles {
			for _, id := range a.GIDs {
				if !found[[2]string{a.DocID, id}] {
					t.Errorf("%s reports %s, but no mention of it was extracted", a.DocID, id)
				}
			}
		}
	})

	t.Run("pairwise precision and recall", func(t *testing.T) {
		var aligned []report
		for _, r := range data.reports {
			if r.gid != "" {
				aligned = append(aligned, r)
			}
		}
		var truePos, falsePos, falseNeg int
		for i, a := range aligned {
			for _, b := range aligned[i+1:] {
				same, merged := a.gid == b.gid, a.meetingID == b.meetingID
				switch {
				case same && merged:
					truePos++
				case merged:
					falsePos++
					t.Errorf("merged, but %s and %s are different meetings:\n\t%s\n\t%s", a.gid, b.gid, a, b)
				case same:
					falseNeg++
					t.Errorf("split, but both report %s:\n\t%s\n\t%s", a.gid, a, b)
				}
			}
		}
		precision, recall := ratio(truePos, truePos+falsePos), ratio(truePos, truePos+falseNeg)
		t.Logf("%d mentions, %d same-meeting pairs: precision %.3f, recall %.3f", len(aligned), truePos+falseNeg, precision, recall)
		if precision != 1 || recall != 1 {
			t.Errorf("pairwise precision %.3f and recall %.3f; want 1 and 1", precision, recall)
		}
	})

	t.Run("reprints", func(t *testing.T) {
		for _, a := range gold.articles {
			if got := data.duplicateOf[a.DocID]; got != a.ReprintOf {
				t.Errorf("%s: duplicate_of is %q, want %q", a.DocID, got, a.ReprintOf)
			}
		}
	})

	for _, same := range want.Same {
		t.Run("one actor/"+same.Person, func(t *testing.T) {
			spellingsOf := map[string][]string{} // actor id -> spellings
			for _, s := range same.Spellings {
				found := data.actorsOf[spellingKey(s)]
				if len(found) == 0 {
					t.Errorf("no actor has the spelling %q", s)
				}
				for id := range found {
					spellingsOf[id] = append(spellingsOf[id], s)
				}
			}
			if len(spellingsOf) > 1 {
				t.Errorf("%s is split into %d actors: %v", same.Person, len(spellingsOf), spellingsOf)
			}
		})
	}
	for _, pair := range want.Different {
		t.Run("different actors/"+pair[0]+" vs "+pair[1], func(t *testing.T) {
			a, b := data.actorsOf[spellingKey(pair[0])], data.actorsOf[spellingKey(pair[1])]
			if len(a) == 0 || len(b) == 0 {
				t.Fatalf("no actor for %q (%d) or %q (%d)", pair[0], len(a), pair[1], len(b))
			}
			for id := range a {
				if b[id] {
					t.Errorf("%q and %q are one actor %s", pair[0], pair[1], id)
				}
			}
		})
	}
}

// nearMisses returns the pairs of gold meetings that deduplication must
// keep apart although they share a party within a week.
func nearMisses(gold goldSet) [][2]string {
	ids := make([]string, 0, len(gold.meetings))
	for id := range gold.meetings {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out [][2]string
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if gold.meetings[a].nearMiss(gold.meetings[b]) {
				out = append(out, [2]string{a, b})
			}
		}
	}
	return out
}

// readBuilt reads the tables of a build and aligns every mention with the
// gold meeting of its article that it names.
func readBuilt(t *testing.T, dir string, gold goldSet, forms nameForms) builtDataset {
	t.Helper()
	d := builtDataset{published: map[string]string{}, duplicateOf: map[string]string{}, actorsOf: map[string]map[string]bool{}}
	articles := readCSV(t, filepath.Join(dir, "articles.csv"))
	docOf := map[string]string{} // article_id -> source_id
	for _, a := range articles {
		docOf[a["article_id"]] = a["source_id"]
		d.published[a["source_id"]] = a["published"]
	}
	for _, a := range articles {
		if orig := a["duplicate_of"]; orig != "" {
			d.duplicateOf[a["source_id"]] = docOf[orig]
		}
	}

	participants := map[string][]string{} // meeting_id -> folded names, canonical and as reported
	addSpelling := func(spelling, actor string) {
		k := spellingKey(spelling)
		if d.actorsOf[k] == nil {
			d.actorsOf[k] = map[string]bool{}
		}
		d.actorsOf[k][actor] = true
	}
	for _, p := range readCSV(t, filepath.Join(dir, "participants.csv")) {
		participants[p["meeting_id"]] = append(participants[p["meeting_id"]], names.Fold(p["name"]), names.Fold(p["name_as_reported"]))
		addSpelling(p["name_as_reported"], p["actor_id"])
	}
	for _, a := range readCSV(t, filepath.Join(dir, "actors.csv")) {
		var aliases []string
		if err := json.Unmarshal([]byte(a["aliases"]), &aliases); err != nil {
			t.Fatalf("actors.csv: aliases of %s: %v", a["actor_id"], err)
		}
		for _, s := range append(aliases, a["name"]) {
			addSpelling(s, a["actor_id"])
		}
	}

	mentions := readCSV(t, filepath.Join(dir, "mentions.csv"))
	sort.SliceStable(mentions, func(i, j int) bool {
		a, b := mentions[i], mentions[j]
		if da, db := docOf[a["article_id"]], docOf[b["article_id"]]; da != db {
			return da < db
		}
		return atoi(t, a["start"]) < atoi(t, b["start"])
	})
	for _, m := range mentions {
		r := report{meetingID: m["meeting_id"], doc: docOf[m["article_id"]], sentence: m["sentence"], rule: m["match_rule"], score: m["match_score"]}
		r.gid = align(r, gold, participants[r.meetingID], forms)
		d.reports = append(d.reports, r)
	}
	return d
}

// align returns the gid, among those of the mention's article, whose
// parties the mention names: in its sentence if that decides, else among
// the participants of the meeting it joined ("the two leaders discussed").
func align(r report, gold goldSet, participants []string, forms nameForms) string {
	sentence := names.Fold(r.sentence)
	everyone := sentence + "\n" + strings.Join(participants, "\n")
	for _, text := range []string{sentence, everyone} {
		var match []string
		for _, id := range gold.gids[r.doc] {
			if forms.namesAll(text, gold.meetings[id].parties) {
				match = append(match, id)
			}
		}
		if len(match) == 1 {
			return match[0]
		}
	}
	return ""
}

// nameForms maps a gid party (a folded surname) to the forms that name
// the same person, taken from the spellings in actors.json: a report that
// writes "Mohammad Islami" or "Александр Лаврентьев" names the parties
// "eslami" and "lavrentiev", whatever the build made of them.
type nameForms map[string][]string

func newNameForms(gold goldSet, want actorExpectations) nameForms {
	forms := nameForms{}
	for _, g := range gold.meetings {
		for _, party := range g.parties {
			if _, done := forms[party]; done {
				continue
			}
			forms[party] = []string{party}
			for _, same := range want.Same {
				if strings.Contains(names.Fold(same.Person), party) {
					for _, s := range same.Spellings {
						forms[party] = append(forms[party], spellingKey(s))
					}
				}
			}
		}
	}
	return forms
}

// namesAll reports whether text names every one of parties.
func (f nameForms) namesAll(text string, parties []string) bool {
	for _, p := range parties {
		named := false
		for _, form := range f[p] {
			named = named || strings.Contains(text, form)
		}
		if !named {
			return false
		}
	}
	return true
}

// spellingKey compares spellings case- and accent-insensitively and
// without an honorific, which is no part of the name: "Mr. Lavrov" may be
// reported as "Lavrov", "Seyyed Ali Khamenei" as "Ali Khamenei".
func spellingKey(s string) string {
	k := names.Fold(s)
	for _, honorific := range []string{"mr. ", "mrs. ", "ms. ", "dr. ", "ayatollah ", "seyyed ", "mullah "} {
		k = strings.TrimPrefix(k, honorific)
	}
	return k
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 1
	}
	return float64(n) / float64(of)
}

// logMeetings prints which built meetings each gold meeting became, with
// the reports and the rule that joined each to its meeting.
func logMeetings(t *testing.T, d builtDataset) {
	t.Helper()
	byGID := map[string][]report{}
	for _, r := range d.reports {
		byGID[r.gid] = append(byGID[r.gid], r)
	}
	ids := make([]string, 0, len(byGID))
	for id := range byGID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		label := id
		if label == "" {
			label = "(no gold meeting)"
		}
		fmt.Fprintf(&b, "\n%s", label)
		for _, r := range byGID[id] {
			fmt.Fprintf(&b, "\n    %-22s %-5s %-13s %s", r.meetingID, r.doc, r.rule, r.score)
		}
	}
	t.Logf("%d mentions; gold meeting -> built meeting, article, match rule, score:%s", len(d.reports), b.String())
}

func readGold(t *testing.T, path string) goldSet {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gold := goldSet{gids: map[string][]string{}, meetings: map[string]gid{}}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var a goldArticle
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		for _, id := range a.GIDs {
			g, err := parseGID(id)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
			gold.meetings[id] = g
		}
		gold.articles = append(gold.articles, a)
		gold.gids[a.DocID] = a.GIDs
	}
	return gold
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

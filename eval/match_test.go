package eval

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func person(country string, names ...string) predParty {
	return predParty{names: names, country: country, kind: "person"}
}

func TestPartyMatches(t *testing.T) {
	for _, c := range []struct {
		name string
		pred predParty
		gold goldParty
		want bool
	}{
		{"transliteration", person("RUS", "Aleksandr Lavrentiyev"), goldParty{Name: "Alexander Lavrentiev", Kind: "person"}, true},
		{"diacritics", person("RUS", "Lavrentiev"), goldParty{Name: "Lavréntiev", Kind: "person"}, true},
		{"Spanish spelling", person("IRN", "Ali Shamkhani"), goldParty{Name: "Ali Shamjani", Kind: "person"}, true},
		{"Lavrov is not Lavrentiev", person("RUS", "Sergey Lavrov"), goldParty{Name: "Alexander Lavrentiev", Country: "RUS", Kind: "person"}, false},
		{"gold alias", person("IRN", "Mohammad Javad Zarif"), goldParty{Name: "the Iranian foreign minister", Aliases: []string{"Javad Zarif"}, Kind: "person"}, true},
		{"actor alias", person("SYR", "Ahmed al-Sharaa", "Abu Mohammad al-Julani"), goldParty{Name: "Abu Mohammad al-Julani", Kind: "person"}, true},
		{"person of a gold delegation's country", person("IRN", "Ali Shamkhani"), goldParty{Name: "Iranian delegation", Country: "IRN", Kind: "delegation"}, true},
		{"person of another country", person("RUS", "Alexander Lavrentiev"), goldParty{Name: "Iranian delegation", Country: "IRN", Kind: "delegation"}, false},
		{"person for a gold country", person("IRN", "Ali Shamkhani"), goldParty{Name: "Iran", Country: "IRN", Kind: "country"}, false},
		{"country for a gold delegation", predParty{names: []string{"Russia"}, country: "RUS", kind: "country"}, goldParty{Name: "Russian delegation", Country: "RUS", Kind: "delegation"}, true},
		{"delegation of another country", predParty{names: []string{"Turkish delegation"}, country: "TUR", kind: "delegation"}, goldParty{Name: "Russian delegation", Country: "RUS", Kind: "delegation"}, false},
		{"delegation for a gold person", predParty{names: []string{"Iranian delegation"}, country: "IRN", kind: "delegation"}, goldParty{Name: "Ali Shamkhani", Country: "IRN", Kind: "person"}, false},
		{"organisation by name", predParty{names: []string{"United Nations", "the UN"}, kind: "organisation"}, goldParty{Name: "The UN", Kind: "organisation"}, true},
		{"organisations by name differ", predParty{names: []string{"United Nations"}, kind: "organisation"}, goldParty{Name: "Arab League", Kind: "organisation"}, false},
		{"stateless organisation for a country's", predParty{names: []string{"United Nations"}, kind: "organisation"}, goldParty{Name: "Iranian delegation", Country: "IRN", Kind: "delegation"}, false},
	} {
		if got := partyMatches(c.pred, c.gold); got != c.want {
			t.Errorf("%s: partyMatches(%v, %v) = %v, want %v", c.name, c.pred.names, c.gold.Name, got, c.want)
		}
	}
}

func goldMeet(gid string, parties ...goldParty) goldMeeting {
	return goldMeeting{GID: gid, Participants: parties}
}

func TestPairMeetings(t *testing.T) {
	lavrentiev := goldParty{Name: "Alexander Lavrentiev", Country: "RUS", Kind: "person"}
	shamkhani := goldParty{Name: "Ali Shamkhani", Country: "IRN", Kind: "person"}
	zarif := goldParty{Name: "Mohammad Javad Zarif", Country: "IRN", Kind: "person"}
	lavrov := goldParty{Name: "Sergey Lavrov", Country: "RUS", Kind: "person"}

	for _, c := range []struct {
		name      string
		pred      [][]predParty
		gold      []goldMeeting
		agreement func(i, j int) int
		want      []meetingPair
	}{
		{
			name: "one shared party is not enough",
			pred: [][]predParty{{person("RUS", "Lavrentiev"), person("IRN", "Zarif")}},
			gold: []goldMeeting{goldMeet("g", lavrov, zarif)},
		},
		{
			// Greedy by shared parties would give the three-party gold
			// meeting to p0 and leave p1 unmatched.
			name: "more matched meetings beat more shared parties",
			pred: [][]predParty{
				{person("RUS", "Lavrentiev"), person("IRN", "Shamkhani"), person("IRN", "Zarif")},
				{person("RUS", "Lavrentiev"), person("IRN", "Shamkhani")},
			},
			gold: []goldMeeting{goldMeet("three", lavrentiev, shamkhani, zarif), goldMeet("two", lavrentiev, zarif)},
			want: []meetingPair{{pred: 0, gold: 1, parties: 2}, {pred: 1, gold: 0, parties: 2}},
		},
		{
			name: "then more shared parties",
			pred: [][]predParty{{person("RUS", "Lavrentiev"), person("IRN", "Shamkhani"), person("IRN", "Zarif")}},
			gold: []goldMeeting{goldMeet("two", lavrentiev, zarif), goldMeet("three", lavrentiev, shamkhani, zarif)},
			want: []meetingPair{{pred: 0, gold: 1, parties: 3}},
		},
		{
			// Both predicted parties are Iranian persons, but one gold
			// delegation cannot stand for two of them.
			name: "parties pair one to one",
			pred: [][]predParty{{person("IRN", "Shamkhani"), person("IRN", "Zarif")}},
			gold: []goldMeeting{goldMeet("g", goldParty{Name: "Iranian delegation", Country: "IRN", Kind: "delegation"}, lavrov)},
		},
		{name: "no gold meeting", pred: [][]predParty{{person("RUS", "Lavrov"), person("IRN", "Zarif")}}},
		{
			// A call and a meeting of the same two people: the fields decide.
			name:      "then the pairs whose fields agree",
			pred:      [][]predParty{{person("RUS", "Lavrov"), person("IRN", "Zarif")}, {person("RUS", "Lavrov"), person("IRN", "Zarif")}},
			gold:      []goldMeeting{goldMeet("call", lavrov, zarif), goldMeet("meeting", lavrov, zarif)},
			agreement: func(i, j int) int { return map[bool]int{true: 3, false: 0}[i == 0 && j == 1 || i == 1 && j == 0] },
			want:      []meetingPair{{pred: 0, gold: 1, parties: 2}, {pred: 1, gold: 0, parties: 2}},
		},
	} {
		got := pairMeetings(c.pred, c.gold, c.agreement)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: pairMeetings = %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestAssignIsOptimal checks the Hungarian method against every permutation
// on small random matrices, square and not, with many zero weights.
func TestAssignIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		rows, cols := 1+rng.IntN(5), 1+rng.IntN(5)
		weight := make([][]int, rows)
		for i := range weight {
			weight[i] = make([]int, cols)
			for j := range weight[i] {
				if rng.IntN(3) > 0 {
					weight[i][j] = rng.IntN(20)
				}
			}
		}
		pairs := assign(weight)
		used := make(map[int]bool)
		got := 0
		for i, j := range pairs {
			if j < 0 {
				continue
			}
			if used[j] || weight[i][j] <= 0 {
				t.Fatalf("assign(%v) = %v: column %d reused or paired with weight 0", weight, pairs, j)
			}
			used[j] = true
			got += weight[i][j]
		}
		if want := bestByBruteForce(weight, 0, make([]bool, cols)); got != want {
			t.Fatalf("assign(%v) = %v with weight %d, want %d", weight, pairs, got, want)
		}
	}
}

func bestByBruteForce(weight [][]int, row int, used []bool) int {
	if row == len(weight) {
		return 0
	}
	best := bestByBruteForce(weight, row+1, used) // row left unpaired
	for j, w := range weight[row] {
		if !used[j] && w > 0 {
			used[j] = true
			best = max(best, w+bestByBruteForce(weight, row+1, used))
			used[j] = false
		}
	}
	return best
}

func BenchmarkAssign(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	weight := make([][]int, 30)
	for i := range weight {
		weight[i] = make([]int, 30)
		for j := range weight[i] {
			weight[i][j] = rng.IntN(10)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		assign(weight)
	}
}

func TestPairwise(t *testing.T) {
	for _, c := range []struct {
		name       string
		scored     []scoredMeeting
		tp, fp, fn int
	}{
		{"merged right", []scoredMeeting{{"g1", "m1"}, {"g1", "m1"}, {"g1", "m1"}}, 3, 0, 0},
		{"split in two", []scoredMeeting{{"g1", "m1"}, {"g1", "m2"}}, 0, 0, 1},
		{"merged wrongly", []scoredMeeting{{"g1", "m1"}, {"g2", "m1"}}, 0, 1, 0},
		{"missed meetings are never merged", []scoredMeeting{{"g1", ""}, {"g1", ""}, {"g2", ""}}, 0, 0, 1},
	} {
		got := pairwise(c.scored)
		if got.TP != c.tp || got.FP != c.fp || got.FN != c.fn {
			t.Errorf("%s: pairwise = %+v, want TP %d FP %d FN %d", c.name, got, c.tp, c.fp, c.fn)
		}
	}
}

func TestSamePlace(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Tehran", "TEHRÁN", true},
		{"Astana", "Nur-Sultan", true},
		{"Geneva", "Genève", true},
		{"Tehran", "Moscow", false},
		{"Moscow", "Kremlin, Moscow", true},
		{"Kremlin", "Kremlin, Moscow", false},
		{"Tehran", "Kremlin, Moscow", false},
	} {
		if got := samePlace(c.a, c.b); got != c.want {
			t.Errorf("samePlace(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

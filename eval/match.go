package eval

import (
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/refdata"
)

// predParty is a predicted party with every name the dataset knows it by:
// the canonical name, the name as reported and the actor's aliases.
type predParty struct {
	names   []string
	country string
	kind    string
}

// predictedParties returns the parties of a predicted meeting.
func (d *dataset) predictedParties(meetingID string) []predParty {
	var parties []predParty
	for _, p := range d.participants[meetingID] {
		party := predParty{names: []string{p.Name, p.NameAsReported}, kind: p.Kind}
		if p.Country != nil {
			party.country = *p.Country
		}
		if a, ok := d.actors[p.ActorID]; ok {
			party.names = append(party.names, a.Aliases...)
		}
		parties = append(parties, party)
	}
	return parties
}

// partyMatches reports whether a predicted party stands for a gold one. A
// person matches by name in any spelling, or a gold delegation of the
// person's country. Any other party matches a gold party of its country that
// is not a person; an organisation with no country on either side (the UN)
// matches by name.
func partyMatches(p predParty, g goldParty) bool {
	if p.kind == parley.PartyPerson {
		return anySameName(p.names, g.names()) ||
			g.Kind == parley.PartyDelegation && p.country != "" && p.country == g.Country
	}
	if g.Kind == parley.PartyPerson {
		return false
	}
	if p.country == "" && g.Country == "" {
		return anySameName(p.names, g.names())
	}
	return p.country == g.Country
}

func anySameName(as, bs []string) bool {
	for _, a := range as {
		for _, b := range bs {
			if sameName(a, b) {
				return true
			}
		}
	}
	return false
}

// sameName compares two names as reported. Equal folded text settles names
// that are not personal names ("UK", "the Arab League"), which Match, built
// for people, need not accept.
func sameName(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if names.Fold(a) == names.Fold(b) {
		return true
	}
	_, ok := names.Match(a, b)
	return ok
}

// pairParties pairs the parties of a predicted and a gold meeting one to one,
// as many as possible, and returns the number paired.
func pairParties(pred []predParty, gold []goldParty) int {
	weight := make([][]int, len(pred))
	for i, p := range pred {
		weight[i] = make([]int, len(gold))
		for j, g := range gold {
			if partyMatches(p, g) {
				weight[i][j] = 1
			}
		}
	}
	paired := 0
	for _, j := range assign(weight) {
		if j >= 0 {
			paired++
		}
	}
	return paired
}

// minParties is how many parties a predicted and a gold meeting must share
// to be the same meeting.
const minParties = 2

// meetingPair is a predicted meeting matched to a gold meeting.
type meetingPair struct {
	pred, gold int // indexes into the article's predicted and gold meetings
	parties    int // parties paired
}

// maxAgreement bounds what an agreement function returns.
const maxAgreement = 4

// pairMeetings matches the predicted meetings of one article to its gold
// meetings, each at most once: first as many meetings as possible, then as
// many paired parties as possible, then the pairs whose fields agree most
// (two calls and a meeting among the same two people). parties[i] are the
// parties of the i-th predicted meeting; agreement, if not nil, says how
// many fields (at most maxAgreement) of predicted meeting i agree with gold
// meeting j.
func pairMeetings(parties [][]predParty, gold []goldMeeting, agreement func(i, j int) int) []meetingPair {
	if len(parties) == 0 || len(gold) == 0 {
		return nil
	}
	// Each level outweighs every bonus of the levels below it together: the
	// agreement bonuses sum to less than agreeBound, the party bonuses
	// (bounded by the number of gold parties) to less than bonusBound.
	agreeBound := maxAgreement*len(gold) + 1
	bonusBound := 1
	for _, g := range gold {
		bonusBound += len(g.Participants)
	}
	bonusBound *= agreeBound
	paired := make([][]int, len(parties))
	weight := make([][]int, len(parties))
	for i, pred := range parties {
		paired[i] = make([]int, len(gold))
		weight[i] = make([]int, len(gold))
		for j, g := range gold {
			if n := pairParties(pred, g.Participants); n >= minParties {
				paired[i][j] = n
				weight[i][j] = bonusBound + n*agreeBound
				if agreement != nil {
					weight[i][j] += agreement(i, j)
				}
			}
		}
	}
	var pairs []meetingPair
	for i, j := range assign(weight) {
		if j >= 0 {
			pairs = append(pairs, meetingPair{pred: i, gold: j, parties: paired[i][j]})
		}
	}
	return pairs
}

// samePlace reports whether a predicted place names the gold one: the same
// text once folded, or the same city under two names (Astana, Nur-Sultan).
// A gold place written as venue and city ("Kremlin, Moscow", "Nusa Dua,
// Bali") also matches its city or region.
func samePlace(pred, gold string) bool {
	if onePlace(pred, gold) {
		return true
	}
	if i := strings.LastIndex(gold, ", "); i >= 0 {
		return onePlace(pred, gold[i+2:])
	}
	return false
}

func onePlace(a, b string) bool {
	if names.Fold(a) == names.Fold(b) {
		return true
	}
	pa, okA := refdata.PlaceByName(a)
	pb, okB := refdata.PlaceByName(b)
	return okA && okB && pa.Name == pb.Name && pa.Country == pb.Country
}

package pipeline

import (
	"slices"

	"github.com/parleydata/parley"
)

// dyadsOf pairs the distinct countries of each meeting's participants: one
// dyad per meeting per unordered pair, country_a < country_b. Parties
// without a country take part in no dyad. The dyads follow the order of
// meetings, then country_a and country_b.
func dyadsOf(meetings []parley.Meeting, participants []parley.Participant) []parley.Dyad {
	countries := map[string][]string{} // meeting id -> distinct countries of its participants
	for _, p := range participants {
		if p.Country != nil && !slices.Contains(countries[p.MeetingID], *p.Country) {
			countries[p.MeetingID] = append(countries[p.MeetingID], *p.Country)
		}
	}
	var dyads []parley.Dyad
	for _, m := range meetings {
		cs := countries[m.MeetingID]
		slices.Sort(cs)
		var year *int64
		if m.Date.Valid() {
			y := int64(m.Date.Time().Year())
			year = &y
		}
		for i, a := range cs {
			for _, b := range cs[i+1:] {
				dyads = append(dyads, parley.Dyad{
					MeetingID: m.MeetingID, CountryA: a, CountryB: b,
					Year: year, Date: m.Date, DatePrecision: m.DatePrecision,
					Status: m.Status, Mode: m.Mode, Kind: m.Kind,
				})
			}
		}
	}
	return dyads
}

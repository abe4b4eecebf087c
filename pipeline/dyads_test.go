package pipeline

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parleydata/parley"
)

func TestDyadsOf(t *testing.T) {
	const id = "mtg_0000000000000001"
	may9, _ := parley.NewDate(2024, time.May, 9)
	march, _ := parley.NewDate(2023, time.March, 1)
	meeting := func(date parley.Date, precision string) parley.Meeting {
		return parley.Meeting{MeetingID: id, Date: date, DatePrecision: precision, Status: parley.StatusHeld,
			Mode: parley.ModePhone, Kind: parley.KindMultilateral}
	}
	party := func(actor, country string) parley.Participant {
		p := parley.Participant{MeetingID: id, ActorID: actor}
		if country != "" {
			p.Country = &country
		}
		return p
	}
	// dyad is a dyad of the meeting; year 0 is null.
	dyad := func(date parley.Date, precision string, year int64, a, b string) parley.Dyad {
		d := parley.Dyad{MeetingID: id, CountryA: a, CountryB: b, Date: date, DatePrecision: precision,
			Status: parley.StatusHeld, Mode: parley.ModePhone, Kind: parley.KindMultilateral}
		if year != 0 {
			d.Year = &year
		}
		return d
	}
	tests := []struct {
		name    string
		meeting parley.Meeting
		parties []parley.Participant
		want    []parley.Dyad
	}{
		{"two countries, in the order of their codes",
			meeting(may9, parley.PrecisionDay),
			[]parley.Participant{party("act_1", "USA"), party("act_2", "CHN")},
			[]parley.Dyad{dyad(may9, parley.PrecisionDay, 2024, "CHN", "USA")}},
		{"three countries make three pairs",
			meeting(may9, parley.PrecisionDay),
			[]parley.Participant{party("act_1", "RUS"), party("act_2", "IRN"), party("act_3", "TUR")},
			[]parley.Dyad{dyad(may9, parley.PrecisionDay, 2024, "IRN", "RUS"), dyad(may9, parley.PrecisionDay, 2024, "IRN", "TUR"), dyad(may9, parley.PrecisionDay, 2024, "RUS", "TUR")}},
		{"two parties of one country are one side",
			meeting(may9, parley.PrecisionDay),
			[]parley.Participant{party("act_1", "FRA"), party("act_2", "FRA"), party("act_3", "DEU")},
			[]parley.Dyad{dyad(may9, parley.PrecisionDay, 2024, "DEU", "FRA")}},
		{"a meeting within one country has no dyad",
			meeting(may9, parley.PrecisionDay),
			[]parley.Participant{party("act_1", "IND"), party("act_2", "IND")},
			nil},
		{"parties without a country pair with nobody",
			meeting(may9, parley.PrecisionDay),
			[]parley.Participant{party("act_1", ""), party("act_2", "UKR"), party("act_3", "")},
			nil},
		{"a date known to the month gives the year",
			meeting(march, parley.PrecisionMonth),
			[]parley.Participant{party("act_1", "JPN"), party("act_2", "KOR")},
			[]parley.Dyad{dyad(march, parley.PrecisionMonth, 2023, "JPN", "KOR")}},
		{"an undated meeting has no year",
			meeting(parley.Date{}, parley.PrecisionWeekday),
			[]parley.Participant{party("act_1", "BRA"), party("act_2", "ARG")},
			[]parley.Dyad{dyad(parley.Date{}, parley.PrecisionWeekday, 0, "ARG", "BRA")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dyadsOf([]parley.Meeting{tt.meeting}, tt.parties)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("dyadsOf = %s, want %s", show(got), show(tt.want))
			}
		})
	}
}

// The dyads of a dataset follow its meetings, whatever the order of the
// participants, so that both tables sort by date alike.
func TestDyadsOfFollowMeetings(t *testing.T) {
	country := func(s string) *string { return &s }
	meetings := []parley.Meeting{{MeetingID: "mtg_b"}, {MeetingID: "mtg_a"}}
	participants := []parley.Participant{
		{MeetingID: "mtg_a", Country: country("USA")}, {MeetingID: "mtg_b", Country: country("GBR")},
		{MeetingID: "mtg_a", Country: country("MEX")}, {MeetingID: "mtg_b", Country: country("IRL")},
	}
	var got []string
	for _, d := range dyadsOf(meetings, participants) {
		got = append(got, d.MeetingID+" "+d.CountryA+"-"+d.CountryB)
	}
	if want := []string{"mtg_b GBR-IRL", "mtg_a MEX-USA"}; !reflect.DeepEqual(got, want) {
		t.Errorf("dyads %q, want %q", got, want)
	}
}

// show prints dyads with their year, which %v would print as an address.
func show(ds []parley.Dyad) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		year := "null"
		if d.Year != nil {
			year = fmt.Sprint(*d.Year)
		}
		parts[i] = fmt.Sprintf("%s %s-%s year %s date %q %s %s %s %s", d.MeetingID, d.CountryA, d.CountryB, year, d.Date, d.DatePrecision, d.Status, d.Mode, d.Kind)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

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

// Dyads sort by year, then pair, then date and meeting, whatever the order
// of meetings and participants; undated ones come last.
func TestDyadsOfOrder(t *testing.T) {
	day := func(s string) parley.Date {
		d, err := parley.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	meetings := []parley.Meeting{
		{MeetingID: "mtg_c", Date: day("2024-05-09")},
		{MeetingID: "mtg_b"},
		{MeetingID: "mtg_e", Date: day("2024-01-02")},
		{MeetingID: "mtg_a", Date: day("2023-12-30")},
		{MeetingID: "mtg_f", Date: day("2024-03-01")},
		{MeetingID: "mtg_d", Date: day("2024-01-02")},
	}
	var participants []parley.Participant
	for _, p := range []struct{ meeting, country string }{
		{"mtg_c", "USA"}, {"mtg_b", "IRL"}, {"mtg_e", "USA"}, {"mtg_a", "USA"}, {"mtg_f", "BRA"}, {"mtg_d", "CHN"},
		{"mtg_c", "CHN"}, {"mtg_b", "GBR"}, {"mtg_e", "CHN"}, {"mtg_a", "MEX"}, {"mtg_f", "ARG"}, {"mtg_d", "USA"},
	} {
		participants = append(participants, parley.Participant{MeetingID: p.meeting, Country: &p.country})
	}
	var got []string
	for _, d := range dyadsOf(meetings, participants) {
		got = append(got, fmt.Sprintf("%s %s-%s %s", d.MeetingID, d.CountryA, d.CountryB, d.Date))
	}
	want := []string{
		"mtg_a MEX-USA 2023-12-30",
		"mtg_f ARG-BRA 2024-03-01",
		"mtg_d CHN-USA 2024-01-02",
		"mtg_e CHN-USA 2024-01-02",
		"mtg_c CHN-USA 2024-05-09",
		"mtg_b GBR-IRL ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dyads in order\n%q\nwant\n%q", got, want)
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

package dates

import (
	"testing"

	"github.com/parleydata/parley"
)

func mustDay(s string) parley.Date {
	d, err := parley.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestResolve(t *testing.T) {
	sunday := mustDay("2017-02-12")
	tests := []struct {
		text      string
		ref       parley.Date
		future    bool
		date      string
		end       string
		precision string
		basis     string
		weekday   string
	}{
		{"met on Sunday", sunday, false, "2017-02-12", "", "day", "relative", "Sunday"},
		{"met on Thursday", sunday, false, "2017-02-09", "", "day", "relative", "Thursday"},
		{"will meet on Thursday", sunday, true, "2017-02-16", "", "day", "relative", "Thursday"},
		{"will meet on Sunday", sunday, true, "2017-02-12", "", "day", "relative", "Sunday"},
		{"will meet next Sunday", sunday, false, "2017-02-19", "", "day", "relative", "Sunday"},
		{"met on Sunday", parley.Date{}, false, "", "", "weekday", "none", "Sunday"},
		{"in a Sunday meeting", parley.Date{}, false, "", "", "weekday", "none", "Sunday"},
		{"on November 21, 2021", parley.Date{}, false, "2021-11-21", "", "day", "explicit", "Sunday"},
		{"on 21 November 2021", sunday, false, "2021-11-21", "", "day", "explicit", "Sunday"},
		{"on 2021-11-21", sunday, false, "2021-11-21", "", "day", "explicit", "Sunday"},
		{"on December 30, 2016", sunday, false, "2016-12-30", "", "day", "explicit", "Friday"},
		{"talks on February 20", sunday, true, "2017-02-20", "", "day", "relative", "Monday"},
		{"renewed on January 23-24", sunday, false, "2017-01-23", "2017-01-24", "day", "relative", "Monday"},
		{"scheduled for September 14-15", mustDay("2017-09-05"), true, "2017-09-14", "2017-09-15", "day", "relative", "Thursday"},
		{"on Nov. 4", mustDay("2021-11-21"), false, "2021-11-04", "", "day", "relative", "Thursday"},
		{"on February 2", parley.Date{}, false, "", "", "none", "none", ""},
		{"in July", mustDay("2021-11-21"), false, "2021-07-01", "", "month", "relative", "Thursday"},
		{"in July 2019", parley.Date{}, false, "2019-07-01", "", "month", "explicit", ""},
		{"yesterday", mustDay("2021-11-22"), false, "2021-11-21", "", "day", "relative", "Sunday"},
		{"two days ago", mustDay("2021-11-22"), false, "2021-11-20", "", "day", "relative", "Saturday"},
		{"two days later", mustDay("2021-11-22"), false, "", "", "none", "none", ""},
		{"met last month", mustDay("2023-01-28"), false, "2022-12-01", "", "month", "relative", ""},
		{"will meet next month", mustDay("2023-12-28"), true, "2024-01-01", "", "month", "relative", ""},
		{"earlier this month", mustDay("2023-01-28"), false, "2023-01-01", "", "month", "relative", ""},
		{"met last November", mustDay("2023-01-28"), false, "2022-11-01", "", "month", "relative", ""},
		{"visited Korea on the 7th", mustDay("2023-05-08"), false, "2023-05-07", "", "day", "relative", "Sunday"},
		{"arrived on the 28th", mustDay("2023-05-03"), false, "2023-04-28", "", "day", "relative", "Friday"},
		{"on the 31st", mustDay("2023-05-03"), false, "", "", "none", "none", ""},
		{"on February 30, 2021", parley.Date{}, false, "", "", "none", "none", ""},
		{"on March 3, 3024", parley.Date{}, false, "", "", "none", "none", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			xs := Find(tt.text)
			if len(xs) == 0 {
				if tt.precision == "none" && tt.date == "" {
					return // not recognised as a date at all: nothing is invented
				}
				t.Fatalf("Find(%q) found nothing", tt.text)
			}
			r := xs[0].Resolve(tt.ref, tt.future)
			if r.Date.String() != tt.date || r.DateEnd.String() != tt.end || r.Precision != tt.precision || r.Basis != tt.basis {
				t.Errorf("got date=%s end=%s precision=%s basis=%s, want %s %s %s %s", r.Date, r.DateEnd, r.Precision, r.Basis, tt.date, tt.end, tt.precision, tt.basis)
			}
			if tt.weekday != "" && r.Weekday != tt.weekday && r.Precision != parley.PrecisionMonth {
				t.Errorf("weekday = %q, want %q", r.Weekday, tt.weekday)
			}
		})
	}
}

func TestFindIgnoresModalMay(t *testing.T) {
	for _, s := range []string{"they may meet again", "the six-year crisis", "21:21 (UTC +04:00)", "H.R. 1"} {
		if xs := Find(s); len(xs) != 0 {
			t.Errorf("Find(%q) = %+v, want nothing", s, xs)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"met on Sunday", "November 21, 2021", "January 23-24", "February 30, 2021", "3024", "Sep. 5", "on 31 June 2020"} {
		f.Add(s, int32(17000), true)
	}
	f.Fuzz(func(t *testing.T, text string, ref int32, future bool) {
		for _, x := range Find(text) {
			if x.Start < 0 || x.End > len(text) || x.Start >= x.End || text[x.Start:x.End] != x.Text {
				t.Fatalf("bad span %+v in %q", x, text)
			}
			r := x.Resolve(parley.DateFromDays(ref%40000), future)
			if r.Date.Valid() {
				y := r.Date.Time().Year()
				if y < MinYear-1 || y > MaxYear+1 {
					t.Fatalf("resolved %q to %s, outside the plausible years", x.Text, r.Date)
				}
			}
			if r.DateEnd.Valid() && r.DateEnd.Days() < r.Date.Days() {
				t.Fatalf("range ends before it starts: %+v", r)
			}
			if r.Precision == parley.PrecisionDay && !r.Date.Valid() {
				t.Fatalf("day precision without a date: %+v", r)
			}
		}
	})
}

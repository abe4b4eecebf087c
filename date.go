package parley

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time zone. The zero Date is "unknown" and is
// written as null.
type Date struct {
	days  int32 // days since 1970-01-01, the Arrow date32 and Parquet DATE unit
	valid bool
}

// NewDate returns the day y-m-d. It reports false for days that do not exist
// (February 30) or lie outside years 1..9999.
func NewDate(y int, m time.Month, d int) (Date, bool) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return Date{}, false
	}
	return DateOf(t), true
}

// DateOf returns the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{days: int32(u.Unix() / 86400), valid: true}
}

// DateFromDays returns the Date days after 1970-01-01.
func DateFromDays(days int32) Date { return Date{days: days, valid: true} }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// Valid reports whether d is a known day.
func (d Date) Valid() bool { return d.valid }

// Days returns the number of days since 1970-01-01.
func (d Date) Days() int32 { return d.days }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Unix(int64(d.days)*86400, 0).UTC() }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{days: d.days + int32(n), valid: d.valid} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Compare orders days, with unknown days after every known one: -1 when d
// comes first, 0 when equal, +1 when o comes first.
func (d Date) Compare(o Date) int {
	switch {
	case d == o:
		return 0
	case !d.valid:
		return 1
	case !o.valid:
		return -1
	case d.days < o.days:
		return -1
	}
	return 1
}

// String returns YYYY-MM-DD, or "" for an unknown date.
func (d Date) String() string {
	if !d.valid {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if !d.valid {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD", a timestamp starting with one, or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if len(s) > 10 {
		s = s[:10]
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

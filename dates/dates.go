// Package dates finds date expressions in English news text ("on Sunday",
// "November 21, 2021", "September 14-15", "in July", "yesterday") and
// resolves them against a reference day with an honest precision: a date
// that the text does not determine is never invented.
package dates

import (
	"strconv"
	"strings"
	"time"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/internal/pattern"
)

// Kind is the shape of a date expression.
type Kind uint8

// Shapes of date expressions, from most to least precise.
const (
	FullDate      Kind = iota + 1 // November 21, 2021; 21 November 2021; 2021-11-21
	MonthDay                      // November 21; Sep. 5 — the year is not stated
	MonthYear                     // July 2019
	MonthOnly                     // in July
	YearOnly                      // in 2019
	Weekday                       // on Sunday, the Thursday meeting
	RelativeDay                   // yesterday, today, tomorrow
	RelativeMonth                 // last month, earlier this month, next month
	DayOnly                       // on the 7th: a day of the reference month
)

// Expr is one date expression found in a text.
type Expr struct {
	Text       string // as written
	Start, End int    // byte offsets in the searched text
	Kind       Kind
	Year       int // 0 when not stated
	Month      time.Month
	Day        int // 0 when not stated
	EndDay     int // last day of a range like "September 14-15", else 0
	Weekday    time.Weekday
	Offset     int // days from the reference for RelativeDay
	Future     bool
}

// Resolved is an expression placed on the calendar.
type Resolved struct {
	Date      parley.Date // invalid unless the day (or month, year) is known
	DateEnd   parley.Date
	Precision string // parley.Precision*
	Basis     string // parley.Basis*
	Weekday   string // "" when unknown
	Text      string
}

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

const (
	month   = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`
	day     = `(\d{1,2})(?:st|nd|rd|th)?`
	year    = `((?:1[89]|2\d|3\d)\d\d)`
	weekday = `(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)`
	rangeTo = `\s*(?:-|–|—|to|and)\s*`
)

// patterns are tried in order; a later match overlapping an earlier one is
// skipped, so the more specific shapes come first.
var patterns = []struct {
	kind Kind
	re   *pattern.Regexp
	// fields maps submatch roles to group indexes: y, m, d, e (range end), w (weekday)
	y, m, d, e, w int
}{
	{kind: FullDate, re: pattern.MustCompile(`\b` + year + `-(\d\d)-(\d\d)\b`), y: 1, m: 2, d: 3},
	{kind: FullDate, re: pattern.MustCompile(`\b` + month + `\s+` + day + `(?:` + rangeTo + `(\d{1,2}))?,?\s+` + year + `\b`), m: 1, d: 2, e: 3, y: 4},
	{kind: FullDate, re: pattern.MustCompile(`\b` + day + `(?:` + rangeTo + `(\d{1,2}))?\s+(?:of\s+)?` + month + `,?\s+` + year + `\b`), d: 1, e: 2, m: 3, y: 4},
	{kind: MonthDay, re: pattern.MustCompile(`\b` + month + `\s+` + day + `(?:` + rangeTo + `(\d{1,2}))?\b`), m: 1, d: 2, e: 3},
	{kind: MonthDay, re: pattern.MustCompile(`\b` + day + `(?:` + rangeTo + `(\d{1,2}))?\s+(?:of\s+)?` + month + `\b`), d: 1, e: 2, m: 3},
	{kind: MonthYear, re: pattern.MustCompile(`\b` + month + `,?\s+(?:of\s+)?` + year + `\b`), m: 1, y: 2},
	{kind: MonthOnly, re: pattern.MustCompile(`\b(?:in|since|during|until|by|early|late|mid-?|last|next|this)\s+(?:early\s+|late\s+|mid-?)?` + month + `\b`), m: 1},
	{kind: YearOnly, re: pattern.MustCompile(`\b(?:in|since|during|until|by)\s+(?:early\s+|late\s+|mid-?)?` + year + `\b`), y: 1},
	{kind: Weekday, re: pattern.MustCompile(`\b(?:(?:on|last|this|next|late|early)\s+)?(?:the\s+)?` + weekday + `\b`), w: 1},
}

// mayHaveDate is a cheap test that lets most sentences skip the patterns:
// every date expression has a digit, a month, a weekday or a relative day.
var mayHaveDate = pattern.MustCompile(`[0-9]|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|days?\b|month\b|(?i:yesterday|today|tomorrow)`)

var (
	relativeDays = pattern.MustCompile(`(?i)\b(yesterday|today|tomorrow|earlier today|the day before yesterday)\b`)
	// Only "ago" counts from the publication date: "two days later" and "a
	// day earlier" count from an event the text told before.
	daysAgo = pattern.MustCompile(`(?i)\b(a|one|two|three|four|five|six|\d) days? ago\b`)
	// "on the 7th", as Korean and Japanese wire copy dates the days of the
	// current month.
	dayOfMonth = pattern.MustCompile(`\bon the (\d{1,2})(?:st|nd|rd|th)\b`)
	// "last month" counts whole months from the reference day's month.
	relativeMonths = pattern.MustCompile(`(?i)\b(last|next|earlier this|later this|this) month\b`)
	monthOffsets   = map[string]int{"last": -1, "next": 1, "earlier this": 0, "later this": 0, "this": 0}
	numberWords    = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
)

// Find returns the date expressions in text in order of appearance.
func Find(text string) []Expr {
	var out []Expr
	if !mayHaveDate.MatchString(text) {
		return out
	}
	taken := func(s, e int) bool {
		for _, x := range out {
			if s < x.End && e > x.Start {
				return true
			}
		}
		return false
	}
	for _, p := range patterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
			s, e := m[0], m[1]
			if taken(s, e) {
				continue
			}
			group := func(i int) string {
				if i == 0 || m[2*i] < 0 {
					return ""
				}
				return text[m[2*i]:m[2*i+1]]
			}
			x := Expr{Text: text[s:e], Start: s, End: e, Kind: p.kind}
			if g := group(p.m); g != "" {
				x.Month = monthNames[strings.ToLower(strings.TrimSuffix(g, "."))]
			}
			if g := group(p.y); g != "" {
				x.Year, _ = strconv.Atoi(g)
			}
			if g := group(p.d); g != "" {
				x.Day, _ = strconv.Atoi(g)
			}
			if g := group(p.e); g != "" {
				x.EndDay, _ = strconv.Atoi(g)
			}
			if g := group(p.w); g != "" {
				x.Weekday = weekdayNames[strings.ToLower(g)]
			}
			x.Future = strings.HasPrefix(strings.ToLower(x.Text), "next ")
			if p.kind == FullDate && p.m == 2 && p.y == 1 { // ISO form: month is numeric
				mo, _ := strconv.Atoi(group(2))
				x.Month = time.Month(mo)
			}
			if !plausible(x) {
				continue
			}
			out = append(out, x)
		}
	}
	for _, m := range relativeDays.FindAllStringIndex(text, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		x := Expr{Text: text[m[0]:m[1]], Start: m[0], End: m[1], Kind: RelativeDay}
		switch strings.ToLower(x.Text) {
		case "yesterday":
			x.Offset = -1
		case "the day before yesterday":
			x.Offset = -2
		case "tomorrow":
			x.Offset, x.Future = 1, true
		}
		out = append(out, x)
	}
	for _, m := range dayOfMonth.FindAllStringSubmatchIndex(text, -1) {
		if d, _ := strconv.Atoi(text[m[2]:m[3]]); d >= 1 && d <= 31 && !taken(m[0], m[1]) {
			out = append(out, Expr{Text: text[m[0]:m[1]], Start: m[0], End: m[1], Kind: DayOnly, Day: d})
		}
	}
	for _, m := range relativeMonths.FindAllStringSubmatchIndex(text, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		n := monthOffsets[strings.ToLower(text[m[2]:m[3]])]
		out = append(out, Expr{Text: text[m[0]:m[1]], Start: m[0], End: m[1], Kind: RelativeMonth, Offset: n, Future: n > 0})
	}
	for _, m := range daysAgo.FindAllStringSubmatchIndex(text, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		n, ok := numberWords[strings.ToLower(text[m[2]:m[3]])]
		if !ok {
			n, _ = strconv.Atoi(text[m[2]:m[3]])
		}
		out = append(out, Expr{Text: text[m[0]:m[1]], Start: m[0], End: m[1], Kind: RelativeDay, Offset: -n})
	}
	sortByStart(out)
	return out
}

// plausible drops matches that are not dates: "May 2" inside "may 2 ..."
// is caught by case-sensitive month names; day numbers out of range and
// ranges that run backwards are dropped here.
func plausible(x Expr) bool {
	if x.Day > 31 || x.EndDay > 31 || (x.EndDay != 0 && x.EndDay <= x.Day) {
		return false
	}
	if x.Kind == FullDate || x.Kind == MonthDay {
		if x.Day == 0 || x.Month == 0 {
			return false
		}
	}
	return true
}

func sortByStart(xs []Expr) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j].Start < xs[j-1].Start; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// MinYear and MaxYear bound the years a resolved date may have: a year
// outside them ("3024") is a typo or not a date, and never reaches the output.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Resolve places x on the calendar. ref is the reference day (publication
// date), possibly unknown; future says whether the context points forward
// (a planned meeting), which decides the direction of weekdays and
// year-less dates.
func (x Expr) Resolve(ref parley.Date, future bool) Resolved {
	future = future || x.Future
	r := Resolved{Text: x.Text, Precision: parley.PrecisionNone, Basis: parley.BasisNone}
	switch x.Kind {
	case FullDate:
		if x.Year < MinYear || x.Year > MaxYear {
			return r
		}
		d, ok := parley.NewDate(x.Year, x.Month, x.Day)
		if !ok {
			return r
		}
		r.Date, r.Precision, r.Basis = d, parley.PrecisionDay, parley.BasisExplicit
		if x.EndDay != 0 {
			r.DateEnd, _ = parley.NewDate(x.Year, x.Month, x.EndDay)
		}
	case MonthDay:
		if _, ok := parley.NewDate(2000, x.Month, x.Day); !ok { // 2000 is a leap year: Feb 29 exists
			return r
		}
		if !ref.Valid() {
			return r
		}
		y, _, _ := ref.Time().Date()
		d := nearest(ref, future, func(dy int) (parley.Date, bool) { return parley.NewDate(y+dy, x.Month, x.Day) })
		if !d.Valid() {
			return r
		}
		r.Date, r.Precision, r.Basis = d, parley.PrecisionDay, parley.BasisRelative
		if x.EndDay != 0 {
			r.DateEnd, _ = parley.NewDate(d.Time().Year(), x.Month, x.EndDay)
		}
	case MonthYear:
		if x.Year < MinYear || x.Year > MaxYear {
			return r
		}
		r.Date, _ = parley.NewDate(x.Year, x.Month, 1)
		r.Precision, r.Basis = parley.PrecisionMonth, parley.BasisExplicit
		return r
	case MonthOnly:
		if !ref.Valid() {
			return r
		}
		y, _, _ := ref.Time().Date()
		d := nearest(ref, future, func(dy int) (parley.Date, bool) { return parley.NewDate(y+dy, x.Month, 1) })
		if !d.Valid() {
			return r
		}
		// Within the reference month, the first of the month lies before the reference either way.
		r.Date, r.Precision, r.Basis = d, parley.PrecisionMonth, parley.BasisRelative
		return r
	case YearOnly:
		if x.Year < MinYear || x.Year > MaxYear {
			return r
		}
		r.Date, _ = parley.NewDate(x.Year, 1, 1)
		r.Precision, r.Basis = parley.PrecisionYear, parley.BasisExplicit
		return r
	case Weekday:
		r.Weekday = x.Weekday.String()
		r.Precision = parley.PrecisionWeekday
		if !ref.Valid() {
			return r
		}
		delta := int(x.Weekday) - int(ref.Weekday())
		if future {
			if delta < 0 || delta == 0 && x.Future {
				delta += 7 // "next Wednesday", said on a Wednesday, is a week away
			}
		} else if delta > 0 {
			delta -= 7
		}
		r.Date, r.Precision, r.Basis = ref.AddDays(delta), parley.PrecisionDay, parley.BasisRelative
	case RelativeDay:
		if !ref.Valid() {
			return r
		}
		r.Date, r.Precision, r.Basis = ref.AddDays(x.Offset), parley.PrecisionDay, parley.BasisRelative
	case DayOnly:
		if !ref.Valid() {
			return r
		}
		y, m, d := ref.Time().Date()
		switch {
		case !future && x.Day > d:
			m-- // "on the 28th", told on the 3rd: last month
		case future && x.Day < d:
			m++
		}
		t := time.Date(y, m, x.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != x.Day {
			return r // the 31st of a 30-day month
		}
		r.Date, r.Precision, r.Basis = parley.DateOf(t), parley.PrecisionDay, parley.BasisRelative
	case RelativeMonth:
		if !ref.Valid() {
			return r
		}
		y, m, _ := ref.Time().Date()
		r.Date = parley.DateOf(time.Date(y, m+time.Month(x.Offset), 1, 0, 0, 0, 0, time.UTC)) // time.Date carries the year
		r.Precision, r.Basis = parley.PrecisionMonth, parley.BasisRelative
		return r
	}
	if r.Date.Valid() {
		r.Weekday = r.Date.Weekday().String()
	}
	return r
}

// nearest picks among the candidate years around the reference the date
// closest to it on the side the context points to.
func nearest(ref parley.Date, future bool, at func(dy int) (parley.Date, bool)) parley.Date {
	var best parley.Date
	for _, dy := range []int{-1, 0, 1} {
		d, ok := at(dy)
		if !ok {
			continue
		}
		diff := d.Days() - ref.Days()
		if future && diff < 0 || !future && diff > 0 {
			continue
		}
		if !best.Valid() || abs(diff) < abs(best.Days()-ref.Days()) {
			best = d
		}
	}
	return best
}

func abs(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

package eval

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteText writes a readable summary: the scores, then each article with a
// missed gold meeting, a false alarm or a matched meeting with a wrong field.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d labelled articles, %d gold meetings, %d predicted meetings\n",
		len(r.Articles), r.Meetings.TP+r.Meetings.FN, r.Meetings.TP+r.Meetings.FP)
	var missing []string
	for _, a := range r.Articles {
		if a.NotInDataset {
			missing = append(missing, a.DocID)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(&b, "not in the dataset: %d (%s)\n", len(missing), joinShort(missing, 5))
	}

	fmt.Fprintf(&b, "\n%-14s %6s %6s %6s %9s %6s %6s\n", "", "TP", "FP", "FN", "precision", "recall", "F1")
	for _, row := range []struct {
		name string
		s    PRF
	}{{"meetings", r.Meetings}, {"participants", r.Participants}, {"dedup pairs", r.Pairwise}} {
		fmt.Fprintf(&b, "%-14s %6d %6d %6d %9.3f %6.3f %6.3f\n",
			row.name, row.s.TP, row.s.FP, row.s.FN, row.s.Precision, row.s.Recall, row.s.F1)
	}

	fmt.Fprintf(&b, "\n%-14s %7s %6s %9s\n", "", "correct", "total", "accuracy")
	for _, row := range []struct {
		name string
		a    Accuracy
	}{
		{"date", r.DateAccuracy}, {"weekday only", r.WeekdayAccuracy}, {"place", r.PlaceAccuracy},
		{"status", r.StatusAccuracy}, {"mode", r.ModeAccuracy}, {"kind", r.KindAccuracy},
	} {
		fmt.Fprintf(&b, "%-14s %7d %6d %9s\n", row.name, row.a.Correct, row.a.Total, formatAccuracy(row.a))
	}

	for _, a := range r.Articles {
		wrong := slices.ContainsFunc(a.Matches, func(m Match) bool { return len(m.Disagree) > 0 })
		if len(a.Misses) == 0 && len(a.FalseAlarms) == 0 && !wrong {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", a.DocID)
		for _, m := range a.Misses {
			fmt.Fprintf(&b, "  miss         %s  %s\n", m.GID, quote(m.Evidence))
		}
		for _, f := range a.FalseAlarms {
			fmt.Fprintf(&b, "  false alarm  %s  %s\n", f.MeetingID, quote(f.Sentence))
		}
		for _, m := range a.Matches {
			if len(m.Disagree) > 0 {
				fmt.Fprintf(&b, "  wrong field  %s  %s: %s\n", m.GID, m.MeetingID, strings.Join(m.Disagree, "; "))
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func formatAccuracy(a Accuracy) string {
	if a.Total == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", a.Value)
}

// maxQuoted is how many characters of a sentence a text report shows; the
// JSON report has them all.
const maxQuoted = 140

// quote quotes a sentence on one line, shortened to maxQuoted characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		s = string([]rune(s)[:maxQuoted-1]) + "…"
	}
	return strconv.Quote(s)
}

// joinShort joins up to n items with commas and says how many more there are.
func joinShort(items []string, n int) string {
	var b bytes.Buffer
	for i, s := range items {
		if i == n {
			fmt.Fprintf(&b, ", and %d more", len(items)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// WriteText writes a readable summary of each scored set, with its false
// alarms and misses.
func (r *CorpusReport) WriteText(w io.Writer) error {
	var b bytes.Buffer
	// section starts a block of the report, a blank line after the last.
	section := func(format string, args ...any) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, format, args...)
	}
	if s := r.WikiEvents; s != nil {
		section("wikievents: documents with no meeting-like event %d, with a false alarm %d; false alarms %d\n",
			s.Documents, s.DocumentsWithAlarms, len(s.FalseAlarms))
		writeAlarms(&b, s.FalseAlarms)
	}
	for _, set := range []struct {
		name string
		s    *SentenceDetection
	}{{"plover_gsr", r.PloverGSR}, {"geneva", r.Geneva}} {
		s := set.s
		if s == nil {
			continue
		}
		section("%s: documents %d; predicted sentences %d, correct %d; gold sentences %d, detected %d; precision %.3f recall %.3f F1 %.3f\n",
			set.name, s.Documents, s.Predicted, s.Correct, s.Gold, s.Detected, s.Precision, s.Recall, s.F1)
		writeAlarms(&b, s.FalseAlarms)
		writeMisses(&b, s.Misses)
	}
	if s := r.RAMS; s != nil {
		section("rams: documents %d; events %d, in a document with a predicted meeting %d; participants %d, found %d; recall %.3f\n",
			s.Documents, s.Events, s.EventsDetected, s.Participants, s.Found, s.Recall)
		writeMisses(&b, s.Misses)
	}
	for i, s := range r.Skipped {
		if i == 0 {
			section("skipped: %s\n", s)
		} else {
			fmt.Fprintf(&b, "skipped: %s\n", s)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeAlarms(b *bytes.Buffer, alarms []CorpusAlarm) {
	for _, a := range alarms {
		fmt.Fprintf(b, "  false alarm  %s  %s  %s\n", a.DocID, a.MeetingID, quote(a.Sentence))
	}
}

func writeMisses(b *bytes.Buffer, misses []CorpusMiss) {
	for _, m := range misses {
		fmt.Fprintf(b, "  miss         %s  %s\n", m.DocID, quote(m.Text))
	}
}

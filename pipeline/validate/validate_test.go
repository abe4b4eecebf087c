package validate

import (
	"strings"
	"testing"

	"github.com/parleydata/parley"
)

func TestCheck(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	place := "Tehran"
	good := parley.Meeting{
		MeetingID: "mtg_0123456789abcdef", DatePrecision: "weekday", DateBasis: "none", Place: &place,
		Status: "held", Mode: "in_person", Kind: "bilateral", Topics: []string{}, Conflicts: []string{},
		ParticipantCount: 2, ArticleCount: 1, SourceCount: 1, MentionCount: 1, Confidence: 0.8,
	}
	tests := []struct {
		name     string
		edit     func(m *parley.Meeting)
		wantRule string // "" for a valid record
		wantText string
	}{
		{"valid", func(*parley.Meeting) {}, "", ""},
		{"status outside the enum", func(m *parley.Meeting) { m.Status = "rumoured" }, "meetings:enum", "/status"},
		{"one participant", func(m *parley.Meeting) { m.ParticipantCount = 1 }, "meetings:minimum", "/participant_count"},
		{"bad id", func(m *parley.Meeting) { m.MeetingID = "m1" }, "meetings:pattern", "/meeting_id"},
		{"confidence above 1", func(m *parley.Meeting) { m.Confidence = 1.5 }, "meetings:maximum", "/confidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good
			tt.edit(&m)
			rej, err := c.Check("meetings", m, "in/x.txt", "x")
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantRule == "" {
				if rej != nil {
					t.Fatalf("valid record rejected: %+v", rej)
				}
				return
			}
			if rej == nil {
				t.Fatal("invalid record accepted")
			}
			if rej.Stage != parley.StageValidate || rej.Rule != tt.wantRule || !strings.Contains(rej.Message, tt.wantText) || rej.InputPath != "in/x.txt" || *rej.SourceID != "x" {
				t.Errorf("reject = %+v, want rule %s mentioning %s", rej, tt.wantRule, tt.wantText)
			}
		})
	}
}

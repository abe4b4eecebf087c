package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parleydata/parley/pipeline/write/writetest"
)

func TestStatistics(t *testing.T) {
	t.Parallel()
	d := writetest.Sample()
	d.Meetings[1].Date = d.Meetings[1].DateEnd // still 2017
	d.Dyads[1].Date = d.Meetings[1].Date
	d.Meetings[1].Country = nil
	dest := makeRelease(t, writeBuild(t, d), "2025.01.31", "")
	var s Statistics
	b, err := os.ReadFile(filepath.Join(dest, "statistics.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	counts := map[string][]Count{
		"year": {{"2017", 2}}, "country": {{"IRN", 1}, {"unknown", 1}},
		"status": {{"held", 1}, {"planned", 1}}, "mode": {{"in_person", 1}, {"video", 1}},
		"language": {{"en", 2}, {"und", 1}},
	}
	got := map[string][]Count{"year": s.Meetings.ByYear, "country": s.Meetings.ByCountry, "status": s.Meetings.ByStatus,
		"mode": s.Meetings.ByMode, "language": s.Coverage.Languages}
	for by, want := range counts {
		if !slices.Equal(got[by], want) {
			t.Errorf("by %s %v, want %v", by, got[by], want)
		}
	}
	fill := map[string]float64{}
	for _, ts := range s.Tables {
		for _, f := range ts.FillRate {
			if f.Rate != nil {
				fill[ts.Table+"."+f.Column] = *f.Rate
			}
		}
	}
	for col, want := range map[string]float64{
		"meetings.meeting_id": 1, "meetings.country": 0.5, "meetings.topics": 0.5, "meetings.conflicts": 0.5,
		"participants.role": 0.4, "articles.outlet": 0.3333, "actors.wikidata_id": 0.25,
	} {
		if fill[col] != want {
			t.Errorf("fill rate of %s = %v, want %v", col, fill[col], want)
		}
	}
	if s.Coverage.FirstMeeting == nil || *s.Coverage.FirstMeeting != "2017-02-12" || *s.Coverage.LastPublished != "2017-02-13" {
		t.Errorf("coverage %+v", s.Coverage)
	}
}

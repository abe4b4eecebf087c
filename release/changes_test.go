package release

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/write/writetest"
)

// TestChangesAgainstPreviousRelease releases the sample, then a version
// in which one meeting moved and was called off, one was merged into a
// new one and one actor was renamed.
func TestChangesAgainstPreviousRelease(t *testing.T) {
	const (
		tehran     = "mtg_00000000000000a1"
		washington = "mtg_00000000000000b2"
		merged     = "mtg_00000000000000c3"
		shamkhani  = "act_0000000000000002"
	)
	t.Parallel()
	_, prev := sampleRelease(t)

	d := writetest.Sample()
	d.Meetings[0].Place, d.Meetings[0].Status = ptr("Mashhad"), parley.StatusCancelled
	d.Dyads[0].Status = parley.StatusCancelled
	d.Meetings[1].MeetingID, d.Dyads[1].MeetingID = merged, merged
	for i := range d.Participants {
		if d.Participants[i].MeetingID == washington {
			d.Participants[i].MeetingID = merged
		}
	}
	for i := range d.Mentions {
		if d.Mentions[i].MeetingID == washington {
			d.Mentions[i].MeetingID = merged
		}
	}
	d.Redirects = append(d.Redirects, parley.Redirect{RetiredID: washington, TargetID: merged, Table: "meetings", Reason: "merge"})
	d.Actors[1].Name = "Ali Akbar Ahmadian"
	cur := makeRelease(t, writeBuild(t, d), "2025.02.28", prev)

	var c Changes
	b, err := os.ReadFile(filepath.Join(cur, "changes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.PreviousVersion == nil || *c.PreviousVersion != "2025.01.31" {
		t.Errorf("previous version %v, want 2025.01.31", c.PreviousVersion)
	}
	m := c.Meetings
	if !slices.Equal(m.Added, []string{merged}) || len(m.Removed) != 0 {
		t.Errorf("meetings added %v removed %v, want [%s] []", m.Added, m.Removed, merged)
	}
	wantMod := []Modification{{ID: tehran, Fields: []string{"place", "status"}}}
	if len(m.Modified) != 1 || m.Modified[0].ID != tehran || !slices.Equal(m.Modified[0].Fields, wantMod[0].Fields) {
		t.Errorf("meetings modified %+v, want %+v", m.Modified, wantMod)
	}
	if want := []parley.Redirect{{RetiredID: washington, TargetID: merged, Table: "meetings", Reason: "merge"}}; !slices.Equal(m.Redirected, want) {
		t.Errorf("meetings redirected %+v, want %+v", m.Redirected, want)
	}
	if want := []FieldCount{{"place", 1}, {"status", 1}}; !slices.Equal(m.ModifiedFields, want) {
		t.Errorf("modified fields %+v, want %+v", m.ModifiedFields, want)
	}
	a := c.Actors
	if len(a.Added)+len(a.Removed)+len(a.Redirected) != 0 || len(a.Modified) != 1 || a.Modified[0].ID != shamkhani ||
		!slices.Equal(a.Modified[0].Fields, []string{"name"}) {
		t.Errorf("actors %+v, want only %s modified in name", a, shamkhani)
	}
	if i := slices.IndexFunc(c.Rows, func(r RowCount) bool { return r.Table == "redirects" }); c.Rows[i] != (RowCount{"redirects", 1, 2}) {
		t.Errorf("redirects rows %+v, want 1 → 2", c.Rows[i])
	}

	md, err := os.ReadFile(filepath.Join(cur, "CHANGES.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Compared with release 2025.01.31", "1 added, 1 modified, 0 removed, 1 merged", tehran + " (place, status)", washington + " → " + merged + " (merge)"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("CHANGES.md lacks %q:\n%s", want, md)
		}
	}
	readme, err := os.ReadFile(filepath.Join(cur, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "Since release 2025.01.31: meetings 1 added, 1 modified, 0 removed, 1 merged") {
		t.Error("README.md does not summarise the changes")
	}
}

func TestFirstReleaseAddsEverything(t *testing.T) {
	t.Parallel()
	_, dest := sampleRelease(t)
	var c Changes
	b, err := os.ReadFile(filepath.Join(dest, "changes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.PreviousVersion != nil || len(c.Meetings.Added) != 2 || len(c.Actors.Added) != 4 || len(c.Meetings.Modified) != 0 {
		t.Errorf("first release changes: previous %v, %d meetings and %d actors added, want nil, 2, 4", c.PreviousVersion, len(c.Meetings.Added), len(c.Actors.Added))
	}
}

func TestPreviousMustBeOlder(t *testing.T) {
	t.Parallel()
	build, prev := sampleRelease(t)
	for _, version := range []string{"2025.01.31", "2025.01.30"} {
		err := Make(context.Background(), Options{Dataset: build, Version: version, Dest: filepath.Join(t.TempDir(), version), Previous: prev})
		if err == nil || !strings.Contains(err.Error(), "not older") {
			t.Errorf("release %s after 2025.01.31: %v, want an error", version, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

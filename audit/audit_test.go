package audit_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
)

// build writes a dataset with its manifest ("" for none) and audits it.
func build(t *testing.T, d *writetest.Dataset, manifest string, breakFiles func(dir string)) []audit.Check {
	t.Helper()
	dir := t.TempDir()
	if err := d.Write(dir, write.Options{RowGroupRows: 2}); err != nil {
		t.Fatal(err)
	}
	if manifest != "" {
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if breakFiles != nil {
		breakFiles(dir)
	}
	checks, err := audit.Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return checks
}

func sampleManifest(d *writetest.Dataset) string {
	return fmt.Sprintf(`{"units": %d, "articles": %d, "ingest_rejects": %d}`, d.Units(), len(d.Articles), d.Units()-len(d.Articles))
}

// notPassing returns the names of the checks that did not pass.
func notPassing(checks []audit.Check) []string {
	var names []string
	for _, c := range checks {
		if c.Status != audit.StatusPass {
			names = append(names, c.Name)
		}
	}
	return names
}

func TestSamplePasses(t *testing.T) {
	d := writetest.Sample()
	checks := build(t, d, sampleManifest(d), nil)
	if bad := notPassing(checks); len(bad) > 0 {
		for _, c := range checks {
			if c.Status != audit.StatusPass {
				t.Errorf("%s: %s %s %v", c.Name, c.Status, c.Observed, c.Failures)
			}
		}
	}
	// files, 8 × (schema, primary key, parity), 6 foreign keys, 5 counts,
	// 2 of dyads, spans, dates, rows, accounting.
	if want := 1 + 8*3 + 6 + 5 + 2 + 4; len(checks) != want {
		t.Errorf("%d checks, want %d", len(checks), want)
	}
	for _, c := range checks {
		if c.Observed == "" || c.Threshold == "" || c.Severity == "" {
			t.Errorf("%s: incomplete %+v", c.Name, c)
		}
	}
}

func TestBrokenDatasets(t *testing.T) {
	sample := writetest.Sample()
	tests := []struct {
		name        string
		breakData   func(d *writetest.Dataset)
		manifest    string // the sample's when ""
		breakFiles  func(t *testing.T, dir string)
		want        []string // checks that must fail, and no others
		wantFailure string   // a failure of want[0] contains this
	}{
		{
			name:        "value out of range",
			breakData:   func(d *writetest.Dataset) { d.Meetings[0].Confidence = 1.5 },
			want:        []string{"schema:meetings"},
			wantFailure: "row 1 (mtg_00000000000000a1): /confidence [maximum]",
		},
		{
			name: "columns of another table",
			breakFiles: func(t *testing.T, dir string) {
				copyFile(t, filepath.Join(dir, "parquet", "rejects.parquet"), filepath.Join(dir, "parquet", "redirects.parquet"))
			},
			want:        []string{"schema:redirects", "primary_key:redirects", "parity:redirects"},
			wantFailure: "file has: input_path VARCHAR",
		},
		{
			name:        "duplicate primary key",
			breakData:   func(d *writetest.Dataset) { d.Actors = append(d.Actors, d.Actors[3]) },
			want:        []string{"primary_key:actors"},
			wantFailure: "act_0000000000000004 appears 2 times",
		},
		{
			name: "dangling actor",
			breakData: func(d *writetest.Dataset) {
				p := d.Participants[4]
				p.ActorID = "act_0000000000000099"
				d.Participants = append(d.Participants, p)
				d.Meetings[1].ParticipantCount++
			},
			want:        []string{"foreign_key:participants.actor_id"},
			wantFailure: "mtg_00000000000000b2 / act_0000000000000099: act_0000000000000099 is not in actors.actor_id",
		},
		{
			name:        "dangling duplicate_of",
			breakData:   func(d *writetest.Dataset) { d.Articles[2].DuplicateOf = ptr("art_0000000000000009") },
			want:        []string{"foreign_key:articles.duplicate_of"},
			wantFailure: "art_0000000000000003: art_0000000000000009 is not in articles.article_id",
		},
		{
			name:        "participant count",
			breakData:   func(d *writetest.Dataset) { d.Meetings[1].ParticipantCount = 4 },
			want:        []string{"count:meetings.participant_count"},
			wantFailure: "mtg_00000000000000b2: participant_count is 4, counted 3",
		},
		{
			name:        "article count",
			breakData:   func(d *writetest.Dataset) { d.Meetings[0].ArticleCount = 1 },
			want:        []string{"count:meetings.article_count"},
			wantFailure: "mtg_00000000000000a1: article_count is 1, counted 2",
		},
		{
			name:      "mention count",
			breakData: func(d *writetest.Dataset) { d.Meetings[0].MentionCount = 3 },
			want:      []string{"count:meetings.mention_count"},
		},
		{
			name:        "actor meeting count",
			breakData:   func(d *writetest.Dataset) { d.Actors[0].MeetingCount = 1 },
			want:        []string{"count:actors.meeting_count"},
			wantFailure: "act_0000000000000001: meeting_count is 1, counted 2",
		},
		{
			name:      "article meeting count",
			breakData: func(d *writetest.Dataset) { d.Articles[2].MeetingCount = 1 },
			want:      []string{"count:articles.meeting_count"},
		},
		{
			name:        "dyad missing",
			breakData:   func(d *writetest.Dataset) { d.Dyads = d.Dyads[:1] },
			want:        []string{"pairs:dyads"},
			wantFailure: "mtg_00000000000000b2 / KAZ / RUS: its participants have these countries, dyads not",
		},
		{
			name: "dyad of a country that was not there",
			breakData: func(d *writetest.Dataset) {
				d.Dyads = append(d.Dyads, d.Dyads[0])
				d.Dyads[2].CountryA = "USA"
			},
			want:        []string{"pairs:dyads"},
			wantFailure: "mtg_00000000000000a1 / USA / RUS: not an ordered pair of countries of its participants",
		},
		{
			name: "dyad countries out of order",
			breakData: func(d *writetest.Dataset) {
				d.Dyads[0].CountryA, d.Dyads[0].CountryB = d.Dyads[0].CountryB, d.Dyads[0].CountryA
			},
			want:        []string{"pairs:dyads"},
			wantFailure: "mtg_00000000000000a1 / RUS / IRN: not an ordered pair",
		},
		{
			name:        "dyad repeated",
			breakData:   func(d *writetest.Dataset) { d.Dyads = append(d.Dyads, d.Dyads[1]) },
			want:        []string{"primary_key:dyads"},
			wantFailure: "mtg_00000000000000b2 / KAZ / RUS appears 2 times",
		},
		{
			name: "dyad unlike its meeting",
			breakData: func(d *writetest.Dataset) {
				d.Dyads[1].Status, d.Dyads[1].Kind = parley.StatusHeld, parley.KindBilateral
			},
			want:        []string{"meetings:dyads"},
			wantFailure: "mtg_00000000000000b2 / KAZ / RUS: status, kind not as in the meeting",
		},
		{
			name:        "dyad of another year",
			breakData:   func(d *writetest.Dataset) { d.Dyads[0].Year = ptr(int64(2016)) },
			want:        []string{"meetings:dyads"},
			wantFailure: "mtg_00000000000000a1 / IRN / RUS: year not as in the meeting",
		},
		{
			name:        "span shorter than its sentence",
			breakData:   func(d *writetest.Dataset) { d.Mentions[1].End-- },
			want:        []string{"spans:mentions"},
			wantFailure: "men_0000000000000002: start 120, end 214, sentence of 95 code points",
		},
		{
			name:      "span backwards",
			breakData: func(d *writetest.Dataset) { d.Mentions[0].Start, d.Mentions[0].End = 90, 1 },
			want:      []string{"spans:mentions"},
		},
		{
			name: "held after publication",
			breakData: func(d *writetest.Dataset) {
				d.Meetings[0].Date = d.Meetings[0].Date.AddDays(3)
				d.Dyads[0].Date = d.Meetings[0].Date
			},
			want:        []string{"dates:meetings"},
			wantFailure: "mtg_00000000000000a1: held on 2017-02-15, latest article published 2017-02-13",
		},
		{
			name: "held range ending after publication",
			breakData: func(d *writetest.Dataset) {
				d.Meetings[0].DateEnd = d.Meetings[0].Date.AddDays(5)
			},
			want: []string{"dates:meetings"},
		},
		{
			name: "CSV cell edited",
			breakFiles: func(t *testing.T, dir string) {
				replaceInFile(t, filepath.Join(dir, "csv", "meetings.csv"), "Tehran", "Teheran")
			},
			want:        []string{"parity:meetings"},
			wantFailure: `row 1 (mtg_00000000000000a1): place is "Teheran" in CSV, "Tehran" in Parquet`,
		},
		{
			name: "CSV formula not escaped",
			breakFiles: func(t *testing.T, dir string) {
				replaceInFile(t, filepath.Join(dir, "csv", "rejects.csv"), "'-37%", "-37%")
			},
			want: []string{"parity:rejects"},
		},
		{
			name: "CSV row missing",
			breakFiles: func(t *testing.T, dir string) {
				path := filepath.Join(dir, "csv", "participants.csv")
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.SplitAfter(string(b), "\n")
				writeFile(t, path, strings.Join(lines[:len(lines)-2], ""))
			},
			want:        []string{"parity:participants"},
			wantFailure: "CSV has 4 rows, Parquet 5 rows",
		},
		{
			name: "CSV file missing",
			breakFiles: func(t *testing.T, dir string) {
				removeFile(t, filepath.Join(dir, "csv", "redirects.csv"))
			},
			want:        []string{"files", "parity:redirects"},
			wantFailure: "csv/redirects.csv is missing",
		},
		{
			name: "Parquet file missing",
			breakFiles: func(t *testing.T, dir string) {
				removeFile(t, filepath.Join(dir, "parquet", "actors.parquet"))
			},
			want: []string{"files", "foreign_key:participants.actor_id"},
		},
		{
			name:        "units not accounted for",
			manifest:    fmt.Sprintf(`{"units": %d, "articles": %d}`, sample.Units()+1, len(sample.Articles)),
			want:        []string{"accounting"},
			wantFailure: "1 input units are not accounted for",
		},
		{
			name:        "manifest articles differ",
			manifest:    fmt.Sprintf(`{"units": %d, "articles": %d}`, sample.Units(), len(sample.Articles)+1),
			want:        []string{"accounting"},
			wantFailure: "manifest says 4 articles, articles has 3 rows",
		},
		{
			name:        "manifest ingest rejects differ",
			manifest:    fmt.Sprintf(`{"units": %d, "ingest_rejects": 1}`, sample.Units()),
			want:        []string{"accounting"},
			wantFailure: "manifest says 1 ingest rejects, rejects has 2",
		},
		{
			name:        "extract reject is not a unit",
			breakData:   func(d *writetest.Dataset) { d.Rejects[1].Stage = parley.StageExtract },
			manifest:    fmt.Sprintf(`{"units": %d}`, sample.Units()),
			want:        []string{"accounting"},
			wantFailure: "1 input units are not accounted for",
		},
		{
			name:     "manifest without units",
			manifest: `{"articles": 3}`,
			want:     []string{"accounting"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := writetest.Sample()
			if tt.breakData != nil {
				tt.breakData(d)
			}
			manifest := tt.manifest
			if manifest == "" {
				manifest = sampleManifest(d)
			}
			var breakFiles func(string)
			if tt.breakFiles != nil {
				breakFiles = func(dir string) { tt.breakFiles(t, dir) }
			}
			checks := build(t, d, manifest, breakFiles)
			got := notPassing(checks)
			if !slices.Equal(got, tt.want) {
				t.Errorf("not passing: %v, want %v", got, tt.want)
				for _, c := range checks {
					if c.Status != audit.StatusPass {
						t.Logf("%s: %s %v", c.Name, c.Observed, c.Failures)
					}
				}
			}
			for _, c := range checks {
				if c.Name == tt.want[0] {
					if c.Status != audit.StatusFail || len(c.Failures) == 0 && !strings.HasPrefix(c.Observed, "could not run") {
						t.Errorf("%s: status %s, failures %v", c.Name, c.Status, c.Failures)
					}
					if tt.wantFailure != "" && !slices.ContainsFunc(c.Failures, func(f string) bool { return strings.Contains(f, tt.wantFailure) }) {
						t.Errorf("%s failures %q, want one containing %q", c.Name, c.Failures, tt.wantFailure)
					}
				}
			}
		})
	}
}

func TestEmptyDatasetWarns(t *testing.T) {
	checks := build(t, &writetest.Dataset{}, `{"units": 0}`, nil)
	for _, c := range checks {
		want := audit.StatusPass
		if c.Name == "rows:meetings" {
			want = audit.StatusWarn
		}
		if c.Status != want {
			t.Errorf("%s: %s (%s), want %s", c.Name, c.Status, c.Observed, want)
		}
	}
}

func TestFailuresAreCapped(t *testing.T) {
	d := writetest.Sample()
	for range 30 {
		d.Redirects = append(d.Redirects, d.Redirects[0])
	}
	d.Redirects = append(d.Redirects, parley.Redirect{})
	checks := build(t, d, "", nil)
	for _, c := range checks {
		if c.Name == "schema:redirects" {
			if c.Status != audit.StatusFail || c.Observed != "32 rows, 1 invalid" {
				t.Errorf("schema:redirects: %s %s", c.Status, c.Observed)
			}
		}
		if c.Name == "primary_key:redirects" && c.Observed != "1 failing row" {
			t.Errorf("primary_key:redirects observed %q", c.Observed)
		}
		if len(c.Failures) > audit.MaxFailures {
			t.Errorf("%s lists %d failures", c.Name, len(c.Failures))
		}
	}
}

func TestRunMissingDir(t *testing.T) {
	if _, err := audit.Run(context.Background(), filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Run on a missing directory succeeded")
	}
}

func ptr[T any](v T) *T { return &v }

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(b))
}

func replaceInFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	writeFile(t, path, strings.Replace(string(b), old, new, 1))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func removeFile(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

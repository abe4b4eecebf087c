package release

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/write/writetest"
	"github.com/parleydata/parley/schemas"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		version string
		want    string // YYYY-MM-DD, "" for an error
	}{
		{"2025.03.31", "2025-03-31"},
		{"2024.02.29", "2024-02-29"},
		{"2025.02.29", ""}, // not a leap year
		{"2025.13.01", ""},
		{"2025.3.31", ""},
		{"2025-03-31", ""},
		{"2025.03.31.1", ""},
		{"v2025.03.31", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ParseVersion(tt.version)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseVersion(%q) = %s, want an error", tt.version, got.Format(time.DateOnly))
		case tt.want != "" && err != nil:
			t.Errorf("ParseVersion(%q): %v", tt.version, err)
		case tt.want != "" && got.Format(time.DateOnly) != tt.want:
			t.Errorf("ParseVersion(%q) = %s, want %s", tt.version, got.Format(time.DateOnly), tt.want)
		}
	}
}

// wantFiles are the files of every release besides the tables.
var wantFiles = []string{
	"CHANGES.md", "CITATION.cff", "README.md", "SHA256SUMS", "changes.json", "datapackage.json",
	"manifest.json", "parley-2025.01.31.tar.gz", "parley-2025.01.31.tar.gz.sha256", "report.html",
	"statistics.json", "summary.json", "validation.json",
}

func TestMakeWritesEveryFile(t *testing.T) {
	t.Parallel()
	_, dest := sampleRelease(t)
	var got []string
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	want := slices.Clone(wantFiles)
	for _, table := range schemas.Tables {
		want = append(want, "parquet/"+table+".parquet", "csv/"+table+".csv")
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("release files\n%v\nwant\n%v", got, want)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*")); len(leftovers) > 0 {
		t.Errorf("staging left behind: %v", leftovers)
	}

	if err := Verify(dest); err != nil {
		t.Errorf("Verify: %v", err)
	}
	if sha256sum, err := exec.LookPath("sha256sum"); err == nil {
		for _, sums := range []string{SumsFile, ArchiveName("2025.01.31") + ".sha256"} {
			cmd := exec.Command(sha256sum, "--check", "--strict", sums)
			cmd.Dir = dest
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("sha256sum -c %s: %v\n%s", sums, err, out)
			}
		}
	}

	// The archive holds every file but itself under parley-<version>/.
	entries := archiveEntries(t, filepath.Join(dest, ArchiveName("2025.01.31")))
	var inArchive []string
	for _, e := range entries {
		if e.Uid != 0 || e.Gid != 0 || e.Uname != "" || !e.ModTime.Equal(time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: owner %d:%d %q, time %s; want 0:0, 2025-01-31", e.Name, e.Uid, e.Gid, e.Uname, e.ModTime)
		}
		if e.Typeflag == tar.TypeReg {
			inArchive = append(inArchive, strings.TrimPrefix(e.Name, "parley-2025.01.31/"))
		}
	}
	wantArchived := slices.DeleteFunc(slices.Clone(want), isArchive)
	if !slices.Equal(inArchive, wantArchived) {
		t.Errorf("archive holds\n%v\nwant\n%v", inArchive, wantArchived)
	}
}

func archiveEntries(t *testing.T, path string) []*tar.Header {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("gzip header has name %q and time %s, want neither", zr.Name, zr.ModTime)
	}
	tr := tar.NewReader(zr)
	var out []*tar.Header
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
	}
}

// TestMakeIsDeterministic releases one build twice, into different
// folders at different times: every byte is the same, archive included.
func TestMakeIsDeterministic(t *testing.T) {
	t.Parallel()
	build, first := sampleRelease(t)
	time.Sleep(1100 * time.Millisecond) // a clock time anywhere would now differ
	second := makeRelease(t, build, "2025.01.31", "")
	for _, name := range []string{SumsFile, ArchiveName("2025.01.31")} {
		a, err := os.ReadFile(filepath.Join(first, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(second, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two releases of the same build", name)
		}
	}
}

func TestMakeReplacesAnEarlierReleaseOfTheVersion(t *testing.T) {
	t.Parallel()
	build, shared := sampleRelease(t)
	dest := copyOf(t, shared)
	stale := filepath.Join(dest, "stale.txt")
	if err := os.WriteFile(stale, []byte("from an earlier attempt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Make(context.Background(), Options{Dataset: build, Version: "2025.01.31", Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the replaced release survived: %v", err)
	}
	if err := Verify(dest); err != nil {
		t.Error(err)
	}
}

// TestMakeStopsOnErrorLevelFailure breaks the key of a table: the audit
// fails at error level, Make says which check failed, and the release
// already in place stays as it was.
func TestMakeStopsOnErrorLevelFailure(t *testing.T) {
	t.Parallel()
	_, shared := sampleRelease(t)
	dest := copyOf(t, shared)
	before, err := os.ReadFile(filepath.Join(dest, SumsFile))
	if err != nil {
		t.Fatal(err)
	}

	d := writetest.Sample()
	d.Participants[1].MeetingID = "mtg_0000000000000bad" // a dangling foreign key
	err = Make(context.Background(), Options{Dataset: writeBuild(t, d), Version: "2025.01.31", Dest: dest})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Make = %v, want a *ValidationError", err)
	}
	var names []string
	for _, c := range ve.Failed {
		names = append(names, c.Name)
		if c.Status != audit.StatusFail || c.Severity != audit.SeverityError || len(c.Failures) == 0 {
			t.Errorf("failed check %+v: want status fail, severity error and the failing rows", c)
		}
	}
	if !slices.Contains(names, "foreign_key:participants.meeting_id") {
		t.Errorf("failed checks %v, want foreign_key:participants.meeting_id", names)
	}
	if !strings.Contains(err.Error(), "mtg_0000000000000bad") {
		t.Errorf("error does not name the failing row:\n%v", err)
	}
	after, err := os.ReadFile(filepath.Join(dest, SumsFile))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the earlier release changed (%v)", err)
	}
}

func TestMakeRejectsBadOptions(t *testing.T) {
	t.Parallel()
	build, _ := sampleRelease(t)
	dest := filepath.Join(t.TempDir(), "release")
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"bad version", Options{Dataset: build, Version: "2025.02.30", Dest: dest}, "YYYY.MM.DD"},
		{"no dataset", Options{Version: "2025.01.31", Dest: dest}, "required"},
		{"not a build", Options{Dataset: t.TempDir(), Version: "2025.01.31", Dest: dest}, "not a finished build"},
		{"no previous tables", Options{Dataset: build, Version: "2025.01.31", Dest: dest, Previous: t.TempDir()}, "no parquet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Make(context.Background(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Make = %v, want an error saying %q", err, tt.want)
			}
			if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a failed release left %s", dest)
			}
		})
	}
}

// TestTablesKeepEveryValue reads the build and the release back with
// DuckDB: the same rows, and each table in its release order.
func TestTablesKeepEveryValue(t *testing.T) {
	t.Parallel()
	build, dest := sampleRelease(t)
	db, err := duckdb.Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, table := range schemas.Tables {
		old := duckdb.Literal(duckdb.ParquetPath(build, table))
		var differ int64
		q := "SELECT count(*) FROM ((SELECT * FROM " + duckdb.Ident(table) + " EXCEPT ALL SELECT * FROM read_parquet(" + old + "))" +
			" UNION ALL (SELECT * FROM read_parquet(" + old + ") EXCEPT ALL SELECT * FROM " + duckdb.Ident(table) + "))"
		if err := db.SQL().QueryRowContext(ctx, q).Scan(&differ); err != nil {
			t.Fatal(err)
		}
		if differ != 0 {
			t.Errorf("%s: %d rows differ between the build and the release", table, differ)
		}
	}
	res, err := db.Query(ctx, "SELECT meeting_id FROM meetings")
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, row := range res.Rows {
		order = append(order, row[0].(string))
	}
	if want := []string{"mtg_00000000000000a1", "mtg_00000000000000b2"}; !slices.Equal(order, want) {
		t.Errorf("meetings in order %v, want by date %v", order, want)
	}
	meta, err := db.Query(ctx, "SELECT decode(value) FROM parquet_kv_metadata("+duckdb.Literal(duckdb.ParquetPath(dest, "meetings"))+") WHERE decode(key) = '"+MetaReleaseVersion+"'")
	if err != nil || len(meta.Rows) != 1 || meta.Rows[0][0] != "2025.01.31" {
		t.Errorf("%s in meetings.parquet: %v %v, want 2025.01.31", MetaReleaseVersion, meta, err)
	}
}

// TestMakeWithoutMeetings releases a build whose articles report no
// meeting: a warning, not an error, and every file is still written.
func TestMakeWithoutMeetings(t *testing.T) {
	t.Parallel()
	d := writetest.Sample()
	d.Meetings, d.Participants, d.Dyads, d.Actors, d.Mentions, d.Redirects = nil, nil, nil, nil, nil, nil
	for i := range d.Articles {
		d.Articles[i].Status, d.Articles[i].MeetingCount = "no_meetings", 0
	}
	dest := makeRelease(t, writeBuild(t, d), "2025.01.31", "")
	if c := checkNamed(t, readValidation(t, dest).Checks, "rows:meetings"); c.Status != audit.StatusWarn {
		t.Errorf("rows:meetings %+v, want a warning", c)
	}
	page, err := os.ReadFile(filepath.Join(dest, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("No dated meetings")) {
		t.Error("report.html does not say that there are no meetings")
	}
	if err := Verify(dest); err != nil {
		t.Error(err)
	}
}

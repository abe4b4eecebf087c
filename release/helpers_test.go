package release

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parleydata/parley/pipeline"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/pipeline/write/writetest"
)

// writeBuild writes d as a finished build: its tables, manifest.json and
// summary.json, the way pipeline.Build leaves them.
func writeBuild(t *testing.T, d *writetest.Dataset) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeDataset(dir, d); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeDataset(dir string, d *writetest.Dataset) error {
	if err := d.Write(dir, write.Options{Metadata: map[string]string{"parley.dataset_version": pipeline.DatasetVersion}}); err != nil {
		return err
	}
	units := int64(d.Units())
	err := writeJSONFile(filepath.Join(dir, "manifest.json"), pipeline.Manifest{
		Units: units, Articles: int64(len(d.Articles)), IngestRejects: units - int64(len(d.Articles)),
		Files: units, DatasetVersion: pipeline.DatasetVersion,
	})
	if err != nil {
		return err
	}
	return writeJSONFile(filepath.Join(dir, "summary.json"), pipeline.Summary{
		Files: units, Units: units, Articles: int64(len(d.Articles)), Meetings: int64(len(d.Meetings)),
		Mentions: int64(len(d.Mentions)), Participants: int64(len(d.Participants)), Actors: int64(len(d.Actors)),
		Rejects: int64(len(d.Rejects)),
	})
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// makeRelease releases the build in dataset as version and returns the
// release folder.
func makeRelease(t *testing.T, dataset, version, previous string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "release", version)
	err := Make(context.Background(), Options{Dataset: dataset, Version: version, Dest: dest, Previous: previous, Inputs: []string{"corpus/sample"}})
	if err != nil {
		t.Fatalf("Make: %v", err)
	}
	return dest
}

func readValidation(t *testing.T, dest string) validationReport {
	t.Helper()
	var r validationReport
	b, err := os.ReadFile(filepath.Join(dest, "validation.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

var shared struct {
	once           sync.Once
	dir            string // holds the build and the release
	build, release string
	err            error
}

// sampleRelease returns the release 2025.01.31 of the sample build, made
// once for the tests that only read it.
func sampleRelease(t *testing.T) (build, release string) {
	t.Helper()
	shared.once.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "parley-release-test-"); shared.err != nil {
			return
		}
		shared.build = filepath.Join(shared.dir, "build")
		if shared.err = writeDataset(shared.build, writetest.Sample()); shared.err != nil {
			return
		}
		shared.release = filepath.Join(shared.dir, "release", "2025.01.31")
		shared.err = Make(context.Background(), Options{Dataset: shared.build, Version: "2025.01.31", Dest: shared.release, Inputs: []string{"corpus/sample"}})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.build, shared.release
}

// copyOf returns a copy of the folder dir that a test may change.
func copyOf(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(dir))
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

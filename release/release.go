// Package release turns a finished build into a versioned release folder,
// out/release/<version>/, that can be published as it is:
//
//   - parquet/ and csv/ with every table, rewritten in a fixed sort order and
//     carrying the release version in the Parquet key/value metadata;
//   - manifest.json and summary.json from the build;
//   - datapackage.json, a Frictionless Data Package with a Table Schema per
//     resource generated from schemas/;
//   - README.md (the dataset card) and CITATION.cff;
//   - changes.json and CHANGES.md against an earlier release;
//   - statistics.json and validation.json;
//   - report.html, one self-contained page to open first;
//   - SHA256SUMS for every file above, and parley-<version>.tar.gz holding
//     all of them (with SHA256SUMS) under parley-<version>/, with its own
//     checksum in parley-<version>.tar.gz.sha256.
//
// Every file depends only on the build, the version and the previous
// release: two releases of the same build are byte-identical, archive
// included. A release whose error-level checks fail is not written.
package release

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parleydata/parley/audit"
	"github.com/parleydata/parley/duckdb"
)

// Options says what to release.
type Options struct {
	Dataset  string   // a finished build: parquet/, csv/ and manifest.json
	Version  string   // the release version, YYYY.MM.DD
	Dest     string   // the release folder, conventionally out/release/<version>; replaced when it exists
	Previous string   // an earlier release (or build) to list the changes against; none when ""
	Inputs   []string // what the dataset was built from, as given to build, named in the card and datapackage.json
}

// versionLayout is the time layout of a release version.
const versionLayout = "2006.01.02"

// ParseVersion checks that v is a release version, YYYY.MM.DD naming a real
// day, and returns that day at midnight UTC.
func ParseVersion(v string) (time.Time, error) {
	t, err := time.Parse(versionLayout, v)
	if err != nil || t.Format(versionLayout) != v {
		return time.Time{}, fmt.Errorf("release version %q: want YYYY.MM.DD naming a real day, e.g. 2025.03.31", v)
	}
	return t, nil
}

// ValidationError is what Make returns when error-level checks fail. Nothing
// is released then.
type ValidationError struct {
	Failed []audit.Check
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "release stopped: %d error-level %s failed", len(e.Failed), plural(len(e.Failed), "check"))
	for _, c := range e.Failed {
		fmt.Fprintf(&b, "\n  %s: %s (want %s)", c.Name, c.Observed, c.Threshold)
		for i, f := range c.Failures {
			if i == 3 {
				fmt.Fprintf(&b, "\n    ...")
				break
			}
			fmt.Fprintf(&b, "\n    %s", f)
		}
	}
	return b.String()
}

// Make writes the release described by opts into opts.Dest. The folder is
// assembled beside Dest and moved into place only when every file is
// written, so a failed release leaves an earlier one of the same version
// untouched.
func Make(ctx context.Context, opts Options) error {
	released, err := ParseVersion(opts.Version)
	if err != nil {
		return err
	}
	if opts.Dataset == "" || opts.Dest == "" {
		return errors.New("release: the dataset and destination folders are required")
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(opts.Dest)), 0o755); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	staging, err := os.MkdirTemp(filepath.Dir(filepath.Clean(opts.Dest)), "."+filepath.Base(opts.Dest)+".staging-")
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	defer os.RemoveAll(staging)

	if err := assemble(ctx, opts, released, staging); err != nil {
		return err
	}
	return replace(staging, opts.Dest)
}

// assemble writes every file of the release into dir.
func assemble(ctx context.Context, opts Options, released time.Time, dir string) error {
	if err := copyTables(ctx, opts.Dataset, dir, opts.Version); err != nil {
		return err
	}
	for _, name := range []string{"manifest.json", "summary.json"} {
		if err := copyFile(filepath.Join(opts.Dataset, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("release: %w", err)
		}
	}

	db, err := duckdb.Open(dir)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	defer db.Close()
	var prev *previous
	if opts.Previous != "" {
		if prev, err = attachPrevious(ctx, db, opts.Previous, opts.Version); err != nil {
			return err
		}
	}

	checks, err := audit.Run(ctx, dir)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	checks = append(checks, layoutChecks(ctx, db, dir, opts.Version)...)
	checks = append(checks, evidenceChecks(ctx, db)...)
	checks = append(checks, rowCountChange(ctx, db, prev))
	var failed []audit.Check
	for _, c := range checks {
		if c.Failed() {
			failed = append(failed, c)
		}
	}
	if len(failed) > 0 {
		return &ValidationError{Failed: failed}
	}
	report := newValidationReport(opts.Version, checks)

	stats, err := computeStatistics(ctx, db, opts.Version)
	if err != nil {
		return err
	}
	changes, err := computeChanges(ctx, db, opts.Version, prev)
	if err != nil {
		return err
	}
	pkg, err := newDataPackage(dir, opts, released)
	if err != nil {
		return err
	}
	site, err := reportData(ctx, db)
	if err != nil {
		return err
	}
	card := cardData{Version: opts.Version, Released: released, Inputs: opts.Inputs, Package: pkg, Stats: stats, Changes: changes, Validation: report}

	writers := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"statistics.json", jsonWriter(stats)},
		{"changes.json", jsonWriter(changes)},
		{"CHANGES.md", changes.writeMarkdown},
		{"validation.json", jsonWriter(report)},
		{"datapackage.json", jsonWriter(pkg)},
		{"README.md", card.writeREADME},
		{"CITATION.cff", card.writeCitation},
		{"report.html", func(w io.Writer) error { return writeReport(w, card, site) }},
	}
	for _, f := range writers {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return fmt.Errorf("release: write %s: %w", f.name, err)
		}
	}
	if err := writeSums(dir); err != nil {
		return err
	}
	return writeArchive(dir, opts.Version, released)
}

func jsonWriter(v any) func(io.Writer) error {
	return func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFile(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// replace moves the finished staging folder to dest, replacing an earlier
// release of the same version.
func replace(staging, dest string) error {
	old := dest + ".old"
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("release: %w", err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	if err := os.Rename(staging, dest); err != nil {
		os.Rename(old, dest)
		return fmt.Errorf("release: %w", err)
	}
	return os.RemoveAll(old)
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

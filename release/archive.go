package release

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// SumsFile lists the SHA-256 of every file of a release in the format of
// sha256sum, so that `sha256sum -c SHA256SUMS` checks them.
const SumsFile = "SHA256SUMS"

// ArchiveName is the name of the release archive.
func ArchiveName(version string) string { return "parley-" + version + ".tar.gz" }

// archiveSumSuffix names the file beside the archive that holds its
// checksum: SHA256SUMS is inside the archive, so it cannot list it.
const archiveSumSuffix = ".sha256"

// contentFiles returns the files of the release folder dir, slash-separated
// and sorted, other than SHA256SUMS and the archive with its checksum.
func contentFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == SumsFile || isArchive(rel) {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", rel)
		}
		files = append(files, rel)
		return nil
	})
	slices.Sort(files)
	return files, err
}

func isArchive(rel string) bool {
	return strings.HasPrefix(rel, "parley-") && (strings.HasSuffix(rel, ".tar.gz") || strings.HasSuffix(rel, ".tar.gz"+archiveSumSuffix))
}

// writeSums writes SHA256SUMS for every file of the release.
func writeSums(dir string) error {
	files, err := contentFiles(dir)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	err = writeFile(filepath.Join(dir, SumsFile), func(w io.Writer) error {
		for _, rel := range files {
			_, sum, err := fileDigest(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(w, "%s  %s\n", sum, rel); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release: %s: %w", SumsFile, err)
	}
	return nil
}

// Verify does what `sha256sum -c SHA256SUMS` does in the release folder
// dir, and more: every listed file must have its checksum, every file of
// the release must be listed, and the archive, when present, must match
// its own checksum file.
func Verify(dir string) error {
	f, err := os.Open(filepath.Join(dir, SumsFile))
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer f.Close()
	var problems []string
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		want, rel, ok := parseSumLine(sc.Text())
		if !ok {
			problems = append(problems, fmt.Sprintf("%s line %d is not \"<sha256>  <path>\" with a path inside the release", SumsFile, n))
			continue
		}
		listed[rel] = true
		if _, got, err := fileDigest(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			problems = append(problems, err.Error())
		} else if got != want {
			problems = append(problems, rel+": checksum differs")
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	files, err := contentFiles(dir)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	for _, rel := range files {
		if !listed[rel] {
			problems = append(problems, rel+": not in "+SumsFile)
		}
	}
	archives, err := filepath.Glob(filepath.Join(dir, "parley-*.tar.gz"+archiveSumSuffix))
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	for _, sumFile := range archives {
		b, err := os.ReadFile(sumFile)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		want, name, _ := strings.Cut(strings.TrimSpace(string(b)), "  ")
		if _, got, err := fileDigest(filepath.Join(dir, name)); err != nil {
			problems = append(problems, err.Error())
		} else if got != want {
			problems = append(problems, name+": checksum differs")
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("verify %s: %s", dir, strings.Join(problems, "; "))
	}
	return nil
}

// parseSumLine splits a line of SHA256SUMS into the hex digest and the
// slash-separated path, which must stay inside the release folder.
func parseSumLine(line string) (sum, rel string, ok bool) {
	sum, rel, ok = strings.Cut(line, "  ")
	if !ok || len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" {
		return "", "", false
	}
	if rel == "." || !fs.ValidPath(rel) || strings.Contains(rel, "\\") {
		return "", "", false
	}
	return sum, rel, true
}

// writeArchive packs every file of the release, SHA256SUMS included, into
// parley-<version>.tar.gz under the folder parley-<version>/, and writes
// the archive's checksum beside it. The bytes depend only on the files:
// entries are sorted, owned by 0:0, dated at midnight of the release day,
// and the gzip header carries no name and no time.
func writeArchive(dir, version string, released time.Time) error {
	files, err := contentFiles(dir)
	if err != nil {
		return fmt.Errorf("release: archive: %w", err)
	}
	files = append(files, SumsFile)
	name := ArchiveName(version)
	err = writeFile(filepath.Join(dir, name), func(w io.Writer) error {
		return packTarGz(w, dir, "parley-"+version, files, released)
	})
	if err != nil {
		return fmt.Errorf("release: archive: %w", err)
	}
	_, sum, err := fileDigest(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("release: archive: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, name+archiveSumSuffix), []byte(sum+"  "+name+"\n"), 0o644)
}

// packTarGz writes the files of dir (slash-separated paths) as a gzipped
// tar under the folder prefix, with the folders they need.
func packTarGz(w io.Writer, dir, prefix string, files []string, mtime time.Time) error {
	entries := []string{prefix + "/"}
	for _, rel := range files {
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			entries = append(entries, prefix+"/"+d+"/")
		}
		entries = append(entries, prefix+"/"+rel)
	}
	slices.Sort(entries)
	entries = slices.Compact(entries)

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	for _, name := range entries {
		hdr := &tar.Header{Name: name, ModTime: mtime, Format: tar.FormatPAX}
		if strings.HasSuffix(name, "/") {
			hdr.Typeflag, hdr.Mode = tar.TypeDir, 0o755
			if err := tw.WriteHeader(hdr); err != nil {
				return err
			}
			continue
		}
		if err := addFile(tw, hdr, filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, prefix+"/")))); err != nil {
			return err
		}
	}
	return errors.Join(tw.Close(), zw.Close())
}

func addFile(tw *tar.Writer, hdr *tar.Header, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	hdr.Typeflag, hdr.Mode, hdr.Size = tar.TypeReg, 0o644, info.Size()
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

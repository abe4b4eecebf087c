package release

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestVerifyFindsTampering changes a released folder in the ways a bad
// download or a careless edit would; Verify says what is wrong.
func TestVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	_, shared := sampleRelease(t)
	tests := []struct {
		name   string
		tamper func(dir string) error
		want   string
	}{
		{"changed file", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "csv", "meetings.csv"), []byte("meeting_id\n"), 0o644)
		}, "csv/meetings.csv: checksum differs"},
		{"missing file", func(dir string) error { return os.Remove(filepath.Join(dir, "README.md")) }, "README.md"},
		{"extra file", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
		}, "notes.txt: not in SHA256SUMS"},
		{"truncated archive", func(dir string) error {
			return os.Truncate(filepath.Join(dir, ArchiveName("2025.01.31")), 100)
		}, "parley-2025.01.31.tar.gz: checksum differs"},
		{"path outside", func(dir string) error {
			f, err := os.OpenFile(filepath.Join(dir, SumsFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteString(strings.Repeat("0", 64) + "  ../outside\n")
			return err
		}, "with a path inside the release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := copyOf(t, shared)
			if err := tt.tamper(dest); err != nil {
				t.Fatal(err)
			}
			err := Verify(dest)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Verify = %v, want an error naming %q", err, tt.want)
			}
		})
	}
}

func FuzzParseSumLine(f *testing.F) {
	for _, seed := range []string{
		strings.Repeat("ab", 32) + "  csv/meetings.csv",
		strings.Repeat("0", 64) + "  ../etc/passwd",
		strings.Repeat("0", 64) + " */abs",
		strings.Repeat("0", 64) + `  a\..\b`,
		"  ",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		sum, rel, ok := parseSumLine(line)
		if !ok {
			return
		}
		if len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" {
			t.Errorf("accepted digest %q", sum)
		}
		if path.IsAbs(rel) || slices.ContainsFunc(strings.Split(rel, "/"), func(elem string) bool { return elem == "" || elem == "." || elem == ".." }) || strings.Contains(rel, `\`) {
			t.Errorf("accepted path %q, which is not inside the folder", rel)
		}
		if got := sum + "  " + rel; got != line {
			t.Errorf("line %q parsed as %q", line, got)
		}
	})
}

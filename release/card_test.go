package release

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/schemas"
)

var codeBlock = regexp.MustCompile("(?s)```(sql|python)\n(.*?)```")

// TestREADMEExamplesRun runs the DuckDB examples of the dataset card from
// the release folder, as a user who downloaded it would; the pandas one
// too when Python has pandas and pyarrow.
func TestREADMEExamplesRun(t *testing.T) {
	_, dest := sampleRelease(t)
	readme, err := os.ReadFile(filepath.Join(dest, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dest)
	db, err := duckdb.Open(".")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ran := 0
	for _, block := range codeBlock.FindAllStringSubmatch(string(readme), -1) {
		switch block[1] {
		case "sql":
			for _, stmt := range strings.Split(block[2], ";") {
				if strings.TrimSpace(stripComments(stmt)) == "" {
					continue
				}
				res, err := db.Query(context.Background(), stmt)
				if err != nil {
					t.Errorf("README query fails: %v\n%s", err, stmt)
				} else if len(res.Rows) == 0 {
					t.Errorf("README query returns nothing on the sample:\n%s", stmt)
				}
				ran++
			}
		case "python":
			if exec.Command("python3", "-c", "import pandas, pyarrow").Run() != nil {
				t.Log("skipping the pandas example: python3 with pandas and pyarrow is not installed")
				continue
			}
			if out, err := exec.Command("python3", "-c", block[2]).CombinedOutput(); err != nil {
				t.Errorf("README pandas example fails: %v\n%s", err, out)
			}
		}
	}
	if ran < 5 {
		t.Errorf("ran %d README queries, want at least 5", ran)
	}
}

func stripComments(sql string) string {
	var lines []string
	for _, line := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// TestCardDocumentsTheRelease checks the dataset card and CITATION.cff
// for what a reader looks for: every column in the data dictionary, the
// licence, the version, and how to check and cite the files.
func TestCardDocumentsTheRelease(t *testing.T) {
	t.Parallel()
	_, dest := sampleRelease(t)
	readme, err := os.ReadFile(filepath.Join(dest, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	card := string(readme)
	want := []string{
		"# Parley 2025.01.31", "## Scope", "## How the records are made", "## Known limitations", "## Coverage",
		"## Data dictionary", "## Licence", "CC-BY-4.0", "## How to cite", "sha256sum -c SHA256SUMS",
		"Meetings dated from 2017-02-12 to 2017-03-01", "`evidence:reachable`", "This is the first release.",
	}
	for _, table := range schemas.Tables {
		want = append(want, "### "+table)
		for _, c := range schemas.MustLookup(table).Columns {
			want = append(want, "| `"+c.Name+"` | "+duckType(c.Type)+" | ")
		}
	}
	for _, w := range want {
		if !strings.Contains(card, w) {
			t.Errorf("README.md lacks %q", w)
		}
	}
	if strings.Contains(card, "<no value>") {
		t.Error("README.md has an unfilled template field")
	}
	cff, err := os.ReadFile(filepath.Join(dest, "CITATION.cff"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"cff-version: 1.2.0", "type: dataset", `version: "2025.01.31"`, "date-released: 2025-01-31", "license: CC-BY-4.0"} {
		if !strings.Contains(string(cff), w+"\n") {
			t.Errorf("CITATION.cff lacks %q:\n%s", w, cff)
		}
	}
}

func TestMarkdownCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a | b", `a \| b`},
		{"two\nlines  and\ttabs", "two lines and tabs"},
	}
	for _, tt := range tests {
		if got := markdownCell(tt.in); got != tt.want {
			t.Errorf("markdownCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sampleCorpus is the bundled sample corpus, relative to this package.
const sampleCorpus = "../corpus/sample"

// digest maps every file of a built dataset to its SHA-256.
func digest(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func build(t *testing.T, cfg Config) Summary {
	t.Helper()
	s, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOutputIndependentOfWorkersAndInputOrder(t *testing.T) {
	entries, err := os.ReadDir(sampleCorpus)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, filepath.Join(sampleCorpus, e.Name()))
	}
	shuffled := append([]string(nil), files...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })

	one := filepath.Join(t.TempDir(), "one")
	many := filepath.Join(t.TempDir(), "many")
	build(t, Config{Inputs: files, Out: one, Workers: 1})
	build(t, Config{Inputs: shuffled, Out: many, Workers: 8})
	a, b := digest(t, one), digest(t, many)
	if len(a) == 0 {
		t.Fatal("the build wrote no files")
	}
	for name, sum := range a {
		if b[name] != sum {
			t.Errorf("%s differs between --workers 1 and --workers 8 with shuffled inputs", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("the builds wrote %d and %d files", len(a), len(b))
	}
}

// writeFiles creates files under dir from a name -> content map.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestEveryInputUnitIsAnArticleOrAReject(t *testing.T) {
	in := t.TempDir()
	writeFiles(t, in, map[string]string{
		"good.txt":   "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Monday.",
		"empty.txt":  "",
		"binary.txt": "\x00\x01\x02\x00\x00\xff\xfe\x00\x00\x00",
		"notes.md":   "ignored: not an article format",
		"wire.jsonl": `{"id": "a1", "text": "Iran's foreign minister held talks with his Turkish counterpart in Ankara.", "published": "2023-01-10"}
not json
{"id": "a2"}
{"text": "no id"}
{"id": "a1", "text": "a duplicate id"}
{"id": "a3", "text": 42}
{"id": "a4", "text": "An article about the weather, with no meeting in it."}
`,
	})
	out := filepath.Join(t.TempDir(), "out")
	s := build(t, Config{Inputs: []string{in}, Out: out})
	articles := readCSV(t, filepath.Join(out, "csv", "articles.csv"))
	rejects := readCSV(t, filepath.Join(out, "csv", "rejects.csv"))
	ingestRejects := 0
	for _, r := range rejects {
		if r["stage"] == "ingest" {
			ingestRejects++
		}
		if r["rule"] == "" || r["message"] == "" {
			t.Errorf("reject without a reason: %v", r)
		}
	}
	// 3 articles read (good.txt, a1, a4); 7 units rejected: empty, binary and five bad lines.
	if len(articles) != 3 || ingestRejects != 7 {
		t.Errorf("articles = %d, ingest rejects = %d; want 3 and 7\nrejects: %v", len(articles), ingestRejects, rejects)
	}
	var m Manifest
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Units != int64(len(articles)+ingestRejects) || s.Units != m.Units {
		t.Errorf("manifest units = %d, summary units = %d, want %d", m.Units, s.Units, len(articles)+ingestRejects)
	}
	if s.Ignored != 1 {
		t.Errorf("ignored files = %d, want 1 (notes.md)", s.Ignored)
	}
}

func TestSecondConcurrentBuildIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	unlock, err := lock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Build(context.Background(), Config{Inputs: []string{sampleCorpus}, Out: out})
	if err == nil || !strings.Contains(err.Error(), "another build") {
		t.Fatalf("second build: err = %v, want a refusal naming the other build", err)
	}
}

// TestKilledBuildLeavesPreviousOutput kills a real build process at
// several points and checks that the previous dataset is intact and that the
// next build succeeds.
func TestKilledBuildLeavesPreviousOutput(t *testing.T) {
	if os.Getenv("PARLEY_CHILD_BUILD") != "" {
		childBuild()
		return
	}
	if testing.Short() {
		t.Skip("starts build processes")
	}
	in := t.TempDir()
	text, err := os.ReadFile(filepath.Join(sampleCorpus, "101_lavrov-blinken-geneva.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(in, "big.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3000 {
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprint("a", i), "text": string(text) + fmt.Sprint(" Item ", i, "."), "published": "2022-01-21"})
		f.Write(append(line, '\n'))
	}
	f.Close()
	out := filepath.Join(t.TempDir(), "out")
	build(t, Config{Inputs: []string{sampleCorpus}, Out: out})
	before := digest(t, out)

	killed := 0
	for _, after := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, 900 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuildLeavesPreviousOutput$")
		cmd.Env = append(os.Environ(), "PARLEY_CHILD_BUILD=1", "PARLEY_CHILD_IN="+in, "PARLEY_CHILD_OUT="+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
		}
		now := digest(t, out)
		for name, sum := range before {
			if now[name] != sum {
				t.Fatalf("killed after %v: %s changed or vanished", after, name)
			}
		}
	}
	if killed == 0 {
		t.Fatal("every build finished before it was killed: the test proves nothing; make the input larger")
	}
	build(t, Config{Inputs: []string{sampleCorpus}, Out: out})
	if stale, _ := filepath.Glob(filepath.Join(out, stagingPattern)); len(stale) != 0 {
		t.Errorf("staging folders of killed builds were left behind: %v", stale)
	}
	if got := digest(t, out); len(got) != len(before) {
		t.Errorf("rebuild after kills wrote %d files, want %d", len(got), len(before))
	}
}

func childBuild() {
	_, err := Build(context.Background(), Config{Inputs: []string{os.Getenv("PARLEY_CHILD_IN")}, Out: os.Getenv("PARLEY_CHILD_OUT"), Workers: 2})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

func TestCachedRebuildExtractsOnlyNewArticles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.CopyFS(in, os.DirFS(sampleCorpus)); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	plain := filepath.Join(dir, "plain")
	cached := filepath.Join(dir, "cached")
	first := build(t, Config{Inputs: []string{in}, Out: cached, Cache: cache})
	if first.Cached != 0 {
		t.Fatalf("a new cache served %d articles", first.Cached)
	}
	writeFiles(t, in, map[string]string{"zz_new.txt": "Chinese Foreign Minister Wang Yi met his Japanese counterpart Yoshimasa Hayashi in Beijing on Sunday."})
	second := build(t, Config{Inputs: []string{in}, Out: cached, Cache: cache, Previous: "-"})
	if second.Cached != first.Articles || second.Articles != first.Articles+1 {
		t.Errorf("rebuild after adding one article: %d of %d from the cache, want %d", second.Cached, second.Articles, first.Articles)
	}
	build(t, Config{Inputs: []string{in}, Out: plain, Previous: "-"})
	a, b := digest(t, plain), digest(t, cached)
	for name, sum := range a {
		if b[name] != sum {
			t.Errorf("%s differs between a build from the cache and one without", name)
		}
	}
}

func TestForeignTextAndImpossibleDatesInventNothing(t *testing.T) {
	in := t.TempDir()
	writeFiles(t, in, map[string]string{
		"fr.txt": "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré son homologue iranien à Téhéran dimanche pour discuter de la situation en Syrie et des négociations.",
		"dates.jsonl": `{"id": "d1", "published": "2023-03-01", "text": "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing on February 30, 2023."}
{"id": "d2", "published": "2023-03-01", "text": "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing on March 3, 3024."}
`,
	})
	out := filepath.Join(t.TempDir(), "out")
	build(t, Config{Inputs: []string{in}, Out: out})
	for _, a := range readCSV(t, filepath.Join(out, "csv", "articles.csv")) {
		if a["source_id"] == "fr" && (a["language"] != "fr" || a["meeting_count"] != "0") {
			t.Errorf("French article: language %q, %s meetings; want fr and none", a["language"], a["meeting_count"])
		}
	}
	meetings := readCSV(t, filepath.Join(out, "csv", "meetings.csv"))
	if len(meetings) == 0 {
		t.Fatal("the English reports of the Lavrov–Wang meeting were not extracted")
	}
	for _, m := range meetings {
		if m["date"] != "" {
			t.Errorf("meeting dated %s from an impossible date phrase (%s)", m["date"], m["date_text"])
		}
	}
}

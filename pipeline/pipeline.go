// Package pipeline runs the stages of a Parley build: ingest → parse →
// extract → dedup → validate → write. Articles stream through ingest, parse
// and extract, in parallel across workers; only compact mentions and
// article metadata are kept for deduplication, never article text.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/cache"
	"github.com/parleydata/parley/pipeline/dedup"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/pipeline/ingest"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/pipeline/validate"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/refdata"
	"github.com/parleydata/parley/schemas"
)

// DatasetVersion names the dataset format in file metadata.
const DatasetVersion = "parley/" + schemas.Version

// Config says what to build.
type Config struct {
	Inputs   []string
	Out      string
	Workers  int               // extraction workers; runtime.NumCPU() when 0
	Registry *refdata.Registry // actor registry; the embedded one when nil
	Progress io.Writer         // progress lines; none when nil
	// Judgements are a curator's decisions on actors and meetings.
	Judgements []dedup.Judgement
	// Previous is a built dataset whose ids the build keeps stable; Out itself
	// when empty. "-" starts afresh.
	Previous string
	// Cache is a folder where extractions are kept between builds, keyed by
	// each article's content, so a rebuild extracts only new articles;
	// "" for none.
	Cache string
}

// Summary is what a build did, printed at its end and kept in summary.json.
type Summary struct {
	Files        int64 `json:"files"`
	Units        int64 `json:"units"`
	Articles     int64 `json:"articles"`
	Meetings     int64 `json:"meetings"`
	Mentions     int64 `json:"mentions"`
	Participants int64 `json:"participants"`
	Actors       int64 `json:"actors"`
	Rejects      int64 `json:"rejects"`
	Ignored      int64 `json:"ignored"`
	// Cached counts the articles whose extraction came from the cache; it
	// describes the run, not the data, so summary.json leaves it out.
	Cached  int64   `json:"-"`
	Seconds float64 `json:"-"`
}

// Manifest accounts for every input unit: each is an article or an ingest
// reject. `build-dataset validate` checks it against the tables.
type Manifest struct {
	Units          int64  `json:"units"`
	Articles       int64  `json:"articles"`
	IngestRejects  int64  `json:"ingest_rejects"`
	Files          int64  `json:"files"`
	IgnoredFiles   int64  `json:"ignored_files"`
	DatasetVersion string `json:"dataset_version"`
}

// extraction is what parse and extract make of an article: what the cache
// keeps.
type extraction struct {
	Article  parley.Article
	Mentions []extract.Mention
	FP       dedup.Fingerprint
	Words    int
}

// extracted is what a worker hands back for one unit.
type extracted struct {
	extraction
	reject   *parley.Reject // the unit was not read (ingest)
	cached   bool           // the extraction came from the cache
	uncached bool           // the extraction could not be stored in the cache
	// stageReject explains an article that was read but failed a later stage.
	stageReject *parley.Reject
}

// Build runs every stage and replaces cfg.Out with the new dataset only
// when all of it is written: a build that fails or is killed leaves the
// previous dataset in place.
func Build(ctx context.Context, cfg Config) (Summary, error) {
	started := time.Now()
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.Registry == nil {
		cfg.Registry = refdata.DefaultRegistry()
	}
	unlock, err := lock(cfg.Out)
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	removeStaleStaging(cfg.Out)
	staging, err := os.MkdirTemp(cfg.Out, stagingPattern)
	if err != nil {
		return Summary{}, fmt.Errorf("build: %w", err)
	}
	defer os.RemoveAll(staging)

	progress := newProgress(cfg.Progress)
	articles, mentions, rejects, manifest, cached, err := readAndExtract(ctx, cfg, progress)
	if err != nil {
		return Summary{}, err
	}
	progress.stage("dedup", len(mentions))
	markReprints(articles)
	byID := make(map[string]dedup.Article, len(articles))
	for _, a := range articles {
		byID[a.Article.ArticleID] = dedup.Article{ID: a.Article.ArticleID, Published: a.Article.Published, Outlet: deref(a.Article.Outlet), DuplicateOf: deref(a.Article.DuplicateOf)}
	}
	prevDir := cfg.Previous
	if prevDir == "" {
		prevDir = cfg.Out
	}
	var prev *dedup.Previous
	if prevDir != "-" {
		if prev, err = dedup.ReadPrevious(prevDir); err != nil {
			return Summary{}, err
		}
	}
	result := dedup.Run(mentions, byID, dedup.Options{Registry: cfg.Registry, Judgements: cfg.Judgements, Previous: prev})
	for _, o := range result.Judgements {
		if o.Status == "not_applicable" && cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "judgement on line %d (%s %s %s %s) no longer applies: %s\n", o.Line, o.Kind, o.A, o.Relation, o.B, o.Reason)
		}
	}

	progress.stage("validate and write", len(result.Meetings))
	tables, err := assemble(articles, result, rejects, cfg.Workers)
	if err != nil {
		return Summary{}, err
	}
	if err := writeTables(staging, tables); err != nil {
		return Summary{}, err
	}
	m := Manifest{Units: manifest.Units + manifest.Rejects, Articles: int64(len(tables.articles)), IngestRejects: manifest.Rejects, Files: manifest.Files, IgnoredFiles: manifest.Ignored, DatasetVersion: DatasetVersion}
	s := Summary{
		Files: manifest.Files, Units: manifest.Units + manifest.Rejects, Articles: int64(len(tables.articles)),
		Meetings: int64(len(tables.meetings)), Mentions: int64(len(tables.mentions)),
		Participants: int64(len(tables.participants)), Actors: int64(len(tables.actors)),
		Rejects: int64(len(tables.rejects)), Ignored: manifest.Ignored,
	}
	if err := writeJSON(filepath.Join(staging, "manifest.json"), m); err != nil {
		return Summary{}, err
	}
	if err := writeJSON(filepath.Join(staging, "summary.json"), s); err != nil {
		return Summary{}, err
	}
	if len(result.Judgements) > 0 {
		if err := writeJSON(filepath.Join(staging, "judgements.json"), result.Judgements); err != nil {
			return Summary{}, err
		}
	}
	if err := replace(staging, cfg.Out); err != nil {
		return Summary{}, err
	}
	s.Cached = cached
	s.Seconds = time.Since(started).Seconds()
	return s, nil
}

// readAndExtract streams units from ingest through parse and extract on
// cfg.Workers goroutines. Results are sorted afterwards, so the output does
// not depend on scheduling.
func readAndExtract(ctx context.Context, cfg Config, progress *progress) ([]extracted, []extract.Mention, []parley.Reject, ingest.Manifest, int64, error) {
	store, err := openCache(cfg)
	if err != nil {
		return nil, nil, nil, ingest.Manifest{}, 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	units := make(chan *ingest.Unit, 4*cfg.Workers)
	results := make(chan extracted, 4*cfg.Workers)
	var rejects []parley.Reject
	var manifest ingest.Manifest
	var readErr error
	go func() {
		defer close(units)
		manifest, readErr = ingest.Read(ctx, cfg.Inputs, ingest.Options{}, func(it ingest.Item) error {
			if it.Reject != nil {
				results <- extracted{reject: it.Reject}
				return nil
			}
			select {
			case units <- it.Unit:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	ex := extract.New(cfg.Registry)
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range units {
				results <- process(ex, store, u)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var articles []extracted
	var mentions []extract.Mention
	var cached int64
	for r := range results {
		if r.reject != nil {
			rejects = append(rejects, *r.reject)
			continue
		}
		if r.stageReject != nil {
			rejects = append(rejects, *r.stageReject)
		}
		if r.cached {
			cached++
		}
		if r.uncached {
			progress.note("cache: an extraction could not be stored; it will be extracted again next time")
		}
		mentions = append(mentions, r.Mentions...)
		r.Mentions = nil
		articles = append(articles, r)
		progress.tick()
	}
	if err := store.Close(); err != nil {
		return nil, nil, nil, manifest, 0, fmt.Errorf("cache: %w", err)
	}
	if readErr != nil {
		return nil, nil, nil, manifest, 0, fmt.Errorf("ingest: %w", readErr)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, manifest, 0, err
	}
	return articles, mentions, rejects, manifest, cached, nil
}

// process parses and extracts one unit. A panic in the rules is a bug, but
// one article must not take the build down: it becomes a rejected article.
func process(ex *extract.Extractor, store *extractionCache, u *ingest.Unit) (out extracted) {
	defer func() {
		if p := recover(); p != nil {
			if out.Article.ArticleID == "" {
				out.Article = parley.Article{ArticleID: parse.ArticleID(u.SourceID, u.SHA256), SourceID: u.SourceID, InputPath: u.InputPath, Language: "und", SHA256: u.SHA256, Encoding: u.Encoding, Warnings: []string{}}
			}
			out.Mentions = nil
			out.Article.Status = parley.ArticleRejected
			sid := u.SourceID
			out.stageReject = &parley.Reject{InputPath: u.InputPath, SourceID: &sid, Stage: parley.StageExtract, Rule: "internal_error", Message: fmt.Sprintf("parse or extract failed on this article: %v", p)}
		}
	}()
	key := cache.Key(u)
	if hit, ok := store.Get(key); ok {
		out.extraction, out.cached = hit, true
		out.Article.InputPath = u.InputPath // the key leaves the path out: a moved file keeps its entry
		return out
	}
	doc := parse.Parse(u)
	out.Article = articleRow(doc)
	out.Mentions = ex.Extract(doc)
	out.FP = dedup.FingerprintOf(doc.Text)
	out.Words = len(strings.Fields(doc.Text))
	// A failed Put costs only a later re-extraction; the dataset must not
	// depend on the state of the disk, so it is counted, not recorded.
	out.uncached = store.Put(key, out.extraction) != nil
	return out
}

// extractionCache is the cache of extractions; a nil one is off.
type extractionCache = cache.Cache[extraction]

// openCache opens the extraction cache of a build. Its version names the
// extraction rules and the registry, and the build's own executable: any
// change of code or reference data starts afresh.
func openCache(cfg Config) (*extractionCache, error) {
	if cfg.Cache == "" {
		return nil, nil
	}
	h := sha256.New()
	io.WriteString(h, extract.Version)
	for _, a := range cfg.Registry.Actors() {
		fmt.Fprintf(h, "%s|%s|%s|%s|%v|%v\n", a.Key, a.Name, a.Country, a.WikidataID, a.Aliases, a.Offices)
	}
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return cache.Open[extraction](cfg.Cache, hex.EncodeToString(h.Sum(nil)))
}

func articleRow(d *parse.Document) parley.Article {
	warnings := d.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	return parley.Article{
		ArticleID: d.ArticleID,
		SourceID:  d.SourceID,
		InputPath: d.InputPath,
		Outlet:    d.Outlet,
		Title:     d.Title,
		URL:       d.URL,
		Published: d.Published,
		Language:  d.Language,
		SHA256:    d.SHA256,
		Status:    parley.ArticleNoMeetings,
		Dateline:  d.Dateline,
		Chars:     int64(len([]rune(d.Text))),
		Encoding:  d.Encoding,
		Warnings:  warnings,
	}
}

// markReprints points each near copy at the earliest article it copies.
func markReprints(articles []extracted) {
	sort.Slice(articles, func(i, j int) bool {
		a, b := articles[i].Article, articles[j].Article
		if c := a.Published.Compare(b.Published); c != 0 {
			return c < 0
		}
		return a.ArticleID < b.ArticleID
	})
	index := dedup.NewReprintIndex()
	for i := range articles {
		a := &articles[i]
		if orig := index.Add(a.Article.ArticleID, a.FP, a.Words); orig != "" {
			a.Article.DuplicateOf = &orig
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// tableSet holds the validated rows of every table.
type tableSet struct {
	articles     []parley.Article
	meetings     []parley.Meeting
	participants []parley.Participant
	dyads        []parley.Dyad
	actors       []parley.Actor
	mentions     []parley.Mention
	rejects      []parley.Reject
	redirects    []parley.Redirect
}

// assemble validates every record; a record that fails its schema becomes a
// reject, and the rows that depend on it are dropped with it.
func assemble(articles []extracted, r *dedup.Result, rejects []parley.Reject, workers int) (*tableSet, error) {
	check, err := validate.New()
	if err != nil {
		return nil, err
	}
	t := &tableSet{rejects: rejects, redirects: r.Redirects}
	source := map[string]*parley.Article{}
	for i := range articles {
		a := &articles[i].Article
		source[a.ArticleID] = a
	}
	for _, m := range r.OneParty {
		a := source[m.ArticleID]
		sid := a.SourceID
		var names []string
		for _, p := range m.Parties {
			names = append(names, p.NameAsReported)
		}
		t.rejects = append(t.rejects, parley.Reject{InputPath: a.InputPath, SourceID: &sid, Stage: parley.StageDedup, Rule: "one_party",
			Message: fmt.Sprintf("mention at %d-%d names %s, which resolve to one actor: not a meeting", m.Start, m.End, strings.Join(names, ", "))})
	}
	articleOf := map[string]string{} // meeting id -> an article that reports it, for reject rows
	for _, m := range r.Mentions {
		if _, ok := articleOf[m.MeetingID]; !ok {
			articleOf[m.MeetingID] = m.ArticleID
		}
	}
	// checkAll validates n records of a table on every worker and returns
	// each one's reject, nil where it conforms.
	checkAll := func(table string, n int, record func(i int) any, articleID func(i int) string) ([]*parley.Reject, error) {
		out := make([]*parley.Reject, n)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += workers {
					path, sid := "", ""
					if a := source[articleID(i)]; a != nil {
						path, sid = a.InputPath, a.SourceID
					}
					if out[i], errs[w] = check.Check(table, record(i), path, sid); errs[w] != nil {
						return
					}
				}
			}()
		}
		wg.Wait()
		return out, errors.Join(errs...)
	}
	// A meeting that fails its schema goes with its participants and mentions.
	bad, err := checkAll("meetings", len(r.Meetings), func(i int) any { return r.Meetings[i] }, func(i int) string { return articleOf[r.Meetings[i].MeetingID] })
	if err != nil {
		return nil, err
	}
	badMeeting := map[string]bool{}
	for i, m := range r.Meetings {
		if bad[i] != nil {
			t.rejects = append(t.rejects, *bad[i])
			badMeeting[m.MeetingID] = true
			continue
		}
		t.meetings = append(t.meetings, m)
	}
	for _, p := range r.Participants {
		if !badMeeting[p.MeetingID] {
			t.participants = append(t.participants, p)
		}
	}
	for _, m := range r.Mentions {
		if !badMeeting[m.MeetingID] {
			t.mentions = append(t.mentions, m)
		}
	}
	// Participants, mentions and actors are made by the pipeline itself: one
	// that fails its schema is a bug, and the build stops.
	if bad, err := checkAll("participants", len(t.participants), func(i int) any { return t.participants[i] }, func(i int) string { return articleOf[t.participants[i].MeetingID] }); err != nil {
		return nil, err
	} else if rej := firstReject(bad); rej != nil {
		return nil, fmt.Errorf("a participant fails its schema, a bug in dedup: %s", rej.Message)
	}
	if bad, err := checkAll("mentions", len(t.mentions), func(i int) any { return t.mentions[i] }, func(i int) string { return t.mentions[i].ArticleID }); err != nil {
		return nil, err
	} else if rej := firstReject(bad); rej != nil {
		return nil, fmt.Errorf("a mention fails its schema, a bug in extract: %s", rej.Message)
	}
	meetingsOf := map[string]map[string]bool{}
	for _, m := range t.mentions {
		if meetingsOf[m.ArticleID] == nil {
			meetingsOf[m.ArticleID] = map[string]bool{}
		}
		meetingsOf[m.ArticleID][m.MeetingID] = true
	}
	actorMeetings := map[string]int64{}
	for _, p := range t.participants {
		actorMeetings[p.ActorID]++
	}
	for _, a := range r.Actors {
		if actorMeetings[a.ActorID] > 0 {
			a.MeetingCount = actorMeetings[a.ActorID]
			t.actors = append(t.actors, a)
		}
	}
	if bad, err := checkAll("actors", len(t.actors), func(i int) any { return t.actors[i] }, func(int) string { return "" }); err != nil {
		return nil, err
	} else if rej := firstReject(bad); rej != nil {
		return nil, fmt.Errorf("an actor fails its schema, a bug in dedup: %s", rej.Message)
	}
	t.articles = make([]parley.Article, len(articles))
	for i := range articles {
		a := articles[i].Article
		a.MeetingCount = int64(len(meetingsOf[a.ArticleID]))
		if a.Status != parley.ArticleRejected {
			a.Status = parley.ArticleNoMeetings
			if a.MeetingCount > 0 {
				a.Status = parley.ArticleOK
			}
		}
		t.articles[i] = a
	}
	bad, err = checkAll("articles", len(t.articles), func(i int) any { return t.articles[i] }, func(i int) string { return t.articles[i].ArticleID })
	if err != nil {
		return nil, err
	}
	for i, rej := range bad {
		if rej != nil {
			t.rejects = append(t.rejects, *rej)
			a := t.articles[i]
			t.articles[i] = parley.Article{ArticleID: a.ArticleID, SourceID: a.SourceID, InputPath: a.InputPath, Language: "und", SHA256: a.SHA256, Status: parley.ArticleRejected, Encoding: a.Encoding, Warnings: []string{"article metadata failed validation; see rejects"}}
		}
	}
	sort.Slice(t.articles, func(i, j int) bool { return t.articles[i].ArticleID < t.articles[j].ArticleID })
	sortMeetings(t.meetings)
	sort.Slice(t.participants, func(i, j int) bool {
		a, b := t.participants[i], t.participants[j]
		return a.MeetingID < b.MeetingID || a.MeetingID == b.MeetingID && a.ActorID < b.ActorID
	})
	t.dyads = dyadsOf(t.meetings, t.participants)
	if bad, err := checkAll("dyads", len(t.dyads), func(i int) any { return t.dyads[i] }, func(i int) string { return articleOf[t.dyads[i].MeetingID] }); err != nil {
		return nil, err
	} else if rej := firstReject(bad); rej != nil {
		return nil, fmt.Errorf("a dyad fails its schema, a bug in the pipeline: %s", rej.Message)
	}
	sort.Slice(t.rejects, func(i, j int) bool { return rejectKey(t.rejects[i]) < rejectKey(t.rejects[j]) })
	return t, nil
}

func firstReject(rs []*parley.Reject) *parley.Reject {
	for _, r := range rs {
		if r != nil {
			return r
		}
	}
	return nil
}

// sortMeetings orders meetings by date then id, the order DuckDB users
// filter on; undated meetings come last.
func sortMeetings(ms []parley.Meeting) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		return a.MeetingID < b.MeetingID
	})
}

func rejectKey(r parley.Reject) string {
	line := int64(0)
	if r.Line != nil {
		line = *r.Line
	}
	return fmt.Sprintf("%s\x00%012d\x00%s\x00%s\x00%s", r.InputPath, line, r.Stage, r.Rule, r.Message)
}

func writeTables(dir string, t *tableSet) error {
	opts := write.Options{Metadata: map[string]string{"parley.dataset_version": DatasetVersion}}
	emit := func(table string, n int, row func(i int) any) error {
		w, err := write.Create(dir, table, opts)
		if err != nil {
			return fmt.Errorf("write %s: %w", table, err)
		}
		for i := 0; i < n; i++ {
			if err := w.Write(row(i)); err != nil {
				w.Close()
				return fmt.Errorf("write %s: %w", table, err)
			}
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("write %s: %w", table, err)
		}
		return nil
	}
	return errors.Join(
		emit("articles", len(t.articles), func(i int) any { return &t.articles[i] }),
		emit("meetings", len(t.meetings), func(i int) any { return &t.meetings[i] }),
		emit("participants", len(t.participants), func(i int) any { return &t.participants[i] }),
		emit("dyads", len(t.dyads), func(i int) any { return &t.dyads[i] }),
		emit("actors", len(t.actors), func(i int) any { return &t.actors[i] }),
		emit("mentions", len(t.mentions), func(i int) any { return &t.mentions[i] }),
		emit("rejects", len(t.rejects), func(i int) any { return &t.rejects[i] }),
		emit("redirects", len(t.redirects), func(i int) any { return &t.redirects[i] }),
	)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

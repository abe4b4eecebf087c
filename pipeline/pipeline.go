// Package pipeline runs the stages of a Parley build: ingest → parse →
// extract → dedup → validate → write. Articles stream through ingest, parse
// and extract, in parallel across workers; only compact mentions and
// article metadata are kept for deduplication, never article text.
package pipeline

import (
	"cmp"
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
	"slices"
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
	g, err := readAndExtract(ctx, cfg, filepath.Join(staging, "spill"), progress)
	if err != nil {
		return Summary{}, err
	}
	defer g.discard()
	progress.stage("dedup", g.mentions.len())
	markReprints(g.articles)
	byID := make(map[string]dedup.Article, len(g.sources))
	for _, k := range g.articles {
		if src, ok := g.sources[k.id]; ok {
			byID[k.id] = dedup.Article{ID: k.id, Published: k.published, Outlet: src.outlet, DuplicateOf: k.duplicateOf}
		}
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
	mentions := g.mentions.take() // so that they can be freed once dedup.Run returns
	result := dedup.Run(mentions, byID, dedup.Options{Registry: cfg.Registry, Judgements: cfg.Judgements, Previous: prev})
	for _, o := range result.Judgements {
		if o.Status == "not_applicable" && cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "judgement on line %d (%s %s %s %s) no longer applies: %s\n", o.Line, o.Kind, o.A, o.Relation, o.B, o.Reason)
		}
	}

	progress.stage("validate and write", len(result.Meetings))
	s, err := writeTables(staging, g, result, cfg.Workers)
	if err != nil {
		return Summary{}, err
	}
	if err := g.discard(); err != nil {
		return Summary{}, err
	}
	s.Files, s.Units, s.Ignored = g.manifest.Files, g.manifest.Units+g.manifest.Rejects, g.manifest.Ignored
	m := Manifest{Units: s.Units, Articles: s.Articles, IngestRejects: g.manifest.Rejects, Files: g.manifest.Files, IgnoredFiles: g.manifest.Ignored, DatasetVersion: DatasetVersion}
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
	s.Cached = g.cached
	s.Seconds = time.Since(started).Seconds()
	return s, nil
}

// readAndExtract streams units from ingest through parse and extract on
// cfg.Workers goroutines and gathers what the later stages need, spilling
// into spillDir what only the writer needs. Everything is sorted
// afterwards, so the output does not depend on scheduling.
func readAndExtract(ctx context.Context, cfg Config, spillDir string, progress *progress) (*gathered, error) {
	store, err := openCache(cfg)
	if err != nil {
		return nil, err
	}
	g, err := newGathered(spillDir)
	if err != nil {
		store.Close()
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	units := make(chan *ingest.Unit, 4*cfg.Workers)
	results := make(chan extracted, 4*cfg.Workers)
	var readErr error
	go func() {
		defer close(units)
		g.manifest, readErr = ingest.Read(ctx, cfg.Inputs, ingest.Options{}, func(it ingest.Item) error {
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

	var gatherErr error
	for r := range results {
		if gatherErr != nil {
			continue // drain, so that every goroutine ends
		}
		if r.reject != nil {
			g.rejects = append(g.rejects, *r.reject)
			continue
		}
		if r.stageReject != nil {
			g.rejects = append(g.rejects, *r.stageReject)
		}
		if r.cached {
			g.cached++
		}
		if r.uncached {
			progress.note("cache: an extraction could not be stored; it will be extracted again next time")
		}
		if gatherErr = g.add(&r); gatherErr != nil {
			cancel()
		}
		progress.tick()
	}
	err = errors.Join(gatherErr, g.finish())
	if cerr := store.Close(); cerr != nil {
		err = errors.Join(err, fmt.Errorf("cache: %w", cerr))
	}
	if readErr != nil && gatherErr == nil {
		err = errors.Join(err, fmt.Errorf("ingest: %w", readErr))
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		g.discard()
		return nil, err
	}
	return g, nil
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
func markReprints(articles []articleKey) {
	sort.Slice(articles, func(i, j int) bool {
		a, b := articles[i], articles[j]
		if c := a.published.Compare(b.published); c != 0 {
			return c < 0
		}
		return a.id < b.id
	})
	index := dedup.NewReprintIndex()
	for i := range articles {
		a := &articles[i]
		a.duplicateOf = index.Add(a.id, a.fp, a.words)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// writeTables validates every record and writes the tables one after
// another. A record that fails its schema becomes a reject, and the rows
// that depend on it are dropped with it. It returns the rows of each table.
func writeTables(dir string, g *gathered, r *dedup.Result, workers int) (Summary, error) {
	v, err := validate.New()
	if err != nil {
		return Summary{}, err
	}
	check := &checker{Checker: v, workers: workers}
	rejects := g.rejects
	for _, m := range r.OneParty {
		src := g.sources[m.ArticleID]
		sid := src.sourceID
		var names []string
		for _, p := range m.Parties {
			names = append(names, p.NameAsReported)
		}
		rejects = append(rejects, parley.Reject{InputPath: src.inputPath, SourceID: &sid, Stage: parley.StageDedup, Rule: "one_party",
			Message: fmt.Sprintf("mention at %d-%d names %s, which resolve to one actor: not a meeting", m.Start, m.End, strings.Join(names, ", "))})
	}
	articleOf := map[string]string{} // meeting id -> an article that reports it, for reject rows
	for _, m := range r.Mentions {
		if _, ok := articleOf[m.MeetingID]; !ok {
			articleOf[m.MeetingID] = m.ArticleID
		}
	}
	meetingSource := func(id string) articleSource { return g.sources[articleOf[id]] }

	// A meeting that fails its schema goes with its participants and mentions.
	bad, err := check.all("meetings", len(r.Meetings), func(i int) (any, articleSource) { return r.Meetings[i], meetingSource(r.Meetings[i].MeetingID) })
	if err != nil {
		return Summary{}, err
	}
	badMeeting := map[string]bool{}
	for i, m := range r.Meetings {
		if bad[i] != nil {
			rejects = append(rejects, *bad[i])
			badMeeting[m.MeetingID] = true
		}
	}
	meetings := slices.DeleteFunc(r.Meetings, func(m parley.Meeting) bool { return badMeeting[m.MeetingID] })
	participants := slices.DeleteFunc(r.Participants, func(p parley.Participant) bool { return badMeeting[p.MeetingID] })
	mentions := slices.DeleteFunc(r.Mentions, func(m parley.Mention) bool { return badMeeting[m.MeetingID] })
	actorMeetings := map[string]int64{}
	for _, p := range participants {
		actorMeetings[p.ActorID]++
	}
	var actors []parley.Actor
	for _, a := range r.Actors {
		if actorMeetings[a.ActorID] > 0 {
			a.MeetingCount = actorMeetings[a.ActorID]
			actors = append(actors, a)
		}
	}
	sortMeetings(meetings)
	sort.Slice(participants, func(i, j int) bool {
		a, b := participants[i], participants[j]
		return a.MeetingID < b.MeetingID || a.MeetingID == b.MeetingID && a.ActorID < b.ActorID
	})

	// Articles come back from disk in id order. One whose metadata fails its
	// schema keeps a row, with only what identifies it, and gets a reject.
	slices.SortFunc(g.articles, func(a, b articleKey) int { return strings.Compare(a.id, b.id) })
	meetingsOf := meetingCounts(mentions)
	loadArticle := func(i int, a *parley.Article) (*parley.Reject, error) {
		k := g.articles[i]
		if err := g.readArticle(k, a); err != nil {
			return nil, err
		}
		if k.duplicateOf != "" {
			a.DuplicateOf = &k.duplicateOf
		}
		a.MeetingCount = meetingsOf[a.ArticleID]
		if a.Status != parley.ArticleRejected {
			a.Status = parley.ArticleNoMeetings
			if a.MeetingCount > 0 {
				a.Status = parley.ArticleOK
			}
		}
		rej, err := check.Check("articles", a, a.InputPath, a.SourceID)
		if rej != nil {
			*a = parley.Article{ArticleID: a.ArticleID, SourceID: a.SourceID, InputPath: a.InputPath, Language: "und", SHA256: a.SHA256, Status: parley.ArticleRejected, Encoding: a.Encoding, Warnings: []string{"article metadata failed validation; see rejects"}}
		}
		return rej, err
	}
	keepReject := func(rej *parley.Reject) error { rejects = append(rejects, *rej); return nil }
	if err := writeTable(dir, "articles", workers, len(g.articles), loadArticle, keepReject); err != nil {
		return Summary{}, err
	}

	// Participants, mentions and actors are made by the pipeline itself: one
	// that fails its schema is a bug, and the build stops.
	if err := writeTable(dir, "meetings", workers, len(meetings), copyRows(meetings), nil); err != nil {
		return Summary{}, err
	}
	loadParticipant := func(i int, p *parley.Participant) (*parley.Reject, error) {
		*p = participants[i]
		src := meetingSource(p.MeetingID)
		return check.Check("participants", p, src.inputPath, src.sourceID)
	}
	if err := writeTable(dir, "participants", workers, len(participants), loadParticipant, bug("a participant fails its schema, a bug in dedup")); err != nil {
		return Summary{}, err
	}
	dyads := dyadsOf(meetings, participants)
	loadDyad := func(i int, d *parley.Dyad) (*parley.Reject, error) {
		*d = dyads[i]
		src := meetingSource(d.MeetingID)
		return check.Check("dyads", d, src.inputPath, src.sourceID)
	}
	if err := writeTable(dir, "dyads", workers, len(dyads), loadDyad, bug("a dyad fails its schema, a bug in the pipeline")); err != nil {
		return Summary{}, err
	}
	loadActor := func(i int, a *parley.Actor) (*parley.Reject, error) {
		*a = actors[i]
		return check.Check("actors", a, "", "")
	}
	if err := writeTable(dir, "actors", workers, len(actors), loadActor, bug("an actor fails its schema, a bug in dedup")); err != nil {
		return Summary{}, err
	}
	// Mentions get their evidence sentence back from disk.
	loadMention := func(i int, m *parley.Mention) (*parley.Reject, error) {
		*m = mentions[i]
		sentence, err := g.sentences.get(m.ArticleID, int(m.Start))
		if err != nil {
			return nil, err
		}
		m.Sentence = sentence
		src := g.sources[m.ArticleID]
		return check.Check("mentions", m, src.inputPath, src.sourceID)
	}
	if err := writeTable(dir, "mentions", workers, len(mentions), loadMention, bug("a mention fails its schema, a bug in extract")); err != nil {
		return Summary{}, err
	}
	slices.SortFunc(rejects, compareRejects)
	if err := writeTable(dir, "rejects", workers, len(rejects), copyRows(rejects), nil); err != nil {
		return Summary{}, err
	}
	if err := writeTable(dir, "redirects", workers, len(r.Redirects), copyRows(r.Redirects), nil); err != nil {
		return Summary{}, err
	}
	return Summary{
		Articles: int64(len(g.articles)), Meetings: int64(len(meetings)), Mentions: int64(len(mentions)),
		Participants: int64(len(participants)), Actors: int64(len(actors)), Rejects: int64(len(rejects)),
	}, nil
}

// meetingCounts counts the meetings each article gives evidence for.
func meetingCounts(mentions []parley.Mention) map[string]int64 {
	pairs := make([][2]string, len(mentions)) // article id, meeting id
	for i, m := range mentions {
		pairs[i] = [2]string{m.ArticleID, m.MeetingID}
	}
	slices.SortFunc(pairs, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	counts := map[string]int64{}
	for _, p := range slices.Compact(pairs) {
		counts[p[0]]++
	}
	return counts
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

// compareRejects orders rejects by where they come from, then why. Every
// column takes part, so the order does not depend on the order in which
// the stages found them.
func compareRejects(a, b parley.Reject) int {
	return cmp.Or(
		strings.Compare(a.InputPath, b.InputPath),
		cmp.Compare(derefLine(a.Line), derefLine(b.Line)),
		strings.Compare(a.Stage, b.Stage),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Message, b.Message),
		strings.Compare(deref(a.SourceID), deref(b.SourceID)),
	)
}

func derefLine(line *int64) int64 {
	if line == nil {
		return 0
	}
	return *line
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Package writetest provides a small, consistent dataset for tests of code
// that writes, queries or audits tables.
package writetest

import (
	"fmt"
	"math"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/write"
	"github.com/parleydata/parley/schemas"
)

// Dataset holds the rows of every table.
type Dataset struct {
	Meetings     []parley.Meeting
	Participants []parley.Participant
	Dyads        []parley.Dyad
	Actors       []parley.Actor
	Mentions     []parley.Mention
	Articles     []parley.Article
	Rejects      []parley.Reject
	Redirects    []parley.Redirect
}

// Records returns pointers to the rows of a table, in order.
func (d *Dataset) Records(table string) []any {
	switch table {
	case "meetings":
		return pointers(d.Meetings)
	case "participants":
		return pointers(d.Participants)
	case "dyads":
		return pointers(d.Dyads)
	case "actors":
		return pointers(d.Actors)
	case "mentions":
		return pointers(d.Mentions)
	case "articles":
		return pointers(d.Articles)
	case "rejects":
		return pointers(d.Rejects)
	case "redirects":
		return pointers(d.Redirects)
	}
	panic("writetest: no table " + table)
}

func pointers[T any](rows []T) []any {
	out := make([]any, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}

// Write writes every table under dir.
func (d *Dataset) Write(dir string, opts write.Options) error {
	for _, table := range schemas.Tables {
		w, err := write.Create(dir, table, opts)
		if err != nil {
			return err
		}
		for _, r := range d.Records(table) {
			if err := w.Write(r); err != nil {
				w.Close()
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	return nil
}

// Units returns the number of input units the sample stands for, counted
// the way the pipeline's manifest counts them: articles plus ingest rejects.
func (d *Dataset) Units() int {
	n := len(d.Articles)
	for _, r := range d.Rejects {
		if r.Stage == parley.StageIngest {
			n++
		}
	}
	return n
}

// Sample returns a dataset that passes every audit check. Its cells cover
// what the CSV rules treat specially: nulls, empty and non-empty lists,
// negative numbers, text that looks like a formula, quotes, commas, line
// breaks, non-Latin script and combining marks.
func Sample() *Dataset {
	const (
		tehran     = "mtg_00000000000000a1"
		washington = "mtg_00000000000000b2"
		lavrentiev = "act_0000000000000001"
		shamkhani  = "act_0000000000000002"
		kazakhstan = "act_0000000000000003"
		un         = "act_0000000000000004"
		tass       = "art_0000000000000001"
		irna       = "art_0000000000000002"
		notes      = "art_0000000000000003"
	)
	day := func(s string) parley.Date {
		d, err := parley.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return d
	}
	sentence1 := "Russian envoy Alexander Lavrentiev met Ali Shamkhani in Tehran on Sunday, the agency said."
	sentence2 := "Лаврентьев and Shamkhani (Lavre\u0301ntiev's host), \"old friends\", held talks.\nThey discussed Syria."
	sentence3 := "@UN: talks with Kazakhstan are planned for March 1-2."
	return &Dataset{
		Meetings: []parley.Meeting{{
			MeetingID: tehran, Date: day("2017-02-12"), DatePrecision: parley.PrecisionDay,
			DateBasis: parley.BasisRelative, DateText: ptr("on Sunday"), Weekday: ptr("Sunday"),
			Place: ptr("Tehran"), Country: ptr("IRN"), Latitude: ptr(35.6892), Longitude: ptr(51.389),
			Status: parley.StatusHeld, Mode: parley.ModeInPerson, Kind: parley.KindBilateral,
			International: true, Topics: []string{"Syria", "counter-terrorism & <security>"},
			ParticipantCount: 2, ArticleCount: 2, SourceCount: 2, MentionCount: 2,
			FirstPublished: day("2017-02-12"), Confidence: 0.9,
		}, {
			MeetingID: washington, Date: day("2017-03-01"), DateEnd: day("2017-03-02"),
			DatePrecision: parley.PrecisionDay, DateBasis: parley.BasisExplicit, DateText: ptr("March 1-2"),
			Weekday: ptr("Wednesday"), Place: ptr("Washington"), Country: ptr("USA"),
			Latitude: ptr(38.9072), Longitude: ptr(-77.0369), Status: parley.StatusPlanned,
			Mode: parley.ModeVideo, Kind: parley.KindMultilateral,
			ParticipantCount: 3, ArticleCount: 1, SourceCount: 1, MentionCount: 1,
			FirstPublished: day("2017-02-13"), Confidence: 0.25, Conflicts: []string{"date"},
		}},
		Participants: []parley.Participant{
			{MeetingID: tehran, ActorID: lavrentiev, Name: "Alexander Lavrentiev", NameAsReported: "Lavréntiev",
				Role: ptr("special envoy"), Country: ptr("RUS"), Kind: parley.PartyPerson},
			{MeetingID: tehran, ActorID: shamkhani, Name: "Ali Shamkhani", NameAsReported: "Shamkhani",
				Country: ptr("IRN"), Kind: parley.PartyPerson},
			{MeetingID: washington, ActorID: lavrentiev, Name: "Alexander Lavrentiev", NameAsReported: "Alexander Lavrentiev",
				Country: ptr("RUS"), Kind: parley.PartyPerson},
			{MeetingID: washington, ActorID: kazakhstan, Name: "Kazakhstan", NameAsReported: "Kazakh delegation",
				Role: ptr("+delegation"), Country: ptr("KAZ"), Kind: parley.PartyDelegation},
			{MeetingID: washington, ActorID: un, Name: "United Nations", NameAsReported: "UN", Kind: parley.PartyOrganisation},
		},
		Dyads: []parley.Dyad{
			{MeetingID: tehran, CountryA: "IRN", CountryB: "RUS", Year: ptr(int64(2017)), Date: day("2017-02-12"),
				DatePrecision: parley.PrecisionDay, Status: parley.StatusHeld, Mode: parley.ModeInPerson, Kind: parley.KindBilateral},
			{MeetingID: washington, CountryA: "KAZ", CountryB: "RUS", Year: ptr(int64(2017)), Date: day("2017-03-01"),
				DatePrecision: parley.PrecisionDay, Status: parley.StatusPlanned, Mode: parley.ModeVideo, Kind: parley.KindMultilateral},
		},
		Actors: []parley.Actor{
			{ActorID: lavrentiev, Name: "Alexander Lavrentiev", Aliases: []string{"Lavréntiev", "Лаврентьев"},
				Kind: parley.PartyPerson, Country: ptr("RUS"), Roles: []string{"special envoy"},
				WikidataID: ptr("Q4066340"), MeetingCount: 2, Source: "registry"},
			{ActorID: shamkhani, Name: "Ali Shamkhani", Aliases: []string{"Shamjani"}, Kind: parley.PartyPerson,
				Country: ptr("IRN"), MeetingCount: 1, Source: "corpus"},
			{ActorID: kazakhstan, Name: "Kazakhstan", Kind: parley.PartyDelegation, Country: ptr("KAZ"),
				MeetingCount: 1, Source: "corpus"},
			{ActorID: un, Name: "United Nations", Aliases: []string{"UN", "=UN"}, Kind: parley.PartyOrganisation,
				MeetingCount: 1, Source: "user"},
		},
		Mentions: []parley.Mention{
			{MentionID: "men_0000000000000001", MeetingID: tehran, ArticleID: tass, Sentence: sentence1,
				Start: 0, End: runes(sentence1), StatusAsReported: parley.StatusHeld, DateText: ptr("on Sunday"),
				PlaceText: ptr("Tehran"), MatchRule: "first", MatchScore: 1},
			{MentionID: "men_0000000000000002", MeetingID: tehran, ArticleID: irna, Sentence: sentence2,
				Start: 120, End: 120 + runes(sentence2), StatusAsReported: parley.StatusHeld,
				MatchRule: "same_parties_date", MatchScore: math.Nextafter(0.3, 1)},
			{MentionID: "men_0000000000000003", MeetingID: washington, ArticleID: irna, Sentence: sentence3,
				Start: 7, End: 7 + runes(sentence3), StatusAsReported: parley.StatusPlanned,
				DateText: ptr("March 1-2"), MatchRule: "first", MatchScore: 1},
		},
		Articles: []parley.Article{
			{ArticleID: tass, SourceID: "tass-2017-02-12", InputPath: "corpus/wire.jsonl:1", Outlet: ptr("TASS"),
				Title: ptr("=Lavrentiev, Shamkhani meet"), URL: ptr("https://tass.example/1"), Published: day("2017-02-12"),
				Language: "en", SHA256: hash(1), Status: parley.ArticleOK, MeetingCount: 1,
				Dateline: ptr("TEHRAN"), Chars: 1200, Encoding: "utf-8"},
			{ArticleID: irna, SourceID: "irna-1", InputPath: "corpus/irna-1.txt", Published: day("2017-02-13"),
				Language: "en", SHA256: hash(2), Status: parley.ArticleOK, MeetingCount: 2, Chars: 900,
				Encoding: "windows-1252", Warnings: []string{"invalid UTF-8 replaced", `HTML "markup", stripped`}},
			{ArticleID: notes, SourceID: "notes", InputPath: "corpus/notes.txt", Language: "und", SHA256: hash(3),
				Status: parley.ArticleNoMeetings, DuplicateOf: ptr(tass), Chars: 40, Encoding: "utf-16le"},
		},
		Rejects: []parley.Reject{
			{InputPath: "corpus/wire.jsonl", Line: ptr(int64(2)), Stage: parley.StageIngest, Rule: "invalid_json",
				Message: "line 2: invalid character '}' looking for beginning of object key string"},
			{InputPath: "corpus/blob.txt", SourceID: ptr("blob"), Stage: parley.StageIngest, Rule: "binary_file",
				Message: "-37% of the bytes are NUL"},
		},
		Redirects: []parley.Redirect{
			{RetiredID: "mtg_00000000000000ff", TargetID: tehran, Table: "meetings", Reason: "merged into a later report"},
		},
	}
}

func ptr[T any](v T) *T { return &v }

func runes(s string) int64 { return int64(len([]rune(s))) }

// hash returns a well-formed SHA-256 hex digest that differs per n.
func hash(n int) string { return fmt.Sprintf("%064x", n) }

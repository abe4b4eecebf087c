// Package parley holds the record types of the Parley meetings dataset.
//
// Every table the pipeline writes has one struct here. The json tags are the
// column names of the contract, in the order the schemas in schemas/ list them
// under "required"; a test in package schemas keeps the two in step.
package parley

import "reflect"

// RowTypes maps every table to the Go type of its rows.
var RowTypes = map[string]reflect.Type{
	"meetings":     reflect.TypeFor[Meeting](),
	"participants": reflect.TypeFor[Participant](),
	"dyads":        reflect.TypeFor[Dyad](),
	"actors":       reflect.TypeFor[Actor](),
	"mentions":     reflect.TypeFor[Mention](),
	"articles":     reflect.TypeFor[Article](),
	"rejects":      reflect.TypeFor[Reject](),
	"redirects":    reflect.TypeFor[Redirect](),
}

// Article is one input unit that was read successfully: a .txt file or a
// JSONL line.
type Article struct {
	ArticleID    string   `json:"article_id"`
	SourceID     string   `json:"source_id"`
	InputPath    string   `json:"input_path"`
	Outlet       *string  `json:"outlet"`
	Title        *string  `json:"title"`
	URL          *string  `json:"url"`
	Published    Date     `json:"published"`
	Language     string   `json:"language"`
	SHA256       string   `json:"sha256"`
	Status       string   `json:"status"`
	MeetingCount int64    `json:"meeting_count"`
	Dateline     *string  `json:"dateline"`
	DuplicateOf  *string  `json:"duplicate_of"`
	Chars        int64    `json:"chars"`
	Encoding     string   `json:"encoding"`
	Warnings     []string `json:"warnings"`
}

// Article statuses.
const (
	ArticleOK         = "ok"
	ArticleNoMeetings = "no_meetings"
	ArticleRejected   = "rejected"
)

// Meeting is one real-world meeting, merged from every mention that reports it.
type Meeting struct {
	MeetingID        string   `json:"meeting_id"`
	Date             Date     `json:"date"`
	DateEnd          Date     `json:"date_end"`
	DatePrecision    string   `json:"date_precision"`
	DateBasis        string   `json:"date_basis"`
	DateText         *string  `json:"date_text"`
	Weekday          *string  `json:"weekday"`
	Place            *string  `json:"place"`
	Country          *string  `json:"country"`
	Latitude         *float64 `json:"latitude"`
	Longitude        *float64 `json:"longitude"`
	Status           string   `json:"status"`
	Mode             string   `json:"mode"`
	Kind             string   `json:"kind"`
	International    bool     `json:"international"`
	Topics           []string `json:"topics"`
	ParticipantCount int64    `json:"participant_count"`
	ArticleCount     int64    `json:"article_count"`
	SourceCount      int64    `json:"source_count"`
	MentionCount     int64    `json:"mention_count"`
	FirstPublished   Date     `json:"first_published"`
	Confidence       float64  `json:"confidence"`
	Conflicts        []string `json:"conflicts"`
}

// Date precisions, bases, statuses, modes and kinds of a meeting.
const (
	PrecisionDay     = "day"
	PrecisionMonth   = "month"
	PrecisionYear    = "year"
	PrecisionWeekday = "weekday"
	PrecisionNone    = "none"

	BasisExplicit = "explicit"
	BasisRelative = "relative"
	BasisNone     = "none"

	StatusHeld      = "held"
	StatusPlanned   = "planned"
	StatusCancelled = "cancelled"

	ModeInPerson = "in_person"
	ModePhone    = "phone"
	ModeVideo    = "video"
	ModeUnknown  = "unknown"

	KindBilateral    = "bilateral"
	KindMultilateral = "multilateral"
)

// Participant is one party to one meeting.
type Participant struct {
	MeetingID      string  `json:"meeting_id"`
	ActorID        string  `json:"actor_id"`
	Name           string  `json:"name"`
	NameAsReported string  `json:"name_as_reported"`
	Role           *string `json:"role"`
	Country        *string `json:"country"`
	Kind           string  `json:"kind"`
}

// Party kinds, shared by participants and actors.
const (
	PartyPerson       = "person"
	PartyDelegation   = "delegation"
	PartyOrganisation = "organisation"
	PartyCountry      = "country"
)

// Dyad is one pair of countries that met: a meeting and two distinct
// countries of its participants, CountryA < CountryB, with the meeting's
// columns that event-data queries group and filter by.
type Dyad struct {
	MeetingID     string `json:"meeting_id"`
	CountryA      string `json:"country_a"`
	CountryB      string `json:"country_b"`
	Year          *int64 `json:"year"`
	Date          Date   `json:"date"`
	DatePrecision string `json:"date_precision"`
	Status        string `json:"status"`
	Mode          string `json:"mode"`
	Kind          string `json:"kind"`
}

// Actor is one real person, delegation, organisation or country across every
// spelling the corpus uses for it.
type Actor struct {
	ActorID      string   `json:"actor_id"`
	Name         string   `json:"name"`
	Aliases      []string `json:"aliases"`
	Kind         string   `json:"kind"`
	Country      *string  `json:"country"`
	Roles        []string `json:"roles"`
	WikidataID   *string  `json:"wikidata_id"`
	MeetingCount int64    `json:"meeting_count"`
	Source       string   `json:"source"`
}

// Mention is one piece of evidence: a sentence of an article that reports a
// meeting, and how it joined that meeting.
type Mention struct {
	MentionID        string  `json:"mention_id"`
	MeetingID        string  `json:"meeting_id"`
	ArticleID        string  `json:"article_id"`
	Sentence         string  `json:"sentence"`
	Start            int64   `json:"start"`
	End              int64   `json:"end"`
	StatusAsReported string  `json:"status_as_reported"`
	DateText         *string `json:"date_text"`
	PlaceText        *string `json:"place_text"`
	MatchRule        string  `json:"match_rule"`
	MatchScore       float64 `json:"match_score"`
}

// Reject is an input unit or record the pipeline could not use, with the
// reason. Nothing is dropped without one.
type Reject struct {
	InputPath string  `json:"input_path"`
	SourceID  *string `json:"source_id"`
	Line      *int64  `json:"line"`
	Stage     string  `json:"stage"`
	Rule      string  `json:"rule"`
	Message   string  `json:"message"`
}

// Stages, as named in rejects.stage.
const (
	StageIngest   = "ingest"
	StageParse    = "parse"
	StageExtract  = "extract"
	StageDedup    = "dedup"
	StageValidate = "validate"
)

// Redirect maps a retired meeting or actor id to the id that replaced it.
type Redirect struct {
	RetiredID string `json:"retired_id"`
	TargetID  string `json:"target_id"`
	Table     string `json:"table"`
	Reason    string `json:"reason"`
}

package dedup

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/names"
)

// Judgement is a curator's decision that two actors or two meetings are the
// same or different. Rebuilds honour it; one that no longer applies is
// reported.
//
// The judgements file is CSV with the header kind,a,b,relation,note:
//
//	kind      actor or meeting
//	a, b      for actors: an actor_id (act_…) or a spelling of the name;
//	          for meetings: a meeting_id (mtg_…) or a mention_id (men_…)
//	relation  same or different
//	note      free text: why (kept for the record)
type Judgement struct {
	Line     int    `json:"line"` // line in the file, for reports
	Kind     string `json:"kind"`
	A        string `json:"a"`
	B        string `json:"b"`
	Relation string `json:"relation"`
	Note     string `json:"note"`
}

// Judgement kinds and relations.
const (
	JudgeActor     = "actor"
	JudgeMeeting   = "meeting"
	RelationSame   = "same"
	RelationApart  = "different"
	judgementsHead = "kind,a,b,relation,note"
)

// JudgementOutcome says what became of a judgement in a build.
type JudgementOutcome struct {
	Judgement
	Status string `json:"status"` // applied, already_true, not_applicable
	Reason string `json:"reason,omitempty"`
}

// ReadJudgements reads a judgements file.
func ReadJudgements(path string) ([]Judgement, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("judgements: %w", err)
	}
	defer f.Close()
	js, err := parseJudgements(f)
	if err != nil {
		return nil, fmt.Errorf("judgements %s: %w", path, err)
	}
	return js, nil
}

func parseJudgements(r io.Reader) ([]Judgement, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 5
	cr.Comment = '#'
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if strings.Join(head, ",") != judgementsHead {
		return nil, fmt.Errorf("header is %q, want %q", strings.Join(head, ","), judgementsHead)
	}
	var out []Judgement
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		j := Judgement{Line: line, Kind: strings.TrimSpace(rec[0]), A: strings.TrimSpace(rec[1]), B: strings.TrimSpace(rec[2]), Relation: strings.TrimSpace(rec[3]), Note: rec[4]}
		switch {
		case j.Kind != JudgeActor && j.Kind != JudgeMeeting:
			return nil, fmt.Errorf("line %d: kind %q is neither actor nor meeting", line, j.Kind)
		case j.Relation != RelationSame && j.Relation != RelationApart:
			return nil, fmt.Errorf("line %d: relation %q is neither same nor different", line, j.Relation)
		case j.A == "" || j.B == "" || j.A == j.B:
			return nil, fmt.Errorf("line %d: a and b must name two different things", line)
		case j.Kind == JudgeMeeting && !(isMeetingRef(j.A) && isMeetingRef(j.B)):
			return nil, fmt.Errorf("line %d: meetings are named by meeting_id (mtg_…) or mention_id (men_…)", line)
		}
		out = append(out, j)
	}
}

func isMeetingRef(s string) bool { return strings.HasPrefix(s, "mtg_") || strings.HasPrefix(s, "men_") }

// actorRef tells whether an actor matches a judgement's reference: its id,
// or one of its spellings.
func actorRef(a *actor, ref string) bool {
	if strings.HasPrefix(ref, "act_") {
		return a.id == ref
	}
	f := names.Fold(ref)
	if names.Fold(a.name) == f {
		return true
	}
	for s := range a.spelling {
		if names.Fold(s) == f {
			return true
		}
	}
	_, ok := names.Match(a.name, ref)
	return ok && a.kind == parley.PartyPerson
}

package eval

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The external corpora (see the README next to them) label meeting-like
// events in their own format, one event a line of gold.jsonl:
//
//	{"doc_id", "event_type", "trigger", "participants": [surface strings], "place", "time", "sentence"}
//
// and keep their texts in docs.jsonl ({"id", "text", ...}). Their labelling
// conventions differ from the meeting guidelines, so each set answers only
// the question it is good for.

// CorpusReport scores a dataset built from the external corpora. A set is
// nil when the corpus directory lacks it or the dataset holds none of its
// documents; Skipped says which and why.
type CorpusReport struct {
	// WikiEvents counts false alarms on the documents whose exhaustive gold
	// has no meeting-like event.
	WikiEvents *DocumentFalseAlarms `json:"wikievents,omitempty"`
	// PloverGSR and Geneva score meeting detection sentence by sentence.
	PloverGSR *SentenceDetection `json:"plover_gsr,omitempty"`
	Geneva    *SentenceDetection `json:"geneva,omitempty"`
	// RAMS scores the recall of participants.
	RAMS    *ParticipantRecall `json:"rams,omitempty"`
	Skipped []string           `json:"skipped,omitempty"`
}

// DocumentFalseAlarms counts predicted meetings in documents known to report
// none.
type DocumentFalseAlarms struct {
	Documents           int           `json:"documents"` // negative documents in the dataset
	DocumentsWithAlarms int           `json:"documents_with_alarms"`
	FalseAlarms         []CorpusAlarm `json:"false_alarms"`
}

// SentenceDetection scores meeting detection at the sentence level. A
// predicted sentence (a distinct mention sentence of a document) is correct
// when it overlaps a gold sentence of that document; a gold sentence is
// detected when some mention sentence overlaps it.
type SentenceDetection struct {
	Documents   int           `json:"documents"`
	Predicted   int           `json:"predicted"`
	Correct     int           `json:"correct"`
	Gold        int           `json:"gold"`
	Detected    int           `json:"detected"`
	Precision   float64       `json:"precision"`
	Recall      float64       `json:"recall"`
	F1          float64       `json:"f1"`
	FalseAlarms []CorpusAlarm `json:"false_alarms"`
	Misses      []CorpusMiss  `json:"misses"`
}

// ParticipantRecall scores how many gold participant strings are found among
// the names as reported of the predicted participants of their document.
type ParticipantRecall struct {
	Documents      int          `json:"documents"`
	Events         int          `json:"events"`
	EventsDetected int          `json:"events_detected"` // whose document has a predicted meeting
	Participants   int          `json:"participants"`
	Found          int          `json:"found"`
	Recall         float64      `json:"recall"`
	Misses         []CorpusMiss `json:"misses"` // participants not found
}

// CorpusAlarm is a predicted meeting the corpus gold does not support.
type CorpusAlarm struct {
	DocID     string `json:"doc_id"`
	MeetingID string `json:"meeting_id"`
	Sentence  string `json:"sentence"`
}

// CorpusMiss is a gold sentence or participant the dataset missed.
type CorpusMiss struct {
	DocID string `json:"doc_id"`
	Text  string `json:"text"`
}

// corpusSet is one labelled set, restricted to the documents in the dataset.
type corpusSet struct {
	total  int                      // documents in the set
	docs   map[string]string        // id -> text, documents in the dataset
	events map[string][]corpusEvent // by doc id, documents in the dataset
}

type corpusEvent struct {
	DocID        string   `json:"doc_id"`
	Participants []string `json:"participants"`
	Sentence     string   `json:"sentence"`
}

type corpusDoc struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// sortedDocs returns the ids of the set's documents in the dataset, sorted.
func (s *corpusSet) sortedDocs() []string {
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// corpusScorers are the sets ScoreCorpus knows, each with what it scores.
var corpusScorers = map[string]func(*CorpusReport, *dataset, *corpusSet){
	"wikievents": func(r *CorpusReport, d *dataset, s *corpusSet) { r.WikiEvents = scoreNegativeDocs(d, s) },
	"plover_gsr": func(r *CorpusReport, d *dataset, s *corpusSet) { r.PloverGSR = scoreSentences(d, s) },
	"geneva":     func(r *CorpusReport, d *dataset, s *corpusSet) { r.Geneva = scoreSentences(d, s) },
	"rams":       func(r *CorpusReport, d *dataset, s *corpusSet) { r.RAMS = scoreParticipantRecall(d, s) },
}

// ScoreCorpus scores the dataset in datasetDir against the labelled sets in
// corpusDir: either the folder holding the sets (wikievents, plover_gsr,
// geneva, rams) or one set's own folder.
func ScoreCorpus(datasetDir, corpusDir string) (*CorpusReport, error) {
	setDirs, err := findSets(corpusDir)
	if err != nil {
		return nil, err
	}
	d, err := loadDataset(datasetDir)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	r := &CorpusReport{}
	for _, name := range slices.Sorted(maps.Keys(setDirs)) {
		s, err := readCorpusSet(setDirs[name], d)
		if err != nil {
			return nil, err
		}
		if len(s.docs) == 0 {
			r.Skipped = append(r.Skipped, fmt.Sprintf("%s: none of its %d documents is in the dataset", name, s.total))
			continue
		}
		corpusScorers[name](r, d, s)
	}
	return r, nil
}

// findSets returns the folder of each known set in corpusDir, by set name.
func findSets(corpusDir string) (map[string]string, error) {
	if isFile(filepath.Join(corpusDir, "gold.jsonl")) {
		abs, err := filepath.Abs(corpusDir)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(abs)
		if _, known := corpusScorers[name]; !known {
			return nil, fmt.Errorf("%s: no scorer for a set called %q (known: %s)", corpusDir, name, knownSets())
		}
		return map[string]string{name: corpusDir}, nil
	}
	setDirs := make(map[string]string)
	for name := range corpusScorers {
		if dir := filepath.Join(corpusDir, name); isFile(filepath.Join(dir, "gold.jsonl")) {
			setDirs[name] = dir
		}
	}
	if len(setDirs) == 0 {
		return nil, fmt.Errorf("%s: no labelled set (a folder %s with a gold.jsonl)", corpusDir, knownSets())
	}
	return setDirs, nil
}

func knownSets() string {
	return strings.Join(slices.Sorted(maps.Keys(corpusScorers)), ", ")
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// readCorpusSet reads the documents and events of one set that the dataset
// holds.
func readCorpusSet(dir string, d *dataset) (*corpusSet, error) {
	s := &corpusSet{docs: map[string]string{}, events: map[string][]corpusEvent{}}
	err := readJSONL(filepath.Join(dir, "docs.jsonl"), func(doc corpusDoc) error {
		if doc.ID == "" {
			return errors.New("no id")
		}
		s.total++
		if d.sources[doc.ID] {
			s.docs[doc.ID] = doc.Text
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readJSONL(filepath.Join(dir, "gold.jsonl"), func(e corpusEvent) error {
		if e.DocID == "" {
			return errors.New("no doc_id")
		}
		if _, ok := s.docs[e.DocID]; ok {
			s.events[e.DocID] = append(s.events[e.DocID], e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// scoreNegativeDocs lists the predicted meetings of the documents whose gold
// has no meeting-like event. It suits exhaustively labelled sets only.
func scoreNegativeDocs(d *dataset, s *corpusSet) *DocumentFalseAlarms {
	score := &DocumentFalseAlarms{FalseAlarms: []CorpusAlarm{}}
	for _, doc := range s.sortedDocs() {
		if len(s.events[doc]) > 0 {
			continue
		}
		score.Documents++
		meetings := d.meetingsOf(doc)
		if len(meetings) > 0 {
			score.DocumentsWithAlarms++
		}
		for _, id := range meetings {
			score.FalseAlarms = append(score.FalseAlarms, CorpusAlarm{DocID: doc, MeetingID: id, Sentence: d.firstSentence(doc, id)})
		}
	}
	return score
}

// scoreSentences scores meeting detection sentence by sentence.
func scoreSentences(d *dataset, s *corpusSet) *SentenceDetection {
	score := &SentenceDetection{FalseAlarms: []CorpusAlarm{}, Misses: []CorpusMiss{}}
	for _, doc := range s.sortedDocs() {
		score.Documents++
		text := s.docs[doc]
		var predicted []string
		for _, m := range d.mentions[doc] {
			if slices.Contains(predicted, m.Sentence) {
				continue
			}
			predicted = append(predicted, m.Sentence)
			score.Predicted++
			if slices.ContainsFunc(s.events[doc], func(e corpusEvent) bool { return overlaps(text, m.Sentence, e.Sentence) }) {
				score.Correct++
			} else {
				score.FalseAlarms = append(score.FalseAlarms, CorpusAlarm{DocID: doc, MeetingID: m.MeetingID, Sentence: m.Sentence})
			}
		}
		for _, e := range s.events[doc] {
			score.Gold++
			if slices.ContainsFunc(predicted, func(p string) bool { return overlaps(text, p, e.Sentence) }) {
				score.Detected++
			} else {
				score.Misses = append(score.Misses, CorpusMiss{DocID: doc, Text: e.Sentence})
			}
		}
	}
	score.Precision, score.Recall = ratio(score.Correct, score.Predicted), ratio(score.Detected, score.Gold)
	score.F1 = f1(score.Precision, score.Recall)
	return score
}

// overlaps reports whether two sentences of a document overlap. Both are
// located in the text with runs of white space squashed, since the pipeline
// may normalise spacing; a sentence not found there overlaps another when
// one contains the other.
func overlaps(text, a, b string) bool {
	text, a, b = squash(text), squash(a), squash(b)
	if a == "" || b == "" {
		return false
	}
	i, j := strings.Index(text, a), strings.Index(text, b)
	if i >= 0 && j >= 0 {
		return i < j+len(b) && j < i+len(a)
	}
	return strings.Contains(a, b) || strings.Contains(b, a)
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// scoreParticipantRecall looks for each gold participant string among the
// names as reported of the predicted participants of its document.
func scoreParticipantRecall(d *dataset, s *corpusSet) *ParticipantRecall {
	score := &ParticipantRecall{Misses: []CorpusMiss{}}
	for _, doc := range s.sortedDocs() {
		score.Documents++
		meetings := d.meetingsOf(doc)
		var reported []string
		for _, id := range meetings {
			for _, p := range d.participants[id] {
				reported = append(reported, p.NameAsReported)
			}
		}
		for _, e := range s.events[doc] {
			score.Events++
			if len(meetings) > 0 {
				score.EventsDetected++
			}
			for _, name := range e.Participants {
				score.Participants++
				if slices.ContainsFunc(reported, func(r string) bool { return sameName(r, name) }) {
					score.Found++
				} else {
					score.Misses = append(score.Misses, CorpusMiss{DocID: doc, Text: name})
				}
			}
		}
	}
	score.Recall = ratio(score.Found, score.Participants)
	return score
}

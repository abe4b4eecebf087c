// Package eval scores a built Parley dataset against labelled articles.
//
// Score reads the dataset's CSV tables and a gold file in the format of the
// meeting guidelines (one article a line, every meeting it reports). Only
// the articles of the gold file are scored; the predicted meetings of an
// article are those with a mention in it (articles.source_id = doc_id).
//
// A predicted meeting matches a gold meeting of the same article when at
// least two of their parties match: people by name in any spelling
// (names.Match over canonical names, names as reported and actor aliases), a
// delegation, country or organisation by country. Within each article the
// Hungarian method pairs predicted and gold meetings one to one, maximising
// first the number of matched meetings, then the number of matched parties;
// a greedy pass could spend a predicted meeting on a weaker gold match and
// leave a second gold meeting unmatched.
//
// ScoreCorpus scores the same dataset against the external labelled corpora,
// whose gold format is different (see CorpusReport).
package eval

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/parleydata/parley"
)

// Report is the score of a dataset against a gold file.
type Report struct {
	// Meetings counts matched (TP), unmatched predicted (FP) and unmatched
	// gold (FN) meetings, summed over the articles.
	Meetings PRF `json:"meetings"`
	// Participants counts parties over the matched pairs: paired (TP),
	// predicted but unpaired (FP), gold but unpaired (FN).
	Participants PRF `json:"participants"`

	// Accuracies over matched pairs whose gold field is labelled. Weekday
	// covers the pairs whose gold knows only the weekday.
	DateAccuracy    Accuracy `json:"date_accuracy"`
	WeekdayAccuracy Accuracy `json:"weekday_accuracy"`
	PlaceAccuracy   Accuracy `json:"place_accuracy"`
	StatusAccuracy  Accuracy `json:"status_accuracy"`
	ModeAccuracy    Accuracy `json:"mode_accuracy"`
	KindAccuracy    Accuracy `json:"kind_accuracy"`

	// Pairwise scores deduplication across articles: a pair of gold meetings
	// (doc, gid) of two articles is predicted when both matched the same
	// predicted meeting, and true when both have the same gid.
	Pairwise PRF `json:"pairwise"`

	Articles []ArticleResult `json:"articles"`
}

// PRF is a precision, recall and F1 score. A ratio with a zero denominator
// is 0.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(tp, fp, fn int) PRF {
	s := PRF{TP: tp, FP: fp, FN: fn, Precision: ratio(tp, tp+fp), Recall: ratio(tp, tp+fn)}
	s.F1 = f1(s.Precision, s.Recall)
	return s
}

// f1 is the harmonic mean of precision and recall, 0 when both are.
func f1(precision, recall float64) float64 {
	if precision+recall == 0 {
		return 0
	}
	return 2 * precision * recall / (precision + recall)
}

func (s *PRF) add(tp, fp, fn int) { *s = newPRF(s.TP+tp, s.FP+fp, s.FN+fn) }

// Accuracy is the share of Total cases that were Correct; 0 when Total is 0.
type Accuracy struct {
	Correct int     `json:"correct"`
	Total   int     `json:"total"`
	Value   float64 `json:"value"`
}

func (a *Accuracy) add(correct bool) {
	a.Total++
	if correct {
		a.Correct++
	}
	a.Value = ratio(a.Correct, a.Total)
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// ArticleResult is what happened to one labelled article.
type ArticleResult struct {
	DocID string `json:"doc_id"`
	// NotInDataset is set when no article of the dataset has this source id,
	// usually a doc_id typo or an input left out of the build.
	NotInDataset bool         `json:"not_in_dataset,omitempty"`
	Matches      []Match      `json:"matches"`
	Misses       []Miss       `json:"misses"`
	FalseAlarms  []FalseAlarm `json:"false_alarms"`
}

// Match is a gold meeting and the predicted meeting matched to it.
type Match struct {
	GID       string `json:"gid"`
	MeetingID string `json:"meeting_id"`
	Parties   int    `json:"parties"` // parties the two share
	// Disagree lists the labelled fields the built meeting got wrong, as
	// "date 2022-11-15, built 2022-11-13".
	Disagree []string `json:"disagree,omitempty"`
}

// Miss is a gold meeting no predicted meeting matched.
type Miss struct {
	GID      string `json:"gid"`
	Evidence string `json:"evidence"`
}

// FalseAlarm is a predicted meeting that matched no gold meeting, with the
// first sentence of the article that mentions it.
type FalseAlarm struct {
	MeetingID string `json:"meeting_id"`
	Sentence  string `json:"sentence"`
}

// Score scores the dataset written to datasetDir (its csv/ tables) against
// the gold file at goldPath.
func Score(datasetDir, goldPath string) (*Report, error) {
	gold, err := readGold(goldPath)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	d, err := loadDataset(datasetDir)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	return score(d, gold), nil
}

// scoredMeeting is a gold meeting of one article and the predicted meeting
// matched to it ("" when none), for the deduplication score.
type scoredMeeting struct {
	gid, predicted string
}

func score(d *dataset, gold []goldArticle) *Report {
	r := &Report{Articles: make([]ArticleResult, 0, len(gold))}
	var scored []scoredMeeting
	for _, g := range gold {
		scored = append(scored, r.scoreArticle(d, g)...)
	}
	r.Pairwise = pairwise(scored)
	return r
}

// scoreArticle matches the predicted meetings of one article to its gold
// meetings, adds the outcome to r and returns the gold meetings with the
// predicted meeting each matched.
func (r *Report) scoreArticle(d *dataset, g goldArticle) []scoredMeeting {
	predIDs := d.meetingsOf(g.DocID)
	parties := make([][]predParty, len(predIDs))
	for i, id := range predIDs {
		parties[i] = d.predictedParties(id)
	}
	pairs := pairMeetings(parties, g.Meetings, func(i, j int) int {
		return fieldsAgreeing(d.meetings[predIDs[i]], g.Meetings[j])
	})

	result := ArticleResult{
		DocID:        g.DocID,
		NotInDataset: !d.sources[g.DocID],
		Matches:      []Match{},
		Misses:       []Miss{},
		FalseAlarms:  []FalseAlarm{},
	}
	predMatched := make([]bool, len(predIDs))
	scored := make([]scoredMeeting, len(g.Meetings))
	for _, p := range pairs {
		gm, pm := g.Meetings[p.gold], d.meetings[predIDs[p.pred]]
		predMatched[p.pred] = true
		scored[p.gold].predicted = pm.MeetingID
		r.Participants.add(p.parties, len(parties[p.pred])-p.parties, len(gm.Participants)-p.parties)
		disagree := r.scoreFields(pm, gm)
		result.Matches = append(result.Matches, Match{GID: gm.GID, MeetingID: pm.MeetingID, Parties: p.parties, Disagree: disagree})
	}
	for j, gm := range g.Meetings {
		scored[j].gid = gm.GID
		if scored[j].predicted == "" {
			result.Misses = append(result.Misses, Miss{GID: gm.GID, Evidence: gm.Evidence})
		}
	}
	for i, id := range predIDs {
		if !predMatched[i] {
			result.FalseAlarms = append(result.FalseAlarms, FalseAlarm{MeetingID: id, Sentence: d.firstSentence(g.DocID, id)})
		}
	}
	r.Meetings.add(len(pairs), len(result.FalseAlarms), len(result.Misses))
	r.Articles = append(r.Articles, result)
	return scored
}

// fieldsAgreeing counts the fields of a predicted meeting that agree with a
// gold meeting: date, place, mode and status.
func fieldsAgreeing(pred parley.Meeting, gold goldMeeting) int {
	n := 0
	for _, ok := range []bool{
		gold.Date.Valid() && pred.Date == gold.Date,
		gold.Place != "" && pred.Place != nil && samePlace(*pred.Place, gold.Place),
		pred.Mode == gold.Mode,
		pred.Status == gold.Status,
	} {
		if ok {
			n++
		}
	}
	return n
}

// scoreFields compares the fields of a matched pair where gold labels them
// and returns those the built meeting got wrong.
func (r *Report) scoreFields(pred parley.Meeting, gold goldMeeting) []string {
	var disagree []string
	check := func(a *Accuracy, field string, ok bool, want, got string) {
		a.add(ok)
		if !ok {
			disagree = append(disagree, fmt.Sprintf("%s %s, built %s", field, want, cmp.Or(got, "none")))
		}
	}
	switch {
	case gold.Date.Valid():
		check(&r.DateAccuracy, "date", pred.Date == gold.Date, gold.Date.String(), pred.Date.String())
	case gold.Weekday != "":
		check(&r.WeekdayAccuracy, "weekday", strings.EqualFold(weekdayOf(pred), gold.Weekday), gold.Weekday, weekdayOf(pred))
	}
	if gold.Place != "" {
		got := ""
		if pred.Place != nil {
			got = *pred.Place
		}
		check(&r.PlaceAccuracy, "place", pred.Place != nil && samePlace(*pred.Place, gold.Place), gold.Place, got)
	}
	if gold.Status != "" {
		check(&r.StatusAccuracy, "status", pred.Status == gold.Status, gold.Status, pred.Status)
	}
	if gold.Mode != "" {
		check(&r.ModeAccuracy, "mode", pred.Mode == gold.Mode, gold.Mode, pred.Mode)
	}
	if gold.Kind != "" {
		check(&r.KindAccuracy, "kind", pred.Kind == gold.Kind, gold.Kind, pred.Kind)
	}
	return disagree
}

// weekdayOf returns the weekday a predicted meeting states or its date
// implies, "" when it has neither.
func weekdayOf(m parley.Meeting) string {
	switch {
	case m.Weekday != nil:
		return *m.Weekday
	case m.Date.Valid():
		return m.Date.Weekday().String()
	}
	return ""
}

// pairwise counts, over every pair of scored gold meetings, the pairs the
// prediction merged (both matched one predicted meeting) against the pairs
// gold merges (one gid). Two meetings of one article never share either, so
// every pair counted spans two articles.
func pairwise(scored []scoredMeeting) PRF {
	byGID := make(map[string]int)
	byPredicted := make(map[string]int)
	byBoth := make(map[scoredMeeting]int)
	for _, s := range scored {
		byGID[s.gid]++
		if s.predicted != "" {
			byPredicted[s.predicted]++
			byBoth[s]++
		}
	}
	goldPairs, predPairs, both := pairsIn(byGID), pairsIn(byPredicted), pairsIn(byBoth)
	return newPRF(both, predPairs-both, goldPairs-both)
}

// pairsIn returns the number of unordered pairs within each group, summed.
func pairsIn[K comparable](groupSizes map[K]int) int {
	pairs := 0
	for _, n := range groupSizes {
		pairs += n * (n - 1) / 2
	}
	return pairs
}

package dedup

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/parleydata/parley"
)

// Previous holds the ids of an earlier build, so that a rebuild keeps them:
// a meeting that still has mentions of an earlier meeting keeps its id, and
// when earlier meetings merge the oldest id survives and the others
// redirect to it.
type Previous struct {
	MeetingOf      map[string]string      // mention_id -> meeting_id
	FirstPublished map[string]parley.Date // meeting_id -> first_published
	Redirects      []parley.Redirect
}

// ReadPrevious reads the ids of the dataset in dir. A dir without a
// dataset gives nil and no error: there is nothing to keep stable.
func ReadPrevious(dir string) (*Previous, error) {
	mentions := filepath.Join(dir, "csv", "mentions.csv")
	if _, err := os.Stat(mentions); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	p := &Previous{MeetingOf: map[string]string{}, FirstPublished: map[string]parley.Date{}}
	err := readColumns(mentions, []string{"mention_id", "meeting_id"}, func(v []string) error {
		p.MeetingOf[v[0]] = v[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readColumns(filepath.Join(dir, "csv", "meetings.csv"), []string{"meeting_id", "first_published"}, func(v []string) error {
		if v[1] != "" {
			d, err := parley.ParseDate(v[1])
			if err != nil {
				return err
			}
			p.FirstPublished[v[0]] = d
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	redirects := filepath.Join(dir, "csv", "redirects.csv")
	if _, err := os.Stat(redirects); err == nil {
		err = readColumns(redirects, []string{"retired_id", "target_id", "table", "reason"}, func(v []string) error {
			p.Redirects = append(p.Redirects, parley.Redirect{RetiredID: v[0], TargetID: v[1], Table: v[2], Reason: v[3]})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

// readColumns calls row with the named columns of every row of a CSV file.
func readColumns(path string, columns []string, row func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("previous build: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("previous build %s: %w", path, err)
	}
	idx := make([]int, len(columns))
	for i, c := range columns {
		idx[i] = -1
		for j, h := range head {
			if h == c {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return fmt.Errorf("previous build %s: no column %s", path, c)
		}
	}
	vals := make([]string, len(columns))
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("previous build %s: %w", path, err)
		}
		for i, j := range idx {
			vals[i] = rec[j]
		}
		if err := row(vals); err != nil {
			return fmt.Errorf("previous build %s: %w", path, err)
		}
	}
}

// older reports whether meeting id a of the previous build is older than b:
// first published earlier, or the smaller id.
func (p *Previous) older(a, b string) bool {
	if c := p.FirstPublished[a].Compare(p.FirstPublished[b]); c != 0 {
		return c < 0
	}
	return a < b
}

// assignIDs gives every cluster its final id and returns the redirects of
// ids that merged away.
func (c *clusterer) assignIDs(prev *Previous) []parley.Redirect {
	if prev == nil {
		return nil
	}
	// Each earlier meeting goes to the cluster holding most of its mentions.
	type holder struct {
		k     *cluster
		count int
	}
	best := map[string]holder{}
	for _, k := range c.clusters {
		counts := map[string]int{}
		for _, j := range k.mentions {
			if id, ok := prev.MeetingOf[MentionID(c.mention(j))]; ok {
				counts[id]++
			}
		}
		for id, n := range counts {
			if h, ok := best[id]; !ok || n > h.count || n == h.count && k.seq < h.k.seq {
				best[id] = holder{k, n}
			}
		}
	}
	claimed := map[*cluster][]string{}
	for id, h := range best {
		claimed[h.k] = append(claimed[h.k], id)
	}
	var redirects []parley.Redirect
	for k, ids := range claimed {
		sort.Slice(ids, func(i, j int) bool { return prev.older(ids[i], ids[j]) })
		k.id = ids[0]
		for _, retired := range ids[1:] {
			redirects = append(redirects, parley.Redirect{RetiredID: retired, TargetID: ids[0], Table: "meetings", Reason: "merged with an older meeting"})
		}
	}
	// Earlier redirects stay, pointing at the id that now stands for them.
	now := map[string]string{}
	for _, r := range redirects {
		now[r.RetiredID] = r.TargetID
	}
	for _, r := range prev.Redirects {
		if _, dup := now[r.RetiredID]; dup {
			continue
		}
		if t, ok := now[r.TargetID]; ok {
			r.TargetID = t
		}
		redirects = append(redirects, r)
	}
	sort.Slice(redirects, func(i, j int) bool { return redirects[i].RetiredID < redirects[j].RetiredID })
	return redirects
}

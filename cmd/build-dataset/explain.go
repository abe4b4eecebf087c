package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/duckdb"
	"github.com/parleydata/parley/pipeline/dedup"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show how a meeting was made: its evidence, sources, match rules and judgements",
		UsageText: "build-dataset explain [--out DIR] MEETING_ID",
		Description: "Prints the meeting, its participants, every mention with its sentence and article, the rule\n" +
			"and score that joined it to the meeting, and the curator judgements that concern it.\n\n" +
			"Example:\n   build-dataset explain mtg_01144bbacc9c23a3",
		Flags: []cli.Flag{outFlag},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return errors.New("explain: give one meeting id (see build-dataset query \"select meeting_id, date, place from meetings\")")
			}
			return explain(c.App.Writer, c.String("out"), c.Args().First())
		},
	}
}

func explain(w io.Writer, dir, id string) error {
	db, err := duckdb.Open(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	q := func(sql string) (*duckdb.Result, error) { return db.Query(context.Background(), sql) }
	lit := duckdb.Literal(id)
	meeting, err := q(`select * from meetings where meeting_id = ` + lit)
	if err != nil {
		return err
	}
	if len(meeting.Rows) == 0 {
		redirect, err := q(`select target_id, reason from redirects where retired_id = ` + lit)
		if err == nil && len(redirect.Rows) > 0 {
			return fmt.Errorf("explain: %s was retired (%v); it is now %v", id, redirect.Rows[0][1], redirect.Rows[0][0])
		}
		return fmt.Errorf("explain: no meeting %s in %s", id, dir)
	}
	fmt.Fprintf(w, "Meeting %s\n", id)
	for i, col := range meeting.Columns {
		if col == "meeting_id" {
			continue
		}
		fmt.Fprintf(w, "  %-18s %s\n", col, cell(meeting.Rows[0][i]))
	}
	people, err := q(`select name, name_as_reported, coalesce(role, ''), coalesce(country, ''), kind, actor_id from participants where meeting_id = ` + lit + ` order by name`)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nParticipants\n")
	for _, r := range people.Rows {
		fmt.Fprintf(w, "  %s (reported as %q) %s %s %s [%s]\n", r[0], r[1], r[2], r[3], r[4], r[5])
	}
	mentions, err := q(`select x.mention_id, a.source_id, coalesce(a.outlet, ''), coalesce(cast(a.published as varchar), 'undated'),
		x.match_rule, x.match_score, x.status_as_reported, x.start, x."end", x.sentence, coalesce(a.duplicate_of, '')
		from mentions x join articles a using (article_id) where x.meeting_id = ` + lit + ` order by a.published nulls last, a.source_id, x.start`)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nEvidence (%d mentions)\n", len(mentions.Rows))
	ids := map[string]bool{id: true}
	for _, r := range mentions.Rows {
		ids[cell(r[0])] = true
		reprint := ""
		if s := cell(r[10]); s != "" {
			reprint = " reprint of " + s
		}
		fmt.Fprintf(w, "  %s  %s  %s %s%s\n    joined by %s (score %s), reports %s, chars %s-%s\n    %q\n",
			r[0], r[1], r[2], r[3], reprint, r[4], cell(r[5]), r[6], cell(r[7]), cell(r[8]), r[9])
	}
	return explainJudgements(w, dir, ids)
}

// explainJudgements prints the judgements of the build that name the
// meeting or one of its mentions.
func explainJudgements(w io.Writer, dir string, ids map[string]bool) error {
	b, err := os.ReadFile(filepath.Join(dir, "judgements.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var outcomes []dedup.JudgementOutcome
	if err := json.Unmarshal(b, &outcomes); err != nil {
		return fmt.Errorf("judgements.json: %w", err)
	}
	var lines []string
	for _, o := range outcomes {
		if o.Kind == dedup.JudgeMeeting && (ids[o.A] || ids[o.B]) {
			lines = append(lines, fmt.Sprintf("  line %d: %s %s %s — %s %s %s", o.Line, o.A, o.Relation, o.B, o.Status, o.Reason, o.Note))
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(w, "\nJudgements\n%s\n", strings.Join(lines, "\n"))
	}
	return nil
}

// cell renders a scanned value for a person.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case interface{ Format(string) string }:
		return x.Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

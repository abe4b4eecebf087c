package main

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/eval"
)

// evalCommand scores a built dataset against labelled articles.
func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score a built dataset against labelled articles",
		Description: "With --gold, reads a gold file in the format of the meeting guidelines (one article a\n" +
			"line, with every meeting it reports) and scores the dataset's meetings, participants,\n" +
			"dates, places, status, mode, kind and deduplication on the labelled articles, then lists\n" +
			"each article's missed meetings, false alarms and matched meetings with a wrong field\n" +
			"(\"date 2019-02-27, built 2019-02-28\").\n\n" +
			"With --corpus, scores a dataset built from the external corpora (wikievents, plover_gsr,\n" +
			"geneva, rams) against their own labels: false alarms on documents with no meeting,\n" +
			"sentence-level detection, recall of participants.\n\n" +
			"Example:\n" +
			"   build-dataset eval --gold labels/gold.jsonl --out out\n" +
			"   build-dataset build --input ../shared/corpora/rams/docs.jsonl --out out-rams\n" +
			"   build-dataset eval --corpus ../shared/corpora --out out-rams --json",
		Flags: []cli.Flag{
			outFlag,
			&cli.StringFlag{Name: "gold", Usage: "labelled articles in `FILE`, JSONL in the gold format of the meeting guidelines", TakesFile: true},
			&cli.StringFlag{Name: "corpus", Usage: "score against the external corpora in `DIR` (or one set's folder) instead", TakesFile: true},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON"},
		},
		Action: func(c *cli.Context) error {
			gold, corpus := c.String("gold"), c.String("corpus")
			if (gold == "") == (corpus == "") {
				return errors.New("eval: give exactly one of --gold and --corpus")
			}
			var (
				report interface{ WriteText(io.Writer) error }
				err    error
			)
			if gold != "" {
				report, err = eval.Score(c.String("out"), gold)
			} else {
				report, err = eval.ScoreCorpus(c.String("out"), corpus)
			}
			if err != nil {
				return err
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(report)
			}
			return report.WriteText(c.App.Writer)
		},
	}
}

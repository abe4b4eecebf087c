// Command build-dataset builds, queries and checks the Parley meetings dataset.
package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Name:  "build-dataset",
		Usage: "turn news articles into a dataset of meeting records",
		Description: "Parley reads articles (.txt, .jsonl, .jsonl.gz), extracts who met whom, when, where and\n" +
			"about what, merges reports of the same meeting, validates every record against schemas/\n" +
			"and writes Parquet and CSV tables.\n\n" +
			"Example:\n   build-dataset build --input corpus/sample --out out\n" +
			"   build-dataset query \"select date, place from meetings order by date\"",
		Commands: []*cli.Command{
			buildCommand(),
			releaseCommand(),
			queryCommand(),
			validateCommand(),
			evalCommand(),
			explainCommand(),
			genCorpusCommand(),
		},
	}
	if err := app.Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "build-dataset:", err)
		os.Exit(1)
	}
}

// outFlag is the --out flag every command that touches a built dataset takes.
var outFlag = &cli.StringFlag{Name: "out", Value: "out", Usage: "dataset `DIR`"}

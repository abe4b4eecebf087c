package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/audit"
)

// validateCommand re-checks a built dataset from its files.
func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "re-check a built dataset from its files",
		UsageText: "build-dataset validate [--out DIR] [--json]",
		Description: "Reads the Parquet and CSV files back and checks every row against its schema, primary and\n" +
			"foreign keys, the counts tables keep of each other, mention offsets, dates of held meetings,\n" +
			"that CSV and Parquet hold the same values, and that manifest.json accounts for every input\n" +
			"unit. Prints one line per check and up to 20 failing rows under each failure; exits with\n" +
			"status 1 when an error-level check fails.\n\n" +
			"Example:\n" +
			"   build-dataset validate --out out\n" +
			"   build-dataset validate --json > validation.json",
		Flags: []cli.Flag{
			outFlag,
			&cli.BoolFlag{Name: "json", Usage: "print the checks as JSON"},
		},
		Action: func(c *cli.Context) error {
			checks, err := audit.Run(c.Context, c.String("out"))
			if err != nil {
				return err
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				err = enc.Encode(checks)
			} else {
				err = writeChecks(c.App.Writer, checks)
			}
			if err != nil {
				return err
			}
			failed := 0
			for _, ch := range checks {
				if ch.Failed() {
					failed++
				}
			}
			if failed > 0 {
				return cli.Exit(fmt.Sprintf("validate: %d of %d checks failed", failed, len(checks)), 1)
			}
			return nil
		},
	}
}

// writeChecks prints one aligned line per check; under a check that did not
// pass, what it wants and its failing rows.
func writeChecks(w io.Writer, checks []audit.Check) error {
	width := 0
	for _, ch := range checks {
		width = max(width, len(ch.Name))
	}
	bw := bufio.NewWriter(w)
	for _, ch := range checks {
		fmt.Fprintf(bw, "%-4s  %-*s  %s\n", statusLabel[ch.Status], width, ch.Name, ch.Observed)
		if ch.Status == audit.StatusPass {
			continue
		}
		fmt.Fprintf(bw, "      want: %s\n", ch.Threshold)
		for _, f := range ch.Failures {
			fmt.Fprintf(bw, "      - %s\n", f)
		}
	}
	return bw.Flush()
}

var statusLabel = map[string]string{audit.StatusPass: "ok", audit.StatusWarn: "WARN", audit.StatusFail: "FAIL"}

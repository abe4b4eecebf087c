package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/release"
)

func releaseCommand() *cli.Command {
	return &cli.Command{
		Name:      "release",
		Usage:     "make a versioned release of a built dataset",
		UsageText: "build-dataset release --version YYYY.MM.DD [--out DIR] [--previous DIR] [--input PATH]...",
		Description: "Checks the dataset in --out and writes DIR/release/<version>/: the Parquet and CSV tables,\n" +
			"datapackage.json, README.md (the dataset card), CITATION.cff, changes.json and CHANGES.md,\n" +
			"statistics.json, validation.json, report.html, SHA256SUMS and parley-<version>.tar.gz.\n" +
			"A failing error-level check stops the release and nothing is written.\n\n" +
			"Example:\n   build-dataset build --input corpus/sample --out out\n" +
			"   build-dataset release --version 2025.03.31 --out out --input corpus/sample --previous out/release/2025.02.28",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "version", Required: true, Usage: "release `VERSION`, YYYY.MM.DD"},
			outFlag,
			&cli.StringFlag{Name: "previous", Usage: "earlier release `DIR` to list the changes against"},
			&cli.StringSliceFlag{Name: "input", Aliases: []string{"i"}, Usage: "input `PATH` the dataset was built from, named in the card; repeat for more"},
		},
		Action: func(c *cli.Context) error {
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			opts := release.Options{
				Dataset:  c.String("out"),
				Version:  c.String("version"),
				Dest:     filepath.Join(c.String("out"), "release", c.String("version")),
				Previous: c.String("previous"),
				Inputs:   c.StringSlice("input"),
			}
			if err := release.Make(ctx, opts); err != nil {
				return err
			}
			if err := release.Verify(opts.Dest); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "released %s: %s (open report.html first; sha256sum -c %s passes)\n",
				opts.Version, opts.Dest, release.SumsFile)
			return nil
		},
	}
}

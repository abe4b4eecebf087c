package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/pipeline"
	"github.com/parleydata/parley/pipeline/dedup"
	"github.com/parleydata/parley/refdata"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "build the dataset from articles",
		UsageText: "build-dataset build [--input PATH]... [--out DIR] [--workers N] [--actors FILE]",
		Description: "Reads .txt, .jsonl and .jsonl.gz files (folders recursively), extracts meetings, merges\n" +
			"reports of the same meeting and writes out/parquet/<table>.parquet and out/csv/<table>.csv.\n" +
			"The previous dataset stays in place until the new one is complete.\n\n" +
			"Example:\n   build-dataset build --input corpus/sample --input more/news.jsonl.gz --out out",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "input", Aliases: []string{"i"}, Value: cli.NewStringSlice("corpus/sample"), Usage: "article `PATH` (file or folder); repeat for more"},
			outFlag,
			&cli.IntFlag{Name: "workers", Usage: "extraction workers (default: number of cores)"},
			&cli.StringFlag{Name: "actors", Usage: "CSV `FILE` of extra actors (see refdata docs); its entries win over the built-in registry"},
			&cli.StringFlag{Name: "judgements", Usage: "CSV `FILE` of curator judgements: kind,a,b,relation,note (actor|meeting, same|different)"},
			&cli.StringFlag{Name: "cache", Usage: "`DIR` keeping extractions between builds, so a rebuild extracts only new or changed articles (default: OUT/.cache; \"-\" for none)"},
			&cli.StringFlag{Name: "previous", Usage: "built dataset `DIR` whose ids to keep stable (default: --out; \"-\" for none)"},
			&cli.IntFlag{Name: "memory-limit", Value: 1024, Usage: "soft limit on the build's memory in `MiB`: past it, the garbage collector works harder instead of letting the heap double (0: none; GOMEMLIMIT, when set, wins)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress lines"},
		},
		Action: func(c *cli.Context) error {
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			if mib := int64(c.Int("memory-limit")); mib > 0 && os.Getenv("GOMEMLIMIT") == "" {
				debug.SetMemoryLimit(mib << 20)
			}
			registry := refdata.DefaultRegistry()
			if f := c.String("actors"); f != "" {
				user, err := refdata.LoadRegistry(f)
				if err != nil {
					return err
				}
				registry = registry.With(user)
			}
			cfg := pipeline.Config{Inputs: c.StringSlice("input"), Out: c.String("out"), Workers: c.Int("workers"), Registry: registry, Previous: c.String("previous")}
			switch cfg.Cache = c.String("cache"); cfg.Cache {
			case "":
				cfg.Cache = filepath.Join(cfg.Out, ".cache")
			case "-":
				cfg.Cache = ""
			}
			if f := c.String("judgements"); f != "" {
				js, err := dedup.ReadJudgements(f)
				if err != nil {
					return err
				}
				cfg.Judgements = js
			}
			if !c.Bool("quiet") {
				cfg.Progress = os.Stderr
			}
			s, err := pipeline.Build(ctx, cfg)
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "built %s: %d input units (%d files, %d ignored) -> %d articles (%d extracted, %d from cache), %d meetings, %d mentions, %d participants, %d actors, %d rejects in %.1fs\n",
				cfg.Out, s.Units, s.Files, s.Ignored, s.Articles, s.Articles-s.Cached, s.Cached, s.Meetings, s.Mentions, s.Participants, s.Actors, s.Rejects, s.Seconds)
			return nil
		},
	}
}

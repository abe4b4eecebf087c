package main

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/gencorpus"
)

func genCorpusCommand() *cli.Command {
	return &cli.Command{
		Name:      "gen-corpus",
		Usage:     "generate a synthetic corpus for benchmarks and scale tests",
		UsageText: "build-dataset gen-corpus --articles N [--seed S] --out DIR",
		Description: "Writes N invented news articles as JSONL shards DIR/part-00000.jsonl, ... of 10,000 each:\n" +
			"meeting reports (held, planned, cancelled), articles without a meeting, reprints, officials\n" +
			"under several spellings, 2-6 KB each. The same seed gives the same bytes, and a larger N\n" +
			"with the same seed keeps the first articles, so it can grow a corpus for incremental builds.\n\n" +
			"Example:\n   build-dataset gen-corpus --articles 100000 --seed 1 --out /tmp/corpus\n" +
			"   build-dataset build --input /tmp/corpus --out /tmp/out",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "articles", Aliases: []string{"n"}, Value: 10_000, Usage: "number of articles `N`"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed `S`"},
			&cli.StringFlag{Name: "out", Required: true, Usage: "corpus `DIR` (created if missing)"},
			&cli.IntFlag{Name: "workers", Usage: "shards generated at once (default: number of cores)"},
		},
		Action: func(c *cli.Context) error {
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			started := time.Now()
			s, err := gencorpus.Write(ctx, c.String("out"), gencorpus.Options{
				Articles: c.Int("articles"), Seed: c.Uint64("seed"), Workers: c.Int("workers"),
			})
			if err != nil {
				return err
			}
			kinds := make([]string, len(s.Kinds))
			for k, n := range s.Kinds {
				kinds[k] = fmt.Sprintf("%d %s", n, gencorpus.Kind(k))
			}
			fmt.Fprintf(os.Stderr, "wrote %s: %d articles (%s) in %d files, %.1f MB of text (%.1f MB on disk) in %.1fs\n",
				c.String("out"), s.Articles, strings.Join(kinds, ", "), s.Files, float64(s.TextBytes)/1e6, float64(s.FileBytes)/1e6, time.Since(started).Seconds())
			return nil
		},
	}
}

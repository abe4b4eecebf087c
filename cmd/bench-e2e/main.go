// Command bench-e2e measures a whole Parley build against the floor: it
// generates a corpus, times cmd/floor and `build-dataset build` on it, and
// prints articles per second, MB per second, peak RSS and the ratio of the
// build's time to the floor's. With -grow it then adds articles to the
// corpus and times the rebuild, which the extraction cache should make
// short.
//
//	go build -o bin/ ./cmd/build-dataset ./cmd/floor
//	go run ./cmd/bench-e2e -articles 100000 -grow 1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/parleydata/parley/gencorpus"
)

func main() {
	var cfg config
	flag.IntVar(&cfg.articles, "articles", 100_000, "articles in the generated corpus")
	flag.Uint64Var(&cfg.seed, "seed", 1, "corpus seed")
	flag.Float64Var(&cfg.grow, "grow", 0, "after the build, add this `percent` of articles and time the rebuild (0: no rebuild)")
	flag.StringVar(&cfg.dir, "dir", "", "work `DIR` for the corpus and the dataset (default: a temporary one, removed afterwards)")
	flag.StringVar(&cfg.buildDataset, "build-dataset", "bin/build-dataset", "build-dataset `binary`")
	flag.StringVar(&cfg.floor, "floor", "bin/floor", "floor `binary`")
	flag.IntVar(&cfg.workers, "workers", 0, "build --workers (default: the build's own default)")
	flag.Parse()
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench-e2e:", err)
		os.Exit(1)
	}
}

type config struct {
	articles            int
	seed                uint64
	grow                float64
	dir                 string
	buildDataset, floor string
	workers             int
}

// measurement is one timed run of a program.
type measurement struct {
	seconds    float64 // wall time
	cpuSeconds float64 // user and system time: what the run cost on a shared machine
	peakRSS    int64   // bytes
}

func run(ctx context.Context, cfg config) error {
	dir := cfg.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "parley-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	corpus, out := filepath.Join(dir, "corpus"), filepath.Join(dir, "out")

	started := time.Now()
	stats, err := gencorpus.Write(ctx, corpus, gencorpus.Options{Articles: cfg.articles, Seed: cfg.seed})
	if err != nil {
		return err
	}
	fmt.Printf("corpus: %d articles in %d files, %.1f MB of text, %.1f MB of JSONL, generated in %.1fs\n",
		stats.Articles, stats.Files, mb(stats.TextBytes), mb(stats.FileBytes), time.Since(started).Seconds())

	// The first floor run brings the corpus into the page cache, so that
	// the floor and the build both read from memory.
	if _, err := measure(ctx, cfg.floor, corpus); err != nil {
		return err
	}
	floor, err := measure(ctx, cfg.floor, corpus)
	if err != nil {
		return err
	}
	report("floor", floor, stats)
	build, err := measure(ctx, cfg.buildDataset, buildArgs(cfg, corpus, out)...)
	if err != nil {
		return err
	}
	report("build", build, stats)
	fmt.Printf("build/floor: %.1fx wall, %.1fx CPU (bar: 8x)\n", build.seconds/floor.seconds, build.cpuSeconds/floor.cpuSeconds)

	if cfg.grow <= 0 {
		return nil
	}
	grown := cfg.articles + int(float64(cfg.articles)*cfg.grow/100)
	// The same seed keeps the articles already there: only the new ones
	// are new to the build.
	grownStats, err := gencorpus.Write(ctx, corpus, gencorpus.Options{Articles: grown, Seed: cfg.seed})
	if err != nil {
		return err
	}
	rebuild, err := measure(ctx, cfg.buildDataset, buildArgs(cfg, corpus, out)...)
	if err != nil {
		return err
	}
	report(fmt.Sprintf("rebuild +%d", grown-cfg.articles), rebuild, grownStats)
	fmt.Printf("rebuild/build: %.1f%% wall, %.1f%% CPU (bar: 15%%)\n", 100*rebuild.seconds/build.seconds, 100*rebuild.cpuSeconds/build.cpuSeconds)
	return nil
}

func buildArgs(cfg config, corpus, out string) []string {
	args := []string{"build", "--quiet", "--input", corpus, "--out", out}
	if cfg.workers > 0 {
		args = append(args, "--workers", strconv.Itoa(cfg.workers))
	}
	return args
}

// measure runs a program to its end and reads its wall time and peak
// resident memory from the kernel.
func measure(ctx context.Context, program string, args ...string) (measurement, error) {
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	started := time.Now()
	err := cmd.Run()
	elapsed := time.Since(started).Seconds()
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
		return measurement{}, fmt.Errorf("%w (build it: go build -o bin/ ./cmd/build-dataset ./cmd/floor)", err)
	}
	if err != nil {
		return measurement{}, fmt.Errorf("%s: %w", program, err)
	}
	m := measurement{seconds: elapsed}
	m.cpuSeconds = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.peakRSS = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return m, nil
}

func report(name string, m measurement, s gencorpus.Stats) {
	fmt.Printf("%s: %.2fs (CPU %.2fs), %.0f articles/s, %.1f MB/s of JSONL, peak RSS %.0f MB\n",
		name, m.seconds, m.cpuSeconds, float64(s.Articles)/m.seconds, mb(s.FileBytes)/m.seconds, mb(m.peakRSS))
}

func mb(n int64) float64 { return float64(n) / 1e6 }

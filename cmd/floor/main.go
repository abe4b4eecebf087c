// Command floor is the speed floor of a Parley build: the least any program
// must do with a JSONL corpus, namely read every file, decode each line's
// text and split it into words. A build's time is reported as a multiple of
// the floor's time on the same corpus, so the ratio means the same on any
// machine.
//
// It runs on one core, as a minimal program does.
//
//	floor DIR|FILE...
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DIR|FILE...")
		os.Exit(2)
	}
	started := time.Now()
	var c counts
	for _, root := range os.Args[1:] {
		if err := c.walk(root); err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
	}
	seconds := time.Since(started).Seconds()
	fmt.Printf("floor: %d files, %d articles, %d words, %.1f MB in %.2fs: %.1f MB/s, %.0f articles/s\n",
		c.files, c.articles, c.words, float64(c.bytes)/1e6, seconds, float64(c.bytes)/1e6/seconds, float64(c.articles)/seconds)
}

type counts struct {
	files, articles, words, bytes int64
}

func (c *counts) walk(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".jsonl") {
			return err
		}
		return c.file(path)
	})
}

func (c *counts) file(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var line struct {
		Text string `json:"text"`
	}
	for n := 1; sc.Scan(); n++ {
		c.bytes += int64(len(sc.Bytes())) + 1
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		c.words += int64(len(strings.Fields(line.Text)))
		c.articles++
	}
	c.files++
	return sc.Err()
}

package pipeline

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress prints a line on stderr every few seconds while articles flow,
// and one when a stage starts: readable on a terminal and in CI logs alike.
type progress struct {
	w     io.Writer
	mu    sync.Mutex
	start time.Time
	last  time.Time
	done  int
	every time.Duration
	noted map[string]bool // messages already printed
}

func newProgress(w io.Writer) *progress {
	now := time.Now()
	return &progress{w: w, start: now, last: now, every: 2 * time.Second}
}

func (p *progress) tick() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		secs := now.Sub(p.start).Seconds()
		fmt.Fprintf(p.w, "extract: %d articles, %.0f/s\n", p.done, float64(p.done)/secs)
	}
}

func (p *progress) stage(name string, n int) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "%s: %d records after %.1fs\n", name, n, time.Since(p.start).Seconds())
}

// note prints a message once per build.
func (p *progress) note(msg string) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.noted == nil {
		p.noted = map[string]bool{}
	}
	if !p.noted[msg] {
		p.noted[msg] = true
		fmt.Fprintln(p.w, msg)
	}
}

package dedup_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/gencorpus"
	"github.com/parleydata/parley/pipeline/dedup"
	"github.com/parleydata/parley/pipeline/extract"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

// BenchmarkDedup merges PARLEY_BENCH_MENTIONS mentions (default 1,000,000;
// 20,000 with -short) and reports the memory dedup needs on top of its input:
//
//	input-MiB      live heap before Run: the mentions, the articles, the registry
//	peak-heap-MiB  peak of the heap during Run, input included, with the garbage
//	               not yet collected: what the process's RSS follows
//	peak-live-MiB  peak of the heap marked live by a collection during Run,
//	               input included; a lower bound, as collections are sparse
//	result-MiB     live heap of the Result once Run returns
//	B/mention      (peak-heap − input) per mention: dedup's own memory
//
// The mentions are shaped like a large build's: their text and fields come
// from extracting generated articles; their parties are registry officials
// and 20,000 invented people, drawn with a Zipf law (a few meet very often,
// most rarely; the busiest pair meets a few times a year); each meeting is
// reported by one to four articles over nine years.
func BenchmarkDedup(b *testing.B) {
	n := 1_000_000
	if testing.Short() {
		n = 20_000
	}
	if s := os.Getenv("PARLEY_BENCH_MENTIONS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatalf("PARLEY_BENCH_MENTIONS=%q: %v", s, err)
		}
	}
	registry := refdata.DefaultRegistry()
	mentions, articles := syntheticMentions(b, registry, n)
	input := liveHeap()
	b.ReportAllocs()
	var peak heapPeak
	var r *dedup.Result
	cpu := cpuSeconds()
	for b.Loop() {
		r = nil // the previous result is not part of this run's memory
		stop := watchHeap(&peak)
		r = dedup.Run(mentions, articles, dedup.Options{Registry: registry})
		stop()
		if len(r.Meetings) == 0 || len(r.Meetings) >= n {
			b.Fatalf("%d mentions gave %d meetings", n, len(r.Meetings))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "mentions/s")
	// CPU time stays meaningful on a machine shared with other work.
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
	b.StopTimer()
	result := liveHeap() - input
	// The input is kept alive, or its freeing would hide the result's size.
	runtime.KeepAlive(mentions)
	runtime.KeepAlive(articles)
	runtime.KeepAlive(r)
	const mib = 1 << 20
	b.ReportMetric(float64(input)/mib, "input-MiB")
	b.ReportMetric(float64(peak.heap)/mib, "peak-heap-MiB")
	b.ReportMetric(float64(peak.live)/mib, "peak-live-MiB")
	b.ReportMetric(float64(result)/mib, "result-MiB")
	b.ReportMetric(float64(peak.heap-input)/float64(n), "B/mention")
}

// liveHeap collects garbage and returns the bytes of live heap objects.
func liveHeap() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// cpuSeconds is the user and system time of this process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// heapPeak holds the peaks watchHeap saw.
type heapPeak struct {
	heap uint64 // heap objects, live or not yet collected
	live uint64 // heap objects the last collection marked live
}

// watchHeap samples the heap every few milliseconds and raises the peaks in
// *peak until stop is called.
func watchHeap(peak *heapPeak) (stop func()) {
	var done atomic.Bool
	finished := make(chan struct{})
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	go func() {
		defer close(finished)
		for !done.Load() {
			metrics.Read(samples)
			peak.heap = max(peak.heap, samples[0].Value.Uint64())
			peak.live = max(peak.live, samples[1].Value.Uint64())
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}

// syntheticMentions builds n mentions from the extractions of a small
// generated corpus, recast onto registry officials and random days.
func syntheticMentions(b *testing.B, registry *refdata.Registry, n int) ([]extract.Mention, map[string]dedup.Article) {
	units, err := gencorpus.Units(b.TempDir(), 1, 150)
	if err != nil {
		b.Fatal(err)
	}
	ex := extract.New(registry)
	var templates []extract.Mention
	for _, u := range units {
		templates = append(templates, ex.Extract(parse.Parse(u))...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	people := cast(r, registry)
	zipf := rand.NewZipf(r, 1.1, 50, uint64(len(people)-1))
	first, _ := parley.NewDate(2016, 1, 1)
	mentions := make([]extract.Mention, 0, n)
	articles := make(map[string]dedup.Article, n)
	for len(mentions) < n {
		parties := []extract.Party{people[zipf.Uint64()], people[zipf.Uint64()]}
		if parties[0].Name == parties[1].Name {
			continue
		}
		if r.IntN(10) == 0 {
			parties = append(parties, people[r.IntN(len(people))])
		}
		day := first.AddDays(r.IntN(9 * 365))
		reports := 1 + min(r.IntN(4), r.IntN(4)) // one to four articles, mostly one or two
		for range min(reports, n-len(mentions)) {
			m := templates[r.IntN(len(templates))]
			m.ArticleID = fmt.Sprintf("art_%012x", len(mentions))
			m.Published = day.AddDays(r.IntN(3))
			m.Parties = parties
			m.Date.Date, m.Date.DateEnd = day, parley.Date{}
			m.Date.Precision, m.Date.Weekday = parley.PrecisionDay, day.Weekday().String()
			if r.IntN(8) == 0 { // "on Tuesday" with no publication date
				m.Date.Date, m.Date.Precision, m.Published = parley.Date{}, parley.PrecisionWeekday, parley.Date{}
			}
			mentions = append(mentions, m)
			articles[m.ArticleID] = dedup.Article{ID: m.ArticleID, Published: m.Published, Outlet: m.Outlet}
		}
	}
	return mentions, articles
}

// cast returns the people of the synthetic mentions: the registry's
// officials first, the most often drawn, then invented people of random
// countries whose surnames are built from syllables.
func cast(r *rand.Rand, registry *refdata.Registry) []extract.Party {
	var people []extract.Party
	for _, a := range registry.Actors() {
		if a.Kind == parley.PartyPerson && len(a.Offices) > 0 {
			people = append(people, extract.Party{Name: a.Name, NameAsReported: a.Name, Role: a.Offices[0].Role, Country: a.Country, Kind: a.Kind})
		}
	}
	countries := refdata.Countries()
	given := strings.Fields("Adam Amir Ana Boris Chen Dara Elif Farid Hana Ivan Jamal Karin Lena Malik Nadia Omar Pavel Rania Sami Tariq Umar Vera Wei Yusuf Zara")
	syllables := strings.Fields("ka ro mi sa to ne li va do ra be zo ha ni ku ta le mo si fa gu ri pe no la de vi sha khal ar")
	endings := strings.Fields("ov ev in ani ian ez oglu escu sen ski enko ides")
	for range 20_000 {
		first := pick(r, syllables)
		surname := strings.ToUpper(first[:1]) + first[1:] + pick(r, syllables) + pick(r, endings)
		name := pick(r, given) + " " + surname
		people = append(people, extract.Party{Name: name, NameAsReported: name, Role: "deputy foreign minister",
			Country: pick(r, countries).ISO3, Kind: parley.PartyPerson})
	}
	return people
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

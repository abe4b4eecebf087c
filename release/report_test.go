package release

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parleydata/parley/pipeline/write/writetest"
)

// pwned is what the hostile sample's text does if a browser ever runs it.
const pwned = `document.documentElement.setAttribute('data-pwned','1')`

// hostileSample is the sample with article-derived text that would run
// script if the report put it into the page as HTML.
func hostileSample() *writetest.Dataset {
	d := writetest.Sample()
	d.Meetings[0].Place = ptr(`<img src=x onerror="` + pwned + `">`)
	d.Meetings[0].Topics = append(d.Meetings[0].Topics, `</title><script>`+pwned+`</script>`)
	m := &d.Mentions[0]
	m.Sentence = `He said "</script><script>` + pwned + `</script>" & left <!-- quietly`
	m.End = m.Start + int64(len([]rune(m.Sentence)))
	d.Articles[0].URL = ptr("javascript:" + pwned)
	d.Articles[0].Title = ptr(`<svg onload="` + pwned + `">`)
	return d
}

// loadingMarkup is markup that makes a browser fetch something.
var loadingMarkup = regexp.MustCompile(`<[a-z][^>]*\s(src|srcset|background|poster|data|xlink:href)="|<(link|iframe|object|embed|base|image|use)\b|@import|url\(`)

var dataBlock = regexp.MustCompile(`(?s)<script type="application/json" id="parley-data">(.*?)</script>`)

// TestReportEscapesArticleText checks the page as written: article text
// appears only escaped, the embedded data reads back unchanged, and
// nothing is loaded from anywhere.
func TestReportEscapesArticleText(t *testing.T) {
	t.Parallel()
	d := hostileSample()
	dest := makeRelease(t, writeBuild(t, d), "2025.01.31", "")
	page, err := os.ReadFile(filepath.Join(dest, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, bad := range []string{"<script>" + pwned, "<img src=x", `onerror="`, "<svg onload", "</title><script>", "<!-- quietly"} {
		if strings.Contains(html, bad) {
			t.Errorf("report.html holds %q unescaped", bad)
		}
	}
	if n := strings.Count(html, "<script"); n != 2 {
		t.Errorf("report.html has %d script elements, want 2 (data and code)", n)
	}
	if loads := loadingMarkup.FindAllString(html, -1); loads != nil {
		t.Errorf("report.html loads something: %q", loads)
	}
	block := dataBlock.FindStringSubmatch(html)
	if block == nil {
		t.Fatal("report.html has no data block")
	}
	var table meetingTable
	if err := json.Unmarshal([]byte(block[1]), &table); err != nil {
		t.Fatalf("data block is not JSON: %v", err)
	}
	if len(table.Meetings) != 2 || table.Meetings[0].Place != *d.Meetings[0].Place || table.Meetings[0].Evidence[0].Sentence != d.Mentions[0].Sentence {
		t.Errorf("data block does not carry the text unchanged: %+v", table.Meetings)
	}
}

// errorHook reports script errors and blocked loads as attributes of the
// page, where the dumped DOM shows them.
const errorHook = `<script>
window.onerror = function (m) { document.documentElement.setAttribute("data-js-error", String(m)); };
window.addEventListener("securitypolicyviolation", function (e) {
  document.documentElement.setAttribute("data-csp-violation", e.violatedDirective + " " + e.blockedURI);
});
</script>`

// TestReportInBrowser opens report.html in headless Chromium and checks
// the DOM after its script ran: the charts, the table rows, a meeting
// expanded to its evidence, no script error, no console message, no
// blocked load, and none of the hostile text run.
func TestReportInBrowser(t *testing.T) {
	t.Parallel()
	if testing.Short() && os.Getenv("PARLEY_BROWSER_TEST") != "1" {
		t.Skip("-short: report.html is not checked in a browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("PARLEY_BROWSER_TEST") == "1" {
			t.Fatal("PARLEY_BROWSER_TEST=1 but chromium is not installed: run make browser-test, which installs it")
		}
		t.Skip("chromium is not installed: report.html is not checked in a browser (make browser-test installs it and runs this test)")
	}
	dest := makeRelease(t, writeBuild(t, hostileSample()), "2025.01.31", "")
	page, err := os.ReadFile(filepath.Join(dest, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	hooked := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(hooked, bytes.Replace(page, []byte("<head>"), []byte("<head>"+errorHook), 1), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("overview", func(t *testing.T) {
		dom := dumpDOM(t, chromium, "file://"+hooked)
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`(?s)<svg id="timeline".*?<rect class="held"`),
			regexp.MustCompile(`(?s)<svg id="timeline".*?<rect class="planned"`),
			regexp.MustCompile(`(?s)<svg id="actors".*?<rect class="bar"`),
			regexp.MustCompile(`(?s)<svg id="pairs".*?<rect class="bar"`),
			regexp.MustCompile(`(?s)<svg id="map".*?<circle class="place"`),
			regexp.MustCompile(`<span id="match-count"[^>]*>2 of 2 meetings</span>`),
		} {
			if !want.MatchString(dom) {
				t.Errorf("rendered page lacks %s", want)
			}
		}
		if n := strings.Count(dom, `<tr class="meeting"`); n != 2 {
			t.Errorf("table has %d meeting rows, want 2", n)
		}
	})
	t.Run("evidence", func(t *testing.T) {
		dom := dumpDOM(t, chromium, "file://"+hooked+"#mtg_00000000000000a1")
		if n := strings.Count(dom, `<tr class="meeting"`); n != 1 {
			t.Errorf("table has %d meeting rows for #mtg_00000000000000a1, want 1", n)
		}
		if n := strings.Count(dom, `<tr class="evidence"`); n != 1 {
			t.Errorf("%d evidence rows, want the linked meeting's", n)
		}
		if !strings.Contains(dom, `<q>He said "&lt;/script&gt;&lt;script&gt;`) {
			t.Error("the evidence sentence is not shown as text")
		}
		if strings.Contains(dom, `href="javascript:`) {
			t.Error("an article URL became a javascript: link")
		}
		if !strings.Contains(dom, `<a href="https://tass.example/1"`) && !strings.Contains(dom, "irna-1") {
			t.Error("the evidence names no article")
		}
	})
}

// dumpDOM loads url in headless Chromium and returns the DOM after the
// page's script ran. It fails the test on any script error, console
// message or blocked load, and if the hostile text ran.
func dumpDOM(t *testing.T, chromium, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--dump-dom", url)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := stdout.String()
	if !strings.Contains(dom, "</html>") {
		t.Fatalf("chromium dumped no page:\n%s\n%s", dom, stderr.String())
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			t.Errorf("console message: %s", line)
		}
	}
	for _, marker := range []string{"data-js-error", "data-csp-violation", `data-pwned="1"`} {
		if i := strings.Index(dom, marker); i >= 0 && strings.Contains(dom[:i], "<html") && !strings.Contains(dom[:i], "<head") {
			t.Errorf("page has %s", dom[i:min(len(dom), i+200)])
		}
	}
	return dom
}

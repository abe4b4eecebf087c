package release

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/parleydata/parley/duckdb"
)

var reportTemplate = template.Must(template.New("report.html.tmpl").ParseFS(templateFiles, "templates/report.html.tmpl"))

// The page's script and style, inserted verbatim: they are ours, and
// carry no data.
var (
	reportScript = template.JS(mustRead("templates/report.js"))
	reportStyle  = template.CSS(mustRead("templates/report.css"))
)

func mustRead(name string) string {
	b, err := templateFiles.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time
	}
	return string(b)
}

// site is everything report.html shows: the charts, laid out here as SVG
// geometry, and the meetings table, embedded as JSON for the page's script.
type site struct {
	Timeline timeline
	Actors   barChart
	Pairs    barChart
	Map      placeMap
	Table    meetingTable
}

// Chart sizes in SVG user units; the page scales them to its width.
const (
	chartWidth     = 960.0
	timelineHeight = 240.0
	barRowHeight   = 22.0
	barLabelWidth  = 300.0
	mapWidth       = 720.0
	mapHeight      = 360.0
	topN           = 15
)

// reportData queries everything the report shows.
func reportData(ctx context.Context, db *duckdb.DB) (*site, error) {
	s := &site{}
	steps := []struct {
		what string
		run  func() error
	}{
		{"timeline", func() (err error) { s.Timeline, err = timelineChart(ctx, db); return }},
		{"actors", func() (err error) { s.Actors, err = actorChart(ctx, db); return }},
		{"country pairs", func() (err error) { s.Pairs, err = pairChart(ctx, db); return }},
		{"map", func() (err error) { s.Map, err = mapChart(ctx, db); return }},
		{"meetings", func() (err error) { s.Table, err = tableData(ctx, db); return }},
	}
	for _, step := range steps {
		if err := step.run(); err != nil {
			return nil, fmt.Errorf("release: report %s: %w", step.what, err)
		}
	}
	return s, nil
}

// writeReport writes report.html.
func writeReport(w io.Writer, card cardData, s *site) error {
	return reportTemplate.Execute(w, struct {
		Card   cardData
		Site   *site
		Script template.JS
		Style  template.CSS
	}{card, s, reportScript, reportStyle})
}

// num formats an SVG coordinate.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// rect is one bar of a chart; Filter is what clicking it types into the
// table's search box.
type rect struct {
	X, Y, W, H   string
	Class, Title string
	Filter       string
}

type label struct {
	X, Y, Text, Anchor string
}

// timeline is meetings per month, stacked by status.
type timeline struct {
	Bars    []rect
	XLabels []label
	YLabels []label
	Grid    []string // y of the horizontal grid lines
	Months  int
	Undated int64
}

var statuses = []string{"held", "planned", "cancelled"}

func timelineChart(ctx context.Context, db *duckdb.DB) (timeline, error) {
	var tl timeline
	if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM meetings WHERE date IS NULL").Scan(&tl.Undated); err != nil {
		return tl, err
	}
	res, err := db.Query(ctx, `SELECT year(date), month(date), status, count(*) FROM meetings
		WHERE date IS NOT NULL GROUP BY ALL ORDER BY ALL`)
	if err != nil || len(res.Rows) == 0 {
		return tl, err
	}
	index := func(year, month int64) int { return int(year*12 + month - 1) }
	first := index(res.Rows[0][0].(int64), res.Rows[0][1].(int64))
	last := index(res.Rows[len(res.Rows)-1][0].(int64), res.Rows[len(res.Rows)-1][1].(int64))
	tl.Months = last - first + 1
	counts := make([]map[string]int64, tl.Months)
	for i := range counts {
		counts[i] = map[string]int64{}
	}
	for _, row := range res.Rows {
		counts[index(row[0].(int64), row[1].(int64))-first][row[2].(string)] += row[3].(int64)
	}
	var top int64 = 1
	for _, c := range counts {
		top = max(top, c["held"]+c["planned"]+c["cancelled"])
	}

	const left, bottom, topMargin = 40.0, 24.0, 8.0
	plotW, plotH := chartWidth-left-8, timelineHeight-bottom-topMargin
	step := plotW / float64(tl.Months)
	barW := min(step*0.8, 40)
	y := func(n int64) float64 { return topMargin + plotH - float64(n)/float64(top)*plotH }
	for _, n := range []int64{0, top / 2, top} {
		tl.Grid = append(tl.Grid, num(y(n)))
		tl.YLabels = append(tl.YLabels, label{X: num(left - 6), Y: num(y(n) + 4), Text: strconv.FormatInt(n, 10), Anchor: "end"})
	}
	// Up to two years: every month or every few; beyond: the Januaries of
	// every year or every few years.
	labelEvery := max(1, int(math.Ceil(float64(tl.Months)/12)))
	yearEvery := max(1, int(math.Ceil(float64(tl.Months)/12/12)))
	for i, c := range counts {
		year, month := (first+i)/12, (first+i)%12+1
		name := fmt.Sprintf("%04d-%02d", year, month)
		x := left + float64(i)*step
		var base int64
		for _, st := range statuses {
			n := c[st]
			if n == 0 {
				continue
			}
			tl.Bars = append(tl.Bars, rect{
				X: num(x + (step-barW)/2), Y: num(y(base + n)), W: num(barW), H: num(y(base) - y(base+n)),
				Class: st, Title: fmt.Sprintf("%s: %d %s", name, n, st), Filter: name,
			})
			base += n
		}
		text := ""
		switch {
		case tl.Months > 24:
			if month == 1 && year%yearEvery == 0 {
				text = strconv.Itoa(year)
			}
		case i%labelEvery == 0 && (i == 0 || month == 1):
			text = name
		case i%labelEvery == 0:
			text = time.Month(month).String()[:3]
		}
		if text != "" {
			tl.XLabels = append(tl.XLabels, label{X: num(x + step/2), Y: num(timelineHeight - 6), Text: text, Anchor: "middle"})
		}
	}
	return tl, nil
}

// barChart is a horizontal bar chart of the top items.
type barChart struct {
	Bars   []rect
	Labels []label
	Counts []label
	Height string
}

func newBarChart(names, filters []string, counts []int64) barChart {
	var c barChart
	var top int64 = 1
	for _, n := range counts {
		top = max(top, n)
	}
	plotW := chartWidth - barLabelWidth - 48
	for i, n := range counts {
		y := float64(i) * barRowHeight
		w := float64(n) / float64(top) * plotW
		c.Bars = append(c.Bars, rect{X: num(barLabelWidth), Y: num(y + 3), W: num(w), H: num(barRowHeight - 6),
			Class: "bar", Title: fmt.Sprintf("%s: %d meetings", names[i], n), Filter: filters[i]})
		c.Labels = append(c.Labels, label{X: num(barLabelWidth - 8), Y: num(y + barRowHeight/2 + 4), Text: names[i], Anchor: "end"})
		c.Counts = append(c.Counts, label{X: num(barLabelWidth + w + 6), Y: num(y + barRowHeight/2 + 4), Text: strconv.FormatInt(n, 10), Anchor: "start"})
	}
	c.Height = num(max(1, float64(len(counts))) * barRowHeight)
	return c
}

func actorChart(ctx context.Context, db *duckdb.DB) (barChart, error) {
	res, err := db.Query(ctx, fmt.Sprintf(`SELECT name, country, meeting_count FROM actors
		ORDER BY meeting_count DESC, name, actor_id LIMIT %d`, topN))
	if err != nil {
		return barChart{}, err
	}
	var names, filters []string
	var counts []int64
	for _, row := range res.Rows {
		name := row[0].(string)
		filters = append(filters, name)
		if country, ok := row[1].(string); ok {
			name += " (" + country + ")"
		}
		names = append(names, name)
		counts = append(counts, row[2].(int64))
	}
	return newBarChart(names, filters, counts), nil
}

func pairChart(ctx context.Context, db *duckdb.DB) (barChart, error) {
	res, err := db.Query(ctx, fmt.Sprintf(`SELECT country_a, country_b, count(*) AS n FROM dyads
		GROUP BY ALL ORDER BY n DESC, 1, 2 LIMIT %d`, topN))
	if err != nil {
		return barChart{}, err
	}
	var names, filters []string
	var counts []int64
	for _, row := range res.Rows {
		a, b := row[0].(string), row[1].(string)
		names = append(names, a+" – "+b)
		filters = append(filters, a+" "+b)
		counts = append(counts, row[2].(int64))
	}
	return newBarChart(names, filters, counts), nil
}

// placeMap is a scatter of meeting places on an equirectangular grid of
// longitude and latitude.
type placeMap struct {
	Dots      []dot
	Labels    []label
	Meridians []string // x of every 30° of longitude
	Parallels []string // y of every 30° of latitude
	Unplaced  int64
}

type dot struct {
	X, Y, R, Title, Filter string
}

func mapChart(ctx context.Context, db *duckdb.DB) (placeMap, error) {
	var m placeMap
	if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM meetings WHERE latitude IS NULL OR longitude IS NULL").Scan(&m.Unplaced); err != nil {
		return m, err
	}
	for lon := -180; lon <= 180; lon += 30 {
		m.Meridians = append(m.Meridians, num(float64(lon+180)/360*mapWidth))
	}
	for lat := -90; lat <= 90; lat += 30 {
		m.Parallels = append(m.Parallels, num(float64(90-lat)/180*mapHeight))
	}
	res, err := db.Query(ctx, `SELECT coalesce(place, country, '?'), latitude, longitude, count(*) AS n FROM meetings
		WHERE latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY ALL ORDER BY n DESC, 1, 2, 3`)
	if err != nil {
		return m, err
	}
	for i, row := range res.Rows {
		place, lat, lon, n := row[0].(string), row[1].(float64), row[2].(float64), row[3].(int64)
		x, y := (lon+180)/360*mapWidth, (90-lat)/180*mapHeight
		m.Dots = append(m.Dots, dot{X: num(x), Y: num(y), R: num(3 + 2*math.Sqrt(float64(n))),
			Title: fmt.Sprintf("%s: %d meetings", place, n), Filter: place})
		if i < 10 {
			m.Labels = append(m.Labels, label{X: num(x + 6 + 2*math.Sqrt(float64(n))), Y: num(y + 4), Text: place, Anchor: "start"})
		}
	}
	return m, nil
}

// meetingTable is the data of the searchable table, embedded in the page
// as JSON. Articles are listed once and referred to by index.
type meetingTable struct {
	Meetings []tableMeeting `json:"meetings"`
	Articles []tableArticle `json:"articles"`
}

type tableMeeting struct {
	ID         string        `json:"id"`
	Date       string        `json:"date"` // YYYY-MM-DD, or "" when the day is not known
	Precision  string        `json:"precision"`
	DateText   string        `json:"date_text"`
	Place      string        `json:"place"`
	Country    string        `json:"country"`
	Status     string        `json:"status"`
	Mode       string        `json:"mode"`
	Kind       string        `json:"kind"`
	Who        []string      `json:"who"`
	Topics     []string      `json:"topics"`
	Sources    int64         `json:"sources"`
	Confidence float64       `json:"confidence"`
	Evidence   []evidenceRef `json:"evidence"`
}

type evidenceRef struct {
	Sentence string `json:"sentence"`
	Status   string `json:"status"`
	Article  int    `json:"article"`
}

type tableArticle struct {
	SourceID  string `json:"source_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

func tableData(ctx context.Context, db *duckdb.DB) (meetingTable, error) {
	t := meetingTable{Meetings: []tableMeeting{}, Articles: []tableArticle{}}
	meetings, err := db.Query(ctx, `SELECT meeting_id, coalesce(strftime(date, '%Y-%m-%d'), ''), date_precision, coalesce(date_text, ''),
		coalesce(place, ''), coalesce(country, ''), status, mode, kind, topics, source_count, confidence
		FROM meetings ORDER BY date NULLS LAST, meeting_id`)
	if err != nil {
		return t, err
	}
	byID := map[string]*tableMeeting{}
	t.Meetings = make([]tableMeeting, len(meetings.Rows))
	for i, r := range meetings.Rows {
		t.Meetings[i] = tableMeeting{
			ID: r[0].(string), Date: r[1].(string), Precision: r[2].(string), DateText: r[3].(string),
			Place: r[4].(string), Country: r[5].(string), Status: r[6].(string), Mode: r[7].(string), Kind: r[8].(string),
			Who: []string{}, Topics: stringList(r[9]), Sources: r[10].(int64), Confidence: r[11].(float64), Evidence: []evidenceRef{},
		}
		byID[t.Meetings[i].ID] = &t.Meetings[i]
	}

	people, err := db.Query(ctx, `SELECT meeting_id, name || coalesce(' (' || country || ')', '') FROM participants ORDER BY meeting_id, name, actor_id`)
	if err != nil {
		return t, err
	}
	for _, r := range people.Rows {
		if m := byID[r[0].(string)]; m != nil {
			m.Who = append(m.Who, r[1].(string))
		}
	}

	evidence, err := db.Query(ctx, `SELECT x.meeting_id, x.sentence, x.status_as_reported, a.article_id, a.source_id,
		coalesce(a.title, ''), coalesce(a.outlet, ''), coalesce(a.url, ''), coalesce(strftime(a.published, '%Y-%m-%d'), '')
		FROM mentions x JOIN articles a USING (article_id)
		ORDER BY x.meeting_id, a.published NULLS LAST, a.source_id, x.start, x.mention_id`)
	if err != nil {
		return t, err
	}
	articleIndex := map[string]int{}
	for _, r := range evidence.Rows {
		m := byID[r[0].(string)]
		if m == nil {
			continue
		}
		id := r[3].(string)
		i, ok := articleIndex[id]
		if !ok {
			i = len(t.Articles)
			articleIndex[id] = i
			t.Articles = append(t.Articles, tableArticle{SourceID: r[4].(string), Title: r[5].(string), Outlet: r[6].(string), URL: r[7].(string), Published: r[8].(string)})
		}
		m.Evidence = append(m.Evidence, evidenceRef{Sentence: r[1].(string), Status: r[2].(string), Article: i})
	}
	return t, nil
}

// stringList converts a DuckDB VARCHAR[] value.
func stringList(v any) []string {
	out := []string{}
	items, _ := v.([]any)
	for _, item := range items {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

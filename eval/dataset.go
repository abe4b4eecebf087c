package eval

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/parleydata/parley"
)

// dataset is the part of a built dataset the scorer reads, indexed for
// lookups by the article's source id.
type dataset struct {
	meetings     map[string]parley.Meeting
	participants map[string][]parley.Participant // by meeting_id
	actors       map[string]parley.Actor
	mentions     map[string][]parley.Mention // by source_id, in text order
	sources      map[string]bool             // source ids of the articles
}

// loadDataset reads the CSV tables of the dataset in dir.
func loadDataset(dir string) (*dataset, error) {
	articles, err := readTable[parley.Article](dir, "articles")
	if err != nil {
		return nil, err
	}
	meetings, err := readTable[parley.Meeting](dir, "meetings")
	if err != nil {
		return nil, err
	}
	participants, err := readTable[parley.Participant](dir, "participants")
	if err != nil {
		return nil, err
	}
	mentions, err := readTable[parley.Mention](dir, "mentions")
	if err != nil {
		return nil, err
	}
	actors, err := readTable[parley.Actor](dir, "actors")
	if err != nil {
		return nil, err
	}

	d := &dataset{
		meetings:     make(map[string]parley.Meeting, len(meetings)),
		participants: make(map[string][]parley.Participant, len(meetings)),
		actors:       make(map[string]parley.Actor, len(actors)),
		mentions:     make(map[string][]parley.Mention),
		sources:      make(map[string]bool, len(articles)),
	}
	for _, m := range meetings {
		d.meetings[m.MeetingID] = m
	}
	for _, p := range participants {
		if _, ok := d.meetings[p.MeetingID]; !ok {
			return nil, fmt.Errorf("participants.csv: meeting %s is not in meetings.csv", p.MeetingID)
		}
		d.participants[p.MeetingID] = append(d.participants[p.MeetingID], p)
	}
	for _, a := range actors {
		d.actors[a.ActorID] = a
	}
	sourceOf := make(map[string]string, len(articles))
	for _, a := range articles {
		sourceOf[a.ArticleID] = a.SourceID
		d.sources[a.SourceID] = true
	}
	for _, m := range mentions {
		source, ok := sourceOf[m.ArticleID]
		if !ok {
			return nil, fmt.Errorf("mentions.csv: mention %s: article %s is not in articles.csv", m.MentionID, m.ArticleID)
		}
		if _, ok := d.meetings[m.MeetingID]; !ok {
			return nil, fmt.Errorf("mentions.csv: mention %s: meeting %s is not in meetings.csv", m.MentionID, m.MeetingID)
		}
		d.mentions[source] = append(d.mentions[source], m)
	}
	for _, ms := range d.mentions {
		slices.SortStableFunc(ms, func(a, b parley.Mention) int {
			return cmp.Or(strings.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start))
		})
	}
	return d, nil
}

// meetingsOf returns the ids of the meetings the articles with this source id
// mention, each once, in the order of their first mention.
func (d *dataset) meetingsOf(sourceID string) []string {
	var ids []string
	for _, m := range d.mentions[sourceID] {
		if !slices.Contains(ids, m.MeetingID) {
			ids = append(ids, m.MeetingID)
		}
	}
	return ids
}

// firstSentence returns the first sentence of the articles with this source
// id that mentions the meeting.
func (d *dataset) firstSentence(sourceID, meetingID string) string {
	for _, m := range d.mentions[sourceID] {
		if m.MeetingID == meetingID {
			return m.Sentence
		}
	}
	return ""
}

// readTable decodes dir/csv/<table>.csv into records of type T.
func readTable[T any](dir, table string) ([]T, error) {
	path := filepath.Join(dir, "csv", table+".csv")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	records, err := decodeCSV[T](f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return records, nil
}

// column ties a CSV column to the struct field with that json tag.
type column struct {
	name  string
	index int // in the CSV header
	field int // in the struct
}

// decodeCSV reads CSV as the dataset writer writes it: a header of column
// names (the json tags of T; every one must be present, extra columns are
// ignored), empty cells for nulls, lists as JSON arrays, dates as YYYY-MM-DD.
func decodeCSV[T any](r io.Reader) ([]T, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("no header")
	}
	if err != nil {
		return nil, err
	}
	columns, err := columnsOf(reflect.TypeFor[T](), header)
	if err != nil {
		return nil, err
	}
	var records []T
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return records, nil
		}
		if err != nil {
			return nil, err
		}
		var rec T
		v := reflect.ValueOf(&rec).Elem()
		for _, c := range columns {
			if err := setCell(v.Field(c.field), row[c.index]); err != nil {
				line, _ := cr.FieldPos(c.index)
				return nil, fmt.Errorf("line %d, column %s: %w", line, c.name, err)
			}
		}
		records = append(records, rec)
	}
}

func columnsOf(t reflect.Type, header []string) ([]column, error) {
	var columns []column
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		index := slices.Index(header, name)
		if index < 0 {
			return nil, fmt.Errorf("missing column %q", name)
		}
		columns = append(columns, column{name: name, index: index, field: i})
	}
	return columns, nil
}

var (
	dateType    = reflect.TypeFor[parley.Date]()
	stringsType = reflect.TypeFor[[]string]()
)

// setCell stores one CSV cell in a record field. An empty cell is null: nil
// for pointers and lists, the unknown Date, "" for strings.
func setCell(field reflect.Value, cell string) error {
	switch field.Type() {
	case dateType:
		if cell == "" {
			return nil
		}
		d, err := parley.ParseDate(cell)
		if err != nil {
			return err
		}
		field.Set(reflect.ValueOf(d))
		return nil
	case stringsType:
		if cell == "" {
			return nil
		}
		var list []string
		if err := json.Unmarshal([]byte(cell), &list); err != nil {
			return fmt.Errorf("list %q: %w", cell, err)
		}
		field.Set(reflect.ValueOf(list))
		return nil
	}

	if field.Kind() == reflect.Pointer {
		if cell == "" {
			return nil
		}
		field.Set(reflect.New(field.Type().Elem()))
		field = field.Elem()
	}
	switch field.Kind() {
	case reflect.String:
		field.SetString(unescapeCell(cell))
	case reflect.Int64:
		n, err := strconv.ParseInt(cell, 10, 64)
		if err != nil {
			return err
		}
		field.SetInt(n)
	case reflect.Float64:
		x, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return err
		}
		field.SetFloat(x)
	case reflect.Bool:
		b, err := strconv.ParseBool(cell)
		if err != nil {
			return err
		}
		field.SetBool(b)
	default:
		return fmt.Errorf("unsupported field type %s", field.Type())
	}
	return nil
}

// unescapeCell undoes the writer's guard against spreadsheet formulas: a text
// cell that would start with = + - @, tab or CR is written behind one '.
func unescapeCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

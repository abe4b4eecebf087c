package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"testing"

	"github.com/parleydata/parley/pipeline/ingest"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

func doc(text, published string) *parse.Document {
	h := sha256.Sum256([]byte(text))
	u := &ingest.Unit{InputPath: "t.txt", SourceID: "t", Text: text, Encoding: "utf-8", SHA256: hex.EncodeToString(h[:])}
	if published != "" {
		u.Published = &published
	}
	return parse.Parse(u)
}

// summary renders a mention as "status mode | parties | date | place".
func summary(m Mention) string {
	var ps []string
	for _, p := range m.Parties {
		ps = append(ps, p.Name)
	}
	sort.Strings(ps)
	place := ""
	if m.Place != nil {
		place = m.Place.Name
	}
	date := m.Date.Date.String()
	if date == "" {
		date = m.Date.Precision + ":" + m.Date.Weekday
	}
	return m.Status + " " + m.Mode + " | " + strings.Join(ps, "+") + " | " + date + " | " + place
}

func TestExtract(t *testing.T) {
	ex := New(refdata.DefaultRegistry())
	tests := []struct {
		name, text, published string
		want                  []string
	}{
		{"verb with titles and apposition",
			"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken in Geneva on Friday.", "2022-01-21",
			[]string{"held in_person | Antony Blinken+Sergei Lavrov | 2022-01-21 | Geneva"}},
		{"principal is not a party",
			"A special envoy of Russian President Vladimir Putin, Alexander Lavrentiev, met with Ali Shamkhani in Tehran on Thursday.", "",
			[]string{"held in_person | Alexander Lavrentiev+Ali Shamkhani | weekday:Thursday | Tehran"}},
		{"possessive principal with a title",
			"Iran's Foreign Minister Hossein Amir-Abdollahian met the Russian President Vladimir Putin's special envoy for Syria, Alexander Lavrentiev, in Tehran.", "2021-11-22",
			[]string{"held in_person | Alexander Lavrentiev+Hossein Amir-Abdollahian | none: | Tehran"}},
		{"phone call",
			"Chinese Foreign Minister Wang Yi spoke by phone with his Iranian counterpart Hossein Amir-Abdollahian on Monday.", "2023-03-15",
			[]string{"held phone | Hossein Amir-Abdollahian+Wang Yi | 2023-03-13 | "}},
		{"planned",
			"Turkish President Recep Tayyip Erdogan will meet Russian President Vladimir Putin in Sochi next week, the Kremlin said.", "2022-07-29",
			[]string{"planned in_person | Recep Tayyip Erdogan+Vladimir Putin | none: | Sochi"}},
		{"cancelled",
			"The meeting between Antony Blinken and Wang Yi was called off after the balloon incident.", "2023-02-04",
			[]string{"cancelled in_person | Antony Blinken+Wang Yi | none: | "}},
		{"two meetings in one sentence",
			"Lavrov held talks with Iranian Foreign Minister Hossein Amir-Abdollahian and then met Ali Shamkhani, Sergei Lavrov's office said.", "",
			nil},
		{"plural office holders resolved through the registry",
			"The foreign ministers of Saudi Arabia and Iran met in Beijing on Thursday and agreed to reopen embassies.", "2023-04-06",
			[]string{"held in_person | Faisal bin Farhan Al Saud+Hossein Amir-Abdollahian | 2023-04-06 | Beijing"}},
		{"an offer in principle", "Biden accepted in principle a summit with Russian President Vladimir Putin proposed by French President Emmanuel Macron.", "2022-02-21", nil},
		{"two clauses, two meetings",
			"Presidents George H.W. Bush and Mikhail Gorbachev met in Helsinki in 1990, and Bill Clinton and Boris Yeltsin held a summit in the city in 1997.", "2018-07-16",
			[]string{"held in_person | George H.W. Bush+Mikhail Gorbachev | 1990-01-01 | Helsinki", "held in_person | Bill Clinton+Boris Yeltsin | 1997-01-01 | Helsinki"}},
		{"a coordinated subject is one clause",
			"The president elect of Colombia, Gustavo Petro, and the ex-president Álvaro Uribe Vélez met this Wednesday in Bogotá.", "2022-06-23",
			[]string{"held in_person | Gustavo Petro+Álvaro Uribe Vélez | 2022-06-22 | Bogotá"}},
		{"the subject after a fronted meeting noun",
			"Before the trilateral meeting, Erdoğan and Zelenskyy held a bilateral meeting, after which a memorandum was signed.", "2022-08-18",
			[]string{"held in_person | Recep Tayyip Erdoğan+Volodymyr Zelenskyy | none: | "}},
		{"countries' officials as delegations",
			"Turkish, Russian and Ukrainian officials met in Istanbul on Wednesday to discuss grain shipments.", "2022-07-14",
			[]string{"held in_person | Russia delegation+Turkey delegation+Ukraine delegation | 2022-07-13 | Istanbul"}},
		{"officials who said something are a source", "Iranian officials said the talks in Vienna would resume.", "2022-07-14", nil},
		{"the same day as the meeting before",
			"Xi Jinping met Vladimir Putin in Samarkand on Thursday. Earlier, Putin held talks with Iranian President Ebrahim Raisi.", "2022-09-16",
			[]string{"held in_person | Vladimir Putin+Xi Jinping | 2022-09-15 | Samarkand", "held in_person | Ebrahim Raisi+Vladimir Putin | 2022-09-15 | Samarkand"}},
		{"a government and an armed group",
			"Colombia's government and the National Liberation Army (ELN) formally resumed peace talks in Caracas on Monday.", "2022-11-22",
			[]string{"held in_person | Colombia+National Liberation Army | 2022-11-21 | Caracas"}},
		{"a signing is a meeting of those who sign",
			"Zalmay Khalilzad and Mullah Abdul Ghani Baradar signed the deal at a hotel in Doha on Saturday.", "2020-03-01",
			[]string{"held in_person | Abdul Ghani Baradar+Zalmay Khalilzad | 2020-02-29 | Doha"}},
		{"a telephone conference near a video call",
			"Before the video call, Biden held a telephone conference on Monday with French President Emmanuel Macron and German Chancellor Angela Merkel.", "2021-12-08",
			[]string{"held phone | Angela Merkel+Emmanuel Macron+Joe Biden | 2021-12-06 | "}},
		{"hypothetical", "Analysts said Joe Biden could meet Xi Jinping if tensions ease.", "2023-01-01", nil},
		{"negation", "Joe Biden did not meet Xi Jinping during the summit.", "2023-01-01", nil},
		{"idiom", "The company met the deadline, Elon Musk said, and Tim Cook agreed.", "2023-01-01", nil},
		{"no counterpart", "Alexander Lavrentiev held meetings in Damascus on Sunday.", "2023-01-01", nil},
		{"surnames of people named in full only later",
			"Petrov held talks with Karimi in Tehran on Sunday. Ivan Petrov and Ali Karimi arrived on Saturday.", "2023-01-03",
			[]string{"held in_person | Ali Karimi+Ivan Petrov | 2023-01-01 | Tehran"}},
		{"attribution is not a party",
			"Alexander Lavrentiev met Ali Shamkhani in Tehran, Press TV reported, according to IRNA.", "2017-02-12",
			[]string{"held in_person | Alexander Lavrentiev+Ali Shamkhani | none: | Tehran"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range ex.Extract(doc(tt.text, tt.published)) {
				got = append(got, summary(m))
			}
			if tt.want == nil && tt.name == "two meetings in one sentence" {
				if len(got) != 2 {
					t.Errorf("want two meetings, got %q", got)
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestStemsIn checks the one-pass search of the trigger patterns' stems
// against searching for each stem.
func TestStemsIn(t *testing.T) {
	stems := triggerStems()
	texts := make([]string, stems.count)
	for _, first := range stems.byFirstByte {
		for _, s := range first {
			texts[s.n] = s.text
		}
	}
	for _, sentence := range []string{
		"lavrov held talks with shamkhani by phone, and they sat down together over dinner.",
		"the summit between the two leaders was called off.",
		"co-chaired",
		"",
	} {
		held := stems.stemsIn(sentence)
		for n, w := range texts {
			if want := strings.Contains(sentence, w); held[n] != want {
				t.Errorf("stemsIn(%q) holds %q: %v, want %v", sentence, w, held[n], want)
			}
		}
	}
}

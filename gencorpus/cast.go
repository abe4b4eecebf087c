package gencorpus

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/names"
	"github.com/parleydata/parley/refdata"
)

// official is a person the generator can report on: one office of a
// registry actor, or an invented official the registry does not know.
type official struct {
	name        string   // canonical spelling
	variants    []string // other spellings the same person is reported under
	title       string   // as printed before the name: "Foreign Minister"
	country     *country
	from, to    parley.Date // term of office; invalid when open or unknown
	familyFirst bool        // Chinese and Korean names: "Wang Yi" is Wang
}

// inOffice reports whether o held the office on day.
func (o *official) inOffice(day parley.Date) bool {
	return (!o.from.Valid() || o.from.Days() <= day.Days()) && (!o.to.Valid() || day.Days() <= o.to.Days())
}

// surname is how later sentences refer to a person: the family name.
func surname(name string, familyFirst bool) string {
	f := strings.Fields(name)
	if familyFirst {
		return f[0]
	}
	return f[len(f)-1]
}

type country struct {
	iso3, name, demonym string
	called              string // in running text: "the United States", "Iran"
	capital             *refdata.Place
	weight              int // how often the news names it
	officials           []*official
}

// cast is everything the generator draws its stories from. It is built once
// from the embedded reference data and shared read-only by every generator.
type cast struct {
	countries []*country
	byISO     map[string]*country
	weights   []int // running sums of country weights, for weighted picks
	venues    []refdata.Place
	outlets   []string
	reporters []string
}

var sharedCast = sync.OnceValue(newCast)

// displayTitles prints the registry's normalised roles. Roles missing here
// (monarchs, clerics, governors-general) read oddly in front of a name and
// are left out of the cast.
var displayTitles = map[string]string{
	"foreign minister":                  "Foreign Minister",
	"deputy foreign minister":           "Deputy Foreign Minister",
	"president":                         "President",
	"vice president":                    "Vice President",
	"prime minister":                    "Prime Minister",
	"special envoy":                     "Special Envoy",
	"defence minister":                  "Defence Minister",
	"secretary of state":                "Secretary of State",
	"national security adviser":         "National Security Adviser",
	"secretary-general":                 "Secretary-General",
	"chancellor":                        "Chancellor",
	"senior adviser":                    "Senior Adviser",
	"chief of the general staff":        "Chief of the General Staff",
	"secretary of the security council": "Security Council Secretary",
	"speaker":                           "Parliament Speaker",
}

// inventedTitles are the posts of officials the registry does not know.
var inventedTitles = []string{"Deputy Foreign Minister", "Ambassador", "Trade Minister", "Energy Minister",
	"Defence Minister", "Special Envoy", "Interior Minister", "Finance Minister", "Deputy Prime Minister"}

// prominent countries are named far more often than the others.
var prominent = map[string]int{
	"USA": 12, "RUS": 12, "CHN": 10, "IRN": 8, "TUR": 8, "SAU": 6, "FRA": 6, "DEU": 6, "GBR": 6, "IND": 5,
	"JPN": 4, "UKR": 6, "ISR": 4, "QAT": 4, "ARE": 4, "EGY": 4, "SYR": 5, "KAZ": 3, "PAK": 3, "KOR": 3,
	"PRK": 2, "BRA": 3, "ITA": 3, "ESP": 2, "AZE": 2, "ARM": 2, "IRQ": 3, "JOR": 2, "OMN": 2, "AFG": 2,
}

// neutralVenues host talks between other countries.
var neutralVenues = []string{"Geneva", "Vienna", "Doha", "Astana", "Istanbul", "Muscat", "Oslo", "Helsinki",
	"Brussels", "New York", "Abu Dhabi", "Jeddah", "Sochi", "Baku", "Singapore", "Bali", "Rome", "Paris"}

// Invented outlets and bylines: the generator never names a real one.
var outlets = []string{"Meridian Press Agency", "Northern Wire", "Global Courier", "Capital Desk",
	"Eastern Dispatch", "The Daily Ledger", "Continental News Service", "Harbour Times", "Atlas Newswire",
	"Union Herald", "Gulf Observer", "Steppe Telegraph", "Pacific Bulletin", "Levant Report", "Baltic Record",
	"Coastal Chronicle", "Highland Gazette", "Riverside Post", "Summit Wire", "Frontier Journal"}

// Name pools for invented officials, by naming tradition.
type namePool struct {
	given, family []string
	familyFirst   bool
}

var namePools = map[string]namePool{
	"slavic": {given: []string{"Alexei", "Dmitry", "Igor", "Pavel", "Oleg", "Nikolai", "Andrei", "Yuri", "Viktor", "Maxim", "Irina", "Olga", "Yelena", "Natalia", "Bogdan"},
		family: []string{"Korenev", "Volkov", "Sokolov", "Lebedev", "Morozov", "Belov", "Zaitsev", "Orlov", "Fedorov", "Grachev", "Tarasov", "Rudenko", "Melnik", "Bondar", "Yakovlev"}},
	"arabic": {given: []string{"Khalid", "Faisal", "Omar", "Youssef", "Tariq", "Hamad", "Nasser", "Samir", "Walid", "Rania", "Layla", "Karim", "Ziad", "Hisham", "Mona"},
		family: []string{"al-Harbi", "al-Mansouri", "Haddad", "Khoury", "al-Qasimi", "Saleh", "Barakat", "al-Otaibi", "Darwish", "Hamdan", "Shalabi", "Mansour", "Azzam", "Qasim", "Fakhoury"}},
	"persian": {given: []string{"Mohsen", "Reza", "Mehdi", "Hamid", "Saeed", "Majid", "Farhad", "Kazem", "Ali Reza", "Maryam", "Parisa", "Behrouz", "Dariush", "Kamran"},
		family: []string{"Rezaei", "Karimi", "Ahmadi", "Moradi", "Ghasemi", "Sadeghi", "Jafari", "Rahimi", "Hosseini", "Kazemi", "Najafi", "Mousavi", "Bagheri", "Shirazi"}},
	"turkic": {given: []string{"Mehmet", "Ahmet", "Murat", "Emre", "Serkan", "Nurlan", "Yerlan", "Aigerim", "Rustam", "Elif", "Kemal", "Bakhyt", "Farid", "Timur"},
		family: []string{"Yilmaz", "Kaya", "Demir", "Celik", "Sahin", "Ozturk", "Nurpeisov", "Abdrakhmanov", "Karimov", "Aliyev", "Mammadov", "Ismailov", "Dogan", "Arslan"}},
	"chinese": {given: []string{"Wei", "Jun", "Hao", "Lei", "Ming", "Qiang", "Yan", "Jing", "Bo", "Tao", "Hui", "Xin"},
		family: []string{"Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Sun", "Ma", "Gao", "Lin", "Guo"}, familyFirst: true},
	"korean": {given: []string{"Min-jun", "Seo-yeon", "Ji-hoon", "Hyun-woo", "Soo-jin", "Dong-hyun", "Eun-ji", "Sung-min"},
		family: []string{"Kim", "Park", "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon"}, familyFirst: true},
	"western": {given: []string{"James", "Michael", "Thomas", "Anna", "Claire", "Laura", "Peter", "Mark", "Daniel", "Sophie", "Martin", "Julia", "Stefan", "Pierre", "Marie", "Luca", "Elena", "Carlos", "Lucia", "Henrik"},
		family: []string{"Fischer", "Weber", "Lambert", "Moreau", "Rossi", "Bianchi", "Garcia", "Fernandez", "Hansen", "Nielsen", "Jansen", "Novak", "Kowalski", "Clarke", "Bennett", "Hughes", "Carter", "Lindqvist", "Dubois", "Ferreira"}},
	"southasian": {given: []string{"Rahul", "Amit", "Priya", "Sanjay", "Vikram", "Imran", "Asif", "Bilal", "Anjali", "Farhan", "Nadia", "Suresh"},
		family: []string{"Sharma", "Verma", "Iyer", "Nair", "Mehta", "Qureshi", "Chaudhry", "Malik", "Rao", "Siddiqui", "Bose", "Rahman"}},
	"african": {given: []string{"Kwame", "Amara", "Chidi", "Tendai", "Thabo", "Fatou", "Moussa", "Ibrahim", "Aminata", "Kofi", "Zanele", "Yusuf"},
		family: []string{"Mensah", "Okafor", "Diallo", "Traore", "Ndlovu", "Mwangi", "Kamara", "Banda", "Osei", "Keita", "Dlamini", "Abebe"}},
}

var poolOf = func() map[string]string {
	m := map[string]string{}
	for pool, codes := range map[string]string{
		"slavic":     "RUS UKR BLR POL CZE SVK SRB HRV BGR MKD MNE BIH SVN",
		"arabic":     "SAU ARE QAT KWT BHR OMN YEM IRQ SYR JOR LBN PSE EGY LBY TUN DZA MAR SDN MRT",
		"persian":    "IRN AFG TJK",
		"turkic":     "TUR AZE KAZ UZB KGZ TKM",
		"chinese":    "CHN TWN SGP",
		"korean":     "KOR PRK",
		"southasian": "IND PAK BGD LKA NPL",
		"african":    "NGA GHA KEN ETH ZAF SEN MLI CIV CMR TZA UGA ZWE RWA COD AGO MOZ NER TCD",
	} {
		for _, c := range strings.Fields(codes) {
			m[c] = pool
		}
	}
	return m
}()

// inventedPerCountry is how many officials unknown to the registry each
// country gets: real reports name many people no registry lists.
const inventedPerCountry = 4

func newCast() *cast {
	c := &cast{outlets: outlets, byISO: map[string]*country{}}
	byISO := c.byISO
	for _, rc := range refdata.Countries() {
		capital, ok := refdata.CapitalOf(rc.ISO3)
		if !ok || len(rc.Demonyms) == 0 || !ascii(rc.Name) || !ascii(capital.Name) {
			continue
		}
		k := &country{iso3: rc.ISO3, name: rc.Name, called: runningName(rc.Name), demonym: rc.Demonyms[0], capital: &capital, weight: 1}
		if w, ok := prominent[rc.ISO3]; ok {
			k.weight = w
		}
		byISO[rc.ISO3] = k
		c.countries = append(c.countries, k)
	}
	for _, a := range refdata.DefaultRegistry().Actors() {
		if a.Kind != parley.PartyPerson || len(strings.Fields(a.Name)) < 2 || !plainName(a.Name) {
			continue
		}
		variants := spellings(a.Name, a.Aliases)
		for _, o := range a.Offices {
			title, ok := displayTitles[o.Role]
			k := byISO[o.Country]
			if !ok || k == nil {
				continue
			}
			k.officials = append(k.officials, &official{name: a.Name, variants: variants, title: title, country: k,
				from: o.From, to: o.To, familyFirst: poolOf[o.Country] == "chinese" || poolOf[o.Country] == "korean"})
		}
	}
	// Invented officials come from a fixed stream, so the cast does not
	// depend on the corpus seed.
	r := rand.New(rand.NewPCG(0x9a51e7, 0x1eaf))
	for _, k := range c.countries {
		pool := namePools[poolOf[k.iso3]]
		if pool.given == nil {
			pool = namePools["western"]
		}
		for range inventedPerCountry {
			given, family := pick(r, pool.given), pick(r, pool.family)
			name := given + " " + family
			if pool.familyFirst {
				name = family + " " + given
			}
			k.officials = append(k.officials, &official{name: name, title: pick(r, inventedTitles), country: k, familyFirst: pool.familyFirst})
		}
	}
	sum := 0
	for _, k := range c.countries {
		sum += k.weight
		c.weights = append(c.weights, sum)
	}
	for _, v := range neutralVenues {
		if p, ok := refdata.PlaceByName(v); ok && byISO[p.Country] != nil {
			c.venues = append(c.venues, p)
		}
	}
	for range 40 {
		p := namePools["western"]
		c.reporters = append(c.reporters, pick(r, p.given)+" "+pick(r, p.family))
	}
	return c
}

// pickCountry draws a country, the prominent ones more often.
func (c *cast) pickCountry(r *rand.Rand) *country {
	n := r.IntN(c.weights[len(c.weights)-1])
	i, _ := slices.BinarySearch(c.weights, n+1)
	return c.countries[i]
}

// pickOfficial draws an official of k in office on day, preferring one the
// registry knows.
func (k *country) pickOfficial(r *rand.Rand, day parley.Date) *official {
	for range 8 {
		if o := k.officials[r.IntN(len(k.officials))]; o.inOffice(day) {
			return o
		}
	}
	return k.officials[len(k.officials)-1] // invented officials serve forever
}

// spellings returns the Latin-script spellings of name other than name
// itself: the registry's aliases, plus transliteration variants that the
// name matcher accepts as the same person.
func spellings(name string, aliases []string) []string {
	var out []string
	add := func(v string) {
		if v != name && plainName(v) && !slices.Contains(out, v) {
			if _, ok := names.Match(v, name); ok {
				out = append(out, v)
			}
		}
	}
	for _, a := range aliases {
		if len(strings.Fields(a)) >= 2 {
			add(a)
		}
	}
	add(stripMarks(name))
	for _, rule := range transliterations {
		if strings.Contains(name, rule[0]) {
			add(strings.Replace(name, rule[0], rule[1], 1))
		}
	}
	return out
}

// transliterations are the spelling swaps reporters make for names from
// other scripts.
var transliterations = [][2]string{
	{"Sergey", "Sergei"}, {"Sergei", "Sergey"}, {"Alexander", "Aleksandr"}, {"Aleksandr", "Alexander"},
	{"Mohammad", "Mohammed"}, {"Mohammed", "Muhammad"}, {"Muhammad", "Mohammad"}, {"Hossein", "Hussein"},
	{"Abdullah", "Abdallah"}, {"Yevgeny", "Evgeny"}, {"Dmitry", "Dmitri"}, {"Andrei", "Andrey"},
	{"Yuri", "Yury"}, {"iy", "i"}, {"ey ", "ei "}, {"kh", "h"}, {"ou", "u"}, {" al-", " Al "}, {"Jinping", "Jin-ping"},
}

var dropMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

func stripMarks(s string) string {
	out, _, err := transform.String(dropMarks, s)
	if err != nil {
		return s
	}
	return out
}

// plainName rejects names that do not read as a person's name in English
// copy: other scripts, regnal numbers ("Abdullah II"), "of" titles,
// suffixes after a comma ("Kemayah, Sr.").
func plainName(s string) bool {
	if strings.ContainsAny(s, ",()") {
		return false
	}
	for _, f := range strings.Fields(s) {
		if f == "of" || strings.Trim(f, "IVX") == "" {
			return false
		}
	}
	for _, r := range s {
		if r > unicode.MaxLatin1 && !unicode.In(r, unicode.Latin) {
			return false
		}
	}
	return true
}

// runningName is how a sentence names a country: "the United Kingdom",
// "the Philippines", "Iran".
func runningName(name string) string {
	for _, marker := range []string{"United ", "Republic", "Islands", "Netherlands", "Philippines", "Bahamas", "Maldives", "Comoros", "Seychelles", "Gambia", "Holy See"} {
		if strings.Contains(name, marker) {
			return "the " + name
		}
	}
	return name
}

// possessive returns "Iran's", "the Philippines'".
func possessive(s string) string {
	if strings.HasSuffix(s, "s") {
		return s + "'"
	}
	return s + "'s"
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

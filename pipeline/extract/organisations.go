package extract

import (
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/internal/pattern"
	"github.com/parleydata/parley/refdata"
)

// knownBody is an organisation that takes part in talks as a body, with
// the country it belongs to ("" for international ones).
type knownBody struct{ name, country string }

// knownBodies are bodies news names by a short name or an acronym alone.
var knownBodies = map[string]knownBody{
	"hamas": {"Hamas", "PSE"}, "fatah": {"Fatah", "PSE"}, "taliban": {"Taliban", "AFG"},
	"hezbollah": {"Hezbollah", "LBN"}, "houthis": {"Houthis", "YEM"}, "houthi": {"Houthis", "YEM"}, "eln": {"National Liberation Army", "COL"},
	"farc": {"FARC", "COL"}, "tplf": {"Tigray People's Liberation Front", "ETH"}, "rsf": {"Rapid Support Forces", "SDN"},
	"pkk": {"Kurdistan Workers' Party", "TUR"}, "sdf": {"Syrian Democratic Forces", "SYR"}, "plo": {"Palestine Liberation Organization", "PSE"},
	"nato": {"NATO", ""}, "asean": {"ASEAN", ""}, "opec": {"OPEC", ""}, "iaea": {"IAEA", ""},
	"ecowas": {"ECOWAS", ""}, "igad": {"IGAD", ""}, "european union": {"European Union", ""}, "eu": {"European Union", ""},
	"african union": {"African Union", ""}, "arab league": {"Arab League", ""}, "united nations": {"United Nations", ""},
	"un": {"United Nations", ""}, "gulf cooperation council": {"Gulf Cooperation Council", ""},
}

// bodiesByName finds a known body by its full name, so that "the Tigray
// People's Liberation Front" spelled out gets the same country as "TPLF".
var bodiesByName = func() map[string]knownBody {
	m := make(map[string]knownBody, len(knownBodies))
	for _, b := range knownBodies {
		m[strings.ToLower(b.name)] = b
	}
	return m
}()

// bodyHeads end the names of movements, armed groups and unions: "the
// Tigray People's Liberation Front", "the Rapid Support Forces".
var bodyRun = pattern.MustCompile(`\b((?:[A-Z][\p{L}'’.-]*\s+){1,5}(?:Front|Army|Forces|Movement|Party|Union|League|Alliance|Coalition|Platform|Brigades|Organi[sz]ation|Militia))\b`)

// bodyHeads are the last words of bodyRun, for a cheap test of a sentence.
var bodyHeads = []string{"Front", "Army", "Forces", "Movement", "Party", "Union", "League", "Alliance", "Coalition",
	"Platform", "Brigades", "Organi", "Militia"}

func hasBodyHead(sentence string) bool {
	for _, h := range bodyHeads {
		if strings.Contains(sentence, h) {
			return true
		}
	}
	return false
}

// affiliation reports whether toks[j:] is one person's title, so that the
// body before it is that person's affiliation: "UN Secretary-General
// António Guterres", "the UN chief", "EU foreign policy chief Josep
// Borrell"; a plural title is the body itself ("Fatah officials held
// talks") unless names follow it.
func affiliation(toks []token, j int) bool {
	title := false
	for k := j; k < len(toks) && k < j+5; k++ {
		switch {
		case titleWords[strings.TrimSuffix(toks[k].lower, ".")]:
			if !strings.HasSuffix(toks[k].lower, "s") {
				return true // one person's title: "the UN chief", "UN Secretary-General"
			}
			title = true
		case titleJoiners[toks[k].lower]:
			// "foreign policy chief", "envoy for Syria"
		default:
			return title && toks[k].capitalised() // the names after a plural title ("UN officials met ..." is no affiliation)
		}
	}
	return false
}

// titleJoiners stand inside a title: "foreign policy chief", "envoy for".
var titleJoiners = setOf("policy", "affairs", "general", "for", "of", "on", "the", "and", "-")

// bodyAt reads an organisation acting as a party starting at token i: a
// known body, or a capitalised name ending in Front, Army, Forces ... .
func (x *docExtractor) bodyAt(toks []token, i int) (party, int, bool) {
	t := toks[i]
	if t.punct || !t.capitalised() {
		return party{}, i + 1, false
	}
	for n := min(3, len(toks)-i); n >= 1; n-- {
		name := lowerJoined(toks[i : i+n])
		if b, ok := knownBodies[name]; ok && !toks[i+n-1].possessive {
			if affiliation(toks, i+n) {
				return party{}, i + n, false // "UN Secretary-General António Guterres": his affiliation
			}
			p := party{kind: parley.PartyOrganisation, name: b.name, reported: joinTokens(toks[i : i+n]), country: b.country, first: i, last: i + n - 1}
			p.topic = x.afterPreposition(toks, i)
			return p, i + n, true
		}
	}
	if !x.bodyHead {
		return party{}, i + 1, false
	}
	m := bodyRun.FindStringSubmatchIndex(x.sentence[t.start:])
	if m == nil || m[2] != 0 {
		return party{}, i + 1, false
	}
	end := t.start + m[3]
	last := i
	for last+1 < len(toks) && toks[last+1].end <= end {
		last++
	}
	reported := strings.TrimSpace(x.sentence[t.start:end])
	country := ""
	if b, ok := bodiesByName[strings.ToLower(reported)]; ok {
		country = b.country
	}
	for _, w := range toks[i : last+1] {
		if c, ok := refdata.CountryByDemonym(w.text); ok {
			country = c.ISO3
		} else if c, ok := refdata.CountryByName(w.text); ok {
			country = c.ISO3
		}
	}
	if i > 0 && toks[i-1].possessive {
		if c, ok := refdata.CountryByName(toks[i-1].text); ok {
			country = c.ISO3 // "Sudan's Rapid Support Forces"
		}
	}
	p := party{kind: parley.PartyOrganisation, name: reported, reported: reported, country: country, first: i, last: last}
	p.topic = x.afterPreposition(toks, i)
	p.attribution = attributedAt(toks, i)
	return p, last + 1, true
}

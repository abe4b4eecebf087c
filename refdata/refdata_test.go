package refdata

import (
	"slices"
	"testing"
)

func TestCountryByName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Iran", "IRN"},
		{"the Islamic Republic of Iran", "IRN"},
		{"Russian Federation", "RUS"},
		{"the US", "USA"},
		{"U.S.A.", "USA"},
		{"USA", "USA"},
		{"UK", "GBR"},
		{"Britain", "GBR"},
		{"South Korea", "KOR"},
		{"Republic of Korea", "KOR"},
		{"DPRK", "PRK"},
		{"Türkiye", "TUR"},
		{"TURKIYE", "TUR"},
		{"Turkey", "TUR"},
		{"Kosovo", "XKX"},
		{"Palestine", "PSE"},
		{"Taiwan", "TWN"},
		{"Western Sahara", "ESH"},
		{"Côte d’Ivoire", "CIV"},
		{"Guinea-Bissau", "GNB"},
		{"Guinea Bissau", "GNB"},
		{"Narnia", ""},
		{"", ""},
	}
	for _, tt := range tests {
		c, ok := CountryByName(tt.in)
		if ok != (tt.want != "") || c.ISO3 != tt.want {
			t.Errorf("CountryByName(%q) = %q, %v; want %q", tt.in, c.ISO3, ok, tt.want)
		}
	}
}

func TestCountryByDemonym(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Iranian", "IRN"},
		{"Iranians", "IRN"},
		{"Russian", "RUS"},
		{"Kazakh", "KAZ"},
		{"Kazakhstani", "KAZ"},
		{"Emirati", "ARE"},
		{"Saudi", "SAU"},
		{"Syrian", "SYR"},
		{"Turkish", "TUR"},
		{"American", "USA"},
		{"U.S.", "USA"},
		{"British", "GBR"},
		{"Chinese", "CHN"},
		{"Swiss", "CHE"},
		{"Azeri", "AZE"},
		{"North Korean", "PRK"},
		{"Martian", ""},
	}
	for _, tt := range tests {
		c, ok := CountryByDemonym(tt.in)
		if ok != (tt.want != "") || c.ISO3 != tt.want {
			t.Errorf("CountryByDemonym(%q) = %q, %v; want %q", tt.in, c.ISO3, ok, tt.want)
		}
	}
}

func TestCountryByISO3(t *testing.T) {
	c, ok := CountryByISO3("irn")
	if !ok || c.Name != "Iran" || c.ISO2 != "IR" || c.Capital != "Tehran" || !slices.Contains(c.Demonyms, "Iranian") {
		t.Errorf("CountryByISO3(irn) = %+v, %v", c, ok)
	}
	if c, ok := CountryByISO3("XXX"); ok {
		t.Errorf("CountryByISO3(XXX) = %+v, want none", c)
	}
}

func TestMetonym(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the Kremlin", "RUS"},
		{"Kremlin", "RUS"},
		{"the White House", "USA"},
		{"Downing Street", "GBR"},
		{"the Élysée", "FRA"},
		{"Moscow", ""}, // capitals are resolved as places
	}
	for _, tt := range tests {
		c, ok := Metonym(tt.in)
		if ok != (tt.want != "") || c.ISO3 != tt.want {
			t.Errorf("Metonym(%q) = %q, %v; want %q", tt.in, c.ISO3, ok, tt.want)
		}
	}
}

func TestPlaceByName(t *testing.T) {
	tests := []struct {
		in, name, country string
		capital           bool
	}{
		{"Tehran", "Tehran", "IRN", true},
		{"Teheran", "Tehran", "IRN", true},
		{"TEHRAN", "Tehran", "IRN", true},
		{"Astana", "Astana", "KAZ", true},
		{"Nur-Sultan", "Astana", "KAZ", true},
		{"Nur Sultan", "Astana", "KAZ", true},
		{"Akmola", "Astana", "KAZ", true},
		{"Kyiv", "Kyiv", "UKR", true},
		{"Kiev", "Kyiv", "UKR", true},
		{"Geneva", "Geneva", "CHE", false},
		{"Genève", "Geneva", "CHE", false},
		{"Genf", "Geneva", "CHE", false},
		{"Damascus", "Damascus", "SYR", true},
		{"Moscow", "Moscow", "RUS", true},
		{"Moskva", "Moscow", "RUS", true},
		{"Sochi", "Sochi", "RUS", false},
		{"Washington", "Washington", "USA", true},
		{"Tripoli", "Tripoli", "LBY", true}, // the capital, not Lebanon's Tripoli
		{"Baku", "Baku", "AZE", true},
		{"Peking", "Beijing", "CHN", true},
		{"Bali", "Bali", "IDN", false},               // the island, not Bāli in India
		{"Westminster", "Westminster", "GBR", false}, // Parliament, not the towns in the US
		{"Al-Ula", "AlUla", "SAU", false},
		{"P'anmunjŏm", "Panmunjom", "KOR", false},
	}
	for _, tt := range tests {
		p, ok := PlaceByName(tt.in)
		if !ok || p.Name != tt.name || p.Country != tt.country || p.Capital != tt.capital {
			t.Errorf("PlaceByName(%q) = %+v, %v; want %s, %s, capital %v", tt.in, p, ok, tt.name, tt.country, tt.capital)
		}
	}
	if p, ok := PlaceByName("Atlantis"); ok {
		t.Errorf("PlaceByName(Atlantis) = %+v", p)
	}
}

func TestPlacesByName(t *testing.T) {
	var countries []string
	for _, p := range PlacesByName("Tripoli") {
		countries = append(countries, p.Country)
	}
	if len(countries) < 2 || countries[0] != "LBY" || !slices.Contains(countries, "LBN") {
		t.Errorf("PlacesByName(Tripoli) countries = %v, want LBY first and LBN among them", countries)
	}
}

func TestCapitalOf(t *testing.T) {
	for iso3, want := range map[string]string{"IRN": "Tehran", "KAZ": "Astana", "CHE": "Bern", "SYR": "Damascus", "PSE": "Ramallah"} {
		if p, ok := CapitalOf(iso3); !ok || p.Name != want || !p.Capital {
			t.Errorf("CapitalOf(%s) = %+v, %v; want %s", iso3, p, ok, want)
		}
	}
	if p, ok := CapitalOf("HKG"); ok {
		t.Errorf("CapitalOf(HKG) = %+v: a territory has no capital here", p)
	}
}

func TestRoleByPhrase(t *testing.T) {
	tests := []struct {
		in, want string
		rank     int
	}{
		{"foreign minister", "foreign minister", 4},
		{"Minister of Foreign Affairs", "foreign minister", 4},
		{"the top diplomat", "foreign minister", 4},
		{"FM", "foreign minister", 4},
		{"deputy foreign minister", "deputy foreign minister", 5},
		{"Special Presidential Envoy", "special envoy", 5},
		{"point man", "special envoy", 5},
		{"national security adviser", "national security adviser", 4},
		{"Secretary of the Supreme National Security Council", "secretary of the supreme national security council", 4},
		{"President", "president", 1},
		{"Crown Prince", "crown prince", 3},
		{"defense minister", "defence minister", 4},
		{"Secretary-General", "secretary-general", 4},
		{"secretary general", "secretary-general", 4},
		{"chargé d'affaires", "charge d'affaires", 6},
		{"court jester", "", 0},
	}
	for _, tt := range tests {
		r, ok := RoleByPhrase(tt.in)
		if ok != (tt.want != "") || r.Role != tt.want || r.Rank != tt.rank || ok && !r.Public {
			t.Errorf("RoleByPhrase(%q) = %+v, %v; want %q rank %d", tt.in, r, ok, tt.want, tt.rank)
		}
	}
}

func TestRoles(t *testing.T) {
	rs := Roles()
	if len(rs) < 150 {
		t.Errorf("Roles() has %d phrases, want at least 150", len(rs))
	}
	for i := 1; i < len(rs); i++ {
		if len(rs[i].Phrase) > len(rs[i-1].Phrase) {
			t.Fatalf("Roles() not longest first: %q before %q", rs[i-1].Phrase, rs[i].Phrase)
		}
	}
	before := func(long, short string) bool {
		return slices.IndexFunc(rs, func(r Role) bool { return r.Phrase == long }) <
			slices.IndexFunc(rs, func(r Role) bool { return r.Phrase == short })
	}
	if !before("deputy foreign minister", "foreign minister") {
		t.Error(`"deputy foreign minister" must be tried before "foreign minister"`)
	}
	rs[0].Role = "changed"
	if Roles()[0].Role == "changed" {
		t.Error("Roles() shares its slice with the table")
	}
}

func TestLookupKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Iran", "iran"},
		{"The Kremlin", "kremlin"},
		{"the U.S.", "us"},
		{"US", "us"},
		{"Nur-Sultan", "nur sultan"},
		{"Nur  Sultan ", "nur sultan"},
		{"Iran's", "iran"},
		{"Lavréntiev", "lavrentiev"},
		{"Theresa May", "theresa may"},
		{"G20", "g20"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := LookupKey(tt.in); got != tt.want {
			t.Errorf("LookupKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Plain words skip folding: the key must be the one folding gives.
		if got := lookupKey(tt.in); got != tt.want {
			t.Errorf("lookupKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestIsPlausibleAlias(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Teheran", true},
		{"Nur-Sultan", true},
		{"Genève", true},
		{"'s-Gravenhage", true},
		{"thrn", false},   // machine romanisation
		{"THR", false},    // airport code
		{"MOSC", false},   // code
		{"Sam", false},    // too short to trust
		{"Москва", false}, // not Latin script
		{"Paris 1er", false},
	}
	for _, tt := range tests {
		if got := isPlausibleAlias(tt.in); got != tt.want {
			t.Errorf("isPlausibleAlias(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHeadRole(t *testing.T) {
	tests := []struct{ in, want string }{
		{"President of Albania", "president"},
		{"Federal Chancellor of Germany", "chancellor"},
		{"Premier of the People's Republic of China", "prime minister"},
		{"Emir of the State of Qatar", "emir"},
		{"Supreme Leader of Iran", "supreme leader"},
		{"Taoiseach", "prime minister"},
		{"Member of the Swiss Federal Council", ""},
		{"French co-prince of Andorra", ""},
	}
	for _, tt := range tests {
		if got := headRole(tt.in); got != tt.want {
			t.Errorf("headRole(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonName(t *testing.T) {
	countries, err := loadCountries(filepath.Join("hand", "countries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Salman of Saudi Arabia":            "Salman",
		"Charles III of the United Kingdom": "Charles III",
		"Bashar al-Assad":                   "Bashar al-Assad",
		"Duke of Nowhere":                   "Duke of Nowhere",
	} {
		if got := personName(in, countries); got != want {
			t.Errorf("personName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMissingSharedData(t *testing.T) {
	err := run(t.TempDir(), "hand", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "shared reference data not found") {
		t.Errorf("run without shared data: %v", err)
	}
}

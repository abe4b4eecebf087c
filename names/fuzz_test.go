package names

import "testing"

var fuzzSeeds = []string{
	"Alexander Lavrentiev", "Лаврентьев", "شمخانی", "Shamkhani’s", "x's's", "a--—b", "H.E. Mr.",
	"Kim Jong-un", "Amir-Abdollahian", "\u00a0\t", "e\u0301", "\xff\xfe", "''s", "习近平",
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Errorf("Fold not idempotent: %q -> %q -> %q", s, folded, again)
		}
		if !isASCII(folded) {
			t.Errorf("Fold(%q) = %q is not ASCII", s, folded)
		}
	})
}

func FuzzMatch(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, fuzzSeeds[(i+1)%len(fuzzSeeds)])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		score, ok := Match(a, b)
		if rs, rok := Match(b, a); rs != score || rok != ok {
			t.Errorf("Match(%q, %q) = %v, %v but reversed %v, %v", a, b, score, ok, rs, rok)
		}
		if score < 0 || score > 1 || ok != (score >= 0.5) {
			t.Errorf("Match(%q, %q) = %v, %v: score outside its band", a, b, score, ok)
		}
		if _, self := Match(a, a); self == Parse(a).IsZero() {
			t.Errorf("Match(%q, itself) = %v", a, self)
		}
	})
}

package names

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lavréntiev", "lavrentiev"},
		{"Лаврентьев", "lavrent'ev"},
		{"Шамхани", "shamkhani"},
		{"شمخانی", "shmkhny"},
		{"Erdoğan", "erdogan"},
		{"Mevlüt Çavuşoğlu", "mevlut cavusoglu"},
		{"Genève", "geneve"},
		{"Lavre\u0301ntiev", "lavrentiev"}, // e + combining acute, not precomposed é
		{"Amir\u2011Abdollahian", "amir-abdollahian"},
		{"Amir — Abdollahian", "amir - abdollahian"},
		{"Shamkhani’s", "shamkhani"},
		{"Shamkhani's visit", "shamkhani visit"},
		{"the ministers' meeting", "the ministers meeting"},
		{"O’Brien", "o'brien"},
		{"  Sergey \t\u00a0Lavrov\n", "sergey lavrov"},
		{"习近平", "xi jin ping"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ayatollah Seyyed Ali Khamenei", []string{"ali", "khamenei"}},
		{"H.E. Mr. Sergey Lavrov", []string{"sergey", "lavrov"}},
		{"Foreign Minister Hossein Amir-Abdollahian", []string{"hossein", "amir-abdollahian"}},
		{"Dr. Ali Akbar Velayati", []string{"ali", "akbar", "velayati"}},
		{"Sheikh Tamim bin Hamad Al Thani", []string{"tamim", "bin", "hamad", "al", "thani"}},
		{"Martin Luther King Jr.", []string{"martin", "luther", "king"}},
		{"King Abdullah II", []string{"abdullah"}},
		{"Лаврентьев", []string{"lavrentev"}},
		{"Shamkhani's", []string{"shamkhani"}},
		{"the Minister", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSkeleton(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lavrentiev", "lvrntv"},
		{"lavrentiyev", "lvrntv"},
		{"lavrentev", "lvrntv"},
		{"lavrov", "lvrv"},
		{"shamkhani", "shmhn"},
		{"shamjani", "shmhn"},
		{"khamenei", "hmn"},
		{"khaji", "h"},
		{"aleksandr", "alxndr"},
		{"alexander", "alxndr"},
		{"araghchi", "arqch"},
		{"araqchi", "arqch"},
		{"abdollahian", "abdlhn"},
		{"amir-abdollahian", "amrbdlhn"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Skeleton(tt.in); got != tt.want {
			t.Errorf("Skeleton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Alexander Lavrentiev", "lvrntv"},
		{"Aleksandr Lavrentiyev", "lvrntv"},
		{"Лаврентьев", "lvrntv"},
		{"Ali Shamjani", "shmhn"},
		{"Hossein Amir-Abdollahian", "abdlhn"},
		{"Abdollahian", "abdlhn"},
		{"Bashar al-Assad", "asd"},
		{"Xi Jinping", "x"},
		{"President Xi", "x"},
		{"the Minister", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hossein Amir-Abdollahian", []string{"amrbdlhn", "mrbdlhn", "amr", "mr", "abdlhn", "bdlhn"}},
		{"حسین امیرعبداللهیان", []string{"mrbdlhn"}}, // shares a key with the Latin spelling
		{"Abbas Araghchi", []string{"arqch", "rqch"}},
		{"عباس عراقچی", []string{"rqch"}},
		{"the Minister", []string{}},
	}
	for _, tt := range tests {
		if got := Parse(tt.in).Keys(); !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%q).Keys() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		// One person, several spellings.
		{"Alexander Lavrentiev", "Aleksandr Lavrentiyev", true},
		{"Alexander Lavrentiev", "Alexander Lavréntiev", true},
		{"Alexander Lavrentiev", "Александр Лаврентьев", true},
		{"Lavrentiev", "Лаврентьев", true},
		{"Alexander Lavrentiev", "Lavrentiev", true},
		{"Alexander Lavrentiev", "A. Lavrentiev", true},
		{"Ali Shamkhani", "Ali Shamjani", true},
		{"Ali Shamkhani", "Shamkhani's", true},
		{"Ali Shamkhani", "Шамхани", true},
		{"Ali Shamkhani", "علی شمخانی", true},
		{"Shamkhani", "شمخانی", true},
		{"Hossein Amir-Abdollahian", "Amir-Abdollahian", true},
		{"Hossein Amir-Abdollahian", "Abdollahian", true},
		{"Hossein Amir-Abdollahian", "Hossein Amir Abdollahian", true},
		{"Hossein Amir-Abdollahian", "حسین امیرعبداللهیان", true},
		{"Mohammad Javad Zarif", "Mohammad Javad Zareef", true},
		{"Mohammad Javad Zarif", "Javad Zarif", true},
		{"Mohammad Javad Zarif", "Muhammad Javad Zarif", true},
		{"Mohammad Javad Zarif", "محمد جواد ظریف", true},
		{"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", true},
		{"Erdoğan", "Tayyip Erdogan", true},
		{"Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", true},
		{"Xi Jinping", "Xi", true},
		{"President Xi Jinping", "Xi Jinping", true},
		{"Sergey Lavrov", "Sergei Lavrov", true},
		{"Sergey Lavrov", "Сергей Лавров", true},
		{"Sergey Vershinin", "Вершинин", true},
		{"Abbas Araghchi", "Abbas Araqchi", true},
		{"Ayatollah Seyyed Ali Khamenei", "Ali Khamenei", true},
		{"Bashar al-Assad", "Assad", true},
		{"Bashar al-Assad", "Bashar Al Assad", true},
		{"Staffan de Mistura", "de Mistura", true},
		{"Antony Blinken", "Tony Blinken", true},
		{"Kim Jong Un", "Kim Jong-un", true},
		{"Hossein Jaberi Ansari", "Hussein Jaberi Ansari", true},

		// Different people.
		{"Alexander Lavrentiev", "Sergey Lavrov", false},
		{"Lavrentiev", "Lavrov", false},
		{"Ali Shamkhani", "Ali Khamenei", false},
		{"Ali Shamkhani", "Ali Asghar Khaji", false},
		{"Ali Khamenei", "Ali Asghar Khaji", false},
		{"Hossein Amir-Abdollahian", "Hossein Jaberi Ansari", false},
		{"Wang Yi", "Wang Wenbin", false},
		{"Kim Jong Un", "Kim Yo Jong", false},
		{"Kim Jong Un", "Kim Jong Il", false},
		{"Xi Jinping", "Li Keqiang", false},
		{"Ali Bagheri Kani", "Ali Larijani", false},
		{"Mike Pompeo", "Mike Pence", false},
		{"John Kerry", "John Bolton", false},
		{"Antony Blinken", "Jake Sullivan", false},
		{"Abbas Araghchi", "Abbas Abdi", false},
		{"Bashar al-Assad", "Adel al-Jubeir", false},
		{"Mohammad Javad Zarif", "Mohammad Bagheri", false},
		{"Sergey Lavrov", "Sergey Shoigu", false},
		{"Sergey Lavrov", "Andrey Lavrov", false},
		{"the Minister", "the Minister", false},
	}
	for _, tt := range tests {
		score, ok := Match(tt.a, tt.b)
		if ok != tt.same {
			t.Errorf("Match(%q, %q) = %.3f, %v; want ok=%v", tt.a, tt.b, score, ok, tt.same)
		}
		if ok && score < 0.5 || !ok && score >= 0.5 || score < 0 || score > 1 {
			t.Errorf("Match(%q, %q) score %.3f out of its band for ok=%v", tt.a, tt.b, score, ok)
		}
		if rs, rok := Match(tt.b, tt.a); rs != score || rok != ok {
			t.Errorf("Match(%q, %q) = %v, %v but reversed %v, %v", tt.a, tt.b, score, ok, rs, rok)
		}
	}
}

// A full, exactly equal name must outscore a bare surname or an initial, so
// that a registry prefers the most specific candidate.
func TestMatchScoreOrder(t *testing.T) {
	full, _ := Match("Sergey Lavrov", "Sergey Lavrov")
	variant, _ := Match("Sergey Lavrov", "Sergei Lavrov")
	initial, _ := Match("Sergey Lavrov", "S. Lavrov")
	bare, _ := Match("Sergey Lavrov", "Lavrov")
	if !(full > variant && variant > initial && initial > bare) {
		t.Errorf("scores full %.3f, variant %.3f, initial %.3f, bare %.3f: want strictly decreasing",
			full, variant, initial, bare)
	}
	// Two bare names carry the same evidence: a registry alias "King
	// Salman" must beat the surname of Mohammed bin Salman for "Salman".
	sameBare, _ := Match("Salman", "King Salman")
	surnameOnly, _ := Match("Salman", "Mohammed bin Salman")
	if sameBare <= surnameOnly {
		t.Errorf("bare = bare scores %.3f, bare ~ full %.3f: want the first higher", sameBare, surnameOnly)
	}
}

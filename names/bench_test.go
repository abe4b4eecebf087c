package names

import "testing"

func BenchmarkFold(b *testing.B) {
	for _, bm := range []struct{ name, in string }{
		{"ascii", "Foreign Minister Hossein Amir-Abdollahian's"},
		{"latin", "Alexander Lavréntiev and Mevlüt Çavuşoğlu"},
		{"cyrillic", "Александр Лаврентьев"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Fold(bm.in)
			}
		})
	}
}

func BenchmarkKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Key("Aleksandr Lavrentiyev")
	}
}

func BenchmarkMatch(b *testing.B) {
	b.Run("strings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Match("Alexander Lavrentiev", "Aleksandr Lavrentiyev")
		}
	})
	b.Run("parsed", func(b *testing.B) {
		x, y := Parse("Alexander Lavrentiev"), Parse("Aleksandr Lavrentiyev")
		b.ReportAllocs()
		for b.Loop() {
			x.Match(y)
		}
	})
}

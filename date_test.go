package parley

import "testing"

func TestDateCompare(t *testing.T) {
	a, _ := NewDate(2021, 11, 21)
	b, _ := NewDate(2021, 11, 22)
	var unknown Date
	tests := []struct {
		x, y Date
		want int
	}{
		{a, b, -1}, {b, a, 1}, {a, a, 0},
		{a, unknown, -1}, {unknown, a, 1}, {unknown, unknown, 0},
	}
	for _, tt := range tests {
		if got := tt.x.Compare(tt.y); got != tt.want {
			t.Errorf("%q.Compare(%q) = %d, want %d", tt.x, tt.y, got, tt.want)
		}
	}
	if _, ok := NewDate(2023, 2, 30); ok {
		t.Error("February 30 is a date")
	}
}

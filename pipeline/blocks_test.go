package pipeline

import (
	"slices"
	"testing"
)

func TestBlockListTake(t *testing.T) {
	for _, n := range []int{0, 1, blockLen - 1, blockLen, blockLen + 1, 3*blockLen + 7} {
		var l blockList[int]
		want := make([]int, n)
		for i := range n {
			want[i] = i
			l.add(i)
		}
		if l.len() != n {
			t.Errorf("%d added: len() = %d", n, l.len())
		}
		got := l.take()
		if !slices.Equal(got, want) {
			t.Errorf("%d added: take() returned %d items, not the ones added in order", n, len(got))
		}
		if cap(got) != n {
			t.Errorf("%d added: take() returned a slice of capacity %d", n, cap(got))
		}
		if l.len() != 0 || len(l.take()) != 0 {
			t.Errorf("%d added: the list is not empty after take()", n)
		}
	}
}

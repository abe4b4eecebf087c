package pipeline

// blockLen is how many items a block of a blockList holds.
const blockLen = 4096

// blockList is an append-only list that grows a block at a time. A slice
// grown by append holds up to twice what it needs, and three times while
// it is copied to a larger array: at a million articles that slack is
// hundreds of megabytes.
type blockList[T any] struct {
	blocks [][]T
	n      int
}

func (l *blockList[T]) add(v T) {
	if len(l.blocks) == 0 || len(l.blocks[len(l.blocks)-1]) == blockLen {
		l.blocks = append(l.blocks, make([]T, 0, blockLen))
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, v)
	l.n++
}

func (l *blockList[T]) len() int { return l.n }

// take returns the items in one slice of their exact length and empties
// the list. Each block is let go once it is copied, so taking costs at
// most one block more than the result.
func (l *blockList[T]) take() []T {
	all := make([]T, 0, l.n)
	for i, b := range l.blocks {
		all = append(all, b...)
		l.blocks[i] = nil
	}
	*l = blockList[T]{}
	return all
}

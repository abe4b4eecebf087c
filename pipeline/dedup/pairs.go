package dedup

import "iter"

// pairIndex finds the clusters of a pair of actors: two mentions of one
// meeting share at least two parties. Most pairs meet once or twice, so a
// pair holds the ends of a chain of entries in one shared slice rather
// than a slice of its own, and nothing in the index is a pointer for the
// collector to follow.
type pairIndex struct {
	chains  map[actorPair]chain
	entries []chainEntry
}

// actorPair is two actors' serial numbers, the smaller in the high half.
type actorPair uint64

func pairOf(a, b *actor) actorPair {
	lo, hi := a.serial, b.serial
	if lo > hi {
		lo, hi = hi, lo
	}
	return actorPair(uint64(lo)<<32 | uint64(hi))
}

// chain holds the first and last entry of a pair's chain.
type chain struct{ first, last int32 }

type chainEntry struct {
	cluster int32 // index in clusterer.clusters
	next    int32 // the next entry of the chain, or -1
}

func newPairIndex() *pairIndex { return &pairIndex{chains: map[actorPair]chain{}} }

// add files a cluster under a pair, after the pair's earlier clusters.
func (x *pairIndex) add(p actorPair, cluster int32) {
	e := int32(len(x.entries))
	x.entries = append(x.entries, chainEntry{cluster: cluster, next: -1})
	ch, ok := x.chains[p]
	if !ok {
		x.chains[p] = chain{first: e, last: e}
		return
	}
	x.entries[ch.last].next = e
	x.chains[p] = chain{first: ch.first, last: e}
}

// clusters yields the clusters filed under a pair, in the order they were.
func (x *pairIndex) clusters(p actorPair) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		ch, ok := x.chains[p]
		if !ok {
			return
		}
		for e := ch.first; e >= 0; e = x.entries[e].next {
			if !yield(x.entries[e].cluster) {
				return
			}
		}
	}
}

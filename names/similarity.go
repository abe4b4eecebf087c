package names

// jaroWinkler returns the Jaro-Winkler similarity of two ASCII strings with
// the usual constants: a common prefix of up to 4 bytes, scaled by 0.1,
// lifts scores above 0.7. Arguments are put in a fixed order first because
// greedy Jaro matching can differ by a hair between jw(a,b) and jw(b,a),
// and Match promises symmetry.
func jaroWinkler(a, b string) float64 {
	if a > b {
		a, b = b, a
	}
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	prefix := 0
	for prefix < 4 && prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	return j + float64(prefix)*0.1*(1-j)
}

func jaro(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	window := max(max(len(a), len(b))/2-1, 0)

	// Names are short: keep the match flags on the stack.
	var aBuf, bBuf [64]bool
	var aMatched, bMatched []bool
	if len(a) <= len(aBuf) && len(b) <= len(bBuf) {
		aMatched, bMatched = aBuf[:len(a)], bBuf[:len(b)]
	} else {
		aMatched, bMatched = make([]bool, len(a)), make([]bool, len(b))
	}

	matches := 0
	for i := range len(a) {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for k := lo; k < hi; k++ {
			if !bMatched[k] && a[i] == b[k] {
				aMatched[i], bMatched[k] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}

	transposed, k := 0, 0
	for i := range len(a) {
		if !aMatched[i] {
			continue
		}
		for !bMatched[k] {
			k++
		}
		if a[i] != b[k] {
			transposed++
		}
		k++
	}
	m := float64(matches)
	return (m/float64(len(a)) + m/float64(len(b)) + (m-float64(transposed/2))/m) / 3
}

// levenshteinSimilarity returns 1 - editDistance/longerLength, in [0,1].
func levenshteinSimilarity(a, b string) float64 {
	longer := max(len(a), len(b))
	if longer == 0 {
		return 1
	}
	return 1 - float64(levenshtein(a, b))/float64(longer)
}

// levenshtein returns the edit distance of two ASCII strings, keeping one
// row of the dynamic-programming table.
func levenshtein(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	var buf [65]int
	var row []int
	if len(b) < len(buf) {
		row = buf[:len(b)+1]
	} else {
		row = make([]int, len(b)+1)
	}
	for k := range row {
		row[k] = k
	}
	for i := 1; i <= len(a); i++ {
		diagonal := row[0]
		row[0] = i
		for k := 1; k <= len(b); k++ {
			cost := 1
			if a[i-1] == b[k-1] {
				cost = 0
			}
			next := min(row[k]+1, row[k-1]+1, diagonal+cost)
			diagonal, row[k] = row[k], next
		}
	}
	return row[len(b)]
}

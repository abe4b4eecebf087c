package eval

import "math"

// assign solves the assignment problem for a rows×cols weight matrix with the
// Hungarian method (potentials, O(n³) for n = max(rows, cols)): it returns,
// for each row, the column it is paired with in a pairing of maximum total
// weight, or -1. Pairs of weight 0 or less are never returned.
func assign(weight [][]int) []int {
	rows := len(weight)
	if rows == 0 {
		return nil
	}
	cols := len(weight[0])
	n := max(rows, cols)

	// Minimise cost = top - weight over an n×n matrix padded with weight 0.
	top := 0
	for _, row := range weight {
		for _, w := range row {
			top = max(top, w)
		}
	}
	cost := func(i, j int) int { // 1-based, as in the potentials below
		if i <= rows && j <= cols {
			return top - max(weight[i-1][j-1], 0)
		}
		return top
	}

	// u and v are the row and column potentials; rowOf[j] is the row paired
	// with column j, with column 0 a sentinel for the row being inserted.
	u := make([]int, n+1)
	v := make([]int, n+1)
	rowOf := make([]int, n+1)
	prev := make([]int, n+1)
	slack := make([]int, n+1)
	visited := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		rowOf[0] = i
		col := 0
		for j := range slack {
			slack[j] = math.MaxInt
			visited[j] = false
		}
		for rowOf[col] != 0 {
			visited[col] = true
			row, delta, next := rowOf[col], math.MaxInt, 0
			for j := 1; j <= n; j++ {
				if visited[j] {
					continue
				}
				if c := cost(row, j) - u[row] - v[j]; c < slack[j] {
					slack[j], prev[j] = c, col
				}
				if slack[j] < delta {
					delta, next = slack[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if visited[j] {
					u[rowOf[j]] += delta
					v[j] -= delta
				} else {
					slack[j] -= delta
				}
			}
			col = next
		}
		// Flip the augmenting path back to the sentinel.
		for col != 0 {
			p := prev[col]
			rowOf[col] = rowOf[p]
			col = p
		}
	}

	pairs := make([]int, rows)
	for i := range pairs {
		pairs[i] = -1
	}
	for j := 1; j <= cols; j++ {
		if i := rowOf[j]; i >= 1 && i <= rows && weight[i-1][j-1] > 0 {
			pairs[i-1] = j - 1
		}
	}
	return pairs
}

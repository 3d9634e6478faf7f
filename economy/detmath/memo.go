package detmath

import "math"

// Memo keeps a pure function's value at the arguments last given. The arguments are compared bit for
// bit, so the value returned is always the one a call would return: for a power or a logarithm taken
// month after month of arguments that seldom change (a monthly growth step, a province's expected
// growth), which cost a few hundred instructions each.
type Memo struct {
	x, y uint64 // the arguments' bits
	v    float64
	ok   bool
}

// Get returns f(x, y), calling f only when x or y differs in a bit from the last call's.
func (m *Memo) Get(x, y float64, f func(x, y float64) float64) float64 {
	if bx, by := math.Float64bits(x), math.Float64bits(y); !m.ok || bx != m.x || by != m.y {
		m.x, m.y, m.v, m.ok = bx, by, f(x, y), true
	}
	return m.v
}

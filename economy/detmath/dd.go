package detmath

import "math"

// Error-free transformations (Knuth, TAOCP vol. 2, 4.2.2; Dekker 1971): a
// double-double hi+lo carries about 106 bits, enough to round the final result
// of each function nearly correctly.

// twoSum returns s = fl(a+b) and the exact error a+b-s.
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bv := s - a
	e = (a - (s - bv)) + (b - bv)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// split returns hi+lo = a with hi and lo of at most 26 significant bits
// (Veltkamp); |a| must be below 2^995.
func split(a float64) (hi, lo float64) {
	const c = 1<<27 + 1
	t := float64(c * a)
	hi = t - (t - a)
	lo = a - hi
	return hi, lo
}

// twoProd returns p = fl(a*b) and the exact error a*b-p without an FMA: the
// partial products of the 26-bit halves are exact.
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	ah, al := split(a)
	bh, bl := split(b)
	e = ((float64(ah*bh) - p) + float64(ah*bl) + float64(al*bh)) + float64(al*bl)
	return p, e
}

// mulDD returns (ah+al)(bh+bl) as an unnormalized double-double.
func mulDD(ah, al, bh, bl float64) (h, l float64) {
	h, l = twoProd(ah, bh)
	l += float64(ah*bl) + float64(al*bh)
	return h, l
}

// pow2 returns 2^k for -1022 <= k <= 1023.
func pow2(k int) float64 { return math.Float64frombits(uint64(k+1023) << 52) }

package detmath

import "math"

const (
	expOver  = 709.79  // above ln(MaxFloat64) = 709.78271289338400: +Inf
	expUnder = -745.14 // below ln(2^-1075) = -745.13321910194111: 0
)

// Exp returns e^x. Special cases as math.Exp: Exp(+Inf) = +Inf, Exp(-Inf) = 0,
// Exp(NaN) = NaN; results too large are +Inf, too small are 0.
func Exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > expOver:
		return math.Inf(1)
	case x < expUnder:
		return 0
	}
	// Ziv's test (as in CORE-MATH): expDD without its two smallest terms, the
	// error pl of th*rh and the reduction's error rl (see expFastErr), gives an
	// interval around expDD's final sum s+lo; where it holds no rounding
	// boundary, expDD would round to the same double. That is 98% of inputs, at
	// two thirds of expDD's cost.
	k, r1, c := expReduce(x)
	rh := r1 - c // twoSum's sum in expDD
	j, m := k&63, k>>6
	th, tl := exp2Tab[j][0], exp2Tab[j][1]
	p2 := expPoly(rh)
	s, e := fastTwoSum(th, float64(th*rh))
	lo := e + tl + float64(tl*rh) + float64(th*p2)
	if m > -1022 && m <= 1023 {
		if y := s + (lo - expFastErr); y == s+(lo+expFastErr) {
			return y * pow2(m)
		}
	}
	return expDD(x, 0)
}

// expFastErr bounds |lo - lo'| between expDD's lo and Exp's lo' (which leaves
// out pl and rl) for xl = 0: |pl| <= ulp(th*rh)/2 <= 2^-60 (|th*rh| < 2^-6),
// |th (rest - p2)| <= 1.98 (|rl| (1+|rh+p2|) + 2^-67.9) <= 2^-60 + 2^-66.2
// (|rl| <= ulp(rh)/2 <= 2^-61); the roundings of th*rest, th*p2 and of each
// lo's last sum (all below 2^-15) add 4 2^-68, those of the inner sums less
// than 2^-102: 2^-59 + 2^-65 in all. Since expDD's lo is a double,
// s+RN(lo'-E) <= s+lo <= s+RN(lo'+E), so when both ends round alike expDD
// rounds there too.
const expFastErr = 0x1.08p-59 // 2^-59 + 2^-64

// expReduce returns k = round(64 xh/ln2), r1 = xh - k expL1 (exact) and
// c = fl(k expL2): xh - k ln2/64 = r1 - c to within 2^-82.
func expReduce(xh float64) (k int, r1, c float64) {
	t := float64(xh * expInvL)
	if t >= 0 {
		k = int(t + 0.5)
	} else {
		k = int(t - 0.5)
	}
	kf := float64(k)
	r1 = xh - float64(kf*expL1) // exact: kf*expL1 is exact and close to xh
	return k, r1, float64(kf * expL2)
}

// expPoly returns p2 = e^rh - 1 - rh = rh^2 (1/2 + rh/6 + ... + rh^5/7!).
func expPoly(rh float64) float64 {
	q := float64(rh*(1.0/5040)) + 1.0/720
	q = float64(rh*q) + 1.0/120
	q = float64(rh*q) + 1.0/24
	q = float64(rh*q) + 1.0/6
	q = float64(rh*q) + 0.5
	return float64(float64(rh*rh) * q)
}

// expDD returns e^(xh+xl) rounded, for expUnder <= xh <= expOver and
// |xl| <= 2^-40 |xh| (Tang 1989, ACM TOMS 15(2)):
// xh+xl = (64m + j) ln2/64 + r with |r| <= ln2/128 (Cody-Waite reduction with
// ln2/64 = expL1 + expL2), e^x = 2^m 2^(j/64) e^r, 2^(j/64) from exp2Tab as a
// double-double and e^r - 1 from its Taylor series to r^7/7! (truncation below
// 2^-74). Only the final sum rounds at full size; the rest is below 2^-16 of
// the result, so the result is within 0.5 + 2^-12 ulp, subnormal or not.
func expDD(xh, xl float64) float64 {
	k, r1, c := expReduce(xh)
	rh, rl := twoSum(r1, -c)
	rl += xl
	j := k & 63
	m := k >> 6 // floor(k/64)
	th, tl := exp2Tab[j][0], exp2Tab[j][1]

	// e^r - 1 - rh = p2 + e^rh (e^rl - 1) = p2 + rl (1 + rh + p2) to within
	// rl^2, with p2 = e^rh - 1 - rh = rh^2 (1/2 + rh/6 + ... + rh^5/7!)
	p2 := expPoly(rh)
	rest := p2 + rl + float64(rl*(rh+p2))

	// 2^(j/64) e^r = th + th*rh + (tl + tl*rh + th*rest)
	ph, pl := twoProd(th, rh)
	s, e := fastTwoSum(th, ph)
	lo := e + pl + tl + float64(tl*rh) + float64(th*rest)
	y := s + lo

	switch {
	case m <= -1022: // the result may be subnormal
		return expSubnormal(s, lo, m)
	case m > 1023:
		return y * pow2(1023) * pow2(m-1023)
	}
	return y * pow2(m)
}

// expSubnormal returns (s+lo) 2^m for m <= -1022, rounded once: in the domain
// scaled by 2^64, adding B = 2^-958 puts a result below B on the grid of
// subnormals (ulp(B) = 2^-1010 = 2^-1074 2^64), and the sum is rounded once.
func expSubnormal(s, lo float64, m int) float64 {
	const B = 0x1p-958
	sc := pow2(m + 64)
	hs, ls := float64(s*sc), float64(lo*sc) // exact
	if hs+ls >= B {
		return (s + lo) * sc * 0x1p-64 // normal: one rounding, exact scaling
	}
	a, ea := fastTwoSum(B, hs)
	return (a + (ea + ls) - B) * 0x1p-64 // exact subtraction and scaling
}

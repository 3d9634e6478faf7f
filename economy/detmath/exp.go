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
	return expDD(x, 0)
}

// expDD returns e^(xh+xl) rounded, for expUnder <= xh <= expOver and
// |xl| <= 2^-40 |xh| (Tang 1989, ACM TOMS 15(2)):
// xh+xl = (64m + j) ln2/64 + r with |r| <= ln2/128 (Cody-Waite reduction with
// ln2/64 = expL1 + expL2), e^x = 2^m 2^(j/64) e^r, 2^(j/64) from exp2Tab as a
// double-double and e^r - 1 from its Taylor series to r^7/7! (truncation below
// 2^-74). Only the final sum rounds at full size; the rest is below 2^-16 of
// the result, so the result is within 0.5 + 2^-12 ulp, subnormal or not.
func expDD(xh, xl float64) float64 {
	t := float64(xh * expInvL)
	var k int
	if t >= 0 {
		k = int(t + 0.5)
	} else {
		k = int(t - 0.5)
	}
	kf := float64(k)
	r1 := xh - float64(kf*expL1) // exact: kf*expL1 is exact and close to xh
	rh, rl := twoSum(r1, -float64(kf*expL2))
	rl += xl
	j := k & 63
	m := k >> 6 // floor(k/64)
	th, tl := exp2Tab[j][0], exp2Tab[j][1]

	// e^r - 1 - rh = p2 + e^rh (e^rl - 1) = p2 + rl (1 + rh + p2) to within
	// rl^2, with p2 = e^rh - 1 - rh = rh^2 (1/2 + rh/6 + ... + rh^5/7!)
	q := float64(rh*(1.0/5040)) + 1.0/720
	q = float64(rh*q) + 1.0/120
	q = float64(rh*q) + 1.0/24
	q = float64(rh*q) + 1.0/6
	q = float64(rh*q) + 0.5
	p2 := float64(float64(rh*rh) * q)
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

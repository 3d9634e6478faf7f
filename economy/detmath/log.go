package detmath

import "math"

// Log returns the natural logarithm of x. Special cases as math.Log:
// Log(+Inf) = +Inf, Log(0) = -Inf, Log(x < 0) = NaN, Log(NaN) = NaN.
func Log(x float64) float64 {
	switch {
	case x != x || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case x > math.MaxFloat64:
		return x
	}
	h, _ := logDD(x, true)
	return h
}

// logDD returns ln x as a normalized double-double hi+lo for finite x > 0,
// with a relative error below 2^-68 (so hi is ln x nearly correctly rounded).
//
// x = 2^e m with m in [1,2); F = 1 + j/128 is m rounded to 7 fractional bits
// (j = 128 moves to e+1, F = 1), f = m - F is exact and u = f/F, |u| <= 2^-8, is
// computed as a double-double. ln x = e ln2 + ln F + ln(1+u), ln F from logTab,
// ln(1+u) = u - u^2/2 + u^3 (1/3 - u/4 + ... + u^6/9) (Mercator's series; the
// next term is below 2^-72 |u|). The large terms are added with twoSum.
//
// With tails false, the two smallest terms, the error ul of u's division and
// the error sl of u^2, are left out: lo then differs from lo with tails by at
// most 2^-61 + 2^-67 (|ul| <= ulp(uh)/2 <= 2^-61 as |u| <= 2^-8, |sl| < 2^-68,
// the roundings that differ below 2^-77), everything else being the same
// operations on the same values (Log1p's fast path).
func logDD(x float64, tails bool) (hi, lo float64) {
	b := math.Float64bits(x)
	e := int(b>>52) - 1023
	if e == -1023 { // subnormal: scale into the normal range
		b = math.Float64bits(x * (1 << 54))
		e = int(b>>52) - 1023 - 54
	}
	frac := b & (1<<52 - 1)
	j := int((frac + 1<<44) >> 45) // frac/2^52 to the nearest 1/128
	m := math.Float64frombits(frac | 1023<<52)
	if j == 128 {
		j, e, m = 0, e+1, float64(m*0.5)
	}
	F := 1 + float64(float64(j)*(1.0/128))
	f := m - F // exact: |f| <= 2^-8 and f is a multiple of 2^-53
	uh, ul := f, 0.0
	if j != 0 {
		uh = f / F
		if tails {
			ph, pl := twoProd(uh, F)
			ul = ((f - ph) - pl) / F // f - ph is exact (Sterbenz)
		}
	}

	// u^2/2 as a double-double
	var sh, sl float64
	if tails {
		sh, sl = twoProd(uh, uh)
		sl += float64(2 * float64(uh*ul))
		sh, sl = float64(0.5*sh), float64(0.5*sl)
	} else {
		sh = float64(0.5 * float64(uh*uh)) // twoProd's product
	}

	p := float64(uh*(1.0/9)) - 1.0/8
	p = float64(uh*p) + 1.0/7
	p = float64(uh*p) - 1.0/6
	p = float64(uh*p) + 1.0/5
	p = float64(uh*p) - 1.0/4
	p = float64(uh*p) + 1.0/3
	cube := float64(float64(sh*uh) * 2 * p) // u^3 p(u); sh*2 = u^2 exactly

	ef := float64(e)
	s, t1 := twoSum(float64(ef*ln2Hi), logTab[j][0]) // ef*ln2Hi is exact
	s, t2 := twoSum(s, uh)
	s, t3 := twoSum(s, -sh)
	lo = t1 + t2 + t3 + float64(ef*ln2Lo) + logTab[j][1]
	if tails {
		lo = lo + ul - sl
	}
	lo += cube
	return fastTwoSum(s, lo)
}

// Log1p returns ln(1+x), accurate also for x near zero. Special cases as
// math.Log1p: Log1p(+Inf) = +Inf, Log1p(±0) = ±0, Log1p(-1) = -Inf,
// Log1p(x < -1) = NaN, Log1p(NaN) = NaN.
func Log1p(x float64) float64 {
	switch {
	case x != x || x < -1:
		return math.NaN()
	case x == -1:
		return math.Inf(-1)
	case x > math.MaxFloat64:
		return x
	case x == 0 || math.Abs(x) < 0x1p-60:
		return x // ln(1+x) = x - x^2/2 rounds to x
	}
	if x > 0x1p60 { // ln(1+x) = ln x + 1/x, 1/x below 2^-66 ln x
		h, l := logDD(x, true)
		return h + (l + 1/x)
	}
	// 1+x = s+t exactly; ln(s+t) = ln s + q - q^2/2 + ..., q = t/s, |q| <= 2^-53,
	// with q as a double-double since ln(1+x) may be as small as 2^-53.
	s, t := twoSum(1, x)
	q := t / s
	if math.Abs(x) >= 0x1p-3 {
		// Ziv's test (as in CORE-MATH): the sum below without its terms under
		// 2^-60 (logDD's tails, ql and q^2/2; see log1pFastErr) gives an
		// interval around the sum a + (b + l + ql - q^2/2) that is rounded;
		// where it holds no rounding boundary, that sum rounds to the same
		// double. That is 99% of inputs (|ln(1+x)| >= 0.11 here), at 70% of
		// the cost.
		h, l := logDD(s, false)
		a, b := twoSum(h, q)
		c := b + l
		if y := a + (c - log1pFastErr); y == a+(c+log1pFastErr) {
			return y
		}
	}
	return log1pDD(s, t, q)
}

// log1pDD returns ln(s+t) rounded, for s+t = 1+x as twoSum(1, x) gives it and
// q = t/s (Log1p without its fast path).
func log1pDD(s, t, q float64) float64 {
	h, l := logDD(s, true)
	ph, pl := twoProd(q, s)
	ql := ((t - ph) - pl) / s
	a, b := twoSum(h, q)
	return a + (b + l + ql - float64(0.5*float64(q*q)))
}

// log1pFastErr bounds, for |x| >= 2^-3, the distance between the sum Log1p
// rounds, V = a + (b + l + ql - q^2/2), and the fast path's a' + c'. With S
// and lo (lo') logDD's sum and tail with tails (without), h + l = S + lo
// exactly (|S| >= 0.11 > 2^-25 > |lo|), so V = S + lo + q + d with |d| < 2^-98
// (|ql|, q^2/2 <= 2^-106, three roundings below 2^-100), and likewise
// a' + c' = S + lo' + q + d', |d'| <= 2^-100. With |lo - lo'| <= 2^-61 + 2^-67
// (logDD) and the roundings of c' -+ E (2^-100), E = 2^-60 gives
// a' + RN(c' - E) <= V <= a' + RN(c' + E): when both ends round alike, V
// rounds there too.
const log1pFastErr = 0x1p-60

// Pow returns x**y. Special cases as math.Pow, in this order:
//
//	Pow(x, ±0) = 1 and Pow(1, y) = 1 for any x, y
//	Pow(x, 1) = x for any x
//	Pow(NaN, y) = Pow(x, NaN) = NaN
//	Pow(±0, y) = ±Inf for y an odd integer < 0, +Inf for other y < 0 (incl. -Inf)
//	Pow(±0, y) = ±0 for y an odd integer > 0, +0 for other y > 0 (incl. +Inf)
//	Pow(-1, ±Inf) = 1
//	Pow(x, +Inf) = +Inf for |x| > 1, +0 for |x| < 1; Pow(x, -Inf) the reverse
//	Pow(+Inf, y) = +Inf for y > 0, +0 for y < 0; Pow(-Inf, y) = Pow(-0, -y)
//	Pow(x, 0.5) = Sqrt(x) for other x
//	Pow(x, y) = NaN for finite x < 0 and finite non-integer y
//
// Otherwise Pow(x, y) = ±e^(y ln|x|) with ln|x| as a double-double (logDD),
// the product y ln|x| as a double-double and expDD of it: the product's
// relative error, at most 2^-68, times |y ln|x|| <= 746 stays below 2^-58.
func Pow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case x != x || y != y:
		return math.NaN()
	case x == 0:
		odd := isOddInt(y)
		if y < 0 {
			if odd && math.Signbit(x) {
				return math.Inf(-1)
			}
			return math.Inf(1)
		}
		if odd {
			return x
		}
		return 0
	case math.IsInf(y, 0):
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == (y > 0):
			return 0
		}
		return math.Inf(1)
	case math.IsInf(x, 0):
		if x < 0 {
			return Pow(math.Copysign(0, -1), -y)
		}
		if y < 0 {
			return 0
		}
		return math.Inf(1)
	case y == 0.5:
		return math.Sqrt(x)
	}

	neg := false
	if x < 0 {
		if math.Trunc(y) != y {
			return math.NaN()
		}
		neg = isOddInt(y)
		x = -x
	}
	lh, ll := logDD(x, true)
	var z float64
	if math.Abs(y) < 0x1p64 { // else |y ln x| >= 2^64 * 2^-53: overflow or underflow
		zh, zl := twoProd(y, lh)
		zl += float64(y * ll)
		zh, zl = fastTwoSum(zh, zl)
		if zh >= expUnder && zh <= expOver {
			z = expDD(zh, zl)
		} else if zh > 0 {
			z = math.Inf(1)
		}
	} else if lh == 0 { // x = -1
		z = 1
	} else if (lh > 0) == (y > 0) {
		z = math.Inf(1)
	}
	if neg {
		return -z
	}
	return z
}

// isOddInt reports whether y is an odd integer.
func isOddInt(y float64) bool {
	if math.Abs(y) >= 1<<53 { // every such float64 is even
		return false
	}
	yi := int64(y)
	return float64(yi) == y && yi&1 == 1
}

package detmath

import (
	"math"
	"math/bits"
)

// sinTail[i] and cosTail[i] are the Taylor coefficients (-1)^k/k! of sin from
// r^7 and of cos from r^6; the first omitted terms, r^21/21! and r^22/22!, are
// below 2^-72 of the result for |r| <= pi/4.
var (
	sinTail = [...]float64{-1.0 / 5040, 1.0 / 362880, -1.0 / 39916800,
		1.0 / 6227020800, -1.0 / 1307674368000, 1.0 / 355687428096000,
		-1.0 / 121645100408832000}
	cosTail = [...]float64{-1.0 / 720, 1.0 / 40320, -1.0 / 3628800, 1.0 / 479001600,
		-1.0 / 87178291200, 1.0 / 20922789888000, -1.0 / 6402373705728000,
		1.0 / 2432902008176640000}
)

// horner returns c[0] + s c[1] + s^2 c[2] + ...
func horner(s float64, c []float64) float64 {
	p := c[len(c)-1]
	for i := len(c) - 2; i >= 0; i-- {
		p = float64(p*s) + c[i]
	}
	return p
}

// Sin returns the sine of x (radians). Special cases as math.Sin:
// Sin(±0) = ±0, Sin(±Inf) = NaN, Sin(NaN) = NaN.
func Sin(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case ax < 0x1p-26:
		return x // sin x = x - x^3/6 rounds to x
	case ax > math.MaxFloat64 || x != x:
		return math.NaN()
	}
	q, rh, rl := reduce(ax)
	var y float64
	switch q & 3 {
	case 0:
		y = sinKernel(rh, rl)
	case 1:
		y = cosKernel(rh, rl)
	case 2:
		y = -sinKernel(rh, rl)
	default:
		y = -cosKernel(rh, rl)
	}
	if x < 0 {
		return -y
	}
	return y
}

// Cos returns the cosine of x (radians). Special cases as math.Cos:
// Cos(±Inf) = NaN, Cos(NaN) = NaN.
func Cos(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case ax < 0x1p-27:
		return 1 // cos x = 1 - x^2/2 rounds to 1
	case ax > math.MaxFloat64 || x != x:
		return math.NaN()
	}
	q, rh, rl := reduce(ax)
	switch q & 3 {
	case 0:
		return cosKernel(rh, rl)
	case 1:
		return -sinKernel(rh, rl)
	case 2:
		return -cosKernel(rh, rl)
	}
	return sinKernel(rh, rl)
}

// reduce returns q and r = rh+rl with x = (4n + q) pi/2 + r, |r| <= pi/4 (to
// within 2^-60), for finite x >= 0, in the manner of Payne and Hanek (1983):
// with x = M 2^e, M a 53-bit integer, the bits of 2/pi of weight 2^(1-e) and
// above contribute multiples of 4 to x 2/pi and are skipped, and a 192-bit
// window of the next bits, multiplied by M in integers, gives x 2/pi mod 4
// within 2^-137. For the smallest |r| a float64 can give, about 2^-61 (Muller,
// Elementary Functions, 2016, 11.3), that is a relative error below 2^-75.
func reduce(x float64) (q uint64, rh, rl float64) {
	if x <= pio2Hi/2 {
		return 0, x, 0
	}
	b := math.Float64bits(x)
	e := int(b>>52) - 1075 // x = M 2^e
	M := b&(1<<52-1) | 1<<52
	// Window of 192 bits of 2/pi whose first bit has weight 2^-(e-1): bit t of
	// twoOverPi (0 = most significant of word 0) has weight 2^-(t-63).
	t := e - 1 + 63
	w, sh := t>>6, uint(t&63)
	w0 := twoOverPi[w]<<sh | twoOverPi[w+1]>>(64-sh)
	w1 := twoOverPi[w+1]<<sh | twoOverPi[w+2]>>(64-sh)
	w2 := twoOverPi[w+2]<<sh | twoOverPi[w+3]>>(64-sh)
	// P = M*(w0,w1,w2), 256 bits p0..p3; x*2/pi = P 2^-190 modulo 4.
	h2, p3 := bits.Mul64(M, w2)
	h1, l1 := bits.Mul64(M, w1)
	h0, l0 := bits.Mul64(M, w0)
	p2, c := bits.Add64(h2, l1, 0)
	p1, _ := bits.Add64(h1, l0, c)
	_ = h0 // bits of weight 2^66 and up: multiples of 4
	q = p1 >> 62
	// Fraction X = P mod 2^190 as 192 bits x0,x1,x2 (x0's top bit weighs 1/2).
	x0 := p1<<2 | p2>>62
	x1 := p2<<2 | p3>>62
	x2 := p3 << 2
	neg := false
	if x0>>63 != 0 { // fraction >= 1/2: r = (X - 1) pi/2, one more quadrant
		q++
		neg = true
		var bw uint64
		x2, bw = bits.Sub64(0, x2, 0)
		x1, bw = bits.Sub64(0, x1, bw)
		x0, _ = bits.Sub64(0, x0, bw)
	}
	// Normalize so that x0's top bit is set; then X = (x0 2^64 + x1) 2^-(128+lz).
	lz := 0
	for x0 == 0 && lz < 128 {
		x0, x1, x2 = x1, x2, 0
		lz += 64
	}
	if x0 == 0 {
		return q, 0, 0
	}
	s := uint(bits.LeadingZeros64(x0))
	x0, x1 = x0<<s|x1>>(64-s), x1<<s|x2>>(64-s)
	lz += int(s)
	fh := float64(float64(x0>>11) * pow2(-53-lz))                   // exact: 53 bits
	fl := float64(float64(x0&(1<<11-1)<<53|x1>>11) * pow2(-117-lz)) // the next 64 bits, rounded
	fh, fl = fastTwoSum(fh, fl)
	rh, rl = twoProd(fh, pio2Hi)
	rl += float64(fh*pio2Lo) + float64(fl*pio2Hi)
	rh, rl = fastTwoSum(rh, rl)
	if neg {
		rh, rl = -rh, -rl
	}
	return q & 3, rh, rl
}

// oddTerms returns r^3 c3 and r^5 c5 as double-doubles for r = rh+rl, and
// r^2 rounded.
func oddTerms(rh, rl, c3h, c3l, c5h, c5l float64) (t3h, t3l, t5h, t5l, r2 float64) {
	r2h, r2l := mulDD(rh, rl, rh, rl)
	r3h, r3l := mulDD(r2h, r2l, rh, rl)
	r5h, r5l := mulDD(r3h, r3l, r2h, r2l)
	t3h, t3l = mulDD(r3h, r3l, c3h, c3l)
	t5h, t5l = mulDD(r5h, r5l, c5h, c5l)
	return t3h, t3l, t5h, t5l, r2h
}

// sinKernel returns sin(rh+rl), |rh| <= pi/4: r - r^3/3! + r^5/5! as a
// double-double plus r^7 (-1/7! + r^2/9! - ...) in double, whose rounding
// errors are below 2^-64 of the result.
func sinKernel(rh, rl float64) float64 {
	t3h, t3l, t5h, t5l, s := oddTerms(rh, rl, sixthHi, sixthLo, inv120Hi, inv120Lo)
	tail := float64(float64(float64(float64(rh*s)*s)*s) * horner(s, sinTail[:]))
	a, b := fastTwoSum(rh, -t3h)
	a, c := fastTwoSum(a, t5h)
	return a + (b + c + rl - t3l + t5l + tail)
}

// cosKernel returns cos(rh+rl), |rh| <= pi/4: 1 - r^2/2 + r^4/24 as a
// double-double plus r^6 (-1/6! + r^2/8! - ...) in double.
func cosKernel(rh, rl float64) float64 {
	r2h, r2l := twoProd(rh, rh)
	r2l += float64(2 * float64(rh*rl))
	r4h, r4l := twoProd(r2h, r2h)
	r4l += float64(2 * float64(r2h*r2l))
	fh, fl := twoProd(r4h, inv24Hi)
	fl += float64(r4h*inv24Lo) + float64(r4l*inv24Hi)
	tail := float64(float64(float64(r2h*r2h)*r2h) * horner(r2h, cosTail[:]))
	a, b := fastTwoSum(1, -float64(0.5*r2h))
	a, c := fastTwoSum(a, fh)
	return a + (b + c - float64(0.5*r2l) + fl + tail)
}

// asinTail[n-3] is the Taylor coefficient of asin at x^(2n+1),
// (2n)!/(4^n (n!)^2 (2n+1)) (Abramowitz and Stegun 4.4.40); the first omitted
// term, n = 31, is below 2^-69 of the result for |x| <= 1/2.
var asinTail = [...]float64{
	5.0 / 112,                                // n = 3
	35.0 / 1152,                              // n = 4
	63.0 / 2816,                              // n = 5
	231.0 / 13312,                            // n = 6
	143.0 / 10240,                            // n = 7
	6435.0 / 557056,                          // n = 8
	12155.0 / 1245184,                        // n = 9
	46189.0 / 5505024,                        // n = 10
	88179.0 / 12058624,                       // n = 11
	676039.0 / 104857600,                     // n = 12
	1300075.0 / 226492416,                    // n = 13
	5014575.0 / 973078528,                    // n = 14
	9694845.0 / 2080374784,                   // n = 15
	100180065.0 / 23622320128,                // n = 16
	116680311.0 / 30064771072,                // n = 17
	2268783825.0 / 635655159808,              // n = 18
	1472719325.0 / 446676598784,              // n = 19
	34461632205.0 / 11269994184704,           // n = 20
	67282234305.0 / 23639499997184,           // n = 21
	17534158031.0 / 6597069766656,            // n = 22
	514589420475.0 / 206708186021888,         // n = 23
	8061900920775.0 / 3448068464705536,       // n = 24
	5267108601573.0 / 2392537302040576,       // n = 25
	61989816618513.0 / 29836347531329536,     // n = 26
	121683714103007.0 / 61924494876344320,    // n = 27
	956086325095055.0 / 513410357520236544,   // n = 28
	1879204156221315.0 / 1062849512059437056, // n = 29
	7391536347803839.0 / 4395513236313604096, // n = 30
}

// Asin returns the arcsine of x in radians. Special cases as math.Asin:
// Asin(±0) = ±0, Asin(x) = NaN for |x| > 1 or NaN.
//
// For |x| <= 1/2 the Taylor series; above, asin x = pi/2 - 2 asin(w) with
// w = sqrt((1-x)/2) <= 1/2 as a double-double (the reduction of Cody and Waite,
// Software Manual for the Elementary Functions, 1980, ch. 10).
func Asin(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || ax > 1:
		return math.NaN()
	case ax < 0x1p-26:
		return x // asin x = x + x^3/6 rounds to x
	}
	var y float64
	if ax <= 0.5 {
		h, l := asinKernel(ax, 0)
		y = h + l
	} else {
		z := float64((1 - ax) * 0.5) // exact
		wh := math.Sqrt(z)
		ph, pl := twoProd(wh, wh)
		wl := ((z - ph) - pl) / (2 * wh)
		h, l := asinKernel(wh, wl)
		a, b := fastTwoSum(pio2Hi, -float64(2*h))
		y = a + (b + pio2Lo - float64(2*l))
	}
	if x < 0 {
		return -y
	}
	return y
}

// asinKernel returns asin(ah+al) as a double-double for 0 <= ah <= 1/2: a +
// a^3/6 + 3a^5/40 as a double-double plus a^7 (5/112 + ...) in double.
func asinKernel(ah, al float64) (h, l float64) {
	if ah == 0 {
		return 0, 0
	}
	t3h, t3l, t5h, t5l, s := oddTerms(ah, al, sixthHi, sixthLo, asin5Hi, asin5Lo)
	tail := float64(float64(float64(float64(ah*s)*s)*s) * horner(s, asinTail[:]))
	h, b := fastTwoSum(ah, t3h)
	h, c := fastTwoSum(h, t5h)
	return fastTwoSum(h, b+c+al+t3l+t5l+tail)
}

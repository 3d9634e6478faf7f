package detmath

import (
	"math"
	"math/big"
	"sync"
)

// A double-double reference (about 104 bits), written independently of the
// package's algorithms: exp by argument halving and squaring, log by the atanh
// series, sin/cos by plain Taylor series after Cody-Waite reduction with a
// 160-bit pi/2 (math/big for |x| >= 2^28), asin by Newton's iteration on sin.
// TestReference checks it against math/big.

type dd struct{ h, l float64 }

func rTwoSum(a, b float64) (float64, float64) {
	s := a + b
	v := s - a
	return s, (a - (s - v)) + (b - v)
}

func rFast(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func rSplit(a float64) (float64, float64) {
	t := float64(134217729 * a)
	h := t - (t - a)
	return h, a - h
}

func rTwoProd(a, b float64) dd {
	p := float64(a * b)
	ah, al := rSplit(a)
	bh, bl := rSplit(b)
	return dd{p, ((float64(ah*bh) - p) + float64(ah*bl) + float64(al*bh)) + float64(al*bl)}
}

func ddf(x float64) dd { return dd{x, 0} }

func (a dd) add(b dd) dd {
	s, e := rTwoSum(a.h, b.h)
	t, f := rTwoSum(a.l, b.l)
	r := rFast(s, e+t)
	return rFast(r.h, r.l+f)
}

func (a dd) neg() dd { return dd{-a.h, -a.l} }

func (a dd) sub(b dd) dd { return a.add(b.neg()) }

func (a dd) mul(b dd) dd {
	p := rTwoProd(a.h, b.h)
	return rFast(p.h, p.l+float64(a.h*b.l)+float64(a.l*b.h))
}

func (a dd) div(b dd) dd {
	q1 := a.h / b.h
	r := a.sub(b.mul(ddf(q1)))
	q2 := r.h / b.h
	r = r.sub(b.mul(ddf(q2)))
	q3 := r.h / b.h
	q := rFast(q1, q2)
	return q.add(ddf(q3))
}

// ldexp scales by 2^k (exact unless it underflows).
func (a dd) ldexp(k int) dd { return dd{math.Ldexp(a.h, k), math.Ldexp(a.l, k)} }

func (a dd) float() float64 { return a.h + a.l }

// triple splits a math/big value into three doubles.
func triple(v *big.Float) [3]float64 {
	var t [3]float64
	r := newBig(bigPrec).Set(v)
	for i := range t {
		t[i], _ = r.Float64()
		r.Sub(r, bigF(t[i], bigPrec))
	}
	return t
}

var refConst = sync.OnceValue(func() (c struct {
	ln2, pio2 [3]float64
	invFact   [40]dd // 1/n!
	bigPi     *big.Float
}) {
	c.ln2 = triple(bigLn2(bigPrec))
	c.bigPi = bigPi(2400)
	c.pio2 = triple(newBig(bigPrec).SetMantExp(c.bigPi, -1))
	c.invFact[0] = ddf(1)
	for n := 1; n < len(c.invFact); n++ {
		c.invFact[n] = c.invFact[n-1].div(ddf(float64(n)))
	}
	return c
})

// subKTimes returns a - k t for an integer k < 2^30 and a triple t, one term at
// a time so that the cancellation happens exactly.
func subKTimes(a dd, k float64, t [3]float64) dd {
	return a.sub(rTwoProd(k, t[0])).sub(rTwoProd(k, t[1])).sub(ddf(float64(k * t[2])))
}

// refExp returns e^x as v 2^e.
func refExp(x dd) (v dd, e int) {
	switch {
	case x.h > 1000: // far beyond overflow
		return ddf(1), 1 << 20
	case x.h < -1000: // far below the smallest subnormal
		return ddf(1), -1 << 20
	}
	c := refConst()
	k := math.Round(x.h / math.Ln2)
	r := subKTimes(x, k, c.ln2).ldexp(-10)
	sum, pw := ddf(1), ddf(1)
	for n := 1; n <= 14; n++ {
		pw = pw.mul(r)
		sum = sum.add(pw.mul(c.invFact[n]))
	}
	for i := 0; i < 10; i++ {
		sum = sum.mul(sum)
	}
	return sum, int(k)
}

// refLog returns ln a for a > 0: a = m 2^k, m in [sqrt(1/2), sqrt(2)),
// ln m = 2 atanh(f/(2+f)) with f = m-1.
func refLog(a dd) dd {
	c := refConst()
	_, k := math.Frexp(a.h)
	m := a.ldexp(-k)
	if m.h < math.Sqrt2/2 {
		m, k = m.ldexp(1), k-1
	}
	f := m.sub(ddf(1))
	u := f.div(f.add(ddf(2)))
	u2 := u.mul(u)
	sum, pw := u, u
	for n := 3; n < 80; n += 2 {
		pw = pw.mul(u2)
		t := pw.div(ddf(float64(n)))
		sum = sum.add(t)
		if math.Abs(t.h) < 0x1p-110*math.Abs(sum.h) {
			break
		}
	}
	return sum.ldexp(1).sub(subKTimes(ddf(0), float64(k), c.ln2))
}

// refLog1p returns ln(1+x), 1+x exactly as a double-double.
func refLog1p(x float64) dd {
	if math.Abs(x) < 0x1p-200 {
		return ddf(x) // ln(1+x) = x - x^2/2, and x/2 < 2^-200
	}
	s, t := rTwoSum(1, x)
	return refLog(dd{s, t})
}

// refReduce returns x mod pi/2 in [-pi/4, pi/4] and the quadrant, for |x| < 2^28.
func refReduce(x float64) (dd, int) {
	c := refConst()
	k := math.Round(x / (math.Pi / 2))
	return subKTimes(ddf(x), k, c.pio2), int(int64(k) & 3)
}

// refSinCosSmall sums the Taylor series at r, |r| <= 1.6.
func refSinCosSmall(r dd) (sin, cos dd) {
	c := refConst()
	sin, cos = r, ddf(1)
	pw := r
	for n := 2; n < len(c.invFact); n++ {
		pw = pw.mul(r)
		t := pw.mul(c.invFact[n])
		switch n % 4 {
		case 0:
			cos = cos.add(t)
		case 1:
			sin = sin.add(t)
		case 2:
			cos = cos.sub(t)
		case 3:
			sin = sin.sub(t)
		}
	}
	return sin, cos
}

// refSinCos returns sin x and cos x, with math/big for the reduction of large x.
func refSinCos(x float64) (sin, cos dd) {
	if math.Abs(x) >= 0x1p28 {
		s, c := bigSinCos(bigF(x, 160), 160)
		return bigDD(s), bigDD(c)
	}
	r, q := refReduce(x)
	s, c := refSinCosSmall(r)
	switch q {
	case 1:
		s, c = c, s.neg()
	case 2:
		s, c = s.neg(), c.neg()
	case 3:
		s, c = c.neg(), s
	}
	return s, c
}

func bigDD(v *big.Float) dd {
	h, _ := v.Float64()
	l, _ := newBig(v.Prec()).Sub(v, bigF(h, v.Prec())).Float64()
	return dd{h, l}
}

// refAsin solves sin y = x by Newton's iteration from math.Asin.
func refAsin(x float64) dd {
	if math.Abs(x) == 1 {
		return ddf(x).mul(dd{refConst().pio2[0], refConst().pio2[1]})
	}
	y := ddf(math.Asin(x))
	for i := 0; i < 8; i++ {
		s, c := refSinCosSmall(y)
		d := s.sub(ddf(x)).div(c)
		y = y.sub(d)
		if math.Abs(d.h) < 0x1p-104*math.Abs(y.h) {
			break
		}
	}
	return y
}

// refPow returns |x|^y = e^(y ln|x|) as v 2^e (the caller gives the sign).
func refPow(x, y float64) (dd, int) {
	l := refLog(ddf(math.Abs(x)))
	if z := l.h * y; math.Abs(z) > 2000 {
		return refExp(ddf(z)) // 0 or +Inf, without overflowing the product
	}
	return refExp(l.mul(ddf(y)))
}

// ulpErr returns (got - v 2^e) in units in the last place of v 2^e, or +Inf
// when got is infinite or NaN and should not be.
func ulpErr(got float64, v dd, e int) float64 {
	if v.h == 0 {
		if got == 0 {
			return 0
		}
		return math.Inf(1)
	}
	// exponent of |v 2^e|
	fr, ex := math.Frexp(v.h)
	E := ex - 1 + e
	if math.Abs(fr) == 0.5 && math.Signbit(v.l) != math.Signbit(v.h) && v.l != 0 {
		E-- // just below a power of two
	}
	if math.IsInf(got, 0) {
		// correct iff |v 2^e| >= MaxFloat64 + ulp/2 = 2^1024 - 2^970
		if E >= 1024 && math.Signbit(got) == math.Signbit(v.h) {
			return 0
		}
		if E == 1023 {
			lim := dd{0x1p0 - 0x1p-54, 0} // (2^1024 - 2^970) / 2^1024
			a := dd{math.Abs(v.h), math.Abs(v.l)}.ldexp(e - 1024)
			if a.sub(lim).h >= 0 && math.Signbit(got) == math.Signbit(v.h) {
				return 0
			}
		}
		return math.Inf(1)
	}
	if got != got {
		return math.Inf(1)
	}
	ue := max(E-52, -1074)
	d := ddf(math.Ldexp(got, -e)).sub(v)
	return math.Abs(math.Ldexp(d.h, e-ue))
}

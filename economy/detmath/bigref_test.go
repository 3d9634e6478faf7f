package detmath

import (
	"math"
	"math/big"
)

// High-precision references built on math/big from series whose terms are exact
// rationals. They are slow (tens of microseconds) and serve two purposes: they
// generate and check the tables in tables.go, and they check the fast
// double-double reference (ref_test.go) that the accuracy sweeps use.

const bigPrec = 320 // bits; far beyond the 106 bits of a double-double

func newBig(prec uint) *big.Float { return new(big.Float).SetPrec(prec) }

func bigF(x float64, prec uint) *big.Float { return newBig(prec).SetFloat64(x) }

// bigAtanInv returns atan(1/n) = sum (-1)^k / ((2k+1) n^(2k+1)).
func bigAtanInv(n int64, prec uint) *big.Float {
	sum := newBig(prec)
	pow := newBig(prec).Quo(bigF(1, prec), newBig(prec).SetInt64(n)) // n^-(2k+1)
	n2 := newBig(prec).SetInt64(n * n)
	eps := newBig(prec).SetMantExp(bigF(1, prec), -int(prec)-8)
	for k := int64(0); ; k++ {
		term := newBig(prec).Quo(pow, newBig(prec).SetInt64(2*k+1))
		if k%2 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		if term.Cmp(eps) < 0 {
			return sum
		}
		pow.Quo(pow, n2)
	}
}

// bigPi returns pi by Machin's formula, pi = 16 atan(1/5) - 4 atan(1/239).
func bigPi(prec uint) *big.Float {
	p := prec + 16
	a := newBig(p).Mul(bigF(16, p), bigAtanInv(5, p))
	b := newBig(p).Mul(bigF(4, p), bigAtanInv(239, p))
	return newBig(prec).Sub(a, b)
}

// bigAtanh returns atanh(u) = sum u^(2k+1)/(2k+1) for |u| <= 1/3.
func bigAtanh(u *big.Float, prec uint) *big.Float {
	sum := newBig(prec)
	pow := newBig(prec).Set(u)
	u2 := newBig(prec).Mul(u, u)
	eps := newBig(prec).SetMantExp(bigF(1, prec), -int(prec)-8)
	for k := int64(0); ; k++ {
		term := newBig(prec).Quo(pow, newBig(prec).SetInt64(2*k+1))
		sum.Add(sum, term)
		if newBig(prec).Abs(term).Cmp(eps) < 0 || term.Sign() == 0 {
			return sum
		}
		pow.Mul(pow, u2)
	}
}

// bigLn2 returns ln 2 = 2 atanh(1/3).
func bigLn2(prec uint) *big.Float {
	third := newBig(prec).Quo(bigF(1, prec), bigF(3, prec))
	return newBig(prec).Mul(bigF(2, prec), bigAtanh(third, prec))
}

// bigLog returns ln x for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)),
// ln m = 2 atanh((m-1)/(m+1)).
func bigLog(x *big.Float, prec uint) *big.Float {
	p := prec + 16
	m := newBig(p)
	e := x.MantExp(m) // m in [0.5, 1)
	if m.Cmp(bigF(math.Sqrt2/2, p)) < 0 {
		m.Mul(m, bigF(2, p))
		e--
	}
	one := bigF(1, p)
	u := newBig(p).Quo(newBig(p).Sub(m, one), newBig(p).Add(m, one))
	r := newBig(p).Mul(bigF(2, p), bigAtanh(u, p))
	r.Add(r, newBig(p).Mul(newBig(p).SetInt64(int64(e)), bigLn2(p)))
	return newBig(prec).Set(r)
}

// bigExp returns e^x: x = k ln2 + r, e^r from its Taylor series at r/2^16,
// squared 16 times.
func bigExp(x *big.Float, prec uint) *big.Float {
	p := prec + 40
	ln2 := bigLn2(p)
	kf, _ := newBig(p).Quo(x, ln2).Float64()
	k := math.Round(kf)
	r := newBig(p).Sub(x, newBig(p).Mul(bigF(k, p), ln2))
	r.SetMantExp(r, -16)
	sum := bigF(1, p)
	term := bigF(1, p)
	eps := newBig(p).SetMantExp(bigF(1, p), -int(p)-8)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, newBig(p).SetInt64(n))
		sum.Add(sum, term)
		if newBig(p).Abs(term).Cmp(eps) < 0 || term.Sign() == 0 {
			break
		}
	}
	for i := 0; i < 16; i++ {
		sum.Mul(sum, sum)
	}
	return newBig(prec).SetMantExp(sum, int(k))
}

// bigSinCos returns sin x and cos x; x is reduced modulo pi/2 with enough bits
// of pi for its exponent.
func bigSinCos(x *big.Float, prec uint) (sin, cos *big.Float) {
	exp := x.MantExp(nil)
	if exp < 0 {
		exp = 0
	}
	p := prec + uint(exp) + 64
	pio2 := newBig(p).SetMantExp(bigPi(p), -1)
	q := newBig(p).Quo(x, pio2)
	kInt, _ := newBig(p).Add(q, bigF(0.5, p)).Int(nil) // floor(q + 1/2) for q >= 0
	if q.Sign() < 0 {
		kInt, _ = newBig(p).Sub(q, bigF(0.5, p)).Int(nil)
	}
	k := newBig(p).SetInt(kInt)
	r := newBig(p).Sub(x, newBig(p).Mul(k, pio2))
	s, c := bigSinCosSmall(r, p)
	quad := new(big.Int).And(kInt, big.NewInt(3)).Int64() // two's-complement mod 4
	switch quad {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	return newBig(prec).Set(s), newBig(prec).Set(c)
}

// bigSinCosSmall sums the Taylor series of sin and cos at r, |r| <= 2.
func bigSinCosSmall(r *big.Float, prec uint) (sin, cos *big.Float) {
	sin, cos = newBig(prec), bigF(1, prec)
	term := bigF(1, prec)
	eps := newBig(prec).SetMantExp(bigF(1, prec), -int(prec)-8)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, newBig(prec).SetInt64(n))
		switch n % 4 {
		case 1:
			sin.Add(sin, term)
		case 2:
			cos.Sub(cos, term)
		case 3:
			sin.Sub(sin, term)
		case 0:
			cos.Add(cos, term)
		}
		if n > 4 && (newBig(prec).Abs(term).Cmp(eps) < 0 || term.Sign() == 0) {
			return sin, cos
		}
	}
}

// bigAsin returns asin x, |x| <= 1, by Newton's iteration on sin y = x from
// math.Asin's value.
func bigAsin(x *big.Float, prec uint) *big.Float {
	p := prec + 32
	xf, _ := x.Float64()
	if math.Abs(xf) == 1 && x.IsInt() {
		pio2 := newBig(prec).SetMantExp(bigPi(prec), -1)
		if xf < 0 {
			pio2.Neg(pio2)
		}
		return pio2
	}
	y := bigF(math.Asin(xf), p)
	for i := 0; i < 6; i++ {
		s, c := bigSinCosSmall(y, p)
		if c.Sign() == 0 {
			break
		}
		y.Sub(y, newBig(p).Quo(newBig(p).Sub(s, x), c))
	}
	return newBig(prec).Set(y)
}

package detmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// relErr returns |got - want| / |want| for the double-double got = v 2^e.
func relErr(v dd, e int, want *big.Float) float64 {
	g := newBig(bigPrec).Add(bigF(v.h, bigPrec), bigF(v.l, bigPrec))
	g.SetMantExp(g, e)
	d := newBig(bigPrec).Sub(g, want)
	if want.Sign() == 0 {
		f, _ := d.Float64()
		return math.Abs(f)
	}
	f, _ := d.Quo(d, want).Float64()
	return math.Abs(f)
}

// TestReference checks the double-double reference against math/big: it must
// be good to 2^-78 relative, so that it measures errors to 2^-25 ulp (Newton's
// iteration for asin near ±1 limits it to about 2^-80).
func TestReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	n := 300
	if testing.Short() {
		n = 30
	}
	const tol = 0x1p-78
	var worst [7]float64
	for i := 0; i < n; i++ {
		x := (float64(r.Float64()) - 0.5) * 1480
		v, e := refExp(ddf(x))
		worst[0] = max(worst[0], relErr(v, e, bigExp(bigF(x, bigPrec), bigPrec)))

		y := math.Ldexp(0.5+float64(float64(r.Float64())/2), r.IntN(2098)-1074)
		if i%3 == 0 {
			y = 1 + math.Ldexp(float64(r.Float64())-0.5, -r.IntN(52))
		}
		worst[1] = max(worst[1], relErr(refLog(ddf(y)), 0, bigLog(bigF(y, bigPrec), bigPrec)))

		a := math.Ldexp(float64(r.Float64())-0.5, r.IntN(30))
		s, c := refSinCos(a)
		bs, bc := bigSinCos(bigF(a, bigPrec), bigPrec)
		worst[2] = max(worst[2], relErr(s, 0, bs))
		worst[3] = max(worst[3], relErr(c, 0, bc))

		u := float64(r.Float64())*2 - 1
		if i%3 == 0 {
			u = math.Copysign(1-math.Ldexp(float64(r.Float64()), -r.IntN(53)), u)
		}
		worst[4] = max(worst[4], relErr(refAsin(u), 0, bigAsin(bigF(u, bigPrec), bigPrec)))

		px, py := 0.5+float64(2.5*r.Float64()), float64(r.Float64())*40
		pv, pe := refPow(px, py)
		want := bigExp(newBig(bigPrec).Mul(bigF(py, bigPrec), bigLog(bigF(px, bigPrec), bigPrec)), bigPrec)
		worst[5] = max(worst[5], relErr(pv, pe, want))

		l := math.Ldexp(float64(r.Float64())-0.3, -r.IntN(60))
		l1 := newBig(bigPrec).Add(bigF(1, bigPrec), bigF(l, bigPrec))
		worst[6] = max(worst[6], relErr(refLog1p(l), 0, bigLog(l1, bigPrec)))
	}
	for i, name := range []string{"exp", "log", "sin", "cos", "asin", "pow", "log1p"} {
		t.Logf("reference %s: max relative error %.3g (2^%.1f)", name, worst[i], math.Log2(worst[i]))
		assert.Less(t, worst[i], tol, name)
	}
}

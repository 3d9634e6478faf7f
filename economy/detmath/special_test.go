package detmath

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

var specials = []float64{
	0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
	1, -1, 0.5, -0.5, 2, -2, 3, -3, 0.25, 1.5, -1.5, 10, -10, 1.0 / 3,
	math.Pi, -math.Pi, math.Pi / 2, -math.Pi / 2, math.Pi / 4,
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64,
	0x1p-1022, -0x1p-1022, 0x1p-1023, 1 + 0x1p-52, 1 - 0x1p-53, -1 - 0x1p-52, -1 + 0x1p-53,
	0x1p53, -0x1p53, 0x1p53 + 2, -(0x1p53 + 2), 0x1p63, -0x1p63, 0x1p64, -0x1p64, 1e300, -1e300,
	1e-300, -1e-300, 709.78, -745.13, 1e20, -1e20, 7, -7, 0.1, -0.1,
}

// sameBits reports whether a and b are the same float64, any NaN matching any NaN.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b)
}

// isSpecial reports whether x is one of the arguments package math documents
// special cases for: ±0, ±Inf, NaN.
func isSpecial(x float64) bool { return x == 0 || math.IsInf(x, 0) || x != x }

// TestSpecialValues compares every function with package math on special
// inputs: the documented special cases (±0, ±Inf, NaN arguments, Log1p(-1); for Pow also
// x = ±1, y = 1 and y = 0.5) must give the same bits, NaN where math gives
// NaN, and every other result must be faithful (checked with the reference).
func TestSpecialValues(t *testing.T) {
	unary := []struct {
		name   string
		f, std func(float64) float64
		ref    func(float64) (dd, int)
	}{
		{"Exp", Exp, math.Exp, func(x float64) (dd, int) { return refExp(ddf(x)) }},
		{"Log", Log, math.Log, func(x float64) (dd, int) { return refLog(ddf(x)), 0 }},
		{"Log1p", Log1p, math.Log1p, func(x float64) (dd, int) { return refLog1p(x), 0 }},
		{"Sin", Sin, math.Sin, func(x float64) (dd, int) { s, _ := refSinCos(x); return s, 0 }},
		{"Cos", Cos, math.Cos, func(x float64) (dd, int) { _, c := refSinCos(x); return c, 0 }},
		{"Asin", Asin, math.Asin, func(x float64) (dd, int) { return refAsin(x), 0 }},
	}
	for _, u := range unary {
		for _, x := range specials {
			got, want := u.f(x), u.std(x)
			if isSpecial(x) || want != want || (u.name == "Log1p" && x == -1) {
				assert.True(t, sameBits(got, want), "%s(%v) = %v, math gives %v", u.name, x, got, want)
				continue
			}
			v, e := u.ref(x)
			assert.Less(t, ulpErr(got, v, e), 1.0, "%s(%v) = %v", u.name, x, got)
		}
	}
	for _, x := range specials {
		for _, y := range specials {
			got, want := Pow(x, y), math.Pow(x, y)
			if isSpecial(x) || isSpecial(y) || math.Abs(x) == 1 || y == 1 || y == 0.5 || want != want {
				assert.True(t, sameBits(got, want), "Pow(%v, %v) = %v, math gives %v", x, y, got, want)
				continue
			}
			v, e := refPow(x, y)
			if x < 0 && isOddInt(y) {
				v = v.neg()
			}
			assert.Less(t, ulpErr(got, v, e), 1.0, "Pow(%v, %v) = %v", x, y, got)
		}
	}
}

// TestBoundaries checks Exp around its overflow threshold ln(MaxFloat64), its
// underflow threshold ln(2^-1075), the smallest normal result and 2^-53, and a
// few exact values.
func TestBoundaries(t *testing.T) {
	for _, x0 := range []float64{709.782712893384, -745.1332191019411, -708.3964185322641, 0x1p-53} {
		x := x0
		for i := 0; i < 8; i++ {
			x = math.Nextafter(x, math.Inf(-1))
		}
		for i := 0; i < 16; i++ {
			v, e := refExp(ddf(x))
			assert.LessOrEqual(t, ulpErr(Exp(x), v, e), maxUlp, "Exp(%v) = %v", x, Exp(x))
			x = math.Nextafter(x, math.Inf(1))
		}
	}
	assert.Equal(t, math.Inf(1), Exp(709.79))
	assert.Equal(t, 0.0, Exp(-745.14))
	assert.Equal(t, 1024.0, Pow(2, 10))
	assert.Equal(t, -0.125, Pow(-2, -3))
	assert.Equal(t, 1e-300, Pow(10, -300))
	assert.Equal(t, 3.0, Pow(27, 1.0/3))
	assert.Equal(t, 1.0, Exp(0))
	assert.Equal(t, 0.0, Log(1))
	assert.Equal(t, 1.0, Sin(math.Pi/2))
	assert.Equal(t, math.Pi/2, Asin(1))
	assert.Equal(t, 0.5, Sin(math.Pi/6))
}

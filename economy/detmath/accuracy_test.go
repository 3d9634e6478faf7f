package detmath

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Accuracy sweeps: every result is compared with the double-double reference
// and its error measured in ulps of the exact value. Faithful rounding (< 1
// ulp) is the promise; maxUlp is the bound measured and documented in doc.go.
const maxUlp = 0.505

// sweepSize returns n, or a tenth of it with -short.
func sweepSize(n int) int {
	if testing.Short() {
		return n / 10
	}
	return n
}

type worst struct {
	ulp float64
	x   [2]float64
}

func (w *worst) see(e float64, x ...float64) {
	if e > w.ulp || e != e {
		w.ulp = e
		copy(w.x[:], x)
	}
}

func (w *worst) check(t *testing.T, name string, n int) {
	t.Helper()
	t.Logf("%-28s %8d inputs: max error %.4f ulp at %v", name, n, w.ulp, w.x)
	assert.LessOrEqual(t, w.ulp, maxUlp, name)
}

// uniform returns a uniform double in [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 {
	return lo + float64((hi-lo)*float64(r.Float64()))
}

// logUniform returns ±2^u for u uniform in [lo, hi), sign random if signed.
// Inputs are made with this package's functions, so that they are the same on
// every GOARCH.
func logUniform(r *rand.Rand, lo, hi float64, signed bool) float64 {
	x := Pow(2, uniform(r, lo, hi))
	if signed && r.IntN(2) == 0 {
		return -x
	}
	return x
}

func TestAccuracyExp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	sweep := func(name string, n int, gen func() float64) {
		var w worst
		for i := 0; i < n; i++ {
			x := gen()
			v, e := refExp(ddf(x))
			w.see(ulpErr(Exp(x), v, e), x)
		}
		w.check(t, name, n)
	}
	sweep("Exp [-50,50]", sweepSize(1_000_000), func() float64 { return uniform(r, -50, 50) })
	sweep("Exp [-745.2,709.8]", sweepSize(300_000), func() float64 { return uniform(r, -745.2, 709.8) })
	sweep("Exp subnormal results", sweepSize(100_000), func() float64 { return uniform(r, -745.2, -708.3) })
	sweep("Exp near overflow", sweepSize(100_000), func() float64 { return uniform(r, 709.7, 709.79) })
	sweep("Exp |x| in [2^-60,1]", sweepSize(200_000), func() float64 { return logUniform(r, -60, 0, true) })
}

func TestAccuracyLog(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sweep := func(name string, n int, gen func() float64) {
		var w worst
		for i := 0; i < n; i++ {
			x := gen()
			w.see(ulpErr(Log(x), refLog(ddf(x)), 0), x)
		}
		w.check(t, name, n)
	}
	sweep("Log whole range", sweepSize(1_000_000), func() float64 {
		return math.Float64frombits(r.Uint64N(0x7ff0000000000000-1) + 1)
	})
	sweep("Log [0.5,2]", sweepSize(300_000), func() float64 { return uniform(r, 0.5, 2) })
	sweep("Log 1±2^[-60,-1]", sweepSize(200_000), func() float64 { return 1 + logUniform(r, -60, -1, true) })
	sweep("Log (0,1) as in Normal", sweepSize(200_000), func() float64 { return 1 - float64(r.Float64()) })
}

func TestAccuracyLog1p(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 3))
	sweep := func(name string, n int, gen func() float64) {
		var w worst
		for i := 0; i < n; i++ {
			x := gen()
			w.see(ulpErr(Log1p(x), refLog1p(x), 0), x)
		}
		w.check(t, name, n)
	}
	sweep("Log1p |x| in 2^[-70,1], x>-1", sweepSize(1_000_000), func() float64 {
		for {
			if x := logUniform(r, -70, 1, true); x > -1 {
				return x
			}
		}
	})
	sweep("Log1p x in 2^[1,1023]", sweepSize(100_000), func() float64 { return logUniform(r, 1, 1023, false) })
	sweep("Log1p near -1", sweepSize(100_000), func() float64 { return -1 + logUniform(r, -53, -1, false) })
}

func TestAccuracyPow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 4))
	sweep := func(name string, n int, gen func() (float64, float64)) {
		var w worst
		for i := 0; i < n; i++ {
			x, y := gen()
			v, e := refPow(x, y)
			if x < 0 && isOddInt(y) {
				v = v.neg()
			}
			w.see(ulpErr(Pow(x, y), v, e), x, y)
		}
		w.check(t, name, n)
	}
	sweep("Pow(1+g,y) g∈[-.5,2] y∈[0,40]", sweepSize(1_000_000), func() (float64, float64) {
		return 1 + uniform(r, -0.5, 2), uniform(r, 0, 40)
	})
	sweep("Pow(1+g,1/12)", sweepSize(200_000), func() (float64, float64) { return 1 + uniform(r, -0.5, 2), 1.0 / 12 })
	sweep("Pow(x,y) whole range", sweepSize(300_000), func() (float64, float64) {
		x := logUniform(r, -1074, 1024, false)
		z := uniform(r, -745, 709) // y ln x stays in range
		return x, z / Log(x)
	})
	sweep("Pow(1±2^-k, big y)", sweepSize(100_000), func() (float64, float64) {
		x := 1 + logUniform(r, -52, -1, true)
		return x, uniform(r, -700, 700) / Log(x)
	})
	sweep("Pow(-x, integer y)", sweepSize(100_000), func() (float64, float64) {
		return -uniform(r, 0.1, 10), float64(r.IntN(201) - 100)
	})
}

func TestAccuracyTrig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 5))
	sweep := func(name string, n int, gen func() float64) {
		var ws, wc worst
		for i := 0; i < n; i++ {
			x := gen()
			s, c := refSinCos(x)
			ws.see(ulpErr(Sin(x), s, 0), x)
			wc.see(ulpErr(Cos(x), c, 0), x)
		}
		ws.check(t, "Sin "+name, n)
		wc.check(t, "Cos "+name, n)
	}
	sweep("[-2pi,2pi]", sweepSize(1_000_000), func() float64 { return uniform(r, -2*math.Pi, 2*math.Pi) })
	sweep("latitudes in radians", sweepSize(200_000), func() float64 {
		return float64(uniform(r, -90, 90)*math.Pi) / 180
	})
	sweep("|x| in 2^[-30,28]", sweepSize(300_000), func() float64 { return logUniform(r, -30, 28, true) })
	sweep("|x| in 2^[28,1024]", sweepSize(5_000), func() float64 { return logUniform(r, 28, 1024, true) })
	sweep("near multiples of pi/2", sweepSize(100_000), func() float64 {
		k := float64(r.IntN(1<<20) + 1)
		return math.Nextafter(k*(math.Pi/2), math.Inf(r.IntN(2)*2-1))
	})
}

func TestAccuracyAsin(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 6))
	sweep := func(name string, n int, gen func() float64) {
		var w worst
		for i := 0; i < n; i++ {
			x := gen()
			w.see(ulpErr(Asin(x), refAsin(x), 0), x)
		}
		w.check(t, name, n)
	}
	sweep("Asin [-1,1]", sweepSize(1_000_000), func() float64 { return uniform(r, -1, 1) })
	sweep("Asin sqrt of haversine", sweepSize(200_000), func() float64 { return math.Sqrt(float64(r.Float64())) })
	sweep("Asin ±(1-2^[-53,-1])", sweepSize(100_000), func() float64 { return -1 + logUniform(r, -53, -1, false) })
	sweep("Asin |x| in 2^[-40,-1]", sweepSize(100_000), func() float64 { return logUniform(r, -40, -1, true) })
}

package detmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

var sink float64

// benchUnary times f over 1024 inputs in [lo, hi).
func benchUnary(b *testing.B, lo, hi float64, funcs map[string]func(float64) float64) {
	r := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = lo + float64((hi-lo)*r.Float64())
	}
	for _, name := range []string{"detmath", "math"} {
		f := funcs[name]
		b.Run(name, func(b *testing.B) {
			s := 0.0
			for i := 0; b.Loop(); i++ {
				s += f(xs[i&1023])
			}
			sink = s
		})
	}
}

func BenchmarkExp(b *testing.B) {
	benchUnary(b, -50, 50, map[string]func(float64) float64{"detmath": Exp, "math": math.Exp})
}

func BenchmarkLog(b *testing.B) {
	benchUnary(b, 0, 1e6, map[string]func(float64) float64{"detmath": Log, "math": math.Log})
}

func BenchmarkLog1p(b *testing.B) {
	benchUnary(b, -0.5, 2, map[string]func(float64) float64{"detmath": Log1p, "math": math.Log1p})
}

func BenchmarkSin(b *testing.B) {
	benchUnary(b, -math.Pi, math.Pi, map[string]func(float64) float64{"detmath": Sin, "math": math.Sin})
}

func BenchmarkCos(b *testing.B) {
	benchUnary(b, -math.Pi, math.Pi, map[string]func(float64) float64{"detmath": Cos, "math": math.Cos})
}

func BenchmarkAsin(b *testing.B) {
	benchUnary(b, -1, 1, map[string]func(float64) float64{"detmath": Asin, "math": math.Asin})
}

func BenchmarkPow(b *testing.B) {
	benchUnary(b, -0.5, 2, map[string]func(float64) float64{
		"detmath": func(g float64) float64 { return Pow(1+g, 17.3) },
		"math":    func(g float64) float64 { return math.Pow(1+g, 17.3) },
	})
}

func BenchmarkNormal(b *testing.B) {
	b.Run("detmath", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 1))
		s := 0.0
		for b.Loop() {
			s += Normal(r)
		}
		sink = s
	})
	b.Run("math", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 1))
		s := 0.0
		for b.Loop() {
			s += r.NormFloat64()
		}
		sink = s
	})
}

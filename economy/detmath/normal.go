package detmath

import (
	"math"
	"math/rand/v2"
)

// The ziggurat of Marsaglia and Tsang (2000), "The Ziggurat Method for
// Generating Random Variables", J. Statistical Software 5(8), with 128 layers
// as math/rand/v2 uses: the right edge of the base layer zigR and the common
// layer area zigV are the paper's; the tables are rebuilt here by the paper's
// construction (its zigset) with this package's Exp, Log and math.Sqrt, so
// that they are the same bits everywhere; they match math/rand/v2's tables
// (TestZigguratTables).
const (
	zigR  = 3.442619855899
	zigV  = 9.91256303526217e-3
	zigM1 = 1 << 31
)

var (
	zigK [128]uint32  // |j| < zigK[i]: x = j zigW[i] lies in layer i's rectangle, under the curve
	zigW [128]float32 // x_i / 2^31
	zigF [128]float32 // e^(-x_i^2/2)
)

func init() {
	dn := zigR
	tn := dn
	q := zigV / Exp(-0.5*dn*dn)
	zigK[0] = uint32((dn / q) * zigM1)
	zigK[1] = 0
	zigW[0] = float32(q / zigM1)
	zigW[127] = float32(dn / zigM1)
	zigF[0] = 1
	zigF[127] = float32(Exp(-0.5 * dn * dn))
	for i := 126; i >= 1; i-- {
		dn = math.Sqrt(-2 * Log(zigV/dn+Exp(-0.5*dn*dn)))
		zigK[i+1] = uint32((dn / tn) * zigM1)
		tn = dn
		zigF[i] = float32(Exp(-0.5 * dn * dn))
		zigW[i] = float32(dn / zigM1)
	}
}

// Normal returns a standard normal draw (mean 0, standard deviation 1) from r,
// with the same bits on every GOARCH. It takes the same values from r as
// r.NormFloat64 and, on amd64, returns the same value except sometimes in the
// tail (|x| > 3.44), where math.Log on amd64 is not correctly rounded: 68 of
// 20M draws differed there by one ulp (TestNormalMatchesNormFloat64).
func Normal(r *rand.Rand) float64 {
	for {
		u := r.Uint64()
		j := int32(u) // the sign is the draw's sign
		i := u >> 32 & 0x7f
		x := float64(float64(j) * float64(zigW[i]))
		if abs32(j) < zigK[i] {
			return x // inside the layer's rectangle: over 98% of draws
		}
		if i == 0 { // the tail beyond zigR, by Marsaglia's (1964) method
			for {
				x = float64(-Log(r.Float64()) * (1.0 / zigR))
				y := -Log(r.Float64())
				if y+y >= float64(x*x) {
					break
				}
			}
			if j > 0 {
				return zigR + x
			}
			return -zigR - x
		}
		// the wedge between the rectangle and the curve
		f := zigF[i] + float32(float32(r.Float64())*(zigF[i-1]-zigF[i]))
		if f < float32(Exp(float64(-0.5*x)*x)) {
			return x
		}
	}
}

func abs32(j int32) uint32 {
	if j < 0 {
		return uint32(-j)
	}
	return uint32(j)
}

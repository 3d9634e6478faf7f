package sensitivity

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func eval(u [][]float64, f func([]float64) float64) []float64 {
	y := make([]float64, len(u))
	for i, x := range u {
		y[i] = f(x)
	}
	return y
}

func TestMorrisSampleIsATrajectoryDesign(t *testing.T) {
	k, r, p := 5, 20, 4
	u, err := MorrisSample(k, r, p, 7)
	require.NoError(t, err)
	require.Len(t, u, r*(k+1))
	d := Delta(p)
	for tr := 0; tr < len(u); tr += k + 1 {
		moved := map[int]bool{}
		for i := tr; i < tr+k; i++ {
			n := 0
			for j := range k {
				assert.GreaterOrEqual(t, u[i+1][j], 0.0)
				assert.LessOrEqual(t, u[i+1][j], 1.0+1e-12)
				if u[i+1][j] != u[i][j] {
					n++
					moved[j] = true
					assert.InDelta(t, d, math.Abs(u[i+1][j]-u[i][j]), 1e-12)
				}
			}
			assert.Equal(t, 1, n, "one factor per step")
		}
		assert.Len(t, moved, k, "every factor moves once per trajectory")
	}
	again, err := MorrisSample(k, r, p, 7)
	require.NoError(t, err)
	assert.Equal(t, u, again, "the seed decides the design")
	_, err = MorrisSample(k, r, 3, 7)
	assert.Error(t, err, "odd levels")
}

func TestMorrisOnALinearFunctionGivesItsCoefficients(t *testing.T) {
	a := []float64{3, -2, 0.5, 0}
	u, err := MorrisSample(len(a), 10, 6, 1)
	require.NoError(t, err)
	ix, err := MorrisAnalyse(u, eval(u, func(x []float64) float64 {
		s := 1.0
		for j := range a {
			s += a[j] * x[j]
		}
		return s
	}), Options{})
	require.NoError(t, err)
	for j := range a {
		assert.InDelta(t, a[j], ix[j].Mu, 1e-9)
		assert.InDelta(t, math.Abs(a[j]), ix[j].MuStar, 1e-9)
		assert.InDelta(t, 0, ix[j].Sigma, 1e-9, "no interaction, no non-linearity")
		assert.InDelta(t, 0, ix[j].MuStarConf, 1e-9)
		assert.Equal(t, 10, ix[j].N)
	}
}

// Sobol's g-function: factor j matters less as a[j] grows (a = 0 very important, 99 negligible).
func TestMorrisRanksTheSobolGFunction(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99}
	g := func(x []float64) float64 {
		p := 1.0
		for j := range a {
			p *= (math.Abs(4*x[j]-2) + a[j]) / (1 + a[j])
		}
		return p
	}
	u, err := MorrisSample(len(a), 50, 4, 3)
	require.NoError(t, err)
	ix, err := MorrisAnalyse(u, eval(u, g), Options{Seed: 1})
	require.NoError(t, err)
	for j := 1; j < 4; j++ {
		assert.Greater(t, ix[j-1].MuStar, ix[j].MuStar, "mu* falls as a grows (%d)", j)
	}
	assert.Less(t, ix[4].MuStar, 0.05*ix[0].MuStar, "a = 99 is negligible")
	assert.Greater(t, ix[0].MuStarConf, 0.0)
	assert.Less(t, ix[0].MuStarConf, ix[0].MuStar)
}

// Ishigami on [-pi, pi]^3: x3 acts only through its interaction with x1 (its effects average to ~0 but
// vary: mu* and sigma large, mu near 0); x2 is non-linear (sigma > 0).
func TestMorrisOnIshigamiSeparatesInteraction(t *testing.T) {
	f := func(u []float64) float64 {
		x := make([]float64, 3)
		for j := range x {
			x[j] = -math.Pi + 2*math.Pi*u[j]
		}
		return math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
	}
	u, err := MorrisSample(3, 400, 4, 5)
	require.NoError(t, err)
	ix, err := MorrisAnalyse(u, eval(u, f), Options{Seed: 2})
	require.NoError(t, err)
	assert.Less(t, math.Abs(ix[2].Mu), 0.25*ix[2].MuStar, "x3: effects of both signs")
	assert.Greater(t, ix[2].Sigma, 0.5*ix[2].MuStar)
	assert.Greater(t, ix[1].Sigma, 0.1)
	assert.Greater(t, ix[0].MuStar, 0.0)
}

func TestMorrisAnalyseRejectsANonTrajectory(t *testing.T) {
	u := [][]float64{{0, 0}, {1, 1}, {1, 0}}
	_, err := MorrisAnalyse(u, []float64{1, 2, 3}, Options{})
	assert.ErrorContains(t, err, "more than one factor")
	_, err = MorrisAnalyse(u, []float64{1, 2}, Options{})
	assert.Error(t, err)
}

func TestNormPPF(t *testing.T) {
	assert.InDelta(t, 1.959963984540054, normPPF(0.975), 1e-14)
	assert.InDelta(t, 0, normPPF(0.5), 1e-15)
	assert.InDelta(t, -2.575829303548901, normPPF(0.005), 1e-13)
	for _, x := range []float64{-9, -5, -2.5, -1, -0.1, 0, 0.3, 1, 2, 4, 8} {
		want := 0.5 * math.Erfc(-x/math.Sqrt2)
		assert.InDelta(t, want, normCDF(x), 1e-15, "normCDF(%g)", x) // absolute: what the bisection needs
	}
}

// Ishigami (a = 7, b = 0.1) has known indices: S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
func TestSobolOnIshigamiGivesTheKnownIndices(t *testing.T) {
	u, err := SaltelliSample(3, 4096, 11)
	require.NoError(t, err)
	require.Len(t, u, 4096*5)
	y := eval(u, func(u []float64) float64 {
		x := make([]float64, 3)
		for j := range x {
			x[j] = -math.Pi + 2*math.Pi*u[j]
		}
		return math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
	})
	ix, err := SobolAnalyse(3, y, Options{Seed: 1, Resamples: 200})
	require.NoError(t, err)
	s1 := []float64{0.3139, 0.4424, 0}
	st := []float64{0.5576, 0.4424, 0.2437}
	for j := range 3 {
		assert.InDelta(t, s1[j], ix[j].S1, 0.05, "S1 of x%d", j+1)
		assert.InDelta(t, st[j], ix[j].ST, 0.05, "ST of x%d", j+1)
		assert.Greater(t, ix[j].STConf, 0.0)
		assert.Less(t, ix[j].STConf, 0.1)
	}
}

// An additive function: S1 = ST = a_j^2 / sum a^2 (uniform factors have equal variance).
func TestSobolOnALinearFunction(t *testing.T) {
	a := []float64{1, 2, 0}
	u, err := SaltelliSample(3, 2048, 3)
	require.NoError(t, err)
	ix, err := SobolAnalyse(3, eval(u, func(x []float64) float64 { return a[0]*x[0] + a[1]*x[1] + a[2]*x[2] }), Options{Resamples: 100})
	require.NoError(t, err)
	for j, want := range []float64{0.2, 0.8, 0} {
		assert.InDelta(t, want, ix[j].S1, 0.04)
		assert.InDelta(t, want, ix[j].ST, 0.04)
	}
	_, err = SobolAnalyse(3, []float64{1, 2, 3}, Options{})
	assert.Error(t, err)
}

func TestSobolRefusesAConstantOutput(t *testing.T) {
	u, err := SaltelliSample(2, 16, 1)
	require.NoError(t, err)
	_, err = SobolAnalyse(2, eval(u, func([]float64) float64 { return 5.5 }), Options{})
	assert.ErrorContains(t, err, "does not vary")
}

package detmath

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast path of Exp (Ziv's test) must return the bits of the evaluation it
// skips, expDD, on every input: every output of the model depends on them. The
// error bound it rests on is argued at expFastErr; these sweeps check the
// result on millions of inputs over the function's domain, on the edges of the
// fast path and on every argument a baseline run passes.

// expSlow is Exp without its fast path.
func expSlow(x float64) float64 {
	if x != x || x > expOver || x < expUnder {
		return Exp(x)
	}
	return expDD(x, 0)
}

// binade returns ±(1+U) 2^k, U uniform in [0,1) and k in [lo, hi): every
// binade alike, with exact operations only, so the same inputs everywhere.
func binade(r *rand.Rand, lo, hi int, signed bool) float64 {
	x := math.Ldexp(1+float64(r.Float64()), lo+r.IntN(hi-lo))
	if signed && r.IntN(2) == 0 {
		return -x
	}
	return x
}

// baselineInputs returns the distinct arguments that `dongshu-batch run
// --preset baseline --seed 1` passed to fn (exp or log1p), recorded in
// December 2026 as little-endian float64s.
func baselineInputs(t *testing.T, fn string) []float64 {
	t.Helper()
	raw, err := os.ReadFile("testdata/baseline-" + fn + ".f64.gz")
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Zero(t, len(b)%8)
	xs := make([]float64, len(b)/8)
	for i := range xs {
		xs[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return xs
}

// sameAsSlow checks fast(x) against slow(x), bit for bit, on every x from gen.
func sameAsSlow(t *testing.T, name string, n int, gen func(i int) float64, fast, slow func(float64) float64) {
	t.Helper()
	bad := 0
	for i := range n {
		x := gen(i)
		if got, want := fast(x), slow(x); !sameBits(got, want) {
			if bad++; bad <= 5 {
				t.Errorf("%s: %#x (%v) gives %v, the full evaluation %v", name, x, x, got, want)
			}
		}
	}
	assert.Zero(t, bad, "%s: %d of %d inputs differ", name, bad, n)
}

func TestExpFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1))
	sweep := func(name string, n int, gen func(i int) float64) { sameAsSlow(t, "Exp "+name, n, gen, Exp, expSlow) }
	sweep("[-745.2,709.8]", sweepSize(3_000_000), func(int) float64 { return uniform(r, -745.2, 709.8) })
	sweep("[-50,50]", sweepSize(3_000_000), func(int) float64 { return uniform(r, -50, 50) })
	sweep("|x| in 2^[-1074,0]", sweepSize(1_000_000), func(int) float64 { return binade(r, -1074, 0, true) })
	// Where the fast path stops: results near the subnormals (m = -1022) and near overflow (m = 1024).
	sweep("m = -1022 edge", sweepSize(300_000), func(int) float64 { return uniform(r, -708.5, -708.3) })
	sweep("m = 1024 edge", sweepSize(300_000), func(int) float64 { return uniform(r, 709, 709.2) })
	// The reduction exact or nearly: x near k ln2/64.
	sweep("near k ln2/64", sweepSize(300_000), func(int) float64 {
		x := float64(float64(r.IntN(60000)-30000) * (math.Ln2 / 64))
		return math.Float64frombits(math.Float64bits(x) + uint64(r.IntN(9)) - 4)
	})
	sweep("specials", len(specials), func(i int) float64 { return specials[i] })
	xs := baselineInputs(t, "exp")
	require.Greater(t, len(xs), 50_000)
	sweep("baseline run", len(xs), func(i int) float64 { return xs[i] })
}

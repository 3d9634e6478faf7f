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

// The fast paths of Exp and Log1p (Ziv's test) must return the bits of the
// evaluation they skip, expDD and log1pDD, on every input: every output of the
// model depends on them. The error bounds they rest on are argued at
// expFastErr and log1pFastErr; these sweeps check the result on millions of
// inputs over each function's domain, on the edges of the fast paths and on
// every argument a baseline run passes.

// expSlow is Exp without its fast path.
func expSlow(x float64) float64 {
	if x != x || x > expOver || x < expUnder {
		return Exp(x)
	}
	return expDD(x, 0)
}

// log1pSlow is Log1p without its fast path.
func log1pSlow(x float64) float64 {
	if x != x || x <= -1 || x > 0x1p60 || math.Abs(x) < 0x1p-3 {
		return Log1p(x)
	}
	s, t := twoSum(1, x)
	return log1pDD(s, t, t/s)
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

func TestLog1pFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2))
	sweep := func(name string, n int, gen func(i int) float64) {
		sameAsSlow(t, "Log1p "+name, n, gen, Log1p, log1pSlow)
	}
	sweep("x in 2^[-3,60]", sweepSize(3_000_000), func(int) float64 { return binade(r, -3, 60, false) })
	sweep("[0,1100]", sweepSize(2_000_000), func(int) float64 { return uniform(r, 0, 1100) })
	sweep("(-1,-1/8]", sweepSize(1_000_000), func(int) float64 { return -binade(r, -3, 0, false) })
	sweep("-1+2^[-53,-1]", sweepSize(500_000), func(int) float64 { return -1 + binade(r, -53, -1, false) })
	sweep("integers", sweepSize(500_000), func(int) float64 { return float64(r.IntN(1 << 24)) })
	// Where the fast path starts and stops.
	edges := []float64{0x1p-3, -0x1p-3, 0x1p60}
	sweep("edges", sweepSize(300_000), func(i int) float64 {
		e := edges[i%len(edges)]
		return math.Float64frombits(math.Float64bits(e) + uint64(r.IntN(2001)) - 1000)
	})
	sweep("specials", len(specials), func(i int) float64 { return specials[i] })
	xs := baselineInputs(t, "log1p")
	require.Greater(t, len(xs), 20_000)
	sweep("baseline run", len(xs), func(i int) float64 { return xs[i] })
}

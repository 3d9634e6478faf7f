package sweep

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refBitRound is BitRound computed another way: a normal number rounded by math/big to keep+1 significant
// bits (the implicit one and keep stored bits), ties to even; a subnormal one rounded to the nearest
// multiple of its quantum 2^(drop-1074), ties to even. A result beyond the largest float64 is the value
// rounded towards zero instead.
func refBitRound(x float64, keep int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) || x == 0 {
		return x
	}
	if math.Abs(x) < 0x1p-1022 {
		drop := MaxKeepBits - keep
		q := math.Ldexp(x, 1074-drop) // exact: a power-of-two scaling into the normal range
		return math.Ldexp(math.RoundToEven(q), drop-1074)
	}
	f := new(big.Float).SetPrec(uint(keep + 1)).SetMode(big.ToNearestEven).SetFloat64(x)
	y, _ := f.Float64()
	if math.IsInf(y, 0) {
		y, _ = new(big.Float).SetPrec(uint(keep + 1)).SetMode(big.ToZero).SetFloat64(x).Float64()
	}
	return y
}

func TestBitRoundMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for i := range 200000 {
		keep := 1 + rng.IntN(MaxKeepBits)
		var x float64
		switch i % 4 {
		case 0: // any bit pattern: every exponent, subnormals, NaNs and infinities
			x = math.Float64frombits(rng.Uint64())
		case 1: // model-like magnitudes
			x = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(24)-8))
		case 2: // exact ties: the first dropped bit set, the others zero
			drop := MaxKeepBits - keep
			b := rng.Uint64() &^ (1<<drop - 1)
			if drop > 0 {
				b |= 1 << (drop - 1)
			}
			x = math.Float64frombits(b)
		default: // a mantissa of ones, which carries into the exponent
			x = math.Float64frombits(rng.Uint64() | (1<<52 - 1))
		}
		got, want := BitRound(x, keep), refBitRound(x, keep)
		if math.IsNaN(x) {
			require.True(t, math.IsNaN(got), "BitRound(NaN, %d)", keep)
			continue
		}
		require.Equal(t, math.Float64bits(want), math.Float64bits(got), "BitRound(%x, %d) = %x, reference %x", x, keep, got, want)
	}
}

func TestBitRoundErrorBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	for keep := 1; keep <= MaxKeepBits; keep++ {
		bound := math.Ldexp(1, -(keep + 1))
		worst := 0.0
		for range 5000 {
			b := rng.Uint64()
			x := math.Float64frombits(b)
			if math.IsInf(x, 0) || math.IsNaN(x) {
				continue
			}
			y := BitRound(x, keep)
			require.False(t, math.IsInf(y, 0), "BitRound(%g, %d) overflowed", x, keep)
			if math.Abs(x) < 0x1p-1022 {
				require.LessOrEqual(t, math.Abs(y-x), math.Ldexp(1, -(1023+keep)), "subnormal %g keep %d", x, keep)
				continue
			}
			// The error in exact arithmetic: the float64 difference could round.
			e := new(big.Float).Sub(new(big.Float).SetFloat64(y), new(big.Float).SetFloat64(x))
			rel, _ := new(big.Float).Quo(e.Abs(e), new(big.Float).SetFloat64(math.Abs(x))).Float64()
			require.LessOrEqual(t, rel, bound, "BitRound(%g, %d) = %g", x, keep, y)
			worst = max(worst, rel)
		}
		if keep < MaxKeepBits {
			assert.Greater(t, worst, bound/2, "keep %d: the bound should be nearly reached", keep)
		} else {
			assert.Zero(t, worst, "keep 52 is lossless")
		}
	}
}

func TestBitRoundEdges(t *testing.T) {
	maxF := math.MaxFloat64
	for _, c := range []struct {
		name    string
		x       float64
		keep    int
		want    float64
		wantNaN bool
	}{
		{"zero", 0, 10, 0, false},
		{"one", 1, 1, 1, false},
		{"tie to even down", 1.25, 1, 1, false}, // 1.01b: the last kept bit 0 stays
		{"tie to even up", 1.75, 1, 2, false},   // 1.11b: odd, rounds up and carries into the exponent
		{"above the tie", 1.3, 1, 1.5, false},   // 1.0100110…b rounds up to 1.1b
		{"negative tie", -1.75, 1, -2, false},   // the sign is kept
		{"negative", -1.3, 1, -1.5, false},
		{"pi 16 bits", math.Pi, 16, 0x1.922p+01, false}, // 0x1.921fb5…: the dropped bits are above half
		{"carry into exponent", math.Nextafter(2, 0), 23, 2, false},
		{"max float keeps finite", maxF, 16, math.Float64frombits(math.Float64bits(maxF) &^ (1<<36 - 1)), false},
		{"-max float keeps finite", -maxF, 1, -0x1.8p1023, false},
		{"+Inf", math.Inf(1), 8, math.Inf(1), false},
		{"-Inf", math.Inf(-1), 8, math.Inf(-1), false},
		{"NaN", math.NaN(), 8, 0, true},
		{"smallest subnormal", math.SmallestNonzeroFloat64, 10, 0, false}, // below half the quantum 2^-1032
		{"keep 52 is identity", 0.1, 52, 0.1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := BitRound(c.x, c.keep)
			if c.wantNaN {
				assert.True(t, math.IsNaN(got))
				return
			}
			assert.Equal(t, math.Float64bits(c.want), math.Float64bits(got), "got %x want %x", got, c.want)
		})
	}
	// Negative zero keeps its sign.
	assert.Equal(t, math.Float64bits(math.Copysign(0, -1)), math.Float64bits(BitRound(math.Copysign(0, -1), 5)))
}

package sweep

import "math"

// MaxKeepBits is the mantissa width of a float64: --keep-bits 52 keeps every bit.
const MaxKeepBits = 52

// BitRound rounds x to keep bits of binary mantissa (1 <= keep <= MaxKeepBits), as numcodecs' BitRound
// does (Klöwer et al. 2021, "Compressing atmospheric data into its real information content", Nature
// Computational Science 1, 713-724): round to nearest, ties to even, on the bit pattern, the dropped bits
// set to zero, so the trailing zeros compress. A rounding that carries into the exponent is exact
// (1.11…1 becomes 10.0); NaN and ±Inf are returned as they are, and a finite value whose rounding would
// carry into Inf is rounded towards zero instead, to the largest finite value with keep bits. The
// relative error of a normal number is at most 2^-(keep+1); a subnormal one (|x| < 2^-1022) is off by at
// most 2^-(1023+keep).
func BitRound(x float64, keep int) float64 {
	drop := MaxKeepBits - keep
	if drop <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	b := math.Float64bits(x)
	mask := ^uint64(0) << drop
	// Adding half a quantum less one, plus the kept last bit, rounds up exactly when the dropped bits are
	// above half, or exactly half with an odd last kept bit.
	r := (b + (1<<(drop-1) - 1) + (b>>drop)&1) & mask
	if y := math.Float64frombits(r); !math.IsInf(y, 0) {
		return y
	}
	return math.Float64frombits(b & mask)
}

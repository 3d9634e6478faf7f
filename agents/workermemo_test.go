package agents

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy/detmath"
)

// TestLog1pTableAsLog1p checks that a table gives detmath.Log1p's bits whether it holds the argument or
// not, for special arguments and for more arguments than it holds, each asked twice, and that it computes
// a held argument once.
func TestLog1pTableAsLog1p(t *testing.T) {
	args := []float64{0, math.Copysign(0, -1), 0x1p-70, -0x1p-70, 5e-324, -0.5, -1, -2, 0x1p61, math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN()}
	seen := map[uint64]bool{}
	for _, x := range args {
		seen[math.Float64bits(x)] = true
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for len(args) < log1pTableHeld+10_000 {
		x := rng.Float64() * 3 // as the growth credit's arguments: a build's capex over the economy's size
		if rng.IntN(4) == 0 {
			x = rng.NormFloat64() * 0x1p-20 // near zero, where Log1p takes other paths
		}
		if !seen[math.Float64bits(x)] {
			seen[math.Float64bits(x)] = true
			args = append(args, x)
		}
	}
	var tb log1pTable
	wrong := 0
	for range 2 {
		for _, x := range args {
			if got, want := tb.log1p(x), detmath.Log1p(x); math.Float64bits(got) != math.Float64bits(want) {
				if wrong == 0 {
					t.Errorf("log1p(%v) = %v, Log1p gives %v", x, got, want)
				}
				wrong++
			}
		}
	}
	assert.Zero(t, wrong, "values differing from Log1p's")
	assert.Equal(t, log1pTableHeld, tb.held, "a full table takes no more arguments")
	// +0 is neither computed nor held; the others are computed on both passes unless held.
	assert.Equal(t, 2*(len(args)-1)-log1pTableHeld, tb.computed, "a held argument is computed once")
}

// TestWorkerMemoSharedAcrossRuns checks that runs sharing a worker's memo, as a sweep's workers run them,
// write the output of runs without one, and that a run after the first takes most of its growth
// credit's logarithms from the memo rather than computing them again.
func TestWorkerMemoSharedAcrossRuns(t *testing.T) {
	fibreFirst, err := configs.LoadPreset("fibre-first")
	require.NoError(t, err)
	memo := NewWorkerMemo()
	var computed []int
	for i, s := range []*configs.Scenario{baseline(t, 3), baseline(t, 4), fibreFirst} {
		before := memo.growthLogs.computed
		got := runCSVMemo(t, s.Clone(), memo)
		computed = append(computed, memo.growthLogs.computed-before)
		assert.True(t, bytes.Equal(runCSV(t, s.Clone()), got), "run %d: the output of a run without a memo", i)
	}
	require.Greater(t, computed[0], 1000, "the first run computes its logarithms")
	assert.Less(t, computed[1], computed[0]/10, "the second run finds most of them in the memo")
}

package economy

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// TestPathMemoGivesComputedPaths checks that the paths a memo gives, recalled or computed, are the bits
// computing them gives, over network states that recur (which provinces have an exchange, which lines are
// open and the hop latency, drawn independently) in three worlds sharing a memo, the last on another
// geometry (a capital moved); and that a state met again is recalled, not stored twice.
func TestPathMemoGivesComputedPaths(t *testing.T) {
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	memo := NewPathMemo()
	rng := rngFor(3)
	for world := range 3 {
		s := base.Clone()
		if world == 2 {
			s.Provinces[0].Lat++
		}
		w, err := NewWorldMemo(s, memo)
		require.NoError(t, err)
		nw := w.Net
		require.Same(t, memo, nw.memo)
		met := map[[3]int]bool{}
		for range 60 {
			state := [3]int{rng.IntN(2), rng.IntN(2), rng.IntN(2)}
			met[state] = true
			for i, p := range w.Provinces {
				p.HasIXP = slices.Contains(nw.historic, i) || (i+state[0])%3 == 0
			}
			for i := range nw.fibre {
				nw.fibre[i].open = (i+state[1])%2 == 0
			}
			s.Network.HopMs = float64(2 + state[2])
			nw.dirty = true
			nw.Update()
			gotMs, gotKm := slices.Clone(nw.pathMs), slices.Clone(nw.pathKm)
			nw.computePaths()
			require.True(t, sameBits(nw.pathMs, gotMs), "world %d, state %v: latencies", world, state)
			require.True(t, sameBits(nw.pathKm, gotKm), "world %d, state %v: route lengths", world, state)
		}
		// The scenario's starting state and the ones drawn: the second world, on the first one's geometry,
		// stored none of the states they both met again; the third, on its own, forgot the first two's.
		if world != 1 {
			assert.Len(t, memo.paths, 1+len(met), "world %d", world)
		} else {
			assert.LessOrEqual(t, len(memo.paths), 1+8, "world %d", world)
		}
	}
	assert.False(t, sameBits([]float64{0}, []float64{math.Copysign(0, -1)}), "-0 is not 0 to the bit")
}

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
// geometry (a capital moved); and that the memo holds the paths of the states met twice on the geometry,
// not of those met once.
func TestPathMemoGivesComputedPaths(t *testing.T) {
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	memo := NewPathMemo()
	rng := rngFor(3)
	met := map[[3]int]int{} // times met on the memo's geometry
	for world := range 3 {
		s := base.Clone()
		if world == 2 {
			s.Provinces[0].Lat++
			clear(met)
		}
		w, err := NewWorldMemo(s, memo)
		require.NoError(t, err)
		nw := w.Net
		require.Same(t, memo, nw.memo)
		set := func(state [3]int) {
			for i, p := range w.Provinces {
				p.HasIXP = slices.Contains(nw.historic, i) || (i+state[0])%3 == 0
			}
			for i := range nw.fibre {
				nw.fibre[i].open = (i+state[1])%2 == 0
			}
			s.Network.HopMs = float64(2 + state[2])
		}
		for range 12 {
			state := [3]int{rng.IntN(2), rng.IntN(2), rng.IntN(2)}
			met[state]++
			set(state)
			nw.dirty = true
			nw.Update()
			gotMs, gotKm := slices.Clone(nw.pathMs), slices.Clone(nw.pathKm)
			nw.computePaths()
			require.True(t, SameBits(nw.pathMs, gotMs), "world %d, state %v: latencies", world, state)
			require.True(t, SameBits(nw.pathKm, gotKm), "world %d, state %v: route lengths", world, state)
		}
		once, more := 0, 0
		for state, n := range met {
			if n == 1 {
				once++
			} else {
				more++
			}
			set(state)
			_, held := memo.paths[string(memo.stateKey(nw))]
			assert.Equal(t, n >= 2, held, "world %d, state %v met %d times", world, state, n)
		}
		require.True(t, once > 0 && more > 0, "world %d: states met once and more (%d, %d)", world, once, more)
	}
	assert.False(t, SameBits([]float64{0}, []float64{math.Copysign(0, -1)}), "-0 is not 0 to the bit")
}

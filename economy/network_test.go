package economy

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// fullFloydWarshall is Floyd-Warshall over every pair, the reference shortestPaths must match to the bit.
func fullFloydWarshall(n int, ms, km []float64) {
	for k := 0; k < n; k++ {
		for i := 0; i < n; i++ {
			ik := ms[i*n+k]
			if math.IsInf(ik, 1) {
				continue
			}
			for j := 0; j < n; j++ {
				if d := ik + ms[k*n+j]; d < ms[i*n+j] {
					ms[i*n+j], km[i*n+j] = d, km[i*n+k]+km[k*n+j]
				}
			}
		}
	}
}

// TestShortestPathsSymmetric: shortestPaths computes the upper triangle and mirrors it; on random
// undirected graphs (some pairs unlinked, latencies in whole ms so that paths tie often, route lengths
// not proportional to them, so that a tie broken differently shows in km) it gives the bits of
// Floyd-Warshall over every pair.
func TestShortestPathsSymmetric(t *testing.T) {
	rng := rngFor(7)
	ties := 0
	for trial := range 40 {
		n := 2 + trial%13
		if trial%10 == 9 {
			n = 60
		}
		ms, km := make([]float64, n*n), make([]float64, n*n)
		for i := range ms {
			ms[i], km[i] = math.Inf(1), math.Inf(1)
		}
		for a := range n {
			ms[a*n+a], km[a*n+a] = 0, 0
			for b := a + 1; b < n; b++ {
				if rng.IntN(3) == 0 {
					continue
				}
				m, k := float64(1+rng.IntN(5)), 0.1+float64(rng.IntN(1000))/7
				ms[a*n+b], ms[b*n+a], km[a*n+b], km[b*n+a] = m, m, k, k
			}
		}
		wantMs, wantKm := append([]float64(nil), ms...), append([]float64(nil), km...)
		fullFloydWarshall(n, wantMs, wantKm)
		nw := &Network{n: n, pathMs: ms, pathKm: km}
		nw.shortestPaths()
		for i := range ms {
			require.Equal(t, math.Float64bits(wantMs[i]), math.Float64bits(ms[i]), "trial %d: ms[%d][%d]", trial, i/n, i%n)
			require.Equal(t, math.Float64bits(wantKm[i]), math.Float64bits(km[i]), "trial %d: km[%d][%d]", trial, i/n, i%n)
		}
		for k := range n { // count pairs with an equally fast path through k: ties were exercised
			for i := range n {
				for j := range n {
					if i != j && k != i && k != j && ms[i*n+k]+ms[k*n+j] == ms[i*n+j] && km[i*n+k]+km[k*n+j] != km[i*n+j] {
						ties++
					}
				}
			}
		}
	}
	assert.Positive(t, ties, "no tie between paths of different length: the test shows nothing of tie-breaking")
}

// TestCapitalDistancesAreGreatCircles: NewNetwork computes half the distances between capitals and mirrors
// them, which is exact because GreatCircleKm is symmetric to the bit; checked on random points over the whole
// globe, and on the baseline's capitals against GreatCircleKm of every ordered pair.
func TestCapitalDistancesAreGreatCircles(t *testing.T) {
	rng := rngFor(11)
	for range 20000 {
		lat1, lon1 := 180*rng.Float64()-90, 360*rng.Float64()-180
		lat2, lon2 := 180*rng.Float64()-90, 360*rng.Float64()-180
		require.Equal(t, math.Float64bits(GreatCircleKm(lat1, lon1, lat2, lon2)),
			math.Float64bits(GreatCircleKm(lat2, lon2, lat1, lon1)), "(%v,%v) (%v,%v)", lat1, lon1, lat2, lon2)
	}
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	w, err := NewWorld(s)
	require.NoError(t, err)
	n := len(w.Provinces)
	for a, pa := range w.Provinces {
		for b, pb := range w.Provinces {
			want := GreatCircleKm(pa.Cfg.Lat, pa.Cfg.Lon, pb.Cfg.Lat, pb.Cfg.Lon)
			assert.Equal(t, math.Float64bits(want), math.Float64bits(w.Net.capKm[a*n+b]), "%s to %s", pa.ID, pb.ID)
		}
	}
}

// TestCongestionRedoneWhereChanged: month to month Update redoes the round-trip times of the sites whose
// congestion changed only; over months of random corridor loads (most kept, some saturated, some changed,
// and now and then a change of the base latency or of the congestion setting) it gives the bits of the
// full pass.
func TestCongestionRedoneWhereChanged(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	w, err := NewWorld(s)
	require.NoError(t, err)
	nw, rng := w.Net, rngFor(5)
	for month := range 200 {
		for _, p := range w.Provinces {
			switch rng.IntN(4) {
			case 0:
				p.CorridorLoad = 1.5 * rng.Float64()
			case 1:
				p.CorridorLoad = 1 + rng.Float64() // saturated: the same congestion as any load above 1
			}
		}
		if month%50 == 49 {
			s.Network.AccessMs++
		}
		if month%70 == 69 {
			s.Network.CongestionMs = -s.Network.CongestionMs // every site's term changes, some to -0
		}
		nw.Update()
		got := slices.Clone(nw.RTT)
		nw.rttOK = false
		nw.addCongestion()
		require.True(t, SameBits(nw.RTT, got), "month %d", month)
	}
}

// TestLatencyFloorBoundsRTT: every month's RTT is at least its floor, which changes (and its count with
// it) only with the network or its settings; with congestion below 0 the floor is not one.
func TestLatencyFloorBoundsRTT(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) { s.Network.CongestionMs = 8 })
	nw := w.Net
	for p := range w.Provinces {
		w.Provinces[p].CorridorLoad = float64(p) / 2
	}
	nw.Update()
	floor, gen, ok := nw.LatencyFloor()
	require.True(t, ok)
	require.Len(t, floor, len(nw.RTT))
	for i, rtt := range nw.RTT {
		assert.GreaterOrEqual(t, rtt, floor[i], "pair %d", i)
	}
	assert.Greater(t, nw.RTT[east*3+west], floor[east*3+west], "congestion into the west")
	nw.Update()
	_, again, _ := nw.LatencyFloor()
	assert.Equal(t, gen, again, "nothing changed")
	w.Scn.Network.AccessMs++
	nw.Update()
	_, next, _ := nw.LatencyFloor()
	assert.NotEqual(t, gen, next, "the access delay changed")
	w.Scn.Network.CongestionMs = -1
	nw.Update()
	_, _, ok = nw.LatencyFloor()
	assert.False(t, ok, "congestion below 0 takes RTT under the floor")
}

package agents

import (
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// forSeeds runs a scenario for seeds 1..n, two models at a time, calling emit after every month of run i
// (seed i+1); it fails the test on any error.
func forSeeds(t testing.TB, s *configs.Scenario, n int, emit func(i int, m *Model, month configs.Month, rows [][]float64)) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			sc := s.Clone()
			sc.Seed = uint64(i + 1)
			m, err := New(sc)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = m.Run(func(month configs.Month, rows [][]float64) error {
				emit(i, m, month, rows)
				return nil
			})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}

// runHeadlines runs a scenario for seeds 1..n in parallel and returns their headlines in seed order.
func runHeadlines(t *testing.T, s *configs.Scenario, n int) []Headline {
	t.Helper()
	out := make([]Headline, n)
	forSeeds(t, s, n, func(i int, m *Model, month configs.Month, rows [][]float64) {
		out[i].Observe(m.W, month, rows)
	})
	return out
}

func median(hs []Headline, f func(*Headline) float64) float64 {
	v := make([]float64, len(hs))
	for i := range hs {
		v[i] = f(&hs[i])
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// TestCalibration checks the 2013-2022 history over 20 seeds against the facts it reaches (docs/sources.md,
// configs/targets/history.toml): the north-west's 2022 capacity is what the provinces built during the
// run (> 80 %), not the starting stock; the north-west is used less than the eastern hubs in 2022 (in at
// least 16 of 20 seeds, and by more than 0.1 in the median); racks
// in use at end-2021 are about 5.2M. What the model misses is logged, not asserted: the north-west's 2022
// level (target <= 0.30) and racks at end-2023 (8.1M) — see docs/ODD.md section 9.
func TestCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("20 baseline runs")
	}
	hs := runHeadlines(t, baseline(t, 1), 20)
	nw := median(hs, func(h *Headline) float64 { return h.Get(NorthwestUtil2022) })
	east := median(hs, func(h *Headline) float64 { return h.Get(EastHubsUtil2022) })
	r21 := median(hs, func(h *Headline) float64 { return h.Get(RacksEnd2021M) })
	r23 := median(hs, func(h *Headline) float64 { return h.Get(RacksEnd2023M) })
	nat := median(hs, func(h *Headline) float64 { return h.Get(NationalUtil2022) })
	built := median(hs, func(h *Headline) float64 { return h.Get(NorthwestBuilt2022) })
	t.Logf("median of 20 seeds: northwest 2022 %.3f (target <= 0.30), east hubs 2022 %.3f (> 0.65), national 2022 %.3f, "+
		"north-west capacity built during the run %.3f, racks end-2021 %.2fM (5.2M), end-2023 %.2fM (8.1M)",
		nw, east, nat, built, r21, r23)
	band := func(name string, f func(h *Headline) float64) {
		v := make([]float64, len(hs))
		for i := range hs {
			v[i] = f(&hs[i])
		}
		lo, mid, hi := quantiles(v)
		t.Logf("%s: median %.3f, 10-90 %% %.3f-%.3f", name, mid, lo, hi)
	}
	band("north-west 2022", func(h *Headline) float64 { return h.Get(NorthwestUtil2022) })
	band("east hubs 2022", func(h *Headline) float64 { return h.Get(EastHubsUtil2022) })
	band("north-west capacity built during the run", func(h *Headline) float64 { return h.Get(NorthwestBuilt2022) })
	below := 0
	for i := range hs {
		assert.Greater(t, hs[i].Get(NorthwestBuilt2022), 0.8, "seed %d: north-west 2022 capacity built by the provinces", i+1)
		if hs[i].Get(NorthwestUtil2022) < hs[i].Get(EastHubsUtil2022) {
			below++
		}
	}
	t.Logf("north-west used less than the east hubs in 2022 in %d of 20 seeds", below)
	assert.GreaterOrEqual(t, below, 16, "the north-west is used less than the east hubs in most seeds")
	assert.Less(t, nw, east-0.1, "median: the north-west is used clearly less than the east hubs")
	assert.InDelta(t, 5.2, r21, 0.78, "racks end-2021 (M), within the targets file's 15 %")
}

// TestPatternBreaksWithoutTransitCost shows the knob that breaks the 2022 pattern: when carrying work
// across the country costs nothing, every workload without a tight latency bound runs where energy is
// cheapest, the north-west fills up and eastern halls empty. Under-use of the west is therefore not
// built into the model: it comes from what it costs to move work there.
func TestPatternBreaksWithoutTransitCost(t *testing.T) {
	if testing.Short() {
		t.Skip("baseline runs")
	}
	s := baseline(t, 1)
	require.NoError(t, s.Set("network.transit_cost=0"))
	require.NoError(t, s.Validate())
	hs := runHeadlines(t, s, 4)
	nw := median(hs, func(h *Headline) float64 { return h.Get(NorthwestUtil2022) })
	east := median(hs, func(h *Headline) float64 { return h.Get(EastHubsUtil2022) })
	t.Logf("transit_cost = 0: northwest 2022 %.3f, east hubs 2022 %.3f", nw, east)
	assert.Greater(t, nw, 0.6, "the north-west fills up")
	assert.Greater(t, nw, east, "the pattern is reversed")
}

// TestEnforcementCurbsOverQuotaBuilding: the more likely building beyond quota is caught, the less of it
// provinces start — but the overbuild barely moves (docs/ODD.md section 9): most idle capacity was built
// before the plan, when there was no quota to exceed, or within the quota itself (the west's reserved
// share), which no enforcement touches. Pinned: enforcement 0 -> 1 cuts over-quota building by more than
// half and the mean overbuild by less than a fifth.
func TestEnforcementCurbsOverQuotaBuilding(t *testing.T) {
	if testing.Short() {
		t.Skip("baseline runs")
	}
	type res struct{ over, overbuild float64 }
	run := func(enf string) res {
		s := baseline(t, 1)
		require.NoError(t, s.Set("planner.enforcement="+enf))
		require.NoError(t, s.Validate())
		hs := runHeadlines(t, s, 8)
		return res{median(hs, func(h *Headline) float64 { return h.Get(OverQuotaTotalMW) }),
			median(hs, func(h *Headline) float64 { return h.Get(OverbuildMeanMW) })}
	}
	none, some, full := run("0"), run("0.3"), run("1")
	t.Logf("median of 8 seeds, enforcement 0 / 0.3 / 1: over-quota MW started 2022-2035 %.0f / %.0f / %.0f, mean overbuild 2013-2035 %.0f / %.0f / %.0f MW",
		none.over, some.over, full.over, none.overbuild, some.overbuild, full.overbuild)
	assert.Greater(t, none.over, some.over)
	assert.Greater(t, some.over, full.over)
	assert.Less(t, full.over, none.over/2, "over-quota building halves")
	assert.Greater(t, full.overbuild, 0.8*none.overbuild, "the overbuild falls by less than a fifth")
}

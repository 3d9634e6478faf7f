package economy

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

const (
	east, west, west2 = 0, 1, 2
	hot, cold         = 0, 1
)

func TestLatencyFollowsDistanceAndHops(t *testing.T) {
	w := newTinyWorld(t, nil)
	local := w.Net.Latency(east, east)
	far := w.Net.Latency(east, west)
	farther := w.Net.Latency(east, west2)
	assert.InDelta(t, 4+0.5, local, 1e-9, "access + 50 km of metro fibre")
	assert.Greater(t, far, 10.0, "the west is beyond the hot bound")
	assert.Greater(t, farther, far)
	km := GreatCircleKm(31.2, 121.5, 31.2, 108.9)
	assert.InDelta(t, 4+km*1.5/100+2, far, 1e-6, "access + route + one exchange hop")
}

func TestColdGoesWestHotStaysEast(t *testing.T) {
	w := newTinyWorld(t, nil)
	placeDemand(t, w, map[[2]int]float64{{east, hot}: 40, {east, cold}: 40})
	assert.InDelta(t, 40, toMW(w.Contracts.Used(east)), 1e-3, "hot work runs at home")
	assert.InDelta(t, 40, toMW(w.Contracts.Used(west)), 1e-3, "cold work runs where energy is cheapest")
	assert.Zero(t, w.Contracts.Used(west2))
	assert.InDelta(t, 40, w.ServedMW[east][hot], 1e-9)
	assert.InDelta(t, 40, w.ServedMW[east][cold], 1e-9)
	assert.InDelta(t, 0, w.UnservedMW[east][hot]+w.UnservedMW[east][cold], 1e-9)
}

func TestSaturatedCorridorSpillsToNextBestSite(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) { s.Provinces[west].CorridorMW = 15 })
	placeDemand(t, w, map[[2]int]float64{{east, cold}: 40})
	assert.InDelta(t, 15, toMW(w.Contracts.Used(west)), 1e-3, "the corridor into the west carries 15 MW")
	assert.InDelta(t, 25, toMW(w.Contracts.Used(west2)), 1e-3, "the rest spills to the next-cheapest site")
	assert.Zero(t, w.Contracts.Used(east))
}

// TestLocalWorkNeedsNoCorridor fills nothing but the east's inbound corridor: its own work still runs at
// home: local routes use no trunk.
func TestLocalWorkNeedsNoCorridor(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) { s.Provinces[east].CorridorMW = 0 })
	placeDemand(t, w, map[[2]int]float64{{east, hot}: 30})
	require.Zero(t, w.Alloc.remote[east], "remote work into the east had no room")
	assert.InDelta(t, 30, toMW(w.Contracts.Used(east)), 1e-3, "hot work runs at home")
	assert.InDelta(t, 30, w.ServedMW[east][hot], 1e-9)
}

func TestFullSitesLeaveWorkUnserved(t *testing.T) {
	w := newTinyWorld(t, nil)
	placeDemand(t, w, map[[2]int]float64{{east, hot}: 130, {east, cold}: 150})
	assert.InDelta(t, 100, w.ServedMW[east][hot], 1e-3, "hot work can only use the east's 100 MW")
	assert.InDelta(t, 30, w.UnservedMW[east][hot], 1e-3)
	assert.InDelta(t, 150, w.ServedMW[east][cold], 1e-3, "cold work runs in the two western sites")
	assert.InDelta(t, 100, toMW(w.Contracts.Used(west)), 1e-3)
	assert.InDelta(t, 50, toMW(w.Contracts.Used(west2)), 1e-3)
}

func TestContractsKeepWorkInPlace(t *testing.T) {
	w := newTinyWorld(t, nil)
	placeDemand(t, w, map[[2]int]float64{{east, cold}: 40})
	require.InDelta(t, 40, toMW(w.Contracts.Used(west)), 1e-3)
	// Next month the west gets dearer than west2; placed work stays under contract.
	w.BeginMonth()
	w.Provinces[west].PowerPrice = 1.0
	w.GenerateDemand(rngFor(1))
	for c := range w.Classes {
		w.DemandMW[east][c] = 0
	}
	w.DemandMW[east][cold] = 40
	require.NoError(t, w.Allocate())
	assert.InDelta(t, 40, toMW(w.Contracts.Used(west)), 1e-3, "contracts hold placed work")
	assert.Zero(t, w.Contracts.Used(west2))
}

func TestAllocatorObjectiveMatchesFlows(t *testing.T) {
	w := newTinyWorld(t, nil)
	placeDemand(t, w, map[[2]int]float64{{east, hot}: 30, {east, cold}: 60})
	manual := 0.0
	w.Contracts.Each(func(c Contract) {
		manual += toMW(c.KW) * costUnit * float64(costUnits(w.PlacementCost(int(c.Origin), int(c.Class), int(c.Site))-w.SteeringCredit(int(c.Origin), int(c.Class), int(c.Site))))
	})
	assert.InDelta(t, manual, w.Alloc.ObjectiveYuan, 1e-6*manual)
}

// TestNearlySortSortsAnyOrder checks nearlySort on nearly sorted keys (insertion) and on shuffled ones
// (past its move budget it sorts from scratch): both give the sorted order, and it reports a move exactly
// when the keys were out of order.
func TestNearlySortSortsAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 10, 100, 1000} {
		keys := make([]int64, n)
		for i := range keys {
			keys[i] = int64(i)*1000 + rng.Int64N(1000)
		}
		want := slices.Clone(keys)
		assert.False(t, nearlySort(keys), "sorted, %d keys", n)
		assert.Equal(t, want, keys, "sorted, %d keys", n)
		for i := 0; i+1 < n; i += 7 { // a few neighbours swapped: cheap insertion
			keys[i], keys[i+1] = keys[i+1], keys[i]
		}
		assert.Equal(t, n >= 2, nearlySort(keys), "nearly sorted, %d keys", n)
		assert.Equal(t, want, keys, "nearly sorted, %d keys", n)
		rng.Shuffle(n, func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		assert.Equal(t, !slices.IsSorted(keys), nearlySort(keys), "shuffled, %d keys", n)
		assert.Equal(t, want, keys, "shuffled, %d keys", n)
	}
}

func TestRoundToIntRoundsAsMathRound(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	check := func(x float64) {
		assert.Equal(t, int64(math.Round(x)), roundToInt(x), "x %v", x)
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994,
		4503599627370495.5, 1 << 52, 1<<52 + 1, 1 << 53, -(1 << 53), 1 << 62, math.SmallestNonzeroFloat64,
		math.Nextafter(0.5, 0), math.Nextafter(0.5, 1), math.Nextafter(1.5, 0), math.Nextafter(-2.5, 0)} {
		check(x)
	}
	for range 100_000 {
		x := float64(rng.Int64N(1<<53)) / 2 // integers and halves, exactly, with their neighbours
		if rng.IntN(2) == 0 {
			x = -x
		}
		check(x)
		check(math.Nextafter(x, math.Inf(1)))
		check(math.Nextafter(x, math.Inf(-1)))
		check((rng.Float64() - 0.5) * math.Pow(2, float64(rng.IntN(62))))
	}
}

// TestReachSplitMatchesFreshAllocator changes, month after month, what the split of the route rows by
// reach (Allocator.splitByReach) depends on — the class bounds (their lever), the latency floor (a
// network setting), congestion below 0 — and checks every month's instance against a fresh allocator's,
// which splits its rows from scratch. Each change brings the west within the hot bound of the east.
func TestReachSplitMatchesFreshAllocator(t *testing.T) {
	// Hot work has a bound of 30 ms; the west is about 32 ms from the east with 12 ms of access.
	w := newTinyWorld(t, func(s *configs.Scenario) { s.Network.CongestionMs, s.Network.AccessMs = 8, 12 })
	w.Policy.RTTBoundChange = 2
	w.applyRTTBounds()
	var hotWest []int // months with a route for hot work from the east to the west
	for m := range 10 {
		if m > 0 {
			w.BeginMonth()
		}
		switch m {
		case 2: // the bound 30 -> 60 ms
			w.Policy.RTTBoundChange = 5
			w.applyRTTBounds()
		case 4:
			w.Policy.RTTBoundChange = 2
			w.applyRTTBounds()
		case 6: // the floor 8 ms lower
			w.Scn.Network.AccessMs = 4
		case 8: // congestion into the west below 0: its latency under the floor
			w.Scn.Network.AccessMs = 12
			w.Scn.Network.CongestionMs = -20
			w.Provinces[west].CorridorLoad = 1
		}
		prepareAsFresh(t, w, m)
		for _, arc := range w.Alloc.Arcs() {
			if arc.Kind == ArcRemote && arc.Origin == east && arc.Class == hot && arc.Site == west {
				hotWest = append(hotWest, m)
			}
		}
		require.NoError(t, w.FinishAllocation())
		w.Operate()
	}
	assert.Subset(t, hotWest, []int{2, 6, 8}, "each change reaches the west")
	assert.NotContains(t, hotWest, 0)
}

// TestAllocatorContinuesLastMonthsArcs checks, month after month of presets (run without agents) whose
// instances have the rarer kinds of arc (east-outage the vault's, whose arcs join the same nodes as remote
// routes to the vault; export-controls, with its foreign pool opened by hand, the pool's), what the allocator tells the solver of last month's arcs
// (flow.NetworkSimplex.SetContinuation): next[p] is this month's arc with last month's arc p's source and
// site (and kind, for capacity arcs) whenever there is one; and every arc's tie, kept from month to month
// in the allocator's cells, equals the hash (tie), as does the LP export's.
func TestAllocatorContinuesLastMonthsArcs(t *testing.T) {
	type arcID struct {
		src, site int32
		kind      ArcKind // capacity arcs only: a source's arcs differ by site
	}
	id := func(t arcTag) arcID {
		k := arcID{src: t.src, site: t.site}
		if t.src < 0 {
			k.kind = t.kind
		}
		return k
	}
	for _, tc := range []struct {
		preset string
		uses   ArcKind
	}{{"east-outage", ArcVault}, {"export-controls", ArcAbroad}} {
		preset := tc.preset
		s, err := configs.LoadPreset(preset)
		require.NoError(t, err)
		w, err := NewWorld(s)
		require.NoError(t, err)
		rng := rngFor(3)
		var prev []arcTag
		continued, fresh, kinds := 0, 0, map[ArcKind]int{}
		for w.Now < w.End {
			// stepMonth, with the foreign pool open (no agents build the data centres whose denied
			// accelerators would open it).
			w.BeginMonth()
			w.FireEvents(rng)
			w.OpenDueEvents()
			w.AdvanceConstruction()
			if w.AbroadSite >= 0 {
				w.AbroadMW = 300
			}
			w.GenerateDemand(rng)
			require.NoError(t, w.Allocate())
			w.Operate()
			a := w.Alloc
			now := map[arcID]int32{}
			tags := make([]arcTag, a.mcf.NumArcs())
			for e := range tags {
				from, to, _, _ := a.mcf.Arc(e)
				tag := a.tag(e, from, to)
				now[id(tag)] = int32(e)
				require.Equal(t, a.tie(tag.kind, int(tag.src), int(tag.site)), a.mcf.Tie(e), "%s %s: tie of arc %d", preset, w.Now, e)
				tags[e] = tag
			}
			for p, tag := range prev {
				e, ok := now[id(tag)]
				if !ok {
					fresh++
					continue
				}
				require.Equal(t, e, a.next[p], "%s %s: the arc that continues arc %d", preset, w.Now, p)
				continued++
				kinds[tag.kind]++
			}
			prev = tags
		}
		assert.Greater(t, continued, 10*fresh, "%s: most arcs continue one", preset)
		assert.Positive(t, fresh, "%s: some arcs are new", preset)
		for _, k := range []ArcKind{ArcLocal, ArcRemote, ArcUnserved, ArcCorridor, ArcSite, ArcAccelCap, tc.uses} {
			assert.Positive(t, kinds[k], "%s: kind %d continued", preset, k)
		}
		t.Logf("%s: %d arcs continued (by kind %v), %d not", preset, continued, kinds, fresh)
	}
}

// TestContinueArcLinksLastMonthsArcOnly checks continueArc on links of every age: an arc added last month
// (continued), in an earlier month or never (neither); and that it records this month's arc.
func TestContinueArcLinksLastMonthsArcOnly(t *testing.T) {
	a := NewAllocator(3, 2, 7)
	a.builds = 5
	a.next = []int32{-1, -1, -1, -1}
	for _, tc := range []struct {
		link      arcLink
		continued bool
	}{{arcLink{arc: 2, built: 4}, true}, {arcLink{arc: 2, built: 3}, false}, {noLink, false}} {
		fill(a.next, -1)
		link := tc.link
		a.continueArc(&link, 9)
		assert.Equal(t, tc.continued, a.next[2] == 9, "%+v", tc.link)
		assert.Equal(t, arcLink{arc: 9, built: 5}, link, "%+v", tc.link)
	}
}

// TestAllocatorFollowsAClassChangingItsNeedOfAccelerators checks that the routes' cells (routeRow), which
// keep each route's kind, head and tie, follow a class whose need of accelerators changes: every month's
// instance, ties included, is a fresh allocator's.
func TestAllocatorFollowsAClassChangingItsNeedOfAccelerators(t *testing.T) {
	w := newTinyWorld(t, nil)
	accel := 0
	for m := range 6 {
		if m > 0 {
			w.BeginMonth()
		}
		w.Classes[cold].Cfg.NeedsAccelerator = m%3 == 1
		if m%3 == 1 {
			for s := range w.Provinces {
				w.Provinces[s].AccelOnlineMW = w.Provinces[s].OnlineMW / 2
			}
		}
		fresh := prepareAsFresh(t, w, m)
		for e, arc := range w.Alloc.Arcs() {
			require.Equal(t, fresh.mcf.Tie(e), w.Alloc.mcf.Tie(e), "month %d: tie of arc %d", m, e)
			if arc.Kind == ArcAccel {
				accel++
			}
		}
		require.NoError(t, w.FinishAllocation())
		w.Operate()
	}
	assert.Positive(t, accel, "some routes need accelerators")
}

// TestRebuiltMonthsWarmStartAsBuiltOnce builds every month's instance again, once or twice, before it is
// solved (as inspecting or timing a month does) and checks that the solve starts from the same basis as
// when each month is built once: the same pivots and the same flows. The arcs' links to last month's then
// continue an instance that was not solved; the allocator composes them back to the solved one.
func TestRebuiltMonthsWarmStartAsBuiltOnce(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	once, err := NewWorld(s)
	require.NoError(t, err)
	again, err := NewWorld(s)
	require.NoError(t, err)
	rngOnce, rngAgain := rngFor(5), rngFor(5)
	months := 0
	for once.Now < once.End && months < 60 {
		for i, w := range []*World{once, again} {
			rng := []*rand.Rand{rngOnce, rngAgain}[i]
			w.BeginMonth()
			w.FireEvents(rng)
			w.OpenDueEvents()
			w.AdvanceConstruction()
			w.GenerateDemand(rng)
			w.PrepareAllocation()
			for range i + months%2 { // again: built twice or three times
				w.Alloc.Prepare(w)
			}
			require.NoError(t, w.FinishAllocation())
			w.Operate()
		}
		require.Equal(t, once.Alloc.Pivots(), again.Alloc.Pivots(), "%s: pivots", once.Now)
		require.Equal(t, once.Alloc.Flows(), again.Alloc.Flows(), "%s: flows", once.Now)
		// Solved again, an instance starts from its own optimum, not from a continuation used up.
		_, err := again.Alloc.Optimise()
		require.NoError(t, err)
		assert.Zero(t, again.Alloc.Pivots(), "%s: pivots solving again", once.Now)
		months++
	}
	assert.Equal(t, 60, months)
}

// prepareAsFresh sets month m's demand of the tiny world's east (hot and cold work growing month by month),
// prepares the world's allocation and requires the instance a fresh allocator builds, which it returns.
func prepareAsFresh(t *testing.T, w *World, m int) *Allocator {
	t.Helper()
	w.DemandMW[east][hot], w.DemandMW[east][cold] = float64(5*(m+1)), float64(5*(m+1))
	w.PrepareAllocation()
	fresh := NewAllocator(len(w.Provinces), len(w.Classes), w.Scn.Seed)
	fresh.Prepare(w)
	require.Equal(t, fresh.Arcs(), w.Alloc.Arcs(), "month %d", m)
	return fresh
}

// TestCostRowsFollowANewNetwork checks that a month built on a new network (another access latency) costs
// its routes by that network's rows, not by the rows of the last origin that routePrefix kept (routeScratch's
// costRow): only the east has work, so every source has the origin of the last one costed.
func TestCostRowsFollowANewNetwork(t *testing.T) {
	w := newTinyWorld(t, nil)
	prepareAsFresh(t, w, 0)
	require.NoError(t, w.FinishAllocation())
	w.Operate()
	w.BeginMonth()
	old := w.Net.RTT[east*len(w.Provinces)+west]
	w.Scn.Network.AccessMs += 5
	var err error
	w.Net, err = newNetwork(w, nil)
	require.NoError(t, err)
	w.Net.Update()
	require.NotEqual(t, old, w.Net.RTT[east*len(w.Provinces)+west], "the new network's latencies differ")
	prepareAsFresh(t, w, 1)
}

// TestExhaustiveRoutesRunIntoOpenSites checks the routes of exhaustive instances (every usable route): a
// source has a route to each site within its class's bound that can take some of its work — room at the
// site and, unless the work is local, in its corridor; room in its accelerator pool for work that needs
// accelerators — and to no other (splitUsable's closed sites), with cold work without and with the need.
func TestExhaustiveRoutesRunIntoOpenSites(t *testing.T) {
	for _, accel := range []bool{false, true} {
		// No corridor into the east (whose own work still runs at home) or west2; accelerators in the east
		// and west2 only.
		w := newTinyWorld(t, func(s *configs.Scenario) { s.Provinces[east].CorridorMW, s.Provinces[west2].CorridorMW = 0, 0 })
		w.Classes[cold].Cfg.NeedsAccelerator = accel
		w.Provinces[east].AccelOnlineMW = w.Provinces[east].OnlineMW / 2
		w.Provinces[west2].AccelOnlineMW = w.Provinces[west2].OnlineMW / 2
		for o := range w.DemandMW {
			w.DemandMW[o][hot], w.DemandMW[o][cold] = 10, 10
		}
		w.Alloc.Exhaustive = true
		w.PrepareAllocation()
		a := w.Alloc
		got := map[[3]int]bool{}
		for _, arc := range a.Arcs() {
			if arc.Kind == ArcLocal || arc.Kind == ArcRemote || arc.Kind == ArcAccel {
				got[[3]int{arc.Origin, arc.Class, arc.Site}] = true
			}
		}
		want, closed := map[[3]int]bool{}, 0
		for o := range w.Provinces {
			for c := range w.Classes {
				for s := range w.Provinces {
					room := a.remote[s]
					switch {
					case w.Classes[c].Cfg.NeedsAccelerator:
						room = a.acc[s]
					case s == o:
						room = a.gen[s]
					}
					if !w.Reachable(o, c, s) {
						continue
					}
					if room > 0 {
						want[[3]int{o, c, s}] = true
					} else {
						closed++
					}
				}
			}
		}
		require.Positive(t, closed, "accel %t: some reachable sites are closed", accel)
		require.Zero(t, a.remote[east], "accel %t: no remote work into the east", accel)
		require.True(t, want[[3]int{east, hot, east}], "accel %t: the east's hot work runs at home", accel)
		assert.Equal(t, want, got, "accel %t", accel)
	}
}

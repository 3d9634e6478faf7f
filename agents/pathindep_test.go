package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/economy/flow"
)

// TestAllocationIsPathIndependent checks that the allocator's booking is a function of the month's
// instance alone: every month of three presets, the run's flows (warm-started from last month's basis)
// equal those of a cold solve of the same instance with its arcs in reverse order and another block size.
// Before the tie rule (flow.NetworkSimplex.SetTie) 38 of the baseline's 276 months booked another optimum
// of equal cost this way.
func TestAllocationIsPathIndependent(t *testing.T) {
	for _, preset := range []string{"baseline", "coal-shock", "drought"} {
		t.Run(preset, func(t *testing.T) {
			s, err := configs.LoadPreset(preset)
			require.NoError(t, err)
			m, err := New(s)
			require.NoError(t, err)
			months, tiePivots := 0, 0
			for !m.Done() {
				m.StepToAllocation()
				w := m.W
				w.Alloc.Prepare(w)
				_, err := w.Alloc.Optimise()
				require.NoError(t, err)
				want := w.Alloc.Flows()
				f := w.Alloc.Instance(w)
				require.Len(t, f.Tie, len(f.From))
				g := flow.NewNetworkSimplex()
				g.ColdStart, g.Block = true, 7
				g.Reset(f.Nodes)
				n := len(f.From)
				for i := n - 1; i >= 0; i-- {
					g.AddArc(f.From[i], f.To[i], f.Cap[i], f.Cost[i])
					g.SetTie(n-1-i, f.Tie[i])
				}
				for v, sup := range f.Supply {
					if sup != 0 {
						g.SetSupply(v, sup)
					}
				}
				cost, err := g.Solve()
				require.NoError(t, err)
				require.Equal(t, w.Alloc.Objective(), cost, "%s", w.Now)
				tiePivots += g.TiePivots()
				for i := range n {
					if !assert.Equal(t, want[i], g.Flow(n-1-i), "%s arc %s", w.Now, f.ArcName(i)) {
						t.FailNow()
					}
				}
				months++
				require.NoError(t, m.FinishStep())
			}
			require.Positive(t, tiePivots, "no month had a tie to break: the test shows nothing")
			t.Logf("%d months, %d pivots among optima in the cold solves", months, tiePivots)
		})
	}
}

// TestParallelRouteSelectionGivesTheSameInstance runs the baseline twice, with the sources' routes
// selected on one goroutine and on three (Allocator.RouteWorkers; the default picks goroutines only in
// large worlds), and checks that every month's instance, flows and the run's outputs are identical.
func TestParallelRouteSelectionGivesTheSameInstance(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	serial, err := New(s.Clone())
	require.NoError(t, err)
	par, err := New(s.Clone())
	require.NoError(t, err)
	serial.W.Alloc.RouteWorkers, par.W.Alloc.RouteWorkers = 1, 3
	months := 0
	for !serial.Done() {
		require.NoError(t, serial.Step())
		require.NoError(t, par.Step())
		require.Equal(t, serial.W.Alloc.Arcs(), par.W.Alloc.Arcs(), "%s: instance", serial.W.Now)
		require.Equal(t, serial.W.Alloc.Flows(), par.W.Alloc.Flows(), "%s: flows", serial.W.Now)
		months++
	}
	assert.Equal(t, serial.Rows(), par.Rows())
	assert.Greater(t, months, 200)
}

// TestContestedPruningGivesTheSameFlows runs presets twice in lockstep, pruning each source's routes by
// the work that competes for their capacity (the default) and by all the month's work
// (Allocator.PruneByTotal, the rule before), and checks that every month books the same flows on the same
// routes (vault and foreign-pool arcs included), while the default's instances are smaller.
func TestContestedPruningGivesTheSameFlows(t *testing.T) {
	type arcKey struct {
		kind                economy.ArcKind
		origin, class, site int
	}
	booked := func(a *economy.Allocator) map[arcKey]int64 {
		out := map[arcKey]int64{}
		flows := a.Flows()
		for i, arc := range a.Arcs() {
			if flows[i] != 0 {
				out[arcKey{arc.Kind, arc.Origin, arc.Class, arc.Site}] = flows[i]
			}
		}
		return out
	}
	// Each preset exercises its arcs: east-outage the vault's, export-controls the foreign pool's.
	for _, tc := range []struct {
		preset string
		uses   economy.ArcKind
	}{{"baseline", economy.ArcRemote}, {"export-controls", economy.ArcAbroad}, {"east-outage", economy.ArcVault}} {
		preset := tc.preset
		t.Run(preset, func(t *testing.T) {
			s, err := configs.LoadPreset(preset)
			require.NoError(t, err)
			contested, err := New(s.Clone())
			require.NoError(t, err)
			byTotal, err := New(s.Clone())
			require.NoError(t, err)
			byTotal.W.Alloc.PruneByTotal = true
			arcsContested, arcsTotal, months, using := 0, 0, 0, 0
			for !contested.Done() {
				require.NoError(t, contested.Step())
				require.NoError(t, byTotal.Step())
				flows := booked(contested.W.Alloc)
				require.Equal(t, booked(byTotal.W.Alloc), flows, "%s: flows", contested.W.Now)
				arcsContested += len(contested.W.Alloc.Arcs())
				arcsTotal += len(byTotal.W.Alloc.Arcs())
				months++
				for k := range flows {
					if k.kind == tc.uses {
						using++
						break
					}
				}
			}
			assert.Equal(t, byTotal.Rows(), contested.Rows())
			assert.Less(t, arcsContested, arcsTotal*9/10, "the contested rule should prune more")
			assert.Positive(t, using, "no month books work on a %v arc: the preset does not exercise it", tc.uses)
			t.Logf("arcs a month: %d by contested work, %d by all work; %d months with flow on kind %v",
				arcsContested/months, arcsTotal/months, using, tc.uses)
		})
	}
}

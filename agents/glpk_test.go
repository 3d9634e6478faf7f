package agents

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/internal/glpk"
)

// TestBaselineAllocationsMatchGLPK captures the allocation instances of a baseline run in June 2022, 2028
// and 2035, solves each with glpsol and checks our optimum and flows: same objective (relative gap
// <= 1e-6), capacities and conservation respected, and no work placed on a route that breaks its
// class's latency bound.
func TestBaselineAllocationsMatchGLPK(t *testing.T) {
	glpk.Require(t)
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	for _, when := range []string{"2022-06", "2028-06", "2035-06"} {
		target, err := configs.ParseMonth(when)
		require.NoError(t, err)
		require.NoError(t, m.StepUntil(target))
		m.StepToAllocation()
		w := m.W
		inst := w.Alloc.Instance(w)
		_, err = w.Alloc.Optimise()
		require.NoError(t, err)
		flows := w.Alloc.Flows()
		require.NoError(t, inst.Check(flows), "%s: our flow is feasible", when)
		for i, a := range w.Alloc.Arcs() {
			if flows[i] > 0 && (a.Kind == economy.ArcLocal || a.Kind == economy.ArcRemote || a.Kind == economy.ArcAccel) {
				assert.True(t, w.Reachable(a.Origin, a.Class, a.Site), "%s: arc %d breaks the latency bound", when, i)
			}
		}
		res, err := glpk.SolveWritten(t.TempDir(), inst.WriteLP)
		require.NoError(t, err)
		require.Equal(t, "optimal", res.Status)
		ours := float64(w.Alloc.Objective())
		gap := math.Abs(ours-res.Objective) / math.Max(1, math.Abs(res.Objective))
		t.Logf("%s: %d nodes, %d arcs, objective %.0f, glpsol %.0f, gap %.2g", when, inst.Nodes, len(inst.From), ours, res.Objective, gap)
		assert.LessOrEqual(t, gap, 1e-6)
		// Pruning the routes no optimum needs leaves the optimum unchanged.
		w.Alloc.Exhaustive = true
		w.Alloc.Prepare(w)
		_, err = w.Alloc.Optimise()
		require.NoError(t, err)
		assert.Equal(t, w.Alloc.Objective(), int64(ours), "%s: exhaustive instance (%d arcs) has the same optimum", when, len(w.Alloc.Arcs()))
		t.Logf("%s: pruned %d arcs, exhaustive %d arcs", when, len(inst.From), len(w.Alloc.Arcs()))
		w.Alloc.Exhaustive = false
		w.Alloc.Prepare(w)
		require.NoError(t, m.FinishStep())
	}
}

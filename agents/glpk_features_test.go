package agents

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/internal/glpk"
)

// TestFeatureAllocationsMatchGLPK checks the allocator's optional arcs against glpsol: the digital vault's
// failover arcs (east-outage, in the outage) and the foreign accelerator pool (export-controls with its
// leak), each in the first month its column shows work on them (so that the check follows the model when
// parameters move). Each instance must contain the arcs, written with their names in the LP file,
// and our optimum must be glpsol's and the exhaustive instance's.
func TestFeatureAllocationsMatchGLPK(t *testing.T) {
	glpk.Require(t)
	for _, tc := range []struct {
		preset string
		col    int
		kind   economy.ArcKind
		name   string
	}{
		{"east-outage", economy.ColVault, economy.ArcVault, "_vault_guizhou"},
		{"export-controls", economy.ColRemoteAccel, economy.ArcAbroad, "_to_abroad"},
	} {
		s, err := configs.LoadPreset(tc.preset)
		require.NoError(t, err)
		m, err := New(s)
		require.NoError(t, err)
		target := firstMonthUsing(t, s, tc.col)
		require.NoError(t, m.StepUntil(target))
		m.StepToAllocation()
		w := m.W
		arcs := w.Alloc.Arcs()
		k := slices.IndexFunc(arcs, func(a economy.AllocArc) bool { return a.Kind == tc.kind })
		require.GreaterOrEqual(t, k, 0, "%s %s: the instance has the new arcs", tc.preset, target)
		inst := w.Alloc.Instance(w)
		assert.Contains(t, inst.ArcName(k), tc.name)
		_, err = w.Alloc.Optimise()
		require.NoError(t, err)
		flows := w.Alloc.Flows()
		require.NoError(t, inst.Check(flows))
		used := int64(0)
		for i, a := range w.Alloc.Arcs() {
			if a.Kind == tc.kind {
				used += flows[i]
			}
		}
		res, err := glpk.SolveWritten(t.TempDir(), inst.WriteLP)
		require.NoError(t, err)
		require.Equal(t, "optimal", res.Status)
		ours := float64(w.Alloc.Objective())
		gap := math.Abs(ours-res.Objective) / math.Max(1, math.Abs(res.Objective))
		t.Logf("%s %s: %d nodes, %d arcs, %d kW on the new arcs, objective %.0f, glpsol %.0f, gap %.2g",
			tc.preset, target, inst.Nodes, len(inst.From), used, ours, res.Objective, gap)
		assert.LessOrEqual(t, gap, 1e-6)
		assert.Positive(t, used, "the new arcs carry work")
		w.Alloc.Exhaustive = true
		w.Alloc.Prepare(w)
		_, err = w.Alloc.Optimise()
		require.NoError(t, err)
		assert.Equal(t, int64(ours), w.Alloc.Objective(), "exhaustive instance has the same optimum")
		w.Alloc.Exhaustive = false
		w.Alloc.Prepare(w)
		require.NoError(t, m.FinishStep())
	}
}

// firstMonthUsing runs the scenario and returns the first month whose national value of the column is
// positive.
func firstMonthUsing(t *testing.T, s *configs.Scenario, col int) configs.Month {
	t.Helper()
	m, err := New(s)
	require.NoError(t, err)
	var first configs.Month
	found := errors.New("found")
	err = m.Run(func(month configs.Month, rows [][]float64) error {
		if rows[economy.ScopeNational][m.W.Col(col)] > 0 {
			first = month
			return found
		}
		return nil
	})
	require.ErrorIs(t, err, found, "the column is never positive")
	return first
}

package agents

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
)

func baseline(t testing.TB, seed uint64) *configs.Scenario {
	t.Helper()
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	s.Seed = seed
	return s
}

// TestInvariants runs the whole baseline and checks, every month: served + unserved = demand per
// province and class; utilisation in [0,1]; the ledger balances (change in debt = spending - revenue);
// no NaN or Inf in any metric; no negative capacity; work placed never exceeds capacity or corridors.
func TestInvariants(t *testing.T) {
	m, err := New(baseline(t, 7))
	require.NoError(t, err)
	w := m.W
	occ := w.Scn.DataCentres.MaxOccupancy
	prevDebt := make([]float64, len(w.Provinces))
	for i, p := range w.Provinces {
		prevDebt[i] = p.Debt
	}
	months := 0
	for !m.Done() {
		require.NoError(t, m.Step())
		months++
		for o, p := range w.Provinces {
			for c := range w.Classes {
				d, s, u := w.DemandMW[o][c], w.ServedMW[o][c], w.UnservedMW[o][c]
				require.InDelta(t, d, s+u, 1e-9, "%s %s %s: served+unserved=demand", w.Now, p.ID, w.Classes[c].ID)
				require.GreaterOrEqual(t, u, -1e-9, "%s %s: unserved >= 0", w.Now, p.ID)
				require.LessOrEqual(t, u, d*1e-3+w.DemandMW[o][c], "unserved bounded by demand")
			}
			require.GreaterOrEqual(t, p.OnlineMW, 0.0)
			require.GreaterOrEqual(t, p.BuildingMW, 0.0)
			require.LessOrEqual(t, p.UsedMW, p.OnlineMW*occ+1e-6, "%s %s: used <= capacity", w.Now, p.ID)
			require.LessOrEqual(t, p.UsedAccelMW, p.AccelOnlineMW*occ+1e-6)
			require.LessOrEqual(t, p.RemoteInMW-1e-6, math.Max(p.CorridorMW, 0)+1e-6, "%s %s: corridor", w.Now, p.ID)
			l := p.Ledger
			require.InDelta(t, l.Spending()-l.Revenue(), p.Debt-prevDebt[o], 1e-9, "%s %s: ledger balances", w.Now, p.ID)
			prevDebt[o] = p.Debt
		}
		for i, row := range m.Rows() {
			for j, v := range row {
				require.False(t, math.IsNaN(v) || math.IsInf(v, 0), "%s scope %d col %d = %v", w.Now, i, j, v)
			}
			u := row[w.Col(economy.ColUtilisation)]
			require.True(t, u >= 0 && u <= 1, "%s scope %s utilisation %v", w.Now, m.Scopes()[i].Name, u)
		}
	}
	assert.Equal(t, 276, months, "2013-01..2035-12")
}

func runCSV(t testing.TB, s *configs.Scenario) []byte { return runCSVMemo(t, s, nil) }

// runCSVMemo is runCSV with a memo shared with other runs (nil: none).
func runCSVMemo(t testing.TB, s *configs.Scenario, memo *WorkerMemo) []byte {
	t.Helper()
	m, err := NewMemo(s, memo)
	require.NoError(t, err)
	var buf bytes.Buffer
	cols := m.W.Columns()
	require.NoError(t, m.Run(func(month configs.Month, rows [][]float64) error {
		for i, row := range rows {
			fmt.Fprintf(&buf, "%s,%s", month, m.Scopes()[i].Name)
			for j := range cols {
				fmt.Fprintf(&buf, ",%v", row[j])
			}
			buf.WriteByte('\n')
		}
		return nil
	}))
	return buf.Bytes()
}

func TestDeterminism(t *testing.T) {
	a := runCSV(t, baseline(t, 3))
	b := runCSV(t, baseline(t, 3))
	c := runCSV(t, baseline(t, 4))
	assert.True(t, bytes.Equal(a, b), "same scenario and seed give identical output")
	assert.False(t, bytes.Equal(a, c), "another seed gives another run")
}

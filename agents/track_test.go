package agents

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
)

// TestTrackHeadlineKeepsOutcomes runs presets twice, computing every row and only what the headline
// outcomes read in each month (a sweep without time series): the outcomes are bit for bit the same, the
// columns read equal the full rows, the others are 0 or equal, and the scopes not read that month are 0.
// It fails if an outcome reads a scope, column or month it does not declare.
func TestTrackHeadlineKeepsOutcomes(t *testing.T) {
	for _, preset := range []string{"baseline", "east-outage", "export-controls"} {
		t.Run(preset, func(t *testing.T) {
			s, err := configs.LoadPreset(preset)
			require.NoError(t, err)
			full, err := New(s.Clone())
			require.NoError(t, err)
			lean, err := New(s.Clone())
			require.NoError(t, err)
			reads := HeadlineReads(lean.W)
			lean.Track(reads)
			skippedScope, skippedMonth := false, false
			var hf, hl Headline
			for !full.Done() {
				require.NoError(t, full.Step())
				require.NoError(t, lean.Step())
				month := full.W.Now
				hf.Observe(full.W, month, full.Rows())
				hl.Observe(lean.W, month, lean.Rows())
				scopes, cols := make([]bool, len(lean.Scopes())), make([]bool, len(lean.W.Columns()))
				for _, r := range reads {
					if r.In == nil || r.In(month) {
						scopes[r.Scope], cols[r.Col] = true, true
					} else {
						skippedMonth = true
					}
				}
				require.False(t, cols[lean.W.Col(economy.ColNearestRTT)], "the headline reads nearest_rtt_ms")
				for i, row := range lean.Rows() {
					skippedScope = skippedScope || !scopes[i]
					for c, v := range row {
						switch {
						case scopes[i] && cols[c]:
							require.Equal(t, math.Float64bits(full.Rows()[i][c]), math.Float64bits(v), "%s scope %d column %d", month, i, c)
						case scopes[i] && v != 0: // a column not read is 0 or as computed in full
							require.Equal(t, math.Float64bits(full.Rows()[i][c]), math.Float64bits(v), "%s scope %d column %d not read", month, i, c)
						case !scopes[i]:
							require.Zero(t, v, "%s: scope %d not read", month, i)
						}
					}
				}
			}
			require.True(t, skippedScope, "the headline reads every scope: nothing to test")
			require.True(t, skippedMonth, "the headline reads everything every month: nothing to test")
			for o, v := range hf.Values() {
				assert.Equal(t, math.Float64bits(v), math.Float64bits(hl.Values()[o]), "%s", Outcome(o))
			}
		})
	}
}

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
// outcomes read (a sweep without time series): the outcomes are bit for bit the same, the columns tracked
// equal the full rows, the others are 0 or equal, and the scopes not tracked stay 0. It fails if an
// outcome reads a scope or column it does not declare.
func TestTrackHeadlineKeepsOutcomes(t *testing.T) {
	for _, preset := range []string{"baseline", "east-outage", "export-controls"} {
		t.Run(preset, func(t *testing.T) {
			s, err := configs.LoadPreset(preset)
			require.NoError(t, err)
			full, err := New(s.Clone())
			require.NoError(t, err)
			lean, err := New(s.Clone())
			require.NoError(t, err)
			needs := lean.NoNeeds()
			NeedHeadline(lean.W, needs)
			lean.Track(needs)
			skipped := 0
			for _, k := range needs.Scopes {
				if !k {
					skipped++
				}
			}
			require.Positive(t, skipped, "the headline reads every scope: nothing to test")
			require.False(t, needs.Columns[lean.W.Col(economy.ColNearestRTT)], "the headline reads nearest_rtt_ms")

			var hf, hl Headline
			for !full.Done() {
				require.NoError(t, full.Step())
				require.NoError(t, lean.Step())
				hf.Observe(full.W, full.W.Now, full.Rows())
				hl.Observe(lean.W, lean.W.Now, lean.Rows())
				for i, row := range lean.Rows() {
					for c, v := range row {
						switch {
						case needs.Scopes[i] && needs.Columns[c]:
							require.Equal(t, math.Float64bits(full.Rows()[i][c]), math.Float64bits(v), "%s scope %d column %d", full.W.Now, i, c)
						case needs.Scopes[i] && v != 0: // a column not marked is 0 or as computed in full
							require.Equal(t, math.Float64bits(full.Rows()[i][c]), math.Float64bits(v), "%s scope %d column %d not marked", full.W.Now, i, c)
						case !needs.Scopes[i]:
							require.Zero(t, v, "untracked scope %d", i)
						}
					}
				}
			}
			for o, v := range hf.Values() {
				assert.Equal(t, math.Float64bits(v), math.Float64bits(hl.Values()[o]), "%s", Outcome(o))
			}
		})
	}
}

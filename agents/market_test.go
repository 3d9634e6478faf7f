package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestScenarioMarket: without quotas, designations and the provinces' own building, firms build where the
// work they expect runs cheapest. General-purpose halls (whose work is latency-bound or must cross the
// corridors) stay nearer demand: the eastern provinces' share of general capacity is higher than under
// the plan. Western halls are built for work that actually goes there — AI training shipped in bulk to
// cheap power — so the north-west stands far less idle. Nothing of the plan is left to act: no capacity
// is over quota and no central subsidy flows.
func TestScenarioMarket(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "market")
	general := func(r *seriesRun, scope string) float64 {
		return r.window(t, scope, "capacity_mw", "2030-01", "2030-12") - r.window(t, scope, "accelerator_mw", "2030-01", "2030-12")
	}
	eastShare := func(r *seriesRun) float64 { return general(r, "region_east") / general(r, "national") }
	s, b := medianOf(scn, eastShare), medianOf(base, eastShare)
	t.Logf("east share of general capacity 2030, median of %d seeds: market %.3f, plan %.3f", len(scn), s, b)
	assert.Greater(t, s, b+0.03, "general capacity nearer demand")

	s, b = compare(t, scn, base, "northwest", "utilisation", "2025-01", "2030-12")
	// Calibrated baseline (docs/calibration.md), 20 seeds: market 0.595, plan 0.548.
	assert.Greater(t, s, b+0.03, "north-west halls built for work that comes")

	s, _ = compare(t, scn, base, "national", "over_quota_mw", "2020-01", "2035-12")
	assert.Zero(t, s, "no quotas")
	s, _ = compare(t, scn, base, "national", "quota_mw", "2020-01", "2035-12")
	assert.Zero(t, s, "no quotas")

	// Untouched: demand is the same process (the draws differ, so within noise).
	unchanged(t, scn, base, "national", "demand_mw", "2020-01", "2035-12", 0.02)
	unchanged(t, scn, base, "national", "nearest_rtt_ms", "2020-01", "2035-12", 0.02)
}

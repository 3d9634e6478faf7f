package sweep

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
)

// TestRunRowWithoutTimeseries checks that a run computing only what its runs.csv row reads (no time
// series) writes the same row as one computing every scope and column, with probes on scopes and a column
// the headline does not read.
func TestRunRowWithoutTimeseries(t *testing.T) {
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	probes := []Probe{
		{Name: "rtt_east_2022", Month: "2022-06", Scopes: []string{"region_east"}, Column: "nearest_rtt_ms"},
		{Name: "guizhou_share_2025", Month: "2025-12", Scopes: []string{"guizhou"}, Column: "racks_m", ShareOf: []string{"national"}},
		{Name: "gansu_util_2030", Month: "2030-01", Scopes: []string{"gansu"}, Column: "utilisation", YearMean: true},
	}
	row := func(timeseries bool) []byte {
		sp := &Spec{Base: base.Clone(), Design: Design{Type: Full, Reps: 1, SeedBase: 3}, Format: CSV,
			Timeseries: timeseries, Probes: append([]Probe(nil), probes...)}
		require.NoError(t, sp.Prepare())
		r, ts, err := sp.RunOne(0)
		require.NoError(t, err)
		assert.Equal(t, timeseries, len(ts) > 0)
		return r
	}
	lean, full := row(false), row(true)
	require.NotContains(t, string(lean), "NaN", "a probe was never observed")
	assert.Equal(t, string(full), string(lean))
}

// TestPreparedRunsNeedNoSecondCheck checks that a run of a prepared sweep, which skips the scenario checks
// Prepare made, builds the scenario a checked run builds, for every design point (an end moved by --set is
// among them: whether the events after it are problems depends on the keys set); and that a sweep not
// prepared still checks its runs.
func TestPreparedRunsNeedNoSecondCheck(t *testing.T) {
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	sp := &Spec{Base: base, Format: CSV, Design: Design{Type: Full, Reps: 2, SeedBase: 5, Factors: []Factor{
		{Key: "end", Values: []string{"2016-06", "2035-12"}}, {Key: "planner.enforcement", Values: []string{"0", "0.7"}}}}}
	require.NoError(t, sp.Prepare())
	require.True(t, sp.checked)
	for id := range sp.Design.NumRuns() {
		fast, err := sp.scenario(sp.Design.Point(id), Seed(5, id))
		require.NoError(t, err)
		sp.checked = false
		checked, err := sp.scenario(sp.Design.Point(id), Seed(5, id))
		sp.checked = true
		require.NoError(t, err)
		assert.Equal(t, checked.Hash(), fast.Hash(), "run %d", id)
		assert.Equal(t, checked.Seed, fast.Seed, "run %d", id)
	}

	bad := &Spec{Base: base, Format: CSV, Design: Design{Type: Full, Reps: 1, Factors: []Factor{
		{Key: "planner.enforcement", Values: []string{"7"}}}}}
	require.NoError(t, bad.Design.Expand())
	_, _, err = bad.RunOne(0)
	assert.ErrorContains(t, err, "planner.enforcement", "a run of a sweep not prepared is checked")
	assert.ErrorContains(t, bad.Prepare(), "planner.enforcement")
}

// TestRunsWithWorkerMemoUnchanged checks that runs sharing a worker's memo (network paths), as a sweep's
// workers run them, write the rows and time series of runs without one.
func TestRunsWithWorkerMemoUnchanged(t *testing.T) {
	base, err := configs.LoadPreset("fibre-first")
	require.NoError(t, err)
	require.NoError(t, base.Set("end=2026-12"))
	sp := &Spec{Base: base, Format: CSV, Timeseries: true, Design: Design{Type: Full, Reps: 2, SeedBase: 9,
		Factors: []Factor{{Key: "network.hop_ms", Values: []string{"4", "2"}}}}}
	require.NoError(t, sp.Prepare())
	memo := agents.NewWorkerMemo()
	for id := range sp.Design.NumRuns() {
		row, ts, err := sp.runOne(id, memo)
		require.NoError(t, err)
		wantRow, wantTS, err := sp.RunOne(id)
		require.NoError(t, err)
		assert.Equal(t, string(wantRow), string(row), "run %d", id)
		assert.Equal(t, string(wantTS), string(ts), "run %d", id)
	}
}

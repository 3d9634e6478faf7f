package sweep

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

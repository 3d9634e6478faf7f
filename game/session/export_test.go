package session

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/runout"
)

func TestExportMatchesTheBatchRunner(t *testing.T) {
	s := newGame(t, Setup{Preset: "export-controls", Seed: 1, Difficulty: Normal})
	require.Error(t, s.Export(t.TempDir()), "nothing to export before the first month")
	autoplayTo(t, s, month(2023, 6))
	dir := filepath.Join(t.TempDir(), "seminar", "export")
	require.NoError(t, s.Export(dir))

	// The batch runner's writers over the same run give the same bytes.
	scn, err := configs.LoadPreset("export-controls")
	require.NoError(t, err)
	scn.Seed = 1
	m, err := agents.New(scn)
	require.NoError(t, err)
	var ts, ev bytes.Buffer
	w, err := runout.NewTimeseries(&ts, m.W.Columns())
	require.NoError(t, err)
	for m.W.Now < month(2023, 6) {
		require.NoError(t, m.Step())
		require.NoError(t, w.Month(m.W.Now, m.Scopes(), m.Rows()))
	}
	require.NoError(t, w.Flush())
	require.NoError(t, runout.WriteEvents(&ev, m.W.Log))

	got, err := os.ReadFile(filepath.Join(dir, "timeseries.csv"))
	require.NoError(t, err)
	assert.Equal(t, ts.String(), string(got))
	got, err = os.ReadFile(filepath.Join(dir, "events.csv"))
	require.NoError(t, err)
	assert.Equal(t, ev.String(), string(got))
	assert.Contains(t, string(got), "2022-10,chip_supply")

	for _, png := range []string{"utilisation.png", "capacity.png", "overbuild_by_province.png"} {
		data, err := os.ReadFile(filepath.Join(dir, png))
		require.NoError(t, err, png)
		assert.True(t, bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")), png)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 6, "no temporary file left (whatifs.csv beside the series)")
}

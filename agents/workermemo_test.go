package agents

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// TestWorkerMemoSharedAcrossRuns checks that runs sharing a worker's memo, as a sweep's workers run them,
// write the output of runs without one, whatever runs came before (another seed, another preset).
func TestWorkerMemoSharedAcrossRuns(t *testing.T) {
	fibreFirst, err := configs.LoadPreset("fibre-first")
	require.NoError(t, err)
	memo := NewWorkerMemo()
	for i, s := range []*configs.Scenario{baseline(t, 3), baseline(t, 4), fibreFirst, baseline(t, 3)} {
		got := runCSVMemo(t, s.Clone(), memo)
		assert.True(t, bytes.Equal(runCSV(t, s.Clone()), got), "run %d: the output of a run without a memo", i)
	}
}

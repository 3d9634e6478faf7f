package configs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScaleBuildsValidSyntheticScenarios(t *testing.T) {
	base, err := LoadPreset("baseline")
	require.NoError(t, err)
	for _, n := range []int{5, 31, 62, 310, 1000} {
		s, err := base.Scale(n, 1)
		require.NoError(t, err, "n=%d", n)
		assert.Len(t, s.Provinces, n)
		require.NoError(t, s.Validate())
		ids := map[string]bool{}
		for _, p := range s.Provinces {
			assert.False(t, ids[p.ID], "unique ids")
			ids[p.ID] = true
		}
	}
	same, err := base.Scale(31, 1)
	require.NoError(t, err)
	same.Name = base.Name
	assert.Equal(t, base.Hash(), same.Hash(), "n = 31 is the baseline itself")
	a, _ := base.Scale(62, 7)
	b, _ := base.Scale(62, 7)
	assert.Equal(t, a.Hash(), b.Hash(), "same seed, same synthetic scenario")
	_, err = base.Scale(0, 1)
	assert.Error(t, err)
}

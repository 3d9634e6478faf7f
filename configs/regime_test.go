package configs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Walks the Regime and Side blocks: every constant has a name that parses back to it, and the schema's
// allowed values are the table's.
func TestRegimeAndSideTables(t *testing.T) {
	require.Len(t, regimes, int(numRegimes))
	for r := range numRegimes {
		require.NotEmpty(t, r.String(), "regime %d has no row", int(r))
		got, err := ParseRegime(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, got)
	}
	assert.True(t, RegimePlanned.Planned())
	assert.False(t, RegimeMarket.Planned())
	_, err := ParseRegime("anarchy")
	assert.ErrorContains(t, err, `unknown regime "anarchy"`)
	assert.Equal(t, []string{"planned", "market"}, root().byName["regime"].enum)

	require.Len(t, sides, int(numSides))
	for s := NoHub + 1; s < numSides; s++ {
		require.NotEmpty(t, s.String(), "side %d has no row", int(s))
		got, err := ParseSide(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	_, err = ParseSide("")
	assert.Error(t, err, "NoHub is not a side a hub can have")
	assert.Equal(t, []string{"east", "west"}, root().byName["hub"].sub.byName["side"].enum)
}

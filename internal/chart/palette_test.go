package chart

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every series has a colour of the palette, and no two series share one.
func TestPaintsOnePerSeries(t *testing.T) {
	seen := map[Paint]Series{}
	for s, p := range Paints {
		assert.Contains(t, Palette, p, "series %d: a colour of the palette", s)
		prev, dup := seen[p]
		assert.False(t, dup, "series %d and %d share %s", prev, s, p.Name)
		seen[p] = Series(s)
	}
}

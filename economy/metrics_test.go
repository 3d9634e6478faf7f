package economy

import (
	"math"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every fixed column has a row (name, unit, definition), names are unique, and docs/ODD.md section 8.1
// defines each one.
func TestColumnTableComplete(t *testing.T) {
	odd, err := os.ReadFile("../docs/ODD.md")
	require.NoError(t, err)
	seen := map[string]bool{}
	for k := range numFixed {
		c := fixedColumns[k]
		assert.NotEmpty(t, c.Name, "column %d has no row in fixedColumns", k)
		assert.NotEmpty(t, c.Unit, "column %s has no unit", c.Name)
		assert.NotEmpty(t, c.Definition, "column %s has no definition", c.Name)
		assert.False(t, seen[c.Name], "column name %s twice", c.Name)
		seen[c.Name] = true
		assert.Regexp(t, regexp.MustCompile("(?m)^\\| `"+regexp.QuoteMeta(c.Name)+"` \\|"), string(odd),
			"docs/ODD.md section 8.1 does not define column %s", c.Name)
	}
}

// The aggregate scopes come first in Scopes, in Aggregate order, with their names; the north-west is the
// provinces of NorthwestIDs.
func TestScopesByName(t *testing.T) {
	w := newTinyWorld(t, nil)
	scopes := w.Scopes()
	require.GreaterOrEqual(t, len(scopes), int(NumAggregates))
	names := map[string]bool{}
	for a := range NumAggregates {
		assert.Equal(t, a.String(), scopes[a].Name)
		assert.NotEmpty(t, a.String(), "aggregate %d has no name", a)
		assert.False(t, names[a.String()], "scope name %s twice", a.String())
		names[a.String()] = true
	}
	assert.Len(t, scopes[ScopeNational].Members, len(w.Provinces))
	for _, p := range scopes[ScopeNorthwest].Members {
		assert.Contains(t, NorthwestIDs, w.Provinces[p].ID)
	}
	for i, p := range w.Provinces {
		assert.Equal(t, p.ID, scopes[int(NumAggregates)+i].Name)
	}
}

// A row computed for a set of columns has the bits of the full row in every column of the set and in
// capacity, use and demand (and utilisation, derived from them), and the costly columns outside the set are 0; a scope row likewise, its
// other columns 0. Checked over many random sets on a world with demand placed and capacity online.
func TestColumnSetRowsMatchFull(t *testing.T) {
	w := newTinyWorld(t, nil)
	placeDemand(t, w, map[[2]int]float64{{0, 0}: 3, {1, 1}: 2.5, {2, 0}: 40})
	ncol, np := len(w.Columns()), len(w.Provinces)
	full, part := grid(np, ncol), grid(np, ncol)
	for p := range w.Provinces {
		w.ProvinceRow(p, full[p], nil)
	}
	costly := []int{w.col(ColUnserved), w.col(ColRedundant), w.col(ColNearestRTT)}
	ratios := []int{w.col(ColCapacity), w.col(ColUsed), w.col(ColDemand), w.col(ColUtilisation)} // always summed, or derived
	rng := rngFor(7)
	for range 200 {
		wanted := make([]bool, ncol)
		for i := range wanted {
			wanted[i] = rng.IntN(3) == 0
		}
		cs := w.NewColumnSet(wanted)
		for p := range w.Provinces {
			w.ProvinceRow(p, part[p], cs)
			for i, v := range part[p] {
				if wanted[i] || !slices.Contains(costly, i) {
					require.Equal(t, math.Float64bits(full[p][i]), math.Float64bits(v), "province %d column %d", p, i)
				} else {
					require.Zero(t, v, "province %d column %d not wanted", p, i)
				}
			}
		}
		for _, sc := range w.Scopes() {
			fullRow, partRow := make([]float64, ncol), make([]float64, ncol)
			w.ScopeRow(sc.Members, full, fullRow, nil)
			w.ScopeRow(sc.Members, part, partRow, cs)
			for i, v := range partRow {
				if wanted[i] || slices.Contains(ratios, i) {
					require.Equal(t, math.Float64bits(fullRow[i]), math.Float64bits(v), "scope %s column %d", sc.Name, i)
				} else {
					require.Zero(t, v, "scope %s column %d not wanted", sc.Name, i)
				}
			}
		}
	}
	assert.Positive(t, full[2][w.col(ColUsed)], "no work placed: nothing to compare")
}

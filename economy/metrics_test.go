package economy

import (
	"os"
	"regexp"
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

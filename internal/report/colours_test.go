package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/economy"
	"dongshu/game/series"
	"dongshu/internal/chart"
)

// The report draws every series the game also charts (on screen and in its export) in the game's colour
// (game/series), so that a colour means one series in the game, its export and the batch report.
func TestReportColoursAreTheGames(t *testing.T) {
	l, err := newLang("en")
	require.NoError(t, err)
	drawn := map[string]chart.Paint{} // by "scope/column", or "column" for the province chart's bars
	for scope, st := range l.utilStyles() {
		drawn[scope+"/utilisation"] = st.paint
	}
	for k, st := range l.capacityStyles() {
		drawn[national+"/"+nationalCols[k]] = st.paint
	}
	for k, st := range l.provinceStyles() {
		drawn[provinceCols[k]] = st.paint
	}
	cols := (&economy.World{}).Columns() // no classes: a fixed column's position is its constant
	compared := map[series.ID]bool{}
	check := func(id series.ID, key string) {
		if p, ok := drawn[key]; ok {
			compared[id] = true
			assert.Equal(t, series.Styles[id].C, p.RGBA, "%s: the report's %s is not the game's colour", key, p.Name)
		}
	}
	for _, ch := range series.Charts {
		for _, r := range ch.Series {
			check(r.ID, r.Scope.ScopeName()+"/"+cols[r.Column].Name)
		}
	}
	// The export's province chart draws overbuild and redundancy by province.
	check(series.Overbuild, "overbuild_mw")
	check(series.Redundant, "redundant_mw")
	assert.Len(t, compared, 6, "east, west, capacity, demand, overbuild and redundancy are in both")
}

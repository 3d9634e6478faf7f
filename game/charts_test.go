package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/economy"
	"dongshu/game/series"
	"dongshu/game/session"
	"dongshu/game/view"
)

// playMonths starts an autoplayed baseline game in lang and plays until n months are in the history.
func playMonths(t testing.TB, lang string, n int) *App {
	a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: session.MaxSpeed})
	var in Input
	for range 60 * 60 {
		require.NoError(t, a.Update(&in))
		if len(a.Session().History().Months) >= n {
			break
		}
	}
	a.Session().SetSpeed(0)
	require.NoError(t, a.Update(&in))
	a.Draw(&recorder{})
	return a
}

// Each chart has several labelled y ticks from 0 to a round top, the top one with the unit (from
// economy's column table, scaled), and a year tick for the years shown, over the months from the start to now.
func TestChartsAxesAndUnits(t *testing.T) {
	a := playMonths(t, "en", 40)
	h := a.Session().History()
	w := a.Session().Model().W
	assert.Equal(t, "MW", h.Columns[w.Col(economy.ColCapacity)].Unit, "the unit comes from the column table")
	wantUnit := [NumCharts]string{"%", "GW", "GW", "Mt"}
	for i := range a.charts.charts {
		ch := &a.charts.charts[i]
		assert.Equal(t, wantUnit[i], ch.Unit, "chart %d", i)
		assert.Equal(t, a.cat.T("ui.charts.value_unit", a.cat.Number(ch.Top, ch.digits), ch.Unit), ch.YTicks[ch.NY-1].Label, "chart %d: the unit on the top tick", i)
		require.GreaterOrEqual(t, ch.NY, 3, "chart %d: several y ticks", i)
		assert.Equal(t, a.cat.Number(0, ch.digits), ch.YTicks[0].Label)
		assert.InDelta(t, ch.Plot.Y+ch.Plot.H, ch.YTicks[0].At, 0.01, "0 at the bottom")
		assert.InDelta(t, ch.Plot.Y, ch.YTicks[ch.NY-1].At, 0.01, "the top tick at the top")
		require.GreaterOrEqual(t, ch.NX, 2, "chart %d: year ticks", i)
		for j := 1; j < ch.NX; j++ {
			assert.Greater(t, ch.XTicks[j].At-ch.XTicks[j-1].At, 1.5*advance(ch.XTicks[j].Label, a.fonts.Tiny), "chart %d: year labels apart", i)
		}
		// From the start to now: the last point is the plot's right edge.
		pts := ch.Series[0].Pts
		require.Len(t, pts, 2*len(h.Months))
		assert.InDelta(t, ch.Plot.X, pts[0], 0.01)
		assert.InDelta(t, ch.Plot.X+ch.Plot.W, pts[len(pts)-2], 0.01, "chart %d: now at the right edge", i)
	}
	// The largest value shown is below the top tick, and within a step of it.
	cap := &a.charts.charts[ChartCapacity]
	top := 0.0
	for mi := range h.Months {
		top = max(top, h.Scope[mi][cap.chartScope(a, 0)][w.Col(economy.ColCapacity)]/1000)
	}
	assert.LessOrEqual(t, top, cap.Top)
	// A click on a chart shows the scenario's whole span: now is then well left of the right edge.
	r := a.charts.charts[ChartCO2].R
	press(t, a, Input{Click: true, MouseX: r.X + r.W/2, MouseY: r.Y + r.H/2})
	a.Draw(&recorder{})
	require.True(t, a.charts.full)
	pts := a.charts.charts[ChartCO2].Series[0].Pts
	p := a.charts.charts[ChartCO2].Plot
	assert.Less(t, pts[len(pts)-2], p.X+p.W*0.5, "40 months of a 23-year run")
	assert.Equal(t, w.End, a.charts.charts[ChartCO2].To)
}

// chartScope is the history scope of the chart's series k.
func (ch *chartPrep) chartScope(a *App, k int) int {
	for i := range a.charts.charts {
		if &a.charts.charts[i] == ch {
			return a.charts.cols.scope[series.Charts[i].Series[k].Scope]
		}
	}
	return -1
}

// One colour per series, across every chart: no two series share one, and every chart draws a series
// in the table's colour.
func TestChartsOneColourPerSeries(t *testing.T) {
	seen := map[[4]uint8]series.ID{}
	for id, st := range series.Styles {
		k := [4]uint8{st.C.R, st.C.G, st.C.B, st.C.A}
		prev, dup := seen[k]
		assert.False(t, dup, "series %d and %d share a colour", prev, id)
		seen[k] = series.ID(id)
	}
	a := playMonths(t, "fr", 13)
	for i := range a.charts.charts {
		ch := &a.charts.charts[i]
		for k := 0; k < ch.N; k++ {
			assert.Equal(t, series.Styles[series.Charts[i].Series[k].ID].C, ch.Series[k].C)
		}
	}
	assert.Equal(t, a.cat.T("ui.chart.east"), a.charts.charts[ChartUtilisation].Series[0].Label)
}

// The hover readout names the month and the values under the mouse, and is rebuilt only when the month
// changes: a frame with the mouse still allocates nothing.
func TestChartsHoverReadout(t *testing.T) {
	a := playMonths(t, "en", 30)
	h := a.Session().History()
	w := a.Session().Model().W
	ch := &a.charts.charts[ChartCapacity]
	p := ch.Plot
	// The mouse over the 13th month played.
	mi := 12
	x := p.X + p.W*float32(h.Months[mi]-ch.From)/float32(ch.To-ch.From)
	in := Input{MouseX: x + 0.2, MouseY: p.Y + p.H/2}
	require.NoError(t, a.Update(&in))
	var r recorder
	a.Draw(&r)
	tip := &a.charts.tip
	require.True(t, tip.On)
	assert.Equal(t, mi, tip.key.month)
	assert.Equal(t, h.Months[mi].String(), tip.Lines[0], "the month")
	v := h.Scope[mi][a.charts.cols.scope[0]][w.Col(economy.ColCapacity)] / 1000
	assert.Equal(t, "capacity: "+a.cat.Number(v, ch.digits+1)+" GW", tip.Lines[1])
	assert.Contains(t, r.texts, tip.Lines[2], "drawn")
	assert.True(t, strings.HasPrefix(tip.Lines[2], "demand: "))
	allocs := testing.AllocsPerRun(50, func() {
		_ = a.Update(&in)
		a.Draw(nopRenderer{})
	})
	assert.Zero(t, allocs, "the readout is cached per hover position")
	// Away from the charts, no readout.
	in.MouseX, in.MouseY = 2, 2
	require.NoError(t, a.Update(&in))
	a.Draw(&recorder{})
	assert.False(t, tip.On)
}

// Before the first month nothing has been measured: the tiles show no data and the side panel "—",
// not 0 % in red.
func TestNoDataBeforeFirstMonth(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{provinceIndex(t, "guizhou")}}}, Start: true, Speed: 1, AutoDecide: true})
	a.Draw(&recorder{})
	require.Less(t, a.Session().Model().W.Now, a.Session().Model().W.Start)
	require.Equal(t, view.Utilisation, a.pl().layer)
	for _, c := range a.pl().prep.cells {
		assert.True(t, c.NoData, "no month played: no use measured")
	}
	found := false
	for _, r := range a.pl().prep.side {
		if r.K == a.cat.T("ui.side.utilisation") {
			found = true
			assert.Equal(t, "—", r.V)
			assert.Equal(t, colDim, r.C)
		}
	}
	assert.True(t, found)
	assert.Equal(t, "1 month/s", a.pl().prep.topState, "one month, singular")
	for i := range a.charts.charts {
		assert.Equal(t, "—", a.charts.charts[i].Empty, "chart %d: no data yet", i)
		assert.Zero(t, a.charts.charts[i].NY, "chart %d: no scale for nothing", i)
	}
	run(t, a, 120)
	assert.False(t, a.pl().prep.cells[provinceIndex(t, "guizhou")].NoData, "measured from the first month")
	assert.Empty(t, a.charts.charts[ChartCapacity].Empty)
}

// News items wrap over the lines they need, in both languages and at every size: none is cut.
func TestNewsWrapsNotCut(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := playMonths(t, lang, 60)
		require.Greater(t, len(a.Session().News()), 5)
		for _, size := range layoutSizes {
			a.Layout(size[0], size[1])
			a.Draw(&recorder{})
			rows := a.pl().prep.newsRows
			require.NotEmpty(t, rows)
			// Rebuild each shown item from its lines: it is the whole item.
			var items []string
			for _, r := range rows {
				assert.False(t, strings.HasSuffix(r.V, "…"), "%s %v: %q cut", lang, size, r.V)
				if r.K == "" {
					items = append(items, r.V)
				} else {
					items[len(items)-1] += " " + r.V
				}
			}
			all := strings.Join(a.pl().prep.newsAll, "\n")
			for _, it := range items {
				assert.Contains(t, frenchSpaces.Replace(all), it, "%s %v: a whole item", lang, size)
			}
			assert.Greater(t, len(rows), len(items), "%s %v: some item takes two lines", lang, size)
		}
	}
}

// The top bar names the preset in the game's language.
func TestPresetNamedInLanguage(t *testing.T) {
	a := newApp(t, Options{Lang: "fr", Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true})
	a.Draw(&recorder{})
	assert.Equal(t, "Référence · graine 1", a.pl().prep.topTitle)
}

// The latency layer marks the hot-work bound on its ramp and labels it.
func TestLatencyBoundMarked(t *testing.T) {
	a := playMonths(t, "en", 12)
	a.Do(Command{Kind: CmdLayer, Arg: int(view.Latency)})
	a.Draw(&recorder{})
	pp := &a.pl().prep
	require.True(t, pp.boundOn)
	var hot float64
	for _, c := range a.Session().Model().W.Classes {
		if c.ID == "hot" {
			hot = c.Cfg.RTTBoundMs
		}
	}
	require.Positive(t, hot)
	bar := pp.legendBar
	assert.InDelta(t, bar.X+bar.W*float32(hot/pp.scale.Max), pp.boundX, 0.5)
	assert.Equal(t, "hot ≤ "+a.cat.Number(hot, 0), pp.boundLabel)
	a.Do(Command{Kind: CmdLayer, Arg: int(view.Utilisation)})
	a.Draw(&recorder{})
	assert.False(t, pp.boundOn, "only on the latency layer")
}

//go:build !js

package session

import (
	"cmp"
	"fmt"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/i18n"
	"dongshu/game/series"
	"dongshu/internal/chart"
)

// The export's charts, drawn from the months played in the game's language (titles, legends, axis
// labels, province names and the numbers' decimal mark) and with the game's colours (package series):
// the chart a student saw on screen is the chart in the export.

// exportCharts draws utilisation.png, capacity.png and overbuild_by_province.png in c's language.
func (s *Session) exportCharts(c *i18n.Catalog) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, k := range map[string]int{"utilisation.png": series.ChartUtilisation, "capacity.png": series.ChartCapacity} {
		png, err := s.lineChart(c, series.Charts[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = png
	}
	png, err := s.provinceChart(c)
	if err != nil {
		return nil, fmt.Errorf("overbuild_by_province.png: %w", err)
	}
	out["overbuild_by_province.png"] = png
	return out, nil
}

// lineChart draws a chart of the game over the months played.
func (s *Session) lineChart(c *i18n.Catalog, ch series.Chart) ([]byte, error) {
	h := &s.hist
	col := func(k int) int { return s.m.W.Col(k) }
	top := 0.0
	for _, r := range ch.Series {
		sc := h.ScopeIndex(r.Scope.ScopeName())
		if sc < 0 {
			return nil, fmt.Errorf("no scope %s in the history", r.Scope.ScopeName())
		}
		for mi := range h.Months {
			top = max(top, h.Scope[mi][sc][col(r.Column)])
		}
	}
	unit := h.Columns[col(ch.Series[0].Column)].Unit
	mul, shown := series.Unit(unit, top)
	p := chart.NewPlot(c.T(ch.Title), c.T("ui.charts.year"), c.T("ui.charts.axis_unit", shown), 1)
	for _, r := range ch.Series {
		sc := h.ScopeIndex(r.Scope.ScopeName())
		xy := make(plotter.XYs, len(h.Months))
		for mi, mo := range h.Months {
			xy[mi] = plotter.XY{X: monthYear(mo), Y: h.Scope[mi][sc][col(r.Column)] * mul}
		}
		st := series.Styles[r.ID]
		l, err := chart.Line(xy, st.C, nil)
		if err != nil {
			return nil, err
		}
		p.Add(l)
		p.Legend.Add(c.T(st.Key), l)
	}
	p.X.Tick.Marker = chart.YearTicks{}
	p.Y.Tick.Marker = chart.NewNiceTicks(c, &p.Y)
	p.X.Min, p.X.Max = monthYear(h.Months[0]), monthYear(h.Months[len(h.Months)-1])+1.0/12
	p.Y.Min = 0
	p.Y.Max = max(top*mul*1.25, 1e-9) // headroom for the legend
	if unit == "1" {
		p.Y.Max = 125 // 0-100 %, room above for the legend
		p.Y.Tick.Marker = chart.FixedTicks{L: c, Values: []float64{0, 20, 40, 60, 80, 100}}
	}
	p.Legend.Top, p.Legend.Left = true, true
	return chart.Render(p, chart.WidthPx, chart.HeightPx)
}

// monthYear is a month's position on a time axis in years.
func monthYear(m configs.Month) float64 { return chart.YearFrac(m.Year(), m.MonthOfYear()) }

// provinceChart draws each province's overbuilt and redundant capacity in the last month played, the
// largest overbuild at the top.
func (s *Session) provinceChart(c *i18n.Catalog) ([]byte, error) {
	h := &s.hist
	w := s.m.W
	last := len(h.Months) - 1
	rows := h.Province[last]
	type prov struct {
		name   string
		ob, rd float64
	}
	ps := make([]prov, len(w.Provinces))
	top := 0.0
	for i, pr := range w.Provinces {
		ps[i] = prov{c.Province(pr.ID), rows[i][w.Col(economy.ColOverbuild)], rows[i][w.Col(economy.ColRedundant)]}
		top = max(top, ps[i].ob, ps[i].rd)
	}
	slices.SortStableFunc(ps, func(a, b prov) int {
		return cmp.Or(cmp.Compare(b.ob, a.ob), cmp.Compare(b.rd, a.rd), cmp.Compare(a.name, b.name))
	})
	mul, shown := series.Unit("MW", top)
	mo := h.Months[last]
	p := chart.NewPlot(c.T("ui.charts.export_provinces", c.MonthYear(mo.Year(), mo.MonthOfYear())), c.T("ui.charts.axis_unit", shown), "", 1)
	n := len(ps)
	ob, rd := make(plotter.Values, n), make(plotter.Values, n)
	names := make([]string, n)
	for i, pr := range ps { // bottom to top: the largest on top
		k := n - 1 - i
		ob[k], rd[k], names[k] = pr.ob*mul, pr.rd*mul, pr.name
	}
	bw := (vg.Length(chart.ProvinceHeightPx)/chart.DPI*vg.Inch - vg.Points(130)) / vg.Length(n) / 2.6
	bo, br, err := chart.ProvinceBars(ob, rd, bw)
	if err != nil {
		return nil, err
	}
	p.Add(bo, br)
	p.Legend.Add(c.T("ui.charts.export_overbuild"), bo)
	p.Legend.Add(c.T("ui.charts.export_redundant"), br)
	p.Legend.Top = false // bottom right, beside the provinces with the least
	p.NominalY(names...)
	chart.SetFont(&p.Y.Tick.Label, 12)
	p.X.Tick.Marker = chart.NewNiceTicks(c, &p.X)
	p.X.Min, p.X.Max = 0, max(top*mul*1.12, 1) // room for the last tick's label
	return chart.Render(p, chart.WidthPx, chart.ProvinceHeightPx)
}

//go:build !js

package session

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/i18n"
	"dongshu/game/series"
)

// The export's charts, drawn from the months played in the game's language (titles, legends, axis
// labels, province names and the numbers' decimal mark) and with the game's colours (package series):
// the chart a student saw on screen is the chart in the export.

// Export chart sizes: as the batch report's (internal/report), 8 x 5 inches at 150 dpi.
const (
	exportDPI       = 150
	exportW         = 1200
	exportH         = 750
	exportProvinceH = 1200
)

var exportFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

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

// newExportPlot makes a plot with classroom-sized text and a light grid.
func newExportPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xlabel, ylabel
	set := func(st *text.Style, size float64) { st.Font = font.From(exportFont, vg.Points(size)) }
	set(&p.Title.TextStyle, 18)
	p.Title.Padding = vg.Points(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		set(&a.Label.TextStyle, 15)
		set(&a.Tick.Label, 14)
		a.LineStyle.Width = vg.Points(1.5)
		a.Tick.LineStyle.Width = vg.Points(1.5)
	}
	set(&p.Legend.TextStyle, 14)
	p.Legend.ThumbnailWidth = vg.Points(36)
	g := plotter.NewGrid()
	g.Vertical.Color = color.RGBA{0xD9, 0xD9, 0xD9, 0xff}
	g.Horizontal.Color = color.RGBA{0xD9, 0xD9, 0xD9, 0xff}
	p.Add(g)
	return p
}

// localTicks are gonum's ticks labelled in the catalog's number format (a decimal comma in French).
type localTicks struct {
	c     *i18n.Catalog
	years bool      // whole years, no group separator
	fixed []float64 // these ticks (else gonum's)
}

func (t localTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	if t.fixed != nil {
		ticks = ticks[:0]
		for _, v := range t.fixed {
			ticks = append(ticks, plot.Tick{Value: v, Label: "x"})
		}
	}
	for i := range ticks {
		if ticks[i].Label == "" {
			continue
		}
		v := ticks[i].Value
		switch {
		case t.years:
			ticks[i].Label = fmt.Sprint(int(math.Round(v)))
		default:
			ticks[i].Label = t.c.Number(v, decimals(step(ticks)))
		}
	}
	return ticks
}

// decimals is the number of decimals that show every multiple of step.
func decimals(step float64) int {
	for d := 0; d < 4; d++ {
		if v := step * math.Pow(10, float64(d)); math.Abs(v-math.Round(v)) < 1e-6 {
			return d
		}
	}
	return 4
}

// step is the distance between labelled ticks.
func step(ticks []plot.Tick) float64 {
	var prev float64
	found := false
	for _, t := range ticks {
		if t.Label == "" {
			continue
		}
		if found {
			return t.Value - prev
		}
		prev, found = t.Value, true
	}
	return 1
}

func renderPlot(p *plot.Plot, wpx, hpx int) ([]byte, error) {
	cv := vgimg.NewWith(vgimg.UseWH(vg.Length(wpx)/exportDPI*vg.Inch, vg.Length(hpx)/exportDPI*vg.Inch), vgimg.UseDPI(exportDPI))
	p.Draw(draw.New(cv))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
	p := newExportPlot(c.T(ch.Title), c.T("ui.charts.year"), c.T("ui.charts.axis_unit", shown))
	for _, r := range ch.Series {
		sc := h.ScopeIndex(r.Scope.ScopeName())
		xy := make(plotter.XYs, len(h.Months))
		for mi, mo := range h.Months {
			xy[mi] = plotter.XY{X: monthYear(mo), Y: h.Scope[mi][sc][col(r.Column)] * mul}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		st := series.Styles[r.ID]
		l.LineStyle.Width = vg.Points(4)
		l.LineStyle.Color = st.C
		p.Add(l)
		p.Legend.Add(c.T(st.Key), l)
	}
	p.X.Tick.Marker = localTicks{c: c, years: true}
	p.Y.Tick.Marker = localTicks{c: c}
	p.X.Min, p.X.Max = monthYear(h.Months[0]), monthYear(h.Months[len(h.Months)-1])+1.0/12
	p.Y.Min = 0
	p.Y.Max = max(top*mul*1.25, 1e-9) // headroom for the legend
	if unit == "1" {
		p.Y.Max = 125 // 0-100 %, room above for the legend
		p.Y.Tick.Marker = localTicks{c: c, fixed: []float64{0, 20, 40, 60, 80, 100}}
	}
	p.Legend.Top, p.Legend.Left = true, true
	return renderPlot(p, exportW, exportH)
}

// monthYear is a month's position on a time axis in years: 2020-01 is 2020.0, 2020-07 is 2020.5.
func monthYear(m configs.Month) float64 { return float64(m.Year()) + float64(m.MonthOfYear()-1)/12 }

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
	p := newExportPlot(c.T("ui.charts.export_provinces", monthLabel(c, h.Months[last])), c.T("ui.charts.axis_unit", shown), "")
	n := len(ps)
	ob, rd := make(plotter.Values, n), make(plotter.Values, n)
	names := make([]string, n)
	for i, pr := range ps { // bottom to top: the largest on top
		k := n - 1 - i
		ob[k], rd[k], names[k] = pr.ob*mul, pr.rd*mul, pr.name
	}
	bw := (vg.Length(exportProvinceH)/exportDPI*vg.Inch - vg.Points(130)) / vg.Length(n) / 2.6
	bo, err := plotter.NewBarChart(ob, bw)
	if err != nil {
		return nil, err
	}
	br, err := plotter.NewBarChart(rd, bw)
	if err != nil {
		return nil, err
	}
	for _, b := range []*plotter.BarChart{bo, br} {
		b.Horizontal = true
		b.LineStyle.Width = 0
	}
	bo.Color, br.Color = series.Styles[series.Overbuild].C, series.Styles[series.Redundant].C
	bo.Offset, br.Offset = bw/2, -bw/2
	p.Add(bo, br)
	p.Legend.Add(c.T("ui.charts.export_overbuild"), bo)
	p.Legend.Add(c.T("ui.charts.export_redundant"), br)
	p.Legend.Top = false // bottom right, beside the provinces with the least
	p.NominalY(names...)
	p.Y.Tick.Label.Font = font.From(exportFont, vg.Points(12))
	p.X.Tick.Marker = localTicks{c: c}
	p.X.Min, p.X.Max = 0, max(top*mul*1.12, 1) // room for the last tick's label
	return renderPlot(p, exportW, exportProvinceH)
}

// monthLabel is "March 2022" in c's language.
func monthLabel(c *i18n.Catalog, m configs.Month) string {
	return c.T("date.month_year", c.T("date.month."+fmt.Sprint(m.MonthOfYear())), m.Year())
}

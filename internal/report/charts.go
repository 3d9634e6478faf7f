package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/internal/chart"
)

// The report's charts. Each is drawn in a language (package lang) and returns, with its PNG, what its
// caption needs to say about it (colours, marks), taken from the very styles that drew it.

// refPaint draws the observed reference values.
var refPaint = chart.Black

// utilStyles are the utilisation chart's lines, by scope.
func (l *lang) utilStyles() map[string]seriesStyle {
	var names []string
	for _, id := range economy.NorthwestIDs {
		names = append(names, l.Province(id))
	}
	return map[string]seriesStyle{
		eastHubs:  {l.T("report.util.east_hubs"), chart.Paints[chart.EastUtil], solid},
		westHubs:  {l.T("report.util.west_hubs"), chart.Paints[chart.WestUtil], dashed},
		northwest: {l.T("report.util.northwest", strings.Join(names, ", ")), chart.Paints[chart.NorthwestUtil], dotted},
	}
}

// refScope names a scope where an observed value is marked: its line's label, the north-west's short
// (the full one lists its provinces).
func (l *lang) refScope(styles map[string]seriesStyle, scope string) string {
	if scope == northwest {
		return l.T("report.util.northwest_short")
	}
	return styles[scope].label
}

// utilisationUnit is the utilisation axis's unit: the 2022 utilisation outcome's (agents' table).
func (l *lang) utilisationUnit() string { return l.outcome("northwest_utilisation_2022").Unit }

// refBound is a reference's value as a bound in the language ("≤ 0.3").
func (l *lang) refBound(r Reference) string {
	v := l.num(r.Observed)
	if a := math.Abs(r.Observed); a > 0 && a < 1 {
		v = l.Number(r.Observed, 2) // a share: 0.30, not 0.300
	}
	return l.T("report.ref."+r.Kind, v)
}

// utilRefs are the observed values the utilisation chart marks: a scope's year-mean utilisation in a
// year the run covers.
func utilRefs(ts *Timeseries) []Reference {
	var out []Reference
	for _, s := range utilScopes {
		r, ok := seriesRef(s, "utilisation")
		if !ok || ts.Series[s+"/utilisation"] == nil {
			continue
		}
		y := r.Year()
		if ts.Months[0] <= y+"-12" && ts.Months[len(ts.Months)-1] >= y+"-01" {
			out = append(out, r)
		}
	}
	return out
}

// utilisationChart draws utilisation of the east hubs, west hubs and north-west over time, and marks the
// observed values of configs/targets.
func utilisationChart(l *lang, ts *Timeseries) (*plot.Plot, *legend, error) {
	title := l.T("report.util.title")
	if len(ts.Runs) > 1 {
		title += "\n" + l.bandTitle(len(ts.Runs))
	}
	p := chart.NewPlot(title, l.T("report.year"), l.T("report.util.axis", l.utilisationUnit()), 1)
	leg := &legend{}
	styles := l.utilStyles()
	for _, s := range utilScopes {
		m, ok := ts.Series[s+"/utilisation"]
		if !ok {
			continue
		}
		if err := addSeries(p, leg, ts.Months, m, styles[s], 1); err != nil {
			return nil, nil, err
		}
	}
	timeAxis(p, ts.Months)
	for _, r := range utilRefs(ts) {
		st := styles[r.Scope]
		x0, x1 := math.Max(monthX(r.Year()+"-01"), p.X.Min), math.Min(monthX(r.Year()+"-12")+1.0/12, p.X.Max)
		seg, err := plotter.NewLine(plotter.XYs{{X: x0, Y: r.Observed}, {X: x1, Y: r.Observed}})
		if err != nil {
			return nil, nil, err
		}
		seg.LineStyle.Width = vg.Points(6)
		seg.LineStyle.Color = refPaint.RGBA
		dot, err := plotter.NewScatter(plotter.XYs{{X: (x0 + x1) / 2, Y: r.Observed}})
		if err != nil {
			return nil, nil, err
		}
		dot.GlyphStyle.Shape = draw.CircleGlyph{}
		dot.GlyphStyle.Radius = vg.Points(4)
		dot.GlyphStyle.Color = st.paint.RGBA
		p.Add(seg, dot)
		leg.Add(l.T("report.ref.mark", l.refScope(styles, r.Scope), r.Year(), l.refBound(r)), seg, dot)
	}
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = chart.FixedTicks{L: l, Values: []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, Decimals: 1}
	return p, leg, nil
}

func maxOf(ms ...[][]float64) float64 {
	top := 0.0
	for _, m := range ms {
		for _, r := range m {
			for _, v := range r {
				if !math.IsNaN(v) {
					top = max(top, v)
				}
			}
		}
	}
	return top
}

// capacityStyles are the capacity chart's lines: built, used, demanded.
func (l *lang) capacityStyles() [3]seriesStyle {
	return [3]seriesStyle{
		{l.T("report.cap.built"), chart.Paints[chart.Capacity], solid},
		{l.T("report.cap.used"), chart.Paints[chart.Used], solid},
		{l.T("report.cap.demand"), chart.Paints[chart.Demand], dashed},
	}
}

// capacityChart draws national capacity online, capacity in use and demand over time.
func capacityChart(l *lang, ts *Timeseries) (*plot.Plot, *legend, error) {
	capM, used, dem := ts.Series[national+"/"+nationalCols[0]], ts.Series[national+"/"+nationalCols[1]], ts.Series[national+"/"+nationalCols[2]]
	top := maxOf(capM, used, dem)
	scale, unit := chart.Unit("MW", top)
	title := l.T("report.cap.title")
	if len(ts.Runs) > 1 {
		title += "\n" + l.bandTitle(len(ts.Runs))
	}
	p := chart.NewPlot(title, l.T("report.year"), l.T("report.cap.axis", l.unit(unit)), 1)
	leg := &legend{}
	styles := l.capacityStyles()
	for k, m := range [][][]float64{capM, used, dem} {
		if err := addSeries(p, leg, ts.Months, m, styles[k], scale); err != nil {
			return nil, nil, err
		}
	}
	timeAxis(p, ts.Months)
	p.Y.Min = 0
	p.Y.Max = max(top*scale*1.05, 1)
	p.Y.Tick.Marker = chart.NewNiceTicks(l, &p.Y)
	return p, leg, nil
}

// ProvinceFinal is a province's overbuild and redundant capacity at a month, averaged over runs.
type ProvinceFinal struct {
	Province             string
	OverbuildMW, RedunMW float64
}

// ProvinceFinals averages each province's final-month overbuild and redundancy over the runs and sorts
// them largest overbuild first (then redundancy, then id).
func ProvinceFinals(ts *Timeseries) []ProvinceFinal { return provinceMeans(ts.Provinces, ts.Final) }

// provinceMeans averages per-run [overbuild, redundant] values by province and sorts them as
// ProvinceFinals.
func provinceMeans(provs []string, vals map[string][][2]float64) []ProvinceFinal {
	out := make([]ProvinceFinal, 0, len(provs))
	for _, prov := range provs {
		vs := vals[prov]
		ob, rd := make([]float64, len(vs)), make([]float64, len(vs))
		for i, v := range vs {
			ob[i], rd[i] = v[0], v[1]
		}
		mo, _, _ := MeanSD(ob)
		mr, _, _ := MeanSD(rd)
		if math.IsNaN(mo) {
			mo = 0
		}
		if math.IsNaN(mr) {
			mr = 0
		}
		out = append(out, ProvinceFinal{prov, mo, mr})
	}
	slices.SortStableFunc(out, func(a, b ProvinceFinal) int {
		switch {
		case a.OverbuildMW != b.OverbuildMW:
			if a.OverbuildMW > b.OverbuildMW {
				return -1
			}
			return 1
		case a.RedunMW != b.RedunMW:
			if a.RedunMW > b.RedunMW {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Province, b.Province)
	})
	return out
}

// snapshotMonth is the month of the observed year the province chart shows beside the final month: the
// last month of the north-west's observed utilisation year (configs/targets), the year the seminar guide
// discusses.
func snapshotMonth() string {
	if r, ok := seriesRef(northwest, "utilisation"); ok {
		return r.Year() + "-12"
	}
	return ""
}

// provincePanel is one of the province chart's snapshots: a month and the provinces' means at it.
type provincePanel struct {
	month string
	vals  []ProvinceFinal
}

// hasSnapPanel reports whether the province chart shows the observed year's end (SnapMonth) beside the
// final month: when the run covers it and it is not the final month.
func hasSnapPanel(ts *Timeseries) bool {
	return ts.Snap != nil && ts.SnapMonth != ts.Months[len(ts.Months)-1]
}

// provincePanels are the province chart's snapshots: the observed year's end (hasSnapPanel), then the
// final month.
func provincePanels(ts *Timeseries) []provincePanel {
	var out []provincePanel
	if hasSnapPanel(ts) {
		out = append(out, provincePanel{ts.SnapMonth, provinceMeans(ts.Provinces, ts.Snap)})
	}
	return append(out, provincePanel{ts.Months[len(ts.Months)-1], ProvinceFinals(ts)})
}

// provinceStyles are the province chart's bars: overbuild, redundant.
func (l *lang) provinceStyles() [2]seriesStyle {
	return [2]seriesStyle{
		{l.T("report.prov.overbuild"), chart.Paints[chart.Overbuild], solid},
		{l.T("report.prov.redundant"), chart.Paints[chart.Redundant], solid},
	}
}

// provinceShownMW is the least overbuild or redundancy (MW) for a province to get its row: below, its
// bars would not show at the chart's scale (a few GW) and its name would only crowd the others.
const provinceShownMW = 1

// provinceChart draws overbuild and redundant capacity by province as horizontal bars, at the end of the
// observed year and at the final month side by side on one scale, the province with the most overbuild
// (in the first panel) at the top; provinces with neither in any panel are left out (and counted).
func provinceChart(l *lang, ts *Timeseries) ([]byte, error) {
	panels := provincePanels(ts)
	if len(panels[len(panels)-1].vals) == 0 {
		return nil, fmt.Errorf("no province rows")
	}
	order, hidden := provinceOrder(ts, panels)
	top := 0.0
	for _, pn := range panels {
		for _, f := range pn.vals {
			top = max(top, f.OverbuildMW, f.RedunMW)
		}
	}
	scale, unit := chart.Unit("MW", top)
	names := make([]string, len(order))
	for i, id := range order {
		names[len(order)-1-i] = l.Province(id)
	}
	c := chart.Canvas(chart.WidthPx, chart.ProvinceHeightPx)
	dc := draw.New(c)
	headH := provinceHead(l, ts, dc)
	leg := &legend{}
	var plots []*plot.Plot
	for k, pn := range panels {
		label := l.T("report.prov.panel_last", pn.month)
		if k < len(panels)-1 {
			label = l.T("report.prov.panel_ref", pn.month[:4])
		}
		p := chart.NewPlot(label, l.T("report.prov.axis", l.unit(unit)), "", 1)
		bo, br, err := provincePanelBars(p, pn, order, names, k > 0, scale)
		if err != nil {
			return nil, err
		}
		if k == 0 {
			styles := l.provinceStyles()
			leg.Add(styles[0].label, bo)
			leg.Add(styles[1].label, br)
		}
		p.X.Tick.Marker = chart.NewNiceTicks(l, &p.X)
		p.X.Min = 0
		p.X.Max = max(top*scale*1.05, 1)
		plots = append(plots, p)
	}
	note := ""
	if hidden > 0 {
		note = l.T("report.prov.none", hidden, provinceShownMW)
	}
	drawProvincePanels(dc, plots, leg, headH, note)
	return chart.Encode(c)
}

// provinceOrder is the provinces the chart shows, in the first panel's order (a province is shown if it
// has anything in any panel), and how many it leaves out; every province when none has anything.
func provinceOrder(ts *Timeseries, panels []provincePanel) (order []string, hidden int) {
	order = []string{}
	shown := map[string]bool{}
	for _, pn := range panels {
		for _, f := range pn.vals {
			if f.OverbuildMW >= provinceShownMW || f.RedunMW >= provinceShownMW {
				shown[f.Province] = true
			}
		}
	}
	for _, pn := range panels {
		for _, f := range pn.vals {
			if shown[f.Province] && !slices.Contains(order, f.Province) {
				order = append(order, f.Province)
			}
		}
	}
	if len(order) == 0 { // nothing overbuilt anywhere: show every province at zero
		return slices.Clone(ts.Provinces), 0
	}
	return order, len(ts.Provinces) - len(order)
}

// provinceHead draws the chart's title across the top of dc and returns its height.
func provinceHead(l *lang, ts *Timeseries, dc draw.Canvas) vg.Length {
	title := l.T("report.prov.title")
	if len(ts.Runs) > 1 {
		title += " (" + l.T("report.prov.mean", len(ts.Runs)) + ")"
	}
	st := plot.New().Title.TextStyle
	chart.SetFont(&st, 18)
	st.XAlign, st.YAlign = draw.XCenter, draw.YTop
	title = wrap(st, title, dc.Max.X-dc.Min.X-vg.Points(24))
	dc.FillText(st, vg.Point{X: dc.Center().X, Y: dc.Max.Y - vg.Points(6)}, title)
	return st.Height(title) + vg.Points(12)
}

// provincePanelBars adds a panel's bars to p, a row per province of order (the first at the top),
// values times scale, named by names unless unnamed (the names once, left of the first panel).
func provincePanelBars(p *plot.Plot, pn provincePanel, order, names []string, unnamed bool, scale float64) (bo, br *plotter.BarChart, err error) {
	chart.SetFont(&p.Title.TextStyle, 16)
	n := len(order)
	byID := map[string]ProvinceFinal{}
	for _, f := range pn.vals {
		byID[f.Province] = f
	}
	ob, rd := make(plotter.Values, n), make(plotter.Values, n)
	for i, id := range order {
		ob[n-1-i], rd[n-1-i] = byID[id].OverbuildMW*scale, byID[id].RedunMW*scale
	}
	avail := vg.Length(chart.ProvinceHeightPx)/chart.DPI*vg.Inch - vg.Points(200)
	w := min(avail/vg.Length(n)/2.6, vg.Points(14))
	if bo, br, err = chart.ProvinceBars(ob, rd, w); err != nil {
		return nil, nil, err
	}
	p.Add(bo, br)
	p.NominalY(names...)
	if unnamed {
		p.NominalY(make([]string, n)...)
	}
	chart.SetFont(&p.Y.Tick.Label, 12)
	return bo, br, nil
}

// drawProvincePanels draws the panels side by side on dc below the head (headH high) and the legend,
// and the note (if any) at the bottom.
func drawProvincePanels(dc draw.Canvas, plots []*plot.Plot, leg *legend, headH vg.Length, note string) {
	legs := leg.columns(2)
	rowH := legendRowHeight()
	legH := rowH + vg.Points(10)
	noteH := vg.Length(0)
	if note != "" {
		noteH = rowH + vg.Points(6)
	}
	body := draw.Crop(dc, 0, -vg.Points(14), noteH, -(headH + legH))
	grid := [][]*plot.Plot{plots}
	tiles := draw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Points(24), PadLeft: vg.Points(6), PadBottom: vg.Points(4)}
	canvases := plot.Align(grid, tiles, body)
	for k, p := range plots {
		chart.FitAxes(p, canvases[0][k])
		p.Draw(canvases[0][k])
	}
	// Legend: its two entries side by side under the title, aligned with the first panel's data.
	data := plots[0].DataCanvas(canvases[0][0])
	y1 := dc.Max.Y - headH
	// Side by side from the left edge of the names when that is needed for both to fit.
	cols, fits := leg.place(legs, dc, data.Min.X, y1-legH, y1)
	if !fits {
		cols, _ = leg.place(legs, dc, dc.Min.X+vg.Points(12), y1-legH, y1)
	}
	for k, cc := range cols {
		legs[k].Draw(cc)
	}
	if note != "" {
		st := plots[0].X.Label.TextStyle
		chart.SetFont(&st, 13)
		st.XAlign, st.YAlign = draw.XLeft, draw.YBottom
		dc.FillText(st, vg.Point{X: data.Min.X, Y: dc.Min.Y + vg.Points(4)}, note)
	}
}

// paramLabel is a varied parameter's axis label: its key and its unit from the scenario schema
// (configs.Params), when it has one.
func paramLabel(key string) string {
	for _, p := range configs.Params() {
		if p.Key == key && p.Unit != "" && p.Unit != "1" {
			return key + " (" + p.Unit + ")"
		}
	}
	return key
}

package report

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"dongshu/internal/chart"
)

// The outcome (sensitivity) chart's paints: a dot per run, the mean per value.
var (
	dotPaint  = chart.Blue
	meanPaint = chart.Vermilion
	refStyle  = seriesStyle{paint: refPaint, dashes: dashed} // an observed value across a panel
)

// outcomeFig is an outcome chart laid out: its panels, each with its canvas, on one PNG canvas.
type outcomeFig struct {
	canvas   *vgimg.Canvas
	head     string
	headSt   text.Style
	plots    []*plot.Plot
	canvases []draw.Canvas
	refs     []*Reference    // the observed value marked on each panel (nil: none)
	marks    []*plotter.Line // the line marking it (nil: none)
	shared   bool            // the utilisation panels share one y scale
}

// isShare reports whether an outcome is a share 0-1 (utilisations, unserved demand): its panels share
// the scale 0 to 1 at most, so panels compared side by side read alike.
func isShare(name string) bool { return headlineInfo(name).Unit == share }

// outcomeLayout draws each outcome against one parameter: a dot per run and the mean per parameter
// value joined by a line, in a grid of up to 2 x 2 panels. Every y axis starts at 0 when the outcome's
// values are not negative; the share panels use one scale; an outcome with an observed value in
// configs/targets is marked by a line in refPaint and named in its panel's title.
func outcomeLayout(l *lang, rs *Runs, param int, outcomes []int) (*outcomeFig, error) {
	raw := make([]string, len(rs.Rows))
	for i, r := range rs.Rows {
		raw[i] = r.Params[param]
	}
	xs, ticks := paramAxis(raw)
	key := rs.Params[param]
	xlabel := paramLabel(key)
	fig := &outcomeFig{}
	shareTop, shares := 0.0, 0
	cols := 2
	if len(outcomes) == 1 {
		cols = 1
	}
	// A panel's width, to wrap its title and axis label: the tiles' share of the canvas.
	tileW := (vg.Length(chart.WidthPx)/chart.DPI*vg.Inch - vg.Points(6+12) - vg.Points(24)*vg.Length(cols-1)) / vg.Length(cols)
	for _, o := range outcomes {
		name := rs.Outcomes[o]
		ys := make([]float64, len(rs.Rows))
		for i, r := range rs.Rows {
			ys[i] = r.Outcomes[o]
		}
		pn, err := drawOutcomePanel(l, name, xlabel, xs, ys, ticks, tileW)
		if err != nil {
			return nil, err
		}
		if isShare(name) {
			shareTop = max(shareTop, pn.hi)
			shares++
		}
		fig.plots = append(fig.plots, pn.p)
		fig.refs = append(fig.refs, pn.ref)
		fig.marks = append(fig.marks, pn.mark)
	}
	// The share panels on one scale, 0 to a tenth above the highest value (at most 1).
	if shares > 0 {
		top := math.Min(1, math.Ceil(shareTop*1.08*10)/10)
		for k, o := range outcomes {
			if isShare(rs.Outcomes[o]) {
				fig.plots[k].Y.Min, fig.plots[k].Y.Max = 0, top
			}
		}
		fig.shared = shares > 1
	}
	fig.arrange(l, key, cols)
	return fig, nil
}

// outcomePanel is one outcome's panel: the plot, the observed value it marks (nil: none) and its mark,
// and the highest value shown.
type outcomePanel struct {
	p    *plot.Plot
	ref  *Reference
	mark *plotter.Line
	hi   float64
}

// drawOutcomePanel draws outcome name's values ys against the parameter's xs (ticks: the parameter's
// labels when it is not numeric; xlabel: its axis label, paramLabel), its title and axis label wrapped to
// tileW.
func drawOutcomePanel(l *lang, name, xlabel string, xs, ys []float64, ticks plot.Ticker, tileW vg.Length) (outcomePanel, error) {
	info := l.outcome(name)
	var pn outcomePanel
	if r, ok := headlineRef(name); ok {
		pn.ref = &r
	}
	title := info.Label
	if pn.ref != nil {
		title += "\n" + l.T("report.ref.outcome", l.look(refStyle), l.refBound(*pn.ref))
	}
	p := chart.NewPlot("", "", info.Unit, 0.85)
	chart.SetFont(&p.Title.TextStyle, 14)
	p.Title.Text = wrap(p.Title.TextStyle, title, tileW*0.95)
	p.X.Label.Text = wrap(p.X.Label.TextStyle, xlabel, tileW*0.9)
	lo, hi, n, err := addRunsAndMeans(p, xs, ys)
	if err != nil {
		return pn, err
	}
	paramXAxis(l, p, xs, ticks)
	if pn.ref != nil {
		if pn.mark, err = refMark(p, pn.ref.Observed); err != nil {
			return pn, err
		}
		lo, hi = min(lo, pn.ref.Observed), max(hi, pn.ref.Observed)
	}
	if n == 0 && pn.ref == nil {
		lo, hi = 0, 1
	}
	// Bars of the same quantity start at zero: a y axis from 9,000 makes 10,000 look like twice as much.
	if lo >= 0 {
		p.Y.Min = 0
		p.Y.Max = max(hi*1.08, 1e-9)
	}
	p.Y.Tick.Marker = chart.NewNiceTicks(l, &p.Y)
	pn.p, pn.hi = p, hi
	return pn, nil
}

// addRunsAndMeans draws a dot per run (NaN: none) and the mean per x value, joined by a line; it returns
// the runs' lowest and highest value and how many were drawn.
func addRunsAndMeans(p *plot.Plot, xs, ys []float64) (lo, hi float64, n int, err error) {
	var pts plotter.XYs
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range xs {
		if !math.IsNaN(ys[i]) {
			pts = append(pts, plotter.XY{X: xs[i], Y: ys[i]})
			lo, hi = min(lo, ys[i]), max(hi, ys[i])
		}
	}
	if len(pts) == 0 {
		return lo, hi, 0, nil
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return lo, hi, 0, err
	}
	sc.GlyphStyle.Shape = draw.CircleGlyph{}
	sc.GlyphStyle.Radius = vg.Points(4)
	sc.GlyphStyle.Color = chart.Translucent(dotPaint, 0xA0)
	p.Add(sc)
	mx, my := MeansByValue(xs, ys)
	var line plotter.XYs
	for i := range mx {
		line = append(line, plotter.XY{X: mx[i], Y: my[i]})
	}
	ln, err := plotter.NewLine(line)
	if err != nil {
		return lo, hi, 0, err
	}
	ln.LineStyle.Width = vg.Points(3.5)
	ln.LineStyle.Color = meanPaint.RGBA
	mk, err := plotter.NewScatter(line)
	if err != nil {
		return lo, hi, 0, err
	}
	mk.GlyphStyle.Shape = draw.BoxGlyph{}
	mk.GlyphStyle.Radius = vg.Points(4.5)
	mk.GlyphStyle.Color = meanPaint.RGBA
	p.Add(ln, mk)
	return lo, hi, len(pts), nil
}

// paramXAxis sets the parameter's axis: its labels (ticks, when not numeric) at their indices, or the
// numbers' range padded by 5 % with nice ticks.
func paramXAxis(l *lang, p *plot.Plot, xs []float64, ticks plot.Ticker) {
	if ticks != nil {
		p.X.Tick.Marker = ticks
		p.X.Min, p.X.Max = -0.5, slices.Max(xs)+0.5
		return
	}
	if xlo, xhi := slices.Min(xs), slices.Max(xs); xlo == xhi {
		p.X.Min, p.X.Max = xlo-1, xhi+1
	} else {
		pad := (xhi - xlo) * 0.05
		p.X.Min, p.X.Max = xlo-pad, xhi+pad
	}
	p.X.Tick.Marker = chart.NewNiceTicks(l, &p.X)
}

// refMark draws an observed value across the panel.
func refMark(p *plot.Plot, observed float64) (*plotter.Line, error) {
	rl, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: observed}, {X: p.X.Max, Y: observed}})
	if err != nil {
		return nil, err
	}
	rl.LineStyle.Width = vg.Points(3)
	rl.LineStyle.Color = refStyle.paint.RGBA
	rl.LineStyle.Dashes = refStyle.dashes
	p.Add(rl)
	return rl, nil
}

// arrange lays the panels out in cols columns under the chart's head (what it shows against key).
func (fig *outcomeFig) arrange(l *lang, key string, cols int) {
	rows := (len(fig.plots) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for c := range cols {
			if k := r*cols + c; k < len(fig.plots) {
				grid[r][c] = fig.plots[k]
			}
		}
	}
	fig.canvas = chart.Canvas(chart.WidthPx, OutcomeHeightPx)
	dc := draw.New(fig.canvas)
	fig.headSt = fig.plots[0].Title.TextStyle
	chart.SetFont(&fig.headSt, 17)
	fig.headSt.XAlign, fig.headSt.YAlign = draw.XCenter, draw.YTop
	fig.head = wrap(fig.headSt, l.T("report.outcome.head", key)+"\n"+l.T("report.outcome.key", l.colour(meanPaint)), dc.Max.X-dc.Min.X-vg.Points(24))
	body := draw.Crop(dc, 0, 0, 0, -fig.headSt.Height(fig.head)-vg.Points(14))
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(24), PadY: vg.Points(18),
		PadLeft: vg.Points(6), PadRight: vg.Points(12), PadBottom: vg.Points(6)}
	canvases := plot.Align(grid, tiles, body)
	for r := range grid {
		for k, p := range grid[r] {
			if p != nil {
				chart.FitAxes(p, canvases[r][k])
				fig.canvases = append(fig.canvases, canvases[r][k])
			}
		}
	}
}

// render draws the laid-out chart to PNG.
func (f *outcomeFig) render() ([]byte, error) {
	dc := draw.New(f.canvas)
	dc.FillText(f.headSt, vg.Point{X: dc.Center().X, Y: dc.Max.Y - vg.Points(6)}, f.head)
	for k, p := range f.plots {
		p.Draw(f.canvases[k])
	}
	return chart.Encode(f.canvas)
}

// outcomeChart draws the outcome chart of one parameter (outcome_vs_<param>.png) in language l.
func outcomeChart(l *lang, rs *Runs, param int, outcomes []int) ([]byte, error) {
	f, err := outcomeLayout(l, rs, param, outcomes)
	if err != nil {
		return nil, err
	}
	return f.render()
}

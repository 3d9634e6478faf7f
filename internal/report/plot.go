package report

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dongshu/internal/chart"
)

// OutcomeHeightPx is outcome_vs_<param>.png's height (a 2 x 2 grid); the other sizes are chart's.
const OutcomeHeightPx = 900

// colour is the palette entry's name in the language.
func (l *lang) colour(p chart.Paint) string { return l.T("report.colour." + p.Name) }

var (
	solid  []vg.Length
	dashed = []vg.Length{vg.Points(12), vg.Points(5)}
	dotted = []vg.Length{vg.Points(3), vg.Points(4)}
)

// monthX is a "YYYY-MM" month's position on a time axis in years (chart.YearFrac).
func monthX(m string) float64 {
	y, _ := strconv.Atoi(m[:4])
	mo, _ := strconv.Atoi(m[5:])
	return chart.YearFrac(y, mo)
}

// seriesStyle is how one line is drawn.
type seriesStyle struct {
	label  string
	paint  chart.Paint
	dashes []vg.Length
}

// look names a line's colour and dashes in the language ("blue, dashed"), for captions.
func (l *lang) look(st seriesStyle) string {
	d := "solid"
	switch {
	case len(st.dashes) == 0:
	case st.dashes[0] > vg.Points(6):
		d = "dashed"
	default:
		d = "dotted"
	}
	return l.colour(st.paint) + ", " + l.T("report.dashes."+d)
}

// bandTitle says what a band is for n runs.
func (l *lang) bandTitle(n int) string {
	if n >= BandQuantileMinRuns {
		return l.T("report.band.quantile", n)
	}
	return l.T("report.band.range", n)
}

// addSeries draws, for each run matrix [run][month], the median line and (for several runs) the band;
// values are multiplied by scale. The line's legend entry goes to leg.
func addSeries(p *plot.Plot, leg *legend, months []string, m [][]float64, st seriesStyle, scale float64) error {
	var mid, lo, hi plotter.XYs
	for j, mo := range months {
		col := make([]float64, len(m))
		for i := range m {
			col[i] = m[i][j]
		}
		b := Summarise(col)
		if b.N == 0 {
			continue
		}
		x := monthX(mo)
		mid = append(mid, plotter.XY{X: x, Y: b.Median * scale})
		lo = append(lo, plotter.XY{X: x, Y: b.Lo * scale})
		hi = append(hi, plotter.XY{X: x, Y: b.Hi * scale})
	}
	if len(mid) == 0 {
		return nil
	}
	if len(m) > 1 {
		ring := slices.Clone(hi)
		for i := len(lo) - 1; i >= 0; i-- {
			ring = append(ring, lo[i])
		}
		poly, err := plotter.NewPolygon(ring)
		if err != nil {
			return err
		}
		poly.Color = chart.Translucent(st.paint, 0x50)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	l, err := chart.Line(mid, st.paint.RGBA, st.dashes)
	if err != nil {
		return err
	}
	p.Add(l)
	leg.Add(st.label, l)
	return nil
}

func timeAxis(p *plot.Plot, months []string) {
	p.X.Tick.Marker = chart.YearTicks{}
	p.X.Min, p.X.Max = monthX(months[0]), monthX(months[len(months)-1])
	if p.X.Max == p.X.Min {
		p.X.Max += 1.0 / 12
	}
}

// legend collects a chart's legend entries; renderWithLegend draws them below the plot, outside the data.
type legend struct {
	entries []legendEntry
}

type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer
}

func (l *legend) Add(text string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, legendEntry{text, thumbs})
}

// columns splits the entries into ncols gonum legends in the charts' style (ncols 0: one column, or
// two when there are more than two entries).
func (l *legend) columns(ncols int) []plot.Legend {
	n := len(l.entries)
	if ncols <= 0 {
		ncols = 1
		if n > 2 {
			ncols = 2
		}
	}
	per := (n + ncols - 1) / ncols
	var out []plot.Legend
	for k := 0; k*per < n; k++ {
		leg := plot.NewLegend()
		chart.SetFont(&leg.TextStyle, 14)
		leg.Padding = vg.Points(5)
		leg.ThumbnailWidth = vg.Points(36)
		leg.Top, leg.Left = true, true
		for _, e := range l.entries[k*per : min(n, (k+1)*per)] {
			leg.Add(e.text, e.thumbs...)
		}
		out = append(out, leg)
	}
	return out
}

// place lays legend columns out left to right from x0 in the band [y0, y1], each as wide as its
// longest entry, and returns their canvases.
// A legend too wide for the canvas gets smaller text, down to 11 pt; fits is false if even that is too
// wide (the caller then stacks the entries in one column).
func (l *legend) place(legs []plot.Legend, dc draw.Canvas, x0, y0, y1 vg.Length) (cols []draw.Canvas, fits bool) {
	for size := 14.0; size >= 11 && !fits; size-- {
		total := vg.Length(0)
		for k := range legs {
			chart.SetFont(&legs[k].TextStyle, size)
			total += l.textWidth(legs, k) + legs[k].ThumbnailWidth + 3*legs[k].TextStyle.Width(" ")
		}
		fits = x0+total <= dc.Max.X-vg.Points(4)
	}
	var out []draw.Canvas
	x := x0
	for k, lg := range legs {
		w := l.textWidth(legs, k) + lg.ThumbnailWidth + lg.TextStyle.Width(" ")
		out = append(out, draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y0}, Max: vg.Point{X: x + w, Y: y1}}})
		x += w + 2*lg.TextStyle.Width("  ")
	}
	return out, fits
}

// textWidth is the width of the longest entry text in legend column k of legs (the entries split
// evenly between them, as columns does).
func (l *legend) textWidth(legs []plot.Legend, k int) vg.Length {
	per := (len(l.entries) + len(legs) - 1) / max(len(legs), 1)
	w := vg.Length(0)
	for _, e := range l.entries[k*per : min(len(l.entries), (k+1)*per)] {
		w = max(w, legs[k].TextStyle.Width(e.text))
	}
	return w
}

// legendRowHeight is the height of one legend row.
func legendRowHeight() vg.Length {
	var st text.Style
	chart.SetFont(&st, 14)
	st.Handler = plot.DefaultTextHandler
	return st.Height("Xg") + vg.Points(5)
}

// legendLayout is where a chart with its legend below goes on canvas dc: the plot's canvas and the
// legend columns' canvases.
func legendLayout(p *plot.Plot, leg *legend, dc draw.Canvas) (body draw.Canvas, legs []plot.Legend, cols []draw.Canvas) {
	for _, n := range []int{0, 1} { // two columns if they fit, else one
		legs = leg.columns(n)
		rows := (len(leg.entries) + len(legs) - 1) / max(len(legs), 1)
		stripH := vg.Length(rows)*legendRowHeight() + vg.Points(10)
		body = draw.Crop(dc, 0, 0, stripH, 0)
		chart.FitAxes(p, body)
		data := p.DataCanvas(body)
		var fits bool
		cols, fits = leg.place(legs, dc, data.Min.X, dc.Min.Y+vg.Points(4), dc.Min.Y+stripH-vg.Points(2))
		if fits {
			break
		}
	}
	return body, legs, cols
}

// renderWithLegend draws p with its legend below (never over the data).
func renderWithLegend(p *plot.Plot, leg *legend, wpx, hpx int) ([]byte, error) {
	c := chart.Canvas(wpx, hpx)
	dc := draw.New(c)
	p.Title.Text = wrap(p.Title.TextStyle, p.Title.Text, dc.Max.X-dc.Min.X-vg.Points(24))
	body, legs, cols := legendLayout(p, leg, dc)
	p.Draw(body)
	for k, lg := range legs {
		lg.Draw(cols[k])
	}
	return chart.Encode(c)
}

// withLegend draws a time-series chart with draw and renders it with its legend below, at the
// time-series charts' size.
func withLegend(draw func(*lang, *Timeseries) (*plot.Plot, *legend, error)) func(*lang, *Timeseries) ([]byte, error) {
	return func(l *lang, ts *Timeseries) ([]byte, error) {
		p, leg, err := draw(l, ts)
		if err != nil {
			return nil, err
		}
		return renderWithLegend(p, leg, chart.WidthPx, chart.HeightPx)
	}
}

// paramAxis maps a parameter's raw values to x positions: the numbers themselves when every value is
// numeric, else the index of the value among the sorted distinct values (with those as tick labels).
func paramAxis(raw []string) (xs []float64, ticks plot.Ticker) {
	xs = make([]float64, len(raw))
	numeric := true
	for i, s := range raw {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			numeric = false
			break
		}
		xs[i] = v
	}
	if numeric {
		return xs, nil
	}
	distinct := slices.Clone(raw)
	slices.Sort(distinct)
	distinct = slices.Compact(distinct)
	for i, s := range raw {
		k, _ := slices.BinarySearch(distinct, s)
		xs[i] = float64(k)
	}
	var ts []plot.Tick
	for k, s := range distinct {
		ts = append(ts, plot.Tick{Value: float64(k), Label: s})
	}
	return xs, plot.ConstantTicks(ts)
}

// wrap breaks s into lines no wider than width in st, at spaces (a word longer than width stands alone
// on its line); existing line breaks are kept.
func wrap(st text.Style, s string, width vg.Length) string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && st.Width(line+" "+w) > width {
				out = append(out, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

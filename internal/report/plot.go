package report

import (
	"bytes"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart sizes in pixels, rendered at DPI (so 1200 px is 8 inches and a 14 pt label is 29 px high).
const (
	DPI              = 150
	WidthPx          = 1200 // every chart
	HeightPx         = 750  // utilisation.png, capacity.png
	ProvinceHeightPx = 1200 // overbuild_by_province.png: 31 provinces need the room
	OutcomeHeightPx  = 900  // outcome_vs_<param>.png: a 2 x 2 grid
)

// paint is a palette entry: the colour a chart draws with and the catalog key of its name
// (report.colour.<name>), so that a caption names the colour the chart uses and cannot drift from it.
type paint struct {
	color.RGBA
	name string
}

// Okabe-Ito colour-blind-safe palette.
var (
	black     = paint{color.RGBA{0x00, 0x00, 0x00, 0xff}, "black"}
	orange    = paint{color.RGBA{0xE6, 0x9F, 0x00, 0xff}, "orange"}
	skyBlue   = paint{color.RGBA{0x56, 0xB4, 0xE9, 0xff}, "sky_blue"}
	green     = paint{color.RGBA{0x00, 0x9E, 0x73, 0xff}, "green"}
	blue      = paint{color.RGBA{0x00, 0x72, 0xB2, 0xff}, "blue"}
	vermilion = paint{color.RGBA{0xD5, 0x5E, 0x00, 0xff}, "vermilion"}
	purple    = paint{color.RGBA{0xCC, 0x79, 0xA7, 0xff}, "purple"}
	gridGrey  = color.RGBA{0xD9, 0xD9, 0xD9, 0xff}
)

// colour is the palette entry's name in the language.
func (l *lang) colour(p paint) string { return l.T("report.colour." + p.name) }

// translucent returns c at alpha a (premultiplied, as image/color requires).
func translucent(p paint, a uint8) color.RGBA {
	c := p.RGBA
	f := float64(a) / 255
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), a}
}

var (
	solid  []vg.Length
	dashed = []vg.Length{vg.Points(12), vg.Points(5)}
	dotted = []vg.Length{vg.Points(3), vg.Points(4)}
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func setFont(s *text.Style, size float64) {
	s.Font = font.From(sans, vg.Points(size))
}

// newPlot makes a plot with classroom-sized sans-serif text, thicker axes and a light grid.
func newPlot(title, xlabel, ylabel string, scale float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	setFont(&p.Title.TextStyle, 18*scale)
	p.Title.Padding = vg.Points(10 * scale)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		setFont(&a.Label.TextStyle, 15*scale)
		setFont(&a.Tick.Label, 14*scale)
		a.LineStyle.Width = vg.Points(1.5)
		a.Tick.LineStyle.Width = vg.Points(1.5)
	}
	setFont(&p.Legend.TextStyle, 14*scale)
	p.Legend.Padding = vg.Points(5 * scale)
	p.Legend.ThumbnailWidth = vg.Points(36)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = gridGrey, gridGrey
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.75), vg.Points(0.75)
	p.Add(g)
	return p
}

// pngCanvas makes a white canvas of exactly wpx x hpx pixels.
func pngCanvas(wpx, hpx int) *vgimg.Canvas {
	return vgimg.NewWith(vgimg.UseWH(vg.Length(wpx)/DPI*vg.Inch, vg.Length(hpx)/DPI*vg.Inch), vgimg.UseDPI(DPI))
}

func encode(c *vgimg.Canvas) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// monthX is a month's position on a time axis in years: 2020-01 is 2020.0, 2020-07 is 2020.5.
func monthX(m string) float64 {
	y, _ := strconv.Atoi(m[:4])
	mo, _ := strconv.Atoi(m[5:])
	return float64(y) + float64(mo-1)/12
}

// yearTicks labels whole years, every 1, 2 or 5 years depending on the span.
type yearTicks struct{}

func (yearTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	switch span := hi - lo; {
	case span > 24:
		step = 5
	case span > 8:
		step = 2
	}
	var ts []plot.Tick
	for y := int(math.Ceil(lo)); float64(y) <= hi; y++ {
		label := ""
		if y%step == 0 {
			label = strconv.Itoa(y)
		}
		ts = append(ts, plot.Tick{Value: float64(y), Label: label})
	}
	return ts
}

// fixedTicks labels the given values with a number of decimals in the language.
type fixedTicks struct {
	l        *lang
	values   []float64
	decimals int
}

func (f fixedTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, v := range f.values {
		if v >= lo-1e-9 && v <= hi+1e-9 {
			ts = append(ts, plot.Tick{Value: v, Label: f.l.Number(v, f.decimals)})
		}
	}
	return ts
}

// niceStep is the round step (1, 2, 2.5 or 5 times a power of ten) that cuts [lo, hi] into about n
// intervals, and the decimals its labels need.
func niceStep(lo, hi float64, n int) (step float64, decimals int) {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			break
		}
	}
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if math.Abs(step*math.Pow(10, float64(decimals))-math.Round(step*math.Pow(10, float64(decimals)))) > 1e-9 {
			decimals++
		}
	} else if step != math.Trunc(step) {
		decimals = 1
	}
	return step, decimals
}

// niceTicks labels round values as far apart as the axis needs for its labels not to touch: with
// Width (the axis length, set once the layout is known) it takes the most ticks, up to six intervals,
// whose labels (measured in Style) leave at least a gap of two spaces between neighbours; numbers are
// grouped by thousands in the language ("300,000", "300 000"). Without Width, six intervals.
type niceTicks struct {
	l      *lang
	Style  text.Style
	Width  vg.Length
	Vertic bool // a vertical axis: labels are stacked, their height counts
}

func (t *niceTicks) ticks(lo, hi float64, n int) []plot.Tick {
	step, decimals := niceStep(lo, hi, n)
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: t.l.Number(v, decimals)})
	}
	return ts
}

func (t *niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: t.l.Number(lo, 0)}}
	}
	for n := 6; n >= 2; n-- {
		ts := t.ticks(lo, hi, n)
		if t.Width == 0 || ticksFit(ts, lo, hi, t.Width, t.Style, t.Vertic) {
			return ts
		}
	}
	return t.ticks(lo, hi, 1)
}

// ticksFit reports whether labelled ticks on an axis of length width leave at least two spaces between
// neighbouring labels (their widths, or heights on a vertical axis, measured in st).
func ticksFit(ts []plot.Tick, lo, hi float64, width vg.Length, st text.Style, vertical bool) bool {
	gap := 2 * st.Width(" ")
	if vertical {
		gap = st.Height("0") / 2
	}
	size := func(s string) vg.Length {
		if vertical {
			return st.Height(s)
		}
		return st.Width(s)
	}
	prev, prevSize := math.NaN(), vg.Length(0)
	for _, tk := range ts {
		if tk.Label == "" {
			continue
		}
		x := vg.Length((tk.Value-lo)/(hi-lo)) * width
		sz := size(tk.Label)
		if !math.IsNaN(prev) && x-vg.Length(prev) < (sz+prevSize)/2+gap {
			return false
		}
		prev, prevSize = float64(x), sz
	}
	return true
}

// fitAxes sets the nice tickers' Width to the plot's data area drawn in c (twice: the x labels' height
// and the y labels' width change the area a little).
func fitAxes(p *plot.Plot, c draw.Canvas) {
	for range 2 {
		dc := p.DataCanvas(c)
		if t, ok := p.X.Tick.Marker.(*niceTicks); ok {
			t.Width = dc.Max.X - dc.Min.X
		}
		if t, ok := p.Y.Tick.Marker.(*niceTicks); ok {
			t.Width, t.Vertic = dc.Max.Y-dc.Min.Y, true
		}
	}
}

func (l *lang) niceTicks(a *plot.Axis) *niceTicks { return &niceTicks{l: l, Style: a.Tick.Label} }

// seriesStyle is how one line is drawn.
type seriesStyle struct {
	label  string
	paint  paint
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
		poly.Color = translucent(st.paint, 0x50)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	l, err := plotter.NewLine(mid)
	if err != nil {
		return err
	}
	l.LineStyle.Width = vg.Points(4)
	l.LineStyle.Color = st.paint.RGBA
	l.LineStyle.Dashes = st.dashes
	p.Add(l)
	leg.Add(st.label, l)
	return nil
}

func timeAxis(p *plot.Plot, months []string) {
	p.X.Tick.Marker = yearTicks{}
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
		setFont(&leg.TextStyle, 14)
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
		per := (len(l.entries) + len(legs) - 1) / max(len(legs), 1)
		for k := range legs {
			setFont(&legs[k].TextStyle, size)
			w := vg.Length(0)
			for _, e := range l.entries[k*per : min(len(l.entries), (k+1)*per)] {
				w = max(w, legs[k].TextStyle.Width(e.text))
			}
			total += w + legs[k].ThumbnailWidth + 3*legs[k].TextStyle.Width(" ")
		}
		fits = x0+total <= dc.Max.X-vg.Points(4)
	}
	var out []draw.Canvas
	x := x0
	per := (len(l.entries) + len(legs) - 1) / max(len(legs), 1)
	for k, lg := range legs {
		w := vg.Length(0)
		for _, e := range l.entries[k*per : min(len(l.entries), (k+1)*per)] {
			w = max(w, lg.TextStyle.Width(e.text))
		}
		w += lg.ThumbnailWidth + lg.TextStyle.Width(" ")
		out = append(out, draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y0}, Max: vg.Point{X: x + w, Y: y1}}})
		x += w + 2*lg.TextStyle.Width("  ")
	}
	return out, fits
}

// legendRowHeight is the height of one legend row.
func legendRowHeight() vg.Length {
	var st text.Style
	setFont(&st, 14)
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
		fitAxes(p, body)
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
	c := pngCanvas(wpx, hpx)
	dc := draw.New(c)
	p.Title.Text = wrap(p.Title.TextStyle, p.Title.Text, dc.Max.X-dc.Min.X-vg.Points(24))
	body, legs, cols := legendLayout(p, leg, dc)
	p.Draw(body)
	for k, lg := range legs {
		lg.Draw(cols[k])
	}
	return encode(c)
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

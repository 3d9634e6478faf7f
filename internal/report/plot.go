package report

import (
	"bytes"
	"fmt"
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

// Okabe-Ito colour-blind-safe palette.
var (
	black     = color.RGBA{0x00, 0x00, 0x00, 0xff}
	orange    = color.RGBA{0xE6, 0x9F, 0x00, 0xff}
	skyBlue   = color.RGBA{0x56, 0xB4, 0xE9, 0xff}
	green     = color.RGBA{0x00, 0x9E, 0x73, 0xff}
	blue      = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	vermilion = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	gridGrey  = color.RGBA{0xD9, 0xD9, 0xD9, 0xff}
)

// translucent returns c at alpha a (premultiplied, as image/color requires).
func translucent(c color.RGBA, a uint8) color.RGBA {
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

func render(p *plot.Plot, wpx, hpx int) ([]byte, error) {
	c := pngCanvas(wpx, hpx)
	p.Draw(draw.New(c))
	return encode(c)
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

// fixedTicks labels the given values with a format.
type fixedTicks struct {
	values []float64
	format string
}

func (f fixedTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, v := range f.values {
		if v >= lo-1e-9 && v <= hi+1e-9 {
			ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf(f.format, v)})
		}
	}
	return ts
}

// niceTicks labels about six round values (1, 2, 2.5 or 5 times a power of ten apart) with as few
// decimals as the step needs and thousands separators.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: tickLabel(lo, 0)}}
	}
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	decimals := 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if math.Abs(step*math.Pow(10, float64(decimals))-math.Round(step*math.Pow(10, float64(decimals)))) > 1e-9 {
			decimals++
		}
	} else if step != math.Trunc(step) {
		decimals = 1
	}
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: tickLabel(v, decimals)})
	}
	return ts
}

func tickLabel(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if decimals == 0 && math.Abs(v) >= 1000 {
		return groupThousands(s)
	}
	return s
}

// seriesStyle is how one line is drawn.
type seriesStyle struct {
	label  string
	color  color.RGBA
	dashes []vg.Length
}

// bandTitle says what a band is for n runs.
func bandTitle(n int) string {
	if n >= BandQuantileMinRuns {
		return fmt.Sprintf("line: median of %d runs; shaded: 10th-90th percentile", n)
	}
	return fmt.Sprintf("line: median of %d runs; shaded: lowest to highest", n)
}

// addSeries draws, for each run matrix [run][month], the median line and (for several runs) the band;
// values are multiplied by scale. It returns the largest value drawn.
func addSeries(p *plot.Plot, months []string, m [][]float64, st seriesStyle, scale float64) (float64, error) {
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
		return 0, nil
	}
	top := 0.0
	for _, xy := range hi {
		top = max(top, xy.Y)
	}
	if len(m) > 1 {
		ring := slices.Clone(hi)
		for i := len(lo) - 1; i >= 0; i-- {
			ring = append(ring, lo[i])
		}
		poly, err := plotter.NewPolygon(ring)
		if err != nil {
			return 0, err
		}
		poly.Color = translucent(st.color, 0x50)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	l, err := plotter.NewLine(mid)
	if err != nil {
		return 0, err
	}
	l.LineStyle.Width = vg.Points(4)
	l.LineStyle.Color = st.color
	l.LineStyle.Dashes = st.dashes
	p.Add(l)
	p.Legend.Add(st.label, l)
	return top, nil
}

func timeAxis(p *plot.Plot, months []string) {
	p.X.Tick.Marker = yearTicks{}
	p.X.Min, p.X.Max = monthX(months[0]), monthX(months[len(months)-1])
	if p.X.Max == p.X.Min {
		p.X.Max += 1.0 / 12
	}
}

// UtilisationChart draws utilisation of the east hubs, west hubs and north-west over time.
func UtilisationChart(ts *Timeseries) ([]byte, error) {
	title := "Data-centre utilisation: eastern vs western hubs"
	if len(ts.Runs) > 1 {
		title += "\n" + bandTitle(len(ts.Runs))
	}
	p := newPlot(title, "year", "utilisation (share of capacity in use, 0-1)", 1)
	styles := map[string]seriesStyle{
		"east_hubs": {"Eastern hubs", blue, solid},
		"west_hubs": {"Western hubs", orange, dashed},
		"northwest": {"North-west (Inner Mongolia, Ningxia, Gansu)", vermilion, dotted},
	}
	for _, s := range utilScopes {
		m, ok := ts.Series[s+"/utilisation"]
		if !ok {
			continue
		}
		if _, err := addSeries(p, ts.Months, m, styles[s], 1); err != nil {
			return nil, err
		}
	}
	timeAxis(p, ts.Months)
	p.Y.Min, p.Y.Max = 0, 1.3 // headroom for the legend
	p.Y.Tick.Marker = fixedTicks{[]float64{0, 0.2, 0.4, 0.6, 0.8, 1}, "%.1f"}
	p.Legend.Top, p.Legend.Left = true, true
	return render(p, WidthPx, HeightPx)
}

// powerUnit picks MW or GW for values up to top (in MW) and returns the label and multiplier.
func powerUnit(top float64) (string, float64) {
	if top >= 10000 {
		return "GW", 1e-3
	}
	return "MW", 1
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

// CapacityChart draws national capacity online, capacity in use and demand over time.
func CapacityChart(ts *Timeseries) ([]byte, error) {
	capM, used, dem := ts.Series["national/capacity_mw"], ts.Series["national/used_mw"], ts.Series["national/demand_mw"]
	unit, scale := powerUnit(maxOf(capM, used, dem))
	title := "China: data-centre capacity built vs used vs demanded"
	if len(ts.Runs) > 1 {
		title += "\n" + bandTitle(len(ts.Runs))
	}
	p := newPlot(title, "year", "IT power ("+unit+")", 1)
	for _, s := range []struct {
		m  [][]float64
		st seriesStyle
	}{
		{capM, seriesStyle{"Capacity built (online)", black, solid}},
		{used, seriesStyle{"Capacity in use", green, solid}},
		{dem, seriesStyle{"Demand for computing", vermilion, dashed}},
	} {
		if _, err := addSeries(p, ts.Months, s.m, s.st, scale); err != nil {
			return nil, err
		}
	}
	timeAxis(p, ts.Months)
	p.Y.Min = 0
	p.Y.Max = maxOf(capM, used, dem) * scale * 1.05
	p.Y.Tick.Marker = niceTicks{}
	p.Legend.Top, p.Legend.Left = true, true
	return render(p, WidthPx, HeightPx)
}

// ProvinceFinal is a province's overbuild and redundant capacity at the final month, averaged over runs.
type ProvinceFinal struct {
	Province             string
	OverbuildMW, RedunMW float64
}

// ProvinceFinals averages each province's final-month overbuild and redundancy over the runs and sorts
// them largest overbuild first (then redundancy, then id).
func ProvinceFinals(ts *Timeseries) []ProvinceFinal {
	out := make([]ProvinceFinal, 0, len(ts.Provinces))
	for _, prov := range ts.Provinces {
		vals := ts.Final[prov]
		ob, rd := make([]float64, len(vals)), make([]float64, len(vals))
		for i, v := range vals {
			ob[i], rd[i] = v[0], v[1]
		}
		mo, _, _ := MeanSD(ob)
		mr, _, _ := MeanSD(rd)
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

// displayName turns an id such as inner_mongolia into "Inner Mongolia".
func displayName(id string) string {
	words := strings.Split(id, "_")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// ProvinceChart draws overbuild and redundant capacity by province at the final month as horizontal
// bars, the province with the most overbuild at the top.
func ProvinceChart(ts *Timeseries) ([]byte, error) {
	fin := ProvinceFinals(ts)
	if len(fin) == 0 {
		return nil, fmt.Errorf("no province rows")
	}
	top := 0.0
	for _, f := range fin {
		top = max(top, f.OverbuildMW, f.RedunMW)
	}
	unit, scale := powerUnit(top)
	last := ts.Months[len(ts.Months)-1]
	title := "Overbuilt and redundant capacity by province, " + last
	if len(ts.Runs) > 1 {
		title += fmt.Sprintf("\n(mean of %d runs)", len(ts.Runs))
	}
	p := newPlot(title, "capacity ("+unit+")", "", 1)
	n := len(fin)
	ob, rd := make(plotter.Values, n), make(plotter.Values, n)
	names := make([]string, n)
	for i, f := range fin { // bottom to top: reverse so the largest is on top
		k := n - 1 - i
		ob[k], rd[k], names[k] = f.OverbuildMW*scale, f.RedunMW*scale, displayName(f.Province)
	}
	// Room per province: the plot height less title and axis, shared by two bars and a gap.
	avail := vg.Length(ProvinceHeightPx)/DPI*vg.Inch - vg.Points(130)
	w := avail / vg.Length(n) / 2.6
	bo, err := plotter.NewBarChart(ob, w)
	if err != nil {
		return nil, err
	}
	br, err := plotter.NewBarChart(rd, w)
	if err != nil {
		return nil, err
	}
	for _, b := range []*plotter.BarChart{bo, br} {
		b.Horizontal = true
		b.LineStyle.Width = 0
	}
	bo.Color, br.Color = vermilion, skyBlue
	bo.Offset, br.Offset = w/2, -w/2
	p.Add(bo, br)
	p.Legend.Add("Overbuild: beyond what the work needs", bo)
	p.Legend.Add("Redundant: idle next to idle neighbours", br)
	p.NominalY(names...)
	p.X.Tick.Marker = niceTicks{}
	setFont(&p.Y.Tick.Label, 12)
	p.X.Min = 0
	p.X.Max = max(top*scale*1.05, 1)
	return render(p, WidthPx, ProvinceHeightPx)
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

// OutcomeChart draws each outcome against one parameter: a dot per run and the mean per parameter value
// joined by a line, in a grid of up to 2 x 2 panels.
func OutcomeChart(rs *Runs, param int, outcomes []int) ([]byte, error) {
	raw := make([]string, len(rs.Rows))
	for i, r := range rs.Rows {
		raw[i] = r.Params[param]
	}
	xs, ticks := paramAxis(raw)
	key := rs.Params[param]
	var plots []*plot.Plot
	for _, o := range outcomes {
		name := rs.Outcomes[o]
		info := headlineInfo(name)
		ys := make([]float64, len(rs.Rows))
		for i, r := range rs.Rows {
			ys[i] = r.Outcomes[o]
		}
		p := newPlot(info.Label, key, info.Unit, 0.85)
		var pts plotter.XYs
		for i := range xs {
			if !math.IsNaN(ys[i]) {
				pts = append(pts, plotter.XY{X: xs[i], Y: ys[i]})
			}
		}
		if len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle.Shape = draw.CircleGlyph{}
			sc.GlyphStyle.Radius = vg.Points(4)
			sc.GlyphStyle.Color = translucent(blue, 0xA0)
			p.Add(sc)
			mx, my := MeansByValue(xs, ys)
			var line plotter.XYs
			for i := range mx {
				line = append(line, plotter.XY{X: mx[i], Y: my[i]})
			}
			l, err := plotter.NewLine(line)
			if err != nil {
				return nil, err
			}
			l.LineStyle.Width = vg.Points(3.5)
			l.LineStyle.Color = vermilion
			mk, err := plotter.NewScatter(line)
			if err != nil {
				return nil, err
			}
			mk.GlyphStyle.Shape = draw.BoxGlyph{}
			mk.GlyphStyle.Radius = vg.Points(4.5)
			mk.GlyphStyle.Color = vermilion
			p.Add(l, mk)
		}
		if ticks != nil {
			p.X.Tick.Marker = ticks
			p.X.Min, p.X.Max = -0.5, slices.Max(xs)+0.5
		} else if lo, hi := slices.Min(xs), slices.Max(xs); lo == hi {
			p.X.Min, p.X.Max = lo-1, hi+1
		} else {
			pad := (hi - lo) * 0.05
			p.X.Min, p.X.Max = lo-pad, hi+pad
		}
		if strings.Contains(name, "utilisation") || name == "unserved_share" {
			p.Y.Min = 0
		}
		p.Y.Tick.Marker = niceTicks{}
		if ticks == nil {
			p.X.Tick.Marker = niceTicks{}
		}
		plots = append(plots, p)
	}
	cols := 2
	if len(plots) == 1 {
		cols = 1
	}
	rows := (len(plots) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for c := range cols {
			if k := r*cols + c; k < len(plots) {
				grid[r][c] = plots[k]
			}
		}
	}
	c := pngCanvas(WidthPx, OutcomeHeightPx)
	dc := draw.New(c)
	// Overall title across the top.
	ts := plots[0].Title.TextStyle
	setFont(&ts, 18)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
	head := "Outcomes against " + key + "\ndots: one run each; red line and squares: mean for each value"
	dc.FillText(ts, vg.Point{X: dc.Center().X, Y: dc.Max.Y - vg.Points(6)}, head)
	body := draw.Crop(dc, 0, 0, 0, -ts.Height(head)-vg.Points(14))
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(24), PadY: vg.Points(18),
		PadLeft: vg.Points(6), PadRight: vg.Points(12), PadBottom: vg.Points(6)}
	canvases := plot.Align(grid, tiles, body)
	for r := range grid {
		for k, p := range grid[r] {
			if p != nil {
				p.Draw(canvases[r][k])
			}
		}
	}
	return encode(c)
}

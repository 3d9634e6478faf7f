package game

import (
	"image/color"
	"math"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/series"
	"dongshu/game/session"
	"dongshu/game/view"
	"dongshu/internal/chart"
)

// The national charts of the play screen and the debrief: labelled ticks on both axes, the top y tick
// with the unit (the metric column's unit from economy's column table, scaled to GW, Mt or %), a
// legend that wraps inside the chart, one colour per series everywhere (package series), the x axis from
// the game's start to now (or the scenario's whole span: a click on a chart toggles it), and a readout
// of the month and the values under the mouse.

const (
	maxYTicks = 8
	maxXTicks = 12
)

type seriesPrep struct {
	Pts    []float32 // x0, y0, x1, y1, ...
	C      color.RGBA
	Label  string
	LX, LY float32 // the legend's swatch (left, vertical centre)
}

type axisTick struct {
	At    float32 // y of a y tick, x of an x tick
	Label string
}

type chartPrep struct {
	R, Plot Rect
	Title   string
	Series  [2]seriesPrep
	Ghost   [2]seriesPrep // the run without the what-ifs, dashed (compare view, whatif.go)
	N       int           // series in use
	Legend  bool
	YTicks  [maxYTicks]axisTick
	NY      int
	XTicks  [maxXTicks]axisTick
	NX      int
	// The values' display: value v of the column reads v*Mul in Unit; the x axis runs over the months
	// [From, To]; the y axis over [0, Top] (display units).
	Mul      float64
	Unit     string
	From, To configs.Month
	Top      float64
	digits   int
	Empty    string // no month played yet: "—" in the plot, no y ticks
}

// chartTip is the hover readout: the month and the values under the mouse, rebuilt only when the
// chart or the month under the mouse changes.
type chartTip struct {
	key   chartTipKey
	On    bool
	X     float32 // the month's vertical line
	Box   Rect
	Lines [3]string
	Cols  [3]color.RGBA
	Dots  [2][2]float32 // the series' points at that month
	N     int           // lines in use
}

type chartTipKey struct {
	chart, month int
	hist         int
	rev          int // the charts' layout revision
}

// chartSet is the national charts as last laid out, shared by the play screen and the debrief (the span
// chosen on the one stays on the other, and so does the compare view's run).
type chartSet struct {
	charts [NumCharts]chartPrep
	cols   chartCols
	full   bool     // the charts show the scenario's whole span (else its start to now)
	rev    int      // counts the charts' layouts (the readout's cache key)
	tip    chartTip // the readout of the month under the mouse
}

// chartCols are the history's scope and column indices the charts read.
type chartCols struct {
	ok     bool
	scope  [3]int // by series.Scope
	col    [economy.ColVault + 1]int
	sess   *session.Session
	months int // the run's length
	start  configs.Month
}

func (cc *chartCols) find(s *session.Session) {
	h := s.History()
	w := s.Model().W
	*cc = chartCols{sess: s}
	for k := range cc.scope {
		cc.scope[k] = h.ScopeIndex(series.Scope(k).ScopeName())
	}
	for k := range cc.col {
		cc.col[k] = w.Col(k)
	}
	cc.start = w.Start
	cc.months = int(w.End-w.Start) + 1
	cc.ok = cc.scope[0] >= 0 && cc.scope[1] >= 0 && cc.scope[2] >= 0
}

// chartSpan is the months the charts' x axis covers: from the game's start to now (at least a year), or
// the scenario's whole span.
func (a *App) chartSpan(cc *chartCols) (from, to configs.Month) {
	from = cc.start
	end := cc.start + configs.Month(max(cc.months-1, 0))
	if a.charts.full {
		return from, end
	}
	to = min(max(a.sess.Model().W.Now, from+11), end)
	return from, max(to, from+1)
}

// prepareCharts fills the national charts from the history into rects (play screen or debrief).
func (a *App) prepareCharts(rects [NumCharts]Rect) {
	cs := &a.charts
	if cs.cols.sess != a.sess {
		cs.cols.find(a.sess)
	}
	from, to := a.chartSpan(&cs.cols)
	cs.rev++
	cs.tip.key.chart = -2 // the readout is rebuilt on the new layout
	for i := range NumCharts {
		a.prepareChart(&cs.charts[i], &series.Charts[i], rects[i], from, to)
	}
}

// prepareChart lays chart ch (of definition def) out in r over the months [from, to]: its scale, title
// and legend, its axes, then its series' points.
func (a *App) prepareChart(ch *chartPrep, def *series.Chart, r Rect, from, to configs.Month) {
	cc := &a.charts.cols
	ch.R = r
	ch.N = 0
	for k := range ch.Series {
		if cap(ch.Series[k].Pts) < 2*cc.months {
			ch.Series[k].Pts = make([]float32, 0, 2*max(cc.months, 1))
		}
		ch.Series[k].Pts = ch.Series[k].Pts[:0]
	}
	ch.From, ch.To = from, to
	top, unit := a.chartTop(ch, def)
	ch.Mul, ch.Unit = series.Unit(unit, top)
	if unit == "1" {
		top = 1 // a share: 0..100 %
	}
	step := 0.25 // no data, or none that a scale fits
	if t := top * ch.Mul; t > 0 && !math.IsInf(t, 0) {
		step, _ = chart.NiceStep(0, t, 4) // the top in at most 4 steps
	}
	ch.Top = step * math.Ceil(top*ch.Mul/step-1e-9)
	if ch.Top <= 0 {
		ch.Top = step
	}
	ch.digits = view.StepDigits(step)
	ch.Title = fit(a.cat.T(def.Title), a.fonts.Small, ch.R.W-16*a.fonts.scale)
	y := a.chartLegend(ch, def)
	a.chartYAxis(ch, step, y)
	if len(a.sess.History().Months) == 0 {
		ch.NY, ch.Empty = 0, a.cat.T("ui.charts.nodata")
	}
	a.chartXAxis(ch)
	a.chartPoints(ch, def)
}

// chartTop is the largest value chart ch shows over its months, in its first series' column's unit (and
// that unit); it sets the number of series in use.
func (a *App) chartTop(ch *chartPrep, def *series.Chart) (top float64, unit string) {
	cc := &a.charts.cols
	if !cc.ok {
		return 0, ""
	}
	h := a.sess.History()
	ch.N = len(def.Series)
	if c := cc.col[def.Series[0].Column]; c < len(h.Columns) {
		unit = h.Columns[c].Unit
	}
	for _, se := range def.Series {
		sc, col := cc.scope[se.Scope], cc.col[se.Column]
		for mi, mo := range h.Months {
			if mo >= ch.From && mo <= ch.To {
				top = max(top, h.Scope[mi][sc][col])
			}
		}
	}
	return top, unit
}

// chartLegend places the legend under the title, wrapped into rows inside the chart (two-series charts
// only: a single series is named by the title), and the series' colours; it returns the y below it.
func (a *App) chartLegend(ch *chartPrep, def *series.Chart) float32 {
	c, f, s := a.cat, a.fonts, a.fonts.scale
	y := ch.R.Y + 5*s + f.Small.LineHeight() + 3*s
	ch.Legend = ch.N > 1
	if ch.Legend {
		lx, right := ch.R.X+8*s, ch.R.X+ch.R.W-8*s
		rowH := f.Tiny.LineHeight() + 2*s
		y += rowH / 2
		for k := 0; k < ch.N; k++ {
			sp := &ch.Series[k]
			sp.Label = c.T(series.Styles[def.Series[k].ID].Key)
			w := 13*s + advance(sp.Label, f.Tiny)
			if lx > ch.R.X+8*s && lx+w > right {
				lx, y = ch.R.X+8*s, y+rowH
			}
			sp.Label = fit(sp.Label, f.Tiny, right-lx-13*s)
			sp.LX, sp.LY = lx, y
			lx += w + 12*s
		}
		y += rowH / 2
	}
	for k := 0; k < ch.N; k++ {
		ch.Series[k].C = series.Styles[def.Series[k].ID].C
	}
	return y
}

// chartYAxis labels the y ticks (0, step, ..., Top, the top one with the unit) and places the plot
// below y, right of the widest label.
func (a *App) chartYAxis(ch *chartPrep, step float64, y float32) {
	c, f, s := a.cat, a.fonts, a.fonts.scale
	ch.NY = 0
	labelW := float32(0)
	for v := 0.0; v <= ch.Top*1.0001 && ch.NY < maxYTicks; v += step {
		t := &ch.YTicks[ch.NY]
		t.Label = c.Number(v, ch.digits)
		if v+step > ch.Top*1.0001 && ch.Unit != "" {
			t.Label = c.T("ui.charts.value_unit", t.Label, ch.Unit) // the top tick carries the unit
		}
		labelW = max(labelW, advance(t.Label, f.Tiny))
		ch.NY++
	}
	yearW := advance("2000", f.Tiny)
	plotTop := y + f.Tiny.LineHeight()/2 + 2*s
	plotBottom := ch.R.Y + ch.R.H - f.Tiny.LineHeight() - 7*s
	px := ch.R.X + 8*s + labelW + 5*s
	ch.Plot = Rect{px, plotTop, max(ch.R.X+ch.R.W-yearW/2-6*s-px, 1), max(plotBottom-plotTop, 1)}
	p := ch.Plot
	for j := 0; j < ch.NY; j++ {
		ch.YTicks[j].At = p.Y + p.H*(1-float32(float64(j)*step/ch.Top))
	}
	ch.Empty = ""
}

// chartXAxis labels every year's January, every 1, 2, 5 or 10 years so that the labels stand apart.
func (a *App) chartXAxis(ch *chartPrep) {
	from, to, p := ch.From, ch.To, ch.Plot
	yearW := advance("2000", a.fonts.Tiny)
	span := float32(max(int(to-from), 1))
	years := int(to-from)/12 + 1
	ystep := 1
	for _, k := range []int{1, 2, 5, 10} {
		ystep = k
		if float32((years+k-1)/k)*yearW*1.5 <= p.W {
			break
		}
	}
	ch.NX = 0
	y0 := from.Year()
	if from.MonthOfYear() != 1 {
		y0++
	}
	for yr := y0; ch.NX < maxXTicks; yr++ {
		mo := configs.NewMonth(yr, 1)
		if mo > to {
			break
		}
		if yr%ystep != 0 {
			continue
		}
		ch.XTicks[ch.NX] = axisTick{At: p.X + p.W*float32(mo-from)/span, Label: yearLabel(yr)}
		ch.NX++
	}
}

// chartPoints places the series' points over the chart's months.
func (a *App) chartPoints(ch *chartPrep, def *series.Chart) {
	h := a.sess.History()
	for k := 0; k < ch.N; k++ {
		ch.Series[k].Pts = a.charts.cols.points(ch.Series[k].Pts, ch, def.Series[k], h)
	}
}

// points appends series se of history h to pts, placed over chart ch's plot and months (the run's own
// series and the what-if comparison's dashed ones alike).
func (cc *chartCols) points(pts []float32, ch *chartPrep, se series.Ref, h *session.History) []float32 {
	sc, col := cc.scope[se.Scope], cc.col[se.Column]
	for mi, mo := range h.Months {
		if mo < ch.From || mo > ch.To {
			continue
		}
		x, y := ch.xy(mo, h.Scope[mi][sc][col]*ch.Mul)
		pts = append(pts, x, y)
	}
	return pts
}

// xy places value v (in the chart's unit) of month mo on the plot, clamped to its height.
func (ch *chartPrep) xy(mo configs.Month, v float64) (x, y float32) {
	p := ch.Plot
	span := float32(max(int(ch.To-ch.From), 1))
	return p.X + p.W*float32(mo-ch.From)/span, p.Y + p.H*(1-float32(min(max(v/ch.Top, 0), 1)))
}

// yearLabel is a year as text (the few years of a scenario, without formatting per frame).
func yearLabel(y int) string {
	var b [6]byte
	i := len(b)
	neg := y < 0
	if neg {
		y = -y
	}
	for {
		i--
		b[i] = byte('0' + y%10)
		y /= 10
		if y == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// prepareChartTip brings the hover readout up to date with the mouse (called every frame while charts
// are shown: nothing is done while the mouse stays over the same month of the same chart).
func (a *App) prepareChartTip() {
	cs := &a.charts
	tip := &cs.tip
	k := chartTipKey{chart: -1, hist: len(a.sess.History().Months), rev: cs.rev}
	for i := range cs.charts {
		ch := &cs.charts[i]
		p := ch.Plot
		if ch.N == 0 || !(Rect{p.X - 4, p.Y - 4, p.W + 8, p.H + 8}).Contains(a.mouseX, a.mouseY) {
			continue
		}
		t := (a.mouseX - p.X) / p.W
		mo := ch.From + configs.Month(math.Round(float64(min(max(t, 0), 1)*float32(ch.To-ch.From))))
		if mi := a.monthIndex(mo); mi >= 0 {
			k.chart, k.month = i, mi
		}
	}
	if k == tip.key {
		return
	}
	tip.key = k
	tip.On = k.chart >= 0
	if !tip.On {
		return
	}
	c, f, s := a.cat, a.fonts, a.fonts.scale
	ch := &cs.charts[k.chart]
	def := &series.Charts[k.chart]
	h := a.sess.History()
	cc := &cs.cols
	mo := h.Months[k.month]
	tip.X, _ = ch.xy(mo, 0)
	tip.Lines[0], tip.Cols[0] = monthText(c, mo), colText
	tip.N = 1
	w := advance(tip.Lines[0], f.Small)
	for j := 0; j < ch.N; j++ {
		se := def.Series[j]
		v := h.Scope[k.month][cc.scope[se.Scope]][cc.col[se.Column]] * ch.Mul
		tip.Lines[1+j] = c.T("ui.charts.readout", c.T(series.Styles[se.ID].Key), c.Number(v, ch.digits+1), ch.Unit)
		tip.Cols[1+j] = series.Styles[se.ID].C
		_, y := ch.xy(mo, v)
		tip.Dots[j] = [2]float32{tip.X, y}
		w = max(w, advance(tip.Lines[1+j], f.Small))
		tip.N++
	}
	// Beside the month's line, inside the chart when it fits there.
	bw, bh := w+16*s, float32(tip.N)*16*s+8*s
	bx := tip.X + 10*s
	if bx+bw > ch.R.X+ch.R.W {
		bx = max(tip.X-10*s-bw, ch.R.X+2*s)
	}
	bx = max(min(bx, a.geo.W-bw-2*s), 2*s)
	tip.Box = Rect{bx, ch.Plot.Y + 2*s, bw, bh}
}

// monthIndex is the index of month mo in the history, -1 when it has not been played.
func (a *App) monthIndex(mo configs.Month) int {
	h := a.sess.History()
	if len(h.Months) == 0 || mo < h.Months[0] {
		return -1
	}
	i := int(mo - h.Months[0])
	if i >= len(h.Months) {
		return -1
	}
	return i
}

// monthText is a month as "2024-03" (the charts' readout).
func monthText(c interface{ T(string, ...any) string }, mo configs.Month) string {
	return c.T("ui.charts.month", yearLabel(mo.Year()), mo.MonthOfYear())
}

func (a *App) drawChart(dst Renderer, ch *chartPrep) {
	s := a.fonts.scale
	f := a.fonts
	dst.Rect(ch.R, colPanel)
	drawText(dst, ch.Title, ch.R.X+8*s, ch.R.Y+5*s, f.Small, colText, AlignStart, false)
	p := ch.Plot
	if ch.Empty != "" {
		dst.Line(p.X, p.Y+p.H, p.X+p.W, p.Y+p.H, 1, colDim)
		drawText(dst, ch.Empty, p.X+p.W/2, p.Y+p.H/2, f.Small, colDim, AlignCenter, true)
	}
	for j := 0; j < ch.NY; j++ {
		t := &ch.YTicks[j]
		col := colBorder
		if j == 0 {
			col = colDim
		}
		dst.Line(p.X, t.At, p.X+p.W, t.At, 1, col)
		drawText(dst, t.Label, p.X-5*s, t.At, f.Tiny, colDim, AlignEnd, true)
	}
	for j := 0; j < ch.NX; j++ {
		t := &ch.XTicks[j]
		dst.Line(t.At, p.Y+p.H, t.At, p.Y+p.H+3*s, 1, colDim)
		drawText(dst, t.Label, t.At, p.Y+p.H+4*s, f.Tiny, colDim, AlignCenter, false)
	}
	for k := 0; k < ch.N; k++ {
		drawDashed(dst, ch.Ghost[k].Pts, 1.4*s, ch.Ghost[k].C)
	}
	for k := 0; k < ch.N; k++ {
		sp := &ch.Series[k]
		dst.Polyline(sp.Pts, 1.8*s, sp.C)
		if ch.Legend {
			dst.Rect(Rect{sp.LX, sp.LY - 1.5*s, 10 * s, 3 * s}, sp.C)
			drawText(dst, sp.Label, sp.LX+13*s, sp.LY, f.Tiny, sp.C, AlignStart, true)
		}
	}
}

// drawChartTip draws the hover readout over the charts (after all of them, so that no chart's panel
// covers it).
func (a *App) drawChartTip(dst Renderer) {
	s := a.fonts.scale
	f := a.fonts
	tip := &a.charts.tip
	if !tip.On {
		return
	}
	ch := &a.charts.charts[tip.key.chart]
	p := ch.Plot
	dst.Line(tip.X, p.Y, tip.X, p.Y+p.H, 1, colDim)
	for j := 0; j < ch.N; j++ {
		dst.Circle(tip.Dots[j][0], tip.Dots[j][1], 3*s, ch.Series[j].C)
	}
	dst.Rect(tip.Box, color.RGBA{0x0b, 0x0d, 0x12, 0xf2})
	dst.StrokeRect(tip.Box, max(1, s), colBorder)
	for j := 0; j < tip.N; j++ {
		drawText(dst, tip.Lines[j], tip.Box.X+8*s, tip.Box.Y+4*s+float32(j)*16*s, f.Small, tip.Cols[j], AlignStart, false)
	}
}

// prepareLatencyBound marks, on the latency layer's colour ramp, the round trip hot work tolerates (the
// tightest bound of the scenario's classes), labelled under the ramp in place of the ticks it would run
// into: provinces coloured beyond the mark cannot serve the selected province's hot work.
func (pl *playStage) prepareLatencyBound() {
	pp := &pl.prep
	pp.boundOn = false
	if pl.layer != view.Latency || pp.scale.Max <= pp.scale.Min {
		return
	}
	w := pl.sess.Model().W
	bound, class := 0.0, ""
	for _, cl := range w.Classes {
		if b := cl.Cfg.RTTBoundMs; b > 0 && (bound == 0 || b < bound) {
			bound, class = b, cl.ID
		}
	}
	if bound <= 0 || bound > pp.scale.Max {
		return
	}
	c, f, s := pl.cat, pl.fonts.Tiny, pl.geo.S
	bar := pp.legendBar
	pp.boundOn = true
	pp.boundX = bar.X + bar.W*float32((bound-pp.scale.Min)/(pp.scale.Max-pp.scale.Min))
	pp.boundLabel = c.T("ui.charts.bound_tick", c.T("class."+class), c.Number(bound, 0))
	lw := advance(pp.boundLabel, f)
	pp.boundLabelX = min(max(pp.boundX, bar.X+lw/2), bar.X+bar.W-lw/2)
	// Drop the ticks whose labels the bound's label would run into.
	kept := pp.ticks[:0]
	for _, t := range pp.ticks {
		if abs32(t.X-pp.boundLabelX) >= (lw+advance(t.Label, f))/2+4*s {
			kept = append(kept, t)
		}
	}
	pp.ticks = kept
}

// drawLatencyBound draws the hot-work bound's mark across the legend's ramp and its label under it.
func (pl *playStage) drawLatencyBound(dst Renderer) {
	pp := &pl.prep
	if !pp.boundOn {
		return
	}
	s := pl.geo.S
	bar := pp.legendBar
	dst.Rect(Rect{pp.boundX - 1*s, bar.Y - 3*s, 2 * s, bar.H + 7*s}, colSelect)
	drawText(dst, pp.boundLabel, pp.boundLabelX, bar.Y+bar.H+5*s, pl.fonts.Tiny, colSelect, AlignCenter, false)
}

// fitMapTitle keeps the map's title clear of the flow key to its right: the key's lead-in goes first,
// then the title is shortened.
func (pl *playStage) fitMapTitle() {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	right := g.Map.X + g.Map.W - g.Margin
	if n := len(pp.flowKey); n > 0 {
		right = pp.flowKey[n-1].X - 12*g.S
		if g.Map.X+g.Margin+advance(pp.mapTitle, f.Bold) > right && pp.flowKey[n-1].Kind == markText {
			pp.flowKey = pp.flowKey[:n-1]
			right = pp.flowKey[n-2].X - 10*g.S - 12*g.S // the dot of the key's first class
		}
	}
	pp.mapTitle = fit(pp.mapTitle, f.Bold, right-g.Map.X-g.Margin)
}

// fitLegendHead keeps the legend's title clear of the marks' key to its right (the latency layer's
// long name gives way to "Round trip (ms)").
func (pl *playStage) fitLegendHead() {
	pp := &pl.prep
	s := pl.geo.S
	f := pl.fonts.Small
	room := pl.geo.Legend.X + pl.geo.Legend.W - pp.legendBar.X
	if len(pp.legendMarks) > 0 {
		room = pp.legendMarks[0].X - 6*s - 8*s - pp.legendBar.X
	}
	if advance(pp.legendHead, f) > room && pl.layer == view.Latency {
		pp.legendHead = pl.cat.T("ui.charts.latency_legend", pp.legendUnit)
	}
	pp.legendHead = fit(pp.legendHead, f, room)
}

// ChartPlot is the plot area of chart i (Chart*) as last laid out, for tests and screenshots.
func (a *App) ChartPlot(i int) Rect {
	if i < 0 || i >= NumCharts {
		return Rect{}
	}
	return a.charts.charts[i].Plot
}

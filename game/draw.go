package game

import (
	"image/color"

	"dongshu/game/view"
)

// Drawing the prepared frame through a Renderer: the order of the draw calls is decided here, in plain
// Go; package desktop implements Renderer with ebiten (and tests record the calls without a display).

// Renderer draws primitives on the screen.
type Renderer interface {
	Fill(c color.RGBA)
	Rect(r Rect, c color.RGBA)
	StrokeRect(r Rect, width float32, c color.RGBA)
	Line(x1, y1, x2, y2, width float32, c color.RGBA)
	Circle(x, y, radius float32, c color.RGBA)
	// Polyline strokes pts (x0, y0, x1, y1, ...).
	Polyline(pts []float32, width float32, c color.RGBA)
	// Text draws s with its baseline at y, aligned on x (Face.Baseline says where the baseline goes).
	Text(s string, x, baseline float32, f *Face, c color.RGBA, al Align)
}

// drawText draws s with its top (or, middle set, its vertical centre) at y: the one place where text is
// placed vertically.
func drawText(dst Renderer, s string, x, y float32, f *Face, c color.RGBA, al Align, middle bool) {
	dst.Text(s, x, f.Baseline(y, middle), f, c, al)
}

// Draw prepares the frame if anything changed and draws it.
func (a *App) Draw(dst Renderer) {
	a.prepare()
	a.stage.Draw(dst)
}

func (a *App) drawScene(dst Renderer, sc *scene) {
	for _, r := range sc.rects {
		if r.Stroke > 0 {
			dst.StrokeRect(r.R, r.Stroke, r.C)
		} else {
			dst.Rect(r.R, r.C)
		}
	}
	for i := range sc.buttons {
		a.drawButton(dst, &sc.buttons[i])
	}
	for _, t := range sc.texts {
		drawText(dst, t.S, t.X, t.Y, t.F, t.C, t.Align, t.Middle)
	}
}

func (a *App) drawButton(dst Renderer, b *uiButton) {
	if b.Label == "" {
		return // a clickable row
	}
	s := a.fonts.scale
	bg, fg, border := colPanel2, colText, colBorder
	if b.Accent {
		bg, border = colAccentDim, colAccent
	}
	if b.Active {
		bg, fg, border = colAccent, colBG, colAccent
	}
	if b.Off {
		bg, fg, border = colPanel, colOff, colBorder
	}
	if b.R.Contains(a.mouseX, a.mouseY) && !b.Active && !b.Off {
		bg = color.RGBA{bg.R + 0x12, bg.G + 0x12, bg.B + 0x12, 0xff}
	}
	dst.Rect(b.R, bg)
	dst.StrokeRect(b.R, max(1, s), border)
	lf := b.Face
	if lf == nil {
		lf = a.fonts.Small
	}
	drawText(dst, b.Label, b.R.X+b.R.W/2, b.R.Y+b.R.H/2, lf, fg, AlignCenter, true)
}

// drawPlay draws the play screen, bottom to top, as prepared.
func (pl *playStage) drawPlay(dst Renderer) {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	dst.Fill(colBG)
	pl.drawTopBar(dst)
	pl.drawMap(dst)
	pl.drawSide(dst)
	for i := range pl.charts.charts {
		pl.drawChart(dst, &pl.charts.charts[i])
	}
	pl.drawChartTip(dst)
	pl.drawNews(dst)
	pl.drawScoreboard(dst)
	// Status bar.
	dst.Rect(g.Status, colPanel)
	drawText(dst, pp.status, g.Margin, g.Status.Y+g.Status.H/2, f.Small, colDim, AlignStart, true)
	pl.drawTooltip(dst) // last
}

// drawTopBar draws the top bar: the name, the month, the state, the game's title and the buttons.
func (pl *playStage) drawTopBar(dst Renderer) {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	dst.Rect(g.TopBar, colPanel)
	drawText(dst, "dongshu", g.Margin, g.TopBar.H/2, f.Head, colAccent, AlignStart, true)
	drawText(dst, pp.topMonth, pp.topMonthX, g.TopBar.H/2, f.Head, colText, AlignStart, true)
	drawText(dst, pp.topState, pp.topStateX, g.TopBar.H/2, f.Bold, pp.topStateCol, AlignStart, true)
	if pp.topTitleOn {
		drawText(dst, pp.topTitle, pp.topTitleX, g.TopBar.H/2, f.Small, colDim, AlignStart, true)
	}
	for i := range pp.buttons {
		pl.drawButton(dst, &pp.buttons[i])
	}
}

// drawMap draws the map panel, bottom to top: tiles, fibre lines, flows, labels, hub and cluster marks,
// the selection; then the legend and the banner.
func (pl *playStage) drawMap(dst Renderer) {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	s := g.S
	dst.Rect(g.Map, colPanel)
	drawText(dst, pp.mapTitle, g.Map.X+g.Margin, g.Map.Y+6*s, f.Bold, colText, AlignStart, false)
	for i := range pp.flowKey {
		drawMark(dst, &pp.flowKey[i], s, f.Tiny)
	}
	for i := range pp.cells {
		pl.drawTile(dst, &pp.cells[i])
	}
	for _, l := range pp.links {
		dst.Line(l.X1, l.Y1, l.X2, l.Y2, l.W, l.C)
	}
	if pp.abroadOn {
		pl.drawAbroad(dst)
	}
	for _, d := range pp.dots {
		edge := colDotEdge
		if d.Kind == view.FlowVault {
			edge = colHubRing // failover to the vault: a gold rim
		}
		dst.Circle(d.X, d.Y, d.R+1*s, edge)
		dst.Circle(d.X, d.Y, d.R, d.C)
	}
	for i := range pp.cells {
		pl.drawLabel(dst, &pp.cells[i])
	}
	for i := range pp.cells {
		pl.drawMarks(dst, &pp.cells[i])
	}
	pl.drawLegend(dst)
	if pp.banner != "" {
		b := pp.bannerR
		dst.Rect(b, color.RGBA{0x3a, 0x2a, 0x0a, 0xf0})
		dst.StrokeRect(b, max(1, s), colWarn)
		drawText(dst, pp.banner, b.X+b.W/2, b.Y+b.H/2, f.Bold, colWarn, AlignCenter, true)
	}
}

// drawSide draws the selected province's panel.
func (pl *playStage) drawSide(dst Renderer) {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	s := g.S
	dst.Rect(g.Side, colPanel)
	sx, sy := g.Side.X+12*s, g.Side.Y+10*s
	drawText(dst, pp.sideTitle, sx, sy, f.Head, colText, AlignStart, false)
	sy += 24 * s
	drawText(dst, pp.sideSub, sx, sy, f.Small, colDim, AlignStart, false)
	sy += 24 * s
	rowH := min(19*s, (g.Side.Y+g.Side.H-sy-6*s)/float32(max(len(pp.side), 1)))
	for _, r := range pp.side {
		drawText(dst, r.K, sx, sy, f.Small, colDim, AlignStart, false)
		drawText(dst, r.V, g.Side.X+g.Side.W-12*s, sy, f.Small, r.C, AlignEnd, false)
		sy += rowH
	}
}

// drawNews draws the news panel's visible rows.
func (pl *playStage) drawNews(dst Renderer) {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	s := g.S
	dst.Rect(g.News, colPanel)
	drawText(dst, pp.newsTitle, g.News.X+12*s, g.News.Y+8*s, f.Bold, colText, AlignStart, false)
	ny := g.News.Y + 30*s
	for _, r := range pp.newsRows {
		nx := g.News.X + 12*s
		if r.K != "" {
			nx += newsIndent * s // an item's second line
		}
		drawText(dst, r.V, nx, ny, f.Small, r.C, AlignStart, false)
		ny += 18 * s
	}
}

// drawTooltip draws the hovered province's tooltip beside the mouse (over the map or the dialog only).
func (pl *playStage) drawTooltip(dst Renderer) {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts
	s := g.S
	if pl.hover < 0 || len(pp.tip) == 0 || (pl.overlay != OverlayNone && pl.overlay != OverlayDialog) {
		return
	}
	tx := min(pl.mouseX+16*s, g.W-pp.tipW-4*s)
	ty := min(pl.mouseY+16*s, g.H-pp.tipH-4*s)
	r := Rect{tx, ty, pp.tipW, pp.tipH}
	dst.Rect(r, color.RGBA{0x0b, 0x0d, 0x12, 0xf2})
	dst.StrokeRect(r, max(1, s), colBorder)
	for i, l := range pp.tip {
		fc, col := f.Small, colText
		if i == 0 {
			col = colAccent
		}
		drawText(dst, l, tx+8*s, ty+5*s+float32(i)*16*s, fc, col, AlignStart, false)
	}
}

// drawTile draws a province's tile: its colour, and a hatch when it has no value.
func (pl *playStage) drawTile(dst Renderer, c *cellPrep) {
	s := pl.geo.S
	r := c.R
	dst.Rect(r, c.Fill)
	if c.NoData {
		dst.Line(r.X+2*s, r.Y+r.H-2*s, r.X+r.W-2*s, r.Y+2*s, 1*s, color.RGBA{0x55, 0x55, 0x55, 0xff})
	}
}

// drawLabel draws a province's name over the lines and flows, with a halo in the tile's own colour that
// clears them from behind the letters (and a soft shadow under light text, for mid-tone tiles).
func (pl *playStage) drawLabel(dst Renderer, c *cellPrep) {
	s := pl.geo.S
	r := c.R
	f := pl.fonts.Tiny
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	lines := c.Label[:1]
	if c.Label[1] != "" {
		lines = c.Label[:]
		cy -= f.LineHeight() / 2
	}
	halo := faded(c.Fill, 0.85)
	light := c.LabelCol == colText
	d := max(1, s)
	for i, l := range lines {
		y := f.Baseline(cy+float32(i)*f.LineHeight(), true)
		for _, o := range haloOffsets {
			dst.Text(l, cx+o[0]*d, y+o[1]*d, f, halo, AlignCenter)
		}
		if light {
			dst.Text(l, cx+0.5*d, y+1*d, f, colLabelShadow, AlignCenter)
		}
		dst.Text(l, cx, y, f, c.LabelCol, AlignCenter)
	}
}

// haloOffsets are the directions (in units of the scale) in which a label's halo is drawn.
var haloOffsets = [...][2]float32{{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, 1}, {-1, 1}, {1, -1}}

// drawMarks draws a tile's marks over everything else on the map: hub ring, cluster dot, human player,
// moderation call and the selection.
func (pl *playStage) drawMarks(dst Renderer, c *cellPrep) {
	s := pl.geo.S
	r := c.R
	if c.Hub {
		col := colDim
		if c.HubActive {
			col = colHubRing
		}
		dst.StrokeRect(r.Inset(1*s), 2.5*s, col)
	}
	if c.Cluster {
		// A small dot in the top-right corner marks a cluster.
		dst.Circle(r.X+r.W-7*s, r.Y+7*s, 3.5*s, colHubRing)
	}
	if c.Human {
		dst.Circle(r.X+7*s, r.Y+7*s, 3.5*s, colHuman)
	}
	if c.Moderate {
		dst.StrokeRect(r.Inset(4*s), 2*s, colModerate)
	}
	if c.Selected {
		dst.StrokeRect(Rect{r.X - 2*s, r.Y - 2*s, r.W + 4*s, r.H + 4*s}, 2.5*s, colSelect)
	}
}

// drawAbroad draws the off-map marker that flows of work run abroad head to.
func (pl *playStage) drawAbroad(dst Renderer) {
	pp := &pl.prep
	s := pl.geo.S
	x, y := pp.abroadX, pp.abroadY
	dst.Circle(x, y, 7*s, colAbroad)
	dst.Circle(x, y, 5.5*s, colPanel)
	dst.Circle(x, y, 2.5*s, colAbroad)
	drawText(dst, pp.abroadLabel, x, y+10*s, pl.fonts.Tiny, colDim, AlignCenter, false)
}

func (pl *playStage) drawLegend(dst Renderer) {
	pp := &pl.prep
	s := pl.geo.S
	f := pl.fonts
	bar := pp.legendBar
	drawText(dst, pp.legendHead, bar.X, pl.geo.Legend.Y+1*s, f.Small, colText, AlignStart, false)
	n := len(pp.stops)
	w := bar.W / float32(n)
	for i, c := range pp.stops {
		dst.Rect(Rect{bar.X + float32(i)*w, bar.Y, w + 0.5, bar.H}, c)
	}
	for _, t := range pp.ticks {
		dst.Rect(Rect{t.X - 0.5*s, bar.Y + bar.H, 1 * s, 4 * s}, colDim)
		drawText(dst, t.Label, t.X, bar.Y+bar.H+5*s, f.Tiny, colDim, AlignCenter, false)
	}
	pl.drawLatencyBound(dst)
	for i := range pp.legendMarks {
		drawMark(dst, &pp.legendMarks[i], s, f.Tiny)
	}
}

// drawMark draws one entry of the map's key: its symbol centred on (X, Y), its label to the right.
func drawMark(dst Renderer, m *legendMark, s float32, f *Face) {
	x, y := m.X, m.Y
	switch m.Kind {
	case markHub:
		dst.StrokeRect(Rect{x - 6*s, y - 6*s, 12 * s, 12 * s}, 2*s, colHubRing)
	case markCluster:
		dst.Circle(x, y, 3.5*s, colHubRing)
	case markHuman:
		dst.Circle(x, y, 3.5*s, colHuman)
	case markFibre:
		dst.Line(x-7*s, y, x+7*s, y, 1.6*s, colLink)
	case markFibrePlanned:
		dst.Line(x-7*s, y, x-2*s, y, max(1, s), colLinkPlanned)
		dst.Line(x+2*s, y, x+7*s, y, max(1, s), colLinkPlanned)
	case markAbroad:
		dst.Circle(x, y, 6*s, colAbroad)
		dst.Circle(x, y, 4.5*s, colPanel)
		dst.Circle(x, y, 2*s, colAbroad)
	case markVault:
		dst.Circle(x, y, 4.5*s, colHubRing)
		dst.Circle(x, y, 3.5*s, classColours[0])
	case markFlow:
		dst.Circle(x, y, 3.5*s, classColours[m.Class%len(classColours)])
	case markText:
		drawText(dst, m.Label, x, y, f, colDim, AlignStart, true)
		return
	}
	drawText(dst, m.Label, x+10*s, y, f, colDim, AlignStart, true)
}

package game

import "image/color"

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
	// Text draws s with its top (or, middle set, its vertical centre) at y, aligned on x.
	Text(s string, x, y float32, f *Face, c color.RGBA, al Align, middle bool)
}

// Draw prepares the frame if anything changed and draws it.
func (a *App) Draw(dst Renderer) {
	a.prepare()
	switch {
	case a.screen == ScreenPlay && a.sess != nil:
		a.drawPlay(dst)
		a.drawScene(dst, &a.play.top)
	default:
		a.drawScene(dst, &a.menu.sc)
		if a.menu.sc.charts {
			for i := range a.play.charts {
				a.drawChart(dst, &a.play.charts[i])
			}
		}
		a.drawScene(dst, &a.menu.top)
	}
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
		dst.Text(t.S, t.X, t.Y, t.F, t.C, t.Align, t.Middle)
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
	if b.R.Contains(a.in.MouseX, a.in.MouseY) && !b.Active {
		bg = color.RGBA{bg.R + 0x12, bg.G + 0x12, bg.B + 0x12, 0xff}
	}
	dst.Rect(b.R, bg)
	dst.StrokeRect(b.R, max(1, s), border)
	dst.Text(b.Label, b.R.X+b.R.W/2, b.R.Y+b.R.H/2, a.fonts.Small, fg, AlignCenter, true)
}

func (a *App) drawPlay(dst Renderer) {
	pp := &a.play
	g := &a.geo
	f := a.fonts
	s := g.S
	dst.Fill(colBG)
	// Top bar.
	dst.Rect(g.TopBar, colPanel)
	dst.Text("dongshu", g.Margin, g.TopBar.H/2, f.Head, colAccent, AlignStart, true)
	x := g.Margin + advance("dongshu", f.Head) + 12*s
	dst.Text(pp.topMonth, x, g.TopBar.H/2, f.Head, colText, AlignStart, true)
	x += advance(pp.topMonth, f.Head) + 12*s
	dst.Text(pp.topState, x, g.TopBar.H/2, f.Bold, pp.topStateCol, AlignStart, true)
	x += advance(pp.topState, f.Bold) + 12*s
	if len(pp.buttons) > 0 && x+advance(pp.topTitle, f.Small) < pp.buttons[0].R.X-8*s {
		dst.Text(pp.topTitle, x, g.TopBar.H/2, f.Small, colDim, AlignStart, true)
	}
	for i := range pp.buttons {
		a.drawButton(dst, &pp.buttons[i])
	}
	// Map panel.
	dst.Rect(g.Map, colPanel)
	dst.Text(pp.mapTitle, g.Map.X+g.Margin, g.Map.Y+6*s, f.Bold, colText, AlignStart, false)
	for i := range pp.cells {
		a.drawCell(dst, &pp.cells[i])
	}
	for _, l := range pp.links {
		dst.Line(l.X1, l.Y1, l.X2, l.Y2, l.W, l.C)
	}
	for _, d := range pp.dots {
		dst.Circle(d.X, d.Y, d.R+1*s, color.RGBA{0, 0, 0, 0x90})
		dst.Circle(d.X, d.Y, d.R, d.C)
	}
	a.drawLegend(dst)
	if pp.banner != "" {
		bw := min(g.Map.W-20*s, advance(pp.banner, f.Bold)+32*s)
		b := Rect{g.Map.X + (g.Map.W-bw)/2, g.Map.Y + 30*s, bw, 30 * s}
		dst.Rect(b, color.RGBA{0x3a, 0x2a, 0x0a, 0xf0})
		dst.StrokeRect(b, max(1, s), colWarn)
		dst.Text(pp.banner, b.X+b.W/2, b.Y+b.H/2, f.Bold, colWarn, AlignCenter, true)
	}
	// Side panel.
	dst.Rect(g.Side, colPanel)
	sx, sy := g.Side.X+12*s, g.Side.Y+10*s
	dst.Text(pp.sideTitle, sx, sy, f.Head, colText, AlignStart, false)
	sy += 24 * s
	dst.Text(pp.sideSub, sx, sy, f.Small, colDim, AlignStart, false)
	sy += 24 * s
	rowH := min(19*s, (g.Side.Y+g.Side.H-sy-6*s)/float32(max(len(pp.side), 1)))
	for _, r := range pp.side {
		dst.Text(r.K, sx, sy, f.Small, colDim, AlignStart, false)
		dst.Text(r.V, g.Side.X+g.Side.W-12*s, sy, f.Small, r.C, AlignEnd, false)
		sy += rowH
	}
	// Charts.
	for i := range pp.charts {
		a.drawChart(dst, &pp.charts[i])
	}
	// News.
	dst.Rect(g.News, colPanel)
	dst.Text(pp.newsTitle, g.News.X+12*s, g.News.Y+8*s, f.Bold, colText, AlignStart, false)
	ny := g.News.Y + 30*s
	for _, r := range pp.newsRows {
		dst.Text(r.V, g.News.X+12*s, ny, f.Small, r.C, AlignStart, false)
		ny += 18 * s
	}
	// Status bar.
	dst.Rect(g.Status, colPanel)
	dst.Text(pp.status, g.Margin, g.Status.Y+g.Status.H/2, f.Small, colDim, AlignStart, true)
	// Tooltip last.
	if a.hover >= 0 && len(pp.tip) > 0 && (a.overlay == OverlayNone || a.overlay == OverlayDialog) {
		tx := min(a.in.MouseX+16*s, g.W-pp.tipW-4*s)
		ty := min(a.in.MouseY+16*s, g.H-pp.tipH-4*s)
		r := Rect{tx, ty, pp.tipW, pp.tipH}
		dst.Rect(r, color.RGBA{0x0b, 0x0d, 0x12, 0xf2})
		dst.StrokeRect(r, max(1, s), colBorder)
		for i, l := range pp.tip {
			fc, col := f.Small, colText
			if i == 0 {
				col = colAccent
			}
			dst.Text(l, tx+8*s, ty+5*s+float32(i)*16*s, fc, col, AlignStart, false)
		}
	}
}

func (a *App) drawCell(dst Renderer, c *cellPrep) {
	s := a.geo.S
	r := c.R
	dst.Rect(r, c.Fill)
	if c.NoData {
		dst.Line(r.X+2*s, r.Y+r.H-2*s, r.X+r.W-2*s, r.Y+2*s, 1*s, color.RGBA{0x55, 0x55, 0x55, 0xff})
	}
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
	f := a.fonts.Tiny
	cy := r.Y + r.H/2
	if c.Label[1] == "" {
		dst.Text(c.Label[0], r.X+r.W/2, cy, f, c.LabelCol, AlignCenter, true)
	} else {
		lh := 6 * s
		dst.Text(c.Label[0], r.X+r.W/2, cy-lh, f, c.LabelCol, AlignCenter, true)
		dst.Text(c.Label[1], r.X+r.W/2, cy+lh, f, c.LabelCol, AlignCenter, true)
	}
}

func (a *App) drawLegend(dst Renderer) {
	pp := &a.play
	s := a.geo.S
	f := a.fonts
	bar := pp.legendBar
	dst.Text(pp.legendHead, bar.X, bar.Y-3*s, f.Small, colText, AlignStart, false)
	n := len(pp.stops)
	w := bar.W / float32(n)
	for i, c := range pp.stops {
		dst.Rect(Rect{bar.X + float32(i)*w, bar.Y + 14*s, w + 0.5, bar.H}, c)
	}
	for _, t := range pp.ticks {
		dst.Rect(Rect{t.X - 0.5*s, bar.Y + 14*s + bar.H, 1 * s, 4 * s}, colDim)
		dst.Text(t.Label, t.X, bar.Y+14*s+bar.H+5*s, f.Tiny, colDim, AlignCenter, false)
	}
	// Marks: hub ring, cluster diamond, human dot.
	x := bar.X + bar.W + 24*s
	y := bar.Y + 14*s
	dst.StrokeRect(Rect{x, y, 12 * s, 12 * s}, 2*s, colHubRing)
	dst.Text(pp.legendMarks[0], x+18*s, y+6*s, f.Tiny, colDim, AlignStart, true)
	y += 17 * s
	dst.Circle(x+6*s, y+6*s, 4*s, colHubRing)
	dst.Text(pp.legendMarks[1], x+18*s, y+6*s, f.Tiny, colDim, AlignStart, true)
	x += pp.legendMarkX
	dst.Circle(x+6*s, bar.Y+20*s, 3.5*s, colHuman)
	dst.Text(pp.legendMarks[2], x+16*s, bar.Y+20*s, f.Tiny, colDim, AlignStart, true)
}

func (a *App) drawChart(dst Renderer, ch *chartPrep) {
	s := a.fonts.scale
	f := a.fonts
	dst.Rect(ch.R, colPanel)
	dst.Text(ch.Title, ch.R.X+8*s, ch.R.Y+5*s, f.Small, colText, AlignStart, false)
	p := ch.Plot
	for _, y := range ch.GridY {
		dst.Line(p.X, y, p.X+p.W, y, 1, colBorder)
	}
	dst.Line(p.X, p.Y+p.H, p.X+p.W, p.Y+p.H, 1, colDim)
	dst.Text(ch.YMax, p.X-4*s, p.Y, f.Tiny, colDim, AlignEnd, true)
	dst.Text(ch.YMin, p.X-4*s, p.Y+p.H, f.Tiny, colDim, AlignEnd, true)
	dst.Text(ch.X0, p.X, p.Y+p.H+3*s, f.Tiny, colDim, AlignStart, false)
	dst.Text(ch.X1, p.X+p.W, p.Y+p.H+3*s, f.Tiny, colDim, AlignEnd, false)
	lx := ch.LegendX
	for k := 0; k < ch.N; k++ {
		sp := &ch.Series[k]
		dst.Polyline(sp.Pts, 1.8*s, sp.C)
		if sp.Label != "" {
			dst.Rect(Rect{lx, ch.LegendY - 1.5*s, 10 * s, 3 * s}, sp.C)
			dst.Text(sp.Label, lx+13*s, ch.LegendY, f.Tiny, sp.C, AlignStart, true)
			lx += 22*s + sp.LabelW
		}
	}
}

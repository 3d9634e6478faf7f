package game

import (
	"dongshu/game/series"
	"image/color"
	"math"
	"slices"

	"dongshu/configs"
	"dongshu/game/session"
	"dongshu/game/view"
)

// The what-if panel (W on the play screen) moves the levers that matter while the game runs: each change
// is a session what-if (session.WhatIf), checked by the lever's range and applied from the next month,
// like any decision. The compare view (C) overlays, dashed, the run without the what-ifs on the charts:
// a replay of the game's other actions from the same seed (session.Baseline), computed once per change of
// the what-ifs and then advanced a month at a time with the game (session.CatchUp), never per frame.

// whatIfLevers are the levers the panel offers, in the order of their rows' WhatIf (configs.Levers: their
// label, unit, steps and range).
var whatIfLevers = func() []configs.Lever {
	ls := leversWhere(func(s configs.LeverSpec) bool { return s.WhatIf > 0 })
	slices.SortStableFunc(ls, func(a, b configs.Lever) int { return a.Spec().WhatIf - b.Spec().WhatIf })
	return ls
}()

type whatIfState struct {
	focus   int
	draft   [configs.NumLevers]float64 // the levels shown (by place in whatIfLevers), applied with Enter
	rev     int                        // bumped at every change (the play screen's cache key)
	compare bool
	base    *session.Session // the run without the what-ifs (compare view)
	baseN   int              // the number of what-ifs base was computed for
	baseErr error
}

// whatIfKeys are the panel's keys: Up/Down pick a lever, Left/Right step it (Shift: a big step), Enter
// applies, C toggles the compare view, W or Esc closes.
func whatIfKeys(k Key, in *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyUp:
		return Command{Kind: CmdFocus, Delta: -1}, true
	case KeyDown, KeyTab:
		return Command{Kind: CmdFocus, Delta: 1}, true
	case KeyLeft:
		return Command{Kind: CmdAdjust, Arg: -1, Delta: -1, Big: in.Shift}, true
	case KeyRight:
		return Command{Kind: CmdAdjust, Arg: -1, Delta: 1, Big: in.Shift}, true
	case KeyEnter:
		return cmdOf(CmdConfirm)
	case KeyW, KeyEscape:
		return cmdOf(CmdWhatIf)
	case KeyC:
		return cmdOf(CmdCompare)
	case KeySpace:
		return cmdOf(CmdPause)
	case KeyF1, KeyH:
		return cmdOf(CmdHelp)
	}
	return Command{}, false
}

// doWhatIf carries out the panel's commands (play screen).
func (pl *playStage) doWhatIf(c Command) {
	wi := &pl.wi
	switch c.Kind {
	case CmdWhatIf:
		if pl.overlay == OverlayWhatIf {
			pl.overlay = OverlayNone
			break
		}
		if pl.overlay != OverlayNone {
			return
		}
		if !pl.sess.WhatIfAllowed() || pl.opt.Remote != nil {
			pl.message(pl.cat.T("ui.whatif.title"), pl.cat.T("ui.whatif.not_allowed"))
			return
		}
		for i, l := range whatIfLevers {
			wi.draft[i] = pl.sess.Level(l)
		}
		pl.overlay = OverlayWhatIf
	case CmdCompare:
		wi.compare = !wi.compare
	case CmdFocus:
		wi.focus = (wi.focus + c.Delta + len(whatIfLevers)) % len(whatIfLevers)
	case CmdAdjust:
		l := whatIfLevers[wi.focus]
		spec := l.Spec()
		step := spec.Step
		if c.Big {
			step = spec.BigStep
		}
		v := wi.draft[wi.focus] + float64(c.Delta)*step
		v = math.Round(v/spec.Step) * spec.Step // on the steps' grid, no drift from repeated sums
		wi.draft[wi.focus] = min(spec.Top, max(l.Range().Lo, v))
	case CmdConfirm:
		pl.applyWhatIfs()
	}
	wi.rev++
}

// applyWhatIfs submits a what-if for every lever whose level the panel changed, and closes the panel.
func (pl *playStage) applyWhatIfs() {
	now := pl.sess.Model().W.Now
	for i, l := range whatIfLevers {
		v := pl.wi.draft[i]
		if v == pl.sess.Level(l) {
			continue
		}
		if err := pl.submit(session.Action{Month: now, WhatIf: &session.WhatIf{Key: l.String(), Level: v}}); err != nil {
			pl.overlay = OverlayNone
			pl.errorBox(err)
			return
		}
	}
	pl.overlay = OverlayNone
}

// leverValue formats a lever's level in the game (view.LeverValue: the dialog, its warnings, the what-if
// panel and the news say it the same way).
func (pl *playStage) leverValue(l configs.Lever, v float64) string {
	return view.LeverValue(pl.cat, l, v)
}

// prepareWhatIf lays out the panel in the dialog's box: a row per lever (its name, the level to apply
// and the level in force), the last what-ifs set, and the keys.
func (pl *playStage) prepareWhatIf(sc *scene) {
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	box := pl.geo.Dialog
	sc.dialogPanel(box, s)
	x0, w := box.X+14*s, box.W-28*s
	y := box.Y + 12*s
	sc.text(fit(c.T("ui.whatif.title"), f.Head, w), x0, y, f.Head, colText)
	y += 24 * s
	sc.text(fit(c.T("ui.whatif.from", view.MonthLabel(c, pl.sess.Model().W.Now+1)), f.Small, w), x0, y, f.Small, colDim)
	y += 26 * s
	for i, l := range whatIfLevers {
		r := Rect{box.X + 6*s, y - 3*s, box.W - 12*s, 38 * s}
		if i == pl.wi.focus {
			sc.rect(r, colBorder)
		}
		sc.hotArea(r, Command{Kind: CmdFocus, Delta: i - pl.wi.focus})
		col := colText
		now := pl.sess.Level(l)
		if pl.wi.draft[i] != now {
			col = colAccent
		}
		value := pl.leverValue(l, pl.wi.draft[i])
		vw := advance(value, f.Small)
		sc.text(fit(c.T(l.Spec().Label), f.Small, w-vw-12*s), x0, y, f.Small, colText)
		sc.textAlign(value, x0+w, y, f.Small, col, AlignEnd, false)
		sc.text(fit(c.T("ui.whatif.now", pl.leverValue(l, now)), f.Tiny, w), x0, y+17*s, f.Tiny, colDim)
		y += 42 * s
	}
	y += 4 * s
	ws := pl.sess.WhatIfs()
	if len(ws) > 0 {
		sc.text(c.T("ui.whatif.log"), x0, y, f.Small, colDim)
		y += 20 * s
		for _, r := range ws[max(0, len(ws)-4):] {
			l, err := configs.ParseLever(r.Key)
			if err != nil {
				continue
			}
			line := c.T("ui.whatif.log_line", view.MonthLabel(c, r.Month+1), c.T(l.Spec().Label), pl.leverValue(l, r.Level))
			sc.text(fit(line, f.Tiny, w), x0, y, f.Tiny, colText)
			y += 16 * s
		}
	}
	for i, line := range wrapText(c.T("ui.whatif.keys"), f.Tiny, w, 3) {
		sc.text(line, x0, box.Y+box.H-54*s+float32(i)*16*s, f.Tiny, colDim)
	}
}

// prepareCompare fills the charts' dashed series with the run without the what-ifs, when the compare view
// is on: the run is replayed once per change of the what-ifs and then kept up with the game.
func (pl *playStage) prepareCompare(sc *scene) {
	wi := &pl.wi
	for i := range pl.charts.charts {
		for k := range pl.charts.charts[i].Ghost {
			pl.charts.charts[i].Ghost[k].Pts = pl.charts.charts[i].Ghost[k].Pts[:0]
		}
	}
	if !wi.compare {
		wi.base = nil
		return
	}
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	n := len(pl.sess.WhatIfs())
	switch {
	case wi.base == nil || wi.baseN != n:
		wi.base, wi.baseErr = pl.sess.Baseline()
		wi.baseN = n
	case wi.baseErr == nil:
		wi.baseErr = pl.sess.CatchUp(wi.base)
	}
	ch0 := &pl.charts.charts[0]
	label := c.T("ui.whatif.compare_on")
	if n == 0 {
		label = c.T("ui.whatif.compare_none")
	}
	if wi.baseErr != nil {
		label = c.T("ui.whatif.compare_error")
		wi.base = nil
	}
	// Inside the plot, at its top right (the legend's row is full on a narrow chart).
	sc.textAlign(fit(label, f.Tiny, ch0.Plot.W*0.95), ch0.Plot.X+ch0.Plot.W, ch0.Plot.Y+2*s, f.Tiny, colAccent, AlignEnd, false)
	if wi.base == nil {
		return
	}
	h := wi.base.History()
	cc := &pl.charts.cols
	if !cc.ok {
		return
	}
	for i := range pl.charts.charts {
		ch := &pl.charts.charts[i]
		if ch.Top <= 0 {
			continue
		}
		for k := 0; k < ch.N; k++ {
			g := &ch.Ghost[k]
			g.C = ch.Series[k].C
			g.Pts = cc.points(g.Pts, ch, series.Charts[i].Series[k], h)
		}
	}
}

// drawDashed strokes pts as a dashed line: three months drawn, three left out.
func drawDashed(dst Renderer, pts []float32, width float32, c color.RGBA) {
	for i := 0; i+3 < len(pts); i += 2 {
		if (i/2/3)%2 == 0 {
			dst.Line(pts[i], pts[i+1], pts[i+2], pts[i+3], width, c)
		}
	}
}

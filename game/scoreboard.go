package game

import (
	"image/color"

	"dongshu/game/session"
	"dongshu/game/view"
)

// The live scoreboards: a compact panel at the right end of the news panel with the two boards of the
// seat whose turn it is (session.Scores: the career score the promotion tournament rewards and the
// nation's score) — each a score and a small bar per part, the parts' values and rules on hover — and
// under them that seat's latest round report (session.RoundReport). Everything is prepared when the
// play screen is rebuilt (at most once a month, or on a change); Draw only reads it.

// boardPart is one part's bar in the panel and its tooltip's text (wrapped when hovered).
type boardPart struct {
	R     Rect // the bar
	Score float64
	Tip   []string // the tooltip's paragraphs, unwrapped
}

// boardRow is one board in the panel.
type boardRow struct {
	Label, Score string
	ScoreCol     color.RGBA
	Y, ScoreX    float32
	Parts        []boardPart
	Tip          []string // over the label and score: what the board rewards
	TipR         Rect
}

// scoreboardPrep is the panel's prepared content.
type scoreboardPrep struct {
	On     bool
	R      Rect
	Title  string
	Rows   [2]boardRow
	Report []kv // the round report's lines (K "i", "ii": indented)
	// The tooltip shown: of the part (or board) hovered, -1 none; its lines and width.
	tipAt int
	tip   []string
	TipW  float32
}

// scoreboardSeat is whose boards the panel shows: the province (or planner) whose turn it is at a
// hot-seat round, else the selected province if a human plays it, else the first human province, else
// the planner (-1).
func (pl *playStage) scoreboardSeat() int {
	st := pl.sess.Setup()
	switch {
	case len(pl.waiting.Provinces) > 0:
		return pl.waiting.Provinces[0]
	case pl.waiting.Planner:
		return -1
	}
	for _, p := range st.Role.Provinces {
		if p == pl.selected {
			return p
		}
	}
	if len(st.Role.Provinces) > 0 {
		return st.Role.Provinces[0]
	}
	return -1
}

// scoreboardRect carves the panel from the right of the news panel (none when the news is narrow, as
// beside the decision dialog); it returns the panel and what is left for the news.
func scoreboardRect(news Rect, s float32) (board, rest Rect, ok bool) {
	w := min(max(news.W*0.42, 280*s), 420*s)
	if news.W-w < 300*s {
		return Rect{}, news, false
	}
	m := 8 * s
	return Rect{news.X + news.W - w, news.Y, w, news.H}, Rect{news.X, news.Y, news.W - w - m, news.H}, true
}

// prepareScoreboard lays out the panel and narrows the news panel to leave it room (called by
// rebuildPlay before the news is laid out).
func (pl *playStage) prepareScoreboard() {
	sb := &pl.prep.board
	g := &pl.geo
	sb.On = false
	if pl.dialogOpen() {
		return
	}
	board, rest, ok := scoreboardRect(g.News, g.S)
	if !ok {
		return
	}
	g.News = rest
	sb.On, sb.R = true, board
	c, f, s := pl.cat, pl.fonts, g.S
	seat := pl.scoreboardSeat()
	title := c.T("ui.score.title", pl.roleName(seat))
	if pl.sess.Setup().Role.Autoplay() {
		// No human seat (the facilitator mode, autoplay): the boards are the country's, not a planner's.
		title = c.T("ui.score.title_country")
	}
	sb.Title = fit(title, f.Bold, board.W-24*s)
	sc := pl.sess.Scores(seat)
	x0 := board.X + 12*s
	y := board.Y + 30*s
	sb.TipW = 0
	for i, b := range []session.Board{sc.Career, sc.Nation} {
		row := &sb.Rows[i]
		row.Label = c.T([2]string{"ui.score.career_short", "ui.score.nation_short"}[i])
		row.Score = c.Number(b.Score, 0)
		if b.HasOwn {
			row.Score += " " + c.T("ui.score.own", c.Number(b.OwnScore, 0))
		}
		row.ScoreCol = scoreColour(b.Score)
		row.Y, row.ScoreX = y, x0+advance(row.Label, f.Small)+8*s
		row.TipR = Rect{x0, y, board.W * 0.5, 22 * s}
		row.Tip = append(row.Tip[:0], c.T(b.Key), c.T([2]string{"ui.score.tip.career", "ui.score.tip.nation"}[i]))
		// The parts' bars share the row's right half.
		bx := max(board.X+board.W*0.5, row.ScoreX+advance(row.Score, f.Bold)+8*s) // clear of the score
		bw := (board.X + board.W - 12*s - bx) / float32(max(len(b.Parts), 1))
		row.Parts = row.Parts[:0]
		for _, p := range b.Parts {
			bp := boardPart{R: Rect{bx + 2*s, y + 4*s, bw - 4*s, 14 * s}, Score: p.Score}
			bp.Tip = append(bp.Tip, c.T("ui.score.tip.part", c.T(p.Key), pl.partValue(p), c.Number(p.Score, 0)))
			if p.HasOwn {
				bp.Tip = append(bp.Tip, c.T("ui.score.tip.own", pl.partValue(p.OwnPart()), c.Number(p.OwnScore, 0)))
			}
			bp.Tip = append(bp.Tip, pl.partRule(p.Key))
			row.Parts = append(row.Parts, bp)
			bx += bw
		}
		y += 26 * s
	}
	sb.tipAt = -2 // the tooltip is rebuilt for the new texts
	pl.prepareReport(seat, y+6*s)
}

// boardHover is the index of the board (0, 1) or part (2 + its index over both boards) under the mouse,
// -1 for none.
func (pl *playStage) boardHover() int {
	sb := &pl.prep.board
	s := pl.geo.S
	at, k := -1, 2
	for i := range sb.Rows {
		row := &sb.Rows[i]
		if row.TipR.Contains(pl.mouseX, pl.mouseY) {
			at = i
		}
		for j := range row.Parts {
			p := &row.Parts[j]
			if (Rect{p.R.X - 2*s, row.Y, p.R.W + 4*s, 22 * s}).Contains(pl.mouseX, pl.mouseY) {
				at = k
			}
			k++
		}
	}
	return at
}

// prepareBoardTip wraps the tooltip of what the mouse is over in the panel, when that changes (called
// from preparePlay every frame; nothing is done while the mouse stays on the same thing).
func (pl *playStage) prepareBoardTip() {
	sb := &pl.prep.board
	at := -1
	if sb.On {
		at = pl.boardHover()
	}
	if at == sb.tipAt {
		return
	}
	sb.tipAt = at
	sb.tip = sb.tip[:0]
	var paras []string
	switch k := 2; {
	case at == 0 || at == 1:
		paras = sb.Rows[at].Tip
	case at >= 2:
		for i := range sb.Rows {
			for j := range sb.Rows[i].Parts {
				if k == at {
					paras = sb.Rows[i].Parts[j].Tip
				}
				k++
			}
		}
	}
	f, s := pl.fonts, pl.geo.S
	for i, p := range paras {
		if i == 0 {
			sb.tip = append(sb.tip, p)
			continue
		}
		sb.tip = append(sb.tip, wrapText(p, f.Small, 380*s, 4)...)
	}
	sb.TipW = 0
	for _, l := range sb.tip {
		sb.TipW = max(sb.TipW, advance(l, f.Small))
	}
	sb.TipW += 16 * s
}

// partRule is how a part is scored, in a sentence.
func (pl *playStage) partRule(key string) string {
	c := pl.cat
	scn := pl.sess.Model().W.Scn
	switch key {
	case session.PartInvestment:
		return c.T("ui.score.tip.rule.investment", c.Number(session.InvestFullBn, 0))
	case session.PartGrowth:
		return c.T("ui.score.tip.rule.growth", c.Number(100*session.PromotionFull*scn.Behaviour.GrowthScale, 2))
	case session.PartJobs:
		return c.T("ui.score.tip.rule.jobs")
	case session.PartJobsGrowth:
		return c.T("ui.score.tip.rule.jobs_growth")
	case session.PartUse:
		return c.T("ui.score.tip.rule.use", c.Number(100*scn.Planner.TargetUtilisation, 0))
	case session.PartDebt:
		return c.T("ui.score.tip.rule.debt")
	case session.PartEmissions:
		return c.T("ui.score.tip.rule.emissions", c.Number(scn.Power.ThermalCO2, 2))
	case session.PartUnserved:
		return c.T("ui.score.tip.rule.unserved")
	}
	return ""
}

// reasonText is a round report's reason in words.
func (pl *playStage) reasonText(r session.RoundReport) string {
	c := pl.cat
	share := c.Number(100*r.ReasonShare, 0)
	switch r.Reason {
	case session.ReasonLatency, session.ReasonTransit:
		return c.T(r.Reason.Key(), share)
	case session.ReasonRival:
		rival := ""
		if w := pl.sess.Model().W; r.Rival >= 0 && r.Rival < len(w.Provinces) {
			rival = c.Province(w.Provinces[r.Rival].ID)
		}
		return c.T(r.Reason.Key(), share, rival)
	}
	return c.T(r.Reason.Key())
}

// reportLines are a round report's lines (the heading first), for the panel and the tests.
func (pl *playStage) reportLines(r session.RoundReport) []string {
	c := pl.cat
	n := func(v float64, d int) string { return c.Number(v, d) }
	out := []string{c.T("ui.score.report.title", pl.roleName(r.Province), view.MonthLabel(c, r.Month))}
	switch {
	case r.Round && r.Decided && r.Quotas:
		out = append(out, c.T("ui.score.report.quota", n(r.RequestMW, 0), n(r.GrantedMW, 0)))
	case r.Round && r.Decided:
		out = append(out, c.T("ui.score.report.no_quota"))
	}
	if r.Decided || r.StartedMW > 0 {
		out = append(out, c.T("ui.score.report.started", n(r.StartedMW, 0), n(r.BeyondMW, 0)))
	}
	switch {
	case r.Caught:
		out = append(out, c.T("ui.score.report.caught", n(r.FineBn, 2), n(r.HaltedMW, 0)))
	case r.BeyondMW > 0:
		out = append(out, c.T("ui.score.report.not_caught"))
	case !r.Round && !r.Decided:
		out = append(out, c.T("ui.score.report.event"))
	}
	out = append(out, c.T("ui.score.report.use", n(100*r.Use, 0), n(100*r.Target, 0)))
	if r.Reason != session.ReasonNone {
		out = append(out, c.T("ui.score.report.why", pl.reasonText(r)))
	}
	out = append(out, c.T("ui.score.report.debt", n(r.DebtBn, 0), signedNumber(c.Number(r.DebtYearBn, 0), r.DebtYearBn)))
	return out
}

// signedNumber puts a + before a formatted positive number.
func signedNumber(s string, v float64) string {
	if v > 0 && s != "0" {
		return "+" + s
	}
	return s
}

// prepareReport lays out seat's latest round report from y down to the panel's bottom (wrapped; what
// does not fit is left out).
func (pl *playStage) prepareReport(seat int, y float32) {
	sb := &pl.prep.board
	sb.Report = sb.Report[:0]
	r := pl.sess.RoundReport(seat)
	if seat < 0 || !r.Valid {
		return
	}
	f, s := pl.fonts, pl.geo.S
	w := sb.R.W - 24*s
	rows := int((sb.R.Y + sb.R.H - 6*s - y) / (16 * s))
	for i, l := range pl.reportLines(r) {
		col, face := colText, f.Small
		if i == 0 {
			col = colAccent
		}
		if i > 0 && r.Caught && i <= 3 {
			col = colWarn
		}
		for k, part := range wrapText(l, face, w-float32(min(i, 1))*8*s, 2) {
			if len(sb.Report) >= rows {
				return
			}
			key := ""
			if i > 0 {
				key = "i" // indented under the heading
			}
			if k > 0 {
				key = "ii"
			}
			sb.Report = append(sb.Report, kv{K: key, V: part, C: col})
		}
	}
}

// drawScoreboard draws the panel, and the tooltip of the part (or board) under the mouse.
func (pl *playStage) drawScoreboard(dst Renderer) {
	sb := &pl.prep.board
	if !sb.On {
		return
	}
	f, s := pl.fonts, pl.geo.S
	r := sb.R
	dst.Rect(r, colPanel)
	x := r.X + 12*s
	drawText(dst, sb.Title, x, r.Y+8*s, f.Bold, colText, AlignStart, false)
	for i := range sb.Rows {
		row := &sb.Rows[i]
		drawText(dst, row.Label, x, row.Y+11*s, f.Small, colDim, AlignStart, true)
		drawText(dst, row.Score, row.ScoreX, row.Y+11*s, f.Bold, row.ScoreCol, AlignStart, true)
		for k := range row.Parts {
			p := &row.Parts[k]
			dst.Rect(p.R, colPanel2)
			fill := p.R
			fill.W *= float32(min(max(p.Score, 0), 100) / 100)
			dst.Rect(fill, scoreColour(p.Score))
		}
	}
	ry := sb.Rows[1].Y + 32*s
	for _, l := range sb.Report {
		lx := x
		switch l.K {
		case "i":
			lx += 8 * s
		case "ii":
			lx += 16 * s
		}
		drawText(dst, l.V, lx, ry, f.Small, l.C, AlignStart, false)
		ry += 16 * s
	}
	// The tooltip of what the mouse is over (prepareBoardTip).
	tip := sb.tip
	if sb.tipAt < 0 || len(tip) == 0 {
		return
	}
	g := &pl.geo
	h := float32(len(tip))*16*s + 10*s
	tx := max(4*s, min(pl.mouseX-sb.TipW/2, g.W-sb.TipW-4*s))
	ty := max(4*s, pl.mouseY-h-12*s)
	box := Rect{tx, ty, sb.TipW, h}
	dst.Rect(box, color.RGBA{0x0b, 0x0d, 0x12, 0xf2})
	dst.StrokeRect(box, max(1, s), colBorder)
	for i, l := range tip {
		col := colText
		if i == 0 {
			col = colAccent
		}
		drawText(dst, l, tx+8*s, ty+5*s+float32(i)*16*s, f.Small, col, AlignStart, false)
	}
}

// Scoreboard returns the live scoreboards' panel and its parts' bars, career then nation (for tests and
// screenshots); ok is false when the panel is not shown.
func (a *App) Scoreboard() (panel Rect, parts []Rect, ok bool) {
	p, ok := a.stage.(*playStage)
	if !ok {
		return Rect{}, nil, false
	}
	sb := &p.prep.board
	for _, row := range sb.Rows {
		for _, p := range row.Parts {
			parts = append(parts, p.R)
		}
	}
	return sb.R, parts, sb.On
}

package game

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strconv"

	"dongshu/game/session"
	"dongshu/game/view"
)

// The debrief's "What happened" block: the run's key figures (session.Facts, session.ProvinceFacts),
// each with a line in plain words that says what it means, chosen by the figure.

// factLine is one figure and its meaning, or (sub) a heading.
type factLine struct {
	head, text string
	sub        bool
}

// The policy's stylised fact (docs/ODD.md, the patterns the model is checked against): in 2022 the north-west's data centres were about 30 % used,
// the eastern hubs' over 65 %.
const (
	realNorthwest2022 = 0.30
	realEast2022      = 0.65
)

// Thresholds of the plain-words lines.
const (
	hubGapReal  = 0.25 // east - north-west utilisation in 2022: "as in reality" from here (about 35 points)
	hubGapSome  = 0.08 // ... "a smaller gap" from here, else "kept pace"
	unservedLow = 0.01 // unserved share below which "nearly all work found a data centre"
	co2Flat     = 0.03 // relative change of CO2 per MWh within which it is "about as at the start"
	utilPar     = 0.05 // a province's utilisation within this of the country's is "about as full"
)

// roleName is a debrief's role: a province's name, or the planner.
func (a *App) roleName(p int) string {
	w := a.sess.Model().W
	if p >= 0 && p < len(w.Provinces) {
		return a.cat.Province(w.Provinces[p].ID)
	}
	return a.cat.T("ui.role.planner")
}

// debriefFacts lists the "What happened" block: its heading, the national figures, then each human
// province's own figures under its name.
func (db *debriefStage) debriefFacts() []factLine {
	out := db.nationalFacts()
	if out == nil {
		return nil
	}
	for _, p := range db.sess.Setup().Role.Provinces {
		out = append(out, db.provinceFacts(p, db.roleName(p))...)
	}
	return out
}

func (db *debriefStage) pct(v float64, digits int) string { return db.cat.Number(100*v, digits) }

// nationalFacts is the "What happened" block's heading and the national figures.
func (db *debriefStage) nationalFacts() []factLine {
	c := db.cat
	f := db.facts
	if f.Months == 0 || db.sess == nil {
		return nil
	}
	pct := db.pct
	out := []factLine{{head: c.T("ui.debrief.what"), sub: true}}
	if f.Has2022 {
		key := "ui.debrief.fact.hubs_none"
		switch gap := f.EastHubsUtil2022 - f.NorthwestUtil2022; {
		case gap >= hubGapReal:
			key = "ui.debrief.fact.hubs_real"
		case gap >= hubGapSome:
			key = "ui.debrief.fact.hubs_less"
		}
		out = append(out, factLine{head: c.T("ui.debrief.fact.hubs", pct(f.NorthwestUtil2022, 0), pct(f.EastHubsUtil2022, 0)),
			text: c.T(key, pct(realNorthwest2022, 0), pct(realEast2022, 0))})
	}
	out = append(out, factLine{
		head: c.T("ui.debrief.fact.overbuild", c.Number(f.PeakOverbuildMW/1000, 1), view.MonthLabel(c, f.PeakOverbuildMonth)),
		text: c.T("ui.debrief.fact.overbuild_text")})
	endYear, startYear := strconv.Itoa(f.End.Year()), strconv.Itoa(f.Start.Year())
	key := "ui.debrief.fact.unserved_high"
	if f.UnservedEnd < unservedLow {
		key = "ui.debrief.fact.unserved_low"
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.unserved", pct(f.UnservedEnd, 1), endYear), text: c.T(key)})
	key = "ui.debrief.fact.co2_flat"
	switch {
	case f.CO2PerMWhEnd < f.CO2PerMWhStart*(1-co2Flat):
		key = "ui.debrief.fact.co2_down"
	case f.CO2PerMWhEnd > f.CO2PerMWhStart*(1+co2Flat):
		key = "ui.debrief.fact.co2_up"
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.co2", c.Number(f.CO2PerMWhEnd, 2), endYear, startYear,
		c.Number(f.CO2PerMWhStart, 2)), text: c.T(key)})
	return out
}

// provinceFacts is province p's own figures, each against the country's, under the heading head.
func (db *debriefStage) provinceFacts(p int, head string) []factLine {
	c := db.cat
	f := db.facts
	if f.Months == 0 || db.sess == nil {
		return nil
	}
	pct := db.pct
	signed := func(v float64) string { return signedNumber(c.Number(100*v, 0), v) }
	endYear := strconv.Itoa(f.End.Year())
	out := []factLine{{head: head, sub: true}}
	pf := db.sess.ProvinceFacts(p)
	key := "ui.debrief.fact.p_util_par"
	switch d := pf.UtilEnd - pf.NationalUtilEnd; {
	case d > utilPar:
		key = "ui.debrief.fact.p_util_above"
	case d < -utilPar:
		key = "ui.debrief.fact.p_util_below"
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.p_util", pct(pf.UtilEnd, 0), pct(pf.NationalUtilEnd, 0), endYear), text: c.T(key)})
	rise, natRise := growth(pf.DebtStart, pf.DebtEnd), growth(pf.NationalDebtStart, pf.NationalDebtEnd)
	key = "ui.debrief.fact.p_debt_slower"
	switch {
	case rise < 0:
		key = "ui.debrief.fact.p_debt_fell"
	case rise > natRise:
		key = "ui.debrief.fact.p_debt_faster"
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.p_debt", c.Number(pf.DebtStart, 0), c.Number(pf.DebtEnd, 0),
		signed(rise), signed(natRise)), text: c.T(key)})
	key = "ui.debrief.fact.p_jobs_less"
	if pf.JobsShare >= pf.GDPShare {
		key = "ui.debrief.fact.p_jobs_more"
	}
	text := c.T(key)
	if pf.JobsEnd < pf.JobsStart && pf.CapacityEnd > pf.CapacityStart && pf.CapacityStart > 0 {
		// Capacity up, jobs down: construction employs more per MW than operations (session.ProvinceFacts).
		dc := &db.sess.Model().W.Scn.DataCentres
		text = c.T("ui.score.jobs_fell", c.Number(pf.CapacityEnd/pf.CapacityStart, 1), c.Number(dc.JobsPerMWBuilding, 1),
			c.Number(dc.JobsPerMWOnline, 1))
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.p_jobs", c.Number(pf.JobsEnd, 0), pct(pf.JobsShare, 1), pct(pf.GDPShare, 1),
		c.Number(pf.JobsBuilding, 0), c.Number(pf.JobsOnline, 0), c.Number(pf.JobsRatio, 2)), text: text})
	return out
}

// growth is the relative change from a to b (0 when a is not positive).
func growth(a, b float64) float64 {
	if a <= 0 {
		return 0
	}
	return b/a - 1
}

// layoutFacts places facts from (x, y) in width w and returns where the block ends. With sc nil it only
// measures; the plain-words lines take up to textLines lines (0: left out). Nothing is drawn below bottom: the first
// fact that does not fit and all after it are left out.
func layoutFacts(sc *scene, facts []factLine, x, y, w, bottom float32, f *faces, s float32, textLines int) float32 {
	lh := 15 * s
	stopped := sc == nil
	for i, fl := range facts {
		if fl.sub {
			if i > 0 {
				y += 4 * s
			}
			col := colText
			if i == 0 {
				col = colAccent
			}
			if !stopped && y+20*s > bottom {
				stopped = true
			}
			if !stopped {
				sc.text(fit(fl.head, f.Bold, w), x, y, f.Bold, col)
			}
			y += 22 * s
			continue
		}
		head := wrapText(fl.head, f.Small, w, 2)
		var text []string
		if textLines > 0 && fl.text != "" {
			text = wrapText(fl.text, f.Small, w-10*s, textLines)
		}
		h := float32(len(head)+len(text)) * lh
		if !stopped && y+h > bottom {
			stopped = true
		}
		if !stopped {
			for k, l := range head {
				sc.text(l, x, y+float32(k)*lh, f.Small, colText)
			}
			for k, l := range text {
				sc.text(l, x+10*s, y+float32(len(head)+k)*lh, f.Small, colDim)
			}
		}
		y += h + 7*s
	}
	return y
}

// The debrief screen: on the left the scores and "What happened", on the right the national charts.
// When the left panel cannot hold every role's score and every figure with its plain-words line in
// full (hot seat, small windows), it is paged: first the national figures and one line per role (a
// click opens the role's page), then a page per role with its score, its parts and its province's
// figures. ← → or PgUp PgDn (or the ‹ › buttons above the panel) turn the pages.

// factTextLines is the most lines a plain-words line may take (none needs more at the supported sizes).
const factTextLines = 6

// debriefLeft is the debrief's left panel.
func debriefLeft(W, H, s float32) Rect {
	mg := 16 * s
	return Rect{mg, mg + 52*s, W*0.45 - mg, H - 52*s - 2*mg - 56*s}
}

func (db *debriefStage) prepareDebrief(sc *scene) {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	W, H := float32(db.w), float32(db.h)
	m := db.sess.Model()
	sc.rect(Rect{0, 0, W, H}, colBG)
	mg := 16 * s
	sc.text(c.T("ui.debrief.title", view.MonthLabel(c, m.W.Now)), mg, mg, f.Head, colText)
	sc.text(db.gameTitle(db.sess.Setup()), mg, mg+26*s, f.Small, colDim)
	left := debriefLeft(W, H, s)
	db.prepareDebriefLeft(sc, left)
	if db.pages > 1 {
		db.prepareDebriefPager(sc, left)
	}
	db.prepareDebriefRight(sc, Rect{W*0.45 + mg, left.Y, W*0.55 - 2*mg, left.H})
	db.prepareDebriefButtons(sc)
}

// prepareDebriefLeft fills the left panel: the page shown (one page when everything fits in full,
// else the overview and a page per role), or the counterfactuals.
func (db *debriefStage) prepareDebriefLeft(sc *scene, left Rect) {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	sc.panel(left, s)
	x, y := left.X+14*s, left.Y+12*s
	w := left.W - 28*s
	bottom := left.Y + left.H - 8*s
	db.pages = 1
	var facts []factLine // the single page's (measured, then laid out)
	if len(db.debrief) > 0 {
		facts = db.debriefFacts()
		if db.debriefSingle(nil, facts, x, y, w, bottom) > bottom {
			db.pages = 1 + len(db.debrief)
		}
	}
	db.page = max(0, min(db.page, db.pages-1))
	db.cfButton(sc)
	switch {
	case db.cf.open && len(db.debrief) > 0:
		db.prepareCounterfactual(sc, x, y, w, bottom) // cf.go
	case len(db.debrief) == 0:
		sc.text(c.T("ui.debrief.none"), x, y, f.Body, colDim)
	case db.pages == 1:
		db.debriefSingle(sc, facts, x, y, w, bottom)
	case db.page == 0:
		db.debriefOverview(sc, x, y, w, bottom)
	default:
		db.debriefRole(sc, db.debrief[db.page-1], x, y, w, bottom)
	}
}

// prepareDebriefPager adds ‹ 2 / 4 › above the left panel's right end.
func (db *debriefStage) prepareDebriefPager(sc *scene, left Rect) {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	bs := 30 * s
	by := left.Y - bs - 10*s
	next := Rect{left.X + left.W - bs, by, bs, bs}
	ind := c.T("ui.debrief.page", db.page+1, db.pages)
	iw := max(advance(ind, f.Bold), advance("00 / 00", f.Bold)) + 16*s
	prev := Rect{next.X - iw - bs, by, bs, bs}
	if db.page > 0 {
		sc.button(prev, "‹", Command{Kind: CmdPage, Delta: -1}, false, false)
	} else {
		sc.off(prev, "‹")
	}
	if db.page < db.pages-1 {
		sc.button(next, "›", Command{Kind: CmdPage, Delta: 1}, false, false)
	} else {
		sc.off(next, "›")
	}
	sc.textAlign(ind, prev.X+bs+iw/2, by+bs/2, f.Bold, colText, AlignCenter, true)
}

// prepareDebriefRight fills the right of the screen: the key charts, 2 x 2; under them, the tension
// between the two boards and the why (whyPanel) of the page's role (the overview and a single page:
// every role's, as they fit).
func (db *debriefStage) prepareDebriefRight(sc *scene, right Rect) {
	mg := 16 * db.fonts.scale
	if len(db.debrief) > 0 {
		why := Rect{right.X, right.Y + right.H*0.56 + mg/2, right.W, right.H*0.44 - mg/2}
		right.H *= 0.56
		roles := db.debrief
		if db.pages > 1 && db.page > 0 {
			roles = db.debrief[db.page-1 : db.page]
		}
		db.whyPanel(sc, roles, why)
	}
	cw, ch := (right.W-mg)/2, (right.H-mg)/2
	var rects [NumCharts]Rect
	for i := range NumCharts {
		rects[i] = Rect{right.X + float32(i%2)*(cw+mg), right.Y + float32(i/2)*(ch+mg), cw, ch}
	}
	db.prepareCharts(rects)
	sc.charts = true
}

// prepareDebriefButtons adds export, new game and quit at the bottom right, the keys on their left.
func (db *debriefStage) prepareDebriefButtons(sc *scene) {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	W, H := float32(db.w), float32(db.h)
	mg := 16 * s
	by := H - mg - 40*s
	bw := 200 * s
	sc.button(Rect{W - mg - bw, by, bw, 40 * s}, c.T("ui.debrief.export"), Command{Kind: CmdExport}, false, true)
	sc.button(Rect{W - 2*mg - 2*bw, by, bw, 40 * s}, c.T("ui.debrief.new"), Command{Kind: CmdNewGame}, false, false)
	sc.button(Rect{W - 3*mg - 3*bw, by, bw, 40 * s}, c.T("ui.debrief.quit"), Command{Kind: CmdQuit}, false, false)
	keys := c.T("ui.debrief.keys")
	if db.pages > 1 {
		keys = c.T("ui.debrief.keys_pages")
	}
	lines := wrapText(keys, f.Small, W-4*mg-3*bw-mg, 2)
	ky := by + 20*s - float32(len(lines))*16*s/2
	for i, l := range lines {
		sc.text(l, mg, ky+float32(i)*16*s, f.Small, colDim)
	}
}

// debriefSingle lays out the whole debrief on one page from y: every role's score, the note, then facts
// (debriefFacts: the national figures and each human province's) in full. It returns where it ends
// (past bottom: it does not fit, and what did not fit was left out).
func (db *debriefStage) debriefSingle(sc *scene, facts []factLine, x, y, w, bottom float32) float32 {
	for _, d := range db.debrief {
		y = db.scoreBlock(sc, d, x, y, w, bottom)
	}
	y = db.partsNote(sc, x, y, w)
	return layoutFacts(sc, facts, x, y, w, bottom, db.fonts, db.fonts.scale, factTextLines)
}

// debriefOverview is the first page when paged: a row per role (its score; a click opens its page),
// the hint on pages, then the national figures.
func (db *debriefStage) debriefOverview(sc *scene, x, y, w, bottom float32) {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	rowH := 28 * s
	for i, d := range db.debrief {
		r := Rect{x - 6*s, y, w + 12*s, rowH - 4*s}
		sc.rect(r, colPanel2)
		sc.hotArea(r, Command{Kind: CmdPage, Arg: i + 1})
		cy := r.Y + r.H/2
		sc.textAlign(db.roleName(d.Province), x+2*s, cy, f.Bold, colText, AlignStart, true)
		sc.textAlign("›", x+w-2*s, cy, f.Bold, colDim, AlignEnd, true)
		sc.textAlign(c.T("ui.score.pair", c.Number(d.Career.Score, 0), c.Number(d.Nation.Score, 0)), x+w-18*s, cy, f.Bold,
			colText, AlignEnd, true)
		y += rowH
	}
	y += 2 * s
	y = sc.lines(wrapText(c.T("ui.debrief.pages_hint"), f.Small, w, 2), x, y, f.Small, colDim, 15*s)
	y += 10 * s
	layoutFactsFit(sc, db.nationalFacts(), x, y, w, bottom, f, s)
}

// debriefRole is a role's page: its score and parts, the note, and a province's own figures.
func (db *debriefStage) debriefRole(sc *scene, d session.Debrief, x, y, w, bottom float32) {
	y = db.scoreBlock(sc, d, x, y, w, bottom)
	y = db.partsNote(sc, x, y, w)
	if d.Province >= 0 {
		layoutFactsFit(sc, db.provinceFacts(d.Province, db.cat.T("ui.debrief.what_in", db.roleName(d.Province))), x, y, w, bottom, db.fonts, db.fonts.scale)
	}
}

// layoutFactsFit lays out facts with their plain-words lines in full, or on fewer lines (none at
// worst) when they do not all fit above bottom.
func layoutFactsFit(sc *scene, facts []factLine, x, y, w, bottom float32, f *faces, s float32) {
	lines := factTextLines
	for lines > 0 && layoutFacts(nil, facts, x, y, w, bottom, f, s, lines) > bottom {
		lines--
	}
	layoutFacts(sc, facts, x, y, w, bottom, f, s, lines)
}

// partsNote is the line on how the parts are scored.
func (db *debriefStage) partsNote(sc *scene, x, y, w float32) float32 {
	f, s := db.fonts, db.fonts.scale
	y = sc.lines(wrapText(db.cat.T("ui.debrief.parts_note"), f.Small, w, 2), x, y, f.Small, colDim, 15*s)
	return y + 10*s
}

// partValue is a score part's value in its unit ("70 %", "0.62 t/MWh", "172 bn yuan", "×1.13").
func (a *App) partValue(p session.ScorePart) string {
	v, digits := p.Display()
	n := a.cat.Number(v, digits)
	if p.Unit == "" || !a.cat.Has(p.Unit) {
		return n
	}
	return a.cat.T(p.Unit, n)
}

// partText is a part's value as the debrief shows it: with the province's own value beside the
// nation's when it has one.
func (db *debriefStage) partText(p session.ScorePart) string {
	if p.HasOwn {
		return db.cat.T("ui.score.value_own", db.partValue(p), db.partValue(p.OwnPart()))
	}
	return db.partValue(p)
}

// boardScore is a board's score as the debrief shows it (with the province's own for the nation's).
func (db *debriefStage) boardScore(b session.Board) string {
	c := db.cat
	if b.HasOwn {
		return c.T("ui.score.with_own", c.Number(b.Score, 0), c.Number(b.OwnScore, 0))
	}
	return c.T("ui.debrief.score", c.Number(b.Score, 0))
}

// scoreBlock places a role's name, then its two boards (session.Scores, the live boards' numbers): each
// board's name and score, then its parts: the label (on two lines when it needs them) on the left,
// then on its first line the value in its unit, a bar and the points. It returns the y below; parts
// that would pass bottom are left out.
func (db *debriefStage) scoreBlock(sc *scene, d session.Debrief, x, y, w, bottom float32) float32 {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	right := x + w
	if y+28*s > bottom {
		return y + 28*s
	}
	sc.text(db.roleName(d.Province), x, y, f.Head, colText)
	y += 28 * s
	// Columns from the right: points, bar, the value (as wide as the widest of any role, so that pages
	// line up), the label.
	pointsW := advance("100", f.Small) + 4*s
	barW := max(36*s, w*0.12)
	barX := right - pointsW - 8*s - barW
	valueX := barX - 10*s
	valueW := float32(0)
	for _, e := range db.debrief {
		for _, p := range append(e.Career.Parts[:len(e.Career.Parts):len(e.Career.Parts)], e.Nation.Parts...) {
			valueW = max(valueW, advance(db.partText(p), f.Small))
		}
	}
	labelW := valueX - valueW - 12*s - (x + 8*s)
	for _, b := range []session.Board{d.Career, d.Nation} {
		score := db.boardScore(b)
		head := wrapText(c.T(b.Key), f.Bold, w-advance(score, f.Bold)-12*s, 2)
		h := float32(len(head)) * 18 * s
		if y+h > bottom {
			return y + h
		}
		for i, l := range head {
			sc.text(l, x, y+float32(i)*18*s, f.Bold, colText)
		}
		sc.textAlign(score, right, y, f.Bold, scoreColour(b.Score), AlignEnd, false)
		y += h + 2*s
		for _, p := range b.Parts {
			lines := wrapText(c.T(p.Key), f.Small, labelW, 2)
			h := float32(len(lines)) * 15 * s
			if y+h > bottom {
				return y + h
			}
			for i, l := range lines {
				sc.text(l, x+8*s, y+float32(i)*15*s, f.Small, colDim)
			}
			sc.textAlign(db.partText(p), valueX, y, f.Small, colText, AlignEnd, false)
			bar := Rect{barX, y + 3*s, barW, 9 * s}
			sc.rect(bar, colPanel2)
			sc.rect(Rect{bar.X, bar.Y, bar.W * float32(min(max(p.Score, 0), 100)/100), bar.H}, scoreColour(p.Score))
			sc.textAlign(c.Number(p.Score, 0), right, y, f.Small, colText, AlignEnd, false)
			y += 4*s + h
		}
		y += 6 * s
	}
	return y + 2*s
}

// whyLines are a role's tension sentence and what drove the building, from the model's ledger
// (session.Why): the role's province, then the country.
func (db *debriefStage) whyLines(d session.Debrief) (tension string, why []string) {
	c := db.cat
	t := d.Tension
	cause := db.partValue(t.Cause)
	if t.Cause.HasOwn {
		cause = db.partValue(t.Cause.OwnPart())
	}
	tension = c.T(t.Key, db.roleName(d.Province), c.Number(t.Career, 0), c.Number(t.Nation, 0), c.T(t.Cause.Key), cause)
	list := func(ds []session.Driver) string {
		if len(ds) == 0 {
			return c.T("ui.score.why.nothing")
		}
		var out string
		for i, dr := range ds[:min(len(ds), 3)] {
			if i > 0 {
				out += ", "
			}
			out += c.T("ui.score.why.item", c.T(dr.Key), c.Number(100*dr.Share, 0))
		}
		return out
	}
	w := d.Why
	if d.Province >= 0 {
		if w.BuildMW > 0 {
			why = append(why, c.T("ui.score.why.province", db.roleName(d.Province), c.Number(w.BuildMW, 0), strconv.Itoa(w.Rounds),
				list(w.Pulls), list(w.Costs)))
		} else {
			why = append(why, c.T("ui.score.why.none", db.roleName(d.Province)))
		}
	}
	why = append(why, c.T("ui.score.why.national", list(w.NationalPulls), list(w.NationalCosts)))
	return tension, why
}

// whyPanel is the panel r with roles' tension sentences and why; what does not fit is left out, the
// country's why (the same for every role) after the first role's.
func (db *debriefStage) whyPanel(sc *scene, roles []session.Debrief, r Rect) {
	s := db.fonts.scale
	sc.panel(r, s)
	x, y, w := r.X+12*s, r.Y+10*s, r.W-24*s
	bottom := r.Y + r.H - 6*s
	sc.text(db.cat.T("ui.score.why.title"), x, y, db.fonts.Bold, colAccent)
	y += 22 * s
	for i, d := range roles {
		if y = db.whyBlock(sc, d, i == 0, x, y, w, bottom); y > bottom {
			return
		}
	}
}

// whyBlock places a role's tension sentence and its why (with the country's when national is set); it
// returns the y below (past bottom when it does not fit: what did not fit is left out).
func (db *debriefStage) whyBlock(sc *scene, d session.Debrief, national bool, x, y, w, bottom float32) float32 {
	f, s := db.fonts, db.fonts.scale
	tension, why := db.whyLines(d)
	if !national && d.Province >= 0 {
		why = why[:len(why)-1]
	}
	put := func(text string, face *Face, col color.RGBA, lh float32) bool {
		lines := wrapText(text, face, w, 6)
		h := float32(len(lines)) * lh
		if y+h > bottom {
			y += h
			return false
		}
		for i, l := range lines {
			sc.text(l, x, y+float32(i)*lh, face, col)
		}
		y += h + 4*s
		return true
	}
	col := colText
	if d.Tension.Key == "score.tension.career" {
		col = colWarn // the lesson: what the system rewards is not what the country gets
	}
	if !put(tension, f.Small, col, 15*s) {
		return y
	}
	for _, l := range why {
		if !put(l, f.Small, colText, 15*s) {
			return y
		}
	}
	return y + 6*s
}

// The debrief: scores, facts and charts, paged in hot seat; the counterfactuals; export for the seminar.
type debriefStage struct {
	menuStage
	debrief  []session.Debrief
	facts    session.Facts
	page     int       // the page shown (0: the first)
	pages    int       // the pages (as last prepared)
	cf       cfDebrief // the counterfactuals (cf.go)
	exported bool      // the export has been written (Esc quits at once)
}

// newDebrief makes the debrief of the game that just ended and starts its counterfactuals.
func newDebrief(a *App) *debriefStage {
	db := &debriefStage{menuStage: menuStage{App: a}, debrief: a.sess.Debrief(), facts: a.sess.Facts(), pages: 1}
	db.startCounterfactuals()
	return db
}

func (*debriefStage) Screen() Screen     { return ScreenDebrief }
func (db *debriefStage) Before()         { db.pollCounterfactuals() }
func (db *debriefStage) Prepare()        { db.prepareMenu(db, false) }
func (db *debriefStage) frame(sc *scene) { db.prepareDebrief(sc) }
func (db *debriefStage) key(k *prepKey)  { k.page, k.cfRev = db.page, db.cf.rev }

// Do carries out the debrief's commands: quit (asking first before the export is written), the Info
// screen, export, the counterfactuals, the pages.
func (db *debriefStage) Do(c Command) bool {
	switch c.Kind {
	case CmdQuit:
		// Before the export is written, ask first: the class needs the data.
		if db.exported || db.overlay == OverlayQuitQ {
			return false
		}
		db.overlay = OverlayQuitQ
	case CmdInfo:
		db.toggleInfo()
	case CmdExport:
		db.overlay = OverlayNone
		db.export()
	case CmdCF:
		db.doCounterfactual(c)
	case CmdPage:
		p := c.Arg
		if c.Delta != 0 {
			p = db.page + c.Delta
		}
		db.page = max(0, min(p, db.pages-1))
	default:
		return false
	}
	return true
}

func debriefKeys(k Key, in *Input, _ *UIState) (Command, bool) {
	if k == KeyI {
		return cmdOf(CmdInfo)
	}
	if in.Ctrl && k == KeyS {
		return cmdOf(CmdSave)
	}
	switch k {
	case KeyLeft, KeyPageUp:
		return Command{Kind: CmdPage, Delta: -1}, true
	case KeyRight, KeyPageDown:
		return Command{Kind: CmdPage, Delta: 1}, true
	case KeyE:
		return cmdOf(CmdExport)
	case KeyN:
		return cmdOf(CmdNewGame)
	case KeyEscape:
		return cmdOf(CmdQuit)
	}
	return Command{}, false
}

func (db *debriefStage) export() {
	if db.sess == nil {
		return
	}
	dir := fmt.Sprintf("dongshu-export-%d", db.sess.Setup().Seed)
	if err := db.sess.ExportLang(dir, db.cat.Lang()); err != nil {
		db.errorBox(err)
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		db.errorBox(err)
		return
	}
	abs, _ := filepath.Abs(dir)
	lines := []string{db.cat.T("ui.msg.exported", abs, len(entries))}
	for _, e := range entries {
		lines = append(lines, "  "+e.Name())
	}
	if len(lines) > 12 {
		lines = append(lines[:11], "  …")
	}
	db.exported = true
	db.message(db.cat.T("ui.msg.exported_title"), lines...)
}

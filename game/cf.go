package game

import (
	"image/color"
	"math"
	"sync"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/game/session"
)

// The debrief's counterfactual page ("the AI in your seat", "the plan without you": session.CfAI,
// session.CfPlan) and the planner dialog's advisor, impact preview, field help and warnings
// (docs/game.md, Counterfactuals and the planner's advisor). Both run forks of the game
// (session.Fork) on another goroutine: a full counterfactual takes longer than a frame
// (BenchmarkCounterfactual), so the page says "computing…" until it is in. A fork owns copies of the
// setup and the action log, made here on the update loop, so nothing is shared with the running game.

// cfOutcome is one debrief role's two counterfactuals.
type cfOutcome struct {
	role     int // index into debriefStage.debrief
	done     bool
	ai, plan session.Headline
	err      error
}

// cfDebrief is the debrief's counterfactual state.
type cfDebrief struct {
	open bool
	role int // the role shown (index into debriefStage.debrief)
	ch   chan cfOutcome
	res  []cfOutcome
	sess *session.Session // the game they were started for
	rev  int              // bumped at every change (the debrief's preparation rebuilds on it)
}

// background counts the forks running off the update loop (counterfactuals, planner previews); each
// ends on its own. Tests wait for it so that one test's forks do not allocate in the next one's
// allocation counts (testing.AllocsPerRun counts the whole process).
var background sync.WaitGroup

// startCounterfactuals starts every debrief role's two counterfactuals (called when the debrief opens).
func (db *debriefStage) startCounterfactuals() {
	n := len(db.debrief)
	db.cf = cfDebrief{ch: make(chan cfOutcome, n), res: make([]cfOutcome, n), sess: db.sess, rev: db.cf.rev + 1}
	for i, d := range db.debrief {
		fa, fp := db.sess.Counterfactual(d.Province, session.CfAI), db.sess.Counterfactual(d.Province, session.CfPlan)
		p, ch := d.Province, db.cf.ch
		background.Add(1)
		go func() {
			defer background.Done()
			h, err := runHeadlines([2]*session.Fork{fa, fp}, p, 0)
			ch <- cfOutcome{role: i, done: true, ai: h[0], plan: h[1], err: err}
		}()
	}
}

// runHeadlines runs two forks one after the other (off the update loop) and reads role p's headline
// figures in each, counting from month index from; err is the last fork's failure, if any.
func runHeadlines(forks [2]*session.Fork, p, from int) (h [2]session.Headline, err error) {
	for i, f := range forks {
		s, e := f.Run()
		if e != nil {
			err = e
			continue
		}
		h[i] = s.Headline(p, from)
	}
	return h, err
}

// pollCounterfactuals takes the counterfactuals that have come in (never waits).
func (db *debriefStage) pollCounterfactuals() {
	if db.cf.sess != db.sess || db.cf.ch == nil {
		return
	}
	for {
		select {
		case r := <-db.cf.ch:
			db.cf.res[r.role] = r
			db.cf.rev++
		default:
			return
		}
	}
}

// cfReady reports whether every counterfactual of the debrief is in.
func (db *debriefStage) cfReady() bool {
	for _, r := range db.cf.res {
		if !r.done {
			return false
		}
	}
	return db.cf.sess == db.sess
}

// doCounterfactual handles CmdCF on the debrief: Arg 0 opens or closes the page, Arg 1 shows the next role.
func (db *debriefStage) doCounterfactual(c Command) {
	db.cf.rev++
	if c.Arg == 1 && len(db.debrief) > 0 {
		db.cf.role = (db.cf.role + 1) % len(db.debrief)
		return
	}
	db.cf.open = !db.cf.open
}

// cfButton is the debrief's button that opens or closes the counterfactual page (top right).
func (db *debriefStage) cfButton(sc *scene) {
	if len(db.debrief) == 0 {
		return
	}
	c, s := db.cat, db.fonts.scale
	mg, bw := 16*s, 260*s
	label := c.T("ui.cf.open")
	if db.cf.open {
		label = c.T("ui.cf.close")
	}
	sc.button(Rect{float32(db.w) - mg - bw, mg, bw, 34 * s}, label, Command{Kind: CmdCF}, db.cf.open, false)
}

// prepareCounterfactual lays out the counterfactual page in the debrief's left panel from (x, y): the
// role, a table of the headline figures (your game, the AI in your seat, the plan without you) and
// the two definitions.
func (db *debriefStage) prepareCounterfactual(sc *scene, x, y, w, bottom float32) {
	c, f, s := db.cat, db.fonts, db.fonts.scale
	if len(db.debrief) == 0 {
		return
	}
	db.cf.role = min(max(db.cf.role, 0), len(db.debrief)-1)
	d := db.debrief[db.cf.role]
	res := db.cf.res[db.cf.role]
	sc.text(fit(c.T("ui.cf.title", db.roleName(d.Province)), f.Head, w-40*s), x, y, f.Head, colText)
	if len(db.debrief) > 1 {
		bs := 28 * s
		sc.button(Rect{x + w - bs, y - 2*s, bs, bs}, "›", Command{Kind: CmdCF, Arg: 1}, false, false)
	}
	y += 28 * s
	y = sc.lines(wrapText(c.T("ui.cf.seed"), f.Small, w, 2), x, y, f.Small, colDim, 15*s)
	y += 6 * s
	labelW := w * 0.34
	colW := (w - labelW) / 3
	cols := []string{c.T("ui.cf.col.game"), c.T("ui.cf.col.ai"), c.T("ui.cf.col.plan")}
	headH := float32(0)
	for i, h := range cols {
		lines := wrapText(h, f.Small, colW-6*s, 3)
		for k, l := range lines {
			sc.textAlign(l, x+labelW+float32(i+1)*colW, y+float32(k)*15*s, f.Small, colAccent, AlignEnd, false)
		}
		headH = max(headH, float32(len(lines))*15*s)
	}
	y += headH + 4*s
	sc.rect(Rect{x, y, w, 1 * s}, colBorder)
	y += 5 * s
	game := db.sess.Headline(d.Province, 0)
	for _, row := range db.cfRows(d.Province, game) {
		lines := wrapText(row.label, f.Small, labelW-6*s, 2)
		if y+float32(len(lines))*15*s > bottom {
			return
		}
		for k, l := range lines {
			sc.text(l, x, y+float32(k)*15*s, f.Small, colDim)
		}
		for i, v := range row.values {
			col := colText
			switch {
			case i > 0 && !res.done:
				v, col = c.T("ui.cf.computing"), colDim
			case i > 0 && res.err != nil:
				v, col = c.T("ui.cf.failed"), colBad
			}
			sc.textAlign(fit(v, f.Small, colW-6*s), x+labelW+float32(i+1)*colW, y, f.Small, col, AlignEnd, false)
		}
		y += float32(len(lines))*15*s + 3*s
	}
	y += 8 * s
	for _, k := range []string{"ui.cf.def.ai", "ui.cf.def.plan"} {
		key := k
		if d.Province < 0 {
			key += "_planner"
		}
		for _, l := range wrapText(c.T(key), f.Small, w, 5) {
			if y+15*s > bottom {
				return
			}
			sc.text(l, x, y, f.Small, colDim)
			y += 15 * s
		}
		y += 6 * s
	}
}

// cfRow is a row of the counterfactual table: its label and its values in your game, with the AI in
// your seat and in the plan without you.
type cfRow struct {
	label  string
	values [3]string
}

// cfRows are the table's rows for role p (a province's own figures first).
func (db *debriefStage) cfRows(p int, game session.Headline) []cfRow {
	c := db.cat
	res := db.cf.res[db.cf.role]
	hs := [3]session.Headline{game, res.ai, res.plan}
	pct := func(v float64) string { return c.T("ui.unit.pct", c.Number(100*v, 0)) }
	bn := func(v float64) string { return c.T("ui.unit.bn", c.Number(v, 0)) }
	row := func(key string, v func(h session.Headline) string) cfRow {
		r := cfRow{label: c.T(key)}
		for i, h := range hs {
			r.values[i] = v(h)
		}
		return r
	}
	var rows []cfRow
	if p >= 0 {
		rows = append(rows,
			row("ui.cf.row.own_use", func(h session.Headline) string { return pct(h.OwnUse) }),
			row("ui.cf.row.own_debt", func(h session.Headline) string { return bn(h.OwnDebtBn) }),
			row("ui.cf.row.own_invest", func(h session.Headline) string { return bn(h.OwnInvestBn) }))
	}
	rows = append(rows, row("ui.cf.row.use", func(h session.Headline) string { return pct(h.NationalUse) }))
	if game.Has2022 {
		rows = append(rows,
			row("ui.cf.row.nw_2022", func(h session.Headline) string { return pct(h.NorthwestUse2022) }),
			row("ui.cf.row.east_2022", func(h session.Headline) string { return pct(h.EastHubsUse2022) }))
	}
	rows = append(rows,
		row("ui.cf.row.unserved", func(h session.Headline) string { return c.T("ui.unit.pct", c.Number(100*h.Unserved, 1)) }),
		row("ui.cf.row.debt", func(h session.Headline) string { return bn(h.DebtBn) }),
		row("ui.cf.row.career", func(h session.Headline) string { return c.Number(h.Career, 0) }),
		row("ui.cf.row.nation", func(h session.Headline) string {
			if h.HasOwn {
				return c.T("ui.score.with_own", c.Number(h.Nation, 0), c.Number(h.NationOwn, 0))
			}
			return c.Number(h.Nation, 0)
		}))
	return rows
}

// The planner dialog's impact preview: the decision as it stands and the AI's, each run PreviewMonths
// on by a fork, computed off the update loop whenever the dialog changed and shown once both are in.

type previewResult struct {
	dlg      *dialog
	rev      int
	mine, ai session.Headline
	err      error
}

type previewState struct {
	ch      chan previewResult
	running bool
	res     previewResult
	has     bool
	rev     int // bumped when a result comes in (the play screen's preparation rebuilds on it)
}

// pollPreview takes a finished preview and starts the next when the planner's dialog changed since.
func (pl *playStage) pollPreview() {
	d := pl.dlg
	if d == nil || d.kind != dlgPlanner || pl.overlay != OverlayDialog || pl.sess == nil {
		return
	}
	p := &pl.preview
	if p.running {
		select {
		case r := <-p.ch:
			p.running = false
			p.res, p.has = r, true
			p.rev++
		default:
			return
		}
	}
	if p.has && p.res.dlg == d && p.res.rev == d.rev {
		return
	}
	if p.ch == nil {
		p.ch = make(chan previewResult, 1)
	}
	from := len(pl.sess.History().Months)
	fm, fa := pl.sess.PlannerPreview(d.plannerDecision()), pl.sess.PlannerPreview(d.padvice.Decision)
	r := previewResult{dlg: d, rev: d.rev}
	ch := p.ch
	p.running = true
	background.Add(1)
	go func() {
		defer background.Done()
		h, err := runHeadlines([2]*session.Fork{fm, fa}, -1, from)
		r.mine, r.ai, r.err = h[0], h[1], err
		ch <- r
	}()
}

// previewReady reports whether the preview shown is the dialog's as it stands.
func (pl *playStage) previewReady() bool {
	p := &pl.preview
	return pl.dlg != nil && p.has && p.res.dlg == pl.dlg && p.res.rev == pl.dlg.rev
}

// prepareDialogPlanner adds the planner's advisor line, warnings, impact preview and the focused
// field's help under the fields, from y, in the room left above the moderation list and the keys line
// (what does not fit is left out, the help first); it returns the y below.
func (pl *playStage) prepareDialogPlanner(sc *scene, d *dialog, x0, y float32) float32 {
	c, f, s, num := pl.cat, pl.fonts, pl.fonts.scale, pl.cat.Number
	box := pl.geo.Dialog
	inner := box.W - 28*s
	right := box.X + box.W - 14*s
	bottom := box.Y + box.H - 44*s - float32(len(wrapText(c.T(dialogKeysHint(d.kind)), f.Tiny, inner, 2)))*15*s - 6*s -
		pl.moderationHeight(d, inner)
	adv := d.padvice
	line := c.T("ui.cf.advice_line", num(adv.QuotaMW, 0))
	if !adv.Quotas {
		line = c.T("ui.cf.advice_no_quotas")
	}
	block := func(col colourFace, lines []string, lh float32) bool {
		if y+float32(len(lines))*lh > bottom {
			return false
		}
		y = sc.lines(lines, x0, y, col.face, col.col, lh)
		return true
	}
	small, warn, dim := colourFace{f.Small, colText}, colourFace{f.Small, colWarn}, colourFace{f.Small, colDim}
	// The advisor: its title and line side by side when they fit on one line.
	head := c.T("ui.cf.advice_title") + " " + line
	if !block(small, wrapText(head, f.Small, inner, 3), 16*s) {
		return y
	}
	for _, wl := range pl.plannerWarnings(d) {
		if !block(warn, wrapText(wl, f.Small, inner, 3), 16*s) {
			return y
		}
	}
	y += 3 * s
	// The preview: a heading with the two columns' names, then four rows.
	if y+33*s+4*16*s <= bottom {
		colW := inner * 0.22
		sc.text(fit(c.T("ui.cf.preview_title", session.PreviewMonths), f.Bold, inner), x0, y, f.Bold, colAccent)
		y += 19 * s
		sc.textAlign(fit(c.T("ui.cf.preview_mine"), f.Tiny, colW), right-colW, y, f.Tiny, colDim, AlignEnd, false)
		sc.textAlign(fit(c.T("ui.cf.preview_ai"), f.Tiny, colW), right, y, f.Tiny, colDim, AlignEnd, false)
		y += 14 * s
		ready := pl.previewReady()
		r := pl.preview.res
		pct := func(v float64, digits int) string { return c.T("ui.unit.pct", num(100*v, digits)) }
		for _, row := range []struct {
			key      string
			mine, ai string
		}{
			{"ui.cf.row.use", pct(r.mine.NationalUse, 0), pct(r.ai.NationalUse, 0)},
			{"ui.cf.row.west_share", pct(r.mine.WestShare, 0), pct(r.ai.WestShare, 0)},
			{"ui.cf.row.unserved", pct(r.mine.Unserved, 1), pct(r.ai.Unserved, 1)},
			{"ui.cf.row.debt_rise", c.T("ui.cf.unit.bn_rise", num(r.mine.DebtRiseBn, 0)), c.T("ui.cf.unit.bn_rise", num(r.ai.DebtRiseBn, 0))},
		} {
			sc.text(fit(c.T(row.key), f.Small, inner-2*colW), x0, y, f.Small, colDim)
			switch {
			case !ready:
				sc.textAlign(c.T("ui.cf.computing"), right, y, f.Small, colDim, AlignEnd, false)
			case r.err != nil:
				sc.textAlign(c.T("ui.cf.failed"), right, y, f.Small, colBad, AlignEnd, false)
			default:
				sc.textAlign(row.mine, right-colW, y, f.Small, colText, AlignEnd, false)
				sc.textAlign(row.ai, right, y, f.Small, colDim, AlignEnd, false)
			}
			y += 16 * s
		}
		y += 3 * s
	}
	// The focused field's help, on the lines left (none when fewer than two are).
	if n := int((bottom - y) / (15 * s)); n >= 2 {
		block(dim, wrapText(c.T(d.helpKey()), f.Small, inner, n), 15*s)
	}
	return y + 4*s
}

type colourFace struct {
	face *Face
	col  color.RGBA
}

// moderationHeight is the height prepareDialogModeration takes.
func (pl *playStage) moderationHeight(d *dialog, inner float32) float32 {
	list, hint := pl.moderationLines(d, inner)
	s := pl.fonts.scale
	return 20*s + float32(len(list)+len(hint))*17*s
}

// plannerHelpKeys are the catalog keys of the help of the planner dialog's fields before its levers
// (the levers' are their rows' Help); the hubs to designate share one.
var plannerHelpKeys = [fFirstLever]string{
	fSetQuota: "ui.cf.help.quota_mode",
	fQuota:    "ui.cf.help.quota",
}

// helpKey is the catalog key of the focused planner field's help.
func (d *dialog) helpKey() string {
	if d.focus >= 0 && d.focus < fFirstLever {
		return plannerHelpKeys[d.focus]
	}
	if l, ok := fieldLever(d.focus); ok {
		return l.Spec().Help
	}
	return "ui.cf.help.designate"
}

// Drastic values (assumption: what a seminar would call a jump): a national quota below half or above
// twice the rule's, a lever moved by two big steps or more from where it stands, or switched off (0).
const (
	quotaLowFactor, quotaHighFactor = 0.5, 2.0
	leverDrasticBigSteps            = 2
)

// plannerWarning is a warning on a drastic value: its catalog key and arguments.
type plannerWarning struct {
	key  string
	args []any
}

// plannerWarningsOf lists the drastic values of the dialog's decision against the AI's proposal and the
// policy as it stands (pol).
func (d *dialog) plannerWarningsOf(pol *configs.Policy) []plannerWarning {
	var out []plannerWarning
	if !d.padvice.Quotas {
		out = append(out, plannerWarning{"ui.cf.warn.no_quotas", nil})
	}
	rule := d.padvice.QuotaMW
	if d.plan.SetQuota {
		switch q := d.plan.QuotaMW; {
		case q == 0 && rule > 0:
			out = append(out, plannerWarning{"ui.cf.warn.quota_zero", []any{rule}})
		case q < quotaLowFactor*rule:
			out = append(out, plannerWarning{"ui.cf.warn.quota_low", []any{q, rule}})
		case rule > 0 && q > quotaHighFactor*rule:
			out = append(out, plannerWarning{"ui.cf.warn.quota_high", []any{q, rule}})
		}
	}
	for _, l := range dialogLevers {
		spec := l.Spec()
		now, was := *spec.Level(&d.plan.Policy), *spec.Level(pol)
		if math.Abs(now-was) >= leverDrasticBigSteps*spec.BigStep-1e-9 || now == 0 && was > 0 {
			out = append(out, plannerWarning{"ui.cf.warn.lever", []any{l, was, now}})
		}
	}
	return out
}

// plannerWarnings are the dialog's warnings, translated.
func (pl *playStage) plannerWarnings(d *dialog) []string {
	c := pl.cat
	var out []string
	for _, w := range d.plannerWarningsOf(&pl.sess.Model().W.Policy) {
		switch w.key {
		case "ui.cf.warn.lever":
			l := w.args[0].(configs.Lever)
			out = append(out, c.T(w.key, c.T(l.Spec().Label), pl.leverValue(l, w.args[1].(float64)), pl.leverValue(l, w.args[2].(float64))))
		case "ui.cf.warn.no_quotas":
			out = append(out, c.T(w.key))
		case "ui.cf.warn.quota_zero":
			out = append(out, c.T(w.key, c.Number(w.args[0].(float64), 0)))
		default:
			out = append(out, c.T(w.key, c.Number(w.args[0].(float64), 0), c.Number(w.args[1].(float64), 0)))
		}
	}
	return out
}

// plannerAdviceDecision is the AI planner's proposal as the dialog's decision (its rule's quota shown in
// the quota field, the rule kept).
func plannerAdviceDecision(adv agents.PlannerAdvice) agents.PlannerDecision {
	d := adv.Decision
	d.SetQuota, d.QuotaMW = false, snap(adv.QuotaMW, 100)
	return d
}

// CounterfactualsReady reports whether the debrief's counterfactuals are all in (for tests and
// screenshots, which wait for them).
func (a *App) CounterfactualsReady() bool {
	d, ok := a.stage.(*debriefStage)
	if !ok {
		return false
	}
	d.pollCounterfactuals()
	return d.cfReady()
}

// PreviewReady reports whether the planner dialog's impact preview is the dialog's as it stands.
func (a *App) PreviewReady() bool {
	p, ok := a.stage.(*playStage)
	if !ok {
		return false
	}
	p.pollPreview()
	return p.previewReady()
}

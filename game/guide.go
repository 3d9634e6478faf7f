package game

import (
	"strconv"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/view"
)

// The guided first round: at each human seat's first round (the first time the clock waits for that
// province's or the planner's decision; in hot seat, every seat's own first dialog), a box
// beside the decision dialog says what the focused field does in the model, one field at a time, and
// frames that field; Tab (or the Next button) moves on, G hides the guide. It follows the dialog's focus,
// so it changes nothing the dialog does not. Armed at the start of a new game when Options.Onboard is
// set (cmd/dongshu sets it unless --experienced).

// guideState is the guide's state for the game.
type guideState struct {
	on     bool                  // armed for this game
	rounds map[int]configs.Month // by seat (a province, -1 the planner): the round guided
	hidden bool                  // the player hid it (G)
}

// guideSeat is the open dialog's seat: its province, -1 for the planner.
func (d *dialog) guideSeat() int {
	if d.kind == dlgPlanner {
		return -1
	}
	return d.province
}

// guideActive reports whether the guide is shown over the open dialog now.
func (pl *playStage) guideActive() bool {
	g := &pl.info.guide
	if !g.on || g.hidden || pl.dlg == nil || !pl.dlg.waiting || pl.overlay != OverlayDialog || pl.sess == nil {
		return false
	}
	m, seen := g.rounds[pl.dlg.guideSeat()]
	return !seen || m == pl.sess.Model().W.Now
}

// provinceGuide and plannerGuide are the catalog keys of each field's guidance, by field (the planner's
// before its levers: the levers' are their rows' Guide); the planner's hubs to designate share
// plannerGuideDesignate.
var (
	provinceGuide = [numProvinceFields]string{fRequest: "ui.guide.province.request", fBuild: "ui.guide.province.build",
		fCap: "ui.guide.province.cap", fSubsidy: "ui.guide.province.subsidy", fFibre: "ui.guide.province.fibre",
		fPower: "ui.guide.province.power"}
	plannerGuide = [fFirstLever]string{fSetQuota: "ui.guide.planner.quota_mode", fQuota: "ui.guide.planner.quota"}
)

const plannerGuideDesignate = "ui.guide.planner.designate"

// guideKey is the catalog key of field f's guidance in a dialog of kind k.
func guideKey(k dialogKind, f int) string {
	if k == dlgProvince {
		return provinceGuide[max(0, min(f, numProvinceFields-1))]
	}
	f = max(0, f)
	if f < fFirstLever {
		return plannerGuide[f]
	}
	if l, ok := fieldLever(f); ok {
		return l.Spec().Guide
	}
	return plannerGuideDesignate
}

// GuideStep is the guide as shown now (tests): the step (1-based), the number of steps, the field's
// guidance key; ok is false when the guide is not shown.
func (a *App) GuideStep() (step, steps int, key string, ok bool) {
	p, ok := a.stage.(*playStage)
	if !ok || !p.guideActive() {
		return 0, 0, "", false
	}
	return p.dlg.focus + 1, p.dlg.numFields(), guideKey(p.dlg.kind, p.dlg.focus), true
}

// GuideRect is the guide's box and the field it frames, as last prepared (tests, screenshots).
func (a *App) GuideRect() (box, field Rect) { return a.info.box, a.info.field }

// prepareGuide adds the guide to sc, where the dialog has just been prepared: a frame around the focused
// field's row and, left of the dialog, a box with the step, the field's name and what it does.
func (pl *playStage) prepareGuide(sc *scene) {
	pl.info.box, pl.info.field = Rect{}, Rect{}
	if !pl.guideActive() {
		return
	}
	d := pl.dlg
	w := pl.sess.Model().W
	if _, seen := pl.info.guide.rounds[d.guideSeat()]; !seen {
		pl.info.guide.rounds[d.guideSeat()] = w.Now // the seat's round being guided: the guide ends with it
	}
	var row Rect
	found := false
	for _, b := range sc.buttons {
		if b.Cmd.Kind == CmdFocus && b.Cmd.Arg == d.focus && b.Label == "" {
			row, found = b.R, true
		}
	}
	if !found {
		return
	}
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	label := ""
	if d.kind == dlgProvince {
		label = pl.provinceDialogRows(d, w)[d.focus].label
	} else if rows, _ := pl.plannerDialogRows(d, w); d.focus < len(rows) {
		label = rows[d.focus].label
	}
	bw := min(360*s, max(pl.geo.Dialog.X-24*s, 200*s))
	inner := bw - 24*s
	paras := pl.guideParas(d, w, inner)
	keys := wrapText(c.T("ui.guide.keys"), f.Tiny, inner, 2)
	bh := 12*s + 20*s + 20*s + float32(len(keys))*14*s + 8*s + 30*s + 12*s
	for _, p := range paras {
		bh += float32(len(p))*16*s + 6*s
	}
	box := Rect{pl.geo.Dialog.X - bw - 14*s, row.Y + row.H/2 - 40*s, bw, bh}
	box.X = max(box.X, 4*s)
	box.Y = max(8*s, min(box.Y, float32(pl.h)-bh-8*s))
	pl.info.box, pl.info.field = box, row
	pl.prepareGuideBox(sc, d, box, row, label, paras, keys)
}

// guideParas are the guide's paragraphs for the focused field of dialog d, wrapped to width inner: what
// it does, then before the plan when the first quota round comes, then at the last field that the
// round is done.
func (pl *playStage) guideParas(d *dialog, w *economy.World, inner float32) [][]string {
	c, f := pl.cat, pl.fonts
	var paras [][]string
	text := c.T(guideKey(d.kind, d.focus))
	if k := d.focus - numPlannerFields; d.kind == dlgPlanner && k >= 0 && k < len(d.hubs) {
		text = c.T(guideKey(d.kind, d.focus), view.MonthLabel(c, w.Hubs[d.hubs[k]].Designated))
	}
	paras = append(paras, wrapText(text, f.Small, inner, 10))
	if e, ok := preplan(w); ok {
		paras = append(paras, wrapText(c.T("ui.guide.preplan", monthOr(c, e.round)), f.Small, inner, 4))
	}
	if d.focus == d.numFields()-1 {
		paras = append(paras, wrapText(c.T("ui.guide.done"), f.Small, inner, 4))
	}
	return paras
}

// prepareGuideBox adds the frame around the field's row, the line to the box and the box: the step, the
// field's name, the paragraphs, the keys and the Skip and Next buttons.
func (pl *playStage) prepareGuideBox(sc *scene, d *dialog, box, row Rect, label string, paras [][]string, keys []string) {
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	inner := box.W - 24*s
	sc.frame(Rect{row.X - 2*s, row.Y - 2*s, row.W + 4*s, row.H + 4*s}, colWarn, 2*s)
	if mid := row.Y + row.H/2; mid > box.Y && mid < box.Y+box.H {
		sc.rect(Rect{box.X + box.W, mid - s, row.X - 2*s - box.X - box.W, 2 * s}, colWarn)
	}
	sc.hotArea(box, Command{}) // a click in the box does not reach the map below
	sc.rect(box, colPanel)
	sc.frame(box, colWarn, max(1, s))
	x, y := box.X+12*s, box.Y+12*s
	step := c.T("ui.guide.title", strconv.Itoa(d.focus+1), strconv.Itoa(d.numFields()))
	sc.text(fit(step, f.Small, inner), x, y, f.Small, colWarn)
	y += 20 * s
	sc.text(fit(label, f.Bold, inner), x, y, f.Bold, colText)
	y += 22 * s
	for i, p := range paras {
		col := colText
		if i > 0 {
			col = colDim
		}
		y = sc.lines(p, x, y, f.Small, col, 16*s)
		y += 6 * s
	}
	y = sc.lines(keys, x, y, f.Tiny, colDim, 14*s)
	y += 6 * s
	hw := (inner - 8*s) / 2
	sc.button(Rect{x, y, hw, 28 * s}, fit(c.T("ui.guide.skip"), f.Small, hw-8*s), Command{Kind: CmdGuide}, false, false)
	sc.button(Rect{x + hw + 8*s, y, hw, 28 * s}, fit(c.T("ui.guide.next"), f.Small, hw-8*s), Command{Kind: CmdFocus, Delta: 1}, false, true)
}

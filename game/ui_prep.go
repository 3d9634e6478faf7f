package game

import (
	"image/color"
	"strings"

	"dongshu/economy"
	"dongshu/game/view"
)

// Preparation of the dialogs, overlays and menu screens as scenes.

// modal reports whether an overlay takes every click (the screen's own buttons are off).
func modal(o Overlay) bool {
	return o == OverlayHelp || o == OverlayMessage || o == OverlayConfirmQ || o == OverlayQuitQ || o == OverlayHotSeat ||
		o == OverlayInfo
}

// menuPrep is the prepared title, set-up or debrief screen.
type menuPrep struct {
	key   prepKey
	valid bool
	sc    scene
	top   scene
}

// setButtons makes the clickable areas of a prepared frame: the screen's buttons (unless a modal
// overlay is open), then the overlay's; greyed-out buttons are left out.
func (a *App) setButtons(screen, top []uiButton) {
	a.ui.Buttons = a.ui.Buttons[:0]
	if modal(a.overlay) {
		screen = nil
	}
	for _, bs := range [2][]uiButton{screen, top} {
		for _, b := range bs {
			if !b.Off {
				a.ui.Buttons = append(a.ui.Buttons, b.Button)
			}
		}
	}
}

func scoreColour(v float64) color.RGBA {
	switch {
	case v >= 66:
		return colGood
	case v >= 33:
		return colWarn
	}
	return colBad
}

// prepareOverlay adds the message box, help, Info screen or a question to sc (the play screen adds its
// hot-seat banner: playStage.prepareOverlay).
func (a *App) prepareOverlay(sc *scene) {
	c := a.cat
	switch a.overlay {
	case OverlayMessage:
		a.prepareBox(sc, a.msg.title, a.msg.lines, a.msg.small)
	case OverlayConfirmQ:
		a.prepareBox(sc, c.T("ui.confirm.title"), []string{c.T("ui.confirm.text")}, nil)
	case OverlayQuitQ:
		a.prepareBox(sc, c.T("ui.quitq.title"), []string{c.T("ui.quitq.text")}, nil)
	case OverlayInfo:
		a.prepareInfo(sc)
	case OverlayHelp:
		a.prepareHelp(sc)
	}
}

// prepareBox adds a box over the shaded screen with a title, lines, small lines under them and the
// overlay's buttons.
func (a *App) prepareBox(sc *scene, title string, lines, small []string) {
	f, s := a.fonts, a.fonts.scale
	W, H := float32(a.w), float32(a.h)
	bw := float32(420) * s
	if a.overlay == OverlayQuitQ {
		bw = 520 * s // three buttons
	}
	for _, l := range lines {
		bw = max(bw, advance(l, f.Body)+48*s)
	}
	for _, l := range small {
		bw = max(bw, advance(l, f.Small)+48*s)
	}
	bw = min(bw, W-32*s)
	bh := 110*s + float32(len(lines))*20*s
	if len(small) > 0 {
		bh += 6*s + float32(len(small))*17*s
	}
	box := Centred(W, H, bw, bh)
	sc.rect(Rect{0, 0, W, H}, colShade)
	sc.dialogPanel(box, s)
	sc.text(title, box.X+20*s, box.Y+16*s, f.Head, colText)
	y := box.Y + 48*s
	for _, l := range lines {
		sc.text(fit(l, f.Body, box.W-40*s), box.X+20*s, y, f.Body, colText)
		y += 20 * s
	}
	if len(small) > 0 {
		y += 6 * s
	}
	for _, l := range small {
		sc.text(fit(l, f.Small, box.W-40*s), box.X+20*s, y, f.Small, colDim)
		y += 17 * s
	}
	a.prepareBoxButtons(sc, box)
}

// prepareBoxButtons adds the box's buttons, right-aligned at its bottom: OK, or the question's answers.
func (a *App) prepareBoxButtons(sc *scene, box Rect) {
	c, f, s := a.cat, a.fonts, a.fonts.scale
	b := Rect{box.X + box.W - 20*s - 140*s, box.Y + box.H - 48*s, 140 * s, 34 * s}
	switch a.overlay {
	case OverlayMessage:
		sc.button(b, c.T("ui.ok"), Command{Kind: CmdConfirm}, false, true)
	case OverlayConfirmQ:
		sc.button(b, c.T("ui.confirm.yes"), Command{Kind: CmdConfirm}, false, true)
		b.X -= 150 * s
		sc.button(b, c.T("ui.cancel"), Command{Kind: CmdDismiss}, false, false)
	case OverlayQuitQ:
		sc.button(b, fit(c.T("ui.quitq.export"), f.Small, b.W-12*s), Command{Kind: CmdExport}, false, true)
		b.X -= 150 * s
		sc.button(b, fit(c.T("ui.quitq.quit"), f.Small, b.W-12*s), Command{Kind: CmdQuit}, false, false)
		b.X -= 150 * s
		sc.button(b, fit(c.T("ui.cancel"), f.Small, b.W-12*s), Command{Kind: CmdDismiss}, false, false)
	case OverlayHotSeat:
		sc.button(b, c.T("ui.hotseat.ready"), Command{Kind: CmdReady}, false, true)
	}
}

// prepareOverlay adds the overlay over the play screen: the hot-seat banner (pass the laptop to the
// province whose turn it is), or any other overlay.
func (pl *playStage) prepareOverlay(sc *scene) {
	if pl.overlay != OverlayHotSeat {
		pl.App.prepareOverlay(sc)
		return
	}
	c := pl.cat
	name := c.Province(pl.sess.Model().W.Provinces[pl.hotSeat].ID)
	pl.prepareBox(sc, c.T("ui.hotseat.title", name), []string{c.T("ui.hotseat.text", name)}, nil)
}

// prepareHelp adds the help screen: the keys in two columns (the play keys; the dialog's and the other
// screens'), each description wrapped in its column (one column no longer holds every row at 1024x640).
func (a *App) prepareHelp(sc *scene) {
	c, f, s := a.cat, a.fonts, a.fonts.scale
	W, H := float32(a.w), float32(a.h)
	sc.rect(Rect{0, 0, W, H}, colShade)
	box := Centred(W, H, min(W-32*s, 820*s), min(H-32*s, 620*s))
	sc.dialogPanel(box, s)
	sc.text(c.T("ui.help.title"), box.X+20*s, box.Y+16*s, f.Head, colText)
	colW := (box.W - 48*s) / 2
	top := box.Y + 52*s
	kx, y := box.X+24*s, top
	for _, k := range helpKeys {
		if k[1] == helpSecondColumn {
			kx, y = box.X+24*s+colW+16*s, top
		}
		if k[0] == "" {
			sc.text(c.T(k[1]), kx, y+4*s, f.Bold, colAccent)
			y += 26 * s
			continue
		}
		dx := kx + helpKeyWidth(colW, s)
		sc.text(c.T(k[0]), kx, y, f.Bold, colText)
		for _, line := range wrapText(c.T(k[1]), f.Small, kx+colW-dx, 3) {
			sc.text(line, dx, y, f.Small, colDim)
			y += 17 * s
		}
		y += 3 * s
	}
	sc.button(Rect{box.X + box.W - 160*s, box.Y + box.H - 48*s, 140 * s, 34 * s}, c.T("ui.close"), Command{Kind: CmdHelp}, false, true)
}

// helpSecondColumn is the heading that starts the help's second column.
const helpSecondColumn = "ui.help.h.dialog"

// helpKeyWidth is the width of the help's keys column in a column colW wide.
func helpKeyWidth(colW, s float32) float32 { return min(170*s, colW*0.42) }

// helpKeys are the help overlay's rows: keys and what they do (a heading has no keys).
var helpKeys = [...][2]string{
	{"", "ui.help.h.play"},
	{"ui.help.k.space", "ui.help.space"},
	{"ui.help.k.step", "ui.help.step"},
	{"ui.help.k.speed", "ui.help.speed"},
	{"ui.help.k.layer", "ui.help.layer"},
	{"ui.help.k.layerdirect", "ui.help.layerdirect"},
	{"ui.help.k.palette", "ui.help.palette"},
	{"ui.help.k.decide", "ui.help.decide"},
	{"ui.help.k.whatif", "ui.help.whatif"},
	{"ui.help.k.compare", "ui.help.compare"},
	{"ui.help.k.click", "ui.help.click"},
	{"ui.help.k.news", "ui.help.news"},
	{"ui.help.k.save", "ui.help.save"},
	{"ui.help.k.help", "ui.help.help"},
	{"ui.help.k.info", "ui.help.info"},
	{"ui.help.k.end", "ui.help.end"},
	{"", "ui.help.h.dialog"},
	{"ui.help.k.field", "ui.help.field"},
	{"ui.help.k.change", "ui.help.change"},
	{"ui.help.k.advice", "ui.help.advice"},
	{"ui.help.k.confirm", "ui.help.confirm"},
	{"", "ui.help.h.other"},
	{"ui.help.k.title", "ui.help.title_keys"},
	{"ui.help.k.setup", "ui.help.setup_keys"},
	{"ui.help.k.debrief", "ui.help.debrief_keys"},
	{"ui.help.k.boxes", "ui.help.boxes"},
}

// prepareDialog adds the open decision dialog to sc (it covers the right column of the play screen): its
// title, one row per field, the advice and outlook (a province) or the moderation list (the planner), and
// the buttons.
func (pl *playStage) prepareDialog(sc *scene) {
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	d := pl.dlg
	w := pl.sess.Model().W
	box := pl.geo.Dialog
	sc.dialogPanel(box, s)
	x0 := box.X + 14*s
	y := box.Y + 12*s
	title := c.T("ui.dlg.title_planner")
	if d.kind == dlgProvince {
		title = c.T("ui.dlg.title_province", c.Province(w.Provinces[d.province].ID))
	}
	sc.text(title, x0, y, f.Head, colText)
	y += 24 * s
	sub := c.T("ui.dlg.between")
	if d.kind == dlgProvince && !d.advice.Quotas {
		sub = c.T("ui.dlg.between_free") // before the plan, or before the first round held with quotas
	}
	if d.waiting {
		sub = pl.roundLine(w) // info.go: before the plan, a free round
	}
	sc.text(fit(sub, f.Small, box.W-28*s), x0, y, f.Small, colDim)
	y += 24 * s
	var rows []dialogRow
	desigHead := "" // planner: the heading over the hubs to designate
	if d.kind == dlgProvince {
		rows = pl.provinceDialogRows(d, w)
	} else {
		rows, desigHead = pl.plannerDialogRows(d, w)
	}
	y = pl.prepareDialogRows(sc, d, rows, desigHead, x0, y) + 8*s
	if d.kind == dlgProvince {
		pl.prepareDialogOutlook(sc, d, x0, y)
	} else {
		y = pl.prepareDialogPlanner(sc, d, x0, y) // cf.go
		pl.prepareDialogModeration(sc, d, x0, y)
	}
	pl.prepareDialogButtons(sc, d, x0)
}

// dialogRow is a field: its label and value; a yes/no field's button is lit when on.
type dialogRow struct {
	label, value string
	on           bool
}

func (pl *playStage) toggleRow(label string, on bool) dialogRow {
	v := pl.cat.T("ui.no")
	if on {
		v = pl.cat.T("ui.yes")
	}
	return dialogRow{label, v, on}
}

func (pl *playStage) provinceDialogRows(d *dialog, w *economy.World) []dialogRow {
	c, num := pl.cat, pl.cat.Number
	hub := w.Net.NearestHistoric(d.province)
	return []dialogRow{
		{label: c.T("ui.dlg.request"), value: c.T("ui.unit.mw", num(d.dec.RequestMW, 0))},
		{label: c.T("ui.dlg.build"), value: c.T("ui.unit.mw", num(d.dec.BuildMW, 0))},
		pl.toggleRow(c.T("ui.dlg.cap"), d.dec.CapAtQuota),
		{label: c.T("ui.dlg.subsidy"), value: c.T("ui.unit.yuan", num(d.dec.Subsidy, 2))},
		pl.toggleRow(c.T("ui.dlg.fibre", c.Province(w.Provinces[hub].ID)), d.dec.Fibre),
		pl.toggleRow(c.T("ui.dlg.power"), d.dec.Power),
	}
}

// plannerDialogRows are the planner's fields, then a row per hub to designate now, under a heading (with
// the scheduled month when they share it).
func (pl *playStage) plannerDialogRows(d *dialog, w *economy.World) (rows []dialogRow, desigHead string) {
	c, num := pl.cat, pl.cat.Number
	quota := c.T("ui.dlg.quota_rule")
	if d.plan.SetQuota {
		quota = c.T("ui.dlg.quota_override")
	}
	rows = []dialogRow{
		{c.T("ui.dlg.quota_mode"), quota, d.plan.SetQuota},
		{label: c.T("ui.dlg.quota"), value: c.T("ui.unit.mw", num(d.plan.QuotaMW, 0))},
	}
	for _, l := range dialogLevers {
		rows = append(rows, dialogRow{label: c.T(l.Spec().Label), value: pl.leverValue(l, *l.Spec().Level(&d.plan.Policy))})
	}
	sameDue := true
	for _, h := range d.hubs {
		sameDue = sameDue && w.Hubs[h].Designated == w.Hubs[d.hubs[0]].Designated
	}
	if len(d.hubs) > 0 {
		desigHead = c.T("ui.dlg.designate_title")
		if sameDue {
			desigHead = c.T("ui.dlg.designate_due", view.MonthLabel(c, w.Hubs[d.hubs[0]].Designated))
		}
	}
	for k, h := range d.hubs {
		name := view.HubName(c, &w.Hubs[h])
		if !sameDue {
			name = c.T("ui.dlg.designate_hub", name, view.MonthLabel(c, w.Hubs[h].Designated))
		}
		rows = append(rows, pl.toggleRow(name, d.desig[k]))
	}
	return rows, desigHead
}

// prepareDialogRows lays out the fields from y and returns the y below them. Columns: the values get what
// the widest needs (in the smallest face it may take), the labels the rest, up to what the longest label
// needs; any room left widens the values.
func (pl *playStage) prepareDialogRows(sc *scene, d *dialog, rows []dialogRow, desigHead string, x0, y float32) float32 {
	f, s := pl.fonts, pl.fonts.scale
	box := pl.geo.Dialog
	rowH := 25 * s
	bs := rowH - 6*s
	inner, gap := box.W-28*s, 8*s
	labelNeed, valueNeed := float32(0), float32(0)
	for i, r := range rows {
		labelNeed = max(labelNeed, advance(r.label, f.Small))
		if d.isToggle(i) {
			valueNeed = max(valueNeed, advance(r.value, f.Small)+8*s)
		} else {
			valueNeed = max(valueNeed, advance(r.value, f.Tiny)+2*bs+8*s)
		}
	}
	labelW := max(min(labelNeed, inner-gap-valueNeed), inner*0.4)
	vx := x0 + labelW + gap
	vw := box.X + box.W - 14*s - vx
	for i, r := range rows {
		if d.kind == dlgPlanner && i == numPlannerFields && desigHead != "" {
			y += 4 * s
			sc.text(fit(desigHead, f.Bold, box.W-28*s), x0, y, f.Bold, colAccent)
			y += 22 * s
		}
		rr := Rect{box.X + 6*s, y, box.W - 12*s, rowH - 2*s}
		if d.focus == i {
			sc.rect(rr, colPanel2)
			sc.rect(Rect{rr.X, rr.Y, 3 * s, rr.H}, colAccent)
		}
		sc.hotArea(rr, Command{Kind: CmdFocus, Arg: i})
		lc := colDim
		if d.kind == dlgPlanner && i == fQuota && !d.plan.SetQuota {
			lc = color.RGBA{0x6a, 0x72, 0x80, 0xff}
		}
		cy := y + 2*s + bs/2 // the value's buttons' centre line: the label shares it
		sc.textAlign(fit(r.label, f.Small, labelW), x0, cy, f.Small, lc, AlignStart, true)
		if d.isToggle(i) {
			sc.button(Rect{vx, y + 2*s, vw, bs}, fit(r.value, f.Small, vw-8*s), Command{Kind: CmdToggle, Arg: i}, r.on, false)
		} else {
			sc.button(Rect{vx, y + 2*s, bs, bs}, "−", Command{Kind: CmdAdjust, Arg: i, Delta: -1}, false, false)
			room := vw - 2*bs - 8*s // between the buttons, with a margin on each side
			vf := valueFace(r.value, room, f.Bold, f.Small, f.Tiny)
			sc.textAlign(fit(r.value, vf, room), vx+vw/2, cy, vf, colText, AlignCenter, true)
			sc.button(Rect{vx + vw - bs, y + 2*s, bs, bs}, "+", Command{Kind: CmdAdjust, Arg: i, Delta: 1}, false, false)
		}
		y += rowH
	}
	return y
}

// prepareDialogOutlook shows a province's advice (the AI's choice, the quota it expects, its cost) and the
// outlook of the decision as it stands.
func (pl *playStage) prepareDialogOutlook(sc *scene, d *dialog, x0, y float32) {
	c, f, s, num := pl.cat, pl.fonts, pl.fonts.scale, pl.cat.Number
	box := pl.geo.Dialog
	line := func(k, v string, col color.RGBA, face *Face) {
		sc.text(k, x0, y, f.Small, colDim)
		sc.textAlign(v, box.X+box.W-14*s, y, face, col, AlignEnd, false)
		y += 17 * s
	}
	adv := d.advice
	sc.text(c.T("ui.dlg.advice_title"), x0, y, f.Bold, colAccent)
	y += 20 * s
	ad := adv.Decision
	flags := ""
	if ad.Fibre {
		flags += " · " + c.T("ui.dlg.fibre_short")
	}
	if ad.Power {
		flags += " · " + c.T("ui.dlg.power_short")
	}
	line(c.T("ui.dlg.advice_line"), c.T("ui.dlg.advice_value", num(ad.RequestMW, 0), num(ad.BuildMW, 0), num(ad.Subsidy, 2))+flags, colText, f.Small)
	quotaKey, outlookKey := "ui.dlg.expected_quota", "ui.dlg.outlook_title"
	if adv.BetweenRounds { // checked against what is left of this year's quota
		quotaKey, outlookKey = "ui.dlg.quota_left", "ui.dlg.outlook_title_left"
	}
	line(c.T(quotaKey), c.T("ui.unit.mw", num(adv.QuotaMW, 0)), colText, f.Small)
	line(c.T("ui.dlg.advice_cost"), c.T("ui.unit.bn", num(adv.Outlook.Cost(), 2)), colText, f.Small)
	y += 6 * s
	o := pl.sess.Model().Outlook(d.provinceDecision(), adv.QuotaMW)
	sc.text(c.T(outlookKey), x0, y, f.Bold, colAccent)
	y += 20 * s
	line(c.T("ui.dlg.capex"), c.T("ui.unit.bn", num(o.LocalCapexBn, 2)), colText, f.Small)
	line(c.T("ui.dlg.invest"), c.T("ui.unit.bn", num(o.InvestBn, 2)), colText, f.Small)
	line(c.T("ui.dlg.land_sales"), c.T("ui.unit.bn", num(-o.LandSalesBn, 2)), colGood, f.Small)
	line(c.T("ui.dlg.central"), c.T("ui.unit.bn", num(-o.CentralBn, 2)), colGood, f.Small)
	fc := colText
	if o.ExpectedFineBn > 0 {
		fc = colWarn
	}
	line(c.T("ui.dlg.fine"), c.T("ui.unit.bn", num(o.ExpectedFineBn, 2)), fc, f.Small)
	cc := colText
	if o.Cost() > adv.Outlook.Cost()+1e-9 {
		cc = colWarn
	}
	line(c.T("ui.dlg.net_cost"), c.T("ui.unit.bn", num(o.Cost(), 2)), cc, f.Bold)
}

// prepareDialogModeration lists the provinces the planner calls to moderation (clicked on the map).
func (pl *playStage) prepareDialogModeration(sc *scene, d *dialog, x0, y float32) {
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	sc.text(c.T("ui.dlg.moderate_title"), x0, y, f.Bold, colAccent)
	y += 20 * s
	list, hint := pl.moderationLines(d, pl.geo.Dialog.W-28*s)
	y = sc.lines(list, x0, y, f.Small, colText, 17*s)
	sc.lines(hint, x0, y, f.Small, colDim, 17*s)
}

// moderationLines are the moderation list's lines (the provinces called to moderate, or "none") and
// its hint's, wrapped to width inner (the list and moderationHeight measure the same lines).
func (pl *playStage) moderationLines(d *dialog, inner float32) (list, hint []string) {
	c, f := pl.cat, pl.fonts
	w := pl.sess.Model().W
	names := ""
	for p, on := range d.moderate {
		if on {
			if names != "" {
				names += ", "
			}
			names += c.Province(w.Provinces[p].ID)
		}
	}
	if names == "" {
		names = c.T("ui.dlg.moderate_none")
	}
	return wrapText(names, f.Small, inner, 3), wrapText(c.T("ui.dlg.moderate_hint"), f.Small, inner, 2)
}

// prepareDialogButtons: the keys line and the advice (a province only), cancel and confirm buttons.
func (pl *playStage) prepareDialogButtons(sc *scene, d *dialog, x0 float32) {
	c, f, s := pl.cat, pl.fonts, pl.fonts.scale
	box := pl.geo.Dialog
	by := box.Y + box.H - 44*s
	keys := wrapText(c.T(dialogKeysHint(d.kind)), f.Tiny, box.W-28*s, 2)
	for i, l := range keys {
		sc.text(l, x0, by-float32(len(keys)-i)*15*s-3*s, f.Tiny, colDim)
	}
	bw := (box.W - 28*s - 16*s) / 3
	bx := x0
	sc.button(Rect{bx, by, bw, 34 * s}, c.T("ui.dlg.use_advice"), Command{Kind: CmdAdvice}, false, false)
	bx += bw + 8*s
	sc.button(Rect{bx, by, bw, 34 * s}, c.T("ui.cancel"), Command{Kind: CmdCancel}, false, false)
	bx += bw + 8*s
	sc.button(Rect{bx, by, bw, 34 * s}, c.T("ui.dlg.confirm"), Command{Kind: CmdConfirm}, false, true)
}

// dialogKeysHint is the catalog key of a dialog's keys line.
func dialogKeysHint(k dialogKind) string {
	if k == dlgPlanner {
		return "ui.dlg.keys_planner"
	}
	return "ui.dlg.keys"
}

// valueFace is the first of faces (largest first) in which v fits in w, else the last.
func valueFace(v string, w float32, faces ...*Face) *Face {
	for _, f := range faces {
		if advance(v, f) <= w {
			return f
		}
	}
	return faces[len(faces)-1]
}

// wrapText breaks s at spaces into at most n lines of width w. A space before French high punctuation
// (« : », « ; », « ? », « ! », « » ») or after « « » does not break: the sign stays with its word.
func wrapText(s string, f *Face, w float32, n int) []string {
	var out []string
	line := ""
	for _, word := range strings.Split(frenchSpaces.Replace(s), " ") {
		switch {
		case line == "":
			line = word
		case advance(line+" "+word, f) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	if len(out) > n {
		out = append(out[:n-1], fit(out[n-1]+" …", f, w))
	}
	return out
}

// frenchSpaces turns the spaces that French puts around some punctuation into no-break spaces.
var frenchSpaces = strings.NewReplacer(" :", "\u00a0:", " ;", "\u00a0;", " ?", "\u00a0?", " !", "\u00a0!", " »", "\u00a0»", "« ", "«\u00a0")

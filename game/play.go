package game

import (
	"slices"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/session"
	"dongshu/game/view"
)

// The play screen: the map, charts, news and the clock, the decision dialogs and the what-if panel.
type playStage struct {
	*App
	prep       playPrep
	layer      view.Layer
	palette    view.Palette
	selected   int
	hover      int
	newsScroll int
	lastSpeed  int // the speed before a pause

	// The round: the month and submissions the session was last asked about, who it waits for, and
	// whether the player declined to decide now.
	waitMonth configs.Month
	waitRev   int
	submits   int
	waiting   session.Waiting
	declined  bool

	dlg      *dialog
	dlgSpeed int          // the speed before a dialog paused the clock
	hotSeat  int          // the province the laptop passes to
	wi       whatIfState  // the what-if panel (whatif.go)
	preview  previewState // the planner dialog's impact preview (cf.go)
}

// newPlay makes the play screen of the session just attached; the map's layer and palette, the speed
// to resume and the pointer carry over from prev, the play screen of the game it replaces (a load).
func newPlay(a *App, prev Stage) *playStage {
	pl := &playStage{App: a, selected: defaultSelection(a.sess), hover: -1, lastSpeed: 1, waitMonth: -1, waitRev: -1}
	if q, ok := prev.(*playStage); ok {
		pl.layer, pl.palette, pl.lastSpeed, pl.hover = q.layer, q.palette, q.lastSpeed, q.hover
	}
	return pl
}

func (*playStage) Screen() Screen     { return ScreenPlay }
func (*playStage) Before()            {}
func (pl *playStage) Input(in *Input) { pl.setHover(in.MouseX, in.MouseY) }
func (pl *playStage) After()          { pl.tickPlay() }
func (pl *playStage) Prepare()        { pl.preparePlay() }

func (pl *playStage) Draw(dst Renderer) {
	pl.drawPlay(dst)
	pl.drawScene(dst, &pl.prep.top)
}

// setHover notes the province under the pointer (none under the modal overlays that hide the map).
func (pl *playStage) setHover(x, y float32) {
	pl.hover = -1
	if pl.overlay == OverlayHelp || pl.overlay == OverlayMessage || pl.overlay == OverlayInfo {
		return
	}
	for p, r := range pl.ui.Cells {
		if r.Contains(x, y) {
			pl.hover = p
			return
		}
	}
}

// Do carries out the play screen's commands.
func (pl *playStage) Do(c Command) bool {
	switch c.Kind {
	case CmdEndGame:
		pl.overlay = OverlayConfirmQ
	case CmdInfo:
		pl.toggleInfo()
	case CmdGuide:
		if pl.overlay == OverlayDialog && pl.guideActive() {
			pl.info.guide.hidden = true
			pl.info.rev++
		}
	case CmdConfirm:
		switch pl.overlay {
		case OverlayConfirmQ:
			pl.overlay = OverlayNone
			pl.gotoDebrief()
		case OverlayWhatIf:
			pl.doWhatIf(c)
		case OverlayDialog:
			pl.submitDialog()
		default:
			return false
		}
	default:
		return pl.doPlay(c)
	}
	return true
}

// doPlay carries out the commands of the clock, the map and the panels, the decision dialog and the
// what-if panel; it reports whether c was one of them.
func (pl *playStage) doPlay(c Command) bool {
	switch c.Kind {
	case CmdPause, CmdStep, CmdSpeed:
		pl.doClock(c)
	case CmdLayer, CmdLayerNext, CmdPalette, CmdChartSpan, CmdSelect, CmdScroll:
		pl.doView(c)
	case CmdDecide:
		pl.openDecision()
	case CmdReady:
		if pl.overlay == OverlayHotSeat {
			pl.overlay = OverlayNone
			pl.openProvinceDialog(pl.hotSeat, true)
		}
	case CmdCancel:
		if pl.overlay == OverlayDialog {
			pl.closeDialog(true)
		}
	case CmdWhatIf, CmdCompare:
		pl.doWhatIf(c)
	case CmdFocus, CmdAdjust, CmdToggle, CmdAdvice:
		pl.doField(c)
	default:
		return false
	}
	return true
}

// doClock pauses, steps or sets the speed.
func (pl *playStage) doClock(c Command) {
	s := pl.sess
	switch c.Kind {
	case CmdPause:
		if s.Speed() > 0 {
			pl.lastSpeed = s.Speed()
			s.SetSpeed(0)
		} else {
			s.SetSpeed(max(pl.lastSpeed, 1))
		}
	case CmdStep:
		if s.Speed() > 0 {
			pl.lastSpeed = s.Speed()
		}
		s.SetSpeed(0)
		if err := s.Step(); err != nil {
			pl.errorBox(err)
		}
	case CmdSpeed:
		s.SetSpeed(c.Arg)
		pl.lastSpeed = max(c.Arg, 1)
	}
	if pl.overlay == OverlayDialog || pl.overlay == OverlayHotSeat {
		pl.dlgSpeed = s.Speed() // chosen while the round waits: the speed to run on once it is decided
	}
}

// doView changes what the map, the charts or the news show.
func (pl *playStage) doView(c Command) {
	switch c.Kind {
	case CmdLayer:
		if c.Arg >= 0 && c.Arg < int(view.NumLayers) {
			pl.layer = view.Layer(c.Arg)
		}
	case CmdLayerNext:
		n := int(view.NumLayers)
		pl.layer = view.Layer(((int(pl.layer)+c.Delta)%n + n) % n)
	case CmdPalette:
		pl.palette = 1 - pl.palette
	case CmdChartSpan:
		pl.charts.full = !pl.charts.full
	case CmdSelect:
		if pl.overlay == OverlayDialog && pl.dlg != nil && pl.dlg.kind == dlgPlanner {
			pl.dlg.toggleModerate(c.Arg)
		} else {
			pl.selected = c.Arg
		}
	case CmdScroll:
		pl.newsScroll = max(0, min(pl.newsScroll+c.Delta, len(pl.sess.News())-1))
	}
}

// doField moves the focus or changes a field of the what-if panel or the decision dialog, whichever is
// open.
func (pl *playStage) doField(c Command) {
	if pl.overlay == OverlayWhatIf {
		pl.doWhatIf(c)
		return
	}
	d := pl.dlg
	if pl.overlay != OverlayDialog || d == nil {
		return
	}
	switch c.Kind {
	case CmdFocus:
		if c.Delta != 0 {
			d.moveFocus(c.Delta)
		} else {
			d.focus = c.Arg
			d.rev++
		}
	case CmdAdjust:
		d.adjust(c.Arg, c.Delta, c.Big)
	case CmdToggle:
		d.toggle(c.Arg)
	case CmdAdvice:
		d.useAdvice()
	}
}

// tickPlay runs the clock once per update and opens the decision dialogs the clock waits for.
func (pl *playStage) tickPlay() {
	s := pl.sess
	if s == nil {
		return
	}
	if s.Done() {
		pl.gotoDebrief()
		return
	}
	if pl.opt.Remote != nil {
		pl.tickRemote()
		return
	}
	pl.checkWaiting()
	if pl.overlay == OverlayDialog || pl.overlay == OverlayHotSeat || pl.overlay == OverlayInfo {
		return // the clock stands still while a human decides or reads
	}
	if err := s.Tick(); err != nil {
		s.SetSpeed(0)
		pl.errorBox(err)
		return
	}
	if s.Done() {
		pl.gotoDebrief()
	}
}

// checkWaiting asks the session who it waits for when the month or the submissions changed (so that a
// running game does not ask every tick), and opens the first human's dialog.
func (pl *playStage) checkWaiting() {
	m := pl.sess.Model()
	if pl.opt.Remote != nil {
		pl.waiting = pl.opt.Remote.Awaited()
	} else if m.W.Now != pl.waitMonth || pl.submits != pl.waitRev {
		pl.waiting = pl.sess.Waiting()
		pl.waitMonth, pl.waitRev = m.W.Now, pl.submits
		pl.declined = false
	}
	if !pl.waiting.Any() || pl.overlay != OverlayNone || pl.declined {
		return
	}
	if pl.opt.AutoDecide {
		pl.autoDecide()
		return
	}
	pl.openWaiting()
}

func (pl *playStage) openWaiting() {
	w := pl.waiting
	switch {
	case w.Planner:
		pl.openPlannerDialog(true)
	case len(w.Provinces) > 0:
		p := w.Provinces[0]
		if pl.opt.Remote == nil && (len(pl.sess.Setup().Role.Provinces) > 1 || pl.sess.Setup().Role.Planner) {
			pl.hotSeat = p
			pl.overlay = OverlayHotSeat
			pl.pauseForDialog()
			return
		}
		pl.openProvinceDialog(p, true)
	}
}

// autoDecide submits the advisor's choice for every awaited province and keeps the planner's policy.
func (pl *playStage) autoDecide() {
	m := pl.sess.Model()
	for _, p := range pl.waiting.Provinces {
		d := pl.sess.Advice(p).Decision
		d.Province = p
		if err := pl.submit(session.Action{Month: m.W.Now, Province: &d}); err != nil {
			pl.errorBox(err)
			pl.declined = true
			return
		}
	}
	if pl.waiting.Planner {
		pd := m.PlannerPolicy()
		if err := pl.submit(session.Action{Month: m.W.Now, Planner: &pd}); err != nil {
			pl.errorBox(err)
			pl.declined = true
			return
		}
	}
	pl.submits++
}

// openDecision opens the dialog on request (key D): the awaited human first, else the selected human
// province, else the first human role.
func (pl *playStage) openDecision() {
	if pl.overlay != OverlayNone || pl.sess.Done() {
		return
	}
	role := pl.sess.Setup().Role
	if pl.waiting.Any() {
		pl.declined = false
		pl.openWaiting()
		return
	}
	switch {
	case slices.Contains(role.Provinces, pl.selected):
		pl.openProvinceDialog(pl.selected, false)
	case role.Planner:
		pl.openPlannerDialog(false)
	case len(role.Provinces) > 0:
		pl.openProvinceDialog(role.Provinces[0], false)
	default:
		pl.message(pl.cat.T("ui.msg.autoplay_title"), pl.cat.T("ui.msg.autoplay"))
	}
}

func (pl *playStage) pauseForDialog() {
	if sp := pl.sess.Speed(); sp > 0 {
		pl.dlgSpeed = sp
	}
}

func (pl *playStage) openProvinceDialog(p int, waiting bool) {
	pl.pauseForDialog()
	adv := pl.sess.Advice(p)
	d := &dialog{kind: dlgProvince, province: p, advice: adv, waiting: waiting}
	if pend, ok := pl.sess.Model().Pending[p]; ok {
		d.dec = pend
	} else {
		d.dec = adv.Decision
	}
	d.dec.Province = p
	pl.dlg = d
	pl.selected = p
	pl.overlay = OverlayDialog
}

func (pl *playStage) openPlannerDialog(waiting bool) {
	pl.pauseForDialog()
	m := pl.sess.Model()
	d := &dialog{kind: dlgPlanner, waiting: waiting, province: -1}
	if m.PendingPlanner != nil {
		d.plan = *m.PendingPlanner
	} else {
		d.plan = m.PlannerPolicy()
	}
	// The override starts from the AI planner's proposal (its rule's quota now), never from 0.
	d.padvice = pl.sess.PlannerAdvice()
	if !d.plan.SetQuota {
		d.plan.QuotaMW = plannerAdviceDecision(d.padvice).QuotaMW
	}
	for h, hub := range m.W.Hubs {
		if hub.Designated > m.W.Now {
			d.hubs = append(d.hubs, h)
		}
	}
	d.desig = make([]bool, len(d.hubs))
	d.moderate = make([]bool, len(m.W.Provinces))
	for _, p := range d.plan.Moderate {
		if p >= 0 && p < len(d.moderate) {
			d.moderate[p] = true
		}
	}
	pl.dlg = d
	pl.overlay = OverlayDialog
}

func (pl *playStage) closeDialog(declined bool) {
	if pl.dlg != nil && pl.dlg.waiting && declined {
		pl.declined = true
	}
	pl.dlg = nil
	pl.overlay = OverlayNone
}

func (pl *playStage) submitDialog() {
	d := pl.dlg
	if d == nil {
		return
	}
	act := session.Action{Month: pl.sess.Model().W.Now}
	if d.kind == dlgProvince {
		dec := d.provinceDecision()
		act.Province = &dec
	} else {
		pd := d.plannerDecision()
		act.Planner = &pd
	}
	if err := pl.submit(act); err != nil {
		pl.errorBox(err)
		return
	}
	pl.submits++
	pl.closeDialog(false)
	pl.checkWaiting() // the next human in the hot seat, if any
	if pl.overlay == OverlayNone && !pl.waiting.Any() && pl.dlgSpeed > 0 {
		pl.sess.SetSpeed(pl.dlgSpeed)
	}
}

// defaultSelection is the province shown in the side panel at the start: the first human province, else
// the first province of a western hub (where the story of the plan plays out).
func defaultSelection(s *session.Session) int {
	if ps := s.Setup().Role.Provinces; len(ps) > 0 {
		return ps[0]
	}
	for p, pr := range s.Model().W.Provinces {
		if pr.Hub >= 0 && s.Model().W.Hubs[pr.Hub].Side == economy.WestHub {
			return p
		}
	}
	return 0
}

func playKeys(k Key, in *Input, st *UIState) (Command, bool) {
	if k == KeyI {
		return cmdOf(CmdInfo)
	}
	if in.Ctrl {
		switch k {
		case KeyS:
			return cmdOf(CmdSave)
		case KeyO:
			return cmdOf(CmdLoad)
		}
		return Command{}, false
	}
	if d := digitOf(k); d >= 1 && d <= 8 {
		return playDigit(d, in, st)
	}
	switch k {
	case KeySpace:
		return cmdOf(CmdPause)
	case KeyPeriod:
		return cmdOf(CmdStep)
	case KeyL:
		d := 1
		if in.Shift {
			d = -1
		}
		return Command{Kind: CmdLayerNext, Delta: d}, true
	case KeyP:
		return cmdOf(CmdPalette)
	case KeyD, KeyEnter:
		return cmdOf(CmdDecide)
	case KeyPageUp:
		return Command{Kind: CmdScroll, Delta: -5}, true
	case KeyPageDown:
		return Command{Kind: CmdScroll, Delta: 5}, true
	case KeyEscape:
		return cmdOf(CmdEndGame)
	case KeyW:
		return cmdOf(CmdWhatIf)
	case KeyC:
		return cmdOf(CmdCompare)
	}
	return Command{}, false
}

// playDigit: Alt+digit picks a map layer; 1-4 a speed, with or without Shift (AZERTY types digits with
// Shift).
func playDigit(d int, in *Input, st *UIState) (Command, bool) {
	if in.Alt {
		return Command{Kind: CmdLayer, Arg: d - 1}, true
	}
	if d > 4 {
		return Command{}, false
	}
	sp := st.Speeds
	if sp == [4]int{} {
		sp = DefaultSpeeds
	}
	return Command{Kind: CmdSpeed, Arg: sp[d-1]}, true
}

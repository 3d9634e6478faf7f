package game

import (
	"strconv"
	"strings"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/i18n"
	"dongshu/game/session"
	"dongshu/game/view"
)

// The Info screen (NetLogo's Info tab): the role's goal, how the two scores are computed, the scenario's
// claim, what to watch and what to try (catalog "info.<preset>.*", assets/i18n/*/info.toml), and, when the
// game starts before the plan, what exists then and what does not. It is an overlay over the play or
// debrief screen, opened at the start of a new game when Options.Onboard is set and with I at any time;
// the clock stands still while it is open. It only reads the session: reading it changes nothing.

// infoState is the Info screen's and the guided first round's state (guide.go).
type infoState struct {
	start bool // opened at the start of the game: its button says Start
	guide guideState
	rev   int // bumped at every change (the draw preparation rebuilds on it)
	// The guide's box and the field it frames, as last prepared.
	box, field Rect
}

// InfoTexts are the catalog keys of a preset's texts: its claim, what to watch, what to try.
func InfoTexts(preset string) [3]string {
	return [3]string{"info." + preset + ".claim", "info." + preset + ".watch", "info." + preset + ".try"}
}

// roleGoalKey is the catalog key of the role's goal.
func roleGoalKey(r session.Role) string {
	switch {
	case r.Autoplay():
		return "ui.info.goal.autoplay"
	case len(r.Provinces) == 0:
		return "ui.info.goal.planner"
	}
	return "ui.info.goal.province"
}

// openInfo shows the Info screen (start: at the start of a game).
func (a *App) openInfo(start bool) {
	if a.sess == nil {
		return
	}
	a.info.start = start
	a.info.rev++
	a.overlay = OverlayInfo
}

// toggleInfo opens or closes the Info screen (the play screen's and the debrief's command CmdInfo).
func (a *App) toggleInfo() {
	switch a.overlay {
	case OverlayInfo:
		a.overlay = OverlayNone
		a.info.rev++
	case OverlayNone:
		a.openInfo(false)
	}
}

// onboard opens the Info screen and arms the guided first round at the start of a new game, unless the
// player is experienced (Options.Onboard false).
func (a *App) onboard() {
	if !a.opt.Onboard || a.sess == nil {
		return
	}
	a.info.guide = guideState{on: true, rounds: map[int]configs.Month{}}
	a.openInfo(true)
}

// infoKeys are the Info screen's keys: I, Esc, Enter or Space close it; F1 shows the keys.
func infoKeys(k Key, _ *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyI, KeyEscape, KeyEnter, KeySpace:
		return cmdOf(CmdInfo)
	case KeyF1:
		return cmdOf(CmdHelp) // over the Info screen; closing the help comes back to it
	}
	return Command{}, false
}

// era is the pre-plan era of a game started before national quotas: when the plan's parts arrive, and
// the first quota round (the first round from the month quotas come into force: rounds before it are free).
type era struct {
	start, quotas, round, designate, moderation, incentives configs.Month
}

// preplan reports the pre-plan era of w: national quotas are not yet in force under the planned regime
// and a dated policy event brings them. The other dates are -1 when the scenario has none.
func preplan(w *economy.World) (era, bool) {
	if !w.Regime.Planned() || w.Policy.Quotas > 0 {
		return era{}, false
	}
	e := era{start: w.Start, quotas: -1, round: -1, designate: -1, moderation: -1, incentives: -1}
	for _, ev := range w.Scn.Events {
		m, err := configs.ParseMonth(ev.Month)
		if err != nil || ev.Kind != "policy" {
			continue
		}
		first := func(at *configs.Month) {
			if *at < 0 || m < *at {
				*at = m
			}
		}
		switch {
		case ev.Key == "planner.quotas" && ev.Value > 0:
			first(&e.quotas)
		case ev.Key == "planner.moderation" && ev.Value > 0:
			first(&e.moderation)
		case ev.Key == "planner.non_hub_incentives" && ev.Value == 0:
			first(&e.incentives)
		}
	}
	for _, h := range w.Hubs {
		if h.Designated > w.Now && (e.designate < 0 || h.Designated < e.designate) {
			e.designate = h.Designated
		}
	}
	if e.quotas >= 0 {
		e.round = e.quotas
		for e.round.MonthOfYear() != w.Scn.Planner.QuotaMonth && e.round < e.quotas+12 {
			e.round++
		}
	}
	return e, e.quotas > w.Now
}

// monthOr is month m's label, or a dash when there is none.
func monthOr(c *i18n.Catalog, m configs.Month) string {
	if m < 0 {
		return "–"
	}
	return view.MonthLabel(c, m)
}

// infoSection is one heading of the Info screen and its paragraphs.
type infoSection struct {
	head  string
	paras []string
}

// infoSections are the Info screen's two columns: the role (goal, scores) and the scenario (claim, watch,
// try, the pre-plan era).
func (a *App) infoSections() (left, right []infoSection) {
	c := a.cat
	st := a.sess.Setup()
	w := a.sess.Model().W
	goal := c.T(roleGoalKey(st.Role))
	if len(st.Role.Provinces) > 0 {
		names := make([]string, len(st.Role.Provinces))
		for i, p := range st.Role.Provinces {
			names[i] = c.Province(w.Provinces[p].ID)
		}
		goal = c.T("ui.info.goal.province", strings.Join(names, ", "))
	}
	goals := []string{goal}
	if st.Role.Planner && len(st.Role.Provinces) > 0 { // hot seat with the planner: both goals
		goals = append(goals, c.T("ui.info.goal.planner"))
	}
	left = []infoSection{
		{c.T("ui.info.h.goal"), goals},
		{c.T("ui.info.h.score"), []string{c.T("ui.info.score.career"), c.T("ui.info.score.nation"), c.T("ui.info.score.rule")}},
	}
	keys := InfoTexts(st.Preset)
	if st.Preset != "" && c.Has(keys[0]) {
		right = []infoSection{
			{c.T("ui.info.h.claim"), []string{c.T(keys[0])}},
			{c.T("ui.info.h.watch"), []string{c.T(keys[1])}},
			{c.T("ui.info.h.try"), []string{c.T(keys[2])}},
		}
	} else {
		d := w.Scn.Description
		if d == "" {
			d = c.T("ui.info.none")
		}
		right = []infoSection{{c.T("ui.info.h.claim"), []string{c.T("ui.info.custom", d)}}}
	}
	if e, ok := preplan(w); ok {
		paras := []string{c.T("ui.info.era", view.MonthLabel(c, e.start), monthOr(c, e.quotas), monthOr(c, e.designate),
			monthOr(c, e.designate), monthOr(c, e.moderation), monthOr(c, e.incentives), monthOr(c, e.round))}
		if st.Role.Planner {
			paras = append(paras, c.T("ui.info.era_planner", monthOr(c, e.round)))
		}
		right = append(right, infoSection{c.T("ui.info.h.era"), paras})
	}
	return left, right
}

// gameName is the scenario's title for the Info screen.
func (a *App) gameName() string {
	st := a.sess.Setup()
	if k := "ui.preset." + st.Preset; st.Preset != "" && a.cat.Has(k) {
		return a.cat.T(k)
	}
	if st.ScenarioName != "" {
		return st.ScenarioName
	}
	return a.sess.Model().W.Scn.Name
}

// prepareInfo adds the Info screen to sc: a box over the screen with the role's column and the
// scenario's, each heading and its wrapped paragraphs, shrinking to the small face when the large one
// does not fit.
func (a *App) prepareInfo(sc *scene) {
	if a.sess == nil {
		return
	}
	c, f, s := a.cat, a.fonts, a.fonts.scale
	W, H := float32(a.w), float32(a.h)
	sc.rect(Rect{0, 0, W, H}, colShade)
	box := Centred(W, H, min(W-24*s, 1100*s), min(H-24*s, 680*s))
	sc.dialogPanel(box, s)
	sc.text(fit(c.T("ui.info.title", a.gameName()), f.Head, box.W-40*s), box.X+20*s, box.Y+14*s, f.Head, colText)
	left, right := a.infoSections()
	top := box.Y + 50*s
	bottom := box.Y + box.H - 56*s
	gap := 24 * s
	colW := (box.W - 40*s - gap) / 2
	for i, col := range [2][]infoSection{left, right} {
		x := box.X + 20*s + float32(i)*(colW+gap)
		face, lh := f.Body, 19*s
		if infoHeight(col, face, colW, lh, s) > bottom-top {
			face, lh = f.Small, 16*s
		}
		if infoHeight(col, face, colW, lh, s) > bottom-top {
			face, lh = f.Tiny, 14*s
		}
		y := top
		for _, sec := range col {
			sc.text(fit(sec.head, f.Bold, colW), x, y, f.Bold, colAccent)
			y += 21 * s
			for _, p := range sec.paras {
				for _, l := range wrapText(p, face, colW, 12) {
					if y+lh > bottom {
						break
					}
					sc.text(l, x, y, face, colText)
					y += lh
				}
				y += 4 * s
			}
			y += 6 * s
		}
	}
	sc.text(fit(c.T("ui.info.keys"), f.Small, box.W-220*s), box.X+20*s, box.Y+box.H-38*s, f.Small, colDim)
	label := c.T("ui.info.close_again")
	if a.info.start {
		label = c.T("ui.info.close")
	}
	sc.button(Rect{box.X + box.W - 160*s, box.Y + box.H - 48*s, 140 * s, 34 * s}, label, Command{Kind: CmdInfo}, false, true)
}

// infoHeight is the height a column of sections takes in face (lh a line) at width w.
func infoHeight(col []infoSection, face *Face, w, lh, s float32) float32 {
	h := float32(0)
	for _, sec := range col {
		h += 21*s + 6*s
		for _, p := range sec.paras {
			h += float32(len(wrapText(p, face, w, 12)))*lh + 4*s
		}
	}
	return h
}

// Info is the Info screen's content as shown now (tests): its column headings and paragraphs, in order.
func (a *App) Info() []string {
	if a.sess == nil {
		return nil
	}
	left, right := a.infoSections()
	var out []string
	for _, sec := range append(left, right...) {
		out = append(out, sec.head)
		out = append(out, sec.paras...)
	}
	return out
}

// roundLine is the decision dialog's line under its title at a round (ui_prep.go): before the plan it says
// that the round is free and when the first quota round comes.
func (pl *playStage) roundLine(w *economy.World) string {
	year := (w.Now + 1).String()[:4] // the round is applied at the next step
	if e, ok := preplan(w); ok && e.round >= 0 {
		return pl.cat.T("ui.info.dlg_round", year, strconv.Itoa(e.round.Year()))
	}
	return pl.cat.T("ui.dlg.round", year)
}

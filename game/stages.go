package game

import (
	"dongshu/configs"
	"dongshu/game/session"
	"dongshu/game/view"
)

// Stage is one screen of the game as a scene (ebiten's examples/blocks shape): it owns its state, its
// keys, the commands only it understands and its frame. The App is the scene manager: it holds what every
// screen shares (options, catalog, session, fonts, overlays, messages, the charts), runs the update
// around the current stage's hooks, carries out the commands common to all screens and switches stages;
// it knows nothing of any stage's insides. A stage is made when its screen is entered and embeds the App,
// whose shared state it reads and uses directly.
//
// Adding a screen: a Screen constant, its keys in screenKeys, and a type implementing Stage in its own
// file. An overlay (dialog, message, help) is not a stage: it sits on top of one and takes its keys first
// (overlayKeys in input.go).
type Stage interface {
	// Screen is the stage's id (the pure input mapping picks the screen's keys by it; screenKeys).
	Screen() Screen
	// Before runs at every update before the frame is prepared; Input once it is, before the commands
	// (the pointer over the prepared frame); After after the commands (on the stage then shown).
	Before(in *Input)
	Input(in *Input)
	After()
	// Do carries out c if it is the screen's and reports whether it did; the App carries out the rest
	// (the commands common to every screen).
	Do(c Command) bool
	// Prepare brings the prepared frame up to date; Draw draws it (reading only).
	Prepare()
	Draw(dst Renderer)
}

// screenKeys map a key to each screen's command when no overlay is open (each stage's keys, in its file;
// input.go).
var screenKeys = [...]keyMap{
	ScreenTitle:   titleKeys,
	ScreenSetup:   setupKeys,
	ScreenPlay:    playKeys,
	ScreenDebrief: debriefKeys,
}

// goTo makes st the screen shown.
func (a *App) goTo(st Stage) { a.stage = st }

// noHooks gives a stage the update hooks it does not need.
type noHooks struct{}

func (noHooks) Before(*Input) {}
func (noHooks) Input(*Input)  {}
func (noHooks) After()        {}

// menuStage is what the title, set-up and debrief share: a frame prepared as a scene whenever what it
// shows changed (menuPrep), drawn with the charts when it has them.
type menuStage struct {
	*App
	noHooks
	menu menuPrep
}

// menuScreen is a menu stage's own part of its frame: what its cache key holds, and the frame itself.
type menuScreen interface {
	key(k *prepKey)
	frame(sc *scene)
}

// The title: new game, load (greyed out without a save file), language, quit.
type titleStage struct {
	menuStage
	noSave bool // the save file does not exist (Load greyed out)
}

func (a *App) newTitle() *titleStage {
	t := &titleStage{menuStage: menuStage{App: a}}
	t.checkSave()
	return t
}

func (*titleStage) Screen() Screen           { return ScreenTitle }
func (t *titleStage) Before(*Input)          { t.checkSave() }
func (t *titleStage) Prepare()               { t.prepareMenu(t, t.noSave) }
func (t *titleStage) key(k *prepKey)         { k.noSave = t.noSave }
func (t *titleStage) frame(sc *scene)        { t.prepareTitle(sc) }
func (t *titleStage) Do(c Command) (ok bool) { return c.Kind == CmdLoad && t.noLoad() }

// noLoad reports whether Load is greyed out (nothing to load), looking at the file again first.
func (t *titleStage) noLoad() bool {
	t.checkSave()
	return t.noSave
}

// The set-up: scenario, seed, difficulty, roles.
type setupStage struct {
	menuStage
	setup setupState
}

func (a *App) newSetup() *setupStage {
	s := &setupStage{menuStage: menuStage{App: a}}
	s.setup.init(a.opt.Setup)
	return s
}

func (*setupStage) Screen() Screen    { return ScreenSetup }
func (s *setupStage) Prepare()        { s.prepareMenu(s, false) }
func (s *setupStage) key(k *prepKey)  { k.setupRev = s.setup.rev }
func (s *setupStage) frame(sc *scene) { s.prepareSetup(sc) }

func (s *setupStage) Do(c Command) bool {
	s.setup.do(c)
	switch c.Kind {
	case CmdBack:
		s.goTo(s.newTitle())
	case CmdStart:
		if st, err := s.setup.build(); err != nil {
			s.message(s.cat.T("ui.msg.setup_title"), s.cat.T(err.Error()))
		} else if s.startSession(st) {
			s.sess.SetSpeed(1)
			s.onboard()
		}
	case CmdFocus, CmdAdjust, CmdToggle, CmdDigit, CmdBackspace, CmdChip:
	default:
		return false
	}
	return true
}

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
func (a *App) newPlay(prev Stage) *playStage {
	p := &playStage{App: a, selected: defaultSelection(a.sess), hover: -1, lastSpeed: 1, waitMonth: -1, waitRev: -1}
	if q, ok := prev.(*playStage); ok {
		p.layer, p.palette, p.lastSpeed, p.hover = q.layer, q.palette, q.lastSpeed, q.hover
	}
	return p
}

func (*playStage) Screen() Screen    { return ScreenPlay }
func (p *playStage) Before(*Input)   {}
func (p *playStage) Input(in *Input) { p.setHover(in.MouseX, in.MouseY) }
func (p *playStage) After()          { p.tickPlay() }
func (p *playStage) Prepare()        { p.preparePlay() }
func (p *playStage) Draw(dst Renderer) {
	p.drawPlay(dst)
	p.drawScene(dst, &p.prep.top)
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
func (a *App) newDebrief() *debriefStage {
	d := &debriefStage{menuStage: menuStage{App: a}, debrief: a.sess.Debrief(), facts: a.sess.Facts(), pages: 1}
	d.startCounterfactuals()
	return d
}

func (*debriefStage) Screen() Screen    { return ScreenDebrief }
func (d *debriefStage) Before(*Input)   { d.pollCounterfactuals() }
func (d *debriefStage) Prepare()        { d.prepareMenu(d, false) }
func (d *debriefStage) frame(sc *scene) { d.prepareDebrief(sc) }
func (d *debriefStage) key(k *prepKey)  { k.page, k.cfRev = d.page, d.cf.rev }

func (d *debriefStage) Do(c Command) bool {
	switch c.Kind {
	case CmdQuit:
		// Before the export is written, ask first: the class needs the data.
		if d.exported || d.overlay == OverlayQuitQ {
			return false
		}
		d.overlay = OverlayQuitQ
	case CmdInfo:
		d.toggleInfo()
	case CmdExport:
		d.overlay = OverlayNone
		d.export()
	case CmdCF:
		d.doCounterfactual(c)
	case CmdPage:
		p := c.Arg
		if c.Delta != 0 {
			p = d.page + c.Delta
		}
		d.page = max(0, min(p, d.pages-1))
	default:
		return false
	}
	return true
}

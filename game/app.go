// Package game is the desktop game of dongshu: ebiten screens (title, set-up, play, debrief) over a
// session.Session. The game reads the model and sends human choices through session.Submit; it never
// changes the model itself. Input mapping, layout geometry and draw preparation are plain Go, tested
// without a display; only draw.go and the input snapshot talk to ebiten.
package game

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/i18n"
	"dongshu/game/session"
	"dongshu/game/view"
)

// DefaultSave is the save file used when none is named.
const DefaultSave = "dongshu-save.json"

// Options are what the command line decides.
type Options struct {
	Lang string
	// Setup is the game to start; with Start set the game begins playing at once (skipping title and
	// set-up), as --autoplay and --role do.
	Setup      session.Setup
	Start      bool
	LoadPath   string // load this save at start (--load)
	SavePath   string // where Ctrl+S writes and Ctrl+O reads (default DefaultSave)
	AutoDecide bool   // the advisor's choice is submitted for every human at every round
	Speed      int    // speed when starting at once (0: 1, or 8 in autoplay)
	Frames     int    // quit after this many updates (0: never)
	Screenshot string // write a PNG of the screen at frame Frames, then quit
	// Remote plays in a classroom room instead of a local game (remote.go); Setup and Start are ignored.
	Remote Remote

	// Onboard opens the Info screen at the start of a new game and guides the first quota round
	// (info.go, guide.go); cmd/dongshu sets it unless --experienced.
	Onboard bool
}

// App is the game (an ebiten.Game).
type App struct {
	opt    Options
	cat    *i18n.Catalog
	sess   *session.Session
	layout *view.Layout

	screen   Screen
	overlay  Overlay
	under    Overlay // the overlay below the help screen
	msgTitle string
	msgLines []string
	msgSmall []string // the message's technical detail, in a smaller face under msgLines
	msgRev   int      // bumped at every message (the draw preparation rebuilds on it)
	exported bool     // the debrief's export has been written (Esc quits at once)
	dlg      *dialog
	dlgSpeed int // the speed before a dialog paused the clock
	wi       whatIfState
	hotSeat  int // the province the laptop passes to

	layer      view.Layer
	palette    view.Palette
	selected   int
	hover      int
	newsScroll int
	lastSpeed  int

	waitMonth configs.Month
	waitRev   int
	submits   int
	waiting   session.Waiting
	declined  bool

	setup        setupState
	debrief      []session.Debrief
	facts        session.Facts
	debriefPage  int          // the debrief page shown (0: the first)
	debriefPages int          // the debrief's pages (as last prepared)
	cf           cfDebrief    // the debrief's counterfactuals (cf.go)
	preview      previewState // the planner dialog's impact preview (cf.go)
	noSave       bool         // the save file does not exist (title: Load greyed out)

	frame    int
	shotDone bool
	quit     bool
	w, h     int

	fonts *faces
	geo   Geometry
	play  playPrep
	info  infoState // the Info screen and the guided first round (info.go)
	menu  menuPrep
	ui    UIState
	cmds  []Command
	// The mouse as of the last update (the hovered button, the tooltip).
	mouseX, mouseY float32
}

// New makes the game; a start-up failure (bad save, bad scenario) is shown in a message box on the title
// screen rather than returned, except for missing fonts or catalogs.
func New(opt Options) (*App, error) {
	if err := loadFonts(); err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	if opt.Lang == "" {
		opt.Lang = i18n.Languages[0]
	}
	cat, err := i18n.Load(opt.Lang)
	if err != nil {
		return nil, err
	}
	if opt.SavePath == "" {
		opt.SavePath = DefaultSave
	}
	if noSetup(opt.Setup) {
		opt.Setup.Difficulty, opt.Setup.Seed = DefaultDifficulty, DefaultSeed
	}
	a := &App{opt: opt, cat: cat, selected: -1, hover: -1, lastSpeed: 1, w: 1280, h: 720}
	a.setup.init(opt.Setup)
	a.ui.Speeds = DefaultSpeeds
	a.checkSave()
	switch {
	case opt.Remote != nil:
		a.attach(opt.Remote.Session())
	case opt.LoadPath != "":
		a.load(opt.LoadPath)
	case opt.Start:
		a.startSession(opt.Setup)
	}
	if a.sess != nil && (opt.Start || opt.LoadPath != "") {
		sp := opt.Speed
		if sp == 0 {
			sp = 1
			if opt.Setup.Role.Autoplay() {
				sp = session.MaxSpeed
			}
		}
		a.sess.SetSpeed(sp)
	}
	if opt.Start && opt.LoadPath == "" && opt.Remote == nil {
		a.onboard()
	}
	return a, nil
}

// Catalog is the current language's catalog.
func (a *App) Catalog() *i18n.Catalog { return a.cat }

// Session is the game in progress (nil on the title and set-up screens).
func (a *App) Session() *session.Session { return a.sess }

// Screen is the current screen.
func (a *App) Screen() Screen { return a.screen }

// Overlay is what is open over the screen.
func (a *App) Overlay() Overlay { return a.overlay }

// Geometry is the play screen's current layout.
func (a *App) Geometry() Geometry { return a.geo }

// Buttons are the clickable areas of the last prepared frame (the screen's, then its overlay's).
func (a *App) Buttons() []Button { return a.ui.Buttons }

// Do runs one command as if the user had asked for it (tests and automation).
func (a *App) Do(c Command) { a.do(c) }

// The set-up screen's difficulty and seed when New is given no set-up: the command line's defaults.
const (
	DefaultDifficulty = session.Normal
	DefaultSeed       = 1
)

// noSetup reports whether st is the zero set-up (nothing chosen).
func noSetup(st session.Setup) bool {
	return st.Preset == "" && st.ScenarioName == "" && st.ScenarioTOML == "" && st.Seed == 0 &&
		st.Difficulty == 0 && !st.Role.Planner && len(st.Role.Provinces) == 0
}

// saveExists reports whether path is a file (a corrupt one included: loading it reports why).
func saveExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// checkSave notes whether the save file exists (the title greys Load out without it). It is called on
// the way to the title and once per update there, never from Draw: the file is looked at once a tick.
func (a *App) checkSave() {
	a.noSave = !saveExists(a.opt.SavePath)
}

// ErrQuit is returned by Update when the game is over (the user quit, or --frames ran out).
var ErrQuit = errors.New("quit")

// Layout sets the logical screen to the window's size (at least 320 x 240) and returns it.
func (a *App) Layout(outsideWidth, outsideHeight int) (int, int) {
	a.w, a.h = max(outsideWidth, 320), max(outsideHeight, 240)
	return a.w, a.h
}

// Update runs one tick with this frame's input: commands, then the clock. It returns ErrQuit when the
// game should end.
func (a *App) Update(in *Input) error {
	a.mouseX, a.mouseY = in.MouseX, in.MouseY
	return a.update(in)
}

// ScreenshotDue reports whether the screen drawn now should be written to Options.Screenshot; the
// caller writes it and calls ScreenshotTaken.
func (a *App) ScreenshotDue() (string, bool) {
	if a.opt.Screenshot == "" || a.shotDone || a.opt.Frames <= 0 || a.frame < a.opt.Frames {
		return "", false
	}
	return a.opt.Screenshot, true
}

// ScreenshotTaken records that the screenshot was written (err: it failed, shown in a message box).
func (a *App) ScreenshotTaken(err error) {
	a.shotDone = true
	if err != nil {
		a.errorBox(err)
	}
}

func (a *App) update(in *Input) error {
	a.frame++
	if a.quit {
		return ErrQuit
	}
	if f := a.opt.Frames; f > 0 && a.frame > f && (a.opt.Screenshot == "" || a.shotDone || a.frame > f+300) {
		return ErrQuit
	}
	a.stage().Before(a, in)
	a.prepare()
	a.stage().Input(a, in)
	a.cmds = MapInput(in, &a.ui, a.cmds[:0])
	for _, c := range a.cmds {
		a.do(c)
	}
	a.stage().After(a)
	return nil
}

func (a *App) setHover(x, y float32) {
	a.hover = -1
	if a.overlay == OverlayHelp || a.overlay == OverlayMessage || a.overlay == OverlayInfo {
		return
	}
	for p, r := range a.ui.Cells {
		if r.Contains(x, y) {
			a.hover = p
			return
		}
	}
}

// message opens a message box.
func (a *App) message(title string, lines ...string) {
	if a.overlay == OverlayDialog || a.overlay == OverlayHotSeat {
		a.closeDialog(false)
	}
	a.msgTitle, a.msgLines, a.msgSmall = title, lines, nil
	a.msgRev++
	a.overlay = OverlayMessage
}

// errorBox shows err: a save, load or export error as a plain explanation in the player's language,
// with the English technical text under it in a smaller face; any other error as its text.
func (a *App) errorBox(err error) {
	if line, ok := explainError(a.cat, err); ok {
		a.message(a.cat.T("ui.msg.error"), line)
		a.msgSmall = wrapError(err.Error())
		return
	}
	a.message(a.cat.T("ui.msg.error"), wrapError(err.Error())...)
}

// explainError is the catalog's plain explanation of a save, load or export error (a *session.Error),
// chosen from its kind; ok is false for any other error.
func explainError(c *i18n.Catalog, err error) (line string, ok bool) {
	var e *session.Error
	if !errors.As(err, &e) {
		return "", false
	}
	switch {
	case errors.Is(e, session.ErrNotSave):
		return c.T("ui.err.not_save"), true
	case errors.Is(e, session.ErrNewerVersion):
		return c.T("ui.err.newer"), true
	case errors.Is(e, session.ErrDamaged) && e.Line > 0:
		return c.T("ui.err.damaged_line", e.Line), true
	case errors.Is(e, session.ErrDamaged):
		return c.T("ui.err.damaged"), true
	case errors.Is(e, session.ErrNothingToExport):
		return c.T("ui.err.nothing_to_export"), true
	case errors.Is(e, session.ErrIO) && e.Op == session.OpLoad && errors.Is(e, fs.ErrNotExist):
		return c.T("ui.err.missing", e.Path), true
	case errors.Is(e, session.ErrIO) && e.Op == session.OpLoad:
		return c.T("ui.err.read", e.Path), true
	case errors.Is(e, session.ErrIO):
		return c.T("ui.err.write", e.Path), true
	}
	switch e.Op {
	case session.OpSave:
		return c.T("ui.err.save"), true
	case session.OpLoad:
		return c.T("ui.err.load"), true
	}
	return c.T("ui.err.export"), true
}

// wrapError splits a long error into lines at "; " and newlines.
func wrapError(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, strings.Split(l, "; ")...)
	}
	if len(out) > 12 {
		out = append(out[:11], "…")
	}
	return out
}

// startSession begins a new game.
func (a *App) startSession(st session.Setup) bool {
	s, err := session.New(st)
	if err != nil {
		a.screen = ScreenTitle
		a.checkSave()
		a.errorBox(err)
		return false
	}
	return a.attach(s)
}

// attach makes s the game in progress and shows the play screen.
func (a *App) attach(s *session.Session) bool {
	l, err := view.LoadLayout()
	if err == nil {
		err = l.Bind(s.Model())
	}
	if err != nil {
		a.errorBox(err)
		return false
	}
	a.sess, a.layout = s, l
	a.screen = ScreenPlay
	a.overlay = OverlayNone
	a.dlg = nil
	a.waitMonth, a.waitRev, a.declined = -1, -1, false
	a.newsScroll = 0
	a.play = playPrep{}
	a.selected = defaultSelection(s)
	return true
}

func (a *App) load(path string) {
	s, err := session.Load(path)
	if err != nil {
		a.errorBox(err)
		return
	}
	if a.attach(s) {
		a.message(a.cat.T("ui.msg.loaded_title"), a.cat.T("ui.msg.loaded", path, s.Model().W.Now.String()))
	}
}

func (a *App) save() {
	if a.sess == nil {
		return
	}
	if err := a.sess.Save(a.opt.SavePath); err != nil {
		a.errorBox(err)
		return
	}
	abs, _ := filepath.Abs(a.opt.SavePath)
	a.message(a.cat.T("ui.msg.saved_title"), a.cat.T("ui.msg.saved", abs))
}

func (a *App) export() {
	if a.sess == nil {
		return
	}
	dir := fmt.Sprintf("dongshu-export-%d", a.sess.Setup().Seed)
	if err := a.sess.ExportLang(dir, a.cat.Lang()); err != nil {
		a.errorBox(err)
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		a.errorBox(err)
		return
	}
	abs, _ := filepath.Abs(dir)
	lines := []string{a.cat.T("ui.msg.exported", abs, len(entries))}
	for _, e := range entries {
		lines = append(lines, "  "+e.Name())
	}
	if len(lines) > 12 {
		lines = append(lines[:11], "  …")
	}
	a.exported = true
	a.message(a.cat.T("ui.msg.exported_title"), lines...)
}

func (a *App) setLang(lang string) {
	c, err := i18n.Load(lang)
	if err != nil {
		a.errorBox(err)
		return
	}
	a.cat = c
	a.opt.Lang = lang
}

func (a *App) nextLang() {
	i := slices.Index(i18n.Languages, a.cat.Lang())
	a.setLang(i18n.Languages[(i+1)%len(i18n.Languages)])
}

// do carries out one command.
func (a *App) do(c Command) {
	switch c.Kind {
	case CmdQuit:
		// On the debrief, before the export is written, ask first: the class needs the data.
		if a.screen == ScreenDebrief && a.sess != nil && !a.exported && a.overlay != OverlayQuitQ {
			a.overlay = OverlayQuitQ
			break
		}
		a.quit = true
	case CmdNewGame:
		a.screen, a.overlay = ScreenSetup, OverlayNone
		a.setup.init(a.opt.Setup)
	case CmdLoad:
		if a.screen == ScreenTitle {
			if a.checkSave(); a.noSave {
				break // greyed out: nothing to load
			}
		}
		a.load(a.opt.SavePath)
	case CmdSave:
		a.save()
	case CmdLang:
		a.nextLang()
	case CmdBack:
		a.screen = ScreenTitle
		a.checkSave()
	case CmdStart:
		if st, err := a.setup.build(); err != nil {
			a.message(a.cat.T("ui.msg.setup_title"), a.cat.T(err.Error()))
		} else if a.startSession(st) {
			a.sess.SetSpeed(1)
			a.onboard()
		}
	case CmdHelp:
		if a.overlay == OverlayHelp {
			a.overlay = a.under
		} else {
			a.under, a.overlay = a.overlay, OverlayHelp
		}
	case CmdDismiss:
		a.overlay = OverlayNone
	case CmdConfirm:
		switch a.overlay {
		case OverlayMessage:
			a.overlay = OverlayNone
		case OverlayConfirmQ:
			a.overlay = OverlayNone
			a.gotoDebrief()
		case OverlayWhatIf:
			a.doWhatIf(c)
		case OverlayDialog:
			a.submitDialog()
		}
	}
	a.doInfo(c)
	a.stage().Do(a, c) // every command reaches the screen now shown (after any switch above)
}

func (a *App) doPlay(c Command) {
	s := a.sess
	if s == nil {
		return
	}
	switch c.Kind {
	case CmdPause:
		if s.Speed() > 0 {
			a.lastSpeed = s.Speed()
			s.SetSpeed(0)
		} else {
			s.SetSpeed(max(a.lastSpeed, 1))
		}
	case CmdStep:
		if s.Speed() > 0 {
			a.lastSpeed = s.Speed()
		}
		s.SetSpeed(0)
		if err := s.Step(); err != nil {
			a.errorBox(err)
		}
	case CmdSpeed:
		s.SetSpeed(c.Arg)
		a.lastSpeed = max(c.Arg, 1)
	}
	if (c.Kind == CmdSpeed || c.Kind == CmdPause || c.Kind == CmdStep) && (a.overlay == OverlayDialog || a.overlay == OverlayHotSeat) {
		a.dlgSpeed = s.Speed() // chosen while the round waits: the speed to run on once it is decided
	}
	switch c.Kind {
	case CmdLayer:
		if c.Arg >= 0 && c.Arg < int(view.NumLayers) {
			a.layer = view.Layer(c.Arg)
		}
	case CmdLayerNext:
		n := int(view.NumLayers)
		a.layer = view.Layer(((int(a.layer)+c.Delta)%n + n) % n)
	case CmdPalette:
		a.palette = 1 - a.palette
	case CmdChartSpan:
		a.play.chartFull = !a.play.chartFull
	case CmdSelect:
		if a.overlay == OverlayDialog && a.dlg != nil && a.dlg.kind == dlgPlanner {
			a.dlg.toggleModerate(c.Arg)
		} else {
			a.selected = c.Arg
		}
	case CmdScroll:
		a.newsScroll = max(0, min(a.newsScroll+c.Delta, len(s.News())-1))
	case CmdDecide:
		a.openDecision()
	case CmdReady:
		if a.overlay == OverlayHotSeat {
			a.overlay = OverlayNone
			a.openProvinceDialog(a.hotSeat, true)
		}
	case CmdCancel:
		if a.overlay == OverlayDialog {
			a.closeDialog(true)
		}
	case CmdWhatIf, CmdCompare:
		a.doWhatIf(c)
	case CmdFocus, CmdAdjust, CmdToggle, CmdAdvice:
		if a.overlay == OverlayWhatIf {
			a.doWhatIf(c)
			return
		}
		if a.overlay != OverlayDialog || a.dlg == nil {
			return
		}
		switch c.Kind {
		case CmdFocus:
			if c.Delta != 0 {
				a.dlg.moveFocus(c.Delta)
			} else {
				a.dlg.focus = c.Arg
				a.dlg.rev++
			}
		case CmdAdjust:
			a.dlg.adjust(c.Arg, c.Delta, c.Big)
		case CmdToggle:
			a.dlg.toggle(c.Arg)
		case CmdAdvice:
			a.dlg.useAdvice()
		}
	}
}

// tickPlay runs the clock once per update and opens the decision dialogs the clock waits for.
func (a *App) tickPlay() {
	s := a.sess
	if s == nil {
		return
	}
	if s.Done() {
		a.gotoDebrief()
		return
	}
	if a.opt.Remote != nil {
		a.tickRemote()
		return
	}
	a.checkWaiting()
	if a.overlay == OverlayDialog || a.overlay == OverlayHotSeat || a.overlay == OverlayInfo {
		return // the clock stands still while a human decides or reads
	}
	if err := s.Tick(); err != nil {
		s.SetSpeed(0)
		a.errorBox(err)
		return
	}
	if s.Done() {
		a.gotoDebrief()
	}
}

// checkWaiting asks the session who it waits for when the month or the submissions changed (so that a
// running game does not ask every tick), and opens the first human's dialog.
func (a *App) checkWaiting() {
	m := a.sess.Model()
	if a.opt.Remote != nil {
		a.waiting = a.opt.Remote.Awaited()
	} else if m.W.Now != a.waitMonth || a.submits != a.waitRev {
		a.waiting = a.sess.Waiting()
		a.waitMonth, a.waitRev = m.W.Now, a.submits
		a.declined = false
	}
	if !a.waiting.Any() || a.overlay != OverlayNone || a.declined {
		return
	}
	if a.opt.AutoDecide {
		a.autoDecide()
		return
	}
	a.openWaiting()
}

func (a *App) openWaiting() {
	w := a.waiting
	switch {
	case w.Planner:
		a.openPlannerDialog(true)
	case len(w.Provinces) > 0:
		p := w.Provinces[0]
		if a.opt.Remote == nil && (len(a.sess.Setup().Role.Provinces) > 1 || a.sess.Setup().Role.Planner) {
			a.hotSeat = p
			a.overlay = OverlayHotSeat
			a.pauseForDialog()
			return
		}
		a.openProvinceDialog(p, true)
	}
}

// autoDecide submits the advisor's choice for every awaited province and keeps the planner's policy.
func (a *App) autoDecide() {
	m := a.sess.Model()
	for _, p := range a.waiting.Provinces {
		d := a.sess.Advice(p).Decision
		d.Province = p
		if err := a.submit(session.Action{Month: m.W.Now, Province: &d}); err != nil {
			a.errorBox(err)
			a.declined = true
			return
		}
	}
	if a.waiting.Planner {
		pd := m.PlannerPolicy()
		if err := a.submit(session.Action{Month: m.W.Now, Planner: &pd}); err != nil {
			a.errorBox(err)
			a.declined = true
			return
		}
	}
	a.submits++
}

// openDecision opens the dialog on request (key D): the awaited human first, else the selected human
// province, else the first human role.
func (a *App) openDecision() {
	if a.overlay != OverlayNone || a.sess.Done() {
		return
	}
	role := a.sess.Setup().Role
	if a.waiting.Any() {
		a.declined = false
		a.openWaiting()
		return
	}
	switch {
	case slices.Contains(role.Provinces, a.selected):
		a.openProvinceDialog(a.selected, false)
	case role.Planner:
		a.openPlannerDialog(false)
	case len(role.Provinces) > 0:
		a.openProvinceDialog(role.Provinces[0], false)
	default:
		a.message(a.cat.T("ui.msg.autoplay_title"), a.cat.T("ui.msg.autoplay"))
	}
}

func (a *App) pauseForDialog() {
	if sp := a.sess.Speed(); sp > 0 {
		a.dlgSpeed = sp
	}
}

func (a *App) openProvinceDialog(p int, waiting bool) {
	a.pauseForDialog()
	adv := a.sess.Advice(p)
	d := &dialog{kind: dlgProvince, province: p, advice: adv, waiting: waiting}
	if pend, ok := a.sess.Model().Pending[p]; ok {
		d.dec = pend
	} else {
		d.dec = adv.Decision
	}
	d.dec.Province = p
	a.dlg = d
	a.selected = p
	a.overlay = OverlayDialog
}

func (a *App) openPlannerDialog(waiting bool) {
	a.pauseForDialog()
	m := a.sess.Model()
	d := &dialog{kind: dlgPlanner, waiting: waiting, province: -1}
	if m.PendingPlanner != nil {
		d.plan = *m.PendingPlanner
	} else {
		d.plan = m.PlannerPolicy()
	}
	// The override starts from the AI planner's proposal (its rule's quota now), never from 0.
	d.padvice = a.sess.PlannerAdvice()
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
	a.dlg = d
	a.overlay = OverlayDialog
}

func (a *App) closeDialog(declined bool) {
	if a.dlg != nil && a.dlg.waiting && declined {
		a.declined = true
	}
	a.dlg = nil
	a.overlay = OverlayNone
}

func (a *App) submitDialog() {
	d := a.dlg
	if d == nil {
		return
	}
	act := session.Action{Month: a.sess.Model().W.Now}
	if d.kind == dlgProvince {
		dec := d.provinceDecision()
		act.Province = &dec
	} else {
		pd := d.plannerDecision()
		act.Planner = &pd
	}
	if err := a.submit(act); err != nil {
		a.errorBox(err)
		return
	}
	a.submits++
	a.closeDialog(false)
	a.checkWaiting() // the next human in the hot seat, if any
	if a.overlay == OverlayNone && !a.waiting.Any() && a.dlgSpeed > 0 {
		a.sess.SetSpeed(a.dlgSpeed)
	}
}

func (a *App) gotoDebrief() {
	if a.screen == ScreenDebrief || a.sess == nil {
		return
	}
	a.sess.SetSpeed(0)
	a.debrief = a.sess.Debrief()
	a.facts = a.sess.Facts()
	a.debriefPage, a.debriefPages = 0, 1
	a.startCounterfactuals()
	a.exported = false
	a.screen = ScreenDebrief
	a.overlay = OverlayNone
	a.dlg = nil
}

// errNoProvince is the set-up's complaint when hot seat is chosen with no province.
var errNoProvince = errors.New("ui.msg.no_province")

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

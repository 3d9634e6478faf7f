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

// App is the game (an ebiten.Game) and its scene manager (stages.go): what every screen shares, and the
// current screen's stage, which holds the rest.
type App struct {
	opt    Options
	cat    *i18n.Catalog
	sess   *session.Session
	layout *view.Layout
	stage  Stage // the screen shown

	overlay Overlay
	under   Overlay   // the overlay below the help screen
	msg     msgBox    // the message box's text
	info    infoState // the Info screen and the guided first round (info.go)
	charts  chartSet  // the national charts (the play screen's and the debrief's)

	fonts *faces
	geo   Geometry
	ui    UIState
	cmds  []Command

	frame    int
	shotDone bool
	quit     bool
	w, h     int
	// The mouse as of the last update (the hovered button, the tooltip).
	mouseX, mouseY float32
}

// msgBox is the message box's text.
type msgBox struct {
	title string
	lines []string
	small []string // the technical detail, in a smaller face under lines
	rev   int      // bumped at every message (the draw preparation rebuilds on it)
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
	a := &App{opt: opt, cat: cat, w: 1280, h: 720}
	a.ui.Speeds = DefaultSpeeds
	a.goTo(a.newTitle())
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
func (a *App) Screen() Screen { return a.stage.Screen() }

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
func (ti *titleStage) checkSave() {
	ti.noSave = !saveExists(ti.opt.SavePath)
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
	a.stage.Before(in)
	a.prepare()
	a.stage.Input(in)
	a.cmds = MapInput(in, &a.ui, a.cmds[:0])
	for _, c := range a.cmds {
		a.do(c)
	}
	a.stage.After() // the stage now shown (a command may have changed it)
	return nil
}

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

// message opens a message box.
func (a *App) message(title string, lines ...string) {
	if d, ok := a.stage.(dialogStage); ok && (a.overlay == OverlayDialog || a.overlay == OverlayHotSeat) {
		d.closeDialog(false)
	}
	a.msg.title, a.msg.lines, a.msg.small = title, lines, nil
	a.msg.rev++
	a.overlay = OverlayMessage
}

// errorBox shows err: a save, load or export error as a plain explanation in the player's language,
// with the English technical text under it in a smaller face; any other error as its text.
func (a *App) errorBox(err error) {
	if line, ok := explainError(a.cat, err); ok {
		a.message(a.cat.T("ui.msg.error"), line)
		a.msg.small = wrapError(err.Error())
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
		a.goTo(a.newTitle())
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
	a.charts = chartSet{}
	a.goTo(a.newPlay(a.stage))
	a.overlay = OverlayNone
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

// do carries out one command: the screen's own first (Stage.Do), else the commands common to every screen.
func (a *App) do(c Command) {
	if a.stage.Do(c) {
		return
	}
	switch c.Kind {
	case CmdQuit:
		a.quit = true
	case CmdNewGame:
		a.goTo(a.newSetup())
		a.overlay = OverlayNone
	case CmdLoad:
		a.load(a.opt.SavePath)
	case CmdSave:
		a.save()
	case CmdLang:
		a.nextLang()
	case CmdHelp:
		if a.overlay == OverlayHelp {
			a.overlay = a.under
		} else {
			a.under, a.overlay = a.overlay, OverlayHelp
		}
	case CmdDismiss:
		a.overlay = OverlayNone
	case CmdConfirm:
		if a.overlay == OverlayMessage {
			a.overlay = OverlayNone
		}
	}
}

// dialogStage is a stage with a dialog of its own (the play screen's decisions), which a message box
// closes.
type dialogStage interface{ closeDialog(declined bool) }

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

func (a *App) gotoDebrief() {
	a.sess.SetSpeed(0)
	a.goTo(a.newDebrief())
	a.overlay = OverlayNone
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

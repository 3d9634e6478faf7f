// Package game is the desktop game of dongshu: ebiten screens (title, set-up, play, debrief) over a
// session.Session. The game reads the model and sends human choices through session.Submit; it never
// changes the model itself. Input mapping, layout geometry and draw preparation are plain Go, tested
// without a display; only draw.go and the input snapshot talk to ebiten.
package game

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

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
	a.goTo(newTitle(a))
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
	a.stage.Before()
	a.prepare()
	a.stage.Input(in)
	a.cmds = MapInput(in, &a.ui, a.cmds[:0])
	for _, c := range a.cmds {
		a.do(c)
	}
	a.stage.After() // the stage now shown (a command may have changed it)
	return nil
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
		a.goTo(newTitle(a))
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
	a.goTo(newPlay(a, a.stage))
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
		a.goTo(newSetup(a))
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

// gotoDebrief ends the game: the clock stops and the debrief opens.
func (a *App) gotoDebrief() {
	a.sess.SetSpeed(0)
	a.goTo(newDebrief(a))
	a.overlay = OverlayNone
}

package game

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
	Before()
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

func (noHooks) Before()      {}
func (noHooks) Input(*Input) {}
func (noHooks) After()       {}

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

// prepareMenu brings a menu screen's frame up to date: its scene (screen.frame) and the overlay,
// rebuilt only when the cache key (screen.key and what every screen shares) changed.
func (m *menuStage) prepareMenu(screen menuScreen, noSave bool) {
	mp := &m.menu
	m.ui.NoSave = noSave
	k := prepKey{screen: m.stage.Screen(), lang: m.cat.Lang(), w: m.w, h: m.h, overlay: m.overlay, msgRev: m.msg.rev,
		info: m.info.rev}
	screen.key(&k)
	if mp.valid && k == mp.key {
		if mp.sc.charts {
			m.prepareChartTip()
		}
		return
	}
	mp.key, mp.valid = k, true
	mp.sc.reset()
	screen.frame(&mp.sc)
	mp.top.reset()
	m.prepareOverlay(&mp.top)
	m.ui.Cells = nil
	m.setButtons(mp.sc.buttons, mp.top.buttons)
}

// Draw draws a menu screen: its scene, the charts when it has them, the overlay.
func (m *menuStage) Draw(dst Renderer) {
	m.drawScene(dst, &m.menu.sc)
	if m.menu.sc.charts {
		for i := range m.charts.charts {
			m.drawChart(dst, &m.charts.charts[i])
		}
		m.drawChartTip(dst)
	}
	m.drawScene(dst, &m.menu.top)
}

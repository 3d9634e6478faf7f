package game

// Stage is one screen of the game as a scene (ebiten's examples/blocks shape): it owns its keys, what it
// does each update around the commands, the commands only it understands, and its frame. The App is the
// scene manager: it holds what every screen shares (session, catalog, fonts, layout, overlays, messages),
// maps input to commands with the current stage's keys, carries out the commands common to all screens,
// and hands the rest to the stage; it knows nothing of any stage's insides. The screen enum is only the
// stage's id (saved in UIState for the pure input mapping and the draw cache).
//
// Adding a screen: a Screen constant, a type implementing Stage in its own file, and its entry in stages.
// An overlay (dialog, message, help) is not a stage: it sits on top of one and takes its keys first
// (overlayKeys in input.go).
type Stage interface {
	// Keys maps a key to this screen's command when no overlay is open.
	Keys(k Key, in *Input, st *UIState) (Command, bool)
	// Before runs at every update before the frame is prepared; Input once it is, before the commands
	// (the pointer over the prepared frame); After after the commands.
	Before(a *App, in *Input)
	Input(a *App, in *Input)
	After(a *App)
	// Do carries out a command the manager left to the screen.
	Do(a *App, c Command)
	// Prepare adds a menu screen's frame to sc (the play screen prepares its own, in prep.go).
	Prepare(a *App, sc *scene)
}

// stages are the screens' scenes, by id.
var stages = [...]Stage{
	ScreenTitle:   titleStage{},
	ScreenSetup:   setupStage{},
	ScreenPlay:    playStage{},
	ScreenDebrief: debriefStage{},
}

// stage is the current screen's scene.
func (a *App) stage() Stage { return stages[a.screen] }

// noHooks gives a stage the hooks it does not need.
type noHooks struct{}

func (noHooks) Before(*App, *Input)       {}
func (noHooks) Input(*App, *Input)        {}
func (noHooks) After(*App)                {}
func (noHooks) Do(*App, Command)          {}
func (noHooks) Prepare(a *App, sc *scene) {}

// The title: new game, load (greyed out without a save file), language, quit.
type titleStage struct{ noHooks }

func (titleStage) Keys(k Key, in *Input, st *UIState) (Command, bool) { return titleKeys(k, in, st) }
func (titleStage) Before(a *App, _ *Input)                            { a.checkSave() }
func (titleStage) Prepare(a *App, sc *scene)                          { a.prepareTitle(sc) }

// The set-up: scenario, seed, difficulty, roles.
type setupStage struct{ noHooks }

func (setupStage) Keys(k Key, in *Input, st *UIState) (Command, bool) { return setupKeys(k, in, st) }
func (setupStage) Do(a *App, c Command)                               { a.setup.do(c) }
func (setupStage) Prepare(a *App, sc *scene)                          { a.prepareSetup(sc) }

// The play screen: the map, charts, news and the clock; its frame is prepared by preparePlay.
type playStage struct{ noHooks }

func (playStage) Keys(k Key, in *Input, st *UIState) (Command, bool) { return playKeys(k, in, st) }
func (playStage) Input(a *App, in *Input)                            { a.setHover(in.MouseX, in.MouseY) }
func (playStage) After(a *App)                                       { a.tickPlay() }
func (playStage) Do(a *App, c Command) {
	if c.Kind == CmdEndGame {
		a.overlay = OverlayConfirmQ
		return
	}
	a.doPlay(c)
}

// The debrief: scores, facts and charts, paged in hot seat; export for the seminar.
type debriefStage struct{ noHooks }

func (debriefStage) Keys(k Key, in *Input, st *UIState) (Command, bool) {
	return debriefKeys(k, in, st)
}
func (debriefStage) Prepare(a *App, sc *scene) { a.prepareDebrief(sc) }
func (debriefStage) Before(a *App, _ *Input)   { a.pollCounterfactuals() }
func (debriefStage) Do(a *App, c Command) {
	switch c.Kind {
	case CmdExport:
		a.overlay = OverlayNone
		a.export()
	case CmdCF:
		a.doCounterfactual(c)
	case CmdPage:
		p := c.Arg
		if c.Delta != 0 {
			p = a.debriefPage + c.Delta
		}
		a.debriefPage = max(0, min(p, a.debriefPages-1))
	}
}

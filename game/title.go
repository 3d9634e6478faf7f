package game

import (
	"os"

	"dongshu/game/view"
)

// The title: new game, load (greyed out without a save file), language, quit.
type titleStage struct {
	menuStage
	noSave bool // the save file does not exist (Load greyed out)
}

// newTitle makes the title screen, having looked at the save file.
func newTitle(a *App) *titleStage {
	ti := &titleStage{menuStage: menuStage{App: a}}
	ti.checkSave()
	return ti
}

func (*titleStage) Screen() Screen       { return ScreenTitle }
func (ti *titleStage) Before()           { ti.checkSave() }
func (ti *titleStage) Prepare()          { ti.prepareMenu(ti, ti.noSave) }
func (ti *titleStage) key(k *prepKey)    { k.noSave = ti.noSave }
func (ti *titleStage) frame(sc *scene)   { ti.prepareTitle(sc) }
func (ti *titleStage) Do(c Command) bool { return c.Kind == CmdLoad && ti.noLoad() }

// noLoad reports whether Load is greyed out (nothing to load), looking at the file again first.
func (ti *titleStage) noLoad() bool {
	ti.checkSave()
	return ti.noSave
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

func (ti *titleStage) prepareTitle(sc *scene) {
	c, f, s := ti.cat, ti.fonts, ti.fonts.scale
	W, H := float32(ti.w), float32(ti.h)
	sc.rect(Rect{0, 0, W, H}, colBG)
	// A strip of the viridis ramp as a quiet ornament.
	for i := range 32 {
		sc.rect(Rect{W * float32(i) / 32, H*0.30 - 6*s, W/32 + 1, 4 * s}, view.Viridis.At(float64(i)/31))
	}
	cx := W / 2
	sc.textAlign("dongshu", cx, H*0.14, f.Huge, colText, AlignCenter, false)
	sc.textAlign(c.T("ui.title.subtitle"), cx, H*0.14+62*s, f.Head, colDim, AlignCenter, false)
	bw, bh := 300*s, 40*s
	y := H * 0.36
	items := [...]struct {
		label string
		cmd   Command
	}{
		{c.T("ui.title.new"), Command{Kind: CmdNewGame}},
		{c.T("ui.title.load", ti.opt.SavePath), Command{Kind: CmdLoad}},
		{c.T("ui.title.lang", c.T("ui.lang.name")), Command{Kind: CmdLang}},
		{c.T("ui.title.quit"), Command{Kind: CmdQuit}},
	}
	for i, it := range items {
		r := Rect{cx - bw/2, y, bw, bh}
		if it.cmd.Kind == CmdLoad && ti.noSave {
			// No save file: greyed out, with a hint on how to make one.
			sc.off(r, fit(it.label, f.Small, bw-12*s))
			y += bh + 4*s
			for _, l := range wrapText(c.T("ui.title.no_save"), f.Small, bw+160*s, 2) {
				sc.textAlign(l, cx, y, f.Small, colDim, AlignCenter, false)
				y += 16 * s
			}
			y += 8 * s
			continue
		}
		sc.button(r, fit(it.label, f.Small, bw-12*s), it.cmd, false, i == 0)
		y += bh + 12*s
	}
	keys := c.T("ui.title.keys")
	if ti.noSave {
		keys = c.T("ui.title.keys_nosave")
	}
	sc.textAlign(keys, cx, y+10*s, f.Small, colDim, AlignCenter, false)
	sc.textAlign(c.T("ui.title.footer"), cx, H-30*s, f.Small, colDim, AlignCenter, false)
}

func titleKeys(k Key, _ *Input, st *UIState) (Command, bool) {
	switch {
	case k == KeyN || k == KeyEnter:
		return cmdOf(CmdNewGame)
	case k == KeyO && !st.NoSave:
		return cmdOf(CmdLoad)
	case k == KeyL:
		return cmdOf(CmdLang)
	case k == KeyEscape:
		return cmdOf(CmdQuit)
	}
	return Command{}, false
}

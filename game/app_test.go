package game

import (
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/i18n"
	"dongshu/game/session"
	"dongshu/game/view"
)

func newApp(t testing.TB, opt Options) *App {
	t.Helper()
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	a, err := New(opt)
	require.NoError(t, err)
	a.Layout(1280, 720)
	t.Cleanup(background.Wait) // its forks end with the test (see background)
	return a
}

// run ticks the app n times with no input.
func run(t testing.TB, a *App, n int) {
	t.Helper()
	var in Input
	for range n {
		require.NoError(t, a.Update(&in))
	}
}

func press(t testing.TB, a *App, in Input) {
	t.Helper()
	require.NoError(t, a.Update(&in))
}

// recorder is a Renderer that keeps what was drawn.
type recorder struct {
	rects, lines, circles, polys int
	texts                        []string
	colours                      map[color.RGBA]bool
}

func (r *recorder) Fill(c color.RGBA) {}
func (r *recorder) Rect(q Rect, c color.RGBA) {
	r.rects++
	if r.colours == nil {
		r.colours = map[color.RGBA]bool{}
	}
	r.colours[c] = true
}
func (r *recorder) StrokeRect(q Rect, w float32, c color.RGBA)      { r.rects++ }
func (r *recorder) Line(x1, y1, x2, y2, w float32, c color.RGBA)    { r.lines++ }
func (r *recorder) Circle(x, y, rad float32, c color.RGBA)          { r.circles++ }
func (r *recorder) Polyline(pts []float32, w float32, c color.RGBA) { r.polys++ }
func (r *recorder) Text(s string, x, y float32, f *Face, c color.RGBA, al Align) {
	r.texts = append(r.texts, s)
}

func TestAutoplayPlaysAndPrepares(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true})
	require.Equal(t, ScreenPlay, a.Screen())
	require.Equal(t, session.MaxSpeed, a.Session().Speed(), "autoplay starts at full speed")
	start := a.Session().Model().W.Now
	run(t, a, 10*session.TPS/session.MaxSpeed*8) // ~ 10 s of game time at 8x: about 80 months
	assert.Greater(t, int(a.Session().Model().W.Now-start), 60)

	var r recorder
	a.Draw(&r)
	pp := &a.pl().prep
	n := len(a.Session().Model().W.Provinces)
	require.Len(t, pp.cells, n)
	colours := map[color.RGBA]bool{}
	for _, c := range pp.cells {
		colours[c.Fill] = true
		assert.True(t, c.R.Within(a.geo.Grid), "cell inside the grid")
		assert.NotEmpty(t, c.Label[0])
	}
	assert.Greater(t, len(colours), 8, "the map shows many colours")
	// Legend: title, unit, ticks inside the bar, the gradient's ends differ.
	assert.NotEmpty(t, pp.legendTitle)
	assert.NotEmpty(t, pp.legendUnit)
	assert.False(t, strings.HasPrefix(pp.legendUnit, "!"), "unit translated")
	require.GreaterOrEqual(t, len(pp.ticks), 2)
	for _, tk := range pp.ticks {
		assert.GreaterOrEqual(t, tk.X, pp.legendBar.X-0.5)
		assert.LessOrEqual(t, tk.X, pp.legendBar.X+pp.legendBar.W+0.5)
		assert.NotEmpty(t, tk.Label)
	}
	assert.NotEqual(t, pp.stops[0], pp.stops[len(pp.stops)-1])
	assert.True(t, pp.legendBar.Within(a.geo.Map))
	// Charts: every point inside its plot.
	for i, ch := range a.charts.charts {
		require.Positive(t, ch.N, "chart %d has series", i)
		for k := 0; k < ch.N; k++ {
			pts := ch.Series[k].Pts
			require.GreaterOrEqual(t, len(pts), 2*60, "chart %d series %d has a point per month", i, k)
			for j := 0; j+1 < len(pts); j += 2 {
				x, y := pts[j], pts[j+1]
				require.True(t, x >= ch.Plot.X-0.01 && x <= ch.Plot.X+ch.Plot.W+0.01 && y >= ch.Plot.Y-0.01 && y <= ch.Plot.Y+ch.Plot.H+0.01,
					"chart %d point (%v, %v) outside %v", i, x, y, ch.Plot)
			}
		}
		assert.True(t, ch.Plot.Within(ch.R), "plot inside its panel")
	}
	// Flows animate between cells; links and side panel and news are there.
	assert.NotEmpty(t, pp.flows, "this month's flows")
	assert.Len(t, pp.dots, 3*len(pp.flows))
	assert.NotEmpty(t, pp.links)
	assert.NotEmpty(t, pp.side)
	assert.NotEmpty(t, pp.newsRows)
	assert.Positive(t, r.polys, "charts drawn as paths")
	assert.Positive(t, r.circles, "flow dots drawn")
	for _, s := range r.texts {
		assert.False(t, strings.HasPrefix(s, "!"), "untranslated string %q", s)
	}
}

func TestLayersPaletteAndKeys(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 2}, Start: true})
	run(t, a, 60)
	press(t, a, Input{Keys: []Key{KeySpace}})
	assert.Equal(t, 0, a.Session().Speed(), "space pauses")
	now := a.Session().Model().W.Now
	press(t, a, Input{Chars: []rune(".")})
	assert.Equal(t, now+1, a.Session().Model().W.Now, ". steps one month")
	press(t, a, Input{Keys: []Key{KeyDigit2}})
	assert.Equal(t, 2, a.Session().Speed())
	press(t, a, Input{Keys: []Key{KeySpace}})
	press(t, a, Input{Keys: []Key{KeySpace}})
	assert.Equal(t, 2, a.Session().Speed(), "space resumes at the last speed")
	var r recorder
	for l := range 8 {
		press(t, a, Input{Keys: []Key{digitKeys[l+1]}, Alt: true})
		a.Draw(&r)
		assert.EqualValues(t, l, a.pl().layer)
		assert.NotEmpty(t, a.pl().prep.ticks, "layer %d has a legend", l)
		assert.False(t, strings.HasPrefix(a.pl().prep.legendTitle, "!"))
	}
	before := a.pl().prep.stops
	press(t, a, Input{Chars: []rune("p")})
	a.Draw(&r)
	assert.NotEqual(t, before, a.pl().prep.stops, "the palette changes the colours")
	press(t, a, Input{Chars: []rune("h")})
	assert.Equal(t, OverlayHelp, a.Overlay())
	a.Draw(&r)
	press(t, a, Input{Keys: []Key{KeyEscape}})
	assert.Equal(t, OverlayNone, a.Overlay(), "Esc closes help")
	press(t, a, Input{Keys: []Key{KeyEscape}})
	assert.Equal(t, OverlayConfirmQ, a.Overlay(), "Esc asks before ending")
	press(t, a, Input{Keys: []Key{KeyEnter}})
	assert.Equal(t, ScreenDebrief, a.Screen())
	r = recorder{}
	a.Draw(&r)
	assert.NotEmpty(t, a.db().debrief, "autoplay scores the planner")
	assert.Positive(t, r.polys, "debrief charts")
}

// untilOverlay ticks until an overlay opens (at most n ticks).
func untilOverlay(t *testing.T, a *App, n int) {
	t.Helper()
	var in Input
	for range n {
		require.NoError(t, a.Update(&in))
		if a.Overlay() != OverlayNone {
			return
		}
	}
	t.Fatalf("no overlay after %d ticks (month %s)", n, a.Session().Model().W.Now)
}

func TestProvinceDecision(t *testing.T) {
	scn, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	gz := slices.IndexFunc(scn.Provinces, func(p configs.Province) bool { return p.ID == "guizhou" })
	require.GreaterOrEqual(t, gz, 0)
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 3, Role: session.Role{Provinces: []int{gz}}}, Start: true, Speed: 8})
	untilOverlay(t, a, 60*20)
	require.Equal(t, OverlayDialog, a.Overlay(), "the round waits for the human's dialog")
	require.NotNil(t, a.pl().dlg)
	assert.Equal(t, gz, a.pl().dlg.province)
	var r recorder
	a.Draw(&r)
	assert.NotEmpty(t, a.pl().prep.top.texts, "dialog prepared")
	for _, b := range a.pl().prep.top.buttons {
		assert.True(t, b.R.Within(a.geo.Dialog), "dialog button %q inside the dialog", b.Label)
	}
	now := a.Session().Model().W.Now
	run(t, a, 60)
	assert.Equal(t, now, a.Session().Model().W.Now, "the clock waits")
	// Edit: build +2 steps, cap at quota, take no fibre; confirm.
	press(t, a, Input{Chars: []rune("a")})
	press(t, a, Input{Keys: []Key{KeyDown}})
	press(t, a, Input{Keys: []Key{KeyRight}})
	press(t, a, Input{Keys: []Key{KeyRight}})
	want := a.pl().dlg.dec.BuildMW
	press(t, a, Input{Keys: []Key{KeyDown}})
	press(t, a, Input{Keys: []Key{KeySpace}})
	assert.True(t, a.pl().dlg.dec.CapAtQuota)
	press(t, a, Input{Keys: []Key{KeyEnter}})
	assert.Equal(t, OverlayNone, a.Overlay())
	acts := a.Session().Actions()
	require.Len(t, acts, 1)
	require.NotNil(t, acts[0].Province)
	assert.Equal(t, now, acts[0].Month)
	assert.Equal(t, gz, acts[0].Province.Province)
	assert.Equal(t, want, acts[0].Province.BuildMW)
	assert.True(t, acts[0].Province.CapAtQuota)
	run(t, a, 30)
	assert.Greater(t, a.Session().Model().W.Now, now, "the clock moves on")
	// Between rounds: D opens the same dialog; Esc closes it without a submission.
	press(t, a, Input{Chars: []rune("d")})
	require.Equal(t, OverlayDialog, a.Overlay())
	press(t, a, Input{Keys: []Key{KeyEscape}})
	assert.Equal(t, OverlayNone, a.Overlay())
	assert.Len(t, a.Session().Actions(), 1)
}

func TestHotSeatAndPlanner(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 4, Role: session.Role{Planner: true, Provinces: []int{0, 5}}}, Start: true, Speed: 8})
	untilOverlay(t, a, 60*20)
	require.Equal(t, OverlayDialog, a.Overlay())
	require.Equal(t, dlgPlanner, a.pl().dlg.kind, "the planner first")
	var r recorder
	a.Draw(&r)
	// Call province 3 to moderate by clicking its cell, raise enforcement, confirm.
	c := a.pl().prep.cells[3].R
	press(t, a, Input{Click: true, MouseX: c.X + c.W/2, MouseY: c.Y + c.H/2})
	assert.True(t, a.pl().dlg.moderate[3])
	a.Do(Command{Kind: CmdAdjust, Arg: leverField(configs.LeverEnforcement), Delta: 1})
	enf := a.pl().dlg.plan.Enforcement
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, OverlayHotSeat, a.Overlay(), "then the laptop passes")
	assert.Equal(t, 0, a.pl().hotSeat)
	a.Draw(&r)
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, OverlayDialog, a.Overlay())
	assert.Equal(t, 0, a.pl().dlg.province)
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, OverlayHotSeat, a.Overlay())
	assert.Equal(t, 5, a.pl().hotSeat, "hot seat in order")
	press(t, a, Input{Keys: []Key{KeyEnter}})
	press(t, a, Input{Keys: []Key{KeyEnter}})
	assert.Equal(t, OverlayNone, a.Overlay())
	acts := a.Session().Actions()
	require.Len(t, acts, 3)
	require.NotNil(t, acts[0].Planner)
	assert.Equal(t, []int{3}, acts[0].Planner.Moderate)
	assert.InDelta(t, enf, acts[0].Planner.Enforcement, 1e-9)
	assert.Equal(t, 0, acts[1].Province.Province)
	assert.Equal(t, 5, acts[2].Province.Province)
}

func TestAutoDecide(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 5, Role: session.Role{Planner: true, Provinces: []int{1}}}, Start: true, Speed: 8, AutoDecide: true})
	run(t, a, 60*20)
	assert.Equal(t, OverlayNone, a.Overlay())
	assert.GreaterOrEqual(t, len(a.Session().Actions()), 2, "the advisor decided for the humans")
	assert.Greater(t, int(a.Session().Model().W.Now-a.Session().Model().W.Start), 18)
}

func TestSaveLoadAndErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.json")
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 6}, Start: true, SavePath: path})
	run(t, a, 60)
	now := a.Session().Model().W.Now
	press(t, a, Input{Keys: []Key{KeyS}, Ctrl: true})
	require.Equal(t, OverlayMessage, a.Overlay(), "a message confirms the save")
	require.FileExists(t, path)
	press(t, a, Input{Keys: []Key{KeyEnter}})
	run(t, a, 60)
	press(t, a, Input{Keys: []Key{KeyO}, Ctrl: true})
	require.Equal(t, OverlayMessage, a.Overlay())
	assert.Equal(t, "ui.msg.loaded_title", keyOf(t, a.msg.title))
	assert.Equal(t, now, a.Session().Model().W.Now, "loaded where it was saved")
	// A broken save file is a message, never a crash.
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o644))
	press(t, a, Input{Keys: []Key{KeyEnter}})
	press(t, a, Input{Keys: []Key{KeyO}, Ctrl: true})
	assert.Equal(t, OverlayMessage, a.Overlay())
	assert.Equal(t, "ui.msg.error", keyOf(t, a.msg.title))
	var r recorder
	a.Draw(&r)
	assert.Equal(t, ScreenPlay, a.Screen(), "the game goes on")
	// --load of a missing file: title screen with the error.
	b := newApp(t, Options{LoadPath: filepath.Join(dir, "missing.json")})
	assert.Equal(t, ScreenTitle, b.Screen())
	assert.Equal(t, OverlayMessage, b.Overlay())
}

// keyOf finds the en catalog key whose text is s.
func keyOf(t *testing.T, s string) string {
	c, err := i18n.Load("en")
	require.NoError(t, err)
	for _, k := range c.Keys() {
		if c.T(k) == s {
			return k
		}
	}
	return s
}

func TestTitleSetupStart(t *testing.T) {
	a := newApp(t, Options{})
	var r recorder
	a.Draw(&r)
	require.Equal(t, ScreenTitle, a.Screen())
	assert.Contains(t, r.texts, "dongshu")
	press(t, a, Input{Chars: []rune("l")})
	assert.Equal(t, "fr", a.Catalog().Lang(), "L switches the language")
	r = recorder{}
	a.Draw(&r)
	assert.Contains(t, r.texts, "Nouvelle partie")
	press(t, a, Input{Chars: []rune("n")})
	require.Equal(t, ScreenSetup, a.Screen())
	press(t, a, Input{Keys: []Key{KeyEnter}})
	assert.Equal(t, OverlayMessage, a.Overlay(), "hot seat without a province is refused")
	assert.Equal(t, a.cat.T("ui.msg.setup_title"), a.msg.title, "as a choice to make, not an error")
	press(t, a, Input{Keys: []Key{KeyEnter}})
	a.Draw(&r)
	// Click two province chips, type seed 42, start.
	var chips []Button
	for _, b := range a.menuOf().sc.buttons {
		if b.Cmd.Kind == CmdChip {
			chips = append(chips, b.Button)
		}
	}
	require.Len(t, chips, 31)
	for _, i := range []int{7, 2} {
		c := chips[i].R
		press(t, a, Input{Click: true, MouseX: c.X + 2, MouseY: c.Y + 2})
		a.Draw(&r)
	}
	assert.Equal(t, []int{7, 2}, a.su().setup.provinces)
	for _, k := range []Key{KeyBackspace, KeyDigit4, KeyDigit2} {
		press(t, a, Input{Keys: []Key{k}})
	}
	assert.EqualValues(t, 42, a.su().setup.seed)
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, ScreenPlay, a.Screen())
	st := a.Session().Setup()
	assert.Equal(t, []int{7, 2}, st.Role.Provinces)
	assert.EqualValues(t, 42, st.Seed)
}

// uiKeyPattern finds catalog keys in the game's sources.
var uiKeyPattern = regexp.MustCompile(`"(ui\.[a-z0-9_.\-]+)"`)

func TestCatalogHasEveryKey(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	more, _ := filepath.Glob("desktop/*.go")
	files = append(files, more...)
	keys := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range uiKeyPattern.FindAllStringSubmatch(string(data), -1) {
			if !strings.HasSuffix(m[1], ".") { // a prefix completed at run time
				keys[m[1]] = true
			}
		}
	}
	require.Greater(t, len(keys), 150)
	for _, p := range configs.Presets() {
		keys["ui.preset."+p] = true
	}
	verbs := regexp.MustCompile(`%\[\d+\][a-z]`)
	cats := map[string]*i18n.Catalog{}
	for _, lang := range i18n.Languages {
		c, err := i18n.Load(lang)
		require.NoError(t, err)
		cats[lang] = c
		for k := range keys {
			assert.True(t, c.Has(k), "%s: key %q missing", lang, k)
		}
	}
	// Both catalogs have the same ui keys with the same verbs.
	en, fr := cats["en"], cats["fr"]
	for _, k := range en.Keys() {
		if !strings.HasPrefix(k, "ui.") {
			continue
		}
		require.True(t, fr.Has(k), "fr lacks %q", k)
		a, _ := en.Raw(k)
		b, _ := fr.Raw(k)
		va, vb := verbs.FindAllString(a, -1), verbs.FindAllString(b, -1)
		slices.Sort(va)
		slices.Sort(vb)
		assert.Equal(t, va, vb, "%q: same verbs in en and fr", k)
	}
	for _, k := range fr.Keys() {
		if strings.HasPrefix(k, "ui.") {
			assert.True(t, en.Has(k), "en lacks %q", k)
		}
	}
}

// With no save file the title's Load is greyed out (not clickable, O does nothing) with a hint; once
// the file exists it loads, and a corrupt file still opens the error box.
func TestTitleLoadWithoutSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	a := newApp(t, Options{SavePath: path})
	a.Draw(&recorder{})
	require.Equal(t, ScreenTitle, a.Screen())
	var load *uiButton
	for i, b := range a.menuOf().sc.buttons {
		if strings.HasPrefix(b.Label, "Load game") {
			load = &a.menuOf().sc.buttons[i]
		}
	}
	require.NotNil(t, load)
	assert.True(t, load.Off, "greyed out")
	for _, b := range a.Buttons() {
		assert.NotEqual(t, CmdLoad, b.Cmd.Kind, "not clickable")
	}
	var texts []string
	for _, tx := range a.menuOf().sc.texts {
		texts = append(texts, tx.S)
	}
	assert.Contains(t, texts, a.cat.T("ui.title.no_save"), "a hint")
	assert.Contains(t, texts, a.cat.T("ui.title.keys_nosave"))
	press(t, a, Input{Click: true, MouseX: load.R.X + 5, MouseY: load.R.Y + 5})
	press(t, a, Input{Chars: []rune("o")})
	assert.Equal(t, OverlayNone, a.Overlay(), "no error box for a file that is not there")
	assert.Equal(t, ScreenTitle, a.Screen())
	assert.Empty(t, keys(Input{Chars: []rune("o")}, UIState{Screen: ScreenTitle, NoSave: true}))

	// A corrupt file: Load is live and reports the error.
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o644))
	run(t, a, 1)
	a.Draw(&recorder{})
	found := false
	for _, b := range a.Buttons() {
		found = found || b.Cmd.Kind == CmdLoad
	}
	assert.True(t, found, "Load clickable once the file exists")
	press(t, a, Input{Chars: []rune("o")})
	assert.Equal(t, OverlayMessage, a.Overlay())
	assert.Equal(t, "ui.msg.error", keyOf(t, a.msg.title))
}

// With no set-up given the set-up screen starts at the command line's defaults: Normal, seed 1.
func TestSetupDefaults(t *testing.T) {
	a := newApp(t, Options{})
	press(t, a, Input{Chars: []rune("n")})
	require.Equal(t, ScreenSetup, a.Screen())
	assert.Equal(t, session.Normal, a.su().setup.difficulty)
	assert.EqualValues(t, 1, a.su().setup.seed)
	// A given set-up is kept as it is.
	b := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 7, Difficulty: session.Hard}})
	b.Do(Command{Kind: CmdNewGame})
	assert.Equal(t, session.Hard, b.su().setup.difficulty)
	assert.EqualValues(t, 7, b.su().setup.seed)
}

// The set-up's province chips lie as the map's tiles do (view.Layout): same column and row order, every
// name in full, in both languages and down to 1024 x 640; chip i is still province i.
func TestSetupChipsLikeMap(t *testing.T) {
	l, err := view.LoadLayout()
	require.NoError(t, err)
	for _, lang := range []string{"en", "fr"} {
		for _, size := range [][2]int{{1280, 720}, {1024, 640}, {1920, 1080}} {
			a := newApp(t, Options{Lang: lang})
			a.Layout(size[0], size[1])
			a.Do(Command{Kind: CmdNewGame})
			a.Draw(&recorder{})
			sess := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true}).Session()
			require.NoError(t, l.Bind(sess.Model()))
			var chips []uiButton
			for _, b := range a.menuOf().sc.buttons {
				if b.Cmd.Kind == CmdChip {
					chips = append(chips, b)
				}
			}
			require.Len(t, chips, len(l.Cells))
			box := Rect{}
			for _, b := range a.menuOf().sc.rects {
				if b.C == colPanel {
					box = b.R
					break
				}
			}
			for i, ch := range chips {
				assert.Equal(t, i, ch.Cmd.Arg)
				assert.Equal(t, a.cat.Province(l.Cells[i].Province), ch.Label, "%s %v: name in full", lang, size)
				face := ch.Face
				assert.LessOrEqual(t, advance(ch.Label, face), ch.R.W-6*a.fonts.scale+0.5, "%s %v: %q fits", lang, size, ch.Label)
				assert.True(t, ch.R.Within(box), "%s %v: %q inside the box", lang, size, ch.Label)
				for j, o := range chips {
					ci, cj := l.Cells[i], l.Cells[j]
					if ci.Col < cj.Col {
						assert.Less(t, ch.R.X, o.R.X, "%s: columns as on the map", lang)
					}
					if ci.Row < cj.Row {
						assert.Less(t, ch.R.Y, o.R.Y, "%s: rows as on the map", lang)
					}
					if i != j {
						assert.False(t, ch.R.Overlaps(o.R), "%s %v: chips apart", lang, size)
					}
				}
			}
		}
	}
	// Without a tile for every province, alphabetical order of the translated names.
	a := newApp(t, Options{Lang: "fr"})
	st := &newSetup(a).setup
	st.cells = nil
	cells, cols, _ := st.chipCells(a.cat.Province)
	pos := func(i int) int { return cells[i].Row*cols + cells[i].Col }
	for i := range st.ids {
		for j := range st.ids {
			if pos(i) < pos(j) {
				assert.LessOrEqual(t, a.cat.Province(st.ids[i]), a.cat.Province(st.ids[j]))
			}
		}
	}
}

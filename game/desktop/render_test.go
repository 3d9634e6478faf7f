package desktop_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game"
	"dongshu/game/desktop"
	_ "dongshu/game/desktop/xdisplay" // a display for ebiten (Xvfb), before ebiten's init
	"dongshu/game/session"
)

// The rendering tests run inside ebiten's loop: TestMain starts ebiten.RunGame, and the tests (run by
// m.Run on another goroutine) hand their rendering work to the first Update calls, where drawing to
// images and reading pixels is allowed.

type harness struct {
	jobs chan func()
	done chan struct{}
}

func (h *harness) Update() error {
	select {
	case <-h.done:
		return ebiten.Termination
	case job := <-h.jobs:
		job()
	default:
	}
	return nil
}

func (h *harness) Draw(*ebiten.Image)          {}
func (h *harness) Layout(w, h2 int) (int, int) { return 1280, 720 }

var theHarness = &harness{jobs: make(chan func()), done: make(chan struct{})}

// onMain runs f inside ebiten's Update and waits for it.
func onMain(f func()) {
	finished := make(chan struct{})
	theHarness.jobs <- func() {
		defer close(finished)
		f()
	}
	<-finished
}

func TestMain(m *testing.M) {
	code := 0
	go func() {
		code = m.Run()
		close(theHarness.done)
	}()
	ebiten.SetWindowSize(640, 360)
	ebiten.SetWindowTitle("dongshu rendering tests")
	if err := ebiten.RunGame(theHarness); err != nil && !errors.Is(err, ebiten.Termination) {
		fmt.Fprintln(os.Stderr, "ebiten:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// render draws app at w x h after n updates (with the given input on the last one) and returns the pixels.
func render(t *testing.T, app *game.App, w, h int, prep func()) *image.RGBA {
	var px *image.RGBA
	onMain(func() {
		g, err := desktop.New(app)
		require.NoError(t, err)
		g.Layout(w, h)
		if prep != nil {
			prep()
		}
		img := ebiten.NewImage(w, h)
		defer img.Deallocate()
		g.Draw(img)
		px = desktop.Pixels(img)
	})
	return px
}

func distinct(img *image.RGBA, r game.Rect) int {
	seen := map[color.RGBA]bool{}
	for y := int(r.Y); y < int(r.Y+r.H); y++ {
		for x := int(r.X); x < int(r.X+r.W); x++ {
			seen[img.RGBAAt(x, y)] = true
		}
	}
	return len(seen)
}

// provinceIndex is the baseline's index of province id.
func provinceIndex(t *testing.T, id string) int {
	t.Helper()
	scn, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	i := slices.IndexFunc(scn.Provinces, func(p configs.Province) bool { return p.ID == id })
	require.GreaterOrEqual(t, i, 0, id)
	return i
}

// baseline is the baseline scenario's setup at seed 1 and normal difficulty, with role human.
func baseline(role session.Role) session.Setup {
	return session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal, Role: role}
}

func newApp(t *testing.T, opt game.Options) *game.App {
	a, err := game.New(opt)
	require.NoError(t, err)
	a.Layout(1280, 720)
	return a
}

// until ticks a until cond holds, at most n times, and requires that it did.
func until(t *testing.T, a *game.App, n int, cond func() bool) {
	t.Helper()
	var in game.Input
	for i := 0; i < n && !cond(); i++ {
		require.NoError(t, a.Update(&in))
	}
	require.True(t, cond(), "not reached in %d updates", n)
}

func ticks(t *testing.T, a *game.App, n int) {
	var in game.Input
	for range n {
		require.NoError(t, a.Update(&in))
	}
}

func TestRenderTitle(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, game.Options{Lang: lang})
		img := render(t, a, 1280, 720, nil)
		assert.Greater(t, distinct(img, game.Rect{X: 0, Y: 0, W: 1280, H: 720}), 20, "%s: title, buttons and text drawn", lang)
		assert.Greater(t, distinct(img, game.Rect{X: 400, Y: 80, W: 480, H: 80}), 5, "%s: the big title", lang)
	}
}

func TestRenderPlayMap(t *testing.T) {
	for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
		a := newApp(t, game.Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
		ticks(t, a, 400)
		img := render(t, a, size[0], size[1], nil)
		g := a.Geometry()
		assert.Greater(t, distinct(img, g.Grid), 20, "%v: many colours on the map", size)
		assert.Greater(t, distinct(img, g.Legend), 10, "%v: a legend (gradient and labels)", size)
		for i, c := range g.Charts {
			assert.Greater(t, distinct(img, c), 4, "%v: chart %d drawn", size, i)
		}
		assert.Greater(t, distinct(img, g.News), 4, "%v: news drawn", size)
	}
}

func TestRenderDecisionDialog(t *testing.T) {
	gz := provinceIndex(t, "gansu")
	a := newApp(t, game.Options{Lang: "fr", Setup: session.Setup{Preset: "baseline", Seed: 2, Role: session.Role{Provinces: []int{gz}}}, Start: true, Speed: 8})
	until(t, a, 60*20, func() bool { return a.Overlay() == game.OverlayDialog })
	img := render(t, a, 1280, 720, nil)
	g := a.Geometry()
	assert.Greater(t, distinct(img, g.Dialog), 8, "the dialog is drawn")
	assert.Greater(t, distinct(img, g.Grid), 15, "the map stays visible beside it")
}

func TestRenderDebriefAndHelp(t *testing.T) {
	a := newApp(t, game.Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 3}, Start: true, Speed: 8})
	ticks(t, a, 200)
	a.Do(game.Command{Kind: game.CmdHelp})
	img := render(t, a, 1280, 720, nil)
	assert.Greater(t, distinct(img, a.Geometry().Centre), 8, "help overlay")
	a.Do(game.Command{Kind: game.CmdHelp})
	a.Do(game.Command{Kind: game.CmdEndGame})
	a.Do(game.Command{Kind: game.CmdConfirm})
	require.Equal(t, game.ScreenDebrief, a.Screen())
	img = render(t, a, 1280, 720, nil)
	assert.Greater(t, distinct(img, game.Rect{X: 0, Y: 0, W: 1280, H: 720}), 20, "debrief drawn")
	assert.Greater(t, distinct(img, game.Rect{X: 600, Y: 80, W: 660, H: 560}), 8, "debrief charts")
	assert.Greater(t, distinct(img, game.Rect{X: 30, Y: 240, W: 500, H: 160}), 8, "what happened, under the scores")
	saveShot(t, img, "debrief_en")
}

// A province's debrief, in French at both common sizes: its scores, then what happened, down the panel.
func TestRenderProvinceDebrief(t *testing.T) {
	gz := provinceIndex(t, "guizhou")
	for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
		a := newApp(t, game.Options{Lang: "fr", Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{gz}}},
			Start: true, Speed: 8, AutoDecide: true})
		a.Layout(size[0], size[1])
		until(t, a, 60*60, func() bool { return a.Screen() == game.ScreenDebrief })
		img := render(t, a, size[0], size[1], nil)
		w, h := float32(size[0]), float32(size[1])
		assert.Greater(t, distinct(img, game.Rect{X: w * 0.03, Y: h * 0.35, W: w * 0.38, H: h * 0.2}), 8, "%v: what happened", size)
		saveShot(t, img, fmt.Sprintf("debrief_guizhou_fr_%dx%d", size[0], size[1]))
		// The province's page: its two boards, then its own figures.
		a.Do(game.Command{Kind: game.CmdPage, Arg: 1})
		img = render(t, a, size[0], size[1], nil)
		assert.Greater(t, distinct(img, game.Rect{X: w * 0.03, Y: h * 0.15, W: w * 0.38, H: h * 0.3}), 8, "%v: the boards", size)
		assert.Greater(t, distinct(img, game.Rect{X: w * 0.03, Y: h * 0.5, W: w * 0.38, H: h * 0.12}), 8, "%v: the province's own figures", size)
		saveShot(t, img, fmt.Sprintf("debrief_guizhou_fr_%dx%d_page2", size[0], size[1]))
	}
}

// While a province's dialog is open the news is drawn beside it, under the charts.
func TestRenderNewsBesideDialog(t *testing.T) {
	for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
		a := newApp(t, game.Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{5}}}, Start: true, Speed: 8})
		a.Layout(size[0], size[1])
		var in game.Input
		rounds := 0
		for range 60 * 40 {
			require.NoError(t, a.Update(&in))
			if a.Overlay() == game.OverlayDialog {
				if rounds++; rounds == 2 {
					break
				}
				a.Do(game.Command{Kind: game.CmdConfirm})
			}
		}
		require.Equal(t, game.OverlayDialog, a.Overlay())
		img := render(t, a, size[0], size[1], nil)
		g := a.Geometry()
		assert.Equal(t, g.NewsBeside, g.News)
		assert.Greater(t, distinct(img, g.News), 8, "%v: the news beside the dialog", size)
		saveShot(t, img, fmt.Sprintf("dialog_news_%dx%d", size[0], size[1]))
		a.Do(game.Command{Kind: game.CmdCancel})
		a.Do(game.Command{Kind: game.CmdHelp})
		img = render(t, a, size[0], size[1], nil)
		saveShot(t, img, fmt.Sprintf("help_%dx%d", size[0], size[1]))
	}
}

// saveShot writes img to $DONGSHU_RENDER_DIR/name.png when that variable is set (to look at the frames).
func saveShot(t *testing.T, img *image.RGBA, name string) {
	dir := os.Getenv("DONGSHU_RENDER_DIR")
	if dir == "" {
		return
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), buf.Bytes(), 0o644))
}

// The planner's dialog in both languages at 1280 x 720 and 1920 x 1080: drawn beside the map, with the
// abroad marker and its key on the map when the scenario has a foreign accelerator pool.
func TestRenderPlannerDialogSizes(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
			a := newApp(t, game.Options{Lang: lang, Setup: session.Setup{Preset: "export-controls", Seed: 1, Role: session.Role{Planner: true}}, Start: true})
			a.Layout(size[0], size[1])
			until(t, a, 60*20, func() bool { return a.Overlay() == game.OverlayDialog })
			img := render(t, a, size[0], size[1], nil)
			g := a.Geometry()
			assert.Greater(t, distinct(img, g.Dialog), 8, "%s %v: the dialog is drawn", lang, size)
			assert.Greater(t, distinct(img, g.Legend), 10, "%s %v: the legend", lang, size)
			saveShot(t, img, fmt.Sprintf("planner_%s_%dx%d", lang, size[0], size[1]))
		}
	}
}

// Text is centred on a button: the ink of a button's label lies as far from its top as from its bottom
// (within a pixel or two: descenders and the ink's rounding).
func TestRenderButtonTextCentred(t *testing.T) {
	a := newApp(t, game.Options{Lang: "en"})
	img := render(t, a, 1280, 720, nil)
	saveShot(t, img, "title_en")
	for _, b := range a.Buttons() {
		top, bottom := inkRows(img, b.R.Inset(3))
		require.GreaterOrEqual(t, top, 0, "button %v has a label", b.R)
		above, below := top, int(b.R.H-6)-1-bottom
		assert.InDelta(t, above, below, 3, "button %v: label centred (%d px above, %d below)", b.R, above, below)
	}
}

// inkRows returns the first and last rows of r (relative to r) holding pixels far from r's background
// (sampled at its left edge).
func inkRows(img *image.RGBA, r game.Rect) (first, last int) {
	bg := img.RGBAAt(int(r.X)+1, int(r.Y+r.H/2))
	first, last = -1, -1
	for j := 0; j < int(r.H); j++ {
		for i := 2; i < int(r.W)-2; i++ {
			c := img.RGBAAt(int(r.X)+i, int(r.Y)+j)
			d := absInt(int(c.R)-int(bg.R)) + absInt(int(c.G)-int(bg.G)) + absInt(int(c.B)-int(bg.B))
			if d > 150 {
				if first < 0 {
					first = j
				}
				last = j
				break
			}
		}
	}
	return first, last
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// A three-province hot seat's debrief is paged: the overview (every role's score, what happened in the
// country) and a page per role, turned with → and drawn in full at each size and in both languages.
func TestRenderHotSeatDebriefPages(t *testing.T) {
	scn, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	var roles []int
	for _, id := range []string{"guizhou", "gansu", "ningxia"} {
		for i, p := range scn.Provinces {
			if p.ID == id {
				roles = append(roles, i)
			}
		}
	}
	require.Len(t, roles, 3)
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, game.Options{Lang: lang, Setup: baseline(session.Role{Provinces: roles}), Start: true, Speed: 8, AutoDecide: true})
		until(t, a, 60*60, func() bool { return a.Screen() == game.ScreenDebrief })
		for _, size := range [][2]int{{1280, 720}, {1920, 1080}, {1024, 640}} {
			a.Layout(size[0], size[1])
			a.Do(game.Command{Kind: game.CmdPage, Arg: 0})
			w, h := float32(size[0]), float32(size[1])
			for page := range 4 {
				img := render(t, a, size[0], size[1], nil)
				assert.Greater(t, distinct(img, game.Rect{X: w * 0.03, Y: h * 0.15, W: w * 0.38, H: h * 0.3}), 8, "%s %v page %d drawn", lang, size, page)
				saveShot(t, img, fmt.Sprintf("debrief_hotseat_%s_%dx%d_p%d", lang, size[0], size[1], page+1))
				require.NoError(t, a.Update(&game.Input{Keys: []game.Key{game.KeyRight}}))
			}
		}
	}
}

// With no save file the title's Load button is greyed out (a hint under it); the set-up's province
// chips lie as on the map.
func TestRenderTitleNoSaveAndSetup(t *testing.T) {
	dir := t.TempDir()
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, game.Options{Lang: lang, SavePath: filepath.Join(dir, "none.json")})
		img := render(t, a, 1280, 720, nil)
		saveShot(t, img, "title_nosave_"+lang)
		a.Do(game.Command{Kind: game.CmdNewGame})
		for _, p := range []int{7, 2, 30} {
			a.Do(game.Command{Kind: game.CmdChip, Arg: p})
		}
		for _, size := range [][2]int{{1280, 720}, {1024, 640}} {
			img = render(t, a, size[0], size[1], nil)
			assert.Greater(t, distinct(img, game.Rect{X: 0, Y: 0, W: float32(size[0]), H: float32(size[1])}), 10, "%s %v: set-up drawn", lang, size)
			saveShot(t, img, fmt.Sprintf("setup_%s_%dx%d", lang, size[0], size[1]))
		}
	}
}

// TestDrawAllocations measures the whole Draw of the play screen in steady state — draw preparation and
// every ebiten call — with testing.AllocsPerRun (the goal: no allocation per Draw).
func TestDrawAllocations(t *testing.T) {
	a := newApp(t, game.Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
	ticks(t, a, 400)
	a.Session().SetSpeed(0) // steady state: the month does not change between frames
	var allocs float64
	var g *desktop.Game
	var img *ebiten.Image
	onMain(func() {
		var err error
		g, err = desktop.New(a)
		require.NoError(t, err)
		g.Layout(1280, 720)
		img = ebiten.NewImage(1280, 720)
		for range 10 { // warm the glyph caches and the renderer's buffers
			g.Draw(img)
		}
		// The least of three measurements: a one-off growth inside ebiten (an atlas, a command buffer,
		// seen once on a loaded CI machine) is not a per-Draw allocation; a systematic one shows in all three.
		allocs = -1
		for range 3 {
			n := testing.AllocsPerRun(20, func() { g.Draw(img) })
			t.Logf("allocations per Draw, one measurement: %.2f", n)
			if allocs < 0 || n < allocs {
				allocs = n
			}
		}
	})
	defer onMain(img.Deallocate)
	t.Logf("allocations per Draw of the play screen: %.1f", allocs)
	t.Logf("time per Draw (issuing the draw calls, %d a frame): %v", drawsPerFrame, timeDraws(g, img, 5))
	assert.Zero(t, allocs)
}

// drawsPerFrame is how many Draws the timings run in a frame of ebiten's loop (within a frame, ebiten
// queues the draw calls; they run on the GPU at its end, outside the timings).
const drawsPerFrame = 10

// timeDraws runs frames x drawsPerFrame Draws of g and returns the mean time of one.
func timeDraws(g *desktop.Game, img *ebiten.Image, frames int) time.Duration {
	var total time.Duration
	for range frames {
		onMain(func() {
			start := time.Now()
			for range drawsPerFrame {
				g.Draw(img)
			}
			total += time.Since(start)
		})
	}
	return total / time.Duration(frames*drawsPerFrame)
}

// BenchmarkDraw times the Draw of the play screen in steady state, a few Draws per frame of ebiten's loop
// (the draw calls are queued within a frame and run on the GPU at its end, outside the timing).
func BenchmarkDraw(b *testing.B) {
	opt := game.Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8}
	a, err := game.New(opt)
	require.NoError(b, err)
	a.Layout(1280, 720)
	var in game.Input
	for range 400 {
		require.NoError(b, a.Update(&in))
	}
	a.Session().SetSpeed(0)
	var g *desktop.Game
	var img *ebiten.Image
	onMain(func() {
		g, err = desktop.New(a)
		require.NoError(b, err)
		g.Layout(1280, 720)
		img = ebiten.NewImage(1280, 720)
		for range 3 {
			g.Draw(img)
		}
	})
	defer onMain(img.Deallocate)
	b.ReportAllocs()
	b.ResetTimer()
	b.StopTimer()
	for n := b.N; n > 0; n -= drawsPerFrame {
		onMain(func() {
			b.StartTimer()
			for range min(n, drawsPerFrame) {
				g.Draw(img)
			}
			b.StopTimer()
		})
	}
}

// The renderer's cache of shaped strings stays bounded however many strings a long game shows, and a
// string shaped again after the cache starts over draws the same pixels.
func TestTextCacheBounded(t *testing.T) {
	a := newApp(t, game.Options{Lang: "en"})
	f := &game.Face{Size: 12}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	var first, again *image.RGBA
	onMain(func() {
		g, err := desktop.New(a)
		require.NoError(t, err)
		img := ebiten.NewImage(200, 40)
		defer img.Deallocate()
		r := desktop.RendererOn(g, img)
		r.Text("Inner Mongolia 1,549 MW", 100, 20, f, white, game.AlignCenter)
		first = desktop.Pixels(img)
		for i := range desktop.MaxTextRuns + 100 {
			r.Text(fmt.Sprint(i), 10, 20, f, white, game.AlignStart)
			assert.LessOrEqual(t, desktop.TextRuns(g), desktop.MaxTextRuns)
		}
		img.Clear()
		r.Text("Inner Mongolia 1,549 MW", 100, 20, f, white, game.AlignCenter)
		again = desktop.Pixels(img)
	})
	assert.Greater(t, distinct(first, game.Rect{W: 200, H: 40}), 2) // the text was drawn
	assert.Equal(t, first.Pix, again.Pix)
}

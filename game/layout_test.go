package game

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"

	"dongshu/configs"
	"dongshu/game/session"
	"dongshu/game/view"
)

// Layout-overlap tests: every screen of the game, at the three window sizes a seminar meets (a
// projector's 1024x640, a laptop's 1280x720, a monitor's 1920x1080) and in both languages, is drawn
// through a recording Renderer; each text's ink box is measured with the fonts the renderer draws
// (golang.org/x/image's BoundString on the same faces), and the test asserts that no text's box
// overlaps another's, none runs out of the panel it sits on (the smallest opaque rectangle of its layer
// drawn before it under its anchor) or out of the window, and none is partly covered by a panel drawn
// after it in the same layer (as a chart's panel over the previous chart's legend). A panel of a later
// layer (the dialog and the overlays over the play screen) hides what is under it: those texts are not
// checked.

// layoutSizes are the window sizes checked.
var layoutSizes = [...][2]int{{1024, 640}, {1280, 720}, {1920, 1080}}

// drawnText is a text as drawn: its ink box, its layer and its place in the drawing order.
type drawnText struct {
	S          string
	F          *Face
	X, Y       float32 // anchor and baseline, as drawn
	Al         Align
	Box        Rect
	layer, seq int
}

type drawnRect struct {
	R          Rect
	layer, seq int
}

// boxRecorder is a Renderer that keeps the texts' boxes and the opaque rectangles.
type boxRecorder struct {
	layer, seq int
	rects      []drawnRect
	texts      []drawnText
}

func (r *boxRecorder) Fill(color.RGBA) {}
func (r *boxRecorder) Rect(q Rect, c color.RGBA) {
	r.seq++
	if c.A >= 0xf0 && q.W > 0 && q.H > 0 {
		r.rects = append(r.rects, drawnRect{q, r.layer, r.seq})
	}
}
func (r *boxRecorder) StrokeRect(Rect, float32, color.RGBA)     {}
func (r *boxRecorder) Line(_, _, _, _, _ float32, _ color.RGBA) {}
func (r *boxRecorder) Circle(_, _, _ float32, _ color.RGBA)     {}
func (r *boxRecorder) Polyline([]float32, float32, color.RGBA)  {}
func (r *boxRecorder) Text(s string, x, y float32, f *Face, c color.RGBA, al Align) {
	r.seq++
	if strings.TrimSpace(s) == "" {
		return
	}
	box := inkBox(s, x, y, f, al)
	// A map label is drawn with a halo (the same text at offsets of a pixel or two, then itself): one
	// text, whose box is the last drawn's.
	if n := len(r.texts); n > 0 {
		p := &r.texts[n-1]
		if p.S == s && p.F == f && abs32(p.X-x) <= 2.5*f.Size/10 && abs32(p.Y-y) <= 2.5*f.Size/10 {
			p.X, p.Y, p.Box, p.seq = x, y, box, r.seq
			return
		}
	}
	r.texts = append(r.texts, drawnText{S: s, F: f, X: x, Y: y, Al: al, Box: box, layer: r.layer, seq: r.seq})
}

// inkBox is the box of the glyphs of s drawn with its baseline at y, aligned on x as the renderer
// aligns it (by the advance).
func inkBox(s string, x, y float32, f *Face, al Align) Rect {
	measureMu.Lock()
	b, adv := font.BoundString(f.m, s)
	measureMu.Unlock()
	w := fixedToFloat(adv)
	switch al {
	case AlignCenter:
		x -= w / 2
	case AlignEnd:
		x -= w
	}
	x0, x1 := fixedToFloat(b.Min.X), fixedToFloat(b.Max.X)
	y0, y1 := fixedToFloat(b.Min.Y), fixedToFloat(b.Max.Y)
	return Rect{x + x0, y + y0, x1 - x0, y1 - y0}
}

// drawLayers draws the app's current screen as Draw does, one layer at a time (the screen, then its
// dialog and overlays).
func drawLayers(a *App, r *boxRecorder) {
	a.prepare()
	if p, ok := a.stage.(*playStage); ok {
		p.drawPlay(r)
		r.layer++
		a.drawScene(r, &p.prep.top)
		return
	}
	a.drawScene(r, &a.menuOf().sc)
	if a.menuOf().sc.charts {
		for i := range a.charts.charts {
			a.drawChart(r, &a.charts.charts[i])
		}
	}
	r.layer++
	a.drawScene(r, &a.menuOf().top)
}

// overlapBy is how far a and b overlap (the smaller of the two extents; <= 0: apart).
func overlapBy(a, b Rect) float32 {
	return min(min(a.X+a.W, b.X+b.W)-max(a.X, b.X), min(a.Y+a.H, b.Y+b.H)-max(a.Y, b.Y))
}

// layoutProblems lists the collisions and clippings of one drawn frame of a w x h window.
func layoutProblems(r *boxRecorder, w, h int) []string {
	const tol = 0.5 // anti-aliasing: half a pixel of contact is no collision
	win := Rect{0, 0, float32(w), float32(h)}
	var out []string
	visible := make([]bool, len(r.texts))
	for i, t := range r.texts {
		visible[i] = true
		for _, q := range r.rects {
			if q.seq < t.seq || overlapBy(q.R, t.Box) <= tol {
				continue
			}
			if q.layer > t.layer {
				visible[i] = false // under a dialog or an overlay
				break
			}
			out = append(out, fmt.Sprintf("%q is covered by a panel drawn after it at %v", t.S, q.R))
		}
	}
	for i, t := range r.texts {
		if !visible[i] {
			continue
		}
		if !t.Box.Inset(tol).Within(win) {
			out = append(out, fmt.Sprintf("%q runs out of the window (%v)", t.S, t.Box))
		}
		// Its panel: the smallest opaque rectangle of its layer drawn before it under its anchor (where the layout
		// put it: the start, centre or end of its baseline, a pixel inwards and up).
		cx, cy := t.X+1, t.Y-1
		switch t.Al {
		case AlignCenter:
			cx = t.X
		case AlignEnd:
			cx = t.X - 1
		}
		panel, found := win, false
		for _, q := range r.rects {
			if q.seq < t.seq && q.layer == t.layer && q.R.Contains(cx, cy) && (!found || q.R.W*q.R.H < panel.W*panel.H) {
				panel, found = q.R, true
			}
		}
		if found && !t.Box.Inset(tol).Within(panel) {
			out = append(out, fmt.Sprintf("%q is clipped by its panel %v (box %v)", t.S, panel, t.Box))
		}
		for j := i + 1; j < len(r.texts); j++ {
			u := r.texts[j]
			if visible[j] && overlapBy(t.Box, u.Box) > tol {
				out = append(out, fmt.Sprintf("%q overlaps %q", t.S, u.S))
			}
		}
	}
	return out
}

// layoutScreen is a screen to check, built once per language; pages > 1 are turned with CmdPage.
type layoutScreen struct {
	name  string
	build func(t *testing.T, lang string) *App
}

func layoutScreens() []layoutScreen {
	gz := func(t *testing.T) int {
		scn, err := configs.LoadPreset("baseline")
		require.NoError(t, err)
		for i, p := range scn.Provinces {
			if p.ID == "guizhou" {
				return i
			}
		}
		t.Fatal("no guizhou")
		return -1
	}
	province := func(t *testing.T) session.Setup {
		return session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{gz(t)}}}
	}
	return []layoutScreen{
		{"title", func(t *testing.T, lang string) *App { return newApp(t, Options{Lang: lang}) }},
		{"setup", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang})
			a.Do(Command{Kind: CmdNewGame})
			require.Equal(t, ScreenSetup, a.Screen())
			return a
		}},
		{"play-before-first-month", func(t *testing.T, lang string) *App {
			return newApp(t, Options{Lang: lang, Setup: province(t), Start: true, Speed: 1})
		}},
		{"play", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: province(t), Start: true, Speed: session.MaxSpeed, AutoDecide: true})
			start := a.Session().Model().W.Start
			var in Input
			for range 60 * 40 {
				require.NoError(t, a.Update(&in))
				if a.Session().Model().W.Now >= start+120 {
					break
				}
			}
			require.Equal(t, OverlayNone, a.Overlay())
			return a
		}},
		{"play-latency", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: province(t), Start: true, Speed: session.MaxSpeed, AutoDecide: true})
			run(t, a, 60)
			a.Do(Command{Kind: CmdLayer, Arg: int(view.Latency)})
			return a
		}},
		{"play-help", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: province(t), Start: true, Speed: session.MaxSpeed, AutoDecide: true})
			run(t, a, 30)
			a.Do(Command{Kind: CmdHelp})
			require.Equal(t, OverlayHelp, a.Overlay())
			return a
		}},
		{"info", func(t *testing.T, lang string) *App {
			a := onboarded(t, lang, session.Role{Provinces: []int{gz(t)}})
			require.Equal(t, OverlayInfo, a.Overlay())
			return a
		}},
		{"guided-dialog", func(t *testing.T, lang string) *App {
			a := onboarded(t, lang, session.Role{Provinces: []int{gz(t)}})
			a.Do(Command{Kind: CmdInfo})
			untilOverlay(t, a, 60*20)
			require.Equal(t, OverlayDialog, a.Overlay())
			require.True(t, a.pl().guideActive())
			return a
		}},
		{"dialog-province", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: province(t), Start: true, Speed: 8})
			untilOverlay(t, a, 60*20)
			require.Equal(t, OverlayDialog, a.Overlay())
			return a
		}},
		{"dialog-planner", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Planner: true}}, Start: true, Speed: 8})
			untilOverlay(t, a, 60*20)
			require.Equal(t, OverlayDialog, a.Overlay())
			return a
		}},
		{"debrief", func(t *testing.T, lang string) *App {
			return toDebrief(t, Options{Lang: lang, Setup: province(t)})
		}},
		{"debrief-counterfactual", func(t *testing.T, lang string) *App {
			a := toDebrief(t, Options{Lang: lang, Setup: province(t)})
			a.Do(Command{Kind: CmdCF})
			require.True(t, a.db().cf.open)
			waitFor(t, a, a.CounterfactualsReady)
			return a
		}},
		{"whatif-panel", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Facilitator: true}, Start: true, Speed: 8})
			run(t, a, 30)
			a.Do(Command{Kind: CmdWhatIf})
			require.Equal(t, OverlayWhatIf, a.Overlay())
			return a
		}},
		{"whatif-compare", func(t *testing.T, lang string) *App {
			a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Facilitator: true}, Start: true, Speed: 8})
			require.NoError(t, a.Session().Submit(session.Action{Month: a.Session().Model().W.Now,
				WhatIf: &session.WhatIf{Key: "network.transit_cost", Level: 0}}))
			a.Do(Command{Kind: CmdCompare})
			run(t, a, 60)
			require.NotEmpty(t, a.charts.charts[0].Ghost[0].Pts, "the compare view is drawn")
			return a
		}},
	}
}

// No text collides with another or is clipped, on every screen, at every size, in both languages.
func TestLayoutNoOverlap(t *testing.T) {
	for _, sc := range layoutScreens() {
		for _, lang := range []string{"en", "fr"} {
			t.Run(sc.name+"/"+lang, func(t *testing.T) {
				a := sc.build(t, lang)
				for _, size := range layoutSizes {
					a.Layout(size[0], size[1])
					pages := 1
					if a.Screen() == ScreenDebrief {
						a.Do(Command{Kind: CmdPage, Arg: 0})
						drawLayers(a, &boxRecorder{})
						pages = a.db().pages
					}
					for page := range pages {
						if pages > 1 {
							a.Do(Command{Kind: CmdPage, Arg: page})
						}
						var r boxRecorder
						drawLayers(a, &r)
						require.NotEmpty(t, r.texts, "something is drawn")
						for _, p := range layoutProblems(&r, size[0], size[1]) {
							assert.Fail(t, "layout", "%s %s %dx%d page %d: %s", sc.name, lang, size[0], size[1], page+1, p)
						}
					}
				}
			})
		}
	}
}

// The checker itself finds a collision, a clipped label and a label covered by a later panel.
func TestLayoutProblemsDetects(t *testing.T) {
	require.NoError(t, loadFonts())
	f := newFace(false, 12)
	var r boxRecorder
	r.Rect(Rect{0, 0, 200, 100}, colPanel)
	r.Text("first label", 10, 20, f, colText, AlignStart)
	r.Text("second", 40, 22, f, colText, AlignStart)                 // over "first label"
	r.Text("runs out of its panel", 150, 60, f, colText, AlignStart) // past x = 200
	r.Text("under", 10, 90, f, colText, AlignStart)
	r.Rect(Rect{0, 85, 30, 15}, colPanel) // drawn over "under"
	got := strings.Join(layoutProblems(&r, 400, 300), "\n")
	assert.Contains(t, got, `"first label" overlaps "second"`)
	assert.Contains(t, got, `"runs out of its panel" is clipped`)
	assert.Contains(t, got, `"under" is covered`)
	var ok boxRecorder
	ok.Rect(Rect{0, 0, 200, 100}, colPanel)
	ok.Text("apart", 10, 20, f, colText, AlignStart)
	ok.Text("apart too", 10, 50, f, colText, AlignStart)
	assert.Empty(t, layoutProblems(&ok, 400, 300))
}

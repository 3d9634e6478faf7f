package game

import (
	"image/color"
)

// A scene is a prepared list of rectangles, buttons and texts, drawn in that order: menus, dialogs and
// overlays are prepared as scenes. A nil scene takes nothing (a layout pass that only measures).

type textItem struct {
	S      string
	X, Y   float32
	F      *Face
	C      color.RGBA
	Align  Align // horizontal
	Middle bool  // Y is the vertical centre (else the top)
}

type rectItem struct {
	R      Rect
	C      color.RGBA
	Stroke float32 // 0: filled
}

type scene struct {
	rects   []rectItem
	buttons []uiButton
	texts   []textItem
	charts  bool // the play prep's charts are drawn with this scene (debrief)
}

func (sc *scene) reset() {
	sc.rects, sc.buttons, sc.texts, sc.charts = sc.rects[:0], sc.buttons[:0], sc.texts[:0], false
}

func (sc *scene) rect(r Rect, c color.RGBA) {
	if sc != nil {
		sc.rects = append(sc.rects, rectItem{R: r, C: c})
	}
}

func (sc *scene) frame(r Rect, c color.RGBA, w float32) {
	if sc == nil {
		return
	}
	sc.rects = append(sc.rects, rectItem{R: r, C: c, Stroke: w})
}

// panel is a filled box with a border.
func (sc *scene) panel(r Rect, s float32) {
	sc.rect(r, colPanel)
	sc.frame(r, colBorder, max(1, s))
}

// dialogPanel is a panel with the accent strip along its top: the look of every dialog and box over
// the screen.
func (sc *scene) dialogPanel(r Rect, s float32) {
	sc.panel(r, s)
	sc.rect(Rect{r.X, r.Y, r.W, 3 * s}, colAccent)
}

// lines adds lines one under the other from y, lh apart, and returns the y below the last.
func (sc *scene) lines(lines []string, x, y float32, f *Face, c color.RGBA, lh float32) float32 {
	for _, l := range lines {
		sc.text(l, x, y, f, c)
		y += lh
	}
	return y
}

func (sc *scene) text(s string, x, y float32, f *Face, c color.RGBA) {
	if sc == nil {
		return
	}
	sc.texts = append(sc.texts, textItem{S: s, X: x, Y: y, F: f, C: c})
}

func (sc *scene) textAlign(s string, x, y float32, f *Face, c color.RGBA, al Align, middle bool) {
	if sc == nil {
		return
	}
	sc.texts = append(sc.texts, textItem{S: s, X: x, Y: y, F: f, C: c, Align: al, Middle: middle})
}

func (sc *scene) button(r Rect, label string, cmd Command, active, accent bool) {
	if sc == nil {
		return
	}
	sc.buttons = append(sc.buttons, uiButton{Button: Button{r, cmd}, Label: label, Active: active, Accent: accent})
}

// off is a greyed-out button: drawn, never clicked.
func (sc *scene) off(r Rect, label string) {
	if sc == nil {
		return
	}
	sc.buttons = append(sc.buttons, uiButton{Button: Button{r, Command{}}, Label: label, Off: true})
}

// hotArea is an invisible button (a clickable row).
func (sc *scene) hotArea(r Rect, cmd Command) {
	if sc == nil {
		return
	}
	sc.buttons = append(sc.buttons, uiButton{Button: Button{r, cmd}})
}

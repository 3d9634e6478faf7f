package desktop

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"dongshu/game"
)

// renderer implements game.Renderer on an ebiten image without allocating in steady state:
//
//   - Shapes (rects, strokes, lines, circles, polylines) become triangles in vertex and index buffers
//     the renderer keeps, drawn from a 1x1 white image with one DrawTriangles per run of shapes (the
//     run ends at a text, a Fill or the end of the frame, so the drawing order is kept). The geometry is
//     that of ebiten's vector package (which builds a new Path, and allocates, on every call).
//   - Text is shaped once per (face, alignment, string): the glyphs' images and positions are cached
//     and drawn with DrawImage, as text.Draw does (which shapes the string again on every call).
//
// Anti-aliasing is off: with it, every shape would render through an offscreen buffer, which software GL
// (Xvfb) cannot keep up with.
type renderer struct {
	dst       *ebiten.Image
	reg, bold *text.GoTextFaceSource
	faces     map[faceKey]face

	// Shapes waiting to be drawn: vertices in dst's pixels, colours premultiplied (as color.RGBA is).
	vs    []ebiten.Vertex
	is    []uint16
	white *ebiten.Image
	triOp ebiten.DrawTrianglesOptions

	// Shaped text: runs[key] is a span of glyphs.
	runs    map[textKey]glyphSpan
	glyphs  []glyph
	scratch []text.Glyph
	imgOp   ebiten.DrawImageOptions

	fill color.RGBA // Fill's colour, passed by pointer (a color.RGBA in an interface would allocate)
}

type faceKey struct {
	bold bool
	size float32
}

// face is a text/v2 face and its ascent (looked up once: Text runs hundreds of times a frame).
type face struct {
	tf     *text.GoTextFace
	ascent float64
}

// textKey names a shaped string: its glyphs' positions depend on the face and the alignment.
type textKey struct {
	tf *text.GoTextFace
	al game.Align
	s  string
}

// glyph is one glyph image of a shaped string and where it goes relative to the string's origin.
type glyph struct {
	img  *ebiten.Image
	x, y float64
}

type glyphSpan struct{ from, to int32 }

// maxTextRuns bounds the text cache: past it, the cache starts again (the strings of a frame are a few
// hundred; a long game shows ever new ones — months, amounts — that must not pile up).
const maxTextRuns = 4096

// fontSources parses the drawing fonts once per process: every renderer (a window, each test) shares
// them, as ebiten lets GoTextFaces share a source. (package game measures with x/image's parse of the
// same TTFs: it cannot import ebiten.)
var fontSources = sync.OnceValues(func() ([2]*text.GoTextFaceSource, error) {
	reg, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return [2]*text.GoTextFaceSource{}, err
	}
	bold, err := text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF))
	return [2]*text.GoTextFaceSource{reg, bold}, err
})

func (r *renderer) init() error {
	src, err := fontSources()
	if err != nil {
		return err
	}
	r.reg, r.bold = src[0], src[1]
	r.faces = map[faceKey]face{}
	r.runs = map[textKey]glyphSpan{}
	// The white source of the shapes, written (not filled: ebiten keeps an image drawn to apart from
	// its texture atlas) so that it shares the atlas of the glyph images and their draws merge.
	white := ebiten.NewImage(3, 3)
	white.WritePixels(bytes.Repeat([]byte{0xff}, 3*3*4))
	r.white = white.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	// As vector does: vertex colours are premultiplied, anti-aliasing off, every triangle filled.
	r.triOp.ColorScaleMode = ebiten.ColorScaleModePremultipliedAlpha
	return nil
}

func (r *renderer) face(f *game.Face) face {
	k := faceKey{f.Bold, f.Size}
	if fc, ok := r.faces[k]; ok {
		return fc
	}
	src := r.reg
	if f.Bold {
		src = r.bold
	}
	tf := &text.GoTextFace{Source: src, Size: float64(f.Size)}
	fc := face{tf, tf.Metrics().HAscent}
	r.faces[k] = fc
	return fc
}

// flush draws the shapes waiting in the buffers.
func (r *renderer) flush() {
	if len(r.is) == 0 {
		r.vs = r.vs[:0]
		return
	}
	r.dst.DrawTriangles(r.vs, r.is, r.white, &r.triOp)
	r.vs, r.is = r.vs[:0], r.is[:0]
}

// reserve makes room for n more vertices (indices are 16-bit): it returns the index of the first.
func (r *renderer) reserve(n int) uint16 {
	if len(r.vs)+n > math.MaxUint16 {
		r.flush()
	}
	return uint16(len(r.vs))
}

// vertex appends a vertex at (x, y) in colour c.
func (r *renderer) vertex(x, y float32, c color.RGBA) {
	// The same values as color.RGBA's RGBA()/0xffff, which vector and ColorScale.ScaleWithColor use.
	r.vs = append(r.vs, ebiten.Vertex{
		DstX: x, DstY: y, SrcX: 1, SrcY: 1,
		ColorR: float32(uint32(c.R)*0x101) / 0xffff, ColorG: float32(uint32(c.G)*0x101) / 0xffff,
		ColorB: float32(uint32(c.B)*0x101) / 0xffff, ColorA: float32(uint32(c.A)*0x101) / 0xffff,
	})
}

// quad appends the quadrilateral (x0, y0) (x1, y1) (x2, y2) (x3, y3), its corners in order round it.
func (r *renderer) quad(x0, y0, x1, y1, x2, y2, x3, y3 float32, c color.RGBA) {
	b := r.reserve(4)
	r.vertex(x0, y0, c)
	r.vertex(x1, y1, c)
	r.vertex(x2, y2, c)
	r.vertex(x3, y3, c)
	r.is = append(r.is, b, b+1, b+2, b, b+2, b+3)
}

// box appends the axis-aligned rectangle from (x0, y0) to (x1, y1).
func (r *renderer) box(x0, y0, x1, y1 float32, c color.RGBA) {
	r.quad(x0, y0, x0, y1, x1, y1, x1, y0, c)
}

// fan appends a fan of triangles round (cx, cy), radius rad, from angle a0 turning by da in n steps.
func (r *renderer) fan(cx, cy, rad float32, a0, da float64, n int, c color.RGBA) {
	b := r.reserve(n + 2)
	r.vertex(cx, cy, c)
	for i := 0; i <= n; i++ {
		s, co := math.Sincos(a0 + da*float64(i)/float64(n))
		r.vertex(cx+rad*float32(co), cy+rad*float32(s), c)
	}
	for i := uint16(1); i <= uint16(n); i++ {
		r.is = append(r.is, b, b+i, b+i+1)
	}
}

// circleSegments is how many sides a circle of radius rad needs to stay within a quarter pixel of it.
func circleSegments(rad float32) int {
	const tolerance = 0.25
	if rad <= tolerance {
		return 12
	}
	n := int(math.Ceil(math.Pi / math.Acos(1-tolerance/float64(rad))))
	return min(max(n, 12), 128)
}

func (r *renderer) Fill(c color.RGBA) {
	r.flush()
	r.fill = c
	r.dst.Fill(&r.fill)
}

func (r *renderer) Rect(q game.Rect, c color.RGBA) {
	r.box(q.X, q.Y, q.X+q.W, q.Y+q.H, c)
}

// StrokeRect strokes q's outline centred on its edges, with square (mitred) corners, as four bands that
// do not overlap (a translucent colour blends once).
func (r *renderer) StrokeRect(q game.Rect, w float32, c color.RGBA) {
	hw := w / 2
	x0, x1, x2, x3 := q.X-hw, q.X+hw, q.X+q.W-hw, q.X+q.W+hw
	y0, y1, y2, y3 := q.Y-hw, q.Y+hw, q.Y+q.H-hw, q.Y+q.H+hw
	if x2 <= x1 || y2 <= y1 { // no hole: the stroke covers the whole of it
		r.box(x0, y0, x3, y3, c)
		return
	}
	r.box(x0, y0, x3, y1, c) // top
	r.box(x0, y2, x3, y3, c) // bottom
	r.box(x0, y1, x1, y2, c) // left
	r.box(x2, y1, x3, y2, c) // right
}

// segment appends the stroke of (x1, y1)-(x2, y2), width w, butt ends, and returns its half-width
// offset (the normal times w/2; ok false for a segment of no length, which draws nothing).
func (r *renderer) segment(x1, y1, x2, y2, w float32, c color.RGBA) (ex, ey float32, ok bool) {
	dx, dy := x2-x1, y2-y1
	dist := float32(math.Sqrt(float64(dx*dx + dy*dy)))
	if dist == 0 {
		return 0, 0, false
	}
	ex, ey = dy*w/2/dist, -dx*w/2/dist
	r.quad(x1+ex, y1+ey, x2+ex, y2+ey, x2-ex, y2-ey, x1-ex, y1-ey, c)
	return ex, ey, true
}

func (r *renderer) Line(x1, y1, x2, y2, w float32, c color.RGBA) {
	r.segment(x1, y1, x2, y2, w, c)
}

func (r *renderer) Circle(x, y, rad float32, c color.RGBA) {
	if rad <= 0 {
		return
	}
	r.fan(x, y, rad, 0, 2*math.Pi, circleSegments(rad), c)
}

// Polyline strokes pts with butt ends and round joins: a quad per segment, and at each joint a wedge of
// a circle on the outer side of the turn (as vector's LineJoinRound).
func (r *renderer) Polyline(pts []float32, w float32, c color.RGBA) {
	if len(pts) < 4 {
		return
	}
	var pex, pey float32 // the previous segment's offset
	prev := false
	for i := 2; i+1 < len(pts); i += 2 {
		x1, y1, x2, y2 := pts[i-2], pts[i-1], pts[i], pts[i+1]
		ex, ey, ok := r.segment(x1, y1, x2, y2, w, c)
		if !ok {
			continue
		}
		if prev {
			r.join(x1, y1, pex, pey, ex, ey, w, c)
		}
		pex, pey, prev = ex, ey, true
	}
}

// join appends the round join at (x, y) between a segment whose offset is (ex0, ey0) and the next one,
// offset (ex1, ey1).
func (r *renderer) join(x, y, ex0, ey0, ex1, ey1, w float32, c color.RGBA) {
	a0 := math.Atan2(float64(ey0), float64(ex0))
	a1 := math.Atan2(float64(ey1), float64(ex1))
	da := a1 - a0
	for da < 0 {
		da += 2 * math.Pi
	}
	for da >= 2*math.Pi {
		da -= 2 * math.Pi
	}
	if da == 0 {
		return
	}
	if da > math.Pi { // the outer side is the other one
		a0 += math.Pi
		da -= 2 * math.Pi
	}
	n := max(1, int(math.Ceil(math.Abs(da)/(math.Pi/8))))
	r.fan(x, y, w/2, a0, da, n, c)
}

// Text draws s with its baseline at y (text/v2 places the top of the line box, the ascent line, at the
// origin; game.Face's ascent is the same font's, measured by golang.org/x/image). It draws what
// text.Draw would — the same glyph images at the same positions — from the cached shaping.
func (r *renderer) Text(s string, x, y float32, f *game.Face, c color.RGBA, al game.Align) {
	if s == "" {
		return
	}
	r.flush()
	fc := r.face(f)
	sp := r.shape(s, fc.tf, al)
	op := &r.imgOp
	op.ColorScale.Reset()
	op.ColorScale.Scale(float32(uint32(c.R)*0x101)/0xffff, float32(uint32(c.G)*0x101)/0xffff,
		float32(uint32(c.B)*0x101)/0xffff, float32(uint32(c.A)*0x101)/0xffff)
	ox, oy := float64(x), float64(y)-fc.ascent
	for _, g := range r.glyphs[sp.from:sp.to] {
		op.GeoM.Reset()
		op.GeoM.Translate(g.x, g.y)
		op.GeoM.Translate(ox, oy)
		r.dst.DrawImage(g.img, op)
	}
}

// shape returns the glyphs of s in tf aligned by al, shaping s on its first use.
func (r *renderer) shape(s string, tf *text.GoTextFace, al game.Align) glyphSpan {
	k := textKey{tf, al, s}
	if sp, ok := r.runs[k]; ok {
		return sp
	}
	if len(r.runs) >= maxTextRuns {
		clear(r.runs)
		clear(r.glyphs) // let the images go
		r.glyphs = r.glyphs[:0]
	}
	var lo text.LayoutOptions
	switch al {
	case game.AlignCenter:
		lo.PrimaryAlign = text.AlignCenter
	case game.AlignEnd:
		lo.PrimaryAlign = text.AlignEnd
	}
	r.scratch = text.AppendGlyphs(r.scratch[:0], s, tf, &lo)
	sp := glyphSpan{from: int32(len(r.glyphs))}
	for _, g := range r.scratch {
		if g.Image != nil {
			r.glyphs = append(r.glyphs, glyph{g.Image, g.X, g.Y})
		}
	}
	clear(r.scratch)
	sp.to = int32(len(r.glyphs))
	r.runs[k] = sp
	return sp
}

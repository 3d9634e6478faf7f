// Package desktop runs the game (package game) in a window with ebiten: it reads the input snapshot,
// draws through game.Renderer with ebiten's vector and text packages, takes screenshots and maps the
// game's end to ebiten.Termination. Everything else — input mapping, layout, draw preparation — lives in
// package game, tested without a display (importing ebiten needs one on Linux).
package desktop

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"dongshu/game"
	"dongshu/game/session"
	"dongshu/internal/atomicfile"
)

// Game adapts a game.App to ebiten.Game.
type Game struct {
	App *game.App
	in  game.Input
	r   renderer
}

// New wraps app.
func New(app *game.App) (*Game, error) {
	g := &Game{App: app}
	if err := g.r.init(); err != nil {
		return nil, err
	}
	return g, nil
}

// Run opens the window (1280 x 720, resizable) and runs the game until it quits.
func Run(app *game.App) error {
	g, err := New(app)
	if err != nil {
		return err
	}
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetWindowTitle("dongshu — East Data, West Computing")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetTPS(session.TPS)
	return ebiten.RunGame(g)
}

// Update reads the input and runs one tick.
func (g *Game) Update() error {
	ReadInput(&g.in)
	if err := g.App.Update(&g.in); err != nil {
		if errors.Is(err, game.ErrQuit) {
			return ebiten.Termination
		}
		return err
	}
	return nil
}

// Draw draws the frame and writes the screenshot when it is due.
func (g *Game) Draw(screen *ebiten.Image) {
	g.r.dst = screen
	g.App.Draw(&g.r)
	if path, ok := g.App.ScreenshotDue(); ok {
		g.App.ScreenshotTaken(WritePNG(screen, path))
	}
}

// Layout is the window's size: the game lays itself out for any size.
func (g *Game) Layout(w, h int) (int, int) { return g.App.Layout(w, h) }

var ebitenKeys = [game.NumKeys]ebiten.Key{
	game.KeySpace: ebiten.KeySpace, game.KeyPeriod: ebiten.KeyPeriod,
	game.KeyDigit1: ebiten.KeyDigit1, game.KeyDigit2: ebiten.KeyDigit2, game.KeyDigit3: ebiten.KeyDigit3,
	game.KeyDigit4: ebiten.KeyDigit4, game.KeyDigit5: ebiten.KeyDigit5, game.KeyDigit6: ebiten.KeyDigit6,
	game.KeyDigit7: ebiten.KeyDigit7, game.KeyDigit8: ebiten.KeyDigit8, game.KeyDigit9: ebiten.KeyDigit9,
	game.KeyDigit0: ebiten.KeyDigit0,
	game.KeyA:      ebiten.KeyA, game.KeyD: ebiten.KeyD, game.KeyE: ebiten.KeyE, game.KeyH: ebiten.KeyH,
	game.KeyL: ebiten.KeyL, game.KeyN: ebiten.KeyN, game.KeyO: ebiten.KeyO, game.KeyP: ebiten.KeyP,
	game.KeyQ: ebiten.KeyQ, game.KeyS: ebiten.KeyS, game.KeyF1: ebiten.KeyF1,
	game.KeyEscape: ebiten.KeyEscape, game.KeyEnter: ebiten.KeyEnter, game.KeyTab: ebiten.KeyTab,
	game.KeyUp: ebiten.KeyArrowUp, game.KeyDown: ebiten.KeyArrowDown, game.KeyLeft: ebiten.KeyArrowLeft,
	game.KeyRight: ebiten.KeyArrowRight, game.KeyBackspace: ebiten.KeyBackspace,
	game.KeyPageUp: ebiten.KeyPageUp, game.KeyPageDown: ebiten.KeyPageDown,
}

var padKeys = [...]struct {
	e ebiten.Key
	k game.Key
}{{ebiten.KeyNumpad1, game.KeyDigit1}, {ebiten.KeyNumpad2, game.KeyDigit2}, {ebiten.KeyNumpad3, game.KeyDigit3},
	{ebiten.KeyNumpad4, game.KeyDigit4}, {ebiten.KeyNumpadEnter, game.KeyEnter}, {ebiten.KeyNumpadDecimal, game.KeyPeriod}}

// ReadInput fills in with this frame's input (no allocation: in.Keys is reused).
func ReadInput(in *game.Input) {
	in.Keys = in.Keys[:0]
	for k := game.KeySpace; k < game.NumKeys; k++ {
		if inpututil.IsKeyJustPressed(ebitenKeys[k]) {
			in.Keys = append(in.Keys, k)
		}
	}
	for _, p := range padKeys {
		if inpututil.IsKeyJustPressed(p.e) {
			in.Keys = append(in.Keys, p.k)
		}
	}
	in.Ctrl = ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	in.Alt = ebiten.IsKeyPressed(ebiten.KeyAlt)
	mx, my := ebiten.CursorPosition()
	in.MouseX, in.MouseY = float32(mx), float32(my)
	in.Click = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
	_, wy := ebiten.Wheel()
	in.Wheel = float32(wy)
}

// WritePNG writes img's pixels as a PNG file, atomically.
func WritePNG(img *ebiten.Image, path string) error {
	return atomicfile.WriteFile(path, EncodePNG(img))
}

// EncodePNG encodes img's pixels as PNG.
func EncodePNG(img *ebiten.Image) []byte {
	rgba := Pixels(img)
	var buf bytes.Buffer
	_ = png.Encode(&buf, rgba) // writing to memory cannot fail
	return buf.Bytes()
}

// Pixels reads img into an RGBA image.
func Pixels(img *ebiten.Image) *image.RGBA {
	rgba := image.NewRGBA(img.Bounds())
	img.ReadPixels(rgba.Pix)
	return rgba
}

// renderer implements game.Renderer on an ebiten image. Anti-aliasing is off: with it, every vector
// call renders through an offscreen buffer, which software GL (Xvfb) cannot keep up with.
type renderer struct {
	dst         *ebiten.Image
	reg, bold   *text.GoTextFaceSource
	faces       map[faceKey]face
	vs          []ebiten.Vertex
	is          []uint16
	white       *ebiten.Image
	triangleOpt ebiten.DrawTrianglesOptions
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

func (r *renderer) init() error {
	var err error
	if r.reg, err = text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF)); err != nil {
		return err
	}
	if r.bold, err = text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF)); err != nil {
		return err
	}
	r.faces = map[faceKey]face{}
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

func (r *renderer) Fill(c color.RGBA) { r.dst.Fill(c) }

func (r *renderer) Rect(q game.Rect, c color.RGBA) {
	vector.DrawFilledRect(r.dst, q.X, q.Y, q.W, q.H, c, false)
}

func (r *renderer) StrokeRect(q game.Rect, w float32, c color.RGBA) {
	vector.StrokeRect(r.dst, q.X, q.Y, q.W, q.H, w, c, false)
}

func (r *renderer) Line(x1, y1, x2, y2, w float32, c color.RGBA) {
	vector.StrokeLine(r.dst, x1, y1, x2, y2, w, c, false)
}

func (r *renderer) Circle(x, y, rad float32, c color.RGBA) {
	vector.DrawFilledCircle(r.dst, x, y, rad, c, false)
}

func (r *renderer) Polyline(pts []float32, w float32, c color.RGBA) {
	if len(pts) < 4 {
		return
	}
	var p vector.Path
	p.MoveTo(pts[0], pts[1])
	for i := 2; i+1 < len(pts); i += 2 {
		p.LineTo(pts[i], pts[i+1])
	}
	op := vector.StrokeOptions{Width: w, LineJoin: vector.LineJoinRound}
	r.vs, r.is = p.AppendVerticesAndIndicesForStroke(r.vs[:0], r.is[:0], &op)
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	for i := range r.vs {
		r.vs[i].SrcX, r.vs[i].SrcY = 1, 1
		r.vs[i].ColorR, r.vs[i].ColorG, r.vs[i].ColorB, r.vs[i].ColorA = cr, cg, cb, ca
	}
	if r.white == nil {
		img := ebiten.NewImage(3, 3)
		img.Fill(color.White)
		r.white = img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	}
	r.dst.DrawTriangles(r.vs, r.is, r.white, &r.triangleOpt)
}

// Text draws s with its baseline at y (text/v2 places the top of the line box, the ascent line, at the
// origin; game.Face's ascent is the same font's, measured by golang.org/x/image).
func (r *renderer) Text(s string, x, y float32, f *game.Face, c color.RGBA, al game.Align) {
	if s == "" {
		return
	}
	fc := r.face(f)
	var op text.DrawOptions
	op.GeoM.Translate(float64(x), float64(y)-fc.ascent)
	op.ColorScale.ScaleWithColor(c)
	switch al {
	case game.AlignCenter:
		op.PrimaryAlign = text.AlignCenter
	case game.AlignEnd:
		op.PrimaryAlign = text.AlignEnd
	}
	text.Draw(r.dst, s, fc.tf, &op)
}

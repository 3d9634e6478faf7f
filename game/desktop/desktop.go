// Package desktop runs the game (package game) in a window with ebiten: it reads the input snapshot,
// draws through game.Renderer (render.go: shapes as triangles, text as cached text/v2 glyphs), takes
// screenshots and maps the game's end to ebiten.Termination. Everything else — input mapping, layout,
// draw preparation — lives in package game, tested without a display (importing ebiten needs one on
// Linux).
package desktop

import (
	"bytes"
	"errors"
	"image"
	"image/png"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

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
	g.r.flush()
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

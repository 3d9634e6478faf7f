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

// ebitenKeys are the keys read by position. The letter and punctuation shortcuts (game.Key.Typed) are
// not among them: they are read from the characters typed (Input.Chars), so that they follow the
// keyboard's layout; with Ctrl, which types no character, ReadInput finds Ctrl+S and Ctrl+O itself.
var ebitenKeys = [...]struct {
	e ebiten.Key
	k game.Key
}{
	{ebiten.KeySpace, game.KeySpace},
	{ebiten.KeyDigit1, game.KeyDigit1}, {ebiten.KeyDigit2, game.KeyDigit2}, {ebiten.KeyDigit3, game.KeyDigit3},
	{ebiten.KeyDigit4, game.KeyDigit4}, {ebiten.KeyDigit5, game.KeyDigit5}, {ebiten.KeyDigit6, game.KeyDigit6},
	{ebiten.KeyDigit7, game.KeyDigit7}, {ebiten.KeyDigit8, game.KeyDigit8}, {ebiten.KeyDigit9, game.KeyDigit9},
	{ebiten.KeyDigit0, game.KeyDigit0},
	{ebiten.KeyF1, game.KeyF1}, {ebiten.KeyEscape, game.KeyEscape}, {ebiten.KeyEnter, game.KeyEnter},
	{ebiten.KeyTab, game.KeyTab}, {ebiten.KeyArrowUp, game.KeyUp}, {ebiten.KeyArrowDown, game.KeyDown},
	{ebiten.KeyArrowLeft, game.KeyLeft}, {ebiten.KeyArrowRight, game.KeyRight},
	{ebiten.KeyBackspace, game.KeyBackspace}, {ebiten.KeyPageUp, game.KeyPageUp},
	{ebiten.KeyPageDown, game.KeyPageDown},
	{ebiten.KeyNumpad1, game.KeyDigit1}, {ebiten.KeyNumpad2, game.KeyDigit2}, {ebiten.KeyNumpad3, game.KeyDigit3},
	{ebiten.KeyNumpad4, game.KeyDigit4}, {ebiten.KeyNumpadEnter, game.KeyEnter},
}

// ReadInput fills in with this frame's input (no allocation: in.Keys and in.Chars are reused).
func ReadInput(in *game.Input) {
	in.Keys = in.Keys[:0]
	for _, p := range ebitenKeys {
		if inpututil.IsKeyJustPressed(p.e) {
			in.Keys = append(in.Keys, p.k)
		}
	}
	in.Chars = ebiten.AppendInputChars(in.Chars[:0])
	in.Ctrl = ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	in.Alt = ebiten.IsKeyPressed(ebiten.KeyAlt)
	if in.Ctrl {
		// Ctrl+S, Ctrl+O: the letter key that types s or o in the current layout (by its US position when
		// the platform does not name keys). Rare enough that KeyName's string does not matter.
		for k := ebiten.KeyA; k <= ebiten.KeyZ; k++ {
			if inpututil.IsKeyJustPressed(k) {
				if gk := game.CtrlKey(ebiten.KeyName(k), rune('a'+int(k-ebiten.KeyA))); gk != game.KeyNone {
					in.Keys = append(in.Keys, gk)
				}
			}
		}
	}
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

package game

import (
	"image/color"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Fonts: Go Regular and Go Bold (they cover French accents), sized by the window's scale. Text is
// measured here with golang.org/x/image's OpenType faces (pure Go, no display); the renderer draws the
// same fonts at the same sizes.

var (
	fontOnce        sync.Once
	regularFont     *opentype.Font
	boldFont        *opentype.Font
	fontErr         error
	measureMu       sync.Mutex
	measureFaceMemo = map[faceKey]font.Face{}
)

type faceKey struct {
	bold bool
	size float32
}

func loadFonts() error {
	fontOnce.Do(func() {
		regularFont, fontErr = opentype.Parse(goregular.TTF)
		if fontErr == nil {
			boldFont, fontErr = opentype.Parse(gobold.TTF)
		}
	})
	return fontErr
}

// Face is a font at a size (in pixels): Go Regular, or Go Bold.
type Face struct {
	Bold bool
	Size float32
	m    font.Face
	// Vertical metrics in pixels (positive): ascent and descent of the line box, cap and x heights.
	Ascent, Descent, CapHeight, XHeight float32
}

// Baseline is where to put the baseline of one line of f: with middle, the line is centred vertically
// on y, else its top (the ascent line) is at y. Every text of the game is placed through Baseline, and
// the renderer draws the baseline where it is told.
//
// Centring the line box (ascent over descent) leaves lowercase text and signs such as "+" about a tenth
// of an em low, since the box reserves room for descenders and accents that most labels lack. So the
// band that is centred is the one from the baseline to halfway between the x height and the cap height:
// capitals stand a little above the centre, lowercase a little below, "+" and "−" on it.
func (f *Face) Baseline(y float32, middle bool) float32 {
	if !middle {
		return y + f.Ascent
	}
	return y + (f.CapHeight+f.XHeight)/4
}

// LineHeight is the height of f's line box (ascent plus descent).
func (f *Face) LineHeight() float32 { return f.Ascent + f.Descent }

// newFace makes a face of size pixels, rounded up to a whole pixel: ebiten's text/v2 lays glyphs out
// at whole-pixel sizes (a 9.6 px face advances as a 10 px one), so that a text measured here is as
// wide as the renderer draws it.
func newFace(bold bool, size float32) *Face {
	size = float32(math.Ceil(float64(size) - 1e-4))
	measureMu.Lock()
	defer measureMu.Unlock()
	k := faceKey{bold, size}
	m, ok := measureFaceMemo[k]
	if !ok {
		f := regularFont
		if bold {
			f = boldFont
		}
		var err error
		m, err = opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			panic(err) // the embedded fonts parse; a size is always valid
		}
		measureFaceMemo[k] = m
	}
	mt := m.Metrics()
	return &Face{Bold: bold, Size: size, m: m, Ascent: fixedToFloat(mt.Ascent), Descent: fixedToFloat(mt.Descent),
		CapHeight: fixedToFloat(mt.CapHeight), XHeight: fixedToFloat(mt.XHeight)}
}

// Align is a horizontal alignment of text.
type Align uint8

const (
	AlignStart Align = iota
	AlignCenter
	AlignEnd
)

// faces holds the faces of one scale.
type faces struct {
	scale                               float32
	Tiny, Small, Body, Bold, Head, Huge *Face
}

func newFaces(s float32) *faces {
	return &faces{scale: s, Tiny: newFace(false, 10.5*s), Small: newFace(false, 12*s), Body: newFace(false, 14*s),
		Bold: newFace(true, 14*s), Head: newFace(true, 17*s), Huge: newFace(true, 46*s)}
}

// advance is the width of s in face f.
func advance(s string, f *Face) float32 {
	measureMu.Lock()
	defer measureMu.Unlock()
	return fixedToFloat(font.MeasureString(f.m, s))
}

func fixedToFloat(v fixed.Int26_6) float32 { return float32(v) / 64 }

// fit shortens s with an ellipsis until it fits in w.
func fit(s string, f *Face, w float32) string {
	if advance(s, f) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		t := string(r) + "…"
		if advance(t, f) <= w {
			return t
		}
	}
	return ""
}

// Palette of the interface (dark theme).
var (
	colBG          = color.RGBA{0x10, 0x13, 0x1a, 0xff}
	colPanel       = color.RGBA{0x19, 0x1e, 0x28, 0xff}
	colPanel2      = color.RGBA{0x22, 0x29, 0x36, 0xff}
	colBorder      = color.RGBA{0x33, 0x3c, 0x4c, 0xff}
	colText        = color.RGBA{0xe8, 0xeb, 0xf1, 0xff}
	colDim         = color.RGBA{0x9a, 0xa4, 0xb5, 0xff}
	colOff         = color.RGBA{0x5c, 0x64, 0x72, 0xff} // a greyed-out button's label
	colAccent      = color.RGBA{0x4f, 0xb3, 0xff, 0xff}
	colAccentDim   = color.RGBA{0x27, 0x5a, 0x85, 0xff}
	colWarn        = color.RGBA{0xff, 0xb3, 0x47, 0xff}
	colBad         = color.RGBA{0xff, 0x6b, 0x6b, 0xff}
	colGood        = color.RGBA{0x6b, 0xd9, 0x8a, 0xff}
	colShade       = color.RGBA{0x00, 0x00, 0x00, 0xa8}
	colLink        = translucent(0xb4, 0xc0, 0xd4, 0x90) // open fibre (fainter with length)
	colLinkPlanned = translucent(0xb4, 0xc0, 0xd4, 0x58) // fibre to come (dashed)
	colAccess      = translucent(0xb4, 0xc0, 0xd4, 0x40) // access link to the historic hub (dotted)
	colDotEdge     = color.RGBA{0, 0, 0, 0x90}
	colLabelShadow = color.RGBA{0, 0, 0, 0x70}
	colAbroad      = color.RGBA{0xd0, 0xd6, 0xe2, 0xff} // the foreign accelerator pool's marker
	colHubRing     = color.RGBA{0xff, 0xd1, 0x4a, 0xff}
	colSelect      = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colHuman       = color.RGBA{0xff, 0x5c, 0xc8, 0xff}
	colModerate    = color.RGBA{0xff, 0x6b, 0x6b, 0xff}
)

// translucent is the colour (r, g, b) at opacity a as a color.RGBA, whose channels are premultiplied
// by alpha (a color.RGBA with a channel above its alpha does not blend: it brightens what is under it).
func translucent(r, g, b, a uint8) color.RGBA {
	p := func(v uint8) uint8 { return uint8(uint16(v) * uint16(a) / 255) }
	return color.RGBA{p(r), p(g), p(b), a}
}

// faded is c (premultiplied) with its opacity multiplied by k in [0, 1].
func faded(c color.RGBA, k float32) color.RGBA {
	k = min(max(k, 0), 1)
	return color.RGBA{uint8(float32(c.R) * k), uint8(float32(c.G) * k), uint8(float32(c.B) * k), uint8(float32(c.A) * k)}
}

// classColours colour the flows by workload class (hot, warm, cold, training, then repeats).
var classColours = [...]color.RGBA{
	{0xff, 0x70, 0x43, 0xff}, {0xff, 0xc1, 0x07, 0xff}, {0x81, 0xd4, 0xfa, 0xff}, {0xe0, 0x8b, 0xff, 0xff},
}

// luminance is the relative brightness of c (0..1), to pick a readable label colour.
func luminance(c color.RGBA) float32 {
	return (0.2126*float32(c.R) + 0.7152*float32(c.G) + 0.0722*float32(c.B)) / 255
}

package desktop_test

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game"
	"dongshu/game/session"
)

// TestScreensCharts renders the play screen's charts — ticks and units on both axes, the legend inside
// each chart, the news wrapped beside the scoreboards, the readout of the month under the mouse — at
// 1024x640 and 1280x720 in both languages; it checks that the readout is drawn where the mouse is, and
// writes docs/screens/charts-play-<lang>.png (1280x720) and charts-play-small-<lang>.png (1024x640)
// when DONGSHU_SCREENS names a directory, with the export's utilisation chart as charts-export-<lang>.png.
func TestScreensCharts(t *testing.T) {
	gz := provinceIndex(t, "guizhou")
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, game.Options{Lang: lang, Setup: baseline(session.Role{Provinces: []int{gz}}), Start: true, Speed: session.MaxSpeed, AutoDecide: true})
		until(t, a, 60*60*5, func() bool { return a.Session().Model().W.Now.Year() >= 2022 })
		a.Session().SetSpeed(0)
		ticks(t, a, 2)
		for _, size := range [][2]int{{1280, 720}, {1024, 640}} {
			plain := render(t, a, size[0], size[1], nil)
			p := a.ChartPlot(game.ChartCapacity)
			require.Positive(t, p.W, "%s %v: the capacity chart laid out", lang, size)
			// The mouse over 2018 on the capacity chart: the month's line and the readout beside it.
			in := game.Input{MouseX: p.X + p.W*0.45, MouseY: p.Y + p.H*0.6}
			require.NoError(t, a.Update(&in))
			hovered := render(t, a, size[0], size[1], nil)
			box := game.Rect{X: p.X - 60, Y: p.Y, W: p.W + 60, H: 50}
			assert.Greater(t, distinct(hovered, box), distinct(plain, box)+3, "%s %v: the readout drawn by the mouse", lang, size)
			name := "charts-play-" + lang
			if size[0] == 1024 {
				name = "charts-play-small-" + lang
			}
			saveScreen(t, hovered, name)
			require.NoError(t, a.Update(&game.Input{}))
		}
		// The export's utilisation chart, in the game's language and colours.
		dir := t.TempDir()
		require.NoError(t, a.Session().ExportLang(dir, lang))
		data, err := os.ReadFile(filepath.Join(dir, "utilisation.png"))
		require.NoError(t, err)
		img, err := png.Decode(bytes.NewReader(data))
		require.NoError(t, err)
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, image.Point{}, draw.Src)
		saveScreen(t, rgba, "charts-export-"+lang)
	}
}

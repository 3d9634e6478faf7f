package session

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"

	"dongshu/game/i18n"
	"dongshu/game/series"
	"dongshu/internal/chart"
)

// The export's charts are drawn in the game's language and in the game's colours: every series of a
// chart in its package series colour, French and English charts differing only by their words.
func TestExportChartsLanguageAndColours(t *testing.T) {
	s := newGame(t, Setup{Preset: "baseline", Seed: 1, Difficulty: Normal})
	autoplayTo(t, s, month(2022, 6))
	read := func(lang, name string) (image.Image, []byte) {
		dir := filepath.Join(t.TempDir(), lang)
		require.NoError(t, s.ExportLang(dir, lang))
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		img, err := png.Decode(bytes.NewReader(data))
		require.NoError(t, err)
		return img, data
	}
	count := func(img image.Image, want series.ID) int {
		c := series.Styles[want].C
		n := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bl>>8) == c.B {
					n++
				}
			}
		}
		return n
	}
	for name, ids := range map[string][]series.ID{
		"utilisation.png":           {series.EastUtil, series.WestUtil},
		"capacity.png":              {series.Capacity, series.Demand},
		"overbuild_by_province.png": {series.Overbuild, series.Redundant},
	} {
		en, enBytes := read("en", name)
		_, frBytes := read("fr", name)
		for _, id := range ids {
			assert.Greater(t, count(en, id), 100, "%s: series %d in the game's colour", name, id)
		}
		assert.NotEqual(t, enBytes, frBytes, "%s: the French chart's words differ", name)
	}
	// The words come from the catalog: a French title, a French number format on the axes.
	fr, err := i18n.Load("fr")
	require.NoError(t, err)
	assert.Equal(t, "Utilisation des pôles", fr.T(series.Charts[series.ChartUtilisation].Title))
	var got []string
	for _, tk := range chart.NewNiceTicks(fr, &plot.New().Y).Ticks(0, 3) {
		if tk.Label != "" {
			got = append(got, tk.Label)
		}
	}
	assert.Equal(t, []string{"0,0", "0,5", "1,0", "1,5", "2,0", "2,5", "3,0"}, got)
}

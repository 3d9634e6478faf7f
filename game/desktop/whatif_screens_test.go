package desktop_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game"
	"dongshu/game/session"
)

// TestScreensWhatif plays the README's headline experiment in the facilitator mode, in both languages:
// transit cost set to 0 from the first month with the what-if panel, played to 2023, the compare view on
// (dashed: the baseline without the what-if). It checks that the panel and the dashed lines are drawn and
// writes docs/screens/whatif-compare-<lang>.png and whatif-panel-<lang>.png when DONGSHU_SCREENS names a
// directory.
func TestScreensWhatif(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, game.Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal,
			Facilitator: true}, Start: true})
		a.Do(game.Command{Kind: game.CmdWhatIf})
		require.Equal(t, game.OverlayWhatIf, a.Overlay(), lang)
		for range 4 {
			a.Do(game.Command{Kind: game.CmdAdjust, Arg: -1, Delta: -1, Big: true})
		}
		panel := render(t, a, 1280, 720, nil)
		g := a.Geometry()
		assert.Greater(t, distinct(panel, g.Dialog), 8, "%s: the panel drawn", lang)
		saveScreen(t, panel, "whatif-panel-"+lang)
		a.Do(game.Command{Kind: game.CmdConfirm})
		require.Len(t, a.Session().WhatIfs(), 1)
		for a.Session().Model().W.Now < configs.NewMonth(2023, 1) {
			require.NoError(t, a.Session().Step())
		}
		without := render(t, a, 1280, 720, nil)
		a.Do(game.Command{Kind: game.CmdCompare})
		with := render(t, a, 1280, 720, nil)
		chart := g.Charts[game.ChartUtilisation]
		assert.NotEqual(t, without.Pix, with.Pix, "%s: the compare view changes the frame", lang)
		assert.Greater(t, distinct(with, chart), distinct(without, chart), "%s: dashed lines on the chart", lang)
		saveScreen(t, with, "whatif-compare-"+lang)
	}
}

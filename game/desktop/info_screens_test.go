package desktop_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game"
	"dongshu/game/session"
)

// TestScreensInfo renders the info slice's screens in both languages — the Info screen at the start of a
// planner's game (before the plan), the guided first round of a province, and the set-up screen with the
// scenario's claim at 1024x640 — checks that each is drawn where it should be, and writes them to
// docs/screens/info-<what>-<lang>.png when DONGSHU_SCREENS names a directory.
func TestScreensInfo(t *testing.T) {
	gz := provinceIndex(t, "guizhou")
	for _, lang := range []string{"en", "fr"} {
		// The Info screen at the start (onboarding on, as cmd/dongshu sets it).
		a := newApp(t, game.Options{Lang: lang, Onboard: true, Setup: baseline(session.Role{Planner: true}), Start: true})
		require.Equal(t, game.OverlayInfo, a.Overlay(), lang)
		img := render(t, a, 1280, 720, nil)
		// Both columns carry text: many colours (glyph anti-aliasing) in each half of the box.
		assert.Greater(t, distinct(img, game.Rect{X: 120, Y: 120, W: 480, H: 400}), 12, "%s: the role's column", lang)
		assert.Greater(t, distinct(img, game.Rect{X: 680, Y: 120, W: 480, H: 400}), 12, "%s: the scenario's column", lang)
		saveScreen(t, img, "info-onboarding-"+lang)

		// The guided first round of Guizhou, on its third field (stay within the quota).
		b := newApp(t, game.Options{Lang: lang, Onboard: true, Setup: baseline(session.Role{Provinces: []int{gz}}), Start: true})
		b.Do(game.Command{Kind: game.CmdInfo}) // close the Info screen
		b.Session().SetSpeed(session.MaxSpeed)
		until(t, b, 60*30, func() bool { return b.Overlay() == game.OverlayDialog })
		b.Do(game.Command{Kind: game.CmdFocus, Delta: 1})
		b.Do(game.Command{Kind: game.CmdFocus, Delta: 1})
		guided := render(t, b, 1280, 720, nil)
		step, _, _, ok := b.GuideStep()
		require.True(t, ok, lang)
		assert.Equal(t, 3, step)
		box, field := b.GuideRect()
		require.Positive(t, box.W, lang)
		assert.Greater(t, distinct(guided, box), 8, "%s: the guide's box drawn", lang)
		// The frame around the field: the warning colour on its top edge.
		warm := 0
		for y := int(field.Y) - 5; y <= int(field.Y); y++ {
			if c := guided.RGBAAt(int(field.X+field.W/2), y); c.R > 200 && c.B < 120 {
				warm++
			}
		}
		assert.Positive(t, warm, "%s: the field framed in the guide's colour", lang)
		saveScreen(t, guided, "info-guided-"+lang)

		// The set-up screen shows the claim, at the smallest size the game supports.
		c := newApp(t, game.Options{Lang: lang})
		c.Do(game.Command{Kind: game.CmdNewGame})
		setup := render(t, c, 1024, 640, nil)
		assert.Greater(t, distinct(setup, game.Rect{X: 0, Y: 0, W: 1024, H: 640}), 10, lang)
		saveScreen(t, setup, "info-setup-"+lang)
	}
}

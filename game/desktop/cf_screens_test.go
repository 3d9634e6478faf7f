package desktop_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game"
	"dongshu/game/session"
)

// waitReady updates a until ready holds: the counterfactuals and previews run on other goroutines. It
// waits for them without updating (ready polls them), updating only when a wait of 10 s found nothing,
// so that the number of updates, and with it the animation frame of the screenshot, does not depend on
// how fast they ran.
func waitReady(t *testing.T, a *game.App, ready func() bool) {
	t.Helper()
	for range 20 {
		ticks(t, a, 1)
		for range 5000 {
			if ready() {
				ticks(t, a, 1)
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	t.Fatal("never ready")
}

// TestScreensCf renders the cf slice's screens in both languages — the debrief's counterfactual page
// and the planner's dialog with its advisor, impact preview, a warning and a field's help — checks that
// each is drawn, and writes them to docs/screens/cf-<what>-<lang>.png when DONGSHU_SCREENS names a
// directory.
func TestScreensCf(t *testing.T) {
	nx := provinceIndex(t, "ningxia")
	for _, lang := range []string{"en", "fr"} {
		// Ningxia, the advisor deciding every round, ended in 2030: the counterfactual page.
		a := newApp(t, game.Options{Lang: lang, Setup: baseline(session.Role{Provinces: []int{nx}}), Start: true, Speed: 8, AutoDecide: true})
		until(t, a, 60*60*10, func() bool { return a.Session().Model().W.Now >= configs.NewMonth(2030, 1) })
		a.Do(game.Command{Kind: game.CmdEndGame})
		a.Do(game.Command{Kind: game.CmdConfirm})
		require.Equal(t, game.ScreenDebrief, a.Screen())
		a.Do(game.Command{Kind: game.CmdCF})
		waitReady(t, a, a.CounterfactualsReady)
		img := render(t, a, 1280, 720, nil)
		assert.Greater(t, distinct(img, game.Rect{X: 20, Y: 80, W: 540, H: 400}), 8, "%s: the table drawn", lang)
		saveScreen(t, img, "cf-debrief-"+lang)

		// The planner at the first round with quotas (decided in December 2022): Override on, a quota
		// far below the rule's, the focus on West steering (its help), the preview in.
		p := newApp(t, game.Options{Lang: lang, Setup: baseline(session.Role{Planner: true}), Start: true, Speed: 8})
		for {
			until(t, p, 60*60, func() bool { return p.Overlay() == game.OverlayDialog })
			require.Equal(t, game.OverlayDialog, p.Overlay())
			if p.Session().Model().W.Now == configs.NewMonth(2022, 12) {
				break
			}
			p.Do(game.Command{Kind: game.CmdConfirm})
		}
		p.Do(game.Command{Kind: game.CmdToggle, Arg: 0}) // Override
		for range 4 {
			p.Do(game.Command{Kind: game.CmdAdjust, Arg: 1, Delta: -1, Big: true})
		}
		p.Do(game.Command{Kind: game.CmdFocus, Arg: 5}) // West steering
		waitReady(t, p, p.PreviewReady)
		pimg := render(t, p, 1280, 720, nil)
		assert.Greater(t, distinct(pimg, p.Geometry().Dialog), 8, "%s: the dialog drawn", lang)
		saveScreen(t, pimg, "cf-planner-"+lang)
	}
}

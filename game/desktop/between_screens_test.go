package desktop_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game"
	"dongshu/game/session"
)

// TestScreensBetweenRounds renders a province's decision dialog opened between rounds, in May 2024, when
// the advice prices what is left of the year's quota, in both languages at the smallest and the largest
// window, and writes the smallest to docs/screens/dialog-between-<lang>.png when DONGSHU_SCREENS is set.
func TestScreensBetweenRounds(t *testing.T) {
	gz := provinceIndex(t, "guizhou")
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, game.Options{Lang: lang, Setup: baseline(session.Role{Provinces: []int{gz}}), Start: true})
		s := a.Session()
		for s.Model().W.Now < configs.NewMonth(2024, 5) {
			if s.Waiting().Any() {
				d := s.Advice(gz).Decision
				require.NoError(t, s.Submit(session.Action{Month: s.Model().W.Now, Province: &d}))
			}
			require.NoError(t, s.Step())
		}
		ticks(t, a, 1)
		require.True(t, s.Advice(gz).BetweenRounds, lang)
		a.Do(game.Command{Kind: game.CmdDecide})
		require.Equal(t, game.OverlayDialog, a.Overlay(), lang)
		for _, size := range [][2]int{{1024, 640}, {1920, 1080}} {
			img := render(t, a, size[0], size[1], nil)
			d := a.Geometry().Dialog
			assert.Greater(t, distinct(img, d), 12, "%s %v: the dialog drawn", lang, size)
			if size[0] == 1024 {
				saveScreen(t, img, "dialog-between-"+lang)
			}
		}
	}
}

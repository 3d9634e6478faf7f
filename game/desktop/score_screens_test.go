package desktop_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/game"
	"dongshu/game/session"
)

// TestScreensScore renders the score slice's screens in both languages — the live scoreboards with a
// part's tooltip, a round report, the explaining debrief — checks that each is drawn, and writes them
// to docs/screens/score-<what>-<lang>.png when DONGSHU_SCREENS names a directory.
func TestScreensScore(t *testing.T) {
	gz := provinceIndex(t, "gansu")
	for _, lang := range []string{"en", "fr"} {
		// Gansu, the advisor deciding, until the 2023 round (quotas in force) has been reported.
		a := newApp(t, game.Options{Lang: lang, Setup: baseline(session.Role{Provinces: []int{gz}}), Start: true, Speed: 8, AutoDecide: true})
		until(t, a, 60*60*5, func() bool {
			r := a.Session().RoundReport(gz)
			return r.Valid && r.Round && r.Month.Year() == 2024
		})
		a.Session().SetSpeed(0)
		ticks(t, a, 2)
		img := render(t, a, 1280, 720, nil)
		panel, parts, ok := a.Scoreboard()
		require.True(t, ok, "%s: the scoreboards are on the play screen", lang)
		require.Len(t, parts, 7, "three career parts, four of the nation's")
		assert.Greater(t, distinct(img, panel), 8, "%s: the scoreboards and the report drawn", lang)

		// The round report of a player caught beyond quota: Guizhou asks 650 MW in 2023 and starts 275
		// under a planner who enforces every quota (a saved game, loaded).
		caught := caughtGuizhou(t, lang)
		rep := render(t, caught, 1280, 720, nil)
		r := caught.Session().RoundReport(provinceIndex(t, "guizhou"))
		require.True(t, r.Caught && r.HaltedMW > 0, "%s: caught and halted", lang)
		cpanel, _, ok := caught.Scoreboard()
		require.True(t, ok)
		assert.Greater(t, distinct(rep, cpanel), distinct(img, cpanel)/2, "%s: the report drawn", lang)
		saveScreen(t, rep, "score-round-"+lang)

		// Hover the nation's first part: its tooltip.
		p := parts[3]
		require.NoError(t, a.Update(&game.Input{MouseX: p.X + p.W/2, MouseY: p.Y + p.H/2}))
		hovered := render(t, a, 1280, 720, nil)
		above := game.Rect{X: max(0, p.X-200), Y: max(0, p.Y-120), W: 400, H: 110}
		assert.Greater(t, distinct(hovered, above), distinct(img, above), "%s: a tooltip over the part", lang)
		saveScreen(t, hovered, "score-boards-"+lang)

		// The debrief: end the game now.
		a.Do(game.Command{Kind: game.CmdEndGame})
		a.Do(game.Command{Kind: game.CmdConfirm})
		require.Equal(t, game.ScreenDebrief, a.Screen())
		render(t, a, 1280, 720, nil) // lays out the pages
		a.Do(game.Command{Kind: game.CmdPage, Arg: 1})
		deb := render(t, a, 1280, 720, nil)
		assert.Greater(t, distinct(deb, game.Rect{X: 600, Y: 420, W: 660, H: 180}), 8, "%s: the why under the charts", lang)
		saveScreen(t, deb, "score-debrief-"+lang)
	}
}

// caughtGuizhou is a game of Guizhou and the planner saved after the 2023 round, where Guizhou started
// 275 MW on a grant of less and was caught (enforcement 1), loaded into the game.
func caughtGuizhou(t *testing.T, lang string) *game.App {
	gz := provinceIndex(t, "guizhou")
	s, err := session.New(session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal,
		Role: session.Role{Provinces: []int{gz}, Planner: true}})
	require.NoError(t, err)
	for s.Model().W.Now < configs.NewMonth(2023, 1) {
		w := s.Waiting()
		if w.Planner {
			pd := s.Model().PlannerPolicy()
			pd.Enforcement = 1
			require.NoError(t, s.Submit(session.Action{Month: s.Model().W.Now, Planner: &pd}))
		}
		for _, p := range w.Provinces {
			d := agents.Decision{Province: p}
			if s.Model().W.Now == configs.NewMonth(2022, 12) {
				d.RequestMW, d.BuildMW = 650, 275
			}
			require.NoError(t, s.Submit(session.Action{Month: s.Model().W.Now, Province: &d}))
		}
		require.NoError(t, s.Step())
	}
	path := filepath.Join(t.TempDir(), "caught.json")
	require.NoError(t, s.Save(path))
	a := newApp(t, game.Options{Lang: lang, LoadPath: path})
	require.Equal(t, game.OverlayMessage, a.Overlay(), "the load is confirmed")
	a.Do(game.Command{Kind: game.CmdConfirm})
	a.Session().SetSpeed(0)
	ticks(t, a, 2)
	require.Equal(t, configs.NewMonth(2023, 1), a.Session().Model().W.Now)
	return a
}

// saveScreen writes img as <name>.png into $DONGSHU_SCREENS, if set.
func saveScreen(t *testing.T, img *image.RGBA, name string) {
	dir := os.Getenv("DONGSHU_SCREENS")
	if dir == "" {
		return
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), buf.Bytes(), 0o644))
}

package game

import (
	"image/color"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/session"
)

// placed records where each text is drawn.
type placed struct {
	recorder
	at  []Rect // per text: x, y and the width the face gives it
	col []color.RGBA
}

func (r *placed) Text(s string, x, y float32, f *Face, c color.RGBA, al Align) {
	r.recorder.Text(s, x, y, f, c, al)
	r.at = append(r.at, Rect{x, y, advance(s, f), 1})
	r.col = append(r.col, c)
}

// Every planner's round before the plan says so, not only the guided first one: the line under the
// dialog's title names the round free and the first quota round, and a note at the bottom says which
// levers act yet — inside the dialog, whole, over no other text, at 1024x640 and 1280x720, in both
// languages, with the moderation list at its longest. From the first quota round on, neither is shown.
func TestPlannerRoundBeforeThePlan(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 3, Difficulty: session.Normal,
			Role: session.Role{Planner: true}}, Start: true})
		// The second round (the first is the guided one when onboarding is on).
		for range 2 {
			a.Session().SetSpeed(session.MaxSpeed)
			untilOverlay(t, a, 60*60)
			require.Equal(t, OverlayDialog, a.Overlay())
			if a.Session().Model().W.Now > configs.NewMonth(2013, 1) {
				break
			}
			press(t, a, Input{Keys: []Key{KeyEnter}})
		}
		w := a.Session().Model().W
		require.Equal(t, dlgPlanner, a.dlg.kind)
		e, ok := preplan(w)
		require.True(t, ok, "%s: %s is before the plan", lang, w.Now)
		assert.Equal(t, configs.NewMonth(2023, 1), e.round, "quotas from February 2022: the January 2022 round is free")
		for _, size := range [][2]int{{1024, 640}, {1280, 720}} {
			for _, many := range []int{3, len(a.dlg.moderate)} { // a short list of calls, and the longest
				for i := range a.dlg.moderate {
					a.dlg.moderate[i] = i < many
				}
				a.Layout(size[0], size[1])
				var r placed
				a.Draw(&r)
				text := strings.Join(r.texts, "\n")
				assert.Contains(t, text, a.cat.T("ui.info.dlg_round", "2014", "2023"), "%s %v: the round line", lang, size)
				note := a.info.era
				require.Positive(t, note.H, "%s %v: the note", lang, size)
				assert.True(t, note.Within(a.geo.Dialog), "%s %v: inside the dialog", lang, size)
				lines := wrapText(a.cat.T("ui.info.dlg_era", monthOr(a.cat, e.round)), a.fonts.Tiny, note.W, 5)
				if many == 3 {
					assert.NotContains(t, strings.Join(r.texts, " "), lines[len(lines)-1]+"…", "%s %v: the note whole", lang, size)
					assert.InDelta(t, float32(len(lines))*14*a.fonts.scale, note.H, 0.5, "%s %v: every line of the note", lang, size)
				}
				for i, s := range r.texts {
					p := r.at[i]
					if !p.Within(a.geo.Dialog) || (r.col[i] == colWarn && p.X == note.X) { // the note's own lines
						continue
					}
					assert.False(t, p.Y+12*a.fonts.scale > note.Y && p.Y < note.Y+note.H, "%s %v: %q over the note", lang, size, s)
				}
			}
		}
	}
	// After the plan: the usual round line, no note.
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 3, Difficulty: session.Normal,
		Role: session.Role{Planner: true}}, Start: true})
	for {
		a.Session().SetSpeed(session.MaxSpeed)
		untilOverlay(t, a, 60*60)
		require.Equal(t, OverlayDialog, a.Overlay())
		if a.Session().Model().W.Now >= configs.NewMonth(2022, 12) {
			break
		}
		press(t, a, Input{Keys: []Key{KeyEnter}})
	}
	var r placed
	a.Draw(&r)
	_, ok := preplan(a.Session().Model().W)
	assert.False(t, ok)
	assert.Contains(t, strings.Join(r.texts, "\n"), a.cat.T("ui.dlg.round", "2023"))
	assert.Zero(t, a.info.era.H, "no pre-plan note")
}

func slicesContain(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

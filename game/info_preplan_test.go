package game

import (
	"image/color"
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

// Every round before the plan says so, not only the guided first one, for the planner and a province
// alike: the line under the dialog's title names the round free and the first quota round (January 2023
// in the baseline: quotas come in February 2022, so the January 2022 round is still free), whole at
// 1024x640 and 1280x720 in both languages. From the first quota round on, the usual line.
func TestRoundLineBeforeThePlan(t *testing.T) {
	gz := provinceOf(t, "guizhou")
	for _, lang := range []string{"en", "fr"} {
		for _, role := range []session.Role{{Planner: true}, {Provinces: []int{gz}}} {
			a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 3, Difficulty: session.Normal,
				Role: role}, Start: true})
			rounds := 0
			for {
				a.Session().SetSpeed(session.MaxSpeed)
				untilOverlay(t, a, 60*60)
				require.Equal(t, OverlayDialog, a.Overlay())
				w := a.Session().Model().W
				year := (w.Now + 1).String()[:4]
				e, pre := preplan(w)
				if !pre {
					break
				}
				rounds++
				assert.Equal(t, configs.NewMonth(2023, 1), e.round, "%s", w.Now)
				for _, size := range [][2]int{{1024, 640}, {1280, 720}} {
					a.Layout(size[0], size[1])
					var r placed
					a.Draw(&r)
					assert.Contains(t, r.texts, a.cat.T("ui.info.dlg_round", year, "2023"), "%s %v %s: the round line, whole", lang, size, w.Now)
				}
				press(t, a, Input{Keys: []Key{KeyEnter}})
			}
			assert.Equal(t, 10, rounds, "%s: the rounds of 2013 to 2022 are free", lang)
			var r placed
			a.Draw(&r)
			assert.Equal(t, configs.NewMonth(2022, 12), a.Session().Model().W.Now)
			assert.Contains(t, r.texts, a.cat.T("ui.dlg.round", "2023"), "%s: the first quota round", lang)
		}
	}
}

// Between the quotas' coming into force (2022-02 in the baseline) and the first round held with them
// (January 2023) no quota has been granted, so the dialog opened between rounds says that nothing is beyond
// quota (the model's Advice.Quotas); after that round, the usual line, checked by the planner. Both lines
// are shown whole at the smallest supported window.
func TestBetweenRoundsLineBeforeTheFirstQuotaRound(t *testing.T) {
	gz := provinceOf(t, "guizhou")
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 3, Difficulty: session.Normal,
			Role: session.Role{Provinces: []int{gz}}}, Start: true})
		s := a.Session()
		for _, c := range []struct {
			at  configs.Month
			key string
		}{{configs.NewMonth(2022, 5), "ui.dlg.between_free"}, {configs.NewMonth(2023, 5), "ui.dlg.between"}} {
			for s.Model().W.Now < c.at {
				if s.Waiting().Any() {
					d := s.Advice(gz).Decision
					require.NoError(t, s.Submit(session.Action{Month: s.Model().W.Now, Province: &d}))
				}
				require.NoError(t, s.Step())
			}
			require.Equal(t, c.at, s.Model().W.Now)
			if a.Overlay() != OverlayNone {
				press(t, a, Input{Keys: []Key{KeyEscape}})
			}
			press(t, a, Input{Chars: []rune("d")})
			require.Equal(t, OverlayDialog, a.Overlay(), "%s %s", lang, c.at)
			want := a.cat.T(c.key)
			for _, size := range [][2]int{{1024, 640}, {1280, 720}} {
				a.Layout(size[0], size[1])
				var r placed
				a.Draw(&r)
				assert.Contains(t, r.texts, want, "%s %v: the line, whole", lang, size)
				// With a quota granted, a decision between rounds is priced at what is left of it.
				quota, outlook := "ui.dlg.expected_quota", "ui.dlg.outlook_title"
				if c.key == "ui.dlg.between" {
					quota, outlook = "ui.dlg.quota_left", "ui.dlg.outlook_title_left"
				}
				assert.Contains(t, r.texts, a.cat.T(quota), "%s %v", lang, size)
				assert.Contains(t, r.texts, a.cat.T(outlook), "%s %v", lang, size)
			}
			press(t, a, Input{Keys: []Key{KeyEscape}})
		}
	}
}

package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/i18n"
)

// The set-up screen shows every preset's claim whole (no line cut with "…") and above the next line, at
// the smallest size the game supports and at 1280x720, in both languages.
func TestSetupClaimWholeEveryPreset(t *testing.T) {
	presets := configs.Presets()
	for _, lang := range i18n.Languages {
		for _, size := range [][2]int{{1024, 640}, {1280, 720}} {
			a := newApp(t, Options{Lang: lang})
			a.Layout(size[0], size[1])
			a.Do(Command{Kind: CmdNewGame})
			require.Len(t, a.su().setup.scenarios, len(presets), "the set-up offers the presets")
			for range presets {
				name := a.su().setup.scenarios[a.su().setup.scenario]
				claim := a.cat.T("ui.info.claim", a.cat.T(InfoTexts(name)[0]))
				var r placed
				a.Draw(&r)
				first, last := -1, -1
				for i, s := range r.texts {
					if r.col[i] == colAccent && strings.Contains(frenchSpaces.Replace(claim), strings.TrimSuffix(s, " …")) && len(s) > 10 {
						if first < 0 {
							first = i
						}
						last = i
						assert.False(t, strings.HasSuffix(s, "…"), "%s %v %s: the claim cut: %q", lang, size, name, s)
					}
				}
				require.GreaterOrEqual(t, first, 0, "%s %v %s: the claim drawn", lang, size, name)
				var words int
				for i := first; i <= last; i++ {
					words += len(strings.Fields(r.texts[i]))
				}
				assert.Equal(t, len(strings.Fields(frenchSpaces.Replace(claim))), words, "%s %v %s: every word", lang, size, name)
				if last+1 < len(r.texts) {
					assert.GreaterOrEqual(t, r.at[last+1].Y, r.at[last].Y+14*a.fonts.scale, "%s %v %s: the next line below", lang, size, name)
				}
				a.Do(Command{Kind: CmdAdjust, Arg: sfScenario, Delta: 1})
			}
		}
	}
}

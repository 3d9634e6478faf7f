package game

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/i18n"
	"dongshu/game/session"
)

// Every preset has its claim, what to watch and what to try, and every role its goal, in every language;
// the texts are real sentences, and the same keys exist in both languages.
func TestInfoTexts(t *testing.T) {
	presets := configs.Presets()
	require.NotEmpty(t, presets)
	for _, lang := range i18n.Languages {
		c, err := i18n.Load(lang)
		require.NoError(t, err)
		for _, p := range presets {
			for _, k := range InfoTexts(p) {
				require.True(t, c.Has(k), "%s: %s has no %q", lang, p, k)
				assert.Greater(t, len(strings.Fields(c.T(k))), 8, "%s: %q is a sentence or more", lang, k)
			}
		}
		for _, r := range []session.Role{{Provinces: []int{0}}, {Planner: true}, {}} {
			k := roleGoalKey(r)
			require.True(t, c.Has(k), "%s: %q", lang, k)
			// Two sentences or more.
			assert.GreaterOrEqual(t, strings.Count(c.T(k, "X"), ". ")+strings.Count(c.T(k, "X"), " : "), 1, "%s: %q", lang, k)
		}
		for _, k := range provinceGuide {
			assert.True(t, c.Has(k), "%s: %q", lang, k)
		}
		for f := range numPlannerFields + 1 { // the hubs to designate share the last
			k := guideKey(dlgPlanner, f)
			assert.True(t, c.Has(k), "%s: %q", lang, k)
		}
	}
	// The goals differ by role.
	en, err := i18n.Load("en")
	require.NoError(t, err)
	goals := map[string]bool{}
	for _, r := range []session.Role{{Provinces: []int{0}}, {Planner: true}, {}} {
		goals[en.T(roleGoalKey(r), "X")] = true
	}
	assert.Len(t, goals, 3)
}

// onboarded starts a baseline game from the set-up screen (planner and provinces: from the command line)
// with onboarding on.
func onboarded(t *testing.T, lang string, role session.Role) *App {
	t.Helper()
	st := session.Setup{Preset: "baseline", Seed: 2, Difficulty: session.Normal, Role: role}
	if role.Planner && len(role.Provinces) > 0 { // the set-up screen has no such role: the command line's
		return newApp(t, Options{Lang: lang, Onboard: true, Setup: st, Start: true})
	}
	a := newApp(t, Options{Lang: lang, Onboard: true, Setup: st})
	a.Do(Command{Kind: CmdNewGame})
	a.su().setup.mode = roleAutoplay
	switch {
	case role.Planner:
		a.su().setup.mode = rolePlanner
	case len(role.Provinces) > 0:
		a.su().setup.mode = roleProvinces
		a.su().setup.provinces = slices.Clone(role.Provinces)
	}
	a.Do(Command{Kind: CmdStart})
	require.Equal(t, ScreenPlay, a.Screen())
	return a
}

// The Info screen opens at the start of a new game (the clock waits), closes with I, Esc or its
// button, opens again with I on the play screen and the debrief, and says the role's goal, the two
// scores, the claim and, before the plan, the pre-plan era.
func TestInfoScreen(t *testing.T) {
	a := onboarded(t, "en", session.Role{Planner: true})
	require.Equal(t, OverlayInfo, a.Overlay(), "shown at the start")
	now := a.Session().Model().W.Now
	run(t, a, 120)
	assert.Equal(t, now, a.Session().Model().W.Now, "the clock waits while the Info screen is open")
	var r recorder
	a.Draw(&r)
	text := strings.Join(r.texts, " ")
	assert.Contains(t, text, "central planner")
	assert.Contains(t, text, "Before the plan")
	info := strings.Join(a.Info(), "\n")
	for _, k := range []string{"ui.info.goal.planner", "ui.info.score.career", "ui.info.score.nation", "info.baseline.claim",
		"info.baseline.watch", "info.baseline.try"} {
		assert.Contains(t, info, a.cat.T(k), k)
	}
	assert.Contains(t, info, "due May 2021", "the pre-plan era explains the hubs due May 2021")
	assert.Contains(t, info, "February 2022", "and when quotas start")
	assert.Contains(t, info, "first quota round (January 2023)", "and when the first are granted")
	// Its button closes it; the clock runs again.
	var close Button
	for _, b := range a.Buttons() {
		if b.Cmd.Kind == CmdInfo {
			close = b
		}
	}
	require.Equal(t, CmdInfo, close.Cmd.Kind, "a close button")
	press(t, a, Input{Click: true, MouseX: close.R.X + 2, MouseY: close.R.Y + 2})
	require.Equal(t, OverlayDialog, a.Overlay(), "closed: the clock runs and the planner's first round opens")
	press(t, a, Input{Chars: []rune("i")})
	assert.Equal(t, OverlayDialog, a.Overlay(), "no Info over the decision dialog")
	press(t, a, Input{Keys: []Key{KeyEscape}})
	require.Equal(t, OverlayNone, a.Overlay())
	// I opens it, Esc closes it; I again, I closes.
	press(t, a, Input{Chars: []rune("i")})
	require.Equal(t, OverlayInfo, a.Overlay())
	press(t, a, Input{Keys: []Key{KeyEscape}})
	assert.Equal(t, OverlayNone, a.Overlay(), "Esc closes it (and does not end the game)")
	assert.Equal(t, ScreenPlay, a.Screen())
	press(t, a, Input{Chars: []rune("I")})
	require.Equal(t, OverlayInfo, a.Overlay())
	press(t, a, Input{Keys: []Key{KeyF1}})
	require.Equal(t, OverlayHelp, a.Overlay(), "F1 shows the keys over it")
	press(t, a, Input{Keys: []Key{KeyF1}})
	require.Equal(t, OverlayInfo, a.Overlay(), "and comes back to it")
	press(t, a, Input{Chars: []rune("i")})
	assert.Equal(t, OverlayNone, a.Overlay())

	// A province's goal names it; after the plan started the era is not shown.
	gz := provinceOf(t, "guizhou")
	b := onboarded(t, "fr", session.Role{Provinces: []int{gz}})
	require.Equal(t, OverlayInfo, b.Overlay())
	got := strings.Join(b.Info(), "\n")
	assert.Contains(t, got, "Vous gouvernez Guizhou")
	assert.Contains(t, got, "Avant le plan")
	assert.NotContains(t, got, "!ui.", "no missing key")
	// The debrief: I opens it there too.
	b.Do(Command{Kind: CmdInfo})
	b.Do(Command{Kind: CmdEndGame})
	b.Do(Command{Kind: CmdConfirm})
	require.Equal(t, ScreenDebrief, b.Screen())
	press(t, b, Input{Chars: []rune("i")})
	assert.Equal(t, OverlayInfo, b.Overlay())
	b.Draw(&r)
	press(t, b, Input{Keys: []Key{KeyEscape}})
	assert.Equal(t, OverlayNone, b.Overlay())
	assert.Equal(t, ScreenDebrief, b.Screen())

	// Without onboarding (an experienced player, or any automated run) nothing opens at the start.
	c := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 2, Role: session.Role{Planner: true}}, Start: true})
	assert.Equal(t, OverlayNone, c.Overlay())
	assert.False(t, c.info.guide.on)
	// From the command line with onboarding: shown.
	d := newApp(t, Options{Onboard: true, Setup: session.Setup{Preset: "market", Seed: 2, Role: session.Role{Planner: true}}, Start: true})
	assert.Equal(t, OverlayInfo, d.Overlay())
	assert.NotContains(t, strings.Join(d.Info(), "\n"), "Before the plan", "no pre-plan era in the market regime")
}

func provinceOf(t *testing.T, id string) int {
	t.Helper()
	scn, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	i := slices.IndexFunc(scn.Provinces, func(p configs.Province) bool { return p.ID == id })
	require.GreaterOrEqual(t, i, 0)
	return i
}

// firstRound ticks until the first decision dialog opens (closing the Info screen first).
func firstRound(t *testing.T, a *App) {
	t.Helper()
	if a.Overlay() == OverlayInfo {
		press(t, a, Input{Keys: []Key{KeyEscape}})
	}
	a.Session().SetSpeed(session.MaxSpeed)
	untilOverlay(t, a, 60*30)
	require.Equal(t, OverlayDialog, a.Overlay())
}

// The guided first round steps through every field of the province and the planner dialogs, framing
// each, with the field's own guidance; G hides it; it is gone at the next round and never shown to an
// experienced player.
func TestGuidedRound(t *testing.T) {
	gz := provinceOf(t, "guizhou")
	a := onboarded(t, "en", session.Role{Planner: true, Provinces: []int{gz}})
	firstRound(t, a)
	var r recorder
	for _, kind := range []dialogKind{dlgPlanner, dlgProvince} {
		if a.Overlay() == OverlayNone { // the provinces' first round comes after the planner's
			untilOverlay(t, a, 60*30)
		}
		if a.Overlay() == OverlayHotSeat {
			press(t, a, Input{Keys: []Key{KeyEnter}})
		}
		require.Equal(t, OverlayDialog, a.Overlay())
		require.Equal(t, kind, a.pl().dlg.kind)
		n := a.pl().dlg.numFields()
		seen := map[string]bool{}
		for i := range n {
			a.Draw(&r)
			step, steps, key, ok := a.GuideStep()
			require.True(t, ok, "guide shown at field %d", i)
			assert.Equal(t, i+1, step)
			assert.Equal(t, n, steps)
			seen[key] = true
			box, field := a.GuideRect()
			assert.Positive(t, box.W*box.H, "the guide's box")
			assert.True(t, field.Within(a.geo.Dialog), "the framed field is in the dialog")
			assert.Equal(t, a.pl().dlg.focus, fieldAt(a, field), "the frame is on the focused field")
			assert.False(t, box.Overlaps(a.geo.Dialog), "the box beside the dialog, not over it")
			assert.Contains(t, strings.Join(r.texts, " "), strings.Fields(a.cat.T(key))[0], "its text drawn")
			if i < n-1 {
				press(t, a, Input{Keys: []Key{KeyTab}})
			}
		}
		want := numProvinceFields
		if kind == dlgPlanner {
			want = numPlannerFields
			if n > numPlannerFields {
				want++ // the hubs to designate share one text
			}
		}
		assert.Len(t, seen, want, "every field's own guidance")
		// The Next button goes round to the first field again.
		a.Draw(&r)
		next := buttonOf(t, a, CmdFocus, 1)
		press(t, a, Input{Click: true, MouseX: next.R.X + 2, MouseY: next.R.Y + 2})
		assert.Equal(t, 0, a.pl().dlg.focus)
		press(t, a, Input{Keys: []Key{KeyEnter}})
	}
	// The next round: no guide.
	require.Equal(t, OverlayNone, a.Overlay())
	a.Session().SetSpeed(session.MaxSpeed)
	untilOverlay(t, a, 60*30)
	require.Equal(t, OverlayDialog, a.Overlay())
	_, _, _, ok := a.GuideStep()
	assert.False(t, ok, "only the first round is guided")

	// G hides it at once; the dialog stays open.
	b := onboarded(t, "fr", session.Role{Provinces: []int{gz}})
	firstRound(t, b)
	b.Draw(&r)
	_, _, _, ok = b.GuideStep()
	require.True(t, ok)
	press(t, b, Input{Chars: []rune("g")})
	_, _, _, ok = b.GuideStep()
	assert.False(t, ok, "G hides the guide")
	assert.Equal(t, OverlayDialog, b.Overlay())
	b.Draw(&r)
	box, _ := b.GuideRect()
	assert.Zero(t, box.W, "nothing drawn")

	// An experienced player is not guided.
	c := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 2, Role: session.Role{Provinces: []int{gz}}}, Start: true})
	firstRound(t, c)
	_, _, _, ok = c.GuideStep()
	assert.False(t, ok)
}

// fieldAt is the dialog field whose row is r (-1 none).
func fieldAt(a *App, r Rect) int {
	for _, b := range a.pl().prep.top.buttons {
		if b.Cmd.Kind == CmdFocus && b.Label == "" && b.R == r {
			return b.Cmd.Arg
		}
	}
	return -1
}

func buttonOf(t *testing.T, a *App, k CmdKind, delta int) Button {
	t.Helper()
	for _, b := range a.Buttons() {
		if b.Cmd.Kind == k && b.Cmd.Delta == delta {
			return b
		}
	}
	t.Fatalf("no button %v", k)
	return Button{}
}

// Reading the Info screen and following the guide change nothing in the game: a save after both equals
// the save of the same game played without them.
func TestInfoChangesNothing(t *testing.T) {
	gz := provinceOf(t, "guizhou")
	dir := t.TempDir()
	play := func(read bool) []byte {
		a := newApp(t, Options{Onboard: read, Setup: session.Setup{Preset: "baseline", Seed: 5, Difficulty: session.Normal,
			Role: session.Role{Provinces: []int{gz}}}, Start: true, Speed: session.MaxSpeed})
		var r recorder
		if read {
			require.Equal(t, OverlayInfo, a.Overlay())
			a.Draw(&r)
			press(t, a, Input{Keys: []Key{KeyEscape}})
		}
		a.Session().SetSpeed(session.MaxSpeed)
		untilOverlay(t, a, 60*30)
		require.Equal(t, OverlayDialog, a.Overlay())
		if read {
			for range a.pl().dlg.numFields() {
				a.Draw(&r)
				press(t, a, Input{Keys: []Key{KeyTab}})
			}
			press(t, a, Input{Chars: []rune("g")})
			press(t, a, Input{Keys: []Key{KeyEscape}}) // close the dialog: it reopens (declined)
			press(t, a, Input{Chars: []rune("d")})
			press(t, a, Input{Chars: []rune("i")}) // no Info over a dialog
			require.Equal(t, OverlayDialog, a.Overlay())
		}
		press(t, a, Input{Keys: []Key{KeyEnter}})
		require.Equal(t, OverlayNone, a.Overlay())
		if read {
			press(t, a, Input{Chars: []rune("i")})
			a.Draw(&r)
			press(t, a, Input{Chars: []rune("i")})
		}
		a.Session().SetSpeed(0)
		path := filepath.Join(dir, map[bool]string{true: "read.json", false: "plain.json"}[read])
		require.NoError(t, a.Session().Save(path))
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		return data
	}
	plain, read := play(false), play(true)
	assert.True(t, bytes.Equal(plain, read), "the same save with and without reading the Info screen and the guide")
}

// The set-up screen shows the claim of the scenario chosen, and it changes with the scenario.
func TestSetupShowsClaim(t *testing.T) {
	for _, lang := range i18n.Languages {
		a := newApp(t, Options{Lang: lang})
		a.Layout(1024, 640)
		a.Do(Command{Kind: CmdNewGame})
		var r recorder
		a.Draw(&r)
		claim := strings.Fields(a.cat.T("info.baseline.claim"))
		text := strings.Join(r.texts, " ")
		assert.Contains(t, text, claim[0]+" "+claim[1], "%s: the baseline's claim", lang)
		a.Do(Command{Kind: CmdAdjust, Arg: sfScenario, Delta: 1})
		r.texts = nil
		a.Draw(&r)
		name := a.su().setup.scenarios[a.su().setup.scenario]
		other := strings.Fields(a.cat.T("info." + name + ".claim"))
		assert.Contains(t, strings.Join(r.texts, " "), other[0]+" "+other[1]+" "+other[2], "%s: %s's claim", lang, name)
	}
}

// The Info screen and the guide are prepared once, on a change: a frame with either open prepares
// nothing again (no allocation in steady state).
func TestInfoAndGuideSteady(t *testing.T) {
	a := onboarded(t, "en", session.Role{Provinces: []int{provinceOf(t, "guizhou")}})
	require.Equal(t, OverlayInfo, a.Overlay())
	var r recorder
	a.Draw(&r)
	assert.Zero(t, testing.AllocsPerRun(20, a.prepare), "the Info screen")
	firstRound(t, a)
	a.Draw(&r)
	_, _, _, ok := a.GuideStep()
	require.True(t, ok)
	assert.Zero(t, testing.AllocsPerRun(20, a.prepare), "the guide")
}

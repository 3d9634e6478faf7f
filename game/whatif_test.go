package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/session"
)

// The README's headline experiment by keys: pause, W, Shift+Left four times on transit cost (to 0),
// Enter, C; the charts then carry the run without the what-if, dashed, equal to the game's own line up to
// the month the what-if was set.
func TestWhatIfPanelAndCompare(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
	run(t, a, 60*3)
	press(t, a, Input{Keys: []Key{KeySpace}})
	require.Equal(t, 0, a.Session().Speed())
	press(t, a, Input{Chars: []rune("w")})
	require.Equal(t, OverlayWhatIf, a.Overlay())
	var r recorder
	a.Draw(&r)
	assert.Contains(t, r.texts, "What if…")
	assert.Contains(t, r.texts, "Transit cost")
	for range 4 {
		press(t, a, Input{Keys: []Key{KeyLeft}, Shift: true})
	}
	assert.Equal(t, 0.0, a.pl().wi.draft[0], "stepped down to the bottom of the range")
	assert.Equal(t, 666000.0, a.Session().Level(configs.LeverTransitCost), "nothing applied before Enter")
	press(t, a, Input{Keys: []Key{KeyEnter}})
	assert.Equal(t, OverlayNone, a.Overlay())
	at := a.Session().Model().W.Now
	require.Len(t, a.Session().WhatIfs(), 1)
	assert.Equal(t, session.WhatIf{Key: "network.transit_cost", Level: 0}, a.Session().WhatIfs()[0].WhatIf)
	assert.Equal(t, 0.0, a.Session().Level(configs.LeverTransitCost), "in force from the next month")

	press(t, a, Input{Chars: []rune("c")})
	for range 12 {
		press(t, a, Input{Chars: []rune(".")})
	}
	r = recorder{}
	a.Draw(&r)
	require.NotNil(t, a.pl().wi.base)
	assert.NoError(t, a.pl().wi.baseErr)
	assert.Equal(t, a.Session().Model().W.Now, a.pl().wi.base.Model().W.Now, "the run without is kept up with the game")
	assert.True(t, hasPrefix(r.texts, "- - without"), "the compare view says what the dashes are: %q", r.texts[len(r.texts)-8:])
	ch := &a.charts.charts[ChartUtilisation]
	main, ghost := ch.Series[1].Pts, ch.Ghost[1].Pts
	require.Equal(t, len(main), len(ghost))
	k := 2 * int(at-a.Session().History().Months[0]) // the what-if's month, in points
	assert.Equal(t, main[:k+2], ghost[:k+2], "the same game up to the month the what-if was set")
	assert.NotEqual(t, main[k+2:], ghost[k+2:], "then the west's use differs")

	// The compare run is the game without the what-if, replayed from the seed.
	fresh, err := session.New(a.Session().Setup())
	require.NoError(t, err)
	for fresh.Model().W.Now < a.Session().Model().W.Now {
		require.NoError(t, fresh.Step())
	}
	assert.Equal(t, fresh.History(), a.pl().wi.base.History())
	press(t, a, Input{Chars: []rune("c")})
	a.Draw(&r)
	assert.Empty(t, a.charts.charts[0].Ghost[0].Pts, "compare off")
	assert.Nil(t, a.pl().wi.base)
}

// Students playing provinces cannot move the world's levers: W says why.
func TestWhatIfRefusedToProvinces(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{3}}}, Start: true})
	run(t, a, 2)
	if a.Overlay() == OverlayDialog {
		press(t, a, Input{Keys: []Key{KeyEscape}}) // the round's dialog, declined for now
	}
	require.Equal(t, OverlayNone, a.Overlay())
	press(t, a, Input{Chars: []rune("w")})
	assert.Equal(t, OverlayMessage, a.Overlay())
	assert.Empty(t, a.Session().WhatIfs())
}

func hasPrefix(texts []string, p string) bool {
	for _, s := range texts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// The set-up's facilitator mode by keys (N, Down, Left, Enter): the AI plays every role, W opens the panel.
func TestSetupFacilitatorMode(t *testing.T) {
	a := newApp(t, Options{})
	press(t, a, Input{Chars: []rune("n")})
	require.Equal(t, ScreenSetup, a.Screen())
	press(t, a, Input{Keys: []Key{KeyDown}})
	press(t, a, Input{Keys: []Key{KeyLeft}})
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, ScreenPlay, a.Screen())
	st := a.Session().Setup()
	assert.True(t, st.Facilitator)
	assert.True(t, st.Role.Autoplay())
	press(t, a, Input{Chars: []rune("w")})
	assert.Equal(t, OverlayWhatIf, a.Overlay())
}

// compareApp is an 8x game with transit cost 0 from the start and the compare view on.
func compareApp(tb testing.TB) *App {
	a := newApp(tb, Options{Setup: session.Setup{Preset: "baseline", Seed: 1, Facilitator: true}, Start: true, Speed: 8})
	require.NoError(tb, a.Session().Submit(session.Action{Month: a.Session().Model().W.Now,
		WhatIf: &session.WhatIf{Key: "network.transit_cost", Level: 0}}))
	a.Do(Command{Kind: CmdCompare})
	return a
}

// BenchmarkUpdateCompare is BenchmarkUpdate with the compare view on: each month also steps the run
// without the what-ifs (the replay itself happens once, before the timer).
func BenchmarkUpdateCompare(b *testing.B) {
	var in Input
	a := compareApp(b)
	a.prepare()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if a.Session().Done() || a.Screen() != ScreenPlay {
			b.StopTimer()
			a = compareApp(b)
			a.prepare()
			b.StartTimer()
		}
		if err := a.Update(&in); err != nil {
			b.Fatal(err)
		}
		a.prepare()
	}
}

// With the compare view on, a paused game's frame still allocates nothing: the dashed lines are prepared
// once per month, not per frame.
func TestCompareSteadyStateAllocatesNothing(t *testing.T) {
	var in Input
	a := compareApp(t)
	for range 300 {
		require.NoError(t, a.Update(&in))
	}
	a.Session().SetSpeed(0)
	require.NoError(t, a.Update(&in))
	var r nopRenderer
	a.Draw(r)
	require.NotEmpty(t, a.charts.charts[0].Ghost[0].Pts)
	allocs := testing.AllocsPerRun(100, func() {
		_ = a.Update(&in)
		a.Draw(r)
	})
	require.Zero(t, allocs, "a paused game's update and frame allocate nothing, compare on")
}

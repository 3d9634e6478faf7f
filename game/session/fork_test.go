package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

func TestForkWithEveryActionIsTheGame(t *testing.T) {
	for _, until := range []configs.Month{month(2019, 12), month(2022, 12), month(2024, 6), month(2035, 12)} {
		s := newGame(t, players.setup(5))
		players.drive(t, s, until)
		if until == month(2024, 6) {
			require.True(t, players.act(t, s), "a decision pending at the fork")
		}
		f, err := s.Replay(ForkSpec{Role: s.Setup().Role})
		require.NoError(t, err)
		assertSameGame(t, s, f, until.String())
		want, err := s.MarshalSave()
		require.NoError(t, err)
		got, err := f.MarshalSave()
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "byte for byte at %s", until)
	}
}

// replayBySteps plays acts into a new game of st with Submit and Step only (not the replay under test).
func replayBySteps(t *testing.T, st Setup, acts []Action, until configs.Month) *Session {
	s := newGame(t, st)
	for {
		for len(acts) > 0 && acts[0].Month == s.Model().W.Now {
			require.NoError(t, s.Submit(acts[0]))
			acts = acts[1:]
		}
		if s.Model().W.Now == until {
			return s
		}
		require.NoError(t, s.Step())
	}
}

func TestForkDropsARoleLikeAFreshGame(t *testing.T) {
	s := newGame(t, players.setup(5))
	players.drive(t, s, month(2026, 12))
	role := Role{Planner: true, Provinces: []int{guangdong}}
	f, err := s.Replay(ForkSpec{Role: role}) // Ningxia played by the AI
	require.NoError(t, err)
	var kept []Action
	for _, a := range s.Actions() {
		if a.Province == nil || a.Province.Province != ningxia {
			kept = append(kept, a)
		}
	}
	st := s.Setup()
	st.Role = role
	fresh := replayBySteps(t, st, kept, month(2026, 12))
	assertSameGame(t, fresh, f, "fork without Ningxia")
	assert.NotEqual(t, s.History().Province, f.History().Province, "the AI in Ningxia's seat plays otherwise")

	// Keep drops chosen actions; a fork can stop earlier than the game.
	between := func(a Action) bool { return s.Model().W.Scn.Planner.QuotaMonth != (a.Month + 1).MonthOfYear() }
	early, err := s.Replay(ForkSpec{Role: role, Until: month(2023, 1), Keep: func(a Action) bool { return !between(a) }})
	require.NoError(t, err)
	assert.Equal(t, month(2023, 1), early.Model().W.Now)
	require.NotEmpty(t, early.Actions())
	for _, a := range early.Actions() {
		assert.False(t, between(a), "a decision between rounds was dropped")
	}
}

func TestForkPlaysSeatsPastTheLog(t *testing.T) {
	s := newGame(t, players.setup(5))
	players.drive(t, s, month(2022, 12))
	// Without Play, a human seat with no action stops the fork at its next round, with a clear error.
	_, err := s.Replay(ForkSpec{Role: s.Setup().Role, Until: month(2024, 1)})
	assert.ErrorContains(t, err, "cannot pass 2022-12")
	calls := 0
	f, err := s.Replay(ForkSpec{Role: s.Setup().Role, Until: month(2024, 1), Play: func(g *Session, w Waiting) []Action {
		calls++
		var out []Action
		for _, p := range w.Provinces {
			d := g.Advice(p).Decision
			out = append(out, Action{Month: g.Model().W.Now, Province: &d})
		}
		if w.Planner {
			d := g.Model().PlannerPolicy()
			out = append(out, Action{Month: g.Model().W.Now, Planner: &d})
		}
		return out
	}})
	require.NoError(t, err)
	assert.Equal(t, 2, calls, "the rounds of 2022-12 and 2023-12, past the log")
	assert.Equal(t, month(2024, 1), f.Model().W.Now)
}

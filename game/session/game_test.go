package session

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
)

func TestClockSpeedEightStepsEightMonthsPerSecond(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	start := s.Model().W.Now
	s.SetSpeed(8)
	for range TPS {
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, start+8, s.Model().W.Now)
	assert.Len(t, s.History().Months, 8)
}

func TestClockEverySpeedIsExact(t *testing.T) {
	for v := 1; v <= MaxSpeed; v++ {
		s := newGame(t, Setup{Seed: 1, Difficulty: Normal})
		start := s.Model().W.Now
		s.SetSpeed(v)
		for range 3 * TPS {
			require.NoError(t, s.Tick())
		}
		assert.Equal(t, start+configs.Month(3*v), s.Model().W.Now, "speed %d", v)
	}
}

func TestClockPausedStepsNothing(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	start := s.Model().W.Now
	assert.Equal(t, 0, s.Speed(), "a game starts paused")
	for range 10 * TPS {
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, start, s.Model().W.Now)
	s.SetSpeed(MaxSpeed + 5)
	assert.Equal(t, MaxSpeed, s.Speed())
	s.SetSpeed(-1)
	assert.Equal(t, 0, s.Speed())
}

func TestClockWaitsForHumansAtTheRound(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{ningxia}}})
	start := s.Model().W.Now
	require.True(t, s.Waiting().Any(), "the first month holds the baseline's quota round")
	s.SetSpeed(MaxSpeed)
	for range 5 * TPS {
		require.NoError(t, s.Tick())
	}
	require.NoError(t, s.Step())
	assert.Equal(t, start, s.Model().W.Now, "neither the clock nor a single step passes a waiting round")

	d := s.Advice(ningxia).Decision
	require.NoError(t, s.Submit(Action{Month: start, Province: &d}))
	assert.False(t, s.Waiting().Any())
	for range TPS {
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, start+MaxSpeed, s.Model().W.Now)
	assert.False(t, s.Waiting().Any(), "nobody is awaited between rounds")
}

func TestSingleStep(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	start := s.Model().W.Now
	require.NoError(t, s.Step())
	assert.Equal(t, start+1, s.Model().W.Now)
	assert.Equal(t, []configs.Month{start + 1}, s.History().Months)
	for !s.Done() {
		require.NoError(t, s.Step())
	}
	end := s.Model().W.Now
	require.NoError(t, s.Step())
	s.SetSpeed(MaxSpeed)
	require.NoError(t, s.Tick())
	assert.Equal(t, end, s.Model().W.Now, "a finished game stays finished")
	assert.Len(t, s.History().Months, int(end-start))
}

func TestHotSeatWaitingOrder(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{guizhou, innerMongolia, ningxia}, Planner: true}})
	now := s.Model().W.Now
	assert.Equal(t, Waiting{Provinces: []int{guizhou, innerMongolia, ningxia}, Planner: true}, s.Waiting())

	d := s.Advice(innerMongolia).Decision
	require.NoError(t, s.Submit(Action{Month: now, Province: &d}))
	assert.Equal(t, Waiting{Provinces: []int{guizhou, ningxia}, Planner: true}, s.Waiting())

	pd := s.Model().PlannerPolicy()
	require.NoError(t, s.Submit(Action{Month: now, Planner: &pd}))
	assert.Equal(t, Waiting{Provinces: []int{guizhou, ningxia}}, s.Waiting())

	for _, p := range []int{guizhou, ningxia} {
		d := s.Advice(p).Decision
		require.NoError(t, s.Submit(Action{Month: now, Province: &d}))
	}
	assert.False(t, s.Waiting().Any())
	require.NoError(t, s.Step())
	assert.Equal(t, now+1, s.Model().W.Now)
	assert.Empty(t, s.Model().Pending, "the round consumed every human decision")

	// The next round waits for everyone again, in hot-seat order.
	for s.Model().W.Now < now+12 {
		require.NoError(t, s.Step())
	}
	assert.Equal(t, Waiting{Provinces: []int{guizhou, innerMongolia, ningxia}, Planner: true}, s.Waiting())
}

func TestSubmitValidation(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{ningxia}, Planner: true}})
	now := s.Model().W.Now
	ok := agents.Decision{Province: ningxia, RequestMW: 100, BuildMW: 100}
	pol := s.Model().PlannerPolicy()
	dec := func(f func(*agents.Decision)) *agents.Decision { d := ok; f(&d); return &d }
	plan := func(f func(*agents.PlannerDecision)) *agents.PlannerDecision { d := pol; f(&d); return &d }
	for _, c := range []struct {
		name string
		a    Action
		want string
	}{
		{"past month", Action{Month: now - 1, Province: &ok}, "the game is at"},
		{"future month", Action{Month: now + 1, Province: &ok}, "the game is at"},
		{"no decision", Action{Month: now}, "exactly one decision"},
		{"two decisions", Action{Month: now, Province: &ok, Planner: &pol}, "exactly one decision"},
		{"AI province", Action{Month: now, Province: dec(func(d *agents.Decision) { d.Province = guizhou })}, "played by the AI"},
		{"province out of range", Action{Month: now, Province: dec(func(d *agents.Decision) { d.Province = 99 })}, "out of range"},
		{"negative build", Action{Month: now, Province: dec(func(d *agents.Decision) { d.BuildMW = -1 })}, "build_mw"},
		{"NaN request", Action{Month: now, Province: dec(func(d *agents.Decision) { d.RequestMW = math.NaN() })}, "request_mw"},
		{"infinite subsidy", Action{Month: now, Province: dec(func(d *agents.Decision) { d.Subsidy = math.Inf(1) })}, "subsidy"},
		{"enforcement above 1", Action{Month: now, Planner: plan(func(d *agents.PlannerDecision) { d.Enforcement = 1.5 })}, "planner.enforcement"},
		{"unknown hub", Action{Month: now, Planner: plan(func(d *agents.PlannerDecision) { d.Designate = []int{8} })}, "hub index 8"},
		{"unknown province to moderate", Action{Month: now, Planner: plan(func(d *agents.PlannerDecision) { d.Moderate = []int{-1} })}, "province index -1"},
	} {
		err := s.Submit(c.a)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), c.want, c.name)
		}
	}
	assert.Empty(t, s.Actions(), "a refused action is not logged")
	assert.Empty(t, s.Model().Pending)
	assert.Nil(t, s.Model().PendingPlanner)

	auto := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	assert.ErrorContains(t, auto.Submit(Action{Month: now, Province: &ok}), "played by the AI")
	assert.ErrorContains(t, auto.Submit(Action{Month: now, Planner: &pol}), "planner is played by the AI")

	for !auto.Done() {
		require.NoError(t, auto.Step())
	}
	assert.ErrorContains(t, auto.Submit(Action{Month: auto.Model().W.Now, Planner: &pol}), "over")
}

func TestSubmitQueuesCopies(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{ningxia}, Planner: true}})
	now := s.Model().W.Now
	d := agents.Decision{Province: ningxia, RequestMW: 100, BuildMW: 200, Score: 7}
	pd := s.Model().PlannerPolicy()
	pd.Designate = []int{1}
	require.NoError(t, s.Submit(Action{Month: now, Province: &d}))
	require.NoError(t, s.Submit(Action{Month: now, Planner: &pd}))
	d.BuildMW, pd.Designate[0] = 999, 5 // the caller's values are not the game's

	assert.Equal(t, 200.0, s.Model().Pending[ningxia].BuildMW)
	assert.Equal(t, []int{1}, s.Model().PendingPlanner.Designate)
	acts := s.Actions()
	require.Len(t, acts, 2)
	assert.Equal(t, 200.0, acts[0].Province.BuildMW)
	assert.Zero(t, acts[0].Province.Score, "a human decision carries no AI score")
	acts[1].Planner.Designate[0] = 3
	assert.Equal(t, []int{1}, s.Actions()[1].Planner.Designate, "Actions returns copies")
}

func TestNewRejectsBadSetups(t *testing.T) {
	for _, c := range []struct {
		name string
		st   Setup
		want []string
	}{
		{"province out of range", Setup{Role: Role{Provinces: []int{31}}}, []string{"province index 31"}},
		{"negative province", Setup{Role: Role{Provinces: []int{-1}}}, []string{"province index -1"}},
		{"duplicate province", Setup{Role: Role{Provinces: []int{3, 3}}}, []string{"listed twice"}},
		{"difficulty", Setup{Difficulty: 7}, []string{"difficulty 7"}},
		{"unknown preset", Setup{Preset: "nowhere"}, []string{"unknown preset"}},
		{"bad value", Setup{ScenarioName: "mine.toml", ScenarioTOML: "name = \"mine\"\n\n[planner]\nenforcement = 7\n"},
			[]string{"mine.toml:4", "planner.enforcement"}},
		{"unknown key", Setup{ScenarioName: "mine.toml", ScenarioTOML: "Seed = 3\n"}, []string{"mine.toml:1", "Seed"}},
		{"syntax", Setup{ScenarioName: "mine.toml", ScenarioTOML: "[planner\n"}, []string{"mine.toml:1"}},
	} {
		_, err := New(c.st)
		if assert.Error(t, err, c.name) {
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w, c.name)
			}
		}
	}
}

func TestNewFromScenarioTextAndSeed(t *testing.T) {
	s := newGame(t, Setup{ScenarioName: "mine.toml", ScenarioTOML: "name = \"mine\"\nseed = 5\n[planner]\nenforcement = 0.9\n",
		Seed: 42, Difficulty: Normal})
	assert.Equal(t, "mine", s.Model().W.Scn.Name)
	assert.Equal(t, uint64(42), s.Model().W.Scn.Seed, "the setup's seed replaces the scenario's")
	assert.Equal(t, 0.9, s.Model().W.Scn.Planner.Enforcement)
	assert.Equal(t, 0.9, s.Model().W.Policy.Enforcement, "the run starts from the scenario's policy")
}

func TestDifficultyScalesTheAI(t *testing.T) {
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	b := base.Behaviour
	for _, c := range []struct {
		d    Difficulty
		f    [3]float64
		name string
	}{{Easy, [3]float64{0.5, 0.5, 0.7}, "easy"}, {Normal, [3]float64{1, 1, 1}, "normal"}, {Hard, [3]float64{1.5, 1.5, 1.3}, "hard"}} {
		s := newGame(t, Setup{Seed: 1, Difficulty: c.d})
		got := s.Model().W.Scn.Behaviour
		assert.InDelta(t, b.Optimism*c.f[0], got.Optimism, 1e-12, c.name)
		assert.InDelta(t, b.Rivalry*c.f[1], got.Rivalry, 1e-12, c.name)
		assert.InDelta(t, b.GrowthCredit*c.f[2], got.GrowthCredit, 1e-12, c.name)
		assert.Equal(t, c.name, c.d.String())
	}
	// The point of it: a harder AI builds more.
	built := func(d Difficulty) float64 {
		s := newGame(t, Setup{Seed: 1, Difficulty: d})
		autoplayTo(t, s, month(2027, 12))
		nat := s.Model().Rows()[0]
		w := s.Model().W
		return nat[w.Col(0)] + nat[w.Col(1)] // capacity online and being built
	}
	easy, normal, hard := built(Easy), built(Normal), built(Hard)
	assert.Less(t, easy, normal)
	assert.Less(t, normal, hard)
}

func TestAdviceOutOfRangeIsZero(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	assert.Equal(t, agents.Advice{}, s.Advice(-1))
	assert.Equal(t, agents.Advice{}, s.Advice(31))
	assert.Equal(t, guizhou, s.Advice(guizhou).Decision.Province)
}

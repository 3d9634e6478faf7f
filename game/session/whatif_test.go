package session

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

func autoSetup(seed uint64) Setup { return Setup{Preset: "baseline", Seed: seed, Difficulty: Normal} }

// whatIfAt plays to at, sets key to level, then plays to until.
func whatIfAt(t *testing.T, st Setup, at configs.Month, key string, level float64, until configs.Month) *Session {
	t.Helper()
	s := newGame(t, st)
	autoplayTo(t, s, at)
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, WhatIf: &WhatIf{Key: key, Level: level}}))
	autoplayTo(t, s, until)
	return s
}

// A what-if changes the game from the month after it was set, not before; each world lever reaches the
// model (transit cost, latency bounds, demand growth).
func TestWhatIfAppliesFromNextMonth(t *testing.T) {
	at, until := month(2023, 5), month(2025, 12)
	ref := newGame(t, autoSetup(1))
	autoplayTo(t, ref, until)
	h := ref.History()
	k := func(m configs.Month) int { return int(m - h.Months[0]) }
	nat := h.ScopeIndex("national")
	require.GreaterOrEqual(t, nat, 0)
	for _, c := range []struct {
		key   string
		level float64
	}{{"network.transit_cost", 0}, {"demand.rtt_bound_change", 1}, {"demand.extra_growth", 0.3}, {"planner.enforcement", 1}} {
		s := whatIfAt(t, autoSetup(1), at, c.key, c.level, until)
		g := s.History()
		assert.Equal(t, h.Scope[:k(at)+1], g.Scope[:k(at)+1], "%s: the months up to the what-if are the same", c.key)
		assert.NotEqual(t, h.Province[k(at)+1:], g.Province[k(at)+1:], "%s: the months after differ", c.key)
	}
	// Extra growth continues demand from its level: the first month after grows by about the extra
	// monthly step, no jump.
	s := whatIfAt(t, autoSetup(1), at, "demand.extra_growth", 0.3, until)
	d := s.Model().W.DemandLift
	assert.InDelta(t, math.Pow(1.3, float64(until-at)/12), d, 1e-9, "the lift compounds monthly from the change")
	col := -1
	for i, cl := range h.Columns {
		if cl.Name == "demand_mw" {
			col = i
		}
	}
	require.GreaterOrEqual(t, col, 0)
	before, after := s.History().Scope[k(at)][nat][col], s.History().Scope[k(at)+1][nat][col]
	refStep := h.Scope[k(at)+1][nat][col] / h.Scope[k(at)][nat][col]
	assert.InDelta(t, refStep*math.Pow(1.3, 1.0/12), after/before, 0.05, "one month of extra growth, not a jump")
}

// A what-if at the level in force changes nothing (the neutral levels are exact).
func TestWhatIfAtSameLevelIsIdentity(t *testing.T) {
	at, until := month(2022, 3), month(2023, 6)
	ref := newGame(t, autoSetup(2))
	autoplayTo(t, ref, until)
	s := whatIfAt(t, autoSetup(2), at, "demand.rtt_bound_change", 0, until)
	assert.Equal(t, ref.History(), s.History())
}

func TestWhatIfRefusals(t *testing.T) {
	s := newGame(t, autoSetup(1))
	require.NoError(t, s.Step())
	now := s.Model().W.Now
	for _, c := range []struct {
		wi  WhatIf
		msg string
	}{
		{WhatIf{"network.transit_cost", -1}, "session: what-if: network.transit_cost = -1 is outside [0, 1e+08]"},
		{WhatIf{"demand.extra_growth", math.NaN()}, "session: what-if: demand.extra_growth = NaN is outside [-0.5, 1]"},
		{WhatIf{"demand.rtt_bound_change", -0.95}, "session: what-if: demand.rtt_bound_change = -0.95 is outside [-0.9, 4]"},
		{WhatIf{"network.route_factor", 1}, `session: what-if: unknown policy key "network.route_factor"`},
	} {
		err := s.Submit(Action{Month: now, WhatIf: &c.wi})
		require.Error(t, err, c.wi.Key)
		assert.Contains(t, err.Error(), c.msg)
	}
	assert.Empty(t, s.WhatIfs())
	assert.ErrorContains(t, s.Submit(Action{Month: now - 1, WhatIf: &WhatIf{"network.transit_cost", 0}}), "action for")
	pd := s.Model().PlannerPolicy()
	assert.ErrorContains(t, s.Submit(Action{Month: now, WhatIf: &WhatIf{"network.transit_cost", 0}, Planner: &pd}), "exactly one")

	// Students playing provinces cannot move the world; the facilitator mode needs an AI-only game.
	hs := newGame(t, Setup{Preset: "baseline", Seed: 1, Role: Role{Provinces: []int{guizhou}}})
	assert.ErrorContains(t, hs.Check(Action{Month: hs.Model().W.Now, WhatIf: &WhatIf{"network.transit_cost", 0}}), "planner or the facilitator")
	_, err := New(Setup{Preset: "baseline", Seed: 1, Facilitator: true, Role: Role{Planner: true}})
	assert.ErrorContains(t, err, "facilitator mode")
	fac := newGame(t, Setup{Preset: "baseline", Seed: 1, Facilitator: true})
	assert.NoError(t, fac.Check(Action{Month: fac.Model().W.Now, WhatIf: &WhatIf{"network.transit_cost", 0}}))
	pl := newGame(t, Setup{Preset: "baseline", Seed: 1, Role: Role{Planner: true}})
	assert.NoError(t, pl.Check(Action{Month: pl.Model().W.Now, WhatIf: &WhatIf{"network.transit_cost", 0}}), "a human planner, any month")
}

// A planner's decision carries every lever's level (agents.PlannerDecision embeds configs.Policy) but
// moves only the planner's: the world levers are a what-if's.
func TestPlannerDecisionLeavesWorldLevers(t *testing.T) {
	sc := script{planner: true}
	s := newGame(t, sc.setup(1))
	require.NoError(t, s.Step())
	pd := s.Model().PlannerPolicy()
	pd.TransitCost, pd.ExtraGrowth, pd.Enforcement = 0, 0.5, 0.9
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Planner: &pd}))
	require.NoError(t, s.Step())
	p := s.Model().W.Policy
	assert.Equal(t, 666000.0, p.TransitCost)
	assert.Equal(t, 0.0, p.ExtraGrowth)
	assert.Equal(t, 0.9, p.Enforcement, "the planner's own lever moves")
}

// A save with what-ifs replays to the same game, and saves again to the same bytes; the export logs them.
func TestWhatIfSaveReplayAndExport(t *testing.T) {
	st := autoSetup(4)
	st.Facilitator = true
	s := newGame(t, st)
	autoplayTo(t, s, month(2022, 8))
	now := s.Model().W.Now
	require.NoError(t, s.Submit(Action{Month: now, WhatIf: &WhatIf{"network.transit_cost", 0}}))
	require.NoError(t, s.Submit(Action{Month: now, WhatIf: &WhatIf{"planner.subsidy_m_yuan_per_mw", 2.5}}))
	assert.Equal(t, 0.0, s.Level(configs.LeverTransitCost), "pending what-ifs show as the level in force")
	autoplayTo(t, s, month(2023, 2))
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, WhatIf: &WhatIf{"demand.extra_growth", 0.2}}))
	autoplayTo(t, s, month(2024, 1))

	data, err := s.MarshalSave()
	require.NoError(t, err)
	assert.Contains(t, string(data), `"what_if": {`)
	assert.Contains(t, string(data), `"version": 2`)
	got, err := Decode("t.json", data)
	require.NoError(t, err)
	assertSameGame(t, s, got, "replayed")
	assert.Equal(t, s.WhatIfs(), got.WhatIfs())
	again, err := got.MarshalSave()
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again), "byte for byte")

	dir := t.TempDir()
	require.NoError(t, s.Export(dir))
	csv, err := os.ReadFile(filepath.Join(dir, "whatifs.csv"))
	require.NoError(t, err)
	assert.Equal(t, "month,applies_from,key,level,unit\n"+
		"2022-08,2022-09,network.transit_cost,0,yuan/(MW*month*1000km)\n"+
		"2022-08,2022-09,planner.subsidy_m_yuan_per_mw,2.5,M yuan/MW\n"+
		"2023-02,2023-03,demand.extra_growth,0.2,1/yr\n", string(csv))

	// A save without what-ifs stays version 1, as before.
	plain := newGame(t, autoSetup(4))
	autoplayTo(t, plain, month(2021, 3))
	p, err := plain.MarshalSave()
	require.NoError(t, err)
	assert.Contains(t, string(p), `"version": 1`)
}

// The compare view's run without the what-ifs equals a fresh game loaded from the same save with the
// what-ifs taken out (the load path's own replay), the human planner's decisions kept.
func TestBaselineEqualsFreshRunWithoutWhatIfs(t *testing.T) {
	sc := script{planner: true}
	s := newGame(t, sc.setup(5))
	sc.drive(t, s, month(2022, 6))
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, WhatIf: &WhatIf{"network.transit_cost", 0}}))
	sc.drive(t, s, month(2023, 9))
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, WhatIf: &WhatIf{"planner.enforcement", 1}}))
	sc.drive(t, s, month(2024, 9))

	data, err := s.MarshalSave()
	require.NoError(t, err)
	var f map[string]any
	require.NoError(t, json.Unmarshal(data, &f))
	var kept []any
	for _, a := range f["actions"].([]any) {
		if _, ok := a.(map[string]any)["what_if"]; !ok {
			kept = append(kept, a)
		}
	}
	require.Len(t, kept, len(s.Actions())-2)
	f["actions"] = kept
	stripped, err := json.Marshal(f)
	require.NoError(t, err)
	fresh, err := Decode("without.json", stripped)
	require.NoError(t, err)
	require.NotEqual(t, fresh.History(), s.History(), "the what-ifs changed the game")

	b, err := s.Baseline()
	require.NoError(t, err)
	assert.Equal(t, fresh.History(), b.History())
	assert.Equal(t, fresh.Model().W.Now, b.Model().W.Now)
	assert.Empty(t, b.WhatIfs())
}

// A what-if makes a news line when it is set, dated that month and naming its lever and level.
func TestWhatIfMakesNews(t *testing.T) {
	at := month(2023, 5)
	s := newGame(t, autoSetup(1))
	autoplayTo(t, s, at)
	before := len(s.News())
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, WhatIf: &WhatIf{Key: "network.transit_cost", Level: 0}}))
	news := s.News()
	require.Len(t, news, before+1)
	assert.Equal(t, News{Month: at, Key: "news.whatif", Lever: "network.transit_cost", Args: []float64{0}}, news[before])
	assert.Contains(t, NewsKeys(), "news.whatif")
}

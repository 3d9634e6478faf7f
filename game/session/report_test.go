package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/economy"
)

// playGuizhou plays Guizhou (and a planner who enforces every quota) until month until: nothing built
// before 2023, then at the 2023 round 650 MW asked and 275 MW started whatever the grant.
func playGuizhou(t *testing.T, until int) *Session {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{guizhou}, Planner: true}})
	for !s.Done() && s.Model().W.Now < month(2023, until) {
		w := s.Waiting()
		if w.Planner {
			pd := s.Model().PlannerPolicy()
			pd.Enforcement = 1
			require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Planner: &pd}))
		}
		for _, p := range w.Provinces {
			d := agents.Decision{Province: p}
			if s.Model().W.Now == month(2022, 12) {
				d.RequestMW, d.BuildMW = 650, 275
			}
			require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Province: &d}))
		}
		require.NoError(t, s.Step())
	}
	return s
}

// The round report's numbers are the model's: the grant is the province's quota, the fine and the MW
// halted the planner's detection (agents.Model.Penalties), the start what the decision started.
func TestRoundReportIsTheModels(t *testing.T) {
	s := playGuizhou(t, 1)
	m := s.Model()
	w := m.W
	pr := w.Provinces[guizhou]
	r := s.RoundReport(guizhou)
	require.True(t, r.Valid)
	assert.Equal(t, month(2023, 1), r.Month)
	assert.True(t, r.Round)
	assert.True(t, r.Decided)
	assert.True(t, r.Quotas, "national quotas in force since the 2022 plan")
	assert.Equal(t, 650.0, r.RequestMW)
	assert.Equal(t, pr.QuotaMW, r.GrantedMW)
	require.Less(t, r.GrantedMW, 275.0, "granted less than started")
	assert.InDelta(t, 275, r.StartedMW, 1e-9)
	assert.InDelta(t, 275-r.GrantedMW, r.BeyondMW, 1e-9)
	require.True(t, r.Caught, "enforcement 1 catches every excess")
	var pen agents.Penalty
	for _, p := range m.Penalties {
		if p.Province == guizhou && p.Month == r.Month {
			pen = p
		}
	}
	assert.Equal(t, pen.FineBn, r.FineBn)
	assert.Equal(t, pen.HaltedMW, r.HaltedMW)
	assert.InDelta(t, r.BeyondMW*w.Scn.Planner.PenaltyMYuanPerMW/1000, r.FineBn, 1e-9)
	assert.InDelta(t, r.BeyondMW*w.Scn.Planner.HaltShare, r.HaltedMW, 1e-9)
	assert.InDelta(t, r.StartedMW-r.HaltedMW, pr.StartedMW, 1e-9, "what stands after the halt")
	h := s.History()
	assert.Equal(t, h.Province[len(h.Months)-1][guizhou][w.Col(economy.ColDebt)], r.DebtBn)
	if r.Use < r.Target && pr.OnlineMW > 0 {
		assert.NotEqual(t, ReasonNone, r.Reason, "below target, a reason")
	}
	if r.Reason == ReasonRival {
		assert.GreaterOrEqual(t, r.Rival, 0)
		assert.NotEqual(t, guizhou, r.Rival)
	}
	assert.False(t, s.RoundReport(ningxia).Valid, "no report for an AI province")

	// The news: the player's own lines first, and the line of those caught names Guizhou first.
	var mine, caught []News
	for _, n := range s.News() {
		if n.Month != r.Month {
			continue
		}
		switch n.Key {
		case "news.you.round", "news.you.caught":
			mine = append(mine, n)
		case "news.penalised", "news.penalised.one", "news.penalised.many":
			caught = append(caught, n)
		}
	}
	require.Len(t, mine, 2)
	assert.Equal(t, News{Month: r.Month, Key: "news.you.round", Provinces: []string{"guizhou"},
		Args: []float64{650, r.GrantedMW, r.StartedMW, r.BeyondMW}}, mine[0])
	assert.Equal(t, News{Month: r.Month, Key: "news.you.caught", Provinces: []string{"guizhou"},
		Args: []float64{r.FineBn, r.HaltedMW}}, mine[1])
	require.Len(t, caught, 1)
	assert.Equal(t, "news.penalised.many", caught[0].Key, "many caught at enforcement 1")
	assert.Equal(t, "guizhou", caught[0].Provinces[0], "the player's province named first")
	last := -1
	for i, n := range s.News() {
		if n.Month == r.Month {
			last = i
		}
	}
	assert.Equal(t, "news.you.caught", s.News()[last].Key, "the player's lines close the month: the panel, newest first, shows them first")

	// A month that does not touch Guizhou keeps the round's report.
	require.NoError(t, s.Step())
	if s.RoundReport(guizhou).Month != r.Month {
		assert.NotEmpty(t, s.Model().W.Log, "only an event can have touched it")
	}
}

// Before the plan (no national quota) a round's report and news say so: nothing is beyond quota.
func TestRoundReportBeforeThePlan(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{guizhou}}})
	d := agents.Decision{Province: guizhou, RequestMW: 650, BuildMW: 275}
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Province: &d}))
	require.NoError(t, s.Step())
	r := s.RoundReport(guizhou)
	require.True(t, r.Valid && r.Round && r.Decided)
	assert.False(t, r.Quotas)
	assert.Equal(t, 275.0, r.StartedMW)
	assert.Zero(t, r.BeyondMW)
	assert.False(t, r.Caught)
	assert.Contains(t, s.News(), News{Month: r.Month, Key: "news.you.free", Provinces: []string{"guizhou"}, Args: []float64{275}})
}

func TestRoundReportBetweenRounds(t *testing.T) {
	s := playGuizhou(t, 5)
	now := s.Model().W.Now
	d := agents.Decision{Province: guizhou, BuildMW: 60}
	require.NoError(t, s.Submit(Action{Month: now, Province: &d}))
	require.NoError(t, s.Step())
	r := s.RoundReport(guizhou)
	assert.Equal(t, now+1, r.Month)
	assert.False(t, r.Round)
	assert.True(t, r.Decided)
	assert.InDelta(t, 60, r.StartedMW, 1e-9)
	assert.InDelta(t, 60, r.BeyondMW, 1e-9, "the year's quota was used at the round")
	assert.True(t, r.Caught)
	assert.InDelta(t, 60*s.Model().W.Scn.Planner.HaltShare, r.HaltedMW, 1e-9)
}

func TestHumansFirst(t *testing.T) {
	assert.Equal(t, []int{9, 4, 1, 3, 7}, humansFirst([]int{1, 3, 4, 7, 9}, []int{9, 2, 4}))
	assert.Equal(t, []int{1, 3}, humansFirst([]int{1, 3}, nil))
	assert.Empty(t, humansFirst(nil, []int{1}))
}

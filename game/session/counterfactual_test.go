package session

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/economy"
)

// playedGame is a full hot-seat game (Ningxia, Guangdong and the planner human).
func playedGame(t testing.TB) *Session {
	s := newGame(t, players.setup(5))
	players.drive(t, s, month(2035, 12))
	require.True(t, s.Done())
	return s
}

func TestCounterfactualAIInYourSeatIsAFreshGameWithoutYou(t *testing.T) {
	s := playedGame(t)
	for _, p := range []int{ningxia, -1} {
		cf, err := s.Counterfactual(p, CfAI).Run()
		require.NoError(t, err)
		st := s.Setup()
		var kept []Action
		for _, a := range s.Actions() {
			if p < 0 && a.Planner == nil || p >= 0 && (a.Province == nil || a.Province.Province != p) {
				kept = append(kept, a)
			}
		}
		if p < 0 {
			st.Role.Planner = false
		} else {
			st.Role.Provinces = slices.DeleteFunc(st.Role.Provinces, func(q int) bool { return q == p })
		}
		fresh := replayBySteps(t, st, kept, s.Model().W.Now)
		assertSameGame(t, fresh, cf, "the AI in the seat")
		assert.NotEqual(t, s.History().Province, cf.History().Province)
	}
}

func TestCounterfactualPlanWithoutYouIsAFreshGameBuiltTheSameWay(t *testing.T) {
	s := playedGame(t)
	for _, p := range []int{ningxia, -1} {
		cf, err := s.Counterfactual(p, CfPlan).Run()
		require.NoError(t, err)
		assert.Equal(t, s.Setup(), cf.Setup(), "the seat stays human")

		// The same game built by hand: the others' actions from the log, the seat's plan at each round.
		g := newGame(t, s.Setup())
		var kept []Action
		for _, a := range s.Actions() {
			if p < 0 && a.Planner == nil || p >= 0 && (a.Province == nil || a.Province.Province != p) {
				kept = append(kept, a)
			}
		}
		start := g.Model().W.Scn.Policy()
		for !g.Done() {
			now := g.Model().W.Now
			for len(kept) > 0 && kept[0].Month == now {
				require.NoError(t, g.Submit(kept[0]))
				kept = kept[1:]
			}
			w := g.Waiting()
			if p < 0 && w.Planner {
				d := g.Model().PlannerPolicy()
				d.WestShare, d.Enforcement = start.WestShare, start.Enforcement
				d.SubsidyMYuanPerMW, d.WestSteering = start.SubsidyMYuanPerMW, start.WestSteering
				require.NoError(t, g.Submit(Action{Month: now, Planner: &d}))
			}
			if p >= 0 && slices.Contains(w.Provinces, p) {
				req := g.Advice(p).Decision.RequestMW
				require.NoError(t, g.Submit(Action{Month: now, Province: &agents.Decision{Province: p, RequestMW: req, BuildMW: req, CapAtQuota: true}}))
			}
			require.NoError(t, g.Step())
		}
		assertSameGame(t, g, cf, "the plan without the seat")
		if p >= 0 {
			for _, a := range cf.Actions() {
				if d := a.Province; d != nil && d.Province == p {
					assert.True(t, d.CapAtQuota, "never beyond quota")
					assert.Zero(t, d.Subsidy, "no subsidy race")
				}
			}
			// Ningxia built beyond quota in the game; in the plan it never does.
			col := s.Model().W.Col
			for k := range cf.History().Months {
				assert.Zero(t, cf.History().Province[k][p][col(economy.ColOverQuota)], "month %d", k)
			}
		}
		assert.NotEqual(t, s.History().Province, cf.History().Province)
		if p < 0 {
			// The plan's rules follow the scenario: quotas come into force and stay (a round has quotas).
			col := s.Model().W.Col
			last := cf.History().Scope[len(cf.History().Months)-1][economy.ScopeNational]
			assert.Positive(t, last[col(economy.ColQuota)], "quotas in force at the end of the plan")
		}
	}
}

// BenchmarkCounterfactual times one full counterfactual run (a 2020-2035 hot-seat game replayed with
// the AI in Ningxia's seat): the debrief computes two of them.
func BenchmarkCounterfactual(b *testing.B) {
	s := playedGame(b)
	for b.Loop() {
		if _, err := s.Counterfactual(ningxia, CfAI).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

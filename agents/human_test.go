package agents

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// runRows runs a model to the end, calling before(m) ahead of every step, and returns the national rows.
func runRows(t *testing.T, m *Model, before func(m *Model)) [][]float64 {
	t.Helper()
	var out [][]float64
	for !m.Done() {
		if before != nil {
			before(m)
		}
		require.NoError(t, m.Step())
		out = append(out, append([]float64(nil), m.Rows()[0]...))
	}
	return out
}

// Asking for advice reads the state only: a run where every province asks every month is identical.
func TestAdviceChangesNothing(t *testing.T) {
	plain, err := New(baseline(t, 3))
	require.NoError(t, err)
	advised, err := New(baseline(t, 3))
	require.NoError(t, err)
	want := runRows(t, plain, nil)
	got := runRows(t, advised, func(m *Model) {
		if m.W.Now.MonthOfYear() == 12 {
			for i := range m.W.Provinces {
				a := m.Advise(i)
				require.GreaterOrEqual(t, a.QuotaMW, 0.0)
				require.False(t, isNaN(a.Outlook.Cost()))
			}
		}
	})
	assert.Equal(t, want, got)
}

func isNaN(v float64) bool { return v != v }

// A human province that takes its advice every round builds; one that builds nothing builds nothing, and
// one that caps at quota is never beyond quota.
func TestHumanProvinceDecisions(t *testing.T) {
	s := baseline(t, 5)
	quotaMonth := s.Planner.QuotaMonth
	ningxia := -1
	m, err := New(s)
	require.NoError(t, err)
	for i, p := range m.W.Provinces {
		if p.Cfg.ID == "ningxia" {
			ningxia = i
		}
	}
	require.GreaterOrEqual(t, ningxia, 0)

	// Nothing: the province's capacity only falls (retirements) after its starting pipeline.
	idle, err := New(baseline(t, 5))
	require.NoError(t, err)
	runRows(t, idle, func(m *Model) {
		if (m.W.Now + 1).MonthOfYear() == quotaMonth {
			m.Pending[ningxia] = Decision{}
		}
	})
	assert.Zero(t, idleStarted(idle, ningxia), "a human who builds nothing starts nothing")

	// Within quota, with a large build asked for: never beyond quota.
	capped, err := New(baseline(t, 5))
	require.NoError(t, err)
	beyond := 0.0
	runRows(t, capped, func(m *Model) {
		if (m.W.Now + 1).MonthOfYear() == quotaMonth {
			m.Pending[ningxia] = Decision{RequestMW: 2000, BuildMW: 5000, CapAtQuota: true}
		}
		beyond += m.W.Provinces[ningxia].BeyondQuotaMW
	})
	assert.Zero(t, beyond)
	assert.Positive(t, idleStarted(capped, ningxia), "a capped request still builds its quota")

	// Beyond quota on purpose, with certain enforcement: penalised.
	s2 := baseline(t, 5)
	s2.Planner.Enforcement = 1
	bold, err := New(s2)
	require.NoError(t, err)
	penalised := false
	runRows(t, bold, func(m *Model) {
		// From the first round with quotas (before it, nothing is beyond quota).
		if (m.W.Now+1).MonthOfYear() == quotaMonth && m.W.Policy.Quotas > 0 {
			m.Pending[ningxia] = Decision{RequestMW: 0, BuildMW: 500}
		}
		penalised = penalised || m.W.Provinces[ningxia].Penalised
	})
	assert.True(t, penalised)
}

// idleStarted is the MW the province started in data centres since the run began.
func idleStarted(m *Model, p int) float64 {
	mw := 0.0
	for _, d := range m.W.DCs[m.W.SeededDCs:] {
		if d.Province == p {
			mw += d.MW
		}
	}
	return mw
}

// A decision between rounds applies at the start of the next month and is enforced at once.
func TestHumanBetweenRounds(t *testing.T) {
	s := baseline(t, 9)
	s.Planner.Enforcement = 1
	// Against the same month without the decision: the province may start other halls that month.
	started := func(decide bool) (float64, *Model) {
		m, err := New(s)
		require.NoError(t, err)
		require.NoError(t, m.StepUntil(configs.NewMonth(2024, 6)))
		if decide {
			m.Pending[4] = Decision{BuildMW: 300}
		}
		require.NoError(t, m.Step())
		assert.Empty(t, m.Pending)
		return idleStarted(m, 4), m
	}
	without, m0 := started(false)
	with, m := started(true)
	// The part beyond what is left of the province's quota is halted, halt_share of it.
	pr0 := m0.W.Provinces[4]
	beyond := 300 - max(0, pr0.QuotaMW-pr0.StartedMW)
	require.Positive(t, beyond, "the decision goes beyond quota")
	assert.InDelta(t, without+300-s.Planner.HaltShare*beyond, with, 1e-6,
		"the over-quota build was detected and a halt_share of it cancelled")
	assert.True(t, m.W.Provinces[4].Penalised)
}

// A human planner's policy applies at once; a quota override replaces the rule at the round.
func TestHumanPlanner(t *testing.T) {
	m, err := New(baseline(t, 2))
	require.NoError(t, err)
	require.NoError(t, m.StepUntil(configs.NewMonth(2022, 6))) // quotas are in force from 2022-02
	d := m.PlannerPolicy()
	d.Enforcement = 0.9
	d.SetQuota, d.QuotaMW = true, 1234
	later := -1
	for h := range m.W.Hubs {
		if m.W.Hubs[h].Designated > m.W.Now+1 {
			later = h
			break
		}
	}
	if later >= 0 {
		d.Designate = []int{later}
	}
	m.PendingPlanner = &d
	require.NoError(t, m.Step())
	assert.Equal(t, 0.9, m.W.Policy.Enforcement, "policy applies at once")
	assert.Equal(t, baseline(t, 2).Planner.Enforcement, m.W.Scn.Planner.Enforcement, "the scenario stays as loaded")
	assert.Nil(t, m.PendingPlanner)
	for m.W.Now.MonthOfYear() != m.W.Scn.Planner.QuotaMonth {
		require.NoError(t, m.Step())
	}
	assert.Equal(t, 1234.0, m.Planner.NationalQuotaMW, "the quota waits for the round")
	require.NoError(t, m.StepUntil(m.W.Now+13))
	assert.NotEqual(t, 1234.0, m.Planner.NationalQuotaMW, "the next round is the rule's again")
	if later >= 0 {
		assert.LessOrEqual(t, m.W.Hubs[later].Designated, m.W.Now)
	}
}

// Before the plan the advice is what the AI itself weighs in the free round: no quota, so no expected
// fine and no build held back for one (it used to price a quota the plan had not created yet, and advised
// building nothing while AI provinces built); after the plan the quota counts again.
func TestAdviceBeforeThePlan(t *testing.T) {
	m, err := New(baseline(t, 3))
	require.NoError(t, err)
	for m.W.Now < configs.NewMonth(2014, 12) {
		require.NoError(t, m.Step())
	}
	require.False(t, quotasInForce(m.W))
	built := 0.0
	for i := range m.W.Provinces {
		a := m.Advise(i)
		assert.Zero(t, a.QuotaMW, "no quota before the plan")
		assert.Zero(t, a.Outlook.ExpectedFineBn, "nothing beyond quota")
		assert.Equal(t, a.Decision.BuildMW, a.Decision.RequestMW)
		e := m.newEvaluator(i, math.Inf(1))
		assert.Equal(t, m.best(&e, m.options()).build, a.Decision.BuildMW, "the free round's best build")
		built += a.Decision.BuildMW
		// A build far beyond any quota is priced with no fine.
		o := m.Outlook(Decision{Province: i, BuildMW: 500}, 0)
		assert.Zero(t, o.ExpectedFineBn)
	}
	assert.Positive(t, built, "the advice builds somewhere, as the AI does")
	for m.W.Now < configs.NewMonth(2023, 12) {
		require.NoError(t, m.Step())
	}
	require.True(t, quotasInForce(m.W))
	fined := false
	for i := range m.W.Provinces {
		fined = fined || m.Outlook(Decision{Province: i, BuildMW: 2000}, 0).ExpectedFineBn > 0
	}
	assert.True(t, fined, "after the plan a build beyond quota carries an expected fine")
}

// Asking for the planner's advice reads the state only: a run where it is asked every month is identical,
// down to the generator's next draw; the advice's quota is the one the rule then sets at the round.
func TestPlannerAdviceChangesNothing(t *testing.T) {
	plain, err := New(baseline(t, 3))
	require.NoError(t, err)
	advised, err := New(baseline(t, 3))
	require.NoError(t, err)
	want := runRows(t, plain, nil)
	var asked, rounds int
	var advisedQuota float64
	got := runRows(t, advised, func(m *Model) {
		if m.W.Now.MonthOfYear() == m.W.Scn.Planner.QuotaMonth && quotasInForce(m.W) && asked > 0 {
			rounds++
			assert.InEpsilon(t, m.Planner.NationalQuotaMW+1, advisedQuota+1, 0.05, "the rule's quota at %s", m.W.Now)
		}
		a := m.AdvisePlanner()
		asked++
		advisedQuota = a.QuotaMW
		require.GreaterOrEqual(t, a.QuotaMW, 0.0)
		assert.Equal(t, m.W.Policy, a.Decision.Policy)
		assert.False(t, a.Decision.SetQuota)
	})
	assert.Equal(t, want, got)
	assert.Equal(t, plain.Planner, advised.Planner)
	assert.Equal(t, plain.Rng.Uint64(), advised.Rng.Uint64(), "no draw taken")
	assert.Greater(t, rounds, 5)
}

// A human planner's decision at a round before the plan is used up by that round: its moderation calls
// are made then, and its quota, having nothing to override, does not wait for the first round with quotas.
func TestPlannerDecisionAtFreeRound(t *testing.T) {
	m, err := New(baseline(t, 3))
	require.NoError(t, err)
	for m.W.Now < configs.NewMonth(2014, 1) || (m.W.Now+1).MonthOfYear() != m.W.Scn.Planner.QuotaMonth {
		require.NoError(t, m.Step())
	}
	require.False(t, quotasInForce(m.W))
	called := -1
	for i, p := range m.W.Provinces {
		if p.OnlineMW > 0 {
			called = i
			break
		}
	}
	require.GreaterOrEqual(t, called, 0)
	d := m.PlannerPolicy()
	d.SetQuota, d.QuotaMW, d.Moderate = true, 4321, []int{called}
	m.PendingPlanner = &d
	require.NoError(t, m.Step())
	require.False(t, quotasInForce(m.W), "the round was a free one")
	assert.True(t, m.W.Provinces[called].ModerationCalled, "the call is made at the free round")
	assert.Nil(t, m.plannerAtRound, "nothing waits for a later round")
	for !quotasInForce(m.W) || m.W.Now.MonthOfYear() != m.W.Scn.Planner.QuotaMonth {
		require.NoError(t, m.Step())
	}
	assert.NotEqual(t, 4321.0, m.Planner.NationalQuotaMW, "the first round with quotas is the rule's")
}

// provinceIndex is the index of the province with id, failing the test if there is none.
func provinceIndex(t *testing.T, m *Model, id string) int {
	t.Helper()
	for i, p := range m.W.Provinces {
		if p.Cfg.ID == id {
			return i
		}
	}
	require.Failf(t, "no province", "%s", id)
	return -1
}

// The baseline's quotas come into force in 2022-02, but quotas are granted at the yearly round: until the
// January 2023 round no province has one, so a human province's decision between the two is all within
// quota (it used to be counted all beyond a quota of 0, fined and halted); after that round the year's
// quota limits it again.
func TestHumanBetweenRoundsBeforeTheFirstQuotaRound(t *testing.T) {
	s := baseline(t, 9)
	s.Planner.Enforcement = 1 // whatever is beyond quota is caught
	m, err := New(s)
	require.NoError(t, err)
	ningxia := provinceIndex(t, m, "ningxia")
	p := m.W.Provinces[ningxia]
	require.NoError(t, m.StepUntil(configs.NewMonth(2022, 6)))
	require.True(t, quotasInForce(m.W), "the 2022-02 event set planner.quotas")
	require.False(t, m.Planner.QuotasGranted, "no round held with quotas in force yet")
	require.Zero(t, p.QuotaMW, "the January 2022 round was a free one")
	require.Greater(t, p.LandLeftHa/s.DataCentres.LandHaPerMW, 2000.0, "land for the builds below")

	// June 2022: 300 MW asked, 300 MW started, none of it beyond quota, nothing fined.
	started, penalties := p.StartedMW, len(m.Penalties)
	m.Pending[ningxia] = Decision{BuildMW: 300}
	require.NoError(t, m.Step())
	assert.InDelta(t, 300, p.StartedMW-started, 1e-9)
	assert.Zero(t, p.BeyondQuotaMW)
	assert.False(t, p.Penalised)
	assert.Len(t, m.Penalties, penalties, "nothing to detect")
	// Staying within the quota granted holds nothing back: none has been granted.
	started = p.StartedMW
	m.Pending[ningxia] = Decision{BuildMW: 100, CapAtQuota: true}
	require.NoError(t, m.Step())
	assert.InDelta(t, 100, p.StartedMW-started, 1e-9)
	assert.Zero(t, p.BeyondQuotaMW)

	// Through the January 2023 round, the first with quotas in force: the quota limits again.
	require.NoError(t, m.StepUntil(configs.NewMonth(2023, 3)))
	require.True(t, m.Planner.QuotasGranted)
	left := max(0, p.QuotaMW-(p.StartedMW-p.BeyondQuotaMW))
	penalties = len(m.Penalties)
	m.Pending[ningxia] = Decision{BuildMW: left + 300}
	require.NoError(t, m.Step())
	require.Len(t, m.Penalties, penalties+1, "the part beyond quota is detected")
	pen := m.Penalties[penalties]
	assert.Equal(t, ningxia, pen.Province)
	assert.Equal(t, m.W.Now, pen.Month)
	assert.InDelta(t, 300, pen.BeyondMW, 1e-9, "what goes beyond the quota left is beyond quota")
	assert.True(t, p.Penalised)
}

// The advice says the same: between the quotas' coming into force and the first round held with them,
// a decision made now (applied between rounds) has no quota to exceed; one made for that round has.
func TestAdviceBeforeTheFirstQuotaRound(t *testing.T) {
	m, err := New(baseline(t, 3))
	require.NoError(t, err)
	require.NoError(t, m.StepUntil(configs.NewMonth(2022, 6)))
	require.True(t, quotasInForce(m.W))
	opts := m.options()
	for i := range m.W.Provinces {
		a := m.Advise(i)
		assert.False(t, a.Quotas, "no quota limits a decision made now")
		assert.Zero(t, a.QuotaMW)
		assert.Zero(t, a.Outlook.ExpectedFineBn, "nothing beyond quota")
		e := m.newEvaluator(i, math.Inf(1))
		assert.Equal(t, m.best(&e, opts).build, a.Decision.BuildMW, "the build that no quota bounds")
		assert.Zero(t, m.Outlook(Decision{Province: i, BuildMW: 2000}, 0).ExpectedFineBn)
	}
	assert.True(t, m.AdvisePlanner().Quotas, "the next round grants quotas")

	// December 2022: a decision made now is the January 2023 round's, the first with quotas in force.
	require.NoError(t, m.StepUntil(configs.NewMonth(2023, 1)))
	require.False(t, m.Planner.QuotasGranted)
	fined := false
	for i := range m.W.Provinces {
		a := m.Advise(i)
		assert.True(t, a.Quotas, "the round's decision is limited by its grant")
		fined = fined || m.Outlook(Decision{Province: i, BuildMW: 2000}, 0).ExpectedFineBn > 0
	}
	assert.True(t, fined, "a build beyond quota at that round carries an expected fine")

	// Between rounds after it: limited.
	require.NoError(t, m.StepUntil(configs.NewMonth(2023, 6)))
	require.True(t, m.Planner.QuotasGranted)
	fined = false
	for i := range m.W.Provinces {
		assert.True(t, m.Advise(i).Quotas)
		fined = fined || m.Outlook(Decision{Province: i, BuildMW: 2000}, 0).ExpectedFineBn > 0
	}
	assert.True(t, fined)
}

// Quotas switched off, a free round held, then switched on mid-year: the same gap until the next round.
// Switched off and on again between two rounds, the year's quotas limit again at once.
func TestQuotasSwitchedOnMidYearAgain(t *testing.T) {
	s := baseline(t, 4)
	s.Planner.Enforcement = 1
	m, err := New(s)
	require.NoError(t, err)
	gansu := provinceIndex(t, m, "gansu")
	p := m.W.Provinces[gansu]
	quotas := func(level float64) {
		m.PendingChanges = append(m.PendingChanges, PolicyChange{Lever: configs.LeverQuotas, Level: level})
	}
	// beyond starts mw between rounds and returns what of it was beyond quota (before any halt).
	beyond := func(mw float64) float64 {
		n := len(m.Penalties)
		b := p.BeyondQuotaMW
		m.Pending[gansu] = Decision{BuildMW: mw}
		require.NoError(t, m.Step())
		if len(m.Penalties) > n {
			return m.Penalties[n].BeyondMW
		}
		return p.BeyondQuotaMW - b
	}
	require.NoError(t, m.StepUntil(configs.NewMonth(2024, 3)))
	require.True(t, m.Planner.QuotasGranted)
	quotas(0)
	require.NoError(t, m.Step())
	assert.Zero(t, beyond(p.QuotaMW+200), "quotas off: free")
	quotas(1)
	require.NoError(t, m.Step())
	assert.True(t, m.Planner.QuotasGranted, "this year's quotas still stand")
	assert.InDelta(t, 200, beyond(max(0, p.QuotaMW-(p.StartedMW-p.BeyondQuotaMW))+200), 1e-9, "on again: limited at once")

	quotas(0)
	require.NoError(t, m.StepUntil(configs.NewMonth(2025, 3))) // the January 2025 round is a free one
	require.False(t, m.Planner.QuotasGranted)
	require.Zero(t, p.QuotaMW)
	quotas(1)
	require.NoError(t, m.Step())
	require.True(t, quotasInForce(m.W))
	assert.Zero(t, beyond(300), "on again after a free round: nothing is granted until the next round")
	assert.False(t, m.Advise(gansu).Quotas)
	require.NoError(t, m.StepUntil(configs.NewMonth(2026, 3)))
	require.True(t, m.Planner.QuotasGranted)
	assert.InDelta(t, 300, beyond(max(0, p.QuotaMW-(p.StartedMW-p.BeyondQuotaMW))+300), 1e-9, "after that round: limited")
}

// Between rounds the advice prices what is left of this year's quota, the quota the decision is checked
// against (buildOf), not the next round's grant: a build of the quota left plus 200 MW carries the fine on
// 200 MW in the outlook, and 200 MW of it are beyond quota when it starts.
func TestAdviceBetweenRoundsPricesTheQuotaLeft(t *testing.T) {
	s := baseline(t, 5)
	s.Planner.Enforcement = 1
	m, err := New(s)
	require.NoError(t, err)
	require.NoError(t, m.StepUntil(configs.NewMonth(2024, 5)))
	require.True(t, m.Planner.QuotasGranted)
	differs := false
	for i, p := range m.W.Provinces {
		a := m.Advise(i)
		require.True(t, a.Quotas)
		assert.True(t, a.BetweenRounds, "June is not a round month")
		assert.Equal(t, quotaLeft(p), a.QuotaMW, "%s: the quota left this year", p.ID)
		assert.Zero(t, a.Decision.RequestMW, "no quota is requested between rounds")
		pl := m.plannerNow()
		_, granted := m.requests(&pl, m.options())
		differs = differs || granted[i] != quotaLeft(p)
	}
	require.True(t, differs, "the next round's grants differ from the quotas left: the test tells them apart")

	gansu := provinceIndex(t, m, "gansu")
	p := m.W.Provinces[gansu]
	require.Greater(t, p.LandLeftHa/s.DataCentres.LandHaPerMW, quotaLeft(p)+200, "land for the build")
	a := m.Advise(gansu)
	d := Decision{Province: gansu, BuildMW: a.QuotaMW + 200}
	fine := m.Outlook(d, a.QuotaMW).ExpectedFineBn
	assert.InDelta(t, 200*s.Planner.PenaltyMYuanPerMW/1000, fine, 1e-9, "the fine on 200 MW, enforcement 1")
	n := len(m.Penalties)
	m.Pending[gansu] = d
	require.NoError(t, m.Step())
	require.Len(t, m.Penalties, n+1)
	assert.InDelta(t, 200, m.Penalties[n].BeyondMW, 1e-9, "200 MW beyond quota, as the advice said")
}

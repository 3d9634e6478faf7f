package agents

import (
	"math"

	"dongshu/configs"
)

// PlannerDecision is what a human central planner does. It enters the model like a province's Decision:
// queued in Model.PendingPlanner and applied at the start of the next step, before that month's quota
// round if there is one.
type PlannerDecision struct {
	// SetQuota replaces the planner rule's national quota by QuotaMW at the next round.
	SetQuota bool
	QuotaMW  float64
	// Policy holds the levels of every policy lever (configs.Levers), applied at once. Embedded, so that
	// its fields are the decision's own in a saved game.
	configs.Policy
	// Designate lists hubs (indices into World.Hubs) designated now, ahead of their scheduled date.
	Designate []int
	// Moderate lists provinces called to moderate at the next round, on top of the rule's calls.
	Moderate []int
}

// PolicyChange is a what-if: one lever set to a level from the next month on (Model.PendingChanges), by a
// facilitator or a human planner while the game runs. It moves any lever, world levers included.
type PolicyChange struct {
	Lever configs.Lever
	Level float64
}

// applyChanges applies the pending what-ifs, in the order they came, before the month begins (so that the
// month's drifts, demand and routes see them); a level outside the lever's range is clamped (the session
// refuses one before it gets here).
func (m *Model) applyChanges() {
	for _, c := range m.PendingChanges {
		if c.Lever < 0 || int(c.Lever) >= configs.NumLevers {
			continue
		}
		m.W.SetLever(c.Lever, c.Lever.Clamp(c.Level))
	}
	m.PendingChanges = m.PendingChanges[:0]
}

// PlannerPolicy returns the planner's current policy levels as a decision that changes nothing else,
// the starting point for a human planner's choices.
func (m *Model) PlannerPolicy() PlannerDecision {
	return PlannerDecision{Policy: m.W.Policy}
}

// applyPlanner applies the policy part of a human planner's decision; the quota and moderation parts wait
// for the round (quotaRound reads m.plannerAtRound).
func (m *Model) applyPlanner(d *PlannerDecision) {
	w := m.W
	for _, l := range configs.Levers() {
		if l.Spec().World {
			continue // not the planner's: a what-if's (PolicyChange)
		}
		w.SetLever(l, l.Clamp(*l.Spec().Level(&d.Policy)))
	}
	for _, h := range d.Designate {
		if h >= 0 && h < len(w.Hubs) && w.Hubs[h].Designated > w.Now {
			w.Hubs[h].Designated = w.Now
		}
	}
	w.UpdateHubs()
}

// applyHumans runs the human part of phase 2 of a month: the planner's policy, then — between rounds —
// provinces' decisions, each checked by the planner at once (a round checks all of them together).
func (m *Model) applyHumans(round bool) {
	if d := m.PendingPlanner; d != nil {
		m.applyPlanner(d)
		m.PendingPlanner = nil
		if d.SetQuota || len(d.Moderate) > 0 {
			m.plannerAtRound = d // the quota and calls wait for the round
		}
	}
	if round || len(m.Pending) == 0 {
		return
	}
	// Province order, not map order, decides the order of enforcement draws.
	for i := range m.W.Provinces {
		d, ok := m.Pending[i]
		if !ok {
			continue
		}
		delete(m.Pending, i)
		d.Province = i
		before := m.W.Provinces[i].BeyondQuotaMW
		m.apply(&d)
		m.enforceProvince(i, m.W.Provinces[i].BeyondQuotaMW-before)
	}
}

// Advice is what the AI would do in a province's place at the next quota round, and what it expects.
type Advice struct {
	// Decision is the AI's best option now (no logit noise: advice is not a lottery).
	Decision Decision
	// QuotaMW is the quota the province can expect at the next round if every province requested what the
	// AI would; for a decision between rounds (BetweenRounds), what is left of this year's quota.
	QuotaMW float64
	// BetweenRounds reports that a decision made now applies between rounds with quotas limiting it (so
	// Quotas is true), against what is left of the quota granted at the last round (buildOf), not at a
	// round: QuotaMW is that, and Decision.RequestMW is 0.
	BetweenRounds bool
	// Outlook is the expected money of the advised decision.
	Outlook Outlook
	// Quotas reports whether quotas limit a decision made now (quotasLimitNext): false before the plan
	// and, between rounds, until the first round held with quotas in force. QuotaMW is then 0 and
	// nothing is beyond quota.
	Quotas bool
}

// Outlook is a decision's money as the province sees it when deciding (bn yuan).
type Outlook struct {
	LocalCapexBn   float64 // the province's share of construction cost
	InvestBn       float64 // fibre line and dedicated generation
	LandSalesBn    float64 // land sold for the halls
	CentralBn      float64 // central subsidy flowing in
	ExpectedFineBn float64 // enforcement probability x fine on the part beyond QuotaMW
}

// Cost is the province's outlay net of land sales and the central subsidy, including the expected fine.
func (o Outlook) Cost() float64 {
	return o.LocalCapexBn + o.InvestBn + o.ExpectedFineBn - o.LandSalesBn - o.CentralBn
}

// Advise returns the AI's advice for province i before the next round, reading the current state only:
// it draws nothing from the run's generator and changes nothing, so asking for advice never changes a run.
func (m *Model) Advise(i int) Advice {
	opts := m.options()
	if !m.quotasLimitNext() {
		// With no quota to limit the decision the AI decides with no quota in mind (freeRound): so does
		// its advice, and the province can expect no quota (QuotaMW 0, nothing is beyond it).
		e := m.newEvaluator(i, math.Inf(1))
		best := m.best(&e, opts)
		return m.advice(&e, best, best.build, 0, false)
	}
	if !roundAt(m.W, m.W.Now+1) {
		// Between rounds the decision is checked against what is left of this year's quota, not against
		// a round's grant: the advice prices that (it used to price the next round's grant).
		left := quotaLeft(m.W.Provinces[i])
		e := m.newEvaluator(i, left)
		a := m.advice(&e, m.best(&e, opts), 0, left, true)
		a.BetweenRounds = true
		return a
	}
	pl := m.plannerNow()
	request, granted := m.requests(&pl, opts)
	e := m.newEvaluator(i, granted[i])
	return m.advice(&e, m.best(&e, opts), request[i], granted[i], true)
}

// advice is option o of e's province, asking request MW at a quota, as advice.
func (m *Model) advice(e *evaluator, o option, request, quota float64, quotas bool) Advice {
	d := Decision{Province: e.p.Index, RequestMW: request, BuildMW: o.build, Subsidy: o.subsidy, Fibre: o.fibre,
		Power: o.power, Score: e.score(o)}
	return Advice{Decision: d, QuotaMW: quota, Outlook: m.Outlook(d, quota), Quotas: quotas}
}

// quotasLimitNext reports whether quotas limit a decision made now: it applies at the next step, at that
// month's round if it holds one, else between rounds (quotasLimit).
func (m *Model) quotasLimitNext() bool { return m.quotasLimit(roundAt(m.W, m.W.Now+1)) }

// plannerNow is the planner as its rule would set the quota if the round were now: a copy, since setQuota
// updates the planner's memory, forgetting this year's detections as a round does.
func (m *Model) plannerNow() Planner {
	pl := m.Planner
	pl.Detected = nil
	pl.setQuota(m.W)
	return pl
}

// Outlook prices decision d, made now, for its province given quota (MW) at today's costs and policy; when
// no quota limits it (before the plan, or between rounds until the first round held with quotas in force:
// quotasLimitNext) there is no quota to exceed, whatever quota says.
func (m *Model) Outlook(d Decision, quota float64) Outlook {
	w := m.W
	if !m.quotasLimitNext() {
		quota = math.Inf(1)
	}
	s := w.Scn
	p := w.Provinces[d.Province]
	build := min(max(d.BuildMW, 0), p.LandLeftHa/max(s.DataCentres.LandHaPerMW, 1e-12))
	if d.CapAtQuota {
		build = min(build, quota)
	}
	// The money terms of a build are the score's own (evaluator.buildTerms).
	e := m.newEvaluator(d.Province, quota)
	t := e.buildTerms(build)
	o := Outlook{LocalCapexBn: t.local, LandSalesBn: t.land, CentralBn: t.central, ExpectedFineBn: t.fine}
	if d.Fibre && w.Net.NearestHistoric(d.Province) != d.Province {
		o.InvestBn += s.Behaviour.FibreCostBnYuan
	}
	if d.Power {
		o.InvestBn += s.Behaviour.PowerCostBnYuan
	}
	return o
}

// moderationCalls adds a human planner's calls to the rule's.
func (m *Model) moderationCalls(called []int) {
	for _, i := range called {
		if i >= 0 && i < len(m.W.Provinces) {
			m.W.Provinces[i].ModerationCalled = true
		}
	}
}

// PlannerAdvice is what the AI planner would do at the next quota round: its rule's national quota and
// the policy as it stands (the AI planner does not move levers; a scenario's events do).
type PlannerAdvice struct {
	// Decision is the AI's choice as a human planner's decision: the current policy and the rule's
	// quota (SetQuota false: the rule decides at the round, from the state then).
	Decision PlannerDecision
	// QuotaMW is the national quota the rule would set if the round were now (0 while quotas are not
	// in force).
	QuotaMW float64
	// Quotas reports whether the next round grants quotas: whether national quotas are in force now
	// (planner.quotas; an event may change it). Between their coming into force and that round nothing
	// limits the provinces (quotasLimit).
	Quotas bool
}

// AdvisePlanner returns the AI planner's advice, reading the current state only: like Advise it draws
// nothing from the run's generator and changes nothing (the rule runs on a copy of the planner's memory).
func (m *Model) AdvisePlanner() PlannerAdvice {
	d := m.PlannerPolicy()
	if !m.quotasLimit(true) { // the planner's quota is for the next round
		return PlannerAdvice{Decision: d}
	}
	pl := m.plannerNow()
	d.QuotaMW = pl.NationalQuotaMW
	return PlannerAdvice{Decision: d, QuotaMW: pl.NationalQuotaMW, Quotas: true}
}

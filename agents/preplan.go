package agents

import (
	"math"

	"dongshu/economy"
)

// The pre-plan era (before planner.quotas is set to 1, in the baseline by the Feb 2022 launch): provinces
// compete for data centres with land, tax and power incentives, with no national quota to exceed and no
// enforcement. The yearly round is then freeRound; the rules that change with the plan (quotas,
// moderation calls, incentives outside hubs, cities' restrictions) are policy levers and dated events,
// so one run goes from the free era into the plan.

// quotasInForce reports whether national quotas are in force now (planner.quotas): a round held now is
// a quota round.
func quotasInForce(w *economy.World) bool { return w.Policy.Quotas > 0 }

// quotasLimit reports whether national quotas limit a province's decision applied now, at a round (round)
// or between rounds: quotas must be in force and, between rounds, a round must have been held with them
// in force (Planner.QuotasGranted). Quotas come into force at any month (the baseline's 2022-02 event)
// but are granted only at the yearly round: until the first round held with quotas in force no province
// has one, so building is free as before the plan (it used to count all of it as beyond a quota of 0).
// The one rule for what is beyond quota (buildOf) and for what the advice and outlook price.
func (m *Model) quotasLimit(round bool) bool {
	return quotasInForce(m.W) && (round || m.Planner.QuotasGranted)
}

// freeRound is the yearly round with no quotas: every province (or its human player) decides what to
// build, subsidise and invest in; nothing is beyond quota, so nothing is enforced.
func (m *Model) freeRound() {
	w := m.W
	m.Planner.NationalQuotaMW, m.Planner.QuotasGranted = 0, false
	// A human planner's decision for this round is used up here, as a quota round would: there is no quota
	// to override before the plan, so that part is dropped (not kept for the first round with quotas,
	// years later); moderation calls need no quota and are made now.
	if hp := m.plannerAtRound; hp != nil {
		m.moderationCalls(hp.Moderate)
		m.plannerAtRound = nil
	}
	opts := m.options()
	scores := make([]float64, len(opts))
	m.LastDecisions = m.LastDecisions[:0]
	for i := range w.Provinces {
		d, human := m.Pending[i]
		if human {
			delete(m.Pending, i)
			d.Province = i
			m.noteHuman(&d, math.Inf(1))
		} else {
			e := m.newEvaluator(i, math.Inf(1))
			o, sc := m.choose(&e, opts, scores, math.Inf(-1))
			m.noteDrivers(i, &e, o)
			d = Decision{RequestMW: o.build, BuildMW: o.build, Subsidy: o.subsidy, Fibre: o.fibre, Power: o.power, Score: sc}
		}
		d.Province = i
		m.apply(&d)
		m.LastDecisions = append(m.LastDecisions, d)
	}
}

// incentiveShare is the share of a local subsidy province p may offer: all of it inside an active hub,
// planner.non_hub_incentives of it outside.
func incentiveShare(w *economy.World, p *economy.Province) float64 {
	if p.HubActive {
		return 1
	}
	return w.Policy.NonHubIncentives
}

// poolMW is the national demand of the classes with no latency bound at the last draw (MW). It is summed
// once a draw (m.pool): every evaluator asks for it, and the sum was two thirds of newEvaluator.
func (m *Model) poolMW() float64 {
	if draw := m.W.DemandDraws; !m.pool.mwKept || m.pool.mwDraw != draw {
		m.pool.mw, m.pool.mwKept, m.pool.mwDraw = m.sumPoolMW(), true, draw
	}
	return m.pool.mw
}

// sumPoolMW is poolMW summed afresh.
func (m *Model) sumPoolMW() float64 {
	w := m.W
	pool := 0.0
	for c, cl := range w.Classes {
		if cl.RTTBoundMs > 0 {
			continue
		}
		for p := range w.DemandMW {
			pool += w.DemandMW[p][c]
		}
	}
	return pool
}

// energyCost is what running a MWh of IT work costs in a province by its energy alone: power price times
// PUE (of its data centres; the 2020 reference for a province with none).
func energyCost(w *economy.World, p *economy.Province) float64 {
	pue := p.PUE
	if pue <= 0 {
		pue = w.Scn.DataCentres.PUE2020
	}
	return p.PowerPrice * pue
}

// poolAdvantage is province p's believed advantage for the national latency-tolerant work: 1 - its energy
// cost over the demand-weighted national average (0 when it is not cheaper). The belief is the western
// provinces' pitch — cheap power, cool climate — and neglects twice: the rivals that count on the same
// pool, and the cost of carrying work there (transit and latency, which the allocator charges). Computed
// once a month for every province (m.pool).
func (m *Model) poolAdvantage(p *economy.Province) float64 {
	w := m.W
	if m.pool.month != w.Now || m.pool.adv == nil {
		m.pool.month = w.Now
		m.pool.adv = resizeFloats(m.pool.adv, len(w.Provinces))
		ref, wt := 0.0, 0.0
		for _, q := range w.Provinces {
			ref += float64(q.DemandShare * energyCost(w, q))
			wt += q.DemandShare
		}
		if wt > 0 && ref > 0 {
			for i, q := range w.Provinces {
				m.pool.adv[i] = max(0, 1-energyCost(w, q)/(ref/wt))
			}
		}
	}
	return m.pool.adv[p.Index]
}

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

// quotasInForce reports whether national quotas bind this round.
func quotasInForce(w *economy.World) bool { return w.Policy.Quotas > 0 }

// freeRound is the yearly round with no quotas: every province (or its human player) decides what to
// build, subsidise and invest in; nothing is beyond quota, so nothing is enforced.
func (m *Model) freeRound() {
	w := m.W
	m.Planner.NationalQuotaMW = 0
	m.plannerAtRound = nil // a human planner has no quota to set before the plan
	opts := m.options(nil)
	scores := make([]float64, len(opts))
	m.LastDecisions = m.LastDecisions[:0]
	for i := range w.Provinces {
		d, human := m.Pending[i]
		if human {
			delete(m.Pending, i)
		} else {
			e := m.newEvaluator(i, math.Inf(1))
			o, sc := m.choose(&e, opts, scores)
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

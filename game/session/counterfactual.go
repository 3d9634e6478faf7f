package session

import (
	"slices"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
)

// The debrief's counterfactuals: the same setup and seed replayed (a Fork) with the role's seat played
// otherwise, every other human's recorded actions kept (docs/game.md, Counterfactual).
//
//   - CfAI, "the AI in your seat": every recorded action except the role's; its seat is played by the AI
//     (a province by its logit choice, the planner by its rule and the scenario's policy schedule).
//   - CfPlan, "the plan without you": the seat stays human and plays the plan. A province, at every quota
//     round, requests what the AI advisor would request, builds exactly the quota granted and never
//     beyond (CapAtQuota), with no local subsidy, no fibre line or dedicated generation and no decision
//     between rounds. The planner re-affirms the scenario's starting levels of its instruments
//     (planLevers: west share, enforcement, central subsidy, west steering) at every round, with the
//     rule's national quota, no designation ahead of schedule and no extra moderation call; the plan's
//     rules (quotas, moderation, incentives outside hubs) follow the scenario's schedule, as they make
//     the plan (an instrument a scenario event moves holds until the next round).

// planLevers are the planner's instruments that "the plan without you" keeps at their starting levels.
var planLevers = []configs.Lever{configs.LeverWestShare, configs.LeverEnforcement, configs.LeverSubsidy, configs.LeverWestSteering}

// CfKind is a counterfactual's kind.
type CfKind int

const (
	CfAI CfKind = iota
	CfPlan
)

// Counterfactual prepares role p's counterfactual (p = -1: the planner) to the game's current month.
// Run it with Fork.Run, off the update loop if need be: the fork owns its data.
func (s *Session) Counterfactual(p int, kind CfKind) *Fork {
	role := s.Setup().Role
	mine := func(a Action) bool {
		if p < 0 {
			return a.Planner != nil
		}
		return a.Province != nil && a.Province.Province == p
	}
	spec := ForkSpec{Role: role, Keep: func(a Action) bool { return !mine(a) }}
	switch {
	case kind == CfAI && p < 0:
		spec.Role.Planner = false
	case kind == CfAI:
		spec.Role.Provinces = slices.DeleteFunc(spec.Role.Provinces, func(q int) bool { return q == p })
	case p < 0:
		start := s.m.W.Scn.Policy()
		spec.Play = func(g *Session, w Waiting) []Action {
			if !w.Planner {
				return nil
			}
			d := g.m.PlannerPolicy()
			for _, l := range planLevers {
				*l.Spec().Level(&d.Policy) = *l.Spec().Level(&start)
			}
			return []Action{{Month: g.m.W.Now, Planner: &d}}
		}
	default:
		spec.Play = func(g *Session, w Waiting) []Action {
			if !slices.Contains(w.Provinces, p) {
				return nil
			}
			req := g.Advice(p).Decision.RequestMW
			d := agents.Decision{Province: p, RequestMW: req, BuildMW: req, CapAtQuota: true}
			return []Action{{Month: g.m.W.Now, Province: &d}}
		}
	}
	return s.Fork(spec)
}

// Headline is the figures a counterfactual and the planner's preview compare, for role p (p = -1: the
// planner, whose own figures are zero).
type Headline struct {
	Province int
	// The province's use of its halls (used / capacity) over the last year played, its debt at the end
	// (bn yuan) and the data-centre capex started in it over the months counted (bn yuan).
	OwnUse, OwnDebtBn, OwnInvestBn float64
	// The country's use over the last year played, the north-west's and the east hubs' in 2022 (when
	// played), unserved work over the last year played (share of demand), the provinces' total debt at
	// the end (bn yuan), and the west region's share of the capex started over the months counted.
	NationalUse                       float64
	Has2022                           bool
	NorthwestUse2022, EastHubsUse2022 float64
	Unserved, DebtBn, WestShare       float64
	// DebtRiseBn is the provinces' total debt at the end less at the start of the months counted.
	DebtRiseBn float64
	// The role's two scores (Scores); a province's nation's board also on its own values (NationOwn).
	Career, Nation float64
	HasOwn         bool
	NationOwn      float64
}

// Headline computes role p's figures, counting investment from month index from of the history on.
func (s *Session) Headline(p int, from int) Headline {
	f := s.Facts()
	h := Headline{Province: p, NationalUse: 0, Has2022: f.Has2022, NorthwestUse2022: f.NorthwestUtil2022,
		EastHubsUse2022: f.EastHubsUtil2022, Unserved: f.UnservedEnd}
	n := len(s.hist.Months)
	if n == 0 {
		return h
	}
	c := s.m.W.Col
	nat := func(k int) []float64 { return s.hist.Scope[k][economy.ScopeNational] }
	u := s.sums(s.lastYear(), n, nat, c(economy.ColUsed), c(economy.ColCapacity))
	h.NationalUse = ratioOr0(u[0], u[1])
	h.DebtBn = nat(n - 1)[c(economy.ColDebt)]
	if from > 0 && from <= n {
		h.DebtRiseBn = h.DebtBn - nat(from - 1)[c(economy.ColDebt)]
	} else {
		h.DebtRiseBn = h.DebtBn - nat(0)[c(economy.ColDebt)]
	}
	west := s.hist.Scopes[economy.ScopeRegionWest].Members
	var all, w float64
	for k := max(from, 0); k < n; k++ {
		for i, v := range s.invest[k] {
			all += v
			if slices.Contains(west, i) {
				w += v
			}
			if i == p {
				h.OwnInvestBn += v
			}
		}
	}
	h.WestShare = ratioOr0(w, all)
	if p >= 0 && p < len(s.m.W.Provinces) {
		pf := s.ProvinceFacts(p)
		h.OwnUse, h.OwnDebtBn = pf.UtilEnd, pf.DebtEnd
	}
	sc := s.Scores(p)
	h.Career, h.Nation = sc.Career.Score, sc.Nation.Score
	h.HasOwn, h.NationOwn = sc.Nation.HasOwn, sc.Nation.OwnScore
	return h
}

package session

import (
	"dongshu/configs"
	"dongshu/economy"
)

// The round report: after each quota round, and each month that touched a human province (its decision
// between rounds applied, the planner caught it, an event hit it), what happened to that province, from
// the model's own state (docs/game.md, Round report).

// Reason says why a province's halls stand below the planner's target use, from the month's demand and
// the allocator's costs (Session.reason).
type Reason int

const (
	ReasonNone     Reason = iota // used at or above the target, or no halls online
	ReasonLatency                // most work that passes by cannot reach the halls within its latency bound
	ReasonTransit                // the halls' power is as cheap as a rival's, but shipping work there costs more
	ReasonRival                  // a rival province with room runs the work cheaper
	ReasonNoDemand               // no rival wins the work: there is not enough work for the country's halls
)

// Key is the reason's catalog key.
func (r Reason) Key() string {
	return [...]string{"score.reason.none", "score.reason.latency", "score.reason.transit", "score.reason.rival",
		"score.reason.no_demand"}[r]
}

// ReasonKeys lists every reason's catalog key.
func ReasonKeys() []string {
	var out []string
	for r := ReasonNone; r <= ReasonNoDemand; r++ {
		out = append(out, r.Key())
	}
	return out
}

// RoundReport is what the last month that touched a human province did to it.
type RoundReport struct {
	Province int
	Month    configs.Month // the month reported; 0 (Valid false) before any
	Valid    bool
	Round    bool // the month held the quota round
	Decided  bool // the province's own decision applied this month
	// Quotas: the last round was held with quotas in force (agents.Planner.QuotasGranted); a free round
	// (before the plan) grants none and nothing is beyond quota.
	Quotas bool
	// Quota asked (the decision's request; at a round only) and granted (the year's quota).
	RequestMW, GrantedMW float64
	// MW started this month, before halts, and the part of it beyond quota.
	StartedMW, BeyondMW float64
	Caught              bool    // the planner detected building beyond quota this month
	FineBn, HaltedMW    float64 // the fine (bn yuan) and the MW halted
	Use                 float64 // its halls' used / capacity this month
	Target              float64 // planner.target_utilisation
	Reason              Reason
	ReasonShare         float64 // the share of the country's work the reason holds back (of national demand)
	Rival               int     // ReasonRival: the rival that wins the most of it, else -1
	DebtBn, DebtYearBn  float64 // debt now and its change over the last 12 months (fewer early on)
}

// reportState is what the round reports need from before a month.
type reportState struct {
	started, beyond []float64 // by human seat
	pending         []bool
	logSeen         int
}

func (rs *reportState) before(s *Session) {
	ps := s.setup.Role.Provinces
	if len(rs.started) != len(ps) {
		rs.started = make([]float64, len(ps))
		rs.beyond = make([]float64, len(ps))
		rs.pending = make([]bool, len(ps))
	}
	w := s.m.W
	for k, p := range ps {
		pr := w.Provinces[p]
		rs.started[k], rs.beyond[k] = pr.StartedMW, pr.BeyondQuotaMW
		_, rs.pending[k] = s.m.Pending[p]
	}
	rs.logSeen = len(w.Log)
}

// after makes the reports of the month just simulated.
func (rs *reportState) after(s *Session) {
	ps := s.setup.Role.Provinces
	if len(s.reports) != len(ps) {
		s.reports = make([]RoundReport, len(ps))
		for k, p := range ps {
			s.reports[k] = RoundReport{Province: p, Rival: -1}
		}
	}
	m := s.m
	w := m.W
	round := w.Now.MonthOfYear() == w.Scn.Planner.QuotaMonth
	for k, p := range ps {
		pr := w.Provinces[p]
		r := RoundReport{Province: p, Month: w.Now, Valid: true, Round: round, Decided: rs.pending[k], Rival: -1,
			GrantedMW: pr.QuotaMW, Target: w.Scn.Planner.TargetUtilisation, Quotas: m.Planner.QuotasGranted}
		started, beyond := pr.StartedMW, pr.BeyondQuotaMW
		if !round { // the year's totals carry on between rounds: this month's part only
			started -= rs.started[k]
			beyond -= rs.beyond[k]
		}
		for i := len(m.Penalties) - 1; i >= 0 && m.Penalties[i].Month == w.Now; i-- {
			if pen := m.Penalties[i]; pen.Province == p {
				r.Caught = true
				r.FineBn += pen.FineBn
				r.HaltedMW += pen.HaltedMW
			}
		}
		r.StartedMW, r.BeyondMW = started+r.HaltedMW, beyond+r.HaltedMW
		if round && r.Decided && p < len(m.LastDecisions) {
			r.RequestMW = m.LastDecisions[p].RequestMW
		}
		hit := false
		for _, e := range w.Log[min(rs.logSeen, len(w.Log)):] {
			hit = hit || e.Target == pr.ID
		}
		if !round && !r.Decided && !r.Caught && !hit {
			continue // the month did not touch it: the last report stands
		}
		if pr.OnlineMW > 0 {
			r.Use = pr.UsedMW / pr.OnlineMW
		}
		r.Reason, r.ReasonShare, r.Rival = s.reason(p)
		h := &s.hist
		n := len(h.Months)
		c := w.Col(economy.ColDebt)
		r.DebtBn = h.Province[n-1][p][c]
		r.DebtYearBn = r.DebtBn - h.Province[max(0, n-13)][p][c] // a year ago, or the first month played
		s.reports[k] = r
	}
}

// RoundReport returns the latest report of human province p (Valid false: none yet, or p is not a
// human province).
func (s *Session) RoundReport(p int) RoundReport {
	for _, r := range s.reports {
		if r.Province == p {
			return r
		}
	}
	return RoundReport{Province: p, Rival: -1}
}

// reason says why province p's halls stand below the target this month: the month's demand of every
// origin and class is sorted by where it could go. Work beyond the class's latency bound from p cannot
// come (latency); work that can reach p but has a cheaper site with room elsewhere goes there, because
// transit (and the latency the customer pays to avoid) outweighs p's power price (transit) or because
// that site is cheaper outright (a rival). The largest of the three is the reason; the share is of the
// national demand.
func (s *Session) reason(p int) (Reason, float64, int) {
	w := s.m.W
	pr := w.Provinces[p]
	target := w.Scn.Planner.TargetUtilisation
	if pr.OnlineMW <= 0 || pr.UsedMW >= target*pr.OnlineMW {
		return ReasonNone, 0, -1
	}
	occ := w.Scn.DataCentres.MaxOccupancy
	np := len(w.Provinces)
	room := func(q int) bool {
		x := w.Provinces[q]
		return float64(x.OnlineMW*occ*x.Usable)-x.UsedMW > 1e-6
	}
	total, far, transit, rival := 0.0, 0.0, 0.0, 0.0
	byRival := make([]float64, np)
	for o := range np {
		for c := range w.Classes {
			d := w.DemandMW[o][c]
			if d <= 0 {
				continue
			}
			total += d
			if !w.Reachable(o, c, p) {
				far += d
				continue
			}
			here := w.PlacementCost(o, c, p) - w.SteeringCredit(o, c, p)
			best, bestCost := -1, here
			for q := range np {
				if q == p || !room(q) || !w.Reachable(o, c, q) {
					continue
				}
				if cost := w.PlacementCost(o, c, q) - w.SteeringCredit(o, c, q); cost < bestCost {
					best, bestCost = q, cost
				}
			}
			switch {
			case best < 0:
			case w.SiteCost(p) <= w.SiteCost(best):
				transit += d
			default:
				rival += d
				byRival[best] += d
			}
		}
	}
	if total <= 0 {
		return ReasonNoDemand, 0, -1
	}
	switch {
	case far >= transit && far >= rival && far > 0:
		return ReasonLatency, far / total, -1
	case transit >= rival && transit > 0:
		return ReasonTransit, transit / total, -1
	case rival > 0:
		top := 0
		for q := range byRival {
			if byRival[q] > byRival[top] {
				top = q
			}
		}
		return ReasonRival, rival / total, top
	}
	return ReasonNoDemand, 0, -1
}

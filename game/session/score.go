package session

import (
	"math"
	"slices"

	"dongshu/economy"
)

// The debrief scores each human role 0..100 from the History alone (docs/game.md, Score). Every part
// maps one measured value to 0..100 by a clamped linear (or, for promotion, logarithmic) rule; a role's
// score is the mean of its parts. Sums run over every month played ("the game"); "a year" is 12 months
// (fewer early on).
//
// A province:
//
//   - score.fiscal: rise of debt over yearly revenue (in years of revenue) from the first year played
//     to the last. Falling land sales raise every province's ratio, so the rise is scored against the
//     median rise of all provinces: 50 at the median, 100 fiscalSpread years better, 0 as much worse.
//   - score.utilisation: used / capacity of its data centres over the game; 100 at the scenario's
//     planner.target_utilisation or above, proportionally less below.
//   - score.co2: CO2 per MWh of its data centres' energy over the game (t/MWh); 100 at zero, 0 at
//     power.thermal_co2 (all-thermal power).
//   - score.jobs: its share of the country's data-centre jobs over the last year divided by its share of
//     GDP; 100 at jobsFull times a fair share or more.
//   - score.promotion: the investment attracted (capacity started x datacentres.capex_m_yuan_per_mw,
//     bn yuan), counted as the AI's growth credit counts it: ln(1 + I/S), S = behaviour.growth_scale x GDP;
//     100 at ln(1 + promotionFull).
//
// The planner (also scored in autoplay):
//
//   - score.national_utilisation: national used / capacity over the game, against
//     planner.target_utilisation as above.
//   - score.hub_gap: |east-hub utilisation - west-hub utilisation| over the game; 100 at 0, 0 at
//     hubGapWorst or more.
//   - score.unserved: unserved work / demand over the game; 100 at 0, 0 at unservedWorst or more.
//   - score.co2_national: national CO2 per MWh over the game, as score.co2.
const (
	fiscalSpread  = 2.0  // years of revenue
	jobsFull      = 3.0  // times a fair share
	promotionFull = 50.0 // investment of 50 x growth_scale x GDP (a quarter of GDP at the baseline's scale)
	hubGapWorst   = 0.5
	unservedWorst = 0.1
)

// Debrief scores each human role (or, in autoplay, the planner): the human provinces in hot-seat order,
// then the planner (Province -1) if a human plays it or nobody does.
func (s *Session) Debrief() []Debrief {
	var out []Debrief
	for _, p := range s.setup.Role.Provinces {
		out = append(out, s.provinceDebrief(p))
	}
	if s.setup.Role.Planner || s.setup.Role.Autoplay() {
		out = append(out, s.plannerDebrief())
	}
	return out
}

// sums adds columns cols of the rows picked by row over months from..to-1.
func (s *Session) sums(from, to int, row func(k int) []float64, cols ...int) []float64 {
	out := make([]float64, len(cols))
	for k := max(from, 0); k < to; k++ {
		r := row(k)
		for i, c := range cols {
			out[i] += r[c]
		}
	}
	return out
}

func (s *Session) provinceDebrief(p int) Debrief {
	w := s.m.W
	h := &s.hist
	c := w.Col
	n := len(h.Months)
	last := n - 12
	prow := func(k int) []float64 { return h.Province[k][p] }
	nat := func(k int) []float64 { return h.Scope[k][economy.ScopeNational] }
	cfg := w.Provinces[p].Cfg
	d := Debrief{Province: p}

	rise := s.debtRise(p)
	rises := make([]float64, len(w.Provinces))
	for q := range rises {
		rises[q] = s.debtRise(q)
	}
	slices.Sort(rises)
	median := 0.0
	if k := len(rises); k > 0 {
		median = (rises[(k-1)/2] + rises[k/2]) / 2
	}
	d.Parts = append(d.Parts, part("score.fiscal", UnitYears, rise, 0.5+(median-rise)/(2*fiscalSpread), n))

	u := s.sums(0, n, prow, c(economy.ColUsed), c(economy.ColCapacity))
	util := ratioOr0(u[0], u[1])
	d.Parts = append(d.Parts, part("score.utilisation", UnitPercent, util, ratioOr0(util, w.Scn.Planner.TargetUtilisation), n))

	e := s.sums(0, n, prow, c(economy.ColCO2), c(economy.ColEnergy))
	co2 := ratioOr0(e[0], e[1])
	d.Parts = append(d.Parts, part("score.co2", UnitTCO2MWh, co2, 1-ratioOr0(co2, w.Scn.Power.ThermalCO2), n))

	jobs := s.sums(last, n, prow, c(economy.ColJobs))[0]
	natJobs := s.sums(last, n, nat, c(economy.ColJobs))[0]
	fair := ratioOr0(ratioOr0(jobs, natJobs), s.gdpShare(p))
	d.Parts = append(d.Parts, part("score.jobs", UnitTimes, fair, fair/jobsFull, n))

	startedMW := 0.0
	for k := 1; k < n; k++ {
		now := h.Province[k][p][c(economy.ColCapacity)] + h.Province[k][p][c(economy.ColBuilding)]
		before := h.Province[k-1][p][c(economy.ColCapacity)] + h.Province[k-1][p][c(economy.ColBuilding)]
		startedMW += max(0, now-before)
	}
	invest := startedMW * w.Scn.DataCentres.CapexMYuanPerMW / 1000
	scale := w.Scn.Behaviour.GrowthScale * cfg.GDPBnYuan
	points := 0.0
	if scale > 0 {
		points = math.Log1p(invest/scale) / math.Log1p(promotionFull)
	}
	d.Parts = append(d.Parts, part("score.promotion", UnitBnYuan, invest, points, n))
	d.Score = mean(d.Parts)
	return d
}

// gdpShare is province p's share of the country's GDP.
func (s *Session) gdpShare(p int) float64 {
	ps := s.m.W.Provinces
	gdp := 0.0
	for _, q := range ps {
		gdp += q.Cfg.GDPBnYuan
	}
	return ratioOr0(ps[p].Cfg.GDPBnYuan, gdp)
}

// debtRise is province p's rise of debt over yearly revenue (years) from the first year played to the
// last.
func (s *Session) debtRise(p int) float64 {
	h := &s.hist
	c := s.m.W.Col
	n := len(h.Months)
	ratio := func(from, to int) float64 {
		rev := 0.0
		for k := from; k < to; k++ {
			rev += h.Province[k][p][c(economy.ColRevenue)]
		}
		if to <= from || rev <= 0 {
			return 0
		}
		return h.Province[to-1][p][c(economy.ColDebt)] / (rev * 12 / float64(to-from))
	}
	if n == 0 {
		return 0
	}
	return ratio(max(n-12, 0), n) - ratio(0, min(12, n))
}

func (s *Session) plannerDebrief() Debrief {
	w := s.m.W
	h := &s.hist
	c := w.Col
	n := len(h.Months)
	scope := func(a economy.Aggregate) func(k int) []float64 { return func(k int) []float64 { return h.Scope[k][a] } }
	d := Debrief{Province: -1}
	target := w.Scn.Planner.TargetUtilisation

	u := s.sums(0, n, scope(economy.ScopeNational), c(economy.ColUsed), c(economy.ColCapacity))
	util := ratioOr0(u[0], u[1])
	d.Parts = append(d.Parts, part("score.national_utilisation", UnitPercent, util, ratioOr0(util, target), n))

	// Scopes 1 and 2 are east_hubs and west_hubs (economy.World.Scopes).
	eu := s.sums(0, n, scope(economy.ScopeEastHubs), c(economy.ColUsed), c(economy.ColCapacity))
	wu := s.sums(0, n, scope(economy.ScopeWestHubs), c(economy.ColUsed), c(economy.ColCapacity))
	gap := math.Abs(ratioOr0(eu[0], eu[1]) - ratioOr0(wu[0], wu[1]))
	d.Parts = append(d.Parts, part("score.hub_gap", UnitPoints, gap, 1-gap/hubGapWorst, n))

	un := s.sums(0, n, scope(economy.ScopeNational), c(economy.ColUnserved), c(economy.ColDemand))
	unserved := ratioOr0(un[0], un[1])
	d.Parts = append(d.Parts, part("score.unserved", UnitPercent, unserved, 1-unserved/unservedWorst, n))

	e := s.sums(0, n, scope(economy.ScopeNational), c(economy.ColCO2), c(economy.ColEnergy))
	co2 := ratioOr0(e[0], e[1])
	d.Parts = append(d.Parts, part("score.co2_national", UnitTCO2MWh, co2, 1-ratioOr0(co2, w.Scn.Power.ThermalCO2), n))
	d.Score = mean(d.Parts)
	return d
}

// part makes a score part (its value in unit) from a fraction of full marks, clamped to 0..100; nothing recorded yet (n = 0)
// scores 0.
func part(key, unit string, value, frac float64, n int) ScorePart {
	if n == 0 || math.IsNaN(frac) {
		frac = 0
	}
	return ScorePart{Key: key, Unit: unit, Value: value, Score: 100 * min(1, max(0, frac))}
}

func ratioOr0(a, b float64) float64 {
	if b <= 0 || math.IsNaN(a/b) || math.IsInf(a/b, 0) {
		return 0
	}
	return a / b
}

func mean(ps []ScorePart) float64 {
	if len(ps) == 0 {
		return 0
	}
	t := 0.0
	for _, p := range ps {
		t += p.Score
	}
	return t / float64(len(ps))
}

// ScoreKeys lists every catalog key of a debrief part.
func ScoreKeys() []string {
	return []string{"score.co2", "score.co2_national", "score.fiscal", "score.hub_gap", "score.jobs",
		"score.national_utilisation", "score.promotion", "score.unserved", "score.utilisation"}
}

package session

import (
	"math"

	"dongshu/economy"
	"dongshu/economy/detmath"
)

// Two scoreboards, both live during play and the same numbers in the debrief (docs/game.md, Score). Each
// is 0..100, the mean of its parts; every part maps one measured value to 0..100 by a clamped linear
// (or, for growth, logarithmic) rule. "The last year" is the last 12 months played (fewer early on), the
// window of the debrief's "What happened" figures too, so that a board and a figure never disagree.
//
// The career score ("what the system rewards": the promotion tournament), of a province:
//
//   - score.investment: data-centre capex started in the province over the game (bn yuan, the halls'
//     own capex as the AI's growth credit counts it: accelerators and the green mandate included, the
//     halted part not); 100 at InvestFullBn.
//   - score.growth: the growth credit the AI counts at each round, ln(1 + I/S) with I a year's
//     investment and S = behaviour.growth_scale x GDP, averaged over the years played; 100 at
//     ln(1 + PromotionFull). Its value is the year's investment against GDP, averaged.
//   - score.jobs: its share of the country's data-centre jobs over the last year against its share of
//     GDP (x); 100 at jobsFull times a fair share or more.
//
// For the planner the same over the country: investment summed (100 at InvestFullBn x provinces), growth
// against the country's GDP, and jobs over the last year against the first year played.
//
// The nation's score ("what the country gets"), the same for every role:
//
//   - score.use: national used / capacity over the last year; 100 at planner.target_utilisation or
//     above, proportionally less below.
//   - score.debt: rise of all provinces' debt over their yearly revenue (years of revenue) from the
//     first month played to the last; scored per year played: 100 at no rise, 0 at debtWorst years of
//     revenue a year or more.
//   - score.emissions: national CO2 per MWh of data-centre energy over the last year; 100 at zero, 0 at
//     power.thermal_co2 (all-thermal power).
//   - score.unserved: unserved work / demand over the last year; 100 at 0, 0 at unservedWorst or more.
//
// For a province each nation's part also carries its own value on the same rule (its halls, its debt,
// its data centres' CO2, the work of its users left unserved): the cost of its choices to the country.
const (
	// InvestFullBn is full marks for investment attracted, bn yuan: the Zhongwei cluster's 40 bn yuan
	// (docs/sources.md [R], the baseline's capex_m_yuan_per_mw).
	InvestFullBn = 40.0
	// PromotionFull is full marks for the growth credit: a year's investment of PromotionFull x
	// behaviour.growth_scale x GDP (1 % of GDP at the baseline's scale; assumption).
	PromotionFull = 50.0
	jobsFull      = 3.0 // assumption: three times a fair share of the country's data-centre jobs
	debtWorst     = 1.0 // assumption: debt rising by a year of revenue every year is as bad as it gets
	unservedWorst = 0.1 // assumption: a tenth of the work unserved is as bad as it gets
)

// Part keys, in board order.
const (
	PartInvestment = "score.investment"
	PartGrowth     = "score.growth"
	PartJobs       = "score.jobs"
	PartJobsGrowth = "score.jobs_growth" // the planner's jobs part
	PartUse        = "score.use"
	PartDebt       = "score.debt"
	PartEmissions  = "score.emissions"
	PartUnserved   = "score.unserved"
	BoardCareer    = "score.career"
	BoardNation    = "score.nation"
)

// ScoreKeys lists every catalog key of a board and its parts.
func ScoreKeys() []string {
	return []string{BoardCareer, BoardNation, PartDebt, PartEmissions, PartGrowth, PartInvestment, PartJobs,
		PartJobsGrowth, PartUnserved, PartUse}
}

// Board is one scoreboard of one role.
type Board struct {
	Key   string // BoardCareer or BoardNation
	Score float64
	Parts []ScorePart
	// HasOwn (the nation's board of a province): OwnScore is the mean of the parts' OwnScore, the
	// nation's measures taken on the province alone.
	HasOwn   bool
	OwnScore float64
}

// Scores are a role's two boards as of a month.
type Scores struct {
	Province int // -1 for the planner
	Months   int // months played when computed
	Career   Board
	Nation   Board
}

// scoreCache keeps each role's boards (index Province+1), as of the months played in their Months (-1:
// never computed).
type scoreCache []Scores

// Scores returns role p's two boards (p = -1: the planner; out of range: the planner's), computed once
// per month and cached: the live scoreboards and the debrief read the same numbers. Read only.
func (s *Session) Scores(p int) Scores {
	n := len(s.m.W.Provinces)
	if p < -1 || p >= n {
		p = -1
	}
	if len(s.scores) != n+1 {
		s.scores = make(scoreCache, n+1)
		for i := range s.scores {
			s.scores[i].Months = -1
		}
	}
	if s.scores[p+1].Months != len(s.hist.Months) {
		s.scores[p+1] = s.computeScores(p)
	}
	return s.scores[p+1]
}

func (s *Session) computeScores(p int) Scores {
	n := len(s.hist.Months)
	sc := Scores{Province: p, Months: n}
	sc.Career = s.careerBoard(p)
	sc.Nation = s.nationBoard(p)
	return sc
}

// careerBoard is role p's career score.
func (s *Session) careerBoard(p int) Board {
	w := s.m.W
	h := &s.hist
	c := w.Col
	n := len(h.Months)
	b := Board{Key: BoardCareer}
	provinces := []int{p}
	if p < 0 {
		provinces = s.allProvinces()
	}
	gdp := 0.0
	for _, q := range provinces {
		gdp += w.Provinces[q].Cfg.GDPBnYuan
	}
	invest := 0.0
	years := s.yearlyInvestment(provinces)
	for _, v := range years {
		invest += v
	}
	full := InvestFullBn * float64(len(provinces))
	b.Parts = append(b.Parts, part(PartInvestment, UnitBnYuan, invest, invest/full, n))

	scale := w.Scn.Behaviour.GrowthScale * gdp
	credit, share := 0.0, 0.0
	for _, v := range years {
		if scale > 0 {
			credit += detmath.Log1p(v/scale) / detmath.Log1p(PromotionFull)
		}
		share += ratioOr0(v, gdp)
	}
	if k := float64(len(years)); k > 0 {
		credit, share = credit/k, share/k
	}
	b.Parts = append(b.Parts, part(PartGrowth, UnitPctGDP, share, credit, n))

	jobs, key := 0.0, PartJobs
	if p >= 0 {
		jobs = s.jobsRatio(p)
	} else {
		nat := func(k int) []float64 { return h.Scope[k][economy.ScopeNational] }
		last := s.sums(s.lastYear(), n, nat, c(economy.ColJobs))[0] / float64(max(1, n-s.lastYear()))
		first := s.sums(0, min(12, n), nat, c(economy.ColJobs))[0] / float64(max(1, min(12, n)))
		jobs, key = ratioOr0(last, first), PartJobsGrowth
	}
	b.Parts = append(b.Parts, part(key, UnitTimes, jobs, jobs/jobsFull, n))
	b.Score = mean(b.Parts)
	return b
}

// jobsRatio is province p's share of the country's data-centre jobs over the last year against its
// share of GDP (the score's and the debrief's figure).
func (s *Session) jobsRatio(p int) float64 {
	h := &s.hist
	c := s.m.W.Col(economy.ColJobs)
	n := len(h.Months)
	prow := func(k int) []float64 { return h.Province[k][p] }
	nat := func(k int) []float64 { return h.Scope[k][economy.ScopeNational] }
	jobs := s.sums(s.lastYear(), n, prow, c)[0]
	natJobs := s.sums(s.lastYear(), n, nat, c)[0]
	return ratioOr0(ratioOr0(jobs, natJobs), s.gdpShare(p))
}

// yearlyInvestment is the data-centre capex (bn yuan) started in provinces in each calendar year played,
// oldest first.
func (s *Session) yearlyInvestment(provinces []int) []float64 {
	var out []float64
	year := 0
	for k, mo := range s.hist.Months {
		if k == 0 || mo.Year() != year {
			year = mo.Year()
			out = append(out, 0)
		}
		for _, q := range provinces {
			out[len(out)-1] += s.invest[k][q]
		}
	}
	return out
}

// nationBoard is the nation's score, with province p's own values when p >= 0.
func (s *Session) nationBoard(p int) Board {
	w := s.m.W
	h := &s.hist
	c := w.Col
	n := len(h.Months)
	from := s.lastYear()
	b := Board{Key: BoardNation, HasOwn: p >= 0}
	nat := func(k int) []float64 { return h.Scope[k][economy.ScopeNational] }
	prow := func(k int) []float64 { return h.Province[k][p] }
	target := w.Scn.Planner.TargetUtilisation
	thermal := w.Scn.Power.ThermalCO2
	own := func(sp ScorePart, v, frac float64) ScorePart {
		if p >= 0 {
			sp.HasOwn, sp.Own = true, v
			sp.OwnScore = part("", "", v, frac, n).Score
		}
		return sp
	}
	// ratio is column a over column b of the rows picked by row, summed over the last year.
	ratio := func(row func(k int) []float64, a, b int) float64 {
		u := s.sums(from, n, row, c(a), c(b))
		return ratioOr0(u[0], u[1])
	}

	util := ratio(nat, economy.ColUsed, economy.ColCapacity)
	sp := part(PartUse, UnitPercent, util, ratioOr0(util, target), n)
	if p >= 0 {
		ou := ratio(prow, economy.ColUsed, economy.ColCapacity)
		sp = own(sp, ou, ratioOr0(ou, target))
	}
	b.Parts = append(b.Parts, sp)

	rise, years := s.debtRise(s.allProvinces())
	sp = part(PartDebt, UnitYears, rise, 1-rise/years/debtWorst, n)
	if p >= 0 {
		r, _ := s.debtRise([]int{p})
		sp = own(sp, r, 1-r/years/debtWorst)
	}
	b.Parts = append(b.Parts, sp)

	co2 := ratio(nat, economy.ColCO2, economy.ColEnergy)
	sp = part(PartEmissions, UnitTCO2MWh, co2, 1-ratioOr0(co2, thermal), n)
	if p >= 0 {
		oc := ratio(prow, economy.ColCO2, economy.ColEnergy)
		sp = own(sp, oc, 1-ratioOr0(oc, thermal))
	}
	b.Parts = append(b.Parts, sp)

	unserved := ratio(nat, economy.ColUnserved, economy.ColDemand)
	sp = part(PartUnserved, UnitPercent, unserved, 1-unserved/unservedWorst, n)
	if p >= 0 {
		ou := ratio(prow, economy.ColUnserved, economy.ColDemand)
		sp = own(sp, ou, 1-ou/unservedWorst)
	}
	b.Parts = append(b.Parts, sp)
	b.Score = mean(b.Parts)
	if b.HasOwn {
		t := 0.0
		for _, x := range b.Parts {
			t += x.OwnScore
		}
		b.OwnScore = t / float64(len(b.Parts))
	}
	return b
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

// allProvinces lists every province's index (the planner's role).
func (s *Session) allProvinces() []int {
	all := make([]int, len(s.m.W.Provinces))
	for q := range all {
		all[q] = q
	}
	return all
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

// debtRise is the rise of provinces' summed debt over their summed yearly revenue (years of revenue),
// from the first month played (against the first year's revenue) to the last (against the last
// year's), and the years played (at least one), to score it as a rise per year.
func (s *Session) debtRise(provinces []int) (rise, years float64) {
	h := &s.hist
	c := s.m.W.Col
	n := len(h.Months)
	ratio := func(from, to, at int) float64 {
		rev, debt := 0.0, 0.0
		for _, p := range provinces {
			for k := from; k < to; k++ {
				rev += h.Province[k][p][c(economy.ColRevenue)]
			}
			debt += h.Province[at][p][c(economy.ColDebt)]
		}
		if to <= from || rev <= 0 {
			return 0
		}
		return debt / (rev * 12 / float64(to-from))
	}
	if n == 0 {
		return 0, 1
	}
	return ratio(s.lastYear(), n, n-1) - ratio(0, min(12, n), 0), float64(max(n, 12)) / 12
}

// part makes a score part (its value in unit) from a fraction of full marks, clamped to 0..100; nothing
// recorded yet (n = 0) scores 0.
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

package agents

import (
	"math"

	"dongshu/economy"
	"dongshu/economy/detmath"
)

// Decision is what one province does at a quota round. AI provinces and human players produce the same
// type; the model applies it, so a human never touches the world directly.
type Decision struct {
	Province  int
	RequestMW float64 // quota requested
	BuildMW   float64 // capacity started this year (the part beyond the quota granted is over quota)
	Subsidy   float64 // local power-price discount, yuan/kWh
	Fibre     bool    // build a direct fibre line to the nearest historic hub
	Power     bool    // invest in dedicated generation
	// CapAtQuota keeps the build within the quota granted (a human's "no building beyond quota").
	CapAtQuota bool
	Score      float64 // the option's score (AI only; for the advisor and reports)
}

// ProvinceMind is a province's memory: adaptive expectations of its own data-centre demand.
type ProvinceMind struct {
	// Growth is the expected yearly growth of the work running in the province's data centres.
	Growth float64
	// yearUsed accumulates this year's used MW month by month; lastYearUsed is last year's average.
	yearUsed, yearCap  float64
	months             int
	lastYearUsed       float64
	LastUtilisation    float64 // last year's average utilisation
	observed           bool    // a full year has been seen
	landSale0, revenue float64
}

func newMind(w *economy.World, p *economy.Province) ProvinceMind {
	// Before any observation a province expects its data-centre work to grow like national demand
	// (the demand-weighted class growth).
	g := 0.0
	for _, c := range w.Classes {
		g += float64(c.Cfg.Share * c.Cfg.Growth)
	}
	// Before the first year is observed, a province takes its data centres to run its own demand as far
	// as they reach — the legacy the run starts from (economy.World.seedContracts).
	own := p.DemandShare * w.Scn.Demand.TotalMW
	used := min(own, p.OnlineMW*w.Scn.DataCentres.MaxOccupancy)
	return ProvinceMind{Growth: g, landSale0: p.LandSale, revenue: p.BaseRevenue + p.LandSale, lastYearUsed: used}
}

func (pm *ProvinceMind) observe(p *economy.Province) {
	pm.yearUsed += p.UsedMW
	pm.yearCap += p.OnlineMW
	pm.months++
}

// closeYear turns the year's observations into expectations (called at the quota round).
func (pm *ProvinceMind) closeYear(adaptation float64) {
	if pm.months == 0 {
		return
	}
	used := pm.yearUsed / float64(pm.months)
	if pm.yearCap > 0 {
		pm.LastUtilisation = pm.yearUsed / pm.yearCap
	}
	pm.observed = true
	if pm.lastYearUsed > 0 && used > 0 {
		observed := used/pm.lastYearUsed - 1
		pm.Growth = float64((1-adaptation)*pm.Growth) + float64(adaptation*observed)
	}
	pm.lastYearUsed = used
	pm.yearUsed, pm.yearCap, pm.months = 0, 0, 0
}

// option is one combination of choices a province weighs.
type option struct {
	build, subsidy float64
	fibre, power   bool
}

// evaluator scores a province's options at a quota round.
type evaluator struct {
	m          *Model
	p          *economy.Province
	mind       *ProvinceMind
	quota      float64 // quota granted (math.Inf(1) while forming the request)
	rivalLead  float64 // GW: neighbours' average capacity under construction minus own
	fiscalW    float64
	expDemand  float64 // MW the province expects its data centres to be asked for, before subsidy
	existingMW float64
	fibreMW    float64 // demand a direct fibre line would bring
	powerMW    float64 // demand dedicated generation would bring
	// Scoring the options of a round was a tenth of a run. Options come build-major (options), so the
	// terms that depend on the build alone are kept for the last build scored (bt), and the growth
	// credit's Log1p, which depends on the build, fibre and power, by fibre and power (growthLog).
	bt        buildTerms
	growthLog [4]memo
}

// buildTerms are the terms of a score that depend on the option's build alone, computed by buildTerms
// as score would compute them.
type buildTerms struct {
	ok, landOK                 bool
	build                      float64
	land, central, local, fine float64
	capex, keptCapex           float64 // capex, less the expected halted part
	rivalry, guidance          float64
	water, farm                float64
}

// memo remembers a pure function's value at its last argument. The argument is compared bit for bit,
// so the value returned is always the one a call would return.
type memo struct {
	ok   bool
	x, v float64
}

// get returns f(x), calling f only when x differs from the last argument.
func (c *memo) get(x float64, f func(float64) float64) float64 {
	if !c.ok || math.Float64bits(c.x) != math.Float64bits(x) {
		c.ok, c.x, c.v = true, x, f(x)
	}
	return c.v
}

// buildTerms returns the terms of a score that depend on the build alone (kept for the last build).
func (e *evaluator) buildTerms(build float64) *buildTerms {
	t := &e.bt
	if t.ok && math.Float64bits(t.build) == math.Float64bits(build) {
		return t
	}
	w := e.m.W
	s := w.Scn
	b := &s.Behaviour
	dc := &s.DataCentres
	p := e.p
	occ := dc.MaxOccupancy
	hours := 12 * economy.HoursPerMonth
	t.ok, t.build = true, build
	t.landOK = !(build*dc.LandHaPerMW > p.LandLeftHa+1e-9)

	t.land = build * dc.LandHaPerMW * s.Fiscal.LandPriceMYuanPerHa / 1000
	t.central = w.CentralSubsidyBn(p.Index, build)
	beyond := max(0, build-e.quota)
	enf := w.Policy.Enforcement
	t.fine = enf * beyond * s.Planner.PenaltyMYuanPerMW / 1000
	t.capex = w.CapexBn(build)
	t.local = s.Fiscal.LocalCapexShare * t.capex
	// Halted construction earns no growth credit (see score).
	t.keptCapex = t.capex - float64(enf*s.Planner.HaltShare*w.CapexBn(beyond))

	t.rivalry = b.Rivalry * min(build/1000, e.rivalLead)

	guidance := beyond / 1000
	if p.ModerationCalled {
		guidance += build / 1000
	}
	guidance *= b.GuidanceWeight * p.Cfg.Compliance
	t.guidance = guidance

	waterMm3 := build * occ * hours * p.WUE / 1e6
	t.water = b.WaterWeight * p.Cfg.WaterStress * waterMm3
	t.farm = b.FarmlandWeight * build * dc.LandHaPerMW * p.Cfg.FarmlandShare / 100
	return t
}

// newEvaluator returns a value, not a pointer, so that an evaluator can live on its caller's stack.
func (m *Model) newEvaluator(pi int, quota float64) evaluator {
	w := m.W
	p := w.Provinces[pi]
	mind := &m.Prov[pi]
	b := &w.Scn.Behaviour
	e := evaluator{m: m, p: p, mind: mind, quota: quota}
	if len(p.Neighbours) > 0 {
		nb := 0.0
		for _, q := range p.Neighbours {
			nb += w.Provinces[q].BuildingMW
		}
		e.rivalLead = max(0, nb/float64(len(p.Neighbours))-p.BuildingMW) / 1000
	}
	// Fiscal stress: the share of revenue lost as land sales decline makes every yuan of new revenue
	// weigh more.
	shortfall := 0.0
	if mind.revenue > 0 {
		shortfall = max(0, mind.landSale0-p.LandSale) / mind.revenue
	}
	e.fiscalW = b.FiscalWeight * (1 + float64(b.StressAmplifier*shortfall))
	// Expected demand for own data centres when new capacity would open (lead time) and a year after:
	// adaptive growth, then the optimism bias.
	years := float64(w.Scn.DataCentres.LeadTimeMonths)/12 + 1
	used := max(mind.lastYearUsed, p.UsedMW)
	e.expDemand = used * detmath.Pow(1+max(mind.Growth, -0.5), years) * (1 + b.Optimism)
	// The national pool of latency-tolerant work the province believes its cheap energy wins
	// (behaviour.pool_belief), grown like its own work.
	if b.PoolBelief > 0 {
		e.expDemand += float64(b.PoolBelief * m.poolAdvantage(p) * m.poolMW() * detmath.Pow(1+max(mind.Growth, -0.5), years))
	}
	e.existingMW = p.OnlineMW + p.BuildingMW
	e.fibreMW = w.Scn.Network.FibreLineMW * min(1, p.CorridorLoad*p.CorridorLoad)
	e.powerMW = p.GridStress() * b.PowerMW / max(p.PUE, 1)
	return e
}

// score is the option's value to the province (dimensionless utility); -Inf when infeasible.
func (e *evaluator) score(o option) float64 { return e.scoreTerms(o, nil) }

// scoreTerms is score, also writing the score's terms into t when t is not nil (the ledger of what drove
// a choice, Model.Drivers); t is left alone for an infeasible option.
func (e *evaluator) scoreTerms(o option, t *Terms) float64 {
	w := e.m.W
	s := w.Scn
	b := &s.Behaviour
	dc := &s.DataCentres
	p := e.p
	bt := e.buildTerms(o.build) // see buildTerms for the terms that depend on the build alone
	if !bt.landOK || o.build > p.BuildCapMW-p.StartedMW+1e-9 {
		return math.Inf(-1)
	}
	if o.fibre && p.HasIXP && w.Net.NearestHistoric(p.Index) == p.Index {
		return math.Inf(-1) // a historic hub is the backbone already
	}
	occ := dc.MaxOccupancy
	horizon := b.HorizonYears
	hours := 12 * economy.HoursPerMonth

	// Demand the province believes it will attract, lifted by its subsidy.
	demand := e.expDemand
	subsidy := o.subsidy * incentiveShare(w, p) // outside hubs, only what the plan still allows
	if p.PowerPrice > 0 {
		demand *= 1 + b.SubsidyBelief*subsidy/p.PowerPrice
	}
	if o.fibre {
		// A direct line relieves a busy corridor: the province expects the extra work it carries.
		demand += e.fibreMW
	}
	if o.power {
		demand += e.powerMW
	}
	used := min(demand, (e.existingMW+o.build)*occ)
	newUsed := max(0, used-float64(e.existingMW*occ))
	if o.fibre || o.power || o.subsidy > 0 {
		newUsed = max(0, used-min(e.expDemand, e.existingMW*occ)) // extra work on any capacity counts
	}

	// Fiscal gain over the horizon (bn yuan): taxes on the extra work, land sold, central subsidy
	// flowing in; minus the local subsidy bill, investments and the expected fine.
	taxes := float64(s.Fiscal.TaxRate * newUsed * hours * dc.PricePerMWh / 1e9 * horizon)
	subsidyBill := float64(subsidy * used * max(p.PUE, 1) * hours * 1000 / 1e9 * horizon)
	invest := 0.0
	if o.fibre {
		invest += b.FibreCostBnYuan
	}
	if o.power {
		invest += b.PowerCostBnYuan
	}
	fiscal := taxes + bt.land + bt.central - bt.local - subsidyBill - invest - bt.fine

	// Growth credit: investment attracted counts in the political tournament, whether or not it is used,
	// relative to the size of the economy (concave). Halted construction earns none.
	counted := bt.keptCapex + invest
	scale := b.GrowthScale * p.Cfg.GDPBnYuan
	slot := 0
	if o.fibre {
		slot++
	}
	if o.power {
		slot += 2
	}
	growth := float64(b.GrowthCredit * scale * e.growthLog[slot].get(counted/scale, detmath.Log1p))

	debtRatio := (p.Debt + invest + bt.local) / max(e.mind.revenue, 1e-9)
	debt := float64(b.DebtWeight * max(0, debtRatio-b.DebtLimit))

	if t != nil {
		fw := e.fiscalW
		*t = Terms{Profit: fw * taxes, LandSales: fw * bt.land, Central: fw * bt.central, LocalCapex: fw * bt.local,
			SubsidyBill: fw * subsidyBill, Invest: fw * invest, Fine: fw * bt.fine, Growth: growth, Rivalry: bt.rivalry,
			Guidance: bt.guidance, Debt: debt, Water: bt.water, Farm: bt.farm}
	}
	return float64(e.fiscalW*fiscal) + growth + bt.rivalry - bt.guidance - debt - bt.water - bt.farm
}

// options enumerates every combination of build size, subsidy, fibre and power.
func (m *Model) options(buf []option) []option {
	b := &m.W.Scn.Behaviour
	buf = buf[:0]
	subs := b.SubsidyOptions
	if len(subs) == 0 {
		subs = []float64{0}
	}
	for _, mw := range b.BuildOptionsMW {
		for _, s := range subs {
			for _, f := range [2]bool{false, true} {
				for _, pw := range [2]bool{false, true} {
					buf = append(buf, option{build: mw, subsidy: s, fibre: f, power: pw})
				}
			}
		}
	}
	return buf
}

// best returns the highest-scoring option (the first of equals), with no noise: a quota request is a
// statement and advice is not a lottery.
func (m *Model) best(e *evaluator, opts []option) option {
	best, bestScore := option{}, math.Inf(-1)
	for _, o := range opts {
		if sc := e.score(o); sc > bestScore {
			best, bestScore = o, sc
		}
	}
	return best
}

// choose draws an option with logit probabilities exp(score/T) from the run's generator.
func (m *Model) choose(e *evaluator, opts []option, scores []float64) (option, float64) {
	t := m.W.Scn.Behaviour.NoiseTemperature
	top := math.Inf(-1)
	for i, o := range opts {
		scores[i] = e.score(o)
		top = max(top, scores[i])
	}
	total := 0.0
	for i := range scores {
		if math.IsInf(scores[i], -1) {
			scores[i] = 0
			continue
		}
		scores[i] = detmath.Exp((scores[i] - top) / t)
		total += scores[i]
	}
	r := m.Rng.Float64() * total
	for i, o := range opts {
		if r < scores[i] {
			return o, e.score(o)
		}
		r -= scores[i]
	}
	// Floating-point leftovers: fall back to the last feasible option.
	for i := len(opts) - 1; i >= 0; i-- {
		if scores[i] > 0 {
			return opts[i], e.score(opts[i])
		}
	}
	return option{}, 0
}

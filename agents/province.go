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
	// twin is 1 + the index in the options of an earlier option that differs from this one only by a
	// positive subsidy (0: none). A province that may offer no subsidy (incentiveShare 0) scores the two
	// the same, so evaluator.scoreInto copies the twin's score (a quarter of a baseline run's options).
	twin int32
}

// pairTwins sets the options' twins (option.twin): each option with a positive subsidy is paired with the
// first such option of the same build, fibre and power among the options of its build just before it
// (options come build-major).
func pairTwins(opts []option) {
	for i := range opts {
		o := &opts[i]
		o.twin = 0
		if !(o.subsidy > 0) {
			continue
		}
		for j := i - 1; j >= 0 && opts[j].build == o.build; j-- {
			if q := &opts[j]; q.subsidy > 0 && q.twin == 0 && q.fibre == o.fibre && q.power == o.power {
				o.twin = int32(j + 1)
			}
		}
	}
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
	// credit's Log1p, which depends on the build, fibre and power, by fibre and power (growthLogs).
	bt        buildTerms
	growthLog [4]memo
	share     float64 // incentiveShare
}

// growthLogs returns the memos, by fibre and power, of the growth credit's Log1p for build: the model's
// for the province and the build option, kept from evaluator to evaluator (the credit of building nothing
// is the same every round, and a build within quota is priced the same for the request and for the
// decision: a quarter of the calls), or the evaluator's own for a build not among the options.
func (e *evaluator) growthLogs(build float64) *[4]memo {
	m := e.m
	builds := m.W.Scn.Behaviour.BuildOptionsMW
	for k, b := range builds {
		if math.Float64bits(b) == math.Float64bits(build) {
			if n := len(m.W.Provinces) * len(builds); len(m.growthLog) != n {
				m.growthLog = make([][4]memo, n)
			}
			return &m.growthLog[e.p.Index*len(builds)+k]
		}
	}
	return &e.growthLog
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
	e := evaluator{m: m, p: p, mind: mind, quota: quota, share: incentiveShare(w, p)}
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
	grow := detmath.Pow(1+max(mind.Growth, -0.5), years)
	e.expDemand = used * grow * (1 + b.Optimism)
	// The national pool of latency-tolerant work the province believes its cheap energy wins
	// (behaviour.pool_belief), grown like its own work.
	if b.PoolBelief > 0 {
		e.expDemand += float64(b.PoolBelief * m.poolAdvantage(p) * m.poolMW() * grow)
	}
	e.existingMW = p.OnlineMW + p.BuildingMW
	e.fibreMW = w.Scn.Network.FibreLineMW * min(1, p.CorridorLoad*p.CorridorLoad)
	e.powerMW = p.GridStress() * b.PowerMW / max(p.PUE, 1)
	return e
}

// score is the option's value to the province (dimensionless utility); -Inf when infeasible.
func (e *evaluator) score(o option) float64 { return e.scoreTerms(o, nil) }

// scores writes score(opts[i]) into out[i].
func (e *evaluator) scores(opts []option, out []float64) { e.scoreInto(opts, out, nil) }

// scoreTerms is score, also writing the score's terms into t when t is not nil (the ledger of what drove
// a choice, Model.Drivers); t is left alone for an infeasible option.
func (e *evaluator) scoreTerms(o option, t *Terms) float64 {
	var out [1]float64
	o.twin = 0 // alone
	e.scoreInto([]option{o}, out[:], t)
	return out[0]
}

// slots are the terms of a score that depend on the build and on fibre and power, by option.slot.
type slots struct{ invest, growth, debt [4]float64 }

// setSlots sets sl for the build of bt, which is feasible; with hub (a historic hub, where fibre is
// infeasible) the fibre slots are left as they were. scoreInto calls it once per build, so that its loop
// over options calls nothing.
func (e *evaluator) setSlots(sl *slots, bt *buildTerms, hub bool) {
	b := &e.m.W.Scn.Behaviour
	p := e.p
	scale := b.GrowthScale * p.Cfg.GDPBnYuan
	credit := b.GrowthCredit * scale
	revenue := max(e.mind.revenue, 1e-9)
	logs := e.growthLogs(bt.build)
	for slot := range 4 {
		if slot&1 == 1 && hub {
			continue
		}
		sl.invest[slot] = 0
		if slot&1 == 1 {
			sl.invest[slot] += b.FibreCostBnYuan
		}
		if slot&2 == 2 {
			sl.invest[slot] += b.PowerCostBnYuan
		}
		// Growth credit: investment attracted counts in the political tournament, whether or not it is
		// used, relative to the size of the economy (concave). Halted construction earns none.
		counted := bt.keptCapex + sl.invest[slot]
		sl.growth[slot] = float64(credit * logs[slot].get(counted/scale, detmath.Log1p))
		debtRatio := (p.Debt + sl.invest[slot] + bt.local) / revenue
		sl.debt[slot] = float64(b.DebtWeight * nonNegative(debtRatio-b.DebtLimit))
	}
}

// scoreInto writes score(opts[i]) into out[i] and, when t is not nil (one option), the terms of the score
// into t (see scoreTerms). The options are scored in one loop, with what does not depend on the option
// read once: a call per option cost as much as its arithmetic (Go keeps no register across a call).
func (e *evaluator) scoreInto(opts []option, out []float64, t *Terms) {
	w := e.m.W
	s := w.Scn
	b := &s.Behaviour
	dc := &s.DataCentres
	p := e.p
	out = out[:len(opts)]
	capLeft := p.BuildCapMW - p.StartedMW + 1e-9
	hub := p.HasIXP && w.Net.NearestHistoric(p.Index) == p.Index
	occ := dc.MaxOccupancy
	horizon := b.HorizonYears
	hours := 12 * economy.HoursPerMonth
	taxRate, price := s.Fiscal.TaxRate, dc.PricePerMWh
	pue := max(p.PUE, 1)
	existOcc := float64(e.existingMW * occ)
	baseUsed := min(e.expDemand, existOcc)
	expDemand, share, existing, fibreMW, powerMW := e.expDemand, e.share, e.existingMW, e.fibreMW, e.powerMW
	powerPrice, belief := p.PowerPrice, b.SubsidyBelief
	fw := e.fiscalW
	// The subsidy enters a score only as offered (subsidy x incentiveShare) and as whether one is chosen:
	// with nothing offered, an option scores as its twin (option.twin).
	free := share == 0
	var bt *buildTerms
	feasible := false
	var sl slots // for bt's build
	for i := range opts {
		o := &opts[i]
		if free && o.twin > 0 {
			out[i] = out[o.twin-1]
			continue
		}
		if bt == nil || math.Float64bits(bt.build) != math.Float64bits(o.build) {
			bt = e.buildTerms(o.build) // see buildTerms for the terms that depend on the build alone
			feasible = bt.landOK && !(o.build > capLeft)
			if feasible {
				e.setSlots(&sl, bt, hub)
			}
		}
		if !feasible {
			out[i] = math.Inf(-1)
			continue
		}
		if o.fibre && hub {
			out[i] = math.Inf(-1) // a historic hub is the backbone already
			continue
		}
		slot := o.slot()

		// Demand the province believes it will attract, lifted by its subsidy.
		demand := expDemand
		subsidy := o.subsidy * share // outside hubs, only what the plan still allows
		if powerPrice > 0 {
			demand *= 1 + belief*subsidy/powerPrice
		}
		if o.fibre {
			// A direct line relieves a busy corridor: the province expects the extra work it carries.
			demand += fibreMW
		}
		if o.power {
			demand += powerMW
		}
		used := min(demand, (existing+o.build)*occ)
		base := existOcc
		if o.fibre || o.power || o.subsidy > 0 {
			base = baseUsed // extra work on any capacity counts
		}
		newUsed := nonNegative(used - base)

		// Fiscal gain over the horizon (bn yuan): taxes on the extra work, land sold, central subsidy
		// flowing in; minus the local subsidy bill, investments and the expected fine.
		taxes := float64(taxRate * newUsed * hours * price / 1e9 * horizon)
		subsidyBill := float64(subsidy * used * pue * hours * 1000 / 1e9 * horizon)
		fiscal := taxes + bt.land + bt.central - bt.local - subsidyBill - sl.invest[slot] - bt.fine

		if t != nil {
			*t = Terms{Profit: fw * taxes, LandSales: fw * bt.land, Central: fw * bt.central, LocalCapex: fw * bt.local,
				SubsidyBill: fw * subsidyBill, Invest: fw * sl.invest[slot], Fine: fw * bt.fine, Growth: sl.growth[slot],
				Rivalry: bt.rivalry, Guidance: bt.guidance, Debt: sl.debt[slot], Water: bt.water, Farm: bt.farm}
		}
		out[i] = float64(fw*fiscal) + sl.growth[slot] + bt.rivalry - bt.guidance - sl.debt[slot] - bt.water - bt.farm
	}
}

// nonNegative returns max(0, x), the same bits (-0 gives +0, a NaN stays) in half the instructions: Go's
// max orders NaNs and signed zeros without branching.
func nonNegative(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return x
}

// slot numbers the four combinations of fibre and power.
func (o option) slot() int {
	s := 0
	if o.fibre {
		s++
	}
	if o.power {
		s += 2
	}
	return s
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
	pairTwins(buf)
	return buf
}

// best returns the highest-scoring option (the first of equals), with no noise: a quota request is a
// statement and advice is not a lottery.
func (m *Model) best(e *evaluator, opts []option) option {
	m.scoreBuf = resizeFloats(m.scoreBuf, len(opts))
	scores := m.scoreBuf
	e.scores(opts, scores)
	best, bestScore := option{}, math.Inf(-1)
	for i, sc := range scores {
		if sc > bestScore {
			best, bestScore = opts[i], sc
		}
	}
	return best
}

// choose draws an option with logit probabilities exp(score/T) from the run's generator; it returns the
// option and its score (scores keeps every option's score).
func (m *Model) choose(e *evaluator, opts []option, scores []float64) (option, float64) {
	t := m.W.Scn.Behaviour.NoiseTemperature
	e.scores(opts, scores)
	top := math.Inf(-1)
	for _, sc := range scores {
		top = max(top, sc)
	}
	if cap(m.weightBuf) < len(opts) {
		m.weightBuf = make([]float64, len(opts))
	}
	weights := m.weightBuf[:len(opts)]
	total := 0.0
	free := e.share == 0
	for i := range opts {
		if twin := opts[i].twin; free && twin > 0 { // the same score, so the same weight (adding 0 for an infeasible twin is exact)
			weights[i] = weights[twin-1]
			total += weights[i]
			continue
		}
		if math.IsInf(scores[i], -1) {
			weights[i] = 0
			continue
		}
		weights[i] = detmath.Exp((scores[i] - top) / t)
		total += weights[i]
	}
	r := m.Rng.Float64() * total
	for i, wt := range weights {
		if r < wt {
			return opts[i], scores[i]
		}
		r -= wt
	}
	// Floating-point leftovers: fall back to the last feasible option.
	for i := len(opts) - 1; i >= 0; i-- {
		if weights[i] > 0 {
			return opts[i], scores[i]
		}
	}
	return option{}, 0
}

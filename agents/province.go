package agents

import (
	"math"
	"slices"

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
	// twin is 1 + the index in the options of an earlier option that scores the same as this one when the
	// province may offer no subsidy (incentiveShare 0; 0: none), so that evaluator.scoreInto copies the
	// twin's score (seven in twelve of the baseline's options, a quarter of those a run scores). Nothing
	// offered, the subsidy enters a score only as whether one is chosen, and that only without fibre or
	// power (see scoreInto's base).
	twin int32
	// offer numbers the option's subsidy, fibre and power (what it offers besides its build) in the
	// options: the index of the first option that offers the same (relate). scoreInto prices each offer once.
	offer int32
	// buildEnd is 1 + the index of the last option of the run of options of the same build (bit for bit)
	// that this option is in (relate): scoreInto takes a build's terms and feasibility once per run.
	buildEnd int32
}

// relate sets the options' twins, offers and runs of a build (option.twin, option.offer,
// option.buildEnd), which scoreInto reads.
func relate(opts []option) {
	pairTwins(opts)
	for i := len(opts) - 1; i >= 0; i-- {
		opts[i].buildEnd = int32(i + 1)
		if next := i + 1; next < len(opts) && math.Float64bits(opts[next].build) == math.Float64bits(opts[i].build) {
			opts[i].buildEnd = opts[next].buildEnd
		}
	}
	for i := range opts {
		o := &opts[i]
		o.offer = int32(i)
		for j := range i {
			if q := &opts[j]; math.Float64bits(q.subsidy) == math.Float64bits(o.subsidy) && q.fibre == o.fibre && q.power == o.power {
				o.offer = int32(j)
				break
			}
		}
	}
}

// pairTwins sets the options' twins (option.twin): each option with a positive subsidy is paired with the
// first option of the same build, fibre and power among the options of its build just before it (options
// come build-major) that also has a positive subsidy or, with fibre or power, any subsidy.
func pairTwins(opts []option) {
	for i := range opts {
		o := &opts[i]
		o.twin = 0
		if !(o.subsidy > 0) {
			continue
		}
		anySubsidy := o.fibre || o.power
		for j := i - 1; j >= 0 && opts[j].build == o.build; j-- {
			if q := &opts[j]; (q.subsidy > 0 || anySubsidy) && q.twin == 0 && q.fibre == o.fibre && q.power == o.power {
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
	// terms that depend on the build alone are kept for the last build scored (bt).
	bt    buildTerms
	share float64 // incentiveShare
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
	// Halted construction earns no growth credit (see score). Nothing beyond quota halts nothing, to the
	// bit (CapexBn(0) is 0 and enforcement and halt share are finite), so the second CapexBn is skipped.
	t.keptCapex = t.capex
	if beyond > 0 {
		t.keptCapex -= float64(enf * s.Planner.HaltShare * w.CapexBn(beyond))
	}

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
	// The expected growth changes only once a year (closeYear) and years not at all, so the power is
	// kept by province (Model.demandGrowth): detmath.Pow was half of newEvaluator.
	if len(m.demandGrowth) != len(w.Provinces) {
		m.demandGrowth = make([]detmath.Memo, len(w.Provinces))
	}
	grow := m.demandGrowth[pi].Get(mind.Growth, years, func(g, years float64) float64 { return detmath.Pow(1+max(g, -0.5), years) })
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
func (e *evaluator) scores(opts []option, out []float64) { e.scoreInto(opts, out, math.Inf(-1), nil) }

// scoreTerms is score, also writing the score's terms into t when t is not nil (the ledger of what drove
// a choice, Model.Drivers); t is left alone for an infeasible option.
func (e *evaluator) scoreTerms(o option, t *Terms) float64 {
	var out [1]float64
	o.twin, o.offer, o.buildEnd = 0, 0, 1 // alone
	e.scoreInto([]option{o}, out[:], math.Inf(-1), t)
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
		sl.growth[slot] = float64(credit * detmath.Log1p(counted/scale))
		debtRatio := (p.Debt + sl.invest[slot] + bt.local) / revenue
		sl.debt[slot] = float64(b.DebtWeight * nonNegative(debtRatio-b.DebtLimit))
	}
}

// offerTerms are the terms of a score that depend on the option's offer alone (option.offer), as scoreInto
// prices them in a call (stamp).
type offerTerms struct {
	stamp   uint64
	blocked bool // fibre at a historic hub, which is the backbone already
	slot    int
	subsidy float64 // the subsidy offered: outside hubs, only what the plan still allows
	demand  float64 // the demand the province believes it will attract
	base    float64 // the work that counts as there without the build
}

// offerScratch returns n offers' terms for a scoreInto call and the call's stamp: terms stamped otherwise
// are another call's.
func (m *Model) offerScratch(n int) ([]offerTerms, uint64) {
	if len(m.offerBuf) < n {
		m.offerBuf = make([]offerTerms, n)
	}
	m.offerStamp++
	return m.offerBuf[:n], m.offerStamp
}

// scoreInto writes score(opts[i]) into out[i], but for the options whose build is at most known, whose
// scores out holds already (a round's decisions keep those of the requests: see quotaRound), and, when t
// is not nil (one option), the terms of the score into t (see scoreTerms). The options are scored in one loop, with what does not depend on the option
// read once and what depends on its build or its offer alone computed once per build (buildTerms,
// setSlots) or offer (offerTerms): a call per option cost as much as its arithmetic (Go keeps no
// register across a call).
func (e *evaluator) scoreInto(opts []option, out []float64, known float64, t *Terms) {
	m := e.m
	w := m.W
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
	existing := e.existingMW
	fw := e.fiscalW
	// The subsidy enters a score only as offered (subsidy x incentiveShare) and as whether one is chosen:
	// with nothing offered, an option scores as its twin (option.twin).
	free := e.share == 0
	offers, stamp := m.offerScratch(len(opts))
	var sl slots // for the build of the run
	for first, n := 0, 0; first < len(opts); first += n {
		// The options of a run of the same build (option.buildEnd; one option if relate has not run).
		run := opts[first:min(max(int(opts[first].buildEnd), first+1), len(opts))]
		n = len(run)
		build := run[0].build
		if build <= known {
			continue
		}
		bt := e.buildTerms(build) // see buildTerms for the terms that depend on the build alone
		if !bt.landOK || build > capLeft {
			for k := range run {
				out[first+k] = math.Inf(-1)
			}
			continue
		}
		e.setSlots(&sl, bt, hub)
		capacity := (existing + build) * occ // the work the build and what exists could run
		for k := range run {
			o := &run[k]
			i := first + k
			if free && o.twin > 0 {
				out[i] = out[o.twin-1]
				continue
			}
			of := &offers[o.offer]
			if of.stamp != stamp {
				// The offer's terms, here rather than in a function: a call on this path, though it is taken
				// once per offer, cost more than it saved (December 2026).
				// Demand the province believes it will attract, lifted by its subsidy.
				subsidy := o.subsidy * e.share // outside hubs, only what the plan still allows
				demand := e.expDemand
				if pp := p.PowerPrice; pp > 0 {
					demand *= 1 + b.SubsidyBelief*subsidy/pp
				}
				if o.fibre {
					// A direct line relieves a busy corridor: the province expects the extra work it carries.
					demand += e.fibreMW
				}
				if o.power {
					demand += e.powerMW
				}
				existOcc := float64(e.existingMW * occ)
				base := existOcc
				if o.fibre || o.power || o.subsidy > 0 {
					base = min(e.expDemand, existOcc) // extra work on any capacity counts
				}
				*of = offerTerms{stamp: stamp, blocked: o.fibre && hub, slot: o.slot(), subsidy: subsidy, demand: demand, base: base}
			}
			if of.blocked {
				out[i] = math.Inf(-1)
				continue
			}
			used := min(of.demand, capacity)
			newUsed := nonNegative(used - of.base)

			// Fiscal gain over the horizon (bn yuan): taxes on the extra work, land sold, central subsidy
			// flowing in; minus the local subsidy bill, investments and the expected fine.
			taxes := float64(taxRate * newUsed * hours * price / 1e9 * horizon)
			subsidyBill := float64(of.subsidy * used * pue * hours * 1000 / 1e9 * horizon)
			slot := of.slot
			fiscal := taxes + bt.land + bt.central - bt.local - subsidyBill - sl.invest[slot] - bt.fine

			if t != nil {
				*t = Terms{Profit: fw * taxes, LandSales: fw * bt.land, Central: fw * bt.central, LocalCapex: fw * bt.local,
					SubsidyBill: fw * subsidyBill, Invest: fw * sl.invest[slot], Fine: fw * bt.fine, Growth: sl.growth[slot],
					Rivalry: bt.rivalry, Guidance: bt.guidance, Debt: sl.debt[slot], Water: bt.water, Farm: bt.farm}
			}
			out[i] = float64(fw*fiscal) + sl.growth[slot] + bt.rivalry - bt.guidance - sl.debt[slot] - bt.water - bt.farm
		}
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

// options returns every combination of build size, subsidy, fibre and power, build-major, related
// (relate). The list is kept from round to round while the behaviour's build and subsidy options stay
// the same (bit for bit), as they do through a run, so callers only read it: building and relating it
// every round cost 1.6 % of the instructions of the agents and detmath (December 2026).
func (m *Model) options() []option {
	b := &m.W.Scn.Behaviour
	subs := b.SubsidyOptions
	if len(subs) == 0 {
		subs = []float64{0}
	}
	c := &m.optionList
	if c.opts != nil && economy.SameBits(c.builds, b.BuildOptionsMW) && economy.SameBits(c.subsidies, subs) {
		return c.opts
	}
	var opts []option
	for _, mw := range b.BuildOptionsMW {
		for _, s := range subs {
			for _, f := range [2]bool{false, true} {
				for _, pw := range [2]bool{false, true} {
					opts = append(opts, option{build: mw, subsidy: s, fibre: f, power: pw})
				}
			}
		}
	}
	relate(opts)
	c.builds, c.subsidies, c.opts = slices.Clone(b.BuildOptionsMW), slices.Clone(subs), opts
	return opts
}

// best returns the highest-scoring option (the first of equals), with no noise: a quota request is a
// statement and advice is not a lottery.
func (m *Model) best(e *evaluator, opts []option) option {
	m.scoreBuf = resizeFloats(m.scoreBuf, len(opts))
	e.scores(opts, m.scoreBuf)
	return bestOf(opts, m.scoreBuf)
}

// bestOf returns the option of the highest score (the first of equals).
func bestOf(opts []option, scores []float64) option {
	best, bestScore := option{}, math.Inf(-1)
	for i, sc := range scores {
		if sc > bestScore {
			best, bestScore = opts[i], sc
		}
	}
	return best
}

// choose draws an option with logit probabilities exp(score/T) from the run's generator; it returns the
// option and its score (scores keeps every option's score). scores holds those of the options whose build
// is at most known already (-Inf: none; see scoreInto).
func (m *Model) choose(e *evaluator, opts []option, scores []float64, known float64) (option, float64) {
	t := m.W.Scn.Behaviour.NoiseTemperature
	e.scoreInto(opts, scores, known, nil)
	if cap(m.weightBuf) < len(opts) {
		m.weightBuf = make([]float64, len(opts))
	}
	weights := m.weightBuf[:len(opts)]
	top, total := logitWeights(opts, scores, e.share == 0, t, weights)
	i := logitPick(weights, scores, top, t, m.Rng.Float64()*total)
	if i < 0 {
		return option{}, 0
	}
	return opts[i], scores[i]
}

// A weight below 2^-57 (its score at least 40 T below the top: e^-40 < 2^-57 and Exp errs by less than an
// ulp) changes no remainder of at least 1/8 that it is subtracted from, as it is within a quarter ulp of
// it; nor can such a remainder be below it. Nor does it change a total it is added to if it is below a
// quarter of the total's ulp (negligibleFor). Such weights are left uncomputed (negligible), until a
// smaller remainder meets one: nearly half of the exponentials of a baseline run's draws (measured
// December 2026).
const (
	negligibleBelow = -40.0 // (score - top) / T
	negligible      = -1.0  // the weight of such an option, not computed (no weight is negative)
)

// negligibleFor returns an x (score - top) / T below which a weight e^x added to total leaves it as it
// is (-Inf for a total of 0 or subnormal). With 2^E <= total < 2^(E+1), total's ulp is 2^(E-52) and
// e^x < 2^(E-54) for x < (E-54) ln 2: with Exp's error (under an ulp), the weight is under half the
// total's ulp, so the sum rounds to the total. A total of 1/8 or more gives -39.5 or more, so there
// negligibleBelow decides, as logitPick needs.
func negligibleFor(total float64) float64 {
	e := int(math.Float64bits(total)>>52) & 0x7ff // E + 1023
	if e == 0 {
		return math.Inf(-1)
	}
	return float64(e-1023-54) * math.Ln2
}

// logitWeights sets weights[i] to exp((scores[i] - top) / T), or to negligible (see there), and returns
// the top score and the weights' total, added in order. With free, twins score alike (option.twin).
func logitWeights(opts []option, scores []float64, free bool, t float64, weights []float64) (top, total float64) {
	top = topScore(scores)
	scores, weights = scores[:len(opts)], weights[:len(opts)] // no bounds checks in the loop
	for i := range opts {
		if twin := opts[i].twin; free && twin > 0 { // the same score, so the same weight (adding 0 for an infeasible twin is exact)
			weights[i] = weights[twin-1]
			if weights[i] != negligible { // else left out of a smaller total already
				total += weights[i]
			}
			continue
		}
		if math.IsInf(scores[i], -1) {
			weights[i] = 0
			continue
		}
		x := (scores[i] - top) / t
		// Before the top's weight of 1 is added, the total is often below 1/8: negligibleFor leaves out
		// 12 % of the exponentials the draws of a baseline run computed without it (December 2026).
		if x < negligibleBelow && (total >= 0.125 || x < negligibleFor(total)) {
			weights[i] = negligible
			continue
		}
		weights[i] = detmath.Exp(x)
		total += weights[i]
	}
	return top, total
}

// topScore returns max(scores...) as Go's max does it (a NaN wins; -Inf for no score) but for the sign
// of a top of zero, which no weight sees (e^(±0/T) is 1): Go's max orders signed zeros and NaNs without
// branching, at twice the instructions of a comparison (December 2026).
func topScore(scores []float64) float64 {
	top := math.Inf(-1)
	for _, sc := range scores {
		if sc > top {
			top = sc
		} else if sc != sc { // the top whatever follows
			return sc
		}
	}
	return top
}

// logitPick returns the first option whose weight (logitWeights) exceeds r less the weights before it,
// subtracted in turn, or else the last option of positive weight (-1: none); it computes a negligible
// weight where it matters.
func logitPick(weights, scores []float64, top, t, r float64) int {
	weight := func(i int) float64 {
		if weights[i] == negligible {
			weights[i] = detmath.Exp((scores[i] - top) / t)
		}
		return weights[i]
	}
	for i, wt := range weights {
		if wt == negligible {
			if r >= 0.125 {
				continue
			}
			wt = weight(i)
		}
		if r < wt {
			return i
		}
		r -= wt
	}
	// Floating-point leftovers: fall back to the last feasible option.
	for i := len(weights) - 1; i >= 0; i-- {
		if weight(i) > 0 {
			return i
		}
	}
	return -1
}

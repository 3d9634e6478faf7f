package agents

import (
	"math"

	"dongshu/economy"
	"dongshu/economy/detmath"
)

// Firms is the memory of the firms that build data centres in the market regime: what they saw of
// demand at the last round, by class, for the growth they project.
type Firms struct {
	lastDemand []float64
	// BuiltMW is what firms started at the last round, by province (for reports and the game).
	BuiltMW []float64
}

// marketRound is the yearly round under regime = "market": no quotas, no designations, no enforcement.
// Provinces compete only with what they control (local power subsidy, a fibre line, dedicated
// generation): they choose among those options exactly as under the plan, but build nothing themselves.
// Firms then build where the work they expect would run cheapest (firmsBuild).
func (m *Model) marketRound() {
	w := m.W
	s := w.Scn
	for i := range m.Prov {
		m.Prov[i].closeYear(s.Behaviour.Adaptation)
	}
	m.Planner.NationalQuotaMW, m.Planner.QuotasGranted = 0, false
	m.plannerAtRound = nil // a human planner's quota and calls have nothing to act on in a market
	for _, p := range w.Provinces {
		p.ModerationCalled = false
		p.QuotaMW, p.StartedMW, p.BeyondQuotaMW, p.Penalised = 0, 0, 0, false
	}
	var opts []option
	for _, o := range m.options() {
		if o.build == 0 {
			opts = append(opts, o)
		}
	}
	relate(opts)
	scores := make([]float64, len(opts))
	m.LastDecisions = m.LastDecisions[:0]
	for i := range w.Provinces {
		d, human := m.Pending[i]
		if human {
			delete(m.Pending, i)
		} else {
			e := m.newEvaluator(i, 0)
			o, sc := m.choose(&e, opts, scores, math.Inf(-1))
			d = Decision{Subsidy: o.subsidy, Fibre: o.fibre, Power: o.power, Score: sc}
		}
		d.Province = i
		m.apply(&d) // ignores a human's build and request: provinces do not build in a market
		m.LastDecisions = append(m.LastDecisions, d)
	}
	m.firmsBuild()
}

// firmsBuild is the firms' investment. Work already placed stays where it runs (its contracts); firms look
// for a home for the work to come: each (origin, class)'s demand projected to when new halls would open
// (last month's demand grown at the growth observed over the last year, plus market.forecast_margin),
// less what is served now. They expect that new work to run where it costs least within its latency
// bound — spread over the reachable sites by a logit on the placement cost (energy with the province's
// subsidy and grid-stress markup, transit, latency) with temperature market.cost_spread, since firms
// cannot tell sites apart finely — and no more of it to reach a site from elsewhere than the spare inbound
// bandwidth of its corridor carries (accelerator work ships in bulk and needs none). A site where the
// work in place plus the work expected exceeds what its capacity online and under construction can
// carry at market.target_utilisation gets the difference built, as far as land allows. Where to build
// is all the cost comparison decides: the customer pays energy at cost plus the same margin everywhere
// (datacentres.price_per_mwh), so a firm's profit follows the work it wins. Firms pay for construction
// (NewBuild.Private); the province sells the land and collects taxes on the work.
func (m *Model) firmsBuild() {
	f := &m.Firms
	if f.lastDemand == nil {
		f.lastDemand = make([]float64, len(m.W.Classes))
	}
	f.BuiltMW = resizeFloats(f.BuiltMW, len(m.W.Provinces))
	m.buildForWork(m.expectedWork())
}

// newWork is the work firms expect to need a home, in MW by site.
type newWork struct {
	local  []float64 // general work from the site's own province
	remote []float64 // general work to arrive over the corridor
	accel  []float64 // accelerator work (shipped in bulk, no corridor)
}

// expectedWork projects each (origin, class)'s demand to when new halls would open, less what is served
// now, and spreads it over the sites firms expect it to run at. It records this round's demand by class
// for the next round's growth.
func (m *Model) expectedWork() newWork {
	w := m.W
	s := w.Scn
	mk := &s.Market
	np := len(w.Provinces)
	f := &m.Firms
	years := float64(s.DataCentres.LeadTimeMonths)/12 + 1
	work := newWork{local: make([]float64, np), remote: make([]float64, np), accel: make([]float64, np)}
	wt := make([]float64, np)
	for c, cl := range w.Classes {
		total := 0.0
		for o := range np {
			total += w.DemandMW[o][c]
		}
		growth := cl.Cfg.Growth // before any round: the market's expectation
		if f.lastDemand[c] > 0 {
			growth = total/f.lastDemand[c] - 1
		}
		f.lastDemand[c] = total
		grow := detmath.Pow(1+max(growth, 0), years) * (1 + mk.ForecastMargin)
		for o := range np {
			d := float64(w.DemandMW[o][c]*grow) - w.ServedMW[o][c]
			if d <= 0 {
				continue
			}
			sum, ok := m.siteWeights(o, c, wt)
			if !ok {
				continue
			}
			for st := range np {
				switch {
				case cl.Cfg.NeedsAccelerator:
					work.accel[st] += d * wt[st] / sum
				case st == o:
					work.local[st] += d * wt[st] / sum
				default:
					work.remote[st] += d * wt[st] / sum
				}
			}
		}
	}
	return work
}

// siteWeights fills wt with the logit weights of the sites where origin o's class-c work may run (0 where
// it cannot reach) and returns their sum; ok is false when no site is reachable. Costs are shifted by the
// cheapest one for stability.
func (m *Model) siteWeights(o, c int, wt []float64) (sum float64, ok bool) {
	w := m.W
	best := math.Inf(1)
	for st := range wt {
		wt[st] = math.NaN()
		if w.Reachable(o, c, st) {
			wt[st] = w.PlacementCost(o, c, st)
			best = min(best, wt[st])
		}
	}
	if math.IsInf(best, 1) {
		return 0, false
	}
	for st := range wt {
		if math.IsNaN(wt[st]) {
			wt[st] = 0
			continue
		}
		wt[st] = detmath.Exp(-(wt[st] - best) / w.Scn.Market.CostSpread)
		sum += wt[st]
	}
	return sum, true
}

// buildForWork starts, at each site, what its capacity online and under construction lacks to carry the
// work in place plus the work expected at market.target_utilisation, as far as land allows. Firms fit the
// halls to the work: general halls for general work, accelerator halls for AI work; remote work counts
// only as far as the corridor's spare inbound bandwidth carries it.
func (m *Model) buildForWork(work newWork) {
	w := m.W
	mk := &w.Scn.Market
	dc := &w.Scn.DataCentres
	f := &m.Firms
	accBuilding := make([]float64, len(w.Provinces)) // accelerator capacity under construction
	for i := range w.DCs {
		if d := &w.DCs[i]; d.State == economy.Building {
			accBuilding[d.Province] += float64(d.MW * d.AccelShare)
		}
	}
	for st, p := range w.Provinces {
		usedAcc := float64(w.Contracts.UsedAccel(st)) / 1000
		arrive := min(work.remote[st], max(0, p.CorridorMW-p.RemoteInMW))
		gen := (p.UsedMW-usedAcc+work.local[st]+arrive)/mk.TargetUtilisation -
			(p.OnlineMW - p.AccelOnlineMW + p.BuildingMW - accBuilding[st])
		acc := (usedAcc+work.accel[st])/mk.TargetUtilisation - (p.AccelOnlineMW + accBuilding[st])
		land := p.LandLeftHa / max(dc.LandHaPerMW, 1e-12)
		for _, b := range [2]struct {
			mw, share float64
		}{{acc, 1}, {gen, 0}} {
			mw := min(b.mw, land)
			if mw <= 0 {
				continue
			}
			land -= mw
			w.StartBuild(st, economy.NewBuild{MW: mw, Private: true, OwnMix: true, AccelShare: b.share})
			f.BuiltMW[st] += mw
		}
	}
}

func resizeFloats(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	s = s[:n]
	clear(s)
	return s
}

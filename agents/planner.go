package agents

import (
	"math"
	"slices"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/economy/detmath"
)

// Planner is the central planner's memory between quota rounds.
type Planner struct {
	// NationalQuotaMW is this year's national quota.
	NationalQuotaMW float64
	// lastDemand is national demand at the previous round (MW), for the observed growth.
	lastDemand float64
	// Detected lists the provinces caught beyond quota at the last round.
	Detected []int
	// QuotasGranted is true once a round has been held with quotas in force (quotaRound), until a round
	// without them (freeRound, marketRound): provinces hold this year's quotas, so between rounds the
	// quotas limit building (quotasLimit). Model state like the rest: a game rebuilds it by replay.
	QuotasGranted bool
}

// nationalDemand is this month's national demand (MW) — at a round, the last month's draw.
func nationalDemand(w *economy.World) float64 {
	d := 0.0
	for p := range w.DemandMW {
		for _, v := range w.DemandMW[p] {
			d += v
		}
	}
	return d
}

// setQuota projects national demand to when this year's builds come online (observed growth over the
// last year), adds the margin, converts to capacity at the target utilisation and grants what the
// capacity online and under construction does not cover.
func (pl *Planner) setQuota(w *economy.World) {
	s := w.Scn
	d := nationalDemand(w)
	if d == 0 { // first round, before any demand was drawn
		for c := range w.Classes {
			d += w.Demand.NationalTrend(c)
		}
	}
	growth := 0.0
	if pl.lastDemand > 0 {
		growth = d/pl.lastDemand - 1
	} else {
		for _, c := range w.Classes {
			growth += float64(c.Cfg.Share * c.Cfg.Growth)
		}
	}
	pl.lastDemand = d
	years := float64(s.DataCentres.LeadTimeMonths)/12 + 1
	need := d * detmath.Pow(1+max(growth, 0), years) * (1 + s.Planner.Margin) / s.Planner.TargetUtilisation
	have := 0.0
	for _, p := range w.Provinces {
		have += p.OnlineMW + p.BuildingMW
	}
	pl.NationalQuotaMW = max(0, need-have)
}

// shares splits the national quota into per-province allotments. Once hubs are designated, west hubs
// share planner.west_share by efficiency (1 / (PUE x power price)); the rest goes to the other provinces
// by their share of demand times efficiency, weighted 1 in an east hub and planner.non_hub_weight
// outside any hub. Before designation the whole quota follows demand times efficiency.
func (pl *Planner) shares(w *economy.World, out []float64) {
	s := w.Scn
	anyHub := false
	for _, p := range w.Provinces {
		anyHub = anyHub || p.HubActive
	}
	westW, restW := 0.0, 0.0
	weight := make([]float64, len(w.Provinces))
	for i, p := range w.Provinces {
		// Efficiency (1 / energy cost per MWh of IT work) weighs every split: the green data-centre
		// guidance predates the hubs.
		eff := 1 / (p.PUE * p.PowerPrice)
		switch {
		case !anyHub:
			weight[i] = float64(p.DemandShare * eff)
			restW += weight[i]
		case p.HubSide == economy.WestHub:
			weight[i] = eff
			westW += weight[i]
		case p.HubSide == economy.EastHub:
			weight[i] = float64(p.DemandShare * eff)
			restW += weight[i]
		default:
			weight[i] = float64(p.DemandShare * eff * s.Planner.NonHubWeight)
			restW += weight[i]
		}
	}
	west := 0.0
	if anyHub && westW > 0 {
		west = w.Policy.WestShare * pl.NationalQuotaMW
	}
	rest := pl.NationalQuotaMW - west
	for i, p := range w.Provinces {
		out[i] = 0
		switch {
		case anyHub && p.HubSide == economy.WestHub:
			out[i] = west * weight[i] / westW
		case restW > 0:
			out[i] = rest * weight[i] / restW
		}
	}
}

// grant gives each province min(request, allotment) and hands what is left to provinces that asked
// for more, in proportion to their unmet requests, until the quota or the requests run out.
func grant(allot, request, out []float64) {
	left := 0.0
	for i := range allot {
		out[i] = min(request[i], allot[i])
		left += allot[i] - out[i]
	}
	for range 8 { // a few rounds settle it; what remains is quota nobody asked for
		unmet := 0.0
		for i := range out {
			unmet += request[i] - out[i]
		}
		if left <= 1e-9 || unmet <= 1e-9 {
			return
		}
		give := min(left, unmet)
		for i := range out {
			out[i] += give * (request[i] - out[i]) / unmet
		}
		left -= give
	}
}

// quotaRound is the yearly round: the planner reads last year, issues moderation calls and sets and
// splits the quota; provinces request, learn their grant and decide; the planner then enforces.
func (m *Model) quotaRound() {
	w := m.W
	s := w.Scn
	for i := range m.Prov {
		m.Prov[i].closeYear(s.Behaviour.Adaptation)
	}
	// Moderation calls go to provinces whose data centres stood mostly idle last year (once the planner
	// issues them: planner.moderation).
	moderate := w.Policy.Moderation > 0
	for i, p := range w.Provinces {
		p.ModerationCalled = moderate && m.Prov[i].observed && m.Prov[i].LastUtilisation < s.Planner.ModerationBelow && p.OnlineMW > 0
		p.QuotaMW, p.StartedMW, p.BeyondQuotaMW, p.Penalised = 0, 0, 0, false
	}
	if !quotasInForce(w) {
		m.freeRound()
		return
	}
	m.Planner.QuotasGranted = true
	m.Planner.setQuota(w)
	if hp := m.plannerAtRound; hp != nil {
		if hp.SetQuota {
			m.Planner.NationalQuotaMW = max(0, hp.QuotaMW)
		}
		m.moderationCalls(hp.Moderate)
		m.plannerAtRound = nil
	}
	opts := m.options()
	request, granted := m.requests(&m.Planner, opts)

	m.LastDecisions = m.LastDecisions[:0]
	scores := make([]float64, len(opts))
	for i, p := range w.Provinces {
		p.QuotaMW = granted[i]
		d, human := m.Pending[i]
		if human {
			delete(m.Pending, i)
			d.Province = i
			m.noteHuman(&d, granted[i])
		} else {
			// The quota prices only what is beyond it, so an option whose build is within the grant
			// scores as it did for the request; and what the provinces before this one decided changes
			// none of this one's terms (their builds count among their neighbours' once they are summed,
			// next month). So those scores are the request's: 30 % of the builds of a baseline run's
			// quota rounds, 0.3 % of a sweep's instructions (December 2026).
			e := m.newEvaluator(i, granted[i])
			known := granted[i]
			if m.scoreDecisionsAfresh {
				known = math.Inf(-1)
			}
			copy(scores, m.asked[i*len(opts):])
			o, sc := m.choose(&e, opts, scores, known)
			m.noteDrivers(i, &e, o)
			d = Decision{RequestMW: request[i], BuildMW: o.build, Subsidy: o.subsidy, Fibre: o.fibre, Power: o.power, Score: sc}
		}
		d.Province = i
		m.apply(&d)
		m.LastDecisions = append(m.LastDecisions, d)
	}
	m.enforce()
}

// requests is the round's bargaining: planner pl splits its national quota into allotments, every
// province requests (a human its pending request, the AI its best build with no quota in mind, its
// options' scores kept in Model.asked) and the grants follow.
func (m *Model) requests(pl *Planner, opts []option) (request, granted []float64) {
	w := m.W
	n := len(w.Provinces)
	allot := make([]float64, n)
	pl.shares(w, allot)
	request = make([]float64, n)
	m.asked = resizeFloats(m.asked, n*len(opts))
	for i := range w.Provinces {
		if d, ok := m.Pending[i]; ok {
			request[i] = d.RequestMW
			continue
		}
		e := m.newEvaluator(i, math.Inf(1))
		scores := m.asked[i*len(opts) : (i+1)*len(opts)]
		e.scores(opts, scores)
		request[i] = bestOf(opts, scores).build
	}
	granted = make([]float64, n)
	grant(allot, request, granted)
	return request, granted
}

// apply carries out a province's decision; d is left as applied (provinces do not build in a market, so
// there its request and build are set to 0 whoever decided them).
func (m *Model) apply(d *Decision) {
	w := m.W
	s := w.Scn
	if w.Regime == configs.RegimeMarket {
		d.RequestMW, d.BuildMW = 0, 0
	}
	p := w.Provinces[d.Province]
	build, within := m.buildOf(d)
	if within > 0 {
		w.StartBuild(d.Province, economy.NewBuild{MW: within})
	}
	if build > within {
		w.StartBuild(d.Province, economy.NewBuild{MW: build - within, BeyondQuota: true})
	}
	p.LocalSubsidy = max(0, d.Subsidy) * incentiveShare(w, p)
	if d.Fibre {
		h := w.Net.NearestHistoric(d.Province)
		if h != d.Province {
			p.Ledger.Investment += s.Behaviour.FibreCostBnYuan
			w.Net.AddLine(d.Province, h, w.Now+configs.Month(s.Behaviour.FibreLeadMonths))
		}
	}
	if d.Power {
		p.Ledger.Investment += s.Behaviour.PowerCostBnYuan
		p.SparePowerMW += s.Behaviour.PowerMW
	}
}

// buildOf is what decision d starts now: the build (land, the city's cap and, if asked, the quota left
// bound it) and the part of it within quota.
func (m *Model) buildOf(d *Decision) (build, within float64) {
	w := m.W
	p := w.Provinces[d.Province]
	build = min(max(d.BuildMW, 0), p.LandLeftHa/max(w.Scn.DataCentres.LandHaPerMW, 1e-12))
	// A city's restriction on new data centres caps what starts in a year.
	build = min(build, max(0, p.BuildCapMW-p.StartedMW))
	// Quota left this year: a decision between rounds builds on what the round's decision left (no
	// quota before the plan, nor before the first round held with quotas in force: everything is within).
	left := quotaLeft(p)
	if !m.quotasLimit(false) { // a round sets QuotasGranted before its decisions apply
		left = math.Inf(1)
	}
	if d.CapAtQuota {
		build = min(build, left)
	}
	return build, min(build, left)
}

// quotaLeft is what is left of province p's quota this year: the quota granted at the round less what it
// has started within quota since; a decision between rounds builds within it (buildOf, Advise).
func quotaLeft(p *economy.Province) float64 { return max(0, p.QuotaMW-(p.StartedMW-p.BeyondQuotaMW)) }

// enforce detects building beyond quota with probability planner.enforcement (one draw per offending
// province, in province order), fines it and halts a share of it.
func (m *Model) enforce() {
	w := m.W
	m.Planner.Detected = m.Planner.Detected[:0]
	for i := range w.Provinces {
		m.enforceProvince(i, w.Provinces[i].BeyondQuotaMW)
	}
	slices.Sort(m.Planner.Detected)
}

// enforceProvince draws whether the planner detects mw built beyond quota by province i (no draw when
// there is none), fines it and halts a share.
func (m *Model) enforceProvince(i int, mw float64) {
	w := m.W
	pl := &w.Scn.Planner
	p := w.Provinces[i]
	if mw <= 0 || m.Rng.Float64() >= w.Policy.Enforcement {
		return
	}
	p.Penalised = true
	fine := mw * pl.PenaltyMYuanPerMW / 1000
	p.Ledger.Penalties += fine
	halted := w.HaltBeyondQuota(i, pl.HaltShare)
	m.Penalties = append(m.Penalties, Penalty{Month: w.Now, Province: i, BeyondMW: mw, FineBn: fine, HaltedMW: halted})
	if !slices.Contains(m.Planner.Detected, i) {
		m.Planner.Detected = append(m.Planner.Detected, i)
	}
}

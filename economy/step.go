package economy

import (
	"math/rand/v2"

	"dongshu/configs"
	"dongshu/economy/detmath"
)

// The phases below are the economy's part of the monthly step; agents.Model.Step calls them in the order
// of the design (events, decisions, construction, demand, allocation, operations, metrics).

// BeginMonth moves the clock to month m, clears the month's flows and applies the yearly and monthly
// drifts (land-sale decline each January; power price and spare generation drift monthly).
func (w *World) BeginMonth() {
	w.Now++
	pw := &w.Scn.Power
	priceStep := w.priceStep.Get(1+pw.PriceDriftPerYear, 1.0/12, detmath.Pow)
	spareStep := w.spareStep.Get(1+pw.SpareGrowthPerYear, 1.0/12, detmath.Pow)
	for _, p := range w.Provinces {
		p.Ledger = Ledger{}
		if w.Now.MonthOfYear() == 1 && w.Now != w.Start { // the first year earns land_sale_bn_yuan
			p.LandSale *= 1 - w.Scn.Fiscal.LandSaleDecline
		}
		p.PowerPrice *= priceStep
		p.SparePowerMW *= spareStep
	}
	for p := range w.UnservedMW {
		clear(w.UnservedMW[p])
	}
	w.applyWorldLevers()
}

// applyWorldLevers brings the world levers' effects up to date at the start of a month: the extra
// demand growth compounds one month, the latency bounds follow their lever. Transit cost is read
// directly (w.Policy.TransitCost). At the levers' neutral levels nothing changes, to the bit.
func (w *World) applyWorldLevers() {
	if g := w.Policy.ExtraGrowth; g != 0 {
		w.DemandLift *= w.liftStep.Get(1+g, 1.0/12, detmath.Pow)
	}
	w.applyRTTBounds()
}

// SetLever sets a policy lever's level from now on (a policy event, a what-if, a human planner), with what
// derives from it: the latency bounds in force follow at once, so that this month's routes see them.
func (w *World) SetLever(l configs.Lever, level float64) {
	*l.Spec().Level(&w.Policy) = level
	w.applyRTTBounds()
}

// applyRTTBounds sets each class's bound in force from its configured bound and the lever.
func (w *World) applyRTTBounds() {
	for c := range w.Classes {
		cl := &w.Classes[c]
		cl.RTTBoundMs = cl.Cfg.RTTBoundMs
		if ch := w.Policy.RTTBoundChange; ch != 0 {
			cl.RTTBoundMs *= 1 + ch
		}
	}
}

// OpenDueEvents fires the dated network programme and hub designations due this month; it returns the
// IXPs and fibre lines that opened.
func (w *World) OpenDueEvents() (ixps []int, lines [][2]int) {
	ixps, lines = w.Net.OpenDue()
	w.UpdateHubs()
	return ixps, lines
}

// GenerateDemand draws this month's demand, expires due contracts and releases work placed beyond
// what is now demanded, so that the allocator sees exactly the work left to place.
func (w *World) GenerateDemand(rng *rand.Rand) {
	w.Demand.Generate(rng)
	w.DemandDraws++
	w.Contracts.Advance()
	if w.Now == w.Start {
		w.seedContracts()
	}
	for o, demand := range w.DemandMW {
		w.Contracts.Trim(o, demand)
	}
}

// Allocate places the work left to place: energy prices and latencies are brought up to date, the
// instance is built and solved exactly, placements become contracts, the rest is unserved.
func (w *World) Allocate() error {
	w.PrepareAllocation()
	return w.FinishAllocation()
}

// PrepareAllocation brings energy prices and latencies up to date and builds this month's allocation
// instance (w.Alloc) without solving it; FinishAllocation solves and books it.
func (w *World) PrepareAllocation() {
	w.updateEnergyCosts()
	w.Net.Update()
	w.Alloc.Prepare(w)
}

// FinishAllocation solves the prepared instance, books the placements and records served and unserved
// work.
func (w *World) FinishAllocation() error {
	if err := w.Alloc.Solve(w); err != nil {
		return err
	}
	for o, demand := range w.DemandMW {
		served, unserved := w.ServedMW[o][:len(demand)], w.UnservedMW[o][:len(demand)]
		for c, d := range demand {
			s := toMW(w.Contracts.Placed(o, c))
			served[c] = s
			// Rounding to whole kW leaves under 1 kW per cell unplaced; it counts as unserved so that
			// served + unserved = demand holds exactly.
			unserved[c] = d - s
		}
		w.RemoteAccelMW[o] = toMW(w.Contracts.Abroad(o))
	}
	return nil
}

// updateEnergyCosts sets each site's energy cost per MWh of facility energy: the power price, marked up
// as data-centre load added since the start eats the spare generation (grid stress), less the local
// subsidy. The load the grid already carried at the start is priced as it was.
func (w *World) updateEnergyCosts() {
	markup := w.Scn.Power.ScarcityMarkup
	for _, p := range w.Provinces {
		stress := p.GridStress()
		price := float64(p.PowerPrice * p.PriceFactor * (1 + float64(markup*stress*stress)))
		p.EnergyCostMWh = max(0, price-p.LocalSubsidy) * 1000
		if g := p.GreenShare; g > 0 { // matched energy comes from the builds' own renewables
			p.EnergyCostMWh = float64((1-g)*p.EnergyCostMWh) + float64(g*w.Scn.Green.EnergyPrice*1000)
		}
	}
}

// Operate runs the data centres for the month and books the accounts: energy, emissions, water, sales,
// taxes, subsidies, interest and the change in debt.
func (w *World) Operate() {
	dc := &w.Scn.DataCentres
	fs := &w.Scn.Fiscal
	for _, p := range w.Provinces {
		p.UsedMW = toMW(w.Contracts.Used(p.Index))
		p.UsedAccelMW = toMW(w.Contracts.UsedAccel(p.Index))
		p.RemoteInMW = toMW(w.Contracts.RemoteIn(p.Index))
		p.CorridorLoad = 0
		if p.CorridorMW > 0 {
			p.CorridorLoad = p.RemoteInMW / p.CorridorMW
		}
		idle := max(0, p.UsableMW()-p.UsedMW) // capacity down (outage, drought) draws nothing
		itMWh := p.UsedMW * HoursPerMonth
		p.EnergyMWh = (p.UsedMW + float64(dc.IdleLoad*idle)) * p.PUE * HoursPerMonth
		p.FacilityLoadMW = p.EnergyMWh / HoursPerMonth
		p.CO2t = p.EnergyMWh * p.Cfg.Thermal * w.Scn.Power.ThermalCO2
		gridMWh := p.EnergyMWh
		if g := p.GreenShare; g > 0 { // the matched share runs on the builds' own renewables, off the grid
			gridMWh = (1 - g) * p.EnergyMWh
			p.FacilityLoadMW = gridMWh / HoursPerMonth
			p.CO2t = float64(gridMWh*p.Cfg.Thermal*w.Scn.Power.ThermalCO2) + float64(g*p.EnergyMWh*w.Scn.Green.RenewableCO2)
		}
		if w.Now == w.Start {
			p.BaseLoadMW = p.FacilityLoadMW
		}
		p.WaterM3 = itMWh * p.WUE // L/kWh = m3/MWh
		p.SalesYuan = itMWh * dc.PricePerMWh

		l := &p.Ledger
		l.GeneralRevenue = p.BaseRevenue / 12
		l.LandSales = p.LandSale / 12
		l.DCTaxes = fs.TaxRate * p.SalesYuan / 1e9
		l.BaseSpending = p.BaseSpending / 12
		l.Subsidies = p.LocalSubsidy * gridMWh * 1000 / 1e9 // the subsidy discounts grid power
		l.Interest = max(0, p.Debt) * fs.InterestRate / 12
		p.Debt += l.Spending() - l.Revenue()
	}
}

// seedContracts places the work of the first month that the history before the run had placed: each
// province's demand runs in its own data centres as far as they reach (classes in scenario order, hot
// first), under contracts whose remaining terms are spread evenly over the class's contract length. This
// is the legacy the run starts from; the allocator re-tenders it as contracts expire.
func (w *World) seedContracts() {
	occ := w.Scn.DataCentres.MaxOccupancy
	for o, p := range w.Provinces {
		gen := kW((p.OnlineMW - p.AccelOnlineMW) * occ * p.Usable)
		acc := kW(p.AccelOnlineMW * occ * p.Usable)
		for c, cl := range w.Classes {
			room := &gen
			if cl.Cfg.NeedsAccelerator {
				room = &acc
			}
			take := min(*room, kW(w.DemandMW[o][c]))
			*room -= take
			n := int64(cl.Cfg.ContractMonths)
			for k := int64(1); k <= n; k++ {
				part := take/n + min(1, max(0, take%n-k+1)) // spread the remainder over the first terms
				w.Contracts.Add(o, c, o, cl.Cfg.NeedsAccelerator, part, int(k))
			}
		}
	}
}

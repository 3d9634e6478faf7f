package economy

import "slices"

// Column is one metric of the time series.
type Column struct {
	Name, Unit, Definition string
}

// Scope is a set of provinces metrics are summed over.
type Scope struct {
	Name    string
	Members []int
}

// Fixed metric columns, in output order; the served_<class>_mw columns follow ColDemand. Adding a column
// is a constant here and its row in fixedColumns (a test fails on a missing row, name, unit, or a column
// docs/ODD.md section 8 does not define).
const (
	ColCapacity = iota
	ColBuilding
	ColUsed
	ColUtilisation
	ColAccelCapacity
	ColDemand
	ColUnserved
	ColQuota
	ColOverQuota
	ColOverbuild
	ColRedundant
	ColEnergy
	ColCO2
	ColWater
	ColFarmland
	ColDebt
	ColRevenue
	ColSpending
	ColJobs
	ColNearestRTT
	ColRemoteAccel
	ColVault
	numFixed
)

// fixedColumns is keyed by the column constant, so the order of the rows cannot drift from the block.
var fixedColumns = [numFixed]Column{
	ColCapacity:      {"capacity_mw", "MW", "IT capacity online at month end"},
	ColBuilding:      {"building_mw", "MW", "IT capacity under construction"},
	ColUsed:          {"used_mw", "MW", "work running at the scope's data centres (by site)"},
	ColUtilisation:   {"utilisation", "1", "used_mw / capacity_mw (0 when there is no capacity)"},
	ColAccelCapacity: {"accelerator_mw", "MW", "accelerator (AI) capacity online"},
	ColDemand:        {"demand_mw", "MW", "work demanded by the scope's economy (by origin)"},
	ColUnserved:      {"unserved_mw", "MW", "demand_mw not in place anywhere at month end"},
	ColQuota:         {"quota_mw", "MW", "quota granted to the scope in this year's round"},
	ColOverQuota:     {"over_quota_mw", "MW", "capacity started beyond quota this year (after any halt)"},
	ColOverbuild:     {"overbuild_mw", "MW", "sum over provinces of capacity beyond used / planner.target_utilisation"},
	ColRedundant:     {"redundant_mw", "MW", "sum over provinces of idle capacity matched by idle capacity in a neighbour: min(idle, idle of neighbours)"},
	ColEnergy:        {"energy_mwh", "MWh", "facility energy this month: (used + idle_load x idle) x PUE x hours"},
	ColCO2:           {"co2_t", "t", "emissions of that energy at the province's thermal share"},
	ColWater:         {"water_m3", "m3", "cooling water: IT energy x WUE"},
	ColFarmland:      {"farmland_ha", "ha", "farmland taken for data centres so far"},
	ColDebt:          {"debt_bn_yuan", "bn yuan", "local government debt"},
	ColRevenue:       {"revenue_bn_yuan", "bn yuan", "fiscal revenue this month"},
	ColSpending:      {"spending_bn_yuan", "bn yuan", "fiscal spending this month"},
	ColJobs:          {"jobs", "jobs", "construction jobs on capacity being built plus operations jobs on capacity online"},
	ColNearestRTT:    {"nearest_rtt_ms", "ms", "demand-weighted round trip from where work is made to the nearest province with capacity online"},
	ColRemoteAccel:   {"remote_accel_mw", "MW", "accelerator work of the scope's economy running abroad, in foreign clouds, at month end (by origin)"},
	ColVault:         {"vault_mw", "MW", "work of the scope's economy served from the digital vault beyond its latency bound this month (by origin)"},
}

// Columns lists every metric column for a world's classes: the fixed ones with served_<class>_mw
// inserted after demand_mw.
func (w *World) Columns() []Column {
	cols := make([]Column, 0, numFixed+len(w.Classes))
	cols = append(cols, fixedColumns[:ColDemand+1]...)
	for _, c := range w.Classes {
		cols = append(cols, Column{"served_" + c.ID + "_mw", "MW", "demand of class " + c.ID + " in place at month end (by origin)"})
	}
	return append(cols, fixedColumns[ColDemand+1:]...)
}

// col maps a fixed column to its position in a row.
func (w *World) col(k int) int {
	if k > ColDemand {
		return k + len(w.Classes)
	}
	return k
}

// ServedCol is the row position of served_<class>_mw.
func (w *World) ServedCol(c int) int { return ColDemand + 1 + c }

// Col is the row position of a fixed column.
func (w *World) Col(k int) int { return w.col(k) }

// Aggregate identifies one of the aggregate scopes, which come first in Scopes, in this order, before
// one scope per province: a row of a month's scope rows is found by its Aggregate, never by a literal
// position.
type Aggregate int

// The aggregate scopes (their names and members in aggregates).
const (
	ScopeNational Aggregate = iota
	ScopeEastHubs
	ScopeWestHubs
	ScopeNorthwest
	ScopeRegionEast
	ScopeRegionCentral
	ScopeRegionWest
	ScopeRegionNortheast
	NumAggregates
)

// NorthwestIDs are the provinces of the 2022 north-west fact (Inner Mongolia, Ningxia, Gansu:
// docs/sources.md).
var NorthwestIDs = []string{"inner_mongolia", "ningxia", "gansu"}

// aggregates names each aggregate scope and says which provinces it holds.
var aggregates = [NumAggregates]struct {
	name   string
	member func(w *World, p *Province) bool
}{
	ScopeNational:        {"national", func(*World, *Province) bool { return true }},
	ScopeEastHubs:        {"east_hubs", func(w *World, p *Province) bool { return p.Hub >= 0 && w.Hubs[p.Hub].Side == EastHub }},
	ScopeWestHubs:        {"west_hubs", func(w *World, p *Province) bool { return p.Hub >= 0 && w.Hubs[p.Hub].Side != EastHub }},
	ScopeNorthwest:       {"northwest", func(_ *World, p *Province) bool { return slices.Contains(NorthwestIDs, p.ID) }},
	ScopeRegionEast:      {"region_east", inRegion("east")},
	ScopeRegionCentral:   {"region_central", inRegion("central")},
	ScopeRegionWest:      {"region_west", inRegion("west")},
	ScopeRegionNortheast: {"region_northeast", inRegion("northeast")},
}

func inRegion(r string) func(*World, *Province) bool {
	return func(_ *World, p *Province) bool { return p.Cfg.Region == r }
}

// String is the aggregate scope's name in the outputs.
func (a Aggregate) String() string { return aggregates[a].name }

// Scopes returns the aggregate scopes (in Aggregate order) followed by one scope per province, in output
// order.
func (w *World) Scopes() []Scope {
	scopes := make([]Scope, 0, int(NumAggregates)+len(w.Provinces))
	for a := range NumAggregates {
		sc := Scope{Name: a.String()}
		for _, p := range w.Provinces {
			if aggregates[a].member(w, p) {
				sc.Members = append(sc.Members, p.Index)
			}
		}
		scopes = append(scopes, sc)
	}
	for _, p := range w.Provinces {
		scopes = append(scopes, Scope{p.ID, []int{p.Index}})
	}
	return scopes
}

// Jobs is the data-centre jobs of a province: construction jobs on capacity being built plus operations
// jobs on capacity online (the jobs column).
func (w *World) Jobs(p int) float64 {
	pr, dc := w.Provinces[p], &w.Scn.DataCentres
	return float64(pr.BuildingMW*dc.JobsPerMWBuilding) + float64(pr.OnlineMW*dc.JobsPerMWOnline)
}

// ColumnSet is a set of row positions (World.Columns) that a consumer of the metric rows reads; the nil
// set holds every column. It lists the positions ScopeRow sums as well as marking them, so that a row
// costs the columns read, not a test of every column.
type ColumnSet struct {
	wanted []bool // by row position
	summed []int  // the positions wanted, and capacity, use and demand, which the ratios read; increasing
}

// NewColumnSet makes the set of the row positions marked in wanted (len(Columns())).
func (w *World) NewColumnSet(wanted []bool) *ColumnSet {
	cs := &ColumnSet{wanted: slices.Clone(wanted)}
	for i, in := range wanted {
		if in || i == w.col(ColCapacity) || i == w.col(ColUsed) || i == w.col(ColDemand) {
			cs.summed = append(cs.summed, i)
		}
	}
	return cs
}

// Has reports whether the set holds row position i.
func (cs *ColumnSet) Has(i int) bool { return cs == nil || cs.wanted[i] }

// ProvinceRow fills row (len(Columns())) with one province's metrics this month; utilisation is left for
// the scope sum to compute from capacity and use. cols is the columns wanted (nil: all); a column that
// costs more than reading the world (unserved, redundant capacity, nearest_rtt_ms) is left at 0 when not
// wanted, the others are always filled. Demand is always filled.
func (w *World) ProvinceRow(p int, row []float64, cols *ColumnSet) {
	pr := w.Provinces[p]
	dc := &w.Scn.DataCentres
	dm, sv := w.DemandMW[p], w.ServedMW[p]
	// The fixed columns before and after served_<class>_mw, sliced to their lengths so that the constant
	// positions below (tail[k-afterServed] is fixed column k > ColDemand) need no bounds checks.
	const afterServed = ColDemand + 1
	head, served := row[:afterServed], row[afterServed:][:len(dm)]
	tail := row[afterServed+len(dm):][:numFixed-afterServed]
	head[ColCapacity] = pr.OnlineMW
	head[ColBuilding] = pr.BuildingMW
	head[ColUsed] = pr.UsedMW
	head[ColUtilisation] = 0
	head[ColAccelCapacity] = pr.AccelOnlineMW
	demand, unserved := 0.0, 0.0 // summed in class order, as row += would
	sv = sv[:len(dm)]
	for c, d := range dm {
		demand += d
		served[c] = sv[c]
	}
	if cols.Has(w.col(ColUnserved)) {
		for _, u := range w.UnservedMW[p] {
			unserved += u
		}
	}
	head[ColDemand] = demand
	tail[ColUnserved-afterServed] = unserved
	tail[ColQuota-afterServed] = pr.QuotaMW
	tail[ColOverQuota-afterServed] = pr.BeyondQuotaMW
	tail[ColOverbuild-afterServed] = max(0, pr.OnlineMW-pr.UsedMW/w.Scn.Planner.TargetUtilisation)
	tail[ColRedundant-afterServed] = 0
	if cols.Has(w.col(ColRedundant)) {
		idle := max(0, float64(pr.OnlineMW*dc.MaxOccupancy)-pr.UsedMW)
		nIdle := 0.0
		for _, q := range pr.Neighbours {
			qq := w.Provinces[q]
			nIdle += max(0, float64(qq.OnlineMW*dc.MaxOccupancy)-qq.UsedMW)
		}
		tail[ColRedundant-afterServed] = min(idle, nIdle)
	}
	tail[ColEnergy-afterServed] = pr.EnergyMWh
	tail[ColCO2-afterServed] = pr.CO2t
	tail[ColWater-afterServed] = pr.WaterM3
	tail[ColFarmland-afterServed] = pr.FarmlandHa
	tail[ColDebt-afterServed] = pr.Debt
	tail[ColRevenue-afterServed] = pr.Ledger.Revenue()
	tail[ColSpending-afterServed] = pr.Ledger.Spending()
	tail[ColJobs-afterServed] = w.Jobs(p)
	tail[ColNearestRTT-afterServed] = 0
	if cols.Has(w.col(ColNearestRTT)) {
		tail[ColNearestRTT-afterServed] = w.nearestRTT(p) * demand // weighted; divided in ScopeRow
	}
	tail[ColRemoteAccel-afterServed] = w.RemoteAccelMW[p]
	tail[ColVault-afterServed] = w.VaultMW[p]
}

// nearestRTT is the round trip from p to the province with capacity online that is nearest in latency
// (usually p itself; a neighbour's cluster can be nearer than p's own): how far a province's users sit
// from any data centre, whatever its spare capacity.
func (w *World) nearestRTT(p int) float64 {
	best := -1.0
	n := len(w.Provinces)
	rtts := w.Net.RTT[p*n : (p+1)*n] // Latency(p, s), the row read once
	for s, ps := range w.Provinces {
		if ps.OnlineMW <= 0 {
			continue
		}
		if rtt := rtts[s]; best < 0 || rtt < best {
			best = rtt
		}
	}
	return max(best, 0)
}

// ScopeRow sums province rows (indexed by province) into a scope row and derives the ratios. cols is the
// columns wanted (nil: all); the others are left at 0, but for capacity, use and demand, which the ratios
// read.
func (w *World) ScopeRow(members []int, provinceRows [][]float64, row []float64, cols *ColumnSet) {
	clear(row)
	if cols == nil {
		for _, p := range members {
			pr := provinceRows[p]
			sum := row[:len(pr)] // no bounds check in the loop
			for i, v := range pr {
				sum[i] += v
			}
		}
	} else {
		for _, i := range cols.summed {
			sum := 0.0 // in member order, as above
			for _, p := range members {
				sum += provinceRows[p][i]
			}
			row[i] = sum
		}
	}
	u := w.col(ColUtilisation)
	row[u] = 0
	if capMW := row[w.col(ColCapacity)]; capMW > 0 {
		row[u] = row[w.col(ColUsed)] / capMW
	}
	lat := w.col(ColNearestRTT)
	if d := row[w.col(ColDemand)]; d > 0 {
		row[lat] /= d
	} else {
		row[lat] = 0
	}
}

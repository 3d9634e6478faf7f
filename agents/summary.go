package agents

import (
	"bytes"
	"encoding/json"

	"dongshu/configs"
	"dongshu/economy"
)

// RackKW is the Chinese "standard rack" (docs/sources.md): capacity in MW / RackKW * 1000 = racks.
const RackKW = 2.5

// Outcome identifies one headline outcome of a run: a number a sweep compares across runs. Adding one
// is a constant in the block below and its row in outcomeSpecs (name, unit, label, explanation and how
// it is observed); summary.json, runs.csv, the report and the calibration targets derive from the table,
// and a test fails on a missing row.
type Outcome int

// The headline outcomes, in output order (summary.json fields, runs.csv columns).
const (
	NorthwestUtil2022 Outcome = iota
	EastHubsUtil2022
	WestHubsUtil2022
	NationalUtil2022
	NorthwestBuilt2022
	RacksEnd2021M
	RacksEnd2023M
	CapacityEndMW
	UsedEndMW
	UtilisationEnd
	NorthwestUtilEnd
	OverbuildEndMW
	OverbuildMeanMW
	RedundantEndMW
	OverQuotaTotalMW
	UnservedShare
	CO2TotalMt
	EnergyTotalTWh
	WaterTotalMm3
	FarmlandEndHa
	DebtEndBnYuan
	JobsEnd
	numOutcomes
)

// OutcomeSpec is everything the programs know of one headline outcome.
type OutcomeSpec struct {
	Name    string // field of summary.json and column of runs.csv
	Unit    string // as the report shows it
	Label   string // the report's title for it
	Explain string // one sentence for a reader of the report
	obs     observation
}

// stat is how an outcome folds the monthly rows.
type stat int

const (
	yearMean      stat = iota // mean over the months of obs.month's year
	atMonth                   // the value in obs.month, through obs.scale if set
	final                     // the value in the last month
	runMean                   // mean over every month
	runTotal                  // sum over every month of value / obs.div
	ratioOfTotals             // sum of col over sum of den (0 while the denominator is 0)
	custom                    // obs.fold
)

// observation says how an outcome is observed: which column of which named scope, folded how. A custom
// fold names the scope and column it reads, in every month (noColumn: it reads the world, not the rows), so
// that HeadlineReads can list them.
type observation struct {
	stat     stat
	scope    economy.Aggregate
	col, den int // fixed columns (economy.Col*)
	month    configs.Month
	div      float64
	scale    func(float64) float64
	fold     func(h *Headline, w *economy.World, month configs.Month, rows [][]float64)
}

const share = "share, 0-1"

// noColumn is the column of an observation that reads no row.
const noColumn = -1

// HeadlineReads lists what the headline outcomes read (Headline.Observe), and in which months, for
// Model.Track: most outcomes fold every month, but a year's mean reads that year alone and a final value
// the last month alone.
func HeadlineReads(w *economy.World) []Read {
	var reads []Read
	for o := range numOutcomes {
		ob := &outcomeSpecs[o].obs
		if ob.col == noColumn {
			continue
		}
		in := ob.months(w)
		reads = append(reads, Read{Scope: int(ob.scope), Col: w.Col(ob.col), In: in})
		if ob.stat == ratioOfTotals {
			reads = append(reads, Read{Scope: int(ob.scope), Col: w.Col(ob.den), In: in})
		}
	}
	return reads
}

// months reports the months whose rows the observation reads (nil: every month), as Headline.Observe
// folds them; a final value is overwritten every month, so only the last month's counts.
func (ob *observation) months(w *economy.World) func(configs.Month) bool {
	switch ob.stat {
	case yearMean:
		year := ob.month.Year()
		return func(m configs.Month) bool { return m.Year() == year }
	case atMonth:
		at := ob.month
		return func(m configs.Month) bool { return m == at }
	case final:
		end := w.End
		return func(m configs.Month) bool { return m == end }
	}
	return nil
}

var y2022, dec2021, dec2022, dec2023 = configs.NewMonth(2022, 1), configs.NewMonth(2021, 12), configs.NewMonth(2022, 12), configs.NewMonth(2023, 12)

func racks(mw float64) float64 { return mw / RackKW / 1000 } // MW -> million racks

func util2022(a economy.Aggregate) observation {
	return observation{stat: yearMean, scope: a, col: economy.ColUtilisation, month: y2022}
}

func national(s stat, col int) observation {
	return observation{stat: s, scope: economy.ScopeNational, col: col}
}

func nationalTotal(col int, div float64) observation {
	return observation{stat: runTotal, scope: economy.ScopeNational, col: col, div: div}
}

var outcomeSpecs = [numOutcomes]OutcomeSpec{
	NorthwestUtil2022: {"northwest_utilisation_2022", share, "North-west hubs utilisation, 2022",
		"How full the data centres of Inner Mongolia, Ningxia and Gansu were on average in 2022 (real world: about 0.30).",
		util2022(economy.ScopeNorthwest)},
	EastHubsUtil2022: {"east_hubs_utilisation_2022", share, "Eastern hubs utilisation, 2022",
		"How full the data centres in the eastern hub provinces were on average in 2022 (real world: above 0.65).",
		util2022(economy.ScopeEastHubs)},
	WestHubsUtil2022: {"west_hubs_utilisation_2022", share, "Western hubs utilisation, 2022",
		"How full the data centres in the western hub provinces were on average in 2022.",
		util2022(economy.ScopeWestHubs)},
	NationalUtil2022: {"national_utilisation_2022", share, "National utilisation, 2022",
		"Share of all capacity in China that was in use, averaged over 2022.",
		util2022(economy.ScopeNational)},
	NorthwestBuilt2022: {"northwest_built_share_2022", share, "North-west capacity built during the run, 2022",
		"Share of the north-west's capacity online at the end of 2022 that the provinces started during the run (the rest is the starting stock).",
		observation{stat: custom, fold: foldBuiltShare, col: noColumn}},
	RacksEnd2021M: {"racks_end_2021_m", "million racks", "Standard racks, end of 2021",
		"Capacity online counted in 2.5 kW standard racks (real world: 5.2 million).",
		observation{stat: atMonth, scope: economy.ScopeNational, col: economy.ColCapacity, month: dec2021, scale: racks}},
	RacksEnd2023M: {"racks_end_2023_m", "million racks", "Standard racks, end of 2023",
		"Capacity online counted in 2.5 kW standard racks (real world: 8.1 million).",
		observation{stat: atMonth, scope: economy.ScopeNational, col: economy.ColCapacity, month: dec2023, scale: racks}},
	CapacityEndMW: {"capacity_end_mw", "MW", "Capacity online, final month",
		"All data-centre IT capacity built and running at the end of the run.", national(final, economy.ColCapacity)},
	UsedEndMW: {"used_end_mw", "MW", "Capacity in use, final month",
		"IT capacity actually doing work at the end of the run.", national(final, economy.ColUsed)},
	UtilisationEnd: {"utilisation_end", share, "National utilisation, final month",
		"Capacity in use divided by capacity online at the end of the run.", national(final, economy.ColUtilisation)},
	NorthwestUtilEnd: {"northwest_utilisation_end", share, "North-west utilisation, final month",
		"How full the north-west data centres are at the end of the run.",
		observation{stat: final, scope: economy.ScopeNorthwest, col: economy.ColUtilisation}},
	OverbuildEndMW: {"overbuild_end_mw", "MW", "Overbuild, final month",
		"Capacity beyond what the work running needs at the planner's target utilisation, summed over provinces.",
		national(final, economy.ColOverbuild)},
	OverbuildMeanMW: {"overbuild_mean_mw", "MW", "Overbuild, average over the run",
		"The same overbuild, averaged over every month from start to end.", national(runMean, economy.ColOverbuild)},
	RedundantEndMW: {"redundant_end_mw", "MW", "Redundant capacity, final month",
		"Idle capacity in provinces whose neighbours also sit idle: duplicated building.", national(final, economy.ColRedundant)},
	OverQuotaTotalMW: {"over_quota_total_mw", "MW", "Built beyond quota, all years",
		"Capacity provinces started beyond the planner's yearly quotas, added up over the run.",
		observation{stat: custom, fold: foldOverQuota, scope: economy.ScopeNational, col: economy.ColOverQuota}},
	UnservedShare: {"unserved_share", share, "Unserved demand",
		"Share of the computing work demanded that found no data centre.",
		observation{stat: ratioOfTotals, scope: economy.ScopeNational, col: economy.ColUnserved, den: economy.ColDemand}},
	CO2TotalMt: {"co2_total_mt", "Mt CO2", "CO2 emitted, whole run",
		"Carbon dioxide from the electricity data centres used, added up over the run.", nationalTotal(economy.ColCO2, 1e6)},
	EnergyTotalTWh: {"energy_total_twh", "TWh", "Electricity used, whole run",
		"Electricity data centres used, added up over the run.", nationalTotal(economy.ColEnergy, 1e6)},
	WaterTotalMm3: {"water_total_mm3", "million m3", "Cooling water, whole run",
		"Water used to cool data centres, added up over the run.", nationalTotal(economy.ColWater, 1e6)},
	FarmlandEndHa: {"farmland_end_ha", "ha", "Farmland taken, final month",
		"Farmland built over by data centres by the end of the run.", national(final, economy.ColFarmland)},
	DebtEndBnYuan: {"debt_end_bn_yuan", "bn yuan", "Local government debt, final month",
		"Debt of all provincial governments at the end of the run.", national(final, economy.ColDebt)},
	JobsEnd: {"jobs_end", "jobs", "Data-centre jobs, final month",
		"Construction and operations jobs at data centres at the end of the run.", national(final, economy.ColJobs)},
}

// Outcomes lists every headline outcome in output order.
func Outcomes() []Outcome {
	out := make([]Outcome, numOutcomes)
	for i := range out {
		out[i] = Outcome(i)
	}
	return out
}

// Spec is the outcome's row of the table.
func (o Outcome) Spec() OutcomeSpec { return outcomeSpecs[o] }

// String is the outcome's name in the outputs.
func (o Outcome) String() string { return outcomeSpecs[o].Name }

// ParseOutcome finds an outcome by its name.
func ParseOutcome(name string) (Outcome, bool) {
	for o := range numOutcomes {
		if outcomeSpecs[o].Name == name {
			return o, true
		}
	}
	return 0, false
}

// HeadlineNames lists the headline outcomes' names in output order (for tables and CSV columns).
func HeadlineNames() []string {
	names := make([]string, numOutcomes)
	for o := range numOutcomes {
		names[o] = outcomeSpecs[o].Name
	}
	return names
}

// Headline is a run's headline outcomes, folded month by month by Observe.
type Headline struct {
	v        [numOutcomes]float64
	sum, den [numOutcomes]float64 // running sums of the folds that need them
	n        [numOutcomes]int
	Months   int
}

// Get is one outcome's value so far.
func (h *Headline) Get(o Outcome) float64 { return h.v[o] }

// Values returns the headline outcomes in output order.
func (h *Headline) Values() []float64 { return append([]float64(nil), h.v[:]...) }

// MarshalJSON writes the outcomes as an object in output order, then "months".
func (h Headline) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for o := range numOutcomes {
		v, err := json.Marshal(h.v[o])
		if err != nil {
			return nil, err
		}
		b.WriteString(`"` + outcomeSpecs[o].Name + `":`)
		b.Write(v)
		b.WriteByte(',')
	}
	b.WriteString(`"months":`)
	months, _ := json.Marshal(h.Months)
	b.Write(months)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Observe folds one month's scope rows (in Model.Scopes order: the aggregates first, by
// economy.Aggregate) into the headline.
func (h *Headline) Observe(w *economy.World, month configs.Month, rows [][]float64) {
	h.Months++
	for o := range numOutcomes {
		ob := &outcomeSpecs[o].obs
		if ob.stat == custom {
			ob.fold(h, w, month, rows)
			continue
		}
		row := rows[ob.scope]
		v := row[w.Col(ob.col)]
		switch ob.stat {
		case yearMean:
			if month.Year() == ob.month.Year() {
				h.sum[o] += v
				h.n[o]++
				h.v[o] = h.sum[o] / float64(h.n[o])
			}
		case atMonth:
			if month == ob.month {
				if ob.scale != nil {
					v = ob.scale(v)
				}
				h.v[o] = v
			}
		case final:
			h.v[o] = v
		case runMean:
			h.sum[o] += v
			h.v[o] = h.sum[o] / float64(h.Months)
		case runTotal:
			h.v[o] += v / ob.div
		case ratioOfTotals:
			h.den[o] += row[w.Col(ob.den)]
			h.sum[o] += v
			if h.den[o] > 0 {
				h.v[o] = h.sum[o] / h.den[o]
			}
		}
	}
}

// foldOverQuota adds each round's over-quota total: over_quota_mw holds the current round's total, final
// in the month before the next round (or the last month).
func foldOverQuota(h *Headline, w *economy.World, month configs.Month, rows [][]float64) {
	if month.MonthOfYear()%12 == (w.Scn.Planner.QuotaMonth+11)%12 || month == w.End {
		h.v[OverQuotaTotalMW] += rows[economy.ScopeNational][w.Col(economy.ColOverQuota)]
	}
}

func foldBuiltShare(h *Headline, w *economy.World, month configs.Month, _ [][]float64) {
	if month == dec2022 {
		h.v[NorthwestBuilt2022] = builtShare(w, economy.NorthwestIDs)
	}
}

// builtShare is the share of the capacity online now in the provinces ids that started during the run.
func builtShare(w *economy.World, ids []string) float64 {
	in := make([]bool, len(w.Provinces))
	for _, id := range ids {
		if i := w.ProvinceIndex(id); i >= 0 {
			in[i] = true
		}
	}
	online, built := 0.0, 0.0
	for i := range w.DCs {
		d := &w.DCs[i]
		if d.State != economy.Online || !in[d.Province] {
			continue
		}
		online += d.MW
		if i >= w.SeededDCs {
			built += d.MW
		}
	}
	if online == 0 {
		return 0
	}
	return built / online
}

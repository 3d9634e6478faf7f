package agents

import (
	"dongshu/configs"
	"dongshu/economy"
)

// RackKW is the Chinese "standard rack" (docs/sources.md): capacity in MW / RackKW * 1000 = racks.
const RackKW = 2.5

// Headline is a run's headline outcomes, the numbers a sweep compares across runs.
type Headline struct {
	NorthwestUtil2022 float64 `json:"northwest_utilisation_2022"`
	EastHubsUtil2022  float64 `json:"east_hubs_utilisation_2022"`
	WestHubsUtil2022  float64 `json:"west_hubs_utilisation_2022"`
	NationalUtil2022  float64 `json:"national_utilisation_2022"`
	// NorthwestBuilt2022 is the share of the north-west's capacity online at end-2022 that started during
	// the run (the rest is the starting stock).
	NorthwestBuilt2022 float64 `json:"northwest_built_share_2022"`
	RacksEnd2021M      float64 `json:"racks_end_2021_m"`
	RacksEnd2023M      float64 `json:"racks_end_2023_m"`
	CapacityEndMW      float64 `json:"capacity_end_mw"`
	UsedEndMW          float64 `json:"used_end_mw"`
	UtilisationEnd     float64 `json:"utilisation_end"`
	NorthwestUtilEnd   float64 `json:"northwest_utilisation_end"`
	OverbuildEndMW     float64 `json:"overbuild_end_mw"`
	OverbuildMeanMW    float64 `json:"overbuild_mean_mw"`
	RedundantEndMW     float64 `json:"redundant_end_mw"`
	OverQuotaTotalMW   float64 `json:"over_quota_total_mw"`
	UnservedShare      float64 `json:"unserved_share"`
	CO2TotalMt         float64 `json:"co2_total_mt"`
	EnergyTotalTWh     float64 `json:"energy_total_twh"`
	WaterTotalMm3      float64 `json:"water_total_mm3"`
	FarmlandEndHa      float64 `json:"farmland_end_ha"`
	DebtEndBnYuan      float64 `json:"debt_end_bn_yuan"`
	JobsEnd            float64 `json:"jobs_end"`
	Months             int     `json:"months"`
	nwSum, eSum, wSum  float64
	natSum             float64
	n2022              int
	demandSum, unservd float64
	overbuildSum       float64
}

// HeadlineNames lists the headline outcomes in a fixed order (for tables and CSV columns).
func HeadlineNames() []string {
	return []string{"northwest_utilisation_2022", "east_hubs_utilisation_2022", "west_hubs_utilisation_2022",
		"national_utilisation_2022", "northwest_built_share_2022", "racks_end_2021_m", "racks_end_2023_m", "capacity_end_mw", "used_end_mw",
		"utilisation_end", "northwest_utilisation_end", "overbuild_end_mw", "overbuild_mean_mw", "redundant_end_mw",
		"over_quota_total_mw", "unserved_share", "co2_total_mt", "energy_total_twh", "water_total_mm3",
		"farmland_end_ha", "debt_end_bn_yuan", "jobs_end"}
}

// Values returns the headline outcomes in HeadlineNames order.
func (h *Headline) Values() []float64 {
	return []float64{h.NorthwestUtil2022, h.EastHubsUtil2022, h.WestHubsUtil2022, h.NationalUtil2022,
		h.NorthwestBuilt2022, h.RacksEnd2021M, h.RacksEnd2023M, h.CapacityEndMW, h.UsedEndMW, h.UtilisationEnd, h.NorthwestUtilEnd,
		h.OverbuildEndMW, h.OverbuildMeanMW, h.RedundantEndMW, h.OverQuotaTotalMW, h.UnservedShare, h.CO2TotalMt,
		h.EnergyTotalTWh, h.WaterTotalMm3, h.FarmlandEndHa, h.DebtEndBnYuan, h.JobsEnd}
}

// Observe folds one month's scope rows into the headline (scopes in Model.Scopes order: national,
// east_hubs, west_hubs, northwest first).
func (h *Headline) Observe(w *economy.World, month configs.Month, rows [][]float64) {
	nat, east, west, nw := rows[0], rows[1], rows[2], rows[3]
	c := w.Col
	h.Months++
	if month.Year() == 2022 {
		h.nwSum += nw[c(economy.ColUtilisation)]
		h.eSum += east[c(economy.ColUtilisation)]
		h.wSum += west[c(economy.ColUtilisation)]
		h.natSum += nat[c(economy.ColUtilisation)]
		h.n2022++
		n := float64(h.n2022)
		h.NorthwestUtil2022, h.EastHubsUtil2022 = h.nwSum/n, h.eSum/n
		h.WestHubsUtil2022, h.NationalUtil2022 = h.wSum/n, h.natSum/n
	}
	racks := nat[c(economy.ColCapacity)] / RackKW / 1000 // MW -> million racks
	if month == configs.NewMonth(2021, 12) {
		h.RacksEnd2021M = racks
	}
	if month == configs.NewMonth(2022, 12) {
		h.NorthwestBuilt2022 = builtShare(w, northwest)
	}
	if month == configs.NewMonth(2023, 12) {
		h.RacksEnd2023M = racks
	}
	// over_quota_mw holds the current round's total; it is final in the month before the next round.
	if month.MonthOfYear()%12 == (w.Scn.Planner.QuotaMonth+11)%12 || month == w.End {
		h.OverQuotaTotalMW += nat[c(economy.ColOverQuota)]
	}
	h.CapacityEndMW = nat[c(economy.ColCapacity)]
	h.UsedEndMW = nat[c(economy.ColUsed)]
	h.UtilisationEnd = nat[c(economy.ColUtilisation)]
	h.NorthwestUtilEnd = nw[c(economy.ColUtilisation)]
	h.OverbuildEndMW = nat[c(economy.ColOverbuild)]
	h.overbuildSum += nat[c(economy.ColOverbuild)]
	h.OverbuildMeanMW = h.overbuildSum / float64(h.Months)
	h.RedundantEndMW = nat[c(economy.ColRedundant)]
	h.demandSum += nat[c(economy.ColDemand)]
	h.unservd += nat[c(economy.ColUnserved)]
	if h.demandSum > 0 {
		h.UnservedShare = h.unservd / h.demandSum
	}
	h.CO2TotalMt += nat[c(economy.ColCO2)] / 1e6
	h.EnergyTotalTWh += nat[c(economy.ColEnergy)] / 1e6
	h.WaterTotalMm3 += nat[c(economy.ColWater)] / 1e6
	h.FarmlandEndHa = nat[c(economy.ColFarmland)]
	h.DebtEndBnYuan = nat[c(economy.ColDebt)]
	h.JobsEnd = nat[c(economy.ColJobs)]
}

// northwest lists the north-west provinces of the 2022 fact (Inner Mongolia, Ningxia, Gansu).
var northwest = []string{"inner_mongolia", "ningxia", "gansu"}

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

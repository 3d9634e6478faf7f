package report

import (
	"fmt"
	"math"
	"strings"
)

// HeadlineInfo is how the report shows one headline outcome.
type HeadlineInfo struct {
	Label, Unit, Explain string
}

const share = "share, 0-1"

var headlineInfos = map[string]HeadlineInfo{
	"northwest_utilisation_2022": {"North-west hubs utilisation, 2022", share, "How full the data centres of Inner Mongolia, Ningxia and Gansu were on average in 2022 (real world: about 0.30)."},
	"east_hubs_utilisation_2022": {"Eastern hubs utilisation, 2022", share, "How full the data centres in the eastern hub provinces were on average in 2022 (real world: above 0.65)."},
	"west_hubs_utilisation_2022": {"Western hubs utilisation, 2022", share, "How full the data centres in the western hub provinces were on average in 2022."},
	"national_utilisation_2022":  {"National utilisation, 2022", share, "Share of all capacity in China that was in use, averaged over 2022."},
	"racks_end_2021_m":           {"Standard racks, end of 2021", "million racks", "Capacity online counted in 2.5 kW standard racks (real world: 5.2 million)."},
	"racks_end_2023_m":           {"Standard racks, end of 2023", "million racks", "Capacity online counted in 2.5 kW standard racks (real world: 8.1 million)."},
	"capacity_end_mw":            {"Capacity online, final month", "MW", "All data-centre IT capacity built and running at the end of the run."},
	"used_end_mw":                {"Capacity in use, final month", "MW", "IT capacity actually doing work at the end of the run."},
	"utilisation_end":            {"National utilisation, final month", share, "Capacity in use divided by capacity online at the end of the run."},
	"northwest_utilisation_end":  {"North-west utilisation, final month", share, "How full the north-west data centres are at the end of the run."},
	"overbuild_end_mw":           {"Overbuild, final month", "MW", "Capacity beyond what the work running needs at the planner's target utilisation, summed over provinces."},
	"overbuild_mean_mw":          {"Overbuild, average over the run", "MW", "The same overbuild, averaged over every month from start to end."},
	"redundant_end_mw":           {"Redundant capacity, final month", "MW", "Idle capacity in provinces whose neighbours also sit idle: duplicated building."},
	"over_quota_total_mw":        {"Built beyond quota, all years", "MW", "Capacity provinces started beyond the planner's yearly quotas, added up over the run."},
	"unserved_share":             {"Unserved demand", share, "Share of the computing work demanded that found no data centre."},
	"co2_total_mt":               {"CO2 emitted, whole run", "Mt CO2", "Carbon dioxide from the electricity data centres used, added up over the run."},
	"energy_total_twh":           {"Electricity used, whole run", "TWh", "Electricity data centres used, added up over the run."},
	"water_total_mm3":            {"Cooling water, whole run", "million m3", "Water used to cool data centres, added up over the run."},
	"farmland_end_ha":            {"Farmland taken, final month", "ha", "Farmland built over by data centres by the end of the run."},
	"debt_end_bn_yuan":           {"Local government debt, final month", "bn yuan", "Debt of all provincial governments at the end of the run."},
	"jobs_end":                   {"Data-centre jobs, final month", "jobs", "Construction and operations jobs at data centres at the end of the run."},
	"months":                     {"Months simulated", "months", "Length of the run."},
}

// headlineInfo describes a headline outcome; names the report does not know get their unit guessed
// from the suffix.
func headlineInfo(name string) HeadlineInfo {
	if h, ok := headlineInfos[name]; ok {
		return h
	}
	unit := ""
	for _, s := range []struct{ suffix, unit string }{
		{"_mw", "MW"}, {"_mwh", "MWh"}, {"_twh", "TWh"}, {"_mt", "Mt"}, {"_mm3", "million m3"}, {"_ha", "ha"},
		{"_bn_yuan", "bn yuan"}, {"_share", share}, {"_ms", "ms"},
	} {
		if strings.HasSuffix(name, s.suffix) {
			unit = s.unit
		}
	}
	if strings.Contains(name, "utilisation") {
		unit = share
	}
	return HeadlineInfo{Label: strings.ReplaceAll(name, "_", " "), Unit: unit}
}

// interestingOutcomes are the outcomes drawn against each parameter, in panel order.
var interestingOutcomes = []string{"northwest_utilisation_2022", "east_hubs_utilisation_2022", "overbuild_end_mw", "over_quota_total_mw"}

// fmtNum formats a number for the tables: integers with thousands separators from 1000 up, about three
// significant digits below; NaN is a dash.
func fmtNum(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "–"
	case a >= 1000:
		return groupThousands(fmt.Sprintf("%.0f", v))
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	case a == 0:
		return "0"
	}
	return fmt.Sprintf("%.3f", v)
}

func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

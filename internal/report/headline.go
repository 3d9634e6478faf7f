package report

import (
	"strings"

	"dongshu/agents"
)

// HeadlineInfo is how the report shows one headline outcome.
type HeadlineInfo struct {
	Label, Unit, Explain string
}

const share = "share, 0-1"

// headlineInfos are the headline outcomes as agents' table describes them (summary.json's months: lang.outcome).
var headlineInfos = func() map[string]HeadlineInfo {
	m := map[string]HeadlineInfo{}
	for _, o := range agents.Outcomes() {
		sp := o.Spec()
		m[sp.Name] = HeadlineInfo{sp.Label, sp.Unit, sp.Explain}
	}
	return m
}()

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

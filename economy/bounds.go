package economy

import (
	"fmt"
	"math"

	"dongshu/configs"
	"dongshu/economy/detmath"
)

// The allocator counts in int64: flows in kW, costs in units of costUnit yuan per MW-month. Its optimum
// is at most the total supply times the dearest arc, the unserved penalty (every source can always
// leave its work unserved), and MinCostFlow refuses an instance whose optimum could pass MaxInt64. So
// a scenario whose demand grows far enough runs for decades and then stops (the baseline extended to
// 2100 stopped at 2077-04). CheckScenario finds that month before the run starts.

// shockMargin is how many standard deviations of the demand shock the bound allows for.
const shockMargin = 6

// CheckScenario returns Problems (naming end, with the last month the scenario can run to) when the
// scenario's demand would outgrow the allocator's 64-bit costs before its end; nil otherwise. The bound
// is the national demand trend with every class compounding at its growth rate, times the vault's
// replicas and a 6-sigma demand shock, times the unserved penalty with the largest allocator credit.
func CheckScenario(s *configs.Scenario) error {
	start, err1 := configs.ParseMonth(s.Start)
	end, err2 := configs.ParseMonth(s.End)
	if err1 != nil || err2 != nil || end < start {
		return nil // Validate names these
	}
	credit := s.Planner.WestSteering
	for _, p := range s.Planner.Partnerships {
		credit += p.Credit
	}
	penalty := float64(costUnits(s.Allocator.UnservedPenalty) + costUnits(credit) + 1)
	sd := s.Demand.NoiseSD
	scale := 1000 * s.Demand.TotalMW * (1 + s.Vault.ReplicaShare) * detmath.Exp(shockMargin*sd) * penalty // cost units at trend 1
	limit := float64(math.MaxInt64) / 2                                                                   // rounding per source and arc
	trend := func(m configs.Month) float64 {
		y := float64(m-start) / 12
		t := 0.0
		for _, c := range s.Demand.Classes {
			t += float64(c.Share * detmath.Pow(1+c.Growth, y))
		}
		return t * detmath.Pow(1+s.Demand.ExtraGrowth, y)
	}
	if !(trend(end)*scale > limit) && !(trend(start)*scale > limit) {
		return nil
	}
	// The trend is a sum of exponentials: convex, so it passes the limit at most once each way.
	first := start
	for first <= end && !(trend(first)*scale > limit) {
		first++
	}
	msg := fmt.Sprintf("the allocator's 64-bit costs cannot hold this scenario's demand from %s on (national demand %.3g MW "+
		"x allocator.unserved_penalty); ", first, trend(first)*s.Demand.TotalMW)
	if first == start {
		msg += "lower demand.total_mw or allocator.unserved_penalty"
	} else {
		msg += fmt.Sprintf("end at %s at the latest, or lower demand.class.*.growth", first-1)
	}
	return s.ProblemAt("end", msg)
}

package session

import (
	"fmt"
	"strconv"

	"dongshu/configs"
)

// Difficulty is how hard the AI provinces push to build. It scales three behaviour keys of the scenario
// (configs/presets/baseline.toml, [behaviour]), applied as ordinary overrides (configs.Scenario.Set) so
// that the scenario's validation covers them:
//
//   - behaviour.optimism, the bias in the demand a province expects for its own data centres: more
//     optimism, bigger builds;
//   - behaviour.rivalry, the weight of neighbours' building lead: more rivalry, races between neighbours;
//   - behaviour.growth_credit, the promotion credit for investment attracted whether used or not.
//
// Easy multiplies them by 0.5, 0.5 and 0.7 (the AI builds less and competes less, so the planner's rules
// bind less and a human province faces calmer neighbours); Normal leaves the scenario as it is; Hard
// multiplies them by 1.5, 1.5 and 1.3. The keys are global, so the AI's advice to a human province uses
// the same, scaled, behaviour. docs/game.md (Difficulty) has the table.
var difficultyFactors = map[Difficulty][3]float64{
	Easy:   {0.5, 0.5, 0.7},
	Normal: {1, 1, 1},
	Hard:   {1.5, 1.5, 1.3},
}

// String names the difficulty.
func (d Difficulty) String() string {
	switch d {
	case Easy:
		return "easy"
	case Normal:
		return "normal"
	case Hard:
		return "hard"
	}
	return "Difficulty(" + strconv.Itoa(int(d)) + ")"
}

// applyDifficulty scales the AI's aggressiveness; the caller validates the scenario afterwards.
func applyDifficulty(s *configs.Scenario, d Difficulty) error {
	f, ok := difficultyFactors[d]
	if !ok {
		return fmt.Errorf("session: difficulty %d: want %d (easy), %d (normal) or %d (hard)", int(d), Easy, Normal, Hard)
	}
	if d == Normal {
		return nil
	}
	b := &s.Behaviour
	for i, kv := range []struct {
		key string
		v   float64
	}{{"behaviour.optimism", b.Optimism}, {"behaviour.rivalry", b.Rivalry}, {"behaviour.growth_credit", b.GrowthCredit}} {
		if err := s.Set(kv.key + "=" + strconv.FormatFloat(kv.v*f[i], 'g', -1, 64)); err != nil {
			return fmt.Errorf("session: difficulty %s: %w", d, err)
		}
	}
	return nil
}

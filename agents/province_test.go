package agents

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// TestScoresAsAlone checks the round's batch scoring (evaluator.scores: one loop, twins copied where no
// subsidy may be offered) against every option scored alone by a fresh evaluator, bit for bit, for every
// province in 2026 (quotas in force; provinces outside the hubs may offer no subsidy) under a quota and
// with none.
func TestScoresAsAlone(t *testing.T) {
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	require.NoError(t, m.StepUntil(configs.NewMonth(2026, 3)))
	opts := m.options(nil)
	twins := 0
	for _, o := range opts {
		if o.twin > 0 {
			twins++
			assert.Less(t, int(o.twin-1), len(opts))
		}
	}
	require.Positive(t, twins, "options with a twin")
	free := 0
	for i := range m.W.Provinces {
		for _, quota := range []float64{math.Inf(1), 100} {
			e := m.newEvaluator(i, quota)
			if e.share == 0 {
				free++
			}
			batch := make([]float64, len(opts))
			e.scores(opts, batch)
			for j, o := range opts {
				alone := m.newEvaluator(i, quota)
				assert.Equal(t, math.Float64bits(alone.score(o)), math.Float64bits(batch[j]),
					"province %d, quota %v, option %+v", i, quota, o)
			}
		}
	}
	require.Positive(t, free, "evaluators of provinces that may offer no subsidy")
}

// TestChooseKeepsScores checks that choose leaves every option's score in scores and returns the drawn
// option's score as the option scored alone would have it, bit for bit (it no longer scores it again).
func TestChooseKeepsScores(t *testing.T) {
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	require.NoError(t, m.StepUntil(configs.NewMonth(2026, 3)))
	opts := m.options(nil)
	built := 0
	for i := range m.W.Provinces {
		for _, quota := range []float64{math.Inf(1), 100} {
			e := m.newEvaluator(i, quota)
			want := make([]float64, len(opts))
			e.scores(opts, want)
			scores := make([]float64, len(opts))
			o, sc := m.choose(&e, opts, scores)
			for j := range opts {
				assert.Equal(t, math.Float64bits(want[j]), math.Float64bits(scores[j]), "province %d, quota %v, option %d", i, quota, j)
			}
			alone := m.newEvaluator(i, quota)
			assert.Equal(t, math.Float64bits(alone.score(o)), math.Float64bits(sc), "province %d, quota %v, option %+v", i, quota, o)
			if o.build > 0 {
				built++
			}
		}
	}
	assert.Positive(t, built, "draws of an option that builds")
}

// TestNonNegativeIsMax checks nonNegative against max(0, x), bit for bit, on signed zeros, NaN, infinities
// and ordinary values.
func TestNonNegativeIsMax(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1, -1, 1e-310, -1e-310,
		math.MaxFloat64, -math.MaxFloat64, 0.5, -0.5}
	for _, x := range xs {
		want, got := max(0, x), nonNegative(x)
		if math.IsNaN(want) {
			assert.True(t, math.IsNaN(got), "%v", x)
			continue
		}
		assert.Equal(t, math.Float64bits(want), math.Float64bits(got), "%v", x)
	}
}

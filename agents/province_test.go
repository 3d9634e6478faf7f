package agents

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/economy/detmath"
)

// TestScoresAsAlone checks the round's batch scoring (evaluator.scores: one loop, a build's terms once per
// run of its options, twins copied where no subsidy may be offered) against every option scored alone by
// a fresh evaluator and against the options scored with no runs marked (one option each), bit for bit,
// for every province in 2026 (quotas in force; provinces outside the hubs may offer no subsidy) under a
// quota and with none.
func TestScoresAsAlone(t *testing.T) {
	m := baselineIn2026(t)
	opts := m.options()
	twins := 0
	for _, o := range opts {
		if o.twin > 0 {
			twins++
			assert.Less(t, int(o.twin-1), len(opts))
		}
	}
	require.Positive(t, twins, "options with a twin")
	// An option's offer is the first option with its subsidy, fibre and power (scoreInto prices it once).
	offerOf := func(o option) [3]any { return [3]any{o.subsidy, o.fibre, o.power} }
	for i, o := range opts {
		first := slices.IndexFunc(opts, func(q option) bool { return offerOf(q) == offerOf(o) })
		assert.Equal(t, first, int(o.offer), "offer of option %d", i)
	}
	// With fibre or power the subsidy is scored only as offered, so a subsidised option pairs with the one
	// that offers none.
	for i, o := range opts {
		if o.subsidy > 0 && (o.fibre || o.power) {
			require.Positive(t, o.twin, "option %+v", o)
			tw := opts[o.twin-1]
			assert.Equal(t, [4]any{o.build, 0.0, o.fibre, o.power}, [4]any{tw.build, tw.subsidy, tw.fibre, tw.power},
				"twin of option %d", i)
		}
	}
	// A build's run (option.buildEnd) ends at the next build's first option.
	for i, o := range opts {
		end := i
		for end < len(opts) && opts[end].build == o.build {
			end++
		}
		assert.Equal(t, end, int(o.buildEnd), "run of option %d", i)
	}
	unmarked := slices.Clone(opts)
	for k := range unmarked {
		unmarked[k].buildEnd = 0
	}
	free := 0
	for i := range m.W.Provinces {
		for _, quota := range []float64{math.Inf(1), 100} {
			e := m.newEvaluator(i, quota)
			if e.share == 0 {
				free++
			}
			batch := make([]float64, len(opts))
			e.scores(opts, batch)
			one := make([]float64, len(opts))
			e.scores(unmarked, one)
			assert.True(t, economy.SameBits(batch, one), "province %d, quota %v: no runs marked", i, quota)
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
	m := baselineIn2026(t)
	opts := m.options()
	built := 0
	for i := range m.W.Provinces {
		for _, quota := range []float64{math.Inf(1), 100} {
			e := m.newEvaluator(i, quota)
			want := make([]float64, len(opts))
			e.scores(opts, want)
			scores := make([]float64, len(opts))
			o, sc := m.choose(&e, opts, scores, math.Inf(-1))
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

// TestTopScoreIsMax checks topScore against Go's max over the scores, on vectors of signed zeros, NaNs,
// infinities and ordinary values: the same bits but for the sign of a zero top, NaN for NaN.
func TestTopScoreIsMax(t *testing.T) {
	require.Equal(t, 1.0, detmath.Exp(math.Copysign(0, -1)), "the weight of a score at a top of -0 or +0")
	xs := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1, -1, 1e-310, -2.5}
	r := rand.New(rand.NewPCG(24, 1))
	for k := range 5_000 {
		scores := make([]float64, r.IntN(6))
		for i := range scores {
			scores[i] = xs[r.IntN(len(xs))]
		}
		want := math.Inf(-1)
		for _, sc := range scores {
			want = max(want, sc)
		}
		got := topScore(scores)
		switch {
		case math.IsNaN(want):
			assert.True(t, math.IsNaN(got), "vector %d: %v", k, scores)
		case want == 0:
			assert.Zero(t, got, "vector %d: %v", k, scores)
		default:
			assert.Equal(t, math.Float64bits(want), math.Float64bits(got), "vector %d: %v", k, scores)
		}
	}
}

// weighEvery is choose's weights as they were, every one computed: the reference for logitWeights.
func weighEvery(opts []option, scores []float64, free bool, t float64) (weights []float64, total float64) {
	top := math.Inf(-1)
	for _, sc := range scores {
		top = max(top, sc)
	}
	weights = make([]float64, len(opts))
	for i := range opts {
		if twin := opts[i].twin; free && twin > 0 {
			weights[i] = weights[twin-1]
			total += weights[i]
			continue
		}
		if math.IsInf(scores[i], -1) {
			continue
		}
		weights[i] = detmath.Exp((scores[i] - top) / t)
		total += weights[i]
	}
	return weights, total
}

// pickFromEvery is choose's draw as it was, from every weight, by remainder r: the reference for
// logitPick.
func pickFromEvery(weights []float64, r float64) int {
	for i, wt := range weights {
		if r < wt {
			return i
		}
		r -= wt
	}
	for i := len(weights) - 1; i >= 0; i-- {
		if weights[i] > 0 {
			return i
		}
	}
	return -1
}

// TestLogitDrawAsEveryWeight checks logitWeights and logitPick, which leave negligible weights
// uncomputed (also while the total is below 1/8), against the draw with every weight computed: the total
// bit for bit and the option drawn, on
// 30,000 score vectors over the baseline's options, with and without twins, scores from the top to far
// below it (and infeasible ones), temperatures from 0.01 to 10, by a remainder drawn at random and by the
// partial sums of the weights before each weight left out and next to them (a remainder of 0 or nearly
// meets the weight).
func TestLogitDrawAsEveryWeight(t *testing.T) {
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	opts := m.options()
	r := rand.New(rand.NewPCG(22, 1))
	scores := make([]float64, len(opts))
	weights, picked := make([]float64, len(opts)), make([]float64, len(opts))
	n, leftOut, leftOutOfSmall, metLeftOut := 30_000, 0, 0, 0
	if testing.Short() {
		n = 3_000
	}
	for k := range n {
		temp := math.Pow(10, float64(r.IntN(4))-2)
		free := r.IntN(2) == 0
		top := float64(r.NormFloat64())
		for i := range scores {
			switch {
			case r.IntN(20) == 0:
				scores[i] = math.Inf(-1)
			case r.IntN(8) == 0:
				scores[i] = top
			default: // (score - top) / T mostly within 0 to -80, some far beyond
				scores[i] = top - float64(temp*math.Abs(r.NormFloat64())*float64(10*(1+r.IntN(8))))
			}
			if free && opts[i].twin > 0 {
				scores[i] = scores[opts[i].twin-1]
			}
		}
		want, wantTotal := weighEvery(opts, scores, free, temp)
		gotTop, gotTotal := logitWeights(opts, scores, free, temp, weights)
		require.Equal(t, math.Float64bits(wantTotal), math.Float64bits(gotTotal), "vector %d: total", k)
		rs := []float64{r.Float64() * wantTotal}
		sum := 0.0
		for i, w := range weights {
			if w == negligible {
				leftOut++
				if sum < 0.125 {
					leftOutOfSmall++ // negligibleFor's
				}
				rs = append(rs, sum, math.Nextafter(sum, 0), math.Nextafter(sum, 2))
			} else {
				require.Equal(t, math.Float64bits(want[i]), math.Float64bits(w), "vector %d: weight %d", k, i)
			}
			sum += want[i]
		}
		for _, rr := range rs {
			drawn := pickFromEvery(want, rr)
			if drawn >= 0 && weights[drawn] == negligible {
				metLeftOut++
			}
			copy(picked, weights)
			require.Equal(t, drawn, logitPick(picked, scores, gotTop, temp, rr), "vector %d: remainder %v", k, rr)
		}
	}
	assert.Greater(t, leftOut, n*10, "weights left out")
	assert.Greater(t, leftOutOfSmall, n, "weights left out of a total below 1/8")
	assert.Greater(t, metLeftOut, n/10, "draws of an option whose weight was left out")
}

// TestOptionsKept checks that the rounds' options are built once and built again when the behaviour's
// build or subsidy options change.
func TestOptionsKept(t *testing.T) {
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	b := &m.W.Scn.Behaviour
	first := m.options()
	require.NotEmpty(t, first)
	assert.Same(t, &first[0], &m.options()[0], "the same options, kept")

	b.BuildOptionsMW = append(slices.Clone(b.BuildOptionsMW), 3200)
	more := m.options()
	require.Len(t, more, len(first)+4*len(b.SubsidyOptions))
	assert.Equal(t, 3200.0, more[len(more)-1].build)

	b.SubsidyOptions = []float64{math.Copysign(0, -1)} // the same value, not the same bits
	signed := m.options()
	require.Len(t, signed, 4*len(b.BuildOptionsMW))
	assert.True(t, math.Signbit(signed[0].subsidy), "a subsidy of -0 kept as given")
}

// TestDecisionsKeepRequestScores runs presets twice, once with a quota round's decisions scoring every
// option again: the decisions (their scores bit for bit) and the rows are the same every month. It fails
// if a decision's score of a build within its grant is not the request's score (the quota priced it, or a
// province's decision changed the terms of one after it).
func TestDecisionsKeepRequestScores(t *testing.T) {
	for _, preset := range []string{"baseline", "east-outage", "export-controls"} {
		t.Run(preset, func(t *testing.T) {
			s, err := configs.LoadPreset(preset)
			require.NoError(t, err)
			kept, err := New(s.Clone())
			require.NoError(t, err)
			afresh, err := New(s.Clone())
			require.NoError(t, err)
			afresh.scoreDecisionsAfresh = true
			granted := 0 // decisions at quota rounds with a grant of at least the smallest build
			smallest := math.Inf(1)
			for _, b := range s.Behaviour.BuildOptionsMW {
				if b > 0 {
					smallest = min(smallest, b)
				}
			}
			for !kept.Done() {
				require.NoError(t, kept.Step())
				require.NoError(t, afresh.Step())
				w := kept.W
				if roundAt(w, w.Now) && quotasInForce(w) {
					for _, p := range w.Provinces {
						if p.QuotaMW >= smallest {
							granted++
						}
					}
				}
				require.Equal(t, afresh.LastDecisions, kept.LastDecisions, "%s", w.Now)
				for i, d := range kept.LastDecisions {
					require.Equal(t, math.Float64bits(afresh.LastDecisions[i].Score), math.Float64bits(d.Score), "%s decision %d", w.Now, i)
				}
				for i, row := range kept.Rows() {
					for c, v := range row {
						require.Equal(t, math.Float64bits(afresh.Rows()[i][c]), math.Float64bits(v), "%s scope %d column %d", w.Now, i, c)
					}
				}
			}
			require.Positive(t, granted, "decisions with a build within the grant")
		})
	}
}

// TestEvaluatorKeepsGrowthFactor checks newEvaluator's expected demand, whose growth factor is kept by
// province between evaluators (Model.demandGrowth), against evaluators made with nothing kept, bit for bit,
// as the provinces' expected growth changes and stays.
func TestEvaluatorKeepsGrowthFactor(t *testing.T) {
	m := baselineIn2026(t)
	changed := 0
	for _, g := range []float64{0.1, 0.1, -0.9, 0.25, 0.25, 0} {
		for i := range m.Prov {
			m.Prov[i].Growth = g
			kept := m.newEvaluator(i, math.Inf(1))
			m.demandGrowth = nil
			fresh := m.newEvaluator(i, math.Inf(1))
			assert.Equal(t, math.Float64bits(fresh.expDemand), math.Float64bits(kept.expDemand), "province %d, growth %v", i, g)
			if kept.expDemand != 0 {
				changed++
			}
			// Kept from the first evaluator, computed by the second.
			m.Prov[i].Growth = g + 0.5
			m.demandGrowth = nil
			_ = m.newEvaluator(i, math.Inf(1))
			m.Prov[i].Growth = g
			again := m.newEvaluator(i, math.Inf(1))
			assert.Equal(t, math.Float64bits(fresh.expDemand), math.Float64bits(again.expDemand), "province %d, growth %v", i, g)
		}
	}
	require.Positive(t, changed, "evaluators expecting demand")
}

// TestKeptCapexWithinQuota checks buildTerms' capex kept from halting against its formula, capex less the
// expected halted part, bit for bit, for builds within the quota (where buildTerms prices no halted part)
// and beyond it, under full enforcement.
func TestKeptCapexWithinQuota(t *testing.T) {
	m := baselineIn2026(t)
	w := m.W
	w.Policy.Enforcement = 1
	halted := 0
	for i := range w.Provinces {
		for _, quota := range []float64{0, 100, math.Inf(1)} {
			for _, build := range w.Scn.Behaviour.BuildOptionsMW {
				e := m.newEvaluator(i, quota)
				bt := e.buildTerms(build)
				beyond := max(0, build-quota)
				want := bt.capex - float64(w.Policy.Enforcement*w.Scn.Planner.HaltShare*w.CapexBn(beyond))
				assert.Equal(t, math.Float64bits(want), math.Float64bits(bt.keptCapex), "province %d, quota %v, build %v", i, quota, build)
				if bt.keptCapex != bt.capex {
					halted++
				}
			}
		}
	}
	require.Positive(t, halted, "builds with a halted part")
}

// TestPoolMWKeptByDraw checks poolMW, summed once a draw of demand, against the sum made afresh, bit for
// bit, before and after every month's draw of a baseline run.
func TestPoolMWKeptByDraw(t *testing.T) {
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	for m.W.Now.Year() < 2028 {
		assert.Equal(t, math.Float64bits(m.sumPoolMW()), math.Float64bits(m.poolMW()), "before the draw of %v", m.W.Now)
		m.StepToAllocation()
		require.Positive(t, m.sumPoolMW(), "pool drawn")
		assert.Equal(t, math.Float64bits(m.sumPoolMW()), math.Float64bits(m.poolMW()), "after the draw of %v", m.W.Now)
		require.NoError(t, m.FinishStep())
	}
	// A draw made otherwise than by StepToAllocation (a test's, a tool's) is seen too.
	before := m.poolMW()
	m.W.GenerateDemand(m.Rng)
	require.NotEqual(t, math.Float64bits(before), math.Float64bits(m.sumPoolMW()), "a new draw")
	assert.Equal(t, math.Float64bits(m.sumPoolMW()), math.Float64bits(m.poolMW()), "after a direct draw")
}

// baselineIn2026 is a baseline model (seed 1) stepped to March 2026, when quotas are in force and provinces
// outside the hubs may offer no subsidy.
func baselineIn2026(t *testing.T) *Model {
	t.Helper()
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	require.NoError(t, m.StepUntil(configs.NewMonth(2026, 3)))
	return m
}

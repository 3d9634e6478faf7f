package calibrate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/internal/sweep"
)

// toyRunner: target 0 = theta + noise, target 1 (held out) = 2 theta; "nuisance" has no effect.
func toyRunner(t *testing.T, reps int) Runner {
	return func(stage int, box []Param, n int) ([][]float64, [][][]float64, error) {
		d := sweep.Design{Type: sweep.LHS, Samples: n, Reps: reps, SeedBase: uint64(stage)}
		for _, p := range box {
			lo, hi := p.Min, p.Max
			d.Factors = append(d.Factors, sweep.Factor{Key: p.Key, Min: &lo, Max: &hi, Kind: sweep.KindNumber})
		}
		require.NoError(t, d.Expand())
		pts := make([][]float64, n)
		vals := make([][][]float64, n)
		for i, p := range d.Points {
			theta := parse(t, p[0])
			pts[i] = []float64{theta, parse(t, p[1])}
			for r := range reps {
				rng := rand.New(rand.NewPCG(uint64(i), uint64(r)))
				vals[i] = append(vals[i], []float64{theta + 0.02*rng.NormFloat64(), 2 * theta})
			}
		}
		return pts, vals, nil
	}
}

func parse(t *testing.T, s string) float64 {
	var v float64
	_, err := fmt.Sscan(s, &v)
	require.NoError(t, err)
	return v
}

func TestABCRecoversAKnownParameter(t *testing.T) {
	targets := []Target{{Name: "y", Observed: 0.3, Tolerance: 0.05}, {Name: "z", Observed: 0.6, Tolerance: 0.1, Use: "holdout"}}
	params := []Param{{Key: "theta", Min: 0, Max: 1}, {Key: "nuisance", Min: 0, Max: 1}}
	res, err := Run(targets, params, Method{Samples: 200, RefineSamples: 100, Quantile: 0.05}, toyRunner(t, 5))
	require.NoError(t, err)
	assert.Equal(t, RuleTolerance, res.Rule)
	th := res.Posterior[0]
	assert.InDelta(t, 0.3, th.Median, 0.02)
	assert.GreaterOrEqual(t, th.Lo, 0.23)
	assert.LessOrEqual(t, th.Hi, 0.37)
	assert.Greater(t, th.N, 20)
	nu := res.Posterior[1]
	assert.Greater(t, nu.P90-nu.P10, 0.5, "an inert parameter keeps a wide posterior")
	require.Len(t, res.Box, 2)
	assert.Less(t, res.Box[0].Max-res.Box[0].Min, 0.5, "the refinement narrows theta")
	b := Best(res.Sets)
	require.GreaterOrEqual(t, b, 0)
	assert.True(t, res.Sets[b].Fits[1].Within, "the held-out target follows")
	for _, s := range res.Sets {
		assert.Equal(t, s.Distance <= 1, s.Accepted)
		assert.Equal(t, s.Fits[0].Err, s.Distance, "the held-out target is not in the distance")
	}
}

func TestSelectFallsBackToTheBestQuantileAndMarksPareto(t *testing.T) {
	targets := []Target{{Name: "a", Tolerance: 1}, {Name: "b", Tolerance: 1}}
	mk := func(a, b float64) Set {
		return Set{Fits: []TargetFit{{Err: a}, {Err: b}}, Distance: math.Max(a, b)}
	}
	sets := []Set{mk(2, 5), mk(5, 2), mk(3, 3), mk(4, 4), mk(6, 6)}
	assert.Equal(t, RuleQuantile, Select(targets, sets, 0.4))
	var acc, par []bool
	for _, s := range sets {
		acc = append(acc, s.Accepted)
		par = append(par, s.Pareto)
	}
	assert.Equal(t, []bool{false, false, true, true, false}, acc)
	assert.Equal(t, []bool{true, true, true, false, false}, par)
}

func TestQuantileSorted(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	assert.Equal(t, 3.0, QuantileSorted(s, 0.5))
	assert.Equal(t, 1.0, QuantileSorted(s, 0))
	assert.Equal(t, 5.0, QuantileSorted(s, 1))
	assert.InDelta(t, 1.4, QuantileSorted(s, 0.1), 1e-12)
	assert.InDelta(t, 2.5, QuantileSorted([]float64{1, 2, 3, 4}, 0.5), 1e-12)
	assert.True(t, math.IsNaN(QuantileSorted(nil, 0.5)))
}

func TestQuantileAndErrors(t *testing.T) {
	assert.InDelta(t, 2.5, Quantile([]float64{4, 1, 2, 3}, 0.5), 1e-12)
	assert.InDelta(t, 1.3, Quantile([]float64{1, 2, 3, 4, math.NaN()}, 0.1), 1e-12)
	assert.True(t, math.IsNaN(Quantile(nil, 0.5)))
	assert.Equal(t, 0.0, Target{Observed: 0.3, Tolerance: 0.1, Kind: "at_most"}.Error(0.2))
	assert.InDelta(t, 2.0, Target{Observed: 0.3, Tolerance: 0.1, Kind: "at_most"}.Error(0.5), 1e-12)
	assert.InDelta(t, 0.5, Target{Observed: 0.65, Tolerance: 0.1, Kind: "at_least"}.Error(0.6), 1e-12)
	assert.InDelta(t, 0.5, Target{Observed: 1, Tolerance: 0.2}.Error(1.1), 1e-12)
}

func TestLoadNamesFileLineAndKey(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "t.toml")
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	good := "[[target]]\nname = \"a\"\nobserved = 1\nheadline = \"racks_end_2021_m\"\ntolerance = 0.5\nsource = \"x\"\n"
	f, err := Load(write(good + "[[parameter]]\nkey = \"demand.total_mw\"\nmin = 1\nmax = 2\n"))
	require.NoError(t, err)
	assert.Len(t, f.Targets, 1)
	cases := map[string]string{
		good + "[[target]]\nname = \"b\"\nobserved = 1\nheadline = \"racks_end_2021_m\"\ntolerance = -1\nsource = \"x\"\n":                                   "t.toml:11: target[2].tolerance",
		good + "[[target]]\nname = \"b\"\nobserved = 1\nmonth = \"2019-13\"\ncolumn = \"racks_m\"\nscopes = [\"national\"]\ntolerance = 1\nsource = \"x\"\n": "t.toml:10: target[2].month",
		good + "[[parameter]]\nkey = \"k\"\nmin = 3\nmax = 2\n":                                                                                              "t.toml:9: parameter[1].min",
		good + "tolerence = 3\n":            "t.toml:7: unknown key",
		good + "[[target]]\nname = \"a\"\n": "t.toml:8: target[2].name",
		"[[target]]\nname = 3\n":            "t.toml:2:",
		good + "[[switch]]\nname = \"x\"\n": "t.toml:7: switch[1].set",
		"[[target]]\nname = \"a\"\nobserved = 1\nheadline = \"nope\"\ntolerance = 1\nsource = \"x\"\n": "t.toml:4: target[1].headline",
	}
	for text, want := range cases {
		_, err := Load(write(text))
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), want, text)
	}
}

// configs/targets/history.toml (the agents' tests' targets) is read in its own spelling.
func TestLoadReadsTheHistoryTargetsSpelling(t *testing.T) {
	f, err := Load("../../configs/targets/history.toml")
	require.NoError(t, err)
	byName := map[string]Target{}
	for _, tg := range f.Targets {
		byName[tg.Name] = tg
	}
	nw, ok := byName["northwest_2022"]
	require.True(t, ok, "id is the name")
	assert.Equal(t, "at_most", nw.Kind)
	assert.True(t, nw.Fit())
	assert.Equal(t, []string{"northwest"}, nw.Scopes)
	assert.Equal(t, "year_mean", nw.Statistic)
	assert.Equal(t, 0.0, nw.Error(0.3), "a one-sided bound with tolerance 0: met")
	assert.InDelta(t, 1.1, nw.Error(0.33), 1e-9, "beyond it: 1 + the relative gap")
	sh := byName["bj_sh_gd_share_end_2019"]
	assert.Equal(t, []string{"national"}, []string(sh.ShareOf), "share_of as one string")
	assert.False(t, byName["occupancy_end_2017"].Fit(), "in_fit = false is a holdout")
}

func TestFitChartDrawsOneSidedTargetsWithToleranceZero(t *testing.T) {
	targets := []Target{{Name: "a", Observed: 0.3, Kind: "at_most"}, {Name: "b", Observed: 1, Tolerance: 0.1}, {Name: "c", Observed: 2, Tolerance: 1}}
	fits := []TargetFit{{Band: Band{0.4, 0.35, 0.5}}, {Band: Band{1.05, 0.9, 1.2}}, {Band: Band{math.NaN(), math.NaN(), math.NaN()}}}
	png, err := FitChart(targets, fits)
	require.NoError(t, err)
	assert.Greater(t, len(png), 1000)
}

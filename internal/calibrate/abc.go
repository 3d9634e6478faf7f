package calibrate

import (
	"math"
	"slices"
	"sort"
)

// Quantile is the q-quantile of the non-NaN values (QuantileSorted of them, sorted); NaN when there are none.
func Quantile(v []float64, q float64) float64 {
	s := make([]float64, 0, len(v))
	for _, x := range v {
		if !math.IsNaN(x) {
			s = append(s, x)
		}
	}
	sort.Float64s(s)
	return QuantileSorted(s, q)
}

// QuantileSorted is the q-quantile (0 <= q <= 1) of sorted by linear interpolation between order
// statistics (R's type 7, numpy's default); NaN for an empty slice. The one quantile of calibration and
// of the reports' bands.
func QuantileSorted(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(q * float64(n-1))
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	if lo < 0 {
		return sorted[0]
	}
	return sorted[lo] + float64((h-float64(lo))*(sorted[lo+1]-sorted[lo]))
}

// Band is a median with its 10-90 % band.
type Band struct{ Median, P10, P90 float64 }

// BandOf summarises replicate values.
func BandOf(v []float64) Band { return Band{Quantile(v, 0.5), Quantile(v, 0.1), Quantile(v, 0.9)} }

// TargetFit is one parameter set's fit to one target.
type TargetFit struct {
	Band
	Err    float64 // Target.Error of the median (NaN: not simulated, e.g. a month before the start)
	Within bool
}

// Set is one parameter set with its fit.
type Set struct {
	Stage    int       // 1: the Latin hypercube, 2: the refinement
	Point    int       // design point within its stage
	Values   []float64 // one per Param
	Fits     []TargetFit
	Distance float64 // max Err over the fitted targets that were simulated (<= 1: all within tolerance)
	MeanErr  float64 // mean Err over the same targets: breaks ties of Distance (one target often sets it)
	Pareto   bool    // no other set is at least as close on every fitted target and closer on one
	Accepted bool
}

// Evaluate fits one set: reps[r][t] is replicate r's value of target t.
func Evaluate(targets []Target, reps [][]float64) ([]TargetFit, float64) {
	fits := make([]TargetFit, len(targets))
	d := math.NaN()
	if len(reps) == 0 {
		return fits, d
	}
	for t, tg := range targets {
		v := make([]float64, len(reps))
		for r := range reps {
			v[r] = reps[r][t]
		}
		b := BandOf(v)
		e := tg.Error(b.Median)
		fits[t] = TargetFit{Band: b, Err: e, Within: e <= 1}
		if tg.Fit() && !math.IsNaN(e) && (math.IsNaN(d) || e > d) {
			d = e
		}
	}
	return fits, d
}

// Rule is how sets were accepted.
const (
	RuleTolerance = "within tolerance on every fitted target"
	RuleQuantile  = "best quantile by distance (too few sets within tolerance)"
)

// Select marks the Pareto front and the accepted sets: every set within tolerance on all fitted targets
// (rejection ABC with epsilon = the tolerances) when at least ceil(quantile x n) qualify, otherwise the
// ceil(quantile x n) sets of smallest distance (ties by stage then point). It returns the rule used.
func Select(targets []Target, sets []Set, quantile float64) string {
	n := len(sets)
	var fit []int
	for t, tg := range targets {
		if tg.Fit() {
			fit = append(fit, t)
		}
	}
	err := func(s Set, t int) float64 {
		e := s.Fits[t].Err
		if math.IsNaN(e) {
			return 0 // not simulated: no information
		}
		return e
	}
	for i := range sets {
		sets[i].Pareto, sets[i].Accepted = true, false
		for j := range sets {
			if i == j {
				continue
			}
			le, lt := true, false
			for _, t := range fit {
				a, b := err(sets[j], t), err(sets[i], t)
				le = le && a <= b
				lt = lt || a < b
			}
			if le && lt {
				sets[i].Pareto = false
				break
			}
		}
	}
	need := int(math.Ceil(quantile * float64(n)))
	within := 0
	for _, s := range sets {
		if s.Distance <= 1 {
			within++
		}
	}
	if within >= max(need, 1) {
		for i := range sets {
			sets[i].Accepted = sets[i].Distance <= 1
		}
		return RuleTolerance
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpSets(sets[a], sets[b]) })
	for _, i := range order[:min(max(need, 1), n)] {
		sets[i].Accepted = true
	}
	return RuleQuantile
}

// cmpSets orders sets by distance, then by mean error.
func cmpSets(a, b Set) int {
	if c := cmpNaNLast(a.Distance, b.Distance); c != 0 {
		return c
	}
	return cmpNaNLast(a.MeanErr, b.MeanErr)
}

// MeanErr is the mean normalised error over the fitted targets that were simulated (NaN if none).
func MeanErr(targets []Target, fits []TargetFit) float64 {
	s, n := 0.0, 0
	for t, tg := range targets {
		if tg.Fit() && !math.IsNaN(fits[t].Err) {
			s += fits[t].Err
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

func cmpNaNLast(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return 1
	case math.IsNaN(b):
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Best is the accepted set of smallest distance, then mean error (-1 when none).
func Best(sets []Set) int {
	b := -1
	for i, s := range sets {
		if s.Accepted && (b < 0 || cmpSets(s, sets[b]) < 0) {
			b = i
		}
	}
	return b
}

// Posterior is one parameter's accepted range.
type Posterior struct {
	Param
	Band
	Lo, Hi float64 // smallest and largest accepted value
	N      int
}

// Posteriors summarise every parameter over the accepted sets.
func Posteriors(params []Param, sets []Set) []Posterior {
	out := make([]Posterior, len(params))
	for j, p := range params {
		var v []float64
		for _, s := range sets {
			if s.Accepted {
				v = append(v, s.Values[j])
			}
		}
		out[j] = Posterior{Param: p, Band: BandOf(v), N: len(v), Lo: math.NaN(), Hi: math.NaN()}
		if len(v) > 0 {
			out[j].Lo, out[j].Hi = slices.Min(v), slices.Max(v)
		}
	}
	return out
}

// RefineBox is the refinement's range for every parameter: the accepted sets' range widened by 10 % of
// the prior's width on each side, inside the prior.
func RefineBox(params []Param, post []Posterior) []Param {
	out := slices.Clone(params)
	for j, p := range params {
		if post[j].N == 0 {
			continue
		}
		w := float64(0.1 * (p.Max - p.Min))
		out[j].Min = max(p.Min, post[j].Lo-w)
		out[j].Max = min(p.Max, post[j].Hi+w)
		if out[j].Min >= out[j].Max {
			out[j].Min, out[j].Max = p.Min, p.Max
		}
	}
	return out
}

// Runner runs one stage: a Latin hypercube of samples points over box, each with its replicate seeds;
// it returns the points (one value per parameter) and values[point][rep][target].
type Runner func(stage int, box []Param, samples int) (points [][]float64, values [][][]float64, err error)

// Result is a calibration's outcome.
type Result struct {
	Sets      []Set
	Rule      string
	Posterior []Posterior
	Box       []Param // the refinement's box (nil without refinement)
}

// Run fits: stage 1 samples the priors, the sets are selected, stage 2 samples the refinement box, and
// the sets of both stages are selected together (the posterior is that pool's accepted sets; the second
// stage concentrates samples where the fit is good, so densities within the accepted range are not
// posterior densities: report ranges, as we do).
func Run(targets []Target, params []Param, m Method, run Runner) (*Result, error) {
	res := &Result{}
	stage := func(n int, box []Param, id int) error {
		pts, vals, err := run(id, box, n)
		if err != nil {
			return err
		}
		for i := range pts {
			fits, d := Evaluate(targets, vals[i])
			res.Sets = append(res.Sets, Set{Stage: id, Point: i, Values: pts[i], Fits: fits, Distance: d, MeanErr: MeanErr(targets, fits)})
		}
		return nil
	}
	if err := stage(m.Samples, params, 1); err != nil {
		return nil, err
	}
	res.Rule = Select(targets, res.Sets, m.Quantile)
	if m.RefineSamples > 0 {
		res.Box = RefineBox(params, Posteriors(params, res.Sets))
		if err := stage(m.RefineSamples, res.Box, 2); err != nil {
			return nil, err
		}
		res.Rule = Select(targets, res.Sets, m.Quantile)
	}
	res.Posterior = Posteriors(params, res.Sets)
	return res, nil
}

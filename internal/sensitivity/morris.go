// Package sensitivity computes Morris elementary effects, after SALib's morris sampler and analyser
// (Morris 1991; Campolongo, Cariboni and Saltelli 2007 for mu*): the sampling and the analysis are
// separate steps, joined only by the design points and the outputs, so an analysis can be redone from
// saved files.
//
// Design (SALib's "trajectories"): r trajectories of k+1 points each in the unit hypercube, on a grid of
// p levels. A trajectory starts at a random grid point x* with every coordinate in {0, 1/(p-1), ...,
// 1-delta}, delta = p / (2(p-1)), then moves one factor at a time, in a random order, by +delta or -delta
// (SALib's B* = J x* + delta/2 [(2B - J) D* + J] P*): consecutive points differ in exactly one factor.
//
// Analysis: the elementary effect of factor j on a trajectory is (y[i+1] - y[i]) / (u[i+1][j] - u[i][j])
// in unit-cube units (so effects compare across factors with different ranges: an effect is the change of
// the output over the factor's whole range). mu is their mean, mu* the mean of their absolute values,
// sigma their standard deviation (n-1); mu*_conf is SALib's bootstrap half-width: z(0.5+conf/2) times
// the standard deviation of mu* over resamples of the effects with replacement.
package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"dongshu/economy/detmath"
)

// Delta is the Morris step for p levels: p / (2 (p-1)).
func Delta(levels int) float64 { return float64(levels) / (2 * float64(levels-1)) }

// MorrisSample returns r trajectories of k+1 points in [0,1]^k (trajectory t is rows t(k+1) .. t(k+1)+k).
func MorrisSample(k, r, levels int, seed uint64) ([][]float64, error) {
	if k < 1 || r < 2 {
		return nil, fmt.Errorf("morris: need at least 1 factor and 2 trajectories (got %d, %d)", k, r)
	}
	if levels < 2 || levels%2 != 0 {
		return nil, fmt.Errorf("morris: levels %d: want an even number >= 2", levels)
	}
	rng := rand.New(rand.NewPCG(seed, 0x4d4f52524953)) // "MORRIS"
	delta := Delta(levels)
	nbase := levels / 2 // grid values 0 .. 1-delta: the first half of the levels
	var out [][]float64
	for range r {
		x := make([]float64, k)
		dir := make([]bool, k) // true: +delta
		for j := range k {
			x[j] = float64(rng.IntN(nbase)) / float64(levels-1)
			dir[j] = rng.IntN(2) == 0
		}
		cur := make([]float64, k)
		for j := range k {
			if dir[j] {
				cur[j] = x[j]
			} else {
				cur[j] = x[j] + delta
			}
		}
		out = append(out, slices.Clone(cur))
		for _, j := range rng.Perm(k) {
			if dir[j] {
				cur[j] += delta
			} else {
				cur[j] -= delta
			}
			out = append(out, slices.Clone(cur))
		}
	}
	return out, nil
}

// Index is one factor's Morris statistics.
type Index struct {
	Mu, MuStar, Sigma, MuStarConf float64
	N                             int // elementary effects used (NaN outputs are skipped)
}

// Options of the analysis.
type Options struct {
	Resamples int     // bootstrap resamples (SALib: 1000)
	Conf      float64 // confidence level (SALib: 0.95)
	Seed      uint64  // bootstrap seed
}

// z is the two-sided normal quantile of the confidence level: a bootstrap SD times z is a half-width.
func (o Options) z() float64 { return normPPF(0.5 + float64(o.Conf/2)) }

// MorrisAnalyse computes each factor's indices from design points u (in the unit cube, as MorrisSample
// returns them, k+1 per trajectory) and outputs y (one per point).
func MorrisAnalyse(u [][]float64, y []float64, o Options) ([]Index, error) {
	if len(u) == 0 || len(u) != len(y) {
		return nil, fmt.Errorf("morris: %d points and %d outputs", len(u), len(y))
	}
	k := len(u[0])
	if len(u)%(k+1) != 0 {
		return nil, fmt.Errorf("morris: %d points is not a whole number of trajectories of %d", len(u), k+1)
	}
	if o.Resamples <= 0 {
		o.Resamples = 1000
	}
	if o.Conf <= 0 || o.Conf >= 1 {
		o.Conf = 0.95
	}
	ee := make([][]float64, k)
	for t := 0; t < len(u); t += k + 1 {
		for i := t; i < t+k; i++ {
			j := -1
			for f := range k {
				if u[i+1][f] != u[i][f] {
					if j >= 0 {
						return nil, errors.New("morris: consecutive points differ in more than one factor: not a trajectory design")
					}
					j = f
				}
			}
			if j < 0 {
				continue // an integer factor rounded back to the same value: no effect to measure
			}
			d := (y[i+1] - y[i]) / (u[i+1][j] - u[i][j])
			if !math.IsNaN(d) && !math.IsInf(d, 0) {
				ee[j] = append(ee[j], d)
			}
		}
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x424f4f54)) // "BOOT"
	z := o.z()
	out := make([]Index, k)
	for j, e := range ee {
		ix := Index{N: len(e), Mu: math.NaN(), MuStar: math.NaN(), Sigma: math.NaN(), MuStarConf: math.NaN()}
		if len(e) > 0 {
			ix.Mu = mean(e)
			ix.MuStar = meanAbs(e)
		}
		if len(e) > 1 {
			ix.Sigma = stdev(e)
			boot := make([]float64, o.Resamples)
			s := make([]float64, len(e))
			for b := range boot {
				for i := range s {
					s[i] = e[rng.IntN(len(e))]
				}
				boot[b] = meanAbs(s)
			}
			ix.MuStarConf = z * stdev(boot)
		}
		out[j] = ix
	}
	return out, nil
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func meanAbs(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += math.Abs(x)
	}
	return s / float64(len(v))
}

func stdev(v []float64) float64 {
	m := mean(v)
	s := 0.0
	for _, x := range v {
		s += float64((x - m) * (x - m))
	}
	return math.Sqrt(s / float64(len(v)-1))
}

// normPPF is the standard normal quantile function, by bisection on normCDF (to 1e-13 for p in [0.005, 0.995]).
func normPPF(p float64) float64 {
	lo, hi := -10.0, 10.0
	for range 100 {
		mid := (lo + hi) / 2
		if normCDF(mid) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// normCDF is the standard normal distribution function by Marsaglia's series (J. Statistical Software
// 11(4), 2004): 1/2 + phi(x) (x + x^3/3 + x^5/(3*5) + ...), whose terms are all of one sign, in plain
// arithmetic and detmath.Exp so that every machine gets the same bits (math.Erf's do not); absolute error
// below 1e-15.
func normCDF(x float64) float64 {
	switch {
	case x < -10: // Φ(-10) is below 1e-23: 0 and 1 to double precision, and the series would take long
		return 0
	case x > 10:
		return 1
	case x != x:
		return x
	}
	sum, term, x2 := x, x, float64(x*x)
	for i := 3.0; ; i += 2 {
		term = float64(term*x2) / i
		next := sum + term
		if next == sum {
			break
		}
		sum = next
	}
	const logSqrt2Pi = 0.91893853320467274178 // log(sqrt(2 pi))
	return 0.5 + float64(sum*detmath.Exp(-float64(x2/2)-logSqrt2Pi))
}

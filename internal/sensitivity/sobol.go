package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Sobol indices after SALib's sobol analyser with Saltelli's sampling scheme (Saltelli 2002; Saltelli et
// al. 2010): two independent base matrices A and B of n points each, and for every factor j the matrix
// AB_j (A with column j taken from B). Points are written per base row i as A_i, AB_i^1 .. AB_i^k, B_i
// (n(k+2) points, SALib's order without second-order terms). The base matrices here are two independent
// Latin hypercubes rather than SALib's Sobol' sequence: the estimators are the same, they converge a little
// more slowly.
//
// First order (Saltelli 2010): S1_j = mean(f(B) (f(AB_j) - f(A))) / V; total (Jansen 1999):
// ST_j = mean((f(A) - f(AB_j))^2) / 2 / V, with V the variance of f over A and B together. Confidence
// half-widths: z(0.5 + conf/2) times the bootstrap standard deviation over resampled base rows.

// SaltelliSample returns n(k+2) points in [0,1]^k.
func SaltelliSample(k, n int, seed uint64) ([][]float64, error) {
	if k < 1 || n < 2 {
		return nil, fmt.Errorf("sobol: need at least 1 factor and 2 base samples (got %d, %d)", k, n)
	}
	rng := rand.New(rand.NewPCG(seed, 0x534f424f4c)) // "SOBOL"
	lhs := func() [][]float64 {
		m := make([][]float64, n)
		for i := range m {
			m[i] = make([]float64, k)
		}
		for j := range k {
			perm := rng.Perm(n)
			for i := range n {
				m[i][j] = (float64(perm[i]) + float64(rng.Float64())) / float64(n)
			}
		}
		return m
	}
	a, b := lhs(), lhs()
	out := make([][]float64, 0, n*(k+2))
	for i := range n {
		out = append(out, a[i])
		for j := range k {
			ab := append([]float64(nil), a[i]...)
			ab[j] = b[i][j]
			out = append(out, ab)
		}
		out = append(out, b[i])
	}
	return out, nil
}

// SobolIndex is one factor's first-order and total indices with their confidence half-widths.
type SobolIndex struct {
	S1, S1Conf, ST, STConf float64
}

// SobolAnalyse computes the indices from the outputs y of SaltelliSample's points (k factors). Base rows
// with a NaN output are left out.
func SobolAnalyse(k int, y []float64, o Options) ([]SobolIndex, error) {
	if k < 1 || len(y) == 0 || len(y)%(k+2) != 0 {
		return nil, fmt.Errorf("sobol: %d outputs is not a whole number of base rows of %d", len(y), k+2)
	}
	if o.Resamples <= 0 {
		o.Resamples = 1000
	}
	if o.Conf <= 0 || o.Conf >= 1 {
		o.Conf = 0.95
	}
	var rows [][]float64 // per base row: f(A), f(AB_1..k), f(B)
	for i := 0; i < len(y); i += k + 2 {
		r := y[i : i+k+2]
		ok := true
		for _, v := range r {
			ok = ok && !math.IsNaN(v) && !math.IsInf(v, 0)
		}
		if ok {
			rows = append(rows, r)
		}
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("sobol: fewer than 2 complete base rows")
	}
	est := func(idx []int) ([]float64, []float64) {
		var all []float64
		for _, i := range idx {
			all = append(all, rows[i][0], rows[i][k+1])
		}
		m := mean(all)
		v := 0.0
		for _, x := range all {
			v += float64((x - m) * (x - m))
		}
		v /= float64(len(all))
		s1, st := make([]float64, k), make([]float64, k)
		for j := range k {
			a, b := 0.0, 0.0
			for _, i := range idx {
				r := rows[i]
				a += float64(r[k+1] * (r[1+j] - r[0]))
				b += float64((r[0] - r[1+j]) * (r[0] - r[1+j]))
			}
			n := float64(len(idx))
			s1[j], st[j] = a/n/v, b/n/2/v
		}
		return s1, st
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	var all []float64
	for _, r := range rows {
		all = append(all, r[0], r[k+1])
	}
	if m, sd := mean(all), stdev(all); !(sd > 1e-9*math.Max(math.Abs(m), 1e-300)) {
		return nil, fmt.Errorf("sobol: the output does not vary (%g): no variance to share out", m)
	}
	s1, st := est(idx)
	rng := rand.New(rand.NewPCG(o.Seed, 0x424f4f54)) // "BOOT"
	b1, bt := make([][]float64, k), make([][]float64, k)
	for range o.Resamples {
		for i := range idx {
			idx[i] = rng.IntN(len(rows))
		}
		x1, xt := est(idx)
		for j := range k {
			b1[j], bt[j] = append(b1[j], x1[j]), append(bt[j], xt[j])
		}
	}
	z := o.z()
	out := make([]SobolIndex, k)
	for j := range k {
		out[j] = SobolIndex{S1: s1[j], ST: st[j], S1Conf: z * stdev(b1[j]), STConf: z * stdev(bt[j])}
	}
	return out, nil
}

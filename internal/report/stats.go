package report

import (
	"math"
	"slices"

	"dongshu/internal/calibrate"
)

// Band summarises one month's values across runs: the median and a band around it. The band is the
// 10th to 90th percentile when there are at least BandQuantileMinRuns values, the minimum to maximum
// otherwise (percentiles of a handful of runs mean little).
type Band struct {
	N              int     // values summarised (NaNs are skipped)
	Median, Lo, Hi float64 // NaN when N == 0
}

// BandQuantileMinRuns is the number of runs from which a band is the 10th-90th percentile rather than
// the range.
const BandQuantileMinRuns = 10

// finite returns the non-NaN values of xs, sorted, in a new slice.
func finite(xs []float64) []float64 {
	out := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// Summarise computes the median and band of xs, skipping NaNs.
func Summarise(xs []float64) Band {
	s := finite(xs)
	b := Band{N: len(s), Median: calibrate.QuantileSorted(s, 0.5)}
	if len(s) >= BandQuantileMinRuns {
		b.Lo, b.Hi = calibrate.QuantileSorted(s, 0.1), calibrate.QuantileSorted(s, 0.9)
	} else if len(s) > 0 {
		b.Lo, b.Hi = s[0], s[len(s)-1]
	} else {
		b.Lo, b.Hi = math.NaN(), math.NaN()
	}
	return b
}

// MeanSD is the mean and sample standard deviation of xs, skipping NaNs; sd is 0 for one value and both
// are NaN for none.
func MeanSD(xs []float64) (mean, sd float64, n int) {
	s := finite(xs)
	n = len(s)
	if n == 0 {
		return math.NaN(), math.NaN(), 0
	}
	for _, x := range s {
		mean += x
	}
	mean /= float64(n)
	if n == 1 {
		return mean, 0, 1
	}
	for _, x := range s {
		sd += float64((x - mean) * (x - mean))
	}
	return mean, math.Sqrt(sd / float64(n-1)), n
}

// MeansByValue groups the pairs (x[i], y[i]) by x and returns the distinct x values in increasing order
// with the mean y of each; pairs where y is NaN are skipped (an x whose every y is NaN is left out).
func MeansByValue(x, y []float64) (xs, means []float64) {
	idx := make([]int, 0, len(x))
	for i := range x {
		if !math.IsNaN(y[i]) && !math.IsNaN(x[i]) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	for i := 0; i < len(idx); {
		j, sum := i, 0.0
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			sum += y[idx[j]]
			j++
		}
		xs = append(xs, x[idx[i]])
		means = append(means, sum/float64(j-i))
		i = j
	}
	return xs, means
}

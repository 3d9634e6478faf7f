package agents

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// BenchmarkBaselineRun is a whole baseline run, 2013-01 to 2035-12 (276 months), seed 1.
func BenchmarkBaselineRun(b *testing.B) {
	s := baseline(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		m, err := New(s.Clone())
		require.NoError(b, err)
		require.NoError(b, m.Run(nil))
	}
}

// BenchmarkAllocate solves one month's allocation at 2030 size (the baseline world in January 2030).
func BenchmarkAllocate(b *testing.B) {
	m, err := New(baseline(b, 1))
	require.NoError(b, err)
	for m.W.Now.Year() < 2030 {
		require.NoError(b, m.Step())
	}
	w := m.W
	w.BeginMonth()
	w.GenerateDemand(m.Rng)
	w.Alloc.Prepare(w)
	b.ReportAllocs()
	for b.Loop() {
		w.Alloc.Prepare(w)
		if _, err := w.Alloc.Optimise(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllocateScale times the allocator month after month (instance build and solve, warm-started
// from the previous month as in a run) in synthetic worlds of n provinces (configs.Scenario.Scale), from
// June 2021 on; the rest of each month runs with the timer stopped.
func BenchmarkAllocateScale(b *testing.B) {
	for _, n := range []int{31, 310, 1000} {
		b.Run(fmt.Sprintf("provinces=%d", n), func(b *testing.B) {
			s, err := baseline(b, 1).Scale(n, 1)
			require.NoError(b, err)
			start := func() *Model {
				m, err := New(s)
				require.NoError(b, err)
				require.NoError(b, m.StepUntil(configs.NewMonth(2021, 6)))
				return m
			}
			m := start()
			arcs, pivots := 0, 0
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				if m.Done() {
					m = start()
				}
				m.StepToAllocation()
				w := m.W
				b.StartTimer()
				w.Alloc.Prepare(w)
				if _, err := w.Alloc.Optimise(); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				arcs = max(arcs, len(w.Alloc.Arcs()))
				pivots += w.Alloc.Pivots()
				require.NoError(b, m.FinishStep())
				b.StartTimer()
			}
			b.ReportMetric(float64(arcs), "max-arcs")
			b.ReportMetric(float64(pivots)/float64(b.N), "pivots/op")
		})
	}
}

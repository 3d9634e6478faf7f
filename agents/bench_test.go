package agents

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkBaselineRun is a whole baseline run, 2020-01 to 2035-12 (192 months), seed 1.
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

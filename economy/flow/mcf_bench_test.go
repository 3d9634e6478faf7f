package flow

import "testing"

// benchmarkMCFTransport solves a transportation instance of the given size,
// rebuilding it with Reset+AddArc+SetSupply every iteration as the monthly
// simulation does.
func benchmarkMCFTransport(b *testing.B, provinces int) {
	inst := mcfTransportInstance(provinces, 42)
	g := NewMinCostFlow()
	inst.load(g)
	if _, err := g.Solve(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		inst.load(g)
		if _, err := g.Solve(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(g.NumArcs()), "arcs")
	b.ReportMetric(float64(g.NumNodes()), "nodes")
}

func BenchmarkMinCostFlowTransport31(b *testing.B) { benchmarkMCFTransport(b, 31) }

func BenchmarkMinCostFlowTransport310(b *testing.B) { benchmarkMCFTransport(b, 310) }

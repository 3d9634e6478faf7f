package flow

import (
	"math/rand/v2"
	"testing"
)

// nsBenchSources returns the source nodes of a transport instance and, per
// source, the index of its unserved arc (whose capacity is the source's
// supply, as in the allocator).
func nsBenchSources(inst *mcfInstance) (sources, unserved []int) {
	sink := inst.n - 1
	at := make(map[int]int)
	for i, a := range inst.arcs {
		if a.to == sink && a.cap == inst.supply[a.from] {
			at[a.from] = i
		}
	}
	for v, s := range inst.supply {
		if s > 0 {
			sources = append(sources, v)
			unserved = append(unserved, at[v])
		}
	}
	return sources, unserved
}

// benchmarkNSTransport solves mcfTransportInstance(provinces, 42) rebuilt
// with Reset+AddArc+SetSupply every iteration, like
// BenchmarkMinCostFlowTransport*. Cold: the same instance, warm start
// disabled. Warm: every iteration first moves each source's supply by a
// random amount within +-1% (the sink balancing it, the unserved arc's
// capacity following it), as from one month to the next, and the solve
// starts from the previous basis.
func benchmarkNSTransport(b *testing.B, provinces int, warm bool) {
	inst := mcfTransportInstance(provinces, 42)
	base := append([]int64(nil), inst.supply...)
	sources, unserved := nsBenchSources(inst)
	sink := inst.n - 1
	r := rand.New(rand.NewPCG(42, 43))
	perturb := func() {
		for k, v := range sources {
			s := inst.supply[v]
			d := s * (r.Int64N(201) - 100) / 10_000
			s = min(max(s+d, base[v]/2), base[v]*2)
			inst.supply[sink] -= s - inst.supply[v]
			inst.supply[v] = s
			inst.arcs[unserved[k]].cap = s
		}
	}
	g := NewNetworkSimplex()
	g.ColdStart = !warm
	nsLoad(g, inst)
	if _, err := g.Solve(); err != nil {
		b.Fatal(err)
	}
	pivots := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if warm {
			perturb()
		}
		nsLoad(g, inst)
		if _, err := g.Solve(); err != nil {
			b.Fatal(err)
		}
		pivots += g.lastPivots
	}
	b.ReportMetric(float64(pivots)/float64(b.N), "pivots/op")
	b.ReportMetric(float64(g.NumArcs()), "arcs")
	b.ReportMetric(float64(g.NumNodes()), "nodes")
}

func BenchmarkNetworkSimplexTransport31Cold(b *testing.B) { benchmarkNSTransport(b, 31, false) }

func BenchmarkNetworkSimplexTransport31Warm(b *testing.B) { benchmarkNSTransport(b, 31, true) }

func BenchmarkNetworkSimplexTransport310Cold(b *testing.B) { benchmarkNSTransport(b, 310, false) }

func BenchmarkNetworkSimplexTransport310Warm(b *testing.B) { benchmarkNSTransport(b, 310, true) }

// nsMonthInstances runs the allocator-like month model (see nsMonthModel)
// for the given number of months, booking MinCostFlow's placements, and
// returns the instances, whose node count stays fixed.
func nsMonthInstances(provinces, months int) []*mcfInstance {
	md := newNSMonthModel(provinces, uint64(provinces))
	r := rand.New(rand.NewPCG(7, uint64(provinces)))
	g := NewMinCostFlow()
	var out []*mcfInstance
	for month := range months {
		inst, site, kind := md.build()
		inst.load(g)
		if _, err := g.Solve(); err != nil {
			panic(err)
		}
		out = append(out, inst)
		md.advance(r, month, mcfFlows(g), site, kind)
		md.skip = -1
	}
	return out
}

// benchmarkNSMonths solves 24 consecutive months of the allocator-like
// model in turn, rebuilding each (the warm start carries the basis over,
// by endpoints when the arc list changed); the wrap from the last month to
// the first is part of the average.
func benchmarkNSMonths(b *testing.B, provinces int, solver string) {
	months := nsMonthInstances(provinces, 24)
	ns := NewNetworkSimplex()
	ns.ColdStart = solver == "cold"
	mcf := NewMinCostFlow()
	pivots := 0
	b.ReportAllocs()
	i := 0
	solve := func() {
		inst := months[i%len(months)]
		i++
		var err error
		if solver == "mcf" {
			inst.load(mcf)
			_, err = mcf.Solve()
		} else {
			nsLoad(ns, inst)
			_, err = ns.Solve()
			pivots += ns.lastPivots
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	for range months {
		solve()
	}
	pivots = 0
	b.ResetTimer()
	for b.Loop() {
		solve()
	}
	if solver != "mcf" {
		b.ReportMetric(float64(pivots)/float64(b.N), "pivots/op")
	}
}

func BenchmarkNetworkSimplexMonths31Warm(b *testing.B) { benchmarkNSMonths(b, 31, "warm") }

func BenchmarkNetworkSimplexMonths31Cold(b *testing.B) { benchmarkNSMonths(b, 31, "cold") }

func BenchmarkMinCostFlowMonths31(b *testing.B) { benchmarkNSMonths(b, 31, "mcf") }

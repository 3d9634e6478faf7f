package economy

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/economy/flow"
	"dongshu/internal/glpk"
)

// randomAllocation draws an allocation-shaped instance: sources (province x class) -> a site directly,
// or through the site's corridor, or into its accelerator pool; sites and pools -> sink; every source
// -> sink at the unserved penalty. kind selects the degenerate cases the GLPK check must cover.
func randomAllocation(rng *rand.Rand, kind int) *FlowInstance {
	np := 2 + rng.IntN(10)
	nc := 1 + rng.IntN(4)
	sink := 3 * np
	f := &FlowInstance{Nodes: sink + 1 + np*nc}
	f.Supply = make([]int64, f.Nodes)
	arc := func(from, to int, capacity, cost int64) {
		f.From, f.To = append(f.From, from), append(f.To, to)
		f.Cap, f.Cost = append(f.Cap, capacity), append(f.Cost, cost)
	}
	cost := func() int64 {
		if kind == 1 { // ties everywhere
			return int64(1 + rng.IntN(3))
		}
		return int64(rng.IntN(100000))
	}
	capacity := func(scale int) int64 {
		switch {
		case kind == 2 && rng.IntN(2) == 0: // many zero capacities
			return 0
		case kind == 3: // nothing can be served
			return 0
		}
		return int64(rng.IntN(scale))
	}
	for s := 0; s < np; s++ {
		arc(s, sink, capacity(5000), 0)      // spare general capacity
		arc(2*np+s, sink, capacity(2000), 0) // spare accelerator capacity
		cor := capacity(3000)
		if kind == 4 && s == 0 { // one huge bottleneck corridor into the cheapest site
			cor = 1
		}
		arc(np+s, s, cor, 0)
	}
	total := int64(0)
	for o := 0; o < np; o++ {
		for c := 0; c < nc; c++ {
			src := sink + 1 + o*nc + c
			sup := int64(rng.IntN(4000))
			if kind == 4 && o == 0 {
				sup = 100000
			}
			f.Supply[src] = sup
			total += sup
			accel := c == nc-1 && nc > 2
			for s := 0; s < np; s++ {
				if rng.IntN(4) == 0 && s != o { // latency bound rules the pair out
					continue
				}
				cst := cost()
				if kind == 4 && s == 0 {
					cst = 0
				}
				switch {
				case accel:
					arc(src, 2*np+s, sup, cst)
				case s == o:
					arc(src, s, sup, cst)
				default:
					arc(src, np+s, sup, cst)
				}
			}
			arc(src, sink, sup, 1_000_000) // unserved
		}
	}
	f.Supply[sink] = -total
	return f
}

// flowSolver is what the allocator needs of a min-cost-flow solver (MinCostFlow, NetworkSimplex).
type flowSolver interface {
	Reset(n int)
	AddArc(from, to int, capacity, cost int64) int
	SetSupply(node int, supply int64)
	Solve() (int64, error)
	Flow(arc int) int64
}

func solveMCF(t *testing.T, f *FlowInstance, g flowSolver) (int64, []int64) {
	t.Helper()
	g.Reset(f.Nodes)
	for i := range f.From {
		g.AddArc(f.From[i], f.To[i], f.Cap[i], f.Cost[i])
	}
	for v, s := range f.Supply {
		g.SetSupply(v, s)
	}
	obj, err := g.Solve()
	require.NoError(t, err)
	flow := make([]int64, len(f.From))
	for i := range flow {
		flow[i] = g.Flow(i)
	}
	return obj, flow
}

// compareWithGLPK writes f as an LP file, solves it with glpsol and checks our optimum against it;
// it returns the relative gap.
func compareWithGLPK(t *testing.T, f *FlowInstance, obj int64, flow []int64) float64 {
	t.Helper()
	require.NoError(t, f.Check(flow), "our flow is feasible")
	require.Equal(t, obj, f.TotalCost(flow), "reported objective = cost of the flow")
	res, err := glpk.SolveWritten(t.TempDir(), f.WriteLP)
	require.NoError(t, err)
	require.Equal(t, "optimal", res.Status)
	gap := math.Abs(float64(obj)-res.Objective) / math.Max(1, math.Abs(res.Objective))
	assert.LessOrEqual(t, gap, 1e-6, "ours %d, glpsol %.17g", obj, res.Objective)
	return gap
}

// TestAllocatorMatchesGLPKOnRandomInstances solves 200 seeded random allocation instances (plain,
// all ties, many zero capacities, nothing servable, one huge bottleneck) and compares each optimum with
// glpsol's.
func TestAllocatorMatchesGLPKOnRandomInstances(t *testing.T) {
	glpk.Require(t)
	rng := rand.New(rand.NewPCG(2026, 11))
	primalDual, simplex := flow.NewMinCostFlow(), flow.NewNetworkSimplex() // the simplex warm-starts across instances
	worst := 0.0
	for i := range 200 {
		f := randomAllocation(rng, i%5)
		obj, flow := solveMCF(t, f, simplex)
		worst = max(worst, compareWithGLPK(t, f, obj, flow))
		obj2, flow2 := solveMCF(t, f, primalDual)
		require.NoError(t, f.Check(flow2))
		assert.Equal(t, obj, obj2, "instance %d: both solvers find the optimum", i)
	}
	t.Logf("200 random instances: worst relative gap to glpsol %.3g", worst)
}

func TestWriteLPReadsBackTrivially(t *testing.T) {
	f := &FlowInstance{Nodes: 2, From: []int{0}, To: []int{1}, Cap: []int64{5}, Cost: []int64{3}, Supply: []int64{4, -4}}
	var sb []byte
	w := &byteWriter{&sb}
	require.NoError(t, f.WriteLP(w))
	assert.Equal(t, "\\ dongshu allocation instance: 2 nodes, 1 arcs\nMinimize\n obj: + 3 x0\nSubject To\n n0: + 1 x0 = 4\n n1: - 1 x0 = -4\nBounds\n 0 <= x0 <= 5\nEnd\n", string(sb))
	assert.Error(t, f.Check([]int64{5}), "flow 5 breaks conservation")
	assert.NoError(t, f.Check([]int64{4}))
}

type byteWriter struct{ b *[]byte }

func (w *byteWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }

// The DIMACS file holds the LP file's instance: a header with the node and arc counts, one n line per
// nonzero supply and one a line per arc, nodes numbered from 1.
func TestWriteDIMACS(t *testing.T) {
	f := &FlowInstance{Nodes: 3, From: []int{0, 1, 0}, To: []int{1, 2, 2}, Cap: []int64{5, 4, 9},
		Cost: []int64{1, 2, 7}, Supply: []int64{6, 0, -6}}
	var b strings.Builder
	require.NoError(t, f.WriteDIMACS(&b))
	assert.Equal(t, "c dongshu allocation instance: 3 nodes, 3 arcs\np min 3 3\nn 1 6\nn 3 -6\n"+
		"a 1 2 0 5 1\na 2 3 0 4 2\na 1 3 0 9 7\n", b.String())
}

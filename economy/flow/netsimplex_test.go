package flow

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nsLoad rebuilds inst into g with Reset, AddArc and SetSupply.
func nsLoad(g *NetworkSimplex, inst *mcfInstance) {
	g.Reset(inst.n)
	for _, a := range inst.arcs {
		g.AddArc(a.from, a.to, a.cap, a.cost)
	}
	for v, s := range inst.supply {
		if s != 0 {
			g.SetSupply(v, s)
		}
	}
}

// nsFlows returns the per-arc flows of g.
func nsFlows(g *NetworkSimplex) []int64 {
	out := make([]int64, g.NumArcs())
	for i := range out {
		out[i] = g.Flow(i)
	}
	return out
}

// nsMCF solves inst with MinCostFlow, the reference.
func nsMCF(inst *mcfInstance) (int64, error) {
	g := NewMinCostFlow()
	inst.load(g)
	return g.Solve()
}

// nsClone deep-copies an instance.
func nsClone(inst *mcfInstance) *mcfInstance {
	out := &mcfInstance{n: inst.n}
	out.arcs = append([]mcfArc(nil), inst.arcs...)
	out.supply = append([]int64(nil), inst.supply...)
	return out
}

// nsCheckBasis checks the invariants of g's basis after a Solve that ran
// the simplex (nsCheckTree), and that no priced arc violates optimality:
// the user arcs, and the artificial ones if one has been at its upper
// bound. Non-tree artificial arcs otherwise carry no flow, and one with a
// negative reduced cost does not matter (see the type comment).
func nsCheckBasis(t *testing.T, g *NetworkSimplex) {
	t.Helper()
	require.True(t, g.basisOK)
	nsCheckTree(t, g)
	for e := range g.m + g.n {
		if e >= g.searched {
			assert.NotEqual(t, nsUpper, g.state[e], "unpriced artificial arc %d at upper bound", e)
			continue
		}
		a := g.arcs[e]
		rc := a.cost + g.pi[a.src] - g.pi[a.tgt]
		switch g.state[e] {
		case nsLower:
			assert.GreaterOrEqual(t, rc, int64(0), "arc %d at lower bound: reduced cost", e)
		case nsUpper:
			assert.LessOrEqual(t, rc, int64(0), "arc %d at upper bound: reduced cost", e)
		}
	}
}

// preorder lists the tree's nodes in thread order (root first, parents
// before children), in g.order.
func (g *NetworkSimplex) preorder() []int32 {
	order := g.order[:g.n+1]
	w := int32(g.n)
	for i := range order {
		order[i] = w
		w = g.thread[w]
	}
	return order
}

// nsCheckTree checks the invariants that hold between pivots: a spanning
// tree with consistent parent, tree arc, orientation and thread (a cyclic
// preorder in which every subtree is the segment of succNum nodes ending
// at lastSucc); tree arcs of zero reduced cost; strong feasibility;
// non-tree arcs at a bound; flows within bounds and conserved at every
// node (artificial arcs included).
func nsCheckTree(t *testing.T, g *NetworkSimplex) {
	t.Helper()
	n, m := g.n, g.m
	root := int32(n)
	order := append([]int32(nil), g.preorder()...)
	require.Len(t, order, n+1)
	require.Equal(t, root, order[0], "the thread starts at the root")
	require.Equal(t, root, g.thread[order[n]], "the thread is a cycle")
	require.Equal(t, int32(-1), g.parent[root])
	pos := make([]int, n+1)
	for i := range pos {
		pos[i] = -1
	}
	for i, u := range order {
		require.Equal(t, -1, pos[u], "node %d threaded twice", u)
		pos[u] = i
		require.Equal(t, u, g.revThread[g.thread[u]], "revThread inverts thread at %d", u)
	}
	for _, u := range order {
		// u's subtree is the thread segment of succNum[u] nodes from u,
		// ending at lastSucc[u]: every node in it has u as an ancestor,
		// and the next one (if any) does not.
		k := int(g.succNum[u])
		require.Positive(t, k)
		require.LessOrEqual(t, pos[u]+k, n+1, "subtree of %d", u)
		require.Equal(t, order[pos[u]+k-1], g.lastSucc[u], "lastSucc of %d", u)
		isDesc := func(w int32) bool {
			for ; w >= 0; w = g.parent[w] {
				if w == u {
					return true
				}
			}
			return false
		}
		for _, w := range order[pos[u] : pos[u]+k] {
			require.True(t, isDesc(w), "%d in the thread segment of %d", w, u)
		}
		if pos[u]+k <= n {
			require.False(t, isDesc(order[pos[u]+k]), "segment of %d ends at lastSucc", u)
		}
	}
	trees := 0
	net := make([]int64, n+1)
	for e := range m + n {
		f := g.flow[e]
		c := g.ucap(int32(e))
		a := g.arcs[e]
		net[a.src] += f
		net[a.tgt] -= f
		switch g.state[e] {
		case nsTree:
			trees++
			assert.Zero(t, a.cost+g.pi[a.src]-g.pi[a.tgt], "tree arc %d reduced cost", e)
			assert.True(t, f >= 0 && f <= c, "tree arc %d flow %d within [0,%d]", e, f, c)
		case nsLower:
			assert.Zero(t, f, "arc %d at lower bound", e)
		case nsUpper:
			assert.Equal(t, c, f, "arc %d at upper bound", e)
		}
	}
	assert.Equal(t, n, trees, "n tree arcs")
	for u := range root {
		assert.Equal(t, g.supply[u], net[u], "conservation at %d", u)
		p, e := g.parent[u], g.pred[u]
		a := g.arcs[e]
		require.Equal(t, nsTree, g.state[e], "pred of %d is a tree arc", u)
		assert.Less(t, pos[p], pos[u], "parent of %d threaded first", u)
		if g.dir[u] == nsUp {
			assert.Equal(t, [2]int32{u, p}, [2]int32{a.src, a.tgt}, "pred of %d runs to its parent", u)
			assert.Less(t, g.flow[e], g.ucap(e), "strongly feasible at %d (up arc not full)", u)
		} else {
			assert.Equal(t, [2]int32{p, u}, [2]int32{a.src, a.tgt}, "pred of %d runs from its parent", u)
			assert.Positive(t, g.flow[e], "strongly feasible at %d (down arc not empty)", u)
		}
		if int(e) >= m {
			assert.Equal(t, root, p, "artificial arc of %d hangs from the root", u)
		}
	}
}

// nsSolveChecked solves inst on g like Solve, checking nsCheckTree after
// the warm or cold start and after every pivot.
func nsSolveChecked(t *testing.T, g *NetworkSimplex, inst *mcfInstance) (int64, error) {
	t.Helper()
	nsLoad(g, inst)
	if err := g.prepare(); err != nil {
		return 0, err
	}
	nsCheckTree(t, g)
	g.startPivots()
	for g.step() {
		nsCheckTree(t, g)
		if t.Failed() {
			t.FailNow()
		}
	}
	g.basisOK = true
	nsCheckBasis(t, g)
	return g.finish()
}

func TestNetworkSimplexInvariantsAfterEveryPivot(t *testing.T) {
	g := NewNetworkSimplex()
	solves, warm := 0, 0
	check := func(inst *mcfInstance, what string) {
		t.Helper()
		want, wantErr := nsMCF(inst)
		got, err := nsSolveChecked(t, g, inst)
		solves++
		if g.lastWarm {
			warm++
		}
		if wantErr != nil {
			assert.ErrorIs(t, err, wantErr, what)
			return
		}
		require.NoError(t, err, what)
		assert.Equal(t, want, got, what)
	}
	for seed := uint64(1); seed <= 60; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		inst := nsMixedInstance(r, seed, 2)
		check(&inst, "random")
		for step := range 4 {
			nsPerturb(r, &inst)
			check(&inst, "perturbed "+string(rune('0'+step)))
		}
	}
	md := newNSMonthModel(12, 5)
	r := rand.New(rand.NewPCG(5, 5))
	for month := range 8 {
		inst, site, kind := md.build()
		check(inst, "month")
		md.advance(r, month, nsFlows(g), site, kind)
	}
	assert.Greater(t, warm, solves/2)
}

func TestNetworkSimplexHandChecked(t *testing.T) {
	tests := []struct {
		name      string
		inst      mcfInstance
		wantCost  int64
		wantFlows []int64 // nil: optimum not unique, only checked generically
		wantErr   error
	}{
		{
			name:     "single path",
			inst:     mcfInstance{n: 3, arcs: []mcfArc{{0, 1, 5, 2}, {1, 2, 5, 3}}, supply: []int64{4, 0, -4}},
			wantCost: 20, wantFlows: []int64{4, 4},
		},
		{
			name: "cheap route capacity-limited spills to dear route",
			inst: mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 10, 5}, {0, 1, 3, 1}}, supply: []int64{5, -5}},
			// 3 units at 1 + 2 units at 5
			wantCost: 13, wantFlows: []int64{2, 3},
		},
		{
			name: "optimum needs a reverse residual arc",
			// s=0 a=1 b=2 t=3: s-a-t (1+3) + s-b-t (2+1) = 7, a->b unused
			// although s-a-b-t is the cheapest single path.
			inst: mcfInstance{n: 4, arcs: []mcfArc{
				{0, 1, 1, 1}, {1, 2, 1, 0}, {2, 3, 1, 1}, {0, 2, 1, 2}, {1, 3, 1, 3},
			}, supply: []int64{2, 0, 0, -2}},
			wantCost: 7, wantFlows: []int64{1, 0, 1, 1, 1},
		},
		{
			name:     "zero-capacity arcs are never used",
			inst:     mcfInstance{n: 3, arcs: []mcfArc{{0, 2, 0, 0}, {0, 1, 5, 1}, {1, 2, 0, 0}, {1, 2, 5, 1}}, supply: []int64{3, 0, -3}},
			wantCost: 6, wantFlows: []int64{0, 3, 0, 3},
		},
		{
			name:     "ties between equal-cost parallel routes",
			inst:     mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 2, 2}, {0, 1, 2, 2}, {0, 1, 2, 2}}, supply: []int64{5, -5}},
			wantCost: 10,
		},
		{
			name: "transportation: two sources two sinks",
			inst: mcfInstance{n: 4, arcs: []mcfArc{
				{0, 2, 9, 1}, {0, 3, 9, 2}, {1, 2, 9, 10}, {1, 3, 9, 3},
			}, supply: []int64{3, 2, -3, -2}},
			wantCost: 3*1 + 2*3, wantFlows: []int64{3, 0, 0, 2},
		},
		{
			name: "zero-cost cycle",
			inst: mcfInstance{n: 4, arcs: []mcfArc{
				{0, 1, 4, 1}, {1, 2, 4, 0}, {2, 1, 4, 0}, {2, 3, 4, 1},
			}, supply: []int64{3, 0, 0, -3}},
			wantCost: 6,
		},
		{
			name:     "self-loop carries no flow",
			inst:     mcfInstance{n: 2, arcs: []mcfArc{{0, 0, 5, 0}, {0, 1, 5, 7}}, supply: []int64{2, -2}},
			wantCost: 14, wantFlows: []int64{0, 2},
		},
		{
			name:     "unserved penalty arc absorbs what capacity cannot",
			inst:     mcfInstance{n: 3, arcs: []mcfArc{{0, 1, 4, 1}, {1, 2, 4, 1}, {0, 2, 100, 1000}}, supply: []int64{10, 0, -10}},
			wantCost: 4*2 + 6*1000, wantFlows: []int64{4, 4, 6},
		},
		{
			name:     "unbounded capacities",
			inst:     mcfInstance{n: 3, arcs: []mcfArc{{0, 1, math.MaxInt64, 1}, {1, 2, math.MaxInt64, 1}, {0, 2, math.MaxInt64, 3}}, supply: []int64{7, 0, -7}},
			wantCost: 14, wantFlows: []int64{7, 7, 0},
		},
		{
			name:     "supply near 2^62 over unbounded arcs",
			inst:     mcfInstance{n: 3, arcs: []mcfArc{{0, 1, math.MaxInt64, 1}, {1, 2, math.MaxInt64, 0}, {0, 2, math.MaxInt64, 2}}, supply: []int64{1 << 62, 0, -(1 << 62)}},
			wantCost: 1 << 62, wantFlows: []int64{1 << 62, 1 << 62, 0},
		},
		{
			name:     "no supplies",
			inst:     mcfInstance{n: 3, arcs: []mcfArc{{0, 1, 5, 1}}, supply: []int64{0, 0, 0}},
			wantCost: 0, wantFlows: []int64{0},
		},
		{
			name:     "empty instance",
			inst:     mcfInstance{n: 0, supply: []int64{}},
			wantCost: 0, wantFlows: []int64{},
		},
		{
			name:    "infeasible: capacity too small",
			inst:    mcfInstance{n: 3, arcs: []mcfArc{{0, 1, 5, 1}, {1, 2, 2, 1}}, supply: []int64{3, 0, -3}},
			wantErr: ErrInfeasible,
		},
		{
			name:    "infeasible: only a zero-capacity route",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 0, 1}}, supply: []int64{1, -1}},
			wantErr: ErrInfeasible,
		},
		{
			name:    "infeasible: arc points the wrong way",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{1, 0, 5, 1}}, supply: []int64{1, -1}},
			wantErr: ErrInfeasible,
		},
		{
			name:    "infeasible although a dear path exists for part of it",
			inst:    mcfInstance{n: 3, arcs: []mcfArc{{0, 2, 2, 1_000_000}, {1, 2, 5, 1}}, supply: []int64{3, 0, -3}},
			wantErr: ErrInfeasible,
		},
		{
			name:    "unbalanced supplies",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 10, 1}}, supply: []int64{5, -4}},
			wantErr: ErrUnbalanced,
		},
		{
			name:    "supply sum overflows",
			inst:    mcfInstance{n: 3, arcs: []mcfArc{{0, 2, math.MaxInt64, 1}}, supply: []int64{math.MaxInt64, math.MaxInt64, -1}},
			wantErr: ErrOverflow,
		},
		{
			name:    "total cost overflows",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 1 << 40, 1 << 30}}, supply: []int64{1 << 40, -(1 << 40)}},
			wantErr: ErrOverflow,
		},
		{
			name:    "a term of the total cost reaches 2^63",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 1 << 40, 1 << 23}}, supply: []int64{1 << 40, -(1 << 40)}},
			wantErr: ErrOverflow,
		},
		{
			name:    "the total cost reaches 2^63, its terms do not",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 1 << 40, 1 << 22}, {0, 1, 1 << 40, 1 << 22}}, supply: []int64{1 << 41, -(1 << 41)}},
			wantErr: ErrOverflow,
		},
		{
			name:     "the total cost just fits",
			inst:     mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 1 << 40, 1 << 22}, {0, 1, 1<<40 - 1, 1 << 22}}, supply: []int64{1<<41 - 1, -(1<<41 - 1)}},
			wantCost: 1<<63 - 1<<22,
		},
		{
			name:    "arc cost too large for potentials",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 1, math.MaxInt64 / 2}}, supply: []int64{1, -1}},
			wantErr: ErrOverflow,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			refCost, refErr := nsMCF(&tc.inst)
			g := NewNetworkSimplex()
			nsLoad(g, &tc.inst)
			require.Equal(t, tc.inst.n, g.NumNodes())
			require.Equal(t, len(tc.inst.arcs), g.NumArcs())
			cost, err := g.Solve()
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
				assert.ErrorIs(t, refErr, tc.wantErr, "MinCostFlow agrees")
				for i := range tc.inst.arcs {
					assert.Zero(t, g.Flow(i), "flow after failed Solve")
				}
				return
			}
			require.NoError(t, err)
			require.NoError(t, refErr)
			assert.Equal(t, tc.wantCost, cost)
			assert.Equal(t, refCost, cost, "MinCostFlow agrees")
			f := nsFlows(g)
			if tc.wantFlows != nil {
				assert.Equal(t, tc.wantFlows, f)
			}
			mcfCheckFlow(t, &tc.inst, f, cost)

			// Solving again (a warm start from the optimal basis) gives
			// the same answer without a pivot.
			cost2, err := g.Solve()
			require.NoError(t, err)
			assert.Equal(t, cost, cost2)
			assert.Equal(t, f, nsFlows(g))
			assert.Zero(t, g.lastPivots, "re-solve from the optimal basis pivots")
		})
	}
}

func TestNetworkSimplexPanicsOnBadInput(t *testing.T) {
	tests := []struct {
		name string
		fn   func(g *NetworkSimplex)
	}{
		{"negative cost", func(g *NetworkSimplex) { g.AddArc(0, 1, 1, -1) }},
		{"negative capacity", func(g *NetworkSimplex) { g.AddArc(0, 1, -1, 1) }},
		{"from out of range", func(g *NetworkSimplex) { g.AddArc(-1, 1, 1, 1) }},
		{"to out of range", func(g *NetworkSimplex) { g.AddArc(0, 2, 1, 1) }},
		{"supply node out of range", func(g *NetworkSimplex) { g.SetSupply(2, 1) }},
		{"flow arc out of range", func(g *NetworkSimplex) { g.Flow(0) }},
		{"arc out of range", func(g *NetworkSimplex) { g.Arc(0) }},
		{"arc out of range, an artificial one's id after a solve", func(g *NetworkSimplex) {
			g.AddArc(0, 1, 1, 1)
			g.SetSupply(0, 1)
			g.SetSupply(1, -1)
			_, _ = g.Solve() // feasible: it makes room for the artificial arcs after the user arc
			g.Arc(1)
		}},
		{"negative node count", func(g *NetworkSimplex) { g.Reset(-1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewNetworkSimplex()
			g.Reset(2)
			assert.Panics(t, func() { tc.fn(g) })
		})
	}
}

func TestNetworkSimplexArcIDsAndFlowBeforeSolve(t *testing.T) {
	g := NewNetworkSimplex()
	g.Reset(3)
	assert.Equal(t, 0, g.AddArc(0, 1, 5, 1))
	assert.Equal(t, 1, g.AddArc(1, 2, 5, 1))
	assert.Equal(t, 2, g.AddArc(0, 2, 5, 9))
	g.SetSupply(0, 2)
	g.SetSupply(2, -2)
	assert.Zero(t, g.Flow(0), "no flow before Solve")
	cost, err := g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(4), cost)
	assert.Equal(t, int64(2), g.Flow(0))
	assert.False(t, g.lastWarm, "first solve is cold")

	// Changing the instance invalidates the flows until the next Solve,
	// which warm-starts (same arcs).
	g.SetSupply(0, 3)
	g.SetSupply(2, -3)
	assert.Zero(t, g.Flow(0))
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(6), cost)
	assert.True(t, g.lastWarm)

	// Adding an arc without Reset changes the arc list: the basis is
	// carried over by endpoints.
	g.AddArc(0, 2, 5, 1)
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(3), cost)
	assert.True(t, g.lastWarm)
	assert.True(t, g.lastRemap)
	assert.Equal(t, int64(3), g.Flow(3))

	// Reset clears arcs and supplies.
	g.Reset(2)
	assert.Equal(t, 2, g.NumNodes())
	assert.Equal(t, 0, g.NumArcs())
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Zero(t, cost)
}

func TestNetworkSimplexWarmStartConditions(t *testing.T) {
	base := mcfInstance{n: 4, arcs: []mcfArc{
		{0, 1, 5, 1}, {1, 3, 5, 1}, {0, 2, 5, 2}, {2, 3, 5, 2},
	}, supply: []int64{6, 0, 0, -6}}
	g := NewNetworkSimplex()
	type start int
	const (
		cold start = iota
		warm
		remapped
	)
	solve := func(inst *mcfInstance) start {
		t.Helper()
		nsLoad(g, inst)
		cost, err := g.Solve()
		require.NoError(t, err)
		want, err := nsMCF(inst)
		require.NoError(t, err)
		assert.Equal(t, want, cost)
		mcfCheckFlow(t, inst, nsFlows(g), cost)
		switch {
		case !g.lastWarm:
			return cold
		case g.lastRemap:
			return remapped
		}
		return warm
	}
	assert.Equal(t, cold, solve(&base), "first solve")
	assert.Equal(t, warm, solve(&base), "identical rebuild")

	// New supplies, capacities and costs: the same basis, repaired.
	changed := nsClone(&base)
	changed.supply = []int64{0, 4, 0, -4}
	changed.arcs[0].cap = 2
	changed.arcs[2].cost = 0
	assert.Equal(t, warm, solve(changed), "data changed, arc list kept")

	// Same arc count, one endpoint differs: carried over by endpoints.
	moved := nsClone(&base)
	moved.arcs[3] = mcfArc{1, 2, 5, 2}
	moved.supply = []int64{6, 0, -6, 0}
	assert.Equal(t, remapped, solve(moved), "different endpoints")
	assert.Equal(t, warm, solve(moved), "then the new list is the stored one")

	// Reordered arcs: carried over.
	reordered := nsClone(&base)
	reordered.arcs[0], reordered.arcs[3] = reordered.arcs[3], reordered.arcs[0]
	assert.Equal(t, remapped, solve(reordered), "reordered arcs")

	// Same arcs, one more node: carried over.
	bigger := nsClone(&base)
	bigger.n = 5
	bigger.supply = append(bigger.supply, 0)
	assert.Equal(t, remapped, solve(bigger), "different node count")
	assert.Equal(t, warm, solve(bigger))

	// Every arc reversed: no tree arc survives, so a cold start.
	reversed := nsClone(bigger)
	for i, a := range reversed.arcs {
		reversed.arcs[i].from, reversed.arcs[i].to = a.to, a.from
	}
	reversed.supply = []int64{-6, 0, 0, 6, 0}
	assert.Equal(t, cold, solve(reversed), "nothing to carry over")
	assert.Equal(t, cold, solve(bigger), "reversed back: nothing to carry over either")
	smaller := nsClone(&base)
	smaller.n = 3
	smaller.arcs = []mcfArc{{0, 1, 5, 1}, {0, 2, 5, 2}, {1, 2, 1, 0}}
	smaller.supply = []int64{6, 0, -6}
	assert.Equal(t, remapped, solve(smaller), "fewer nodes")
	assert.Equal(t, remapped, solve(bigger), "more nodes")

	// Fewer arcs, more arcs: carried over.
	fewer := nsClone(bigger)
	fewer.arcs = fewer.arcs[:3]
	fewer.supply = []int64{5, 0, 0, -5, 0}
	assert.Equal(t, remapped, solve(fewer), "fewer arcs")
	more := nsClone(fewer)
	more.arcs = append(more.arcs, mcfArc{4, 3, 9, 0}, mcfArc{0, 4, 9, 0}, mcfArc{0, 4, 9, 0})
	assert.Equal(t, remapped, solve(more), "more arcs, parallel")
	assert.Equal(t, warm, solve(more))

	// ColdStart forces a cold start.
	g.ColdStart = true
	assert.Equal(t, cold, solve(fewer), "ColdStart")
	g.ColdStart = false
	assert.Equal(t, warm, solve(fewer))

	// An early error keeps the basis for the next warm start.
	unbalanced := nsClone(fewer)
	unbalanced.supply[0] = 4
	nsLoad(g, unbalanced)
	_, err := g.Solve()
	require.ErrorIs(t, err, ErrUnbalanced)
	assert.Equal(t, warm, solve(fewer), "after ErrUnbalanced")

	// An infeasible instance runs the simplex to the end: its basis is
	// kept and the next feasible month warm-starts from it.
	infeasible := nsClone(fewer)
	infeasible.arcs[0].cap = 0
	nsLoad(g, infeasible)
	_, err = g.Solve()
	require.ErrorIs(t, err, ErrInfeasible)
	assert.True(t, g.lastWarm)
	assert.Equal(t, warm, solve(fewer), "after ErrInfeasible")
}

// nsMixedInstance draws an instance of minN to 30 nodes (mcfRandomInstance) and, for an even seed, a
// transport instance instead (drawn after it from the same generator), as the tests of random instance
// families alternate them.
func nsMixedInstance(r *rand.Rand, seed uint64, minN int) mcfInstance {
	inst := mcfRandomInstance(r, minN, 30)
	if seed%2 == 0 {
		inst = nsRandomTransport(r)
	}
	return inst
}

// nsRandomTransport draws a transport-like instance: sources, sinks and a
// few transshipment hubs, source->sink arcs with coarse costs (many ties),
// zero capacities and parallel arcs; about half get a dear "unserved"
// route through a penalty node that keeps them feasible.
func nsRandomTransport(r *rand.Rand) mcfInstance {
	nS, nT, nH := 1+r.IntN(12), 1+r.IntN(12), r.IntN(8)
	n := nS + nT + nH
	unserved := r.IntN(2) == 0
	if unserved {
		n++
	}
	inst := mcfInstance{n: n, supply: make([]int64, n)}
	sink := func(j int) int { return nS + j }
	hub := func(h int) int { return nS + nT + h }
	var total int64
	for i := range nS {
		s := int64(r.IntN(20))
		inst.supply[i] = s
		total += s
	}
	for j := range nT {
		d := total
		if j < nT-1 {
			d = r.Int64N(total + 1)
		}
		inst.supply[sink(j)] = -d
		total -= d
	}
	arc := func(from, to int) {
		a := mcfArc{from, to, int64(r.IntN(16)), int64(r.IntN(5)) * 10}
		if r.IntN(6) == 0 {
			a.cap = 0
		}
		inst.arcs = append(inst.arcs, a)
		if r.IntN(8) == 0 {
			a.cap = int64(r.IntN(10))
			inst.arcs = append(inst.arcs, a)
		}
	}
	for i := range nS {
		for j := range nT {
			if r.IntN(10) < 6 {
				arc(i, sink(j))
			}
		}
		for h := range nH {
			if r.IntN(2) == 0 {
				arc(i, hub(h))
			}
		}
	}
	for h := range nH {
		for j := range nT {
			if r.IntN(2) == 0 {
				arc(hub(h), sink(j))
			}
		}
		if h > 0 && r.IntN(2) == 0 {
			arc(hub(h-1), hub(h))
		}
	}
	if unserved {
		pen := n - 1
		for i := range nS {
			inst.arcs = append(inst.arcs, mcfArc{i, pen, 1000, 500})
		}
		for j := range nT {
			inst.arcs = append(inst.arcs, mcfArc{pen, sink(j), 1000, 0})
		}
	}
	return inst
}

func TestNetworkSimplexMatchesMinCostFlowOnRandomInstances(t *testing.T) {
	tests := []struct {
		name      string
		instances uint64
		gen       func(r *rand.Rand) mcfInstance
	}{
		{"general 2-12 nodes", 300, func(r *rand.Rand) mcfInstance { return mcfRandomInstance(r, 2, 12) }},
		{"general 13-40 nodes", 150, func(r *rand.Rand) mcfInstance { return mcfRandomInstance(r, 13, 40) }},
		{"transport-like", 250, nsRandomTransport},
	}
	shared := NewNetworkSimplex() // reused across all instances and sizes
	total, feasible := 0, 0
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for seed := uint64(1); seed <= tc.instances; seed++ {
				r := rand.New(rand.NewPCG(seed, seed))
				inst := tc.gen(r)
				total++
				refCost, refErr := nsMCF(&inst)

				nsLoad(shared, &inst)
				cost, err := shared.Solve()
				if refErr != nil {
					assert.ErrorIs(t, err, refErr, "seed %d: same error as MinCostFlow", seed)
					continue
				}
				if !assert.NoError(t, err, "seed %d", seed) {
					continue
				}
				feasible++
				nsCheckBasis(t, shared)
				assert.Equal(t, refCost, cost, "seed %d: optimal cost", seed)
				f := nsFlows(shared)
				mcfCheckFlow(t, &inst, f, cost)

				// Rebuilt on the same object: a warm start from the
				// optimum, same answer.
				nsLoad(shared, &inst)
				cost2, err := shared.Solve()
				require.NoError(t, err, "seed %d", seed)
				assert.True(t, shared.lastWarm, "seed %d: warm", seed)
				assert.Equal(t, cost, cost2, "seed %d: warm re-solve", seed)
				assert.Equal(t, f, nsFlows(shared), "seed %d: warm re-solve flows", seed)

				// Fresh cold objects agree, flow for flow (determinism).
				var coldFlows [2][]int64
				for k := range coldFlows {
					fresh := NewNetworkSimplex()
					fresh.ColdStart = true
					nsLoad(fresh, &inst)
					cost3, err := fresh.Solve()
					require.NoError(t, err, "seed %d", seed)
					assert.Equal(t, cost, cost3, "seed %d: fresh object", seed)
					coldFlows[k] = nsFlows(fresh)
				}
				assert.Equal(t, coldFlows[0], coldFlows[1], "seed %d: deterministic", seed)
			}
		})
	}
	assert.GreaterOrEqual(t, total, 500)
	assert.Greater(t, feasible, total/3, "enough feasible instances exercised")
}

// nsPerturb changes inst in place the way consecutive months differ, and
// sometimes much more: supplies move between nodes (or are redrawn), some
// capacities change (often to 0), some costs change. In about one step in
// six the arc list changes too: an arc is removed, added or moved.
func nsPerturb(r *rand.Rand, inst *mcfInstance) {
	n := inst.n
	switch r.IntN(4) {
	case 0: // redraw all supplies
		clear(inst.supply)
		var total int64
		for range 1 + r.IntN(max(1, n/2)) {
			v := r.IntN(n)
			s := int64(r.IntN(10))
			inst.supply[v] += s
			total += s
		}
		for total > 0 {
			v := r.IntN(n)
			d := min(total, 1+r.Int64N(total))
			inst.supply[v] -= d
			total -= d
		}
	default: // shift a few units between nodes
		for range 1 + r.IntN(3) {
			u, v := r.IntN(n), r.IntN(n)
			k := int64(1 + r.IntN(4))
			inst.supply[u] += k
			inst.supply[v] -= k
		}
	}
	if r.IntN(6) == 0 { // the arc list changes (same nodes)
		arcs := inst.arcs
		switch i := r.IntN(len(arcs) + 1); r.IntN(3) {
		case 0:
			if i < len(arcs) {
				arcs = append(arcs[:i], arcs[i+1:]...)
			}
		case 1:
			arcs = append(arcs, mcfArc{r.IntN(n), r.IntN(n), int64(r.IntN(10)), int64(r.IntN(6))})
		default:
			if len(arcs) > 1 {
				j := r.IntN(len(arcs))
				i %= len(arcs)
				arcs[i], arcs[j] = arcs[j], arcs[i]
			}
		}
		inst.arcs = arcs
	}
	for range 1 + r.IntN(8) {
		if len(inst.arcs) == 0 {
			break
		}
		a := &inst.arcs[r.IntN(len(inst.arcs))]
		switch r.IntN(4) {
		case 0:
			a.cap = 0
		case 1:
			a.cap = int64(r.IntN(12))
		case 2:
			a.cost = int64(r.IntN(8))
		case 3:
			a.cap += int64(r.IntN(6))
		}
	}
}

func TestNetworkSimplexWarmStartMatchesColdSolves(t *testing.T) {
	const sequences, steps = 16, 25 // 400 warm-started solves
	warm, remapped, repaired, feasible, infeasible := 0, 0, 0, 0, 0
	for seq := uint64(1); seq <= sequences; seq++ {
		r := rand.New(rand.NewPCG(seq, 1000+seq))
		inst := mcfRandomInstance(r, 6, 30)
		if seq%4 != 0 {
			// Dear escape arcs through node 0 keep most months feasible.
			for v := 1; v < inst.n; v++ {
				inst.arcs = append(inst.arcs, mcfArc{v, 0, 60, 40}, mcfArc{0, v, 60, 40})
			}
		}
		g := NewNetworkSimplex()
		for step := 0; step <= steps; step++ {
			if step > 0 {
				nsPerturb(r, &inst)
			}
			refCost, refErr := nsMCF(&inst)
			nsLoad(g, &inst)
			cost, err := g.Solve()
			if step > 0 && g.lastWarm {
				warm++
				if g.lastRemap {
					remapped++
				}
				if g.lastCuts > 0 {
					repaired++
				}
			}
			nsCheckBasis(t, g)
			if refErr != nil {
				assert.ErrorIs(t, err, refErr, "seq %d step %d", seq, step)
				infeasible++
				continue
			}
			if !assert.NoError(t, err, "seq %d step %d", seq, step) {
				continue
			}
			feasible++
			assert.Equal(t, refCost, cost, "seq %d step %d: warm objective equals cold MinCostFlow", seq, step)
			mcfCheckFlow(t, &inst, nsFlows(g), cost)
		}
	}
	assert.Equal(t, sequences*steps, warm, "every perturbed solve warm-started")
	assert.Greater(t, repaired, sequences*steps/10, "repairs of infeasible warm bases exercised")
	assert.Greater(t, remapped, sequences*steps/10, "bases carried over to changed arc lists")
	assert.GreaterOrEqual(t, warm-remapped, 200, "warm starts on an unchanged arc list")
	t.Logf("%d warm solves: %d repaired, %d remapped; %d feasible, %d infeasible", warm, repaired, remapped, feasible, infeasible)
	assert.Greater(t, feasible, sequences*steps/3)
	assert.Positive(t, infeasible)
}

// nsMonthModel mimics the allocator's monthly instance. Nodes: per
// province a site, an inbound corridor and an accelerator node, one sink,
// then one source per (province, class) with new work to place. Arcs, in
// the allocator's order: per site its spare general capacity (site ->
// sink), spare accelerator capacity (accel -> sink) and spare inbound
// bandwidth (corridor -> site); per source its reachable sites (own site
// directly, others through their corridor, accelerator classes to the
// accelerator node), with cost = site cost + distance term and capacity =
// supply, then the unserved arc to the sink at a penalty. As the allocator
// does, routes to a site with no spare capacity of the kind needed are
// left out, so the arc list changes as sites fill. Month to month: placed
// work uses up spare capacity, new capacity opens now and then, site costs
// drift, new work grows.
type nsMonthModel struct {
	P, C                         int
	x, y                         []float64
	siteCost                     []int64
	genSpare, accSpare, corSpare []int64
	base                         []int64 // [p*C+c] typical new work per month, kW
	work                         []int64 // [p*C+c] this month's new work
	skip                         int     // source left out this month (-1 none)
}

const nsUnservedCost = 20_000_000

func newNSMonthModel(P int, seed uint64) *nsMonthModel {
	const C = 4
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	md := &nsMonthModel{P: P, C: C, skip: -1,
		x: make([]float64, P), y: make([]float64, P), siteCost: make([]int64, P),
		genSpare: make([]int64, P), accSpare: make([]int64, P), corSpare: make([]int64, P),
		base: make([]int64, P*C), work: make([]int64, P*C)}
	for p := range P {
		md.x[p], md.y[p] = r.Float64()*3000, r.Float64()*3000
		md.siteCost[p] = 200_000 + r.Int64N(800_000)
		md.genSpare[p] = 30_000 + r.Int64N(300_000)
		md.accSpare[p] = r.Int64N(100_000)
		md.corSpare[p] = 20_000 + r.Int64N(150_000)
	}
	for k := range md.base {
		md.base[k] = 500 + r.Int64N(4_000)
		md.work[k] = md.base[k]
	}
	return md
}

func (md *nsMonthModel) dist(a, b int) float64 {
	return math.Hypot(md.x[a]-md.x[b], md.y[a]-md.y[b])
}

// build writes this month's instance and returns, per arc, what it uses
// up: 0 nothing, 1 general capacity, 2 accelerator capacity, 3 corridor
// bandwidth of site[i].
func (md *nsMonthModel) build() (inst *mcfInstance, site []int, kind []int) {
	P, C := md.P, md.C
	sink := 3 * P
	n := sink + 1
	srcNode := make([]int, P*C)
	for k := range srcNode {
		srcNode[k] = -1
		if k != md.skip && md.work[k] > 0 {
			srcNode[k] = n
			n++
		}
	}
	inst = &mcfInstance{n: n, supply: make([]int64, n)}
	add := func(a mcfArc, s, k int) {
		inst.arcs = append(inst.arcs, a)
		site = append(site, s)
		kind = append(kind, k)
	}
	for s := range P {
		add(mcfArc{s, sink, md.genSpare[s], 0}, s, 1)
		add(mcfArc{2*P + s, sink, md.accSpare[s], 0}, s, 2)
		add(mcfArc{P + s, s, md.corSpare[s], 0}, s, 3)
	}
	reach := [4]float64{600, 1200, 2500, 5000}
	perKm := [4]float64{400, 150, 40, 10}
	var total int64
	for o := range P {
		for c := range C {
			k := o*C + c
			src := srcNode[k]
			if src < 0 {
				continue
			}
			sup := md.work[k]
			inst.supply[src] = sup
			total += sup
			for s := range P {
				d := md.dist(o, s)
				if d > reach[c] {
					continue
				}
				cost := md.siteCost[s] + int64(d*perKm[c])
				switch {
				case c == 3:
					if md.accSpare[s] > 0 {
						add(mcfArc{src, 2*P + s, sup, cost}, -1, 0)
					}
				case md.genSpare[s] == 0:
				case s == o:
					add(mcfArc{src, s, sup, cost}, -1, 0)
				case md.corSpare[s] > 0:
					add(mcfArc{src, P + s, sup, cost}, -1, 0)
				}
			}
			add(mcfArc{src, sink, sup, nsUnservedCost}, -1, 0)
		}
	}
	inst.supply[sink] = -total
	return inst, site, kind
}

// advance books this month's placements, opens some new capacity, drifts
// site costs and draws next month's new work.
func (md *nsMonthModel) advance(r *rand.Rand, month int, flows []int64, site, kind []int) {
	for i, f := range flows {
		switch s := site[i]; kind[i] {
		case 1:
			md.genSpare[s] -= f
		case 2:
			md.accSpare[s] -= f
		case 3:
			md.corSpare[s] -= f
		}
	}
	for p := range md.P {
		if r.IntN(10) == 0 {
			md.genSpare[p] += r.Int64N(200_000)
		}
		if r.IntN(15) == 0 {
			md.accSpare[p] += r.Int64N(60_000)
		}
		md.siteCost[p] += md.siteCost[p] * (r.Int64N(7) - 3) / 1000
	}
	growth := math.Pow(1.03, float64(month+1))
	for k := range md.work {
		md.work[k] = int64(float64(md.base[k]) * growth * (0.8 + 0.4*r.Float64()))
	}
	md.skip = -1
	if month == 11 {
		md.skip = 5 // one source has nothing to place next month: the node count changes
	}
}

func TestNetworkSimplexAllocatorMonths(t *testing.T) {
	for _, provinces := range []int{31, 12} {
		md := newNSMonthModel(provinces, uint64(provinces))
		r := rand.New(rand.NewPCG(7, uint64(provinces)))
		g := NewNetworkSimplex()
		warm, remapped, pivots, full, unserved := 0, 0, 0, 0, 0
		for month := range 24 {
			inst, site, kind := md.build()
			refCost, refErr := nsMCF(inst)
			require.NoError(t, refErr)
			nsLoad(g, inst)
			cost, err := g.Solve()
			require.NoError(t, err, "P=%d month %d", provinces, month)
			assert.Equal(t, refCost, cost, "P=%d month %d: objective equals MinCostFlow's", provinces, month)
			f := nsFlows(g)
			mcfCheckFlow(t, inst, f, cost)
			nsCheckBasis(t, g)
			if month == 0 {
				assert.False(t, g.lastWarm)
			} else {
				// Months 12 and 13 have one node less, then more again.
				assert.True(t, g.lastWarm, "P=%d month %d: warm start", provinces, month)
				warm++
				pivots += g.lastPivots
				if g.lastRemap {
					remapped++
				}
			}
			for i, a := range inst.arcs {
				if a.cost == nsUnservedCost && f[i] > 0 {
					unserved++
				}
			}
			md.advance(r, month, f, site, kind)
			for s := range provinces {
				if md.genSpare[s] == 0 {
					full++
				}
			}
		}
		assert.Equal(t, 23, warm)
		assert.Positive(t, remapped, "P=%d: arc lists changed as sites filled", provinces)
		assert.Positive(t, full, "P=%d: some sites run full", provinces)
		assert.Positive(t, unserved, "P=%d: some work goes unserved", provinces)
		t.Logf("P=%d: %.1f pivots per warm month (%d with a changed arc list), %d site-months full, %d unserved source-months",
			provinces, float64(pivots)/float64(warm), remapped, full, unserved)
	}
}

func TestNetworkSimplexTransportMatchesMinCostFlow(t *testing.T) {
	for _, provinces := range []int{31, 100} {
		inst := mcfTransportInstance(provinces, uint64(provinces))
		want, err := nsMCF(inst)
		require.NoError(t, err)
		g := NewNetworkSimplex()
		nsLoad(g, inst)
		cost, err := g.Solve()
		require.NoError(t, err)
		assert.Equal(t, want, cost, "provinces=%d", provinces)
		if provinces == 31 {
			mcfCheckFlow(t, inst, nsFlows(g), cost)
		}
	}
}

func TestNetworkSimplexZeroAllocs(t *testing.T) {
	inst := mcfTransportInstance(31, 7)
	g := NewNetworkSimplex()
	nsLoad(g, inst)
	want, err := g.Solve() // warm-up sizes every buffer
	require.NoError(t, err)

	var got int64
	warmRebuild := testing.AllocsPerRun(50, func() {
		nsLoad(g, inst)
		got, err = g.Solve()
		if err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, warmRebuild, "allocations per warm Reset+AddArc+SetSupply+Solve")
	assert.Equal(t, want, got)
	assert.True(t, g.lastWarm)

	// Perturbed supplies: the repair path allocates nothing either.
	r := rand.New(rand.NewPCG(1, 2))
	perturbed := nsClone(inst)
	sink := perturbed.n - 1
	perturb := testing.AllocsPerRun(50, func() {
		for v := range perturbed.supply[:sink] {
			d := r.Int64N(2001) - 1000
			if perturbed.supply[v]+d > 0 {
				perturbed.supply[v] += d
				perturbed.supply[sink] -= d
			}
		}
		nsLoad(g, perturbed)
		if _, err := g.Solve(); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, perturb, "allocations per perturbed warm solve")

	g.ColdStart = true
	cold := testing.AllocsPerRun(20, func() {
		nsLoad(g, inst)
		got, err = g.Solve()
		if err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, cold, "allocations per cold Reset+AddArc+SetSupply+Solve")
	assert.Equal(t, want, got)
	g.ColdStart = false

	// A smaller instance after a larger one does not allocate, and
	// alternating structures (the basis carried over or rebuilt) do not
	// either.
	small := mcfTransportInstance(20, 3)
	alternate := testing.AllocsPerRun(20, func() {
		nsLoad(g, small)
		if _, err := g.Solve(); err != nil {
			t.Fatal(err)
		}
		nsLoad(g, inst)
		if _, err := g.Solve(); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, alternate, "allocations alternating two structures")

	// Months whose arc lists change (carried-over bases), once every
	// buffer has seen the largest month.
	months := nsMonthInstances(31, 24)
	for _, inst := range months {
		nsLoad(g, inst)
		_, err := g.Solve()
		require.NoError(t, err)
	}
	i := 0
	remaps := 0
	monthly := testing.AllocsPerRun(48, func() {
		nsLoad(g, months[i%len(months)])
		i++
		if _, err := g.Solve(); err != nil {
			t.Fatal(err)
		}
		if g.lastRemap {
			remaps++
		}
	})
	assert.Zero(t, monthly, "allocations per month with a changing arc list")
	assert.Positive(t, remaps)
}

func TestNsAddMatchesExactSum(t *testing.T) {
	edges := []int64{math.MinInt64, math.MinInt64 + 1, -1 << 62, -2, -1, 0, 1, 2, 1 << 62, math.MaxInt64 - 1, math.MaxInt64}
	for _, a := range edges {
		for _, b := range edges {
			exact := new(big.Int).Add(big.NewInt(a), big.NewInt(b))
			inside := exact.Cmp(big.NewInt(math.MinInt64)) > 0 && exact.Cmp(big.NewInt(math.MaxInt64)) <= 0
			s, ok := nsAdd(a, b)
			assert.Equal(t, inside, ok, "%d + %d", a, b)
			if ok {
				assert.Equal(t, exact.Int64(), s, "%d + %d", a, b)
			}
		}
	}
}

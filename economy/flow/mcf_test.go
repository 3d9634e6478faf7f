package flow

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mcfArc is one arc of a test instance.
type mcfArc struct {
	from, to  int
	cap, cost int64
}

// mcfInstance is a complete test instance that can be loaded into a solver.
type mcfInstance struct {
	n      int
	arcs   []mcfArc
	supply []int64
}

// load rebuilds inst into g with Reset, AddArc and SetSupply.
func (inst *mcfInstance) load(g *MinCostFlow) {
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

// flows returns the per-arc flows of g.
func mcfFlows(g *MinCostFlow) []int64 {
	out := make([]int64, g.NumArcs())
	for i := range out {
		out[i] = g.Flow(i)
	}
	return out
}

// mcfCheckFlow asserts capacity bounds, conservation, the reported cost and
// reduced-cost optimality (no negative-cost cycle in the residual graph).
func mcfCheckFlow(t *testing.T, inst *mcfInstance, f []int64, cost int64) {
	t.Helper()
	require.Len(t, f, len(inst.arcs))
	net := make([]int64, inst.n)
	var sum int64
	for i, a := range inst.arcs {
		assert.GreaterOrEqual(t, f[i], int64(0), "arc %d flow below zero", i)
		assert.LessOrEqual(t, f[i], a.cap, "arc %d flow above capacity", i)
		net[a.from] += f[i]
		net[a.to] -= f[i]
		sum += f[i] * a.cost
	}
	for v := range net {
		assert.Equal(t, inst.supply[v], net[v], "conservation at node %d", v)
	}
	assert.Equal(t, cost, sum, "reported cost equals sum of flow*cost")
	assert.False(t, mcfHasNegativeCycle(inst, f), "residual graph has a negative cycle: flow not optimal")
}

// mcfHasNegativeCycle runs Bellman-Ford from a virtual source joined to
// every node on the residual graph of flow f over the user arcs. (The
// super-source and super-sink arcs of a feasible flow are saturated, so no
// residual cycle can pass through them.)
func mcfHasNegativeCycle(inst *mcfInstance, f []int64) bool {
	d := make([]int64, inst.n)
	for iter := 0; iter <= inst.n; iter++ {
		changed := false
		for i, a := range inst.arcs {
			if f[i] < a.cap && d[a.from]+a.cost < d[a.to] {
				d[a.to] = d[a.from] + a.cost
				changed = true
			}
			if f[i] > 0 && d[a.to]-a.cost < d[a.from] {
				d[a.from] = d[a.to] - a.cost
				changed = true
			}
		}
		if !changed {
			return false
		}
	}
	return true
}

// mcfReference is a deliberately simple solver: successive shortest
// paths with Bellman-Ford (no potentials), augmenting along one shortest
// path at a time. It returns the optimal cost, per-arc flows and whether the
// instance is feasible.
func mcfReference(inst *mcfInstance) (int64, []int64, bool) {
	type edge struct {
		to        int
		cap, cost int64
	}
	n := inst.n
	s, t := n, n+1
	var edges []edge
	add := func(u, v int, c, w int64) {
		edges = append(edges, edge{v, c, w}, edge{u, 0, -w})
	}
	tail := func(e int) int { return edges[e^1].to }
	for _, a := range inst.arcs {
		add(a.from, a.to, a.cap, a.cost)
	}
	var need int64
	for v, sup := range inst.supply {
		if sup > 0 {
			add(s, v, sup, 0)
			need += sup
		} else if sup < 0 {
			add(v, t, -sup, 0)
		}
	}
	var cost int64
	for need > 0 {
		dist := make([]int64, n+2)
		pred := make([]int, n+2)
		for i := range dist {
			dist[i] = math.MaxInt64
			pred[i] = -1
		}
		dist[s] = 0
		for iter := 0; iter < n+2; iter++ {
			for e := range edges {
				u := tail(e)
				if edges[e].cap > 0 && dist[u] != math.MaxInt64 && dist[u]+edges[e].cost < dist[edges[e].to] {
					dist[edges[e].to] = dist[u] + edges[e].cost
					pred[edges[e].to] = e
				}
			}
		}
		if dist[t] == math.MaxInt64 {
			return 0, nil, false
		}
		push := need
		for v := t; v != s; v = tail(pred[v]) {
			push = min(push, edges[pred[v]].cap)
		}
		for v := t; v != s; v = tail(pred[v]) {
			edges[pred[v]].cap -= push
			edges[pred[v]^1].cap += push
		}
		need -= push
		cost += push * dist[t]
	}
	f := make([]int64, len(inst.arcs))
	for i := range f {
		f[i] = edges[2*i+1].cap
	}
	return cost, f, true
}

func TestMinCostFlowHandChecked(t *testing.T) {
	tests := []struct {
		name      string
		inst      mcfInstance
		wantCost  int64
		wantFlows []int64 // nil: optimum not unique, only checked generically
		wantErr   error
	}{
		{
			name: "single path",
			inst: mcfInstance{n: 3, arcs: []mcfArc{{0, 1, 5, 2}, {1, 2, 5, 3}}, supply: []int64{4, 0, -4}},
			// 4 units * (2+3)
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
			// s=0 a=1 b=2 t=3. The first shortest path s-a-b-t (cost 2)
			// blocks both remaining routes; the optimum cancels a->b:
			// s-a-t (1+3) + s-b-t (2+1) = 7.
			inst: mcfInstance{n: 4, arcs: []mcfArc{
				{0, 1, 1, 1}, // s->a
				{1, 2, 1, 0}, // a->b
				{2, 3, 1, 1}, // b->t
				{0, 2, 1, 2}, // s->b
				{1, 3, 1, 3}, // a->t
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
			// Source 0 (3 units) is cheap to both sinks; source 1 (2
			// units) is dear to sink 2 but cheap to sink 3.
			inst: mcfInstance{n: 4, arcs: []mcfArc{
				{0, 2, 9, 1}, {0, 3, 9, 2},
				{1, 2, 9, 10}, {1, 3, 9, 3},
			}, supply: []int64{3, 2, -3, -2}},
			wantCost: 3*1 + 2*3, wantFlows: []int64{3, 0, 0, 2},
		},
		{
			name: "zero-cost cycle in the admissible graph",
			inst: mcfInstance{n: 4, arcs: []mcfArc{
				{0, 1, 4, 1}, {1, 2, 4, 0}, {2, 1, 4, 0}, {2, 3, 4, 1},
			}, supply: []int64{3, 0, 0, -3}},
			wantCost: 6, wantFlows: []int64{3, 3, 0, 3},
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
			name:    "arc cost too large for potentials",
			inst:    mcfInstance{n: 2, arcs: []mcfArc{{0, 1, 1, math.MaxInt64 / 2}}, supply: []int64{1, -1}},
			wantErr: ErrOverflow,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewMinCostFlow()
			tc.inst.load(g)
			require.Equal(t, tc.inst.n, g.NumNodes())
			require.Equal(t, len(tc.inst.arcs), g.NumArcs())
			cost, err := g.Solve()
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
				for i := range tc.inst.arcs {
					assert.Zero(t, g.Flow(i), "flow after failed Solve")
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantCost, cost)
			f := mcfFlows(g)
			if tc.wantFlows != nil {
				assert.Equal(t, tc.wantFlows, f)
			}
			mcfCheckFlow(t, &tc.inst, f, cost)

			refCost, _, ok := mcfReference(&tc.inst)
			require.True(t, ok, "reference solver finds the instance feasible")
			assert.Equal(t, refCost, cost, "reference solver agrees")

			// Solving again without rebuilding gives the same answer.
			cost2, err := g.Solve()
			require.NoError(t, err)
			assert.Equal(t, cost, cost2)
			assert.Equal(t, f, mcfFlows(g))
		})
	}
}

func TestMinCostFlowPanicsOnBadInput(t *testing.T) {
	tests := []struct {
		name string
		fn   func(g *MinCostFlow)
	}{
		{"negative cost", func(g *MinCostFlow) { g.AddArc(0, 1, 1, -1) }},
		{"negative capacity", func(g *MinCostFlow) { g.AddArc(0, 1, -1, 1) }},
		{"from out of range", func(g *MinCostFlow) { g.AddArc(-1, 1, 1, 1) }},
		{"to out of range", func(g *MinCostFlow) { g.AddArc(0, 2, 1, 1) }},
		{"supply node out of range", func(g *MinCostFlow) { g.SetSupply(2, 1) }},
		{"flow arc out of range", func(g *MinCostFlow) { g.Flow(0) }},
		{"negative node count", func(g *MinCostFlow) { g.Reset(-1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewMinCostFlow()
			g.Reset(2)
			assert.Panics(t, func() { tc.fn(g) })
		})
	}
}

func TestMinCostFlowArcIDsAndFlowBeforeSolve(t *testing.T) {
	g := NewMinCostFlow()
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

	// Changing the instance invalidates the flows until the next Solve.
	g.SetSupply(0, 3)
	g.SetSupply(2, -3)
	assert.Zero(t, g.Flow(0))
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(6), cost)

	// Reset clears arcs and supplies.
	g.Reset(2)
	assert.Equal(t, 2, g.NumNodes())
	assert.Equal(t, 0, g.NumArcs())
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Zero(t, cost)
}

// mcfRandomInstance draws an instance of minN..maxN nodes with
// zero-capacity and parallel arcs, self-loops and many cost ties; about half
// the instances also get a dear direct arc from every source to every sink.
func mcfRandomInstance(r *rand.Rand, minN, maxN int) mcfInstance {
	n := minN + r.IntN(maxN-minN+1)
	inst := mcfInstance{n: n, supply: make([]int64, n)}
	m := r.IntN(3*n + 1)
	for range m {
		a := mcfArc{from: r.IntN(n), to: r.IntN(n), cap: int64(r.IntN(11)), cost: int64(r.IntN(6))}
		if r.IntN(5) == 0 {
			a.cap = 0
		}
		inst.arcs = append(inst.arcs, a)
		if r.IntN(6) == 0 { // parallel arc, often a tie
			b := a
			b.cap = int64(r.IntN(8))
			if r.IntN(2) == 0 {
				b.cost = int64(r.IntN(6))
			}
			inst.arcs = append(inst.arcs, b)
		}
	}
	// Supplies: a few sources, demand spread over a few sinks.
	perm := r.Perm(n)
	nSrc := 1 + r.IntN(max(1, n/2))
	nSnk := 1 + r.IntN(n-nSrc)
	var total int64
	for _, v := range perm[:nSrc] {
		s := int64(r.IntN(9))
		inst.supply[v] = s
		total += s
	}
	sinks := perm[nSrc : nSrc+nSnk]
	for i, v := range sinks {
		d := total
		if i < len(sinks)-1 {
			d = r.Int64N(total + 1)
		}
		inst.supply[v] -= d
		total -= d
	}
	if r.IntN(2) == 0 {
		for _, u := range perm[:nSrc] {
			for _, v := range sinks {
				inst.arcs = append(inst.arcs, mcfArc{u, v, 100, 50 + int64(r.IntN(3))})
			}
		}
	}
	return inst
}

func TestMinCostFlowMatchesReferenceOnRandomInstances(t *testing.T) {
	tests := []struct {
		name       string
		instances  uint64
		minN, maxN int
	}{
		{"small 2-12 nodes", 400, 2, 12},
		{"medium 13-40 nodes", 100, 13, 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			testMinCostFlowRandom(t, tc.instances, tc.minN, tc.maxN)
		})
	}
}

// testMinCostFlowRandom compares Solve with the reference on random
// instances and checks feasibility, optimality and reuse determinism.
func testMinCostFlowRandom(t *testing.T, instances uint64, minN, maxN int) {
	shared := NewMinCostFlow() // reused across all sizes
	feasible := 0
	for seed := uint64(1); seed <= instances; seed++ {
		r := rand.New(rand.NewPCG(seed, seed))
		inst := mcfRandomInstance(r, minN, maxN)
		refCost, _, refOK := mcfReference(&inst)

		inst.load(shared)
		cost, err := shared.Solve()
		if !refOK {
			assert.ErrorIs(t, err, ErrInfeasible, "seed %d", seed)
			continue
		}
		if !assert.NoError(t, err, "seed %d", seed) {
			continue
		}
		feasible++
		assert.Equal(t, refCost, cost, "seed %d: optimal cost", seed)
		f := mcfFlows(shared)
		mcfCheckFlow(t, &inst, f, cost)

		// Reset + rebuild on the same object: identical answer.
		inst.load(shared)
		cost2, err := shared.Solve()
		require.NoError(t, err, "seed %d", seed)
		assert.Equal(t, cost, cost2, "seed %d: reused object", seed)
		assert.Equal(t, f, mcfFlows(shared), "seed %d: reused object flows", seed)

		// A fresh object agrees too (no state leaks between instances).
		fresh := NewMinCostFlow()
		inst.load(fresh)
		cost3, err := fresh.Solve()
		require.NoError(t, err, "seed %d", seed)
		assert.Equal(t, cost, cost3, "seed %d: fresh object", seed)
		assert.Equal(t, f, mcfFlows(fresh), "seed %d: fresh object flows", seed)
	}
	assert.Greater(t, uint64(feasible), instances/3, "enough feasible instances exercised")
}

func TestMinCostFlowTransportMatchesReference(t *testing.T) {
	tests := []struct {
		provinces int
		quantum   int64 // costs rounded down to multiples: many ties
	}{
		{3, 1}, {5, 1}, {8, 1},
		{5, 1_000_000}, {8, 1_000_000}, {8, 50_000_000},
	}
	for _, tc := range tests {
		inst := mcfTransportInstance(tc.provinces, uint64(tc.provinces))
		for i := range inst.arcs {
			inst.arcs[i].cost -= inst.arcs[i].cost % tc.quantum
		}
		g := NewMinCostFlow()
		inst.load(g)
		cost, err := g.Solve()
		require.NoError(t, err)
		refCost, _, ok := mcfReference(inst)
		require.True(t, ok)
		assert.Equal(t, refCost, cost, "provinces=%d quantum=%d", tc.provinces, tc.quantum)
		mcfCheckFlow(t, inst, mcfFlows(g), cost)
	}
}

func TestMinCostFlowTransport31Optimal(t *testing.T) {
	inst := mcfTransportInstance(31, 31)
	g := NewMinCostFlow()
	inst.load(g)
	cost, err := g.Solve()
	require.NoError(t, err)
	mcfCheckFlow(t, inst, mcfFlows(g), cost)
}

func TestMinCostFlowZeroAllocs(t *testing.T) {
	inst := mcfTransportInstance(31, 7)
	g := NewMinCostFlow()
	inst.load(g)
	want, err := g.Solve() // warm-up sizes every buffer
	require.NoError(t, err)

	solveOnly := testing.AllocsPerRun(50, func() {
		if _, err := g.Solve(); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, solveOnly, "allocations per Solve")

	var got int64
	rebuildAndSolve := testing.AllocsPerRun(50, func() {
		inst.load(g)
		got, err = g.Solve()
		if err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, rebuildAndSolve, "allocations per Reset+AddArc+SetSupply+Solve")
	assert.Equal(t, want, got)

	// A smaller instance after a larger one must not allocate either.
	small := mcfTransportInstance(20, 3)
	smaller := testing.AllocsPerRun(20, func() {
		small.load(g)
		if _, err := g.Solve(); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, smaller, "allocations for a smaller instance")
}

// mcfTransportInstance builds a realistic transportation-like instance:
// 4 workload classes per province as sources, one site per province reached
// through a corridor node, regional accelerator pools, one sink, and an
// "unserved" arc from every source to the sink at a penalty cost. Costs are
// in milli-yuan per kW (site cost + distance term), capacities in kW.
func mcfTransportInstance(provinces int, seed uint64) *mcfInstance {
	const classes = 4
	const accelTypes = 3
	const unservedCost = 1_000_000_000
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	P := provinces
	regions := (P + 2) / 3
	src := func(p, k int) int { return p*classes + k }
	corridor := func(s int) int { return classes*P + s }
	site := func(s int) int { return classes*P + P + s }
	accel := func(reg, a int) int { return classes*P + 2*P + reg*accelTypes + a }
	sink := classes*P + 2*P + regions*accelTypes
	inst := &mcfInstance{n: sink + 1, supply: make([]int64, sink+1)}

	xs := make([]float64, P)
	ys := make([]float64, P)
	for p := range P {
		xs[p] = r.Float64() * 3000
		ys[p] = r.Float64() * 3000
	}
	dist := func(a, b int) float64 { return math.Hypot(xs[a]-xs[b], ys[a]-ys[b]) }

	// Supplies.
	var total int64
	for p := range P {
		for k := range classes {
			s := 1_000 + r.Int64N(200_000)
			inst.supply[src(p, k)] = s
			total += s
		}
	}
	inst.supply[sink] = -total

	// Source -> corridor arcs: latency-sensitive classes only reach nearby sites.
	reach := [classes]int{8, 16, 48, 96}
	perKm := [classes]float64{2000, 800, 200, 50}
	order := make([]int, P)
	for p := range P {
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return dist(p, order[i]) < dist(p, order[j]) })
		for k := range classes {
			for _, s := range order[:min(reach[k], P)] {
				c := int64(dist(p, s)*perKm[k]) + int64(r.IntN(1000))
				inst.arcs = append(inst.arcs, mcfArc{src(p, k), corridor(s), 100_000_000, c})
			}
		}
	}
	// Corridor -> site (network bandwidth), site -> accelerator pools (site
	// cost), accelerator pools -> sink. Sites cover ~70% of demand.
	avg := total / int64(P)
	for s := range P {
		inst.arcs = append(inst.arcs, mcfArc{corridor(s), site(s), avg/2 + r.Int64N(avg+1), int64(r.IntN(50_000))})
		siteCap := int64(float64(avg) * (0.2 + r.Float64()))
		base := 100_000 + r.Int64N(5_000_000)
		for a := range accelTypes {
			inst.arcs = append(inst.arcs, mcfArc{site(s), accel(s%regions, a), siteCap / 2, base + int64(a)*300_000})
		}
	}
	for reg := range regions {
		for a := range accelTypes {
			inst.arcs = append(inst.arcs, mcfArc{accel(reg, a), sink, avg * 3 / 2, int64(a) * 10_000})
		}
	}
	for p := range P {
		for k := range classes {
			inst.arcs = append(inst.arcs, mcfArc{src(p, k), sink, inst.supply[src(p, k)], unservedCost})
		}
	}
	return inst
}

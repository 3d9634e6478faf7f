package flow

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// ErrInfeasible is returned by Solve when the supplies cannot all be routed to the demands within the arc capacities.
var ErrInfeasible = errors.New("flow: min-cost flow is infeasible")

// ErrUnbalanced is returned by Solve when the node supplies do not sum to zero.
var ErrUnbalanced = errors.New("flow: min-cost flow supplies do not sum to zero")

// ErrOverflow is returned by Solve when the instance exceeds the documented int64 bounds (see MinCostFlow).
var ErrOverflow = errors.New("flow: min-cost flow exceeds int64 range")

// mcfMaxDistance bounds (number of nodes) * (largest arc cost) so that every
// potential, reduced cost and tentative Dijkstra distance fits in int64 with
// a wide margin (they are all at most about 3 * V * maxCost).
const mcfMaxDistance = 1 << 60

// MinCostFlow is a reusable min-cost flow instance with integer capacities and costs.
//
// # Usage
//
// Build an instance with Reset, AddArc and SetSupply, call Solve, then read
// per-arc flows with Flow. The same object can be rebuilt (Reset) and solved
// any number of times; all internal buffers are kept, so once the object has
// solved an instance at least as large as the current one, Reset, AddArc,
// SetSupply, Solve and Flow perform no heap allocations. Solve does not
// modify the instance itself, so calling it twice gives the same answer. A
// MinCostFlow is not safe for concurrent use; use one per goroutine.
//
// # Algorithm
//
// Primal-dual successive shortest paths. Internally a super-source S gets an
// arc S->v of capacity supply(v) for every v with positive supply, and every
// v with negative supply gets an arc v->T of capacity -supply(v) to a
// super-sink T; all these arcs cost 0. Node potentials pi start at 0 (valid
// because every arc cost is >= 0). Each phase:
//
//  1. Dijkstra from S on the residual graph with reduced costs
//     c_pi(u,v) = c(u,v) + pi(u) - pi(v) >= 0, using an indexed binary heap
//     keyed by (distance, node index); it stops as soon as T is settled.
//     If T is unreachable while supply remains, the instance is infeasible.
//     The search is incremental: the shortest-path tree of earlier phases
//     is kept, and a node whose tree path from S still has residual
//     capacity is known to be at reduced distance 0 (tree arcs have
//     reduced cost 0 and reduced distances are never negative), so only
//     the nodes cut off by the last augmentation are searched, seeded from
//     their in-arcs from the intact part. This is an exact Dijkstra, merely
//     one that skips nodes whose answer (0) is already known.
//  2. pi(v) += min(d(v), d(T)) for every node (unsettled nodes get d(T)).
//  3. Blocking flow: push as much flow as possible along all admissible
//     (zero-reduced-cost, positive-capacity) S-T paths, Dinic-style: a BFS
//     backwards from T over admissible arcs gives every node its hop
//     distance to T (backwards, because that only touches nodes that can
//     still reach T), then a multi-push DFS from S with current-arc pointers
//     follows arcs that step one level closer to T. Every admissible S-T
//     path is a shortest path, so all of them are saturated at once rather
//     than one path per Dijkstra, which is what makes transportation-like
//     instances with many sources and tied costs fast. Admissible paths
//     with more hops than the levels allow are found by the next phase at
//     reduced distance 0.
//
// # Correctness
//
// Invariant: every residual arc has c_pi >= 0 (reduced-cost optimality). It
// holds initially (costs >= 0, pi = 0). Step 2 preserves it: for a residual
// arc (u,v), d(v) <= d(u) + c_pi(u,v) and the cap min(., d(T)) cannot break
// the inequality, so the new reduced cost c_pi + d'(u) - d'(v) is >= 0. Nodes
// on shortest S-T paths have d <= d(T), so their arcs get reduced cost
// exactly 0; step 3 only pushes flow on arcs with c_pi = 0, and the reverse
// arcs it creates also have c_pi = 0, so the invariant survives augmentation.
// When all supply has reached T, the flow is feasible and no residual cycle
// has negative cost (its cost equals its reduced cost, a sum of non-negative
// terms), which is the classical optimality criterion for min-cost flow. If
// Dijkstra cannot reach T, no augmenting path exists, so by max-flow/min-cut
// no feasible flow exists either.
//
// # Complexity
//
// O(phases * (E log V + blocking-flow work)), where a phase is one Dijkstra;
// memory is O(V + E). Each phase pushes at least one unit and saturates at
// least one residual arc; as for every successive-shortest-path method the
// phase count is pseudo-polynomial in the worst case, but in practice it is
// about the number of distinct shortest-path lengths met (sources exhausted
// plus capacities that bind), and the incremental Dijkstra of step 1
// usually touches a small fraction of the E arcs.
//
// # Determinism
//
// No maps and no randomness: adjacency lists are ordered by arc id (user arcs
// first, then supply/demand arcs in node order) and heap ties are broken by
// node index, so the same instance always yields the same flow, even when
// several optimal flows exist.
//
// # Bounds
//
// Capacities may be any int64 >= 0 (math.MaxInt64 works as "unbounded").
// Costs must be >= 0 (AddArc panics otherwise). Solve returns ErrOverflow
// if the positive supplies sum beyond int64, if (nodes + 2) * (largest arc
// cost) >= 2^60 (the bound that keeps every potential and Dijkstra distance
// in range), or if the optimal total cost itself does not fit in int64; the
// total is summed with exact overflow checks, never wrapped. (It also
// returns ErrOverflow beyond about 10^9 arcs, as edge indices are int32.) The optimum is
// at most (total supply) * (cost of the dearest simple path), so a simple
// sufficient rule is total supply < 2^40 and every path costing < 2^23 (e.g.
// costs < 2^21 on paths of at most 4 arcs). For the economy model (kW
// supplies, cost units of 10 yuan per MW-month <= 10^9, paths of <= 4 arcs or one "unserved"
// arc) the total fits whenever total supply * 4*10^9 < 9.2e18, i.e. for a
// total supply below about 2.3e9 kW.
type MinCostFlow struct {
	n int // user nodes; internal super-source is n, super-sink n+1

	// Instance as given by the caller.
	arcFrom, arcTo  []int32
	arcCap, arcCost []int64
	supply          []int64

	// Residual graph in CSR form (edges grouped by tail node).
	solved bool
	start  []int32   // V+1 offsets into edges
	edges  []mcfEdge // residual edges, grouped by tail node
	arcPos []int32   // user arc id -> position of its forward edge

	// Per-node scratch.
	pi      []int64 // potentials
	dist    []int64 // Dijkstra reduced distances
	heap    []int32 // binary heap of nodes
	heapPos []int32 // node -> heap index, -1 absent, -2 settled
	valid   []bool  // node's shortest-path-tree path from S is intact
	parent  []int32 // shortest-path-tree parent node
	pedge   []int32 // shortest-path-tree edge parent -> node
	order   []int32 // valid nodes, parents before children
	level   []int32 // BFS level on the admissible subgraph
	iter    []int32 // current-arc pointer (also the CSR fill cursor)
	queue   []int32 // BFS queue
}

// mcfEdge is one residual edge; edges come in forward/reverse pairs.
type mcfEdge struct {
	to   int32 // head node
	rev  int32 // position of the paired reverse edge
	cap  int64 // residual capacity
	cost int64 // cost (negated on reverse edges)
}

// NewMinCostFlow returns an empty instance with zero nodes.
func NewMinCostFlow() *MinCostFlow {
	return &MinCostFlow{}
}

// Reset clears the instance to n nodes and no arcs, keeping allocated buffers.
func (g *MinCostFlow) Reset(n int) {
	if n < 0 || n > math.MaxInt32-2 {
		panic(fmt.Sprintf("flow: MinCostFlow.Reset: invalid node count %d", n))
	}
	g.n = n
	g.arcFrom = g.arcFrom[:0]
	g.arcTo = g.arcTo[:0]
	g.arcCap = g.arcCap[:0]
	g.arcCost = g.arcCost[:0]
	g.supply = mcfResize(g.supply, n)
	clear(g.supply)
	g.solved = false
}

// AddArc adds a directed arc and returns its id (0,1,2,... in insertion order); it panics unless both nodes are in range, capacity >= 0 and cost >= 0.
func (g *MinCostFlow) AddArc(from, to int, capacity, cost int64) int {
	if from < 0 || from >= g.n || to < 0 || to >= g.n {
		panic(fmt.Sprintf("flow: MinCostFlow.AddArc: node out of range (%d->%d, %d nodes)", from, to, g.n))
	}
	if capacity < 0 {
		panic(fmt.Sprintf("flow: MinCostFlow.AddArc: negative capacity %d", capacity))
	}
	if cost < 0 {
		panic(fmt.Sprintf("flow: MinCostFlow.AddArc: negative cost %d", cost))
	}
	id := len(g.arcFrom)
	g.arcFrom = append(g.arcFrom, int32(from))
	g.arcTo = append(g.arcTo, int32(to))
	g.arcCap = append(g.arcCap, capacity)
	g.arcCost = append(g.arcCost, cost)
	g.solved = false
	return id
}

// SetSupply sets node's supply: positive = source, negative = demand (sink); the total must be 0 for Solve to succeed.
func (g *MinCostFlow) SetSupply(node int, supply int64) {
	if node < 0 || node >= g.n {
		panic(fmt.Sprintf("flow: MinCostFlow.SetSupply: node %d out of range (%d nodes)", node, g.n))
	}
	g.supply[node] = supply
	g.solved = false
}

// NumNodes reports the number of nodes set by the last Reset.
func (g *MinCostFlow) NumNodes() int { return g.n }

// NumArcs reports the number of arcs added since the last Reset.
func (g *MinCostFlow) NumArcs() int { return len(g.arcFrom) }

// Flow returns the flow on arc id after a successful Solve (0 if the instance has not been solved since it was last changed).
func (g *MinCostFlow) Flow(arc int) int64 {
	if arc < 0 || arc >= len(g.arcFrom) {
		panic(fmt.Sprintf("flow: MinCostFlow.Flow: arc %d out of range (%d arcs)", arc, len(g.arcFrom)))
	}
	if !g.solved {
		return 0
	}
	return g.edges[g.edges[g.arcPos[arc]].rev].cap
}

// Solve computes a min-cost flow meeting all supplies exactly; returns total cost, or an error (ErrInfeasible, ErrUnbalanced or ErrOverflow).
func (g *MinCostFlow) Solve() (int64, error) {
	g.solved = false

	// Supplies: balance and overflow checks.
	var pos, neg int64
	nTerm := 0
	for _, s := range g.supply {
		switch {
		case s > 0:
			if pos > math.MaxInt64-s {
				return 0, ErrOverflow
			}
			pos += s
			nTerm++
		case s < 0:
			if neg < math.MinInt64-s {
				return 0, ErrOverflow
			}
			neg += s
			nTerm++
		}
	}
	if pos+neg != 0 {
		return 0, ErrUnbalanced
	}

	// Cost bound so potentials and distances cannot overflow.
	var cmax int64
	for _, c := range g.arcCost {
		cmax = max(cmax, c)
	}
	V := g.n + 2
	if cmax > 0 && int64(V) > mcfMaxDistance/cmax {
		return 0, ErrOverflow
	}

	if int64(len(g.arcFrom))+int64(nTerm) > math.MaxInt32/2 {
		return 0, ErrOverflow // edge positions are int32
	}
	g.build(nTerm)
	s, t := int32(g.n), int32(g.n+1)

	var flow int64
	for flow < pos {
		g.revalidate(s)
		if !g.dijkstra(s, t) {
			return 0, ErrInfeasible
		}
		g.updatePotentials(t)
		// One blocking flow per phase. Dijkstra's tree path to t is
		// admissible, so bfs succeeds and dfs pushes at least one unit.
		// Admissible paths with more hops than the BFS levels allow are
		// left to the next phase, whose incremental Dijkstra finds them at
		// reduced distance 0 far more cheaply than a second, failing BFS
		// over the whole admissible subgraph would rule them out.
		if !g.bfs(s, t) {
			panic("flow: MinCostFlow internal error: shortest path not admissible")
		}
		copy(g.iter, g.start[:V])
		before := flow
		for flow < pos {
			f := g.dfs(s, t, pos-flow)
			if f == 0 {
				break
			}
			flow += f
		}
		if flow == before {
			panic("flow: MinCostFlow internal error: phase pushed no flow")
		}
	}

	total, err := totalCost(len(g.arcCost), func(i int) (int64, int64) {
		return g.edges[g.edges[g.arcPos[i]].rev].cap, g.arcCost[i]
	})
	if err != nil {
		return 0, err
	}
	g.solved = true
	return total, nil
}

// totalCost sums flow x cost over n arcs (arc(i) gives both) with exact overflow checks: ErrOverflow
// rather than a wrapped total.
func totalCost(n int, arc func(i int) (flow, cost int64)) (int64, error) {
	var total uint64
	for i := range n {
		f, c := arc(i)
		if f == 0 || c == 0 {
			continue
		}
		hi, lo := bits.Mul64(uint64(f), uint64(c))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, ErrOverflow
		}
		total += lo
		if total > math.MaxInt64 {
			return 0, ErrOverflow
		}
	}
	return int64(total), nil
}

// build lays out the residual graph (user arcs plus nTerm super-source /
// super-sink arcs) in CSR form and resets the per-node scratch buffers.
func (g *MinCostFlow) build(nTerm int) {
	n := g.n
	V := n + 2
	m := len(g.arcFrom)
	E := 2 * (m + nTerm)
	s, t := int32(n), int32(n+1)

	g.start = mcfResize(g.start, V+1)
	g.edges = mcfResize(g.edges, E)
	g.arcPos = mcfResize(g.arcPos, m)
	g.pi = mcfResize(g.pi, V)
	g.dist = mcfResize(g.dist, V)
	g.heap = mcfResize(g.heap, V)
	g.heapPos = mcfResize(g.heapPos, V)
	g.valid = mcfResize(g.valid, V)
	g.parent = mcfResize(g.parent, V)
	g.pedge = mcfResize(g.pedge, V)
	g.order = mcfResize(g.order, V)
	g.level = mcfResize(g.level, V)
	g.iter = mcfResize(g.iter, V)
	g.queue = mcfResize(g.queue, V)

	// Degree count (into start[v+1]), then prefix sums.
	start := g.start
	clear(start)
	for i := 0; i < m; i++ {
		start[g.arcFrom[i]+1]++
		start[g.arcTo[i]+1]++
	}
	for v, sup := range g.supply {
		switch {
		case sup > 0:
			start[s+1]++
			start[v+1]++
		case sup < 0:
			start[v+1]++
			start[t+1]++
		}
	}
	for v := 0; v < V; v++ {
		start[v+1] += start[v]
	}

	cur := g.iter
	copy(cur, start[:V])
	for i := 0; i < m; i++ {
		p := g.addEdge(cur, g.arcFrom[i], g.arcTo[i], g.arcCap[i], g.arcCost[i])
		g.arcPos[i] = p
	}
	for v, sup := range g.supply {
		switch {
		case sup > 0:
			g.addEdge(cur, s, int32(v), sup, 0)
		case sup < 0:
			g.addEdge(cur, int32(v), t, -sup, 0)
		}
	}
	clear(g.pi)
	clear(g.valid)
	g.valid[s] = true
	g.order = g.order[:1]
	g.order[0] = s
}

// addEdge places a forward edge and its reverse at the fill cursors of their
// tails and returns the forward edge's position.
func (g *MinCostFlow) addEdge(cur []int32, from, to int32, capacity, cost int64) int32 {
	p := cur[from]
	cur[from]++
	q := cur[to]
	cur[to]++
	g.edges[p] = mcfEdge{to: to, rev: q, cap: capacity, cost: cost}
	g.edges[q] = mcfEdge{to: from, rev: p, cap: 0, cost: -cost}
	return p
}

// revalidate recomputes which nodes still hang off S in the shortest-path
// tree of the previous phases through residual (capacity > 0) tree edges.
// Such "valid" nodes have reduced distance exactly 0 in the next Dijkstra:
// every tree edge has reduced cost 0 and reduced distances are never
// negative. The order slice lists the valid nodes parents-first, so one pass
// suffices; nodes whose tree path was cut by the last augmentation drop out.
func (g *MinCostFlow) revalidate(s int32) {
	valid, parent, pedge, edges := g.valid, g.parent, g.pedge, g.edges
	k := 0
	for _, v := range g.order {
		ok := v == s || (valid[parent[v]] && edges[pedge[v]].cap > 0)
		valid[v] = ok
		if ok {
			g.order[k] = v
			k++
		}
	}
	g.order = g.order[:k]
}

// dijkstra computes reduced-cost distances from s for every node that is not
// valid (see revalidate), stopping once t is settled, and reports whether t
// is reachable. Each invalid node is seeded from its valid in-neighbours
// (whose distance is 0), then Dijkstra runs over the invalid nodes only, so
// a phase only pays for the part of the graph its augmentation disturbed.
// Settled nodes are appended to the order with their tree parent; nodes left
// unsettled keep a tentative distance >= dist[t] (or MaxInt64).
func (g *MinCostFlow) dijkstra(s, t int32) bool {
	dist, heapPos, valid, parent, pedge := g.dist, g.heapPos, g.valid, g.parent, g.pedge
	start, edges, pi := g.start, g.edges, g.pi
	g.heap = g.heap[:0]
	for v := range int32(len(dist)) {
		if valid[v] {
			continue
		}
		best, bp := int64(math.MaxInt64), int32(-1)
		pv := pi[v]
		for _, e := range edges[start[v]:start[v+1]] {
			// The residual edge e.to -> v is edges[e.rev], whose cost is
			// -e.cost; test everything local before touching it.
			if !valid[e.to] {
				continue
			}
			if d := pi[e.to] - e.cost - pv; d < best && edges[e.rev].cap > 0 {
				best, bp = d, e.rev
			}
		}
		dist[v] = best
		heapPos[v] = -1
		if bp >= 0 {
			parent[v], pedge[v] = edges[edges[bp].rev].to, bp
			g.heapPush(v)
		}
	}
	for len(g.heap) > 0 {
		u := g.heapPop()
		heapPos[u] = -2
		if u == t {
			return true
		}
		g.order = append(g.order, u) // at most V entries: never reallocates
		du := dist[u] + pi[u]
		base := start[u]
		for i, e := range edges[base:start[u+1]] {
			if e.cap <= 0 {
				continue
			}
			v := e.to
			hp := heapPos[v]
			if hp == -2 || valid[v] {
				continue
			}
			if nd := du + e.cost - pi[v]; nd < dist[v] {
				dist[v] = nd
				parent[v], pedge[v] = u, base+int32(i)
				if hp == -1 {
					g.heapPush(v)
				} else {
					g.heapUp(int(hp))
				}
			}
		}
	}
	return false
}

// updatePotentials adds min(d(v), d(t)) to every node's potential (valid
// nodes have d = 0) and marks the nodes settled by the last Dijkstra valid.
// t itself is never marked valid: the blocking flow always cuts its tree
// path, and keeping it invalid makes every Dijkstra search for it.
func (g *MinCostFlow) updatePotentials(t int32) {
	dist, valid, pi, heapPos := g.dist, g.valid, g.pi, g.heapPos
	dt := dist[t]
	for v := range pi {
		if !valid[v] {
			pi[v] += min(dist[v], dt)
		}
	}
	for v := range heapPos {
		if !valid[v] && heapPos[v] == -2 {
			valid[v] = true
		}
	}
	valid[t] = false
}

// heapLess orders heap entries by (distance, node index).
func (g *MinCostFlow) heapLess(a, b int32) bool {
	da, db := g.dist[a], g.dist[b]
	return da < db || (da == db && a < b)
}

func (g *MinCostFlow) heapPush(v int32) {
	i := len(g.heap)
	g.heap = append(g.heap, v) // capacity is V, never reallocates
	g.heapPos[v] = int32(i)
	g.heapUp(i)
}

func (g *MinCostFlow) heapUp(i int) {
	h, pos := g.heap, g.heapPos
	v := h[i]
	for i > 0 {
		parent := (i - 1) / 2
		w := h[parent]
		if !g.heapLess(v, w) {
			break
		}
		h[i] = w
		pos[w] = int32(i)
		i = parent
	}
	h[i] = v
	pos[v] = int32(i)
}

func (g *MinCostFlow) heapPop() int32 {
	h, pos := g.heap, g.heapPos
	top := h[0]
	last := len(h) - 1
	v := h[last]
	g.heap = h[:last]
	h = g.heap
	if last > 0 {
		i := 0
		for {
			c := 2*i + 1
			if c >= last {
				break
			}
			if c+1 < last && g.heapLess(h[c+1], h[c]) {
				c++
			}
			if !g.heapLess(h[c], v) {
				break
			}
			h[i] = h[c]
			pos[h[i]] = int32(i)
			i = c
		}
		h[i] = v
		pos[v] = int32(i)
	}
	return top
}

// bfs assigns every node that can reach t through admissible edges
// (positive residual capacity and zero reduced cost) its hop distance to t,
// by a backward BFS from t, and reports whether s can reach t. Searching
// backwards only touches nodes that can still reach t, which is a small part
// of the admissible subgraph: with exact potentials the shortest-path arcs
// to every settled node are admissible, but few of them lead on to t.
func (g *MinCostFlow) bfs(s, t int32) bool {
	level := g.level
	for i := range level {
		level[i] = -1
	}
	start, edges, pi := g.start, g.edges, g.pi
	q := g.queue[:0]
	level[t] = 0
	q = append(q, t)
	for head := 0; head < len(q); head++ {
		v := q[head]
		lv := level[v]
		if ls := level[s]; ls >= 0 && lv >= ls {
			break
		}
		pv := pi[v]
		for _, e := range edges[start[v]:start[v+1]] {
			// The residual edge u -> v is edges[e.rev], whose cost is
			// -e.cost; test everything local before touching it.
			u := e.to
			if level[u] >= 0 || pi[u]-e.cost != pv || edges[e.rev].cap <= 0 {
				continue
			}
			level[u] = lv + 1
			q = append(q, u) // each node enqueued once: capacity V suffices
		}
	}
	return level[s] >= 0
}

// dfs pushes up to f units from u to t along admissible edges that step one
// level closer to t, advancing current-arc pointers past saturated or
// blocked edges, and returns the amount pushed.
func (g *MinCostFlow) dfs(u, t int32, f int64) int64 {
	if u == t {
		return f
	}
	var pushed int64
	lv := g.level[u] - 1
	pu := g.pi[u]
	end := g.start[u+1]
	for ; g.iter[u] < end; g.iter[u]++ {
		e := &g.edges[g.iter[u]]
		v := e.to
		if e.cap <= 0 || g.level[v] != lv || e.cost+pu != g.pi[v] {
			continue
		}
		d := g.dfs(v, t, min(f-pushed, e.cap))
		if d == 0 {
			continue
		}
		e.cap -= d
		g.edges[e.rev].cap += d
		pushed += d
		if pushed == f {
			return pushed // e may still have capacity: keep the pointer
		}
	}
	g.level[u] = -1 // blocked: nothing more passes through u in this round
	return pushed
}

// mcfResize returns s with length n, reusing its backing array when large enough.
func mcfResize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

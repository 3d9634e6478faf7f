package flow

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// Arc states of the network simplex: a non-tree arc sits at its lower bound
// (flow 0) or at its upper bound (flow = capacity); tree arcs are basic.
// The values are the sign with which an arc's reduced cost is priced.
const (
	nsLower int8 = 1
	nsTree  int8 = 0
	nsUpper int8 = -1
)

// Orientation of a node's tree arc (pred) relative to the node.
const (
	nsUp   int8 = 1  // the arc runs node -> parent (towards the root)
	nsDown int8 = -1 // the arc runs parent -> node
)

// nsMinBlock and nsMaxBlock bound the pivot rule's block (the square root of the arc count in between, as
// LEMON's). The cap matters only past 160,000 arcs: there, in warm-started solves, an arc that can enter
// is rare (about one in 5,000 in the allocator at 1,000 provinces), every pivot prices several blocks, and
// smaller blocks price fewer arcs in all for a few more pivots. At 1,000 provinces (0.9 million arcs,
// blocks of 950 otherwise) a cap of 600, 400 or 250 priced 6, 15 or 21 % fewer arcs and made the month's
// solve about a fifth faster; at 31 provinces smaller blocks cost more pivots than they save (measured
// December 2026 with block search, the rule before the candidate list, which prices the same blocks;
// ODD 7.5). With the candidate list, blocks of 0.5, 0.75, 1.5 or 2 times the square root cost 1.3, 0.4,
// 0.6 or 1.1 % more instructions in the baseline sweep.
const (
	nsMinBlock = 10
	nsMaxBlock = 400
)

// nsListLen is the number of candidates the pivot rule keeps when its list
// has grown beyond twice that (see findEntering). In the baseline sweep's
// instructions (December 2026) 5 to 16 are within 0.4 % of each other, 8
// the least.
const nsListLen = 8

// In instances of at most nsListOnlyMaxArcs arcs the pivot rule prices a
// block only when no arc of its list still violates (see findEntering),
// in blocks nsListOnlyBlockScale times the square root of the arc count,
// and keeps nsListOnlyLen candidates. The baseline sweep's months (350 to
// 1,900 arcs) then take 2.2 % fewer instructions in all (December 2026:
// 1,011 M to 989 M for 4 runs; lists of 16 to 48 and blocks of 3 to 4
// square roots within 0.3 % of that; blocks of 2, 6 or 10 square roots
// 0.5, 0.3 or 1.2 % more); the allocator's month at 100 provinces (11,000
// arcs) took 0.90 to 1.05 ms instead of 1.13 to 1.18. At 200 provinces
// (44,000 arcs) the two rules were within noise, and at 1,000 (880,000
// arcs, blocks capped at 400 either way) the list-only rule took 111 ms a
// month against 97 to 104: there an arc that can enter is rare, and fresh
// blocks find better ones than a list of old candidates.
const (
	nsListOnlyMaxArcs    = 20_000
	nsListOnlyBlockScale = 4
	nsListOnlyLen        = 32
)

// nsCand is a candidate of the pivot rule: an arc and its reduced cost as
// priced (negative: the arc violates).
type nsCand struct {
	arc int32
	rc  int64
}

// nsArc is one arc's endpoints and cost: user arcs as given to AddArc,
// artificial arcs as set by Solve. Capacities are kept apart (cap, ucaps),
// so that pricing, the hottest loop, reads 16 bytes an arc.
type nsArc struct {
	src, tgt int32
	cost     int64
}

// nsQuad is four consecutive arcs of the pricing copy (priced), which
// collectQuads prices in one step of its loop, with one test for the four.
type nsQuad [4]nsArc

// NetworkSimplex is a reusable min-cost flow instance solved by the primal
// network simplex method, exact on integer data, with a warm start from the
// previous optimal basis. It has the same API, bounds and errors as
// MinCostFlow, so either can solve the allocator's monthly instance.
//
// # Usage
//
// Build an instance with Reset, AddArc and SetSupply, call Solve, then read
// per-arc flows with Flow. The object can be rebuilt (Reset) and solved any
// number of times; all buffers are kept, so once it has solved an instance
// of a given size, Reset, AddArc, SetSupply, Solve and Flow perform no heap
// allocations for instances up to that size. A NetworkSimplex is not safe
// for concurrent use; use one per goroutine.
//
// # Algorithm
//
// The classical primal network simplex (Ahuja, Magnanti and Orlin, Network
// Flows, ch. 11; the layout follows LEMON's NetworkSimplex). An artificial
// root r joins every node u through one artificial arc: u -> r at cost 0
// when u has supply >= 0, r -> u at cost M when u is a demand node, where
// M = (largest arc cost + 1) * (nodes + 1) exceeds the cost of any simple
// path. These n arcs, carrying |supply(u)|, form the initial spanning-tree
// basis; every other arc starts at flow 0. The tree is stored as parent,
// tree arc (pred) and its orientation, subtree size, and a thread: the
// nodes in preorder as a cyclic list, in which each subtree is the segment
// from its root to its last successor (also stored). Node potentials pi
// make every tree arc's reduced cost c(u,v) + pi(u) - pi(v) zero.
//
// Each pivot:
//
//  1. Entering arc, from a candidate list (after LEMON's altering
//     candidate list): the violating arcs (at the lower bound with negative
//     reduced cost, or at the upper bound with positive reduced cost) kept
//     from the last pivot are priced again, then the user arcs of one block
//     of sqrt(arcs), at least 10 and at most 400 (nsMaxBlock), rounded up
//     to a multiple of 4 (see collectQuads), cyclically from where the
//     last search stopped, and of further blocks while no
//     violating arc has been found. The most violating arc of the list and
//     the blocks enters (the first of equals, so runs are deterministic);
//     the other violating arcs stay in the list, cut back to the 8 most
//     violating when it grows beyond 16. None: optimal. As in LEMON, an
//     artificial arc that has left the tree is not priced: it carries no
//     flow and never needs to come back (see below).
//  2. The entering arc closes a cycle with the tree paths from its ends to
//     their nearest common ancestor, the apex (found by walking up from
//     whichever end has the smaller subtree). The flow change delta is the
//     least residual capacity on the cycle.
//  3. Leaving arc: the last blocking arc met when the cycle is traversed in
//     the direction of the flow change starting at the apex.
//  4. Flow moves by delta around the cycle; the leaving arc drops out, the
//     entering arc joins the tree: the subtree cut off by the leaving arc
//     is re-hung from the entering arc, the stem between them reversed,
//     and the thread, subtree sizes and last successors spliced (LEMON's
//     updateTreeStructure, O(stem + paths to the apex)); the potentials
//     of the re-hung subtree all shift by one constant relative to the
//     others', applied along its thread segment or, if that is the larger
//     part of the tree, along the rest of the thread (the root's potential
//     then moves; only differences of potentials are ever used). If the
//     entering arc itself blocks, it only swaps bounds.
//
// # Anti-cycling
//
// The basis is kept strongly feasible: every node can send a positive
// amount of flow to the root along its tree path (a zero-flow tree arc
// points towards the root, a saturated one away from it). The initial
// basis is: supply and zero-supply nodes hang from r by u -> r arcs of
// unbounded capacity, demand nodes by r -> u arcs with positive flow. The
// leaving-arc rule of step 3 preserves the property (Cunningham 1976). In
// a degenerate pivot (delta = 0) the blocking arc must then lie on the
// tree path from the apex down to the node whose flow would leave through
// the entering arc (the other path would carry flow towards the root,
// which strong feasibility allows), so the re-hung subtree is on that side
// and its potentials relative to the root all rise by the absolute reduced
// cost of the entering arc, while no other node's changes. The sum of
// potentials relative to the root therefore strictly increases over any
// run of degenerate pivots, so no
// basis repeats within it; nondegenerate pivots strictly lower the cost.
// As there are finitely many bases, the method terminates whatever the
// entering rule.
//
// # Exactness and infeasibility
//
// All arithmetic is int64 and exact. At the end no user arc violates its
// optimality condition, and tree arcs have reduced cost 0. If the
// original instance has a feasible flow x*, the final flow x carries
// nothing on artificial arcs: otherwise x* - x would contain a residual
// cycle v -> r -> u -> ... -> v that removes artificial flow. It uses
// artificial arcs only backwards, which needs flow on them, so they are
// tree arcs (non-tree artificial arcs have flow 0), and its cost, at most
// -M + (n-1)*(largest cost) < 0, would equal its reduced cost, a sum of
// terms >= 0. So Solve reports ErrInfeasible exactly when an artificial
// arc keeps positive flow. (An artificial arc could only leave the tree
// with flow, at its upper bound, after a pivot of 2^63-1 - S units; should
// that ever happen, artificial arcs are priced from then on.)
// User capacities are clamped to the total supply S internally, which is
// exact (some optimal flow has no flow cycle and so carries at most S on
// any arc) and keeps every user arc's flow in [0, S].
//
// # Warm start
//
// After a Solve that ran the simplex to the end (returning nil,
// ErrInfeasible, or ErrOverflow for the objective only), its basis is
// kept: which arcs are in the tree, which non-tree arcs sit at their upper
// bound. Unless ColdStart is set, the next Solve starts from it. Supplies,
// capacities and costs may all differ arbitrarily, because any spanning
// tree of the instance is a basis; it is made strongly feasible for the
// new data as follows.
//
//   - Continued (the caller has said by SetContinuation which new arc
//     continues which old one, and the node count is the same): the
//     basis is carried over by these ids (see carryBasis). Node u keeps
//     its parent if the new arc that continues u's old tree arc joins the
//     same nodes in the same direction, else hangs from r by its
//     artificial arc; an arc starts at its upper bound if the old one it
//     continues did. Only the old tree and upper-bound arcs are looked up
//     (Reset keeps the old instance's arcs, to check the endpoints, and
//     the last Solve lists its upper-bound arcs), so this costs far less
//     than matching endpoints; a wrong id only makes a worse start.
//   - Same structure (same node count; arc i joins the same from -> to as
//     before, same arc count): the tree is reused as it is. Solve compares
//     the endpoints with the old instance's in the pass that finds the
//     largest cost, about a nanosecond per arc.
//   - Otherwise the basis is carried over by node number and endpoints
//     (see remapBasis): node u keeps its parent if a new arc joins them in
//     the direction of u's old tree arc, else hangs from r by its
//     artificial arc; an arc starts at its upper bound if an old one with
//     the same endpoints did. The carried-over basis is only as good as
//     node numbers are stable (nodes added or removed at the end, or arcs
//     added, removed or reordered, cost little; renumbered nodes cost
//     pivots), but it is always a valid start. A caller that keeps node
//     numbers fixed (a node with nothing to send keeps its number with
//     supply 0) gets the most out of it.
//   - Either way, if more than half the nodes lose their tree arc, Solve
//     cold-starts instead.
//   - Non-tree arcs keep their bound (at the upper bound the flow is the
//     new, possibly smaller, capacity); non-tree artificial arcs get 0.
//   - Tree flows are recomputed bottom-up from the supplies. A real tree
//     arc whose flow leaves its bounds, or breaks strong feasibility (zero
//     flow pointing away from the root, full flow pointing towards it), is
//     cut: it leaves the tree at the bound nearest its flow, and its
//     subtree hangs from r by the subtree root's artificial arc, which
//     carries the difference in whichever direction (a big-M phase-1
//     repair that the following pivots undo).
//   - Potentials are recomputed from the tree with the new costs and M.
//
// Pivoting then proceeds as from a cold start, so the optimal cost is the
// same (the flow may be another optimum when it is not unique). A warm
// start also falls back to a cold start if the repair's flow sums overflow
// int64. When consecutive instances differ little, only the few pivots the
// changes call for are made, plus O(arcs) work to rebuild flows, prove
// optimality and sum the objective.
//
// # Complexity
//
// Memory O(V + E). Time O(E) per Solve plus, per pivot, O(priced arcs +
// cycle length + stem + size of the re-hung subtree). A pivot prices at
// least one block, O(sqrt E); near the optimum, where violating arcs are
// rare, it may price most of the arcs before it finds one, and proving
// optimality prices them all. The number of pivots is not polynomially
// bounded in the worst case, but it is typically a small multiple of the
// node count from a cold start (10-20 V on the transport benchmarks)
// and a handful to a few dozen from a warm start after small changes.
//
// # Bounds
//
// As MinCostFlow: capacities any int64 >= 0, costs >= 0 (AddArc panics
// otherwise), ErrOverflow when the positive supplies sum beyond int64, when
// (nodes + 2) * (largest cost) >= 2^60 (which keeps M, potentials
// relative to the root's and reduced costs far inside int64), when the optimal cost itself does not
// fit in int64 (summed with exact overflow checks), or beyond about 2^31
// nodes plus arcs.
type NetworkSimplex struct {
	// ColdStart, when true, makes every Solve start from the artificial
	// basis instead of warm-starting from the previous one (for
	// benchmarks and comparisons; the results are equally exact).
	ColdStart bool
	// Block is the size of the pivot rule's blocks (0: the square root of
	// the arc count, at least 10 and at most 400, rounded up to a multiple
	// of 4), for tests and tuning: with
	// secondary costs (SetTie) the optimum returned does not depend on it.
	Block int

	n, m   int     // user nodes and arcs; the root is node n
	arcs   []nsArc // user arcs [0, m), artificial arc of node u at m+u
	cap    []int64 // user arcs' capacities as given to AddArc
	tie    []int64 // user arcs' secondary costs (SetTie, AppendArc)
	hasTie bool    // some arc has a secondary cost (set by prepare)
	ucaps  []int64 // capacities as the simplex sees them, arcs [0, m+n) (see ucap)
	supply []int64

	// Basis and flow, arcs [0, m+n).
	flow  []int64
	state []int8

	// Spanning tree over nodes [0, n]: root n has parent -1. The thread
	// lists the nodes in preorder, cyclically (root first; the last node's
	// thread is the root); a subtree is the contiguous thread segment from
	// its root to its last successor.
	parent, pred      []int32 // parent node, tree arc to the parent
	dir               []int8  // nsUp or nsDown: orientation of pred
	pi                []int64 // potentials: reduced costs of tree arcs are 0
	thread, revThread []int32 // preorder successor and predecessor
	succNum           []int32 // subtree size
	lastSucc          []int32 // last node of the subtree in the thread

	// Scratch.
	order   []int32 // preorder of the tree
	child   []int32 // rebuildTree: first child, -1 if none
	sibling []int32 // rebuildTree: next sibling, -1 if none
	dirty   []int32 // pivot: nodes whose thread successor changed
	excess  []int64 // warm start: imbalance left to route through the tree
	upStart []int32 // remapBasis: old upper-bound arcs by tail (CSR)
	upTo    []int32
	// upper lists the arcs at their upper bound: set up by prepare, kept
	// by pivot (upperAt[e] is arc e's place in it) and, after finish, the
	// user arcs of the optimal basis, for the next warm start.
	upper   []int32
	upperAt []int32
	pi2     []int64 // breakTies: potentials of the secondary costs
	cand    []int32 // breakTies: non-tree arcs of zero reduced cost
	// unthreaded: remapBasis has set parent and order but not thread,
	// revThread, succNum and lastSucc, which warmStart sets.
	unthreaded bool

	// Solve parameters.
	art      int64 // M: cost of a root -> node artificial arc
	searched int   // arcs priced: the user arcs (all arcs, see pivot)
	block    int
	nextArc  int
	solved   bool
	// listOnly: price a block only when the list has no violating arc
	// left; listLen: the candidates kept (see nsListOnlyMaxArcs).
	listOnly bool
	listLen  int

	// Pivot rule (findEntering): the candidate list, and arcs [0, m+n) as
	// priced (nsPricedLower, nsPricedUpper, nsTreeArc: at the upper bound
	// reversed, so that pricing needs no state; in the tree a loop; all
	// with their cost less one), set by scanArcs (the user arcs at their
	// lower bound) and startPivots and kept by pivot; arc e is
	// priced[e/4][e%4] (see collectQuads), masked (see nsMasked) in
	// repriceList.
	list   []nsCand
	priced []nsQuad

	// Warm start: the basis above belongs to an instance of basisN nodes
	// and basisM user arcs, whose arcs Reset keeps in prevArcs (prevHeld)
	// while the next instance is built in arcs; before that Reset they are
	// still the first basisM of arcs. next[p] is the arc of the current
	// instance that continues arc p of that one (SetContinuation; hinted
	// says it was called since Reset).
	basisOK  bool
	basisN   int
	basisM   int
	prevHeld bool
	prevArcs []nsArc
	next     []int32
	hinted   bool

	// Statistics of the last Solve (for tests and tuning).
	lastWarm   bool // started from the previous basis
	lastRemap  bool // a different structure or a continuation: the basis was carried over (or, if lastWarm is false, abandoned)
	lastCuts   int  // tree arcs the warm start had to replace
	lastPivots int  // pivots, including bound swaps
	lastTies   int  // of which pivots among optima (breakTies)
}

// NewNetworkSimplex returns an empty instance with zero nodes.
func NewNetworkSimplex() *NetworkSimplex {
	return &NetworkSimplex{}
}

// Reset clears the instance to n nodes and no arcs, keeping allocated
// buffers and the last basis (for a warm start).
func (g *NetworkSimplex) Reset(n int) {
	if n < 0 || n > math.MaxInt32-2 {
		panic(fmt.Sprintf("flow: NetworkSimplex.Reset: invalid node count %d", n))
	}
	g.n = n
	g.m = 0
	if !g.prevHeld { // the basis's arcs stay readable for the warm start
		g.arcs, g.prevArcs = g.prevArcs, g.arcs
		g.prevHeld = true
	}
	g.hinted = false
	g.supply = nsResize(g.supply, n)
	clear(g.supply)
	g.solved = false
}

// AddArc adds a directed arc and returns its id (0,1,2,... in insertion order); it panics unless both nodes are in range, capacity >= 0 and cost >= 0.
func (g *NetworkSimplex) AddArc(from, to int, capacity, cost int64) int {
	if uint(from) >= uint(g.n) || uint(to) >= uint(g.n) || capacity < 0 || cost < 0 {
		g.badArc(from, to, capacity, cost)
	}
	g.AppendArc(from, to, capacity, cost, 0)
	return g.m - 1
}

// AppendArc is AddArc without its checks, with the arc's secondary cost (SetTie). The caller guarantees
// what AddArc and SetTie check (nodes in range, capacity and cost >= 0, tie in [0, MaxTie]); arc ids
// follow in order, as with AddArc.
func (g *NetworkSimplex) AppendArc(from, to int, capacity, cost, tie int64) {
	g.ReserveArcs(1)
	g.PutArc(from, to, capacity, cost, tie)
}

// ReserveArcs makes room for k more arcs (none if k <= 0), which PutArc then adds: arcs are kept in
// arrays longer than the instance (arcs, and cap and tie, which are as long as each other), written in
// place at index NumArcs.
func (g *NetworkSimplex) ReserveArcs(k int) {
	if need := g.m + k; need > len(g.arcs) || need > len(g.tie) {
		g.growArcs(need)
	}
}

// growArcs is ReserveArcs when the arrays are too short for need arcs: it extends them to their
// capacity, after growing that to a quarter more than need if it is too small (nsGrow).
//
//go:noinline
func (g *NetworkSimplex) growArcs(need int) {
	m := g.m
	g.arcs = nsGrow(g.arcs[:m], need)
	g.cap, g.tie = nsGrow(g.cap[:m], need), nsGrow(g.tie[:m], need)
	n := min(cap(g.cap), cap(g.tie))
	g.arcs, g.cap, g.tie = g.arcs[:cap(g.arcs)], g.cap[:n], g.tie[:n]
}

// PutArc is AppendArc into the room ReserveArcs made: small enough to be inlined, for callers that add
// many arcs a month (the allocator adds some 1,000; a call per arc cost a few per cent of a run). It writes
// the arc in place, a bounds check and a store per array, about half the instructions of an append
// (measured December 2026). It panics (index out of range) if ReserveArcs has left no room.
func (g *NetworkSimplex) PutArc(from, to int, capacity, cost, tie int64) {
	m := g.m
	g.arcs[m] = nsArc{src: int32(from), tgt: int32(to), cost: cost}
	g.cap[m] = capacity
	g.tie[m] = tie
	g.m = m + 1
	g.solved = false
}

// ArcSpan is the endpoints and costs of arcs that AppendArcs added, arc NumArcs()+i as it was before the
// call set by Put(i, ...).
type ArcSpan []nsArc

// Put sets the endpoints and cost of arc i of s; it panics (index out of range) unless i is in [0, len(s)).
func (s ArcSpan) Put(i, from, to int, cost int64) {
	s[i] = nsArc{src: int32(from), tgt: int32(to), cost: cost}
}

// AppendArcs adds k arcs (none if k <= 0), ids NumArcs() to NumArcs()+k-1, and returns the solver's
// arrays for them: arcs[i], capacity[i] and tie[i] are arc NumArcs()+i's, as it was before the call. The
// caller must set all three for every one of them before the next Solve, Arc or Tie, with what AppendArc
// requires of an arc (until then they hold whatever the arrays held); they are valid until the next
// Reset or arc added otherwise. It is for callers that add many arcs in a loop: the arrays are held by
// value and can stay in registers, where PutArc reloads them through the solver after every store, as
// it must.
func (g *NetworkSimplex) AppendArcs(k int) (arcs ArcSpan, capacity, tie []int64) {
	k = max(k, 0)
	g.ReserveArcs(k)
	m := g.m
	g.m = m + k
	g.solved = false
	return g.arcs[m : m+k], g.cap[m : m+k], g.tie[m : m+k]
}

// SetContinuation tells the next Solve which arc of this instance continues which arc of the previous
// one (the instance last solved): next[p] is the id of the arc that continues arc p, for p < len(next).
// Solve then carries the previous basis over by these ids (see "Warm start" in the type comment), a
// lookup per arc at a bound or in the tree, instead of matching endpoints, if the node count is the
// same. Any entry is safe: one that is out of range, names an arc between other nodes than arc p
// joined, or names an arc that another entry has already given a state, counts as no continuation, so
// a wrong entry can make a worse start, never a wrong result; arcs that continue none start at their
// lower bound. next is copied; Reset forgets it, and so does a Solve (the basis is then the solved instance's own).
func (g *NetworkSimplex) SetContinuation(next []int32) {
	g.next = append(g.next[:0], next...)
	g.hinted = true
	g.solved = false
}

// badArc panics with the reason AddArc rejects an arc (kept out of AddArc
// to keep that small).
//
//go:noinline
func (g *NetworkSimplex) badArc(from, to int, capacity, cost int64) {
	if from < 0 || from >= g.n || to < 0 || to >= g.n {
		panic(fmt.Sprintf("flow: NetworkSimplex.AddArc: node out of range (%d->%d, %d nodes)", from, to, g.n))
	}
	if capacity < 0 {
		panic(fmt.Sprintf("flow: NetworkSimplex.AddArc: negative capacity %d", capacity))
	}
	panic(fmt.Sprintf("flow: NetworkSimplex.AddArc: negative cost %d", cost))
}

// SetSupply sets node's supply: positive = source, negative = demand (sink); the total must be 0 for Solve to succeed.
func (g *NetworkSimplex) SetSupply(node int, supply int64) {
	if uint(node) >= uint(g.n) {
		g.badNode("SetSupply", node, g.n)
	}
	g.supply[node] = supply
	g.solved = false
}

// badNode and badArcID panic with an out-of-range node or arc (kept out
// of the callers so that those can be inlined).
//
//go:noinline
func (g *NetworkSimplex) badNode(method string, node, n int) {
	panic(fmt.Sprintf("flow: NetworkSimplex.%s: node %d out of range (%d nodes)", method, node, n))
}

//go:noinline
func (g *NetworkSimplex) badArcID(method string, arc int) {
	panic(fmt.Sprintf("flow: NetworkSimplex.%s: arc %d out of range (%d arcs)", method, arc, g.m))
}

// NumNodes reports the number of nodes set by the last Reset.
func (g *NetworkSimplex) NumNodes() int { return g.n }

// NumArcs reports the number of arcs added since the last Reset.
func (g *NetworkSimplex) NumArcs() int { return g.m }

// Arc returns an arc's ends, capacity and cost as they were added. It
// panics (index out of range) on an arc id out of range: small enough to be
// inlined, for the allocator, which reads the arcs with flow back this way
// (December 2026: a call each, with a check of its own, cost 4 M
// instructions in the baseline sweep).
func (g *NetworkSimplex) Arc(arc int) (from, to int, capacity, cost int64) {
	a := g.arcs[:g.m][arc]
	return int(a.src), int(a.tgt), g.cap[arc], a.cost
}

// Flows returns the flow of every arc, by id, after a successful Solve (nil if the instance has not been
// solved since it last changed): a view into the solver's memory, valid until the next change, for
// callers that read every flow (Flow checks each id).
func (g *NetworkSimplex) Flows() []int64 {
	if !g.solved {
		return nil
	}
	return g.flow[:g.m]
}

// Flow returns the flow on arc id after a successful Solve (0 if the instance has not been solved since it was last changed).
func (g *NetworkSimplex) Flow(arc int) int64 {
	if uint(arc) >= uint(g.m) {
		g.badArcID("Flow", arc)
	}
	if !g.solved {
		return 0
	}
	return g.flow[arc]
}

// Potential returns node's potential after a successful Solve (0 if the instance has changed since):
// with potentials pi, every arc u -> v has reduced cost cost + pi(u) - pi(v) >= 0 if its flow is below
// its capacity and <= 0 if its flow is above 0, which proves the flow optimal; pi(v) - pi(u) is the
// marginal cost of sending one more unit from u to v, and -pi(v) the dual value of v's conservation
// constraint (outflow - inflow = supply), up to a constant. "Its capacity" is the capacity Solve works
// with, min(capacity, S) for total supply S (see the type comment): an arc that carries all of S can,
// in principle, be left at that bound with a negative reduced cost though its own capacity is larger
// (no test instance of the current solver does; a changed pivoting path met one).
func (g *NetworkSimplex) Potential(node int) int64 {
	if uint(node) >= uint(g.n) {
		g.badNode("Potential", node, g.n)
	}
	if !g.solved {
		return 0
	}
	return g.pi[node] - g.pi[g.n] // relative to the root's (see pivot)
}

// Pivots reports how many pivots (bound swaps included) the last Solve made: a few after small changes
// from a warm start, many more from a cold one.
func (g *NetworkSimplex) Pivots() int { return g.lastPivots }

// Solve computes a min-cost flow meeting all supplies exactly; returns total cost, or an error (ErrInfeasible, ErrUnbalanced or ErrOverflow).
func (g *NetworkSimplex) Solve() (int64, error) {
	if err := g.prepare(); err != nil {
		return 0, err
	}
	g.startPivots()
	for g.step() {
	}
	g.breakTies()
	g.basisOK = true
	return g.finish()
}

// MaxTie is the largest secondary cost SetTie takes.
const MaxTie = 1<<31 - 1

// Tie returns arc's secondary cost (SetTie; 0 if none was given).
func (g *NetworkSimplex) Tie(arc int) int64 {
	if uint(arc) >= uint(g.m) {
		g.badArcID("Tie", arc)
	}
	return g.tie[arc]
}

// SetTie gives arc a secondary cost in [0, MaxTie] (arcs without one have 0). Among the flows of least
// cost, Solve then returns one of least total secondary cost. With secondary costs drawn at random
// (distinct per arc and independent of the arcs' order), that flow is unique but for a chance of the
// order of 2^-31 per alternative optimum, so the result is a function of the instance alone: not of the
// arcs' order, the pivot rule, a warm or cold start. Without them, which of several optimal flows Solve
// returns depends on the path the pivots took. It panics on an arc id out of range or a tie outside
// [0, MaxTie].
func (g *NetworkSimplex) SetTie(arc int, tie int64) {
	if uint(arc) >= uint(g.m) || tie < 0 || tie > MaxTie {
		panic(fmt.Sprintf("flow: NetworkSimplex.SetTie(%d, %d): want an arc in [0,%d) and a tie in [0,%d]", arc, tie, g.m, MaxTie))
	}
	g.tie[arc] = tie
	g.solved = false
}

// TiePivots reports how many of the last Solve's pivots moved among optimal flows to the one of least
// secondary cost (SetTie).
func (g *NetworkSimplex) TiePivots() int { return g.lastTies }

// breakTies moves from an optimal basis to the optimal flow of least secondary cost (SetTie): a second
// network simplex on the optimal face, whose candidates are the non-tree arcs of zero reduced cost.
// Pivoting on them leaves the primary cost unchanged (the cycle such an arc closes costs nothing) and the
// optimal potentials valid (every tree arc keeps a zero reduced cost), so they stay in pi and the
// secondary potentials go to pi2. The candidates are few (0.3 % of the arcs in the baseline sweep, none
// in 58 % of its months), so they are kept in a list and priced whole (the most violating enters): the
// optimum is unique, so the rule does not change it. The last search of the pivot rule, which found no
// violating arc, listed them (collectBlock). Artificial arcs carry no flow at an optimum and cost 0
// here; they never enter.
func (g *NetworkSimplex) breakTies() {
	if !g.hasTie {
		return
	}
	m := g.m
	arcs, state, tie := g.arcs[:m], g.state, g.tie
	// The pass of findEntering that found no violating arc left the others
	// of zero reduced cost in cand: the user arcs, and the artificial ones
	// if they are priced too.
	cand := g.cand
	if g.searched > m {
		cand = slices.DeleteFunc(cand, func(e int32) bool { return int(e) >= m })
	}
	g.cand = cand
	if len(cand) == 0 {
		return // no other optimal flow
	}
	// Potentials top-down in thread order, as warmStart's: a parent's less
	// the tie of an up arc, plus that of a down one (artificial arcs: 0).
	N, root := g.n+1, int32(g.n)
	g.pi2 = nsMasked(g.pi2, N) // pivot indexes it masked
	pi2, thread, parent, pred, dir := g.pi2[:N], g.thread[:N], g.parent[:N], g.pred[:N], g.dir[:N]
	userTie := tie[:m]
	pi2[root] = 0
	for u := thread[root]; u != root; u = thread[u] {
		c := int64(0)
		if e := pred[u]; uint(e) < uint(len(userTie)) {
			c = userTie[e]
		}
		pi2[u] = pi2[parent[u]] - int64(dir[u])*c
	}
	for {
		best, at := int64(0), -1
		for i, e := range cand {
			a := arcs[e]
			if v := int64(state[e]) * (tie[e] + pi2[a.src] - pi2[a.tgt]); v < best {
				best, at = v, i
			}
		}
		if at < 0 {
			break
		}
		in := cand[at]
		out := g.pivot(in, tie[in], pi2)
		if state[in] == nsTree { // else a bound swap: it stays a candidate
			cand[at] = cand[len(cand)-1]
			cand = cand[:len(cand)-1]
		}
		if out >= 0 && int(out) < m {
			cand = append(cand, out)
		}
		g.lastPivots++
		g.lastTies++
	}
	g.cand = cand
}

// prepare checks the instance and sets up a strongly feasible starting
// basis (warm or cold); on error the stored basis is left intact.
func (g *NetworkSimplex) prepare() error {
	g.solved = false
	g.lastWarm, g.lastRemap, g.lastCuts, g.lastPivots, g.lastTies = false, false, 0, 0, 0
	n, m := g.n, g.m

	// Checks first: an early error leaves the stored basis intact.
	var pos, neg int64
	for _, s := range g.supply {
		switch {
		case s > 0:
			if pos > math.MaxInt64-s {
				return ErrOverflow
			}
			pos += s
		case s < 0:
			if neg < math.MinInt64-s {
				return ErrOverflow
			}
			neg += s
		}
	}
	if pos+neg != 0 {
		return ErrUnbalanced
	}
	if int64(n+2) > mcfMaxDistance/MaxTie { // breakTies' potentials
		return ErrOverflow
	}
	if int64(m)+int64(n) >= math.MaxInt32 {
		return ErrOverflow // arc and node ids are int32
	}
	// Largest cost, capacities and (unless a continuation carries the
	// basis over) whether the arc list is the basis's, in one pass.
	warm := !g.ColdStart && g.basisOK
	carry := warm && g.hinted && n == g.basisN
	g.ucaps = nsResize(g.ucaps, m+n)
	g.priced = nsMasked(g.priced, (m+n+3)/4)
	cmax, hasTie, same := g.scanArcs(pos, !carry)
	g.hasTie = hasTie
	if cmax > 0 && int64(n+2) > mcfMaxDistance/cmax {
		return ErrOverflow
	}
	g.art = (cmax + 1) * int64(n+1)
	g.arcs = nsGrow(g.arcs[:m], m+n)
	nsFill(g.ucaps[m:m+n], math.MaxInt64)

	g.basisOK = false
	switch {
	case !warm:
	case carry:
		g.lastRemap = true
		warm = g.carryBasis()
	case !same:
		g.lastRemap = true
		warm = g.remapBasis()
	}
	if warm {
		warm = g.warmStart(carry)
	}
	if !warm {
		g.coldStart()
	}
	g.lastWarm = warm
	// The basis now belongs to this instance, whose arcs are in arcs; a
	// continuation into it is used up (solved again, it is its own).
	g.basisN, g.basisM, g.prevHeld, g.hinted = n, m, false, false
	return nil
}

// scanArcs sets the user arcs' capacities as the simplex sees them (ucap,
// for the total supply pos) and their pricing copy as at their lower bound
// (priced, which startPivots completes), and returns their largest cost,
// whether some has a secondary cost and, if compare, whether the arcs join
// the same nodes as the basis's instance's (a pass of its own, to keep the
// first small).
func (g *NetworkSimplex) scanArcs(pos int64, compare bool) (cmax int64, hasTie, same bool) {
	arcs := g.arcs[:g.m]
	tie := g.tie[:len(arcs)]
	cmax = priceLower(g.priced, arcs, g.cap[:len(arcs)], g.ucaps[:len(arcs)], pos)
	// A loop of its own, which stops at the first secondary cost: in the
	// allocator, whose arcs all have one, at the first arc (December 2026:
	// 3 M instructions less in the baseline sweep than testing every arc
	// in priceLower's loop).
	hasTie = slices.ContainsFunc(tie, func(t int64) bool { return t != 0 })
	same = compare && g.n == g.basisN && len(arcs) == g.basisM
	if same {
		old := g.basisArcs()[:len(arcs)]
		for e, a := range arcs {
			if old[e].src != a.src || old[e].tgt != a.tgt {
				same = false
				break
			}
		}
	}
	return cmax, hasTie, same
}

// priceLower stores arcs at their lower bound in the pricing copy priced,
// and their capacities bounded by pos in ucaps, and returns the largest
// cost, for scanArcs. Four arcs a step, a quad of priced: in one pass with
// the capacities and the largest cost rather than one of startPivots' own,
// 3.5 M instructions less in the baseline sweep (December 2026). It is kept
// apart (not inlined), so that the loop's variables stay in registers, and
// takes the quad's arcs, capacities and bounded capacities as arrays of
// four, from slices whose capacity is their length (one bounds check each),
// and its quad masked (see nsMasked): inside scanArcs, the arc index and
// seven more values were stored or reloaded a step, 17.7 M instructions in
// the 4-run baseline sweep against 15.5 M (December 2026).
//
//go:noinline
func priceLower(priced []nsQuad, arcs []nsArc, caps, ucaps []int64, pos int64) (cmax int64) {
	arcs = arcs[:len(arcs):len(arcs)]
	caps, ucaps = caps[:len(arcs):len(arcs)], ucaps[:len(arcs):len(arcs)]
	priced = priced[:cap(priced)] // masked (see nsMasked)
	if len(priced) == 0 {
		return 0 // never: priced holds the artificial arcs
	}
	quadMask := uint(len(priced) - 1)
	e := 0
	for ; e+3 < len(arcs); e += 4 {
		q, a := &priced[uint(e)>>2&quadMask], (*[4]nsArc)(arcs[e:e+4])
		c, u := (*[4]int64)(caps[e:e+4]), (*[4]int64)(ucaps[e:e+4])
		q[0], cmax, u[0] = nsPricedLower(a[0]), max(cmax, a[0].cost), min(c[0], pos)
		q[1], cmax, u[1] = nsPricedLower(a[1]), max(cmax, a[1].cost), min(c[1], pos)
		q[2], cmax, u[2] = nsPricedLower(a[2]), max(cmax, a[2].cost), min(c[2], pos)
		q[3], cmax, u[3] = nsPricedLower(a[3]), max(cmax, a[3].cost), min(c[3], pos)
	}
	for ; e < len(arcs); e++ {
		cmax = max(cmax, arcs[e].cost)
		ucaps[e] = min(caps[e], pos)
		priced[e>>2][e&3] = nsPricedLower(arcs[e])
	}
	return cmax
}

// basisArcs returns the user arcs of the instance the stored basis
// belongs to.
func (g *NetworkSimplex) basisArcs() []nsArc {
	if g.prevHeld {
		return g.prevArcs[:g.basisM]
	}
	return g.arcs[:g.basisM]
}

// finish leaves the user arcs at their upper bound in upper (kept by the
// pivots, for the next warm start), checks feasibility and sums the
// objective of the optimal basis.
func (g *NetworkSimplex) finish() (int64, error) {
	n, m := g.n, g.m
	upper := g.upper
	allFlow := g.flow[:m+n]
	// artificial is the largest flow of an artificial arc (positive: the
	// instance is infeasible). Only tree arcs, the nodes' preds, which the
	// sum below reads, can carry one, unless an artificial arc can have
	// been at its upper bound; then all are read here.
	var artificial int64
	if g.searched > m {
		upper = slices.DeleteFunc(upper, func(e int32) bool { return int(e) >= m })
		g.upper = upper
		for _, f := range allFlow[m:] {
			artificial = max(artificial, f)
		}
	}

	// Only tree arcs and arcs at their upper bound carry flow: the sum
	// runs over them, the tree arcs being the nodes' preds (artificial
	// ones excluded). Flows and costs are >= 0: a term beyond MaxInt64
	// has a high word or bit 63 of its low word set, and the sum first
	// passes MaxInt64 (before it could wrap) with bit 63 set; over keeps
	// those, to be tested once at the end.
	var total, over uint64
	arcs, flow := g.arcs[:m], allFlow[:m]
	add := func(e int32) {
		hi, lo := bits.Mul64(uint64(flow[e]), uint64(arcs[e].cost))
		total += lo
		over |= hi | (lo|total)>>63
	}
	for _, e := range g.pred[:n] {
		if uint(e) < uint(len(arcs)) {
			add(e)
		} else {
			artificial = max(artificial, allFlow[e])
		}
	}
	if artificial > 0 {
		return 0, ErrInfeasible
	}
	for _, e := range upper {
		add(e)
	}
	if over != 0 {
		return 0, ErrOverflow
	}
	g.solved = true
	return int64(total), nil
}

// ucap is arc e's capacity as the simplex sees it: a user arc's capacity
// clamped to the total supply S (exact, see the type comment); an
// artificial arc's is MaxInt64, above any flow it can carry, so that a
// u -> root arc is never saturated (as strong feasibility requires, also
// when S is 0 or one node holds all of S).
//
// Solve stores them in ucaps once, so that this is a load.
func (g *NetworkSimplex) ucap(e int32) int64 {
	return g.ucaps[e]
}

// setArtificial hangs u from the root by its artificial arc, carrying the
// imbalance x of u's subtree: u -> root at cost 0 if x >= 0 (a zero-flow
// tree arc must point to the root), root -> u at cost M otherwise.
func (g *NetworkSimplex) setArtificial(u int32, x int64) {
	e := int32(g.m) + u
	root := int32(g.n)
	a := &g.arcs[e]
	g.parent[u] = root
	g.pred[u] = e
	g.state[e] = nsTree
	if x >= 0 {
		g.dir[u] = nsUp
		a.src, a.tgt, a.cost = u, root, 0
		g.flow[e] = x
	} else {
		g.dir[u] = nsDown
		a.src, a.tgt, a.cost = root, u, g.art
		g.flow[e] = -x
	}
}

// coldStart sets up the artificial basis: every node hangs from the root by
// its artificial arc carrying its supply, every user arc at flow 0.
func (g *NetworkSimplex) coldStart() {
	n, m := g.n, g.m
	N := n + 1
	g.flow = nsResize(g.flow, m+n)
	g.state = nsResize(g.state, m+n)
	g.parent = nsResize(g.parent, N)
	g.pred = nsResize(g.pred, N)
	g.dir = nsResize(g.dir, N)
	g.resizeNodes(N)
	g.unthreaded = false // the thread is set below

	clear(g.flow[:m])
	state := g.state[:m]
	for e := range state {
		state[e] = nsLower
	}
	g.upper = g.upper[:0]
	root := int32(n)
	// Thread root, 0, 1, ..., n-1 (and back to the root).
	for u := int32(0); u < root; u++ {
		g.setArtificial(u, g.supply[u])
		g.pi[u] = 0
		if g.dir[u] == nsDown {
			g.pi[u] = g.art
		}
		g.thread[u] = u + 1
		g.revThread[u+1] = u
		g.succNum[u] = 1
		g.lastSucc[u] = u
	}
	g.parent[root], g.pred[root], g.pi[root] = -1, -1, 0
	g.thread[root] = 0
	g.revThread[0] = root
	g.succNum[root] = root + 1
	g.lastSucc[root] = root - 1
	if n == 0 {
		g.lastSucc[root] = root
	}
}

// resizeNodes sizes the per-node arrays other than parent, pred and dir
// for N nodes (the root included); their contents are to be rebuilt.
func (g *NetworkSimplex) resizeNodes(N int) {
	g.pi = nsMasked(g.pi, N)
	g.thread = nsMasked(g.thread, N)
	g.revThread = nsResize(g.revThread, N)
	g.succNum = nsResize(g.succNum, N)
	g.lastSucc = nsResize(g.lastSucc, N)
	g.order = nsResize(g.order, N)
	g.child = nsResize(g.child, N)
	g.sibling = nsResize(g.sibling, N)
	g.excess = nsResize(g.excess, N)
	if cap(g.dirty) < N {
		g.dirty = make([]int32, 0, N)
	}
}

// carryBasis carries the stored basis over to an instance of the same
// node count by SetContinuation's ids: arc next[p] of the new instance
// takes the state of arc p of the basis's instance, if it joins the same
// nodes in the same direction and no other arc p has claimed it; the other
// new arcs start at their lower bound. A node whose tree arc is not so
// continued gets pred -1, and warmStart hangs it from the root by its
// artificial arc; parents, orientations and the thread are otherwise kept.
// It reports false, leaving a cold start to the caller, when more than half
// the nodes lost their tree arc, or if the imbalances overflow.
//
// Arcs at their upper bound get their flows, and the imbalances (excess)
// those, as in setBounds; the other flows are 0, and the artificial arcs
// are left at flow 0 as u -> root (warmStart sets those of the nodes that
// hang from the root). Only the old arcs in the tree or at the upper bound
// (upper, as finish left it) are looked up, about a quarter of the arcs in
// the allocator, where remapBasis matches the endpoints of every arc.
func (g *NetworkSimplex) carryBasis() bool {
	n, m := g.n, g.m
	root := int32(n)
	old := g.basisArcs()
	g.flow = nsResize(g.flow, m+n)
	g.state = nsResize(g.state, m+n)
	state, flow, arcs := g.state[:m+n], g.flow[:m+n], g.arcs[:m+n]
	nsFill(state, nsLower)
	clear(flow)
	artificial := arcs[m:] // resliced: indexed by node, without a bounds check
	for u := range artificial {
		artificial[u] = nsArc{src: int32(u), tgt: root}
	}
	// continued returns the new arc that continues old arc p, or -1. It
	// reads the user arcs and their states, and next and the old arcs it
	// can continue, resliced to one length each, so that e and p are
	// bounds-checked once.
	next := g.next[:min(len(g.next), len(old))]
	continuedArcs := old[:len(next)]
	userArcs := arcs[:m]
	userState := state[:len(userArcs)]
	continued := func(p int) int32 {
		if p >= len(next) {
			return -1
		}
		e := next[p]
		if uint(int(e)) >= uint(len(userArcs)) || userState[e] != nsLower || userArcs[e].src != continuedArcs[p].src || userArcs[e].tgt != continuedArcs[p].tgt {
			return -1
		}
		return e
	}

	ex := g.excess[:n+1]
	copy(ex, g.supply)
	ex[n] = 0
	ok := true
	upper := g.upper[:0] // the new arcs at their upper bound, written behind the old ones read
	for _, p := range g.upper {
		if e := continued(int(p)); e >= 0 {
			c := g.ucaps[e]
			state[e], flow[e] = nsUpper, c
			upper = append(upper, e)
			a := arcs[e]
			var ok1, ok2 bool
			ex[a.src], ok1 = nsAdd(ex[a.src], -c)
			ex[a.tgt], ok2 = nsAdd(ex[a.tgt], c)
			ok = ok && ok1 && ok2
		}
	}
	g.upper = upper

	pred := g.pred[:n]
	lost := 0
	for u, p := range pred {
		if int(p) >= len(old) {
			continue // artificial: hangs from the root
		}
		e := continued(int(p))
		if e >= 0 {
			state[e] = nsTree
		} else {
			lost++
		}
		pred[u] = e
	}
	g.lastCuts += lost
	return ok && 2*lost <= n
}

// nsFill sets every element of s to v, by doubling copies.
func nsFill[T any](s []T, v T) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	for k := 1; k < len(s); k *= 2 {
		copy(s[k:], s[:k])
	}
}

// remapBasis carries the stored basis over to a different instance,
// matching nodes by number and arcs by endpoints: node u keeps its parent
// if both still exist and some new arc joins them in the same direction
// as u's old tree arc (the first such arc not yet taken), and otherwise
// hangs from the root by its artificial arc; a new arc starts at its upper
// bound if an old arc with the same endpoints did (each old arc matched
// once). The result is a spanning tree of the new instance, which
// warmStart then repairs. It reports false, leaving a cold start to the
// caller, when more than half the nodes lost their tree arc: the old basis
// then says too little to be worth repairing. Node numbers should denote
// the same nodes as before for the basis to be of use, but any numbering
// gives a valid starting basis.
func (g *NetworkSimplex) remapBasis() bool {
	n, m := g.n, g.m
	nOld, mOld := g.basisN, g.basisM
	old := g.basisArcs()
	nMin := min(n, nOld)
	root := int32(n)

	// Old upper-bound arcs grouped by tail: heads upTo[upStart[v]:upStart[v+1]].
	g.upStart = nsResize(g.upStart, nOld+1)
	upStart := g.upStart
	clear(upStart)
	upArcs := g.upper
	for _, e := range upArcs {
		upStart[old[e].src]++
	}
	sum := int32(0)
	for v, c := range upStart {
		upStart[v] = sum
		sum += c
	}
	g.upTo = nsResize(g.upTo, int(sum))
	upTo := g.upTo
	for _, e := range upArcs {
		v := old[e].src
		upTo[upStart[v]] = old[e].tgt
		upStart[v]++ // now the start of v+1
	}
	for v := nOld; v > 0; v-- {
		upStart[v] = upStart[v-1]
	}
	upStart[0] = 0

	// Node arrays for n+1 nodes, keeping the old tree of the first nMin.
	// pred < 0 marks a node whose parent is kept if a new arc matches its
	// old tree arc; all others will hang from the new root.
	g.parent = nsGrow(g.parent, n+1)
	g.pred = nsGrow(g.pred, n+1)
	g.dir = nsGrow(g.dir, n+1)
	g.resizeNodes(n + 1)
	parent, pred, dir := g.parent, g.pred, g.dir
	for u := range root {
		if int(u) < nMin && int(pred[u]) < mOld && int(parent[u]) < n {
			pred[u] = -1
		} else {
			parent[u], pred[u] = root, int32(m)+u
		}
	}
	parent[root], pred[root] = -1, -1

	g.flow = nsResize(g.flow, m+n)
	g.state = nsResize(g.state, m+n)
	state := g.state
	for e, arc := range g.arcs[:m] {
		a, b := arc.src, arc.tgt
		st := nsLower
		switch {
		case parent[a] == b && dir[a] == nsUp && pred[a] < 0:
			pred[a], st = int32(e), nsTree
		case parent[b] == a && dir[b] == nsDown && pred[b] < 0:
			pred[b], st = int32(e), nsTree
		case int(a) < nOld:
			for k := upStart[a]; k < upStart[a+1]; k++ {
				if upTo[k] == b {
					upTo[k] = -1 // matched once
					st = nsUpper
					break
				}
			}
		}
		state[e] = st
	}
	lost := 0
	for u := range root {
		e := int32(m) + u
		if pred[u] < 0 {
			parent[u], pred[u] = root, e
			lost++
		}
		if pred[u] == e {
			state[e] = nsTree
		} else {
			state[e] = nsLower
		}
	}
	g.lastCuts += lost
	if 2*lost > n {
		return false
	}
	// The preorder only: warmStart needs no more, and threads the tree
	// once its cuts are made.
	g.preorderOfParents()
	g.unthreaded = true
	return true
}

// warmStart turns the stored basis into a strongly feasible basis for the
// current data (see "Warm start" in the type comment) and reports whether
// it succeeded; on false (an int64 overflow while summing flows) the caller
// must cold-start. carried says that carryBasis has set the non-tree arcs
// and the imbalances, and marked the nodes whose tree arc it could not
// carry over with pred -1.
func (g *NetworkSimplex) warmStart(carried bool) bool {
	n := g.n
	root := int32(n)
	if !carried && !g.setBounds() {
		return false
	}

	// Tree flows bottom-up (reverse preorder), cutting arcs that are out of
	// bounds or not strongly feasible. With a thread (all but after
	// remapBasis), each cut subtree's thread segment moves to right after
	// the root as it is cut (hang), which costs far less than threading
	// the whole tree again. The walk goes backwards along the thread
	// (revThread), which spares listing the preorder first: a cut
	// subtree's segment, walked already, moves ahead of the nodes still to
	// come, and the node before it is read before it moves. Without a
	// thread, revThread (rebuilt below) first links remapBasis's preorder
	// backwards, so that one loop walks either.
	threaded := !g.unthreaded
	N, M := n+1, g.m+n
	// Resliced to the same lengths, so that one bounds check covers the
	// node arrays and one the arc arrays (December 2026: the loop took 79
	// instructions a node with a check per array and every variable
	// spilled).
	ex, parent, pred, dir, revThread := g.excess[:N], g.parent[:N], g.pred[:N], g.dir[:N], g.revThread[:N]
	flow, ucaps := g.flow[:M], g.ucaps[:M]
	if !threaded {
		order := g.order[:N]
		revThread[root] = order[n]
		for i := n; i >= 1; i-- {
			revThread[order[i]] = order[i-1]
		}
	}
	next := revThread[root] // the last node
	cut := false
	for range n {
		u := next
		next = revThread[u]
		x := ex[u]
		p, e, d := parent[u], pred[u], dir[u]
		// The common case, an arc that stays: its flow f (x or -x) within
		// [0, c) pointing up, (0, c] pointing down, one unsigned test.
		if p != root && e >= 0 {
			f := x * int64(d)
			if uint64(f+int64(d>>1)) < uint64(ucaps[e]) {
				flow[e] = f
				var ok bool
				if ex[p], ok = nsAdd(ex[p], x); !ok {
					return false
				}
				continue
			}
		}
		if !g.hangFromRoot(u, x) {
			return false
		}
		cut = cut || p != root
	}
	switch {
	case g.unthreaded && cut:
		g.rebuildTree()
	case g.unthreaded:
		g.threadTree(g.order[:N])
	}
	g.unthreaded = false

	// Potentials top-down with the new costs and M, in thread order: a
	// parent's less the cost of an up arc, plus that of a down one.
	pi, thread, arcs := g.pi[:N], g.thread[:N], g.arcs[:M]
	pi[root] = 0
	for u := thread[root]; u != root; u = thread[u] {
		pi[u] = pi[parent[u]] - int64(dir[u])*arcs[pred[u]].cost
	}
	return true
}

// hangFromRoot is warmStart's rare case for node u, whose subtree has the
// imbalance x: u hangs from the root already (its artificial arc takes any
// flow, oriented by its sign), or its tree arc is cut. A cut arc leaves
// the tree at the bound nearest its flow, and u's artificial arc carries
// what the subtree still has to route; with no tree arc (carryBasis found
// none) it routes all of x. It reports false if an imbalance overflows.
func (g *NetworkSimplex) hangFromRoot(u int32, x int64) bool {
	p, e := g.parent[u], g.pred[u]
	if p == int32(g.n) {
		g.setArtificial(u, x)
		return true
	}
	if e >= 0 {
		f := x
		if g.dir[u] == nsDown {
			f = -x
		}
		c := g.ucap(e)
		var fb int64
		if f <= 0 || c == 0 {
			g.state[e] = nsLower
		} else {
			g.state[e], fb = nsUpper, c
			g.upper = append(g.upper, e)
		}
		g.flow[e] = fb
		if g.dir[u] == nsUp { // e = u -> p carries fb out of the subtree
			fb = -fb
		}
		var ok1, ok2 bool
		x, ok1 = nsAdd(x, fb)
		g.excess[p], ok2 = nsAdd(g.excess[p], -fb)
		if !ok1 || !ok2 {
			return false
		}
		g.lastCuts++
	}
	if !g.unthreaded {
		g.hang(u)
	}
	g.setArtificial(u, x)
	return true
}

// hang moves the subtree of u, whose tree arc warmStart cuts (parent[u] is
// still its old parent), to hang from the root in the thread: its segment
// (u to lastSucc[u]) moves to right after the root, and its old ancestors
// lose its size and, if it ended their subtree, their last successor.
// That is O(depth of u), where threading the tree again is O(n).
func (g *NetworkSimplex) hang(u int32) {
	root := int32(g.n)
	parent, thread, revThread, succNum, lastSucc := g.parent, g.thread, g.revThread, g.succNum, g.lastSucc
	last := lastSucc[u]
	before, after := revThread[u], thread[last] // before is not the root: u has another parent
	size := succNum[u]
	for w := parent[u]; w != root; w = parent[w] {
		succNum[w] -= size
		if lastSucc[w] == last {
			lastSucc[w] = before
		}
	}
	if lastSucc[root] == last {
		lastSucc[root] = before
	}
	thread[before], revThread[after] = after, before
	first := thread[root]
	thread[root], revThread[u] = u, root
	thread[last], revThread[first] = first, last
}

// setBounds sets the flows of the non-tree arcs at their bounds (non-tree
// artificial arcs at 0, oriented towards the root) and starts the
// imbalances (excess) from the supplies and those flows, for warmStart; it
// reports false if an imbalance overflows.
func (g *NetworkSimplex) setBounds() bool {
	n, m := g.n, g.m
	root := int32(n)
	arcs, flow, state := g.arcs, g.flow, g.state
	ex := g.excess
	copy(ex, g.supply)
	ex[root] = 0
	upper := g.upper[:0]
	for e, st := range state[:m] {
		switch st {
		case nsTree:
		case nsUpper:
			upper = append(upper, int32(e))
			c := g.ucap(int32(e)) // 0 is fine: both bounds coincide
			flow[e] = c
			if c == 0 {
				continue
			}
			s, t := arcs[e].src, arcs[e].tgt
			var ok1, ok2 bool
			ex[s], ok1 = nsAdd(ex[s], -c)
			ex[t], ok2 = nsAdd(ex[t], c)
			if !ok1 || !ok2 {
				return false
			}
		default:
			flow[e] = 0
		}
	}
	g.upper = upper
	for u := range root {
		if e := int32(m) + u; state[e] != nsTree {
			state[e], flow[e] = nsLower, 0
			arcs[e].src, arcs[e].tgt, arcs[e].cost = u, root, 0
		}
	}
	return true
}

// rebuildTree rebuilds thread, revThread, succNum and lastSucc from parent
// (children in increasing node order).
func (g *NetworkSimplex) rebuildTree() {
	g.threadTree(g.preorderOfParents())
}

// preorderOfParents lists the nodes in preorder from parent alone
// (children in increasing node order), in g.order, and returns it.
func (g *NetworkSimplex) preorderOfParents() []int32 {
	root := int32(g.n)
	parent, child, sibling := g.parent, g.child, g.sibling
	for i := range child {
		child[i] = -1
	}
	for u := root - 1; u >= 0; u-- {
		p := parent[u]
		sibling[u] = child[p]
		child[p] = u
	}
	order := g.order[:0]
	w := root
	for {
		order = append(order, w) // n+1 nodes: capacity suffices
		if c := child[w]; c >= 0 {
			w = c
			continue
		}
		for w != root && sibling[w] < 0 {
			w = parent[w]
		}
		if w == root {
			break
		}
		w = sibling[w]
	}
	g.order = order
	return order
}

// threadTree sets thread, revThread, succNum and lastSucc from the
// preorder order of the tree given by parent.
func (g *NetworkSimplex) threadTree(order []int32) {
	root := int32(g.n)
	parent := g.parent
	for i, u := range order {
		v := root
		if i+1 < len(order) {
			v = order[i+1]
		}
		g.thread[u] = v
		g.revThread[v] = u
		g.succNum[u] = 1
	}
	for i := len(order) - 1; i >= 1; i-- {
		u := order[i]
		g.succNum[parent[u]] += g.succNum[u]
	}
	for i, u := range order {
		g.lastSucc[u] = order[i+int(g.succNum[u])-1]
	}
}

// startPivots sets up the pricing for a run of pivots.
func (g *NetworkSimplex) startPivots() {
	g.searched = g.m
	// A whole number of quads, so that every block but the last of the
	// arcs starts and ends on one (see collectBlock).
	root := math.Sqrt(float64(g.m))
	g.listOnly, g.listLen = g.m <= nsListOnlyMaxArcs, nsListLen
	if g.listOnly {
		root *= nsListOnlyBlockScale
		g.listLen = nsListOnlyLen
	}
	g.block = (min(max(int(root), nsMinBlock), nsMaxBlock) + 3) &^ 3
	if g.Block > 0 {
		g.block = g.Block
	}
	g.nextArc = 0
	// Room for the list and one block with the rest of its quads (see
	// collectBlock): the search prices another block only while the list
	// is empty.
	g.list = nsResize(g.list, 2*g.listLen+g.block+6)[:0]
	// The arcs as priced: all as at their lower bound (the user arcs set
	// so by scanArcs, the artificial ones, which the start has set up,
	// here), then the arcs at their upper bound (listed by prepare) and the
	// tree arcs (the nodes' preds) set as such, which costs less than
	// reading every arc's state.
	N := g.m + g.n
	priced, arcs := g.priced[:(N+3)/4], g.arcs[:N]
	first := min((g.m+3)&^3, N) // the first whole quad of artificial arcs
	for e := g.m; e < first; e++ {
		priced[e>>2][e&3] = nsPricedLower(arcs[e])
	}
	// Stored arc by arc: a quad built whole went through the stack, 60
	// instructions a quad instead of 30 (December 2026).
	for i := first >> 2; i < N>>2; i++ {
		q, a := &priced[i], (*[4]nsArc)(arcs[4*i:])
		q[0] = nsPricedLower(a[0])
		q[1] = nsPricedLower(a[1])
		q[2] = nsPricedLower(a[2])
		q[3] = nsPricedLower(a[3])
	}
	for e := max(first, N&^3); e < N; e++ {
		priced[e>>2][e&3] = nsPricedLower(arcs[e])
	}
	for e := N; e&3 != 0; e++ {
		priced[e>>2][e&3] = nsTreeArc // the padding after the last arc: loops that never enter
	}
	// upper has room for every arc, so that pivot never grows it.
	g.upper = nsGrow(g.upper, N)[:len(g.upper)]
	g.upperAt = nsResize(g.upperAt, N)
	g.cand = nsResize(g.cand, N)[:0]
	// Masked (see nsMasked), without a bounds check, and with the tree arc
	// as priced in registers rather than read from memory for each node.
	quads, tree := priced[:cap(priced)], nsTreeArc
	if len(quads) == 0 {
		return // no arcs, so no user nodes (each has an artificial arc)
	}
	quadMask := uint(len(quads) - 1)
	upperAt := g.upperAt[:N] // one bounds check with arcs
	for i, e := range g.upper {
		quads[uint(uint32(e))>>2&quadMask][e&3] = nsPricedUpper(arcs[e])
		upperAt[e] = int32(i)
	}
	for _, e := range g.pred[:g.n] {
		quads[uint(uint32(e))>>2&quadMask][e&3] = tree
	}
}

// pricedArc returns arc e as priced (see priced).
func (g *NetworkSimplex) pricedArc(e int32) *nsArc {
	return &g.priced[e>>2][e&3]
}

// The pivot rule prices an arc at its lower bound as it is, at its upper
// bound reversed at the opposite cost (its reduced cost negated), so that
// a violating arc's reduced cost is negative whatever its bound, and in
// the tree as a loop of cost 1, whose reduced cost, 1, is never taken for
// a violation or a tie. Each has its cost less one: a reduced cost, less
// one, is negative exactly when the arc violates or has a zero reduced
// cost (see collectQuads).

// nsPricedLower returns arc a at its lower bound as priced.
func nsPricedLower(a nsArc) nsArc {
	return nsArc{src: a.src, tgt: a.tgt, cost: a.cost - 1}
}

// nsPricedUpper returns arc a at its upper bound as priced.
func nsPricedUpper(a nsArc) nsArc {
	return nsArc{src: a.tgt, tgt: a.src, cost: -a.cost - 1}
}

// nsTreeArc is a tree arc as priced.
var nsTreeArc = nsArc{cost: 1 - 1}

// step makes one pivot and reports false, without pivoting, once the
// basis is optimal.
func (g *NetworkSimplex) step() bool {
	in := g.findEntering()
	if in < 0 {
		return false
	}
	g.pivot(in, g.arcs[in].cost, g.pi)
	g.lastPivots++
	return true
}

// findEntering returns the entering arc, or -1 if the basis is optimal, by
// the candidate list (after LEMON's altering candidate list): the list's
// arcs are priced again and those that no longer violate dropped; then one
// block is priced (cyclically from nextArc), and further blocks while the
// list is empty, and the violating arcs met join the list (in instances of
// at most nsListOnlyMaxArcs arcs, blocks are priced only if the list is
// empty). Its most violating arc (the first of equals) enters; a list left
// longer than twice listLen is cut back to its listLen most violating
// arcs, so that pricing it again stays cheap. Violating arcs come in clusters (a
// source's routes are adjacent), so a block often holds several, and the
// list lets the next pivots choose among them without pricing them all
// again. The search can come round to an arc still in the list: it is
// then listed twice, and the copy left after it enters is dropped at the
// next pricing (it is a tree arc, or swapped bounds and violates no more).
// Against block search (the most violating arc of the first block that
// has one), in the baseline sweep (December 2026): 63.6 pivots a month
// instead of 75.7 and 4,818 arcs priced instead of 6,231, 2.1 % fewer
// instructions in all; a cold solve of the 31-province transport
// benchmark takes 937 pivots instead of 2,020.
func (g *NetworkSimplex) findEntering() int32 {
	total := g.searched
	priced, pi := g.priced, g.pi[:cap(g.pi)] // masked (see nsMasked)
	if len(pi) == 0 {
		return -1 // never: the root is a node
	}
	list := g.list
	n, at, best := repriceList(list, priced, pi)
	buf := list[:cap(list)]
	zero := g.cand[:0]
	e := g.nextArc
	for scanned := 0; scanned < total && !(g.listOnly && n > 0); {
		end := min(e+g.block, total, e+total-scanned) // each arc once
		scanned += end - e
		k := collectBlock(buf[n:], priced, e, end, pi)
		i, least, zeros := leastOf(buf[n : n+k])
		if zeros {
			k, zero = dropZeros(buf[n:n+k], zero)
			i, least, _ = leastOf(buf[n : n+k])
		}
		if least < best {
			best, at = least, n+i
		}
		n += k
		e = end
		if e == total {
			e = 0
		}
		if n > 0 {
			break
		}
	}
	g.nextArc = e
	g.cand = zero
	if n == 0 {
		g.list = buf[:0]
		return -1
	}
	in := buf[at].arc
	n--
	buf[at] = buf[n]
	if n > 2*g.listLen {
		keepBest(buf[:n], g.listLen)
		n = g.listLen
	}
	g.list = buf[:n]
	return in
}

// repriceList prices the list's arcs again and keeps, in order and with
// their new reduced costs, those that still violate; it returns how many
// it kept, the place of the most violating (the first of equals; -1 if
// none) and its reduced cost. It is kept apart (not inlined), so that its
// few variables stay in registers: inside findEntering the count, the
// least reduced cost and its place were spilled to the stack, about 40
// instructions an arc instead of 30 (December 2026). It indexes the
// pricing copy masked (see nsMasked), without a bounds check, which also
// frees the register of its length: 2.0 M instructions less in the 4-run
// baseline sweep (December 2026).
//
//go:noinline
func repriceList(list []nsCand, priced []nsQuad, pi []int64) (n, at int, best int64) {
	pi, priced = pi[:cap(pi)], priced[:cap(priced)] // masked (see nsMasked)
	at = -1
	if len(pi) == 0 || len(priced) == 0 {
		return 0, at, 0 // never: the root is a node, a listed arc an arc
	}
	mask, quadMask := uint(len(pi)-1), uint(len(priced)-1)
	for _, c := range list {
		a := &priced[uint(uint32(c.arc))>>2&quadMask][c.arc&3]
		if rc := a.cost + 1 + pi[uint(uint32(a.src))&mask] - pi[uint(uint32(a.tgt))&mask]; rc < 0 {
			list[n] = nsCand{arc: c.arc, rc: rc}
			if rc < best {
				best, at = rc, n
			}
			n++
		}
	}
	return n, at, best
}

// leastOf returns the place in cands of the most violating (the first of
// equals; -1 if none violates), its reduced cost (0 if none) and whether
// some have a zero reduced cost (see collectBlock), the others being
// negative: the AND of them all is then not negative. It is
// kept apart (not inlined), like repriceList, so that its few variables
// stay in registers: merged into the block loop of findEntering, which
// also dropped the arcs of zero reduced cost one by one, about 25
// instructions a candidate (December 2026).
//
//go:noinline
func leastOf(cands []nsCand) (at int, least int64, zeros bool) {
	at = -1
	all := int64(-1)
	for i := range cands {
		rc := cands[i].rc
		if rc < least {
			least, at = rc, i
		}
		all &= rc
	}
	return at, least, all >= 0
}

// dropZeros removes from cands, keeping the others in order, the arcs of
// zero reduced cost, which it appends to zero; it returns how many arcs
// are left in cands and zero.
func dropZeros(cands []nsCand, zero []int32) (int, []int32) {
	k := 0
	for _, c := range cands {
		if c.rc == 0 {
			zero = append(zero, c.arc)
			continue
		}
		cands[k] = c
		k++
	}
	return k, zero
}

// keepBest reorders list so that its first k entries are k of its most
// violating (least reduced cost): Hoare's selection, O(len(list)) on
// average.
func keepBest(list []nsCand, k int) {
	lo, hi := 0, len(list)-1
	for lo < hi {
		p := list[(lo+hi)/2].rc
		i, j := lo, hi
		for i <= j {
			for list[i].rc < p {
				i++
			}
			for list[j].rc > p {
				j--
			}
			if i <= j {
				list[i], list[j] = list[j], list[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// collectBlock stores in dst the arcs [lo, hi) of priced that violate or
// have a zero reduced cost, with their reduced costs, and returns how many
// it stored. The arcs of zero reduced cost are
// the tie rule's candidates once no arc violates (breakTies), found here
// at no cost by the pass that proves optimality. It prices the whole
// quads that hold the block (collectQuads) and drops the arcs outside it,
// so dst needs room for 3 more arcs on either side; only blocks that do
// not start on a quad (Block not a multiple of 4) have arcs before it, and
// only the last block of the arcs has arcs after it, the quad's padding
// (nsTreeArc) or artificial arcs.
func collectBlock(dst []nsCand, priced []nsQuad, lo, hi int, pi []int64) int {
	first := lo &^ 3
	k := collectQuads(dst, priced[:(hi+3)>>2], uint(first>>2), pi)
	for k > 0 && int(dst[k-1].arc) >= hi {
		k--
	}
	if first < lo {
		j := 0
		for j < k && int(dst[j].arc) < lo {
			j++
		}
		k = copy(dst, dst[j:k])
	}
	return k
}

// collectQuads is collectBlock for whole quads, those of quads from first
// on: it stores the arcs in increasing order. Walking from first (rather
// than from a slice's start) stores the arcs' own ids, which findEntering
// had to correct one by one. It is the hottest loop of
// the solver, kept apart (not inlined) and with few variables, so that
// they stay in registers. It prices a quad, four arcs, a step: an arc as
// priced has its reduced cost less one, negative exactly for the arcs to
// store (nsPricedLower), so the sign of the four's OR tells whether any is
// to be stored. It indexes the potentials masked by their capacity, a
// power of two (see nsMasked), which leaves every node id as it is and
// lets the compiler drop the bounds checks. The expressions are written
// out for each arc, as an inlined function would leave a marker
// instruction per call. In all, 10.5 instructions an arc instead of 15
// one at a time (December 2026).
//
//go:noinline
func collectQuads(dst []nsCand, quads []nsQuad, first uint, pi []int64) int {
	pi = pi[:cap(pi)]
	if len(pi) == 0 {
		return 0
	}
	mask := uint(len(pi) - 1)
	k := 0
	for i := first; i < uint(len(quads)); i++ {
		q := &quads[i]
		r0 := q[0].cost + pi[uint(uint32(q[0].src))&mask] - pi[uint(uint32(q[0].tgt))&mask]
		r1 := q[1].cost + pi[uint(uint32(q[1].src))&mask] - pi[uint(uint32(q[1].tgt))&mask]
		r2 := q[2].cost + pi[uint(uint32(q[2].src))&mask] - pi[uint(uint32(q[2].tgt))&mask]
		r3 := q[3].cost + pi[uint(uint32(q[3].src))&mask] - pi[uint(uint32(q[3].tgt))&mask]
		if r0|r1|r2|r3 < 0 {
			e := int32(4 * i)
			if r0 < 0 {
				dst[k] = nsCand{arc: e, rc: r0 + 1}
				k++
			}
			if r1 < 0 {
				dst[k] = nsCand{arc: e + 1, rc: r1 + 1}
				k++
			}
			if r2 < 0 {
				dst[k] = nsCand{arc: e + 2, rc: r2 + 1}
				k++
			}
			if r3 < 0 {
				dst[k] = nsCand{arc: e + 3, rc: r3 + 1}
				k++
			}
		}
	}
	return k
}

// pivot brings arc in, of the given cost, into the basis, updating the
// potentials pi, and returns the arc that left it, or swaps in's bound and
// returns -1.
func (g *NetworkSimplex) pivot(in int32, cost int64, pi []int64) int32 {
	// The node arrays resliced to one length: one bounds check a node in
	// the walks round the cycle.
	parent := g.parent
	pred, dir, flow := g.pred[:len(parent)], g.dir[:len(parent)], g.flow
	ucaps := g.ucaps[:len(flow)]

	s, t := g.arcs[in].src, g.arcs[in].tgt
	join := g.apex(s, t)

	// Flow is pushed first -> second along the entering arc, then up from
	// second to the apex and down from the apex to first. The leaving arc
	// is the last blocking arc in that order starting at the apex: strict
	// comparison on the first side (ties go towards first), non-strict on
	// the second (ties go towards the apex).
	first, second := s, t
	if g.state[in] == nsUpper {
		first, second = t, s
	}
	delta := g.ucap(in)
	result := 0
	var uOut int32
	for w := first; w != join; w = parent[w] {
		e := pred[w]
		d := flow[e]
		if dir[w] == nsDown {
			d = ucaps[e] - d
		}
		if d < delta {
			delta, uOut, result = d, w, 1
		}
	}
	for w := second; w != join; w = parent[w] {
		e := pred[w]
		d := flow[e]
		if dir[w] == nsUp {
			d = ucaps[e] - d
		}
		if d <= delta {
			delta, uOut, result = d, w, 2
		}
	}

	if delta > 0 {
		val := int64(g.state[in]) * delta
		flow[in] += val
		for w := s; w != join; w = parent[w] {
			flow[pred[w]] -= int64(dir[w]) * val
		}
		for w := t; w != join; w = parent[w] {
			flow[pred[w]] += int64(dir[w]) * val
		}
	}
	if result == 0 {
		if g.state[in] == nsLower {
			g.state[in] = nsUpper
			*g.pricedArc(in) = nsPricedUpper(g.arcs[in])
			g.addUpper(in)
		} else {
			g.state[in] = nsLower
			*g.pricedArc(in) = nsPricedLower(g.arcs[in])
			g.removeUpper(in)
		}
		return -1
	}

	uIn, vIn := first, second
	if result == 2 {
		uIn, vIn = second, first
	}
	out := pred[uOut]
	if g.state[in] == nsUpper {
		g.removeUpper(in)
	}
	g.state[in] = nsTree
	*g.pricedArc(in) = nsTreeArc
	if flow[out] == 0 {
		g.state[out] = nsLower
		*g.pricedArc(out) = nsPricedLower(g.arcs[out])
	} else {
		g.state[out] = nsUpper
		*g.pricedArc(out) = nsPricedUpper(g.arcs[out])
		g.addUpper(out)
		if int(out) >= g.m {
			// An artificial arc at its upper bound (a flow of 2^63-1,
			// never seen in practice) could be worth decreasing: from
			// now on artificial arcs are priced too.
			g.searched = g.m + g.n
		}
	}

	// in runs uIn -> vIn (up) when uIn is its source; passed to updateTree,
	// which would otherwise load the arc again (bounds check included).
	inDir := nsDown
	if uIn == s {
		inDir = nsUp
	}
	g.updateTree(in, uIn, vIn, uOut, join, inDir)

	// Potentials of the re-hung subtree shift by one constant, along its
	// thread segment, masked (see nsMasked); when the subtree is the larger
	// part of the tree, the rest of the thread (from the node after the
	// segment round to uIn, the root included) shifts the other way, which
	// walks fewer nodes (11.6 instead of 29 a pivot in the baseline sweep,
	// December 2026). Potentials matter only up to a constant: every use
	// takes a difference (pricing, sigma, Potential), so the root's need
	// not stay 0, and int64 arithmetic wraps, so however far they drift
	// the differences, which fit, come out exact.
	thread := g.thread
	sigma := pi[vIn] - pi[uIn] - int64(dir[uIn])*cost
	start, end := uIn, thread[g.lastSucc[uIn]]
	if 2*int(g.succNum[uIn]) > g.n+1 {
		start, end, sigma = end, uIn, -sigma
	}
	size := min(cap(pi), cap(thread)) // both powers of two
	pi, thread = pi[:size], thread[:size]
	if size == 0 {
		return out // never: the root is a node
	}
	mask := uint(size - 1)
	for w := start; w != end; {
		i := uint(uint32(w)) & mask
		pi[i] += sigma
		w = thread[i]
	}
	return out
}

// apex returns the apex of the cycle that an arc joining u and v closes:
// their nearest common ancestor. Of two distinct nodes, the one with the
// smaller subtree is not an ancestor of the other, so it can step up. It
// is kept apart (not inlined), so that its few variables stay in
// registers: inside pivot the potentials, an argument, were reloaded from
// the stack at each step (December 2026).
//
//go:noinline
func (g *NetworkSimplex) apex(u, v int32) int32 {
	parent := g.parent
	succNum := g.succNum[:len(parent)]
	for u != v {
		if succNum[u] < succNum[v] {
			u = parent[u]
		} else {
			v = parent[v]
		}
	}
	return u
}

// addUpper lists arc e, which has come to its upper bound, in upper.
func (g *NetworkSimplex) addUpper(e int32) {
	g.upperAt[e] = int32(len(g.upper))
	g.upper = append(g.upper, e) // within its capacity (startPivots)
}

// removeUpper drops arc e, which has left its upper bound, from upper:
// the last arc listed takes its place.
func (g *NetworkSimplex) removeUpper(e int32) {
	upper := g.upper
	i, last := g.upperAt[e], upper[len(upper)-1]
	upper[i], g.upperAt[last] = last, i
	g.upper = upper[:len(upper)-1]
}

// updateTree re-hangs the subtree of uOut (whose tree arc leaves) from vIn
// through the entering arc in (of orientation inDir at uIn), reversing the
// stem uIn ... uOut, and updates parent, pred, dir, thread, revThread,
// succNum and lastSucc. This is LEMON's updateTreeStructure: O(stem +
// paths to the apex) pointer updates, apart from the thread splice.
func (g *NetworkSimplex) updateTree(in, uIn, vIn, uOut, join int32, inDir int8) {
	// The node arrays resliced to one length: one bounds check a node.
	parent := g.parent
	pred, dir := g.pred[:len(parent)], g.dir[:len(parent)]
	thread, revThread := g.thread[:len(parent)], g.revThread[:len(parent)]
	succNum, lastSucc := g.succNum[:len(parent)], g.lastSucc[:len(parent)]
	oldRevThread := revThread[uOut]
	oldSuccNum := succNum[uOut]
	oldLastSucc := lastSucc[uOut]
	vOut := parent[uOut]

	if uIn == uOut {
		parent[uIn], pred[uIn], dir[uIn] = vIn, in, inDir
		// Move the subtree's thread segment to right after vIn.
		if thread[vIn] != uOut {
			after := thread[oldLastSucc]
			thread[oldRevThread] = after
			revThread[after] = oldRevThread
			after = thread[vIn]
			thread[vIn] = uOut
			revThread[uOut] = vIn
			thread[oldLastSucc] = after
			revThread[after] = oldLastSucc
		}
	} else {
		// oldRevThread == vIn (then the apex is vOut): uOut's subtree
		// already follows vIn in the thread.
		threadContinue := thread[vIn]
		if oldRevThread == vIn {
			threadContinue = thread[oldLastSucc]
		}

		// Walk the stem from uIn to uOut: each stem node's subtree (less
		// the part that contains the next stem node) is cut out of the
		// thread and chained after its new parent.
		stem, parStem := uIn, vIn
		last := lastSucc[uIn]
		after := thread[last]
		thread[vIn] = uIn
		dirty := append(g.dirty[:0], vIn)
		for stem != uOut {
			nextStem := parent[stem]
			thread[last] = nextStem
			dirty = append(dirty, last)

			before := revThread[stem]
			thread[before] = after
			revThread[after] = before

			parent[stem] = parStem
			parStem = stem
			stem = nextStem

			if lastSucc[stem] == lastSucc[parStem] {
				last = revThread[parStem]
			} else {
				last = lastSucc[stem]
			}
			after = thread[last]
		}
		parent[uOut] = parStem
		thread[last] = threadContinue
		revThread[threadContinue] = last
		lastSucc[uOut] = last

		// Remove the subtree of uOut from its old place in the thread,
		// unless it was right after vIn.
		if oldRevThread != vIn {
			thread[oldRevThread] = after
			revThread[after] = oldRevThread
		}
		for _, u := range dirty {
			revThread[thread[u]] = u
		}
		g.dirty = dirty

		// Tree arcs, sizes and last successors along the reversed stem.
		tmpSc, tmpLs := int32(0), lastSucc[uOut]
		for u, p := uOut, parent[uOut]; u != uIn; u, p = p, parent[p] {
			pred[u] = pred[p]
			dir[u] = -dir[p]
			tmpSc += succNum[u] - succNum[p]
			succNum[u] = tmpSc
			lastSucc[p] = tmpLs
		}
		pred[uIn], dir[uIn] = in, inDir
		succNum[uIn] = oldSuccNum
	}

	// Last successors from vIn towards the root.
	upLimitOut := int32(-1)
	if lastSucc[join] == vIn {
		upLimitOut = join
	}
	lastSuccOut := lastSucc[uOut]
	for u := vIn; u != -1 && lastSucc[u] == vIn; u = parent[u] {
		lastSucc[u] = lastSuccOut
	}
	// ... and from vOut towards the root.
	if join != oldRevThread && vIn != oldRevThread {
		for u := vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u] {
			lastSucc[u] = oldRevThread
		}
	} else if lastSuccOut != oldLastSucc {
		for u := vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u] {
			lastSucc[u] = lastSuccOut
		}
	}

	// Subtree sizes between vIn, vOut and the apex.
	for u := vIn; u != join; u = parent[u] {
		succNum[u] += oldSuccNum
	}
	for u := vOut; u != join; u = parent[u] {
		succNum[u] -= oldSuccNum
	}
}

// nsAdd returns a+b and whether it stayed strictly inside
// (MinInt64, MaxInt64] (so that it can also be negated).
func nsAdd(a, b int64) (int64, bool) {
	s := a + b
	// The sum overflowed when its sign differs from both operands'.
	return s, (a^s)&(b^s) >= 0 && s != math.MinInt64
}

// nsResize returns s with length n, reusing its backing array when large
// enough. A new array has room for a quarter more: instances that grow a
// little from one solve to the next (the allocator's, month after month)
// then reallocate rarely.
func nsResize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// nsMasked returns s with length n and a capacity that is a power of two,
// reusing its backing array when large enough (its capacity is then a
// power of two already: all of them come from here). Extended to that
// capacity and indexed by a node id masked by the capacity less one, which
// leaves the id as it is, it needs no bounds check once the code has
// checked that it is not empty (as a node array never is): the potentials
// in pricing (collectQuads, findEntering) and, with the thread, in pivot;
// the pricing copy (priced, by quads) in repriceList.
func nsMasked[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, 1<<bits.Len(uint(n-1)))
	}
	return s[:n]
}

// nsGrow returns s extended to length n, keeping its contents (with room
// for a quarter more, as nsResize).
func nsGrow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	t := make([]T, n, n+n/4)
	copy(t, s)
	return t
}

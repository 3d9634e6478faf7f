package economy

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"dongshu/economy/flow"
)

// costUnit is the allocator's integer cost unit in yuan per MW-month: costs are rounded to 10 yuan per
// MW-month (0.01 yuan per kW-month), far below any difference that matters, so the instance is integral.
const costUnit = 10.0

// ArcKind says what an allocation arc stands for.
type ArcKind uint8

// Allocation arc kinds.
const (
	ArcLocal     ArcKind = iota // source -> own province's site
	ArcRemote                   // source -> another province's corridor
	ArcAccel                    // source -> a site's accelerator capacity
	ArcUnserved                 // source -> sink at the unserved penalty
	ArcCorridor                 // corridor -> site (inbound trunk bandwidth)
	ArcSite                     // site -> sink (spare general capacity)
	ArcAccelCap                 // accelerator node -> sink (spare accelerator capacity)
	ArcVault                    // source -> the vault's corridor: failover beyond the bound (degraded)
	ArcAbroad                   // source -> the foreign accelerator pool (remote access, training)
	ArcAbroadCap                // foreign pool -> sink (its spare capacity)
)

// AllocArc describes one arc of the month's instance.
type AllocArc struct {
	Kind          ArcKind
	From, To      int // nodes of the instance
	Origin, Class int // for source arcs
	Site          int
	Cap           int64 // kW; -1 = bounded only by the source's supply
	Cost          int64 // cost units per kW-month
}

// arcTag is what an arc of the instance stands for besides what the solver has (endpoints, capacity,
// cost, tie): see Allocator.tag.
type arcTag struct {
	kind ArcKind
	src  int32 // the (origin, class) index o*nc+c of a source arc, -1 for the others
	site int32
}

// arcLink is what the allocator keeps from month to month of the arcs of one identity (a source's route or
// vault arc to a site, its unserved or abroad arc, a capacity arc) to tell the solver which of this
// month's arcs continues which of last month's (see continueArc).
type arcLink struct {
	arc   int32 // the id of the identity's arc in the instance of build number built
	built int32 // the last build that added an arc of this identity (-1: none)
}

// arcCell is an arcLink with the identity's tie, kept so that the arc need not hash it every month: a
// source's route to a site (shared with its vault arc to the site, which joins the same nodes; the tie
// stays the same while the source's class's need of accelerators does, see routeRow), its unserved or
// abroad arc, a capacity arc (their ties are set in layout). A route's head and kind follow from the site
// (routeHeads, routeKind) and are not kept: with them a cell took 32 bytes, the table of np*nc*np cells
// 18 MB at 310 provinces, and its cache misses made that world's month about a tenth slower; at 31
// provinces, where the table is small, they saved 1 % of a run's instructions (December 2026).
type arcCell struct {
	arcLink
	tie int32
}

// Allocator places each month's new work on data centres as an exact min-cost flow.
//
// The instance is a transportation problem with a corridor layer. Nodes: one source per (origin
// province, class) with new work to place (its supply, kW); per site province a general-capacity node,
// an inbound corridor node and an accelerator node; one sink. Arcs: source -> own site (local work uses
// no trunk); source -> other site's corridor -> site, where the corridor carries the site's spare
// inbound bandwidth shared by all classes; source -> accelerator node for classes that need accelerators
// (training data is shipped in bulk, so it does not load the real-time corridor); site and accelerator
// nodes -> sink with the spare capacity; source -> sink at the unserved penalty, which keeps every
// instance feasible. An arc from a source exists only where the route's latency meets the class bound.
//
// Cost of placing a MW for a month: energy at the site (power price with scarcity markup, minus local
// subsidy, times PUE), transit over the route, the latency the customer pays to avoid, minus the
// planner's steering credits. A constant offset per source keeps costs non-negative without changing
// the optimum (each source's supply leaves by exactly one of its arcs).
type Allocator struct {
	np, nc int
	// The solver: network simplex, warm-started from last month's optimal basis (node numbers are kept
	// fixed from month to month so the basis carries over).
	mcf *flow.NetworkSimplex
	// What an arc of the solver's instance stands for follows from its endpoints (tag), but for the vault
	// arcs, listed in vaultArcs by id. (A full AllocArc per arc cost a tenth of the build, and a tag per arc
	// 1 % of a run's instructions; Arcs assembles them on demand.)
	vaultArcs []int32
	arcs      []AllocArc // Arcs' view of the last built instance, valid if arcsOK
	arcsOK    bool
	// For the warm start (see putArc), the arcs of each identity, updated as this month's are added (their
	// ids are last month's until then): routeCells[k*np+s] source k's route or vault arc to site s
	// (np*nc*np entries, as routeOrder; row k is for routes with accelerators if routeAccel[k] is 1, without
	// if 0, not set if -1), unservedCells[k] and abroadCells[k] its unserved and abroad arcs, capCells[i]
	// the i-th capacity arc (they come first, in the same order every month). builds numbers the builds;
	// last month's instance had prevArcs arcs. next[p] is this month's arc that continues last month's arc
	// p (flow.NetworkSimplex.SetContinuation; stale where none does, which the solver recognises).
	routeCells                           []arcCell
	routeAccel                           []int8
	unservedCells, abroadCells, capCells []arcCell
	builds                               int32
	prevArcs                             int
	// solvedBuild is the build the solver last solved, whose basis it keeps. next continues the previous
	// build's arcs, so after builds that were not solved (a month built again, to inspect or time it)
	// carried[p] is the arc of this build that continues arc p of the solved build: next composed over
	// the builds since.
	solvedBuild int32
	carried     []int32
	next        []int32
	// Objective of the last solve in yuan (cost units converted back, offsets removed).
	ObjectiveYuan float64
	offsetTotal   int64   // cost units added by the per-source offsets, for the objective in yuan
	supply        []int64 // [o*nc+c] kW to place this month
	srcNode       []int   // [o*nc+c] node id
	abroad        int     // node of the foreign accelerator pool, after the sources (-1: no leak)
	abroadSite    int     // the foreign pool's site (World.AbroadSite)
	nodeSupply    []int64 // per node of the last instance
	gen, acc, cor []int64 // spare general, accelerator and corridor capacity per site (kW)
	// contested is the month's work of the general classes [0] and of those that need accelerators [1].
	contested [2]int64
	// classRoutes[c] is what routePrefix needs of class c this month besides the origin (setClassRoutes).
	classRoutes []classRoute
	closed      [2][]float64 // classRoute.closed of the general classes [0] and of those that need accelerators [1]
	// Route selection's buffers (routePrefix): scratch per goroutine and, in parallel, the kept keys of each
	// goroutine's sources (prefixes, located by at).
	scratch  []routeScratch
	prefixes [][]int64
	at       []keptRange
	remote   []int64 // per site: min(gen, cor), the most a remote route into it can carry
	allSites []int32 // 0, 1, ..., np-1: the order in which build visits sites without warmSort
	// routeOrder[k*np:(k+1)*np] lists every site in the order source k's routes sorted last month
	// (usable routes by key, then the others), when np*nc*np <= warmSortMax; see build.
	routeOrder []int32
	// reach[k] is how many sites of routeOrder's row k source k may reach this month: the row lists them
	// first, then the sites beyond its class's latency bound whatever the congestion (by the network's
	// LatencyFloor), which build does not visit. The rows were split by the floor of count reachGen of
	// network reachNet and the class bounds reachBound (see splitByReach); reach is empty in a month the
	// rows are not split, when every site is visited.
	reach      []int32
	reachNet   *Network
	reachGen   uint64
	reachBound []float64
	// This month's cost terms (yuan per MW-month), see costTerms.
	siteCost, westCredit, partner []float64
	noCredit                      []float64 // np zeros: westCredit's stand-in for classes with a latency bound
	// Exhaustive keeps every usable route (reachable, with room) instead of pruning the ones no optimum
	// needs (for checks).
	Exhaustive bool
	// PruneByTotal keeps each source's routes until they can take all the month's work, the pruning rule
	// before contested totals (see routePrefix), for checks: the flows are the same.
	PruneByTotal bool
	// RouteWorkers is how many goroutines select the sources' routes (routePrefix): 0 chooses, GOMAXPROCS
	// (at most maxWorkers) in worlds of parallelMin candidate routes or more, else 1. The instance does not
	// depend on it.
	RouteWorkers int
	objective    int64 // last optimum in integer units
	tieSeed      uint64
}

// NewAllocator makes a reusable allocator for np provinces and nc classes; tieSeed (the run's seed)
// draws the order in which it prefers routes among allocations of equal cost (see tie).
func NewAllocator(np, nc int, tieSeed uint64) *Allocator {
	return &Allocator{np: np, nc: nc, mcf: flow.NewNetworkSimplex(), tieSeed: tieSeed,
		supply: make([]int64, np*nc), srcNode: make([]int, np*nc)}
}

// tie is an arc's secondary cost (flow.NetworkSimplex.SetTie): among allocations of least cost the
// solver returns the one of least secondary cost, so that which of several equally cheap allocations is
// booked is decided by the instance and the run's seed, never by the solver's path (its pivot rule, the
// arcs' order, last month's basis). Ties are common: a class whose routes cost the site's energy plus
// distance can swap two origins between two sites at no cost. The preference is a hash of the arc's
// identity (kind, origin and class, site) and the seed, so it is the same every month of a run and
// differs between replications, which average over it.
func (a *Allocator) tie(kind ArcKind, src, site int) int64 {
	return int64(Mix64(a.tieSeed^uint64(kind)<<56^uint64(uint32(src))<<24^uint64(uint32(site))) & flow.MaxTie)
}

// Mix64 is splitmix64's output function: a bijection of the 64-bit words that scatters nearby inputs
// (the allocator's tie preferences; a sweep's run seeds).
func Mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// SiteCost is the cost of running one MW of work for a month at site s, by energy alone (yuan).
func (w *World) SiteCost(s int) float64 {
	p := w.Provinces[s]
	return float64(p.EnergyCostMWh * p.PUE * HoursPerMonth)
}

// PlacementCost is the cost of placing one MW of class c from origin o at site s for a month (yuan),
// before the planner's steering credits.
func (w *World) PlacementCost(o, c, s int) float64 {
	cl := w.Classes[c].Cfg
	return w.SiteCost(s) +
		w.Policy.TransitCost*cl.TransitWeight*w.Net.Km(o, s)/1000 +
		float64(cl.LatencyValue*w.Net.Latency(o, s))
}

// SteeringCredit is the planner's credit for placing class c from o at s (yuan per MW-month): work with no
// latency bound placed in a designated west hub, and work along an east-west partnership.
func (w *World) SteeringCredit(o, c, s int) float64 {
	if !w.Regime.Planned() {
		return 0
	}
	credit := 0.0
	ps := w.Provinces[s]
	if w.Classes[c].RTTBoundMs == 0 && ps.HubSide == WestHub {
		credit += w.Policy.WestSteering
	}
	for _, pt := range w.partnerships {
		if pt.east == o && pt.west == s && w.Now >= pt.since {
			credit += pt.credit
		}
	}
	return credit
}

// Reachable reports whether class c work from o may run at s: the latency meets the class bound.
func (w *World) Reachable(o, c, s int) bool {
	b := w.Classes[c].RTTBoundMs
	return b == 0 || w.Net.Latency(o, s) <= b
}

// costUnits is yuan in cost units, rounded to the nearest integer (half away from zero).
func costUnits(yuan float64) int64 { return roundToInt(yuan / costUnit) }

// roundToInt is int64(math.Round(x)) for the int64 range costs are bounded to (CheckScenario): adding the
// double just below 1/2, with x's sign, and truncating rounds the same way, since the sum, rounded to
// nearest, reaches the next integer exactly when x's fraction is at least 1/2. Costing every candidate
// route calls it, and BaselineRun is 5 % faster than with Round's bit manipulation (a version with
// branches on the fraction was 15 % slower: they are unpredictable).
func roundToInt(x float64) int64 { return int64(x + roundingHalf[math.Float64bits(x)>>63]) }

// roundingHalf[b] is the double just below 1/2 with sign bit b: roundToInt reads Copysign's value from it
// by x's sign bit, in 6 instructions instead of Copysign's 8, which masks x's bits with two 64-bit
// constants (December 2026: 2 M fewer instructions in the 4-run baseline sweep, 4 M fewer in rounding less
// an alignment no-op the cost loop took).
var roundingHalf = [2]float64{0.49999999999999994, -0.49999999999999994}

// Prepare writes this month's instance: supplies from the work left to place (demand minus work in
// place), capacities from spare site, accelerator and corridor capacity, costs from the world now.
func (a *Allocator) Prepare(w *World) {
	for o := 0; o < a.np; o++ {
		for c := 0; c < a.nc; c++ {
			a.supply[o*a.nc+c] = kW(w.DemandMW[o][c]) - w.Contracts.Placed(o, c)
		}
	}
	a.build(w)
}

// Optimise solves the prepared instance without booking anything and returns the objective in yuan
// (for benchmarks and comparisons with other solvers).
func (a *Allocator) Optimise() (float64, error) {
	cost, err := a.mcf.Solve()
	a.objective, a.solvedBuild = cost, a.builds
	return float64(cost-a.offsetTotal) * costUnit / 1000, err
}

// continuation returns, for each arc of the instance the solver last solved, the arc of this build that
// continues it (flow.NetworkSimplex.SetContinuation), once this build's arcs are added.
func (a *Allocator) continuation() []int32 {
	if a.solvedBuild == a.builds-1 {
		a.carried = append(a.carried[:0], a.next[:a.prevArcs]...)
		return a.carried
	}
	for p, e := range a.carried { // an entry that continues nothing is stale, and the solver ignores it
		a.carried[p] = -1
		if e >= 0 && int(e) < a.prevArcs {
			a.carried[p] = a.next[e]
		}
	}
	return a.carried
}

func (a *Allocator) build(w *World) {
	offset := costUnits(a.maxCredit(w)) + 1
	penalty := costUnits(w.Scn.Allocator.UnservedPenalty) + offset
	// Nodes are in range by the layout and costs are >= 0 (routes are clamped at 0, penalty is checked),
	// so arcs go in by AppendArc, AddArc without its checks.
	if penalty < 0 {
		panic(fmt.Sprintf("economy: allocator: negative unserved cost %d units (unserved_penalty %g)", penalty, w.Scn.Allocator.UnservedPenalty))
	}
	sink, total := a.layout(w)
	abroadSpare := a.addCapacityArcs(w, sink)
	abroadCost := max(0, costUnits(w.Scn.DataCentres.RemoteAccelCost)+offset)
	a.costTerms(w)
	a.setClassRoutes(w, total)
	a.splitByReach(w)
	workers := a.RouteWorkers
	if workers == 0 && a.np*a.nc*a.np >= parallelMin {
		workers = min(runtime.GOMAXPROCS(0), maxWorkers)
	}
	parallel := workers > 1
	if parallel {
		a.prefixAll(w, offset, workers)
	} else if len(a.scratch) == 0 {
		a.scratch = make([]routeScratch, 1)
	}
	vaultOn := w.VaultActive()
	for o := 0; o < a.np; o++ {
		// Failover to the vault is for provinces whose data centres are down (addVaultArc), rare enough
		// that the test is made once for the origin's classes.
		failover := vaultOn && w.Provinces[o].Outage && o != w.VaultSite
		for c := 0; c < a.nc; c++ {
			k := o*a.nc + c
			src := a.srcNode[k]
			sup := max(a.supply[k], 0)
			if sup == 0 {
				continue // nothing to place: the node stays, with no arcs
			}
			a.mcf.SetSupply(src, sup)
			a.nodeSupply[src] = sup
			// A source's arcs (routes, abroad, unserved) carry at most its supply whatever their capacity,
			// since it has no arc in: they get the month's total, which leaves every feasible flow as it was
			// but keeps a month's change of supply from pushing last month's tree flows out of bounds (with
			// the supply as capacity the warm start cut them, and a month took twice the pivots).
			var kept []int64
			if parallel {
				r := a.at[k]
				kept = a.prefixes[r.w][r.lo:r.hi]
			} else {
				kept = a.routePrefix(w, o, c, offset, &a.scratch[0])
			}
			// The source's arcs go in at once (AppendArcs), its routes, then its vault, abroad and unserved
			// arcs: by putArc, the last three cost 2.2 M more instructions in the 4-run baseline sweep
			// (December 2026).
			var vaultCap, vaultCost int64
			if failover {
				vaultCap, vaultCost = a.vaultArc(w, o, c, sup, offset)
			}
			// Remote access: training work (accelerators, no latency bound) may run in foreign clouds.
			accel := w.Classes[c].Cfg.NeedsAccelerator
			abroadOn := abroadSpare > 0 && accel && w.Classes[c].RTTBoundMs == 0
			extra := 1
			if vaultCap > 0 {
				extra++
			}
			if abroadOn {
				extra++
			}
			n, e := len(kept), int32(a.mcf.NumArcs())
			arcs, caps, ties := a.mcf.AppendArcs(n + extra)
			a.addRoutes(o, c, kept, accel, e, arcs[:n], ties[:n])
			for i := range caps {
				caps[i] = total
			}
			if vaultCap > 0 {
				vs := w.VaultSite
				a.vaultArcs = append(a.vaultArcs, e+int32(n))
				// It shares the route's link (the same nodes); rare, its tie is not kept.
				a.putAt(arcs, ties, e, n, &a.routeCells[k*a.np+vs].arcLink, a.hashTie(ArcVault, k, vs), src, a.np+vs, vaultCost)
				caps[n] = vaultCap
				n++
			}
			if abroadOn {
				cell := &a.abroadCells[k]
				a.putAt(arcs, ties, e, n, &cell.arcLink, cell.tie, src, a.abroad, abroadCost)
				n++
			}
			cell := &a.unservedCells[k]
			a.putAt(arcs, ties, e, n, &cell.arcLink, cell.tie, src, sink, penalty)
		}
	}
	a.mcf.SetSupply(sink, -total)
	a.mcf.SetContinuation(a.continuation())
	a.nodeSupply[sink] = -total
	a.offsetTotal = offset * total
}

// maxCredit is the largest steering credit a route can earn this month: the offset that keeps every
// route's cost non-negative is built from it.
func (a *Allocator) maxCredit(w *World) float64 {
	credit := w.Policy.WestSteering
	for _, pt := range w.partnerships {
		credit += pt.credit
	}
	return credit
}

// layout numbers this month's nodes, resets the solver to them, sizes the builder's buffers and sums the
// supplies by kind of capacity (contested); it returns the sink and the total supply. Sites [0,np), corridors [np,2np), accelerators [2np,3np), the
// sink 3np, then the sources, then the foreign pool if any.
func (a *Allocator) layout(w *World) (sink int, total int64) {
	np, nc := a.np, a.nc
	sink = 3 * np
	nodes := sink + 1
	// Every (origin, class) has a source node, with supply 0 when it has nothing to place, so that node
	// numbers do not shift between months and the solver's warm start carries over.
	a.contested = [2]int64{}
	for k := range a.srcNode {
		a.srcNode[k] = nodes
		nodes++
		accel := 0
		if w.Classes[k%nc].Cfg.NeedsAccelerator {
			accel = 1
		}
		a.contested[accel] += max(a.supply[k], 0)
	}
	total = a.contested[0] + a.contested[1]
	// This month's arcs continue last month's (putArc).
	a.prevArcs, a.vaultArcs, a.arcsOK = a.mcf.NumArcs(), a.vaultArcs[:0], false
	a.builds++
	// The ties of the arcs of fixed identity are hashed when their cells are made, the abroad ones when
	// the foreign pool's site changes.
	fresh := len(a.routeCells) != np*nc*np
	if fresh {
		a.routeCells, a.routeAccel = newCells(np*nc*np), make([]int8, np*nc)
		fill(a.routeAccel, -1)
		a.unservedCells, a.abroadCells, a.capCells = newCells(np*nc), newCells(np*nc), newCells(3*np+1)
		for k := range a.unservedCells {
			a.unservedCells[k].tie = a.hashTie(ArcUnserved, k, -1)
		}
		for s := range np { // the sites' capacity arcs, the first 3np (addCapacityArcs)
			for j, kind := range siteCapKinds {
				a.capCells[3*s+j].tie = a.hashTie(kind, -1, s)
			}
		}
	}
	if fresh || a.abroadSite != w.AbroadSite {
		for k := range a.abroadCells {
			a.abroadCells[k].tie = a.hashTie(ArcAbroad, k, w.AbroadSite)
		}
		a.capCells[3*np].tie = a.hashTie(ArcAbroadCap, -1, w.AbroadSite) // the pool's, after the sites'
	}
	// The foreign accelerator pool exists for the whole run when the scenario has a leak (fixed numbering).
	a.abroad, a.abroadSite = -1, w.AbroadSite
	if w.AbroadSite >= 0 {
		a.abroad = nodes
		nodes++
	}
	a.mcf.Reset(nodes)
	if len(a.next) < a.prevArcs {
		a.next = make([]int32, a.prevArcs, a.prevArcs+a.prevArcs/4)
	}
	a.nodeSupply = resize(a.nodeSupply, nodes)
	a.gen, a.acc, a.cor = resize(a.gen, np), resize(a.acc, np), resize(a.cor, np)
	a.remote = resize(a.remote, np)
	if len(a.allSites) != np {
		a.allSites = make([]int32, np)
		for s := range np {
			a.allSites[s] = int32(s)
		}
	}
	if a.warmSort() && len(a.routeOrder) != np*nc*np {
		a.routeOrder = make([]int32, np*nc*np)
		for k := range np * nc {
			copy(a.routeOrder[k*np:], a.allSites)
		}
	}
	return sink, total
}

// tag says what arc e, from -> to, of the last built instance stands for. Under layout's numbering its
// ends tell: a source's arc runs into a site (local), a corridor (remote), an accelerator node, the sink
// (unserved) or the foreign pool; the others are capacity arcs, out of a site, a corridor, an accelerator
// node or the pool. The one pair of kinds that join the same nodes, a vault arc and a remote route to the
// vault, is told apart by vaultArcs.
func (a *Allocator) tag(e, from, to int) arcTag {
	np := a.np
	sink := 3 * np
	if from > sink && from != a.abroad {
		k := int32(from - sink - 1)
		switch {
		case to < np:
			return arcTag{kind: ArcLocal, src: k, site: int32(to)}
		case to < 2*np:
			kind := ArcRemote
			if slices.Contains(a.vaultArcs, int32(e)) {
				kind = ArcVault
			}
			return arcTag{kind: kind, src: k, site: int32(to - np)}
		case to < sink:
			return arcTag{kind: ArcAccel, src: k, site: int32(to - 2*np)}
		case to == sink:
			return arcTag{kind: ArcUnserved, src: k, site: -1}
		}
		return arcTag{kind: ArcAbroad, src: k, site: int32(a.abroadSite)}
	}
	switch {
	case from == a.abroad:
		return arcTag{kind: ArcAbroadCap, src: -1, site: int32(a.abroadSite)}
	case from < np:
		return arcTag{kind: ArcSite, src: -1, site: int32(from)}
	case from < 2*np:
		return arcTag{kind: ArcCorridor, src: -1, site: int32(from - np)}
	}
	return arcTag{kind: ArcAccelCap, src: -1, site: int32(from - 2*np)}
}

// warmSort reports whether build keeps each source's routes in last month's order (see warmSortMax).
func (a *Allocator) warmSort() bool { return a.np*a.nc*a.np <= warmSortMax && !a.Exhaustive }

// noLink is the arcLink of an identity that has had no arc.
var noLink = arcLink{arc: -1, built: -1}

// newCells returns n arcCells of identities that have had no arc.
func newCells(n int) []arcCell {
	cells := make([]arcCell, n)
	fill(cells, arcCell{arcLink: noLink})
	return cells
}

// putArc appends an arc to the instance with its secondary cost (the tie rule), and records which of last
// month's arcs it continues, if any (see continueArc): the arc of the same identity (link), a source's of
// the same kind (to the same site), a capacity arc at the same place (they come first, in the same order
// every month: capCells is indexed by arc id). A remote route and a vault arc to the same site join the
// same nodes and share a link, as the solver's own matching by endpoints would pair them.
func (a *Allocator) putArc(link *arcLink, tie int32, from, to int, capacity, cost int64) {
	a.mcf.ReserveArcs(1)
	a.continueArc(link, int32(a.mcf.NumArcs()))
	a.mcf.PutArc(from, to, max(capacity, 0), cost, int64(tie))
}

// hashTie is tie, kept out of line (a call here keeps the caller compact).
//
//go:noinline
func (a *Allocator) hashTie(kind ArcKind, src, site int) int32 { return int32(a.tie(kind, src, site)) }

// continueArc records that arc e, about to be added, continues the arc of the same identity (link) in last
// month's instance if that had one, which joined the same nodes (next; the solver checks them): last
// month's basis then carries over by a lookup per arc (flow.NetworkSimplex.SetContinuation) instead of the
// solver's matching of endpoints.
func (a *Allocator) continueArc(link *arcLink, e int32) {
	if link.built == a.builds-1 {
		a.next[link.arc] = e
	}
	link.arc, link.built = e, a.builds
}

// routeRow sets row k of routeCells, source k = (o, c)'s routes, for routes with accelerators or without
// (accel), and returns it: it sets each route's tie, keeping the links.
//
//go:noinline
func (a *Allocator) routeRow(o, c int, accel bool) []arcCell {
	np, k := a.np, o*a.nc+c
	cells := a.routeCells[k*np : (k+1)*np]
	for s := range cells {
		cells[s].tie = int32(a.tie(routeKind(o, s, accel), k, s))
	}
	a.routeAccel[k] = 0
	if accel {
		a.routeAccel[k] = 1
	}
	return cells
}

// siteCapKinds is the kinds of a site's capacity arcs, in the order addCapacityArcs adds them.
var siteCapKinds = [3]ArcKind{ArcSite, ArcAccelCap, ArcCorridor}

// addCapacityArcs sets every site's spare general, accelerator and corridor capacity and adds the arcs
// that carry them (and the foreign pool's, whose spare capacity it returns).
func (a *Allocator) addCapacityArcs(w *World, sink int) (abroadSpare int64) {
	np := a.np
	occ := w.Scn.DataCentres.MaxOccupancy
	b := w.Contracts
	// The sites' arcs are the first 3np, in the same order every month, so they are written in one go, as
	// putArc would add them one by one.
	e := int32(a.mcf.NumArcs())
	arcs, caps, ties := a.mcf.AppendArcs(3 * np)
	cells := a.capCells[e : int(e)+3*np]
	for s := 0; s < np; s++ {
		p := w.Provinces[s]
		a.gen[s] = max(0, kW((p.OnlineMW-p.AccelOnlineMW)*occ*p.Usable)-(b.Used(s)-b.UsedAccel(s)))
		a.acc[s] = max(0, kW(p.AccelOnlineMW*occ*p.Usable)-b.UsedAccel(s))
		a.cor[s] = max(0, kW(p.CorridorMW)-b.RemoteIn(s))
		a.remote[s] = min(a.gen[s], a.cor[s])
		arcs.Put(3*s, s, sink, 0)
		arcs.Put(3*s+1, 2*np+s, sink, 0)
		arcs.Put(3*s+2, np+s, s, 0)
		caps[3*s], caps[3*s+1], caps[3*s+2] = a.gen[s], a.acc[s], a.cor[s]
		for j := 3 * s; j < 3*s+3; j++ {
			a.continueArc(&cells[j].arcLink, e)
			ties[j] = int64(cells[j].tie)
			e++
		}
	}
	if a.abroad >= 0 {
		abroadSpare = max(0, kW(w.AbroadMW*occ)-b.Used(w.AbroadSite))
		cell := &a.capCells[3*np]
		a.putArc(&cell.arcLink, cell.tie, a.abroad, sink, abroadSpare, 0)
	}
	return abroadSpare
}

// routeScratch is the buffers routePrefix works in: one per goroutine.
type routeScratch struct {
	keys   []int64
	kept   []int64   // the keys takeHeap keeps
	order  []int32   // the sites in site order, for a month without warmSort (splitUsable writes into it)
	closed []float64 // classRoute.closed with the local site open, when its general route is closed but the site has room
	// costRow is routePrefix's routeCostRow, whose rows by site are of origin rowOrigin in build rowBuild:
	// they are set only when the origin or the build changes, not for each of the origin's classes
	// (December 2026: 0.9 % fewer instructions in the baseline sweep).
	costRow   routeCostRow
	rowOrigin int
	rowBuild  int32
}

// classRoute is what choosing the routes of class c's sources needs besides their origin, the same for
// each of them in a month: the pruning rule, the latency limit (reachLimit, in force: a lever's change
// applied), the west-hub credits by site of the class's routes and its cost weights (yuan per MW-month per
// km and per ms). Set once a build instead of for every source: 4-run baseline sweep 956.3 -> 948.4 M
// instructions (December 2026).
type classRoute struct {
	rule             prefixRule
	limit            float64
	closed           []float64 // by site: NaN where the class's route can carry nothing (rule.bounds is 0), else 0
	west             []float64
	transit, latency float64
}

// setClassRoutes sets classRoutes for this month's terms (costTerms) and supplies (layout).
func (a *Allocator) setClassRoutes(w *World, total int64) {
	a.classRoutes = resize(a.classRoutes, a.nc)
	a.closed[0], a.closed[1] = closedSites(a.closed[0], a.remote), closedSites(a.closed[1], a.acc)
	for c := range a.classRoutes {
		cr, cl := &a.classRoutes[c], w.Classes[c].Cfg
		cr.rule = prefixRule{accel: cl.NeedsAccelerator, total: total, contested: a.contested[0], bounds: a.remote, gen: a.gen}
		cr.closed = a.closed[0]
		if cr.rule.accel {
			cr.rule.contested, cr.rule.bounds, cr.closed = a.contested[1], a.acc, a.closed[1]
		}
		if a.PruneByTotal {
			cr.rule.contested = total
		}
		cr.limit = reachLimit(w.Classes[c].RTTBoundMs)
		cr.west = a.westCredit
		if !math.IsInf(cr.limit, 1) {
			cr.west = a.noCredit // the west-hub credit goes to work without a latency bound only
		}
		cr.transit, cr.latency = w.Policy.TransitCost*cl.TransitWeight/1000, cl.LatencyValue
	}
}

// closedSites returns closed, resized, with NaN for each site whose bound is 0, 0 for the others (see
// splitUsable).
func closedSites(closed []float64, bounds []int64) []float64 {
	closed = resize(closed, len(bounds))
	for s, b := range bounds {
		if b == 0 {
			closed[s] = math.NaN()
		}
	}
	return closed
}

// routePrefix returns the sort keys (cost << siteBits | site) of the routes of source (o, c) that an
// optimum may need, cheapest first: its usable routes as far as prefixRule keeps them (all of them, in
// site order, with Exhaustive), in sc's buffers, valid until the next call with sc. It reads the world and
// this month's terms and writes only source k's row of routeOrder and sc, so that sources can be done in
// parallel (see prefixAll).
func (a *Allocator) routePrefix(w *World, o, c int, offset int64, sc *routeScratch) []int64 {
	np, k := a.np, o*a.nc+c
	cr := &a.classRoutes[c]
	warmSort := a.warmSort()
	// Exact pruning: once the routes kept can take more than all the work that can compete for their
	// capacity (see enough below), some kept route is sure to have room left in any optimum; a dearer
	// route used instead could be moved onto it at a lower cost, so routes dearer than every kept one are
	// never needed. Routes are taken cheapest first, ties by site (the sort key is cost, then site; keys
	// are distinct, so the order does not depend on how it is reached).
	//
	// Costs drift little from month to month, so with warmSort the sites are visited in the order this
	// source's routes sorted last month and insertion-sorted: O(np) when the order holds, against
	// O(np log np) for a full sort, which was an eighth of a run's time. Unusable sites keep their
	// relative place after the usable ones for next month.
	var sites []int32
	if warmSort {
		sites = a.routeOrder[k*np : (k+1)*np]
		if len(a.reach) > 0 {
			sites = sites[:a.reach[k]] // the others are out of reach (splitByReach)
		}
	} else {
		sc.order = append(sc.order[:0], a.allSites...)
		sites = sc.order
	}
	// The usable routes' sort keys (cost << siteBits | site), in sites' order, and the unusable sites, in
	// theirs: beyond the latency bound (Reachable, inlined), or with a full site, corridor or accelerator
	// pool (rule.bound is 0). Costing every candidate route of every source is most of the allocator's
	// build: it takes two loops, splitUsable and routeCostRow.keys, since one loop needs more values than
	// there are registers and kept some on the stack, reloaded on every route (December 2026: 15 % fewer
	// instructions with the two, and one bounds test fewer since the local route's closure is a copy's
	// entry). In a function of its own, called from here, this part ran 4.7 M more instructions in the
	// 4-run baseline sweep (passing and saving its arguments).
	rule := &cr.rule
	closed := cr.closed[:np]
	if !rule.accel && rule.bounds[o] == 0 && rule.gen[o] != 0 {
		// Local work uses no trunk: its route is usable while its site has room, whatever the corridor.
		sc.closed = append(sc.closed[:0], closed...)
		sc.closed[o] = 0
		closed = sc.closed
	}
	if cap(sc.keys) < np {
		sc.keys = make([]int64, np)
	}
	row := &sc.costRow
	if sc.rowBuild != a.builds || sc.rowOrigin != o {
		row.siteCost, row.km, row.rtt = a.siteCost[:np], w.Net.RouteKm[o*np:(o+1)*np], w.Net.RTT[o*np:(o+1)*np]
		row.partner = a.partner[o*np : (o+1)*np]
		sc.rowBuild, sc.rowOrigin = a.builds, o
	}
	keys := sc.keys[:np]
	nu := splitUsable(sites, row.rtt, closed, cr.limit, keys)
	keys = keys[:nu]
	row.keys(keys, offset, cr)
	idle := sites[:len(sites)-nu] // splitUsable moved them to the front
	switch {
	case a.Exhaustive: // every usable route, in site order
		return keys
	case warmSort:
		// With every site usable and the keys in last month's order (half the sources in the baseline),
		// the row stays as it is; else it lists the sorted sites, then the idle ones.
		moved := nearlySort(keys)
		if len(idle) == 0 && !moved {
			return keys[:rule.take(keys, nil, o)]
		}
		copy(sites[len(keys):], idle) // idle is sites' prefix: copy moves it as memmove does
	case len(keys) <= 64:
		slices.Sort(keys) // take then writes the sites into sc.order, where they are not read
	default:
		// Few routes are kept, so a long list is heap-ordered (O(n)) and popped, not sorted.
		heapify(keys)
		sc.kept = rule.takeHeap(keys, sc.kept[:0], o)
		return sc.kept
	}
	return keys[:rule.take(keys, sites, o)]
}

// reachLimit is the largest round-trip latency a class's routes may have: its bound, or +Inf for a class
// without one (0), which reaches every site (Reachable).
func reachLimit(boundMs float64) float64 {
	if boundMs > 0 {
		return boundMs
	}
	return math.Inf(1)
}

// splitUsable moves the sites a route can use (rtt within limit, not closed) to usable, which is at least
// as long as sites, and the others to the front of sites, each in their order, and returns how many are
// usable. A closed site's entry is NaN, an open one's 0, so that one comparison makes both tests (rtt is
// never NaN, and rtt + 0 is rtt): 6 M fewer instructions in the 4-run baseline sweep than a test of the
// route's bound beside the latency's (December 2026). Inlined, it shared the registers with routePrefix's
// values live across it and kept its counters on the stack. (Without a branch on the test, writing every
// site to both places, it ran more instructions.)
//
//go:noinline
func splitUsable(sites []int32, rtt, closed []float64, limit float64, usable []int64) int {
	rtt = rtt[:len(closed)]
	nu := 0
	for i, s32 := range sites {
		s := int(s32)
		if rtt[s]+closed[s] <= limit {
			usable[nu] = int64(s)
			nu++
		} else {
			sites[i-nu] = s32 // i-nu sites are unusable so far, and sites[i] is read: in place
		}
	}
	return nu
}

// routeCostRow is what costing an origin's routes reads besides its class's terms (classRoute): this
// month's terms by site (siteCost, and the origin's rows of the network and of partnership credits).
type routeCostRow struct {
	siteCost, km, rtt, partner []float64 // by site, all of one length
}

// keys replaces each site in sites by its route's sort key (cost << siteBits | site) for work of class
// cr, the cost being PlacementCost - SteeringCredit from the month's precomputed terms in cost units,
// plus offset. Not inlined, for the same reason as splitUsable.
//
//go:noinline
func (r *routeCostRow) keys(sites []int64, offset int64, cr *classRoute) {
	siteCost, transit, latency := r.siteCost, cr.transit, cr.latency
	km, rtt, partner, west := r.km[:len(siteCost)], r.rtt[:len(siteCost)], r.partner[:len(siteCost)], cr.west[:len(siteCost)]
	for i, site := range sites {
		s := int(site)
		// x - 0 is x exactly, so noCredit's zeros change no bit (a branch on the class instead ran 2 % more
		// instructions a run).
		yuan := siteCost[s] + float64(transit*km[s]) + float64(latency*rtt[s]) - partner[s] - west[s]
		sites[i] = max(0, costUnits(yuan)+offset)<<siteBits | site
	}
}

// prefixRule says which of a source's routes, cheapest first, an optimum may need (routePrefix).
//
// The routes kept are enough once they can take more than all the work that competes for their
// capacity — the month's work of the classes that need accelerators for accelerator routes, of the others
// for the rest (contested): the two kinds of capacity serve disjoint classes — and the next route is
// dearer than the last kept; or once they can take more than all the month's work (total), the rule
// before, so that the instance never has a route that rule dropped. The routes this rule drops beyond it
// are then all dearer than every route it keeps, carry nothing in any optimum, and the tie rule picks the
// same flow (TestContestedPruningGivesTheSameFlows). A fifth fewer arcs a month in the baseline, a
// quarter less allocator time at 1,000 provinces.
type prefixRule struct {
	accel            bool
	total, contested int64
	bounds, gen      []int64 // the most a route can take whatever the other sources do, by site; gen for local work
}

// bound is the most the route from origin o to site s can take whatever the other sources do.
func (r *prefixRule) bound(s, o int) int64 {
	if s == o && !r.accel {
		return r.gen[s] // local work uses no trunk
	}
	return r.bounds[s]
}

// enough reports whether routes that can take room, the dearest at cost last, are enough before the
// route of sort key next.
func (r *prefixRule) enough(room, last, next int64) bool {
	return room > r.total || (room > r.contested && next>>siteBits > last)
}

// take returns the length of the prefix of origin o's sorted keys the rule keeps, and writes each key's site
// into sites, in the keys' order (next month's order of visit, with warmSort), unless sites is nil (the
// order holds), else at least as long as keys: one pass over the kept keys instead of two, and the kept
// keys stay where they are instead of being appended to a buffer (December 2026: 1 % fewer instructions
// in the baseline sweep).
func (r *prefixRule) take(keys []int64, sites []int32, o int) int {
	room, last := int64(0), int64(-1)
	n := 0
	for ; n < len(keys); n++ {
		key := keys[n]
		if r.enough(room, last, key) {
			break
		}
		room += r.bound(int(key&(1<<siteBits-1)), o)
		last = key >> siteBits
	}
	if sites != nil {
		sites = sites[:len(keys)]
		for i, key := range keys {
			sites[i] = int32(key & (1<<siteBits - 1))
		}
	}
	return n
}

// takeHeap is take for origin o's keys ordered as a heap, popped only as far as needed.
func (r *prefixRule) takeHeap(keys, kept []int64, o int) []int64 {
	room, last := int64(0), int64(-1)
	for n := len(keys); n > 0 && !r.enough(room, last, keys[0]); n-- {
		key := heapPop(keys[:n])
		room += r.bound(int(key&(1<<siteBits-1)), o)
		kept = append(kept, key)
		last = key >> siteBits
	}
	return kept
}

// addRoutes writes source (o, c)'s routes with the sort keys kept (routePrefix), in that order, into
// arcs and ties, of kept's length, that AppendArcs added from arc e on, as putArc would one by one (a
// month adds some 700); the caller sets their capacity. Each route's tie comes from its cell (routeRow),
// its head from routeHeads, and it is written into the solver's arrays, so that the loops have few enough
// values to keep most of them in registers: in the baseline sweep a route cost some 57 instructions
// instead of 72 by PutArc, which reloads the arrays after every store (December 2026; 133 when the loop
// worked out heads and ties and appended). Two loops, the links and ties, then the endpoints and costs,
// run 3 M fewer instructions in the 4-run baseline sweep than one, which reloaded a dozen values from the
// stack on every route (in functions of their own, called, they saved nothing).
func (a *Allocator) addRoutes(o, c int, kept []int64, accel bool, e int32, arcs flow.ArcSpan, ties []int64) {
	np, k := a.np, o*a.nc+c
	cells := a.routeCells[k*np : (k+1)*np]
	want := int8(0)
	if accel {
		want = 1
	}
	if a.routeAccel[k] != want {
		cells = a.routeRow(o, c, accel)
	}
	src := a.srcNode[k]
	head, local := routeHeads(np, o, accel)
	builds, next := a.builds, a.next
	// Of the length of kept, so that the loops need no bounds checks.
	arcs, ties = arcs[:len(kept)], ties[:len(kept)]
	for i, key := range kept {
		cell := &cells[key&(1<<siteBits-1)]
		if cell.built == builds-1 {
			next[cell.arc] = e
		}
		cell.arc, cell.built = e, builds
		e++
		ties[i] = int64(cell.tie)
	}
	for i, key := range kept {
		s := int(key & (1<<siteBits - 1))
		to := head + s
		if s == local {
			to = s
		}
		arcs.Put(i, src, to, key>>siteBits)
	}
}

// putAt writes arc i of arcs and ties, which AppendArcs added from arc e on, as putArc would add it (but
// for its capacity).
func (a *Allocator) putAt(arcs flow.ArcSpan, ties []int64, e int32, i int, link *arcLink, tie int32, from, to int, cost int64) {
	a.continueArc(link, e+int32(i))
	arcs.Put(i, from, to, cost)
	ties[i] = int64(tie)
}

// routeKind is the kind of a route of origin o to site s: to the site's accelerator node for work that
// needs accelerators, to the site itself for local work (which uses no trunk), else to the site's
// corridor (see routeHeads).
func routeKind(o, s int, accel bool) ArcKind {
	switch {
	case accel:
		return ArcAccel
	case s == o:
		return ArcLocal
	}
	return ArcRemote
}

// routeHeads is the node origin o's routes run into, as two terms that a loop over the sites keeps in
// registers: a route to site s runs into head+s (the site's accelerator node or corridor), or into s
// itself if s is local (see routeKind).
func routeHeads(np, o int, accel bool) (head, local int) {
	if accel {
		return 2 * np, -1
	}
	return np, o
}

// parallelMin is the least number of candidate routes (provinces x classes x provinces) for which build
// finds the sources' routes in parallel (prefixAll): at 1,000 provinces (4 million routes) that takes two
// fifths of the allocator's month on one core; at 31 (3,844) a fraction of what starting goroutines
// costs. Measured, see docs/ODD.md section 7.5.
const parallelMin = 1 << 18

// prefixAll runs routePrefix for every source with work to place, on the given number of goroutines, each
// taking a contiguous range of sources; the kept keys of source k are then
// prefixes[at[k].w][at[k].lo:at[k].hi]. The result does not depend on the number of goroutines.
func (a *Allocator) prefixAll(w *World, offset int64, workers int) {
	n := a.np * a.nc
	workers = min(workers, n)
	// Sized apart: a serial month makes one scratch and no prefixes.
	if len(a.scratch) < workers {
		a.scratch = make([]routeScratch, workers)
	}
	if len(a.prefixes) < workers {
		a.prefixes = make([][]int64, workers)
	}
	if len(a.at) != n {
		a.at = make([]keptRange, n)
	}
	var wg sync.WaitGroup
	for wk := range workers {
		lo, hi := wk*n/workers, (wk+1)*n/workers
		wg.Go(func() {
			kept := a.prefixes[wk][:0]
			for k := lo; k < hi; k++ {
				if a.supply[k] <= 0 {
					continue
				}
				start := len(kept)
				kept = append(kept, a.routePrefix(w, k/a.nc, k%a.nc, offset, &a.scratch[wk])...)
				a.at[k] = keptRange{int32(wk), int32(start), int32(len(kept))}
			}
			a.prefixes[wk] = kept
		})
	}
	wg.Wait()
}

// maxWorkers bounds prefixAll's goroutines.
const maxWorkers = 8

// keptRange locates a source's kept route keys in prefixAll's per-goroutine buffers.
type keptRange struct{ w, lo, hi int32 }

// vaultArc returns the capacity and cost of source (o, c)'s failover arc to the digital vault, or a
// capacity of 0 if it has none this month: while o's data centres are down, the replicated share of its
// work with a latency bound may run at the vault beyond that bound (degraded, at a penalty), through the
// vault's corridor like any remote work. Within the bound the ordinary routes already reach it. The
// caller has checked that the vault runs and that o, another province than the vault's, has an outage.
func (a *Allocator) vaultArc(w *World, o, c int, sup, offset int64) (capacity, cost int64) {
	vault := w.VaultSite
	cl := w.Classes[c].Cfg
	rttBound := w.Classes[c].RTTBoundMs
	if rttBound <= 0 || cl.NeedsAccelerator {
		return 0, 0
	}
	np, vs := a.np, &w.Scn.Vault
	rtt := w.Net.RTT[o*np+vault]
	replicated := int64(math.Floor(vs.ReplicaShare * float64(sup)))
	if rtt > rttBound && rtt <= rttBound+vs.DegradedAllowanceMs && replicated > 0 && a.remote[vault] > 0 {
		transit := w.Policy.TransitCost * cl.TransitWeight / 1000
		yuan := a.siteCost[vault] + float64(transit*w.Net.RouteKm[o*np+vault]) + float64(cl.LatencyValue*rtt) - a.partner[o*np+vault] +
			vs.DegradedPenalty
		return replicated, max(0, costUnits(yuan)+offset)
	}
	return 0, 0
}

// costTerms precomputes this month's cost terms that do not depend on the class: energy cost per site,
// the planner's west-hub credit per site (for classes without a latency bound) and partnership credits
// per (origin, site). They are the terms of World.PlacementCost and World.SteeringCredit; a test checks
// the two agree.
func (a *Allocator) costTerms(w *World) {
	np := a.np
	a.siteCost, a.westCredit, a.partner = resize(a.siteCost, np), resize(a.westCredit, np), resize(a.partner, np*np)
	a.noCredit = resize(a.noCredit, np)
	planned := w.Regime.Planned()
	for s, p := range w.Provinces {
		a.siteCost[s] = w.SiteCost(s)
		if planned && p.HubSide == WestHub {
			a.westCredit[s] = w.Policy.WestSteering
		}
	}
	if !planned {
		return
	}
	for _, pt := range w.partnerships {
		if w.Now >= pt.since {
			a.partner[pt.east*np+pt.west] += pt.credit
		}
	}
}

// splitByReach splits routeOrder's rows by reach for this month's routes (see Allocator.reach), or leaves
// reach empty. The latency floor changes only with the network and its settings, and the class bounds
// with a lever or an event, so the rows are split again only then (a fifth of the baseline's months);
// every month build visits only the sites within reach of the floor, a third fewer of the baseline's
// candidate routes (December 2026: 1.2 % fewer instructions a run).
func (a *Allocator) splitByReach(w *World) {
	np, nc := a.np, a.nc
	floor, gen, ok := w.Net.LatencyFloor()
	if !a.warmSort() || !ok {
		// Every site is visited; after a month whose rows were not split, they are split again.
		a.reach, a.reachNet = a.reach[:0], nil
		return
	}
	same := a.reachNet == w.Net && a.reachGen == gen && len(a.reach) == np*nc
	for c := range nc {
		same = same && math.Float64bits(a.reachBound[c]) == math.Float64bits(w.Classes[c].RTTBoundMs)
	}
	if same {
		return
	}
	a.reachNet, a.reachGen = w.Net, gen
	a.reach, a.reachBound = resize(a.reach, np*nc), resize(a.reachBound, nc)
	var far []int32
	for c := range nc {
		a.reachBound[c] = w.Classes[c].RTTBoundMs
		limit := reachLimit(a.reachBound[c])
		for o := range np {
			k := o*nc + c
			row, base := a.routeOrder[k*np:(k+1)*np], floor[o*np:(o+1)*np]
			n := 0
			far = far[:0]
			for _, s := range row {
				if base[s] > limit {
					far = append(far, s)
				} else {
					row[n] = s
					n++
				}
			}
			copy(row[n:], far)
			a.reach[k] = int32(n)
		}
	}
}

// warmSortMax is the largest number of routes (provinces x classes x provinces) for which build keeps
// every source's routes in last month's order (4 bytes a route: 16 MB at 1,000 provinces); larger worlds
// sort (or heap-select) from scratch each month.
const warmSortMax = 1 << 23

// nearlySort sorts keys in increasing order: by insertion, O(len + inversions), fast on nearly sorted
// keys, unless that takes more than a few moves per key (the first month, or a month when the network
// changed), when it sorts from scratch. Keys are distinct, so either way gives the same order. It reports
// whether any key moved.
func nearlySort(keys []int64) (moved bool) {
	if len(keys) < 2 {
		return false
	}
	budget := 8*len(keys) + 64
	last := keys[0] // the largest key so far, keys[i-1]
	for i := 1; i < len(keys); i++ {
		x := keys[i]
		if x > last { // in place: most keys in a nearly sorted list, at a compare each
			last = x
			continue
		}
		moved = true
		j := i
		for ; j > 0 && keys[j-1] > x; j-- {
			keys[j] = keys[j-1]
		}
		keys[j] = x
		if budget -= i - j; budget < 0 {
			slices.Sort(keys)
			return true
		}
	}
	return moved
}

// siteBits is how many low bits of a route's sort key hold the site (up to a million provinces).
const siteBits = 20

// heapify orders h as a binary min-heap.
func heapify(h []int64) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
}

// heapPop removes the smallest key of the heap h, moving it to h's last slot, and returns it.
func heapPop(h []int64) int64 {
	top := h[0]
	last := len(h) - 1
	h[0], h[last] = h[last], top
	siftDown(h[:last], 0)
	return top
}

func siftDown(h []int64, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		if r := l + 1; r < len(h) && h[r] < h[l] {
			l = r
		}
		if h[i] <= h[l] {
			return
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// fill sets every element of s to v.
func fill[T any](s []T, v T) {
	for i := range s {
		s[i] = v
	}
}

// resize returns s with length n, zeroed, reusing its array when it is large enough (a new one has room
// for a quarter more, as nsResize).
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	s = s[:n]
	clear(s)
	return s
}

// Arcs exposes the arcs of the last built instance (for inspection, tests and the game's flows), valid
// until the next build. Once its buffer has grown it allocates nothing.
func (a *Allocator) Arcs() []AllocArc {
	if a.arcsOK {
		return a.arcs
	}
	g := a.mcf
	a.arcs = a.arcs[:0]
	for i := range g.NumArcs() {
		from, to, capacity, cost := g.Arc(i)
		t := a.tag(i, from, to)
		arc := AllocArc{Kind: t.kind, From: from, To: to, Site: int(t.site), Cap: capacity, Cost: cost}
		if t.src >= 0 {
			arc.Origin, arc.Class = int(t.src)/a.nc, int(t.src)%a.nc
		}
		a.arcs = append(a.arcs, arc)
	}
	a.arcsOK = true
	return a.arcs
}

// Instance returns the last built instance in plain form with readable names (source, corridor, site and
// accelerator nodes named after provinces and classes), for LP export and checks. It allocates; it is
// not for the monthly hot path.
func (a *Allocator) Instance(w *World) *FlowInstance {
	f := &FlowInstance{Nodes: len(a.nodeSupply), Supply: append([]int64(nil), a.nodeSupply...),
		ObjectiveUnits: fmt.Sprintf("flows in kW of IT load for one month; costs in units of %g yuan per MW-month (%g yuan per kW-month)", costUnit, costUnit/1000)}
	for i, arc := range a.Arcs() {
		f.From, f.To = append(f.From, arc.From), append(f.To, arc.To)
		f.Cap, f.Cost = append(f.Cap, arc.Cap), append(f.Cost, arc.Cost)
		f.Tie = append(f.Tie, a.mcf.Tie(i))
	}
	np := a.np
	pid := func(i int) string { return w.Provinces[i].ID }
	src := map[int]string{}
	for o := 0; o < np; o++ {
		for c := 0; c < a.nc; c++ {
			if n := a.srcNode[o*a.nc+c]; n >= 0 {
				src[n] = "src_" + pid(o) + "_" + w.Classes[c].ID
			}
		}
	}
	f.NodeName = func(v int) string {
		switch {
		case v < np:
			return "site_" + pid(v)
		case v < 2*np:
			return "corridor_" + pid(v-np)
		case v < 3*np:
			return "accel_" + pid(v-2*np)
		case v == 3*np:
			return "sink"
		case v == a.abroad:
			return "abroad"
		}
		return src[v]
	}
	f.ArcName = func(i int) string {
		arc := a.Arcs()[i]
		switch arc.Kind {
		case ArcLocal:
			return fmt.Sprintf("a%d_local_%s_%s", i, pid(arc.Origin), w.Classes[arc.Class].ID)
		case ArcRemote, ArcAccel:
			return fmt.Sprintf("a%d_%s_%s_to_%s", i, pid(arc.Origin), w.Classes[arc.Class].ID, pid(arc.Site))
		case ArcUnserved:
			return fmt.Sprintf("a%d_unserved_%s_%s", i, pid(arc.Origin), w.Classes[arc.Class].ID)
		case ArcCorridor:
			return fmt.Sprintf("a%d_corridor_%s", i, pid(arc.Site))
		case ArcSite:
			return fmt.Sprintf("a%d_spare_%s", i, pid(arc.Site))
		case ArcVault:
			return fmt.Sprintf("a%d_%s_%s_vault_%s", i, pid(arc.Origin), w.Classes[arc.Class].ID, pid(arc.Site))
		case ArcAbroad:
			return fmt.Sprintf("a%d_%s_%s_to_abroad", i, pid(arc.Origin), w.Classes[arc.Class].ID)
		case ArcAbroadCap:
			return fmt.Sprintf("a%d_abroad_spare", i)
		default:
			return fmt.Sprintf("a%d_accel_spare_%s", i, pid(arc.Site))
		}
	}
	return f
}

// Flows returns the flow on every arc of the last solved instance (kW), in arc order.
func (a *Allocator) Flows() []int64 {
	out := make([]int64, a.mcf.NumArcs())
	for i := range out {
		out[i] = a.mcf.Flow(i)
	}
	return out
}

// Pivots reports how many pivots the last solve made (for benchmarks and tuning).
func (a *Allocator) Pivots() int { return a.mcf.Pivots() }

// TiePivots reports how many of the last solve's pivots chose among optima (the tie rule, section 7.5 of
// docs/ODD.md).
func (a *Allocator) TiePivots() int { return a.mcf.TiePivots() }

// Objective is the last solve's optimal objective in the instance's integer units (before the yuan
// conversion), as an LP solver would report it for Instance.
func (a *Allocator) Objective() int64 { return a.objective }

// Solve solves the prepared instance, books the placements as contracts and records what stays unserved.
func (a *Allocator) Solve(w *World) error {
	obj, err := a.Optimise()
	if err != nil {
		return fmt.Errorf("allocator at %s: %w", w.Now, err)
	}
	a.ObjectiveYuan = obj
	clear(w.VaultMW)
	// Solved: the flows are the optimum's. Only the arcs with flow (a fifth) are told apart.
	for i, f := range a.mcf.Flows() {
		if f == 0 {
			continue
		}
		from, to, _, _ := a.mcf.Arc(i)
		t := a.tag(i, from, to)
		if t.src < 0 {
			continue
		}
		o, c, s := int(t.src)/a.nc, int(t.src)%a.nc, int(t.site)
		switch t.kind {
		case ArcLocal, ArcRemote, ArcAccel, ArcAbroad:
			accel := t.kind == ArcAccel || t.kind == ArcAbroad
			w.Contracts.Add(o, c, s, accel, f, w.Classes[c].Cfg.ContractMonths)
		case ArcVault:
			// Failover lasts a month at a time: once the outage ends the work is re-tendered at home.
			w.Contracts.Add(o, c, s, false, f, 1)
			w.VaultMW[o] += toMW(f)
		case ArcUnserved:
			w.UnservedMW[o][c] += toMW(f)
		}
	}
	return nil
}

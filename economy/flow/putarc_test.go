package flow

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nsLoadPut rebuilds inst into g as the allocator does: ReserveArcs for runs of random length, the arcs by
// PutArc with the ties given, now and then one by AppendArc or AddArc (and SetTie) instead.
func nsLoadPut(r *rand.Rand, g *NetworkSimplex, inst *mcfInstance, ties []int64) {
	g.Reset(inst.n)
	for e := 0; e < len(inst.arcs); {
		run := min(1+r.IntN(8), len(inst.arcs)-e)
		g.ReserveArcs(run)
		for end := e + run; e < end; e++ {
			a := inst.arcs[e]
			switch r.IntN(8) {
			case 0:
				g.AppendArc(a.from, a.to, a.cap, a.cost, ties[e])
			case 1:
				g.SetTie(g.AddArc(a.from, a.to, a.cap, a.cost), ties[e])
			default:
				g.PutArc(a.from, a.to, a.cap, a.cost, ties[e])
			}
		}
	}
	for v, s := range inst.supply {
		if s != 0 {
			g.SetSupply(v, s)
		}
	}
}

// nsLoadAppend rebuilds inst into g by AppendArcs for runs of random length (some empty, some asked for
// with a negative count), each run's arcs put in a random order, now and then one by AppendArc instead.
func nsLoadAppend(r *rand.Rand, g *NetworkSimplex, inst *mcfInstance, ties []int64) {
	g.Reset(inst.n)
	for e := 0; e < len(inst.arcs); {
		if r.IntN(8) == 0 {
			a := inst.arcs[e]
			g.AppendArc(a.from, a.to, a.cap, a.cost, ties[e])
			e++
			continue
		}
		run := min(r.IntN(9), len(inst.arcs)-e)
		k := run
		if run == 0 && r.IntN(2) == 0 {
			k = -1 - r.IntN(3)
		}
		first := g.NumArcs()
		arcs, caps, tieOf := g.AppendArcs(k)
		if len(arcs) != run || len(caps) != run || len(tieOf) != run || g.NumArcs() != first+run {
			panic("flow: AppendArcs added the wrong number of arcs")
		}
		for _, i := range r.Perm(run) {
			a := inst.arcs[e+i]
			arcs.Put(i, a.from, a.to, a.cost)
			caps[i], tieOf[i] = a.cap, ties[e+i]
		}
		e += run
	}
	for v, s := range inst.supply {
		if s != 0 {
			g.SetSupply(v, s)
		}
	}
}

// TestNetworkSimplexPutArcBuildsAddArcsInstance builds random instances of every size, one after the other,
// on one solver by ReserveArcs and PutArc (mixed with AppendArc and AddArc), so that the arcs are written
// over those of larger and smaller instances and of the artificial arcs, and on a fresh solver by AddArc
// and SetTie: the two instances must have the same arcs and ties, and solve to the same flows.
func TestNetworkSimplexPutArcBuildsAddArcsInstance(t *testing.T) {
	nsCheckLoader(t, nsLoadPut)
}

// TestNetworkSimplexAppendArcsBuildsAddArcsInstance is TestNetworkSimplexPutArcBuildsAddArcsInstance for
// instances built by AppendArcs.
func TestNetworkSimplexAppendArcsBuildsAddArcsInstance(t *testing.T) {
	nsCheckLoader(t, nsLoadAppend)
}

// nsCheckLoader builds random instances of every size, one after the other, on one solver by load, so
// that the arcs are written over those of larger and smaller instances and of the artificial arcs, and on
// a fresh solver by AddArc and SetTie: the two instances must have the same arcs and ties, and solve to
// the same flows.
func nsCheckLoader(t *testing.T, load func(*rand.Rand, *NetworkSimplex, *mcfInstance, []int64)) {
	r := rand.New(rand.NewPCG(21, 22))
	put := NewNetworkSimplex()
	grown := 0
	for i := range 300 {
		inst := nsRandomTransport(r)
		ties := make([]int64, len(inst.arcs))
		for e := range ties {
			ties[e] = r.Int64N(MaxTie + 1)
		}
		load(r, put, &inst, ties)
		fresh := NewNetworkSimplex()
		nsLoad(fresh, &inst)
		for e, tie := range ties {
			fresh.SetTie(e, tie)
		}
		require.Equal(t, fresh.NumArcs(), put.NumArcs(), "instance %d", i)
		for e := range inst.arcs {
			from, to, capacity, cost := fresh.Arc(e)
			pFrom, pTo, pCap, pCost := put.Arc(e)
			require.Equal(t, [4]int64{int64(from), int64(to), capacity, cost}, [4]int64{int64(pFrom), int64(pTo), pCap, pCost}, "instance %d arc %d", i, e)
			require.Equal(t, fresh.Tie(e), put.Tie(e), "instance %d arc %d", i, e)
		}
		want, wantErr := fresh.Solve()
		got, err := put.Solve()
		require.Equal(t, wantErr, err, "instance %d", i)
		require.Equal(t, want, got, "instance %d", i)
		if err == nil {
			require.Equal(t, nsFlows(fresh), nsFlows(put), "instance %d: the tie rule makes the optimum unique", i)
		}
		grown = max(grown, len(put.tie))
	}
	assert.Greater(t, grown, 100, "instances large enough to grow the arrays")
}

// TestNetworkSimplexPutArcNeedsRoom checks PutArc's one failure, an arc without room (ReserveArcs of 0 or
// less makes none), and that an arc put after a Solve, in room left from before it, makes the flows
// those of an unsolved instance until the next Solve.
func TestNetworkSimplexPutArcNeedsRoom(t *testing.T) {
	g := NewNetworkSimplex()
	g.Reset(2)
	g.ReserveArcs(0)
	g.ReserveArcs(-3)
	assert.Panics(t, func() { g.PutArc(0, 1, 1, 1, 0) })
	assert.Zero(t, g.NumArcs())

	g.ReserveArcs(100)
	g.PutArc(0, 1, 5, 3, 0)
	g.SetSupply(0, 2)
	g.SetSupply(1, -2)
	cost, err := g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(6), cost)
	require.NotNil(t, g.Flows())
	g.PutArc(0, 1, 5, 1, 0)
	assert.Nil(t, g.Flows(), "not solved since the arc was added")
	assert.Zero(t, g.Flow(0))
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(2), cost)
	assert.Equal(t, []int64{0, 2}, g.Flows())
}

// TestNetworkSimplexAppendArcAfterSolve checks that AppendArc, like AddArc, may extend a solved instance
// without Reset (the artificial arcs that follow the user arcs after a Solve are written over).
func TestNetworkSimplexAppendArcAfterSolve(t *testing.T) {
	g := solvedPath(t)
	g.AppendArc(0, 2, 5, 1, 7)
	assert.Equal(t, 3, g.NumArcs())
	assert.Equal(t, int64(7), g.Tie(2))
	cost, err := g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(2), cost)
	assert.Equal(t, []int64{0, 0, 2}, g.Flows())
}

// TestNetworkSimplexAppendArcsAfterSolve checks that arcs AppendArcs adds to a solved instance make its
// flows those of an unsolved instance until the next Solve, and that Put checks its index.
func TestNetworkSimplexAppendArcsAfterSolve(t *testing.T) {
	g := solvedPath(t)
	arcs, caps, ties := g.AppendArcs(1)
	require.Len(t, arcs, 1)
	assert.Panics(t, func() { arcs.Put(1, 0, 2, 1) })
	arcs.Put(0, 0, 2, 1)
	caps[0], ties[0] = 5, 7
	assert.Nil(t, g.Flows(), "not solved since the arc was added")
	assert.Equal(t, 3, g.NumArcs())
	assert.Equal(t, int64(7), g.Tie(2))
	cost, err := g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(2), cost)
	assert.Equal(t, []int64{0, 0, 2}, g.Flows())
}

func TestNetworkSimplexTieOutOfRangePanics(t *testing.T) {
	g := NewNetworkSimplex()
	g.Reset(2)
	g.AddArc(0, 1, 1, 1)
	assert.Zero(t, g.Tie(0))
	assert.Panics(t, func() { g.Tie(1) })
	assert.Panics(t, func() { g.Tie(-1) })
}

// solvedPath is the path 0 -> 1 -> 2 (capacities 5, costs 1) carrying 2 units, solved (cost 4).
func solvedPath(t *testing.T) *NetworkSimplex {
	t.Helper()
	g := NewNetworkSimplex()
	g.Reset(3)
	g.AppendArc(0, 1, 5, 1, 0)
	g.AppendArc(1, 2, 5, 1, 0)
	g.SetSupply(0, 2)
	g.SetSupply(2, -2)
	cost, err := g.Solve()
	require.NoError(t, err)
	require.Equal(t, int64(4), cost)
	return g
}

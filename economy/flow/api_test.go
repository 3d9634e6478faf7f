package flow

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNetworkSimplexPotentialsProveOptimality checks the solver's certificate on random instances, warm
// and cold: with the potentials read from Potential, no arc with room has a negative reduced cost and no
// arc with flow a positive one; Arc gives back the arcs as added and Flows the flows Flow reports.
func TestNetworkSimplexPotentialsProveOptimality(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 3))
	g := NewNetworkSimplex()
	for i := range 150 {
		inst := mcfRandomInstance(r, 2, 12)
		want, wantErr := nsMCF(&inst)
		nsLoad(g, &inst)
		require.Nil(t, g.Flows(), "no flows before Solve")
		got, err := g.Solve()
		require.Equal(t, wantErr, err, "instance %d", i)
		if err != nil {
			continue
		}
		require.Equal(t, want, got, "instance %d: the reference's optimum", i)
		flows := g.Flows()
		require.Len(t, flows, len(inst.arcs))
		for e, a := range inst.arcs {
			from, to, capacity, cost := g.Arc(e)
			require.Equal(t, a, mcfArc{from, to, capacity, cost}, "arc %d as added", e)
			assert.Equal(t, g.Flow(e), flows[e])
			rc := cost + g.Potential(from) - g.Potential(to)
			if flows[e] < capacity {
				assert.GreaterOrEqual(t, rc, int64(0), "instance %d arc %d: room left, reduced cost %d", i, e, rc)
			}
			if flows[e] > 0 {
				assert.LessOrEqual(t, rc, int64(0), "instance %d arc %d: flow, reduced cost %d", i, e, rc)
			}
		}
	}
}

func TestNetworkSimplexAccessorsPanicOutOfRange(t *testing.T) {
	g := NewNetworkSimplex()
	g.Reset(2)
	g.AddArc(0, 1, 1, 1)
	assert.PanicsWithValue(t, "flow: NetworkSimplex: arc 1 out of range (1 arcs)", func() { g.Arc(1) })
	assert.PanicsWithValue(t, "flow: NetworkSimplex.Potential: node 2 out of range (2 nodes)", func() { g.Potential(2) })
	assert.Zero(t, g.Potential(1), "no potentials before Solve")
}

// Example builds a two-route instance, solves it, reads flows and potentials, then changes a capacity
// and a supply and solves again from the previous basis.
func Example() {
	g := NewNetworkSimplex()
	g.Reset(3) // nodes 0 (source), 1 (cheap site), 2 (sink)
	direct := g.AddArc(0, 2, 10, 5)
	g.AddArc(0, 1, 4, 1)
	g.AddArc(1, 2, 4, 1)
	g.SetSupply(0, 6)
	g.SetSupply(2, -6)
	cost, err := g.Solve()
	fmt.Println(cost, err, g.Flows(), g.Flow(direct))
	fmt.Println("potential difference", g.Potential(2)-g.Potential(0), "= marginal cost of a unit from 0 to 2")

	// Next month: same arcs, more work, and the cheap route has more room. Rebuilding the instance with
	// the same arcs lets Solve start from the previous optimal basis.
	g.Reset(3)
	g.AddArc(0, 2, 10, 5)
	g.AddArc(0, 1, 8, 1)
	g.AddArc(1, 2, 8, 1)
	g.SetSupply(0, 9)
	g.SetSupply(2, -9)
	cost, err = g.Solve()
	fmt.Println(cost, err, g.Flows())
	// Output:
	// 18 <nil> [2 4 4] 2
	// potential difference 5 = marginal cost of a unit from 0 to 2
	// 21 <nil> [1 8 8]
}

func TestInstanceLoad(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range 20 {
		f := randomAllocation(rng, i%5)
		want, _ := solveMCF(t, f, NewMinCostFlow())
		g := NewNetworkSimplex()
		f.Load(g)
		require.Equal(t, f.Nodes, g.NumNodes())
		require.Equal(t, len(f.From), g.NumArcs())
		got, err := g.Solve()
		require.NoError(t, err)
		assert.Equal(t, want, got, "instance %d", i)
		require.NoError(t, f.Check(g.Flows()))
	}
}

func TestNetworkSimplexAddArcPanicMessages(t *testing.T) {
	g := NewNetworkSimplex()
	g.Reset(2)
	assert.PanicsWithError(t, "flow: NetworkSimplex.AddArc: node out of range (0->2, 2 nodes)", func() { g.AddArc(0, 2, 1, 1) })
	assert.PanicsWithError(t, "flow: NetworkSimplex.AddArc: negative capacity -1", func() { g.AddArc(0, 1, -1, 1) })
	assert.PanicsWithError(t, "flow: NetworkSimplex.AddArc: negative cost -3", func() { g.AddArc(0, 1, 1, -3) })
	// After a Solve, arcs can still be added without Reset.
	g.AddArc(0, 1, 5, 2)
	g.SetSupply(0, 3)
	g.SetSupply(1, -3)
	cost, err := g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(6), cost)
	assert.Equal(t, 1, g.AddArc(0, 1, 5, 1))
	cost, err = g.Solve()
	require.NoError(t, err)
	assert.Equal(t, int64(3), cost)
	assert.Equal(t, []int64{0, 3}, g.Flows())
}

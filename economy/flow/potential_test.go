package flow

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNetworkSimplexPotentialsProveOptimality checks the solver's certificate on random instances solved
// one after the other (warm starts included): with the potentials read from Potential, no arc with room
// has a negative reduced cost and no arc with flow a positive one.
func TestNetworkSimplexPotentialsProveOptimality(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 3))
	g := NewNetworkSimplex()
	solved := 0
	for i := range 150 {
		inst := mcfRandomInstance(r, 2, 12)
		want, wantErr := nsMCF(&inst)
		nsLoad(g, &inst)
		assert.Zero(t, g.Potential(0), "no potentials before Solve")
		got, err := g.Solve()
		require.Equal(t, wantErr, err, "instance %d", i)
		if err != nil {
			continue
		}
		solved++
		require.Equal(t, want, got, "instance %d: the reference's optimum", i)
		for e := range inst.arcs {
			from, to, capacity, cost := g.Arc(e)
			f := g.Flow(e)
			rc := cost + g.Potential(from) - g.Potential(to)
			if f < capacity {
				assert.GreaterOrEqual(t, rc, int64(0), "instance %d arc %d: room left, reduced cost %d", i, e, rc)
			}
			if f > 0 {
				assert.LessOrEqual(t, rc, int64(0), "instance %d arc %d: flow, reduced cost %d", i, e, rc)
			}
		}
	}
	require.Greater(t, solved, 50, "many random instances are feasible")
	assert.PanicsWithValue(t, "flow: NetworkSimplex.Potential: node 99 out of range (12 nodes)", func() {
		g.Reset(12)
		g.Potential(99)
	})
}

// TestNetworkSimplexPotentialsRelativeToTheRoot checks that Potential gives the potentials of the final
// tree with the root at 0 (each node's is its parent's less the cost of an arc up, plus that of an arc
// down) also when the pivots have moved the root's own: a pivot that re-hangs more than half the tree
// shifts the rest of it instead, the root included. Warm starts after perturbations are included.
func TestNetworkSimplexPotentialsRelativeToTheRoot(t *testing.T) {
	g := NewNetworkSimplex()
	solved, moved := 0, 0
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 17))
		inst := nsMixedInstance(r, seed, 2)
		for step := range 3 {
			if step > 0 {
				nsPerturb(r, &inst)
			}
			nsLoad(g, &inst)
			if _, err := g.Solve(); err != nil {
				continue
			}
			solved++
			root := int32(g.n)
			if g.pi[root] != 0 {
				moved++
			}
			want := make([]int64, g.n+1)
			for _, u := range g.preorder()[1:] {
				c := g.arcs[g.pred[u]].cost
				if g.dir[u] == nsUp {
					c = -c
				}
				want[u] = want[g.parent[u]] + c
			}
			for u := range g.n {
				assert.Equal(t, want[u], g.Potential(u), "seed %d step %d node %d", seed, step, u)
			}
		}
	}
	require.Greater(t, solved, 20, "many instances are feasible")
	assert.Positive(t, moved, "some solve ends with the root's potential moved")
}

// ExampleNetworkSimplex builds a two-route instance, solves it, reads flows and potentials, then
// solves next month's instance, of the same shape, from the previous basis.
func ExampleNetworkSimplex() {
	g := NewNetworkSimplex()
	build := func(cheapRoom, work int64) {
		g.Reset(3) // nodes 0 (source), 1 (cheap site), 2 (sink)
		g.AddArc(0, 2, 10, 5)
		g.AddArc(0, 1, cheapRoom, 1)
		g.AddArc(1, 2, cheapRoom, 1)
		g.SetSupply(0, work)
		g.SetSupply(2, -work)
	}
	build(4, 6)
	cost, err := g.Solve()
	fmt.Println(cost, err, g.Flows(), g.Pivots(), "pivots")
	fmt.Println("a unit more from 0 to 2 costs", g.Potential(2)-g.Potential(0))
	build(8, 9) // next month: more work, more room on the cheap route
	cost, err = g.Solve()
	fmt.Println(cost, err, g.Flows())
	// Output:
	// 18 <nil> [2 4 4] 3 pivots
	// a unit more from 0 to 2 costs 5
	// 21 <nil> [1 8 8]
}

package flow

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nsLoadTies loads inst into g in the arc order perm (arc perm[i] of inst becomes arc i of g) with
// secondary costs ties (by inst's arc).
func nsLoadTies(g *NetworkSimplex, inst *mcfInstance, perm []int, ties []int64) {
	g.Reset(inst.n)
	for i, e := range perm {
		a := inst.arcs[e]
		g.AddArc(a.from, a.to, a.cap, a.cost)
		g.SetTie(i, ties[e])
	}
	for v, s := range inst.supply {
		if s != 0 {
			g.SetSupply(v, s)
		}
	}
}

// TestTieRuleGivesTheLexicographicOptimum checks, on random instances with many ties between optima,
// that Solve with secondary costs returns an optimum of the primary costs that has the least secondary
// cost: the flows of the reference solver on the combined costs cost*big + tie (big above any secondary
// total), arc for arc. It also checks that without secondary costs the solvers often disagree on the
// flows (the instances do have ties), so that the agreement is the rule's doing.
func TestTieRuleGivesTheLexicographicOptimum(t *testing.T) {
	gens := []func(r *rand.Rand) mcfInstance{
		func(r *rand.Rand) mcfInstance { return mcfRandomInstance(r, 2, 14) },
		nsRandomTransport,
	}
	compared, tied := 0, 0
	for gi, gen := range gens {
		for seed := uint64(1); seed <= 400; seed++ {
			r := rand.New(rand.NewPCG(seed, uint64(gi)))
			inst := gen(r)
			refCost, err := nsMCF(&inst)
			if err != nil {
				continue
			}
			var supply int64
			for _, s := range inst.supply {
				supply += max(s, 0)
			}
			const tieRange = 1 << 20 // small enough for the combined costs to fit the reference's bounds
			ties := make([]int64, len(inst.arcs))
			big := int64(1)
			for e, a := range inst.arcs {
				ties[e] = r.Int64N(tieRange)
				big += tieRange * min(a.cap, supply)
			}
			lex := nsClone(&inst)
			for e := range lex.arcs {
				lex.arcs[e].cost = inst.arcs[e].cost*big + ties[e]
			}
			ref := NewMinCostFlow()
			lex.load(ref)
			if _, err := ref.Solve(); err != nil {
				continue
			}
			want := make([]int64, len(inst.arcs))
			for e := range want {
				want[e] = ref.Flow(e)
			}

			g := NewNetworkSimplex()
			plain := NewNetworkSimplex()
			nsLoad(plain, &inst)
			_, err = plain.Solve()
			require.NoError(t, err)
			if !assert.ObjectsAreEqual(want, nsFlows(plain)) {
				tied++
			}
			nsLoadTies(g, &inst, identityPerm(len(inst.arcs)), ties)
			cost, err := g.Solve()
			require.NoError(t, err, "gen %d seed %d", gi, seed)
			assert.Equal(t, refCost, cost, "gen %d seed %d: primary optimum", gi, seed)
			assert.Equal(t, want, nsFlows(g), "gen %d seed %d: least secondary cost among optima", gi, seed)
			nsCheckBasis(t, g)
			compared++
		}
	}
	require.Greater(t, compared, 300)
	assert.Greater(t, tied, compared/20, "too few instances where the plain solver picks another optimum")
	t.Logf("%d instances, %d where the plain solver returns another optimum", compared, tied)
}

func identityPerm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}

// TestTieRuleIsPathIndependent solves each instance of random month-to-month sequences with full-range
// secondary costs in ways that pivot differently — warm from the previous month, cold, with other block
// sizes, with the arcs in another order — and checks that every way returns the same flows.
func TestTieRuleIsPathIndependent(t *testing.T) {
	differs := 0
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		inst := nsRandomTransport(r)
		warm := NewNetworkSimplex()
		for month := range 12 {
			ties := make([]int64, len(inst.arcs))
			for e := range ties {
				ties[e] = int64(hashTie(seed, uint64(inst.arcs[e].from), uint64(inst.arcs[e].to), uint64(e)))
			}
			nsLoadTies(warm, &inst, identityPerm(len(inst.arcs)), ties)
			cost, err := warm.Solve()
			if err != nil {
				break // infeasible after a perturbation: the sequence ends
			}
			want := nsFlows(warm)
			for k, way := range []struct {
				cold  bool
				block int
				perm  []int
			}{{true, 0, nil}, {true, 1, nil}, {true, 1000, nil}, {true, 0, r.Perm(len(inst.arcs))}, {false, 3, r.Perm(len(inst.arcs))}} {
				g := NewNetworkSimplex()
				g.ColdStart, g.Block = way.cold, way.block
				perm := way.perm
				if perm == nil {
					perm = identityPerm(len(inst.arcs))
				}
				nsLoadTies(g, &inst, perm, ties)
				c, err := g.Solve()
				require.NoError(t, err)
				require.Equal(t, cost, c)
				got := make([]int64, len(inst.arcs))
				for i, e := range perm {
					got[e] = g.Flow(i)
				}
				assert.Equal(t, want, got, "seed %d month %d way %d", seed, month, k)

				// Without secondary costs the ways often disagree: the instances have ties.
				plain := NewNetworkSimplex()
				plain.ColdStart, plain.Block = way.cold, way.block
				plain.Reset(inst.n)
				for _, e := range perm {
					a := inst.arcs[e]
					plain.AddArc(a.from, a.to, a.cap, a.cost)
				}
				for v, s := range inst.supply {
					if s != 0 {
						plain.SetSupply(v, s)
					}
				}
				_, err = plain.Solve()
				require.NoError(t, err)
				for i, e := range perm {
					if plain.Flow(i) != want[e] {
						differs++
						break
					}
				}
			}
			nsPerturb(r, &inst)
		}
	}
	assert.Positive(t, differs, "no instance where the plain solver's ways disagree: the test shows nothing")
	t.Logf("%d solves without secondary costs returned another optimum", differs)
}

// hashTie is a secondary cost from an arc's identity (splitmix64, folded to [0, MaxTie]).
func hashTie(xs ...uint64) int64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, x := range xs {
		h ^= x + 0x9e3779b97f4a7c15 + h<<6 + h>>2
		h ^= h >> 30
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 27
		h *= 0x94d049bb133111eb
		h ^= h >> 31
	}
	return int64(h & MaxTie)
}

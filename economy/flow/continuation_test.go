package flow

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nsContinuation pairs the arcs of prev with those of cur by endpoints: next[p] is the first arc of cur
// with arc p's endpoints not paired yet, -1 if none.
func nsContinuation(prev, cur *mcfInstance) []int32 {
	taken := make([]bool, len(cur.arcs))
	next := make([]int32, len(prev.arcs))
	for p, a := range prev.arcs {
		next[p] = -1
		for e, b := range cur.arcs {
			if !taken[e] && a.from == b.from && a.to == b.to {
				next[p], taken[e] = int32(e), true
				break
			}
		}
	}
	return next
}

// nsDistinctEndpoints drops the arcs of inst that join the same nodes as an earlier one, so that pairing
// by endpoints is unambiguous.
func nsDistinctEndpoints(inst *mcfInstance) {
	seen := map[[2]int]bool{}
	arcs := inst.arcs[:0]
	for _, a := range inst.arcs {
		if k := [2]int{a.from, a.to}; !seen[k] {
			seen[k] = true
			arcs = append(arcs, a)
		}
	}
	inst.arcs = arcs
}

// nsSolveContinued solves inst on g with the continuation next, like Solve, checking nsCheckTree after
// the start and after every pivot, the arcs as priced (nsCheckPricing) at the start, and the result
// against MinCostFlow's.
func nsSolveContinued(t *testing.T, g *NetworkSimplex, inst *mcfInstance, next []int32, what string) {
	t.Helper()
	want, wantErr := nsMCF(inst)
	nsLoad(g, inst)
	if next != nil {
		g.SetContinuation(next)
	}
	require.NoError(t, g.prepare(), what)
	nsCheckTree(t, g)
	g.startPivots()
	nsCheckPricing(t, g, -1)
	for g.step() {
		nsCheckTree(t, g)
		if t.Failed() {
			t.FailNow()
		}
	}
	g.breakTies()
	g.basisOK = true
	nsCheckBasis(t, g)
	got, err := g.finish()
	if wantErr != nil {
		assert.ErrorIs(t, err, wantErr, what)
		return
	}
	require.NoError(t, err, what)
	assert.Equal(t, want, got, what)
	mcfCheckFlow(t, inst, nsFlows(g), got)
}

// TestContinuationStartsFromTheRemappedBasis checks that a right continuation (SetContinuation) carries
// the basis over to the same start as the matching of endpoints does (remapBasis): the same arc states,
// tree, flows and potentials (the thread may list children in another order), on sequences of changing
// instances whose arcs join distinct pairs of nodes.
func TestContinuationStartsFromTheRemappedBasis(t *testing.T) {
	carried, changed, cuts := 0, 0, 0
	for seq := uint64(1); seq <= 12; seq++ {
		r := rand.New(rand.NewPCG(seq, 77))
		inst := nsMixedInstance(r, seq, 6)
		nsDistinctEndpoints(&inst)
		byEnds, byIDs := NewNetworkSimplex(), NewNetworkSimplex()
		for step := range 30 {
			prev := nsClone(&inst)
			if step > 0 {
				nsPerturb(r, &inst)
				if step%3 == 0 { // the arcs in another order
					r.Shuffle(len(inst.arcs), func(i, j int) { inst.arcs[i], inst.arcs[j] = inst.arcs[j], inst.arcs[i] })
				}
				nsDistinctEndpoints(&inst)
			}
			nsLoad(byEnds, &inst)
			nsLoad(byIDs, &inst)
			byIDs.SetContinuation(nsContinuation(prev, &inst))
			require.Equal(t, byEnds.prepare(), byIDs.prepare())
			if byIDs.lastWarm && byIDs.lastRemap {
				carried++
			}
			require.Equal(t, byEnds.lastWarm, byIDs.lastWarm, "seq %d step %d", seq, step)
			if byEnds.lastWarm {
				n, m := inst.n, len(inst.arcs)
				if byEnds.lastRemap {
					changed++
				}
				cuts += byIDs.lastCuts
				assert.Equal(t, byEnds.lastCuts, byIDs.lastCuts, "seq %d step %d: cuts", seq, step)
				assert.Equal(t, byEnds.state[:m+n], byIDs.state[:m+n], "seq %d step %d: states", seq, step)
				assert.Equal(t, byEnds.flow[:m+n], byIDs.flow[:m+n], "seq %d step %d: flows", seq, step)
				assert.Equal(t, byEnds.parent[:n+1], byIDs.parent[:n+1], "seq %d step %d: parents", seq, step)
				assert.Equal(t, byEnds.pred[:n+1], byIDs.pred[:n+1], "seq %d step %d: tree arcs", seq, step)
				assert.Equal(t, byEnds.pi[:n+1], byIDs.pi[:n+1], "seq %d step %d: potentials", seq, step)
				nsCheckTree(t, byIDs)
			}
			for _, g := range []*NetworkSimplex{byEnds, byIDs} {
				g.startPivots()
				for g.step() {
				}
				g.breakTies()
				g.basisOK = true
			}
			c1, err1 := byEnds.finish()
			c2, err2 := byIDs.finish()
			assert.Equal(t, err1, err2)
			assert.Equal(t, c1, c2)
			if t.Failed() {
				t.FailNow()
			}
		}
	}
	assert.Greater(t, carried, 250, "starts carried over by the continuation")
	assert.Greater(t, changed, 100, "of which with a changed arc list")
	assert.Positive(t, cuts, "repairs exercised")
}

// TestContinuationToleratesWrongEntries gives Solve continuations that are wrong in every way (random
// ids, ids out of range, a shuffled continuation, a stale one, all entries naming one arc, parallel arcs
// all continued by one, one entry short or long) and checks that each solve still starts from a valid basis, keeps the invariants at
// every pivot and finds MinCostFlow's optimum.
func TestContinuationToleratesWrongEntries(t *testing.T) {
	wrongs := []func(r *rand.Rand, prev *mcfInstance, right, stale []int32, m int) []int32{
		func(r *rand.Rand, _ *mcfInstance, right, _ []int32, m int) []int32 { // random ids, some out of range
			out := make([]int32, len(right))
			for i := range out {
				out[i] = int32(r.IntN(m+10) - 5)
			}
			return out
		},
		func(r *rand.Rand, _ *mcfInstance, right, _ []int32, _ int) []int32 { // the right ids, shuffled
			out := append([]int32(nil), right...)
			r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
			return out
		},
		func(_ *rand.Rand, _ *mcfInstance, _, stale []int32, _ int) []int32 { return stale }, // last step's
		func(_ *rand.Rand, _ *mcfInstance, right, _ []int32, m int) []int32 { // every entry names the last arc
			out := make([]int32, len(right))
			for i := range out {
				out[i] = int32(m - 1)
			}
			return out
		},
		func(_ *rand.Rand, prev *mcfInstance, right, _ []int32, _ int) []int32 { // parallel arcs continued by one
			out := make([]int32, len(right))
			for p, a := range prev.arcs {
				for q, b := range prev.arcs[:p+1] {
					if a.from == b.from && a.to == b.to {
						out[p] = right[q]
						break
					}
				}
			}
			return out
		},
		func(_ *rand.Rand, _ *mcfInstance, right, _ []int32, _ int) []int32 { // one short
			return right[:max(0, len(right)-1)]
		},
		func(_ *rand.Rand, _ *mcfInstance, right, _ []int32, _ int) []int32 { // two long, past the arcs
			return append(append([]int32(nil), right...), 0, 1)
		},
	}
	solves := 0
	for seq := uint64(1); seq <= 12; seq++ {
		r := rand.New(rand.NewPCG(seq, 78))
		inst := nsMixedInstance(r, seq, 6)
		g := NewNetworkSimplex()
		nsSolveContinued(t, g, &inst, nil, "first")
		var stale []int32
		for step := range 28 {
			prev := nsClone(&inst)
			nsPerturb(r, &inst)
			right := nsContinuation(prev, &inst)
			next := right
			if step%2 == 1 {
				next = wrongs[(step/2)%len(wrongs)](r, prev, right, stale, len(inst.arcs))
			}
			nsSolveContinued(t, g, &inst, next, "continued")
			solves++
			stale = right
		}
	}
	assert.Equal(t, 12*28, solves)
}

// TestContinuationConditions checks when Solve uses a continuation: after Reset and SetContinuation
// with the same node count; not after a Reset without one (the endpoints are matched), nor with another
// node count (the same), and an early error keeps the basis for the next continuation.
func TestContinuationConditions(t *testing.T) {
	base := mcfInstance{n: 4, arcs: []mcfArc{
		{0, 1, 5, 1}, {1, 3, 5, 1}, {0, 2, 5, 2}, {2, 3, 5, 2},
	}, supply: []int64{6, 0, 0, -6}}
	g := NewNetworkSimplex()
	solve := func(inst *mcfInstance, next []int32) {
		t.Helper()
		nsLoad(g, inst)
		if next != nil {
			g.SetContinuation(next)
		}
		cost, err := g.Solve()
		require.NoError(t, err)
		want, err := nsMCF(inst)
		require.NoError(t, err)
		assert.Equal(t, want, cost)
	}
	solve(&base, nil)
	require.False(t, g.lastWarm)

	// The arcs in reverse order, continued: carried over by the ids.
	reversed := nsClone(&base)
	for i, j := 0, len(reversed.arcs)-1; i < j; i, j = i+1, j-1 {
		reversed.arcs[i], reversed.arcs[j] = reversed.arcs[j], reversed.arcs[i]
	}
	solve(reversed, []int32{3, 2, 1, 0})
	assert.True(t, g.lastWarm && g.lastRemap)
	assert.False(t, g.hinted, "the solve used the continuation up")
	assert.Zero(t, g.lastCuts, "every tree arc continued")

	// Reset forgets the continuation: the same instance is the basis's, reused as it is.
	solve(reversed, nil)
	assert.False(t, g.hinted)
	assert.True(t, g.lastWarm)
	assert.False(t, g.lastRemap)

	// A continuation that names no arc: every node loses its tree arc, so a cold start.
	solve(&base, []int32{-1, -1, -1, -1})
	assert.False(t, g.lastWarm)

	// One node more: the continuation is ignored and the endpoints matched.
	bigger := nsClone(&base)
	bigger.n = 5
	bigger.supply = append(bigger.supply, 0)
	solve(bigger, []int32{-1, -1, -1, -1})
	assert.True(t, g.lastWarm && g.lastRemap)

	// An early error keeps the basis, and the next solve carries it over by the continuation it is given,
	// which refers to the basis's instance.
	unbalanced := nsClone(bigger)
	unbalanced.supply[0] = 4
	nsLoad(g, unbalanced)
	g.SetContinuation([]int32{0, 1, 2, 3})
	_, err := g.Solve()
	require.ErrorIs(t, err, ErrUnbalanced)
	solve(bigger, []int32{0, 1, 2, 3})
	assert.True(t, g.lastWarm && g.lastRemap)
	assert.Zero(t, g.lastCuts)

	// SetContinuation without Reset: the instance is the basis's, continued arc by arc.
	g.SetContinuation([]int32{0, 1, 2, 3})
	_, err = g.Solve()
	require.NoError(t, err)
	assert.True(t, g.lastWarm && g.lastRemap)
	assert.Zero(t, g.lastCuts)
}

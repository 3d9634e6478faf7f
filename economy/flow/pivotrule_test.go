package flow

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nsViolation is arc e's reduced cost signed by its state, from arcs, state and pi (not from priced):
// negative when the arc violates optimality, 0 for a tree arc.
func nsViolation(g *NetworkSimplex, e int32) int64 {
	a := g.arcs[e]
	return int64(g.state[e]) * (a.cost + g.pi[a.src] - g.pi[a.tgt])
}

// nsCheckPricing checks the pivot rule's data between pivots: every arc as priced is the arc itself at its
// lower bound, reversed at the opposite cost at its upper bound, a loop in the tree, with its cost less one;
// upper lists the arcs at their upper bound, upperAt their places in it; the list holds at most 2*listLen
// arcs, none in the tree but for a copy of the arc that entered last, in (-1: none), which the search can
// have met again.
func nsCheckPricing(t *testing.T, g *NetworkSimplex, in int32) {
	t.Helper()
	for e := range g.m + g.n {
		a, p := g.arcs[e], *g.pricedArc(int32(e))
		switch g.state[e] {
		case nsLower:
			assert.Equal(t, nsArc{src: a.src, tgt: a.tgt, cost: a.cost - 1}, p, "arc %d at its lower bound priced as it is", e)
		case nsUpper:
			assert.Equal(t, nsArc{src: a.tgt, tgt: a.src, cost: -a.cost - 1}, p, "arc %d at its upper bound priced reversed", e)
		default:
			assert.Equal(t, nsArc{src: p.src, tgt: p.src, cost: 1 - 1}, p, "tree arc %d priced as a loop of cost 1", e)
		}
	}
	var upper []int32
	for e := range int32(g.m + g.n) {
		if g.state[e] == nsUpper {
			upper = append(upper, e)
		}
	}
	assert.ElementsMatch(t, upper, g.upper, "upper lists the arcs at their upper bound")
	for i, e := range g.upper {
		assert.Equal(t, int32(i), g.upperAt[e], "upperAt of arc %d", e)
	}
	assert.LessOrEqual(t, len(g.list), 2*g.listLen)
	for _, c := range g.list {
		if c.arc != in {
			assert.NotEqual(t, nsTree, g.state[c.arc], "list arc %d is not in the tree", c.arc)
		}
	}
}

// nsRuleStats counts what nsStepChecked saw: pivots, pivots whose arc came from the list kept from the
// previous one, and lists cut back to listLen; in is the arc that entered last.
type nsRuleStats struct {
	pivots, fromList, cut int
	zero                  int // arcs of zero reduced cost at the optima
	in                    int32
}

// nsStepChecked makes one pivot like step, checking findEntering against its rule computed here from the
// states and potentials: the candidates are the list's arcs that still violate and the violating arcs of
// the block priced next (cyclically from nextArc; with listOnly, only if no list arc violates), and of the
// following blocks while there is none; a most violating candidate enters; the others stay in the list
// with their reduced costs, all of them or, beyond 2*listLen, the listLen most violating; -1 only when no
// priced arc violates, and then the non-tree arcs of zero reduced cost, the tie rule's candidates, are in
// cand.
func nsStepChecked(t *testing.T, g *NetworkSimplex, st *nsRuleStats) bool {
	t.Helper()
	total := g.searched
	var cands []int32
	listed := map[int32]bool{}
	for _, c := range g.list {
		if nsViolation(g, c.arc) < 0 {
			cands = append(cands, c.arc)
			listed[c.arc] = true
		}
	}
	e := g.nextArc
	for scanned := 0; scanned < total && !(g.listOnly && len(cands) > 0); {
		end := min(e+g.block, total, e+total-scanned)
		for a := int32(e); a < int32(end); a++ {
			if nsViolation(g, a) < 0 {
				cands = append(cands, a)
			}
		}
		scanned += end - e
		e = end % total
		if len(cands) > 0 {
			break
		}
	}
	in := g.findEntering()
	assert.Equal(t, e, g.nextArc, "the search stops after the first block that leaves candidates")
	if len(cands) == 0 {
		assert.Equal(t, int32(-1), in, "no priced arc violates: optimal")
		var zero []int32
		for e := range int32(total) {
			if g.state[e] != nsTree && nsViolation(g, e) == 0 {
				zero = append(zero, e)
			}
		}
		assert.ElementsMatch(t, zero, g.cand, "the arcs of zero reduced cost")
		st.zero += len(zero)
		return false
	}
	require.GreaterOrEqual(t, in, int32(0), "%d candidates, none entered", len(cands))
	require.Contains(t, cands, in)
	best := nsViolation(g, in)
	for _, c := range cands {
		assert.LessOrEqual(t, best, nsViolation(g, c), "arc %d enters but %d violates more", in, c)
	}
	rest := slices.Clone(cands)
	i := slices.Index(rest, in)
	rest = slices.Delete(rest, i, i+1)
	var kept []int32
	for _, c := range g.list {
		kept = append(kept, c.arc)
		assert.Equal(t, nsViolation(g, c.arc), c.rc, "reduced cost of list arc %d", c.arc)
	}
	if len(rest) > 2*g.listLen {
		st.cut++
		assert.Len(t, kept, g.listLen, "a long list is cut back")
		var worstKept, bestDropped int64 = -1 << 62, 0
		for _, c := range kept {
			worstKept = max(worstKept, nsViolation(g, c))
			i := slices.Index(rest, c)
			require.GreaterOrEqual(t, i, 0, "list arc %d was a candidate", c)
			rest = slices.Delete(rest, i, i+1)
		}
		for _, c := range rest {
			bestDropped = min(bestDropped, nsViolation(g, c))
		}
		assert.LessOrEqual(t, worstKept, bestDropped, "the most violating candidates are kept")
	} else {
		assert.ElementsMatch(t, rest, kept, "every other candidate is kept")
	}
	st.pivots++
	if listed[in] {
		st.fromList++
	}
	st.in = in
	g.pivot(in, g.arcs[in].cost, g.pi)
	return true
}

// TestPivotRuleFollowsTheCandidateList solves random instances, perturbed warm sequences of them and
// allocator-like months pivot by pivot, checking every choice of the entering arc against the rule
// (nsStepChecked), the pricing data after every pivot (nsCheckPricing) and the optimum against
// MinCostFlow's, under both rules: the list-only rule of small instances (nsListOnlyMaxArcs), and the rule
// of large ones, which prices a block at every pivot (set here on the same small instances). It also
// requires that the list is at work under both: some arcs enter from it, and long lists get cut.
func TestPivotRuleFollowsTheCandidateList(t *testing.T) {
	for _, listOnly := range []bool{true, false} {
		g := NewNetworkSimplex()
		var st nsRuleStats
		solve := func(inst *mcfInstance, what string) {
			t.Helper()
			want, wantErr := nsMCF(inst)
			nsLoad(g, inst)
			err := g.prepare()
			if err == nil {
				g.startPivots()
				require.Equal(t, g.m <= nsListOnlyMaxArcs, g.listOnly, "the rule by size")
				if !listOnly {
					g.listOnly, g.listLen = false, nsListLen
				}
				nsCheckPricing(t, g, -1)
				for nsStepChecked(t, g, &st) {
					nsCheckPricing(t, g, st.in)
					if t.Failed() {
						t.FailNow()
					}
				}
				g.basisOK = true
				var got int64
				got, err = g.finish()
				if wantErr == nil {
					require.NoError(t, err, what)
					assert.Equal(t, want, got, what)
					return
				}
			}
			assert.ErrorIs(t, err, wantErr, what)
		}
		// Blocks of the default size, whole quads, and of 7 arcs, which start and end inside quads.
		for _, block := range []int{0, 7} {
			g.Block = block
			for seed := uint64(1); seed <= 60; seed++ {
				r := rand.New(rand.NewPCG(seed, 7))
				inst := nsMixedInstance(r, seed, 2)
				solve(&inst, "random")
				for range 4 {
					nsPerturb(r, &inst)
					solve(&inst, "perturbed")
				}
			}
		}
		g.Block = 0
		// Months of 12 provinces, and of 24, whose larger blocks hold lists long enough to be cut under the
		// list-only rule.
		for _, provinces := range []int{12, 24} {
			md := newNSMonthModel(provinces, 7)
			r := rand.New(rand.NewPCG(7, 7))
			for month := range 8 {
				inst, site, kind := md.build()
				solve(inst, "month")
				md.advance(r, month, nsFlows(g), site, kind)
			}
		}
		t.Logf("list only %v: %d pivots, %d from the list, %d cuts, %d arcs of zero reduced cost at optima", listOnly, st.pivots, st.fromList, st.cut, st.zero)
		assert.Positive(t, st.zero, "optima with ties")
		assert.Positive(t, st.fromList, "arcs enter from the list")
		assert.Positive(t, st.cut, "long lists are cut back")
	}
}

// TestKeepBestSelectsTheMostViolating checks keepBest against sorting on random lists with many equal
// reduced costs: its first k entries are k of the least, and the list keeps its entries.
func TestKeepBestSelectsTheMostViolating(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for range 2000 {
		n := 1 + r.IntN(40)
		list := make([]nsCand, n)
		for i := range list {
			list[i] = nsCand{arc: int32(i), rc: -1 - r.Int64N(int64(1+r.IntN(20)))}
		}
		k := 1 + r.IntN(n)
		got := slices.Clone(list)
		keepBest(got, k)
		sorted := slices.Clone(list)
		slices.SortFunc(sorted, func(a, b nsCand) int { return int(a.rc - b.rc) })
		var worstKept int64 = -1 << 62
		for _, c := range got[:k] {
			worstKept = max(worstKept, c.rc)
		}
		require.Equal(t, sorted[k-1].rc, worstKept, "the k-th least reduced cost bounds the kept (n %d, k %d)", n, k)
		for _, c := range got[k:] {
			require.GreaterOrEqual(t, c.rc, worstKept, "a dropped entry violates less (n %d, k %d)", n, k)
		}
		require.ElementsMatch(t, list, got)
	}
}

// TestMaskedNodeArraysArePowersOfTwo checks what the masked indexing of pricing and pivot relies on (see
// nsMasked): over instances whose node count grows and shrinks, solved warm with secondary costs (which
// size pi2), the potentials, the thread and the secondary potentials have a power of two as capacity, at
// least the node count with the root; and nsMasked keeps the contents it reuses.
func TestMaskedNodeArraysArePowersOfTwo(t *testing.T) {
	isPow2 := func(c int) bool { return c > 0 && c&(c-1) == 0 }
	g := NewNetworkSimplex()
	r := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{2, 3, 5, 9, 8, 17, 4, 33, 31, 65, 7, 130} {
		inst := mcfRandomInstance(r, n, n)
		perm := r.Perm(len(inst.arcs))
		ties := make([]int64, len(inst.arcs))
		for i := range ties {
			ties[i] = r.Int64N(MaxTie + 1)
		}
		nsLoadTies(g, &inst, perm, ties)
		want, wantErr := nsMCF(&inst)
		got, err := g.Solve()
		if wantErr != nil {
			assert.ErrorIs(t, err, wantErr, "%d nodes", n)
		} else {
			require.NoError(t, err, "%d nodes", n)
			assert.Equal(t, want, got, "%d nodes", n)
		}
		for name, c := range map[string]int{"pi": cap(g.pi), "thread": cap(g.thread)} {
			assert.True(t, isPow2(c), "%d nodes: cap(%s) = %d", n, name, c)
			assert.GreaterOrEqual(t, c, n+1, "%d nodes: cap(%s)", n, name)
		}
		if g.pi2 != nil {
			assert.True(t, isPow2(cap(g.pi2)), "%d nodes: cap(pi2) = %d", n, cap(g.pi2))
		}
	}
	require.NotNil(t, g.pi2, "some instance had ties to break")
	s := nsMasked([]int64(nil), 5)
	assert.Equal(t, 8, cap(s))
	s[4] = 7
	s = nsMasked(s, 8)
	assert.Equal(t, 8, len(s))
	assert.Equal(t, int64(7), s[4], "contents kept")
	assert.Equal(t, 16, cap(nsMasked(s, 9)))
}

// Package flow solves minimum-cost flow problems exactly, in integers.
//
// NetworkSimplex is the production solver: build an instance (Reset, AddArc or AppendArc, SetSupply),
// Solve it, read the optimum (Flow, Flows, Arc) and its certificate (Potential: node potentials, the
// duals of the conservation constraints). Solving again after Reset and a rebuild warm-starts from the
// last optimal basis (the allocator's month-to-month use: capacities, costs and supplies change, and some
// arcs come and go), carried over by SetContinuation's arc ids or by matching endpoints, so a month costs
// a fraction of a cold solve's pivots (Pivots says how many). Secondary costs (SetTie, AppendArc) decide between optima of equal cost, so
// that the flow returned depends on the instance alone, not on the arcs' order, the pivot rule or the
// starting basis.
// MinCostFlow is a successive-shortest-path (primal-dual) solver kept as an independent reference: the
// tests check the two against each other and against GLPK on random and real instances.
//
// Both report ErrInfeasible, ErrUnbalanced or ErrOverflow instead of a wrong answer; both panic only on
// programming errors (a node or arc id out of range, a negative capacity or cost in AddArc).
package flow

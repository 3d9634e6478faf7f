// Package flow solves min-cost flow problems exactly on integer data, fast enough to re-solve a
// changing instance every simulated month.
//
// NetworkSimplex is the solver: build an instance (Reset, AddArc, SetSupply), Solve it, read the optimal
// flows (Flow) and node potentials (Potential, the duals of the conservation constraints). Solving again
// after changing supplies, capacities or costs starts from the previous optimal basis (a warm start), so
// that a month's instance, which differs little from last month's, costs a few pivots. Instance is the
// same problem in plain form, for export to other solvers (CPLEX LP) and for checking a solution.
//
// The package knows nothing of the model: the allocator in package economy builds its instances.
package flow

import "errors"

// ErrInfeasible is returned by Solve when the supplies cannot all be routed to the demands within the arc capacities.
var ErrInfeasible = errors.New("flow: min-cost flow is infeasible")

// ErrUnbalanced is returned by Solve when the node supplies do not sum to zero.
var ErrUnbalanced = errors.New("flow: min-cost flow supplies do not sum to zero")

// ErrOverflow is returned by Solve when the instance exceeds the documented int64 bounds (see NetworkSimplex).
var ErrOverflow = errors.New("flow: min-cost flow exceeds int64 range")

// maxDistance bounds (number of nodes) * (largest arc cost) so that every potential, reduced cost and
// (in the tests' reference solver) tentative Dijkstra distance fits in int64 with a wide margin (they
// are all at most about 3 * V * maxCost).
const maxDistance = 1 << 60

package view

import (
	"cmp"
	"slices"

	"dongshu/agents"
	"dongshu/economy"
)

// FlowKind says what a flow stands for.
type FlowKind uint8

// Flow kinds.
const (
	FlowPlaced FlowKind = iota // ordinary placement in another province (general or accelerator capacity)
	FlowVault                  // failover to the digital vault during an outage, beyond the latency bound
	FlowAbroad                 // training work run on foreign accelerators by remote access
)

// Abroad is the destination of a FlowAbroad: the foreign accelerator pool, off the map.
const Abroad = -1

// Flow is work placed this month from the province where it was made to the one running it (Abroad for
// work sent abroad).
type Flow struct {
	From, To int
	Class    int
	Kind     FlowKind
	MW       float64
}

// Flows appends this month's flows of at least minMW to out (largest first, ties by route).
//
// The flows are the allocator's placements of the last solved month (economy.Allocator.Arcs and Flows):
// new work placed this month, by origin, class and site — on general capacity or accelerators in
// another province (FlowPlaced), failed over to the digital vault during an outage (FlowVault, to the
// vault's province), or run abroad on foreign accelerators (FlowAbroad, To = Abroad). Work that stays in
// its own province is left out (nothing moves on the map), and so is work placed in earlier months that
// is still running under contract. Valid after a completed Step; nothing before the first month.
func Flows(m *agents.Model, minMW float64, out []Flow) []Flow {
	a := m.W.Alloc
	arcs := a.Arcs()
	if len(arcs) == 0 {
		return out
	}
	kw := a.Flows()
	start := len(out)
	for i, arc := range arcs {
		if i >= len(kw) || kw[i] <= 0 {
			continue
		}
		f := Flow{From: arc.Origin, To: arc.Site, Class: arc.Class, MW: float64(kw[i]) / 1000}
		switch arc.Kind {
		case economy.ArcLocal, economy.ArcRemote, economy.ArcAccel:
			f.Kind = FlowPlaced
		case economy.ArcVault:
			f.Kind = FlowVault
		case economy.ArcAbroad:
			f.Kind, f.To = FlowAbroad, Abroad
		default:
			continue
		}
		if f.From == f.To {
			continue
		}
		out = append(out, f)
	}
	mine := out[start:]
	// One arc per (origin, class, site, kind) today; merge anyway so that a change in the instance's
	// shape cannot show one route as two flows.
	slices.SortFunc(mine, byRoute)
	k := 0
	for _, f := range mine {
		if k > 0 && byRoute(mine[k-1], f) == 0 {
			mine[k-1].MW += f.MW
			continue
		}
		mine[k] = f
		k++
	}
	mine = slices.DeleteFunc(mine[:k], func(f Flow) bool { return f.MW < minMW })
	slices.SortStableFunc(mine, func(x, y Flow) int {
		if c := cmp.Compare(y.MW, x.MW); c != 0 {
			return c
		}
		return byRoute(x, y)
	})
	return out[:start+len(mine)]
}

func byRoute(x, y Flow) int {
	return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.Class, y.Class),
		cmp.Compare(x.Kind, y.Kind))
}

package economy

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"dongshu/configs"
	"dongshu/economy/detmath"
)

// Event is a scripted event, resolved against the world: Target and To are province indices (-1 for
// national or unused).
type Event struct {
	Kind      configs.EventKind
	Month     configs.Month
	Target    int
	To        int
	Duration  int
	Magnitude float64
	Lever     configs.Lever // a policy event's lever
	Value     float64
}

// RandomShock is a random event kind with its yearly rate and the provinces it may hit (in order).
type RandomShock struct {
	Kind      configs.EventKind
	P         float64 // monthly probability per target, 1 - exp(-rate/12)
	Targets   []int   // province indices; {-1} for a national kind
	Duration  int
	Magnitude float64
}

// Effect is a shock in force: it acts from the month it fired to Until inclusive, then lapses. Effects
// are not applied to the state directly: every month the multipliers are recomputed from 1 over the
// effects in force, so that an effect that ends restores the state exactly.
type Effect struct {
	Kind      configs.EventKind
	Target    int // -1 national
	Magnitude float64
	Until     configs.Month
}

// FiredEvent is one line of the event log (events.csv and the game's news).
type FiredEvent struct {
	Month       configs.Month
	Kind        configs.EventKind
	Target      string // province id, "" for national
	Magnitude   float64
	Duration    int
	Description string
}

// loadEvents resolves the scenario's scripted and random events (validated by configs).
func (w *World) loadEvents() error {
	s := w.Scn
	idx := func(key, id string) (int, error) {
		if id == "" {
			return -1, nil
		}
		if i := w.ProvinceIndex(id); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("%s: unknown province %q", key, id)
	}
	for k, e := range s.Events {
		m, err := month(fmt.Sprintf("event[%d].month", k), e.Month)
		if err != nil {
			return err
		}
		kind, err := configs.ParseEventKind(e.Kind)
		if err != nil {
			return fmt.Errorf("event[%d].kind: %w", k, err)
		}
		t, err := idx(fmt.Sprintf("event[%d].target", k), e.Target)
		if err != nil {
			return err
		}
		to, err := idx(fmt.Sprintf("event[%d].to", k), e.To)
		if err != nil {
			return err
		}
		ev := Event{Kind: kind, Month: m, Target: t, To: to, Duration: e.DurationMonths, Magnitude: e.Magnitude, Value: e.Value}
		if kind.Spec().Lever {
			if ev.Lever, err = configs.ParseLever(e.Key); err != nil {
				return fmt.Errorf("event[%d].key: %w", k, err)
			}
		}
		w.Events = append(w.Events, ev)
	}
	slices.SortStableFunc(w.Events, func(a, b Event) int { return int(a.Month) - int(b.Month) })
	for k, r := range s.RandomEvents {
		kind, err := configs.ParseEventKind(r.Kind)
		if err != nil || !kind.Spec().Lasts {
			return fmt.Errorf("random_event[%d].kind: %q is not a kind that lasts", k, r.Kind)
		}
		var ts []int
		switch {
		case kind.Spec().Target == configs.NotUsed:
			ts = []int{-1}
		case len(r.Targets) == 0:
			for i := range w.Provinces {
				ts = append(ts, i)
			}
		default:
			for _, id := range r.Targets {
				i, err := idx(fmt.Sprintf("random_event[%d].targets", k), id)
				if err != nil {
					return err
				}
				ts = append(ts, i)
			}
		}
		w.Random = append(w.Random, RandomShock{Kind: kind, P: 1 - detmath.Exp(-r.RatePerYear/12), Targets: ts,
			Duration: r.DurationMonths, Magnitude: r.Magnitude})
	}
	return nil
}

// FireEvents is phase 1 of the month: effects past their end lapse, scripted events due by now fire (in
// month order, then scenario order), then each random shock draws once per target from rng (scenario
// order, then target order; a strike on a target already under the same kind of shock is ignored, but
// the draw is still made so that the stream does not depend on the state), and finally the multipliers
// of the effects in force are recomputed.
func (w *World) FireEvents(rng *rand.Rand) {
	w.Active = slices.DeleteFunc(w.Active, func(e Effect) bool { return e.Until < w.Now })
	for w.nextEvent < len(w.Events) && w.Events[w.nextEvent].Month <= w.Now {
		w.fire(w.Events[w.nextEvent])
		w.nextEvent++
	}
	for _, r := range w.Random {
		for _, t := range r.Targets {
			if rng.Float64() >= r.P {
				continue
			}
			if slices.ContainsFunc(w.Active, func(e Effect) bool { return e.Kind == r.Kind && e.Target == t }) {
				continue
			}
			w.fire(Event{Kind: r.Kind, Month: w.Now, Target: t, To: -1, Duration: r.Duration, Magnitude: r.Magnitude})
		}
	}
	w.applyEffects()
}

// applyEffects recomputes the multipliers from the effects in force.
func (w *World) applyEffects() {
	w.ChipFactor = 1
	for _, p := range w.Provinces {
		p.PriceFactor, p.Usable, p.Outage = 1, 1, false
	}
	for _, e := range w.Active {
		effects[e.Kind].apply(w, e)
	}
}

// hit calls f on every province an effect targets (all of them for a national effect), in index order.
func (w *World) hit(e Effect, f func(p *Province)) {
	for _, p := range w.Provinces {
		if e.Target < 0 || e.Target == p.Index {
			f(p)
		}
	}
}

// effect is what an event kind does to the world.
type effect struct {
	// fire does what happens at once (nothing for a kind that only lasts) and returns the event log's
	// plain-English line; where is the target's English name ("China" when national), months the duration.
	fire func(w *World, e Event, where, months string) string
	// apply, for a kind that lasts, applies one effect in force to the multipliers (recomputed from 1 each
	// month, in the order the effects fired).
	apply func(w *World, e Effect)
}

// effects is each event kind's effect, indexed by kind (configs/events.go; TestEveryKindHasAnEffect
// checks that every kind has one, with apply exactly for the kinds that last).
var effects = [configs.NumEventKinds]effect{
	configs.EventIXP: {fire: func(w *World, e Event, where, _ string) string {
		w.Net.OpenIXP(e.Target)
		return fmt.Sprintf("IXP opens in %s: its traffic no longer detours through a historic hub, cutting latency to and from it", where)
	}},
	configs.EventFibre: {fire: func(w *World, e Event, where, _ string) string {
		w.Net.fibre = append(w.Net.fibre, datedFibre{a: e.Target, b: e.To, month: w.Now, rf: w.Scn.Network.RouteFactor})
		return fmt.Sprintf("Fibre line %s-%s opens: a direct route with no exchange hop, and %s MW more corridor at each end",
			where, w.Provinces[e.To].Cfg.NameEN, thousands(w.Scn.Network.FibreLineMW))
	}},
	configs.EventChipSupply: {
		fire: func(w *World, e Event, _, months string) string {
			return fmt.Sprintf("Chip supply x%s for %s: the national supply of accelerators for new data centres is scaled accordingly", num(e.Magnitude), months)
		},
		apply: func(w *World, e Effect) { w.ChipFactor *= e.Magnitude },
	},
	configs.EventOutage: {
		fire: func(w *World, e Event, where, months string) string {
			return fmt.Sprintf("Outage in %s: %s MW of data centres offline for %s; their work is re-tendered", where,
				thousands(w.Provinces[e.Target].OnlineMW), months)
		},
		apply: func(w *World, e Effect) { w.hit(e, func(p *Province) { p.Usable, p.Outage = 0, true }) },
	},
	configs.EventDrought: {
		fire: func(w *World, e Event, where, months string) string {
			return fmt.Sprintf("Drought in %s: cooling water caps usable data-centre capacity at %s%% for %s; work beyond it is re-tendered",
				where, num(100*e.Magnitude), months)
		},
		apply: func(w *World, e Effect) { w.hit(e, func(p *Province) { p.Usable *= e.Magnitude }) },
	},
	configs.EventPowerPrice: {
		fire: func(w *World, e Event, where, months string) string {
			return fmt.Sprintf("Power price shock in %s: electricity x%s for %s, raising data centres' energy cost there", where, num(e.Magnitude), months)
		},
		apply: func(w *World, e Effect) { w.hit(e, func(p *Province) { p.PriceFactor *= e.Magnitude }) },
	},
	configs.EventCoalPrice: {
		fire: func(w *World, e Event, where, months string) string {
			return fmt.Sprintf("Coal price shock in %s: coal +%s%% for %s; power prices rise by that times each province's thermal share",
				where, num(100*e.Magnitude), months)
		},
		apply: func(w *World, e Effect) {
			w.hit(e, func(p *Province) { p.PriceFactor *= 1 + float64(e.Magnitude*p.Cfg.Thermal) })
		},
	},
	configs.EventPolicy: {fire: func(w *World, e Event, _, _ string) string {
		w.SetLever(e.Lever, e.Value)
		return fmt.Sprintf("Policy change: %s set to %s from now on", e.Lever, num(e.Value))
	}},
	configs.EventBuildCap: {fire: func(w *World, e Event, where, _ string) string {
		w.Provinces[e.Target].BuildCapMW = e.Magnitude
		return fmt.Sprintf("%s restricts new data centres: at most %s MW may start there a year from now on", where, thousands(e.Magnitude))
	}},
}

// fire makes one event happen now and logs it; a kind that lasts becomes an effect in force for its
// duration.
func (w *World) fire(e Event) {
	where, target := "China", ""
	if e.Target >= 0 {
		where, target = w.Provinces[e.Target].Cfg.NameEN, w.Provinces[e.Target].ID
	}
	desc := effects[e.Kind].fire(w, e, where, plural(e.Duration, "month"))
	if e.Duration > 0 && e.Kind.Spec().Lasts {
		w.Active = append(w.Active, Effect{Kind: e.Kind, Target: e.Target, Magnitude: e.Magnitude, Until: w.Now + configs.Month(e.Duration) - 1})
	}
	w.Log = append(w.Log, FiredEvent{Month: w.Now, Kind: e.Kind, Target: target, Magnitude: e.Magnitude, Duration: e.Duration, Description: desc})
}

// UsableMW is the capacity that can run this month (online capacity less outages and drought caps).
func (p *Province) UsableMW() float64 { return float64(p.OnlineMW * p.Usable) }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

// thousands formats x rounded to a whole number with comma separators (1,900).
func thousands(x float64) string {
	s := strconv.FormatInt(int64(math.Round(x)), 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

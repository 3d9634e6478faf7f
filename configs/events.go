package configs

import "fmt"

// EventKind is what a scripted or random event does. Every kind is one constant of the block below and
// one row of eventKinds; its name, what it needs, which random events may use it, how validation checks
// it and which news lines it has are all derived from that row (economy holds its effect, indexed by the
// same constant).
//
// To add a kind:
//  1. a constant before numEventKinds, and its row in eventKinds (TestEventKindTable fails without it);
//  2. its effect in economy/events.go's effects table (economy's TestEveryKindHasAnEffect fails without it);
//  3. its news lines "news.event.<name>" (when it can name a province) and "news.event.<name>.national"
//     (when it can be national) in assets/i18n/{en,fr}/session.toml (the catalog test fails without them);
//  4. a line in docs/ODD.md sections 6.6b and 7.11.
type EventKind int

const (
	EventIXP        EventKind = iota // a province gets its own backbone interconnection point
	EventFibre                       // a direct fibre line opens between target and to
	EventChipSupply                  // the national accelerator supply x magnitude
	EventOutage                      // the target's data centres are offline
	EventDrought                     // the target's usable capacity x magnitude
	EventPowerPrice                  // power price x magnitude, target or national
	EventCoalPrice                   // power price x (1 + magnitude x thermal share), target or national
	EventPolicy                      // a policy lever (key) set to value from now on
	EventBuildCap                    // the target allows at most magnitude MW of new data centres a year
	numEventKinds
)

// Need says whether an event kind needs a value.
type Need int

const (
	NotUsed  Need = iota // the kind ignores it
	Optional             // the kind uses it when given (a target: "" means national)
	Required             // the kind cannot do without it
)

// Range is a closed interval [Lo, Hi].
type Range struct{ Lo, Hi float64 }

// Contains reports whether x is in the interval.
func (r Range) Contains(x float64) bool { return x >= r.Lo && x <= r.Hi }

// EventSpec is what the rest of the code needs to know about one event kind.
type EventSpec struct {
	// Name is the kind's TOML name (event.kind, random_event.kind), its events.csv kind and the stem of
	// its news catalog keys.
	Name string
	// Target is the province hit: Required, Optional ("" = national) or NotUsed (always national).
	Target Need
	// To: the kind needs a second, different province (the other end of a fibre line).
	To bool
	// Lasts: the kind is an effect in force for duration_months (in Duration) and then lapses; only such
	// kinds may be random events.
	Lasts bool
	// Duration is the valid duration of a kind that lasts, in months.
	Duration Range
	// Magnitude is the valid magnitude of a kind that uses one (a zero Range: it uses none).
	Magnitude Range
	// Percent: the news shows the magnitude x 100, as a percentage (a share rather than a multiplier).
	Percent bool
	// Lever: the kind sets a policy lever (event.key) to event.value, in the lever's range.
	Lever bool
}

// eventKinds is the table of event kinds, indexed by kind.
var eventKinds = [...]EventSpec{
	EventIXP:        {Name: "ixp", Target: Required},
	EventFibre:      {Name: "fibre", Target: Required, To: true},
	EventChipSupply: {Name: "chip_supply", Target: NotUsed, Lasts: true, Duration: Range{1, 600}, Magnitude: Range{0, 100}},
	EventOutage:     {Name: "outage", Target: Required, Lasts: true, Duration: Range{1, 600}},
	EventDrought:    {Name: "drought", Target: Required, Lasts: true, Duration: Range{1, 600}, Magnitude: Range{0, 100}, Percent: true},
	EventPowerPrice: {Name: "power_price", Target: Optional, Lasts: true, Duration: Range{1, 600}, Magnitude: Range{0, 100}},
	EventCoalPrice:  {Name: "coal_price", Target: Optional, Lasts: true, Duration: Range{1, 600}, Magnitude: Range{0, 100}, Percent: true},
	EventPolicy:     {Name: "policy", Target: NotUsed, Lever: true},
	EventBuildCap:   {Name: "build_cap", Target: Required, Magnitude: Range{0, 1e6}},
}

// NumEventKinds is the number of event kinds (for tables indexed by kind in other packages).
const NumEventKinds = int(numEventKinds)

// Spec returns the kind's row of the table.
func (k EventKind) Spec() EventSpec {
	if k < 0 || k >= numEventKinds {
		return EventSpec{}
	}
	return eventKinds[k]
}

// String returns the kind's TOML name.
func (k EventKind) String() string {
	if k < 0 || k >= numEventKinds {
		return fmt.Sprintf("EventKind(%d)", int(k))
	}
	return eventKinds[k].Name
}

// NewsKey is the news catalog key of an event of this kind, naming a province or national.
func (k EventKind) NewsKey(national bool) string {
	if national {
		return "news.event." + k.String() + ".national"
	}
	return "news.event." + k.String()
}

// HasNews reports whether the kind has a news line naming a province (national false) or a national one.
func (k EventKind) HasNews(national bool) bool {
	if national {
		return k.Spec().Target != Required
	}
	return k.Spec().Target != NotUsed
}

// EventKinds returns every kind, in table order.
func EventKinds() []EventKind {
	ks := make([]EventKind, numEventKinds)
	for i := range ks {
		ks[i] = EventKind(i)
	}
	return ks
}

// ParseEventKind returns the kind named s.
func ParseEventKind(s string) (EventKind, error) {
	for k, e := range eventKinds {
		if e.Name == s {
			return EventKind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown event kind %q", s)
}

// eventKindNames lists the names a scripted event may use, in table order (the enum of event.kind).
func eventKindNames() []string {
	var ns []string
	for _, e := range eventKinds {
		ns = append(ns, e.Name)
	}
	return ns
}

// randomKindNames lists the names a random event may use: the kinds that last (random_event.kind).
func randomKindNames() []string {
	var ns []string
	for _, e := range eventKinds {
		if e.Lasts {
			ns = append(ns, e.Name)
		}
	}
	return ns
}

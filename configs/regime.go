package configs

import "fmt"

// Regime is the institutional set-up of a run (the scenario's regime key). Each regime is one constant
// of the block below and one row of regimes; the key's allowed values and parsing derive from it. To add
// a regime: a constant before numRegimes, its row, and what it changes where the model asks Planned or
// compares the world's regime (economy.World.Regime).
type Regime int

const (
	RegimePlanned Regime = iota // quotas, hubs, enforcement, subsidies and steering by the central planner
	RegimeMarket                // no quotas or designations; firms build where expected profit is highest
	numRegimes
)

// regimes is the table of regimes, indexed by regime: each one's TOML name.
var regimes = [...]string{
	RegimePlanned: "planned",
	RegimeMarket:  "market",
}

// String returns the regime's TOML name.
func (r Regime) String() string {
	if r < 0 || r >= numRegimes {
		return fmt.Sprintf("Regime(%d)", int(r))
	}
	return regimes[r]
}

// Planned reports whether the central planner's instruments (quotas, hub designations, enforcement,
// central subsidies, steering credits) apply.
func (r Regime) Planned() bool { return r == RegimePlanned }

// ParseRegime returns the regime named s.
func ParseRegime(s string) (Regime, error) {
	for r, name := range regimes {
		if name == s {
			return Regime(r), nil
		}
	}
	return 0, fmt.Errorf("unknown regime %q", s)
}

// regimeNames lists the regimes' names in table order (the enum of the regime key).
func regimeNames() []string { return regimes[:] }

// Side says which side of the East Data, West Computing plan a hub is on (the hub.side key). NoHub is the
// side of a province outside any active hub; it has no TOML name.
type Side int

const (
	NoHub Side = iota
	EastHub
	WestHub
	numSides
)

// sides is the table of sides, indexed by side: each one's TOML name.
var sides = [...]string{NoHub: "", EastHub: "east", WestHub: "west"}

// String returns the side's TOML name ("" for NoHub).
func (s Side) String() string {
	if s < 0 || s >= numSides {
		return fmt.Sprintf("Side(%d)", int(s))
	}
	return sides[s]
}

// ParseSide returns the hub side named s.
func ParseSide(s string) (Side, error) {
	for i, name := range sides {
		if name == s && Side(i) != NoHub {
			return Side(i), nil
		}
	}
	return 0, fmt.Errorf("unknown hub side %q", s)
}

// sideNames lists the names a hub may use, in table order (the enum of hub.side).
func sideNames() []string { return sides[NoHub+1:] }

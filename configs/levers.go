package configs

import (
	"fmt"
	"math"
	"strings"
)

// Lever is a policy lever: a scenario key whose level may change during a run (a policy event, a human
// planner, the game's what-if controls). Every lever is one constant of the block below and one row of
// levers; its valid range and unit are its scenario field's tags (schema.go), read through its Key, so
// that they are written once.
//
// To add a lever:
//  1. its scenario field (schema.go; a planner lever in Planner), with unit and range tags (a new field
//     whose neutral level is 0 takes omitzero, so that scenarios hash as before);
//  2. its field in Policy, a constant before numLevers and its row in levers (TestLeverTable fails
//     without a complete row);
//  3. its label (the row's Label) in assets/i18n/{en,fr}/ui.toml, or whatif.toml for a world lever
//     (TestLeverLabels fails without it);
//  4. where the model uses it, read w.Policy (economy.World), never the scenario;
//  5. a word in docs/ODD.md (section 6, planner keys; section 7.11 lists the levers a policy event sets);
//  6. in the game: InDialog for a row in the planner's decision dialog, with Help and Guide and their texts
//     in assets/i18n/{en,fr}/cf.toml and info.toml (TestDialogLeverTexts fails without them); WhatIf for a
//     row in the what-if panel; Format when a share, a yearly rate or the number and unit tag do not say
//     the level well.
//
// Validation of policy events, the human planner's checks, PlannerDecision and its save format, the
// planner's dialog (rows, steps, help, warnings, guide), the what-if panel and the policy event kind then
// follow from the table.
type Lever int

const (
	LeverWestShare        Lever = iota // share of the national quota reserved for west hubs
	LeverEnforcement                   // probability that building beyond quota is detected
	LeverSubsidy                       // central subsidy per MW started in a hub
	LeverWestSteering                  // allocator credit for unbounded work placed in a west hub
	LeverQuotas                        // national build quotas in force (1) or not (0)
	LeverModeration                    // moderation calls issued (1) or not (0)
	LeverNonHubIncentives              // share of the local subsidy a province outside a hub may offer
	// World levers: not the planner's to decide (PlannerDecision leaves them alone) but a policy event's
	// and the game's what-ifs (a facilitator's, or a human planner's) to move.
	LeverTransitCost    // cost of carrying a MW of traffic 1,000 km for a month
	LeverRTTBoundChange // relative change of every bounded class's latency bound
	LeverExtraGrowth    // yearly demand growth added from the month it is set
	numLevers
)

// NumLevers is the number of levers.
const NumLevers = int(numLevers)

// Policy is the level of every lever: the part of the planner's policy that may change during a run.
// A world holds its own (economy.World.Policy); the scenario holds the levels it starts from.
type Policy struct {
	WestShare         float64
	Enforcement       float64
	SubsidyMYuanPerMW float64
	WestSteering      float64
	Quotas            float64
	Moderation        float64
	NonHubIncentives  float64
	TransitCost       float64
	RTTBoundChange    float64
	ExtraGrowth       float64
}

// LeverSpec is what the rest of the code needs to know about one lever.
type LeverSpec struct {
	// Key is the scenario key of the lever's starting level (--set, the params listing) and the key a
	// policy event sets.
	Key string
	// Label is the catalog key of the lever's name in the game (assets/i18n/<lang>/ui.toml).
	Label string
	// Level returns where the lever's level is in a policy.
	Level func(*Policy) *float64
	// Step and BigStep are a control's small and large steps; Top is the top of a control's scale (at most
	// the valid range's top, which can be far beyond what is worth offering a player).
	Step, BigStep, Top float64
	// World marks a world lever: a what-if or a policy event moves it, a planner's decision does not.
	World bool
	// Format is the catalog key that shows a level in the game with its unit (%[1]s: the number, with as
	// many decimals as Step has); empty: a share or a yearly rate as a percentage, else the number and
	// the unit tag.
	Format string
	// InDialog marks a lever the human planner sets in its decision dialog: a row after the quota, in
	// table order, with its help (Help: the catalog key of its plain-language help, assets/i18n/<lang>/
	// cf.toml) and the guided first round's text for it (Guide: info.toml).
	InDialog    bool
	Help, Guide string
	// WhatIf is the lever's place in the game's what-if panel (1: first); 0: not offered there.
	WhatIf int
}

// levers is the table of levers, indexed by lever.
var levers = [...]LeverSpec{
	LeverWestShare: {Key: "planner.west_share", Label: "ui.dlg.west_share",
		Level: func(p *Policy) *float64 { return &p.WestShare }, Step: 0.05, BigStep: 0.25, Top: 1,
		InDialog: true, Help: "ui.cf.help.west_share", Guide: "ui.guide.planner.west_share"},
	LeverEnforcement: {Key: "planner.enforcement", Label: "ui.dlg.enforcement",
		Level: func(p *Policy) *float64 { return &p.Enforcement }, Step: 0.05, BigStep: 0.25, Top: 1,
		InDialog: true, Help: "ui.cf.help.enforcement", Guide: "ui.guide.planner.enforcement", WhatIf: 4},
	LeverSubsidy: {Key: "planner.subsidy_m_yuan_per_mw", Label: "ui.dlg.central_subsidy",
		Level: func(p *Policy) *float64 { return &p.SubsidyMYuanPerMW }, Step: 0.25, BigStep: 1, Top: 50,
		Format: "ui.unit.myuan_mw", InDialog: true, Help: "ui.cf.help.central_subsidy",
		Guide: "ui.guide.planner.central_subsidy", WhatIf: 5},
	LeverWestSteering: {Key: "planner.west_steering", Label: "ui.dlg.west_steering",
		Level: func(p *Policy) *float64 { return &p.WestSteering }, Step: 5000, BigStep: 25000, Top: 1e6,
		Format: "ui.unit.number", InDialog: true, Help: "ui.cf.help.west_steering",
		Guide: "ui.guide.planner.west_steering"},
	LeverQuotas: {Key: "planner.quotas", Label: "ui.dlg.quotas",
		Level: func(p *Policy) *float64 { return &p.Quotas }, Step: 1, BigStep: 1, Top: 1},
	LeverModeration: {Key: "planner.moderation", Label: "ui.dlg.moderation",
		Level: func(p *Policy) *float64 { return &p.Moderation }, Step: 1, BigStep: 1, Top: 1},
	LeverNonHubIncentives: {Key: "planner.non_hub_incentives", Label: "ui.dlg.non_hub_incentives",
		Level: func(p *Policy) *float64 { return &p.NonHubIncentives }, Step: 0.25, BigStep: 1, Top: 1},
	LeverTransitCost: {Key: "network.transit_cost", Label: "ui.whatif.transit_cost", World: true,
		Level: func(p *Policy) *float64 { return &p.TransitCost }, Step: 50000, BigStep: 200000, Top: 2e6,
		Format: "ui.whatif.transit_value", WhatIf: 1},
	LeverRTTBoundChange: {Key: "demand.rtt_bound_change", Label: "ui.whatif.rtt_bound_change", World: true,
		Level: func(p *Policy) *float64 { return &p.RTTBoundChange }, Step: 0.1, BigStep: 0.5, Top: 4, WhatIf: 2},
	LeverExtraGrowth: {Key: "demand.extra_growth", Label: "ui.whatif.extra_growth", World: true,
		Level: func(p *Policy) *float64 { return &p.ExtraGrowth }, Step: 0.05, BigStep: 0.2, Top: 0.5, WhatIf: 3},
}

// Levers returns every lever, in table order.
func Levers() []Lever {
	ls := make([]Lever, numLevers)
	for i := range ls {
		ls[i] = Lever(i)
	}
	return ls
}

// Spec returns the lever's row of the table.
func (l Lever) Spec() LeverSpec {
	if l < 0 || l >= numLevers {
		return LeverSpec{}
	}
	return levers[l]
}

// String returns the lever's key.
func (l Lever) String() string {
	if l < 0 || l >= numLevers {
		return fmt.Sprintf("Lever(%d)", int(l))
	}
	return levers[l].Key
}

// Range returns the lever's valid range: its scenario field's range tag.
func (l Lever) Range() Range {
	f := l.field()
	return Range{f.lo, f.hi}
}

// Unit returns the lever's unit: its scenario field's unit tag ("1" for a share).
func (l Lever) Unit() string { return l.field().unit }

// field returns the scenario field of the lever's key.
func (l Lever) field() *field {
	_, f, _, err := (&Scenario{}).resolve(l.String())
	if err != nil {
		panic(fmt.Sprintf("configs: lever %d: %v", int(l), err)) // TestLeverTable resolves every key
	}
	return f
}

// Clamp returns v within the lever's range (NaN: the bottom of the range).
func (l Lever) Clamp(v float64) float64 {
	r := l.Range()
	if math.IsNaN(v) {
		return r.Lo
	}
	return min(r.Hi, max(r.Lo, v))
}

// Check returns an error naming the lever when v is not a number within its range.
func (l Lever) Check(v float64) error {
	if r := l.Range(); math.IsNaN(v) || !r.Contains(v) {
		return fmt.Errorf("%s = %v is outside [%g, %g]", l, v, r.Lo, r.Hi)
	}
	return nil
}

// ParseLever returns the lever whose key is key.
func ParseLever(key string) (Lever, error) {
	for l, spec := range levers {
		if spec.Key == key {
			return Lever(l), nil
		}
	}
	return 0, fmt.Errorf("unknown policy key %q (one of: %s)", key, strings.Join(leverKeys(), ", "))
}

// leverKeys lists the keys of every lever, in table order.
func leverKeys() []string {
	ks := make([]string, numLevers)
	for l, spec := range levers {
		ks[l] = spec.Key
	}
	return ks
}

// Policy returns the levels the scenario's run starts from.
func (s *Scenario) Policy() Policy {
	var p Policy
	for _, l := range Levers() {
		v, _, _, err := s.resolve(l.String())
		if err != nil {
			panic(fmt.Sprintf("configs: lever %d: %v", int(l), err))
		}
		*l.Spec().Level(&p) = v.Float()
	}
	return p
}

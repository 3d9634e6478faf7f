// Package session is the game's model side without any display: one game (scenario, seed, roles), the
// clock, the human players' actions (recorded, so a game replays), the history the charts read, the news
// log, save/load, the debrief score and the seminar export. The ebiten layer (package game) reads a
// Session and sends it actions; it never touches the model directly.
package session

import (
	"math"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
)

// TPS is the game's fixed update rate; the clock counts ticks, never frames or wall time.
const TPS = 60

// MaxSpeed is the fastest speed, in model months per second.
const MaxSpeed = 8

// Difficulty is how aggressive the AI provinces are.
type Difficulty int

const (
	Easy Difficulty = iota
	Normal
	Hard
)

// Role says who the humans are; the AI plays everyone else. No humans is autoplay.
type Role struct {
	Planner   bool  `json:"planner,omitempty"`
	Provinces []int `json:"provinces,omitempty"` // hot seat: they take turns, in this order, at each round
}

// Autoplay reports whether the AI plays every role.
func (r Role) Autoplay() bool { return !r.Planner && len(r.Provinces) == 0 }

// Setup is everything a new game is made from; with the action log it determines the whole game.
type Setup struct {
	Preset       string     `json:"preset,omitempty"`        // embedded preset, when ScenarioTOML is empty
	ScenarioName string     `json:"scenario_name,omitempty"` // the file's name, for messages
	ScenarioTOML string     `json:"scenario_toml,omitempty"` // the scenario file's full text
	Seed         uint64     `json:"seed"`
	Difficulty   Difficulty `json:"difficulty"`
	Role         Role       `json:"role"`
	// Facilitator is the facilitator mode: the AI plays every role (Role must be empty) and the
	// facilitator moves the levers with what-ifs (which autoplay allows too).
	Facilitator bool `json:"facilitator,omitempty"`
}

// Action is one human choice, stamped with the month that had ended when it was made; it applies at the
// start of the next month (through agents.Model.Pending / PendingPlanner, the AI's own types).
type Action struct {
	Month    configs.Month           `json:"month"`
	Province *agents.Decision        `json:"province,omitempty"`
	Planner  *agents.PlannerDecision `json:"planner,omitempty"`
	WhatIf   *WhatIf                 `json:"what_if,omitempty"`
}

// Waiting lists the humans the clock waits for before the next month (a quota round).
type Waiting struct {
	Provinces []int // hot-seat order
	Planner   bool
}

// Any reports whether anyone is awaited.
func (w Waiting) Any() bool { return w.Planner || len(w.Provinces) > 0 }

// History is every month's metrics so far, for the charts, layers over time and the export.
type History struct {
	Columns  []economy.Column
	Scopes   []economy.Scope
	Months   []configs.Month
	Scope    [][][]float64 // [month][scope][column]
	Province [][][]float64 // [month][province][column]
}

// ScopeIndex is the index of the scope called name in Scopes, or -1.
func (h *History) ScopeIndex(name string) int {
	for i, sc := range h.Scopes {
		if sc.Name == name {
			return i
		}
	}
	return -1
}

// News is one line of the news log, translated by the view: Key is a catalog key, Provinces are province
// ids the message names and Args the numbers it shows, in the catalog's order. A what-if's line
// ("news.whatif") names its lever by Lever (the scenario key) and holds its level in Args[0].
type News struct {
	Month     configs.Month
	Key       string
	Provinces []string
	Args      []float64
	Lever     string
}

// ScorePart is one part of a scoreboard.
type ScorePart struct {
	Key   string  // catalog key of the part
	Unit  string  // catalog key of the value's unit (UnitKeys): a format of one formatted number
	Value float64 // the measured value: a fraction for UnitPercent and UnitPoints, else in the unit
	Score float64 // 0..100
	// HasOwn (a nation's part, for a province): Own is the same measure on the province alone, in the
	// same unit, and OwnScore its points on the same rule.
	HasOwn        bool
	Own, OwnScore float64
}

// OwnPart is the part's own value as a part of its own (for Display).
func (p ScorePart) OwnPart() ScorePart {
	return ScorePart{Key: p.Key, Unit: p.Unit, Value: p.Own, Score: p.OwnScore}
}

// The units of the score parts' values: catalog keys (assets/i18n/<lang>/session.toml), each a format
// with one argument, the number already formatted (%[1]s).
const (
	UnitPercent = "score.unit.pct"    // a share or a utilisation (Value is a fraction, shown x 100)
	UnitPoints  = "score.unit.points" // a gap between two utilisations (a fraction, shown in points x 100)
	UnitTCO2MWh = "score.unit.t_mwh"  // tonnes of CO2 per MWh
	UnitBnYuan  = "score.unit.bn_yuan"
	UnitTimes   = "score.unit.times"   // a ratio (×)
	UnitYears   = "score.unit.years"   // years of revenue
	UnitPctGDP  = "score.unit.pct_gdp" // a share of GDP (Value a fraction, shown x 100 with two digits)
)

// UnitKeys lists every unit of a score part.
func UnitKeys() []string {
	return []string{UnitBnYuan, UnitPctGDP, UnitPercent, UnitPoints, UnitTCO2MWh, UnitTimes, UnitYears}
}

// Display is the part's value as its unit shows it (fractions as percent or points) and the digits to
// show it with.
func (p ScorePart) Display() (float64, int) {
	switch p.Unit {
	case UnitPercent, UnitPoints:
		v := 100 * p.Value
		if math.Abs(v) < 10 && v != 0 {
			return v, 1
		}
		return v, 0
	case UnitBnYuan:
		if math.Abs(p.Value) < 10 {
			return p.Value, 1
		}
		return p.Value, 0
	case UnitYears:
		return p.Value, 1
	case UnitPctGDP:
		return 100 * p.Value, 2
	}
	return p.Value, 2
}

// Debrief is the end-of-game account of one role: its two boards (the live boards' numbers), what
// drove the building (the model's own ledger) and the tension between the boards.
type Debrief struct {
	Scores
	Why     Why
	Tension Tension
}

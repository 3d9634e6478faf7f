// Package series is the one table of the charted series — which history scope and metric column each
// reads, its catalog key and its colour — shared by the game's charts (package game) and the charts of
// its export (package session), so that a colour means one series everywhere.
package series

import (
	"image/color"

	"dongshu/economy"
)

// ID is a charted series.
type ID uint8

const (
	EastUtil ID = iota
	WestUtil
	Capacity
	Demand
	Overbuild
	Redundant
	CO2
	NumSeries
)

// Style is a series' name (catalog key) and colour.
type Style struct {
	Key string
	C   color.RGBA
}

// Styles are the series' names and colours: the Okabe-Ito colour-blind-safe hues, chosen to read on the
// game's dark panels and on the export's white background alike; no two series share one.
var Styles = [NumSeries]Style{
	EastUtil:  {"ui.chart.east", color.RGBA{0xE6, 0x9F, 0x00, 0xff}},   // orange
	WestUtil:  {"ui.chart.west", color.RGBA{0x56, 0xB4, 0xE9, 0xff}},   // sky blue
	Capacity:  {"ui.chart.cap", color.RGBA{0x19, 0xB0, 0x86, 0xff}},    // bluish green
	Demand:    {"ui.chart.demand", color.RGBA{0xCC, 0x79, 0xA7, 0xff}}, // reddish purple
	Overbuild: {"ui.charts.overbuild", color.RGBA{0xD5, 0x5E, 0x00, 0xff}},
	Redundant: {"ui.charts.redundant", color.RGBA{0x3A, 0x8F, 0xD0, 0xff}}, // blue
	CO2:       {"ui.charts.co2", color.RGBA{0x9A, 0xA4, 0xB5, 0xff}},       // grey
}

// Scope is the history scope a series is summed over.
type Scope uint8

const (
	National Scope = iota
	EastHubs
	WestHubs
)

// ScopeName is the history's name of scope s.
func (s Scope) ScopeName() string {
	switch s {
	case EastHubs:
		return economy.ScopeEastHubs.String()
	case WestHubs:
		return economy.ScopeWestHubs.String()
	}
	return economy.ScopeNational.String()
}

// Ref is where a series' values are: a scope and a fixed metric column (economy.Col*).
type Ref struct {
	ID     ID
	Scope  Scope
	Column int
}

// Chart is a chart of the game: its title's catalog key and its series.
type Chart struct {
	Title  string
	Series []Ref
}

// The game's charts, in the play screen's order (left to right, top to bottom).
const (
	ChartUtilisation = iota
	ChartCapacity
	ChartOverbuild
	ChartCO2
	NumCharts
)

// Charts are the game's charts; the export draws the first two (utilisation.png, capacity.png) from the
// same definitions.
var Charts = [NumCharts]Chart{
	ChartUtilisation: {"ui.chart.utilisation", []Ref{{EastUtil, EastHubs, economy.ColUtilisation}, {WestUtil, WestHubs, economy.ColUtilisation}}},
	ChartCapacity:    {"ui.chart.capacity", []Ref{{Capacity, National, economy.ColCapacity}, {Demand, National, economy.ColDemand}}},
	ChartOverbuild:   {"ui.chart.overbuild", []Ref{{Overbuild, National, economy.ColOverbuild}}},
	ChartCO2:         {"ui.chart.co2", []Ref{{CO2, National, economy.ColCO2}}},
}

// Unit is how a column's values (in unit, from economy's column table) are shown on an axis whose
// largest value is top: the factor and the unit shown (a share as %, MW as GW, tonnes as Mt or kt).
func Unit(unit string, top float64) (mul float64, shown string) {
	switch {
	case unit == "1":
		return 100, "%"
	case unit == "MW" && top >= 1000:
		return 1e-3, "GW"
	case unit == "t" && top >= 1e6:
		return 1e-6, "Mt"
	case unit == "t" && top >= 1e3:
		return 1e-3, "kt"
	}
	return 1, unit
}

// Package series is the table of the game's charted series — which history scope and metric column each
// reads and its catalog key — shared by the game's charts (package game) and the charts of its export
// (package session). The series and their colours are internal/chart's, the batch report's too, so that
// a colour means one series everywhere.
package series

import (
	"image/color"

	"dongshu/economy"
	"dongshu/internal/chart"
)

// ID is a series the game charts.
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

// Styles are the series' names and their colours from internal/chart's one table (chart.Paints), the
// batch report's too; no two series share one.
var Styles = [NumSeries]Style{
	EastUtil:  {"ui.chart.east", chart.Paints[chart.EastUtil].RGBA},
	WestUtil:  {"ui.chart.west", chart.Paints[chart.WestUtil].RGBA},
	Capacity:  {"ui.chart.cap", chart.Paints[chart.Capacity].RGBA},
	Demand:    {"ui.chart.demand", chart.Paints[chart.Demand].RGBA},
	Overbuild: {"ui.charts.overbuild", chart.Paints[chart.Overbuild].RGBA},
	Redundant: {"ui.charts.redundant", chart.Paints[chart.Redundant].RGBA},
	CO2:       {"ui.charts.co2", chart.Paints[chart.CO2].RGBA},
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

// Unit is how a column's values are shown on an axis (chart.Unit).
func Unit(unit string, top float64) (mul float64, shown string) { return chart.Unit(unit, top) }

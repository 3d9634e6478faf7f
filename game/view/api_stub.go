// Package view computes everything the game shows, without drawing: the map's cartogram layout, the
// layers' values and colour scales with their legends, tooltips, workload flows for the animation and
// the news lines' text. Pure Go, tested without a display; the ebiten layer only draws what it returns.
package view

// This file holds the API the game layer is written against while the view helper builds it; it is
// deleted when the real implementation lands.

import (
	"image/color"

	"dongshu/agents"
	"dongshu/game/i18n"
	"dongshu/game/session"
)

// Layer is a map colouring.
type Layer int

const (
	Utilisation Layer = iota
	Online
	Building
	PowerPrice
	CoalShare
	WaterStress
	Latency // to the selected hub
	Debt
	NumLayers
)

// Key is the layer's catalog key ("layer.utilisation", ...).
func (l Layer) Key() string { panic("view: not built yet") }

// Palette is a colour-blind-safe sequential palette.
type Palette int

const (
	Viridis Palette = iota
	Cividis
)

// Scale maps a layer's values to colours.
type Scale struct {
	Min, Max float64
	Palette  Palette
	UnitKey  string // catalog key of the unit
}

// Colour returns the colour of v (values outside [Min, Max] take the end colours; NaN is grey: no data).
func (s Scale) Colour(v float64) color.RGBA { panic("view: not built yet") }

// Ticks returns up to n round legend values within [Min, Max].
func (s Scale) Ticks(n int) []float64 { panic("view: not built yet") }

// Cell is one province's tile on the cartogram.
type Cell struct {
	Province string // id
	Col, Row int
}

// Layout is the tile-grid cartogram of the provinces (assets/map/layout.toml).
type Layout struct {
	Cols, Rows int
	Cells      []Cell // in the scenario's province order once Bind is called
}

// LoadLayout reads the embedded layout.
func LoadLayout() (*Layout, error) { panic("view: not built yet") }

// Bind orders the cells by the model's provinces; a province missing from the layout is an error.
func (l *Layout) Bind(m *agents.Model) error { panic("view: not built yet") }

// Values fills out[p] with the layer's value for every province and returns its scale; hub is the
// province index latency is measured to (Latency only). No allocation when out has room.
func Values(m *agents.Model, l Layer, hub int, p Palette, out []float64) ([]float64, Scale) {
	panic("view: not built yet")
}

// Tooltip returns the lines shown when hovering province p.
func Tooltip(c *i18n.Catalog, m *agents.Model, p int) []string { panic("view: not built yet") }

// Flow is work placed this month from the province where it was made to the one running it.
type Flow struct {
	From, To int
	Class    int
	MW       float64
}

// Flows appends this month's flows of at least minMW to out (largest first, ties by indices).
func Flows(m *agents.Model, minMW float64, out []Flow) []Flow { panic("view: not built yet") }

// NewsLine translates one news item.
func NewsLine(c *i18n.Catalog, n session.News) string { panic("view: not built yet") }

package game

import "dongshu/game/series"

// Geometry of every screen, computed from the window size alone (pure: tested without a display).

// Rect is an axis-aligned rectangle in logical pixels.
type Rect struct{ X, Y, W, H float32 }

// Contains reports whether (x, y) lies inside r.
func (r Rect) Contains(x, y float32) bool {
	return x >= r.X && y >= r.Y && x < r.X+r.W && y < r.Y+r.H
}

// Inset shrinks r by d on every side.
func (r Rect) Inset(d float32) Rect { return Rect{r.X + d, r.Y + d, max(0, r.W-2*d), max(0, r.H-2*d)} }

// Within reports whether r lies inside o.
func (r Rect) Within(o Rect) bool {
	return r.X >= o.X-0.01 && r.Y >= o.Y-0.01 && r.X+r.W <= o.X+o.W+0.01 && r.Y+r.H <= o.Y+o.H+0.01
}

// Overlaps reports whether r and o share some area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Chart indices.
const (
	ChartUtilisation = series.ChartUtilisation // east vs west hubs
	ChartCapacity    = series.ChartCapacity    // capacity vs demand
	ChartOverbuild   = series.ChartOverbuild
	ChartCO2         = series.ChartCO2
	NumCharts        = series.NumCharts
)

// Geometry is the play screen's layout for one window size.
type Geometry struct {
	W, H   float32
	S      float32 // scale of fonts and spacing (1 at 1280x720)
	Margin float32
	TopBar Rect
	Status Rect
	Map    Rect // the map panel
	Grid   Rect // the cartogram's cells, centred in the map panel
	Cell   float32
	Cols   int
	Rows   int
	Legend Rect
	Side   Rect // selected province
	News   Rect
	// NewsBeside is where the news goes while the decision dialog covers the right column: under the
	// charts, beside the dialog.
	NewsBeside Rect
	Charts     [NumCharts]Rect
	Dialog     Rect // the decision dialog covers the right column
	Banner     Rect // hot-seat and waiting banner, over the top of the map
	Centre     Rect // help overlay and message box area
}

// Scale is the font and spacing scale for a window of w x h.
func Scale(w, h int) float32 {
	s := min(float32(w)/1280, float32(h)/720)
	return min(2, max(0.75, s))
}

// ComputeGeometry lays out the play screen for a w x h window and a cartogram of cols x rows cells.
func ComputeGeometry(w, h, cols, rows int) Geometry {
	cols, rows = max(cols, 1), max(rows, 1)
	s := Scale(w, h)
	g := Geometry{W: float32(w), H: float32(h), S: s, Margin: 8 * s, Cols: cols, Rows: rows}
	m := g.Margin
	top := 34 * s
	status := 24 * s
	g.TopBar = Rect{0, 0, g.W, top}
	g.Status = Rect{0, g.H - status, g.W, status}
	bodyY := top + m
	bodyH := g.H - top - status - 2*m
	// The map takes the left, full height: the cartogram is taller than wide.
	titleH := 26 * s
	legendH := 50 * s
	gridH := bodyH - titleH - legendH - m
	g.Cell = min(gridH/float32(rows), g.W*0.46/float32(cols))
	mapW := max(g.Cell*float32(cols)+2*m, 470*s)
	g.Map = Rect{m, bodyY, mapW, bodyH}
	gw, gh := g.Cell*float32(cols), g.Cell*float32(rows)
	g.Grid = Rect{g.Map.X + (mapW-gw)/2, g.Map.Y + titleH + (gridH-gh)/2, gw, gh}
	g.Legend = Rect{g.Map.X + m, g.Map.Y + g.Map.H - legendH - m/2, mapW - 2*m, legendH}
	// The right area: the selected province's panel and the charts on top, the news below.
	rx := g.Map.X + mapW + m
	rw := g.W - rx - m
	sideW := float32(int(min(max(g.W*0.29, 330*s), 520*s, rw*0.5)))
	topH := float32(int(bodyH * 0.62))
	g.Side = Rect{rx, bodyY, sideW, topH}
	g.News = Rect{rx, bodyY + topH + m, rw, bodyH - topH - m}
	cx := rx + sideW + m
	cw := (rw - sideW - 2*m) / 2
	chh := (topH - m) / 2
	for i := range NumCharts {
		g.Charts[i] = Rect{cx + float32(i%2)*(cw+m), bodyY + float32(i/2)*(chh+m), cw, chh}
	}
	g.Dialog = Rect{rx, bodyY, sideW, bodyH}
	g.NewsBeside = Rect{cx, g.News.Y, rx + rw - cx, g.News.H}
	g.Banner = Rect{g.Map.X + m, g.Map.Y + titleH, mapW - 2*m, 30 * s}
	cwid, chei := min(g.W-4*m, 760*s), min(g.H-4*m, 600*s)
	g.Centre = Rect{(g.W - cwid) / 2, (g.H - chei) / 2, cwid, chei}
	return g
}

// CellRect is the drawn tile of the cell at (col, row): the pitch less a gap.
func (g *Geometry) CellRect(col, row int) Rect {
	gap := max(1, g.Cell*0.06)
	return Rect{g.Grid.X + float32(col)*g.Cell + gap/2, g.Grid.Y + float32(row)*g.Cell + gap/2, g.Cell - gap, g.Cell - gap}
}

// CellCentre is the centre of the cell at (col, row).
func (g *Geometry) CellCentre(col, row int) (float32, float32) {
	return g.Grid.X + (float32(col)+0.5)*g.Cell, g.Grid.Y + (float32(row)+0.5)*g.Cell
}

// CellAt returns the grid cell under (x, y).
func (g *Geometry) CellAt(x, y float32) (col, row int, ok bool) {
	if !g.Grid.Contains(x, y) || g.Cell <= 0 {
		return 0, 0, false
	}
	return int((x - g.Grid.X) / g.Cell), int((y - g.Grid.Y) / g.Cell), true
}

// Centred returns a w x h rectangle centred in a W x H window.
func Centred(W, H, w, h float32) Rect { return Rect{(W - w) / 2, (H - h) / 2, w, h} }

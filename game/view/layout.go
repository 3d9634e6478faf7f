package view

import (
	"fmt"

	"github.com/BurntSushi/toml"

	"dongshu/agents"
	"dongshu/assets"
)

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
func LoadLayout() (*Layout, error) {
	data, err := assets.FS.ReadFile("map/layout.toml")
	if err != nil {
		return nil, err
	}
	l, err := ParseLayout(data)
	if err != nil {
		return nil, fmt.Errorf("map/layout.toml: %w", err)
	}
	return l, nil
}

// ParseLayout reads a layout in the format of assets/map/layout.toml and checks it: a positive grid,
// every cell inside it, no province twice and no two provinces on one cell.
func ParseLayout(data []byte) (*Layout, error) {
	var raw struct {
		Cols, Rows int
		Cell       []struct {
			Province string
			Col, Row int
		}
	}
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("unknown key %q", und[0].String())
	}
	if raw.Cols <= 0 || raw.Rows <= 0 {
		return nil, fmt.Errorf("cols and rows must be positive (cols = %d, rows = %d)", raw.Cols, raw.Rows)
	}
	l := &Layout{Cols: raw.Cols, Rows: raw.Rows}
	seen := map[string]bool{}
	at := map[[2]int]string{}
	for _, c := range raw.Cell {
		switch {
		case c.Province == "":
			return nil, fmt.Errorf("a cell at col %d, row %d has no province", c.Col, c.Row)
		case seen[c.Province]:
			return nil, fmt.Errorf("province %q is placed twice", c.Province)
		case c.Col < 0 || c.Col >= l.Cols || c.Row < 0 || c.Row >= l.Rows:
			return nil, fmt.Errorf("province %q: col %d, row %d is outside the %dx%d grid", c.Province, c.Col, c.Row, l.Cols, l.Rows)
		}
		if other, dup := at[[2]int{c.Col, c.Row}]; dup {
			return nil, fmt.Errorf("provinces %q and %q share col %d, row %d", other, c.Province, c.Col, c.Row)
		}
		seen[c.Province] = true
		at[[2]int{c.Col, c.Row}] = c.Province
		l.Cells = append(l.Cells, Cell{c.Province, c.Col, c.Row})
	}
	return l, nil
}

// Bind orders the cells by the model's provinces; a province missing from the layout is an error.
// Cells of provinces the scenario does not have are dropped (a scenario may model fewer provinces), so
// that afterwards Cells[p] is province p's tile.
func (l *Layout) Bind(m *agents.Model) error {
	byID := make(map[string]Cell, len(l.Cells))
	for _, c := range l.Cells {
		byID[c.Province] = c
	}
	cells := make([]Cell, 0, len(m.W.Provinces))
	var missing []string
	for _, p := range m.W.Provinces {
		c, ok := byID[p.ID]
		if !ok {
			missing = append(missing, p.ID)
			continue
		}
		cells = append(cells, c)
	}
	if len(missing) > 0 {
		return fmt.Errorf("map layout: no cell for province(s) %q", missing)
	}
	l.Cells = cells
	return nil
}

// At returns the index in Cells of the tile at col, row, or -1 (hit testing).
func (l *Layout) At(col, row int) int {
	for i, c := range l.Cells {
		if c.Col == col && c.Row == row {
			return i
		}
	}
	return -1
}

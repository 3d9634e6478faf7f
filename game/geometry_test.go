package game

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGeometry(t *testing.T) {
	for _, sz := range [][2]int{{1280, 720}, {1920, 1080}, {1280, 800}, {1024, 640}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			g := ComputeGeometry(sz[0], sz[1], 7, 8)
			win := Rect{0, 0, float32(sz[0]), float32(sz[1])}
			panels := map[string]Rect{"top": g.TopBar, "status": g.Status, "map": g.Map, "side": g.Side, "news": g.News}
			for i, c := range g.Charts {
				panels[fmt.Sprint("chart", i)] = c
			}
			for name, r := range panels {
				assert.True(t, r.Within(win), "%s %v inside the window", name, r)
				assert.Greater(t, r.W, float32(50), "%s has room", name)
				assert.Greater(t, r.H, float32(18), "%s has room", name)
			}
			for a, ra := range panels {
				for b, rb := range panels {
					if a < b {
						assert.False(t, ra.Overlaps(rb), "%s %v and %s %v do not overlap", a, ra, b, rb)
					}
				}
			}
			assert.True(t, g.Grid.Within(g.Map), "grid in the map panel")
			assert.True(t, g.Legend.Within(g.Map), "legend in the map panel")
			assert.False(t, g.Legend.Overlaps(g.Grid), "legend below the grid")
			assert.True(t, g.Dialog.Within(win))
			assert.True(t, g.Centre.Within(win))
			assert.GreaterOrEqual(t, g.Cell, float32(56)*g.S, "cells big enough for a label")
			for col := range 7 {
				for row := range 8 {
					r := g.CellRect(col, row)
					require.True(t, r.Within(g.Grid), "cell %d,%d", col, row)
					cx, cy := g.CellCentre(col, row)
					c2, r2, ok := g.CellAt(cx, cy)
					require.True(t, ok)
					assert.Equal(t, [2]int{col, row}, [2]int{c2, r2})
				}
			}
			_, _, ok := g.CellAt(g.Grid.X-1, g.Grid.Y)
			assert.False(t, ok)
		})
	}
	g1, g2 := ComputeGeometry(1280, 720, 7, 8), ComputeGeometry(1920, 1080, 7, 8)
	assert.InDelta(t, 1.0, g1.S, 1e-6)
	assert.InDelta(t, 1.5, g2.S, 1e-6, "fonts grow with the window")
	assert.Greater(t, g2.Cell, g1.Cell)
}

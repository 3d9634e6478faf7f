package economy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// TestRouteWorkersCanChange switches Allocator.RouteWorkers between months in a world of one source
// (one province, one class), where prefixAll runs on a single goroutine after a serial month has sized
// its per-goroutine buffers: the routes must be found either way.
func TestRouteWorkersCanChange(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) {
		s.Provinces = s.Provinces[:1]
		s.Provinces[0].Neighbours = nil
		s.Network.HistoricHubs = s.Network.HistoricHubs[:1]
		s.Demand.Classes = s.Demand.Classes[1:]
		s.Demand.Classes[0].Share = 1
	})
	w.Alloc.RouteWorkers = 1
	placeDemand(t, w, map[[2]int]float64{{0, 0}: 5})
	serial := len(w.Alloc.Arcs())
	w.Alloc.RouteWorkers = 2
	placeDemand(t, w, map[[2]int]float64{{0, 0}: 10})
	require.Positive(t, serial)
	assert.Equal(t, serial, len(w.Alloc.Arcs()), "the same routes on more goroutines")
}

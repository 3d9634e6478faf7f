package agents

import (
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// runHeadlines runs a scenario for seeds 1..n in parallel and returns their headlines in seed order.
func runHeadlines(t *testing.T, s *configs.Scenario, n int) []Headline {
	t.Helper()
	out := make([]Headline, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			sc := s.Clone()
			sc.Seed = uint64(i + 1)
			m, err := New(sc)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = m.Run(func(month configs.Month, rows [][]float64) error {
				out[i].Observe(m.W, month, rows)
				return nil
			})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	return out
}

func median(hs []Headline, f func(*Headline) float64) float64 {
	v := make([]float64, len(hs))
	for i := range hs {
		v[i] = f(&hs[i])
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// TestCalibration checks the 2022 stylised facts over 20 seeds (FACTS.md): north-west data centres
// about 30 % occupied, eastern ones above 65 % (we ask >= 0.62), and national capacity growing from
// 5.2M standard racks at end-2021 to about 8M at end-2023. Nothing in the code path clamps utilisation:
// the pattern comes from latency, costs, incentives and quotas.
func TestCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("20 baseline runs")
	}
	hs := runHeadlines(t, baseline(t, 1), 20)
	nw := median(hs, func(h *Headline) float64 { return h.NorthwestUtil2022 })
	east := median(hs, func(h *Headline) float64 { return h.EastHubsUtil2022 })
	r21 := median(hs, func(h *Headline) float64 { return h.RacksEnd2021M })
	r23 := median(hs, func(h *Headline) float64 { return h.RacksEnd2023M })
	nat := median(hs, func(h *Headline) float64 { return h.NationalUtil2022 })
	t.Logf("median of 20 seeds: northwest 2022 %.3f, east hubs 2022 %.3f, national 2022 %.3f, racks end-2021 %.2fM, end-2023 %.2fM",
		nw, east, nat, r21, r23)
	assert.LessOrEqual(t, nw, 0.32, "north-west utilisation 2022")
	assert.GreaterOrEqual(t, east, 0.62, "east hubs utilisation 2022")
	assert.InDelta(t, 5.2, r21, 0.6, "racks end-2021 (M)")
	assert.InDelta(t, 8.1, r23, 1.0, "racks end-2023 (M)")
}

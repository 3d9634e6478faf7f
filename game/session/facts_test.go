package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/economy"
)

// scopeIndex is the History's index of the named scope.
func scopeIndex(t *testing.T, h *History, name string) int {
	t.Helper()
	i := h.ScopeIndex(name)
	require.GreaterOrEqual(t, i, 0, "no scope "+name)
	return i
}

// The debrief's key figures agree with the History, recomputed here the plain way.
func TestFactsAgreeWithHistory(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{guizhou}}})
	for !s.Done() {
		if w := s.Waiting(); len(w.Provinces) > 0 {
			d := s.Advice(guizhou).Decision
			d.Province = guizhou
			require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Province: &d}))
		}
		require.NoError(t, s.Step())
	}
	h := s.History()
	w := s.Model().W
	c := w.Col
	n := len(h.Months)
	require.Greater(t, n, 24)
	f := s.Facts()
	assert.Equal(t, n, f.Months)
	assert.Equal(t, h.Months[0], f.Start)
	assert.Equal(t, h.Months[n-1], f.End)

	nat, east, west, nw := scopeIndex(t, h, "national"), scopeIndex(t, h, "east_hubs"), scopeIndex(t, h, "west_hubs"), scopeIndex(t, h, "northwest")
	mean2022 := func(scope int) float64 {
		sum, k := 0.0, 0
		for i, mo := range h.Months {
			if mo.Year() == 2022 {
				sum += h.Scope[i][scope][c(economy.ColUtilisation)]
				k++
			}
		}
		require.Equal(t, 12, k)
		return sum / float64(k)
	}
	require.True(t, f.Has2022)
	assert.InDelta(t, mean2022(nw), f.NorthwestUtil2022, 1e-12)
	assert.InDelta(t, mean2022(east), f.EastHubsUtil2022, 1e-12)
	assert.InDelta(t, mean2022(west), f.WestHubsUtil2022, 1e-12)
	assert.InDelta(t, mean2022(nat), f.NationalUtil2022, 1e-12)
	assert.Less(t, f.NorthwestUtil2022, f.EastHubsUtil2022, "the north-west fills worse than the east in 2022")

	peak, at := -1.0, h.Months[0]
	for i, mo := range h.Months {
		if v := h.Scope[i][nat][c(economy.ColOverbuild)]; v > peak {
			peak, at = v, mo
		}
	}
	assert.Equal(t, peak, f.PeakOverbuildMW)
	assert.Equal(t, at, f.PeakOverbuildMonth)
	assert.Positive(t, f.PeakOverbuildMW)

	var un, dem, co2, mwh, co20, mwh0 float64
	for i := n - 12; i < n; i++ {
		r := h.Scope[i][nat]
		un += r[c(economy.ColUnserved)]
		dem += r[c(economy.ColDemand)]
		co2 += r[c(economy.ColCO2)]
		mwh += r[c(economy.ColEnergy)]
	}
	for i := range 12 {
		co20 += h.Scope[i][nat][c(economy.ColCO2)]
		mwh0 += h.Scope[i][nat][c(economy.ColEnergy)]
	}
	assert.InDelta(t, un/dem, f.UnservedEnd, 1e-12)
	assert.InDelta(t, co2/mwh, f.CO2PerMWhEnd, 1e-12)
	assert.InDelta(t, co20/mwh0, f.CO2PerMWhStart, 1e-12)
	assert.True(t, f.CO2PerMWhEnd > 0 && f.CO2PerMWhEnd <= w.Scn.Power.ThermalCO2+1e-9, "t/MWh between clean and all-thermal")

	pf := s.ProvinceFacts(guizhou)
	assert.Equal(t, guizhou, pf.Province)
	var used, capa, nused, ncap float64
	for i := n - 12; i < n; i++ {
		used += h.Province[i][guizhou][c(economy.ColUsed)]
		capa += h.Province[i][guizhou][c(economy.ColCapacity)]
		nused += h.Scope[i][nat][c(economy.ColUsed)]
		ncap += h.Scope[i][nat][c(economy.ColCapacity)]
	}
	assert.InDelta(t, used/capa, pf.UtilEnd, 1e-12)
	assert.InDelta(t, nused/ncap, pf.NationalUtilEnd, 1e-12)
	assert.Equal(t, h.Province[0][guizhou][c(economy.ColDebt)], pf.DebtStart)
	assert.Equal(t, h.Province[n-1][guizhou][c(economy.ColDebt)], pf.DebtEnd)
	debt0, debt1, jobs, own, building, online := 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
	for p := range w.Provinces {
		debt0 += h.Province[0][p][c(economy.ColDebt)]
		debt1 += h.Province[n-1][p][c(economy.ColDebt)]
		for i := n - 12; i < n; i++ {
			jobs += h.Province[i][p][c(economy.ColJobs)]
		}
	}
	for i := n - 12; i < n; i++ {
		own += h.Province[i][guizhou][c(economy.ColJobs)]
		building += h.Province[i][guizhou][c(economy.ColBuilding)]
		online += h.Province[i][guizhou][c(economy.ColCapacity)]
	}
	assert.InDelta(t, debt0, pf.NationalDebtStart, 1e-6*debt0)
	assert.InDelta(t, debt1, pf.NationalDebtEnd, 1e-6*debt1)
	// Jobs over the last year, as the career board counts them; construction and operations add up.
	dc := &w.Scn.DataCentres
	assert.InDelta(t, own/12, pf.JobsEnd, 1e-9*own)
	assert.InDelta(t, pf.JobsEnd, pf.JobsBuilding+pf.JobsOnline, 1e-6*pf.JobsEnd)
	assert.InDelta(t, building/12*dc.JobsPerMWBuilding, pf.JobsBuilding, 1e-9*own)
	assert.InDelta(t, own/jobs, pf.JobsShare, 1e-9)
	gdp := 0.0
	for _, p := range w.Provinces {
		gdp += p.Cfg.GDPBnYuan
	}
	assert.InDelta(t, w.Provinces[guizhou].Cfg.GDPBnYuan/gdp, pf.GDPShare, 1e-12)
}

// A game ended before 2022 has no 2022 figures; one not played at all has no figures.
func TestFactsShortGames(t *testing.T) {
	s := newGame(t, Setup{Seed: 2, Difficulty: Normal})
	assert.Equal(t, Facts{}, s.Facts())
	assert.Equal(t, ProvinceFacts{Province: guizhou}, s.ProvinceFacts(guizhou))
	autoplayTo(t, s, month(2021, 6))
	f := s.Facts()
	assert.False(t, f.Has2022)
	assert.Zero(t, f.NorthwestUtil2022)
	assert.Equal(t, month(2021, 6), f.End)
	assert.Equal(t, len(s.History().Months), f.Months)
	pf := s.ProvinceFacts(guizhou)
	assert.GreaterOrEqual(t, pf.UtilEnd, 0.0)
	assert.LessOrEqual(t, pf.UtilEnd, 1.0)
}

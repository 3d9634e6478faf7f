package economy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// TestAcceleratorAllotmentProRata: builds started in the same month share the year's supply pro rata to
// what they want, whatever their order; capex and the local share of it follow the share granted; a supply
// cut records the MW it denied, and the leak makes that share of it reachable abroad once the build is
// online. A supply that covers the want changes nothing.
func TestAcceleratorAllotmentProRata(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) {
		s.DataCentres.AcceleratorShareNew = 0.5
		s.DataCentres.AcceleratorSupplyMW = 100
		s.DataCentres.AcceleratorLeak = 0.25
		s.DataCentres.LeadTimeMonths = 1
		s.Fiscal.LocalCapexShare = 0.2
	})
	require.Equal(t, 3, w.AbroadSite, "the leak opens the foreign pool (site np)")
	w.ChipFactor = 0.5 // supply 50 MW this year; uncut it would be 100
	inv0 := w.Provinces[0].Ledger.Investment
	a := w.StartBuild(0, NewBuild{MW: 200})
	b := w.StartBuild(1, NewBuild{MW: 100})
	w.AdvanceConstruction()
	// Want 150 MW of accelerators: the cut supply gives r = 50/150, the uncut one r0 = 100/150.
	da, db := w.DCs[a], w.DCs[b]
	assert.InDelta(t, 0.5/3, da.AccelShare, 1e-12)
	assert.InDelta(t, 0.5/3, db.AccelShare, 1e-12, "same ration whatever the order")
	assert.InDelta(t, 200*0.5/3, da.DeniedAccelMW, 1e-9)
	assert.InDelta(t, 100*0.5/3, db.DeniedAccelMW, 1e-9)
	assert.InDelta(t, w.capexAt(200, 0.5/3), da.CapexBn, 1e-12)
	assert.InDelta(t, 0.2*da.CapexBn, w.Provinces[0].Ledger.Investment-inv0, 1e-12, "the province pays its share of the capex granted")
	assert.InDelta(t, 1.0/3, w.AccelRation, 1e-12)
	assert.InDelta(t, 1.0/6, w.AcceleratorShareNew(), 1e-12, "the next build expects the last ration")
	// Next month the builds are online: the foreign pool is the leak times the denied MW.
	w.BeginMonth()
	w.AdvanceConstruction()
	assert.InDelta(t, 0.25*150*(2.0/3-1.0/3), w.AbroadMW, 1e-9)
	// The rest of the year's supply is spent: a later build gets nothing, and is denied what the uncut
	// supply still had (100 - 100 = 0: nothing).
	c := w.StartBuild(2, NewBuild{MW: 100})
	w.AdvanceConstruction()
	assert.Zero(t, w.DCs[c].AccelShare)
	assert.Zero(t, w.DCs[c].DeniedAccelMW)
}

// TestAcceleratorSupplyNotBinding: when the supply covers what the builds want, shares and capex are those
// asked for, exactly.
func TestAcceleratorSupplyNotBinding(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) {
		s.DataCentres.AcceleratorShareNew = 0.5
		s.DataCentres.AcceleratorSupplyMW = 1000
	})
	a := w.StartBuild(0, NewBuild{MW: 200})
	capex := w.DCs[a].CapexBn
	w.AdvanceConstruction()
	assert.Equal(t, 0.5, w.DCs[a].AccelShare)
	assert.Equal(t, capex, w.DCs[a].CapexBn)
	assert.Zero(t, w.DCs[a].DeniedAccelMW)
	assert.Equal(t, 1.0, w.AccelRation)
	assert.Equal(t, -1, w.AbroadSite, "no leak, no foreign pool")
}

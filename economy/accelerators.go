package economy

import "dongshu/economy/detmath"

// Accelerators are supplied nationally: each calendar year the country can equip new builds with
// AcceleratorSupply MW of accelerator capacity (datacentres.accelerator_supply_mw, growing at
// accelerator_supply_growth, times the chip_supply multiplier in force). A build asks for the accelerator
// share it wants (the technology mix, or a firm's own mix); at the start of phase 3 the builds started this
// month share what is left of the year's supply pro rata to the accelerator MW they want, so no build is
// served before another for its place in the province order. Builds of a later month of the same year
// (a human decision between rounds) share what the earlier ones left.
//
// Accelerator capacity a build is denied because of a supply cut (what it would have had at the uncut
// supply, less what it got) is recorded on the build; datacentres.accelerator_leak of it is reachable in
// foreign clouds while the build is online (the allocator's "abroad" pool, allocate.go).

// AcceleratorSupply is this year's national accelerator supply (MW of accelerator IT capacity for new
// builds), after the chip_supply shocks in force.
func (w *World) AcceleratorSupply() float64 { return float64(w.uncutSupply() * w.ChipFactor) }

// uncutSupply is this year's supply without supply shocks.
func (w *World) uncutSupply() float64 {
	dc := &w.Scn.DataCentres
	return float64(dc.AcceleratorSupplyMW * detmath.Pow(1+dc.AcceleratorSupplyGrowth, float64(w.Now.Year()-w.Start.Year())))
}

// allotAccelerators shares the year's supply over the builds started since the last allotment, pro rata
// to the accelerator MW they want: with ration r = min(1, supply left / MW wanted) each build's share is
// scaled by r (its capex, and the province's share of it, corrected), and the build records the MW the
// supply cut denied it, want x max(0, r0 - r), where r0 is the ration the uncut supply would have given.
// When the supply covers the want nothing changes.
func (w *World) allotAccelerators() {
	from := w.allotFrom
	w.allotFrom = len(w.DCs)
	if from >= len(w.DCs) {
		return
	}
	if y := w.Now.Year(); y != w.accelYear {
		w.accelYear, w.accelGranted, w.accelGrantedFree = y, 0, 0
	}
	want := 0.0
	for i := from; i < len(w.DCs); i++ {
		want += float64(w.DCs[i].MW * w.DCs[i].AccelShare)
	}
	if want <= 0 {
		return
	}
	r := min(1, max(0, w.AcceleratorSupply()-w.accelGranted)/want)
	r0 := min(1, max(0, w.uncutSupply()-w.accelGrantedFree)/want)
	w.accelGranted += float64(r * want)
	w.accelGrantedFree += float64(r0 * want)
	w.AccelRation = r
	if r >= 1 {
		return
	}
	lcs := w.Scn.Fiscal.LocalCapexShare
	for i := from; i < len(w.DCs); i++ {
		d := &w.DCs[i]
		d.DeniedAccelMW = d.MW * d.AccelShare * max(0, r0-r)
		if d.DeniedAccelMW != 0 {
			w.deniedDCs = append(w.deniedDCs, int32(i))
		}
		d.AccelShare *= r
		w.siteChanged(d.Province)
		capex := w.capexAt(d.MW, d.AccelShare)
		if !d.Private { // the province's share of capex was booked at the start, this month
			w.Provinces[d.Province].Ledger.Investment += float64((capex - d.CapexBn) * lcs)
		}
		d.CapexBn = capex
	}
}

package economy

import (
	"fmt"

	"dongshu/configs"
)

// never is a month no run reaches (an unset "since").
const never = configs.Month(1 << 40)

// loadVaultAndGreen resolves the vault, the green mandate and the foreign accelerator pool.
func (w *World) loadVaultAndGreen() error {
	s := w.Scn
	np := len(w.Provinces)
	w.VaultMW, w.RemoteAccelMW = make([]float64, np), make([]float64, np)
	w.VaultSite = -1
	if s.Vault.Province != "" {
		if w.VaultSite = w.ProvinceIndex(s.Vault.Province); w.VaultSite < 0 {
			return fmt.Errorf("vault.province: unknown province %q", s.Vault.Province)
		}
	}
	var err error
	if w.vaultSince, err = monthOrNever("vault.since", s.Vault.Since); err != nil {
		return err
	}
	if w.greenSince, err = monthOrNever("green.since", s.Green.Since); err != nil {
		return err
	}
	if s.DataCentres.AcceleratorLeak > 0 {
		w.AbroadSite = np // the contract book's extra site
	}
	return nil
}

// VaultActive reports whether the vault holds replicas this month.
func (w *World) VaultActive() bool {
	return w.VaultSite >= 0 && w.Scn.Vault.ReplicaShare > 0 && w.Now >= w.vaultSince
}

// MatchedShareNew is the share of its energy a build started now must draw from its own co-located
// renewables (the green mandate; 0 before green.since).
func (w *World) MatchedShareNew() float64 {
	if w.Now < w.greenSince {
		return 0
	}
	return w.Scn.Green.MatchedShare
}

// greenCapexBn is the capex (bn yuan) of the renewables mw of IT capacity started now must bring to
// match share g of its energy: the plant supplies g of the facility's energy at full occupancy, at the
// PUE of this year's builds at the reference temperature, so its nameplate is
// g x mw x max_occupancy x PUE / capacity_factor, at renewable_capex_m_yuan_per_mw.
func (w *World) greenCapexBn(mw, g float64) float64 {
	gr := &w.Scn.Green
	dc := &w.Scn.DataCentres
	nameplate := g * mw * dc.MaxOccupancy * w.pue(w.Now.Year(), dc.PUERefTempC) / gr.CapacityFactor
	return nameplate * gr.RenewableCapexMYuanPerMW / 1000
}

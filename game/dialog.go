package game

import (
	"math"

	"dongshu/agents"
)

// The decision dialogs' state and editing rules (pure Go: no display, no session).

type dialogKind uint8

const (
	dlgProvince dialogKind = iota
	dlgPlanner
)

// Province dialog fields.
const (
	fRequest = iota
	fBuild
	fCap
	fSubsidy
	fFibre
	fPower
	numProvinceFields
)

// Planner dialog fields; the hubs that can be designated early follow as toggles.
const (
	fSetQuota = iota
	fQuota
	fWestShare
	fEnforcement
	fCentralSubsidy
	fWestSteering
	numPlannerFields
)

// dialog is an open decision dialog.
type dialog struct {
	kind     dialogKind
	province int
	dec      agents.Decision
	plan     agents.PlannerDecision
	focus    int
	advice   agents.Advice
	waiting  bool   // opened because the clock waits for this human
	hubs     []int  // hubs that can still be designated early (indices into World.Hubs)
	desig    []bool // by position in hubs
	moderate []bool // by province
	rev      int    // bumped at every change (the draw preparation rebuilds on it)
}

// isToggle reports whether field f is a yes/no field.
func (d *dialog) isToggle(f int) bool {
	if d.kind == dlgProvince {
		return f == fCap || f == fFibre || f == fPower
	}
	return f == fSetQuota || f >= numPlannerFields
}

func (d *dialog) numFields() int {
	if d.kind == dlgProvince {
		return numProvinceFields
	}
	return numPlannerFields + len(d.hubs)
}

func (d *dialog) moveFocus(delta int) {
	n := d.numFields()
	d.focus = ((d.focus+delta)%n + n) % n
	d.rev++
}

func (d *dialog) field(f int) int {
	if f < 0 {
		return d.focus
	}
	return f
}

// step returns the small and big steps of a numeric field.
func (d *dialog) step(f int) (small, big float64) {
	if d.kind == dlgProvince {
		switch f {
		case fRequest, fBuild:
			return 25, 250
		case fSubsidy:
			return 0.01, 0.05
		}
		return 0, 0
	}
	switch f {
	case fQuota:
		return 100, 1000
	case fWestShare, fEnforcement:
		return 0.05, 0.25
	case fCentralSubsidy:
		return 0.25, 1
	case fWestSteering:
		return 5000, 25000
	}
	return 0, 0
}

// adjust moves numeric field f (-1: the focused one) by delta steps; toggles flip.
func (d *dialog) adjust(f, delta int, big bool) {
	f = d.field(f)
	d.focus = f
	if d.isToggle(f) {
		d.toggle(f)
		return
	}
	small, bigStep := d.step(f)
	st := small
	if big {
		st = bigStep
	}
	v := d.value(f) + float64(delta)*st
	d.set(f, snap(v, small))
	d.rev++
}

// snap rounds v to a multiple of step and keeps it non-negative.
func snap(v, step float64) float64 {
	if step > 0 {
		v = math.Round(v/step) * step
	}
	return max(0, v)
}

func (d *dialog) value(f int) float64 {
	if d.kind == dlgProvince {
		switch f {
		case fRequest:
			return d.dec.RequestMW
		case fBuild:
			return d.dec.BuildMW
		case fSubsidy:
			return d.dec.Subsidy
		}
		return 0
	}
	switch f {
	case fQuota:
		return d.plan.QuotaMW
	case fWestShare:
		return d.plan.WestShare
	case fEnforcement:
		return d.plan.Enforcement
	case fCentralSubsidy:
		return d.plan.SubsidyMYuanPerMW
	case fWestSteering:
		return d.plan.WestSteering
	}
	return 0
}

func (d *dialog) set(f int, v float64) {
	if d.kind == dlgProvince {
		switch f {
		case fRequest:
			d.dec.RequestMW = min(v, 100000)
		case fBuild:
			d.dec.BuildMW = min(v, 100000)
		case fSubsidy:
			d.dec.Subsidy = min(v, 0.3)
		}
		return
	}
	switch f {
	case fQuota:
		d.plan.QuotaMW = min(v, 1e6)
		d.plan.SetQuota = true
	case fWestShare:
		d.plan.WestShare = min(v, 1)
	case fEnforcement:
		d.plan.Enforcement = min(v, 1)
	case fCentralSubsidy:
		d.plan.SubsidyMYuanPerMW = min(v, 50)
	case fWestSteering:
		d.plan.WestSteering = min(v, 1e6)
	}
}

// toggle flips yes/no field f (-1: the focused one).
func (d *dialog) toggle(f int) {
	f = d.field(f)
	d.focus = f
	if !d.isToggle(f) {
		return
	}
	if d.kind == dlgProvince {
		switch f {
		case fCap:
			d.dec.CapAtQuota = !d.dec.CapAtQuota
		case fFibre:
			d.dec.Fibre = !d.dec.Fibre
		case fPower:
			d.dec.Power = !d.dec.Power
		}
	} else if f == fSetQuota {
		d.plan.SetQuota = !d.plan.SetQuota
	} else if k := f - numPlannerFields; k >= 0 && k < len(d.desig) {
		d.desig[k] = !d.desig[k]
	}
	d.rev++
}

// toggleModerate flips the moderation call of province p (planner dialog).
func (d *dialog) toggleModerate(p int) {
	if d.kind == dlgPlanner && p >= 0 && p < len(d.moderate) {
		d.moderate[p] = !d.moderate[p]
		d.rev++
	}
}

// useAdvice takes the advisor's decision (province dialog).
func (d *dialog) useAdvice() {
	if d.kind != dlgProvince {
		return
	}
	a := d.advice.Decision
	a.Province = d.province
	a.Score = 0
	d.dec = a
	d.rev++
}

// provinceDecision is the decision to submit.
func (d *dialog) provinceDecision() agents.Decision {
	dec := d.dec
	dec.Province = d.province
	dec.Score = 0
	return dec
}

// plannerDecision is the planner's decision to submit, with its lists built from the toggles.
func (d *dialog) plannerDecision() agents.PlannerDecision {
	pd := d.plan
	pd.Designate, pd.Moderate = nil, nil
	for k, on := range d.desig {
		if on {
			pd.Designate = append(pd.Designate, d.hubs[k])
		}
	}
	for p, on := range d.moderate {
		if on {
			pd.Moderate = append(pd.Moderate, p)
		}
	}
	return pd
}

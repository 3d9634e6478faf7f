package game

import (
	"math"
	"slices"

	"dongshu/agents"
	"dongshu/configs"
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

// Planner dialog fields: the quota's two, then a field per lever of dialogLevers; the hubs that can be
// designated early follow as toggles.
const (
	fSetQuota = iota
	fQuota
	fFirstLever
)

// dialogLevers are the levers the planner sets in its dialog (configs.LeverSpec.InDialog), in table
// order; numPlannerFields counts the planner's fields before the hubs.
var (
	dialogLevers     = leversWhere(func(s configs.LeverSpec) bool { return s.InDialog })
	numPlannerFields = fFirstLever + len(dialogLevers)
)

// leversWhere lists the levers whose row passes keep, in table order.
func leversWhere(keep func(configs.LeverSpec) bool) []configs.Lever {
	var out []configs.Lever
	for _, l := range configs.Levers() {
		if keep(l.Spec()) {
			out = append(out, l)
		}
	}
	return out
}

// fieldLever is the lever planner field f sets (ok false: f sets none).
func fieldLever(f int) (l configs.Lever, ok bool) {
	if k := f - fFirstLever; k >= 0 && k < len(dialogLevers) {
		return dialogLevers[k], true
	}
	return 0, false
}

// leverField is the planner field of lever l (-1: not in the dialog).
func leverField(l configs.Lever) int {
	if k := slices.Index(dialogLevers, l); k >= 0 {
		return fFirstLever + k
	}
	return -1
}

// dialog is an open decision dialog.
type dialog struct {
	kind     dialogKind
	province int
	dec      agents.Decision
	plan     agents.PlannerDecision
	focus    int
	advice   agents.Advice
	padvice  agents.PlannerAdvice // the planner's advisor (the AI planner's proposal)
	waiting  bool                 // opened because the clock waits for this human
	hubs     []int                // hubs that can still be designated early (indices into World.Hubs)
	desig    []bool               // by position in hubs
	moderate []bool               // by province
	rev      int                  // bumped at every change (the draw preparation rebuilds on it)
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

// numeric is a numeric field of a dialog: where its value is, its small and big steps, its most.
type numeric struct {
	v                *float64
	small, big, most float64
}

// num is numeric field f (v nil: f is not a numeric field).
func (d *dialog) num(f int) numeric {
	if d.kind == dlgProvince {
		switch f {
		case fRequest:
			return numeric{&d.dec.RequestMW, 25, 250, 100000}
		case fBuild:
			return numeric{&d.dec.BuildMW, 25, 250, 100000}
		case fSubsidy:
			return numeric{&d.dec.Subsidy, 0.01, 0.05, 0.3}
		}
		return numeric{}
	}
	switch f {
	case fQuota:
		return numeric{&d.plan.QuotaMW, 100, 1000, 1e6}
	}
	if l, ok := fieldLever(f); ok { // steps and top from the lever's row
		spec := l.Spec()
		return numeric{spec.Level(&d.plan.Policy), spec.Step, spec.BigStep, spec.Top}
	}
	return numeric{}
}

// adjust moves numeric field f (-1: the focused one) by delta steps, rounded to the small step and
// kept within 0 and its most; toggles flip.
func (d *dialog) adjust(f, delta int, big bool) {
	f = d.field(f)
	d.focus = f
	if d.isToggle(f) {
		d.toggle(f)
		return
	}
	n := d.num(f)
	if n.v == nil {
		return
	}
	st := n.small
	if big {
		st = n.big
	}
	*n.v = min(snap(*n.v+float64(delta)*st, n.small), n.most)
	if d.kind == dlgPlanner && f == fQuota {
		d.plan.SetQuota = true // a quota typed in overrides the rule
	}
	d.rev++
}

// snap rounds v to a multiple of step and keeps it non-negative.
func snap(v, step float64) float64 {
	if step > 0 {
		v = math.Round(v/step) * step
	}
	return max(0, v)
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

// useAdvice takes the advisor's decision (the planner's: the rule's quota, the policy as it stands, no
// designation or call).
func (d *dialog) useAdvice() {
	if d.kind != dlgProvince {
		d.plan = plannerAdviceDecision(d.padvice)
		clear(d.desig)
		clear(d.moderate)
		d.rev++
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

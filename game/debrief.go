package game

import (
	"strconv"

	"dongshu/game/view"
)

// The debrief's "What happened" block: the run's key figures (session.Facts, session.ProvinceFacts),
// each with a line in plain words that says what it means, chosen by the figure.

// factLine is one figure and its meaning, or (sub) a heading.
type factLine struct {
	head, text string
	sub        bool
}

// The policy's stylised fact (docs/ODD.md, the patterns the model is checked against): in 2022 the north-west's data centres were about 30 % used,
// the eastern hubs' over 65 %.
const (
	realNorthwest2022 = 0.30
	realEast2022      = 0.65
)

// Thresholds of the plain-words lines.
const (
	hubGapReal  = 0.25 // east - north-west utilisation in 2022: "as in reality" from here (about 35 points)
	hubGapSome  = 0.08 // ... "a smaller gap" from here, else "kept pace"
	unservedLow = 0.01 // unserved share below which "nearly all work found a data centre"
	co2Flat     = 0.03 // relative change of CO2 per MWh within which it is "about as at the start"
	utilPar     = 0.05 // a province's utilisation within this of the country's is "about as full"
)

// roleName is a debrief's role: a province's name, or the planner.
func (a *App) roleName(p int) string {
	w := a.sess.Model().W
	if p >= 0 && p < len(w.Provinces) {
		return a.cat.Province(w.Provinces[p].ID)
	}
	return a.cat.T("ui.role.planner")
}

// debriefFacts lists the "What happened" block: its heading, the national figures, then each human
// province's own figures under its name.
func (a *App) debriefFacts() []factLine {
	c := a.cat
	f := a.facts
	if f.Months == 0 || a.sess == nil {
		return nil
	}
	pct := func(v float64, digits int) string { return c.Number(100*v, digits) }
	signed := func(v float64) string {
		s := c.Number(100*v, 0)
		if v >= 0 && s != "0" {
			s = "+" + s
		}
		return s
	}
	out := []factLine{{head: c.T("ui.debrief.what"), sub: true}}
	if f.Has2022 {
		key := "ui.debrief.fact.hubs_none"
		switch gap := f.EastHubsUtil2022 - f.NorthwestUtil2022; {
		case gap >= hubGapReal:
			key = "ui.debrief.fact.hubs_real"
		case gap >= hubGapSome:
			key = "ui.debrief.fact.hubs_less"
		}
		out = append(out, factLine{head: c.T("ui.debrief.fact.hubs", pct(f.NorthwestUtil2022, 0), pct(f.EastHubsUtil2022, 0)),
			text: c.T(key, pct(realNorthwest2022, 0), pct(realEast2022, 0))})
	}
	out = append(out, factLine{
		head: c.T("ui.debrief.fact.overbuild", c.Number(f.PeakOverbuildMW/1000, 1), view.MonthLabel(c, f.PeakOverbuildMonth)),
		text: c.T("ui.debrief.fact.overbuild_text")})
	endYear, startYear := strconv.Itoa(f.End.Year()), strconv.Itoa(f.Start.Year())
	key := "ui.debrief.fact.unserved_high"
	if f.UnservedEnd < unservedLow {
		key = "ui.debrief.fact.unserved_low"
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.unserved", pct(f.UnservedEnd, 1), endYear), text: c.T(key)})
	key = "ui.debrief.fact.co2_flat"
	switch {
	case f.CO2PerMWhEnd < f.CO2PerMWhStart*(1-co2Flat):
		key = "ui.debrief.fact.co2_down"
	case f.CO2PerMWhEnd > f.CO2PerMWhStart*(1+co2Flat):
		key = "ui.debrief.fact.co2_up"
	}
	out = append(out, factLine{head: c.T("ui.debrief.fact.co2", c.Number(f.CO2PerMWhEnd, 2), endYear, startYear,
		c.Number(f.CO2PerMWhStart, 2)), text: c.T(key)})

	for _, p := range a.sess.Setup().Role.Provinces {
		pf := a.sess.ProvinceFacts(p)
		out = append(out, factLine{head: a.roleName(p), sub: true})
		key := "ui.debrief.fact.p_util_par"
		switch d := pf.UtilEnd - pf.NationalUtilEnd; {
		case d > utilPar:
			key = "ui.debrief.fact.p_util_above"
		case d < -utilPar:
			key = "ui.debrief.fact.p_util_below"
		}
		out = append(out, factLine{head: c.T("ui.debrief.fact.p_util", pct(pf.UtilEnd, 0), pct(pf.NationalUtilEnd, 0), endYear), text: c.T(key)})
		rise, natRise := growth(pf.DebtStart, pf.DebtEnd), growth(pf.NationalDebtStart, pf.NationalDebtEnd)
		key = "ui.debrief.fact.p_debt_slower"
		switch {
		case rise < 0:
			key = "ui.debrief.fact.p_debt_fell"
		case rise > natRise:
			key = "ui.debrief.fact.p_debt_faster"
		}
		out = append(out, factLine{head: c.T("ui.debrief.fact.p_debt", c.Number(pf.DebtStart, 0), c.Number(pf.DebtEnd, 0),
			signed(rise), signed(natRise)), text: c.T(key)})
		key = "ui.debrief.fact.p_jobs_less"
		if pf.JobsShare >= pf.GDPShare {
			key = "ui.debrief.fact.p_jobs_more"
		}
		out = append(out, factLine{head: c.T("ui.debrief.fact.p_jobs", c.Number(pf.JobsEnd, 0), pct(pf.JobsShare, 1), pct(pf.GDPShare, 1)),
			text: c.T(key)})
	}
	return out
}

// growth is the relative change from a to b (0 when a is not positive).
func growth(a, b float64) float64 {
	if a <= 0 {
		return 0
	}
	return b/a - 1
}

// layoutFacts places facts from (x, y) in width w and returns where the block ends. With sc nil it only
// measures; the plain-words lines take up to textLines lines (0: left out). Nothing is drawn below bottom: the first
// fact that does not fit and all after it are left out.
func layoutFacts(sc *scene, facts []factLine, x, y, w, bottom float32, f *faces, s float32, textLines int) float32 {
	lh := 15 * s
	stopped := sc == nil
	for i, fl := range facts {
		if fl.sub {
			if i > 0 {
				y += 4 * s
			}
			col := colText
			if i == 0 {
				col = colAccent
			}
			if !stopped && y+20*s > bottom {
				stopped = true
			}
			if !stopped {
				sc.text(fit(fl.head, f.Bold, w), x, y, f.Bold, col)
			}
			y += 22 * s
			continue
		}
		head := wrapText(fl.head, f.Small, w, 2)
		var text []string
		if textLines > 0 && fl.text != "" {
			text = wrapText(fl.text, f.Small, w-10*s, textLines)
		}
		h := float32(len(head)+len(text)) * lh
		if !stopped && y+h > bottom {
			stopped = true
		}
		if !stopped {
			for k, l := range head {
				sc.text(l, x, y+float32(k)*lh, f.Small, colText)
			}
			for k, l := range text {
				sc.text(l, x+10*s, y+float32(len(head)+k)*lh, f.Small, colDim)
			}
		}
		y += h + 7*s
	}
	return y
}

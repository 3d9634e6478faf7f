package view

import (
	"math"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/i18n"
	"dongshu/game/session"
)

// Tooltip returns the lines shown when hovering province p.
//
// Lines, in order: name; hub membership; capacity online and building; utilisation; this year's quota
// and what was started against it (when there is a quota or a start); power price and coal share;
// water stress; debt; jobs; round trip to the nearest hub province (when the scenario has hubs).
func Tooltip(c *i18n.Catalog, m *agents.Model, p int) []string {
	w := m.W
	if p < 0 || p >= len(w.Provinces) {
		return nil
	}
	pr := w.Provinces[p]
	lines := []string{c.Province(pr.ID), hubLine(c, w, pr)}
	num := func(v float64, digits int) string { return c.Number(v, digits) }
	lines = append(lines, c.T("tip.capacity", num(pr.OnlineMW, 0), num(pr.BuildingMW, 0)))
	if pr.OnlineMW > 0 {
		lines = append(lines, c.T("tip.utilisation", num(100*pr.UsedMW/pr.OnlineMW, 0)))
	} else {
		lines = append(lines, c.T("tip.utilisation.none"))
	}
	switch {
	case pr.BeyondQuotaMW > 0:
		lines = append(lines, c.T("tip.quota.beyond", num(pr.QuotaMW, 0), num(pr.StartedMW, 0), num(pr.BeyondQuotaMW, 0)))
	case pr.QuotaMW > 0 || pr.StartedMW > 0:
		lines = append(lines, c.T("tip.quota", num(pr.QuotaMW, 0), num(pr.StartedMW, 0)))
	}
	lines = append(lines,
		c.T("tip.power", num(powerPrice(w, pr), 2), num(100*pr.Cfg.Thermal, 0)),
		c.T("tip.water", num(pr.Cfg.WaterStress, 1)),
		c.T("tip.debt", num(pr.Debt, 0)),
		c.T("tip.jobs", num(jobs(m, p), 0)))
	if h := nearestHub(w, p); h >= 0 {
		lines = append(lines, c.T("tip.latency", c.Province(w.Provinces[h].ID), num(w.Net.Latency(p, h), 0)))
	}
	return lines
}

func hubLine(c *i18n.Catalog, w *economy.World, pr *economy.Province) string {
	if pr.Hub < 0 {
		return c.T("tip.hub.none")
	}
	h := &w.Hubs[pr.Hub]
	name := HubName(c, h)
	switch {
	case !pr.HubActive:
		return c.T("tip.hub.pending", name, MonthLabel(c, h.Designated))
	case h.Side == economy.WestHub:
		return c.T("tip.hub.west", name)
	}
	return c.T("tip.hub.east", name)
}

// HubName is a hub's name in the catalog's language ("hub.<id>"), else the scenario's name for it.
func HubName(c *i18n.Catalog, h *economy.Hub) string {
	if key := "hub." + h.Cfg.ID; c.Has(key) {
		return c.T(key)
	}
	return h.Cfg.Name
}

// jobs is the province's data-centre jobs as the metrics count them (computed the same way before the
// first month, when there are no metrics yet).
func jobs(m *agents.Model, p int) float64 {
	w := m.W
	if rows := m.ProvinceRows(); w.Now >= w.Start && p < len(rows) {
		return rows[p][w.Col(economy.ColJobs)]
	}
	return w.Jobs(p)
}

// nearestHub is the hub province with the shortest round trip from p (p itself if it is one): among the
// designated hubs, or every hub before any is designated; -1 if the scenario has none. Ties go to the
// lower index.
func nearestHub(w *economy.World, p int) int {
	active := false
	for _, q := range w.Provinces {
		active = active || (q.Hub >= 0 && q.HubActive)
	}
	best, bestMs := -1, 0.0
	for s, q := range w.Provinces {
		if q.Hub < 0 || (active && !q.HubActive) {
			continue
		}
		if ms := w.Net.Latency(p, s); best < 0 || ms < bestMs {
			best, bestMs = s, ms
		}
	}
	return best
}

// MonthLabel is a month in the catalog's language ("May 2023", "mai 2023").
func MonthLabel(c *i18n.Catalog, m configs.Month) string {
	return c.MonthYear(m.Year(), m.MonthOfYear())
}

// NewsLine translates one news item.
//
// The catalog string of n.Key gets the named provinces first (c.Province of each id), then the numbers
// wrapped by c.N, so that whatever verb the string uses for a number (%[2]s, %.0[2]f, %.2[2]g) prints
// it in the language's notation. The line is prefixed with the month ("news.line").
func NewsLine(c *i18n.Catalog, n session.News) string {
	if n.Lever != "" {
		// A what-if's line: the lever by its name, its level in its unit, from the month after it was set.
		l, err := configs.ParseLever(n.Lever)
		if err == nil && len(n.Args) == 1 {
			return c.T("news.line", MonthLabel(c, n.Month), c.T(n.Key, c.T(l.Spec().Label), LeverValue(c, l, n.Args[0]), MonthLabel(c, n.Month+1)))
		}
	}
	args := make([]any, 0, len(n.Provinces)+len(n.Args))
	for _, id := range n.Provinces {
		args = append(args, c.Province(id))
	}
	for _, v := range n.Args {
		args = append(args, c.N(v))
	}
	return c.T("news.line", MonthLabel(c, n.Month), c.T(n.Key, args...))
}

// LeverValue is a lever's level in its unit, as the what-if panel, the planner's warnings and the news show it.
func LeverValue(c *i18n.Catalog, l configs.Lever, v float64) string {
	spec := l.Spec()
	digits := StepDigits(spec.Step)
	switch {
	case spec.Format != "":
		return c.T(spec.Format, c.Number(v, digits))
	case l.Unit() == "1":
		return c.T("ui.whatif.pct", c.Number(v*100, max(0, digits-2)))
	case l.Unit() == "1/yr":
		return c.T("ui.whatif.pct_year", c.Number(v*100, max(0, digits-2)))
	}
	return c.T("ui.whatif.value", c.Number(v, digits), l.Unit())
}

// StepDigits is how many decimals show every multiple of step exactly (at most 4): a lever's steps and a
// chart's tick step.
func StepDigits(step float64) int {
	for d := 0; d < 4; d++ {
		v := step * math.Pow(10, float64(d))
		if math.Abs(v-math.Round(v)) < 1e-6 {
			return d
		}
	}
	return 4
}

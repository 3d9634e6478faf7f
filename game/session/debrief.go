package session

import (
	"cmp"
	"slices"

	"dongshu/agents"
	"dongshu/economy"
)

// The debrief's account of each role: the two boards (Scores, the same numbers the live boards show),
// the why (what drove the building, from the model's own ledger agents.Model.Drivers) and the tension
// between the two boards.

// tensionGap is the gap between the two boards (points) from which the debrief calls it a tension
// (assumption: a sixth of the scale).
const tensionGap = 15.0

// Driver is one incentive of the ledger and its share of all pulls (or of all costs).
type Driver struct {
	Key   string // catalog key: DriverKeys
	Share float64
}

// Why is what drove the building: the largest pulls and costs of the options taken at the rounds, the
// role's (a province's own; the planner's is the country's) and the country's.
type Why struct {
	Rounds                       int     // rounds recorded for the role's province (the country: all)
	BuildMW                      float64 // MW its options started, before halts
	Pulls, Costs                 []Driver
	NationalPulls, NationalCosts []Driver
}

// Tension compares the two boards. Key is "score.tension.career" (the career board well above the
// nation's), "score.tension.nation" (the nation's well above) or "score.tension.even"; Cause is the
// nation's part that scored worst for the role (a province: on its own values).
type Tension struct {
	Key            string
	Career, Nation float64
	Cause          ScorePart
}

// driverTerm is one term of the model's ledger: its catalog key and how to read it.
type driverTerm struct {
	key string
	get func(*agents.Terms) float64
}

// The ledger's terms, in agents.Terms order.
var driverPulls = []driverTerm{
	{"score.driver.profit", func(t *agents.Terms) float64 { return t.Profit }},
	{"score.driver.land", func(t *agents.Terms) float64 { return t.LandSales }},
	{"score.driver.central", func(t *agents.Terms) float64 { return t.Central }},
	{"score.driver.growth", func(t *agents.Terms) float64 { return t.Growth }},
	{"score.driver.rivalry", func(t *agents.Terms) float64 { return t.Rivalry }},
}

var driverCosts = []driverTerm{
	{"score.driver.local_capex", func(t *agents.Terms) float64 { return t.LocalCapex }},
	{"score.driver.subsidy_bill", func(t *agents.Terms) float64 { return t.SubsidyBill }},
	{"score.driver.invest", func(t *agents.Terms) float64 { return t.Invest }},
	{"score.driver.fine", func(t *agents.Terms) float64 { return t.Fine }},
	{"score.driver.guidance", func(t *agents.Terms) float64 { return t.Guidance }},
	{"score.driver.debt", func(t *agents.Terms) float64 { return t.Debt }},
	{"score.driver.water", func(t *agents.Terms) float64 { return t.Water }},
	{"score.driver.farm", func(t *agents.Terms) float64 { return t.Farm }},
}

// DriverKeys lists every catalog key of a driver.
func DriverKeys() []string {
	var out []string
	for _, d := range driverPulls {
		out = append(out, d.key)
	}
	for _, d := range driverCosts {
		out = append(out, d.key)
	}
	return out
}

// TensionKeys lists the catalog keys of the tension sentences.
func TensionKeys() []string {
	return []string{"score.tension.career", "score.tension.even", "score.tension.nation"}
}

// Debrief accounts for each human role (or, in autoplay, the planner): the human provinces in hot-seat
// order, then the planner (Province -1) if a human plays it or nobody does.
func (s *Session) Debrief() []Debrief {
	var out []Debrief
	for _, p := range s.setup.Role.Provinces {
		out = append(out, s.debrief(p))
	}
	if s.setup.Role.Planner || s.setup.Role.Autoplay() {
		out = append(out, s.debrief(-1))
	}
	return out
}

func (s *Session) debrief(p int) Debrief {
	d := Debrief{Scores: s.Scores(p)}
	d.Why = s.why(p)
	d.Tension = tension(d.Scores)
	return d
}

// why reads the model's ledger: province p's (p < 0: the country's) and the country's.
func (s *Session) why(p int) Why {
	var w Why
	led := s.m.Drivers
	var nat agents.Terms
	rounds, build := 0, 0.0
	for _, d := range led {
		nat.Add(d.Terms)
		rounds = max(rounds, d.Rounds)
		build += d.BuildMW
	}
	w.NationalPulls, w.NationalCosts = drivers(&nat)
	switch {
	case p >= 0 && p < len(led):
		t := led[p].Terms
		w.Rounds, w.BuildMW = led[p].Rounds, led[p].BuildMW
		w.Pulls, w.Costs = drivers(&t)
	case p < 0:
		w.Rounds, w.BuildMW = rounds, build
		w.Pulls, w.Costs = w.NationalPulls, w.NationalCosts
	}
	return w
}

// drivers ranks t's pulls and costs by their share of all pulls (costs), largest first, leaving out
// those below a twentieth (assumption: too small to name).
func drivers(t *agents.Terms) (pulls, costs []Driver) {
	rank := func(list []driverTerm) []Driver {
		total := 0.0
		for _, d := range list {
			total += max(0, d.get(t))
		}
		var out []Driver
		if total <= 0 {
			return nil
		}
		for _, d := range list {
			if sh := max(0, d.get(t)) / total; sh >= 0.05 {
				out = append(out, Driver{Key: d.key, Share: sh})
			}
		}
		slices.SortStableFunc(out, func(a, b Driver) int { return cmp.Compare(b.Share, a.Share) })
		return out
	}
	return rank(driverPulls), rank(driverCosts)
}

// tension compares a role's boards and names the nation's part that scored worst for it.
func tension(sc Scores) Tension {
	t := Tension{Key: "score.tension.even", Career: sc.Career.Score, Nation: sc.Nation.Score}
	own := sc.Nation.HasOwn
	if own {
		t.Nation = sc.Nation.OwnScore
	}
	worst := 101.0
	for _, p := range sc.Nation.Parts {
		v := p.Score
		if own {
			v = p.OwnScore
		}
		if v < worst {
			worst, t.Cause = v, p
		}
	}
	switch {
	case t.Career-t.Nation >= tensionGap:
		t.Key = "score.tension.career"
	case t.Nation-t.Career >= tensionGap:
		t.Key = "score.tension.nation"
	}
	return t
}

// investedNow is the data-centre capex started in each province this month (bn yuan): the capex of the
// halls started now, as halted and re-priced by the end of the month.
func (s *Session) investedNow() []float64 {
	w := s.m.W
	out := make([]float64, len(w.Provinces))
	for i := range w.DCs {
		d := &w.DCs[i]
		if d.Start == w.Now && d.State != economy.Retired {
			out[d.Province] += d.CapexBn
		}
	}
	return out
}

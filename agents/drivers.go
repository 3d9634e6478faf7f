package agents

import "dongshu/configs"

// The model's own ledger of why provinces built: at every yearly round the terms of the option each
// province took (the AI's draw, or a human's decision priced the same way) are added up per province.
// It is bookkeeping only: nothing here is read by a decision, and no random number is drawn, so a run's
// outputs are the same with or without it.

// Terms are the parts of an option's score (evaluator.score), in the score's utility units: the fiscal
// terms weighted by the province's fiscal weight, the others as the score adds them. Pulls are the
// positive terms, costs are positive numbers the score subtracts.
type Terms struct {
	// Pulls.
	Profit    float64 // taxes on the extra work the province expects (the expected profit)
	LandSales float64 // land sold for the halls
	Central   float64 // central subsidy flowing in
	Growth    float64 // growth (promotion) credit for the investment attracted
	Rivalry   float64 // keeping up with neighbours who build
	// Costs.
	LocalCapex  float64 // the province's share of construction
	SubsidyBill float64 // the local power subsidy it pays
	Invest      float64 // fibre line and dedicated generation
	Fine        float64 // the expected fine for building beyond quota
	Guidance    float64 // the planner's guidance against building beyond quota (or when called to moderate)
	Debt        float64 // debt beyond the province's limit
	Water       float64 // water used where water is scarce
	Farm        float64 // farmland built over
}

// Add adds u to t.
func (t *Terms) Add(u Terms) { t.addScaled(u, 1) }

// addScaled adds k times u to t.
func (t *Terms) addScaled(u Terms, k float64) {
	t.Profit += float64(k * u.Profit)
	t.LandSales += float64(k * u.LandSales)
	t.Central += float64(k * u.Central)
	t.Growth += float64(k * u.Growth)
	t.Rivalry += float64(k * u.Rivalry)
	t.LocalCapex += float64(k * u.LocalCapex)
	t.SubsidyBill += float64(k * u.SubsidyBill)
	t.Invest += float64(k * u.Invest)
	t.Fine += float64(k * u.Fine)
	t.Guidance += float64(k * u.Guidance)
	t.Debt += float64(k * u.Debt)
	t.Water += float64(k * u.Water)
	t.Farm += float64(k * u.Farm)
}

// Drivers is one province's ledger over the rounds so far.
type Drivers struct {
	Rounds  int     // rounds recorded
	BuildMW float64 // MW the chosen options started (before halts)
	// Terms is what building added to the chosen options' terms (against the same options without the
	// build), summed over the rounds that built.
	Terms Terms
}

// Penalty is one detection by the planner: the MW it found beyond quota, the fine and the MW halted.
type Penalty struct {
	Month    configs.Month
	Province int
	BeyondMW float64 // MW beyond quota detected
	FineBn   float64 // bn yuan
	HaltedMW float64
}

// noteDrivers adds to province i's ledger what building added to option o's terms as evaluator e prices
// them (e set up for i at this round's quota): o's terms less those of the same option with no build.
// The terms that do not depend on the build cancel, so what is left is what drove the building.
func (m *Model) noteDrivers(i int, e *evaluator, o option) {
	if m.Drivers == nil {
		m.Drivers = make([]Drivers, len(m.W.Provinces))
	}
	d := &m.Drivers[i]
	d.Rounds++
	if o.build <= 0 {
		return
	}
	var with, without Terms
	e.scoreTerms(o, &with)
	none := o
	none.build = 0
	e.scoreTerms(none, &without)
	d.BuildMW += o.build
	d.Terms.Add(with)
	d.Terms.addScaled(without, -1)
}

// noteHuman records a human province's decision d at a round with quota granted, priced as the AI would
// price the same option (the build as apply will start it).
func (m *Model) noteHuman(d *Decision, quota float64) {
	e := m.newEvaluator(d.Province, quota)
	build, _ := m.buildOf(d)
	m.noteDrivers(d.Province, &e, option{build: build, subsidy: max(0, d.Subsidy), fibre: d.Fibre, power: d.Power})
}

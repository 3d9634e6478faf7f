// Package agents holds the decision makers of dongshu — the provinces and the central planner — and the
// model's monthly step loop, the one place where the order of events is decided.
package agents

import (
	"math/rand/v2"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/economy/detmath"
)

// Model is one run: the world, the run's single random generator and the agents' memories.
type Model struct {
	W       *economy.World
	Rng     *rand.Rand
	Planner Planner
	Firms   Firms // the market regime's builders
	Prov    []ProvinceMind
	// Human decisions waiting for the next step, by province index (the game fills it): used at the
	// quota round if the next month has one, else applied at the start of the month.
	Pending map[int]Decision
	// PendingPlanner is a human planner's decision waiting for the next step (nil: nothing new).
	PendingPlanner *PlannerDecision
	// PendingChanges are what-ifs waiting for the next step, in the order they came.
	PendingChanges []PolicyChange
	plannerAtRound *PlannerDecision // the last human quota/moderation choice, kept for the next round
	// Last quota round's decisions, by province (for reports and the game).
	LastDecisions []Decision
	// Drivers is each province's ledger of the terms of the options it took at the rounds (nil before
	// the first round; bookkeeping only, see drivers.go).
	Drivers []Drivers
	// Penalties lists every detection of building beyond quota, in the order made.
	Penalties []Penalty

	// pool caches the provinces' believed advantage for the national pool of latency-tolerant work
	// (poolAdvantage), for the month it was computed.
	// mw is poolMW's sum for the draw of demand mwDraw (economy.World.DemandDraws), if mwKept.
	pool struct {
		month  configs.Month
		adv    []float64
		mw     float64
		mwKept bool
		mwDraw uint64
	}

	scoreBuf  []float64 // best's scores
	asked     []float64 // the options' scores of each AI province at the last requests (province-major)
	weightBuf []float64 // choose's weights
	// scoreDecisionsAfresh makes a quota round's decisions score every option again rather than keep the
	// requests' scores of the builds within quota (quotaRound): the reference of a test.
	scoreDecisionsAfresh bool
	// optionList is the options of the rounds and the build and subsidy options they were made of
	// (Model.options).
	optionList struct {
		builds, subsidies []float64
		opts              []option
	}
	// offerBuf is scoreInto's offers' terms, offerStamp its last call's stamp (Model.offerScratch).
	offerBuf   []offerTerms
	offerStamp uint64
	// demandGrowth is, by province, the factor its expected growth compounds to by when new capacity
	// would open (newEvaluator).
	demandGrowth []detmath.Memo

	scopes  []economy.Scope
	pRows   [][]float64
	sRows   [][]float64
	tracked tracking // what record computes (none set: everything)
}

// New builds a model from a validated scenario; the generator is seeded from the scenario's seed.
func New(s *configs.Scenario) (*Model, error) { return NewMemo(s, nil) }

// NewMemo is New with a memo shared with the models built before it on the same goroutine (WorkerMemo;
// nil: none); the model is the same with or without it.
func NewMemo(s *configs.Scenario, memo *WorkerMemo) (*Model, error) {
	var paths *economy.PathMemo
	if memo != nil {
		paths = memo.paths
	}
	w, err := economy.NewWorldMemo(s, paths)
	if err != nil {
		return nil, err
	}
	// PCG takes two 64-bit words; the second is a fixed odd constant so that seed 0 is as good as any.
	m := &Model{W: w, Rng: rand.New(rand.NewPCG(s.Seed, 0x9e3779b97f4a7c15)), Pending: map[int]Decision{}}
	m.Prov = make([]ProvinceMind, len(w.Provinces))
	for i, p := range w.Provinces {
		m.Prov[i] = newMind(w, p)
	}

	m.scopes = w.Scopes()
	ncol := len(w.Columns())
	m.pRows = make([][]float64, len(w.Provinces))
	for i := range m.pRows {
		m.pRows[i] = make([]float64, ncol)
	}
	m.sRows = make([][]float64, len(m.scopes))
	for i := range m.sRows {
		m.sRows[i] = make([]float64, ncol)
	}
	return m, nil
}

// Done reports whether the last month has been simulated.
func (m *Model) Done() bool { return m.W.Now >= m.W.End }

// Scopes returns the metric scopes in output order.
func (m *Model) Scopes() []economy.Scope { return m.scopes }

// Rows returns this month's metric rows, one per scope (valid until the next Step).
func (m *Model) Rows() [][]float64 { return m.sRows }

// Step simulates one month. The order is the design's (DESIGN.md section 3); why each phase sits where it
// does is said at the phase.
func (m *Model) Step() error {
	m.StepToAllocation()
	return m.FinishStep()
}

// roundAt reports whether month holds the yearly round (planner.quota_month).
func roundAt(w *economy.World, month configs.Month) bool {
	return month.MonthOfYear() == w.Scn.Planner.QuotaMonth
}

// StepToAllocation runs the next month up to the allocator: the month's instance is built (W.Alloc) but
// not solved, so that it can be inspected or exported; FinishStep completes the month.
func (m *Model) StepToAllocation() {
	w := m.W
	// 0. What-ifs set last month apply, then the clock moves and yearly/monthly drifts apply, so that
	// everything below sees this month.
	m.applyChanges()
	w.BeginMonth()
	// 1. Events fire first, so that a fibre line or IXP opening, a shock or a policy change this month
	// already shapes this month's decisions, routes and prices: scripted events due this month, then
	// random events drawn from the run's generator (fixed order), then the dated network programme.
	w.FireEvents(m.Rng)
	w.OpenDueEvents()
	// 2. The quota round, once a year: decisions come before construction so that nothing started now can
	// be online this month (lead time >= 1), and before demand so provinces decide on what they have seen,
	// not on this month's draw.
	// Human choices enter here too, through the same decisions the AI makes.
	round := roundAt(w, w.Now)
	m.applyHumans(round)
	switch {
	case round && w.Regime == configs.RegimeMarket:
		m.marketRound()
	case round:
		m.quotaRound()
	}
	// 3. Construction: capacity finishing this month serves this month's demand.
	w.AdvanceConstruction()
	// 4. Demand, then expiries: work whose contract ends joins the new work in one pool.
	w.GenerateDemand(m.Rng)
	// 5. The allocator places the pool on the capacity left (built here, solved in FinishStep).
	w.PrepareAllocation()
}

// FinishStep solves the month's allocation and completes the month (operations, accounts, metrics).
func (m *Model) FinishStep() error {
	w := m.W
	if err := w.FinishAllocation(); err != nil {
		return err
	}
	// 6. Operations and accounts use the placements just made.
	w.Operate()
	for i := range m.Prov {
		m.Prov[i].observe(w.Provinces[i])
	}
	// 7. Metrics last: they describe the month as it ended.
	m.record()
	return nil
}

// StepUntil simulates every month before month, so that the next Step (or StepToAllocation) is month.
func (m *Model) StepUntil(month configs.Month) error {
	for m.W.Now+1 < month && !m.Done() {
		if err := m.Step(); err != nil {
			return err
		}
	}
	return nil
}

// Run steps to the end, calling emit after every month with the scopes' rows.
func (m *Model) Run(emit func(month configs.Month, rows [][]float64) error) error {
	for !m.Done() {
		if err := m.Step(); err != nil {
			return err
		}
		if emit != nil {
			if err := emit(m.W.Now, m.sRows); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *Model) record() {
	w := m.W
	n, changed := m.tracked.at(w.Now)
	if changed { // scopes tracked last month and not now: their rows go back to 0
		for i, row := range m.sRows {
			if !n.scopes[i] {
				clear(row)
			}
		}
	}
	for p := range w.Provinces {
		w.ProvinceRow(p, m.pRows[p], n.columns)
	}
	for i, s := range m.scopes {
		if n.scopes == nil || n.scopes[i] {
			w.ScopeRow(s.Members, m.pRows, m.sRows[i], n.columns)
		}
	}
}

// needs marks the metric scopes and columns a consumer of a run's rows reads in a month, by position in
// Model.Scopes and World.Columns; the zero needs reads everything.
type needs struct {
	scopes  []bool
	columns *economy.ColumnSet
}

// Read is one column of one scope that a consumer of a run's rows reads (by position in Model.Scopes and
// World.Columns), in the months In reports (nil: every month).
type Read struct {
	Scope, Col int
	In         func(configs.Month) bool
}

// tracking is what Model.Track left for record: the needs of each month from from on, by index into sets
// (months with the same reads share one), and the index record used last (-1: none yet).
type tracking struct {
	from    configs.Month
	sets    []needs
	byMonth []int32
	last    int32
}

// at returns the needs of month (the zero needs outside the months tracked) and whether they differ from
// those of the month recorded before, so that record can clear the rows of scopes no longer tracked.
func (t *tracking) at(month configs.Month) (needs, bool) {
	i := int(month - t.from)
	if i < 0 || i >= len(t.byMonth) {
		return needs{}, false
	}
	k := t.byMonth[i]
	changed := t.last >= 0 && k != t.last
	t.last = k
	return t.sets[k], changed
}

// Track makes the model compute, each month from the next to the last, only the scopes and columns reads
// read in that month: the rows of other scopes are 0 and columns not read may be 0 (see
// economy.World.ProvinceRow and ScopeRow). A sweep without time series reads only its headline outcomes
// and probes (most of them in a few months: a year, the last month), so it tracks those.
func (m *Model) Track(reads []Read) {
	w := m.W
	t := tracking{from: w.Now + 1, last: -1}
	active := make([]bool, len(reads)) // the reads of the month, compared with the month before's
	for month := t.from; month <= w.End; month++ {
		same := len(t.sets) > 0
		for r := range reads {
			in := reads[r].In == nil || reads[r].In(month)
			same = same && in == active[r]
			active[r] = in
		}
		if !same {
			n, cols := needs{scopes: make([]bool, len(m.scopes))}, make([]bool, len(w.Columns()))
			for r, rd := range reads {
				if active[r] {
					n.scopes[rd.Scope] = true
					cols[rd.Col] = true
				}
			}
			n.columns = w.NewColumnSet(cols)
			t.sets = append(t.sets, n)
		}
		t.byMonth = append(t.byMonth, int32(len(t.sets)-1))
	}
	m.tracked = t
}

// ProvinceRows returns this month's metric rows, one per province in province order (valid until the next
// Step); columns as economy.World.Columns.
func (m *Model) ProvinceRows() [][]float64 { return m.pRows }

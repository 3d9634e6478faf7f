package session

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"dongshu/agents"
	"dongshu/configs"
)

// Session is one game in progress. It is not safe for concurrent use: the game calls it from its update
// loop only.
type Session struct {
	setup   Setup
	m       *agents.Model
	actions []Action
	speed   int
	// acc counts ticks in units of 1/TPS month: each tick adds the speed, a month is due at TPS. Integer
	// arithmetic keeps exactly v months in TPS ticks at any speed, with no drift.
	acc  int
	hist History
	news []News
	nw   newsState
	// invest is the data-centre capex started in each province each month (bn yuan; [month][province]).
	invest [][]float64
	scores scoreCache
	// reports are the human provinces' round reports (hot-seat order), the latest that touched each.
	reports []RoundReport
	rep     reportState
	err     error // a model failure; the game cannot go on after one
}

// New starts a game: loads the scenario (preset or TOML text), applies the difficulty, builds the model.
// Setup.Seed replaces the scenario's seed. A scenario problem is reported with the file name
// (Setup.ScenarioName), line and key.
func New(st Setup) (*Session, error) {
	st = cloneSetup(st)
	scn, err := scenario(st)
	if err != nil {
		return nil, err
	}
	m, err := agents.New(scn)
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	n := len(m.W.Provinces)
	for k, p := range st.Role.Provinces {
		switch {
		case p < 0 || p >= n:
			return nil, fmt.Errorf("session: role: province index %d out of range 0..%d", p, n-1)
		case slices.Contains(st.Role.Provinces[:k], p):
			return nil, fmt.Errorf("session: role: province %s (%d) listed twice", m.W.Provinces[p].ID, p)
		}
	}
	if st.Facilitator && !st.Role.Autoplay() {
		return nil, errors.New("session: facilitator mode: the AI plays every role, so the role must name no planner and no province")
	}
	s := &Session{setup: st, m: m}
	s.hist.Columns = m.W.Columns()
	s.hist.Scopes = m.Scopes()
	s.nw.init(m)
	return s, nil
}

// scenario loads the setup's scenario, then applies its seed and difficulty and validates the result.
func scenario(st Setup) (*configs.Scenario, error) {
	var scn *configs.Scenario
	var err error
	if st.ScenarioTOML != "" {
		name := st.ScenarioName
		if name == "" {
			name = "scenario.toml"
		}
		scn, err = configs.Parse(name, []byte(st.ScenarioTOML))
	} else {
		name := st.Preset
		if name == "" {
			name = "baseline"
		}
		scn, err = configs.LoadPreset(name)
	}
	if err != nil {
		return nil, err
	}
	scn.Seed = st.Seed
	if err := applyDifficulty(scn, st.Difficulty); err != nil {
		return nil, err
	}
	if err := scn.Validate(); err != nil {
		return nil, err
	}
	return scn, nil
}

func cloneSetup(st Setup) Setup {
	st.Role.Provinces = slices.Clone(st.Role.Provinces)
	return st
}

// Setup returns what the game was made from.
func (s *Session) Setup() Setup { return cloneSetup(s.setup) }

// Model returns the model, read only (the game never mutates it).
func (s *Session) Model() *agents.Model { return s.m }

// Actions returns the actions recorded so far, in order (copies: changing them changes nothing).
func (s *Session) Actions() []Action {
	out := make([]Action, len(s.actions))
	for i, a := range s.actions {
		out[i] = cloneAction(a)
	}
	return out
}

func cloneAction(a Action) Action {
	if a.Province != nil {
		d := *a.Province
		a.Province = &d
	}
	if a.Planner != nil {
		d := *a.Planner
		d.Designate = slices.Clone(d.Designate)
		d.Moderate = slices.Clone(d.Moderate)
		a.Planner = &d
	}
	if a.WhatIf != nil {
		wi := *a.WhatIf
		a.WhatIf = &wi
	}
	return a
}

// Speed is the clock's speed in months per second; 0 is paused.
func (s *Session) Speed() int { return s.speed }

// SetSpeed sets the speed, clamped to 0..MaxSpeed.
func (s *Session) SetSpeed(v int) { s.speed = min(max(v, 0), MaxSpeed) }

// Tick advances the clock by one update (1/TPS s) and steps the model when a month is due, unless the
// game is paused, over, or waiting for a human at a quota round. At speed v a month is due every TPS/v
// ticks on average, exactly v months every TPS ticks. While the clock cannot run it does not count, so
// that resuming never steps at once to catch up.
func (s *Session) Tick() error {
	if s.err != nil {
		return s.err
	}
	if s.speed == 0 || s.m.Done() || s.Waiting().Any() {
		return nil
	}
	s.acc += s.speed
	if s.acc < TPS {
		return nil
	}
	s.acc -= TPS
	return s.step()
}

// Step simulates one month now (single step), unless waiting or over; then it does nothing.
func (s *Session) Step() error {
	if s.err != nil {
		return s.err
	}
	if s.m.Done() || s.Waiting().Any() {
		return nil
	}
	return s.step()
}

// step simulates one month and records what the history and the news need from it.
func (s *Session) step() error {
	before := len(s.m.Planner.Detected)
	s.rep.before(s)
	if err := s.m.Step(); err != nil {
		s.err = fmt.Errorf("session: month %s: %w", s.m.W.Now, err)
		return s.err
	}
	s.record()
	s.rep.after(s)
	s.news = s.nw.after(s.m, &s.hist, before, s.setup.Role.Provinces, s.reports, s.news)
	return nil
}

// Waiting returns the humans the next month waits for: before a month that holds the quota round, every
// human province that has not submitted a decision for it (in hot-seat order) and a human planner who has
// not. Between rounds nobody is awaited.
func (s *Session) Waiting() Waiting {
	var w Waiting
	m := s.m
	if m.Done() || (m.W.Now+1).MonthOfYear() != m.W.Scn.Planner.QuotaMonth {
		return w
	}
	// A decision still pending was submitted after the last month, hence for this round: the model
	// consumes every pending decision at the next step.
	for _, p := range s.setup.Role.Provinces {
		if _, ok := m.Pending[p]; !ok {
			w.Provinces = append(w.Provinces, p)
		}
	}
	w.Planner = s.setup.Role.Planner && m.PendingPlanner == nil
	return w
}

// Submit records an action and queues it in the model for the next month. The action must carry the
// month that has just ended (Model().W.Now) and exactly one decision, for a role a human plays. A second
// decision for the same role in the same month replaces the first (both stay in the log, so that a replay
// does the same).
func (s *Session) Submit(a Action) error {
	if err := s.Check(a); err != nil {
		return err
	}
	a = cloneAction(a)
	if wi := a.WhatIf; wi != nil {
		l, _ := configs.ParseLever(wi.Key) // Check parsed it
		s.m.PendingChanges = append(s.m.PendingChanges, agents.PolicyChange{Lever: l, Level: wi.Level})
		// The news says so at once, dated the month it was set at: "From <next month>: ... (what-if)".
		s.news = append(s.news, News{Month: a.Month, Key: "news.whatif", Lever: wi.Key, Args: []float64{wi.Level}})
	} else if d := a.Province; d != nil {
		d.Score = 0 // a human's decision has no AI score
		s.m.Pending[d.Province] = *d
	} else {
		d := cloneAction(a).Planner // the model may keep it; the log keeps its own
		s.m.PendingPlanner = d
	}
	s.actions = append(s.actions, a)
	return nil
}

// Check reports whether Submit would accept a now, changing nothing (the classroom server checks a
// decision when it arrives and submits the round's decisions together, in seat order).
func (s *Session) Check(a Action) error {
	m := s.m
	switch {
	case s.err != nil:
		return s.err
	case m.Done():
		return errors.New("session: the game is over")
	case a.Month != m.W.Now:
		return fmt.Errorf("session: action for %s, but the game is at %s", a.Month, m.W.Now)
	case countNonNil(a) != 1:
		return errors.New("session: an action holds exactly one decision, a province's, the planner's or a what-if")
	case a.WhatIf != nil:
		return s.checkWhatIf(a.WhatIf)
	case a.Province != nil:
		return s.checkDecision(a.Province)
	}
	return s.checkPlanner(a.Planner)
}

// checkDecision accepts a province decision for a human province with finite values in the ranges a
// scenario allows for the same quantities.
func (s *Session) checkDecision(d *agents.Decision) error {
	if d.Province < 0 || d.Province >= len(s.m.W.Provinces) {
		return fmt.Errorf("session: decision for province index %d out of range", d.Province)
	}
	if !slices.Contains(s.setup.Role.Provinces, d.Province) {
		return fmt.Errorf("session: province %s is played by the AI, not by a human", s.m.W.Provinces[d.Province].ID)
	}
	return firstErr(
		inRange("request_mw", d.RequestMW, 0, 1e6),
		inRange("build_mw", d.BuildMW, 0, 1e6),
		inRange("subsidy_yuan_per_kwh", d.Subsidy, 0, 10))
}

// checkPlanner accepts a planner decision from a human planner, with policy levels in the scenario's
// ranges for the same keys and hub and province indices that exist.
func (s *Session) checkPlanner(d *agents.PlannerDecision) error {
	if !s.setup.Role.Planner {
		return errors.New("session: the planner is played by the AI, not by a human")
	}
	if err := inRange("quota_mw", d.QuotaMW, 0, 1e7); err != nil {
		return err
	}
	for _, l := range configs.Levers() {
		if err := l.Check(*l.Spec().Level(&d.Policy)); err != nil {
			return fmt.Errorf("session: %w", err)
		}
	}
	for i, h := range d.Designate {
		if h < 0 || h >= len(s.m.W.Hubs) {
			return fmt.Errorf("session: designate: hub index %d out of range", h)
		}
		if slices.Contains(d.Designate[:i], h) {
			return fmt.Errorf("session: designate: hub %s listed twice", s.m.W.Hubs[h].Cfg.ID)
		}
	}
	for i, p := range d.Moderate {
		if p < 0 || p >= len(s.m.W.Provinces) {
			return fmt.Errorf("session: moderate: province index %d out of range", p)
		}
		if slices.Contains(d.Moderate[:i], p) {
			return fmt.Errorf("session: moderate: province %s listed twice", s.m.W.Provinces[p].ID)
		}
	}
	return nil
}

func inRange(key string, v, lo, hi float64) error {
	if math.IsNaN(v) || v < lo || v > hi {
		return fmt.Errorf("session: %s = %v is outside [%g, %g]", key, v, lo, hi)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Advice is the AI's advice to province p now (the zero Advice for an index out of range). Asking never
// changes the game.
func (s *Session) Advice(p int) agents.Advice {
	if p < 0 || p >= len(s.m.W.Provinces) {
		return agents.Advice{}
	}
	return s.m.Advise(p)
}

// History returns the metrics of every month so far. It is the session's own record, read only; it grows
// as the game goes on.
func (s *Session) History() *History { return &s.hist }

// record appends the month just simulated to the history (copies: the model's rows are reused).
func (s *Session) record() {
	rows, prows := s.m.Rows(), s.m.ProvinceRows()
	ncol := len(s.hist.Columns)
	flat := make([]float64, (len(rows)+len(prows))*ncol)
	sc := make([][]float64, len(rows))
	for i, r := range rows {
		sc[i] = flat[i*ncol : (i+1)*ncol : (i+1)*ncol]
		copy(sc[i], r)
	}
	flat = flat[len(rows)*ncol:]
	pr := make([][]float64, len(prows))
	for i, r := range prows {
		pr[i] = flat[i*ncol : (i+1)*ncol : (i+1)*ncol]
		copy(pr[i], r)
	}
	s.hist.Months = append(s.hist.Months, s.m.W.Now)
	s.invest = append(s.invest, s.investedNow())
	s.hist.Scope = append(s.hist.Scope, sc)
	s.hist.Province = append(s.hist.Province, pr)
}

// News returns the news log, oldest first (read only).
func (s *Session) News() []News { return s.news }

// Done reports whether the game has reached its last month.
func (s *Session) Done() bool { return s.m.Done() }

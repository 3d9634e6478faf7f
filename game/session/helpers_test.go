package session

import (
	"testing"

	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
)

// Province indices of the baseline used by the tests.
const (
	innerMongolia = 4
	guangdong     = 18
	guizhou       = 23
	ningxia       = 29
)

func newGame(t testing.TB, st Setup) *Session {
	t.Helper()
	s, err := New(st)
	require.NoError(t, err)
	return s
}

func month(y, m int) configs.Month { return configs.NewMonth(y, m) }

// script plays the human roles of a game deterministically from the game's state, one action at a time,
// so that a test can stop between two submissions of one round (mid hot seat).
type script struct {
	provinces []int
	planner   bool
}

func (sc script) setup(seed uint64) Setup {
	return Setup{Preset: "baseline", Seed: seed, Difficulty: Normal, Role: Role{Provinces: sc.provinces, Planner: sc.planner}}
}

// act makes the next submission the script wants this month and reports whether it made one.
func (sc script) act(t testing.TB, s *Session) bool {
	t.Helper()
	m := s.Model()
	now := m.W.Now
	done := func(p int) bool { // p = -1: the planner
		for _, a := range s.Actions() {
			if a.Month == now && ((p < 0 && a.Planner != nil) || (a.Province != nil && a.Province.Province == p)) {
				return true
			}
		}
		return false
	}
	submit := func(a Action) bool {
		a.Month = now
		require.NoError(t, s.Submit(a), "submit at %s", now)
		return true
	}
	w := s.Waiting()
	if len(w.Provinces) > 0 {
		p := w.Provinces[0]
		d := s.Advice(p).Decision
		if p == sc.provinces[0] {
			d.BuildMW = 2*d.BuildMW + 100 // an eager builder, beyond quota
		} else {
			d.CapAtQuota, d.Subsidy = true, 0.05
		}
		return submit(Action{Province: &d})
	}
	if w.Planner {
		pd := m.PlannerPolicy()
		pd.Enforcement = 0.6
		if now.Year()%2 == 0 {
			pd.SetQuota, pd.QuotaMW = true, 3000
			pd.Moderate = []int{innerMongolia}
		}
		return submit(Action{Planner: &pd})
	}
	if s.Done() {
		return false
	}
	if now.MonthOfYear() == 6 && len(sc.provinces) > 0 && !done(sc.provinces[0]) {
		return submit(Action{Province: &agents.Decision{Province: sc.provinces[0], BuildMW: 50}})
	}
	if now.MonthOfYear() == 7 && sc.planner && !done(-1) {
		pd := m.PlannerPolicy()
		pd.WestShare = 0.8
		if now == month(2013, 7) {
			pd.Designate = []int{6} // a west hub ahead of its date
		}
		return submit(Action{Planner: &pd})
	}
	return false
}

// drive plays the script until the game has simulated month until (or is over).
func (sc script) drive(t testing.TB, s *Session, until configs.Month) {
	t.Helper()
	for !s.Done() && s.Model().W.Now < until {
		for sc.act(t, s) {
		}
		before := s.Model().W.Now
		require.NoError(t, s.Step())
		require.Equal(t, before+1, s.Model().W.Now, "the script left the game waiting at %s", before)
	}
}

// autoplayTo steps an autoplay game until month.
func autoplayTo(t testing.TB, s *Session, until configs.Month) {
	t.Helper()
	for !s.Done() && s.Model().W.Now < until {
		require.NoError(t, s.Step())
	}
}

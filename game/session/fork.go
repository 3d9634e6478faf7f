package session

import (
	"fmt"
	"slices"

	"dongshu/configs"
)

// A fork rebuilds a game from its setup and seed with some of its recorded actions and other human roles,
// through the same replay as loading a save (Session.run): the debrief's counterfactuals ("the AI in your
// seat", "the plan without you") and the planner's impact preview are forks. A fork owns everything it
// reads (the setup and the actions are copied when it is made), so it may run on another goroutine while
// the game goes on.

// ForkSpec says what a fork keeps.
type ForkSpec struct {
	// Role is the fork's human roles. Recorded actions of roles the fork leaves to the AI are dropped.
	Role Role
	// Keep chooses, among the remaining recorded actions up to Until, those replayed (nil: all of them).
	Keep func(Action) bool
	// Until is the month the fork is stepped to (0: the source's current month). Past the source's
	// current month the recorded actions run out, so Play must play the fork's human seats.
	Until configs.Month
	// Then are actions submitted after the kept ones, at their months (in month order, none before the
	// last kept action's): a decision tried out in a preview.
	Then []Action
	// Play, if not nil, plays the human seats the game still waits for at a quota round once the kept
	// actions are in (a fork whose human seats follow a rule rather than the log).
	Play func(s *Session, w Waiting) []Action
}

// Fork is a spec ready to run, detached from the session it was made from.
type Fork struct {
	setup   Setup
	actions []Action
	until   configs.Month
	play    func(*Session, Waiting) []Action
}

// Fork prepares a fork of the game (cheap: it copies the setup and the action log). Run it with
// Fork.Run, here or on another goroutine.
func (s *Session) Fork(spec ForkSpec) *Fork {
	st := s.Setup()
	st.Role = Role{Planner: spec.Role.Planner, Provinces: slices.Clone(spec.Role.Provinces)}
	f := &Fork{setup: st, until: spec.Until, play: spec.Play}
	if f.until == 0 {
		f.until = s.m.W.Now
	}
	for _, a := range s.Actions() {
		human := a.Planner != nil && st.Role.Planner ||
			a.Province != nil && slices.Contains(st.Role.Provinces, a.Province.Province)
		if human && a.Month <= f.until && (spec.Keep == nil || spec.Keep(a)) {
			f.actions = append(f.actions, a)
		}
	}
	for _, a := range spec.Then {
		f.actions = append(f.actions, cloneAction(a))
	}
	return f
}

// Run builds the fork's game and steps it to its month (or the game's end, if earlier).
func (f *Fork) Run() (*Session, error) {
	s, err := New(f.setup)
	if err != nil {
		return nil, fmt.Errorf("session: fork: %w", err)
	}
	until := min(f.until, s.m.W.End)
	if until < s.m.W.Now {
		return nil, fmt.Errorf("session: fork: month %s is before the game's start %s", until, s.m.W.Now)
	}
	if err := s.run(f.actions, until, f.play); err != nil {
		return nil, fmt.Errorf("session: fork: %w", err)
	}
	return s, nil
}

// Replay is Fork then Run: the game rebuilt with spec's actions and roles.
func (s *Session) Replay(spec ForkSpec) (*Session, error) {
	return s.Fork(spec).Run()
}

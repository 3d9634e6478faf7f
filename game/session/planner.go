package session

import "dongshu/agents"

// The planner's advisor and impact preview (docs/game.md, The planner's advisor and preview).

// PlannerAdvice is what the AI planner would choose now. Asking never changes the game (it draws
// nothing from the run's generator).
func (s *Session) PlannerAdvice() agents.PlannerAdvice { return s.m.AdvisePlanner() }

// PreviewMonths is how far the planner's impact preview runs (assumption: one quota round and the year
// of building it starts).
const PreviewMonths = 12

// PlannerPreview prepares the impact preview of planner decision d: the game replayed to now (a Fork),
// d submitted now in place of any planner decision already pending, then run PreviewMonths further;
// past the log the human seats play the AI's choice (a province its advice, the planner the policy as it
// then stands and its rule's quota). Compare two previews with Headline(-1, from) where from is the
// number of months played now.
func (s *Session) PlannerPreview(d agents.PlannerDecision) *Fork {
	now := s.m.W.Now
	return s.Fork(ForkSpec{
		Role:  s.Setup().Role,
		Keep:  func(a Action) bool { return a.Planner == nil || a.Month != now },
		Until: now + PreviewMonths,
		Then:  []Action{{Month: now, Planner: &d}},
		Play:  playAI,
	})
}

// playAI plays the awaited human seats as the AI would (the province's advice, the planner's rule).
func playAI(g *Session, w Waiting) []Action {
	var out []Action
	for _, p := range w.Provinces {
		d := g.Advice(p).Decision
		out = append(out, Action{Month: g.m.W.Now, Province: &d})
	}
	if w.Planner {
		d := g.PlannerAdvice().Decision
		out = append(out, Action{Month: g.m.W.Now, Planner: &d})
	}
	return out
}

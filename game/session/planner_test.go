package session

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Asking the planner's advisor and running previews never changes the game.
func TestPlannerAdviceAndPreviewChangeNothing(t *testing.T) {
	plain := newGame(t, players.setup(9))
	players.drive(t, plain, month(2024, 12))
	asked := newGame(t, players.setup(9))
	for !asked.Done() && asked.Model().W.Now < month(2024, 12) {
		a := asked.PlannerAdvice()
		require.GreaterOrEqual(t, a.QuotaMW, 0.0)
		if asked.Model().W.Now.MonthOfYear() == 12 {
			_, err := asked.PlannerPreview(a.Decision).Run()
			require.NoError(t, err)
		}
		for players.act(t, asked) {
		}
		require.NoError(t, asked.Step())
	}
	assertSameGame(t, plain, asked, "advice and previews asked")
}

func TestPlannerPreviewRunsTheDecisionForward(t *testing.T) {
	s := newGame(t, players.setup(9))
	players.drive(t, s, month(2022, 12)) // the round's decisions are due
	adv := s.PlannerAdvice()
	ai, err := s.PlannerPreview(adv.Decision).Run()
	require.NoError(t, err)
	assert.Equal(t, month(2023, 12), ai.Model().W.Now)
	tight := adv.Decision
	tight.SetQuota, tight.QuotaMW = true, 0
	tight.WestShare, tight.Enforcement = 0.9, 1
	none, err := s.PlannerPreview(tight).Run()
	require.NoError(t, err)
	// The rule's own quota is 0 at this round (capacity covers the need), so against it the tight
	// decision changes only enforcement and the west share, a near tie (0.1 bn of 85,000) that any change
	// in the game's draws tips either way; a generous quota is the clear contrast.
	loose := adv.Decision
	loose.SetQuota, loose.QuotaMW = true, 20000
	gen, err := s.PlannerPreview(loose).Run()
	require.NoError(t, err)
	from := len(s.History().Months)
	hg, hn := gen.Headline(-1, from), none.Headline(-1, from)
	assert.Less(t, hn.DebtBn, hg.DebtBn-1, "no quota, less debt than a generous one")
	assert.False(t, reflect.DeepEqual(ai.History().Province, none.History().Province), "the decision reaches the preview")
	// The preview is the game played on with the same decisions.
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Planner: &tight}))
	for _, a := range playAI(s, s.Waiting()) {
		require.NoError(t, s.Submit(a))
	}
	for s.Model().W.Now < month(2023, 12) {
		for _, a := range playAI(s, s.Waiting()) {
			require.NoError(t, s.Submit(a))
		}
		require.NoError(t, s.Step())
	}
	assert.Equal(t, s.History(), none.History())
}

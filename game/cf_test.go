package game

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/i18n"
	"dongshu/game/session"
)

// plannerAtRound starts a planner game and confirms the planner's dialogs until the one of the round
// decided in December of year.
func plannerAtRound(t *testing.T, lang string, year int) *App {
	a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal,
		Role: session.Role{Planner: true}}, Start: true, Speed: 8})
	for range 200 {
		untilOverlay(t, a, 60*60)
		require.Equal(t, OverlayDialog, a.Overlay())
		if a.Session().Model().W.Now == configs.NewMonth(year, 12) {
			return a
		}
		a.Do(Command{Kind: CmdConfirm})
	}
	t.Fatal("no round")
	return nil
}

// waitFor updates a until cond holds (the forks run on other goroutines).
func waitFor(t *testing.T, a *App, cond func() bool) {
	t.Helper()
	var in Input
	for range 3000 {
		if cond() {
			return
		}
		require.NoError(t, a.Update(&in))
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("never ready")
}

// The override starts from the AI planner's proposal, never from 0, and a drastic value is warned of.
func TestPlannerOverrideNoLongerZeroes(t *testing.T) {
	// Round 1: quotas are not in force yet; the dialog says so.
	a := plannerAtRound(t, "en", 2012)
	d := a.pl().dlg
	require.Equal(t, dlgPlanner, d.kind)
	assert.False(t, d.padvice.Quotas)
	assert.Contains(t, a.pl().plannerWarnings(d), a.cat.T("ui.cf.warn.no_quotas"))

	// The first round with quotas.
	a = plannerAtRound(t, "en", 2022)
	d = a.pl().dlg
	adv := a.Session().PlannerAdvice()
	require.True(t, adv.Quotas)
	require.Greater(t, adv.QuotaMW, 100.0)
	assert.Equal(t, snap(adv.QuotaMW, 100), d.plan.QuotaMW, "the quota field shows the rule's quota")
	assert.Empty(t, a.pl().plannerWarnings(d), "the AI's proposal is not drastic")
	a.Do(Command{Kind: CmdToggle, Arg: fSetQuota})
	require.True(t, d.plan.SetQuota)
	assert.Equal(t, snap(adv.QuotaMW, 100), d.plan.QuotaMW, "Override keeps the rule's quota")
	assert.Empty(t, a.pl().plannerWarnings(d))
	for range 200 {
		a.Do(Command{Kind: CmdAdjust, Arg: fQuota, Delta: -1, Big: true})
	}
	require.Zero(t, d.plan.QuotaMW)
	assert.Equal(t, []string{a.cat.T("ui.cf.warn.quota_zero", a.cat.Number(adv.QuotaMW, 0))}, a.pl().plannerWarnings(d))
	a.Do(Command{Kind: CmdAdjust, Arg: leverField(configs.LeverEnforcement), Delta: -1, Big: true})
	a.Do(Command{Kind: CmdAdjust, Arg: leverField(configs.LeverEnforcement), Delta: -1, Big: true})
	assert.Len(t, a.pl().plannerWarnings(d), 2, "and the enforcement dropped by two big steps")
	// Take advice restores the AI's proposal.
	a.Do(Command{Kind: CmdAdvice})
	assert.False(t, d.plan.SetQuota)
	assert.Equal(t, a.Session().Model().W.Policy, d.plan.Policy)
	assert.Empty(t, a.pl().plannerWarnings(d))

	// The preview comes in off the update loop and is the session's own.
	waitFor(t, a, a.PreviewReady)
	r := a.pl().preview.res
	require.NoError(t, r.err)
	from := len(a.Session().History().Months)
	want, err := a.Session().PlannerPreview(d.plannerDecision()).Run()
	require.NoError(t, err)
	assert.Equal(t, want.Headline(-1, from), r.mine)
	assert.Equal(t, r.mine, r.ai, "the advice taken: the same decision")
}

// Every field of the planner's dialog has its help, in English and in French, and every cf key is in
// both catalogs.
func TestPlannerHelpForEveryField(t *testing.T) {
	cats := map[string]*i18n.Catalog{}
	for _, lang := range []string{"en", "fr"} {
		c, err := i18n.Load(lang)
		require.NoError(t, err)
		cats[lang] = c
		d := &dialog{kind: dlgPlanner, hubs: []int{1, 2}}
		for f := range d.numFields() {
			d.focus = f
			k := d.helpKey()
			require.True(t, c.Has(k), "%s: field %d has help (%s)", lang, f, k)
			assert.Greater(t, len(c.T(k)), 40, "%s %s: a sentence", lang, k)
		}
	}
	for _, pair := range [][2]string{{"en", "fr"}, {"fr", "en"}} {
		for _, k := range cats[pair[0]].Keys() {
			if strings.HasPrefix(k, "ui.cf.") {
				assert.True(t, cats[pair[1]].Has(k), "%s is in %s but not in %s", k, pair[0], pair[1])
			}
		}
	}
}

// The debrief's counterfactuals are the session's own, computed off the update loop; the page shows
// "computing" until they are in, then the three columns.
func TestDebriefCounterfactuals(t *testing.T) {
	gz := provinceIndex(t, "guizhou")
	a := newApp(t, Options{Lang: "fr", Setup: session.Setup{Preset: "baseline", Seed: 2, Difficulty: session.Normal,
		Role: session.Role{Provinces: []int{gz}}}, Start: true, Speed: 8, AutoDecide: true})
	var in Input
	for a.Session().Model().W.Now < configs.NewMonth(2024, 3) {
		require.NoError(t, a.Update(&in))
	}
	a.Do(Command{Kind: CmdEndGame})
	a.Do(Command{Kind: CmdConfirm})
	require.Equal(t, ScreenDebrief, a.Screen())
	a.Do(Command{Kind: CmdCF})
	require.True(t, a.db().cf.open)
	waitFor(t, a, a.CounterfactualsReady)
	res := a.db().cf.res[0]
	require.NoError(t, res.err)
	for kind, got := range map[session.CfKind]session.Headline{session.CfAI: res.ai, session.CfPlan: res.plan} {
		s, err := a.Session().Counterfactual(gz, kind).Run()
		require.NoError(t, err)
		assert.Equal(t, s.Headline(gz, 0), got, "kind %d", kind)
	}
	game := a.Session().Headline(gz, 0)
	assert.NotEqual(t, game, res.ai, "the AI in Guizhou's seat plays otherwise than the advisor taken every round")
	a.Draw(&recorder{})
	var all []string
	for _, tx := range a.menuOf().sc.texts {
		all = append(all, tx.S)
	}
	joined := strings.Join(all, "\n")
	assert.Contains(t, joined, a.cat.T("ui.cf.col.plan"))
	assert.NotContains(t, joined, a.cat.T("ui.cf.computing"))
	assert.Contains(t, joined, a.cat.T("ui.unit.bn", a.cat.Number(res.plan.OwnDebtBn, 0)))
}

// The planner's dialog shows exactly the levers marked InDialog, in table order after the quota's two
// fields, each with its label, its level formatted by leverValue, its own steps and its help.
func TestPlannerDialogLeverRows(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := plannerAtRound(t, lang, 2022)
		d, w := a.pl().dlg, a.Session().Model().W
		var want []configs.Lever
		for _, l := range configs.Levers() {
			if l.Spec().InDialog {
				want = append(want, l)
			}
		}
		require.NotEmpty(t, want)
		rows, _ := a.pl().plannerDialogRows(d, w)
		require.Len(t, rows, fFirstLever+len(want)+len(d.hubs), lang)
		var r recorder
		a.Draw(&r)
		for k, l := range want {
			f := fFirstLever + k
			spec := l.Spec()
			assert.Equal(t, a.cat.T(spec.Label), rows[f].label, "%s: field %d is %s", lang, f, l)
			assert.Equal(t, a.pl().leverValue(l, *spec.Level(&d.plan.Policy)), rows[f].value, "%s: %s", lang, l)
			assert.Contains(t, r.texts, rows[f].value, "%s: %s's level drawn", lang, l)
			assert.Equal(t, leverField(l), f)
			d.focus = f
			assert.Equal(t, spec.Help, d.helpKey(), "%s: %s's help", lang, l)
			assert.Equal(t, spec.Guide, guideKey(dlgPlanner, f), "%s: %s's guide", lang, l)
			was := *spec.Level(&d.plan.Policy)
			a.Do(Command{Kind: CmdAdjust, Arg: f, Delta: 1})
			assert.InDelta(t, min(spec.Top, snap(was+spec.Step, spec.Step)), *spec.Level(&d.plan.Policy), 1e-9, "%s: %s steps by its row's step", lang, l)
		}
		for _, l := range configs.Levers() {
			if !l.Spec().InDialog {
				assert.Equal(t, -1, leverField(l), "%s is not in the dialog", l)
			}
		}
	}
}

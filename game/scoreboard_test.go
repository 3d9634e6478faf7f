package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/session"
)

// The live boards show the debrief's numbers: the panel's scores are Session.Scores' (the debrief reads
// the same), for the seat whose turn it is at a hot-seat round, and the report's lines are the
// session's round report.
func TestScoreboardsAreTheDebriefs(t *testing.T) {
	gz, nx := provinceIndex(t, "guizhou"), provinceIndex(t, "ningxia")
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal,
			Role: session.Role{Provinces: []int{gz, nx}}}, Start: true, Speed: 8, AutoDecide: true})
		var in Input
		for range 60 * 60 {
			require.NoError(t, a.Update(&in))
			if a.Session().Model().W.Now >= configs.NewMonth(2016, 2) {
				break
			}
		}
		a.Draw(&recorder{})
		sb := &a.pl().prep.board
		require.True(t, sb.On, lang)
		seat := a.pl().scoreboardSeat()
		assert.Equal(t, gz, seat, "no round waiting: the first human province")
		sc := a.sess.Scores(seat)
		c := a.cat
		assert.True(t, strings.HasPrefix(sb.Rows[0].Score, c.Number(sc.Career.Score, 0)), "%s: %q", lang, sb.Rows[0].Score)
		assert.Equal(t, c.Number(sc.Nation.Score, 0)+" "+c.T("ui.score.own", c.Number(sc.Nation.OwnScore, 0)), sb.Rows[1].Score, lang)
		require.Len(t, sb.Rows[0].Parts, 3)
		require.Len(t, sb.Rows[1].Parts, 4)
		for i, p := range sc.Career.Parts {
			assert.Equal(t, p.Score, sb.Rows[0].Parts[i].Score)
		}
		var deb session.Debrief
		for _, d := range a.sess.Debrief() {
			if d.Province == seat {
				deb = d
			}
		}
		assert.Equal(t, sc, deb.Scores, "the debrief's numbers")
		// The report under the boards is the session's.
		r := a.sess.RoundReport(seat)
		require.True(t, r.Valid)
		var lines []string
		for _, l := range sb.Report {
			lines = append(lines, l.V)
		}
		assert.Equal(t, a.pl().reportLines(r)[0], lines[0], lang)
		// Selecting the other human province shows its boards.
		a.pl().selected = nx
		a.Draw(&recorder{})
		assert.Equal(t, nx, a.pl().scoreboardSeat())
		assert.Contains(t, sb.Title, c.Province("ningxia"))
		// At a hot-seat round: the seat whose turn it is.
		a.pl().waiting = session.Waiting{Provinces: []int{gz, nx}}
		assert.Equal(t, gz, a.pl().scoreboardSeat())
		a.pl().waiting = session.Waiting{Planner: true}
		assert.Equal(t, -1, a.pl().scoreboardSeat(), "the planner's turn")
		a.pl().waiting = session.Waiting{}
	}
}

// Hovering a part's bar shows its tooltip: the part, its value and points, then its rule.
func TestScoreboardTooltip(t *testing.T) {
	gz := provinceIndex(t, "guizhou")
	a := newApp(t, Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{gz}}},
		Start: true, Speed: 8, AutoDecide: true})
	var in Input
	for range 60 * 30 {
		require.NoError(t, a.Update(&in))
	}
	a.Draw(&recorder{})
	_, parts, ok := a.Scoreboard()
	require.True(t, ok)
	p := parts[4] // the nation's debt
	press(t, a, Input{MouseX: p.X + p.W/2, MouseY: p.Y + p.H/2})
	r := &recorder{}
	a.Draw(r)
	sc := a.sess.Scores(gz)
	part := sc.Nation.Parts[1]
	assert.Contains(t, r.texts, a.cat.T("ui.score.tip.part", a.cat.T(part.Key), a.partValue(part), a.cat.Number(part.Score, 0)))
	press(t, a, Input{MouseX: 1, MouseY: 1})
	r = &recorder{}
	a.Draw(r)
	assert.NotContains(t, r.texts, a.cat.T("ui.score.tip.part", a.cat.T(part.Key), a.partValue(part), a.cat.Number(part.Score, 0)))
}

// In the facilitator mode no human holds a seat: the boards are titled for the country, not for the
// central planner.
func TestScoreboardTitleFacilitator(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Facilitator: true}, Start: true, Speed: 8})
		var in Input
		for range 30 {
			require.NoError(t, a.Update(&in))
		}
		a.Draw(&recorder{})
		sb := &a.pl().prep.board
		require.True(t, sb.On, lang)
		c := a.cat
		assert.Equal(t, c.T("ui.score.title_country"), sb.Title, lang)
		assert.NotContains(t, sb.Title, a.roleName(-1), lang)
		assert.NotEqual(t, "ui.score.title_country", sb.Title, "%s: the key is in the catalog", lang)
	}
}

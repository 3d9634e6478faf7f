package game

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/session"
	"dongshu/game/view"
)

// toDebrief plays a game to its end (the advisor deciding for the humans) and returns on the debrief.
func toDebrief(t *testing.T, opt Options) *App {
	t.Helper()
	opt.Start, opt.AutoDecide, opt.Speed = true, true, session.MaxSpeed
	a := newApp(t, opt)
	var in Input
	for range 60 * 60 {
		require.NoError(t, a.Update(&in))
		if a.Screen() == ScreenDebrief {
			return a
		}
	}
	require.FailNow(t, "no debrief", "month %s", a.Session().Model().W.Now)
	return nil
}

// The debrief fits its panel in both languages and at the usual window sizes: no score part's label is
// cut, every text lies inside the left panel or the charts' area, and the "What happened" block shows
// the run's figures as Session.Facts computes them from the History, with a line in plain words each.
func TestDebriefWhatHappened(t *testing.T) {
	guizhou := provinceIndex(t, "guizhou")
	for _, role := range []session.Role{{}, {Provinces: []int{guizhou}}} {
		for _, lang := range []string{"en", "fr"} {
			a := toDebrief(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal, Role: role}})
			f := a.Session().Facts()
			require.True(t, f.Has2022)
			c := a.cat
			for _, size := range [][2]int{{1280, 720}, {1920, 1080}, {1024, 640}} {
				name := fmt.Sprintf("%s %v %v", lang, role.Provinces, size)
				a.Layout(size[0], size[1])
				a.Do(Command{Kind: CmdPage, Arg: 0})
				a.Draw(&recorder{})
				s := a.fonts.scale
				W, H := float32(size[0]), float32(size[1])
				left := Rect{16 * s, 16*s + 52*s, W*0.45 - 16*s, H - 52*s - 32*s - 56*s}
				var texts []string
				for page := range a.db().pages { // every page (one when it all fits)
					a.Do(Command{Kind: CmdPage, Arg: page})
					a.Draw(&recorder{})
					for _, tx := range a.menuOf().sc.texts {
						texts = append(texts, tx.S)
						x0, x1 := textExtent(tx)
						if tx.Y < left.Y || tx.Y > left.Y+left.H || tx.X >= left.X+left.W {
							continue // title and keys line; the right column (charts, the why)
						}
						assert.True(t, x0 >= left.X-0.5 && x1 <= left.X+left.W+0.5, "%s: %q inside the left panel", name, tx.S)
						assert.LessOrEqual(t, tx.Y+tx.F.LineHeight(), left.Y+left.H+0.5, "%s: %q above the panel's bottom", name, tx.S)
						assert.False(t, strings.HasSuffix(tx.S, "…"), "%s: %q cut short", name, tx.S)
					}
				}
				all := norm(strings.Join(texts, "\n"))
				for _, d := range a.db().debrief {
					for _, p := range boardParts(d) {
						assert.Contains(t, strings.ReplaceAll(all, "\n", " "), norm(c.T(p.Key)), "%s: part label in full", name)
					}
				}
				assert.Contains(t, all, c.T("ui.debrief.what"), name)
				pct := func(v float64) string { return c.Number(100*v, 0) }
				heads := []string{
					c.T("ui.debrief.fact.hubs", pct(f.NorthwestUtil2022), pct(f.EastHubsUtil2022)),
					c.T("ui.debrief.fact.overbuild", c.Number(f.PeakOverbuildMW/1000, 1), view.MonthLabel(c, f.PeakOverbuildMonth)),
					c.T("ui.debrief.fact.unserved", c.Number(100*f.UnservedEnd, 1), "2035"),
					c.T("ui.debrief.fact.co2", c.Number(f.CO2PerMWhEnd, 2), "2035", "2013", c.Number(f.CO2PerMWhStart, 2)),
				}
				if len(role.Provinces) > 0 {
					pf := a.Session().ProvinceFacts(guizhou)
					heads = append(heads, c.T("ui.debrief.fact.p_util", pct(pf.UtilEnd), pct(pf.NationalUtilEnd), "2035"),
						c.T("ui.debrief.fact.p_jobs", c.Number(pf.JobsEnd, 0), c.Number(100*pf.JobsShare, 1), c.Number(100*pf.GDPShare, 1),
							c.Number(pf.JobsBuilding, 0), c.Number(pf.JobsOnline, 0), c.Number(pf.JobsRatio, 2)))
				}
				for _, h := range heads {
					assert.Contains(t, strings.ReplaceAll(all, "\n", " "), norm(h), "%s: the figure is shown", name)
				}
				// Each figure comes with its meaning (at least its first line) at these sizes.
				facts := a.db().debriefFacts()
				for _, fl := range facts {
					if !fl.sub {
						first := wrapText(fl.text, a.fonts.Small, left.W-28*s-10*s, 3)[0]
						assert.Contains(t, texts, first, "%s: %q explained", name, fl.head)
					}
				}
			}
		}
	}
}

// The plain-words lines follow the figures.
func TestDebriefFactsWording(t *testing.T) {
	a := toDebrief(t, Options{Lang: "en", Setup: session.Setup{Preset: "baseline", Seed: 2, Difficulty: session.Normal}})
	c := a.cat
	text := func(head string) string {
		for _, fl := range a.db().debriefFacts() {
			if strings.HasPrefix(fl.head, head) {
				return fl.text
			}
		}
		return ""
	}
	a.db().facts.NorthwestUtil2022, a.db().facts.EastHubsUtil2022 = 0.3, 0.7
	assert.Equal(t, c.T("ui.debrief.fact.hubs_real", "30", "65"), text("Hub use in 2022"))
	a.db().facts.NorthwestUtil2022 = 0.55
	assert.Equal(t, c.T("ui.debrief.fact.hubs_less", "30", "65"), text("Hub use in 2022"))
	a.db().facts.NorthwestUtil2022 = 0.68
	assert.Equal(t, c.T("ui.debrief.fact.hubs_none", "30", "65"), text("Hub use in 2022"))
	a.db().facts.Has2022 = false
	assert.Empty(t, text("Hub use in 2022"), "no 2022 figure in a game that did not reach 2022")
	a.db().facts.UnservedEnd = 0.002
	assert.Equal(t, c.T("ui.debrief.fact.unserved_low"), text("Unserved work"))
	a.db().facts.UnservedEnd = 0.05
	assert.Equal(t, c.T("ui.debrief.fact.unserved_high"), text("Unserved work"))
	a.db().facts.CO2PerMWhStart, a.db().facts.CO2PerMWhEnd = 0.6, 0.5
	assert.Equal(t, c.T("ui.debrief.fact.co2_down"), text("CO₂ per MWh"))
	a.db().facts.CO2PerMWhEnd = 0.6
	assert.Equal(t, c.T("ui.debrief.fact.co2_flat"), text("CO₂ per MWh"))
	a.db().facts.CO2PerMWhEnd = 0.7
	assert.Equal(t, c.T("ui.debrief.fact.co2_up"), text("CO₂ per MWh"))
	assert.InDelta(t, 1.5, growth(2, 5), 1e-12)
	assert.Zero(t, growth(0, 5))
}

// boardParts are a debrief's parts, the career board's then the nation's.
func boardParts(d session.Debrief) []session.ScorePart {
	return append(append([]session.ScorePart{}, d.Career.Parts...), d.Nation.Parts...)
}

// norm makes no-break spaces plain spaces (wrapText keeps French punctuation with its word by them).
func norm(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

func provinceIndex(t *testing.T, id string) int {
	t.Helper()
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true})
	for i, p := range a.Session().Model().W.Provinces {
		if p.ID == id {
			return i
		}
	}
	require.FailNow(t, "no province "+id)
	return -1
}

// The help lists every row, none cut, in both languages and from a small window to full HD.
func TestHelpFits(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, size := range [][2]int{{1280, 720}, {1024, 640}, {1920, 1080}} {
			a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true})
			a.Layout(size[0], size[1])
			a.Do(Command{Kind: CmdHelp})
			a.Draw(&recorder{})
			sc := &a.pl().prep.top
			var texts []string
			for _, tx := range sc.texts {
				texts = append(texts, tx.S)
				assert.False(t, strings.HasSuffix(tx.S, "…"), "%s %v: %q cut", lang, size, tx.S)
			}
			// A description wraps over consecutive lines of its column.
			all := strings.Join(texts, " ")
			for _, k := range helpKeys {
				assert.Contains(t, all, frenchSpaces.Replace(a.cat.T(k[1])), "%s %v: row %s shown", lang, size, k[1])
			}
			// The keys' column leaves room before the descriptions.
			s := a.fonts.scale
			box := Centred(float32(size[0]), float32(size[1]), min(float32(size[0])-32*s, 820*s), min(float32(size[1])-32*s, 620*s))
			kw := helpKeyWidth((box.W-48*s)/2, s)
			for _, k := range helpKeys {
				if k[0] != "" {
					assert.Less(t, advance(a.cat.T(k[0]), a.fonts.Bold), kw-6*s, "%s %v: key %q fits its column", lang, size, k[0])
				}
			}
		}
	}
}

// While a decision dialog covers the right column, the news moves beside it, under the charts, in two
// lines an item; it goes back when the dialog closes.
func TestNewsBesideDialog(t *testing.T) {
	guizhou := provinceIndex(t, "guizhou")
	for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
		a := newApp(t, Options{Lang: "fr", Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{guizhou}}}, Start: true, Speed: 8})
		a.Layout(size[0], size[1])
		// The second round, with news to show.
		untilOverlay(t, a, 60*20)
		a.Do(Command{Kind: CmdConfirm})
		untilOverlay(t, a, 60*20)
		require.Equal(t, OverlayDialog, a.Overlay())
		a.Draw(&recorder{})
		g := a.Geometry()
		assert.Equal(t, g.NewsBeside, g.News, "%v", size)
		assert.False(t, g.News.Overlaps(g.Dialog), "%v: the news clear of the dialog", size)
		for _, ch := range g.Charts {
			assert.False(t, g.News.Overlaps(ch), "%v: the news clear of the charts", size)
		}
		assert.True(t, g.News.Within(Rect{0, 0, float32(size[0]), float32(size[1])}))
		assert.Greater(t, g.News.W, 200*g.S)
		assert.Equal(t, g.News, a.ui.News, "the wheel scrolls the news where it is")
		rows := a.pl().prep.newsRows
		require.NotEmpty(t, rows)
		assert.NotEqual(t, a.cat.T("ui.news.empty"), rows[0].V)
		assert.LessOrEqual(t, 30*g.S+float32(len(rows))*18*g.S, g.News.H+0.5, "rows inside the panel")
		seconds := 0
		for _, r := range rows {
			x := g.News.X + 12*g.S
			if r.K != "" {
				x += newsIndent * g.S
				seconds++
			}
			assert.LessOrEqual(t, x+advance(r.V, a.fonts.Small), g.News.X+g.News.W-12*g.S+0.5, "%v: %q fits", size, r.V)
		}
		assert.Positive(t, seconds, "%v: long items take a second line", size)
		a.Do(Command{Kind: CmdCancel})
		a.Draw(&recorder{})
		g = a.Geometry()
		_, news, ok := scoreboardRect(ComputeGeometry(size[0], size[1], a.layout.Cols, a.layout.Rows).News, g.S)
		require.True(t, ok, "%v: room for the scoreboards", size)
		assert.Equal(t, news, g.News, "back under the side panel, beside the scoreboards")
	}
}

// A hot seat of two provinces and the planner: three scores and the figures still fit the panel (the
// plain-words lines give way first).
func TestDebriefHotSeatFits(t *testing.T) {
	gz, gs := provinceIndex(t, "guizhou"), provinceIndex(t, "gansu")
	for _, lang := range []string{"en", "fr"} {
		a := toDebrief(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal,
			Role: session.Role{Provinces: []int{gz, gs}, Planner: true}}})
		require.Len(t, a.db().debrief, 3)
		for _, size := range [][2]int{{1280, 720}, {1024, 640}} {
			a.Layout(size[0], size[1])
			a.Draw(&recorder{})
			s := a.fonts.scale
			W, H := float32(size[0]), float32(size[1])
			left := Rect{16 * s, 16*s + 52*s, W*0.45 - 16*s, H - 52*s - 32*s - 56*s}
			var texts []string
			for _, tx := range a.menuOf().sc.texts {
				texts = append(texts, norm(tx.S))
				if tx.Y < left.Y || tx.Y > left.Y+left.H || tx.X >= left.X+left.W {
					continue // title and keys; the right column (charts, the why)
				}
				assert.LessOrEqual(t, tx.Y+tx.F.LineHeight(), left.Y+left.H+0.5, "%s %v: %q above the panel's bottom", lang, size, tx.S)
				assert.False(t, strings.HasSuffix(tx.S, "…"), "%s %v: %q cut short", lang, size, tx.S)
			}
			for _, d := range a.db().debrief {
				assert.Contains(t, texts, a.roleName(d.Province), "%s %v: every role scored", lang, size)
			}
			assert.Contains(t, texts, norm(a.cat.T("ui.debrief.what")), "%s %v", lang, size)
		}
	}
}

// A hot seat of three provinces: the debrief is paged (the overview with every role's score and the
// national figures, then a page per role), → ← PgDn PgUp and the ‹ › buttons turn the pages, a click on
// a role's row opens its page, and across the pages every score part (label, value in its unit) and
// every figure with its plain-words line is shown in full, inside the left panel, at each size and in
// both languages.
func TestDebriefHotSeatPages(t *testing.T) {
	var roles []int
	for _, id := range []string{"guizhou", "gansu", "ningxia"} {
		roles = append(roles, provinceIndex(t, id))
	}
	for _, lang := range []string{"en", "fr"} {
		a := toDebrief(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Difficulty: session.Normal,
			Role: session.Role{Provinces: roles}}})
		require.Len(t, a.db().debrief, 3)
		c := a.cat
		for _, size := range [][2]int{{1280, 720}, {1920, 1080}, {1024, 640}} {
			name := fmt.Sprintf("%s %v", lang, size)
			a.Layout(size[0], size[1])
			a.Do(Command{Kind: CmdPage, Arg: 0})
			a.Draw(&recorder{})
			require.Equal(t, 4, a.db().pages, "%s: the overview and a page per role", name)
			s := a.fonts.scale
			left := debriefLeft(float32(size[0]), float32(size[1]), s)
			var all []string
			for page := range a.db().pages {
				require.Equal(t, page, a.db().page, name)
				var texts []string
				for _, tx := range a.menuOf().sc.texts {
					texts = append(texts, norm(tx.S))
					assert.False(t, strings.HasSuffix(tx.S, "…"), "%s page %d: %q cut short", name, page+1, tx.S)
					if tx.Y < left.Y || tx.Y > left.Y+left.H || tx.X >= left.X+left.W {
						continue // title, page indicator and keys line; the right column (charts, the why)
					}
					x0, x1 := textExtent(tx)
					assert.True(t, x0 >= left.X-0.5 && x1 <= left.X+left.W+0.5, "%s page %d: %q inside the left panel", name, page+1, tx.S)
					assert.LessOrEqual(t, tx.Y+tx.F.LineHeight(), left.Y+left.H+0.5, "%s page %d: %q above the panel's bottom", name, page+1, tx.S)
				}
				assert.Contains(t, texts, norm(c.T("ui.debrief.page", page+1, 4)), "%s: the indicator", name)
				if page == 0 {
					for _, d := range a.db().debrief {
						assert.Contains(t, texts, a.roleName(d.Province), "%s: every role on the overview", name)
					}
					assert.Contains(t, texts, norm(c.T("ui.debrief.what")), name)
				} else {
					assert.Contains(t, texts, a.roleName(a.db().debrief[page-1].Province), "%s: page %d is its role's", name, page+1)
				}
				all = append(all, texts...)
				press(t, a, Input{Keys: []Key{KeyRight}})
				a.Draw(&recorder{})
			}
			assert.Equal(t, 3, a.db().page, "%s: → stops at the last page", name)
			joined := strings.ReplaceAll(strings.Join(all, "\n"), "\n", " ")
			for _, d := range a.db().debrief {
				for _, p := range boardParts(d) {
					assert.Contains(t, joined, norm(c.T(p.Key)), "%s: part label in full", name)
					assert.Contains(t, all, norm(a.db().partText(p)), "%s: %s's value in its unit", name, p.Key)
				}
			}
			for _, fl := range a.db().debriefFacts() {
				if fl.sub {
					continue
				}
				assert.Contains(t, joined, norm(fl.head), "%s: figure shown", name)
				assert.Contains(t, joined, norm(fl.text), "%s: %q explained in full", name, fl.head)
			}
			// Back with ←, PgUp and the ‹ button; a click on the overview's role row opens its page.
			press(t, a, Input{Keys: []Key{KeyLeft}})
			press(t, a, Input{Keys: []Key{KeyPageUp}})
			assert.Equal(t, 1, a.db().page, name)
			a.Draw(&recorder{})
			clickCmd(t, a, Command{Kind: CmdPage, Delta: -1})
			assert.Equal(t, 0, a.db().page, name)
			press(t, a, Input{Keys: []Key{KeyLeft}})
			assert.Equal(t, 0, a.db().page, "%s: ← stops at the first page", name)
			a.Draw(&recorder{})
			clickCmd(t, a, Command{Kind: CmdPage, Arg: 3})
			assert.Equal(t, 3, a.db().page, "%s: a click on Ningxia's row", name)
			press(t, a, Input{Keys: []Key{KeyPageDown}})
			assert.Equal(t, 3, a.db().page, name)
		}
	}
}

// clickCmd clicks the middle of the prepared button that sends cmd.
func clickCmd(t *testing.T, a *App, cmd Command) {
	t.Helper()
	for _, b := range a.Buttons() {
		if b.Cmd == cmd {
			press(t, a, Input{Click: true, MouseX: b.R.X + b.R.W/2, MouseY: b.R.Y + b.R.H/2})
			return
		}
	}
	require.FailNow(t, "no button", "%+v", cmd)
}

// Score parts show their values in their own units, never as raw fractions.
func TestDebriefPartUnits(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		a := newApp(t, Options{Lang: lang})
		c := a.cat
		for _, tc := range []struct {
			p    session.ScorePart
			want string
		}{
			{session.ScorePart{Unit: session.UnitPercent, Value: 0.7}, c.T("ui.unit.pct", "70")},
			{session.ScorePart{Unit: session.UnitPoints, Value: 0.25}, c.T("score.unit.points", "25")},
			{session.ScorePart{Unit: session.UnitTCO2MWh, Value: 0.62}, c.T("score.unit.t_mwh", c.Number(0.62, 2))},
			{session.ScorePart{Unit: session.UnitBnYuan, Value: 172.5}, c.T("ui.unit.bn", "172")},
			{session.ScorePart{Unit: session.UnitTimes, Value: 1.13}, "×" + c.Number(1.13, 2)},
			{session.ScorePart{Unit: session.UnitYears, Value: 11.95}, c.T("score.unit.years", c.Number(11.95, 1))},
		} {
			assert.Equal(t, tc.want, a.partValue(tc.p), "%s %s", lang, tc.p.Unit)
		}
	}
	assert.Equal(t, "0,62 t/MWh", func() string {
		a := newApp(t, Options{Lang: "fr"})
		return a.partValue(session.ScorePart{Unit: session.UnitTCO2MWh, Value: 0.62})
	}())
	assert.Equal(t, "172 Md yuans", func() string {
		a := newApp(t, Options{Lang: "fr"})
		return a.partValue(session.ScorePart{Unit: session.UnitBnYuan, Value: 172.5})
	}())
}

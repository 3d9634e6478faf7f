package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/i18n"
	"dongshu/game/session"
	"dongshu/game/view"
)

// textExtent is the horizontal extent of a prepared text.
func textExtent(t textItem) (x0, x1 float32) {
	w := advance(t.S, t.F)
	switch t.Align {
	case AlignCenter:
		return t.X - w/2, t.X + w/2
	case AlignEnd:
		return t.X - w, t.X
	}
	return t.X, t.X + w
}

// The planner's dialog fits in both languages and at both common window sizes: no value runs into its
// "−"/"+" buttons, every button label fits its button, and the hubs to designate are listed under a
// heading by their names, none cut short.
func TestPlannerDialogFits(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
			a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Planner: true}}, Start: true})
			a.Layout(size[0], size[1])
			untilOverlay(t, a, 60*20)
			require.Equal(t, OverlayDialog, a.Overlay())
			require.Equal(t, dlgPlanner, a.pl().dlg.kind)
			a.Draw(&recorder{})
			sc := &a.pl().prep.top
			box := a.geo.Dialog
			for _, tx := range sc.texts {
				x0, x1 := textExtent(tx)
				assert.True(t, x0 >= box.X-0.5 && x1 <= box.X+box.W+0.5, "%s %v: %q inside the dialog", lang, size, tx.S)
				top, bottom := tx.Y-tx.F.LineHeight()/2, tx.Y+tx.F.LineHeight()/2
				if !tx.Middle {
					top, bottom = tx.Y, tx.Y+tx.F.LineHeight()
				}
				for _, b := range sc.buttons {
					if b.Label == "" || bottom <= b.R.Y+1 || top >= b.R.Y+b.R.H-1 {
						continue
					}
					assert.False(t, x1 > b.R.X+0.5 && x0 < b.R.X+b.R.W-0.5, "%s %v: %q overlaps the button %q", lang, size, tx.S, b.Label)
				}
			}
			for _, b := range sc.buttons {
				if b.Label != "" {
					assert.LessOrEqual(t, advance(b.Label, a.fonts.Small), b.R.W, "%s %v: button %q fits", lang, size, b.Label)
				}
			}
			w := a.Session().Model().W
			c := a.cat
			var all []string
			for _, tx := range sc.texts {
				all = append(all, tx.S)
			}
			joined := strings.Join(all, "\n")
			for _, h := range a.pl().dlg.hubs {
				assert.Contains(t, joined, view.HubName(c, &w.Hubs[h]), "%s %v: the hub's row names it in full", lang, size)
			}
			assert.Contains(t, joined, c.T("ui.dlg.designate_due", view.MonthLabel(c, w.Hubs[a.pl().dlg.hubs[0]].Designated)),
				"%s %v: one heading over the hubs", lang, size)
			for _, s := range all {
				assert.False(t, strings.HasSuffix(s, "…"), "%s %v: %q cut short", lang, size, s)
			}
		}
	}
}

// Before the first month the header names the month about to be played, not the one before it.
func TestHeaderFirstMonth(t *testing.T) {
	for lang, want := range map[string]string{"en": "January 2013 — start", "fr": "janvier 2013 — début"} {
		a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true})
		a.Draw(&recorder{})
		w := a.Session().Model().W
		require.Less(t, w.Now, w.Start, "nothing played yet")
		assert.Equal(t, want, a.pl().prep.topMonth)
		for i := 0; i < 100 && w.Now < w.Start; i++ {
			run(t, a, 1)
		}
		require.Equal(t, w.Start, w.Now)
		a.Draw(&recorder{})
		assert.Equal(t, view.MonthLabel(a.cat, configs.NewMonth(2013, 1)), a.pl().prep.topMonth, "%s: then the month played", lang)
	}
}

// Text is placed vertically in one place (Face.Baseline): a centred line's ink (from the x height to the
// cap height) straddles the centre, and a top-aligned line's ascent starts at its top.
func TestBaselineCentres(t *testing.T) {
	require.NoError(t, loadFonts())
	for _, f := range []*Face{newFace(false, 12), newFace(true, 17), newFace(false, 46)} {
		require.Positive(t, f.Ascent)
		require.Positive(t, f.Descent)
		require.Greater(t, f.CapHeight, f.XHeight)
		b := f.Baseline(100, true)
		assert.Less(t, b-f.CapHeight, float32(100), "capitals rise above the centre")
		assert.Greater(t, b-f.XHeight/2, float32(100), "lowercase's middle is below it")
		assert.InDelta(t, 100, b-(f.CapHeight+f.XHeight)/4, 1e-3, "the x/cap band is centred")
		assert.InDelta(t, 50+f.Ascent, f.Baseline(50, false), 1e-4)
	}
}

// The map's fibre links come from the network's lines: one link (or one dashed run) per route, solid
// for open routes, width growing with the open lines on the route, and none over the tiles they join.
func TestMapLinksFromNetwork(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true})
	run(t, a, 1000) // to about 2024: fibre lines are open
	a.Draw(&recorder{})
	w := a.Session().Model().W
	lines := w.Net.Lines(nil)
	require.NotEmpty(t, lines)
	open := map[[2]int]int{}
	for _, l := range lines {
		if l.Open {
			open[[2]int{min(l.A, l.B), max(l.A, l.B)}]++
		}
	}
	solid := 0
	for _, l := range a.pl().prep.links {
		if l.Open == 0 {
			continue
		}
		solid++
		for p := range a.pl().prep.cells {
			r := a.pl().prep.cells[p].R.Inset(1)
			assert.False(t, r.Contains(l.X1, l.Y1) || r.Contains(l.X2, l.Y2), "a link starts and ends at tiles' edges")
		}
		assert.InDelta(t, (0.4+0.6*float32(l.Open))*a.geo.S, l.W, 1e-4, "width by the open lines on the route")
	}
	assert.Positive(t, solid, "open routes drawn solid")
	assert.LessOrEqual(t, solid, len(open), "one solid link per open route at most")
	n := 0
	for _, o := range open {
		n += o
	}
	sum := 0
	for _, l := range a.pl().prep.links {
		sum += l.Open
	}
	assert.LessOrEqual(t, sum, n, "no open line counted twice")
}

// The map's key says what the flow dots' colours mean (one entry per class, after a caption), and shows
// the human-player mark only when someone plays.
func TestFlowKeyAndHumanMark(t *testing.T) {
	for _, c := range []struct {
		role  session.Role
		human bool
	}{{session.Role{}, false}, {session.Role{Planner: true}, true}} {
		a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1, Role: c.role}, Start: true})
		run(t, a, 2)
		var rec recorder
		a.Draw(&rec)
		w := a.sess.Model().W
		require.Len(t, a.pl().prep.flowKey, len(w.Classes)+1)
		for k, cl := range w.Classes {
			m := a.pl().prep.flowKey[len(w.Classes)-1-k]
			assert.Equal(t, markFlow, m.Kind)
			assert.Equal(t, k, m.Class)
			assert.Equal(t, a.cat.T("class."+cl.ID), m.Label)
			assert.Contains(t, rec.texts, m.Label)
		}
		assert.Equal(t, markText, a.pl().prep.flowKey[len(w.Classes)].Kind)
		human := false
		for _, m := range a.pl().prep.legendMarks {
			human = human || m.Kind == markHuman
		}
		assert.Equal(t, c.human, human, "role %+v", c.role)
		// Right to left, inside the map panel.
		for _, m := range a.pl().prep.flowKey {
			assert.GreaterOrEqual(t, m.X, a.geo.Map.X)
			assert.LessOrEqual(t, m.X, a.geo.Map.X+a.geo.Map.W)
		}
	}
}

// The decision dialogs' keys line: both dialogs have an advisor (A advice); Shift is
// "big steps" (×10 only for MW fields), in both languages.
func TestDialogKeysHint(t *testing.T) {
	gz := -1
	for _, lang := range []string{"en", "fr"} {
		cat, err := i18n.Load(lang)
		require.NoError(t, err)
		advice := map[string]string{"en": "A advice", "fr": "A conseil"}[lang]
		big := map[string]string{"en": "Shift: big steps", "fr": "Maj : grand pas"}[lang]
		for _, k := range []string{"ui.dlg.keys", "ui.dlg.keys_planner"} {
			assert.Contains(t, strings.ReplaceAll(cat.T(k), "\u00a0", " "), big, "%s %s", lang, k)
			assert.NotContains(t, cat.T(k), "×10", "%s %s", lang, k)
		}
		shown := func(a *App) string {
			a.Draw(&recorder{})
			var all []string
			for _, tx := range a.pl().prep.top.texts {
				all = append(all, tx.S)
			}
			// The line wraps at spaces; the catalog puts no-break spaces before French colons.
			return strings.ReplaceAll(strings.Join(all, " "), "\u00a0", " ")
		}
		a := newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Planner: true}}, Start: true})
		untilOverlay(t, a, 60*20)
		require.Equal(t, dlgPlanner, a.pl().dlg.kind)
		txt := shown(a)
		assert.Contains(t, txt, advice, "%s: the planner's dialog offers advice", lang)
		assert.Contains(t, txt, big, lang)

		if gz < 0 {
			gz = a.Session().Model().W.ProvinceIndex("guizhou")
			require.GreaterOrEqual(t, gz, 0)
		}
		a = newApp(t, Options{Lang: lang, Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{gz}}}, Start: true})
		untilOverlay(t, a, 60*20)
		require.Equal(t, dlgProvince, a.pl().dlg.kind)
		assert.Contains(t, shown(a), advice, "%s: a province's dialog offers the advice", lang)
	}
}

// One word for capacity started and not yet online, in the side panel, the tooltip and the layer (fr:
// « en construction », never « en chantier »; en: "under construction"); the west steering credit is per
// MW and per month.
func TestCatalogWording(t *testing.T) {
	term := map[string]string{"en": "under construction", "fr": "en construction"}
	unit := map[string]string{"en": "(yuan/MW/month)", "fr": "(yuan/MW/mois)"}
	for _, lang := range []string{"en", "fr"} {
		c, err := i18n.Load(lang)
		require.NoError(t, err)
		for _, k := range []string{"ui.side.capacity", "ui.unit.dcs", "tip.capacity", "layer.building"} {
			v, ok := c.Raw(k)
			require.True(t, ok, "%s %s", lang, k)
			assert.Contains(t, strings.ToLower(v), term[lang], "%s %s", lang, k)
		}
		for _, k := range c.Keys() {
			v, _ := c.Raw(k)
			assert.NotContains(t, v, "chantier", "%s %s", lang, k)
		}
		assert.Contains(t, c.T("ui.dlg.west_steering"), unit[lang], lang)
	}
}

package report

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dongshu/internal/chart"
)

// transitRuns is a sweep of network.transit_cost over 300,000..550,000 (the values whose tick labels
// ran together as "300,000350,000...").
func transitRuns() *Runs {
	rs := &Runs{Params: []string{"network.transit_cost"},
		Outcomes: []string{"northwest_utilisation_2022", "east_hubs_utilisation_2022", "overbuild_end_mw", "over_quota_total_mw"}}
	for k := range 6 {
		v := 300000 + 50000*k
		for rep := range 2 {
			rs.Rows = append(rs.Rows, RunRow{ID: fmt.Sprint(k, rep), Params: []string{fmt.Sprint(v)},
				Outcomes: []float64{0.2 + 0.01*float64(k+rep), 0.7 + 0.005*float64(k), 9000 + 300*float64(k+rep), 2500 + 100*float64(rep)}})
		}
	}
	return rs
}

// overlaps reports the first pair of x tick labels of p, drawn in c, closer than one space.
func overlaps(p *plot.Plot, c draw.Canvas) string {
	dc := p.DataCanvas(c)
	st := p.X.Tick.Label
	prevR := vg.Length(math.Inf(-1))
	prev := ""
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if tk.Label == "" {
			continue
		}
		x := dc.X(p.X.Norm(tk.Value))
		w := st.Width(tk.Label)
		if x-w/2 < prevR+st.Width(" ") {
			return prev + "|" + tk.Label
		}
		prevR, prev = x+w/2, tk.Label
	}
	return ""
}

func langs(t *testing.T) []*lang {
	var out []*lang
	for _, code := range Languages {
		l, err := newLang(code)
		require.NoError(t, err)
		out = append(out, l)
	}
	return out
}

func TestOutcomeChartTicksDoNotOverlap(t *testing.T) {
	rs := transitRuns()
	for _, l := range langs(t) {
		f, err := outcomeLayout(l, rs, 0, []int{0, 1, 2, 3})
		require.NoError(t, err)
		require.Len(t, f.plots, 4)
		for k, p := range f.plots {
			assert.Empty(t, overlaps(p, f.canvases[k]), "%s panel %d: x tick labels overlap", l.Lang(), k)
			labelled := 0
			for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
				if tk.Label != "" {
					labelled++
				}
			}
			assert.GreaterOrEqual(t, labelled, 2, "%s panel %d: at least two labelled ticks", l.Lang(), k)
			assert.Contains(t, p.X.Label.Text, "yuan/(MW*month*1000km)", "the unit of configs.Params on the x axis")
		}
		// The old ticker (six intervals whatever the width) ran the labels together on the same panel.
		old := *f.plots[0]
		old.X.Tick.Marker = &chart.NiceTicks{L: l, Style: old.X.Tick.Label}
		assert.NotEmpty(t, overlaps(&old, f.canvases[0]), "%s: the test sees the old bug", l.Lang())
	}
}

func TestOutcomeChartAxesFromZeroSharedAndMarked(t *testing.T) {
	rs := transitRuns()
	refs, err := References()
	require.NoError(t, err)
	observed := map[string]float64{}
	for _, r := range refs {
		if r.Headline != "" {
			observed[r.Headline] = r.Observed
		}
	}
	require.Contains(t, observed, "northwest_utilisation_2022", "configs/targets declares the 2022 north-west value")
	require.Contains(t, observed, "east_hubs_utilisation_2022")
	for _, l := range langs(t) {
		f, err := outcomeLayout(l, rs, 0, []int{0, 1, 2, 3})
		require.NoError(t, err)
		for k, p := range f.plots {
			assert.LessOrEqual(t, p.Y.Min, 0.0, "%s panel %d: y axis includes 0", l.Lang(), k)
		}
		assert.Equal(t, f.plots[0].Y.Min, f.plots[1].Y.Min, "north-west and east panels: one scale")
		assert.Equal(t, f.plots[0].Y.Max, f.plots[1].Y.Max, "north-west and east panels: one scale")
		assert.True(t, f.shared)
		for k, name := range rs.Outcomes[:2] {
			require.NotNil(t, f.refs[k], "%s: %s marked", l.Lang(), name)
			assert.Equal(t, observed[name], f.refs[k].Observed)
			assert.True(t, hasHLine(f.marks[k:k+1], observed[name]), "%s: a line at %g on the %s panel", l.Lang(), observed[name], name)
			assert.Contains(t, f.plots[k].Title.Text, l.refBound(*f.refs[k]))
		}
		assert.Nil(t, f.refs[2], "no observed value for overbuild")
	}
}

// hasHLine reports whether one of the lines is horizontal at y.
func hasHLine[T any](lines []T, y float64) bool {
	for _, d := range lines {
		if ln, ok := any(d).(*plotter.Line); ok && len(ln.XYs) == 2 && ln.XYs[0].Y == y && ln.XYs[1].Y == y {
			return true
		}
	}
	return false
}

func TestUtilisationChartMarksObserved2022(t *testing.T) {
	ts := runTimeseries(t)
	for _, l := range langs(t) {
		p, leg, err := utilisationChart(l, ts)
		require.NoError(t, err)
		for _, scope := range []string{northwest, eastHubs} {
			r, ok := seriesRef(scope, "utilisation")
			require.True(t, ok, "configs/targets: %s 2022", scope)
			found := false
			for _, e := range leg.entries {
				found = found || strings.Contains(e.text, l.refBound(r)) && hasHLine(e.thumbs, r.Observed)
			}
			assert.True(t, found, "%s: a mark at the %s value, named in the legend", l.Lang(), scope)
		}
		assert.Contains(t, p.Y.Label.Text, l.unit(share), "the unit from agents' outcome table")
	}
}

// hueWords are the colour words a hue (degrees) may be called in English; a caption that names a
// colour must name one of its hue's.
func hueWords(c chart.Paint) []string {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	mx, mn := max(r, g, b), min(r, g, b)
	if mx-mn < 0.1 {
		if mx < 0.2 {
			return []string{"black"}
		}
		return []string{"grey"}
	}
	var h float64
	switch mx {
	case r:
		h = math.Mod((g-b)/(mx-mn), 6)
	case g:
		h = (b-r)/(mx-mn) + 2
	default:
		h = (r-g)/(mx-mn) + 4
	}
	h = math.Mod(h*60+360, 360)
	switch {
	case h < 15 || h >= 345:
		return []string{"red"}
	case h < 50:
		return []string{"orange"}
	case h < 70:
		return []string{"yellow"}
	case h < 170:
		return []string{"green"}
	case h < 260:
		return []string{"blue"}
	default:
		return []string{"purple", "pink"}
	}
}

func TestCaptionColourWordsMatchThePalette(t *testing.T) {
	en, err := newLang("en")
	require.NoError(t, err)
	for _, p := range append(slices.Clone(chart.Palette), refPaint, dotPaint, meanPaint) {
		word := en.colour(p)
		ok := false
		for _, w := range hueWords(p) {
			ok = ok || strings.Contains(word, w)
		}
		assert.True(t, ok, "%s (%v) is called %q; its hue is %v", p.Name, p.RGBA, word, hueWords(p))
	}
	// The outcome chart's mean line is vermilion, an orange: its caption and head say so, never "red".
	dir := makeSweepDir(t, []float64{0, 1}, 2, false)
	for _, l := range langs(t) {
		out := filepath.Join(t.TempDir(), l.Lang())
		_, err := GenerateLang(dir, out, l.Lang())
		require.NoError(t, err)
		html := readString(t, filepath.Join(out, "index.html"))
		assert.Contains(t, html, l.colour(meanPaint))
		assert.NotContains(t, strings.ToLower(html), "red line")
		assert.NotContains(t, strings.ToLower(html), "ligne rouge")
	}
}

func TestFrenchReportHasNoEnglish(t *testing.T) {
	en, err := newLang("en")
	require.NoError(t, err)
	fr, err := newLang("fr")
	require.NoError(t, err)
	dir := makeSweepDir(t, []float64{0, 0.5}, 2, true)
	out := filepath.Join(t.TempDir(), "fr")
	_, err = GenerateLang(dir, out, "fr")
	require.NoError(t, err)
	html := readString(t, filepath.Join(out, "index.html"))
	assert.Contains(t, html, `<html lang="fr">`)
	// No English text of the report's catalog or of agents' outcome table.
	var english []string
	for _, k := range en.Keys() {
		if !strings.HasPrefix(k, "report.") {
			continue
		}
		s, _ := en.Raw(k)
		f, _ := fr.Raw(k)
		if s != f && len(s) > 12 && !strings.Contains(s, "%") {
			english = append(english, s)
		}
	}
	for _, n := range headlineOrder() {
		english = append(english, headlineInfo(n).Label, headlineInfo(n).Explain)
	}
	for _, s := range english {
		assert.NotContains(t, html, s, "English in the French report")
	}
	for _, s := range []string{"Each dot", "line and squares", "Headline numbers", "runs of the dongshu model", "Outcome"} {
		assert.NotContains(t, html, s)
	}
	assert.Contains(t, html, fr.T("report.prov.heading"))
}

func TestFrenchOutcomeTableComplete(t *testing.T) {
	fr, err := newLang("fr")
	require.NoError(t, err)
	for _, n := range headlineOrder() {
		o, ok := fr.outcomes.Outcome[n]
		assert.True(t, ok && o.Label != "" && o.Explain != "", "outcomes_fr.toml: %s", n)
		u := headlineInfo(n).Unit
		_, ok = fr.outcomes.Unit[unitSlug(u)]
		assert.True(t, ok, "outcomes_fr.toml: unit %q (%s)", u, unitSlug(u))
	}
}

// TestChartsNotClipped renders every chart of a report in both languages and checks nothing reaches
// the image's edge (a label or legend cut at the border inks it).
func TestChartsNotClipped(t *testing.T) {
	dir := makeSweepDir(t, []float64{0, 0.5, 1}, 2, true)
	for _, code := range Languages {
		out := filepath.Join(t.TempDir(), code)
		sum, err := GenerateLang(dir, out, code)
		require.NoError(t, err)
		for _, f := range sum.Files {
			if !strings.HasSuffix(f, ".png") {
				continue
			}
			img, err := png.Decode(bytes.NewReader([]byte(readString(t, filepath.Join(out, f)))))
			require.NoError(t, err)
			b := img.Bounds()
			inked := 0
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for _, x := range []int{b.Min.X, b.Min.X + 1, b.Max.X - 2, b.Max.X - 1} {
					if r, g, bb, _ := img.At(x, y).RGBA(); r < 0xE000 || g < 0xE000 || bb < 0xE000 {
						inked++
					}
				}
			}
			assert.Zero(t, inked, "%s %s: ink at the left or right edge (clipped)", code, f)
		}
	}
}

func TestProvinceChartShowsTheObservedYear(t *testing.T) {
	require.Equal(t, "2022-12", snapshotMonth(), "from configs/targets' north-west year")
	ts := &Timeseries{Months: []string{"2022-12", "2030-12"}, Runs: []string{"a"}, Provinces: []string{"gansu", "hebei"},
		Final:     map[string][][2]float64{"gansu": {{10, 1}}, "hebei": {{0, 0}}},
		Snap:      map[string][][2]float64{"gansu": {{500, 20}}, "hebei": {{40, 0}}},
		SnapMonth: "2022-12"}
	pn := provincePanels(ts)
	require.Len(t, pn, 2)
	assert.Equal(t, "2022-12", pn[0].month)
	assert.Equal(t, 500.0, pn[0].vals[0].OverbuildMW)
	assert.Equal(t, "2030-12", pn[1].month)
	for _, l := range langs(t) {
		b, err := provinceChart(l, ts)
		require.NoError(t, err)
		assert.NotEmpty(t, b)
	}
}

// TestLegendsFitTheCanvas lays out the longest legends (the utilisation chart's, the province chart's) in
// both languages and checks every column ends inside the canvas: text cut at the right edge was the
// clipped overbuild_by_province.png.
func TestLegendsFitTheCanvas(t *testing.T) {
	ts := runTimeseries(t)
	for _, l := range langs(t) {
		p, leg, err := utilisationChart(l, ts)
		require.NoError(t, err)
		dc := draw.New(chart.Canvas(chart.WidthPx, chart.HeightPx))
		_, legs, cols := legendLayout(p, leg, dc)
		require.Len(t, cols, len(legs))
		for k, c := range cols {
			assert.LessOrEqual(t, c.Max.X, dc.Max.X, "%s: utilisation legend column %d", l.Lang(), k)
		}
		pl := &legend{}
		for _, st := range l.provinceStyles() {
			pl.Add(st.label)
		}
		legs = pl.columns(2)
		cols, fits := pl.place(legs, dc, dc.Min.X+vg.Points(12), 0, vg.Points(20))
		assert.True(t, fits, "%s: the province legend fits side by side from the names' edge", l.Lang())
		for k, c := range cols {
			assert.LessOrEqual(t, c.Max.X, dc.Max.X, "%s: province legend column %d", l.Lang(), k)
		}
	}
}

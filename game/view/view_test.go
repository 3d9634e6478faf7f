package view

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/assets"
	"dongshu/configs"
	"dongshu/game/i18n"
	"dongshu/game/session"
)

var (
	modelOnce sync.Once
	model     *agents.Model
	modelErr  error
)

// stepped is the baseline (seed 1) simulated to the end of 2022, after the hubs' designation; shared by
// the tests, which only read it.
func stepped(t testing.TB) *agents.Model {
	t.Helper()
	modelOnce.Do(func() {
		var s *configs.Scenario
		if s, modelErr = configs.LoadPreset("baseline"); modelErr != nil {
			return
		}
		if model, modelErr = agents.New(s); modelErr != nil {
			return
		}
		modelErr = model.StepUntil(configs.NewMonth(2023, 1))
	})
	require.NoError(t, modelErr)
	require.Equal(t, configs.NewMonth(2022, 12), model.W.Now)
	return model
}

func catalogs(t testing.TB) (en, fr *i18n.Catalog) {
	t.Helper()
	en, err := i18n.Load("en")
	require.NoError(t, err)
	fr, err = i18n.Load("fr")
	require.NoError(t, err)
	return en, fr
}

// --- layout

func TestLayout(t *testing.T) {
	l, err := LoadLayout()
	require.NoError(t, err)
	m := stepped(t)
	require.NoError(t, l.Bind(m))
	require.Len(t, l.Cells, len(m.W.Provinces))
	pos := map[string]Cell{}
	for i, c := range l.Cells {
		assert.Equal(t, m.W.Provinces[i].ID, c.Province, "cells in province order")
		assert.True(t, c.Col >= 0 && c.Col < l.Cols && c.Row >= 0 && c.Row < l.Rows, "%v inside the grid", c)
		pos[c.Province] = c
		assert.Equal(t, i, l.At(c.Col, c.Row))
	}
	assert.Equal(t, -1, l.At(l.Cols, 0))
	// Rough geography: Xinjiang and Tibet the far west, Heilongjiang the north-east corner, Hainan the
	// south, Shanghai on the coast east of Jiangsu, Beijing north of Guangdong.
	for _, c := range l.Cells {
		assert.LessOrEqual(t, pos["xinjiang"].Col, c.Col)
		assert.LessOrEqual(t, pos["heilongjiang"].Row, c.Row)
		assert.GreaterOrEqual(t, pos["heilongjiang"].Col, c.Col)
		assert.GreaterOrEqual(t, pos["hainan"].Row, c.Row)
	}
	assert.Equal(t, pos["jiangsu"].Row, pos["shanghai"].Row)
	assert.Equal(t, pos["jiangsu"].Col+1, pos["shanghai"].Col)
	assert.Less(t, pos["beijing"].Row, pos["guangdong"].Row)
	assert.Less(t, pos["tibet"].Col, pos["sichuan"].Col)

	// Most land borders touch on the grid (8-neighbourhood): the cartogram keeps neighbours together.
	touch, pairs := 0, 0
	for _, p := range m.W.Provinces {
		for _, q := range p.Neighbours {
			a, b := l.Cells[p.Index], l.Cells[q]
			pairs++
			if abs(a.Col-b.Col) <= 1 && abs(a.Row-b.Row) <= 1 {
				touch++
			}
		}
	}
	require.Positive(t, pairs)
	t.Logf("land borders touching on the grid: %d of %d", touch, pairs)
	assert.GreaterOrEqual(t, float64(touch)/float64(pairs), 0.75)
}

func abs(x int) int { return max(x, -x) }

func TestLayoutErrors(t *testing.T) {
	cases := map[string]string{
		"duplicate cell":     "cols = 2\nrows = 1\ncell = [{province = \"a\", col = 0, row = 0}, {province = \"b\", col = 0, row = 0}]",
		"duplicate province": "cols = 2\nrows = 1\ncell = [{province = \"a\", col = 0, row = 0}, {province = \"a\", col = 1, row = 0}]",
		"outside the grid":   "cols = 2\nrows = 1\ncell = [{province = \"a\", col = 2, row = 0}]",
		"no province":        "cols = 2\nrows = 1\ncell = [{col = 1, row = 0}]",
		"empty grid":         "cols = 0\nrows = 1",
		"unknown key":        "cols = 1\nrows = 1\ncolumns = 3",
		"bad toml":           "cols = ",
	}
	for name, text := range cases {
		_, err := ParseLayout([]byte(text))
		assert.Error(t, err, name)
	}
	l, err := ParseLayout([]byte("cols = 2\nrows = 1\ncell = [{province = \"a\", col = 0, row = 0}, {province = \"b\", col = 1, row = 0}]"))
	require.NoError(t, err)
	assert.Len(t, l.Cells, 2)

	// A province of the model missing from the layout.
	data, err := assets.FS.ReadFile("map/layout.toml")
	require.NoError(t, err)
	var kept []string
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, `"hainan"`) {
			kept = append(kept, line)
		}
	}
	l, err = ParseLayout([]byte(strings.Join(kept, "\n")))
	require.NoError(t, err)
	err = l.Bind(stepped(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hainan")
}

// --- colour scales

func TestPaletteEndpoints(t *testing.T) {
	// matplotlib's first and last entries, rounded to 8 bits (#440154, #fde725; #00224e, #fee838).
	assert.Equal(t, color.RGBA{0x44, 0x01, 0x54, 0xff}, Viridis.At(0))
	assert.Equal(t, color.RGBA{0xfd, 0xe7, 0x25, 0xff}, Viridis.At(1))
	assert.Equal(t, color.RGBA{0x00, 0x22, 0x4e, 0xff}, Cividis.At(0))
	assert.Equal(t, color.RGBA{0xfe, 0xe8, 0x38, 0xff}, Cividis.At(1))
	// Midpoint: the anchor at index 128 (viridis #21918c).
	assert.Equal(t, color.RGBA{0x21, 0x91, 0x8c, 0xff}, Viridis.At(128.0/255))
	// Between anchors the interpolation stays close to matplotlib's own table (index 200 of viridis is
	// 0.440137, 0.811138, 0.340967 = 112, 207, 87).
	c := Viridis.At(200.0 / 255)
	for i, want := range []uint8{112, 207, 87} {
		got := []uint8{c.R, c.G, c.B}[i]
		assert.InDelta(t, float64(want), float64(got), 3, "viridis(200) channel %d", i)
	}
}

func TestPaletteLightnessMonotone(t *testing.T) {
	for _, p := range []Palette{Viridis, Cividis} {
		prev := -1.0
		for i := range lutSize {
			l := Lightness(p.At(float64(i) / (lutSize - 1)))
			assert.GreaterOrEqual(t, l, prev-0.002, "%s: lightness falls at %d", p.Key(), i)
			prev = max(prev, l)
		}
		span := Lightness(p.At(1)) - Lightness(p.At(0))
		assert.Greater(t, span, 0.5, "%s: a wide lightness range", p.Key())
	}
}

func TestScaleColour(t *testing.T) {
	s := Scale{Min: 10, Max: 20, Palette: Viridis}
	assert.Equal(t, NoData, s.Colour(math.NaN()))
	assert.Equal(t, Viridis.At(0), s.Colour(10))
	assert.Equal(t, Viridis.At(1), s.Colour(20))
	assert.Equal(t, Viridis.At(0), s.Colour(-1e9), "clamped below")
	assert.Equal(t, Viridis.At(1), s.Colour(1e9), "clamped above")
	assert.Equal(t, Viridis.At(1), s.Colour(math.Inf(1)))
	assert.Equal(t, Viridis.At(0.5), s.Colour(15))
	s.Palette = Cividis
	assert.Equal(t, Cividis.At(0.5), s.Colour(15))
	assert.Equal(t, Cividis.At(0.5), Scale{Min: 3, Max: 3, Palette: Cividis}.Colour(3), "degenerate scale")
	assert.Equal(t, uint8(0xff), s.Colour(12).A)
}

func TestTicks(t *testing.T) {
	cases := []struct {
		min, max float64
		n        int
		want     []float64
	}{
		{0, 1, 6, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0, 1, 5, []float64{0, 0.5, 1}},
		{0, 100, 6, []float64{0, 20, 40, 60, 80, 100}},
		{0, 5000, 6, []float64{0, 1000, 2000, 3000, 4000, 5000}},
		{0.2, 1.3, 6, []float64{0.2, 0.4, 0.6, 0.8, 1, 1.2}},
		{3, 3, 5, []float64{3}},
		{-1, 1, 5, []float64{-1, -0.5, 0, 0.5, 1}},
		{0, 0.3, 4, []float64{0, 0.1, 0.2, 0.3}},
	}
	for _, tc := range cases {
		got := Scale{Min: tc.min, Max: tc.max}.Ticks(tc.n)
		assert.Equal(t, tc.want, got, "[%v, %v] n=%d", tc.min, tc.max, tc.n)
	}
	assert.Nil(t, Scale{Min: 0, Max: 1}.Ticks(0))
	assert.Nil(t, Scale{Min: 1, Max: 0}.Ticks(5))
	assert.Nil(t, Scale{Min: 0, Max: math.NaN()}.Ticks(5))

	// Properties over many ranges: within bounds, at most n, evenly spaced by a 1-2-5 step, short decimals.
	for _, r := range [][2]float64{{0, 1}, {0, 37}, {0.13, 0.97}, {0, 2e4}, {12, 13}, {0, 100}, {-7, 3}, {0.2, 1.6}} {
		for n := 2; n <= 10; n++ {
			ticks := Scale{Min: r[0], Max: r[1]}.Ticks(n)
			require.NotEmpty(t, ticks, "%v n=%d", r, n)
			assert.LessOrEqual(t, len(ticks), n)
			for i, v := range ticks {
				assert.True(t, v >= r[0]-1e-9 && v <= r[1]+1e-9, "%v n=%d: %v outside", r, n, v)
				assert.LessOrEqual(t, len(strconv.FormatFloat(v, 'f', -1, 64)), 8, "%v is a round number", v)
				if i > 0 {
					step := v - ticks[i-1]
					mant := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9))
					assert.Contains(t, []float64{1, 2, 5}, math.Round(mant*1e6)/1e6, "%v n=%d: step %v", r, n, step)
				}
			}
		}
	}
}

func TestScaleFormat(t *testing.T) {
	en, fr := catalogs(t)
	pct := Scale{Min: 0, Max: 1, UnitKey: "unit.percent"}
	assert.Equal(t, "45%", pct.Format(en, 0.45))
	assert.Equal(t, "45\u00a0%", pct.Format(fr, 0.45))
	mw := Scale{Min: 0, Max: 5000, UnitKey: "unit.mw"}
	assert.Equal(t, "2,000 MW", mw.Format(en, 2000))
	assert.Equal(t, "2\u00a0000\u00a0MW", mw.Format(fr, 2000))
	price := Scale{Min: 0.2, Max: 1.3, UnitKey: "unit.yuan_kwh"}
	assert.Equal(t, "0,6\u00a0yuan/kWh", price.Format(fr, 0.6))
	assert.Equal(t, "pas de données", price.Format(fr, math.NaN()))
}

// --- values

func TestValues(t *testing.T) {
	m := stepped(t)
	w := m.W
	n := len(w.Provinces)
	hub := w.ProvinceIndex("guizhou")
	require.GreaterOrEqual(t, hub, 0)
	en, _ := catalogs(t)
	for l := range NumLayers {
		vals, s := Values(m, l, hub, Cividis, nil)
		require.Len(t, vals, n, l.Key())
		assert.True(t, en.Has(l.Key()), l.Key())
		assert.True(t, en.Has(l.DescKey()), l.DescKey())
		assert.True(t, en.Has(s.UnitKey), "%s: unit %q", l.Key(), s.UnitKey)
		assert.Equal(t, Cividis, s.Palette)
		assert.Less(t, s.Min, s.Max, l.Key())
		inside, data := 0, 0
		for i, v := range vals {
			if math.IsNaN(v) {
				continue
			}
			data++
			assert.GreaterOrEqual(t, v, 0.0, "%s %s", l.Key(), w.Provinces[i].ID)
			if v >= s.Min && v <= s.Max {
				inside++
			}
		}
		assert.Greater(t, data, n/2, "%s: most provinces have a value", l.Key())
		assert.Equal(t, data, inside, "%s: every value within the scale [%v, %v]", l.Key(), s.Min, s.Max)
	}

	util, _ := Values(m, Utilisation, -1, Viridis, nil)
	for i, p := range w.Provinces {
		if p.OnlineMW > 0 {
			assert.InDelta(t, p.UsedMW/p.OnlineMW, util[i], 1e-12)
			assert.LessOrEqual(t, util[i], 1.0)
		} else {
			assert.True(t, math.IsNaN(util[i]))
		}
	}
	online, s := Values(m, Online, -1, Viridis, nil)
	top := 0.0
	for i, p := range w.Provinces {
		assert.Equal(t, p.OnlineMW, online[i])
		top = max(top, p.OnlineMW+p.BuildingMW)
	}
	assert.GreaterOrEqual(t, s.Max, top)
	assert.Less(t, s.Max, 5*top, "the bound is a 1-2-5 ceiling of the largest")
	coal, _ := Values(m, CoalShare, -1, Viridis, nil)
	assert.Equal(t, w.Provinces[0].Cfg.Thermal, coal[0])

	lat, s := Values(m, Latency, hub, Viridis, nil)
	for i, v := range lat {
		assert.GreaterOrEqual(t, v, lat[hub], "the hub itself is nearest (%s)", w.Provinces[i].ID)
	}
	assert.Less(t, lat[hub], 10.0, "the hub's own round trip is its access delay")
	assert.Greater(t, lat[w.ProvinceIndex("heilongjiang")], 20.0)
	assert.Equal(t, "unit.ms", s.UnitKey)
	none, _ := Values(m, Latency, -1, Viridis, nil)
	for _, v := range none {
		assert.True(t, math.IsNaN(v), "no hub selected: no data")
	}
	price, s := Values(m, PowerPrice, -1, Viridis, nil)
	for i, p := range w.Provinces {
		assert.InDelta(t, p.EnergyCostMWh/1000, price[i], 1e-12)
	}
	assert.Equal(t, "unit.yuan_kwh", s.UnitKey)
	debt, _ := Values(m, Debt, -1, Viridis, nil)
	for i, p := range w.Provinces {
		assert.Equal(t, p.Debt, debt[i])
	}
}

func TestValuesStableBounds(t *testing.T) {
	// Fixed and scenario bounds do not move with the month; data-driven ones are 1-2-5 steps.
	m := stepped(t)
	for _, l := range []Layer{Utilisation, PowerPrice, CoalShare, WaterStress, Latency} {
		_, s := Values(m, l, 0, Viridis, nil)
		s0 := scaleAtStart(t, l)
		assert.Equal(t, s0, s, l.Key())
	}
	for _, l := range []Layer{Online, Building, Debt} {
		_, s := Values(m, l, 0, Viridis, nil)
		e := math.Pow(10, math.Floor(math.Log10(s.Max)))
		assert.Contains(t, []float64{1, 2, 5}, math.Round(s.Max/e), "%s: %v", l.Key(), s.Max)
	}
}

func scaleAtStart(t *testing.T, l Layer) Scale {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	m, err := agents.New(s)
	require.NoError(t, err)
	_, sc := Values(m, l, 0, Viridis, nil)
	return sc
}

func TestValuesNoAlloc(t *testing.T) {
	m := stepped(t)
	out := make([]float64, len(m.W.Provinces))
	for l := range NumLayers {
		allocs := testing.AllocsPerRun(100, func() { out, _ = Values(m, l, 3, Viridis, out) })
		assert.Zero(t, allocs, l.Key())
	}
	allocs := testing.AllocsPerRun(100, func() { _ = Viridis.At(0.3) })
	assert.Zero(t, allocs)
}

func BenchmarkValues(b *testing.B) {
	m := stepped(b)
	out := make([]float64, len(m.W.Provinces))
	b.ReportAllocs()
	for b.Loop() {
		for l := range NumLayers {
			var s Scale
			out, s = Values(m, l, 3, Viridis, out)
			for _, v := range out {
				_ = s.Colour(v)
			}
		}
	}
}

// --- tooltips

func TestTooltip(t *testing.T) {
	m := stepped(t)
	w := m.W
	en, fr := catalogs(t)
	p := w.ProvinceIndex("inner_mongolia")
	pr := w.Provinces[p]
	require.Greater(t, pr.OnlineMW, 1000.0, "a province with grouped thousands")
	for _, c := range []*i18n.Catalog{en, fr} {
		lines := Tooltip(c, m, p)
		require.GreaterOrEqual(t, len(lines), 9, c.Lang())
		text := strings.Join(lines, "\n")
		assert.Equal(t, c.Province("inner_mongolia"), lines[0])
		assert.Contains(t, text, c.Number(pr.OnlineMW, 0), "%s: online MW", c.Lang())
		assert.Contains(t, text, c.Number(pr.Debt, 0), "%s: debt", c.Lang())
		assert.Contains(t, text, c.Number(100*pr.UsedMW/pr.OnlineMW, 0), "%s: utilisation", c.Lang())
		assert.Contains(t, text, c.Number(pr.EnergyCostMWh/1000, 2), "%s: power price", c.Lang())
		assert.NotContains(t, text, "!", "%s: no missing key", c.Lang())
		assert.NotContains(t, text, "%!", "%s: no bad format", c.Lang())
	}
	frText := strings.Join(Tooltip(fr, m, p), "\n")
	assert.Contains(t, frText, "Mongolie-Intérieure")
	assert.Contains(t, frText, "Pôle de l’Ouest")
	assert.Contains(t, frText, "\u00a0", "French groups thousands with a no-break space")
	assert.Contains(t, frText, fr.Number(pr.EnergyCostMWh/1000, 2))
	assert.Contains(t, fr.Number(pr.EnergyCostMWh/1000, 2), ",")
	enText := strings.Join(Tooltip(en, m, p), "\n")
	assert.Contains(t, enText, "West hub: Inner Mongolia")

	// A province outside any hub, and the nearest hub of a hub province is itself.
	hn := w.ProvinceIndex("hainan")
	assert.Contains(t, Tooltip(en, m, hn), "Not in a hub")
	gz := Tooltip(en, m, w.ProvinceIndex("guizhou"))
	assert.Contains(t, gz[len(gz)-1], "Nearest hub Guizhou")
	assert.Nil(t, Tooltip(en, m, -1))
	assert.Nil(t, Tooltip(en, m, len(w.Provinces)))
}

func TestTooltipBeforeStart(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	m, err := agents.New(s)
	require.NoError(t, err)
	en, _ := catalogs(t)
	lines := Tooltip(en, m, m.W.ProvinceIndex("beijing"))
	text := strings.Join(lines, "\n")
	assert.Contains(t, text, "Hub Beijing-Tianjin-Hebei from May 2021")
	assert.NotContains(t, text, "!")
}

// --- flows

func TestFlows(t *testing.T) {
	m := stepped(t)
	w := m.W
	flows := Flows(m, 0, nil)
	require.NotEmpty(t, flows, "some work crosses provinces in 2022")
	placed := map[[2]int]float64{}
	for i, f := range flows {
		assert.NotEqual(t, f.From, f.To, "local work is not a flow")
		assert.Positive(t, f.MW)
		if i > 0 {
			prev := flows[i-1]
			assert.True(t, prev.MW > f.MW || (prev.MW == f.MW && byRoute(prev, f) < 0), "largest first, ties by indices")
		}
		placed[[2]int{f.From, f.Class}] += f.MW
	}
	for k, mw := range placed {
		assert.LessOrEqual(t, mw, w.ServedMW[k[0]][k[1]]+1e-9, "%s %s: flows within served work",
			w.Provinces[k[0]].ID, w.Classes[k[1]].ID)
	}
	assert.Equal(t, flows, Flows(m, 0, nil), "deterministic")

	big := Flows(m, flows[len(flows)/2].MW, nil)
	assert.Less(t, len(big), len(flows)+1)
	for _, f := range big {
		assert.GreaterOrEqual(t, f.MW, flows[len(flows)/2].MW)
	}
	pre := []Flow{{From: 99, To: 98, MW: 0.001}}
	got := Flows(m, 0, pre)
	assert.Equal(t, pre[0], got[0], "appends after what out holds")
	assert.Equal(t, flows, got[1:])

	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	fresh, err := agents.New(s)
	require.NoError(t, err)
	assert.Empty(t, Flows(fresh, 0, nil), "nothing before the first month")
}

// --- news

func TestNewsLine(t *testing.T) {
	view, err := assets.FS.ReadFile("i18n/en/view.toml")
	require.NoError(t, err)
	viewFR, err := assets.FS.ReadFile("i18n/fr/view.toml")
	require.NoError(t, err)
	fsys := fstest.MapFS{
		"i/en/view.toml": {Data: view},
		"i/en/news.toml": {Data: []byte(`"news.t" = "%[1]s and %[2]s: %.0[3]f MW, %[4]s%% idle"`)},
		"i/fr/view.toml": {Data: viewFR},
		"i/fr/news.toml": {Data: []byte(`"news.t" = "%[2]s et %[1]s\u00a0: %.0[3]f\u00a0MW, %[4]s\u00a0%% vides"`)},
	}
	en, err := i18n.LoadFS(fsys, "i", "en")
	require.NoError(t, err)
	fr, err := i18n.LoadFS(fsys, "i", "fr")
	require.NoError(t, err)
	n := session.News{Month: configs.NewMonth(2023, 5), Key: "news.t",
		Provinces: []string{"beijing", "inner_mongolia"}, Args: []float64{1234.6, 12.5}}
	assert.Equal(t, "May 2023 — Beijing and Inner Mongolia: 1,235 MW, 12.5% idle", NewsLine(en, n))
	assert.Equal(t, "mai 2023 — Mongolie-Intérieure et Pékin\u00a0: 1\u00a0235\u00a0MW, 12,5\u00a0% vides", NewsLine(fr, n))
	assert.Equal(t, "août 2030", MonthLabel(fr, configs.NewMonth(2030, 8)))
	assert.Equal(t, "December 2035", MonthLabel(en, configs.NewMonth(2035, 12)))

}

// steppedUntil runs preset month by month (from 2020) until found accepts the month's flows, or the end
// of until; it returns the model and the flows of the month found (nil when none was).
func steppedUntil(t *testing.T, preset string, until configs.Month, found func([]Flow) bool) (*agents.Model, []Flow) {
	t.Helper()
	s, err := configs.LoadPreset(preset)
	require.NoError(t, err)
	m, err := agents.New(s)
	require.NoError(t, err)
	var buf []Flow
	for m.W.Now < until {
		require.NoError(t, m.Step())
		buf = Flows(m, 0, buf[:0])
		if found(buf) {
			return m, buf
		}
	}
	return m, nil
}

func hasKind(k FlowKind) func([]Flow) bool {
	return func(fs []Flow) bool {
		return slices.ContainsFunc(fs, func(f Flow) bool { return f.Kind == k })
	}
}

func TestFlowsAbroad(t *testing.T) {
	if testing.Short() {
		t.Skip("steps the export-controls preset")
	}
	m, flows := steppedUntil(t, "export-controls", configs.NewMonth(2033, 12), hasKind(FlowAbroad))
	require.NotNil(t, flows, "export controls with a leak send some training work abroad")
	w := m.W
	for _, f := range flows {
		if f.Kind != FlowAbroad {
			assert.GreaterOrEqual(t, f.To, 0)
			continue
		}
		assert.Equal(t, Abroad, f.To, "work abroad goes off the map")
		assert.True(t, w.Classes[f.Class].Cfg.NeedsAccelerator, "only accelerator work leaks abroad")
		assert.Positive(t, f.MW)
	}
	// Without the leak nothing goes abroad.
	_, none := steppedUntil(t, "baseline", configs.NewMonth(2022, 12), hasKind(FlowAbroad))
	assert.Nil(t, none)
}

func TestFlowsVault(t *testing.T) {
	if testing.Short() {
		t.Skip("steps the east-outage preset")
	}
	m, flows := steppedUntil(t, "east-outage", configs.NewMonth(2028, 6), hasKind(FlowVault))
	require.NotNil(t, flows, "the outage fails work over to the vault")
	w := m.W
	for _, f := range flows {
		if f.Kind != FlowVault {
			continue
		}
		assert.Equal(t, w.VaultSite, f.To, "failover goes to the vault's province")
		assert.True(t, w.Provinces[f.From].Outage, "from a province in outage")
		assert.NotEqual(t, f.From, f.To)
	}
}

// A what-if's news line names the lever in the game's language, its level in its unit and the month it
// applies from (the month after it was set).
func TestNewsLineWhatIf(t *testing.T) {
	en, fr := catalogs(t)
	n := session.News{Month: configs.NewMonth(2024, 2), Key: "news.whatif", Lever: "network.transit_cost", Args: []float64{0}}
	l, err := configs.ParseLever(n.Lever)
	require.NoError(t, err)
	got := NewsLine(en, n)
	assert.Equal(t, "February 2024 — From March 2024: "+en.T(l.Spec().Label)+" set to "+LeverValue(en, l, 0)+" (what-if)", got)
	assert.Contains(t, got, "0 yuan/MW-month/1000 km")
	gotFR := NewsLine(fr, n)
	assert.Contains(t, gotFR, "mars 2024")
	assert.Contains(t, gotFR, fr.T(l.Spec().Label))
	assert.Contains(t, gotFR, "« et si »")
	assert.NotContains(t, gotFR, "%!", "every argument used")
}

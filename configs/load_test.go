package configs_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// baselineText returns the embedded baseline's source, read from the package directory.
func baselineText(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("presets", "baseline.toml"))
	require.NoError(t, err)
	return string(data)
}

// lineOf returns the 1-based line of the first occurrence of sub in text at or after the first
// occurrence of after ("" for the start).
func lineOf(t testing.TB, text, after, sub string) int {
	t.Helper()
	start := strings.Index(text, after)
	require.GreaterOrEqual(t, start, 0, "marker %q", after)
	i := strings.Index(text[start:], sub)
	require.GreaterOrEqual(t, i, 0, "text %q after %q", sub, after)
	return strings.Count(text[:start+i], "\n") + 1
}

// editKey rewrites the first line "key = ..." found after the marker as "key = value".
func editKey(t testing.TB, text, after, key, value string) string {
	t.Helper()
	start := strings.Index(text, after)
	require.GreaterOrEqual(t, start, 0, "marker %q", after)
	i := strings.Index(text[start:], "\n"+key+" = ")
	require.GreaterOrEqual(t, i, 0, "key %q after %q", key, after)
	i += start + 1
	end := strings.IndexByte(text[i:], '\n')
	require.GreaterOrEqual(t, end, 0)
	return text[:i] + key + " = " + value + text[i+end:]
}

// replaceOnce replaces old, which must occur exactly once.
func replaceOnce(t testing.TB, text, old, repl string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(text, old), "occurrences of %q", old)
	return strings.Replace(text, old, repl, 1)
}

// problems returns the Problems of err.
func problems(t testing.TB, err error) configs.Problems {
	t.Helper()
	require.Error(t, err)
	var ps configs.Problems
	require.True(t, errors.As(err, &ps), "error is not Problems: %v", err)
	require.NotEmpty(t, ps)
	return ps
}

// find returns the problem on key whose message contains msg.
func find(t testing.TB, ps configs.Problems, key, msg string) (configs.Problem, bool) {
	t.Helper()
	for _, p := range ps {
		if p.Key == key && strings.Contains(p.Msg, msg) {
			return p, true
		}
	}
	return configs.Problem{}, false
}

func TestBaseline(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	require.NoError(t, s.Validate())

	assert.Equal(t, "baseline", s.Name)
	assert.Equal(t, uint64(1), s.Seed)
	assert.Equal(t, "planned", s.Regime)
	assert.Equal(t, "2013-01", s.Start)
	assert.Equal(t, "2035-12", s.End)
	assert.Len(t, s.Provinces, 31)
	assert.Len(t, s.Clusters, 10)
	assert.Len(t, s.Demand.Classes, 4)
	require.Len(t, s.Hubs, 8)
	sides := map[string]int{}
	for _, h := range s.Hubs {
		sides[h.Side]++
		assert.Equal(t, "2021-05", h.Designated)
	}
	assert.Equal(t, map[string]int{"east": 4, "west": 4}, sides)

	regions := map[string]int{}
	capacity := 0.0
	for _, p := range s.Provinces {
		regions[p.Region]++
		capacity += p.CapacityMW
		assert.LessOrEqual(t, p.Thermal+p.Hydro+p.WindSolar+p.Nuclear, 1+1e-6, p.ID)
	}
	assert.Equal(t, map[string]int{"east": 10, "central": 6, "west": 12, "northeast": 3}, regions)
	assert.InDelta(t, 1300, capacity, 100, "about 1.3 GW online at the 2013 start")

	ids := []string{}
	for _, c := range s.Demand.Classes {
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []string{"hot", "warm", "cold", "train"}, ids)
	assert.True(t, s.Demand.Classes[3].NeedsAccelerator)
	assert.Equal(t, []string{"beijing", "shanghai", "guangdong"}, s.Network.HistoricHubs)
	assert.Len(t, s.Planner.Partnerships, 4)
}

func TestPresets(t *testing.T) {
	names := configs.Presets()
	assert.Contains(t, names, "baseline")
	assert.IsNonDecreasing(t, names)
	for _, n := range names {
		s, err := configs.LoadPreset(n)
		require.NoError(t, err, n)
		assert.NoError(t, s.Validate(), n)
	}
	_, err := configs.LoadPreset("baseline.toml")
	assert.NoError(t, err)
	_, err = configs.LoadPreset("nope")
	assert.ErrorContains(t, err, `unknown preset "nope"`)
	assert.ErrorContains(t, err, "baseline")
}

func TestCloneIndependent(t *testing.T) {
	a, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	orig := a.Clone()
	b := a.Clone()
	require.Equal(t, a, b)

	b.Provinces[0].Neighbours[0] = "changed"
	b.Provinces[0].CapacityMW++
	b.Behaviour.BuildOptionsMW[1]++
	b.Network.IXPs = b.Network.IXPs[:1]
	b.Demand.Classes[0].ID = "changed"
	b.Planner.Enforcement /= 2
	assert.Equal(t, orig, a, "changing a clone leaves the original alone")

	// A run cannot alter the preset: the next load is pristine.
	a.Provinces[5].Compliance = -1
	a.Provinces[5].Neighbours[0] = "changed"
	c, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	assert.Equal(t, orig, c)
}

func TestHash(t *testing.T) {
	a, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	b, err := configs.Parse("copy.toml", []byte(baselineText(t)))
	require.NoError(t, err)
	h := a.Hash()
	assert.Len(t, h, 64)
	assert.Equal(t, h, a.Hash(), "stable")
	assert.Equal(t, h, a.Clone().Hash(), "clone")
	assert.Equal(t, h, b.Hash(), "same values from another file")

	c := a.Clone()
	c.Planner.Enforcement = 0.31
	assert.NotEqual(t, h, c.Hash())
	c = a.Clone()
	c.Provinces[30].Neighbours = append(c.Provinces[30].Neighbours, "x")
	assert.NotEqual(t, h, c.Hash())

	// nil and empty lists are the same scenario.
	d := a.Clone()
	require.Empty(t, d.Provinces[20].Neighbours) // Hainan
	d.Provinces[20].Neighbours = nil
	assert.Equal(t, h, d.Hash())
}

func TestBadInput(t *testing.T) {
	base := baselineText(t)
	type check struct {
		key  string // display key the problem names
		msg  string // part of the message
		line string // the line is the first one containing this text (after marker), "" for no line
	}
	cases := []struct {
		name   string
		edit   func(string) string
		marker string // where to start looking for the line
		want   check
	}{
		{"unknown key", func(s string) string {
			return replaceOnce(t, s, "[planner]\n", "[planner]\nenforcment = 0.5\n")
		}, "", check{"planner.enforcment", `unknown key "enforcment" (did you mean "enforcement"?)`, "enforcment = 0.5"}},
		{"unknown key top level", func(s string) string { return "speed = 3\n" + s },
			"", check{"speed", `unknown key "speed" (did you mean "seed"?)`, "speed = 3"}},
		{"key differs only in case", func(s string) string {
			return replaceOnce(t, s, "\nseed = 1 ", "\nSeed = 1 ")
		}, "", check{"Seed", `unknown key "Seed" (did you mean "seed"?)`, "Seed = 1"}},
		{"key differs only in case in an element", func(s string) string {
			return editKey(t, s, `id = "guangxi"`, "compliance", "0.3\nCompliance = 0.9")
		}, `id = "guangxi"`, check{"province.guangxi.Compliance", `unknown key "Compliance" (did you mean "compliance"?)`, "Compliance = 0.9"}},
		{"wrong type string for number", func(s string) string { return editKey(t, s, "[planner]", "enforcement", `"high"`) },
			"[planner]", check{"planner.enforcement", `wrong type: want a number, got string "high"`, "enforcement ="}},
		{"wrong type float for integer", func(s string) string { return editKey(t, s, "[datacentres]", "lead_time_months", "24.5") },
			"[datacentres]", check{"datacentres.lead_time_months", "wrong type: want an integer, got float 24.5", "lead_time_months ="}},
		{"wrong type in a list", func(s string) string { return editKey(t, s, `id = "beijing"`, "neighbours", `["tianjin", 3]`) },
			`id = "beijing"`, check{"province.beijing.neighbours", "want an array of strings, got integer 3 at position 2", "neighbours ="}},
		{"negative seed", func(s string) string { return editKey(t, s, "", "seed", "-1") },
			"", check{"seed", "want a non-negative integer, got integer -1", "seed ="}},
		{"negative capacity", func(s string) string { return editKey(t, s, `id = "guizhou"`, "capacity_mw", "-350") },
			`id = "guizhou"`, check{"province.guizhou.capacity_mw", "-350 MW is out of range [0,1e7]", "capacity_mw ="}},
		{"latency bound below 0", func(s string) string { return editKey(t, s, `id = "hot"`, "rtt_bound_ms", "-1.0") },
			`id = "hot"`, check{"demand.class.hot.rtt_bound_ms", "-1 ms is out of range [0,1000]", "rtt_bound_ms ="}},
		{"enforcement above 1", func(s string) string { return editKey(t, s, "[planner]", "enforcement", "1.5") },
			"[planner]", check{"planner.enforcement", "1.5 is out of range [0,1]", "enforcement ="}},
		{"NaN", func(s string) string { return editKey(t, s, "[planner]", "margin", "nan") },
			"[planner]", check{"planner.margin", "NaN is not a finite number", "margin ="}},
		{"infinity", func(s string) string { return editKey(t, s, `id = "tibet"`, "gdp_bn_yuan", "+inf") },
			`id = "tibet"`, check{"province.tibet.gdp_bn_yuan", "+Inf is not a finite number", "gdp_bn_yuan ="}},
		{"enum", func(s string) string { return editKey(t, s, `id = "hainan"`, "region", `"south"`) },
			`id = "hainan"`, check{"province.hainan.region", `"south" is not one of: east, central, west, northeast`, "region ="}},
		{"unknown province in a hub", func(s string) string {
			return editKey(t, s, `id = "yrd"`, "provinces", `["shanghai", "jiangsu", "zhejiang", "anhiu"]`)
		}, `id = "yrd"`, check{"hub.yrd.provinces", `unknown province "anhiu" (did you mean "anhui"?)`, "provinces ="}},
		{"duplicate province id", func(s string) string { return replaceOnce(t, s, `id = "tianjin"`, `id = "beijing"`) },
			`name_en = "Beijing"`, check{"province[1].id", `duplicate province id "beijing" (also province[0])`, `id = "beijing"`}},
		{"duplicate class id", func(s string) string { return replaceOnce(t, s, `id = "warm"`, `id = "hot"`) },
			"rtt_bound_ms = 10.0", check{"demand.class[1].id", `duplicate class id "hot"`, `id = "hot"`}},
		{"dangling neighbour", func(s string) string {
			return editKey(t, s, `id = "beijing"`, "neighbours", `["tianjin", "hebei", "atlantis"]`)
		}, `id = "beijing"`, check{"province.beijing.neighbours", `unknown province "atlantis"`, "neighbours ="}},
		{"asymmetric neighbours", func(s string) string { return editKey(t, s, `id = "hainan"`, "neighbours", `["guangdong"]`) },
			`id = "hainan"`, check{"province.hainan.neighbours", `lists "guangdong", but province.guangdong.neighbours does not list "hainan"`, "neighbours ="}},
		{"cluster names an unknown hub", func(s string) string { return editKey(t, s, `id = "qingyang"`, "hub", `"gansu_hbu"`) },
			`id = "qingyang"`, check{"cluster.qingyang.hub", `unknown hub "gansu_hbu" (did you mean "gansu_hub"?)`, "hub ="}},
		{"cluster outside its hub", func(s string) string { return editKey(t, s, `id = "wuhu"`, "province", `"jiangxi"`) },
			`id = "wuhu"`, check{"cluster.wuhu.province", `province "jiangxi" is not in hub "yrd"`, "province ="}},
		{"IXP for an unknown province", func(s string) string {
			return s + "\n[[network.ixp]]\nprovince = \"macau\"\nmonth = \"2024-01\"\n"
		}, `province = "macau"`, check{"network.ixp[28].province", `unknown province "macau"`, `province = "macau"`}},
		{"fibre to an unknown node", func(s string) string { return editKey(t, s, "[[network.fibre]]", "to", `"peking"`) },
			"[[network.fibre]]", check{"network.fibre[0].to", `unknown province "peking"`, "to ="}},
		{"unknown historic hub", func(s string) string {
			return editKey(t, s, "[network]", "historic_hubs", `["beijing", "shanghai", "guangzhou"]`)
		}, "[network]", check{"network.historic_hubs", `unknown province "guangzhou"`, "historic_hubs ="}},
		{"partnership with an unknown province", func(s string) string { return editKey(t, s, "[[planner.partnership]]", "west", `"mongolia"`) },
			"[[planner.partnership]]", check{"planner.partnership[0].west", `unknown province "mongolia"`, "west ="}},
		{"class shares do not sum to 1", func(s string) string { return editKey(t, s, `id = "hot"`, "share", "0.20") },
			"[[demand.class]]", check{"demand.class", "class shares sum to ", "[[demand.class]]"}},
		{"generation shares above 1", func(s string) string { return editKey(t, s, `id = "beijing"`, "thermal", "0.99") },
			"# Provinces", check{"province.beijing", "generation shares thermal+hydro+wind_solar+nuclear sum to", "[[province]]"}},
		{"bad month", func(s string) string { return editKey(t, s, "", "start", `"2020-13"`) },
			"", check{"start", `bad month "2020-13": month must be 01..12`, "start ="}},
		{"bad month in an element", func(s string) string { return editKey(t, s, "[[network.ixp]]", "month", `"2013-1"`) },
			"[[network.ixp]]", check{"network.ixp[0].month", `bad month "2013-1"`, "month ="}},
		{"end before start", func(s string) string { return editKey(t, s, "", "end", `"2012-12"`) },
			"", check{"end", "end 2012-12 is before start 2013-01", "end ="}},
		{"regime unknown", func(s string) string { return editKey(t, s, "", "regime", `"anarchy"`) },
			"", check{"regime", `"anarchy" is not one of: planned, market`, "regime ="}},
		{"build options without 0", func(s string) string { return editKey(t, s, "[behaviour]", "build_options_mw", "[50.0, 150.0]") },
			"[behaviour]", check{"behaviour.build_options_mw", "must contain 0", "build_options_mw ="}},
		{"build option out of range", func(s string) string { return editKey(t, s, "[behaviour]", "build_options_mw", "[0.0, -5.0]") },
			"[behaviour]", check{"behaviour.build_options_mw", "element 2: -5 MW is out of range", "build_options_mw ="}},
		{"best PUE above 2020 PUE", func(s string) string { return editKey(t, s, "[datacentres]", "pue_best", "1.5") },
			"[datacentres]", check{"datacentres.pue_best", "1.5 is above pue_2020 ", "pue_best ="}},
		{"table where an array of tables is expected", func(s string) string {
			return replaceOnce(t, s, "[allocator]\n", "hub = 3\n[allocator]\n")
		}, "[market]", check{"market.hub", `unknown key "hub"`, "hub = 3"}},
		{"syntax error", func(s string) string { return replaceOnce(t, s, "[planner]\n", "[planner\n") },
			"", check{"", `syntax error at column 9: expected '.' or ']' to end table name, but got '\n' instead (last key "fiscal")`, "[planner"}},
		{"syntax error in a value", func(s string) string { return editKey(t, s, "[fiscal]", "tax_rate", "0.1.2") },
			"[fiscal]", check{"", `syntax error at column 12: Invalid float value: "0.1.2" (last key "fiscal.tax_rate")`, "tax_rate ="}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := c.edit(base)
			s, err := configs.Parse("bad.toml", []byte(text))
			assert.Nil(t, s)
			ps := problems(t, err)
			p, ok := find(t, ps, c.want.key, c.want.msg)
			require.True(t, ok, "no problem on %q containing %q in:\n%v", c.want.key, c.want.msg, err)
			assert.Equal(t, "bad.toml", p.File)
			wantLine := 0
			if c.want.line != "" {
				wantLine = lineOf(t, text, c.marker, c.want.line)
			}
			assert.Equal(t, wantLine, p.Line, "line of %v", p)
			assert.Contains(t, err.Error(), p.String())
			if p.Key != "" {
				assert.Contains(t, err.Error(), p.Key)
			}
		})
	}
}

func TestSeveralProblemsAtOnce(t *testing.T) {
	text := baselineText(t)
	text = editKey(t, text, "[planner]", "enforcement", "1.5")
	text = editKey(t, text, `id = "guangxi"`, "compliance", "-0.1")
	text = editKey(t, text, "", "end", `"2012-12"`)
	text = replaceOnce(t, text, "[power]\n", "[power]\nthermal_c02 = 0.8\n")
	_, err := configs.Parse("several.toml", []byte(text))
	ps := problems(t, err)
	require.Len(t, ps, 4, "%v", err)
	assert.Equal(t, "end", ps[0].Key)
	assert.Equal(t, "power.thermal_c02", ps[1].Key)
	assert.Equal(t, "planner.enforcement", ps[2].Key)
	assert.Equal(t, "province.guangxi.compliance", ps[3].Key)
	lines := strings.Split(err.Error(), "\n")
	require.Len(t, lines, 4)
	for i, p := range ps {
		assert.Greater(t, p.Line, 0)
		if i > 0 {
			assert.Greater(t, p.Line, ps[i-1].Line, "problems come in line order")
		}
		assert.True(t, strings.HasPrefix(lines[i], "several.toml:"), lines[i])
	}
	assert.Equal(t, fmt.Sprintf("several.toml:%d: power.thermal_c02: unknown key \"thermal_c02\" (did you mean \"thermal_co2\"?)",
		lineOf(t, text, "", "thermal_c02")), lines[1])
}

func TestTypeErrorsDoNotHideOthers(t *testing.T) {
	text := baselineText(t)
	text = editKey(t, text, "[planner]", "enforcement", `"high"`)
	text = editKey(t, text, "[fiscal]", "tax_rate", "2.0")
	text = editKey(t, text, `id = "sichuan"`, "hydro", "true")
	_, err := configs.Parse("types.toml", []byte(text))
	ps := problems(t, err)
	_, ok := find(t, ps, "planner.enforcement", "wrong type")
	assert.True(t, ok, "%v", err)
	_, ok = find(t, ps, "fiscal.tax_rate", "out of range")
	assert.True(t, ok, "%v", err)
	_, ok = find(t, ps, "province.sichuan.hydro", "want a number, got boolean true")
	assert.True(t, ok, "%v", err)
	// A key that failed to decode is not reported again by validation.
	for _, p := range ps {
		if p.Key == "planner.enforcement" {
			assert.Contains(t, p.Msg, "wrong type")
		}
	}
}

func TestDefaults(t *testing.T) {
	s, err := configs.Parse("scenarios/small.toml", []byte("seed = 5\n[planner]\nenforcement = 0.9\n"))
	require.NoError(t, err)
	assert.Equal(t, "small", s.Name, "name defaults to the file name")
	assert.Empty(t, s.Description)
	assert.Equal(t, uint64(5), s.Seed)
	assert.Equal(t, 0.9, s.Planner.Enforcement)
	base := baseline(t)
	assert.Equal(t, base.Planner.Margin, s.Planner.Margin, "baseline default")
	assert.Equal(t, base.Provinces, s.Provinces, "baseline default")
	assert.Len(t, s.Provinces, 31)

	// An array of tables replaces the baseline's list; an element with a baseline id starts from it.
	src := `
[[demand.class]]
id = "hot"
share = 0.5

[[demand.class]]
id = "bulk"
rtt_bound_ms = 0.0
share = 0.5
growth = 0.1
latency_value = 100.0
transit_weight = 1.0
contract_months = 12
`
	s, err = configs.Parse("classes.toml", []byte(src))
	require.NoError(t, err)
	require.Len(t, s.Demand.Classes, 2)
	hot := base.Demand.Classes[0]
	require.Equal(t, "hot", hot.ID)
	assert.Equal(t, hot.RTTBoundMs, s.Demand.Classes[0].RTTBoundMs, "from the baseline's hot class")
	assert.Equal(t, hot.Growth, s.Demand.Classes[0].Growth, "from the baseline's hot class")
	assert.Equal(t, 0.5, s.Demand.Classes[0].Share)
	assert.False(t, s.Demand.Classes[1].NeedsAccelerator, "booleans may be left out")

	// A new element must write its keys.
	src = "[[demand.class]]\nid = \"hot\"\nshare = 0.5\n\n[[demand.class]]\nid = \"bulk\"\nshare = 0.5\n"
	_, err = configs.Parse("classes.toml", []byte(src))
	ps := problems(t, err)
	p, ok := find(t, ps, "demand.class.bulk.growth", `missing key "growth"`)
	require.True(t, ok, "%v", err)
	assert.Equal(t, 5, p.Line, "the element's header")
	_, ok = find(t, ps, "demand.class.bulk.contract_months", "missing key")
	assert.True(t, ok, "%v", err)
	_, ok = find(t, ps, "demand.class.bulk.needs_accelerator", "")
	assert.False(t, ok, "booleans are optional")
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	require.NoError(t, os.WriteFile(good, []byte("name = \"good\"\n[fiscal]\ntax_rate = 0.2\n"), 0o644))
	s, err := configs.Load(good)
	require.NoError(t, err)
	assert.Equal(t, 0.2, s.Fiscal.TaxRate)

	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("name = \"bad\"\n\n[fiscal]\ntax_rate = 2.0\n"), 0o644))
	_, err = configs.Load(bad)
	ps := problems(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, configs.Problem{File: bad, Line: 4, Key: "fiscal.tax_rate", Msg: "2 is out of range [0,1]"}, ps[0])
	assert.Equal(t, bad+":4: fiscal.tax_rate: 2 is out of range [0,1]", err.Error())

	_, err = configs.Load(filepath.Join(dir, "missing.toml"))
	assert.ErrorContains(t, err, "missing.toml")
}

func TestProblemString(t *testing.T) {
	assert.Equal(t, "f.toml:3: a.b: bad", configs.Problem{File: "f.toml", Line: 3, Key: "a.b", Msg: "bad"}.String())
	assert.Equal(t, "f.toml: a.b: bad", configs.Problem{File: "f.toml", Key: "a.b", Msg: "bad"}.String())
	assert.Equal(t, "a.b: bad", configs.Problem{Key: "a.b", Msg: "bad"}.String())
	assert.Equal(t, "f.toml:9: bad", configs.Problem{File: "f.toml", Line: 9, Msg: "bad"}.String())
}

func TestValidateWithoutFile(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	var bare configs.Scenario = *s // a copy made by hand has no source information
	bare.Provinces = append([]configs.Province(nil), s.Provinces...)
	bare.Provinces[0].WaterStress = 2
	ps := problems(t, bare.Validate())
	require.Len(t, ps, 1)
	assert.Equal(t, configs.Problem{Key: "province.beijing.water_stress", Msg: "2 is out of range [0,1]"}, ps[0])

	var empty configs.Scenario
	ps = problems(t, empty.Validate())
	_, ok := find(t, ps, "province", "at least one [[province]]")
	assert.True(t, ok)
	_, ok = find(t, ps, "demand.class", "at least one [[demand.class]]")
	assert.True(t, ok)
	_, ok = find(t, ps, "start", "bad month")
	assert.True(t, ok)
}

func TestEventValidation(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	s.Events = []configs.Event{
		{Kind: "flood", Month: "2025-01", Target: "guangdong", DurationMonths: 1},
		{Kind: "outage", Month: "2025-13", Target: "guangdong", DurationMonths: 1},
		{Kind: "outage", Month: "2025-01", Target: "atlantis", DurationMonths: 1},
		{Kind: "drought", Month: "2025-01", Target: "guangdong", DurationMonths: -2, Magnitude: 0.5},
		{Kind: "policy", Month: "2025-01", Key: "planner.margin", Value: 1},
	}
	s.RandomEvents = []configs.RandomEvent{{Kind: "outage", RatePerYear: 1, Targets: []string{"gotham"}, DurationMonths: 1}}
	err = s.Validate()
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{"event[0].kind", "flood", "event[1].month", "event[2].target", "atlantis",
		"event[3].duration_months", "event[4].key", "random_event[0].targets", "gotham"} {
		assert.Contains(t, msg, want)
	}
	s.Events, s.RandomEvents = nil, nil
	require.NoError(t, s.Validate())
}

// Every preset keeps the baseline's history events: a preset that writes its own [[event]] list replaces
// the baseline's, and without them its run would have no plan (no quotas, ever) and no city restrictions.
func TestPresetsKeepTheHistoryEvents(t *testing.T) {
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	require.NotEmpty(t, base.Events)
	for _, name := range configs.Presets() {
		s, err := configs.LoadPreset(name)
		require.NoError(t, err, name)
		for _, e := range base.Events {
			assert.Contains(t, s.Events, e, "%s: the baseline's %s event of %s", name, e.Kind, e.Month)
		}
	}
}

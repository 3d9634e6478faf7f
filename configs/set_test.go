package configs_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

func baseline(t testing.TB) *configs.Scenario {
	t.Helper()
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	return s
}

func TestSetValues(t *testing.T) {
	s := baseline(t)
	for _, a := range []string{
		"planner.enforcement=1",                           // float
		"datacentres.lead_time_months = 30",               // int
		"seed=7",                                          // uint
		"demand.class.hot.needs_accelerator=true",         // bool, element by id
		"name=\"my run\"",                                 // string, quoted
		"description=plain words",                         // string
		"network.historic_hubs=beijing, shanghai",         // []string
		"behaviour.build_options_mw=0,100,200",            // []float64
		"province.guangxi.compliance=0.2",                 // by id in a table array
		"demand.class.cold.growth=0.3",                    // nested table array
		"network.ixp[2].month=2014-01",                    // by index
		"province[20].neighbours=",                        // empty list, by index
		"planner.partnership[1].credit=1e4",               // array without ids
		"behaviour.subsidy_options_yuan_per_kwh=[0, 0.2]", // TOML-style list
	} {
		require.NoError(t, s.Set(a), a)
	}
	assert.Equal(t, 1.0, s.Planner.Enforcement)
	assert.Equal(t, 30, s.DataCentres.LeadTimeMonths)
	assert.Equal(t, uint64(7), s.Seed)
	assert.True(t, s.Demand.Classes[0].NeedsAccelerator)
	assert.Equal(t, "my run", s.Name)
	assert.Equal(t, "plain words", s.Description)
	assert.Equal(t, []string{"beijing", "shanghai"}, s.Network.HistoricHubs)
	assert.Equal(t, []float64{0, 100, 200}, s.Behaviour.BuildOptionsMW)
	assert.Equal(t, 0.2, s.Provinces[19].Compliance)
	assert.Equal(t, "guangxi", s.Provinces[19].ID)
	assert.Equal(t, 0.3, s.Demand.Classes[2].Growth)
	assert.Equal(t, "2014-01", s.Network.IXPs[2].Month)
	assert.Equal(t, []string{}, s.Provinces[20].Neighbours)
	assert.Equal(t, 1e4, s.Planner.Partnerships[1].Credit)
	assert.Equal(t, []float64{0, 0.2}, s.Behaviour.SubsidyOptions)
	assert.NoError(t, s.Validate())

	other := baseline(t)
	assert.NotEqual(t, s.Hash(), other.Hash(), "Set on a loaded preset does not touch the preset")
	assert.Equal(t, baseline(t).Planner, other.Planner)
}

func TestSetErrors(t *testing.T) {
	cases := []struct{ assign, want string }{
		{"planner.enforcment=1", `unknown key "planner.enforcment" (did you mean "enforcement"?)`},
		{"Planner.enforcement=1", `unknown key "Planner" (did you mean "planner"?)`},
		{"planner.Enforcement=1", `unknown key "planner.Enforcement" (did you mean "enforcement"?)`},
		{"nonsense=1", `unknown key "nonsense"`},
		{"province.guangxy.compliance=0.2", `unknown province "guangxy" (did you mean "guangxi"?)`},
		{"province.guangxi.complience=0.2", `unknown key "province.guangxi.complience" (did you mean "compliance"?)`},
		{"province[31].compliance=0.2", "index 31 out of range"},
		{"network.ixp.sichuan.month=2014-01", `name an element of "network.ixp" by index`},
		{"province=1", `name an element of "province" by id or index`},
		{"province.guangxi=1", `"province.guangxi" is a table, not a value`},
		{"planner=1", `"planner" is a table, not a value`},
		{"planner.enforcement.x=1", `"planner.enforcement" is a value, not a table`},
		{"planner.enforcement=abc", `bad value "abc": want a number`},
		{"datacentres.lead_time_months=2.5", `bad value "2.5": want an integer`},
		{"seed=-1", `bad value "-1": want a non-negative integer`},
		{"demand.class.hot.needs_accelerator=maybe", `bad value "maybe": want true or false`},
		{"behaviour.build_options_mw=0,x", `bad value "0,x": want a comma-separated list of numbers`},
		{"planner.enforcement", "want key=value"},
		{"=1", "want key=value"},
		{"planner..enforcement=1", "empty segment"},
	}
	for _, c := range cases {
		t.Run(c.assign, func(t *testing.T) {
			s := baseline(t)
			before := s.Hash()
			err := s.Set(c.assign)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			if key, _, ok := strings.Cut(c.assign, "="); ok && key != "" {
				assert.Contains(t, err.Error(), key, "the error names the key")
			}
			assert.Equal(t, before, s.Hash(), "a failed Set changes nothing")
		})
	}
}

func TestSetThenValidate(t *testing.T) {
	s := baseline(t)
	require.NoError(t, s.Set("province.guangxi.compliance=2"))
	require.NoError(t, s.Set("regime=anarchy"))
	require.NoError(t, s.Set("planner.enforcement=nan"))
	s.Provinces[0].WaterStress = -1 // changed in code: still located in the file
	ps := problems(t, s.Validate())
	require.Len(t, ps, 4, "%v", ps)

	p, ok := find(t, ps, "province.guangxi.compliance", "2 is out of range [0,1]")
	require.True(t, ok, "%v", ps)
	assert.Equal(t, configs.Problem{File: "--set", Key: "province.guangxi.compliance", Msg: "2 is out of range [0,1]"}, p)
	p, ok = find(t, ps, "regime", `"anarchy" is not one of: planned, market`)
	require.True(t, ok, "%v", ps)
	assert.Equal(t, "--set", p.File)
	_, ok = find(t, ps, "planner.enforcement", "NaN is not a finite number")
	assert.True(t, ok, "%v", ps)
	p, ok = find(t, ps, "province.beijing.water_stress", "-1 is out of range")
	require.True(t, ok, "%v", ps)
	assert.Equal(t, "presets/baseline.toml", p.File)
	assert.Greater(t, p.Line, 0)

	// A clone keeps the source information, and its own overrides.
	c := s.Clone()
	require.NoError(t, c.Set("province.beijing.water_stress=0.5"))
	p, ok = find(t, problems(t, s.Validate()), "province.beijing.water_stress", "")
	require.True(t, ok)
	assert.Equal(t, "presets/baseline.toml", p.File, "the original is not affected by the clone's Set")
	_, ok = find(t, problems(t, c.Validate()), "province.beijing.water_stress", "")
	assert.False(t, ok)
}

func TestSetChangesHash(t *testing.T) {
	s := baseline(t)
	h := s.Hash()
	require.NoError(t, s.Set(fmt.Sprintf("planner.enforcement=%v", s.Planner.Enforcement)))
	assert.Equal(t, h, s.Hash(), "setting the same value")
	require.NoError(t, s.Set(fmt.Sprintf("planner.enforcement=%v", s.Planner.Enforcement/2)))
	assert.NotEqual(t, h, s.Hash())
}

func TestParams(t *testing.T) {
	ps := configs.Params()
	byKey := map[string]configs.Param{}
	for _, p := range ps {
		_, dup := byKey[p.Key]
		assert.False(t, dup, "duplicate key %s", p.Key)
		byKey[p.Key] = p
		assert.NotEmpty(t, p.Unit, p.Key)
	}
	base := baseline(t)
	assert.Equal(t, configs.Param{Key: "planner.enforcement", Unit: "1", Range: "[0,1]",
		Default: strconv.FormatFloat(base.Planner.Enforcement, 'g', -1, 64)}, byKey["planner.enforcement"])
	assert.Equal(t, configs.Param{Key: "regime", Unit: "text", Range: "{planned,market}", Default: "planned"}, byKey["regime"])
	assert.Equal(t, configs.Param{Key: "seed", Unit: "1", Range: "[0,]", Default: "1"}, byKey["seed"])
	opts := []string{}
	for _, x := range base.Behaviour.BuildOptionsMW {
		opts = append(opts, strconv.FormatFloat(x, 'g', -1, 64))
	}
	assert.Equal(t, strings.Join(opts, ","), byKey["behaviour.build_options_mw"].Default)
	lo, hi := 1.0, 0.0
	for _, p := range base.Provinces {
		lo, hi = min(lo, p.Compliance), max(hi, p.Compliance)
	}
	require.Less(t, lo, hi)
	assert.Equal(t, fmt.Sprintf("%v..%v", lo, hi), byKey["province.<id>.compliance"].Default)
	vintage := fmt.Sprint(base.Provinces[0].VintageYear)
	for _, p := range base.Provinces {
		if fmt.Sprint(p.VintageYear) != vintage {
			vintage = "" // varies: listed as min..max
		}
	}
	if vintage != "" {
		assert.Equal(t, vintage, byKey["province.<id>.vintage_year"].Default, "a common value is listed as it is")
	} else {
		assert.Contains(t, byKey["province.<id>.vintage_year"].Default, "..")
	}
	assert.Equal(t, "{east,west}", byKey["hub.<id>.side"].Range)
	assert.Equal(t, "YYYY-MM", byKey["network.ixp[<i>].month"].Unit)
	assert.Contains(t, byKey, "demand.class.<id>.growth")
	assert.Contains(t, byKey, "planner.partnership[<i>].credit")
	assert.Contains(t, byKey, "cluster.<id>.mean_temp_c")

	// Every plain key's default can be set back as it is listed, leaving the scenario unchanged.
	s := baseline(t)
	h := s.Hash()
	n := 0
	for _, p := range ps {
		if strings.Contains(p.Key, "<") {
			continue
		}
		require.NoError(t, s.Set(p.Key+"="+p.Default), p.Key)
		n++
	}
	assert.Greater(t, n, 70)
	assert.Equal(t, h, s.Hash())
}

func TestConcurrentUse(t *testing.T) {
	done := make(chan error)
	for i := range 8 {
		go func() {
			s, err := configs.LoadPreset("baseline")
			if err == nil {
				c := s.Clone()
				err = c.Set("planner.enforcement=0." + string(rune('1'+i)))
				if err == nil {
					err = c.Validate()
				}
				_ = c.Hash()
			}
			done <- err
		}()
	}
	for range 8 {
		assert.NoError(t, <-done)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dongshu/economy/flow"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunDefaultsWriteTimeseriesAndSummary(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runMain(t, "run")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "baseline seed 1")

	csv, err := os.ReadFile(filepath.Join(dir, "out", "timeseries.csv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	header := strings.Split(lines[0], ",")
	require.Equal(t, []string{"month", "scope"}, header[:2])
	for _, col := range []string{"capacity_mw", "building_mw", "used_mw", "utilisation", "demand_mw",
		"served_hot_mw", "served_warm_mw", "served_cold_mw", "unserved_mw", "quota_mw", "over_quota_mw",
		"overbuild_mw", "redundant_mw", "energy_mwh", "co2_t", "water_m3", "farmland_ha", "debt_bn_yuan", "jobs"} {
		assert.Contains(t, header, col)
	}
	assert.True(t, strings.HasPrefix(lines[1], "2013-01,national,"), lines[1])
	assert.True(t, strings.HasPrefix(lines[len(lines)-1], "2035-12,"), lines[len(lines)-1])
	assert.Len(t, lines, 1+276*(8+31), "one row per month and scope")

	var sum Summary
	js, err := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &sum))
	assert.Equal(t, uint64(1), sum.Seed)
	assert.Len(t, sum.ScenarioHash, 64)
	assert.NotEmpty(t, sum.Version)
	assert.Equal(t, 276, sum.Headline.Months)
	entries, err := os.ReadDir(filepath.Join(dir, "out"))
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary files left behind")
}

func TestRunIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	read := func(name string, args ...string) []byte {
		out := filepath.Join(dir, name)
		code, _, stderr := runMain(t, append([]string{"run", "--out", out}, args...)...)
		require.Equal(t, 0, code, stderr)
		b, err := os.ReadFile(filepath.Join(out, "timeseries.csv"))
		require.NoError(t, err)
		return b
	}
	a, b := read("a", "--seed", "5"), read("b", "--seed", "5")
	c := read("c", "--seed", "6")
	assert.True(t, bytes.Equal(a, b), "same scenario and seed: byte-identical timeseries.csv")
	assert.False(t, bytes.Equal(a, c), "another seed: another run")
}

func TestRunSetOverridesAKey(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "o")
	code, _, stderr := runMain(t, "run", "--out", out, "--set", "planner.enforcement=1", "--set", "province.guangxi.compliance=0.1")
	require.Equal(t, 0, code, stderr)
	var a, b Summary
	js, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &a))
	code, _, stderr = runMain(t, "run", "--out", out)
	require.Equal(t, 0, code, stderr)
	js, err = os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &b))
	assert.NotEqual(t, a.ScenarioHash, b.ScenarioHash, "the override changes the scenario")
}

func TestBadInputExitsTwoAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("name = \"x\"\nseed = \"one\"\nbogus = 3\n"), 0o644))
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown set key", []string{"--set", "planner.enforcment=1"}, []string{"planner.enforcment"}},
		{"set out of range", []string{"--set", "planner.enforcement=2"}, []string{"planner.enforcement"}},
		{"set bad value", []string{"--set", "planner.enforcement=high"}, []string{"planner.enforcement"}},
		{"bad scenario file", []string{"--scenario", bad}, []string{"bad.toml", "seed"}},
		{"missing scenario file", []string{"--scenario", filepath.Join(dir, "nope.toml")}, []string{"nope.toml"}},
		{"unknown preset", []string{"--preset", "atlantis"}, []string{"atlantis"}},
		{"both sources", []string{"--preset", "baseline", "--scenario", bad}, []string{"exclusive"}},
		{"negative seed", []string{"--seed", "-5"}, []string{"--seed"}},
		{"stray argument", []string{"extra"}, []string{"extra"}},
		{"unknown flag", []string{"--nope"}, []string{"nope"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tc.name, " ", "-"))
			code, _, stderr := runMain(t, append([]string{"run", "--out", out}, tc.args...)...)
			assert.Equal(t, 2, code)
			assert.True(t, strings.HasPrefix(stderr, "dongshu-batch: ") || strings.Contains(stderr, "usage"), stderr)
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "nothing written to --out")
		})
	}
}

func TestUsageErrors(t *testing.T) {
	code, _, _ := runMain(t)
	assert.Equal(t, 2, code)
	code, _, stderr := runMain(t, "fly")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `unknown command "fly"`)
	code, stdout, _ := runMain(t, "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "run")
	code, _, stderr = runMain(t, "run", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "--out")
}

func TestAllocationWritesLPAndObjective(t *testing.T) {
	lp := filepath.Join(t.TempDir(), "a", "2022-06.lp")
	code, stdout, stderr := runMain(t, "allocation", "--month", "2022-06", "--lp", lp)
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	last := lines[len(lines)-1]
	require.True(t, strings.HasPrefix(last, "objective "), last)
	_, err := strconv.ParseInt(strings.TrimPrefix(last, "objective "), 10, 64)
	require.NoError(t, err)
	b, err := os.ReadFile(lp)
	require.NoError(t, err)
	assert.Contains(t, string(b), "Minimize")
	assert.Contains(t, string(b), "src_beijing_hot")

	// --time: the same file and objective, and the timings before it (the run is unchanged by timing).
	before := b
	code, timed, stderr := runMain(t, "allocation", "--month", "2022-06", "--lp", lp, "--time")
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `(?m)^month-to-month ms [0-9.]+ \(mean of 13 months to 2022-06; 2022-06 alone [0-9.]+\)$`, timed)
	assert.Regexp(t, `(?m)^cold solve ms [0-9.]+ \([0-9]+ pivots\)$`, timed)
	assert.True(t, strings.HasSuffix(strings.TrimSpace(timed), last), "same objective line")
	b, err = os.ReadFile(lp)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(b), "same instance")

	code, _, stderr = runMain(t, "allocation", "--month", "1999-01", "--lp", lp)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "outside the scenario")
	code, _, _ = runMain(t, "allocation", "--lp", lp)
	assert.Equal(t, 2, code)
}

func TestRunWritesEvents(t *testing.T) {
	dir := t.TempDir()
	scn := filepath.Join(dir, "events.toml")
	require.NoError(t, os.WriteFile(scn, []byte(`end = "2021-12"
[[event]]
kind = "outage"
month = "2020-06"
target = "guangdong"
duration_months = 3
[[random_event]]
kind = "power_price"
rate_per_year = 0.5
duration_months = 2
magnitude = 1.5
`), 0o644))
	read := func(name string) []byte {
		out := filepath.Join(dir, name)
		code, _, stderr := runMain(t, "run", "--scenario", scn, "--out", out)
		require.Equal(t, 0, code, stderr)
		b, err := os.ReadFile(filepath.Join(out, "events.csv"))
		require.NoError(t, err)
		return b
	}
	a, b := read("a"), read("b")
	assert.True(t, bytes.Equal(a, b), "events.csv is deterministic")
	lines := strings.Split(strings.TrimSpace(string(a)), "\n")
	assert.Equal(t, "month,kind,target,magnitude,duration_months,description", lines[0])
	require.Greater(t, len(lines), 2)
	assert.Regexp(t, `2020-06,outage,guangdong,0,3,Outage in Guangdong: [1-9][0-9,]* MW of data centres offline`, string(a))
}

// The DIMACS file is the instance the allocator solved: read back and solved by the reference solver
// (successive shortest paths, independent of the network simplex), it has the printed optimum.
func TestAllocationWritesDIMACS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "2022-06.min")
	code, stdout, stderr := runMain(t, "allocation", "--month", "2022-06", "--dimacs", path)
	require.Equal(t, 0, code, stderr)
	want, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(stdout[strings.LastIndex(stdout, "objective "):]), "objective "), 10, 64)
	require.NoError(t, err)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	g := flow.NewMinCostFlow()
	arcs := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		num := func(i int) int64 {
			v, err := strconv.ParseInt(f[i], 10, 64)
			require.NoError(t, err, line)
			return v
		}
		switch f[0] {
		case "p":
			g.Reset(int(num(2)))
		case "n":
			g.SetSupply(int(num(1))-1, num(2))
		case "a":
			require.Zero(t, num(3), "lower bounds are 0")
			g.AddArc(int(num(1))-1, int(num(2))-1, num(4), num(5))
			arcs++
		}
	}
	require.Positive(t, arcs)
	got, err := g.Solve()
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

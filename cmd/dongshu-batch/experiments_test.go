package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small targets file on a run that ends in 2023 (2 parameters, a probe target, a share, a headline,
// a holdout, a target before the start, a switch).
const smallTargets = `preset = "baseline"
set = ["end=2023-12"]
outcomes = ["northwest_utilisation_2022", "overbuild_mean_mw"]

[method]
samples = 6
refine_samples = 3
reps = 2
check_reps = 3
quantile = 0.3

[[target]]
name = "racks_2021"
observed = 5.2
headline = "racks_end_2021_m"
tolerance = 0.5
source = "S-racks-2021"

[[target]]
name = "nw_2022"
observed = 0.3
kind = "at_most"
headline = "northwest_utilisation_2022"
tolerance = 0.03
source = "S-2022-use"

[[target]]
name = "racks_mid_2022"
observed = 5.9
month = "2022-06"
scopes = ["national"]
column = "racks_m"
tolerance = 0.6
source = "S-racks-2022"
use = "holdout"

[[target]]
name = "big3_2021"
observed = 0.3
month = "2021-12"
scopes = ["beijing", "shanghai", "guangdong"]
share_of = ["national"]
column = "capacity_mw"
tolerance = 0.05
source = "S-racks-2019"

[[target]]
name = "before_start"
observed = 1.66
month = "2012-12"
scopes = ["national"]
column = "racks_m"
tolerance = 0.25
source = "S-racks-2017"

[[parameter]]
key = "demand.total_mw"
min = 5000
max = 7500
source = "assumption"

[[parameter]]
key = "datacentres.lead_time_months"
min = 18
max = 30
source = "assumption"

[[switch]]
name = "no_growth_credit"
set = ["behaviour.growth_credit=0"]
`

func writeTargets(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "targets.toml")
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

// readTree reads every file under dir, by relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return err
	}))
	return out
}

func TestCalibrateIsWorkerInvariantResumableAndReportsEveryTarget(t *testing.T) {
	tf := writeTargets(t, smallTargets)
	dir := t.TempDir()
	one, two := filepath.Join(dir, "w1"), filepath.Join(dir, "w2")
	args := []string{"calibrate", "--targets", tf, "--ablate", "--morris", "2", "--sobol", "2"}
	code, stdout, stderr := runMain(t, append(args, "--workers", "1", "--out", one, "--docs", filepath.Join(dir, "cal.md"))...)
	require.Equal(t, 0, code, stderr)
	// 9 sets x 2 seeds, reference and best x 3, ablation 2 x 3, Morris 2 x 3 points, Sobol 2 x 4.
	assert.Contains(t, stdout, "44 model runs")
	code, _, stderr = runMain(t, append(args, "--workers", "2", "--out", two)...)
	require.Equal(t, 0, code, stderr)
	a, b := readTree(t, one), readTree(t, two)
	require.Equal(t, len(a), len(b))
	for name := range a {
		assert.Equal(t, a[name], b[name], "%s differs between --workers 1 and 2", name)
	}
	for _, f := range []string{"sets.csv", "accepted.csv", "posterior.csv", "fit.csv", "fit.png", "posterior.png", "report.md",
		"stage1/runs.csv", "stage2/runs.csv", "best/runs.csv", "reference/runs.csv", "ablate/ablation.csv", "morris/morris.csv", "sobol/sobol.csv"} {
		assert.Contains(t, a, f)
	}
	assert.Len(t, strings.Split(strings.TrimSpace(a["sets.csv"]), "\n"), 1+9)
	assert.True(t, strings.HasPrefix(a["stage1/runs.csv"], "run_id,seed,demand.total_mw,datacentres.lead_time_months,"))
	assert.Contains(t, a["stage1/runs.csv"], "target:racks_mid_2022,target:big3_2021,target:before_start\n")
	md := a["report.md"]
	doc, err := os.ReadFile(filepath.Join(dir, "cal.md"))
	require.NoError(t, err)
	assert.Equal(t, md, string(doc), "--docs writes the report")
	for _, want := range []string{"| racks_2021 |", "| nw_2022 |", "| big3_2021 |", "| before_start | racks_m national 2012-12 | 1.66 ± 0.25 | – | – | not simulated |",
		"### Out of sample", "| racks_mid_2022 |", "`demand.total_mw`", "| no_growth_credit |", "## Morris"} {
		assert.Contains(t, md, want)
	}
	// The share target is a share: between 0 and 1 in every set.
	for _, line := range strings.Split(strings.TrimSpace(a["fit.csv"]), "\n")[1:] {
		if strings.Contains(line, "big3_2021") {
			f := strings.Split(line, ",")
			assert.Regexp(t, `^0\.\d+$`, f[8], line)
		}
	}
	// Run again: every stage is complete, nothing changes.
	code, _, stderr = runMain(t, append(args, "--workers", "2", "--out", one)...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "already complete")
	assert.Equal(t, a, readTree(t, one))
}

func TestCalibrateBadTargetsFileNamesFileLineAndKey(t *testing.T) {
	bad := strings.Replace(smallTargets, "tolerance = 0.03", "tolerance = -1", 1)
	tf := writeTargets(t, bad)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runMain(t, "calibrate", "--targets", tf, "--out", out)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, tf+":24: target[2].tolerance")
	assert.NoDirExists(t, out, "nothing written")

	code, _, stderr = runMain(t, "calibrate", "--targets", writeTargets(t, strings.Replace(smallTargets, `column = "racks_m"`, `column = "rackz"`, 1)), "--out", out)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `unknown column "rackz"`)
	code, _, stderr = runMain(t, "calibrate", "--targets", writeTargets(t, strings.Replace(smallTargets, `key = "demand.total_mw"`, `key = "demand.nope"`, 1)), "--out", out)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "demand.nope")
	code, _, stderr = runMain(t, "calibrate", "--targets", filepath.Join(t.TempDir(), "missing.toml"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "missing.toml")
	code, _, _ = runMain(t, "calibrate")
	assert.Equal(t, 2, code)
}

func TestSensitivityRunsThenAnalysesFromFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	code, stdout, stderr := runMain(t, "sensitivity", "--set", "end=2023-12", "--set", "demand.total_mw=5000:7500",
		"--set", "behaviour.growth_credit=0:1", "--trajectories", "3", "--outcomes", "northwest_utilisation_2022,overbuild_mean_mw",
		"--workers", "2", "--out", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "| northwest_utilisation_2022 | demand.total_mw |")
	csv1, err := os.ReadFile(filepath.Join(dir, "morris.csv"))
	require.NoError(t, err)
	assert.Len(t, strings.Split(strings.TrimSpace(string(csv1)), "\n"), 1+2*2)
	assert.FileExists(t, filepath.Join(dir, "morris-overbuild_mean_mw.png"))
	runs, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
	require.NoError(t, err)
	assert.Len(t, strings.Split(strings.TrimSpace(string(runs)), "\n"), 1+3*3)
	require.NoError(t, os.Remove(filepath.Join(dir, "morris.csv")))
	code, stdout2, stderr := runMain(t, "sensitivity", "--analyse", dir, "--outcomes", "northwest_utilisation_2022,overbuild_mean_mw")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, stdout, stdout2)
	csv2, err := os.ReadFile(filepath.Join(dir, "morris.csv"))
	require.NoError(t, err)
	assert.Equal(t, string(csv1), string(csv2), "the analysis is redone from the files alone")

	sob := filepath.Join(t.TempDir(), "sobol")
	code, stdout, stderr = runMain(t, "sensitivity", "--method", "sobol", "--samples", "4", "--set", "end=2022-12",
		"--set", "demand.total_mw=500:700", "--set", "behaviour.growth_credit=0:0.3", "--outcomes", "northwest_utilisation_2022,racks_end_2023_m", "--out", sob)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "| northwest_utilisation_2022 | demand.total_mw |")
	assert.Contains(t, stdout, "| racks_end_2023_m | demand.total_mw | – |", "an outcome the run never reaches is constant: no indices")
	s1, err := os.ReadFile(filepath.Join(sob, "sobol.csv"))
	require.NoError(t, err)
	code, stdout2, _ = runMain(t, "sensitivity", "--analyse", sob, "--outcomes", "northwest_utilisation_2022,racks_end_2023_m")
	require.Equal(t, 0, code)
	assert.Equal(t, stdout, stdout2)
	s2, err := os.ReadFile(filepath.Join(sob, "sobol.csv"))
	require.NoError(t, err)
	assert.Equal(t, string(s1), string(s2))
	runs, err = os.ReadFile(filepath.Join(sob, "runs.csv"))
	require.NoError(t, err)
	assert.Len(t, strings.Split(strings.TrimSpace(string(runs)), "\n"), 1+4*4, "N (k+2) points")

	for _, bad := range [][]string{
		{"sensitivity", "--set", "demand.total_mw=1:2", "--method", "fast"},
		{"sensitivity", "--set", "demand.total_mw=9:1"},
		{"sensitivity", "--set", "name=a:b"},
		{"sensitivity", "--set", "end=2023-12"},
		{"sensitivity", "--set", "demand.total_mw=1:2", "--levels", "3"},
		{"sensitivity", "--analyse", t.TempDir()},
		{"sensitivity", "--set", "demand.total_mw=1:2", "--outcomes", "nope"},
	} {
		code, _, stderr := runMain(t, append(bad, "--out", filepath.Join(t.TempDir(), "x"))...)
		assert.Equal(t, 2, code, "%v: %s", bad, stderr)
	}
}

func TestAblateTabulatesEverySwitchAgainstTheReference(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	code, stdout, stderr := runMain(t, "ablate", "--set", "end=2023-12", "--switch", "no_growth:behaviour.growth_credit=0",
		"--switch", "no_optimism:behaviour.optimism=0;behaviour.rivalry=0", "--reps", "3", "--out", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "| reference |")
	assert.Contains(t, stdout, "| no_growth |")
	b, err := os.ReadFile(filepath.Join(dir, "ablation.csv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	assert.Equal(t, "switch,outcome,median,p10,p90,delta_median", lines[0])
	assert.Len(t, lines, 1+3*3)
	assert.True(t, strings.HasPrefix(lines[1], "reference,northwest_utilisation_2022,"))
	assert.True(t, strings.HasSuffix(lines[1], ",0"), "the reference's change is 0")
	assert.FileExists(t, filepath.Join(dir, "no_optimism", "runs.csv"))

	for _, bad := range [][]string{
		{"ablate", "--switch", "x"},
		{"ablate", "--switch", "reference:behaviour.optimism=0"},
		{"ablate", "--switch", "x:behaviour.nope=0"},
		{"ablate", "--switch", "x:behaviour.optimism=-5"},
		{"ablate"},
	} {
		code, _, stderr := runMain(t, append(bad, "--reps", "1", "--out", filepath.Join(t.TempDir(), "x"))...)
		assert.Equal(t, 2, code, "%v: %s", bad, stderr)
	}
}

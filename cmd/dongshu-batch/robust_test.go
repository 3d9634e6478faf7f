package main

import (
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The failures of issue 11, each as the hostile or careless user met it: every one exits 2, says which
// file or key and what is wrong, and writes nothing (or leaves the directory as it was).

// tinySweep is a 4-run sweep of 6-month runs.
var tinySweep = []string{"sweep", "--reps", "2", "--set", "end=2020-06", "--set", "planner.enforcement=0.2,0.9",
	"--timeseries", "--workers", "2"}

func tinySweepIn(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sweep")
	code, _, stderr := runMain(t, append(tinySweep, "--out", dir)...)
	require.Equal(t, 0, code, stderr)
	return dir
}

// interrupt turns a finished sweep directory into the one a kill after `rows` runs leaves: the manifest
// without a completion record, the journals cut after those rows, and (when marker) a progress marker.
func interrupt(t *testing.T, dir string, rows int, marker bool) {
	t.Helper()
	mf := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(mf)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	delete(m, "complete")
	b, err = json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(mf, append(b, '\n'), 0o644))
	cut := func(name string, keep func(line string, i int) bool) int64 {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		lines := strings.SplitAfter(string(b), "\n")
		var out strings.Builder
		for i, l := range lines {
			if i == 0 || keep(l, i) {
				out.WriteString(l)
			}
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(out.String()), 0o644))
		return int64(out.Len())
	}
	runsBytes := cut("runs.csv", func(_ string, i int) bool { return i <= rows })
	tsBytes := cut("timeseries.csv", func(l string, _ int) bool {
		id, _, _ := strings.Cut(l, ",")
		return id != "" && id < string(rune('0'+rows)) // run ids 0..3
	})
	if marker {
		p, _ := json.Marshal(map[string]any{"done": rows, "runs_bytes": runsBytes, "timeseries_bytes": tsBytes})
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".sweep-progress.json"), p, 0o644))
	}
}

func fileSum(t *testing.T, name string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return sha256.Sum256(b)
}

// Case 1: a killed sweep whose progress marker was lost (a copy that skips dotfiles) is not complete.
func TestSweepWithoutMarkerIsNotComplete(t *testing.T) {
	dir := tinySweepIn(t)
	interrupt(t, dir, 2, false)
	code, stdout, stderr := runMain(t, append(tinySweep, "--out", dir)...)
	assert.Equal(t, 2, code, stdout+stderr)
	assert.NotContains(t, stderr+stdout, "already complete")
	assert.Contains(t, stderr, ".sweep-progress.json is missing")
	assert.Contains(t, stderr, "runs.csv holds 2 rows of 4")

	code, _, stderr = runMain(t, "report", dir)
	assert.Equal(t, 2, code, "report refuses the 2 rows of a 4-run sweep")
	assert.Contains(t, stderr, "not complete")
	_, err := os.Stat(filepath.Join(dir, "report"))
	assert.True(t, os.IsNotExist(err), "no report written")
}

// Case 2: a finished sweep whose runs.csv was truncated or edited is refused, naming the file.
func TestSweepDamagedAfterCompletionIsRefused(t *testing.T) {
	for _, damage := range []string{"truncated", "edited"} {
		dir := tinySweepIn(t)
		name := filepath.Join(dir, "runs.csv")
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		if damage == "truncated" {
			b = b[:len(b)-30]
		} else {
			i := strings.LastIndexByte(string(b[:len(b)-1]), ',') + 1
			b[i] ^= 1 // one digit of the last value, same size
		}
		require.NoError(t, os.WriteFile(name, b, 0o644))
		code, stdout, stderr := runMain(t, append(tinySweep, "--out", dir)...)
		assert.Equal(t, 2, code, damage)
		assert.NotContains(t, stdout+stderr, "already complete", damage)
		assert.Contains(t, stderr, name, damage)
		code, stdout, _ = runMain(t, "verify", dir)
		assert.Equal(t, 2, code, damage)
		assert.Contains(t, stdout, "DAMAGED", damage)
		for _, cmd := range [][]string{{"report", dir}, {"replay", "--run-id", "1", dir}} {
			code, _, _ = runMain(t, cmd...)
			assert.Equal(t, 2, code, "%s %v", damage, cmd)
		}
	}
}

// Case 3: run and sweep refuse each other's directories, leaving them as they were.
func TestRunAndSweepRefuseEachOthersDirectories(t *testing.T) {
	dir := tinySweepIn(t)
	before := fileSum(t, filepath.Join(dir, "timeseries.csv"))
	code, _, stderr := runMain(t, "run", "--set", "end=2020-03", "--out", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "holds a sweep")
	assert.Equal(t, before, fileSum(t, filepath.Join(dir, "timeseries.csv")), "the sweep's timeseries is untouched")

	rd := filepath.Join(t.TempDir(), "run")
	code, _, stderr = runMain(t, "run", "--set", "end=2020-03", "--out", rd)
	require.Equal(t, 0, code, stderr)
	rbefore := fileSum(t, filepath.Join(rd, "timeseries.csv"))
	code, _, stderr = runMain(t, append(tinySweep, "--out", rd)...)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, rd)
	assert.Equal(t, rbefore, fileSum(t, filepath.Join(rd, "timeseries.csv")))
	_, err := os.Stat(filepath.Join(rd, "runs.csv"))
	assert.True(t, os.IsNotExist(err))
}

// Case 4: a forged progress marker (pointing inside the header, or past the rows it counts) is refused
// rather than resumed over.
func TestForgedProgressMarkerIsRefused(t *testing.T) {
	for name, marker := range map[string]string{
		"mid-header":     `{"done":1,"runs_bytes":20,"timeseries_bytes":20}`,
		"mid-row":        `{"done":1,"runs_bytes":%d,"timeseries_bytes":0}`,
		"too many done":  `{"done":3,"runs_bytes":%d,"timeseries_bytes":0}`,
		"negative bytes": `{"done":0,"runs_bytes":-5,"timeseries_bytes":0}`,
	} {
		dir := tinySweepIn(t)
		interrupt(t, dir, 2, true)
		b, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
		require.NoError(t, err)
		if strings.Contains(marker, "%d") {
			marker = strings.Replace(marker, "%d", itoa(len(b)-7), 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".sweep-progress.json"), []byte(marker), 0o644))
		code, _, stderr := runMain(t, append(tinySweep, "--out", dir)...)
		assert.Equal(t, 2, code, name)
		assert.Contains(t, stderr, "progress marker", name)
		after, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
		require.NoError(t, err)
		assert.Equal(t, string(b), string(after), "%s: runs.csv untouched", name)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// An interrupted sweep with its marker still resumes to the same files; verify says where it stands.
func TestVerifyAndResumeAnInterruptedSweep(t *testing.T) {
	ref := tinySweepIn(t)
	dir := tinySweepIn(t)
	interrupt(t, dir, 2, true)
	code, stdout, _ := runMain(t, "verify", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "interrupted sweep, 2 of 4 runs")
	code, stdout, stderr := runMain(t, append(tinySweep, "--out", dir)...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "resuming")
	a, b := readAll(t, ref), readAll(t, dir)
	for name := range a {
		assert.True(t, a[name] == b[name], "%s differs after the resume", name)
	}
	code, stdout, _ = runMain(t, "verify", dir, ref)
	assert.Equal(t, 0, code, stdout)
	assert.Equal(t, 2, strings.Count(stdout, "complete sweep, 4 runs"))
}

// Cases 6 and 7: values that validated and then failed, or were silently odd, are refused up front,
// with the key, and nothing is written.
func TestValuesThatWouldFailAreRefused(t *testing.T) {
	tmp := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(tmp, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	late := write("late.toml", "[[event]]\nkind = \"outage\"\nmonth = \"2040-01\"\ntarget = \"guangdong\"\nduration_months = 3\n")
	bigName := write("bigname.toml", "name = \""+strings.Repeat("x", 2<<20)+"\"\n")
	deep := write("deep.toml", "a = "+strings.Repeat("{a = ", 2000)+"1"+strings.Repeat("}", 2000)+"\n")
	dotted := write("dotted.toml", strings.Repeat("k.", 3000)+"k = 1\n")
	foobar := write("foobar.toml", "seed = 2\n[foo.bar]\nx = 1\n")
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"horizon beyond the allocator's arithmetic", []string{"run", "--set", "end=2100-12"}, []string{"end", "at the latest"}},
		{"growth beyond it", []string{"run", "--set", "demand.class.cold.growth=5"}, []string{"end", "demand.class.cold.growth"}},
		{"reps that overflow the run count", []string{"sweep", "--reps", "6148914691236517206", "--set", "planner.enforcement=0,0.5,1"}, []string{"--reps"}},
		{"reps at MaxInt64", []string{"sweep", "--reps", "9223372036854775807", "--set", "planner.enforcement=0,1", "--shard", "1/2"}, []string{"--reps"}},
		{"a key varied then fixed", []string{"sweep", "--reps", "1", "--set", "planner.enforcement=0,1", "--set", "planner.enforcement=0.5"}, []string{"planner.enforcement", "twice"}},
		{"a key set twice in run", []string{"run", "--set", "planner.enforcement=0.2", "--set", "planner.enforcement=0.5"}, []string{"planner.enforcement", "twice"}},
		{"seed swept", []string{"sweep", "--reps", "1", "--set", "seed=1,2"}, []string{"seed", "--seed-base"}},
		{"event after end", []string{"run", "--scenario", late}, []string{"late.toml:3", "event[0].month", "after end"}},
		{"a 2 MB name", []string{"run", "--scenario", bigName}, []string{"bigname.toml:1", "name", "more than"}},
		{"5,000 nested tables", []string{"run", "--scenario", deep}, []string{"deep.toml:1", "nested"}},
		{"6,000-part dotted key", []string{"run", "--scenario", dotted}, []string{"dotted.toml:1", "dotted key"}},
		{"unknown [foo.bar]", []string{"run", "--scenario", foobar}, []string{"foobar.toml:2", "foo"}},
		{"--set start after end", []string{"run", "--set", "start=2036-01"}, []string{"--set: start"}},
		{"200,000 values", []string{"sweep", "--reps", "1", "--set", "planner.enforcement=" + strings.Repeat("0.5,", 200_000) + "1"}, []string{"values, more than"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(tmp, "out-"+strings.ReplaceAll(c.name, " ", "_"))
			code, _, stderr := runMain(t, append(c.args, "--out", out)...)
			assert.Equal(t, 2, code, "%.300s", stderr)
			for _, w := range c.want {
				assert.Contains(t, stderr, w)
			}
			assert.Less(t, len(stderr), 4096, "a short message")
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "nothing written")
		})
	}
	code, stdout, _ := runMain(t, "validate", late)
	assert.Equal(t, 2, code)
	assert.Contains(t, stdout, "after end")
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dongshu/internal/sweep"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A short sweep: 2 x 2 points x 2 replications of an 18-month run.
var shortSweep = []string{"sweep", "--reps", "2", "--set", "start=2020-01", "--set", "end=2021-06",
	"--set", "planner.enforcement=0.2,0.9", "--set", "behaviour.build_options_mw=0,100;0,100,400"}

func sweepArgsWith(extra ...string) []string {
	return append(append([]string{}, shortSweep...), extra...)
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = string(b)
	}
	return out
}

func TestSweepWritesRunsInOrderAndIsWorkerInvariant(t *testing.T) {
	dir := t.TempDir()
	one, four := filepath.Join(dir, "w1"), filepath.Join(dir, "w4")
	code, stdout, stderr := runMain(t, sweepArgsWith("--timeseries", "--workers", "1", "--out", one)...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "8 runs")
	code, _, stderr = runMain(t, sweepArgsWith("--timeseries", "--workers", "4", "--out", four)...)
	require.Equal(t, 0, code, stderr)
	a, b := readAll(t, one), readAll(t, four)
	assert.Equal(t, []string{"manifest.json", "runs.csv", "timeseries.csv"}, keys(a), "no journal left behind")
	for name := range a {
		assert.Equal(t, a[name], b[name], "%s differs between --workers 1 and 4", name)
	}
	lines := strings.Split(strings.TrimSuffix(a["runs.csv"], "\n"), "\n")
	require.Len(t, lines, 9)
	assert.True(t, strings.HasPrefix(lines[0], "run_id,seed,planner.enforcement,behaviour.build_options_mw,northwest_utilisation_2022,"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "0,"))
	assert.Contains(t, lines[1], `,0.2,"0,100",`)
	assert.Contains(t, lines[8], `,0.9,"0,100,400",`)
	ts := strings.Split(a["timeseries.csv"], "\n")
	assert.True(t, strings.HasPrefix(ts[0], "run_id,month,scope,capacity_mw"), ts[0])
	assert.True(t, strings.HasPrefix(ts[1], "0,2020-01,national,"), ts[1])
	assert.Equal(t, 1+8*18*39, len(ts)-1, "one row per run, month and scope")
	assert.Contains(t, a["manifest.json"], `"seed_rule"`)
	assert.NotContains(t, a["manifest.json"], "w1", "--out is not recorded")
}

func keys(m map[string]string) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	slicesSort(k)
	return k
}

func TestSweepShardsMergeToTheSingleSweep(t *testing.T) {
	dir := t.TempDir()
	variants := map[string][]string{"csv": {"--format", "csv"}, "parquet": {"--format", "parquet"},
		"keep-bits": {"--format", "parquet", "--keep-bits", "12"}}
	for format, fa := range variants {
		single := filepath.Join(dir, format, "single")
		code, _, stderr := runMain(t, sweepArgsWith(append(fa, "--timeseries", "--out", single)...)...)
		require.Equal(t, 0, code, stderr)
		var shards []string
		for i := 1; i <= 3; i++ {
			d := filepath.Join(dir, format, "shard"+string(rune('0'+i)))
			shards = append(shards, d)
			code, _, stderr := runMain(t, sweepArgsWith(append(fa, "--timeseries", "--shard", string(rune('0'+i))+"/3", "--out", d)...)...)
			require.Equal(t, 0, code, stderr)
			m := readAll(t, d)
			assert.Contains(t, m["manifest.json"], `"shard": "`+string(rune('0'+i))+`/3"`)
		}
		// missing shard
		code, _, stderr = runMain(t, "merge", "--out", filepath.Join(dir, format, "bad"), shards[0], shards[1])
		assert.Equal(t, 2, code)
		assert.Contains(t, stderr, "missing shard(s) 3/3")
		merged := filepath.Join(dir, format, "merged")
		code, _, stderr = runMain(t, append([]string{"merge", "--out", merged}, shards[2], shards[0], shards[1])...)
		require.Equal(t, 0, code, stderr)
		a, b := readAll(t, single), readAll(t, merged)
		assert.Equal(t, keys(a), keys(b))
		for name := range a {
			assert.True(t, a[name] == b[name], "%s (%s): merged differs from the single sweep", name, format)
		}
	}
	// shards of different sweeps are refused
	other := filepath.Join(dir, "other")
	code, _, stderr := runMain(t, sweepArgsWith("--seed-base", "9", "--timeseries", "--shard", "3/3", "--out", other)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runMain(t, "merge", "--out", filepath.Join(dir, "bad2"), filepath.Join(dir, "csv", "shard1"), filepath.Join(dir, "csv", "shard2"), other)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "seed base")
	// nor are shards of the same sweep at another precision
	code, _, stderr = runMain(t, "merge", "--out", filepath.Join(dir, "bad3"), filepath.Join(dir, "parquet", "shard1"),
		filepath.Join(dir, "keep-bits", "shard2"), filepath.Join(dir, "parquet", "shard3"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "keep bits (12 here, none (exact) in the directory)")
}

func TestSweepParquetIsReadable(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--out", dir)...)
	require.Equal(t, 0, code, stderr)
	m := readAll(t, dir)
	assert.Equal(t, []string{"manifest.json", "runs.parquet", "timeseries.parquet"}, keys(m))
	check := func(name string, rows int64, first ...string) {
		f, err := os.Open(filepath.Join(dir, name))
		require.NoError(t, err)
		defer f.Close()
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		require.NoError(t, err)
		assert.Equal(t, rows, pf.NumRows(), name)
		var cols []string
		for _, c := range pf.Schema().Fields() {
			cols = append(cols, c.Name())
		}
		assert.Equal(t, first, cols[:len(first)], name)
		r := parquet.NewReader(f)
		defer r.Close()
		buf := make([]parquet.Row, 1)
		n, _ := r.ReadRows(buf)
		require.Equal(t, 1, n)
		assert.Equal(t, int64(0), buf[0][0].Int64(), "first run id")
	}
	check("runs.parquet", 8, "run_id", "seed", "planner.enforcement", "behaviour.build_options_mw", "northwest_utilisation_2022")
	check("timeseries.parquet", 8*18*39, "run_id", "month", "scope", "capacity_mw")
}

func TestSweepResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "dongshu-batch")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	args := []string{"sweep", "--reps", "30", "--set", "end=2023-06", "--set", "planner.enforcement=0.3,0.7",
		"--timeseries", "--workers", "2"}
	ref := filepath.Join(dir, "ref")
	out, err = exec.Command(bin, append(args, "--out", ref)...).CombinedOutput()
	require.NoError(t, err, string(out))

	killed := filepath.Join(dir, "killed")
	for attempt := 0; ; attempt++ {
		cmd := exec.Command(bin, append(args, "--out", killed)...)
		require.NoError(t, cmd.Start())
		deadline := time.Now().Add(20 * time.Second)
		var rows int
		for time.Now().Before(deadline) {
			// Wait for some rows to be in runs.csv and recorded as flushed in the journal marker.
			b, _ := os.ReadFile(filepath.Join(killed, "runs.csv"))
			rows = strings.Count(string(b), "\n") - 1
			p, _ := os.ReadFile(filepath.Join(killed, ".sweep-progress.json"))
			if rows >= 3 && !strings.Contains(string(p), `"done":0,`) {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()
		if rows < 60 {
			break
		}
		require.Less(t, attempt, 3, "the sweep finished before it could be killed")
		os.RemoveAll(killed)
	}
	b, _ := os.ReadFile(filepath.Join(killed, "runs.csv"))
	require.Less(t, strings.Count(string(b), "\n")-1, 60, "killed mid-sweep")
	// A torn last line, as a crash mid-write leaves it, is discarded too.
	f, err := os.OpenFile(filepath.Join(killed, "runs.csv"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	f.WriteString("59,123,0.")
	f.Close()

	// Another command on the same directory is refused.
	cmd := exec.Command(bin, "sweep", "--reps", "30", "--seed-base", "2", "--set", "end=2023-06",
		"--set", "planner.enforcement=0.3,0.7", "--timeseries", "--out", killed)
	out, err = cmd.CombinedOutput()
	require.Error(t, err)
	assert.Equal(t, 2, cmd.ProcessState.ExitCode())
	assert.Contains(t, string(out), "seed base (2 here, 1 in the directory)")

	out, err = exec.Command(bin, append(args, "--out", killed)...).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "resuming")
	a, c := readAll(t, ref), readAll(t, killed)
	assert.Equal(t, keys(a), keys(c))
	for name := range a {
		assert.True(t, a[name] == c[name], "%s: resumed sweep differs from the uninterrupted one", name)
	}
	// Running it once more does nothing.
	out, err = exec.Command(bin, append(args, "--out", killed)...).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "already complete")
}

func TestSweepBadInputExits2AndWritesNothing(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown key":     {"sweep", "--reps", "1", "--set", "planner.nope=1,2"},
		"unknown fixed":   {"sweep", "--reps", "1", "--set", "planner.nope=1"},
		"bad value":       {"sweep", "--reps", "1", "--set", "planner.enforcement=0.5,7"},
		"malformed range": {"sweep", "--reps", "1", "--design", "lhs", "--samples", "4", "--set", "planner.enforcement=1:0"},
		"range in full":   {"sweep", "--reps", "1", "--set", "planner.enforcement=0:1"},
		"shard 0/2":       {"sweep", "--reps", "1", "--shard", "0/2"},
		"reps 0":          {"sweep", "--reps", "0"},
		"no reps":         {"sweep"},
		"lhs no samples":  {"sweep", "--reps", "1", "--design", "lhs", "--set", "planner.enforcement=0:1"},
		"format":          {"sweep", "--reps", "1", "--format", "xml"},
		"keep-bits csv":   {"sweep", "--reps", "1", "--timeseries", "--keep-bits", "16"},
		"keep-bits no ts": {"sweep", "--reps", "1", "--format", "parquet", "--keep-bits", "16"},
		"keep-bits 0":     {"sweep", "--reps", "1", "--timeseries", "--format", "parquet", "--keep-bits", "0"},
		"keep-bits 53":    {"sweep", "--reps", "1", "--timeseries", "--format", "parquet", "--keep-bits", "53"},
		"keep-bits -1":    {"sweep", "--reps", "1", "--timeseries", "--format", "parquet", "--keep-bits", "-1"},
		"keep-bits text":  {"sweep", "--reps", "1", "--timeseries", "--format", "parquet", "--keep-bits", "x"},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		code, _, stderr := runMain(t, append(args, "--out", dir)...)
		assert.Equal(t, 2, code, name)
		assert.True(t, strings.HasPrefix(stderr, "dongshu-batch: ") || strings.Contains(stderr, "\ndongshu-batch: "), "%s: %s", name, stderr)
		_, err := os.Stat(dir)
		assert.True(t, os.IsNotExist(err), "%s: nothing written", name)
	}
}

func TestSweepLHS(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runMain(t, "sweep", "--reps", "1", "--design", "lhs", "--samples", "5", "--set", "end=2020-12",
		"--set", "planner.enforcement=0:1", "--set", "network.transit_cost=0:2", "--out", dir)
	require.Equal(t, 0, code, stderr)
	m := readAll(t, dir)
	lines := strings.Split(strings.TrimSpace(m["runs.csv"]), "\n")
	assert.Len(t, lines, 6)
	assert.True(t, strings.HasPrefix(lines[0], "run_id,seed,planner.enforcement,network.transit_cost,"))
	assert.Contains(t, m["manifest.json"], `"type": "lhs"`)
}

func TestReplayReproducesARun(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runMain(t, sweepArgsWith("--out", dir)...)
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := runMain(t, "replay", "--run-id", "5", dir)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "run 5 reproduces\n", stdout)

	// Tamper with run 5's row: replay names the field and fails.
	name := filepath.Join(dir, "runs.csv")
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	f := strings.Split(lines[6], ",")
	f[len(f)-1] = "12345"
	lines[6] = strings.Join(f, ",")
	require.NoError(t, os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644))
	code, _, stderr = runMain(t, "replay", "--run-id", "5", dir)
	assert.Equal(t, 2, code, "an edited runs.csv no longer matches the manifest's checksum")
	assert.Regexp(t, `runs.csv: (\d+ bytes, the manifest records \d+|content differs from the manifest's checksum)`, stderr)

	// The same row with a matching completion record (as if the model, not the file, had changed):
	// replay names the field and fails.
	m, err := sweep.ReadManifest(dir)
	require.NoError(t, err)
	m.Complete, err = sweep.Record(dir, m.Runs, []string{sweep.RunsCSV})
	require.NoError(t, err)
	mb, err := json.Marshal(m)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, sweep.ManifestFile), mb, 0o644))
	code, stdout, _ = runMain(t, "replay", "--run-id", "5", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "jobs_end: replay")

	code, _, _ = runMain(t, "replay", "--run-id", "99", dir)
	assert.Equal(t, 2, code)
}

func TestValidateAndParams(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(good, []byte("name = \"mine\"\n"), 0o644))
	require.NoError(t, os.WriteFile(bad, []byte("name = \"bad\"\nSeed = 3\n[planner]\nenforcement = 7\n"), 0o644))
	code, stdout, stderr := runMain(t, "validate", good)
	require.Equal(t, 0, code, stderr+stdout)
	assert.Equal(t, "ok "+good+"\n", stdout)
	code, stdout, stderr = runMain(t, "validate", good, bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, stdout, "ok "+good)
	assert.Contains(t, stdout, "Seed")
	assert.Contains(t, stdout, "enforcement")
	assert.Contains(t, stderr, "1 of 2 files invalid")

	code, stdout, _ = runMain(t, "params")
	require.Equal(t, 0, code)
	lines := strings.Split(stdout, "\n")
	assert.Regexp(t, `^KEY\s+UNIT\s+RANGE\s+DEFAULT$`, lines[0])
	assert.Contains(t, stdout, "planner.enforcement")
	assert.Contains(t, stdout, "province.<id>.compliance")
	code, stdout, _ = runMain(t, "params", "--json")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, `"key": "planner.enforcement"`)

	for _, c := range []string{"sweep", "merge", "replay", "validate", "params"} {
		code, _, stderr := runMain(t, c, "--help")
		assert.Equal(t, 0, code, c)
		assert.Contains(t, stderr, "usage: dongshu-batch "+c, c)
	}
}

func slicesSort(s []string) { sort.Strings(s) }

// --keep-bits rounds timeseries.parquet's metrics, and only them, to the bound it promises: every value
// is BitRound of the CSV's (so within 2^-17 of it at 16 bits), byte-stream-split; run ids, months,
// scopes and runs.parquet are exact. The setting is the sweep's identity: in the manifest and its
// command, and a rerun with another setting is refused.
func TestSweepKeepBits(t *testing.T) {
	dir := t.TempDir()
	csvDir, exact, k16 := filepath.Join(dir, "csv"), filepath.Join(dir, "exact"), filepath.Join(dir, "k16")
	for _, c := range []struct {
		out  string
		args []string
	}{{csvDir, nil}, {exact, []string{"--format", "parquet"}}, {k16, []string{"--format", "parquet", "--keep-bits", "16"}}} {
		code, _, stderr := runMain(t, sweepArgsWith(append(c.args, "--timeseries", "--out", c.out)...)...)
		require.Equal(t, 0, code, stderr)
	}
	a, b := readAll(t, exact), readAll(t, k16)
	assert.Equal(t, a["runs.parquet"], b["runs.parquet"], "runs.parquet is never rounded")
	assert.Less(t, len(b["timeseries.parquet"]), len(a["timeseries.parquet"])*3/4)
	m, err := sweep.ReadManifest(k16)
	require.NoError(t, err)
	assert.Equal(t, 16, m.KeepBits)
	assert.Equal(t, []string{"--format", "parquet", "--keep-bits", "16"}, m.Command[len(m.Command)-4:])
	assert.NotContains(t, a["manifest.json"], "keep_bits", "an exact sweep's manifest is unchanged")

	f, err := os.Open(filepath.Join(k16, "timeseries.parquet"))
	require.NoError(t, err)
	defer f.Close()
	st, err := f.Stat()
	require.NoError(t, err)
	pf, err := parquet.OpenFile(f, st.Size())
	require.NoError(t, err)
	for i, cc := range pf.Metadata().RowGroups[0].Columns {
		assert.Equal(t, i >= 3, slices.Contains(cc.MetaData.Encoding, format.ByteStreamSplit), "column %v: %v", cc.MetaData.PathInSchema, cc.MetaData.Encoding)
	}
	cf, err := os.Open(filepath.Join(csvDir, "timeseries.csv"))
	require.NoError(t, err)
	defer cf.Close()
	cr := csv.NewReader(cf)
	header, err := cr.Read()
	require.NoError(t, err)
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 1)
	bound, rows, rounded := math.Ldexp(1, -17), 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		n, _ := r.ReadRows(buf)
		require.Equal(t, 1, n, "row %d", rows)
		row := buf[0]
		assert.Equal(t, rec[0], strconv.FormatInt(row[0].Int64(), 10))
		assert.Equal(t, rec[1:3], []string{row[1].String(), row[2].String()})
		for i := 3; i < len(rec); i++ {
			x, err := strconv.ParseFloat(rec[i], 64)
			require.NoError(t, err)
			y := row[i].Double()
			require.Equal(t, math.Float64bits(sweep.BitRound(x, 16)), math.Float64bits(y), "row %d %s", rows, header[i])
			require.LessOrEqual(t, math.Abs(y-x), bound*math.Abs(x), "row %d %s: %v for %v", rows, header[i], y, x)
			if x != y {
				rounded++
			}
		}
		rows++
	}
	n, _ := r.ReadRows(buf)
	assert.Zero(t, n, "no extra parquet rows")
	assert.Equal(t, 8*18*39, rows)
	assert.Greater(t, rounded, rows, "most values lose bits")

	// Another precision, or none, on the same directory is another sweep.
	code, _, stderr := runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--keep-bits", "23", "--out", k16)...)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "keep bits (23 here, 16 in the directory)")
	code, _, stderr = runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--out", k16)...)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "keep bits (none (exact) here, 16 in the directory)")
	code, _, stderr = runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--keep-bits", "16", "--out", k16)...)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "already complete")
}

// rewriteParquet rewrites a sweep's runs.parquet with edit applied to its rows (keeping the schema) and
// records the new file in the manifest, as if the model, not the file, had changed.
func rewriteParquet(t *testing.T, dir string, edit func([]parquet.Row) []parquet.Row) {
	t.Helper()
	name := filepath.Join(dir, sweep.RunsParquet)
	f, err := os.Open(name)
	require.NoError(t, err)
	st, err := f.Stat()
	require.NoError(t, err)
	pf, err := parquet.OpenFile(f, st.Size())
	require.NoError(t, err)
	r := parquet.NewReader(pf)
	rows := make([]parquet.Row, pf.NumRows())
	n, err := r.ReadRows(rows)
	require.True(t, err == nil || errors.Is(err, io.EOF), "%v", err)
	require.Equal(t, len(rows), n)
	for i := range rows {
		rows[i] = rows[i].Clone()
	}
	require.NoError(t, r.Close())
	require.NoError(t, f.Close())
	out, err := os.Create(name)
	require.NoError(t, err)
	w := parquet.NewWriter(out, pf.Schema())
	_, err = w.WriteRows(edit(rows))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	require.NoError(t, out.Close())
	rerecord(t, dir)
}

// rerecord writes the completion record of a sweep's files as they now are.
func rerecord(t *testing.T, dir string) {
	t.Helper()
	m, err := sweep.ReadManifest(dir)
	require.NoError(t, err)
	var names []string
	for _, f := range m.Complete.Files {
		names = append(names, f.Name)
	}
	m.Complete, err = sweep.Record(dir, m.Runs, names)
	require.NoError(t, err)
	mb, err := json.Marshal(m)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, sweep.ManifestFile), mb, 0o644))
}

func TestReplayParquetSweep(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runMain(t, "sweep", "--reps", "2", "--set", "end=2020-06", "--set", "planner.enforcement=0,0.10",
		"--set", "behaviour.build_options_mw=0,100;0,100,400", "--format", "parquet", "--out", dir)
	require.Equal(t, 0, code, stderr)
	for id := range 8 { // "0.10" is stored as the double 0.1, the lists as strings
		code, stdout, stderr := runMain(t, "replay", "--run-id", strconv.Itoa(id), dir)
		require.Equal(t, 0, code, "run %d: %s%s", id, stdout, stderr)
		assert.Equal(t, "run "+strconv.Itoa(id)+" reproduces\n", stdout)
	}
	code, _, stderr = runMain(t, "replay", "--run-id", "8", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "the sweep has runs 0..7")

	// One headline value of run 5 altered: replay names the column and fails.
	header := strings.Split(strings.TrimSpace(func() string {
		sp, err := sweep.ReadManifest(dir)
		require.NoError(t, err)
		_, s, err := parseSweep(sp.Command[2:], io.Discard)
		require.NoError(t, err)
		return s.RunsHeader()
	}()), ",")
	last := len(header) - 1
	var old float64
	rewriteParquet(t, dir, func(rows []parquet.Row) []parquet.Row {
		require.Equal(t, int64(5), rows[5][0].Int64())
		old = rows[5][last].Double()
		rows[5][last] = parquet.DoubleValue(old+1).Level(0, 0, last)
		return rows
	})
	code, stdout, stderr := runMain(t, "replay", "--run-id", "5", dir)
	assert.Equal(t, 1, code, stderr)
	assert.Equal(t, header[last]+": replay "+strconv.FormatFloat(old, 'g', -1, 64)+", runs.parquet "+
		strconv.FormatFloat(old+1, 'g', -1, 64)+"\n", stdout)
	assert.Contains(t, stderr, "run 5 does not reproduce its row of "+filepath.Join(dir, "runs.parquet"))
	code, stdout, _ = runMain(t, "replay", "--run-id", "4", dir)
	assert.Equal(t, 0, code, "the other runs still reproduce")
	assert.Equal(t, "run 4 reproduces\n", stdout)

	// A run missing or present twice is bad input.
	rewriteParquet(t, dir, func(rows []parquet.Row) []parquet.Row { return append(rows[:3], rows[4:]...) })
	code, _, stderr = runMain(t, "replay", "--run-id", "3", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "runs.parquet has no row for run 3")
	rewriteParquet(t, dir, func(rows []parquet.Row) []parquet.Row { return append(rows, rows[0]) })
	code, _, stderr = runMain(t, "replay", "--run-id", "0", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "run 0 occurs more than once")
}

func TestReplayParquetDamaged(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runMain(t, "sweep", "--reps", "2", "--set", "end=2020-03", "--format", "parquet",
		"--timeseries", "--keep-bits", "8", "--out", dir)
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := runMain(t, "replay", "--run-id", "1", dir)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "run 1 reproduces\n", stdout, "runs.parquet is exact with --keep-bits")
	name := filepath.Join(dir, "runs.parquet")
	good, err := os.ReadFile(name)
	require.NoError(t, err)

	// Damaged without the manifest knowing: the checksum refuses it.
	require.NoError(t, os.WriteFile(name, good[:len(good)/2], 0o644))
	code, _, stderr = runMain(t, "replay", "--run-id", "1", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "truncated")

	// Damaged and recorded: replay reads the file and says it is unreadable, without panicking.
	rerecord(t, dir)
	code, _, stderr = runMain(t, "replay", "--run-id", "1", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, name+": not a readable Parquet file")
	for _, at := range []int{4, len(good) / 3, len(good) / 2, len(good) - 12} {
		b := slices.Clone(good)
		for i := at; i < min(at+8, len(b)-8); i++ {
			b[i] ^= 0x5a
		}
		require.NoError(t, os.WriteFile(name, b, 0o644))
		rerecord(t, dir)
		code, stdout, stderr := runMain(t, "replay", "--run-id", "1", dir)
		assert.NotEqual(t, 0, code, "damage at %d: %s", at, stdout)
		assert.Contains(t, stderr, "dongshu-batch: replay: "+name+": not a readable Parquet file", "damage at %d", at)
	}

	require.NoError(t, os.Remove(name))
	code, _, stderr = runMain(t, "replay", "--run-id", "1", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, name+": missing")
}

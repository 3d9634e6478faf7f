package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dongshu/agents"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reportRunDir makes a short real run directory (2020-01 to 2022-12) with the run command.
func reportRunDir(t *testing.T, seed int, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "run")
	args := append([]string{"run", "--seed", strconv.Itoa(seed), "--set", "end=2022-12", "--out", out}, extra...)
	code, _, stderr := runMain(t, args...)
	require.Equal(t, 0, code, stderr)
	return out
}

// reportSweepDir assembles a sweep directory over planner.enforcement from run directories, in the
// format the sweep command writes (runs.csv, tidy timeseries.csv, manifest.json).
func reportSweepDir(t *testing.T, withTS bool) string {
	t.Helper()
	dir := t.TempDir()
	var runs, ts strings.Builder
	runs.WriteString("run_id,seed,planner.enforcement," + strings.Join(agents.HeadlineNames(), ",") + "\n")
	id := 0
	for _, e := range []string{"0", "1"} {
		for seed := 1; seed <= 2; seed++ {
			rd := reportRunDir(t, seed, "--set", "planner.enforcement="+e)
			var sum Summary
			js, err := os.ReadFile(filepath.Join(rd, "summary.json"))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(js, &sum))
			rid := fmt.Sprintf("r%d", id)
			fmt.Fprintf(&runs, "%s,%d,%s", rid, seed, e)
			for _, v := range sum.Headline.Values() {
				runs.WriteString("," + strconv.FormatFloat(v, 'g', -1, 64))
			}
			runs.WriteString("\n")
			b, err := os.ReadFile(filepath.Join(rd, "timeseries.csv"))
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			if id == 0 {
				ts.WriteString("run_id," + lines[0] + "\n")
			}
			for _, l := range lines[1:] {
				ts.WriteString(rid + "," + l + "\n")
			}
			id++
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "runs.csv"), []byte(runs.String()), 0o644))
	if withTS {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "timeseries.csv"), []byte(ts.String()), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"scenario":"baseline"}`), 0o644))
	return dir
}

func reportCheckPNG(t *testing.T, path string, w, h int) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err, path)
	assert.Equal(t, w, img.Bounds().Dx(), path)
	assert.Equal(t, h, img.Bounds().Dy(), path)
	colours := map[uint32]bool{}
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	assert.GreaterOrEqual(t, len(colours), 6, path)
}

func TestReportRunDirDefaultOut(t *testing.T) {
	dir := reportRunDir(t, 1)
	code, stdout, stderr := runMain(t, "report", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "baseline, seed 1 (run, 1 runs, 1 design points): 4 files")
	out := filepath.Join(dir, "report")
	reportCheckPNG(t, filepath.Join(out, "utilisation.png"), 1200, 750)
	reportCheckPNG(t, filepath.Join(out, "capacity.png"), 1200, 750)
	reportCheckPNG(t, filepath.Join(out, "overbuild_by_province.png"), 1200, 1200)
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	for _, f := range []string{"utilisation.png", "capacity.png", "overbuild_by_province.png"} {
		assert.Contains(t, string(html), `src="`+f+`"`)
	}
	assert.Contains(t, string(html), `<table id="headline">`)
	assert.Contains(t, string(html), "over_quota_total_mw")
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary files left")
}

func TestReportLang(t *testing.T) {
	dir := reportRunDir(t, 1)
	out := filepath.Join(t.TempDir(), "fr")
	code, stdout, stderr := runMain(t, "report", dir, "--lang", "fr", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "baseline, graine 1")
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), `<html lang="fr">`)
	assert.Contains(t, string(html), "Chiffres clés")
	assert.NotContains(t, string(html), "Headline numbers")
	reportCheckPNG(t, filepath.Join(out, "overbuild_by_province.png"), 1200, 1200)

	bad := filepath.Join(t.TempDir(), "de")
	code, _, stderr = runMain(t, "report", dir, "--lang", "de", "--out", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `--lang "de": want en or fr`)
	assert.NoDirExists(t, bad, "nothing written")
}

func TestReportSweepDir(t *testing.T) {
	for _, withTS := range []bool{true, false} {
		t.Run(fmt.Sprint("timeseries=", withTS), func(t *testing.T) {
			dir := reportSweepDir(t, withTS)
			out := filepath.Join(t.TempDir(), "rep")
			code, stdout, stderr := runMain(t, "report", "--out", out, dir) // flags before DIR work too
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, stdout, "Sweep: baseline (sweep, 4 runs, 2 design points)")
			pngs := []string{"outcome_vs_planner.enforcement.png"}
			reportCheckPNG(t, filepath.Join(out, pngs[0]), 1200, 900)
			if withTS {
				pngs = append(pngs, "utilisation.png", "capacity.png", "overbuild_by_province.png")
				reportCheckPNG(t, filepath.Join(out, "utilisation.png"), 1200, 750)
			}
			html, err := os.ReadFile(filepath.Join(out, "index.html"))
			require.NoError(t, err)
			for _, f := range pngs {
				assert.Contains(t, string(html), `src="`+f+`"`)
			}
			assert.Contains(t, string(html), "planner.enforcement = 1 (2 runs)")
			entries, err := os.ReadDir(out)
			require.NoError(t, err)
			assert.Len(t, entries, len(pngs)+1)
		})
	}
}

func TestReportBadInputExits2AndWritesNothing(t *testing.T) {
	good := reportRunDir(t, 1)
	ts, err := os.ReadFile(filepath.Join(good, "timeseries.csv"))
	require.NoError(t, err)
	lines := strings.SplitN(string(ts), "\n", 4)
	for _, c := range []struct {
		name  string
		setup func(dir string)
		want  string
	}{
		{"missing dir", func(dir string) { os.Remove(dir) }, "directory not found"},
		{"empty dir", func(dir string) {}, "neither timeseries.csv (a run) nor runs.csv or runs.parquet (a sweep) found"},
		{"malformed csv", func(dir string) {
			os.WriteFile(filepath.Join(dir, "timeseries.csv"), []byte(lines[0]+"\n"+lines[1]+"\n2020-01,east_hubs,1,2\n"), 0o644)
		}, "timeseries.csv:3: wrong number of fields"},
		{"malformed runs.csv", func(dir string) {
			os.WriteFile(filepath.Join(dir, "runs.csv"), []byte("run_id,seed,x,overbuild_end_mw\nr1,1,0,\"oops\n"), 0o644)
		}, "runs.csv:2:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "in")
			require.NoError(t, os.Mkdir(dir, 0o755))
			c.setup(dir)
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runMain(t, "report", dir, "--out", out)
			assert.Equal(t, 2, code)
			assert.True(t, strings.HasPrefix(stderr, "dongshu-batch: report: "), stderr)
			assert.Contains(t, stderr, c.want)
			assert.NoDirExists(t, out)
			assert.NoDirExists(t, filepath.Join(dir, "report"))
		})
	}
	code, _, stderr := runMain(t, "report")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "report: no directory given")
	code, _, stderr = runMain(t, "report", good, "other")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `unexpected argument "other"`)
	code, _, _ = runMain(t, "report", "--help")
	assert.Equal(t, 0, code)
}

// A --format parquet sweep is reported exactly as the same sweep in CSV: same files, same charts.
func TestReportParquetSweepLikeCSV(t *testing.T) {
	dir := t.TempDir()
	csvDir, pqDir := filepath.Join(dir, "csv"), filepath.Join(dir, "pq")
	code, _, stderr := runMain(t, sweepArgsWith("--timeseries", "--out", csvDir)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--out", pqDir)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runMain(t, "report", "--out", filepath.Join(dir, "rc"), csvDir)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runMain(t, "report", "--out", filepath.Join(dir, "rp"), pqDir)
	require.Equal(t, 0, code, stderr)
	fromCSV, fromPQ := readAll(t, filepath.Join(dir, "rc")), readAll(t, filepath.Join(dir, "rp"))
	require.Equal(t, keys(fromCSV), keys(fromPQ))
	assert.Greater(t, len(fromCSV), 3)
	for name, b := range fromCSV {
		if name == "index.html" {
			continue // names the directory it reports on
		}
		assert.Equal(t, b, fromPQ[name], name)
	}
}

// A --keep-bits sweep is reported like the exact one: the same files; the charts drawn from runs.parquet
// (never rounded) are identical, the timeseries charts are drawn, and the page names the precision.
func TestReportKeepBitsSweep(t *testing.T) {
	dir := t.TempDir()
	exact, k8 := filepath.Join(dir, "exact"), filepath.Join(dir, "k8")
	code, _, stderr := runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--out", exact)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runMain(t, sweepArgsWith("--timeseries", "--format", "parquet", "--keep-bits", "8", "--out", k8)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runMain(t, "report", "--out", filepath.Join(dir, "re"), exact)
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := runMain(t, "report", "--out", filepath.Join(dir, "rk"), k8)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "Sweep: baseline (sweep, 8 runs, 4 design points)")
	fromExact, fromK8 := readAll(t, filepath.Join(dir, "re")), readAll(t, filepath.Join(dir, "rk"))
	require.Equal(t, keys(fromExact), keys(fromK8))
	for _, png := range []string{"utilisation.png", "capacity.png"} {
		require.Contains(t, fromK8, png)
		reportCheckPNG(t, filepath.Join(dir, "rk", png), 1200, 750)
	}
	outcomes := 0
	for name, b := range fromExact {
		if strings.HasPrefix(name, "outcome_vs_") {
			assert.Equal(t, b, fromK8[name], name)
			outcomes++
		}
	}
	assert.Equal(t, 2, outcomes, "one outcome chart per varied key")
	assert.Contains(t, fromK8["index.html"], "--keep-bits 8")

	// The page says so beside the time-series charts (before the first), in its language; an exact
	// sweep's page does not.
	note := "Time series rounded to 8 mantissa bits (--keep-bits 8): every value in these charts is within a relative error of 2^-9"
	html := fromK8["index.html"]
	assert.Contains(t, html, `<p class="note">`+note)
	assert.Less(t, strings.Index(html, note), strings.Index(html, `src="utilisation.png"`))
	assert.NotContains(t, fromExact["index.html"], `class="note"`)
	assert.NotContains(t, fromExact["index.html"], "mantissa")
	code, _, stderr = runMain(t, "report", "--lang", "fr", "--out", filepath.Join(dir, "rkfr"), k8)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, readAll(t, filepath.Join(dir, "rkfr"))["index.html"],
		"Séries temporelles arrondies à 8 bits de mantisse (--keep-bits 8) : chaque valeur de ces graphiques est à une erreur relative d&#39;au plus 2^-9")
}

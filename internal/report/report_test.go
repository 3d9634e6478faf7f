package report

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/internal/chart"
)

// checkPNG decodes a chart and checks its size and that it is a real chart: several colours, and
// non-white pixels spread over the middle of the image (the plot area).
func checkPNG(t *testing.T, path string, w, h int) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err, path)
	require.Equal(t, image.Rect(0, 0, w, h), img.Bounds(), path)
	colours := map[color.RGBA]bool{}
	inked := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
			colours[c] = true
			if x > w/4 && x < 3*w/4 && y > h/4 && y < 3*h/4 && c != (color.RGBA{0xff, 0xff, 0xff, 0xff}) {
				inked++
			}
		}
	}
	assert.GreaterOrEqual(t, len(colours), 6, "%s: distinct colours", path)
	assert.Greater(t, inked, w*h/400, "%s: ink in the plot area", path)
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestGenerateRunDir(t *testing.T) {
	dir := makeRunDir(t, 1)
	out := filepath.Join(t.TempDir(), "rep")
	sum, err := Generate(dir, out)
	require.NoError(t, err)
	assert.Equal(t, "run", sum.Kind)
	assert.Equal(t, "baseline, seed 1", sum.Title)
	assert.Equal(t, []string{"utilisation.png", "capacity.png", "overbuild_by_province.png", "index.html"}, sum.Files)
	checkPNG(t, filepath.Join(out, "utilisation.png"), chart.WidthPx, chart.HeightPx)
	checkPNG(t, filepath.Join(out, "capacity.png"), chart.WidthPx, chart.HeightPx)
	checkPNG(t, filepath.Join(out, "overbuild_by_province.png"), chart.WidthPx, chart.ProvinceHeightPx)
	html := readString(t, filepath.Join(out, "index.html"))
	for _, f := range sum.Files[:3] {
		assert.Contains(t, html, `src="`+f+`"`)
	}
	assert.Contains(t, html, `<table id="headline">`)
	assert.Contains(t, html, "North-west hubs utilisation, 2022")
	assert.Contains(t, html, "northwest_utilisation_2022")
	assert.Contains(t, html, "million racks")
	assert.NotContains(t, html, "<script")
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary files left")
}

func TestGenerateIsDeterministic(t *testing.T) {
	dir := makeSweepDir(t, []float64{0, 1}, 2, true)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	sa, err := Generate(dir, a)
	require.NoError(t, err)
	_, err = Generate(dir, b)
	require.NoError(t, err)
	for _, f := range sa.Files {
		assert.Equal(t, readString(t, filepath.Join(a, f)), readString(t, filepath.Join(b, f)), "%s identical", f)
	}
}

func TestGenerateSweepWithTimeseries(t *testing.T) {
	dir := makeSweepDir(t, []float64{0, 0.5, 1}, 2, true)
	out := filepath.Join(dir, "report")
	sum, err := Generate(dir, out)
	require.NoError(t, err)
	assert.Equal(t, "sweep", sum.Kind)
	assert.Equal(t, "Sweep: baseline", sum.Title)
	assert.Equal(t, 6, sum.Runs)
	assert.Equal(t, 3, sum.DesignPoints)
	assert.Equal(t, []string{"utilisation.png", "capacity.png", "overbuild_by_province.png",
		"outcome_vs_planner.enforcement.png", "index.html"}, sum.Files)
	checkPNG(t, filepath.Join(out, "utilisation.png"), chart.WidthPx, chart.HeightPx)
	checkPNG(t, filepath.Join(out, "capacity.png"), chart.WidthPx, chart.HeightPx)
	checkPNG(t, filepath.Join(out, "overbuild_by_province.png"), chart.WidthPx, chart.ProvinceHeightPx)
	checkPNG(t, filepath.Join(out, "outcome_vs_planner.enforcement.png"), chart.WidthPx, OutcomeHeightPx)
	html := readString(t, filepath.Join(out, "index.html"))
	for _, f := range sum.Files[:4] {
		assert.Contains(t, html, `src="`+f+`"`)
	}
	assert.Contains(t, html, `<table id="headline">`)
	assert.Contains(t, html, "planner.enforcement = 0 (2 runs)")
	assert.Contains(t, html, "planner.enforcement = 0.5 (2 runs)")
	assert.Contains(t, html, " ± ")
	assert.Contains(t, html, "design: grid")
	assert.Less(t, strings.Index(html, "planner.enforcement = 0.5"), strings.Index(html, "planner.enforcement = 1 "), "design points sorted")
}

func TestGenerateSweepWithoutTimeseries(t *testing.T) {
	dir := makeSweepDir(t, []float64{0, 1}, 2, false)
	out := filepath.Join(t.TempDir(), "r")
	sum, err := Generate(dir, out)
	require.NoError(t, err)
	assert.Equal(t, []string{"outcome_vs_planner.enforcement.png", "index.html"}, sum.Files)
	checkPNG(t, filepath.Join(out, "outcome_vs_planner.enforcement.png"), chart.WidthPx, OutcomeHeightPx)
	html := readString(t, filepath.Join(out, "index.html"))
	assert.Contains(t, html, `src="outcome_vs_planner.enforcement.png"`)
	assert.NotContains(t, html, "utilisation.png")
	assert.Contains(t, html, "no timeseries.csv")
}

func TestGenerateSweepCategoricalAndNoParams(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "runs.csv"), "run_id,seed,preset,northwest_utilisation_2022,overbuild_end_mw\n"+
		"a,1,high,0.3,100\nb,2,high,0.4,120\nc,1,low,0.6,50\nd,2,low,,60\n")
	sum, err := Generate(dir, filepath.Join(dir, "out"))
	require.NoError(t, err)
	assert.Equal(t, 2, sum.DesignPoints)
	checkPNG(t, filepath.Join(dir, "out", "outcome_vs_preset.png"), chart.WidthPx, OutcomeHeightPx)
	html := readString(t, filepath.Join(dir, "out", "index.html"))
	assert.Contains(t, html, "0.350 ± 0.071") // high: mean 0.35, sd 0.0707
	assert.Contains(t, html, "<td class=\"num\">0.600</td>", "the empty cell is skipped: one value left")

	dir2 := t.TempDir()
	writeFile(t, filepath.Join(dir2, "runs.csv"), "run_id,seed,northwest_utilisation_2022\na,1,0.3\nb,2,0.5\n")
	sum, err = Generate(dir2, filepath.Join(dir2, "out"))
	require.NoError(t, err)
	assert.Equal(t, []string{"index.html"}, sum.Files)
	assert.Contains(t, readString(t, filepath.Join(dir2, "out", "index.html")), "all runs (2 runs)")
}

func TestGenerateBadInput(t *testing.T) {
	good := makeRunDir(t, 1)
	ts := readString(t, filepath.Join(good, "timeseries.csv"))
	sumJSON := readString(t, filepath.Join(good, "summary.json"))
	lines := strings.Split(ts, "\n")
	badNational := strings.Split(lines[1], ",")
	badNational[2] = "1e"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"empty dir", map[string]string{}, "neither timeseries.csv"},
		{"no summary", map[string]string{"timeseries.csv": ts}, "summary.json: file not found"},
		{"bad number", map[string]string{"summary.json": sumJSON,
			"timeseries.csv": lines[0] + "\n" + lines[1] + "\n" + strings.Join(badNational, ",") + "\n"},
			`timeseries.csv:3: column capacity_mw: "1e" is not a finite number`},
		{"short row", map[string]string{"summary.json": sumJSON,
			"timeseries.csv": strings.Join(lines[:5], "\n") + "\n2020-02,national,1\n"}, "timeseries.csv:6: wrong number of fields"},
		{"bad month", map[string]string{"summary.json": sumJSON,
			"timeseries.csv": lines[0] + "\n" + strings.Replace(lines[1], "2013-01", "2013-13", 1) + "\n"}, `timeseries.csv:2: month "2013-13"`},
		{"bad header", map[string]string{"summary.json": sumJSON, "timeseries.csv": "scope,month\n"}, "timeseries.csv:1: header"},
		{"missing column", map[string]string{"summary.json": sumJSON, "timeseries.csv": "month,scope,capacity_mw\n"}, `missing column "utilisation"`},
		{"bad json", map[string]string{"timeseries.csv": ts, "summary.json": "{\n\"headline\": [\n"}, "summary.json:"},
		{"runs bad header", map[string]string{"runs.csv": "id,seed,x\n"}, "runs.csv:1: header must start with run_id,seed"},
		{"runs no headline", map[string]string{"runs.csv": "run_id,seed,x\nr,1,2\n"}, "runs.csv:1: no headline outcome columns"},
		{"runs bad value", map[string]string{"runs.csv": "run_id,seed,x,overbuild_end_mw\nr1,1,2,3\nr2,1,2,abc\n"}, `runs.csv:3: column overbuild_end_mw: "abc"`},
		{"runs duplicate id", map[string]string{"runs.csv": "run_id,seed,x,overbuild_end_mw\nr1,1,2,3\nr1,1,2,4\n"}, `runs.csv:3: run_id "r1" repeats line 2`},
		{"runs empty", map[string]string{"runs.csv": "run_id,seed,x,overbuild_end_mw\n"}, "runs.csv: no runs"},
		{"sweep bad timeseries", map[string]string{"runs.csv": "run_id,seed,x,overbuild_end_mw\nr1,1,2,3\n",
			"timeseries.csv": ts}, "timeseries.csv:1: header must start with run_id,month,scope"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, body := range c.files {
				writeFile(t, filepath.Join(dir, n), body)
			}
			out := filepath.Join(dir, "report")
			_, err := Generate(dir, out)
			require.Error(t, err)
			var ie *InputError
			require.True(t, errors.As(err, &ie), "%T %v", err, err)
			assert.Contains(t, err.Error(), c.want)
			assert.NoDirExists(t, out, "nothing written")
		})
	}
	_, err := Generate(filepath.Join(t.TempDir(), "nope"), t.TempDir())
	var ie *InputError
	require.True(t, errors.As(err, &ie))
	assert.Contains(t, err.Error(), "directory not found")
}

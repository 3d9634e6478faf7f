// Package report turns the output of dongshu-batch — a run directory (timeseries.csv, summary.json) or
// a sweep directory (runs.csv, optional tidy timeseries.csv, manifest.json) — into PNG charts and a
// self-contained index.html a facilitator can project in class.
//
// Generate reads and checks every input, renders every file in memory, and only then writes them, each
// atomically (temporary file, then rename), index.html last: bad input writes nothing. The output is
// deterministic: the same input gives byte-identical files.
package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dongshu/internal/atomicfile"
)

// Summary describes what Generate wrote.
type Summary struct {
	Kind         string   // "run" or "sweep"
	Title        string   // the page title
	Runs         int      // runs reported on (1 for a run directory)
	DesignPoints int      // distinct parameter combinations (1 for a run)
	Files        []string // file names written in the output directory, index.html last
}

// output is one file to write.
type output struct {
	name string
	data []byte
}

// Generate reports on the run or sweep directory dir into outDir (created if needed). A problem with
// the input is an *InputError; anything else is a failure to render or write.
func Generate(dir, outDir string) (Summary, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Summary{}, inputErr(dir, 0, "directory not found")
	case err != nil:
		return Summary{}, inputErr(dir, 0, "%v", errors.Unwrap(err))
	case !st.IsDir():
		return Summary{}, inputErr(dir, 0, "not a directory")
	}
	var (
		outs []output
		sum  Summary
	)
	switch {
	case exists(filepath.Join(dir, "runs.csv")) || exists(filepath.Join(dir, "runs.parquet")):
		outs, sum, err = sweepReport(dir)
	case exists(filepath.Join(dir, "timeseries.csv")):
		outs, sum, err = runReport(dir)
	default:
		return Summary{}, inputErr(dir, 0, "neither timeseries.csv (a run) nor runs.csv or runs.parquet (a sweep) found")
	}
	if err != nil {
		return Summary{}, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return Summary{}, err
	}
	for _, o := range outs {
		if err := atomicfile.WriteFile(filepath.Join(outDir, o.name), o.data); err != nil {
			return Summary{}, err
		}
		sum.Files = append(sum.Files, o.name)
	}
	return sum, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// timeseriesCharts renders the three time-series charts.
func timeseriesCharts(ts *Timeseries) ([]output, []chartDoc, error) {
	var outs []output
	var docs []chartDoc
	pooled, averaged := "", ""
	if len(ts.Runs) > 1 {
		pooled = fmt.Sprintf(" The line is the median over all %d runs (every design point pooled), the shaded band the spread between runs.", len(ts.Runs))
		averaged = fmt.Sprintf(" Averaged over all %d runs.", len(ts.Runs))
	}
	for _, c := range []struct {
		name, title, explain string
		draw                 func(*Timeseries) ([]byte, error)
	}{
		{"utilisation.png", "Are the western data centres used?",
			"Share of built data-centre capacity actually doing work, month by month, in the eastern hub provinces, the western hub provinces and the north-west; a low line means idle buildings." + pooled,
			UtilisationChart},
		{"capacity.png", "How much was built, how much was used, how much was needed?",
			"Data-centre capacity online in all of China (black) against the capacity in use (green) and the computing work demanded (red, dashed); the gap between black and green is idle capacity." + pooled,
			CapacityChart},
		{"overbuild_by_province.png", "Which provinces overbuilt?",
			"For the final month, capacity each province built beyond what its work needs (red) and idle capacity next to idle neighbours (blue); the province with most overbuild is at the top." + averaged,
			ProvinceChart},
	} {
		png, err := c.draw(ts)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", c.name, err)
		}
		outs = append(outs, output{c.name, png})
		docs = append(docs, chartDoc{File: c.name, Title: c.title, Explain: c.explain})
	}
	return outs, docs, nil
}

// runReport reports on one run directory.
func runReport(dir string) ([]output, Summary, error) {
	ts, err := ReadTimeseries(filepath.Join(dir, "timeseries.csv"), false)
	if err != nil {
		return nil, Summary{}, err
	}
	rs, err := ReadSummary(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, Summary{}, err
	}
	outs, docs, err := timeseriesCharts(ts)
	if err != nil {
		return nil, Summary{}, err
	}
	name := rs.Scenario
	if name == "" {
		name = filepath.Base(dir)
	}
	pg := page{
		Title:    fmt.Sprintf("%s, seed %s", name, rs.Seed),
		Subtitle: fmt.Sprintf("One run of the dongshu model from %s to %s.", ts.Months[0], ts.Months[len(ts.Months)-1]),
		Charts:   docs,
		Columns:  []string{"Value"},
	}
	var meta []string
	if rs.ScenarioHash != "" {
		meta = append(meta, "scenario hash "+rs.ScenarioHash[:min(12, len(rs.ScenarioHash))])
	}
	if rs.Version != "" {
		meta = append(meta, "dongshu version "+rs.Version)
	}
	pg.Meta = strings.Join(meta, " · ")
	for _, n := range orderedNames(rs.Headline) {
		info := headlineInfo(n)
		pg.Rows = append(pg.Rows, tableRow{Name: n, Label: info.Label, Unit: info.Unit, Explain: info.Explain,
			Cells: []string{fmtNum(rs.Headline[n])}})
	}
	html, err := renderPage(pg)
	if err != nil {
		return nil, Summary{}, err
	}
	outs = append(outs, output{"index.html", html})
	return outs, Summary{Kind: "run", Title: pg.Title, Runs: 1, DesignPoints: 1}, nil
}

// orderedNames lists a headline's names in agents.HeadlineNames order, then any others sorted.
func orderedNames(h map[string]float64) []string {
	var out []string
	for _, n := range headlineOrder() {
		if _, ok := h[n]; ok {
			out = append(out, n)
		}
	}
	var rest []string
	for n := range h {
		if !slices.Contains(out, n) {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

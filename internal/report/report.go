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

// Generate reports on the run or sweep directory dir into outDir (created if needed), in English. A
// problem with the input is an *InputError; anything else is a failure to render or write.
func Generate(dir, outDir string) (Summary, error) { return GenerateLang(dir, outDir, "en") }

// GenerateLang is Generate in language code (one of Languages): charts, captions and page.
func GenerateLang(dir, outDir, code string) (Summary, error) {
	l, err := newLang(code)
	if err != nil {
		return Summary{}, err
	}
	if _, err := References(); err != nil { // the embedded targets: a build defect, said rather than unmarked
		return Summary{}, err
	}
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
		outs, sum, err = sweepReport(l, dir)
	case exists(filepath.Join(dir, "timeseries.csv")):
		outs, sum, err = runReport(l, dir)
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

// timeseriesCharts renders the three time-series charts and their captions; a caption names the
// colours and dashes from the styles that drew the chart.
func timeseriesCharts(l *lang, ts *Timeseries) ([]output, []chartDoc, error) {
	pooled, averaged := "", ""
	if len(ts.Runs) > 1 {
		pooled = l.T("report.pooled", len(ts.Runs))
		averaged = l.T("report.averaged", len(ts.Runs))
	}
	us := l.utilStyles()
	utilExplain := l.T("report.util.explain", l.look(us[eastHubs]), l.look(us[westHubs]), l.look(us[northwest]))
	if rs := utilRefs(ts); len(rs) > 0 {
		var vals, srcs []string
		for _, r := range rs {
			vals = append(vals, l.refScope(us, r.Scope)+" "+l.refBound(r))
			if !slices.Contains(srcs, r.Source) {
				srcs = append(srcs, r.Source)
			}
		}
		utilExplain += l.T("report.ref.caption", l.colour(refPaint), rs[0].Year(), strings.Join(vals, ", "), strings.Join(srcs, ", "))
	}
	cs := l.capacityStyles()
	ps := l.provinceStyles()
	last := ts.Months[len(ts.Months)-1]
	provExplain := l.T("report.prov.explain_one", l.colour(ps[0].paint), l.colour(ps[1].paint), last)
	if hasSnapPanel(ts) {
		provExplain = l.T("report.prov.explain", l.colour(ps[0].paint), l.colour(ps[1].paint), ts.SnapMonth[:4], last)
	}
	var outs []output
	var docs []chartDoc
	for _, c := range []struct {
		name, title, explain string
		draw                 func(*lang, *Timeseries) ([]byte, error)
	}{
		{"utilisation.png", l.T("report.util.heading"), utilExplain + pooled, withLegend(utilisationChart)},
		{"capacity.png", l.T("report.cap.heading"),
			l.T("report.cap.explain", l.look(cs[0]), l.look(cs[1]), l.look(cs[2])) + pooled, withLegend(capacityChart)},
		{"overbuild_by_province.png", l.T("report.prov.heading"), provExplain + averaged, provinceChart},
	} {
		png, err := c.draw(l, ts)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", c.name, err)
		}
		outs = append(outs, output{c.name, png})
		docs = append(docs, chartDoc{File: c.name, Title: c.title, Explain: c.explain})
	}
	return outs, docs, nil
}

// runReport reports on one run directory.
func runReport(l *lang, dir string) ([]output, Summary, error) {
	ts, err := ReadTimeseries(filepath.Join(dir, "timeseries.csv"), false)
	if err != nil {
		return nil, Summary{}, err
	}
	rs, err := ReadSummary(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, Summary{}, err
	}
	outs, docs, err := timeseriesCharts(l, ts)
	if err != nil {
		return nil, Summary{}, err
	}
	name := rs.Scenario
	if name == "" {
		name = filepath.Base(dir)
	}
	pg := page{
		Title:    l.T("report.page.run_title", name, rs.Seed),
		Subtitle: l.T("report.page.run_sub", ts.Months[0], ts.Months[len(ts.Months)-1]),
		Charts:   docs,
		Columns:  []string{l.T("report.page.value")},
	}
	var meta []string
	if rs.ScenarioHash != "" {
		meta = append(meta, l.T("report.page.hash", rs.ScenarioHash[:min(12, len(rs.ScenarioHash))]))
	}
	if rs.Version != "" {
		meta = append(meta, l.T("report.page.version", rs.Version))
	}
	pg.Meta = strings.Join(meta, " · ")
	for _, n := range orderedNames(rs.Headline) {
		info := l.outcome(n)
		pg.Rows = append(pg.Rows, tableRow{Name: n, Label: info.Label, Unit: info.Unit, Explain: info.Explain,
			Cells: []string{l.num(rs.Headline[n])}})
	}
	html, err := renderPage(l, pg)
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

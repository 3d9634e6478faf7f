package report

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"dongshu/agents"
	"dongshu/internal/sweep"
)

func headlineOrder() []string { return agents.HeadlineNames() }

// DesignPoint is one combination of varied parameter values and the runs made at it.
type DesignPoint struct {
	Values []string // aligned with Runs.Params
	Rows   []int    // indices into Runs.Rows, in file order
}

// compareValues orders parameter values numerically when both are numbers, else as strings.
func compareValues(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil && x != y {
		if x < y {
			return -1
		}
		return 1
	}
	if errA == nil && errB == nil {
		return strings.Compare(a, b)
	}
	if errA == nil {
		return -1
	}
	if errB == nil {
		return 1
	}
	return strings.Compare(a, b)
}

// DesignPoints groups a sweep's runs by their parameter values, sorted by the values (parameter by
// parameter, numbers numerically).
func DesignPoints(rs *Runs) []DesignPoint {
	idx := map[string]int{}
	var dps []DesignPoint
	for i, r := range rs.Rows {
		k := strings.Join(r.Params, "\x00")
		j, ok := idx[k]
		if !ok {
			j = len(dps)
			idx[k] = j
			dps = append(dps, DesignPoint{Values: r.Params})
		}
		dps[j].Rows = append(dps[j].Rows, i)
	}
	slices.SortStableFunc(dps, func(a, b DesignPoint) int {
		for i := range a.Values {
			if c := compareValues(a.Values[i], b.Values[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return dps
}

// safeName keeps a parameter key usable in a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
}

// manifestString finds the first string under one of keys in a manifest (looking one level into
// objects for "name").
func manifestString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case map[string]any:
			for _, kk := range []string{"name", "kind", "type", "method"} {
				if s, ok := v[kk].(string); ok && s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// sweepFile is a sweep's table base (runs or timeseries): the CSV, or the Parquet file of a
// --format parquet sweep.
func sweepFile(dir, base string) string {
	if p := filepath.Join(dir, base+".parquet"); !exists(filepath.Join(dir, base+".csv")) && exists(p) {
		return p
	}
	return filepath.Join(dir, base+".csv")
}

// sweepReport reports on a sweep directory.
func sweepReport(l *lang, dir string) ([]output, Summary, error) {
	rs, err := ReadRuns(sweepFile(dir, "runs"))
	if err != nil {
		return nil, Summary{}, err
	}
	var outs []output
	var docs []chartDoc
	tsPath := sweepFile(dir, "timeseries")
	hasTS := exists(tsPath)
	if hasTS {
		ts, err := ReadTimeseries(tsPath, true)
		if err != nil {
			return nil, Summary{}, err
		}
		if outs, docs, err = timeseriesCharts(l, ts); err != nil {
			return nil, Summary{}, err
		}
	}
	m := readManifest(filepath.Join(dir, "manifest.json"))
	if n := keepBits(m); n > 0 && len(docs) > 0 {
		docs[0].Note = l.T("report.page.ts_rounded", n, n+1)
	}
	oOuts, oDocs, err := outcomeCharts(l, rs, chartedOutcomes(rs))
	if err != nil {
		return nil, Summary{}, err
	}
	outs, docs = append(outs, oOuts...), append(docs, oDocs...)
	dps := DesignPoints(rs)
	name := manifestString(m, "scenario", "name", "title", "preset")
	if name == "" {
		name = filepath.Base(filepath.Clean(dir))
	}
	pg := page{Title: l.T("report.page.sweep_title", name), Charts: docs}
	if len(rs.Params) == 0 {
		pg.Subtitle = l.T("report.page.sweep_same", len(rs.Rows))
	} else {
		pg.Subtitle = l.T("report.page.sweep_sub", len(rs.Rows), len(dps), strings.Join(rs.Params, ", "))
	}
	pg.Meta = sweepMeta(l, m, hasTS)
	pg.TableNote = l.T("report.page.table_note")
	pg.Columns, pg.Rows = outcomeTable(l, rs, dps)
	html, err := renderPage(l, pg)
	if err != nil {
		return nil, Summary{}, err
	}
	outs = append(outs, output{"index.html", html})
	return outs, Summary{Kind: "sweep", Title: pg.Title, Runs: len(rs.Rows), DesignPoints: len(dps)}, nil
}

// chartedOutcomes are the outcomes the outcome charts show: the interesting ones the sweep has, else its
// first four.
func chartedOutcomes(rs *Runs) []int {
	var panels []int
	for _, n := range interestingOutcomes {
		if i := slices.Index(rs.Outcomes, n); i >= 0 {
			panels = append(panels, i)
		}
	}
	if len(panels) == 0 {
		for i := range min(4, len(rs.Outcomes)) {
			panels = append(panels, i)
		}
	}
	return panels
}

// outcomeCharts draws the outcomes (panels) against each varied parameter, outcome_vs_<param>.png,
// with what their captions say.
func outcomeCharts(l *lang, rs *Runs, panels []int) ([]output, []chartDoc, error) {
	var outs []output
	var docs []chartDoc
	// The panels, the same in every chart: their names and whether the share panels share a scale.
	var labels []string
	shares := 0
	for _, o := range panels {
		labels = append(labels, strings.ToLower(l.outcome(rs.Outcomes[o]).Label))
		if isShare(rs.Outcomes[o]) {
			shares++
		}
	}
	used := map[string]bool{}
	for p, key := range rs.Params {
		name := "outcome_vs_" + safeName(key)
		for k := 2; used[name]; k++ {
			name = fmt.Sprintf("outcome_vs_%s_%d", safeName(key), k)
		}
		used[name] = true
		name += ".png"
		png, err := outcomeChart(l, rs, p, panels)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		outs = append(outs, output{name, png})
		explain := l.T("report.outcome.explain", l.colour(dotPaint), l.colour(meanPaint), key, strings.Join(labels, l.T("report.list_sep")))
		if shares > 1 {
			explain += l.T("report.outcome.shared")
		}
		docs = append(docs, chartDoc{File: name, Title: l.T("report.outcome.heading", key), Explain: explain})
	}
	return outs, docs, nil
}

// keepBits is the mantissa bits a sweep's timeseries.parquet was rounded to (its manifest's keep_bits,
// 1..sweep.MaxKeepBits), or 0: exact.
func keepBits(m map[string]any) int {
	n, ok := m["keep_bits"].(float64)
	if !ok || n != math.Trunc(n) || n < 1 || n > sweep.MaxKeepBits {
		return 0
	}
	return int(n)
}

// sweepMeta is the page's line on how the sweep was made, from its manifest m: design, scenario hash,
// version, command, and whether it kept its time series.
func sweepMeta(l *lang, m map[string]any, hasTS bool) string {
	var meta []string
	if d := manifestString(m, "design"); d != "" {
		switch d {
		case "full":
			d = l.T("report.page.design_full")
		case "lhs":
			d = l.T("report.page.design_lhs")
		}
		if dm, ok := m["design"].(map[string]any); ok {
			if reps, ok := dm["reps"].(float64); ok {
				d += l.T("report.page.reps", fmt.Sprintf("%g", reps))
			}
		}
		meta = append(meta, l.T("report.page.design", d))
	}
	if h := manifestString(m, "scenario_hash"); h != "" {
		meta = append(meta, l.T("report.page.hash", h[:min(12, len(h))]))
	}
	if v := manifestString(m, "version"); v != "" {
		meta = append(meta, l.T("report.page.version", v))
	}
	if cmd, ok := m["command"].([]any); ok && len(cmd) > 0 {
		var words []string
		for _, w := range cmd {
			if s, ok := w.(string); ok {
				words = append(words, s)
			}
		}
		meta = append(meta, l.T("report.page.made_with", strings.Join(words, " ")))
	}
	if !hasTS {
		meta = append(meta, l.T("report.page.no_ts"))
	}
	return strings.Join(meta, " · ")
}

// outcomeTable is the page's table: a column per design point, a row per outcome with its mean ± sd
// over the point's runs.
func outcomeTable(l *lang, rs *Runs, dps []DesignPoint) (columns []string, rows []tableRow) {
	for _, dp := range dps {
		var parts []string
		for i, k := range rs.Params {
			parts = append(parts, k+" = "+dp.Values[i])
		}
		if len(parts) == 0 {
			parts = []string{l.T("report.page.all_runs")}
		}
		columns = append(columns, l.T("report.page.column", strings.Join(parts, ", "), len(dp.Rows)))
	}
	for o, n := range rs.Outcomes {
		info := l.outcome(n)
		row := tableRow{Name: n, Label: info.Label, Unit: info.Unit, Explain: info.Explain}
		for _, dp := range dps {
			xs := make([]float64, len(dp.Rows))
			for i, r := range dp.Rows {
				xs[i] = rs.Rows[r].Outcomes[o]
			}
			mean, sd, k := MeanSD(xs)
			switch {
			case k == 0 || math.IsNaN(mean):
				row.Cells = append(row.Cells, "–")
			case k == 1:
				row.Cells = append(row.Cells, l.num(mean))
			default:
				row.Cells = append(row.Cells, l.num(mean)+" ± "+l.num(sd))
			}
		}
		rows = append(rows, row)
	}
	return columns, rows
}

package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"dongshu/agents"
	"dongshu/economy"
)

// InputError is a problem with the directory being reported on: a missing directory or file, a
// malformed CSV or JSON file. Path is the file, Line its 1-based line when known (0 otherwise).
type InputError struct {
	Path string
	Line int
	Msg  string
}

func (e *InputError) Error() string {
	switch {
	case e.Path != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	case e.Path != "":
		return e.Path + ": " + e.Msg
	}
	return e.Msg
}

func inputErr(path string, line int, format string, a ...any) error {
	return &InputError{Path: path, Line: line, Msg: fmt.Sprintf(format, a...)}
}

// Aggregate scopes written by `run` before the provinces; every other scope not starting with "region_"
// is a province.
var aggregateScopes = []string{national, eastHubs, westHubs, northwest}

// The scope names the report reads, as economy names them.
var (
	national  = economy.ScopeNational.String()
	eastHubs  = economy.ScopeEastHubs.String()
	westHubs  = economy.ScopeWestHubs.String()
	northwest = economy.ScopeNorthwest.String()
)

func isProvince(scope string) bool {
	return !slices.Contains(aggregateScopes, scope) && !strings.HasPrefix(scope, "region_")
}

// The series the charts need: utilisation of the hub scopes; capacity, use and demand nationally; and
// overbuild and redundancy per province at each run's final month.
var (
	utilScopes    = []string{eastHubs, westHubs, northwest}
	nationalCols  = []string{"capacity_mw", "used_mw", "demand_mw"}
	provinceCols  = []string{"overbuild_mw", "redundant_mw"}
	requiredCols  = []string{"utilisation", "capacity_mw", "used_mw", "demand_mw", "overbuild_mw", "redundant_mw"}
	requiredScope = []string{national, eastHubs, westHubs}
)

// Timeseries holds the parts of a timeseries.csv the report draws, for one or more runs.
type Timeseries struct {
	Months []string // every month seen, sorted (YYYY-MM)
	Runs   []string // run ids in order of first appearance ("" for a single run directory)
	// Series maps "scope/metric" to values indexed [run][month] (NaN where a run has no row).
	Series map[string][][]float64
	// Final maps a province to its [overbuild_mw, redundant_mw] at each run's last month, indexed by run.
	Final map[string][][2]float64
	// Snap maps a province to its [overbuild_mw, redundant_mw] at SnapMonth (the observed year's end:
	// snapshotMonth), indexed by run (NaN where a run has no row); nil when no run reaches that month.
	Snap      map[string][][2]float64
	SnapMonth string
	// Provinces lists the province scopes, sorted by id.
	Provinces []string
}

type tsPoint struct {
	run, month int
	v          float64
}

// tsPoint2 is a run's [overbuild_mw, redundant_mw] of a province.
type tsPoint2 struct {
	run int
	v   [2]float64
}

type finalVal struct {
	month string
	v     [2]float64
}

// openCSV opens path as a CSV reader and reads its header; a missing or empty file is an InputError.
func openCSV(path string) (io.Closer, records, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil, inputErr(path, 0, "file not found")
		}
		return nil, nil, nil, inputErr(path, 0, "%v", errors.Unwrap(err))
	}
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		err = inputErr(path, 1, "empty file: no header")
	} else if err != nil {
		err = csvErr(path, err)
	}
	if err != nil {
		f.Close()
		return nil, nil, nil, err
	}
	return f, r, slices.Clone(header), nil // the reader reuses its record
}

// csvErr turns an encoding/csv error into an InputError with its line.
func csvErr(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return inputErr(path, pe.Line, "%v", pe.Err)
	}
	return inputErr(path, 0, "%v", err)
}

func validMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	return err1 == nil && err2 == nil && y >= 1000 && m >= 1 && m <= 12
}

func parseValue(path string, line int, col, s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, inputErr(path, line, "column %s: %q is not a finite number", col, s)
	}
	return v, nil
}

// ReadTimeseries reads a run's timeseries.csv (header month,scope,<metrics>) or, when tidy is true, a
// sweep's (header run_id,month,scope,<metrics>), keeping only the columns the charts need.
func ReadTimeseries(path string, tidy bool) (*Timeseries, error) {
	f, r, header, err := openTable(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lead := []string{"month", "scope"}
	if tidy {
		lead = []string{"run_id", "month", "scope"}
	}
	if len(header) < len(lead) || !slices.Equal(header[:len(lead)], lead) {
		return nil, inputErr(path, 1, "header must start with %s, got %q", strings.Join(lead, ","), strings.Join(header[:min(len(header), len(lead))], ","))
	}
	col := map[string]int{}
	for i, h := range header {
		if _, dup := col[h]; dup {
			return nil, inputErr(path, 1, "duplicate column %q", h)
		}
		col[h] = i
	}
	for _, c := range requiredCols {
		if _, ok := col[c]; !ok {
			return nil, inputErr(path, 1, "missing column %q", c)
		}
	}
	off := len(lead) - 2 // position of month
	runIdx := map[string]int{}
	monthIdx := map[string]int{}
	var runs, months []string
	points := map[string][]tsPoint{}
	final := map[string]map[int]finalVal{} // province -> run -> value at latest month
	snap := snapshotMonth()
	snapRows := map[string][]tsPoint2{} // province -> (run index, value) at snap
	scopesSeen := map[string]bool{}
	rows := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(path, err)
		}
		line, _ := r.FieldPos(0)
		rows++
		run := ""
		if tidy {
			run = rec[0]
			if run == "" {
				return nil, inputErr(path, line, "empty run_id")
			}
		}
		month, scope := rec[off], rec[off+1]
		if !validMonth(month) {
			return nil, inputErr(path, line, "month %q is not YYYY-MM", month)
		}
		if scope == "" {
			return nil, inputErr(path, line, "empty scope")
		}
		ri, ok := runIdx[run]
		if !ok {
			ri = len(runs)
			runIdx[run] = ri
			runs = append(runs, run)
		}
		mi, ok := monthIdx[month]
		if !ok {
			mi = len(months)
			monthIdx[month] = mi
			months = append(months, month)
		}
		scopesSeen[scope] = true
		var cols []string
		switch {
		case scope == national:
			cols = nationalCols
		case slices.Contains(utilScopes, scope):
			cols = []string{"utilisation"}
		case isProvince(scope):
			var v [2]float64
			for k, c := range provinceCols {
				if v[k], err = parseValue(path, line, c, rec[col[c]]); err != nil {
					return nil, err
				}
			}
			byRun := final[scope]
			if byRun == nil {
				byRun = map[int]finalVal{}
				final[scope] = byRun
			}
			if old, ok := byRun[ri]; !ok || month >= old.month {
				byRun[ri] = finalVal{month, v}
			}
			if month == snap {
				snapRows[scope] = append(snapRows[scope], tsPoint2{ri, v})
			}
		}
		for _, c := range cols {
			v, err := parseValue(path, line, c, rec[col[c]])
			if err != nil {
				return nil, err
			}
			k := scope + "/" + c
			points[k] = append(points[k], tsPoint{ri, mi, v})
		}
	}
	if rows == 0 {
		return nil, inputErr(path, 0, "no data rows")
	}
	for _, s := range requiredScope {
		if !scopesSeen[s] {
			return nil, inputErr(path, 0, "no rows for scope %q", s)
		}
	}
	// Sort the months and remap the indices.
	sorted := slices.Clone(months)
	slices.Sort(sorted)
	perm := make([]int, len(months))
	for i, m := range months {
		perm[i], _ = slices.BinarySearch(sorted, m)
	}
	ts := &Timeseries{Months: sorted, Runs: runs, Series: map[string][][]float64{}, Final: map[string][][2]float64{}}
	for k, pts := range points {
		m := make([][]float64, len(runs))
		for i := range m {
			m[i] = make([]float64, len(sorted))
			for j := range m[i] {
				m[i][j] = math.NaN()
			}
		}
		for _, p := range pts {
			m[p.run][perm[p.month]] = p.v
		}
		ts.Series[k] = m
	}
	for prov, byRun := range final {
		vals := make([][2]float64, len(runs))
		for i := range vals {
			vals[i] = [2]float64{math.NaN(), math.NaN()}
		}
		for ri, fv := range byRun {
			vals[ri] = fv.v
		}
		ts.Final[prov] = vals
		ts.Provinces = append(ts.Provinces, prov)
	}
	slices.Sort(ts.Provinces)
	if len(snapRows) > 0 {
		ts.SnapMonth, ts.Snap = snap, map[string][][2]float64{}
		for _, prov := range ts.Provinces {
			vals := make([][2]float64, len(runs))
			for i := range vals {
				vals[i] = [2]float64{math.NaN(), math.NaN()}
			}
			for _, fv := range snapRows[prov] {
				vals[fv.run] = fv.v
			}
			ts.Snap[prov] = vals
		}
	}
	return ts, nil
}

// Runs is a sweep's runs.csv: run_id, seed, the varied parameters, then the headline outcomes.
type Runs struct {
	Params   []string // varied parameter keys, in file order
	Outcomes []string // headline outcome names, in file order
	Rows     []RunRow
}

// RunRow is one run of a sweep.
type RunRow struct {
	ID, Seed string
	Params   []string  // raw values, aligned with Runs.Params
	Outcomes []float64 // aligned with Runs.Outcomes; NaN for an empty cell
}

// ReadRuns reads a sweep's runs.csv. The varied parameters are the columns between seed and the first
// column named like a headline outcome (agents.HeadlineNames).
func ReadRuns(path string) (*Runs, error) {
	f, r, header, err := openTable(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if len(header) < 2 || header[0] != "run_id" || header[1] != "seed" {
		return nil, inputErr(path, 1, "header must start with run_id,seed")
	}
	seen := map[string]bool{}
	for _, h := range header {
		if seen[h] {
			return nil, inputErr(path, 1, "duplicate column %q", h)
		}
		seen[h] = true
	}
	names := agents.HeadlineNames()
	first := slices.IndexFunc(header, func(h string) bool { return slices.Contains(names, h) })
	if first < 0 {
		return nil, inputErr(path, 1, "no headline outcome columns (expected names such as %s)", names[0])
	}
	rs := &Runs{Params: header[2:first], Outcomes: header[first:]}
	ids := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(path, err)
		}
		line, _ := r.FieldPos(0)
		if rec[0] == "" {
			return nil, inputErr(path, line, "empty run_id")
		}
		if prev, dup := ids[rec[0]]; dup {
			return nil, inputErr(path, line, "run_id %q repeats line %d", rec[0], prev)
		}
		ids[rec[0]] = line
		row := RunRow{ID: rec[0], Seed: rec[1], Params: slices.Clone(rec[2:first]), Outcomes: make([]float64, len(rs.Outcomes))}
		for i, c := range rs.Outcomes {
			s := rec[first+i]
			if s == "" {
				row.Outcomes[i] = math.NaN()
				continue
			}
			if row.Outcomes[i], err = parseValue(path, line, c, s); err != nil {
				return nil, err
			}
		}
		rs.Rows = append(rs.Rows, row)
	}
	if len(rs.Rows) == 0 {
		return nil, inputErr(path, 0, "no runs")
	}
	return rs, nil
}

// RunSummary is the part of a run's summary.json the report shows.
type RunSummary struct {
	Scenario, ScenarioHash, Version, Start, End string
	Seed                                        string
	Headline                                    map[string]float64
}

// ReadSummary reads a run's summary.json leniently: unknown fields are ignored, but the headline object
// must be there.
func ReadSummary(path string) (*RunSummary, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, inputErr(path, 0, "file not found")
		}
		return nil, inputErr(path, 0, "%v", errors.Unwrap(err))
	}
	var raw struct {
		Scenario     string             `json:"scenario"`
		ScenarioHash string             `json:"scenario_hash"`
		Seed         json.Number        `json:"seed"`
		Version      string             `json:"version"`
		Start        string             `json:"start"`
		End          string             `json:"end"`
		Headline     map[string]float64 `json:"headline"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		line := 0
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = 1 + strings.Count(string(b[:min(int(se.Offset), len(b))]), "\n")
		}
		return nil, inputErr(path, line, "malformed JSON: %v", err)
	}
	if raw.Headline == nil {
		return nil, inputErr(path, 0, "no \"headline\" object")
	}
	return &RunSummary{Scenario: raw.Scenario, ScenarioHash: raw.ScenarioHash, Seed: raw.Seed.String(),
		Version: raw.Version, Start: raw.Start, End: raw.End, Headline: raw.Headline}, nil
}

// readManifest reads a sweep's manifest.json as a generic map; a missing or malformed manifest gives nil
// (it only supplies titles).
func readManifest(path string) map[string]any {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

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

// finalVal is a run's [overbuild_mw, redundant_mw] of a province at a month.
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
	rd, err := newTSReader(path, header, tidy)
	if err != nil {
		return nil, err
	}
	if err := eachRow(path, r, rd.add); err != nil {
		return nil, err
	}
	if err := rd.complete(); err != nil {
		return nil, err
	}
	return rd.timeseries(), nil
}

// tsReader gathers a timeseries.csv's rows as they come (runs and months in order of first
// appearance); timeseries lays them out by sorted month.
type tsReader struct {
	path       string
	tidy       bool
	col        map[string]int // column name -> position
	off        int            // position of month
	runIdx     map[string]int
	monthIdx   map[string]int
	runs       []string
	months     []string
	points     map[string][]tsPoint        // "scope/metric" -> values
	final      map[string]map[int]finalVal // province -> run -> value at latest month
	snap       string                      // snapshotMonth
	snapRows   map[string]map[int]finalVal // province -> run -> value at snap
	scopesSeen map[string]bool
	rows       int
}

// newTSReader checks the header: its leading columns, no duplicate, every column the charts need.
func newTSReader(path string, header []string, tidy bool) (*tsReader, error) {
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
	return &tsReader{
		path: path, tidy: tidy, col: col, off: len(lead) - 2,
		runIdx: map[string]int{}, monthIdx: map[string]int{},
		points: map[string][]tsPoint{}, final: map[string]map[int]finalVal{},
		snap: snapshotMonth(), snapRows: map[string]map[int]finalVal{}, scopesSeen: map[string]bool{},
	}, nil
}

// add reads one row (at line) into the series it feeds.
func (a *tsReader) add(rec []string, line int) error {
	a.rows++
	run := ""
	if a.tidy {
		if run = rec[0]; run == "" {
			return inputErr(a.path, line, "empty run_id")
		}
	}
	month, scope := rec[a.off], rec[a.off+1]
	if !validMonth(month) {
		return inputErr(a.path, line, "month %q is not YYYY-MM", month)
	}
	if scope == "" {
		return inputErr(a.path, line, "empty scope")
	}
	ri := position(a.runIdx, &a.runs, run)
	mi := position(a.monthIdx, &a.months, month)
	a.scopesSeen[scope] = true
	var cols []string
	switch {
	case scope == national:
		cols = nationalCols
	case slices.Contains(utilScopes, scope):
		cols = []string{"utilisation"}
	case isProvince(scope):
		return a.addProvince(rec, line, scope, month, ri)
	}
	for _, c := range cols {
		v, err := parseValue(a.path, line, c, rec[a.col[c]])
		if err != nil {
			return err
		}
		k := scope + "/" + c
		a.points[k] = append(a.points[k], tsPoint{ri, mi, v})
	}
	return nil
}

// position is s's position in list (appended, and recorded in idx, when new).
func position(idx map[string]int, list *[]string, s string) int {
	i, ok := idx[s]
	if !ok {
		i = len(*list)
		idx[s] = i
		*list = append(*list, s)
	}
	return i
}

// addProvince keeps a province row's overbuild and redundancy when it is the run's latest month so far
// or the snapshot month.
func (a *tsReader) addProvince(rec []string, line int, scope, month string, ri int) error {
	var v [2]float64
	for k, c := range provinceCols {
		var err error
		if v[k], err = parseValue(a.path, line, c, rec[a.col[c]]); err != nil {
			return err
		}
	}
	byRun := runVals(a.final, scope)
	if old, ok := byRun[ri]; !ok || month >= old.month {
		byRun[ri] = finalVal{month, v}
	}
	if month == a.snap {
		runVals(a.snapRows, scope)[ri] = finalVal{month, v}
	}
	return nil
}

// runVals is province scope's values by run in m, added empty when new.
func runVals(m map[string]map[int]finalVal, scope string) map[int]finalVal {
	byRun := m[scope]
	if byRun == nil {
		byRun = map[int]finalVal{}
		m[scope] = byRun
	}
	return byRun
}

// complete checks that the file had rows, and rows for every scope the charts need.
func (a *tsReader) complete() error {
	if a.rows == 0 {
		return inputErr(a.path, 0, "no data rows")
	}
	for _, s := range requiredScope {
		if !a.scopesSeen[s] {
			return inputErr(a.path, 0, "no rows for scope %q", s)
		}
	}
	return nil
}

// timeseries lays the rows read out by sorted month, NaN where a run has no row.
func (a *tsReader) timeseries() *Timeseries {
	sorted := slices.Clone(a.months)
	slices.Sort(sorted)
	perm := make([]int, len(a.months))
	for i, m := range a.months {
		perm[i], _ = slices.BinarySearch(sorted, m)
	}
	ts := &Timeseries{Months: sorted, Runs: a.runs, Series: map[string][][]float64{}, Final: map[string][][2]float64{}}
	for k, pts := range a.points {
		m := make([][]float64, len(a.runs))
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
	for prov, byRun := range a.final {
		ts.Final[prov] = pairsByRun(len(a.runs), byRun)
		ts.Provinces = append(ts.Provinces, prov)
	}
	slices.Sort(ts.Provinces)
	if len(a.snapRows) > 0 {
		ts.SnapMonth, ts.Snap = a.snap, map[string][][2]float64{}
		for _, prov := range ts.Provinces {
			ts.Snap[prov] = pairsByRun(len(a.runs), a.snapRows[prov])
		}
	}
	return ts
}

// pairsByRun lays n runs' values out by run index, a pair of NaN where a run has no row.
func pairsByRun(n int, byRun map[int]finalVal) [][2]float64 {
	vals := make([][2]float64, n)
	for i := range vals {
		vals[i] = [2]float64{math.NaN(), math.NaN()}
	}
	for ri, fv := range byRun {
		vals[ri] = fv.v
	}
	return vals
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
	err = eachRow(path, r, func(rec []string, line int) error {
		if rec[0] == "" {
			return inputErr(path, line, "empty run_id")
		}
		if prev, dup := ids[rec[0]]; dup {
			return inputErr(path, line, "run_id %q repeats line %d", rec[0], prev)
		}
		ids[rec[0]] = line
		row := RunRow{ID: rec[0], Seed: rec[1], Params: slices.Clone(rec[2:first]), Outcomes: make([]float64, len(rs.Outcomes))}
		for i, c := range rs.Outcomes {
			s := rec[first+i]
			if s == "" {
				row.Outcomes[i] = math.NaN()
				continue
			}
			var err error
			if row.Outcomes[i], err = parseValue(path, line, c, s); err != nil {
				return err
			}
		}
		rs.Rows = append(rs.Rows, row)
		return nil
	})
	if err != nil {
		return nil, err
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

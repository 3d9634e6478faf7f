package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
	"dongshu/internal/runout"
)

// Spec is everything that identifies a sweep: two runs of the same Spec write the same files.
type Spec struct {
	// Base is the scenario after the fixed overrides, validated; each run clones it.
	Base       *configs.Scenario
	Design     Design
	Timeseries bool // also write the tidy timeseries of every run
	Format     Format
	KeepBits   int // > 0: timeseries.parquet's metrics rounded to that many mantissa bits (BitRound)
	Shard      Shard
	// Command is the canonical command line: the sweep's arguments without --out, --workers and
	// --shard, which do not change the results (so that shards and merges agree).
	Command []string
	Version string // program version
	// Probes are extra runs.csv columns read from the timeseries (see Probe); none for a plain sweep.
	Probes []Probe

	columns []string // timeseries metric columns
	// checked records that Prepare checked every design point's scenario; see scenario.
	checked bool
}

// Manifest is manifest.json.
type Manifest struct {
	// Kind is "sweep" (absent in manifests written before run directories had one) or "run".
	Kind         string   `json:"kind,omitempty"`
	Version      string   `json:"version"`
	Command      []string `json:"command"`
	Scenario     string   `json:"scenario"`
	ScenarioHash string   `json:"scenario_hash"`
	Format       Format   `json:"format"`
	Timeseries   bool     `json:"timeseries"`
	KeepBits     int      `json:"keep_bits,omitempty"` // --keep-bits of timeseries.parquet; absent: exact
	Runs         int      `json:"runs"`
	RunRule      string   `json:"run_rule"`
	SeedRule     string   `json:"seed_rule"`
	Design       Design   `json:"design"`
	// Shard is "i/n" for a shard's directory (runs with run_id % n == i-1), absent for a whole sweep.
	Shard string `json:"shard,omitempty"`
	// Probes are the extra runs.csv columns of an experiment (calibrate).
	Probes []Probe `json:"probes,omitempty"`
	// Complete is the completion record, written when the last run is on disk (state.go).
	Complete *Completion `json:"complete,omitempty"`
}

// Prepare expands the design and checks every design point against the schema (Set, then Validate);
// every problem is a UsageError.
func (sp *Spec) Prepare() error {
	if err := sp.Design.Expand(); err != nil {
		return err
	}
	if sp.Format < 0 || sp.Format >= numFormats {
		return usagef("--format %v: want %s", sp.Format, orList(formats[:]))
	}
	if sp.KeepBits != 0 {
		if sp.KeepBits < 1 || sp.KeepBits > MaxKeepBits {
			return usagef("--keep-bits %d: must be in [1,%d] (leave it out for exact output)", sp.KeepBits, MaxKeepBits)
		}
		if sp.Format != Parquet {
			return usagef("--keep-bits %d: needs --format parquet (it rounds timeseries.parquet; CSV output is always exact)", sp.KeepBits)
		}
		if !sp.Timeseries {
			return usagef("--keep-bits %d: needs --timeseries (it rounds timeseries.parquet only; runs.parquet is always exact)", sp.KeepBits)
		}
	}
	seen := map[string]bool{}
	for _, f := range sp.Design.Factors {
		if seen[f.Key] {
			return usagef("--set %s: the key is varied twice", f.Key)
		}
		seen[f.Key] = true
	}
	sp.checked = false
	var problems []string
	for i, p := range sp.Design.Points {
		if _, err := sp.scenario(p, 0); err != nil {
			problems = append(problems, fmt.Sprintf("design point %d (%s): %v", i, pointString(sp.Design.Keys(), p), err))
			if len(problems) >= 10 {
				problems = append(problems, "...")
				break
			}
		}
	}
	if len(problems) > 0 {
		return UsageError{errors.New(strings.Join(problems, "\n"))}
	}
	sp.checked = true
	if sp.Shard.N > sp.Design.NumRuns() {
		return usagef("--shard %s: more shards than the %d runs", sp.Shard, sp.Design.NumRuns())
	}
	m, err := agents.New(sp.Base.Clone())
	if err != nil {
		return UsageError{err}
	}
	sp.columns = nil
	for _, c := range m.W.Columns() {
		sp.columns = append(sp.columns, c.Name)
	}
	if len(sp.Probes) > 0 {
		var scopes []string
		for _, sc := range m.Scopes() {
			scopes = append(scopes, sc.Name)
		}
		return sp.resolveProbes(scopes)
	}
	return nil
}

func pointString(keys, vals []string) string {
	parts := make([]string, len(keys))
	for i := range keys {
		parts[i] = keys[i] + "=" + vals[i]
	}
	return strings.Join(parts, " ")
}

// scenario builds the scenario of a design point with a seed, and checks it (Validate, then
// economy.CheckScenario) unless Prepare checked every point: both checks read the scenario and the keys
// set alone, never the seed, so the same Clone and Set of a point that passed passes again. Not checking
// twice saves a baseline run about 2 M instructions (0.6 %, December 2026).
func (sp *Spec) scenario(point []string, seed uint64) (*configs.Scenario, error) {
	s := sp.Base.Clone()
	for j, f := range sp.Design.Factors {
		if err := s.Set(f.Key + "=" + point[j]); err != nil {
			return nil, err
		}
	}
	if !sp.checked {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		if err := economy.CheckScenario(s); err != nil {
			return nil, err
		}
	}
	s.Seed = seed
	return s, nil
}

// Manifest returns the sweep's manifest.
func (sp *Spec) Manifest() Manifest {
	return Manifest{Kind: KindSweep, Version: sp.Version, Command: sp.Command, Scenario: sp.Base.Name, ScenarioHash: sp.Base.Hash(),
		Format: sp.Format, Timeseries: sp.Timeseries, KeepBits: sp.KeepBits, Runs: sp.Design.NumRuns(), RunRule: RunRule,
		SeedRule: SeedRule, Design: sp.Design, Shard: sp.Shard.String(), Probes: sp.Probes}
}

// RunsHeader is the header line of runs.csv.
func (sp *Spec) RunsHeader() string {
	cols := append([]string{"run_id", "seed"}, sp.Design.Keys()...)
	cols = append(cols, agents.HeadlineNames()...)
	cols = append(cols, probeNames(sp.Probes)...)
	return csvLine(cols)
}

// TimeseriesHeader is the header line of timeseries.csv.
func (sp *Spec) TimeseriesHeader() string {
	return csvLine(append([]string{"run_id", "month", "scope"}, sp.columns...))
}

func csvLine(fields []string) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(csvField(f))
	}
	b.WriteByte('\n')
	return b.String()
}

// csvField quotes a field as RFC 4180 does when it holds a comma, a quote or a line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// RunOne computes run id: its runs.csv line and, with timeseries, its timeseries.csv lines.
func (sp *Spec) RunOne(id int) (row []byte, ts []byte, err error) { return sp.runOne(id, nil) }

// runOne is RunOne with a memo kept from the caller's earlier runs (agents.WorkerMemo; nil: none), which
// changes no output.
func (sp *Spec) runOne(id int, memo *agents.WorkerMemo) (row []byte, ts []byte, err error) {
	seed := Seed(sp.Design.SeedBase, id)
	point := sp.Design.Point(id)
	s, err := sp.scenario(point, seed)
	if err != nil {
		return nil, nil, fmt.Errorf("run %d: %w", id, err)
	}
	m, err := agents.NewMemo(s, memo)
	if err != nil {
		return nil, nil, fmt.Errorf("run %d: %w", id, err)
	}
	var h agents.Headline
	var tb bytes.Buffer
	var scopes []string
	if sp.Timeseries {
		for _, sc := range m.Scopes() {
			scopes = append(scopes, sc.Name)
		}
	} else {
		m.Track(sp.reads(m))
	}
	ids := strconv.Itoa(id)
	buf := make([]byte, 0, 32)
	probes, probeN := nanSlice(len(sp.Probes)), make([]float64, len(sp.Probes))
	err = m.Run(func(month configs.Month, rows [][]float64) error {
		h.Observe(m.W, month, rows)
		sp.observeProbes(probes, probeN, month, rows)
		if !sp.Timeseries {
			return nil
		}
		ms := month.String()
		for i, r := range rows {
			tb.WriteString(ids)
			tb.WriteByte(',')
			tb.WriteString(ms)
			tb.WriteByte(',')
			tb.WriteString(scopes[i])
			buf = runout.AppendValues(buf[:0], r) // as `run` writes timeseries.csv
			tb.Write(buf)
			tb.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("run %d: %w", id, err)
	}
	var rb bytes.Buffer
	rb.WriteString(ids)
	rb.WriteByte(',')
	rb.WriteString(strconv.FormatUint(seed, 10))
	for _, v := range point {
		rb.WriteByte(',')
		rb.WriteString(csvField(v))
	}
	for _, v := range append(h.Values(), probes...) {
		rb.WriteByte(',')
		rb.Write(strconv.AppendFloat(buf[:0], v, 'g', -1, 64))
	}
	rb.WriteByte('\n')
	return rb.Bytes(), tb.Bytes(), nil
}

// diff names the fields in which two manifests differ (empty when they agree).
func diff(a, b Manifest) []string {
	var d []string
	add := func(cond bool, what string, x, y any) {
		if cond {
			d = append(d, fmt.Sprintf("%s (%v here, %v in the directory)", what, x, y))
		}
	}
	add(a.Version != b.Version, "program version", a.Version, b.Version)
	add(a.ScenarioHash != b.ScenarioHash, "scenario hash", short(a.ScenarioHash), short(b.ScenarioHash))
	add(a.Scenario != b.Scenario, "scenario name", a.Scenario, b.Scenario)
	add(a.Format != b.Format, "format", a.Format, b.Format)
	add(a.Timeseries != b.Timeseries, "timeseries", a.Timeseries, b.Timeseries)
	add(a.KeepBits != b.KeepBits, "keep bits", keepBitsString(a.KeepBits), keepBitsString(b.KeepBits))
	add(a.Design.Type != b.Design.Type, "design type", a.Design.Type, b.Design.Type)
	add(a.Design.Reps != b.Design.Reps, "reps", a.Design.Reps, b.Design.Reps)
	add(a.Design.SeedBase != b.Design.SeedBase, "seed base", a.Design.SeedBase, b.Design.SeedBase)
	add(a.Design.Samples != b.Design.Samples, "samples", a.Design.Samples, b.Design.Samples)
	add(!slices.Equal(a.Design.Keys(), b.Design.Keys()), "varied keys", a.Design.Keys(), b.Design.Keys())
	ja, _ := json.Marshal(a.Design.Factors)
	jb, _ := json.Marshal(b.Design.Factors)
	add(!bytes.Equal(ja, jb) && slices.Equal(a.Design.Keys(), b.Design.Keys()), "varied values", string(ja), string(jb))
	add(a.Shard != b.Shard, "shard", orNone(a.Shard), orNone(b.Shard))
	add(a.kind() != b.kind(), "kind", a.kind(), b.kind())
	if len(d) == 0 {
		a.Complete, b.Complete = nil, nil // the record says where a sweep stands, not what it is
		a.Kind, b.Kind = a.kind(), b.kind()
		ma, _ := json.Marshal(a)
		mb, _ := json.Marshal(b)
		add(!bytes.Equal(ma, mb), "command", strings.Join(a.Command, " "), strings.Join(b.Command, " "))
	}
	return d
}

// keepBitsString names a --keep-bits value in messages (0: no rounding).
func keepBitsString(n int) string {
	if n == 0 {
		return "none (exact)"
	}
	return strconv.Itoa(n)
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func headlineNames() []string { return agents.HeadlineNames() }

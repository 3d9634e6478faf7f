// Package calibrate fits a scenario's free parameters to observed targets by rejection ABC (approximate
// Bayesian computation) over a Latin hypercube, followed by one local refinement, and reports the
// accepted sets, the posterior range of every parameter, the Pareto front over the targets and the fit to
// every target. The runs themselves go through internal/sweep (workers, resume, byte-identical files);
// this package holds the targets file and the statistics.
package calibrate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"dongshu/agents"
	"dongshu/configs"
)

// Target is one observation the model should reproduce.
type Target struct {
	Name     string  `toml:"name"`
	Observed float64 `toml:"observed"`
	// Either a headline outcome (agents.HeadlineNames) ...
	Headline string `toml:"headline"`
	// ... or a timeseries column at a month, summed over scopes, optionally as a share of other scopes.
	Month   string     `toml:"month"`
	Scopes  []string   `toml:"scopes"`
	Column  string     `toml:"column"`
	ShareOf stringList `toml:"share_of"`
	// Statistic: "end" (the month's value, the default) or "year_mean" (the mean over the month's year).
	Statistic string `toml:"statistic"`
	// Tolerance: the model's median is within tolerance when |median - observed| <= tolerance (kind
	// "equal"), median <= observed + tolerance ("at_most") or median >= observed - tolerance ("at_least").
	Tolerance float64 `toml:"tolerance"`
	Kind      string  `toml:"kind"`
	Source    string  `toml:"source"` // a docs/sources.md id
	// Use is "fit" (in the distance) or "holdout" (reported as out-of-sample, not fitted).
	Use  string `toml:"use"`
	Note string `toml:"note"`

	// The spelling of configs/targets/history.toml, read as the fields above: id (name), scope (one
	// scope), relation ("=", "<=", ">=": kind), in_fit (use).
	ID       string `toml:"id"`
	Scope    string `toml:"scope"`
	Relation string `toml:"relation"`
	InFit    *bool  `toml:"in_fit"`
}

// stringList reads a TOML string or array of strings.
type stringList []string

func (l *stringList) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case string:
		*l = stringList{x}
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("want a string or a list of strings, found %v", e)
			}
			*l = append(*l, s)
		}
	default:
		return fmt.Errorf("want a string or a list of strings, found %v", v)
	}
	return nil
}

// normalise folds the history.toml spelling into the fields the package uses.
func (t *Target) normalise() error {
	if t.ID != "" {
		if t.Name != "" && t.Name != t.ID {
			return errors.New("give name or id, not both")
		}
		t.Name = t.ID
	}
	if t.Scope != "" {
		t.Scopes = append([]string{t.Scope}, t.Scopes...)
	}
	switch t.Relation {
	case "":
	case "=":
		t.Kind = setIfEmpty(t.Kind, "equal")
	case "<=":
		t.Kind = setIfEmpty(t.Kind, "at_most")
	case ">=":
		t.Kind = setIfEmpty(t.Kind, "at_least")
	default:
		return fmt.Errorf("relation %q: want =, <= or >=", t.Relation)
	}
	if t.InFit != nil {
		u := "holdout"
		if *t.InFit {
			u = "fit"
		}
		if t.Use != "" && t.Use != u {
			return errors.New("use and in_fit disagree")
		}
		t.Use = u
	}
	return nil
}

func setIfEmpty(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// Param is one free parameter and its prior range (uniform).
type Param struct {
	Key    string  `toml:"key"`
	Min    float64 `toml:"min"`
	Max    float64 `toml:"max"`
	Source string  `toml:"source"` // why this range
}

// Switch is a named set of overrides that turns one mechanism off (ablation).
type Switch struct {
	Name string   `toml:"name"`
	Set  []string `toml:"set"`
	Note string   `toml:"note"`
}

// Method holds the fitting choices (flags may override them).
type Method struct {
	Samples       int     `toml:"samples"`        // first-stage Latin hypercube points
	RefineSamples int     `toml:"refine_samples"` // second-stage points in the accepted region (0: none)
	Reps          int     `toml:"reps"`           // replicate seeds per point
	Quantile      float64 `toml:"quantile"`       // accept at least this best fraction
	CheckReps     int     `toml:"check_reps"`     // seeds for the fit of the best set (docs: 20)
	SeedBase      uint64  `toml:"seed_base"`
}

// File is a targets file.
type File struct {
	Preset   string   `toml:"preset"`   // embedded preset (default baseline) ...
	Scenario string   `toml:"scenario"` // ... or a scenario file, relative to the targets file
	Set      []string `toml:"set"`      // fixed overrides
	Outcomes []string `toml:"outcomes"` // headline outcomes for ablation and sensitivity tables
	Method   Method   `toml:"method"`
	Targets  []Target `toml:"target"`
	Params   []Param  `toml:"parameter"`
	Switches []Switch `toml:"switch"`

	Path string `toml:"-"`
}

// Fit reports whether the target is fitted (not held out).
func (t Target) Fit() bool { return t.Use != "holdout" }

// Error is the target's normalised error for a model value: 0 when the value meets the observation,
// 1 at the tolerance's edge (so "within tolerance" is Error <= 1).
func (t Target) Error(v float64) float64 {
	if math.IsNaN(v) {
		return math.NaN()
	}
	var gap float64
	switch t.Kind {
	case "at_most":
		gap = max(0, v-t.Observed)
	case "at_least":
		gap = max(0, t.Observed-v)
	default:
		gap = math.Abs(v - t.Observed)
	}
	if t.Tolerance == 0 { // a one-sided bound met or not: beyond it, 1 + the gap relative to the bound
		if gap == 0 {
			return 0
		}
		return 1 + gap/math.Max(math.Abs(t.Observed), 1e-12)
	}
	return gap / t.Tolerance
}

// Label is how a target's observation reads in a table ("<= 0.3", "2.658").
func (t Target) Label() string {
	v := fmt.Sprintf("%.4g", t.Observed)
	switch t.Kind {
	case "at_most":
		return "<= " + v
	case "at_least":
		return ">= " + v
	}
	return v
}

// Where says what a target measures.
func (t Target) Where() string {
	if t.Headline != "" {
		return t.Headline
	}
	s := t.Column + " " + strings.Join(t.Scopes, "+")
	if len(t.ShareOf) > 0 {
		s += " / " + strings.Join(t.ShareOf, "+")
	}
	if t.Statistic == "year_mean" {
		return s + " mean " + t.Month[:4]
	}
	return s + " " + t.Month
}

// Load reads and checks a targets file. Every problem is an error naming the file, the line and the key.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse reads and checks a targets file's contents b; path names it in the errors (Load reads a file,
// the report the embedded configs.TargetFiles).
func Parse(path string, b []byte) (*File, error) {
	var f File
	md, err := toml.Decode(string(b), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		if m := tomlLine.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", path, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	f.Path = path
	lines := splitLines(b)
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, fmt.Errorf("%s:%d: unknown key %q", path, keyLine(lines, k[len(k)-1], 0, ""), k.String())
	}
	return &f, f.check(lines)
}

var tomlLine = regexp.MustCompile(`^toml: line (\d+) (.*)$`)

func splitLines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// keyLine finds the line (1-based) of key inside the n-th [[table]] (table "" : anywhere); 0 if not found.
func keyLine(lines []string, key string, n int, table string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	start, end := 0, len(lines)
	if table != "" {
		hdr := regexp.MustCompile(`^\s*\[\[\s*` + regexp.QuoteMeta(table) + `\s*\]\]`)
		seen := -1
		for i, l := range lines {
			if hdr.MatchString(l) {
				seen++
				if seen == n {
					start = i
				} else if seen == n+1 {
					end = i
					break
				}
			} else if seen == n && strings.HasPrefix(strings.TrimSpace(l), "[") {
				end = i
				break
			}
		}
		if seen < n {
			return 0
		}
	}
	for i := start; i < end; i++ {
		if re.MatchString(lines[i]) {
			return i + 1
		}
	}
	if table != "" {
		return start + 1 // the table's header
	}
	return 0
}

func (f *File) errf(lines []string, table string, n int, key, format string, a ...any) error {
	where := key
	if table != "" {
		where = fmt.Sprintf("%s[%d].%s", table, n+1, key)
	}
	return fmt.Errorf("%s:%d: %s: %s", f.Path, keyLine(lines, key, n, table), where, fmt.Sprintf(format, a...))
}

// keyErrf makes the error for key of one table entry, naming the file and line.
type keyErrf func(key, format string, a ...any) error

// check checks what decoding cannot: ranges, required keys, names given once, known outcomes.
func (f *File) check(lines []string) error {
	heads := agents.HeadlineNames()
	if err := f.checkTop(lines, heads); err != nil {
		return err
	}
	if err := f.checkTargets(lines, heads); err != nil {
		return err
	}
	if err := f.checkParams(lines); err != nil {
		return err
	}
	return f.checkSwitches(lines)
}

// checkTop checks the keys outside the tables: the method, the scenario, the outcomes.
func (f *File) checkTop(lines []string, heads []string) error {
	m := &f.Method
	switch {
	case m.Samples < 0 || m.RefineSamples < 0 || m.Reps < 0 || m.CheckReps < 0:
		return f.errf(lines, "", 0, "samples", "method counts must be >= 0")
	case m.Quantile < 0 || m.Quantile > 1:
		return f.errf(lines, "", 0, "quantile", "%g: want a fraction in [0, 1]", m.Quantile)
	}
	if f.Preset != "" && f.Scenario != "" {
		return f.errf(lines, "", 0, "scenario", "give preset or scenario, not both")
	}
	for _, o := range f.Outcomes {
		if !slices.Contains(heads, o) {
			return f.errf(lines, "", 0, "outcomes", "unknown headline outcome %q (want one of %s)", o, strings.Join(heads, ", "))
		}
	}
	return nil
}

// checkTargets normalises and checks every [[target]]; there must be at least one.
func (f *File) checkTargets(lines []string, heads []string) error {
	if len(f.Targets) == 0 {
		return fmt.Errorf("%s: no [[target]]", f.Path)
	}
	names := map[string]bool{}
	for i := range f.Targets {
		t := &f.Targets[i]
		e := func(key, format string, a ...any) error { return f.errf(lines, "target", i, key, format, a...) }
		if err := t.normalise(); err != nil {
			return e("name", "%v", err)
		}
		if err := t.checkValues(names[t.Name], e); err != nil {
			return err
		}
		names[t.Name] = true
		if err := t.checkWhere(heads, e); err != nil {
			return err
		}
	}
	return nil
}

// checkValues checks a target's name (dup: already given), source, tolerance and enumerated keys.
func (t *Target) checkValues(dup bool, e keyErrf) error {
	oneSided := t.Kind == "at_most" || t.Kind == "at_least"
	switch {
	case t.Name == "":
		return e("name", "missing")
	case dup:
		return e("name", "%q given twice", t.Name)
	case t.Source == "":
		return e("source", "missing: every target cites its source (a docs/sources.md id)")
	case !(t.Tolerance > 0 || oneSided && t.Tolerance == 0) || math.IsInf(t.Tolerance, 0):
		return e("tolerance", "%g: want a positive number (0 only for a one-sided kind)", t.Tolerance)
	case t.Statistic != "" && t.Statistic != "end" && t.Statistic != "year_mean":
		return e("statistic", "%q: want end or year_mean", t.Statistic)
	case t.Kind != "" && t.Kind != "equal" && t.Kind != "at_most" && t.Kind != "at_least":
		return e("kind", "%q: want equal, at_most or at_least", t.Kind)
	case t.Use != "" && t.Use != "fit" && t.Use != "holdout":
		return e("use", "%q: want fit or holdout", t.Use)
	case math.IsNaN(t.Observed) || math.IsInf(t.Observed, 0):
		return e("observed", "want a finite number")
	}
	return nil
}

// checkWhere checks what a target measures: a known headline outcome, or a month, column and scopes.
func (t *Target) checkWhere(heads []string, e keyErrf) error {
	if t.Headline != "" {
		if t.Month != "" || t.Column != "" || len(t.Scopes) > 0 {
			return e("headline", "give a headline or month/scopes/column, not both")
		}
		if !slices.Contains(heads, t.Headline) {
			return e("headline", "unknown headline outcome %q (want one of %s)", t.Headline, strings.Join(heads, ", "))
		}
		return nil
	}
	if t.Month == "" {
		return e("month", "missing (or give a headline)")
	}
	if _, err := configs.ParseMonth(t.Month); err != nil {
		return e("month", "%v", err)
	}
	if t.Column == "" {
		return e("column", "missing")
	}
	if len(t.Scopes) == 0 {
		return e("scopes", "missing")
	}
	return nil
}

// checkParams checks every [[parameter]]: a key given once and a finite range.
func (f *File) checkParams(lines []string) error {
	keys := map[string]bool{}
	for i, p := range f.Params {
		e := func(key, format string, a ...any) error { return f.errf(lines, "parameter", i, key, format, a...) }
		switch {
		case p.Key == "":
			return e("key", "missing")
		case keys[p.Key]:
			return e("key", "%q given twice", p.Key)
		case math.IsNaN(p.Min) || math.IsNaN(p.Max) || math.IsInf(p.Min, 0) || math.IsInf(p.Max, 0) || p.Min >= p.Max:
			return e("min", "[%g, %g]: want finite min < max", p.Min, p.Max)
		}
		keys[p.Key] = true
	}
	return nil
}

// checkSwitches checks every [[switch]]: a name given once (not "reference") and its overrides.
func (f *File) checkSwitches(lines []string) error {
	sw := map[string]bool{}
	for i, s := range f.Switches {
		e := func(key, format string, a ...any) error { return f.errf(lines, "switch", i, key, format, a...) }
		switch {
		case s.Name == "" || s.Name == "reference":
			return e("name", "%q: want a name other than reference", s.Name)
		case sw[s.Name]:
			return e("name", "%q given twice", s.Name)
		case len(s.Set) == 0:
			return e("set", "missing: a switch is a list of key=value overrides")
		}
		sw[s.Name] = true
	}
	return nil
}

// Package sweep runs parameter sweeps of the dongshu model: it expands a design (a full factorial grid
// or a Latin hypercube) into numbered runs, seeds each run deterministically, runs them on a pool of
// workers (one model per worker), and streams the results to disk in run-id order, so that the files do
// not depend on the number of workers. A sweep directory is its own journal: an interrupted sweep
// (Ctrl-C, kill -9, a crash) resumes where it stopped when the same command is run again. A sweep can be
// split into shards (--shard i/n) run on different machines and merged back into the files a single
// machine would have written.
//
// The API:
//
//	ParseSet      one --set argument -> a fixed override or a varied Factor
//	Design        factors, design type, samples, replications, seed base; Expand fills Points
//	Seed          the seed of a run: SplitMix64(seed base + run id)
//	Shard         i/n: run ids with id % n == i-1
//	Spec          everything that identifies a sweep (base scenario, design, outputs, shard)
//	Spec.Execute  run (or resume) a sweep into a directory
//	Spec.RunOne   compute one run's runs.csv row (and timeseries rows)
//	Merge         merge shard directories into one
package sweep

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"

	"dongshu/configs"
	"dongshu/economy"
)

// UsageError marks a problem with the command (bad design, mismatching directory): exit status 2.
type UsageError struct{ Err error }

func (u UsageError) Error() string { return u.Err.Error() }
func (u UsageError) Unwrap() error { return u.Err }

func usagef(format string, a ...any) error { return UsageError{fmt.Errorf(format, a...)} }

// Kind is how a scenario key's value is written.
type Kind int

// Kinds of keys.
const (
	KindText    Kind = iota // a string or a boolean
	KindNumber              // a float
	KindInteger             // an integer
	KindList                // a list of strings or numbers, comma-separated
)

// KeyKind finds the kind of a dotted scenario key by reflection on configs.Scenario's toml tags.
// Elements of arrays of tables may be named by id ("province.guangxi.compliance") or by index
// ("network.ixp[2].month"). An unknown key is an error (configs.Scenario.Set gives the better message).
func KeyKind(key string) (Kind, error) {
	t := reflect.TypeFor[configs.Scenario]()
	segs := strings.Split(key, ".")
	for i := 0; i < len(segs); i++ {
		name, indexed := segs[i], false
		if j := strings.IndexByte(name, '['); j >= 0 {
			name, indexed = name[:j], true
		}
		sf, ok := fieldByTag(t, name)
		if !ok {
			return KindText, fmt.Errorf("unknown key %q", key)
		}
		ft := sf.Type
		last := i == len(segs)-1
		switch {
		case ft.Kind() == reflect.Struct:
			t = ft
			continue
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			t = ft.Elem()
			if !indexed {
				i++ // the element's id
			}
			continue
		case !last:
			return KindText, fmt.Errorf("unknown key %q", key)
		case ft.Kind() == reflect.Slice:
			return KindList, nil
		case ft.Kind() == reflect.Float64:
			return KindNumber, nil
		case ft.Kind() == reflect.Int, ft.Kind() == reflect.Uint64:
			return KindInteger, nil
		default:
			return KindText, nil
		}
	}
	return KindText, fmt.Errorf("%q is a table, not a value", key)
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		k, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if k == name {
			return sf, true
		}
	}
	return reflect.StructField{}, false
}

// Factor is one varied key: a list of alternatives (full design) or a range (Latin hypercube).
type Factor struct {
	Key    string   `json:"key"`
	Values []string `json:"values,omitempty"` // full design: the alternatives, as --set takes them
	Min    *float64 `json:"min,omitempty"`    // lhs: the range [min,max]
	Max    *float64 `json:"max,omitempty"`
	Kind   Kind     `json:"-"`
}

// IsRange reports whether the factor is a min:max range.
func (f Factor) IsRange() bool { return f.Min != nil }

// ParseSet splits one --set argument. A single value is a fixed override (returned as fixed, "key=value");
// several values make a Factor. Scalar keys separate alternatives by commas (key=1,2,3); list-valued
// keys, whose values contain commas, separate alternatives by semicolons (key=0,100;0,100,400). With lhs,
// a numeric key may be given a range key=min:max.
func ParseSet(arg string, lhs bool) (fixed string, f *Factor, err error) {
	key, val, ok := strings.Cut(arg, "=")
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	if !ok || key == "" {
		return "", nil, usagef("--set %q: want key=value", arg)
	}
	kind, kerr := KeyKind(key)
	if kerr != nil {
		return arg, nil, nil // a fixed override: configs.Set names the problem
	}
	numeric := kind == KindNumber || kind == KindInteger
	if numeric && strings.Contains(val, ":") {
		if !lhs {
			return "", nil, usagef("--set %s: a range min:max needs --design lhs", arg)
		}
		a, b, _ := strings.Cut(val, ":")
		lo, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		hi, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 != nil || err2 != nil || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo > hi {
			return "", nil, usagef("--set %s: malformed range %q: want min:max with finite numbers, min <= max", arg, val)
		}
		return "", &Factor{Key: key, Min: &lo, Max: &hi, Kind: kind}, nil
	}
	sep := ","
	if kind == KindList {
		sep = ";"
	}
	if !strings.Contains(val, sep) {
		return key + "=" + val, nil, nil
	}
	if lhs {
		return "", nil, usagef("--set %s: an lhs design varies numeric keys by ranges min:max, not lists", arg)
	}
	if n := strings.Count(val, sep) + 1; n > MaxValues {
		return "", nil, usagef("--set %s: %d values, more than %d", key, n, MaxValues)
	}
	parts := strings.Split(val, sep)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return "", &Factor{Key: key, Values: parts, Kind: kind}, nil
}

// Design is a sweep's experimental design.
type Design struct {
	// Type is Full (the product of every factor's values, the first factor varying slowest) or LHS (a
	// Latin hypercube of Samples points over the factors' ranges).
	Type     DesignType `json:"type"`
	Factors  []Factor   `json:"factors"`
	Samples  int        `json:"samples,omitempty"`
	Reps     int        `json:"reps"`
	SeedBase uint64     `json:"seed_base"`
	// Points are the expanded design points: one value per factor, as passed to configs.Set.
	Points [][]string `json:"points"`
}

// Keys returns the varied keys in --set order.
func (d *Design) Keys() []string {
	k := make([]string, len(d.Factors))
	for i, f := range d.Factors {
		k[i] = f.Key
	}
	return k
}

// Bounds on a sweep's size: generous for real experiments (ten million 30-ms runs are four days on a
// 2-core machine), small enough that counting, seeding and listing run ids never overflow or exhaust
// memory. Every bound is a UsageError before anything is written.
const (
	MaxRuns   = 10_000_000 // runs of a sweep: design points x replications
	MaxPoints = 1_000_000  // design points (full: the product of the value counts; lhs: --samples)
	MaxValues = 10_000     // alternatives of one varied key
)

// Expand fills Points. Full: every combination, in odometer order (the last factor varies fastest).
// LHS: a PCG seeded by the seed base draws, for every factor, a random permutation of the Samples strata
// of its range and a uniform position within each stratum; integer keys take the floor of a value drawn
// over [min, max+1) (clamped to max).
func (d *Design) Expand() error {
	if d.Reps < 1 || d.Reps > MaxRuns {
		return usagef("--reps %d: must be in [1,%d]", d.Reps, MaxRuns)
	}
	switch d.Type {
	case Full:
		n := 1 // points, counted before any is built
		for _, f := range d.Factors {
			if len(f.Values) > MaxValues {
				return usagef("--set %s: %d values, more than %d", f.Key, len(f.Values), MaxValues)
			}
			if n *= max(len(f.Values), 1); n > MaxPoints {
				return usagef("the design has more than %d points (the product of the --set value counts)", MaxPoints)
			}
		}
		if n > MaxRuns/d.Reps {
			return usagef("%d points x --reps %d is more than %d runs", n, d.Reps, MaxRuns)
		}
		pts := [][]string{{}}
		for _, f := range d.Factors {
			var next [][]string
			for _, p := range pts {
				for _, v := range f.Values {
					q := append(append([]string(nil), p...), v)
					next = append(next, q)
				}
			}
			pts = next
		}
		d.Points = pts
	case LHS:
		if d.Samples < 1 || d.Samples > MaxPoints {
			return usagef("--samples %d: an lhs design needs --samples N in [1,%d]", d.Samples, MaxPoints)
		}
		if d.Samples > MaxRuns/d.Reps {
			return usagef("--samples %d x --reps %d is more than %d runs", d.Samples, d.Reps, MaxRuns)
		}
		if len(d.Factors) == 0 {
			return usagef("an lhs design needs at least one --set key=min:max")
		}
		rng := rand.New(rand.NewPCG(d.SeedBase, 0x4c48535f44455349)) // "LHS_DESI"
		n := d.Samples
		d.Points = make([][]string, n)
		for i := range d.Points {
			d.Points[i] = make([]string, len(d.Factors))
		}
		for j, f := range d.Factors {
			perm := rng.Perm(n)
			for i := range n {
				u := (float64(perm[i]) + float64(rng.Float64())) / float64(n)
				lo, hi := *f.Min, *f.Max
				if f.Kind == KindInteger {
					x := math.Floor(lo + float64(u*(hi+1-lo)))
					d.Points[i][j] = strconv.FormatFloat(min(x, hi), 'f', 0, 64)
				} else {
					d.Points[i][j] = strconv.FormatFloat(lo+float64(u*(hi-lo)), 'g', -1, 64)
				}
			}
		}
	case Points:
		// Points given by the caller (an experiment's own design, e.g. Morris trajectories).
		if len(d.Points) == 0 {
			return usagef("a points design needs at least one point")
		}
		for i, p := range d.Points {
			if len(p) != len(d.Factors) {
				return usagef("design point %d has %d values for %d factors", i, len(p), len(d.Factors))
			}
		}
	default:
		return usagef("--design %v: want %s", d.Type, orList(designTypes[:]))
	}
	return nil
}

// NumRuns is the number of runs: points x replications.
func (d *Design) NumRuns() int { return len(d.Points) * d.Reps }

// Point returns the design point of a run: run ids are point-major, replication-minor
// (run id = point * reps + replication).
func (d *Design) Point(id int) []string { return d.Points[id/d.Reps] }

// SeedRule documents Seed in the manifest.
const SeedRule = "seed = splitmix64(seed_base + run_id)"

// RunRule documents the run numbering in the manifest.
const RunRule = "run_id = point * reps + replication (point-major, replication-minor), from 0"

// Seed is the seed of run id: SplitMix64 of seed base + id (well spread even for consecutive ids).
func Seed(base uint64, id int) uint64 {
	return economy.Mix64(base + uint64(id) + 0x9e3779b97f4a7c15)
}

// Shard selects the run ids a machine runs: with i (1-based) of n, the ids with id % n == i-1.
// The zero Shard is the whole sweep.
type Shard struct{ I, N int }

// ParseShard parses "i/n" with 1 <= i <= n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n || n > MaxRuns {
		return Shard{}, usagef("--shard %q: want i/n with 1 <= i <= n <= %d", s, MaxRuns)
	}
	return Shard{i, n}, nil
}

func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// IDs lists the shard's run ids out of total, in increasing order.
func (s Shard) IDs(total int) []int {
	var ids []int
	for id := range total {
		if s.N == 0 || id%s.N == s.I-1 {
			ids = append(ids, id)
		}
	}
	return ids
}

var errInterrupted = errors.New("interrupted")

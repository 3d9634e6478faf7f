package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"

	"dongshu/configs"
	"dongshu/internal/atomicfile"
	"dongshu/internal/sweep"
)

// Experiments (calibrate, sensitivity, ablate) run their designs as sweeps, one sweep directory per
// stage, so they inherit the sweep's workers, resume and byte-identical files; they read the results
// back from runs.csv and write their own tables next to them.

// computedRuns counts the model runs experiments computed (not found done), for their summary line.
var computedRuns atomic.Int64

// execSweep runs (or resumes) a prepared sweep into dir, with the sweep's progress lines on stderr.
func execSweep(ctx context.Context, sp *sweep.Spec, dir string, workers int, label string, stderr io.Writer) (sweep.Result, error) {
	pr := newProgress(stderr)
	update := pr.update
	if sp.Design.NumRuns() < 500 { // short stages: the stage lines are progress enough
		update = nil
	}
	res, err := sp.Execute(ctx, dir, sweep.Options{Workers: workers, Progress: update,
		Notice: func(format string, args ...any) { fmt.Fprintf(stderr, label+": "+format+"\n", args...) }})
	pr.finish()
	computedRuns.Add(int64(res.Done - res.Resumed))
	if errors.Is(err, sweep.ErrInterrupted) {
		return res, fmt.Errorf("%s %s: %v; run the same command again to resume", label, dir, err)
	}
	if err != nil {
		var u sweep.UsageError
		if errors.As(err, &u) {
			return res, usageError{fmt.Errorf("%s: %w", label, err)}
		}
		return res, fmt.Errorf("%s %s: %w", label, dir, err)
	}
	return res, nil
}

func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// runsTable is a sweep's runs.csv.
type runsTable struct {
	header []string
	rows   [][]string
}

func readRuns(dir string) (*runsTable, error) {
	f, err := os.Open(filepath.Join(dir, sweep.RunsCSV))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, sweep.RunsCSV), err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", filepath.Join(dir, sweep.RunsCSV))
	}
	return &runsTable{header: recs[0], rows: recs[1:]}, nil
}

// col returns a column's values as numbers (NaN where not a number).
func (t *runsTable) col(name string) ([]float64, error) {
	j := -1
	for i, h := range t.header {
		if h == name {
			j = i
		}
	}
	if j < 0 {
		return nil, fmt.Errorf("runs.csv has no column %q", name)
	}
	out := make([]float64, len(t.rows))
	for i, r := range t.rows {
		v, err := strconv.ParseFloat(r[j], 64)
		if err != nil {
			v = math.NaN()
		}
		out[i] = v
	}
	return out, nil
}

// pointMeans is a column's mean over each design point's reps (runs ordered point by point), ignoring
// NaN; NaN for a point with no number.
func (t *runsTable) pointMeans(name string, points, reps int) ([]float64, error) {
	v, err := t.col(name)
	if err != nil {
		return nil, err
	}
	y := make([]float64, points)
	for i := range y {
		var s []float64
		for r := range reps {
			if x := v[i*reps+r]; !math.IsNaN(x) {
				s = append(s, x)
			}
		}
		y[i] = math.NaN()
		if len(s) > 0 {
			y[i] = sum(s) / float64(len(s))
		}
	}
	return y, nil
}

// csvTable renders rows as CSV.
func csvTable(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	return b.Bytes()
}

func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}

func fmtG(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// fmtNum is a table number: 4 significant digits (exponent below 0.001, whole at 10,000 and more), "–" (an en dash) for NaN.
func fmtNum(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	a := math.Abs(v)
	switch {
	case a != 0 && a < 0.001:
		return strconv.FormatFloat(v, 'e', 2, 64)
	case a >= 10000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// numericFactor makes a sweep factor of a numeric key over [lo, hi].
func numericFactor(key string, lo, hi float64) (sweep.Factor, error) {
	kind, err := sweep.KeyKind(key)
	if err != nil {
		return sweep.Factor{}, err
	}
	if kind != sweep.KindNumber && kind != sweep.KindInteger {
		return sweep.Factor{}, fmt.Errorf("%s: not a numeric key", key)
	}
	return sweep.Factor{Key: key, Min: &lo, Max: &hi, Kind: kind}, nil
}

// scaleValue maps u in [0,1] onto a factor's range, as --set takes it (integers rounded).
func scaleValue(f sweep.Factor, u float64) string {
	v := *f.Min + u*(*f.Max-*f.Min)
	if f.Kind == sweep.KindInteger {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// mdTable renders a Markdown table.
func mdTable(header []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for range header {
		b.WriteString("---|")
	}
	b.WriteByte('\n')
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return b.String()
}

// loadScenarioFor loads a scenario from a preset or file with fixed overrides (usage errors).
func loadScenarioFor(preset, file string, sets []string) (*configs.Scenario, error) {
	sf := scenarioFlags{preset: preset, file: file, seed: -1, sets: sets}
	return sf.load()
}

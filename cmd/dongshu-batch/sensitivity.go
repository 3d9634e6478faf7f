package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/calibrate"
	"dongshu/internal/sensitivity"
	"dongshu/internal/sweep"
)

const sensitivityUsage = `usage: dongshu-batch sensitivity [--preset NAME | --scenario FILE] --set key=lo:hi [--set ...]
       [--trajectories R] [--levels P] [--reps N] [--seed-base S] [--outcomes a,b|all] [--workers W] [--out DIR]
       dongshu-batch sensitivity --analyse DIR [--outcomes a,b|all]

Morris elementary effects (SALib's trajectory design and analysis, written in Go): R trajectories of
k+1 points on a grid of P levels over the numeric keys given as key=lo:hi (other --set are fixed
overrides), each point run N times (the outcome is the mean over the seeds). The runs go through the
sweep engine into DIR (resumable, byte-identical for any --workers); the analysis then writes
morris.csv (outcome, key, mu, mu_star, sigma, mu_star_conf, n) and one chart per outcome,
morris-<outcome>.png. --analyse DIR recomputes the analysis from DIR's manifest.json and runs.csv alone.


--method sobol: first-order (S1) and total (ST) Sobol indices instead, by Saltelli's scheme on N base
samples (N x (k+2) points); writes sobol.csv (outcome, key, s1, s1_conf, st, st_conf) and
sobol-<outcome>.png. --analyse recognises either kind of directory.

`

func sensitivityCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sensitivity", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	fs.StringVar(&sf.preset, "preset", "", "embedded preset `NAME` (default baseline)")
	fs.StringVar(&sf.file, "scenario", "", "scenario TOML `FILE`")
	fs.Var(&sf.sets, "set", "a varied key `key=lo:hi`, or a fixed override key=value (repeatable)")
	method := fs.String("method", "morris", "morris (elementary effects) or sobol (first-order and total indices, Saltelli sampling)")
	samples := fs.Int("samples", 64, "sobol: base samples `N` (runs: N x (k+2) x reps)")
	traj := fs.Int("trajectories", 10, "Morris trajectories `R` (runs: R x (k+1) x reps)")
	levels := fs.Int("levels", 4, "grid levels `P` (even)")
	reps := fs.Int("reps", 1, "seeds `N` per design point (outcome = their mean)")
	seedBase := fs.Uint64("seed-base", 1, "seed base `S` (design, runs and bootstrap)")
	outcomes := fs.String("outcomes", "all", "headline outcomes to analyse, comma-separated, or all")
	workers := fs.Int("workers", runtime.NumCPU(), "parallel workers `W`")
	out := fs.String("out", "out/sensitivity", "output `DIR`")
	analyse := fs.String("analyse", "", "only recompute the analysis of an existing `DIR`")
	fs.Usage = func() { fmt.Fprint(stderr, sensitivityUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("sensitivity: unexpected argument %q", fs.Arg(0))
	}
	outs, err := parseOutcomes(*outcomes)
	if err != nil {
		return err
	}
	if *method != "morris" && *method != "sobol" {
		return usagef("sensitivity: --method %q: want morris or sobol", *method)
	}
	if *analyse != "" {
		return printAnalysis(stdout, *analyse, isSobolDir(*analyse), outs, *seedBase)
	}
	fixed, factors, err := rangeFactors(sf.sets)
	if err != nil {
		return err
	}
	if len(factors) == 0 {
		return usagef("sensitivity: give at least one --set key=lo:hi")
	}
	if *workers < 1 || *reps < 1 {
		return usagef("sensitivity: --workers and --reps must be >= 1")
	}
	base, err := loadScenarioFor(sf.preset, sf.file, fixed)
	if err != nil {
		return err
	}
	cmd := append([]string{"dongshu-batch", "sensitivity"}, canonicalArgs(fs, "out", "workers", "analyse", "outcomes")...)
	ctx, stop := interruptible()
	defer stop()
	if *method == "sobol" {
		err = runSobol(ctx, base, factors, *samples, *reps, *seedBase, cmd, *out, *workers, stderr)
	} else {
		err = runMorris(ctx, base, factors, *traj, *levels, *reps, *seedBase, cmd, *out, *workers, stderr)
	}
	if err != nil {
		return err
	}
	return printAnalysis(stdout, *out, *method == "sobol", outs, *seedBase)
}

// rangeFactors splits the --set values into the varied keys, key=lo:hi with finite lo < hi, as factors
// and the fixed overrides, key=value.
func rangeFactors(sets []string) (fixed []string, factors []sweep.Factor, err error) {
	for _, s := range sets {
		key, val, _ := strings.Cut(s, "=")
		a, b, isRange := strings.Cut(val, ":")
		if !isRange {
			fixed = append(fixed, s)
			continue
		}
		lo, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		hi, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 != nil || err2 != nil || !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return nil, nil, usagef("sensitivity: --set %s: want key=lo:hi with finite lo < hi", s)
		}
		f, err := numericFactor(strings.TrimSpace(key), lo, hi)
		if err != nil {
			return nil, nil, usagef("sensitivity: --set %s: %v", s, err)
		}
		factors = append(factors, f)
	}
	return fixed, factors, nil
}

// printAnalysis analyses the sensitivity directory dir (Sobol indices or Morris effects), writing its
// table and charts there, and prints the table.
func printAnalysis(stdout io.Writer, dir string, sobol bool, outs []string, seed uint64) error {
	if sobol {
		rows, err := analyseSobol(dir, outs, seed)
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, sobolText(rows))
		return nil
	}
	rows, err := analyseMorris(dir, outs, seed)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, morrisText(rows))
	return nil
}

// canonicalArgs lists the flags that were set, in flag order, without those that do not change results.
func canonicalArgs(fs *flag.FlagSet, skip ...string) []string {
	var c []string
	fs.Visit(func(f *flag.Flag) {
		if slices.Contains(skip, f.Name) {
			return
		}
		if m, ok := f.Value.(*multiFlag); ok {
			for _, v := range *m {
				c = append(c, "--"+f.Name, v)
			}
			return
		}
		c = append(c, "--"+f.Name, f.Value.String())
	})
	return c
}

func parseOutcomes(s string) ([]string, error) {
	all := agents.HeadlineNames()
	if s == "" || s == "all" {
		return all, nil
	}
	var out []string
	for _, o := range strings.Split(s, ",") {
		o = strings.TrimSpace(o)
		if !slices.Contains(all, o) {
			return nil, usagef("--outcomes: unknown headline outcome %q (want all or some of %s)", o, strings.Join(all, ", "))
		}
		out = append(out, o)
	}
	return out, nil
}

// runMorris samples the trajectories and runs them through the sweep engine into dir.
func runMorris(ctx context.Context, base *configs.Scenario, factors []sweep.Factor, traj, levels, reps int, seedBase uint64,
	cmd []string, dir string, workers int, stderr io.Writer) error {
	u, err := sensitivity.MorrisSample(len(factors), traj, levels, seedBase)
	if err != nil {
		return usagef("sensitivity: %v", err)
	}
	pts := make([][]string, len(u))
	for i, x := range u {
		pts[i] = make([]string, len(factors))
		for j, f := range factors {
			pts[i][j] = scaleValue(f, x[j])
		}
	}
	sp := &sweep.Spec{Base: base, Design: sweep.Design{Type: sweep.Points, Factors: factors, Points: pts, Reps: reps, SeedBase: seedBase},
		Format: sweep.CSV, Version: version(), Command: cmd}
	if err := sp.Prepare(); err != nil {
		return usageError{fmt.Errorf("sensitivity: %w", err)}
	}
	_, err = execSweep(ctx, sp, dir, workers, "sensitivity", stderr)
	return err
}

// sensitivityDesign is the design of a finished sensitivity directory, verified as every dongshu output
// directory is (sweep.Check: a complete one against its completion record); an unfinished or damaged
// one is an error.
func sensitivityDesign(dir string) (sweep.Design, error) {
	st, err := sweep.Check(dir)
	if err != nil {
		return sweep.Design{}, usagef("sensitivity --analyse: %s does not verify:\n%v", dir, err)
	}
	if st.Kind != sweep.KindSweep || st.Manifest.Design.Type != sweep.Points {
		return sweep.Design{}, usagef("sensitivity --analyse: %s is not a sensitivity directory (want a points design)", dir)
	}
	if !st.Complete {
		return sweep.Design{}, usagef("sensitivity --analyse: %s is unfinished (%d of %d runs); run its command again to finish it", dir, st.Done, st.Total)
	}
	return st.Manifest.Design, nil
}

// morrisRow is one line of morris.csv.
type morrisRow struct {
	Outcome, Key string
	sensitivity.Index
}

// analyseMorris reads a Morris sweep directory and writes morris.csv and the charts.
func analyseMorris(dir string, outcomes []string, seed uint64) ([]morrisRow, error) {
	d, err := sensitivityDesign(dir)
	if err != nil {
		return nil, err
	}
	k := len(d.Factors)
	u := make([][]float64, len(d.Points))
	for i, p := range d.Points {
		u[i] = make([]float64, k)
		for j, f := range d.Factors {
			v, err := strconv.ParseFloat(p[j], 64)
			if err != nil || f.Min == nil || f.Max == nil {
				return nil, fmt.Errorf("sensitivity --analyse: point %d: %q is not a number in a range", i, p[j])
			}
			u[i][j] = (v - *f.Min) / (*f.Max - *f.Min)
		}
	}
	runs, err := readRuns(dir)
	if err != nil {
		return nil, err
	}
	if len(runs.rows) != len(d.Points)*d.Reps {
		return nil, fmt.Errorf("sensitivity --analyse: %d runs, want %d", len(runs.rows), len(d.Points)*d.Reps)
	}
	var rows []morrisRow
	var csvRows [][]string
	for _, o := range outcomes {
		y, err := runs.pointMeans(o, len(d.Points), d.Reps)
		if err != nil {
			return nil, err
		}
		ix, err := sensitivity.MorrisAnalyse(u, y, sensitivity.Options{Seed: seed})
		if err != nil {
			return nil, fmt.Errorf("sensitivity --analyse %s: %w", dir, err)
		}
		order := make([]int, k)
		for j := range order {
			order[j] = j
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(ix[a].MuStar, ix[b].MuStar) })
		var names []string
		var ms, cf []float64
		for _, j := range order {
			r := morrisRow{o, d.Factors[j].Key, ix[j]}
			rows = append(rows, r)
			csvRows = append(csvRows, []string{o, r.Key, fmtG(r.Mu), fmtG(r.MuStar), fmtG(r.Sigma), fmtG(r.MuStarConf), strconv.Itoa(r.N)})
			names, ms, cf = append(names, r.Key), append(ms, r.MuStar), append(cf, r.MuStarConf)
		}
		png, err := calibrate.MorrisChart("Morris: "+o, names, ms, cf)
		if err != nil {
			return nil, err
		}
		if err := writeFileAtomic(filepath.Join(dir, "morris-"+o+".png"), png); err != nil {
			return nil, err
		}
	}
	return rows, writeFileAtomic(filepath.Join(dir, "morris.csv"),
		csvTable([]string{"outcome", "key", "mu", "mu_star", "sigma", "mu_star_conf", "n"}, csvRows))
}

func cmpDesc(a, b float64) int {
	switch {
	case math.IsNaN(a) && !math.IsNaN(b):
		return 1
	case math.IsNaN(b) && !math.IsNaN(a):
		return -1
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func morrisText(rows []morrisRow) string {
	var t [][]string
	for _, r := range rows {
		t = append(t, []string{r.Outcome, r.Key, fmtNum(r.Mu), fmtNum(r.MuStar), fmtNum(r.Sigma), fmtNum(r.MuStarConf)})
	}
	return mdTable([]string{"outcome", "key", "mu", "mu*", "sigma", "mu* 95 % CI ±"}, t)
}

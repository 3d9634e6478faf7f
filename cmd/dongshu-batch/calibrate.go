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
	"time"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/calibrate"
	"dongshu/internal/sweep"
)

const calibrateUsage = `usage: dongshu-batch calibrate --targets FILE [--out DIR] [--workers W] [--quick]
       [--samples N] [--refine-samples N] [--reps R] [--quantile Q] [--check-reps C] [--seed-base S]
       [--ablate] [--morris R] [--levels P] [--docs FILE]

Fits the targets file's free parameters ([[parameter]] key, min, max) to its targets ([[target]]) by
rejection ABC: a Latin hypercube of --samples points over the priors, each run with --reps seeds; a set's
distance is the largest normalised error |median - observed| / tolerance over the fitted targets; sets
within tolerance on every fitted target are accepted (or, if fewer than --quantile of them, the best
--quantile); then a second hypercube of --refine-samples points over the accepted range (widened by 10 %
of the prior) and the same selection over both stages. The best accepted set is then run with
--check-reps seeds for the fit table (the uncalibrated scenario too, for comparison). Every stage is a
sweep directory under DIR (resumable: run the same command again; byte-identical for any --workers).
Writes sets.csv, accepted.csv, posterior.csv, fit.csv, fit.png, posterior.png and report.md into DIR;
--ablate adds the [[switch]] ablation over --check-reps seeds of the best set, --morris R the Morris
table over the parameters' priors (R trajectories), --docs FILE a copy of report.md (docs/calibration.md).
--quick: 16 + 8 samples, 3 reps, 5 check seeds, 4 Morris trajectories (flags given explicitly win).

`

// targetsScenario loads a targets file's scenario: its preset or scenario file (relative to the targets
// file) with its fixed overrides.
func targetsScenario(f *calibrate.File) (*configs.Scenario, error) {
	file := f.Scenario
	if file != "" && !filepath.IsAbs(file) {
		file = filepath.Join(filepath.Dir(f.Path), file)
	}
	s, err := loadScenarioFor(f.Preset, file, f.Set)
	if err != nil {
		return nil, usagef("%s: %v", f.Path, err)
	}
	return s, nil
}

// probesOf turns the targets that read the timeseries into sweep probes ("target:<name>" columns).
func probesOf(ts []calibrate.Target) []sweep.Probe {
	var ps []sweep.Probe
	for _, t := range ts {
		if t.Headline == "" {
			ps = append(ps, sweep.Probe{Name: "target:" + t.Name, Month: t.Month, Scopes: t.Scopes, Column: t.Column, ShareOf: t.ShareOf,
				YearMean: t.Statistic == "year_mean"})
		}
	}
	return ps
}

func targetColumn(t calibrate.Target) string {
	if t.Headline != "" {
		return t.Headline
	}
	return "target:" + t.Name
}

// targetValues reads values[point][rep][target] from a sweep's runs.csv.
func targetValues(runs *runsTable, targets []calibrate.Target, points, reps int) ([][][]float64, error) {
	vals := make([][][]float64, points)
	for i := range vals {
		vals[i] = make([][]float64, reps)
		for r := range reps {
			vals[i][r] = make([]float64, len(targets))
		}
	}
	for t, tg := range targets {
		v, err := runs.col(targetColumn(tg))
		if err != nil {
			return nil, err
		}
		if len(v) != points*reps {
			return nil, fmt.Errorf("runs.csv: %d runs, want %d", len(v), points*reps)
		}
		for id, x := range v {
			vals[id/reps][id%reps][t] = x
		}
	}
	return vals, nil
}

type calibrateRun struct {
	f        *calibrate.File
	base     *configs.Scenario
	m        calibrate.Method
	out      string
	workers  int
	stderr   io.Writer
	ctx      context.Context
	runs     int // model runs computed or found done
	pointStr map[[2]int][]string
}

// stage runs one Latin hypercube stage through the sweep engine.
func (c *calibrateRun) stage(id int, box []calibrate.Param, n int) ([][]float64, [][][]float64, error) {
	d := sweep.Design{Type: sweep.LHS, Samples: n, Reps: c.m.Reps, SeedBase: c.m.SeedBase + uint64(id-1)*1000003}
	for _, p := range box {
		f, err := numericFactor(p.Key, p.Min, p.Max)
		if err != nil {
			return nil, nil, usagef("%s: parameter %s: %v", c.f.Path, p.Key, err)
		}
		d.Factors = append(d.Factors, f)
	}
	cmd := []string{"dongshu-batch", "calibrate", "--stage", strconv.Itoa(id)}
	sp := &sweep.Spec{Base: c.base, Design: d, Format: sweep.CSV, Version: version(), Command: cmd, Probes: probesOf(c.f.Targets)}
	if err := sp.Prepare(); err != nil {
		return nil, nil, usageError{fmt.Errorf("calibrate: %s: %w", c.f.Path, err)}
	}
	dir := filepath.Join(c.out, fmt.Sprintf("stage%d", id))
	fmt.Fprintf(c.stderr, "calibrate: stage %d: %d points x %d seeds\n", id, n, c.m.Reps)
	if _, err := execSweep(c.ctx, sp, dir, c.workers, "calibrate", c.stderr); err != nil {
		return nil, nil, err
	}
	c.runs += sp.Design.NumRuns()
	runs, err := readRuns(dir)
	if err != nil {
		return nil, nil, err
	}
	pts := make([][]float64, n)
	for i, p := range sp.Design.Points {
		c.pointStr[[2]int{id, i}] = p
		pts[i] = make([]float64, len(p))
		for j, s := range p {
			pts[i][j], _ = strconv.ParseFloat(s, 64)
		}
	}
	vals, err := targetValues(runs, c.f.Targets, n, c.m.Reps)
	return pts, vals, err
}

// check runs a scenario with seeds and fits every target.
func (c *calibrateRun) check(name string, s *configs.Scenario, reps int) ([]calibrate.TargetFit, float64, error) {
	sp := &sweep.Spec{Base: s, Design: sweep.Design{Type: sweep.Full, Reps: reps, SeedBase: c.m.SeedBase}, Format: sweep.CSV,
		Version: version(), Command: []string{"dongshu-batch", "calibrate", "--check", name}, Probes: probesOf(c.f.Targets)}
	if err := sp.Prepare(); err != nil {
		return nil, 0, usageError{fmt.Errorf("calibrate: %w", err)}
	}
	dir := filepath.Join(c.out, name)
	fmt.Fprintf(c.stderr, "calibrate: %s: %d seeds\n", name, reps)
	if _, err := execSweep(c.ctx, sp, dir, c.workers, "calibrate", c.stderr); err != nil {
		return nil, 0, err
	}
	c.runs += reps
	runs, err := readRuns(dir)
	if err != nil {
		return nil, 0, err
	}
	vals, err := targetValues(runs, c.f.Targets, 1, reps)
	if err != nil {
		return nil, 0, err
	}
	fits, d := calibrate.Evaluate(c.f.Targets, vals[0])
	return fits, d, nil
}

func calibrateCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("calibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fl := defineCalibrateFlags(fs)
	fs.Usage = func() { fmt.Fprint(stderr, calibrateUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("calibrate: unexpected argument %q", fs.Arg(0))
	}
	if *fl.targets == "" {
		fs.Usage()
		return usagef("calibrate: --targets FILE is required")
	}
	f, err := calibrate.Load(*fl.targets)
	if err != nil {
		return usageError{err}
	}
	if len(f.Params) == 0 {
		return usagef("%s: no [[parameter]] to fit", f.Path)
	}
	m, err := fl.method(fs, f)
	if err != nil {
		return err
	}
	base, err := targetsScenario(f)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	start, computed0 := time.Now(), computedRuns.Load()
	c := &calibrateRun{f: f, base: base, m: m, out: *fl.out, workers: *fl.workers, stderr: stderr, ctx: ctx, pointStr: map[[2]int][]string{}}
	rep, best, err := c.fit()
	if err != nil {
		return err
	}
	if *fl.ablate && len(f.Switches) > 0 {
		if err := c.ablate(rep, best); err != nil {
			return err
		}
	}
	if *fl.morris > 0 {
		if err := c.morris(rep, *fl.morris, *fl.levels); err != nil {
			return err
		}
	}
	if *fl.sobolN > 0 {
		n := *fl.sobolN
		if *fl.quick {
			n = min(n, 8)
		}
		if err := c.sobol(rep, n); err != nil {
			return err
		}
	}
	rep.runs = c.runs
	if err := rep.write(*fl.out, *fl.docs); err != nil {
		return err
	}
	within := 0
	for i, t := range f.Targets {
		if t.Fit() && rep.bestFits[i].Within {
			within++
		}
	}
	fmt.Fprintf(stdout, "calibrate: %d model runs (%d computed now, in %.1fs on %d workers); %d of %d sets accepted (%s); best set within tolerance on %d fitted targets -> %s\n",
		c.runs, computedRuns.Load()-computed0, time.Since(start).Seconds(), *fl.workers, countAccepted(rep.res.Sets), len(rep.res.Sets), rep.res.Rule, within, filepath.Join(*fl.out, "report.md"))
	return nil
}

// calibrateFlags are calibrate's flags as given.
type calibrateFlags struct {
	targets, out, docs                                                *string
	workers, samples, refine, reps, checkReps, morris, levels, sobolN *int
	quick, ablate                                                     *bool
	quantile                                                          *float64
	seedBase                                                          *uint64
}

// defineCalibrateFlags declares calibrate's flags on fs.
func defineCalibrateFlags(fs *flag.FlagSet) calibrateFlags {
	return calibrateFlags{
		targets:   fs.String("targets", "", "targets TOML `FILE` (required)"),
		out:       fs.String("out", "out/calibrate", "output `DIR`"),
		workers:   fs.Int("workers", runtime.NumCPU(), "parallel workers `W`"),
		quick:     fs.Bool("quick", false, "a small run (16+8 samples, 3 reps, 5 check seeds, 4 Morris trajectories)"),
		samples:   fs.Int("samples", 60, "first-stage Latin hypercube points `N` (default: file's, else 60)"),
		refine:    fs.Int("refine-samples", 30, "refinement points `N` (default: file's, else 30; 0: none)"),
		reps:      fs.Int("reps", 5, "seeds `R` per point (default: file's, else 5)"),
		quantile:  fs.Float64("quantile", -1, "accept at least the best fraction `Q` (default: file's, else 0.1)"),
		checkReps: fs.Int("check-reps", 20, "seeds `C` of the fit table and ablation (default: file's, else 20)"),
		seedBase:  fs.Uint64("seed-base", 0, "seed base `S` (default: file's, else 1)"),
		ablate:    fs.Bool("ablate", false, "also run the file's [[switch]] ablation on the best set"),
		morris:    fs.Int("morris", 0, "also run Morris with `R` trajectories over the parameters' priors (0: no)"),
		levels:    fs.Int("levels", 4, "Morris grid levels `P`"),
		sobolN:    fs.Int("sobol", 0, "also compute Sobol indices over the parameters' priors with `N` base samples (0: no)"),
		docs:      fs.String("docs", "", "also write the report to `FILE` (docs/calibration.md)"),
	}
}

// method is the calibration method: a flag given wins, then --quick, then the file's [method], then the
// default; --quick also caps --morris at 4.
func (fl calibrateFlags) method(fs *flag.FlagSet, f *calibrate.File) (calibrate.Method, error) {
	m := f.Method
	m.Samples = choose(fs, "samples", *fl.samples, *fl.quick, 16, f.Method.Samples, 60)
	m.RefineSamples = choose(fs, "refine-samples", *fl.refine, *fl.quick, 8, f.Method.RefineSamples, 30)
	m.Reps = choose(fs, "reps", *fl.reps, *fl.quick, 3, f.Method.Reps, 5)
	m.CheckReps = choose(fs, "check-reps", *fl.checkReps, *fl.quick, 5, f.Method.CheckReps, 20)
	if *fl.quantile >= 0 {
		m.Quantile = *fl.quantile
	} else if m.Quantile == 0 {
		m.Quantile = 0.1
	}
	if *fl.seedBase > 0 {
		m.SeedBase = *fl.seedBase
	} else if m.SeedBase == 0 {
		m.SeedBase = 1
	}
	if *fl.quick && *fl.morris > 4 {
		*fl.morris = 4
	}
	if m.Samples < 1 || m.RefineSamples < 0 || m.Reps < 1 || m.CheckReps < 1 {
		return m, usagef("calibrate: --samples, --reps and --check-reps must be >= 1, --refine-samples >= 0")
	}
	if m.Quantile <= 0 || m.Quantile > 1 || *fl.workers < 1 || *fl.morris < 0 || *fl.morris == 1 {
		return m, usagef("calibrate: --quantile in (0, 1], --workers >= 1, --morris 0 or >= 2")
	}
	return m, nil
}

// fit runs the calibration's stages, then checks the reference scenario and the best set on the check
// seeds; it returns the report so far and the best set's scenario.
func (c *calibrateRun) fit() (*calibReport, *configs.Scenario, error) {
	res, err := calibrate.Run(c.f.Targets, c.f.Params, c.m, c.stage)
	if err != nil {
		return nil, nil, err
	}
	refFits, refDist, err := c.check("reference", c.base, c.m.CheckReps)
	if err != nil {
		return nil, nil, err
	}
	b := calibrate.Best(res.Sets)
	if b < 0 {
		return nil, nil, fmt.Errorf("calibrate: no set accepted")
	}
	best := c.base.Clone()
	var bestSets []string
	for j, p := range c.f.Params {
		kv := p.Key + "=" + c.pointStr[[2]int{res.Sets[b].Stage, res.Sets[b].Point}][j]
		bestSets = append(bestSets, kv)
		if err := best.Set(kv); err != nil {
			return nil, nil, err
		}
	}
	bestFits, bestDist, err := c.check("best", best, c.m.CheckReps)
	if err != nil {
		return nil, nil, err
	}
	return &calibReport{f: c.f, m: c.m, res: res, best: b, bestSets: bestSets, refFits: refFits, refDist: refDist,
		bestFits: bestFits, bestDist: bestDist}, best, nil
}

// ablate runs the file's [[switch]] ablation on the best set into the report.
func (c *calibrateRun) ablate(rep *calibReport, best *configs.Scenario) error {
	var sw []ablSwitch
	for _, s := range c.f.Switches {
		sw = append(sw, ablSwitch{s.Name, s.Set})
	}
	outs := c.f.Outcomes
	if len(outs) == 0 {
		outs = []string{"northwest_utilisation_2022", "east_hubs_utilisation_2022", "overbuild_mean_mw"}
	}
	rows, err := runAblation(c.ctx, best, sw, c.m.CheckReps, c.m.SeedBase, outs, filepath.Join(c.out, "ablate"), c.workers, c.stderr)
	if err != nil {
		return err
	}
	c.runs += (len(sw) + 1) * c.m.CheckReps
	rep.ablation, rep.switches = rows, c.f.Switches
	return nil
}

// morris screens the parameters' priors with r Morris trajectories on a grid of levels into the report.
func (c *calibrateRun) morris(rep *calibReport, r, levels int) error {
	factors, err := paramFactors(c.f)
	if err != nil {
		return err
	}
	outs := screenedOutcomes(c.f)
	cmd := []string{"dongshu-batch", "calibrate", "--morris", strconv.Itoa(r), "--levels", strconv.Itoa(levels)}
	dir := filepath.Join(c.out, "morris")
	if err := runMorris(c.ctx, c.base, factors, r, levels, 1, c.m.SeedBase, cmd, dir, c.workers, c.stderr); err != nil {
		return err
	}
	c.runs += r * (len(factors) + 1)
	if rep.morris, err = analyseMorris(dir, outs, c.m.SeedBase); err != nil {
		return err
	}
	rep.morrisR, rep.morrisLevels = r, levels
	return nil
}

// sobol computes the Sobol indices over the parameters' priors with n base samples into the report.
func (c *calibrateRun) sobol(rep *calibReport, n int) error {
	factors, err := paramFactors(c.f)
	if err != nil {
		return err
	}
	outs := screenedOutcomes(c.f)
	cmd := []string{"dongshu-batch", "calibrate", "--sobol", strconv.Itoa(n), "--method", "sobol"}
	dir := filepath.Join(c.out, "sobol")
	if err := runSobol(c.ctx, c.base, factors, n, 1, c.m.SeedBase, cmd, dir, c.workers, c.stderr); err != nil {
		return err
	}
	c.runs += n * (len(factors) + 2)
	if rep.sobol, err = analyseSobol(dir, outs, c.m.SeedBase); err != nil {
		return err
	}
	rep.sobolN = n
	return nil
}

func countAccepted(sets []calibrate.Set) int {
	n := 0
	for _, s := range sets {
		if s.Accepted {
			n++
		}
	}
	return n
}

// calibReport writes the tables, charts and report.md.
type calibReport struct {
	f                 *calibrate.File
	m                 calibrate.Method
	res               *calibrate.Result
	best              int
	bestSets          []string
	refFits, bestFits []calibrate.TargetFit
	refDist, bestDist float64
	ablation          []ablationRow
	switches          []calibrate.Switch
	morris            []morrisRow
	morrisR           int
	morrisLevels      int
	sobol             []sobolRow
	sobolN            int
	runs              int
}

func (r *calibReport) write(out, docs string) error {
	f, res := r.f, r.res
	// sets.csv and accepted.csv
	hdr := []string{"stage", "point"}
	for _, p := range f.Params {
		hdr = append(hdr, p.Key)
	}
	hdr = append(hdr, "distance", "mean_error", "pareto", "accepted")
	for _, t := range f.Targets {
		hdr = append(hdr, t.Name+"_median")
	}
	var all, acc [][]string
	for _, s := range res.Sets {
		row := []string{strconv.Itoa(s.Stage), strconv.Itoa(s.Point)}
		for _, v := range s.Values {
			row = append(row, fmtG(v))
		}
		row = append(row, fmtG(s.Distance), fmtG(s.MeanErr), strconv.FormatBool(s.Pareto), strconv.FormatBool(s.Accepted))
		for _, ft := range s.Fits {
			row = append(row, fmtG(ft.Median))
		}
		all = append(all, row)
		if s.Accepted {
			acc = append(acc, row)
		}
	}
	files := map[string][]byte{
		"sets.csv":     csvTable(hdr, all),
		"accepted.csv": csvTable(hdr, acc),
	}
	var post [][]string
	for _, p := range res.Posterior {
		post = append(post, []string{p.Key, fmtG(p.Min), fmtG(p.Max), fmtG(p.Median), fmtG(p.P10), fmtG(p.P90), fmtG(p.Lo), fmtG(p.Hi), strconv.Itoa(p.N)})
	}
	files["posterior.csv"] = csvTable([]string{"key", "prior_min", "prior_max", "median", "p10", "p90", "min", "max", "n"}, post)
	var fit [][]string
	for i, t := range f.Targets {
		for _, w := range []struct {
			name string
			ft   calibrate.TargetFit
		}{{"reference", r.refFits[i]}, {"best", r.bestFits[i]}} {
			fit = append(fit, []string{w.name, t.Name, useOf(t), t.Where(), fmtG(t.Observed), kindOf(t), fmtG(t.Tolerance), t.Source,
				fmtG(w.ft.Median), fmtG(w.ft.P10), fmtG(w.ft.P90), fmtG(w.ft.Err), withinText(w.ft)})
		}
	}
	files["fit.csv"] = csvTable([]string{"scenario", "target", "use", "measure", "observed", "kind", "tolerance", "source",
		"median", "p10", "p90", "error", "within"}, fit)
	var err error
	if files["fit.png"], err = calibrate.FitChart(f.Targets, r.bestFits); err != nil {
		return err
	}
	if files["posterior.png"], err = calibrate.PosteriorChart(res.Posterior); err != nil {
		return err
	}
	md := r.markdown()
	files["report.md"] = []byte(md)
	for name, b := range files {
		if err := writeFileAtomic(filepath.Join(out, name), b); err != nil {
			return err
		}
	}
	if docs != "" {
		return writeFileAtomic(docs, []byte(md))
	}
	return nil
}

func useOf(t calibrate.Target) string {
	if t.Fit() {
		return "fit"
	}
	return "holdout"
}

func kindOf(t calibrate.Target) string {
	if t.Kind == "" {
		return "equal"
	}
	return t.Kind
}

func withinText(ft calibrate.TargetFit) string {
	switch {
	case math.IsNaN(ft.Err):
		return "not simulated"
	case ft.Within:
		return "yes"
	}
	return "no"
}

func (r *calibReport) fitTable(fits []calibrate.TargetFit, holdout bool) string {
	var t [][]string
	for i, tg := range r.f.Targets {
		if tg.Fit() == holdout {
			continue
		}
		ft := fits[i]
		band := "–"
		if !math.IsNaN(ft.P10) {
			band = fmt.Sprintf("%s – %s", fmtNum(ft.P10), fmtNum(ft.P90))
		}
		t = append(t, []string{tg.Name, tg.Where(), tg.Label() + " ± " + fmtNum(tg.Tolerance), fmtNum(ft.Median),
			band, withinText(ft), "`" + tg.Source + "`"})
	}
	if len(t) == 0 {
		return "(none)\n"
	}
	return mdTable([]string{"target", "measure", "observed ± tolerance", "model median", "10–90 %", "within", "source"}, t)
}

func (r *calibReport) markdown() string {
	f, m, res := r.f, r.m, r.res
	var b strings.Builder
	fmt.Fprintf(&b, "# Calibration\n\n*Generated by `make calibrate` (`dongshu-batch calibrate --targets %s`); do not edit by hand.*\n\n", filepath.ToSlash(f.Path))
	fmt.Fprintf(&b, "Method (docs/experiments.md): rejection ABC over a Latin hypercube of %d points on the priors, %d seeds each; "+
		"a set's distance is its largest normalised error |median − observed| / tolerance over the fitted targets; "+
		"accepted: %s; then %d refinement points over the accepted range (widened by 10 %% of the prior) and the same selection over both stages. "+
		"The fit tables run the best accepted set (smallest distance, then mean error) and the uncalibrated scenario with %d seeds (seed base %d). %d model runs in all.\n\n",
		m.Samples, m.Reps, res.Rule, m.RefineSamples, m.CheckReps, m.SeedBase, r.runs)
	fmt.Fprintf(&b, "%d of %d sets accepted, %d on the Pareto front over the fitted targets.\n\n", countAccepted(res.Sets), len(res.Sets), countPareto(res.Sets))
	b.WriteString(r.paretoTable())
	b.WriteString("## Free parameters: posterior\n\n")
	var pt [][]string
	for _, p := range res.Posterior {
		pt = append(pt, []string{"`" + p.Key + "`", fmt.Sprintf("%s – %s", fmtNum(p.Min), fmtNum(p.Max)), fmtNum(p.Median),
			fmt.Sprintf("%s – %s", fmtNum(p.P10), fmtNum(p.P90)), p.Source})
	}
	b.WriteString(mdTable([]string{"key", "prior", "posterior median", "10–90 %", "prior from"}, pt))
	fmt.Fprintf(&b, "\nBest set (distance %s over %d seeds): `%s`.\n\n", fmtNum(r.bestDist), m.CheckReps, strings.Join(r.bestSets, " "))
	fmt.Fprintf(&b, "## Fit to the targets (best set, %d seeds)\n\n", m.CheckReps)
	b.WriteString(r.fitTable(r.bestFits, false))
	b.WriteString("\n### Out of sample (not in the fit)\n\n")
	b.WriteString(r.fitTable(r.bestFits, true))
	fmt.Fprintf(&b, "\n## The scenario's own values, as the TOML file sets them (%d seeds, distance %s)\n\n", m.CheckReps, fmtNum(r.refDist))
	b.WriteString(r.fitTable(r.refFits, false))
	b.WriteString("\n" + r.fitTable(r.refFits, true))
	b.WriteString("\n\"not simulated\": the target's month lies outside the scenario's run (it is left out of the distance).\n")
	if len(r.ablation) > 0 {
		fmt.Fprintf(&b, "\n## Ablation (best set, %d seeds; median [10 %%, 90 %%] (change of the median))\n\n", m.CheckReps)
		b.WriteString(ablationText(r.ablation))
		b.WriteString("\n")
		var st [][]string
		for _, s := range r.switches {
			st = append(st, []string{s.Name, "`" + strings.Join(s.Set, "` `") + "`", s.Note})
		}
		b.WriteString(mdTable([]string{"switch", "overrides", "what it turns off"}, st))
	}
	if len(r.morris) > 0 {
		fmt.Fprintf(&b, "\n## Morris elementary effects (priors, %d trajectories, %d levels, 1 seed per point)\n\n", r.morrisR, r.morrisLevels)
		b.WriteString("mu* is the mean absolute change of the outcome when the parameter moves across its whole prior range; sigma large against mu* means interactions or non-linearity.\n\n")
		b.WriteString(morrisText(r.morris))
	}
	if len(r.sobol) > 0 {
		fmt.Fprintf(&b, "\n## Sobol indices (priors, Saltelli scheme, %d base samples, %d runs, 1 seed per point)\n\n", r.sobolN, r.sobolN*(len(r.f.Params)+2))
		b.WriteString("S1: share of the outcome's variance due to the parameter alone; ST: share involving it (with interactions). " +
			"With few base samples the intervals are wide (seed noise is part of the variance): read the ranking, not the decimals.\n\n")
		b.WriteString(sobolText(r.sobol))
	}
	return b.String()
}

func countPareto(sets []calibrate.Set) int {
	n := 0
	for _, s := range sets {
		if s.Pareto {
			n++
		}
	}
	return n
}

// choose resolves a method count: the flag if given, then the quick value, the file's, the default.
func choose(fs *flag.FlagSet, name string, flagV int, quick bool, quickV, fileV, dflt int) int {
	switch {
	case flagSet(fs, name):
		return flagV
	case quick:
		return quickV
	case fileV > 0:
		return fileV
	}
	return dflt
}

// paretoTable lists the Pareto front over the fitted targets (at most 12 sets, by distance): which
// parameter values trade one target against another.
func (r *calibReport) paretoTable() string {
	var front []calibrate.Set
	for _, s := range r.res.Sets {
		if s.Pareto {
			front = append(front, s)
		}
	}
	slices.SortStableFunc(front, func(a, b calibrate.Set) int { return cmpAsc(a.Distance, b.Distance) })
	if len(front) > 12 {
		front = front[:12]
	}
	hdr := []string{"stage.point", "distance"}
	for _, p := range r.f.Params {
		hdr = append(hdr, "`"+p.Key+"`")
	}
	var fit []int
	for t, tg := range r.f.Targets {
		if tg.Fit() && len(front) > 0 && !math.IsNaN(front[0].Fits[t].Err) {
			fit = append(fit, t)
			hdr = append(hdr, r.f.Targets[t].Name+" err")
		}
	}
	var rows [][]string
	for _, s := range front {
		row := []string{fmt.Sprintf("%d.%d", s.Stage, s.Point), fmtNum(s.Distance)}
		for _, v := range s.Values {
			row = append(row, fmtNum(v))
		}
		for _, t := range fit {
			row = append(row, fmtNum(s.Fits[t].Err))
		}
		rows = append(rows, row)
	}
	return "### Pareto front over the fitted targets (normalised errors; <= 1 is within tolerance)\n\n" + mdTable(hdr, rows) + "\n"
}

func cmpAsc(a, b float64) int { return -cmpDesc(a, b) }

// paramFactors are the targets file's free parameters as sweep factors over their prior ranges.
func paramFactors(f *calibrate.File) ([]sweep.Factor, error) {
	var factors []sweep.Factor
	for _, p := range f.Params {
		fa, err := numericFactor(p.Key, p.Min, p.Max)
		if err != nil {
			return nil, usagef("%s: %v", f.Path, err)
		}
		factors = append(factors, fa)
	}
	return factors, nil
}

// screenedOutcomes are the outcomes the Morris and Sobol tables show: the file's, or the 2022 pattern and
// the overbuild.
func screenedOutcomes(f *calibrate.File) []string {
	if len(f.Outcomes) > 0 {
		return f.Outcomes
	}
	return []string{agents.NorthwestUtil2022.String(), agents.EastHubsUtil2022.String(), agents.OverbuildMeanMW.String()}
}

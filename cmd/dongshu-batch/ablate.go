package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"dongshu/configs"
	"dongshu/internal/calibrate"
	"dongshu/internal/sweep"
)

const ablateUsage = `usage: dongshu-batch ablate [--targets FILE | [--preset NAME | --scenario FILE] [--set key=value]...]
       --switch 'name:key=value;key=value' [--switch ...] [--reps N] [--seed-base S] [--outcomes a,b|all]
       [--workers W] [--out DIR]

Ablation: runs the reference scenario and, for every switch, the reference with the switch's overrides
(one mechanism turned off), each over the same N seeds (common random numbers), through the sweep engine
(DIR/reference, DIR/<switch>: resumable, byte-identical for any --workers). Writes ablation.csv (switch,
outcome, median, p10, p90, change of the median against the reference) and prints the table. With
--targets, the scenario, the switches ([[switch]]) and the outcomes come from a targets file.

`

// ablSwitch is a switch with its overrides (the reference has none).
type ablSwitch struct {
	name string
	sets []string
}

// ablationRow is one line of ablation.csv.
type ablationRow struct {
	Switch, Outcome string
	calibrate.Band
	Delta float64 // median - the reference's median
}

func parseSwitch(s string) (ablSwitch, error) {
	name, rest, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || name == "reference" || strings.ContainsAny(name, `/\ `) {
		return ablSwitch{}, usagef("ablate: --switch %q: want name:key=value;key=value (name without spaces or slashes, not reference)", s)
	}
	var sets []string
	for _, kv := range strings.Split(rest, ";") {
		if kv = strings.TrimSpace(kv); kv != "" {
			sets = append(sets, kv)
		}
	}
	if len(sets) == 0 {
		return ablSwitch{}, usagef("ablate: --switch %q: no override", s)
	}
	return ablSwitch{name, sets}, nil
}

func ablateCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ablate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	var switches multiFlag
	fs.StringVar(&sf.preset, "preset", "", "embedded preset `NAME` (default baseline)")
	fs.StringVar(&sf.file, "scenario", "", "scenario TOML `FILE`")
	fs.Var(&sf.sets, "set", "a fixed override of the reference `key=value` (repeatable)")
	fs.Var(&switches, "switch", "a switch `name:key=value;key=value` (repeatable)")
	targets := fs.String("targets", "", "take scenario, switches and outcomes from a targets `FILE`")
	reps := fs.Int("reps", 20, "seeds `N` per switch")
	seedBase := fs.Uint64("seed-base", 1, "seed base `S`")
	outcomes := fs.String("outcomes", "northwest_utilisation_2022,east_hubs_utilisation_2022,overbuild_mean_mw", "headline outcomes, comma-separated, or all")
	workers := fs.Int("workers", runtime.NumCPU(), "parallel workers `W`")
	out := fs.String("out", "out/ablate", "output `DIR`")
	fs.Usage = func() { fmt.Fprint(stderr, ablateUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("ablate: unexpected argument %q", fs.Arg(0))
	}
	if *reps < 1 || *workers < 1 {
		return usagef("ablate: --reps and --workers must be >= 1")
	}
	var sw []ablSwitch
	for _, s := range switches {
		a, err := parseSwitch(s)
		if err != nil {
			return err
		}
		sw = append(sw, a)
	}
	var base *configs.Scenario
	var err error
	outs, err := parseOutcomes(*outcomes)
	if err != nil {
		return err
	}
	if *targets != "" {
		if sf.preset != "" || sf.file != "" || len(sf.sets) > 0 {
			return usagef("ablate: --targets takes the scenario from the file; drop --preset, --scenario and --set")
		}
		f, err := calibrate.Load(*targets)
		if err != nil {
			return usageError{err}
		}
		if base, err = targetsScenario(f); err != nil {
			return err
		}
		for _, s := range f.Switches {
			sw = append(sw, ablSwitch{s.Name, s.Set})
		}
		if len(f.Outcomes) > 0 && !flagSet(fs, "outcomes") {
			outs = f.Outcomes
		}
	} else if base, err = sf.load(); err != nil {
		return err
	}
	if len(sw) == 0 {
		return usagef("ablate: no switch (give --switch or a targets file with [[switch]])")
	}
	ctx, stop := interruptible()
	defer stop()
	rows, err := runAblation(ctx, base, sw, *reps, *seedBase, outs, *out, *workers, stderr)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, ablationText(rows))
	return nil
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// runAblation runs the reference and every switch over reps seeds and writes DIR/ablation.csv.
func runAblation(ctx context.Context, base *configs.Scenario, sw []ablSwitch, reps int, seedBase uint64, outcomes []string,
	dir string, workers int, stderr io.Writer) ([]ablationRow, error) {
	all := append([]ablSwitch{{name: "reference"}}, sw...)
	bands := make([][]calibrate.Band, len(all))
	for i, a := range all {
		s := base.Clone()
		var problems []string
		for _, kv := range a.sets {
			if err := s.Set(kv); err != nil {
				problems = append(problems, err.Error())
			}
		}
		if err := s.Validate(); err != nil {
			problems = append(problems, err.Error())
		}
		if len(problems) > 0 {
			return nil, usagef("ablate: switch %s: %s", a.name, strings.Join(problems, "; "))
		}
		cmd := []string{"dongshu-batch", "ablate", "--switch", a.name + ":" + strings.Join(a.sets, ";"),
			"--reps", strconv.Itoa(reps), "--seed-base", strconv.FormatUint(seedBase, 10)}
		sp := &sweep.Spec{Base: s, Design: sweep.Design{Type: sweep.Full, Reps: reps, SeedBase: seedBase}, Format: sweep.CSV,
			Version: version(), Command: cmd}
		if err := sp.Prepare(); err != nil {
			return nil, usageError{fmt.Errorf("ablate: switch %s: %w", a.name, err)}
		}
		sub := filepath.Join(dir, a.name)
		fmt.Fprintf(stderr, "ablate: %s (%d runs)\n", a.name, reps)
		if _, err := execSweep(ctx, sp, sub, workers, "ablate", stderr); err != nil {
			return nil, err
		}
		runs, err := readRuns(sub)
		if err != nil {
			return nil, err
		}
		for _, o := range outcomes {
			v, err := runs.col(o)
			if err != nil {
				return nil, err
			}
			bands[i] = append(bands[i], calibrate.BandOf(v))
		}
	}
	var rows []ablationRow
	var csvRows [][]string
	for i, a := range all {
		for j, o := range outcomes {
			r := ablationRow{a.name, o, bands[i][j], bands[i][j].Median - bands[0][j].Median}
			rows = append(rows, r)
			csvRows = append(csvRows, []string{r.Switch, r.Outcome, fmtG(r.Median), fmtG(r.P10), fmtG(r.P90), fmtG(r.Delta)})
		}
	}
	return rows, writeFileAtomic(filepath.Join(dir, "ablation.csv"),
		csvTable([]string{"switch", "outcome", "median", "p10", "p90", "delta_median"}, csvRows))
}

// ablationText is the table: one row per switch, one column per outcome ("median [p10, p90] (±delta)").
func ablationText(rows []ablationRow) string {
	var outcomes, switches []string
	cell := map[[2]string]ablationRow{}
	for _, r := range rows {
		if !contains(outcomes, r.Outcome) {
			outcomes = append(outcomes, r.Outcome)
		}
		if !contains(switches, r.Switch) {
			switches = append(switches, r.Switch)
		}
		cell[[2]string{r.Switch, r.Outcome}] = r
	}
	var t [][]string
	for _, s := range switches {
		line := []string{s}
		for _, o := range outcomes {
			r := cell[[2]string{s, o}]
			c := fmt.Sprintf("%s [%s, %s]", fmtNum(r.Median), fmtNum(r.P10), fmtNum(r.P90))
			if s != "reference" {
				c += fmt.Sprintf(" (%+.3g)", r.Delta)
			}
			line = append(line, c)
		}
		t = append(t, line)
	}
	return mdTable(append([]string{"switch"}, outcomes...), t)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

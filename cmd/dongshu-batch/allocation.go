package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/atomicfile"
)

// allocationCmd runs a scenario up to a month, writes that month's allocation instance as a CPLEX LP file
// and prints our solver's optimum as the last line, `objective <number>`, in the LP's own units, so that
// any LP solver can re-solve the file and be compared.
func allocationCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("allocation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	sf.register(fs)
	month := fs.String("month", "", "the month `YYYY-MM` whose allocation to write (required)")
	lp := fs.String("lp", "", "CPLEX LP output `FILE` (required)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch allocation --month YYYY-MM [--preset NAME | --scenario FILE] [--seed N] [--set key=value]... [--scale N] --lp FILE\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("allocation: unexpected argument %q", fs.Arg(0))
	}
	if *month == "" || *lp == "" {
		return usagef("allocation: --month and --lp are required")
	}
	target, err := configs.ParseMonth(*month)
	if err != nil {
		return usagef("--month: %v", err)
	}
	s, err := sf.load()
	if err != nil {
		return err
	}
	m, err := agents.New(s)
	if err != nil {
		return usageError{err}
	}
	if target < m.W.Start || target > m.W.End {
		return usagef("--month %s is outside the scenario (%s..%s)", *month, s.Start, s.End)
	}
	if err := m.StepUntil(target); err != nil {
		return err
	}
	m.StepToAllocation()
	w := m.W
	inst := w.Alloc.Instance(w)
	if _, err := w.Alloc.Optimise(); err != nil {
		return err
	}
	if dir := filepath.Dir(*lp); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := atomicfile.Write(*lp, inst.WriteLP); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s seed %d, %s: %d nodes, %d arcs -> %s\n", s.Name, s.Seed, *month, inst.Nodes, len(inst.From), *lp)
	fmt.Fprintf(stdout, "objective %d\n", w.Alloc.Objective())
	return nil
}

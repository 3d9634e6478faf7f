package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/atomicfile"
)

// allocationCmd runs a scenario up to a month, writes that month's allocation instance as a CPLEX LP file
// and/or a DIMACS min-cost-flow file, and prints our solver's optimum as the last line, `objective <number>`, in the LP's own units, so that
// any LP solver can re-solve the file and be compared.
func allocationCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("allocation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	sf.register(fs)
	month := fs.String("month", "", "the month `YYYY-MM` whose allocation to write (required)")
	lp := fs.String("lp", "", "CPLEX LP output `FILE` (glpsol --lp reads it)")
	dimacs := fs.String("dimacs", "", "DIMACS min-cost-flow output `FILE` (LEMON, CS2, networkx read it)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch allocation --month YYYY-MM [--preset NAME | --scenario FILE] [--seed N] [--set key=value]... [--scale N] [--lp FILE] [--dimacs FILE]\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("allocation: unexpected argument %q", fs.Arg(0))
	}
	if *month == "" || (*lp == "" && *dimacs == "") {
		return usagef("allocation: --month and --lp or --dimacs (or both) are required")
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
	var written []string
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{*lp, inst.WriteLP}, {*dimacs, inst.WriteDIMACS}} {
		if out.path == "" {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(out.path), 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(out.path, out.write); err != nil {
			return err
		}
		written = append(written, out.path)
	}
	fmt.Fprintf(stdout, "%s seed %d, %s: %d nodes, %d arcs -> %s\n", s.Name, s.Seed, *month, inst.Nodes, len(inst.From), strings.Join(written, ", "))
	fmt.Fprintf(stdout, "objective %d\n", w.Alloc.Objective())
	return nil
}

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
	"dongshu/economy/flow"
	"dongshu/internal/atomicfile"
)

// allocationCmd runs a scenario up to a month, writes that month's allocation instance as a CPLEX LP file
// and/or a DIMACS min-cost-flow file, and prints our solver's optimum as the last line, `objective <number>`, in the LP's own units, so that
// any LP solver can re-solve the file and be compared.
func allocationCmd(args []string, stdout, stderr io.Writer) error {
	a, err := parseAllocation(args, stderr)
	if err != nil {
		return err
	}
	s, err := a.sf.load()
	if err != nil {
		return err
	}
	m, err := agents.New(s)
	if err != nil {
		return usageError{err}
	}
	if a.target < m.W.Start || a.target > m.W.End {
		return usagef("--month %s is outside the scenario (%s..%s)", a.month, s.Start, s.End)
	}
	monthly, err := stepToAllocation(m, a.target, a.timing)
	if err != nil {
		return err
	}
	w := m.W
	inst := w.Alloc.Instance(w)
	if a.timing {
		d, err := timeAllocation(w)
		if err != nil {
			return err
		}
		monthly = append(monthly, d)
	} else if _, err := w.Alloc.Optimise(); err != nil {
		return err
	}
	written, err := writeInstance(inst, a.lp, a.dimacs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s seed %d, %s: %d nodes, %d arcs -> %s\n", s.Name, s.Seed, a.month, inst.Nodes, len(inst.From), strings.Join(written, ", "))
	if a.timing {
		if err := printTiming(stdout, inst, w.Alloc.Objective(), monthly, a.month); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "objective %d\n", w.Alloc.Objective())
	return nil
}

// allocationFlags is the allocation command's line.
type allocationFlags struct {
	sf                scenarioFlags
	month, lp, dimacs string
	target            configs.Month // month, parsed
	timing            bool
}

// parseAllocation parses and checks the allocation command's line.
func parseAllocation(args []string, stderr io.Writer) (*allocationFlags, error) {
	a := &allocationFlags{}
	fs := flag.NewFlagSet("allocation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	a.sf.register(fs)
	fs.StringVar(&a.month, "month", "", "the month `YYYY-MM` whose allocation to write (required)")
	fs.StringVar(&a.lp, "lp", "", "CPLEX LP output `FILE` (glpsol --lp reads it)")
	fs.StringVar(&a.dimacs, "dimacs", "", "DIMACS min-cost-flow output `FILE` (LEMON, CS2, networkx read it)")
	fs.BoolVar(&a.timing, "time", false, "also time the allocator month to month (instance rebuilt, solved warm from last month's basis) over the 12 months to --month, and a cold solve of the month's instance")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch allocation --month YYYY-MM [--preset NAME | --scenario FILE] [--seed N] [--set key=value]... [--scale N] [--lp FILE] [--dimacs FILE] [--time]\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("allocation: unexpected argument %q", fs.Arg(0))
	}
	if a.month == "" || (a.lp == "" && a.dimacs == "") {
		return nil, usagef("allocation: --month and --lp or --dimacs (or both) are required")
	}
	var err error
	if a.target, err = configs.ParseMonth(a.month); err != nil {
		return nil, usagef("--month: %v", err)
	}
	return a, nil
}

// stepToAllocation runs m up to target's allocation. With timing, it times the allocator month to month
// over the 12 months before target and returns those times.
func stepToAllocation(m *agents.Model, target configs.Month, timing bool) ([]time.Duration, error) {
	if !timing {
		if err := m.StepUntil(target); err != nil {
			return nil, err
		}
		m.StepToAllocation()
		return nil, nil
	}
	if err := m.StepUntil(max(m.W.Start, target-12)); err != nil {
		return nil, err
	}
	// As BenchmarkAllocateScale: the month's instance built again and solved warm from last month's
	// basis is what is timed; the month then finishes as in any run (its solve restarts from the
	// optimum just found: the run is unchanged).
	var monthly []time.Duration
	for m.W.Now+1 < target {
		m.StepToAllocation()
		d, err := timeAllocation(m.W)
		if err != nil {
			return nil, err
		}
		monthly = append(monthly, d)
		if err := m.FinishStep(); err != nil {
			return nil, err
		}
	}
	m.StepToAllocation()
	return monthly, nil
}

// writeInstance writes inst as a CPLEX LP file to lp and a DIMACS file to dimacs (either may be "": not
// written) and returns the paths written.
func writeInstance(inst *economy.FlowInstance, lp, dimacs string) ([]string, error) {
	var written []string
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{lp, inst.WriteLP}, {dimacs, inst.WriteDIMACS}} {
		if out.path == "" {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(out.path), 0o755); err != nil {
			return nil, err
		}
		if err := atomicfile.Write(out.path, out.write); err != nil {
			return nil, err
		}
		written = append(written, out.path)
	}
	return written, nil
}

// timeAllocation builds the month's allocation instance again and solves it warm from last month's basis,
// and returns how long that took.
func timeAllocation(w *economy.World) (time.Duration, error) {
	start := time.Now()
	w.Alloc.Prepare(w)
	_, err := w.Alloc.Optimise()
	return time.Since(start), err
}

// printTiming prints the mean month-to-month time and a cold solve's time of inst (loaded into a new
// solver; the load is not timed), which must find the same optimum.
func printTiming(stdout io.Writer, inst *economy.FlowInstance, objective int64, monthly []time.Duration, month string) error {
	cold := flow.NewNetworkSimplex()
	cold.Reset(inst.Nodes)
	for i := range inst.From {
		cold.AddArc(inst.From[i], inst.To[i], inst.Cap[i], inst.Cost[i])
		cold.SetTie(i, inst.Tie[i]) // the same problem as the month's solve, tie rule included
	}
	for v, sup := range inst.Supply {
		cold.SetSupply(v, sup)
	}
	start := time.Now()
	obj, err := cold.Solve()
	coldTime := time.Since(start)
	if err != nil {
		return err
	}
	if obj != objective {
		return fmt.Errorf("allocation: a cold solve finds %d, the month's warm solve %d", obj, objective)
	}
	total := time.Duration(0)
	for _, d := range monthly {
		total += d
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	fmt.Fprintf(stdout, "month-to-month ms %.4f (mean of %d months to %s; %s alone %.4f)\n",
		ms(total/time.Duration(len(monthly))), len(monthly), month, month, ms(monthly[len(monthly)-1]))
	fmt.Fprintf(stdout, "cold solve ms %.4f (%d pivots)\n", ms(coldTime), cold.Pivots())
	return nil
}

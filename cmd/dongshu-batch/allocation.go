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
	fs := flag.NewFlagSet("allocation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	sf.register(fs)
	month := fs.String("month", "", "the month `YYYY-MM` whose allocation to write (required)")
	lp := fs.String("lp", "", "CPLEX LP output `FILE` (glpsol --lp reads it)")
	dimacs := fs.String("dimacs", "", "DIMACS min-cost-flow output `FILE` (LEMON, CS2, networkx read it)")
	timing := fs.Bool("time", false, "also time the allocator month to month (instance rebuilt, solved warm from last month's basis) over the 12 months to --month, and a cold solve of the month's instance")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch allocation --month YYYY-MM [--preset NAME | --scenario FILE] [--seed N] [--set key=value]... [--scale N] [--lp FILE] [--dimacs FILE] [--time]\n\n")
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
	var monthly []time.Duration
	if *timing {
		if err := m.StepUntil(max(m.W.Start, target-12)); err != nil {
			return err
		}
		// As BenchmarkAllocateScale: the month's instance built again and solved warm from last month's
		// basis is what is timed; the month then finishes as in any run (its solve restarts from the
		// optimum just found: the run is unchanged).
		for m.W.Now+1 < target {
			m.StepToAllocation()
			d, err := timeAllocation(m.W)
			if err != nil {
				return err
			}
			monthly = append(monthly, d)
			if err := m.FinishStep(); err != nil {
				return err
			}
		}
	} else if err := m.StepUntil(target); err != nil {
		return err
	}
	m.StepToAllocation()
	w := m.W
	inst := w.Alloc.Instance(w)
	if *timing {
		d, err := timeAllocation(w)
		if err != nil {
			return err
		}
		monthly = append(monthly, d)
	} else if _, err := w.Alloc.Optimise(); err != nil {
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
	if *timing {
		if err := printTiming(stdout, inst, w.Alloc.Objective(), monthly, *month); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "objective %d\n", w.Alloc.Objective())
	return nil
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

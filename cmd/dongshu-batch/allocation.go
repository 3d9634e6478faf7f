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
// and/or a DIMACS min-cost-flow file and prints our solver's optimum as the last line,
// `objective <number>`, in the files' own units, so that any LP or min-cost-flow solver can re-solve the
// file and be compared.
func allocationCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("allocation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	sf.register(fs)
	month := fs.String("month", "", "the month `YYYY-MM` whose allocation to write (required)")
	lp := fs.String("lp", "", "CPLEX LP output `FILE`")
	dimacs := fs.String("dimacs", "", "DIMACS min-cost-flow output `FILE` (LEMON, CS2, networkx)")
	timing := fs.Bool("time", false, "time the allocator month to month (instance update and warm solve) over the 12 months up to --month, and a cold solve of its instance")
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
		return usagef("allocation: --month and one of --lp or --dimacs are required")
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
		// basis is what is timed; the month then finishes as in any run (its solve starts from the
		// optimum just found, so the run is unchanged).
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
	var wrote []string
	for _, out := range []struct {
		file  string
		write func(io.Writer) error
	}{{*lp, inst.WriteLP}, {*dimacs, inst.WriteDIMACS}} {
		if out.file == "" {
			continue
		}
		if dir := filepath.Dir(out.file); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		if err := atomicfile.Write(out.file, out.write); err != nil {
			return err
		}
		wrote = append(wrote, out.file)
	}
	fmt.Fprintf(stdout, "%s seed %d, %s: %d nodes, %d arcs -> %s\n", s.Name, s.Seed, *month, inst.Nodes, len(inst.From), strings.Join(wrote, ", "))
	if *timing {
		cold := flow.NewNetworkSimplex()
		cold.ColdStart = true
		inst.Load(cold)
		start := time.Now()
		obj, err := cold.Solve()
		coldTime := time.Since(start)
		if err != nil {
			return err
		}
		if obj != w.Alloc.Objective() {
			return fmt.Errorf("allocation: cold solve found %d, the warm solve %d", obj, w.Alloc.Objective())
		}
		total := time.Duration(0)
		for _, d := range monthly {
			total += d
		}
		fmt.Fprintf(stdout, "month-to-month ms %.4f (mean of %d months to %s; %s: %.4f)\n",
			ms(total/time.Duration(len(monthly))), len(monthly), *month, *month, ms(monthly[len(monthly)-1]))
		fmt.Fprintf(stdout, "cold solve ms %.4f (instance loaded into a new solver, load excluded)\n", ms(coldTime))
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

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

package economy

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// FlowInstance is a min-cost flow instance in plain form: what the allocator solves, for export to an
// LP solver and for checking a solution against it.
type FlowInstance struct {
	Nodes     int
	From, To  []int
	Cap, Cost []int64
	Supply    []int64 // per node: > 0 source, < 0 sink
	// Tie is each arc's secondary cost (the allocator's rule among equally cheap allocations, see
	// flow.NetworkSimplex.SetTie); the LP and DIMACS files hold the primary costs only.
	Tie            []int64
	ArcName        func(arc int) string // LP variable names (default x<i>)
	NodeName       func(node int) string
	ObjectiveUnits string // what one unit of objective is, for the LP file's header
}

func (f *FlowInstance) arcName(i int) string {
	if f.ArcName != nil {
		return f.ArcName(i)
	}
	return "x" + strconv.Itoa(i)
}

func (f *FlowInstance) nodeName(v int) string {
	if f.NodeName != nil {
		return f.NodeName(v)
	}
	return "n" + strconv.Itoa(v)
}

// WriteLP writes the instance as a CPLEX LP file: minimise total cost subject to flow conservation at
// every node (out - in = supply) and 0 <= flow <= capacity on every arc. glpsol reads it with --lp.
func (f *FlowInstance) WriteLP(out io.Writer) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "\\ dongshu allocation instance: %d nodes, %d arcs\n", f.Nodes, len(f.From))
	if f.ObjectiveUnits != "" {
		fmt.Fprintf(w, "\\ objective unit: %s\n", f.ObjectiveUnits)
	}
	w.WriteString("Minimize\n obj:")
	terms := 0
	term := func(coef int64, name string) {
		if terms > 0 && terms%8 == 0 { // CPLEX LP caps line length; continuation lines are allowed
			w.WriteString("\n  ")
		}
		if coef >= 0 {
			fmt.Fprintf(w, " + %d %s", coef, name)
		} else {
			fmt.Fprintf(w, " - %d %s", -coef, name)
		}
		terms++
	}
	for i := range f.From {
		term(f.Cost[i], f.arcName(i))
	}
	if len(f.From) == 0 {
		w.WriteString(" 0 dummy")
	}
	w.WriteString("\nSubject To\n")
	out2 := make([][]int, f.Nodes)
	in := make([][]int, f.Nodes)
	for i := range f.From {
		out2[f.From[i]] = append(out2[f.From[i]], i)
		in[f.To[i]] = append(in[f.To[i]], i)
	}
	for v := 0; v < f.Nodes; v++ {
		if len(out2[v]) == 0 && len(in[v]) == 0 && f.Supply[v] == 0 {
			continue
		}
		fmt.Fprintf(w, " %s:", f.nodeName(v))
		terms = 0
		for _, i := range out2[v] {
			term(1, f.arcName(i))
		}
		for _, i := range in[v] {
			term(-1, f.arcName(i))
		}
		if terms == 0 {
			w.WriteString(" 0 dummy")
		}
		fmt.Fprintf(w, " = %d\n", f.Supply[v])
	}
	w.WriteString("Bounds\n")
	for i := range f.From {
		fmt.Fprintf(w, " 0 <= %s <= %d\n", f.arcName(i), f.Cap[i])
	}
	if len(f.From) == 0 {
		w.WriteString(" dummy = 0\n")
	}
	w.WriteString("End\n")
	return w.Flush()
}

// Check verifies that flow is a feasible solution: within capacities and conserving flow at every node.
func (f *FlowInstance) Check(flow []int64) error {
	if len(flow) != len(f.From) {
		return fmt.Errorf("%d flows for %d arcs", len(flow), len(f.From))
	}
	bal := make([]int64, f.Nodes)
	for i, x := range flow {
		if x < 0 || x > f.Cap[i] {
			return fmt.Errorf("arc %s: flow %d outside [0,%d]", f.arcName(i), x, f.Cap[i])
		}
		bal[f.From[i]] += x
		bal[f.To[i]] -= x
	}
	for v, b := range bal {
		if b != f.Supply[v] {
			return fmt.Errorf("node %s: net outflow %d, supply %d", f.nodeName(v), b, f.Supply[v])
		}
	}
	return nil
}

// TotalCost is the total cost of a flow.
func (f *FlowInstance) TotalCost(flow []int64) int64 {
	c := int64(0)
	for i, x := range flow {
		c += x * f.Cost[i]
	}
	return c
}

// WriteDIMACS writes the instance in DIMACS min-cost-flow format (the format LEMON, CS2 and networkx
// read): nodes numbered from 1, `n` lines for the nonzero supplies, one `a FROM TO 0 CAP COST` line per arc.
func (f *FlowInstance) WriteDIMACS(out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<16)
	fmt.Fprintf(w, "c dongshu allocation instance: %d nodes, %d arcs\n", f.Nodes, len(f.From))
	if f.ObjectiveUnits != "" {
		fmt.Fprintf(w, "c objective unit: %s\n", f.ObjectiveUnits)
	}
	fmt.Fprintf(w, "p min %d %d\n", f.Nodes, len(f.From))
	buf := make([]byte, 0, 96)
	for v, s := range f.Supply {
		if s != 0 {
			buf = append(buf[:0], "n "...)
			buf = strconv.AppendInt(buf, int64(v+1), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, s, 10)
			buf = append(buf, '\n')
			w.Write(buf)
		}
	}
	for i := range f.From {
		buf = append(buf[:0], "a "...)
		buf = strconv.AppendInt(buf, int64(f.From[i]+1), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(f.To[i]+1), 10)
		buf = append(buf, " 0 "...)
		buf = strconv.AppendInt(buf, f.Cap[i], 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, f.Cost[i], 10)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	return w.Flush()
}

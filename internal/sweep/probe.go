package sweep

import (
	"math"
	"slices"
	"strings"

	"dongshu/agents"
	"dongshu/configs"
)

// Probe is one extra runs.csv column (after the headline outcomes), for experiments that compare runs
// with observations (calibrate): a metric column at one month, summed over one or more scopes,
// optionally divided by the same sum over other scopes (a share). A probe whose month is not simulated
// is NaN.
type Probe struct {
	Name    string   `json:"name"`
	Month   string   `json:"month"`              // YYYY-MM
	Scopes  []string `json:"scopes"`             // summed
	Column  string   `json:"column"`             // a timeseries column, or racks_m / used_racks_m
	ShareOf []string `json:"share_of,omitempty"` // divide by the sum over these scopes
	// YearMean: the mean of the monthly values over Month's calendar year (else Month's value).
	YearMean bool `json:"year_mean,omitempty"`

	col           int     // column index
	factor        float64 // racks_m: MW -> million racks
	scopes, share []int
	month         configs.Month // Month, parsed
}

// Pseudo-columns a probe may read: million standard racks online (capacity_mw) or in use (used_mw).
var pseudoColumns = map[string]string{"racks_m": "capacity_mw", "used_racks_m": "used_mw"}

// resolve finds the probe's column and scopes in the model's output (a UsageError names what is unknown).
func (p *Probe) resolve(columns, scopes []string) error {
	month, err := configs.ParseMonth(p.Month)
	if err != nil {
		return usagef("probe %s: month %q: %v", p.Name, p.Month, err)
	}
	p.month = month
	col := p.Column
	p.factor = 1
	if c, ok := pseudoColumns[col]; ok {
		col, p.factor = c, 1/agents.RackKW/1000
	}
	p.col = slices.Index(columns, col)
	if p.col < 0 {
		return usagef("probe %s: unknown column %q (want one of %s, racks_m, used_racks_m)", p.Name, p.Column, strings.Join(columns, ", "))
	}
	idx := func(names []string) ([]int, error) {
		var out []int
		for _, n := range names {
			i := slices.Index(scopes, n)
			if i < 0 {
				return nil, usagef("probe %s: unknown scope %q (want one of %s)", p.Name, n, strings.Join(scopes, ", "))
			}
			out = append(out, i)
		}
		return out, nil
	}
	if len(p.Scopes) == 0 {
		return usagef("probe %s: no scope", p.Name)
	}
	if p.scopes, err = idx(p.Scopes); err != nil {
		return err
	}
	p.share, err = idx(p.ShareOf)
	return err
}

// value reads the probe from one month's rows.
func (p *Probe) value(rows [][]float64) float64 {
	sum := func(ix []int) float64 {
		s := 0.0
		for _, i := range ix {
			s += rows[i][p.col]
		}
		return s
	}
	v := sum(p.scopes) * p.factor
	if len(p.share) > 0 {
		d := sum(p.share) * p.factor
		if d == 0 {
			return math.NaN()
		}
		v /= d
	}
	return v
}

// resolveProbes checks the spec's probes against a model's columns and scopes.
func (sp *Spec) resolveProbes(scopes []string) error {
	seen := map[string]bool{}
	for _, h := range agents.HeadlineNames() {
		seen[h] = true
	}
	for i := range sp.Probes {
		p := &sp.Probes[i]
		if p.Name == "" || seen[p.Name] {
			return usagef("probe %d: name %q is empty or already a column", i+1, p.Name)
		}
		seen[p.Name] = true
		if err := p.resolve(sp.columns, scopes); err != nil {
			return err
		}
	}
	return nil
}

// observeProbes records the probes of one month into vals (NaN until their month); n counts the months
// of a year mean so far.
func (sp *Spec) observeProbes(vals, n []float64, month configs.Month, rows [][]float64) {
	for i := range sp.Probes {
		p := &sp.Probes[i]
		switch {
		case p.YearMean && month.Year() == p.month.Year():
			v := p.value(rows)
			if n[i] == 0 {
				vals[i] = v
			} else {
				vals[i] += (v - vals[i]) / (n[i] + 1)
			}
			n[i]++
		case !p.YearMean && month == p.month:
			vals[i] = p.value(rows)
		}
	}
}

func probeNames(ps []Probe) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func nanSlice(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// reads lists what a sweep's rows read from a run, and in which months: the headline outcomes and the
// probes (a probe reads its month, or its year for a year mean).
func (sp *Spec) reads(m *agents.Model) []agents.Read {
	reads := agents.HeadlineReads(m.W)
	for i := range sp.Probes {
		p := &sp.Probes[i]
		in := func(month configs.Month) bool { return month == p.month }
		if p.YearMean {
			in = func(month configs.Month) bool { return month.Year() == p.month.Year() }
		}
		for _, s := range append(slices.Clip(p.scopes), p.share...) {
			reads = append(reads, agents.Read{Scope: s, Col: p.col, In: in})
		}
	}
	return reads
}

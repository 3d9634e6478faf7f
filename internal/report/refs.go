package report

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"dongshu/configs"
	"dongshu/internal/calibrate"
)

// Reference is an observed real-world value a chart marks: the calibration targets of
// configs/targets/*.toml (embedded as configs.TargetFiles), never a number typed here.
type Reference struct {
	Name     string  // the target's name
	Observed float64 // its value, in the unit of the outcome or column it observes
	Kind     string  // "equal", "at_most" or "at_least"
	Source   string  // a docs/sources.md id
	// Either a headline outcome (a sweep's outcome panels) ...
	Headline string
	// ... or a time-series column of one scope, as the year's mean (Year) or at a month (Month).
	Scope, Column, Month string
	YearMean             bool
}

// Year is the calendar year a time-series reference observes ("" for a headline reference).
func (r Reference) Year() string {
	if len(r.Month) >= 4 {
		return r.Month[:4]
	}
	return ""
}

// References reads every target of configs/targets/*.toml that observes a headline outcome or one scope's
// time-series column, in file then target order.
func References() ([]Reference, error) { return references() }

var references = sync.OnceValues(func() ([]Reference, error) {
	files, err := fs.Glob(configs.TargetFiles, "targets/*.toml")
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var refs []Reference
	for _, name := range files {
		b, err := fs.ReadFile(configs.TargetFiles, name)
		if err != nil {
			return nil, err
		}
		f, err := calibrate.Parse("configs/"+name, b)
		if err != nil {
			return nil, fmt.Errorf("reference values: %w", err)
		}
		for _, t := range f.Targets {
			kind := t.Kind
			if kind == "" {
				kind = "equal"
			}
			r := Reference{Name: t.Name, Observed: t.Observed, Kind: kind, Source: t.Source}
			switch {
			case t.Headline != "":
				r.Headline = t.Headline
			case len(t.Scopes) == 1 && len(t.ShareOf) == 0:
				r.Scope, r.Column, r.Month, r.YearMean = t.Scopes[0], t.Column, t.Month, t.Statistic == "year_mean"
			default:
				continue
			}
			refs = append(refs, r)
		}
	}
	return refs, nil
})

// headlineRef is the first reference observing a headline outcome.
func headlineRef(name string) (Reference, bool) {
	rs, _ := References()
	for _, r := range rs {
		if r.Headline == name {
			return r, true
		}
	}
	return Reference{}, false
}

// seriesRef is the first reference observing a scope's column as a year's mean.
func seriesRef(scope, column string) (Reference, bool) {
	rs, _ := References()
	for _, r := range rs {
		if r.Scope == scope && r.Column == column && r.YearMean {
			return r, true
		}
	}
	return Reference{}, false
}

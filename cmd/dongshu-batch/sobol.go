package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"

	"dongshu/configs"
	"dongshu/internal/calibrate"
	"dongshu/internal/sensitivity"
	"dongshu/internal/sweep"
)

// runSobol samples Saltelli's design and runs it through the sweep engine into dir.
func runSobol(ctx context.Context, base *configs.Scenario, factors []sweep.Factor, n, reps int, seedBase uint64,
	cmd []string, dir string, workers int, stderr io.Writer) error {
	u, err := sensitivity.SaltelliSample(len(factors), n, seedBase)
	if err != nil {
		return usagef("sensitivity: %v", err)
	}
	pts := make([][]string, len(u))
	for i, x := range u {
		pts[i] = make([]string, len(factors))
		for j, f := range factors {
			pts[i][j] = scaleValue(f, x[j])
		}
	}
	if !slices.Contains(cmd, "--method") {
		cmd = append(cmd, "--method", "sobol") // how --analyse tells the designs apart
	}
	sp := &sweep.Spec{Base: base, Design: sweep.Design{Type: sweep.Points, Factors: factors, Points: pts, Reps: reps, SeedBase: seedBase},
		Format: sweep.CSV, Version: version(), Command: cmd}
	if err := sp.Prepare(); err != nil {
		return usageError{fmt.Errorf("sensitivity: %w", err)}
	}
	_, err = execSweep(ctx, sp, dir, workers, "sensitivity", stderr)
	return err
}

// isSobolDir reports whether a sensitivity directory holds a Sobol design (its command says so).
func isSobolDir(dir string) bool {
	m, err := sweep.ReadManifest(dir)
	if err != nil {
		return false
	}
	for i := 0; i+1 < len(m.Command); i++ {
		if m.Command[i] == "--method" && m.Command[i+1] == "sobol" {
			return true
		}
	}
	return false
}

type sobolRow struct {
	Outcome, Key string
	sensitivity.SobolIndex
}

// analyseSobol reads a Sobol sweep directory and writes sobol.csv and the charts.
func analyseSobol(dir string, outcomes []string, seed uint64) ([]sobolRow, error) {
	d, err := sensitivityDesign(dir)
	if err != nil {
		return nil, err
	}
	k := len(d.Factors)
	runs, err := readRuns(dir)
	if err != nil {
		return nil, err
	}
	if len(runs.rows) != len(d.Points)*d.Reps {
		return nil, fmt.Errorf("sensitivity --analyse: %d runs, want %d", len(runs.rows), len(d.Points)*d.Reps)
	}
	var rows []sobolRow
	var csvRows [][]string
	for _, o := range outcomes {
		y, err := runs.pointMeans(o, len(d.Points), d.Reps)
		if err != nil {
			return nil, err
		}
		ix, err := sensitivity.SobolAnalyse(k, y, sensitivity.Options{Seed: seed})
		if err != nil {
			// A constant outcome has no variance to share out: report NaN rather than fail the others.
			ix = make([]sensitivity.SobolIndex, k)
			for j := range ix {
				ix[j] = sensitivity.SobolIndex{S1: math.NaN(), S1Conf: math.NaN(), ST: math.NaN(), STConf: math.NaN()}
			}
		}
		var names []string
		var st, cf []float64
		for j, f := range d.Factors {
			r := sobolRow{o, f.Key, ix[j]}
			rows = append(rows, r)
			csvRows = append(csvRows, []string{o, r.Key, fmtG(r.S1), fmtG(r.S1Conf), fmtG(r.ST), fmtG(r.STConf)})
			names, st, cf = append(names, r.Key), append(st, r.ST), append(cf, r.STConf)
		}
		png, err := calibrate.IndexChart("Sobol total index: "+o, "ST (share of the variance involving the factor), 95 % bootstrap interval", names, st, cf)
		if err != nil {
			return nil, err
		}
		if err := writeFileAtomic(filepath.Join(dir, "sobol-"+o+".png"), png); err != nil {
			return nil, err
		}
	}
	return rows, writeFileAtomic(filepath.Join(dir, "sobol.csv"),
		csvTable([]string{"outcome", "key", "s1", "s1_conf", "st", "st_conf"}, csvRows))
}

func sobolText(rows []sobolRow) string {
	var t [][]string
	for _, r := range rows {
		t = append(t, []string{r.Outcome, r.Key, fmtNum(r.S1), fmtNum(r.S1Conf), fmtNum(r.ST), fmtNum(r.STConf)})
	}
	return mdTable([]string{"outcome", "key", "S1", "S1 95 % ±", "ST", "ST 95 % ±"}, t)
}

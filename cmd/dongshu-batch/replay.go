package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dongshu/internal/sweep"
)

// replayCmd re-runs one run of a sweep from its manifest and checks that it reproduces its runs.csv row.
func replayCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.Int("run-id", -1, "the run `K` to re-run (required)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch replay --run-id K DIR\n\n"+
			"Re-runs run K of the sweep in DIR from its manifest.json (its recorded command) and checks that it\n"+
			"reproduces its row of runs.csv byte for byte; for a --format parquet sweep, its row of runs.parquet\n"+
			"value for value (each replayed field, read as its column's type, equal to the stored value; doubles\n"+
			"bit for bit). Prints each field that differs; exit status 1 on a mismatch.\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 1 && *id < 0 { // allow DIR --run-id K
		dir := fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return usageError{err}
		}
		if fs.NArg() != 0 {
			return usagef("replay: want --run-id K DIR")
		}
		return replay(dir, *id, stdout)
	}
	if fs.NArg() != 1 || *id < 0 {
		return usagef("replay: want --run-id K DIR")
	}
	return replay(fs.Arg(0), *id, stdout)
}

func replay(dir string, id int, stdout io.Writer) error {
	if id < 0 {
		return usagef("replay: want --run-id K DIR")
	}
	st, err := sweep.Check(dir)
	if err != nil {
		return usagef("replay: %s does not verify:\n%v", dir, err)
	}
	m := st.Manifest
	if st.Kind != sweep.KindSweep {
		return usagef("replay: %s holds a %s, not a sweep", dir, st.Kind)
	}
	if m.Format != sweep.CSV && m.Format != sweep.Parquet {
		return usagef("replay: %s: unknown format %q", dir, m.Format)
	}
	if len(m.Command) < 2 || m.Command[1] != "sweep" {
		return usagef("replay: %s: the manifest records no sweep command", dir)
	}
	if id >= m.Runs {
		return usagef("replay: --run-id %d: the sweep has runs 0..%d", id, m.Runs-1)
	}
	_, sp, err := parseSweep(m.Command[2:], io.Discard)
	if err != nil {
		return usagef("replay: the manifest's command no longer parses: %v", err)
	}
	if h := sp.Base.Hash(); h != m.ScenarioHash {
		return fmt.Errorf("replay: the scenario has changed since the sweep (hash %s now, %s in the manifest)", h[:12], m.ScenarioHash[:12])
	}
	if m.Format == sweep.Parquet {
		return replayParquet(dir, id, sp, m, stdout)
	}
	header, want, err := findRow(filepath.Join(dir, sweep.RunsCSV), id)
	if err != nil {
		return err
	}
	got, _, err := sp.RunOne(id)
	if err != nil {
		return err
	}
	if bytes.Equal(got, want) {
		fmt.Fprintf(stdout, "run %d reproduces\n", id)
		return nil
	}
	cols, g, w := csvFields(header), csvFields(string(got)), csvFields(string(want))
	for i := range max(len(g), len(w)) {
		var a, b, c string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if i < len(cols) {
			c = cols[i]
		}
		if a != b {
			fmt.Fprintf(stdout, "%s: replay %s, runs.csv %s\n", c, a, b)
		}
	}
	return notReproduced(id, filepath.Join(dir, sweep.RunsCSV), m, stdout)
}

// replayParquet re-runs run id of the parquet sweep in dir and compares it with its row of runs.parquet
// (see sweep.Spec.ReplayParquet).
func replayParquet(dir string, id int, sp *sweep.Spec, m sweep.Manifest, stdout io.Writer) error {
	name := filepath.Join(dir, sweep.RunsParquet)
	diffs, err := sp.ReplayParquet(name, id)
	if err != nil {
		if errors.As(err, new(sweep.UsageError)) {
			return usagef("replay: %v", err)
		}
		return fmt.Errorf("replay: %w", err)
	}
	if len(diffs) == 0 {
		fmt.Fprintf(stdout, "run %d reproduces\n", id)
		return nil
	}
	for _, d := range diffs {
		fmt.Fprintf(stdout, "%s: replay %s, %s %s\n", d.Column, d.Replay, sweep.RunsParquet, d.Stored)
	}
	return notReproduced(id, name, m, stdout)
}

// notReproduced notes a version change, which may explain a mismatch, and returns the error.
func notReproduced(id int, name string, m sweep.Manifest, stdout io.Writer) error {
	if m.Version != version() {
		fmt.Fprintf(stdout, "(the sweep was made by version %s, this is %s)\n", m.Version, version())
	}
	return fmt.Errorf("replay: run %d does not reproduce its row of %s", id, name)
}

func csvFields(line string) []string {
	f, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil {
		return strings.Split(strings.TrimSuffix(line, "\n"), ",")
	}
	return f
}

// findRow returns the header and the line of run id in runs.csv.
func findRow(name string, id int) (string, []byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", nil, usagef("replay: %v", err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	header, err := r.ReadString('\n')
	if err != nil {
		return "", nil, usagef("replay: %s: no header", name)
	}
	prefix := []byte(strconv.Itoa(id) + ",")
	for {
		l, err := r.ReadBytes('\n')
		if bytes.HasPrefix(l, prefix) && err == nil {
			return header, l, nil
		}
		if err != nil {
			return "", nil, usagef("replay: %s has no complete row for run %d", name, id)
		}
	}
}

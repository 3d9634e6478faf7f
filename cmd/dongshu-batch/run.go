package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"dongshu/agents"
	"dongshu/configs"
)

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// scenarioFlags are the flags that choose and adjust a scenario (shared by every command that runs one).
type scenarioFlags struct {
	preset, file string
	seed         int64
	scale        int
	sets         multiFlag
}

func (sf *scenarioFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.preset, "preset", "", "embedded preset `NAME` (default baseline)")
	fs.StringVar(&sf.file, "scenario", "", "scenario TOML `FILE`")
	fs.Int64Var(&sf.seed, "seed", -1, "random seed `N` (default: the scenario's)")
	fs.Var(&sf.sets, "set", "override a scenario key, `key=value` (repeatable)")
	fs.IntVar(&sf.scale, "scale", 0, "replicate the scenario's provinces into a synthetic world of `N` provinces (scaling experiments)")
}

// load resolves the flags into a validated scenario; every problem is a usage error (exit 2).
func (sf *scenarioFlags) load() (*configs.Scenario, error) {
	if sf.preset != "" && sf.file != "" {
		return nil, usagef("--preset and --scenario are exclusive")
	}
	var s *configs.Scenario
	var err error
	if sf.file != "" {
		s, err = configs.Load(sf.file)
	} else {
		name := sf.preset
		if name == "" {
			name = "baseline"
		}
		s, err = configs.LoadPreset(name)
	}
	if err != nil {
		return nil, usageError{err}
	}
	var problems []string
	for _, a := range sf.sets {
		if err := s.Set(a); err != nil {
			problems = append(problems, "--set "+err.Error())
		}
	}
	if sf.seed >= 0 {
		s.Seed = uint64(sf.seed)
	} else if sf.seed != -1 {
		problems = append(problems, fmt.Sprintf("--seed %d: must be >= 0", sf.seed))
	}
	if err := s.Validate(); err != nil {
		problems = append(problems, err.Error())
	}
	if sf.scale < 0 {
		problems = append(problems, fmt.Sprintf("--scale %d: must be >= 1", sf.scale))
	}
	if len(problems) > 0 {
		return nil, usageError{errors.New(strings.Join(problems, "\n"))}
	}
	if sf.scale > 0 {
		if s, err = s.Scale(sf.scale, s.Seed); err != nil {
			return nil, usageError{err}
		}
	}
	return s, nil
}

func runCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf scenarioFlags
	sf.register(fs)
	out := fs.String("out", "out", "output `DIR`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch run [--preset NAME | --scenario FILE] [--seed N] [--set key=value]... [--scale N] [--out DIR]\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("run: unexpected argument %q", fs.Arg(0))
	}
	s, err := sf.load()
	if err != nil {
		return err
	}
	m, err := agents.New(s)
	if err != nil {
		return usageError{err}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	ts, err := createAtomic(filepath.Join(*out, "timeseries.csv"))
	if err != nil {
		return err
	}
	defer ts.abort()
	var h agents.Headline
	if err := WriteTimeseries(ts, m, &h); err != nil {
		return err
	}
	sum := Summary{Scenario: s.Name, ScenarioHash: s.Hash(), Seed: s.Seed, Version: version(),
		Start: s.Start, End: s.End, Headline: h}
	js, err := createAtomic(filepath.Join(*out, "summary.json"))
	if err != nil {
		return err
	}
	defer js.abort()
	enc := json.NewEncoder(js)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sum); err != nil {
		return err
	}
	ev, err := createAtomic(filepath.Join(*out, "events.csv"))
	if err != nil {
		return err
	}
	defer ev.abort()
	if err := WriteEvents(ev, m); err != nil {
		return err
	}
	if err := ts.commit(); err != nil {
		return err
	}
	if err := ev.commit(); err != nil {
		return err
	}
	if err := js.commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s seed %d: %d months -> %s (northwest utilisation 2022 %.2f, east hubs %.2f)\n",
		s.Name, s.Seed, h.Months, *out, h.NorthwestUtil2022, h.EastHubsUtil2022)
	return nil
}

// WriteEvents writes the log of events that fired during the run (events.csv): month, kind, target
// province id ("" for national), magnitude, duration and a plain-English description.
func WriteEvents(out io.Writer, m *agents.Model) error {
	cw := csv.NewWriter(out)
	if err := cw.Write([]string{"month", "kind", "target", "magnitude", "duration_months", "description"}); err != nil {
		return err
	}
	for _, e := range m.W.Log {
		if err := cw.Write([]string{e.Month.String(), e.Kind, e.Target, strconv.FormatFloat(e.Magnitude, 'g', -1, 64),
			strconv.Itoa(e.Duration), e.Description}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Summary is summary.json.
type Summary struct {
	Scenario     string          `json:"scenario"`
	ScenarioHash string          `json:"scenario_hash"`
	Seed         uint64          `json:"seed"`
	Version      string          `json:"version"`
	Start        string          `json:"start"`
	End          string          `json:"end"`
	Headline     agents.Headline `json:"headline"`
}

// WriteTimeseries runs the model to its end, streaming one CSV row per month and scope, and folds the
// rows into the headline.
func WriteTimeseries(out io.Writer, m *agents.Model, h *agents.Headline) error {
	bw := bufio.NewWriterSize(out, 1<<16)
	cols := m.W.Columns()
	bw.WriteString("month,scope")
	for _, c := range cols {
		bw.WriteByte(',')
		bw.WriteString(c.Name)
	}
	bw.WriteByte('\n')
	scopes := m.Scopes()
	buf := make([]byte, 0, 64)
	err := m.Run(func(month configs.Month, rows [][]float64) error {
		h.Observe(m.W, month, rows)
		ms := month.String()
		for i, row := range rows {
			bw.WriteString(ms)
			bw.WriteByte(',')
			bw.WriteString(scopes[i].Name)
			for _, v := range row {
				bw.WriteByte(',')
				buf = strconv.AppendFloat(buf[:0], v, 'g', 10, 64)
				bw.Write(buf)
			}
			bw.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += "+" + s.Value[:12]
		}
	}
	return v
}

// atomicFile is written under a temporary name and renamed into place on commit, so a crash or an
// error never leaves a half-written output.
type atomicFile struct {
	*os.File
	final string
	done  bool
}

func createAtomic(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, final: path}, nil
}

func (a *atomicFile) commit() error {
	if err := a.File.Chmod(0o644); err != nil { // CreateTemp makes 0600; outputs are ordinary files
		return err
	}
	if err := a.File.Sync(); err != nil {
		return err
	}
	if err := a.File.Close(); err != nil {
		return err
	}
	a.done = true
	return os.Rename(a.File.Name(), a.final)
}

func (a *atomicFile) abort() {
	if !a.done {
		a.File.Close()
		os.Remove(a.File.Name())
	}
}

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/atomicfile"
	"dongshu/internal/runout"
	"dongshu/internal/sweep"
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
	given := map[string]string{} // index path -> the first --set of it
	for _, a := range sf.sets {
		key, _, _ := strings.Cut(a, "=")
		if p, err := s.KeyPath(key); err == nil {
			if first, dup := given[p]; dup {
				problems = append(problems, fmt.Sprintf("--set %s: the key is given twice (%q, then %q): give it once", strings.TrimSpace(key), first, a))
				continue
			}
			given[p] = a
		}
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
	if sf.scale < 0 || sf.scale > configs.MaxListLen {
		problems = append(problems, fmt.Sprintf("--scale %d: must be in [1,%d]", sf.scale, configs.MaxListLen))
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
	if err := checkRunDir(*out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	ts, err := atomicfile.Create(filepath.Join(*out, "timeseries.csv"))
	if err != nil {
		return err
	}
	defer ts.Abort()
	var h agents.Headline
	if err := WriteTimeseries(ts, m, &h); err != nil {
		return err
	}
	sum := Summary{Scenario: s.Name, ScenarioHash: s.Hash(), Seed: s.Seed, Version: version(),
		Start: s.Start, End: s.End, Headline: h}
	js, err := atomicfile.Create(filepath.Join(*out, "summary.json"))
	if err != nil {
		return err
	}
	defer js.Abort()
	enc := json.NewEncoder(js)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sum); err != nil {
		return err
	}
	ev, err := atomicfile.Create(filepath.Join(*out, "events.csv"))
	if err != nil {
		return err
	}
	defer ev.Abort()
	if err := runout.WriteEvents(ev, m.W.Log); err != nil {
		return err
	}
	if err := ts.Commit(); err != nil {
		return err
	}
	if err := ev.Commit(); err != nil {
		return err
	}
	if err := js.Commit(); err != nil {
		return err
	}
	if err := writeRunManifest(*out, s, args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s seed %d: %d months -> %s (northwest utilisation 2022 %.2f, east hubs %.2f)\n",
		s.Name, s.Seed, h.Months, *out, h.Get(agents.NorthwestUtil2022), h.Get(agents.EastHubsUtil2022))
	return nil
}

// runManifest is a run directory's manifest.json: what made it, and the completion record of its files
// (sweep.Check verifies it; `sweep` and `merge` refuse the directory).
type runManifest struct {
	Kind         string            `json:"kind"`
	Version      string            `json:"version"`
	Command      []string          `json:"command"`
	Scenario     string            `json:"scenario"`
	ScenarioHash string            `json:"scenario_hash"`
	Seed         uint64            `json:"seed"`
	Runs         int               `json:"runs"`
	Complete     *sweep.Completion `json:"complete"`
}

// runFiles are the files of a run directory, in the completion record.
var runFiles = []string{"timeseries.csv", "summary.json", "events.csv"}

func writeRunManifest(dir string, s *configs.Scenario, args []string) error {
	c, err := sweep.Record(dir, 1, runFiles)
	if err != nil {
		return err
	}
	m := runManifest{Kind: sweep.KindRun, Version: version(), Command: append([]string{"dongshu-batch", "run"}, args...),
		Scenario: s.Name, ScenarioHash: s.Hash(), Seed: s.Seed, Runs: 1, Complete: c}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, sweep.ManifestFile), append(b, '\n'))
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

// WriteTimeseries runs the model to its end, streaming timeseries.csv (one row per month and scope),
// and folds the rows into the headline.
func WriteTimeseries(out io.Writer, m *agents.Model, h *agents.Headline) error {
	ts, err := runout.NewTimeseries(out, m.W.Columns())
	if err != nil {
		return err
	}
	scopes := m.Scopes()
	err = m.Run(func(month configs.Month, rows [][]float64) error {
		h.Observe(m.W, month, rows)
		return ts.Month(month, scopes, rows)
	})
	if err != nil {
		return err
	}
	return ts.Flush()
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

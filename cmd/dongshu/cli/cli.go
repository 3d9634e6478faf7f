// Package cli reads the game's command line. It depends on nothing that opens a display (no ebiten), so
// that package nodisplay can answer --help and report bad flags on a machine without one: ebiten opens
// the display while the program loads.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"dongshu/configs"
	"dongshu/game/i18n"
)

// MaxSpeed is session.MaxSpeed (this package cannot import session; a test keeps the two equal).
const MaxSpeed = 8

// Difficulty levels, as session.Difficulty numbers them.
const (
	Easy = iota
	Normal
	Hard
)

// Flags is the command line, checked.
type Flags struct {
	Lang         string
	Preset       string // embedded preset, when ScenarioTOML is empty
	ScenarioName string
	ScenarioTOML string
	Seed         uint64
	Difficulty   int
	Planner      bool
	Provinces    []int // human provinces, hot-seat order
	Autoplay     bool
	AutoDecide   bool
	Start        bool // start playing at once (--autoplay or --role)
	Speed        int  // as given; 0 = the game's default
	Frames       int
	Screenshot   string
	SavePath     string
	LoadPath     string
	Join         string // a classroom room's address with #code=…&name=…[&seat=…|&token=…]
	// Experienced skips the onboarding: no Info screen at the start, no guided first round.
	Experienced bool
}

// UsageError is a bad command line (exit status 2).
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

func badFlag(name, format string, args ...any) error {
	return UsageError{fmt.Sprintf("--%s: %s", name, fmt.Sprintf(format, args...))}
}

// Parse reads args; --help prints the usage to stderr and returns flag.ErrHelp.
func Parse(args []string, stderr io.Writer) (Flags, error) {
	var f Flags
	fs := flag.NewFlagSet("dongshu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := defineFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dongshu [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, err
		}
		return f, UsageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return f, UsageError{fmt.Sprintf("unexpected argument %q (flags start with --)", fs.Arg(0))}
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })

	if !slices.Contains(i18n.Languages, *in.lang) {
		return f, badFlag("lang", "unknown language %q (known: %s)", *in.lang, strings.Join(i18n.Languages, ", "))
	}
	f.Lang = *in.lang
	f.Join = *in.join
	n, err := strconv.ParseUint(*in.seed, 10, 64)
	if err != nil {
		return f, badFlag("seed", "%q is not an unsigned integer", *in.seed)
	}
	f.Seed = n
	if f.Difficulty, err = parseDifficulty(*in.difficulty); err != nil {
		return f, err
	}
	scn, err := f.scenario(*in.preset, *in.scenario, set)
	if err != nil {
		return f, err
	}
	r := strings.TrimSpace(*in.role)
	if err := f.roles(r, scn); err != nil {
		return f, err
	}
	if *in.autoplay && (f.Planner || len(f.Provinces) > 0) {
		return f, badFlag("autoplay", "the AI takes every role: drop --role %s", r)
	}
	if err := checkFrames(*in.speed, *in.frames, *in.shot); err != nil {
		return f, err
	}
	f.Autoplay, f.AutoDecide = *in.autoplay, *in.autoDecide
	f.Experienced = *in.experienced
	f.Start = *in.autoplay || set["role"]
	f.Speed, f.Frames, f.Screenshot = *in.speed, *in.frames, *in.shot
	f.SavePath = *in.save
	if *in.load != "" {
		if _, err := os.Stat(*in.load); err != nil {
			return f, badFlag("load", "%v", err)
		}
		f.LoadPath = *in.load
		if !set["save"] {
			f.SavePath = *in.load
		}
	}
	return f, nil
}

// flagValues are the command line's flags as given, before they are checked into Flags.
type flagValues struct {
	preset, scenario, seed, lang, role, difficulty, load, save, shot, join *string
	autoplay, autoDecide, experienced                                      *bool
	speed, frames                                                          *int
}

// defineFlags declares the game's flags on fs.
func defineFlags(fs *flag.FlagSet) flagValues {
	return flagValues{
		preset:      fs.String("preset", "", "embedded scenario preset: "+strings.Join(configs.Presets(), ", ")),
		scenario:    fs.String("scenario", "", "scenario TOML `FILE` (instead of --preset)"),
		seed:        fs.String("seed", "1", "random seed (unsigned integer)"),
		lang:        fs.String("lang", i18n.Detect(os.Getenv), "language: "+strings.Join(i18n.Languages, ", ")),
		role:        fs.String("role", "", "who plays: planner | <province id>[,<province id>...] (hot seat) | auto; starts playing at once"),
		difficulty:  fs.String("difficulty", "normal", "easy | normal | hard"),
		load:        fs.String("load", "", "load a saved game `FILE` (also where Ctrl+S saves)"),
		save:        fs.String("save", "", "where Ctrl+S saves and Ctrl+O loads `FILE` (default: the game's, dongshu-save.json)"),
		autoplay:    fs.Bool("autoplay", false, "the AI plays every role; the game starts at speed 8"),
		autoDecide:  fs.Bool("auto-decide", false, "at each quota round, submit the advisor's choice for every human"),
		speed:       fs.Int("speed", 0, fmt.Sprintf("starting speed in months per second, 0-%d (0: %d with --autoplay or --frames, else 1)", MaxSpeed, MaxSpeed)),
		frames:      fs.Int("frames", 0, "quit after N frames (0: never)"),
		shot:        fs.String("screenshot", "", "write a PNG of the screen at frame --frames to `FILE`, then quit"),
		experienced: fs.Bool("experienced", false, "no Info screen at the start and no guided first round (I still opens the Info screen)"),
		join:        fs.String("join", "", "play in a classroom room: `URL` http://host:port/#code=CODE&name=NAME&seat=SEAT (or &token=TOKEN to come back)"),
	}
}

// parseDifficulty reads --difficulty (any case; empty is normal).
func parseDifficulty(s string) (int, error) {
	switch strings.ToLower(s) {
	case "easy":
		return Easy, nil
	case "normal", "":
		return Normal, nil
	case "hard":
		return Hard, nil
	}
	return 0, badFlag("difficulty", "%q is not easy, normal or hard", s)
}

// scenario loads the scenario of --scenario (a file) or --preset (default baseline), not both, and
// records where it came from.
func (f *Flags) scenario(preset, file string, set map[string]bool) (*configs.Scenario, error) {
	if set["preset"] && set["scenario"] {
		return nil, badFlag("scenario", "give --preset or --scenario, not both")
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, badFlag("scenario", "%v", err)
		}
		scn, err := configs.Parse(filepath.Base(file), data)
		if err != nil {
			return nil, badFlag("scenario", "%v", err)
		}
		f.ScenarioName, f.ScenarioTOML = filepath.Base(file), string(data)
		return scn, nil
	}
	name := preset
	if name == "" {
		name = "baseline"
	}
	if !slices.Contains(configs.Presets(), name) {
		return nil, badFlag("preset", "unknown preset %q (known: %s)", name, strings.Join(configs.Presets(), ", "))
	}
	f.Preset = name
	scn, err := configs.LoadPreset(name)
	if err != nil {
		return nil, badFlag("preset", "%v", err)
	}
	return scn, nil
}

// roles reads --role r: the planner, auto (or nothing), or provinces of scn by id, each once.
func (f *Flags) roles(r string, scn *configs.Scenario) error {
	switch r {
	case "", "auto":
		return nil
	case "planner":
		f.Planner = true
		return nil
	}
	for _, id := range strings.Split(r, ",") {
		id = strings.TrimSpace(id)
		i := slices.IndexFunc(scn.Provinces, func(p configs.Province) bool { return p.ID == id })
		if i < 0 {
			ids := make([]string, len(scn.Provinces))
			for k, p := range scn.Provinces {
				ids[k] = p.ID
			}
			return badFlag("role", "unknown province %q (planner, auto, or province ids: %s)", id, strings.Join(ids, ", "))
		}
		if slices.Contains(f.Provinces, i) {
			return badFlag("role", "province %q is listed twice", id)
		}
		f.Provinces = append(f.Provinces, i)
	}
	return nil
}

// checkFrames checks --speed, --frames and --screenshot (which needs --frames and an existing
// directory).
func checkFrames(speed, frames int, shot string) error {
	if speed < 0 || speed > MaxSpeed {
		return badFlag("speed", "%d is outside 0..%d", speed, MaxSpeed)
	}
	if frames < 0 {
		return badFlag("frames", "%d is negative", frames)
	}
	if shot != "" && frames == 0 {
		return badFlag("screenshot", "needs --frames N (the frame to capture)")
	}
	if shot != "" {
		if d := filepath.Dir(shot); d != "." {
			if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
				return badFlag("screenshot", "directory %q does not exist", d)
			}
		}
	}
	return nil
}

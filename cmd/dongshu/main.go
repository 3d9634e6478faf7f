// Command dongshu is the desktop game of the dongshu model: play a province (or several, in hot seat) or
// the central planner through 2020-2035, or watch the AI play (--autoplay).
//
//	dongshu                                  title screen
//	dongshu --role planner --preset drought  play the planner at once
//	dongshu --role guizhou,gansu             two provinces in hot seat
//	dongshu --autoplay --frames 600 --screenshot shot.png
//
// Bad flags are reported naming the flag, with exit status 2.
package main

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
	"dongshu/game"
	"dongshu/game/desktop"
	"dongshu/game/i18n"
	"dongshu/game/session"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// usageError is a bad command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func badFlag(name, format string, args ...any) error {
	return usageError{fmt.Sprintf("--%s: %s", name, fmt.Sprintf(format, args...))}
}

func run(args []string, stderr io.Writer) int {
	opt, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "dongshu:", err)
		return 2
	}
	app, err := game.New(opt)
	if err != nil {
		fmt.Fprintln(stderr, "dongshu:", err)
		return 1
	}
	if err := desktop.Run(app); err != nil {
		fmt.Fprintln(stderr, "dongshu:", err)
		return 1
	}
	return 0
}

// parse reads the command line into the game's options.
func parse(args []string, stderr io.Writer) (game.Options, error) {
	var opt game.Options
	fs := flag.NewFlagSet("dongshu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	preset := fs.String("preset", "", "embedded scenario preset: "+strings.Join(configs.Presets(), ", "))
	scenario := fs.String("scenario", "", "scenario TOML `FILE` (instead of --preset)")
	seed := fs.String("seed", "1", "random seed (unsigned integer)")
	lang := fs.String("lang", i18n.Detect(os.Getenv), "language: "+strings.Join(i18n.Languages, ", "))
	role := fs.String("role", "", "who plays: planner | <province id>[,<province id>...] (hot seat) | auto; starts playing at once")
	difficulty := fs.String("difficulty", "normal", "easy | normal | hard")
	load := fs.String("load", "", "load a saved game `FILE` (also where Ctrl+S saves)")
	save := fs.String("save", game.DefaultSave, "where Ctrl+S saves and Ctrl+O loads `FILE`")
	autoplay := fs.Bool("autoplay", false, "the AI plays every role; the game starts at speed 8")
	autoDecide := fs.Bool("auto-decide", false, "at each quota round, submit the advisor's choice for every human")
	speed := fs.Int("speed", 0, "starting speed in months per second, 0-8 (0: 8 with --autoplay or --frames, else 1)")
	frames := fs.Int("frames", 0, "quit after N frames (0: never)")
	shot := fs.String("screenshot", "", "write a PNG of the screen at frame --frames to `FILE`, then quit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dongshu [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opt, err
		}
		return opt, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return opt, usageError{fmt.Sprintf("unexpected argument %q (flags start with --)", fs.Arg(0))}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	if !slices.Contains(i18n.Languages, *lang) {
		return opt, badFlag("lang", "unknown language %q (known: %s)", *lang, strings.Join(i18n.Languages, ", "))
	}
	opt.Lang = *lang
	st := session.Setup{}
	n, err := strconv.ParseUint(*seed, 10, 64)
	if err != nil {
		return opt, badFlag("seed", "%q is not an unsigned integer", *seed)
	}
	st.Seed = n
	switch strings.ToLower(*difficulty) {
	case "easy":
		st.Difficulty = session.Easy
	case "normal", "":
		st.Difficulty = session.Normal
	case "hard":
		st.Difficulty = session.Hard
	default:
		return opt, badFlag("difficulty", "%q is not easy, normal or hard", *difficulty)
	}
	if set["preset"] && set["scenario"] {
		return opt, badFlag("scenario", "give --preset or --scenario, not both")
	}
	var scn *configs.Scenario
	if *scenario != "" {
		data, err := os.ReadFile(*scenario)
		if err != nil {
			return opt, badFlag("scenario", "%v", err)
		}
		scn, err = configs.Parse(filepath.Base(*scenario), data)
		if err != nil {
			return opt, badFlag("scenario", "%v", err)
		}
		st.ScenarioName, st.ScenarioTOML = filepath.Base(*scenario), string(data)
	} else {
		name := *preset
		if name == "" {
			name = "baseline"
		}
		if !slices.Contains(configs.Presets(), name) {
			return opt, badFlag("preset", "unknown preset %q (known: %s)", name, strings.Join(configs.Presets(), ", "))
		}
		st.Preset = name
		scn, err = configs.LoadPreset(name)
		if err != nil {
			return opt, badFlag("preset", "%v", err)
		}
	}
	r := strings.TrimSpace(*role)
	switch {
	case r == "" || r == "auto":
	case r == "planner":
		st.Role.Planner = true
	default:
		for _, id := range strings.Split(r, ",") {
			id = strings.TrimSpace(id)
			i := slices.IndexFunc(scn.Provinces, func(p configs.Province) bool { return p.ID == id })
			if i < 0 {
				ids := make([]string, len(scn.Provinces))
				for k, p := range scn.Provinces {
					ids[k] = p.ID
				}
				return opt, badFlag("role", "unknown province %q (planner, auto, or province ids: %s)", id, strings.Join(ids, ", "))
			}
			if slices.Contains(st.Role.Provinces, i) {
				return opt, badFlag("role", "province %q is listed twice", id)
			}
			st.Role.Provinces = append(st.Role.Provinces, i)
		}
	}
	if *autoplay && !st.Role.Autoplay() {
		return opt, badFlag("autoplay", "the AI takes every role: drop --role %s", r)
	}
	if *speed < 0 || *speed > session.MaxSpeed {
		return opt, badFlag("speed", "%d is outside 0..%d", *speed, session.MaxSpeed)
	}
	if *frames < 0 {
		return opt, badFlag("frames", "%d is negative", *frames)
	}
	if *shot != "" && *frames == 0 {
		return opt, badFlag("screenshot", "needs --frames N (the frame to capture)")
	}
	if *shot != "" {
		if d := filepath.Dir(*shot); d != "." {
			if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
				return opt, badFlag("screenshot", "directory %q does not exist", d)
			}
		}
	}
	opt.Setup = st
	opt.Start = *autoplay || set["role"]
	opt.AutoDecide = *autoDecide
	opt.Speed = *speed
	if opt.Speed == 0 && (*autoplay || *frames > 0) {
		opt.Speed = session.MaxSpeed
	}
	opt.Frames, opt.Screenshot = *frames, *shot
	opt.SavePath = *save
	if *load != "" {
		if _, err := os.Stat(*load); err != nil {
			return opt, badFlag("load", "%v", err)
		}
		opt.LoadPath = *load
		if !set["save"] {
			opt.SavePath = *load
		}
	}
	return opt, nil
}

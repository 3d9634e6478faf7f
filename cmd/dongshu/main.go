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
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"dongshu/cmd/dongshu/cli"
	_ "dongshu/cmd/dongshu/nodisplay" // first: answers without a display, before ebiten needs one
	"dongshu/game"
	"dongshu/game/desktop"
	"dongshu/game/netplay"
	"dongshu/game/session"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
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
	if f := opt.join; f != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		r, err := netplay.JoinURL(ctx, f)
		cancel()
		if err != nil {
			fmt.Fprintln(stderr, "dongshu:", err)
			return 1
		}
		defer r.Close()
		opt.Options.Remote = r
	}
	app, err := game.New(opt.Options)
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

// options are the game's options and the room to join (--join).
type options struct {
	game.Options
	join string
}

// parse reads the command line into the game's options.
func parse(args []string, stderr io.Writer) (options, error) {
	f, err := cli.Parse(args, stderr)
	if err != nil {
		return options{}, err
	}
	opt := game.Options{Lang: f.Lang, Start: f.Start, AutoDecide: f.AutoDecide, Speed: f.Speed,
		Frames: f.Frames, Screenshot: f.Screenshot, SavePath: f.SavePath, LoadPath: f.LoadPath,
		// Automated runs (--frames, --auto-decide) are not read by a newcomer.
		Onboard: !f.Experienced && f.Frames == 0 && !f.AutoDecide}
	if opt.SavePath == "" {
		opt.SavePath = game.DefaultSave
	}
	opt.Setup = session.Setup{Preset: f.Preset, ScenarioName: f.ScenarioName, ScenarioTOML: f.ScenarioTOML,
		Seed: f.Seed, Difficulty: session.Difficulty(f.Difficulty),
		Role: session.Role{Planner: f.Planner, Provinces: f.Provinces}}
	if opt.Speed == 0 && (f.Autoplay || f.Frames > 0) {
		opt.Speed = session.MaxSpeed
	}
	return options{Options: opt, join: f.Join}, nil
}

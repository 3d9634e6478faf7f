// Package nodisplay lets the game answer on a machine without a display. ebiten opens the X display
// while the program loads and panics without one; this package's init runs before ebiten's (Go
// initialises ready packages in import-path order, and it depends on nothing of ebiten's), so without a
// display it still prints --help, reports bad flags (exit 2) and otherwise says plainly that a display
// is needed (exit 1) — never a panic. Test binaries are left alone: their displays are the business of
// game/desktop/xdisplay.
package nodisplay

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"testing"

	"dongshu/cmd/dongshu/cli"
)

func init() {
	if runtime.GOOS != "linux" || os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" || testing.Testing() {
		return
	}
	_, err := cli.Parse(os.Args[1:], os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "dongshu:", err)
		os.Exit(2)
	}
	fmt.Fprintln(os.Stderr, "dongshu: no display (DISPLAY is not set): the game needs a graphical session.\n"+
		"For a screenshot on a machine without one: xvfb-run -a dongshu --autoplay --frames 600 --screenshot shot.png")
	os.Exit(1)
}

// Package xdisplay gives a test binary that links ebiten an X display. Importing ebiten on Linux opens
// the display in a package init (and panics without one), so a test's TestMain comes too late: this
// package's init runs first (Go initialises ready packages in import-path order, and every dependency of
// this one is also one of ebiten's). Without DISPLAY it re-executes the binary under `xvfb-run -a`; if
// xvfb-run is missing it exits — status 0 with a "skip" message, or status 1 when CI is set, so that CI
// cannot skip silently.
//
// Only tests import it (blank import): the game itself must not start an X server behind a user's back.
package xdisplay

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// Screen is the Xvfb screen the tests run on.
const Screen = "-screen 0 1280x800x24"

func init() {
	if runtime.GOOS != "linux" || os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return
	}
	if os.Getenv("DONGSHU_XVFB") == "" {
		if p, err := exec.LookPath("xvfb-run"); err == nil {
			env := append(os.Environ(), "DONGSHU_XVFB=1")
			args := append([]string{p, "-a", "-s", Screen}, os.Args...)
			err = syscall.Exec(p, args, env) // returns only on failure
			fmt.Fprintln(os.Stderr, "xdisplay: cannot run xvfb-run:", err)
		}
	}
	msg := "no X display (DISPLAY unset) and no working xvfb-run: the desktop rendering tests need one (apt-get install xvfb)"
	if os.Getenv("CI") != "" {
		fmt.Fprintln(os.Stderr, "FAIL:", msg)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "skip:", msg)
	os.Exit(0)
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/cmd/dongshu/cli"
	"dongshu/game/session"
)

// Without a display the game still answers --help and bad flags, and otherwise says a display is needed:
// never ebiten's panic.
func TestWithoutDisplay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the game (skipped with -short)")
	}
	bin := filepath.Join(t.TempDir(), "dongshu")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--help"}, 0, "usage: dongshu"},
		{[]string{"--lang", "de"}, 2, `--lang: unknown language "de"`},
		{[]string{"--preset", "nope"}, 2, "--preset: unknown preset"},
		{nil, 1, "no display"},
	} {
		cmd := exec.Command(bin, c.args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		assert.Equal(t, c.code, code, "%v: %s", c.args, out)
		assert.Contains(t, string(out), c.says, "%v", c.args)
		assert.NotContains(t, string(out), "panic", "%v", c.args)
	}
}

func TestSpeedLimitAgrees(t *testing.T) {
	assert.Equal(t, session.MaxSpeed, cli.MaxSpeed)
}

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	_ "dongshu/game/desktop/xdisplay" // this binary links ebiten: it needs a display (Xvfb) to start
	"dongshu/game/session"
	"dongshu/internal/testtool"
)

func TestParseFlags(t *testing.T) {
	var errb bytes.Buffer
	opt, err := parse([]string{"--preset", "drought", "--seed", "7", "--lang", "fr", "--role", "gansu,guizhou", "--difficulty", "hard"}, &errb)
	require.NoError(t, err)
	assert.Equal(t, "drought", opt.Setup.Preset)
	assert.EqualValues(t, 7, opt.Setup.Seed)
	assert.Equal(t, "fr", opt.Lang)
	assert.Equal(t, session.Hard, opt.Setup.Difficulty)
	assert.Len(t, opt.Setup.Role.Provinces, 2)
	assert.True(t, opt.Start, "--role starts playing at once")
	assert.True(t, opt.Onboard, "a newcomer gets the Info screen and the guided first round")

	opt, err = parse([]string{"--autoplay", "--frames", "10", "--screenshot", filepath.Join(t.TempDir(), "s.png")}, &errb)
	require.NoError(t, err)
	assert.True(t, opt.Setup.Role.Autoplay())
	assert.Equal(t, 8, opt.Speed)
	assert.True(t, opt.Start)
	assert.False(t, opt.Onboard, "an automated run is not onboarded")

	opt, err = parse([]string{"--role", "planner", "--experienced"}, &errb)
	require.NoError(t, err)
	assert.False(t, opt.Onboard, "--experienced: no Info screen at the start, no guide")

	opt, err = parse([]string{"--role", "planner"}, &errb)
	require.NoError(t, err)
	assert.True(t, opt.Setup.Role.Planner)
	assert.Equal(t, 0, opt.Speed, "a human game starts at the game's own pace")

	opt, err = parse(nil, &errb)
	require.NoError(t, err)
	assert.False(t, opt.Start, "no flags: the title screen")
	assert.Equal(t, "dongshu-save.json", opt.SavePath)
}

func TestBadFlags(t *testing.T) {
	cases := map[string][]string{
		"preset":     {"--preset", "nope"},
		"seed":       {"--seed", "-3"},
		"lang":       {"--lang", "de"},
		"role":       {"--role", "atlantis"},
		"difficulty": {"--difficulty", "insane"},
		"load":       {"--load", "/nonexistent/save.json"},
		"scenario":   {"--scenario", "/nonexistent/x.toml"},
		"speed":      {"--speed", "9"},
		"screenshot": {"--screenshot", "x.png"},
		"autoplay":   {"--autoplay", "--role", "planner"},
		"frames":     {"--frames", "abc"},
		"unknown":    {"--bogus"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			var errb bytes.Buffer
			code := run(args, &errb)
			assert.Equal(t, 2, code, "exit status 2")
			if name != "unknown" {
				assert.Contains(t, errb.String(), "--"+name, "the message names the flag")
			} else {
				assert.Contains(t, errb.String(), "bogus")
			}
		})
	}
}

// TestSmokeScreenshots builds the game and runs it under Xvfb for 600 frames in four set-ups, checking
// that each screenshot shows the map and its legend.
func TestSmokeScreenshots(t *testing.T) {
	if testing.Short() {
		t.Skip("smoke test: builds and runs the game (skipped with -short)")
	}
	xvfb := testtool.Need(t, "xvfb-run", "xvfb")
	dir := t.TempDir()
	bin := filepath.Join(dir, "dongshu")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	runs := map[string][]string{
		"autoplay-en":     {"--autoplay", "--lang", "en"},
		"autoplay-fr":     {"--autoplay", "--lang", "fr"},
		"planner-fr":      {"--role", "planner", "--lang", "fr"},
		"province-decide": {"--role", "guizhou", "--auto-decide", "--lang", "en"},
	}
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			shot := filepath.Join(dir, name+".png")
			args := append([]string{"-a", "-s", "-screen 0 1280x800x24", bin, "--frames", "600", "--screenshot", shot}, args...)
			cmd := exec.Command(xvfb, args...)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s: %s", name, out)
			data, err := os.ReadFile(shot)
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			b := img.Bounds()
			require.Equal(t, 1280, b.Dx())
			require.Equal(t, 720, b.Dy())
			// The map: the left panel's middle (the cartogram) shows many colours.
			assert.Greater(t, distinct(img, image.Rect(20, 80, 500, 600)), 30, "%s: a coloured map", name)
			// The legend: the bottom of the map panel holds the gradient and its labels.
			assert.Greater(t, distinct(img, image.Rect(12, 640, 480, 700)), 15, "%s: a legend", name)
		})
	}
}

func distinct(img image.Image, r image.Rectangle) int {
	seen := map[color.RGBA]bool{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)] = true
		}
	}
	return len(seen)
}

package room_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/session"
	"dongshu/game/view"
	"dongshu/internal/room"
	"dongshu/internal/testtool"
	"dongshu/internal/wire"
)

// buildWeb builds the web client as `make web` does, into dir: dongshu.wasm and wasm_exec.js, each with
// its gzipped copy. It returns the sizes of the WASM file, raw and gzipped.
func buildWeb(t *testing.T, dir string) (raw, gz int) {
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "dongshu.wasm"), "dongshu/cmd/dongshu-web")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err)
	js, err := os.ReadFile(filepath.Join(string(bytes.TrimSpace(goroot)), "lib", "wasm", "wasm_exec.js"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wasm_exec.js"), js, 0o644))
	for _, name := range []string{"dongshu.wasm", "wasm_exec.js"} {
		path := filepath.Join(dir, name)
		// gzip -9 as make web does; Go's own compressor (a little larger) if there is no gzip.
		if err := exec.Command("gzip", "-9", "-k", "-f", path).Run(); err != nil {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var b bytes.Buffer
			w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			w.Write(data)
			require.NoError(t, w.Close())
			require.NoError(t, os.WriteFile(path+".gz", b.Bytes(), 0o644))
		}
	}
	st, err := os.Stat(filepath.Join(dir, "dongshu.wasm"))
	require.NoError(t, err)
	stz, err := os.Stat(filepath.Join(dir, "dongshu.wasm.gz"))
	require.NoError(t, err)
	return int(st.Size()), int(stz.Size())
}

// mapDrawn reports whether a screenshot shows the game's map: the play screen draws the provinces as
// tiles, so several large blocks of distinct colours (hundreds of pixels each, unlike a page of text);
// with noData, tiles in the no-data grey count too (before the first month nothing is measured yet).
func mapDrawn(shot []byte, noData bool) (bool, int) {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return false, 0
	}
	count := map[[3]uint8]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			count[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}]++
		}
	}
	blocks := 0
	for c, n := range count {
		hi, lo := max(c[0], c[1], c[2]), min(c[0], c[1], c[2])
		if n >= 300 && hi-lo >= 30 { // a coloured block (grey backgrounds and text do not count)
			blocks++
		}
		if noData && c == [3]uint8{view.NoData.R, view.NoData.G, view.NoData.B} {
			blocks += n / 300 // the hatched grey tiles, all of one colour
		}
	}
	return blocks >= 4, blocks
}

// browser starts a headless chromium (the test is skipped without one, and fails in CI: testtool.Need).
func browser(t *testing.T) context.Context {
	chromium := testtool.Need(t, "chromium", "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("enable-unsafe-swiftshader", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.WindowSize(1280, 720),
		chromedp.Flag("lang", "en-US"), chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	return ctx
}

// until evaluates js in the page until it returns true.
func until(t *testing.T, ctx context.Context, js, what string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		require.NoError(t, err)
		if ok {
			return
		}
		require.True(t, time.Now().Before(deadline), "never: %s", what)
		time.Sleep(100 * time.Millisecond)
	}
}

func click(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const b = `+js+`; b.click(); return true; })()`))
	require.NoError(t, err)
}

// TestPages drives the plain pages in chromium: a student joins on the students' page, takes a seat and
// sends the pre-filled decision form; the facilitator's console lists the seats and starts the game;
// the projector shows the code, the QR code and the months.
func TestPages(t *testing.T) {
	ctx := browser(t)
	tr := startRoom(t, room.Options{Speed: 8})
	spec := tr.dial(t, wire.Hello{Name: "watcher"}, true)
	defer spec.Close()
	code := tr.R.Code()

	// The students' page.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(tr.HTTP+"#code="+code)))
	until(t, ctx, `document.getElementById("code").value === "`+code+`"`, "the code from the link")
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.getElementById("name").value = "Ana"; return true; })()`))
	require.NoError(t, err)
	click(t, ctx, `document.getElementById("go")`)
	until(t, ctx, `[...document.querySelectorAll("#free button")].some((b) => b.textContent === "Gansu")`, "free seats listed")
	click(t, ctx, `[...document.querySelectorAll("#free button")].find((b) => b.textContent === "Gansu")`)
	waitFor(t, spec, func() bool {
		i := slices.IndexFunc(spec.Seats, func(s wire.Seat) bool { return s.ID == "gansu" })
		return i >= 0 && spec.Seats[i].Holder == "Ana"
	})
	until(t, ctx, `!document.getElementById("form").hidden && !!document.getElementById("f_BuildMW")`, "the decision form")
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.getElementById("f_BuildMW").value = "123"; return true; })()`))
	require.NoError(t, err)
	click(t, ctx, `document.getElementById("send")`)
	waitFor(t, spec, func() bool { rd := spec.State.Round; return rd != nil && !slices.Contains(rd.Waiting, "gansu") })

	// The console: every seat, Ana on Gansu; Start runs the clock and the round closes with her decision.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(tr.HTTP+"console#code="+code+"&token="+tr.Fac)))
	until(t, ctx, `document.querySelectorAll("#seats tr").length === 32`, "32 seats in the console")
	until(t, ctx, `[...document.querySelectorAll("#seats tr")].some((r) => r.textContent.includes("Gansu") && r.textContent.includes("Ana"))`, "Ana on Gansu")
	click(t, ctx, `document.querySelector("button[data-op=start]")`)
	waitFor(t, spec, func() bool { return spec.Sess.Model().W.Now > spec.Sess.Model().W.Start })
	gansu := seatIndex(spec.Welcome, "gansu")
	i := slices.IndexFunc(spec.Sess.Actions(), func(a session.Action) bool { return a.Province != nil && a.Province.Province == gansu })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, 123.0, spec.Sess.Actions()[i].Province.BuildMW, "the form's decision was applied")

	// The projector.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(tr.HTTP+"projector#code="+code)))
	until(t, ctx, `document.getElementById("code").textContent === "`+code+`" && document.getElementById("qr").naturalWidth > 0`, "code and QR code")
	until(t, ctx, `/^\d{4}-\d{2}/.test(document.getElementById("month").textContent) && document.getElementById("nat").textContent.length > 0`, "months and national figures")
}

// TestBrowser runs the web client in Debian's chromium: it loads the WASM game, joins a seat, submits a
// decision that the server applies, and draws the map.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	raw, gz := buildWeb(t, dir)
	t.Logf("web client: dongshu.wasm %.1f MB, %.2f MB gzipped as served", float64(raw)/1e6, float64(gz)/1e6)
	staticDir = dir
	tr := startRoom(t, room.Options{Speed: 4})
	staticDir = ""
	spec := tr.dial(t, wire.Hello{Name: "watcher"}, true)
	defer spec.Close()
	gansu := seatIndex(spec.Welcome, "gansu")
	advice := spec.Sess.Advice(gansu).Decision

	url := tr.HTTP + "play#code=" + tr.R.Code() + "&name=browser&seat=gansu"
	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)))
	var shot []byte
	var firstFrame time.Duration
	for {
		failed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.dongshuError || ""`))
		require.NoError(t, err)
		require.Empty(t, failed, "the page reports an error")
		shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		if ok, _ := mapDrawn(shot, true); ok {
			firstFrame = time.Since(start)
			break
		}
		require.Less(t, time.Since(start), 2*time.Minute, "no map drawn")
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("first frame with the map: %v after navigation (loopback)", firstFrame.Round(10*time.Millisecond))

	// The browser holds the seat, the round waits for it; its dialog is open: change the build, send.
	waitFor(t, spec, func() bool {
		rd := spec.State.Round
		return rd != nil && slices.Contains(rd.Waiting, "gansu")
	})
	// The game opens its dialog on its next tick; if the keys came before it (a slow machine), Enter on
	// the play screen opens it, and the next try edits and sends.
	sent := func() bool {
		_, st, err := tr.R.Snapshot()
		require.NoError(t, err)
		return st.Round != nil && !slices.Contains(st.Round.Waiting, "gansu")
	}
	for try := 0; !sent(); try++ {
		require.Less(t, try, 5, "the browser's decision never reached the room")
		time.Sleep(500 * time.Millisecond)
		for _, k := range []string{kb.ArrowDown, kb.ArrowRight, kb.ArrowRight, kb.ArrowRight, kb.Enter} {
			slowKey(t, ctx, k)
		}
		for wait := 0; wait < 50 && !sent(); wait++ {
			time.Sleep(100 * time.Millisecond)
		}
	}
	// The facilitator starts the clock: the round closes and the month applies the browser's decision.
	fac, stopFac := facilitator(t, tr)
	defer stopFac()
	require.NoError(t, fac.Control(context.Background(), wire.Control{Op: wire.OpStart}))
	waitFor(t, spec, func() bool { return spec.Sess.Model().W.Now > spec.Sess.Model().W.Start })
	acts := spec.Sess.Actions()
	i := slices.IndexFunc(acts, func(a session.Action) bool { return a.Province != nil && a.Province.Province == gansu })
	require.GreaterOrEqual(t, i, 0, "gansu's decision is in the game")
	got := *acts[i].Province
	t.Logf("the browser's decision: %+v; the advisor's: %+v", got, advice)
	assert.NotEqual(t, fmt.Sprint(advice.RequestMW, advice.BuildMW, advice.Subsidy),
		fmt.Sprint(got.RequestMW, got.BuildMW, got.Subsidy), "the player's own decision, not the advisor's")
	for _, n := range spec.Notices {
		assert.NotContains(t, n.Seats, "gansu", "the advisor did not decide for the browser's seat")
	}
	time.Sleep(time.Second)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	ok, blocks := mapDrawn(shot, false)
	assert.True(t, ok, "map drawn after the month (%d colour blocks)", blocks)
	if out := os.Getenv("DONGSHU_BROWSER_SHOT"); out != "" {
		os.WriteFile(out, shot, 0o644)
	}

	// A reload (the same link, which claims gansu) comes back into the seat with the kept token.
	waitFor(t, spec, func() bool { return seatConns(spec.Seats, "gansu") == 1 })
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)))
	until(t, ctx, `window.dongshuReady === true || !!window.dongshuError`, "the game after a reload")
	failed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.dongshuError || ""`))
	require.NoError(t, err)
	require.Empty(t, failed, "back into the seat, not 'this seat is taken'")
	waitFor(t, spec, func() bool { return seatConns(spec.Seats, "gansu") == 1 })
}

func seatConns(seats []wire.Seat, id string) int {
	for _, s := range seats {
		if s.ID == id {
			return s.Connected
		}
	}
	return -1
}

// slowKey presses key and holds it for a few of the game's ticks: the game reads the keyboard's state
// once a tick, and a key pressed and released between two ticks is never seen.
func slowKey(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	for _, r := range key {
		for _, ev := range kb.Encode(r) {
			_, err := chromedp.Call(ctx, input.DispatchKeyEvent, *ev)
			require.NoError(t, err)
			time.Sleep(60 * time.Millisecond)
		}
	}
}

// waitFor reads c's frames until cond holds.
func waitFor(t *testing.T, c interface {
	Next(context.Context) (string, error)
}, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for !cond() {
		_, err := c.Next(ctx)
		require.NoError(t, err)
	}
}

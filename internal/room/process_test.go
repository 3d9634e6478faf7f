package room_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/game/netplay"
	"dongshu/internal/room"
	"dongshu/internal/wire"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// serverBinary builds cmd/dongshu-server once (CGO_ENABLED=0, as shipped).
func serverBinary(t testing.TB) string {
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "dongshu-server-test-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "dongshu-server")
		cmd := exec.Command("go", "build", "-o", binPath, "dongshu/cmd/dongshu-server")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	require.NoError(t, binErr)
	return binPath
}

// proc is a dongshu-server process.
type proc struct {
	cmd             *exec.Cmd
	addr, code, fac string
	stderr          *strings.Builder
	exited          chan struct{}
}

func (p *proc) ws() string   { return "ws://" + p.addr + "/ws" }
func (p *proc) http() string { return "http://" + p.addr + "/" }

func startServer(t testing.TB, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(serverBinary(t), append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &proc{cmd: cmd, stderr: &strings.Builder{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	require.NoError(t, cmd.Start())
	go func() { cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.exited
	})
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		switch f := strings.Fields(line); {
		case len(f) >= 5 && f[0] == "join:":
			p.code = strings.TrimSuffix(f[4], ")")
		case len(f) >= 2 && f[0] == "facilitator:" && strings.Contains(f[1], "&token="):
			p.fac = f[1][strings.Index(f[1], "&token=")+len("&token="):]
		case len(f) >= 2 && f[0] == "listening:":
			p.addr = f[1]
		}
		if p.addr != "" {
			break
		}
	}
	go io.Copy(io.Discard, out)
	require.NotEmpty(t, p.addr, "server output: %s", p.stderr)
	require.NotEmpty(t, p.code)
	return p
}

func (p *proc) kill9(t testing.TB) {
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
	<-p.exited
}

func (p *proc) dial(t testing.TB, hello wire.Hello, replica bool) *netplay.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	hello.Code = p.code
	c, err := netplay.Dial(ctx, p.ws(), "", hello, replica)
	require.NoError(t, err)
	return c
}

func (p *proc) claimAll(t testing.TB, seats []string) []*player {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var ps []*player
	for _, id := range seats {
		c := p.dial(t, wire.Hello{Name: "player " + id}, id == room.PlannerSeat)
		require.NoError(t, c.Claim(ctx, id))
		for c.Seat == "" {
			_, err := c.Next(ctx)
			require.NoError(t, err)
		}
		ps = append(ps, &player{c: c, seat: wire.Seat{ID: id}, idx: seatIndex(c.Welcome, id)})
	}
	return ps
}

func (p *proc) export(t testing.TB, name string) []byte {
	code, b := getExport(t, p.http(), p.fac, name, "")
	require.Equal(t, http.StatusOK, code, string(b))
	return b
}

func gameOf(t testing.TB, roomFile string) string {
	data, err := os.ReadFile(roomFile)
	require.NoError(t, err)
	var f struct {
		Game json.RawMessage `json:"game"`
	}
	require.NoError(t, json.Unmarshal(data, &f))
	return string(f.Game)
}

// processGame plays a whole class game against a real server process; with kill, the server is killed
// with SIGKILL in the middle of a quota round (some decisions in, some not), restarted with --resume,
// and every player reconnects into its seat with its token and plays on.
func processGame(t *testing.T, kill bool) (game, timeseries, events string) {
	file := filepath.Join(t.TempDir(), "room.json")
	p := startServer(t, "--turbo", "--timer", "0", "--save", file)
	probe := p.dial(t, wire.Hello{Name: "probe"}, false)
	var seats []string
	for _, s := range probe.Seats {
		seats = append(seats, s.ID)
	}
	probe.Close()
	ps := p.claimAll(t, seats)
	fac := p.dial(t, wire.Hello{Token: p.fac}, false)
	require.NoError(t, fac.Control(context.Background(), wire.Control{Op: wire.OpStart}))

	killed := make(chan struct{})
	if kill {
		go func() {
			defer close(killed)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			for {
				if _, err := fac.Next(ctx); err != nil {
					return
				}
				if rd := fac.State.Round; rd != nil && rd.Month == "2027-01" && len(rd.Waiting) > 0 && len(rd.Waiting) < 16 {
					p.kill9(t)
					return
				}
			}
		}()
	} else {
		go func() {
			for {
				if _, err := fac.Next(context.Background()); err != nil {
					return
				}
			}
		}()
		close(killed)
	}
	playAll(ps, nil)
	<-killed
	if kill {
		for _, pl := range ps {
			require.Error(t, pl.err, "every player lost the server")
			require.Nil(t, pl.c.Debrief)
		}
		p = startServer(t, "--turbo", "--resume", file)
		p.fac = fac.Token // the facilitator's token of the first start still works
		for _, pl := range ps {
			tok := pl.c.Token
			pl.c = p.dial(t, wire.Hello{Name: "back", Token: tok}, pl.seat.ID == room.PlannerSeat)
			require.Equal(t, pl.seat.ID, pl.c.Seat, "back in the seat")
			pl.decided, pl.err = "", nil
		}
		playAll(ps, nil)
	}
	for _, pl := range ps {
		require.NoError(t, pl.err)
		require.NotNil(t, pl.c.Debrief)
		pl.c.Close()
	}
	return gameOf(t, file), string(p.export(t, "timeseries.csv")), string(p.export(t, "events.csv"))
}

// TestKillResume: kill -9 mid-round, --resume, players reconnect: the game and its export are
// byte-identical to the same players' uninterrupted game.
func TestKillResume(t *testing.T) {
	refGame, refTS, refEv := processGame(t, false)
	game, ts, ev := processGame(t, true)
	assert.Equal(t, refGame, game)
	assert.Equal(t, refTS, ts)
	assert.Equal(t, refEv, ev)
	assert.Contains(t, game, `"month": "2035-12"`)
}

// procStat reads a process's CPU time (user + system) and peak resident memory from /proc.
func procStat(t testing.TB, pid int) (cpu time.Duration, peakKB int) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	require.NoError(t, err)
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	ut, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	cpu = time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ is 100 on Linux
	s, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(t, err)
	for _, line := range strings.Split(string(s), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peakKB, _ = strconv.Atoi(strings.Fields(v)[0])
		}
	}
	return
}

// TestLoad: 31 scripted province clients and 10 spectators play a whole baseline game against a server
// process at full speed (--turbo); with DONGSHU_LOAD_SPEED=8, on the real clock at 8 months a second,
// counting late months. It prints the figures; it asserts only that every client saw every month.
func TestLoad(t *testing.T) {
	args := []string{"--turbo", "--timer", "0"}
	speed, _ := strconv.Atoi(os.Getenv("DONGSHU_LOAD_SPEED"))
	if speed > 0 {
		args = []string{"--speed", strconv.Itoa(speed), "--timer", "0"}
	}
	args = append(args, "--save", filepath.Join(t.TempDir(), "room.json"))
	p := startServer(t, args...)
	probe := p.dial(t, wire.Hello{Name: "probe"}, false)
	var seats []string
	for _, s := range probe.Seats {
		if s.ID != room.PlannerSeat {
			seats = append(seats, s.ID)
		}
	}
	probe.Close()
	require.Len(t, seats, 31)
	m0, err := configs.ParseMonth(probe.State.Month)
	require.NoError(t, err)
	m1, err := configs.ParseMonth(probe.State.End)
	require.NoError(t, err)
	total := int(m1 - m0)
	ps := p.claimAll(t, seats)
	for range 10 {
		ps = append(ps, &player{c: p.dial(t, wire.Hello{Name: "spectator"}, false)})
	}
	var mu sync.Mutex
	var lat []time.Duration
	months := make([]int, len(ps))
	var late int
	var worst time.Duration
	lastAt := map[*player]time.Time{}
	onMonth := func(pl *player) {
		now := time.Now()
		mu.Lock()
		defer mu.Unlock()
		lat = append(lat, now.Sub(time.UnixMicro(pl.c.Last.At)))
		months[slices.Index(ps, pl)]++
		if speed > 0 {
			// A month is late if it comes more than twice its period after the last one, rounds aside.
			if prev, ok := lastAt[pl]; ok && !strings.HasSuffix(pl.c.Last.Month, "-01") {
				gap := now.Sub(prev)
				worst = max(worst, gap)
				if gap > 2*time.Second/time.Duration(speed) {
					late++
				}
			}
			lastAt[pl] = now
		}
	}
	for _, pl := range ps {
		pl.c.Bytes, pl.c.Frames = 0, 0 // the welcome aside: counted below per month
	}
	fac := p.dial(t, wire.Hello{Token: p.fac}, false)
	go func() {
		for {
			if _, err := fac.Next(context.Background()); err != nil {
				return
			}
		}
	}()
	cpu0, _ := procStat(t, p.cmd.Process.Pid)
	start := time.Now()
	require.NoError(t, fac.Control(context.Background(), wire.Control{Op: wire.OpStart}))
	playAll(ps, onMonth)
	wall := time.Since(start)
	cpu1, peak := procStat(t, p.cmd.Process.Pid)
	var bytes int64
	for i, pl := range ps {
		require.NoError(t, pl.err)
		assert.Equal(t, total, months[i], "client %d saw every month", i)
		bytes += pl.c.Bytes
	}
	slices.Sort(lat)
	pct := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	n := float64(total)
	t.Logf("load: %d clients (31 provinces, 10 spectators), %d months (%s to %s) in %v: %.0f months/s", len(ps), total, probe.State.Month, probe.State.End, wall.Round(time.Millisecond), n/wall.Seconds())
	t.Logf("server: CPU %v (%.0f%% of one core over the game), peak RSS %d MB", cpu1-cpu0, 100*(cpu1-cpu0).Seconds()/wall.Seconds(), peak/1024)
	t.Logf("broadcast latency (server queue to client decode): p50 %v, p99 %v, max %v", pct(0.5), pct(0.99), lat[len(lat)-1])
	t.Logf("bytes per client per month (after the welcome): %.0f; welcome %d bytes", float64(bytes)/float64(len(ps))/n, len(probe.Welcome.Save))
	if speed > 0 {
		t.Logf("at %dx: %d late months (gap > %v outside rounds), worst gap %v", speed, late, 2*time.Second/time.Duration(speed), worst)
	}
}

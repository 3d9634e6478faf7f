package room_test

import (
	"context"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/game/netplay"
	"dongshu/game/session"
	"dongshu/internal/room"
	"dongshu/internal/wire"
)

// testRoom is a room served over loopback.
type testRoom struct {
	R    *room.Room
	Fac  string // the facilitator's token
	URL  string // ws://…/ws
	HTTP string // http://…/
	srv  *httptest.Server
	stop chan struct{}
	done chan struct{}
}

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

// startRoom serves a new turbo room on the baseline (seed 1) unless opt says otherwise.
func startRoom(t testing.TB, opt room.Options) *testRoom {
	t.Helper()
	if opt.Setup.Preset == "" {
		opt.Setup = session.Setup{Preset: "baseline", Seed: 1}
	}
	if opt.Log == nil {
		opt.Log = quietLog()
	}
	r, fac, err := room.New(opt)
	require.NoError(t, err)
	return serveRoom(t, r, fac)
}

// smallSockets makes the test server's sockets' send buffers small, so that a client that stops reading
// fills them at once (loopback buffers hold megabytes: a whole game).
var smallSockets bool

type smallListener struct{ net.Listener }

func (l smallListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4 << 10)
	}
	return c, err
}

// staticDir is served under /static/ by the next rooms served ("" none).
var staticDir string

func serveRoom(t testing.TB, r *room.Room, fac string) *testRoom {
	tr := &testRoom{R: r, Fac: fac, stop: make(chan struct{}), done: make(chan struct{})}
	tr.srv = httptest.NewUnstartedServer(nil)
	if smallSockets {
		tr.srv.Listener = smallListener{tr.srv.Listener}
	}
	tr.srv.Start()
	var static fs.FS
	if staticDir != "" {
		static = os.DirFS(staticDir)
	}
	tr.srv.Config.Handler = r.Handler(tr.srv.URL+"/", static)
	tr.URL = "ws" + strings.TrimPrefix(tr.srv.URL, "http") + "/ws"
	tr.HTTP = tr.srv.URL + "/"
	go func() { r.Run(tr.stop); close(tr.done) }()
	t.Cleanup(tr.Close)
	return tr
}

func (tr *testRoom) Close() {
	select {
	case <-tr.stop:
		return
	default:
	}
	close(tr.stop)
	<-tr.done
	tr.srv.CloseClientConnections()
	tr.srv.Close()
}

func (tr *testRoom) dial(t testing.TB, hello wire.Hello, replica bool) *netplay.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	hello.Code = tr.R.Code()
	c, err := netplay.Dial(ctx, tr.URL, "", hello, replica)
	require.NoError(t, err)
	return c
}

// scripted is a province's (or the planner's) decision, a fixed function of the seat and the month, so
// that two games with the same players are the same game.
// The planner (who needs its replica to know the policy it keeps) moderates one province a year in turn.
func scripted(w wire.Seat, idx int, month string, s *session.Session) wire.Decide {
	m, _ := configs.ParseMonth(month)
	if w.ID == room.PlannerSeat {
		d := s.Model().PlannerPolicy()
		d.Moderate = []int{int(m) % 31}
		return wire.Decide{Month: month, Planner: &d}
	}
	v := float64(20 + (idx*7+int(m))%60)
	return wire.Decide{Month: month, Province: &agents.Decision{Province: idx, RequestMW: v, BuildMW: v,
		Subsidy: 0.01 * float64(idx%3), Fibre: idx%5 == 0 && int(m)%24 == 0, CapAtQuota: idx%2 == 0}}
}

// player claims seat and plays it until the debrief: at every round it waits for, it sends scripted().
type player struct {
	c       *netplay.Client
	seat    wire.Seat
	idx     int
	decided string // the last round month decided
	err     error
}

func (p *player) decideIfAwaited(ctx context.Context) error {
	rd := p.c.State.Round
	if rd == nil || rd.Month == p.decided {
		return nil
	}
	for _, w := range rd.Waiting {
		if w == p.seat.ID {
			p.decided = rd.Month
			return p.c.Decide(ctx, scripted(p.seat, p.idx, p.c.State.Month, p.c.Sess))
		}
	}
	return nil
}

// play runs until the debrief (or an error); onMonth is called after each month frame.
func (p *player) play(ctx context.Context, onMonth func(*player)) {
	for p.c.Debrief == nil {
		if err := p.decideIfAwaited(ctx); err != nil {
			p.err = err
			return
		}
		t, err := p.c.Next(ctx)
		if err != nil {
			p.err = err
			return
		}
		if t == wire.TMonth && onMonth != nil {
			onMonth(p)
		}
	}
}

// seatIndex is the province index of a seat (-1 for the planner), from the welcome's province list.
func seatIndex(wel wire.Welcome, id string) int {
	for i, p := range wel.Provinces {
		if p == id {
			return i
		}
	}
	return -1
}

// claimAll connects one player per seat and claims it.
func claimAll(t testing.TB, tr *testRoom, seats []string) []*player {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var ps []*player
	for _, id := range seats {
		c := tr.dial(t, wire.Hello{Name: "player " + id}, id == room.PlannerSeat)
		require.NoError(t, c.Claim(ctx, id))
		for c.Seat == "" {
			_, err := c.Next(ctx)
			require.NoError(t, err)
			require.Empty(t, c.LastErr)
		}
		var ws wire.Seat
		for _, s := range c.Seats {
			if s.ID == id {
				ws = s
			}
		}
		ps = append(ps, &player{c: c, seat: ws, idx: seatIndex(c.Welcome, id)})
	}
	return ps
}

func playAll(ps []*player, onMonth func(*player)) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Add(1)
		go func() { defer wg.Done(); p.play(ctx, onMonth) }()
	}
	wg.Wait()
}

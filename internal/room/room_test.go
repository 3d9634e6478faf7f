package room_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/netplay"
	"dongshu/game/session"
	"dongshu/internal/room"
	"dongshu/internal/wire"
)

// allSeats lists the room's seats (the baseline's 31 provinces and the planner).
func allSeats(t testing.TB, tr *testRoom) []string {
	c := tr.dial(t, wire.Hello{Name: "probe"}, false)
	defer c.Close()
	var ids []string
	for _, s := range c.Seats {
		ids = append(ids, s.ID)
	}
	return ids
}

// facilitator connects the facilitator and reads its frames in the background.
func facilitator(t testing.TB, tr *testRoom) (*netplay.Client, func()) {
	c := tr.dial(t, wire.Hello{Name: "teacher", Token: tr.Fac}, false)
	require.Equal(t, "facilitator", c.Welcome.Role)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, err := c.Next(ctx); err != nil {
				return
			}
		}
	}()
	return c, func() { cancel(); <-done; c.Close() }
}

// result is what a finished game leaves: the room's game as a save, and its export.
type result struct {
	save       []byte
	timeseries []byte
	events     []byte
	debrief    []byte
}

func finish(t testing.TB, tr *testRoom) result {
	save, st, err := tr.R.Snapshot()
	require.NoError(t, err)
	require.True(t, st.Ended)
	dir := t.TempDir()
	require.NoError(t, tr.R.Export(dir))
	read := func(n string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, n))
		require.NoError(t, err)
		return b
	}
	return result{save: save, timeseries: read("timeseries.csv"), events: read("events.csv"), debrief: read("debrief.json")}
}

// classGame plays a whole baseline game: a player in every seat, spectators with replicas that check
// every month's digest; attack runs alongside (nil: none). It returns the game's result.
func classGame(t *testing.T, spectators int, attack func(tr *testRoom)) result {
	return classGameWith(t, room.Options{}, spectators, attack)
}

func classGameWith(t *testing.T, opt room.Options, spectators int, attack func(tr *testRoom)) result {
	opt.Turbo = true
	tr := startRoom(t, opt)
	seats := allSeats(t, tr)
	require.Len(t, seats, 32)
	ps := claimAll(t, tr, seats)
	for range spectators {
		ps = append(ps, &player{c: tr.dial(t, wire.Hello{Name: "watcher"}, true)})
	}
	fac, stopFac := facilitator(t, tr)
	defer stopFac()
	var wg sync.WaitGroup
	if attack != nil {
		wg.Add(1)
		go func() { defer wg.Done(); attack(tr) }()
	}
	require.NoError(t, fac.Control(context.Background(), wire.Control{Op: wire.OpStart}))
	playAll(ps, nil)
	wg.Wait()
	for _, p := range ps {
		require.NoError(t, p.err, "seat %q", p.seat.ID)
		p.c.Close()
	}
	res := finish(t, tr)
	for _, p := range ps[len(seats):] {
		// The spectators' replicas followed the whole game and agree with the room.
		require.NotNil(t, p.c.Sess)
		got, err := p.c.Sess.MarshalSave()
		require.NoError(t, err)
		assert.Equal(t, string(res.save), string(withSpeed0(got)))
	}
	return res
}

// withSpeed0 is a replica's save as the room writes it at the end (the clock stopped).
func withSpeed0(save []byte) []byte { return save }

func TestClassGame(t *testing.T) {
	res := classGame(t, 2, nil)
	// A game is its save: replaying the room's save offline gives the same history, hence the same export.
	s, err := session.Decode("room", res.save)
	require.NoError(t, err)
	assert.True(t, s.Done())
	assert.Contains(t, string(res.debrief), `"career"`)
	assert.NotEmpty(t, res.timeseries)
}

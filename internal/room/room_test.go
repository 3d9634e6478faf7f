package room_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
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
	chart      map[string][]byte // utilisation.png as the console downloads it, by ?lang= ("" none)
}

func finish(t testing.TB, tr *testRoom) result {
	save, st, err := tr.R.Snapshot()
	require.NoError(t, err)
	require.True(t, st.Ended)
	dir := t.TempDir()
	require.NoError(t, tr.R.Export(dir, "en"))
	read := func(n string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, n))
		require.NoError(t, err)
		return b
	}
	res := result{save: save, timeseries: read("timeseries.csv"), events: read("events.csv"), debrief: read("debrief.json"),
		chart: map[string][]byte{}}
	for _, lang := range []string{"", "en", "fr"} {
		code, body := exportHTTP(t, tr, "utilisation.png", lang)
		require.Equal(t, http.StatusOK, code, "lang %q: %s", lang, body)
		res.chart[lang] = body
	}
	code, body := exportHTTP(t, tr, "utilisation.png", "xx")
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(body), `lang="xx": the export's languages are en, fr`)
	return res
}

// exportHTTP downloads one file of the class export as the facilitator's console does.
func exportHTTP(t testing.TB, tr *testRoom, name, lang string) (int, []byte) {
	return getExport(t, tr.HTTP, tr.Fac, name, lang)
}

// getExport GETs /export/NAME?lang=LANG (no parameter when lang is "") from the server at base (ending in
// /) with the facilitator's token, and returns the status and the body.
func getExport(t testing.TB, base, token, name, lang string) (int, []byte) {
	url := base + "export/" + name
	if lang != "" {
		url += "?lang=" + lang
	}
	req, err := http.NewRequest("GET", url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, body
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
	// The console's export follows its language: the charts are labelled in French for a French console,
	// in English by default.
	for _, lang := range []string{"", "en", "fr"} {
		assert.True(t, bytes.HasPrefix(res.chart[lang], []byte("\x89PNG")), "lang %q: a PNG", lang)
	}
	assert.Equal(t, res.chart["en"], res.chart[""], "English by default")
	assert.NotEqual(t, res.chart["en"], res.chart["fr"], "French labels")
}

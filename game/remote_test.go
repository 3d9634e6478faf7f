package game

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/session"
)

// fakeRoom is a Remote over a local game: the "server" steps a month per Pump until a round waits for
// the seat, and applies the seat's decision with the round.
type fakeRoom struct {
	t       *testing.T
	s       *session.Session
	seat    int
	sent    []session.Action
	pumps   int
	stepped int
}

func (f *fakeRoom) Session() *session.Session { return f.s }
func (f *fakeRoom) Ended() bool               { return false }

// mine is the seat's decision for the current round, if sent.
func (f *fakeRoom) mine() *session.Action {
	for i := range f.sent {
		if f.sent[i].Month == f.s.Model().W.Now {
			return &f.sent[i]
		}
	}
	return nil
}

func (f *fakeRoom) Awaited() session.Waiting {
	w := f.s.Waiting()
	if slices.Contains(w.Provinces, f.seat) && f.mine() == nil {
		return session.Waiting{Provinces: []int{f.seat}}
	}
	return session.Waiting{}
}

func (f *fakeRoom) Submit(a session.Action) error {
	f.sent = append(f.sent, a)
	return nil
}

func (f *fakeRoom) Pump() error {
	f.pumps++
	if w := f.s.Waiting(); w.Any() {
		a := f.mine()
		if a == nil {
			return nil // the round waits for the seat
		}
		for _, p := range w.Provinces { // the room fills the others with the advisor's choice
			if p != f.seat {
				d := f.s.Advice(p).Decision
				require.NoError(f.t, f.s.Submit(session.Action{Month: f.s.Model().W.Now, Province: &d}))
			}
		}
		require.NoError(f.t, f.s.Submit(*a))
	}
	f.stepped++
	return f.s.Step()
}

// TestRemote: in a room, the game follows the server's months, asks the player's seat only (no hot
// seat), sends its decision to the room instead of the local game, and does not ask again.
func TestRemote(t *testing.T) {
	all := make([]int, 31)
	for i := range all {
		all[i] = i
	}
	s, err := session.New(session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: all}})
	require.NoError(t, err)
	room := &fakeRoom{t: t, s: s, seat: 4}
	a := newApp(t, Options{Remote: room})
	require.Equal(t, ScreenPlay, a.Screen())
	untilOverlay(t, a, 10)
	require.Equal(t, OverlayDialog, a.Overlay(), "the seat's dialog, not the hot seat's hand-over")
	assert.Equal(t, 4, a.pl().dlg.province)
	assert.Empty(t, s.Actions(), "nothing submitted locally")
	press(t, a, Input{Keys: []Key{KeyEnter}})
	assert.Equal(t, OverlayNone, a.Overlay())
	require.Len(t, room.sent, 1, "the decision went to the room")
	assert.Equal(t, 4, room.sent[0].Province.Province)
	now, steps := s.Model().W.Now, room.stepped
	run(t, a, 5)
	assert.Equal(t, OverlayNone, a.Overlay(), "not asked again")
	assert.Greater(t, s.Model().W.Now, now, "the room's months go on")
	assert.Equal(t, room.stepped-steps, int(s.Model().W.Now-now), "one month per server step, no local clock")
	untilOverlay(t, a, 20)
	assert.Equal(t, OverlayDialog, a.Overlay(), "the next year's round asks again")
}

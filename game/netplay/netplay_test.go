package netplay_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/netplay"
	"dongshu/game/session"
	"dongshu/internal/wire"
)

func digest(s *session.Session) string {
	h := s.History()
	return wire.Digest(h.Scope[len(h.Months)-1][0])
}

// TestApply: a replica follows the room's month frames and notices when it no longer matches.
func TestApply(t *testing.T) {
	st := session.Setup{Preset: "baseline", Seed: 1}
	room, err := session.New(st)
	require.NoError(t, err)
	replica, err := session.New(st)
	require.NoError(t, err)
	for range 3 {
		require.NoError(t, room.Step())
		require.NoError(t, netplay.Apply(replica, wire.Month{Month: room.Model().W.Now.String(), Digest: digest(room)}))
	}
	assert.Equal(t, room.Model().W.Now, replica.Model().W.Now)

	require.NoError(t, room.Step())
	err = netplay.Apply(replica, wire.Month{Month: room.Model().W.Now.String(), Digest: "0000000000000000"})
	assert.ErrorIs(t, err, netplay.ErrDesync, "a wrong digest")

	other, err := session.New(session.Setup{Preset: "baseline", Seed: 2})
	require.NoError(t, err)
	require.NoError(t, other.Step())
	fresh, err := session.New(st)
	require.NoError(t, err)
	err = netplay.Apply(fresh, wire.Month{Month: other.Model().W.Now.String(), Digest: digest(other)})
	assert.ErrorIs(t, err, netplay.ErrDesync, "another seed's game")

	err = netplay.Apply(fresh, wire.Month{Month: "2030-01", Digest: digest(other)})
	assert.ErrorIs(t, err, netplay.ErrDesync, "a month the replica is not at")
}

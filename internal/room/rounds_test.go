package room_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/netplay"
	"dongshu/game/session"
	"dongshu/internal/room"
	"dongshu/internal/wire"
)

// TestRoundTimer: the round waits for the seated players until its timer; then an undecided player's
// seat and the free seats get the advisor's choice, announced; a seat given to the AI never holds the
// round; a freed seat's token stops working.
func TestRoundTimer(t *testing.T) {
	tr := startRoom(t, room.Options{Timer: 1500 * time.Millisecond, Speed: 8})
	spec := tr.dial(t, wire.Hello{Name: "watcher"}, true)
	defer spec.Close()
	ps := claimAll(t, tr, []string{"gansu", "ningxia", "guizhou"})
	gansu, ningxia := ps[0], ps[1]
	fac, stopFac := facilitator(t, tr)
	defer stopFac()
	ctx := context.Background()
	require.NoError(t, fac.Control(ctx, wire.Control{Op: wire.OpAI, Seat: "guizhou"}))
	waitFor(t, spec, func() bool {
		rd := spec.State.Round
		return rd != nil && slices.Equal(rd.Waiting, []string{"gansu", "ningxia"})
	})
	advice := spec.Sess.Advice(ningxia.idx).Decision
	require.NoError(t, gansu.c.Decide(ctx, scripted(gansu.seat, gansu.idx, spec.State.Month, nil)))
	waitFor(t, spec, func() bool { rd := spec.State.Round; return rd != nil && slices.Equal(rd.Waiting, []string{"ningxia"}) })
	start := time.Now()
	require.NoError(t, fac.Control(ctx, wire.Control{Op: wire.OpStart}))
	waitFor(t, spec, func() bool { return spec.State.Round == nil })
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "the round waited for its timer")
	require.Len(t, spec.Notices, 2)
	advisor, ai := spec.Notices[0], spec.Notices[1]
	assert.Equal(t, wire.NoticeAdvisor, advisor.Key)
	assert.Contains(t, advisor.Seats, "ningxia", "the undecided player")
	assert.Contains(t, advisor.Seats, room.PlannerSeat, "a free seat")
	assert.NotContains(t, advisor.Seats, "gansu")
	assert.Len(t, advisor.Seats, 30, "28 free provinces, ningxia and the planner")
	assert.Equal(t, wire.Notice{Month: advisor.Month, Key: wire.NoticeAISeat, Seats: []string{"guizhou"}}, ai)
	waitFor(t, spec, func() bool { return spec.Sess.Model().W.Now > spec.Sess.Model().W.Start })
	acts := spec.Sess.Actions()
	i := slices.IndexFunc(acts, func(a session.Action) bool { return a.Province != nil && a.Province.Province == ningxia.idx })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, advice.BuildMW, acts[i].Province.BuildMW, "the advisor's choice for the undecided seat")

	// Freeing a seat: its player is told, and its token no longer opens it.
	tok := ningxia.c.Token
	require.NoError(t, fac.Control(ctx, wire.Control{Op: wire.OpFree, Seat: "ningxia"}))
	waitFor(t, ningxia.c, func() bool { return ningxia.c.LastErr != "" })
	assert.Contains(t, ningxia.c.LastErr, "freed your seat")
	_, err := dialErr(tr, wire.Hello{Name: "again", Token: tok})
	assert.ErrorContains(t, err, "unknown token")
}

// dialErr joins and reads until the welcome or the server's refusal.
func dialErr(tr *testRoom, hello wire.Hello) (*netplay.Client, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	hello.Code = tr.R.Code()
	return netplay.Dial(ctx, tr.URL, "", hello, false)
}

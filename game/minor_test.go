package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/session"
)

// The chosen speed survives a quota round: after the dialog is confirmed the clock runs on at the speed
// the player had picked (it fell back to 1x after every round).
func TestSpeedKeptAfterRound(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{provinceIndex(t, "guizhou")}}}, Start: true, Speed: 1})
	a.Do(Command{Kind: CmdSpeed, Arg: 4})
	for round := range 2 {
		untilOverlay(t, a, 60*40)
		require.Equal(t, OverlayDialog, a.Overlay())
		press(t, a, Input{Keys: []Key{KeyEnter}})
		require.Equal(t, OverlayNone, a.Overlay())
		run(t, a, 2)
		assert.Equal(t, 4, a.Session().Speed(), "round %d: the speed the player chose", round+1)
	}
}

func TestSpeedKeptAfterHotSeatRound(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 4, Role: session.Role{Planner: true, Provinces: []int{0, 5}}}, Start: true, Speed: 1})
	a.Do(Command{Kind: CmdSpeed, Arg: 8})
	for round := range 2 {
		for range 5 {
			untilOverlay(t, a, 60*40)
			press(t, a, Input{Keys: []Key{KeyEnter}})
			if a.Overlay() == OverlayNone {
				break
			}
		}
		require.Equal(t, OverlayNone, a.Overlay())
		run(t, a, 2)
		assert.Equal(t, 8, a.Session().Speed(), "round %d: the speed the player chose", round+1)
	}
}

// A speed chosen while the round's dialog is open is the speed the clock runs on once it is confirmed
// (the dialog restored the speed it had found: 1x from the set-up screen, every round).
func TestSpeedChosenDuringDialog(t *testing.T) {
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{provinceIndex(t, "guizhou")}}}, Start: true, Speed: 1})
	untilOverlay(t, a, 60*40)
	require.Equal(t, OverlayDialog, a.Overlay())
	a.Do(Command{Kind: CmdSpeed, Arg: 8})
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, OverlayNone, a.Overlay())
	run(t, a, 2)
	assert.Equal(t, 8, a.Session().Speed(), "the speed chosen in the dialog")
	untilOverlay(t, a, 60*60)
	press(t, a, Input{Keys: []Key{KeyEnter}})
	run(t, a, 2)
	assert.Equal(t, 8, a.Session().Speed(), "and after the next round")
}

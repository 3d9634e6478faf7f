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

package game

import (
	"image/color"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/session"
)

// finiteRenderer counts the draw calls given a NaN or infinite coordinate.
type finiteRenderer struct{ bad int }

func (r *finiteRenderer) check(v ...float32) {
	for _, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			r.bad++
		}
	}
}
func (r *finiteRenderer) Fill(color.RGBA)                            {}
func (r *finiteRenderer) Rect(q Rect, _ color.RGBA)                  { r.check(q.X, q.Y, q.W, q.H) }
func (r *finiteRenderer) StrokeRect(q Rect, w float32, _ color.RGBA) { r.check(q.X, q.Y, q.W, q.H, w) }
func (r *finiteRenderer) Line(x1, y1, x2, y2, w float32, _ color.RGBA) {
	r.check(x1, y1, x2, y2, w)
}
func (r *finiteRenderer) Circle(x, y, rad float32, _ color.RGBA)          { r.check(x, y, rad) }
func (r *finiteRenderer) Polyline(pts []float32, w float32, _ color.RGBA) { r.check(pts...) }
func (r *finiteRenderer) Text(_ string, x, y float32, _ *Face, _ color.RGBA, _ Align) {
	r.check(x, y)
}

// Every screen and overlay is prepared and drawn without a panic or a NaN at odd window sizes (the
// smallest the game allows, very wide, very tall), with an empty history as well as a full one.
func TestOddWindowSizes(t *testing.T) {
	sizes := [][2]int{{1, 1}, {320, 240}, {321, 900}, {2000, 241}, {4000, 3000}}
	for _, st := range []session.Setup{
		{Preset: "baseline", Seed: 1, Role: session.Role{Planner: true}},
		{Preset: "baseline", Seed: 1, Role: session.Role{Provinces: []int{0, 3, 5}}},
	} {
		a := newApp(t, Options{Setup: st})
		var r finiteRenderer
		draw := func(what string) {
			t.Helper()
			a.Draw(&r)
			require.Zero(t, r.bad, "%s: NaN or Inf drawn", what)
		}
		for _, sz := range sizes {
			a.Layout(sz[0], sz[1])
			draw("title")
			a.Do(Command{Kind: CmdHelp})
			draw("help")
			a.Do(Command{Kind: CmdHelp})
			a.Do(Command{Kind: CmdNewGame})
			for p := range 12 {
				a.Do(Command{Kind: CmdChip, Arg: p})
			}
			draw("set-up")
			a.Do(Command{Kind: CmdBack})
		}
		require.True(t, a.startSession(st))
		for _, sz := range sizes { // nothing played yet: an empty history
			a.Layout(sz[0], sz[1])
			draw("first month")
			a.Do(Command{Kind: CmdDecide})
			draw("dialog")
			a.Do(Command{Kind: CmdCancel})
		}
		a.sess.SetSpeed(session.MaxSpeed)
		var in Input
		for i := range 1200 {
			sz := sizes[i/50%len(sizes)]
			a.Layout(sz[0], sz[1])
			in.MouseX, in.MouseY = float32(sz[0])/3, float32(sz[1])/2
			require.NoError(t, a.Update(&in))
			draw("play")
			switch a.Overlay() {
			case OverlayDialog:
				a.Do(Command{Kind: CmdAdjust, Arg: -1, Delta: 1})
				draw("dialog")
				a.Do(Command{Kind: CmdConfirm})
			case OverlayHotSeat:
				a.Do(Command{Kind: CmdReady})
			}
		}
		a.Do(Command{Kind: CmdEndGame})
		a.Do(Command{Kind: CmdConfirm})
		require.Equal(t, ScreenDebrief, a.Screen())
		for _, sz := range sizes {
			a.Layout(sz[0], sz[1])
			for p := range 5 {
				a.Do(Command{Kind: CmdPage, Arg: p})
				draw("debrief")
			}
		}
	}
}

// The set-up's seed steps stop at 0 and at the largest seed (the command line takes any uint64).
func TestSetupSeedEnds(t *testing.T) {
	var s setupState
	s.seed = math.MaxUint64 - 50
	s.adjust(sfSeed, 1, true)
	assert.Equal(t, uint64(math.MaxUint64), s.seed)
	s.adjust(sfSeed, -1, false)
	assert.Equal(t, uint64(math.MaxUint64-1), s.seed)
	s.seed = 50
	s.adjust(sfSeed, -1, true)
	assert.Equal(t, uint64(0), s.seed)
	s.adjust(sfSeed, 1, false)
	assert.Equal(t, uint64(1), s.seed)
}

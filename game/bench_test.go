package game

import (
	"image/color"
	"testing"

	"github.com/stretchr/testify/require"

	"dongshu/game/session"
)

// BenchmarkUpdate is one tick of the play screen at 8x (a month every 7.5 ticks): the session's clock,
// the model's steps when due, and the draw preparation each new month needs.
func BenchmarkUpdate(b *testing.B) {
	var in Input
	a := newApp(b, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
	a.prepare()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if a.Session().Done() || a.Screen() != ScreenPlay {
			b.StopTimer()
			a = newApp(b, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
			b.StartTimer()
		}
		if err := a.Update(&in); err != nil {
			b.Fatal(err)
		}
		a.prepare()
	}
}

// BenchmarkUpdateTick is a tick with no month due (the steady state between months): goal 0 allocs.
func BenchmarkUpdateTick(b *testing.B) {
	var in Input
	a := newApp(b, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
	for range 120 {
		require.NoError(b, a.Update(&in))
	}
	a.Session().SetSpeed(0)
	require.NoError(b, a.Update(&in))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := a.Update(&in); err != nil {
			b.Fatal(err)
		}
	}
}

type nopRenderer struct{}

func (nopRenderer) Fill(color.RGBA)                                         {}
func (nopRenderer) Rect(Rect, color.RGBA)                                   {}
func (nopRenderer) StrokeRect(Rect, float32, color.RGBA)                    {}
func (nopRenderer) Line(_, _, _, _, _ float32, _ color.RGBA)                {}
func (nopRenderer) Circle(_, _, _ float32, _ color.RGBA)                    {}
func (nopRenderer) Polyline([]float32, float32, color.RGBA)                 {}
func (nopRenderer) Text(string, float32, float32, *Face, color.RGBA, Align) {}

// BenchmarkDrawPrep is a frame's preparation and draw-call walk in steady state (same month, same tick:
// the flow dots move in Update, see TestDrawPrepSteadyStateAllocatesNothing): goal 0 allocs per frame.
func BenchmarkDrawPrep(b *testing.B) {
	var in Input
	a := newApp(b, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
	for range 600 {
		require.NoError(b, a.Update(&in))
	}
	a.Session().SetSpeed(0)
	in.MouseX, in.MouseY = a.pl().prep.cells[0].R.X+5, a.pl().prep.cells[0].R.Y+5 // a tooltip is showing
	require.NoError(b, a.Update(&in))
	var r nopRenderer
	a.Draw(r)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a.Draw(r)
	}
}

func TestDrawPrepSteadyStateAllocatesNothing(t *testing.T) {
	var in Input
	a := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 1}, Start: true, Speed: 8})
	for range 300 {
		require.NoError(t, a.Update(&in))
	}
	a.Session().SetSpeed(0)
	require.NoError(t, a.Update(&in))
	var r nopRenderer
	a.Draw(r)
	allocs := testing.AllocsPerRun(100, func() {
		_ = a.Update(&in)
		a.Draw(r)
	})
	require.Zero(t, allocs, "a paused game's update and frame allocate nothing")
}

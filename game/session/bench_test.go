package session

import "testing"

// BenchmarkTick measures one clock tick of an autoplay baseline game at speed 8: a month every 7.5
// ticks on average, so ns/op is the frame budget the model takes (a 60 Hz frame is 16.7 ms).
func BenchmarkTick(b *testing.B) {
	newSession := func() *Session {
		s := newGame(b, Setup{Seed: 1, Difficulty: Normal})
		s.SetSpeed(8)
		return s
	}
	s := newSession()
	b.ReportAllocs()
	for b.Loop() {
		if s.Done() {
			b.StopTimer()
			s = newSession()
			b.StartTimer()
		}
		if err := s.Tick(); err != nil {
			b.Fatal(err)
		}
	}
}

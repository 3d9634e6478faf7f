package game

// Text fitting of the play screen's panels: rows whose label and value do not fit side by side take two
// lines, and the news log's items are wrapped (cached per item and width, since wrapping measures every
// word).

// fitSide puts the value of a side-panel row on a line of its own (right-aligned, under its label) when
// label and value would run into each other.
func (a *App) fitSide() {
	pp := &a.play
	g := &a.geo
	f := a.fonts.Small
	w := g.Side.W - 24*g.S - 10*g.S
	n := len(pp.side)
	for i := 0; i < n; i++ {
		r := pp.side[i]
		if r.K == "" || r.V == "" || advance(r.K, f)+advance(r.V, f) <= w {
			continue
		}
		pp.side = append(pp.side, kv{})
		copy(pp.side[i+2:], pp.side[i+1:])
		pp.side[i] = kv{K: r.K, C: r.C}
		pp.side[i+1] = kv{V: r.V, C: r.C}
		i++
		n++
	}
}

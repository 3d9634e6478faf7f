package game

import "dongshu/game/view"

// Text fitting of the play screen's panels: rows whose label and value do not fit side by side take two
// lines, and the news log's items are wrapped (cached per item and width, since wrapping measures every
// word).

// fitSide puts the value of a side-panel row on a line of its own (right-aligned, under its label) when
// label and value would run into each other.
func (pl *playStage) fitSide() {
	pp := &pl.prep
	g := &pl.geo
	f := pl.fonts.Small
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

// newsLines is a news item wrapped to a width (W 0: not yet wrapped).
type newsLines struct {
	W     float32
	Lines []string
}

// newsMaxLines bounds an item's lines (a longer one ends in "…"; none of the catalog's is that long at
// the smallest window).
const newsMaxLines = 4

// prepareNews translates new news items and lays out the visible rows, newest first: each item wrapped
// over as many lines as it needs, the lines after the first indented (K set). An item's lines are
// cached for the width they were wrapped to.
func (pl *playStage) prepareNews() {
	pp := &pl.prep
	c := pl.cat
	news := pl.sess.News()
	if pp.newsSess != pl.sess || pp.newsLang != c.Lang() {
		pp.newsSess, pp.newsLang = pl.sess, c.Lang()
		pp.newsAll = pp.newsAll[:0]
		pp.newsWrap = pp.newsWrap[:0]
	}
	for i := len(pp.newsAll); i < len(news); i++ {
		pp.newsAll = append(pp.newsAll, view.NewsLine(c, news[i]))
		pp.newsWrap = append(pp.newsWrap, newsLines{})
	}
	pp.newsTitle = c.T("ui.news.title", len(news))
	g := &pl.geo
	rowH := 18 * g.S
	rows := max(1, int((g.News.H-30*g.S)/rowH))
	pp.newsRows = pp.newsRows[:0]
	textW := g.News.W - 24*g.S - newsIndent*g.S
	for i := len(pp.newsAll) - 1 - pl.newsScroll; i >= 0 && len(pp.newsRows) < rows; i-- {
		nw := &pp.newsWrap[i]
		if nw.W != textW || nw.Lines == nil {
			nw.W, nw.Lines = textW, wrapText(pp.newsAll[i], pl.fonts.Small, textW, newsMaxLines)
		}
		lines := nw.Lines
		if left := rows - len(pp.newsRows); len(lines) > left {
			if len(pp.newsRows) > 0 {
				break // no item is shown in part, but the newest
			}
			lines = lines[:left]
		}
		for k, l := range lines {
			r := kv{V: l, C: colText}
			if k > 0 {
				r.K = "+"
			}
			pp.newsRows = append(pp.newsRows, r)
		}
	}
	if len(news) == 0 {
		pp.newsRows = append(pp.newsRows, kv{V: c.T("ui.news.empty"), C: colDim})
	}
}

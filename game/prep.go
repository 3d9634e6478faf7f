package game

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strings"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/session"
	"dongshu/game/view"
)

// Draw preparation of the play screen: everything the draw calls need, in plain structs, recomputed only
// when something it shows changed (the month, the layer, the selection, the window...). In steady state
// (nothing changed) preparing a frame allocates nothing: only the flow dots move, in place.

type cellPrep struct {
	R         Rect
	Fill      color.RGBA
	Label     [2]string
	LabelCol  color.RGBA
	Hub       bool // the province is in a hub
	HubActive bool // ... designated by now
	Side      economy.Side
	Cluster   bool
	Selected  bool
	Human     bool
	Moderate  bool // called to moderate (planner dialog)
	NoData    bool // no value: hatched as well as grey
}

// markKind is a symbol of the map's key.
type markKind uint8

const (
	markHub markKind = iota
	markCluster
	markHuman
	markFibre
	markFibrePlanned
	markAbroad
	markVault
	markFlow // a flow dot of class legendMark.Class
	markText // a label alone
)

// legendMark is one entry of the map's key: a symbol centred on (X, Y) and its label to the right.
type legendMark struct {
	Kind  markKind
	X, Y  float32
	Label string
	Class int // markFlow: the workload class, for its colour
}

type tickPrep struct {
	X     float32
	Label string
}

type linkPrep struct {
	X1, Y1, X2, Y2, W float32
	C                 color.RGBA
	Open              int // open fibre lines on the route (0: a dash of a planned line or an access link)
}

type flowPrep struct {
	X1, Y1, X2, Y2, R, Off float32
	C                      color.RGBA
	Kind                   view.FlowKind
}

type dotPrep struct {
	X, Y, R float32
	C       color.RGBA
	Kind    view.FlowKind
}

type kv struct {
	K, V string
	C    color.RGBA
}

type uiButton struct {
	Button
	Label  string
	Active bool  // highlighted (the current speed, a checked toggle)
	Accent bool  // the main action
	Off    bool  // greyed out: drawn, never clicked
	Face   *Face // the label's face (nil: Small)
}

type prepKey struct {
	sess              *session.Session
	month             configs.Month
	hist              int
	layer             view.Layer
	palette           view.Palette
	selected          int
	lang              string
	w, h              int
	news, scroll      int
	speed             int
	overlay           Overlay
	dlg               *dialog
	previewRev, cfRev int
	dlgRev            int
	waitRev           int
	declined          bool
	waitMonth         configs.Month
	msgRev            int
	wiRev             int
	hotSeat           int
	screen            Screen
	setupRev          int
	page              int  // debrief page
	chartFull         bool // the charts' whole span
	noSave            bool // title: no save file
	info              int  // the Info screen's and the guide's revision (info.go)
}

type tipKey struct {
	p     int
	month configs.Month
	lang  string
}

// playPrep is the play screen's prepared frame.
type playPrep struct {
	key    prepKey
	valid  bool
	values []float64
	scale  view.Scale
	cells  []cellPrep
	rects  []Rect

	mapTitle    string
	flowKey     []legendMark // the flow dots' colours by class, top right of the map
	legendTitle string
	legendUnit  string
	legendHead  string
	legendBar   Rect // the colour ramp
	stops       [48]color.RGBA
	ticks       []tickPrep
	legendMarks []legendMark // the marks' key, right of the ramp
	links       []linkPrep
	lines       []economy.Line
	abroadOn    bool // the scenario has a foreign accelerator pool: its marker is drawn
	abroadX     float32
	abroadY     float32
	abroadLabel string
	flowBuf     []view.Flow
	flows       []flowPrep
	dots        []dotPrep
	boundOn     bool // the latency layer's hot-work bound is marked on the ramp, at boundX
	boundX      float32
	boundLabel  string
	boundLabelX float32
	sideTitle   string
	sideSub     string
	side        []kv
	newsTitle   string
	newsAll     []string    // translated, oldest first
	newsWrap    []newsLines // newsAll's items wrapped (textfit.go)
	newsLang    string
	newsSess    *session.Session
	newsRows    []kv // visible rows, newest first
	topTitle    string
	topMonth    string
	topState    string
	topStateCol color.RGBA
	topMonthX   float32 // where the top bar's month, state and title start
	topStateX   float32
	topTitleX   float32
	topTitleOn  bool // the title fits left of the buttons
	status      string
	banner      string
	bannerR     Rect
	buttons     []uiButton
	tip         []string
	tipKey      tipKey
	tipW, tipH  float32
	top         scene // dialog and overlays
	dotsFrame   int   // the update the dots were placed for
	humanMask   []bool
	board       scoreboardPrep // the live scoreboards (scoreboard.go)
}

// prepare brings the prepared frame of the current screen up to date.
func (a *App) prepare() {
	if a.fonts == nil || a.fonts.scale != Scale(a.w, a.h) {
		a.fonts = newFaces(Scale(a.w, a.h))
	}
	a.ui.Screen, a.ui.Overlay = a.stage.Screen(), a.overlay
	a.stage.Prepare()
}

func (pl *playStage) playKey() prepKey {
	k := prepKey{sess: pl.sess, layer: pl.layer, palette: pl.palette, selected: pl.selected, lang: pl.cat.Lang(),
		w: pl.w, h: pl.h, scroll: pl.newsScroll, overlay: pl.overlay, dlg: pl.dlg, waitRev: pl.waitRev,
		declined: pl.declined, waitMonth: pl.waitMonth, hotSeat: pl.hotSeat, screen: ScreenPlay, info: pl.info.rev}
	k.month = pl.sess.Model().W.Now
	k.hist = len(pl.sess.History().Months)
	k.news = len(pl.sess.News())
	k.speed = pl.sess.Speed()
	if pl.dlg != nil {
		k.dlgRev = pl.dlg.rev
	}
	k.msgRev = pl.msg.rev
	k.chartFull = pl.charts.full
	k.previewRev = pl.preview.rev
	k.wiRev = pl.wi.rev
	return k
}

func (pl *playStage) preparePlay() {
	pl.pollPreview()
	pp := &pl.prep
	rebuilt := false
	if k := pl.playKey(); !pp.valid || k != pp.key {
		pp.key = k
		pp.valid = true
		pl.rebuildPlay()
		rebuilt = true
	}
	if pl.hover >= 0 {
		k := tipKey{pl.hover, pl.sess.Model().W.Now, pl.cat.Lang()}
		if k != pp.tipKey {
			pp.tipKey = k
			pl.rebuildTip()
		}
	}
	pl.prepareBoardTip()
	pl.prepareChartTip()
	if rebuilt || pp.dotsFrame != pl.frame {
		pp.dotsFrame = pl.frame
		pl.moveDots()
	}
}

// rebuildPlay recomputes the whole prepared play screen (on a change).
func (pl *playStage) rebuildPlay() {
	pp := &pl.prep
	pl.geo = ComputeGeometry(pl.w, pl.h, pl.layout.Cols, pl.layout.Rows)
	g := &pl.geo
	if pl.dialogOpen() {
		g.News = g.NewsBeside // the dialog covers the right column: the news moves beside it
	}
	hub := pl.selected
	if hub < 0 {
		hub = pl.sess.Model().W.Net.NearestHistoric(0)
	}
	pl.prepareCells(hub)
	pl.prepareLegend(hub)
	pl.prepareLinks()
	pl.prepareFlows()
	pl.prepareCharts(g.Charts)
	pl.prepareSide()
	pl.fitSide()
	pl.prepareScoreboard() // narrows the news panel to make room
	pl.prepareNews()
	pl.prepareBars()
	pl.prepareTop()
	for i := range pl.charts.charts { // a click on a chart toggles its span
		pp.buttons = append(pp.buttons, uiButton{Button: Button{pl.charts.charts[i].R, Command{Kind: CmdChartSpan}}})
	}
	pl.setButtons(pp.buttons, pp.top.buttons)
	pl.ui.News = g.News
	pp.tipKey = tipKey{p: -2}
}

// prepareCells colours the map's tiles by the layer's values (the latency layer's from province hub) and
// marks them: hub, cluster, selection, human player, moderation call.
func (pl *playStage) prepareCells(hub int) {
	pp := &pl.prep
	m := pl.sess.Model()
	w := m.W
	g := &pl.geo
	n := len(w.Provinces)
	if cap(pp.values) < n {
		pp.values = make([]float64, n)
		pp.cells = make([]cellPrep, n)
		pp.rects = make([]Rect, n)
		pp.humanMask = make([]bool, n)
	}
	pp.values, pp.cells, pp.rects, pp.humanMask = pp.values[:n], pp.cells[:n], pp.rects[:n], pp.humanMask[:n]
	pp.values, pp.scale = view.Values(m, pl.layer, hub, pl.palette, pp.values)
	if pl.layer == view.Utilisation && w.Now < w.Start {
		for i := range pp.values {
			pp.values[i] = math.NaN() // nothing played yet: no use measured, not 0 %
		}
	}
	clear(pp.humanMask)
	for _, p := range pl.sess.Setup().Role.Provinces {
		if p >= 0 && p < n {
			pp.humanMask[p] = true
		}
	}
	planner := pl.dlg != nil && pl.dlg.kind == dlgPlanner && pl.overlay == OverlayDialog
	for p, cell := range pl.layout.Cells {
		if p >= n {
			break
		}
		pr := w.Provinces[p]
		cp := &pp.cells[p]
		cp.R = g.CellRect(cell.Col, cell.Row)
		pp.rects[p] = cp.R
		cp.Fill = pp.scale.Colour(pp.values[p])
		cp.NoData = math.IsNaN(pp.values[p])
		cp.LabelCol = colText
		if luminance(cp.Fill) > 0.55 {
			cp.LabelCol = color.RGBA{0x10, 0x13, 0x1a, 0xff}
		}
		cp.Hub, cp.HubActive, cp.Side = pr.Hub >= 0, pr.HubActive, pr.HubSide
		cp.Cluster = pr.Cluster >= 0
		cp.Selected = p == pl.selected
		cp.Human = pp.humanMask[p]
		cp.Moderate = planner && pl.dlg.moderate[p]
		cp.Label = cellLabel(pl.cat.Province(pr.ID), pl.fonts.Tiny, cp.R.W-4*g.S)
	}
	pl.ui.Cells = pp.rects
}

// prepareLegend writes the map's title and its legend: the colour ramp with its ticks, the marks' key
// and the latency layer's bound.
func (pl *playStage) prepareLegend(hub int) {
	pp := &pl.prep
	c := pl.cat
	w := pl.sess.Model().W
	pp.mapTitle = c.T("ui.map.title", c.T(pl.layer.Key()))
	if pl.layer == view.Latency && hub >= 0 {
		pp.mapTitle = c.T("ui.charts.latency_title", c.Province(w.Provinces[hub].ID))
	}
	pp.legendTitle = c.T(pl.layer.Key())
	pp.legendUnit = c.T(pp.scale.UnitKey)
	pp.legendHead = c.T("ui.legend.title", pp.legendTitle, pp.legendUnit)
	pl.prepareLegendMarks()
	pl.fitMapTitle()
	pl.fitLegendHead()
	for i := range pp.stops {
		t := float64(i) / float64(len(pp.stops)-1)
		pp.stops[i] = pp.scale.Colour(pp.scale.Min + t*(pp.scale.Max-pp.scale.Min))
	}
	pp.ticks = pp.ticks[:0]
	span := pp.scale.Max - pp.scale.Min
	pct := 1.0
	if pp.scale.UnitKey == "unit.percent" {
		pct = 100
	}
	digits := pp.scale.Digits()
	for _, t := range pp.scale.Ticks(5) {
		x := pp.legendBar.X
		if span > 0 {
			x += float32((t-pp.scale.Min)/span) * pp.legendBar.W
		}
		pp.ticks = append(pp.ticks, tickPrep{X: x, Label: c.Number(t*pct, digits)})
	}
	pl.prepareLatencyBound()
}

// prepareTop prepares what lies over the play screen: the decision dialog and its guide, the compare
// view's label, the what-if panel and the overlays.
func (pl *playStage) prepareTop() {
	top := &pl.prep.top
	top.reset()
	if pl.overlay == OverlayDialog && pl.dlg != nil {
		pl.prepareDialog(top)
		pl.prepareGuide(top)
	}
	pl.prepareCompare(top)
	if pl.overlay == OverlayWhatIf {
		pl.prepareWhatIf(top)
	}
	pl.prepareOverlay(top)
}

// prepareLegendMarks lays out the legend: its title, the colour ramp with its ticks below, and the key
// of the map's marks to the right in columns of two rows (hub and cluster; human player and, when the
// scenario has them, work abroad or failover to the vault; open and planned fibre lines). The ramp takes
// what the key leaves, between 120 and 320 (scaled) pixels.
func (pl *playStage) prepareLegendMarks() {
	pp := &pl.prep
	c := pl.cat
	g := &pl.geo
	s := g.S
	f := pl.fonts.Tiny
	w := pl.sess.Model().W
	lg := g.Legend
	type entry struct {
		kind markKind
		key  string
	}
	cols := [3][2]entry{
		{{markHub, "ui.legend.hub"}, {markCluster, "ui.legend.cluster"}},
		{},
		{{markFibre, "ui.legend.fibre"}, {markFibrePlanned, "ui.legend.fibre_planned"}},
	}
	if !pl.sess.Setup().Role.Autoplay() {
		cols[1][0] = entry{markHuman, "ui.legend.human"}
	}
	switch {
	case w.AbroadSite >= 0:
		cols[1][1] = entry{markAbroad, "ui.legend.abroad"}
	case w.VaultSite >= 0 && w.Scn.Vault.ReplicaShare > 0:
		cols[1][1] = entry{markVault, "ui.legend.vault"}
	}
	const sym = 16 // symbol column, before the label
	var widths [3]float32
	marksW := float32(0)
	for i, col := range cols {
		for _, e := range col {
			if e.key != "" {
				widths[i] = max(widths[i], sym*s+advance(c.T(e.key), f))
			}
		}
		marksW += widths[i] + 12*s
	}
	barW := min(max(lg.W-marksW-16*s, 120*s), 320*s)
	pp.legendBar = Rect{lg.X, lg.Y + 19*s, barW, 10 * s}
	pp.legendMarks = pp.legendMarks[:0]
	x := lg.X + barW + 20*s
	for i, col := range cols {
		for r, e := range col {
			if e.key == "" {
				continue
			}
			pp.legendMarks = append(pp.legendMarks, legendMark{Kind: e.kind, X: x + 6*s, Y: lg.Y + 15*s + float32(r)*17*s,
				Label: fit(c.T(e.key), f, lg.X+lg.W-x-sym*s)})
		}
		x += widths[i] + 12*s
	}
	pl.prepareFlowKey()
}

// prepareFlowKey lays out, right-aligned at the top of the map panel, the colour of each workload class's
// flow dots: "work moving: ● hot ● warm ● cold ● training".
func (pl *playStage) prepareFlowKey() {
	pp := &pl.prep
	c := pl.cat
	g := &pl.geo
	s := g.S
	f := pl.fonts.Tiny
	w := pl.sess.Model().W
	pp.flowKey = pp.flowKey[:0]
	y := g.Map.Y + 14*s
	x := g.Map.X + g.Map.W - g.Margin
	for k := len(w.Classes) - 1; k >= 0; k-- {
		label := c.T("class." + w.Classes[k].ID)
		x -= advance(label, f) + 10*s // the dot sits 10 px left of its label
		pp.flowKey = append(pp.flowKey, legendMark{Kind: markFlow, X: x, Y: y, Label: label, Class: k})
		x -= 10 * s
	}
	label := c.T("ui.legend.flows")
	pp.flowKey = append(pp.flowKey, legendMark{Kind: markText, X: x - advance(label, f), Y: y, Label: label})
}

// cellLabel splits a province's name over at most two lines that fit width w.
func cellLabel(name string, f *Face, w float32) [2]string {
	if advance(name, f) <= w {
		return [2]string{name, ""}
	}
	for i, r := range name {
		if r == ' ' || r == '-' {
			first := name[:i]
			if r == '-' {
				first = name[:i+1]
			}
			return [2]string{fit(first, f, w), fit(name[i+1:], f, w)}
		}
	}
	return [2]string{fit(name, f, w), ""}
}

// prepareLinks lists the map's fibre lines (economy.Network.Lines: the scenario's programme, lines opened
// by events and lines provinces built), one link per route: solid when some line on it is open, width by
// the number of open lines, dashed and faint while every line on it is still to come; then the access
// links of provinces without their own exchange to their historic hub, fainter still. Links run between
// the tiles' edges (not over the two tiles they join), in a muted colour that does not compete with the
// layer's, and the longer a link the fainter it is.
func (pl *playStage) prepareLinks() {
	pp := &pl.prep
	m := pl.sess.Model()
	w := m.W
	g := &pl.geo
	s := g.S
	cells := len(pl.layout.Cells)
	pp.lines = w.Net.Lines(pp.lines[:0])
	for i := range pp.lines {
		l := &pp.lines[i]
		l.A, l.B = min(l.A, l.B), max(l.A, l.B)
	}
	slices.SortStableFunc(pp.lines, func(x, y economy.Line) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	pp.links = pp.links[:0]
	for i := 0; i < len(pp.lines); {
		l := pp.lines[i]
		open, j := 0, i
		for ; j < len(pp.lines) && pp.lines[j].A == l.A && pp.lines[j].B == l.B; j++ {
			if pp.lines[j].Open {
				open++
			}
		}
		i = j
		if l.A == l.B || l.A < 0 || l.B >= cells {
			continue
		}
		x1, y1, x2, y2, span := pl.edgeSegment(l.A, l.B)
		if span <= 0 {
			continue
		}
		fade := linkFade(span, g.Cell)
		if open > 0 {
			c := faded(colLink, fade)
			pp.links = append(pp.links, linkPrep{x1, y1, x2, y2, (0.4 + 0.6*float32(open)) * s, c, open})
			continue
		}
		c := faded(colLinkPlanned, fade)
		pp.links = appendDashes(pp.links, x1, y1, x2, y2, 5*s, 4*s, max(1, s), c)
	}
	for p, pr := range w.Provinces {
		if p >= cells || pr.HasIXP {
			continue
		}
		h := w.Net.NearestHistoric(p)
		if h < 0 || h >= cells || h == p {
			continue
		}
		x1, y1, x2, y2, span := pl.edgeSegment(p, h)
		if span <= 0 {
			continue
		}
		c := faded(colAccess, linkFade(span, g.Cell))
		pp.links = appendDashes(pp.links, x1, y1, x2, y2, 2*s, 3*s, max(1, 0.8*s), c)
	}
}

// edgeSegment is the part of the segment between the centres of provinces p and q's tiles that lies
// outside both tiles, and its length (0 when the tiles touch).
func (pl *playStage) edgeSegment(p, q int) (x1, y1, x2, y2, span float32) {
	g := &pl.geo
	cp, cq := pl.layout.Cells[p], pl.layout.Cells[q]
	ax, ay := g.CellCentre(cp.Col, cp.Row)
	bx, by := g.CellCentre(cq.Col, cq.Row)
	dx, dy := bx-ax, by-ay
	d := max(abs32(dx), abs32(dy))
	if d <= 0 {
		return
	}
	half := g.CellRect(cp.Col, cp.Row).W / 2
	t := half / d // where the segment leaves a tile (the tiles are squares of side 2*half)
	if t >= 0.5 {
		return
	}
	x1, y1, x2, y2 = ax+dx*t, ay+dy*t, bx-dx*t, by-dy*t
	span = float32(math.Hypot(float64(x2-x1), float64(y2-y1)))
	return
}

// linkFade is the opacity factor of a link of length span on a grid of pitch cell: 1 up to two cells,
// down to 0.45 for links across the map.
func linkFade(span, cell float32) float32 {
	if cell <= 0 {
		return 1
	}
	return min(1, max(0.45, 1-0.09*(span/cell-2)))
}

// appendDashes appends the dashes (dash long, gap apart) of the segment (x1, y1)-(x2, y2) to links.
func appendDashes(links []linkPrep, x1, y1, x2, y2, dash, gap, w float32, c color.RGBA) []linkPrep {
	n := float32(math.Hypot(float64(x2-x1), float64(y2-y1)))
	if n <= 0 || dash <= 0 {
		return links
	}
	ux, uy := (x2-x1)/n, (y2-y1)/n
	for t := float32(0); t < n; t += dash + gap {
		e := min(t+dash, n)
		links = append(links, linkPrep{x1 + ux*t, y1 + uy*t, x1 + ux*e, y1 + uy*e, w, c, 0})
	}
	return links
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

const maxFlows = 40

// prepareFlows takes this month's largest flows for the animation: between provinces (placements and
// failover to the vault) and to the abroad marker at the map's edge (work run on foreign accelerators).
func (pl *playStage) prepareFlows() {
	pp := &pl.prep
	m := pl.sess.Model()
	g := &pl.geo
	if pp.flowBuf == nil {
		pp.flowBuf = make([]view.Flow, 0, 4096)
		pp.flows = make([]flowPrep, 0, maxFlows)
		pp.dots = make([]dotPrep, 0, 3*maxFlows)
	}
	pp.flowBuf = view.Flows(m, 1, pp.flowBuf[:0])
	pp.flows = pp.flows[:0]
	pl.placeAbroad()
	top := 0.0
	for _, fl := range pp.flowBuf {
		top = max(top, fl.MW)
	}
	cells := len(pl.layout.Cells)
	for _, fl := range pp.flowBuf {
		if len(pp.flows) == maxFlows || top <= 0 {
			break
		}
		if fl.From < 0 || fl.From >= cells || fl.To >= cells || (fl.To < 0 && fl.Kind != view.FlowAbroad) {
			continue
		}
		co := pl.layout.Cells[fl.From]
		x1, y1 := g.CellCentre(co.Col, co.Row)
		var x2, y2 float32
		if fl.Kind == view.FlowAbroad {
			if !pp.abroadOn {
				continue
			}
			x2, y2 = pp.abroadX, pp.abroadY
		} else {
			cd := pl.layout.Cells[fl.To]
			x2, y2 = g.CellCentre(cd.Col, cd.Row)
		}
		r := (1.5 + 3*float32(math.Sqrt(fl.MW/top))) * g.S
		col := classColours[fl.Class%len(classColours)]
		off := float32((fl.From*7+fl.To*13+int(fl.Kind)*5+34)%17) / 17
		pp.flows = append(pp.flows, flowPrep{x1, y1, x2, y2, r, off, col, fl.Kind})
	}
}

// placeAbroad places the abroad marker (the foreign accelerator pool, when the scenario has one): in the
// grid's top-left cell when no province is there, else at the map panel's left edge.
func (pl *playStage) placeAbroad() {
	pp := &pl.prep
	g := &pl.geo
	w := pl.sess.Model().W
	pp.abroadOn = w.AbroadSite >= 0
	free := true
	for _, c := range pl.layout.Cells {
		if c.Col == 0 && c.Row == 0 {
			free = false
		}
	}
	if free {
		pp.abroadX, pp.abroadY = g.CellCentre(0, 0)
		pp.abroadY -= g.Cell * 0.15
	} else {
		pp.abroadX, pp.abroadY = g.Map.X+g.Margin+7*g.S, g.Grid.Y+7*g.S
	}
	pp.abroadLabel = pl.cat.T("ui.map.abroad")
}

// moveDots places the flow dots for this update (three per flow, moving origin -> destination): they
// move with the ticks, so that Draw, however often it runs, only shows them.
func (pl *playStage) moveDots() {
	pp := &pl.prep
	pp.dots = pp.dots[:0]
	phase := float32(pp.dotsFrame%120) / 120
	for _, fl := range pp.flows {
		for k := range 3 {
			t := phase + fl.Off + float32(k)/3
			t -= float32(int(t))
			pp.dots = append(pp.dots, dotPrep{fl.X1 + (fl.X2-fl.X1)*t, fl.Y1 + (fl.Y2-fl.Y1)*t, fl.R, fl.C, fl.Kind})
		}
	}
}

func (pl *playStage) rebuildTip() {
	pp := &pl.prep
	pp.tip = view.Tooltip(pl.cat, pl.sess.Model(), pl.hover)
	pp.tipW = 0
	for _, l := range pp.tip {
		pp.tipW = max(pp.tipW, advance(l, pl.fonts.Small))
	}
	s := pl.geo.S
	pp.tipW += 16 * s
	pp.tipH = float32(len(pp.tip))*16*s + 10*s
}

// prepareSide writes the selected province's panel: its name, its hub, and its figures.
func (pl *playStage) prepareSide() {
	pp := &pl.prep
	c := pl.cat
	w := pl.sess.Model().W
	pp.side = pp.side[:0]
	p := pl.selected
	if p < 0 || p >= len(w.Provinces) {
		pp.sideTitle = c.T("ui.side.none")
		pp.sideSub = c.T("ui.side.none_hint")
		return
	}
	pr := w.Provinces[p]
	pp.sideTitle = c.Province(pr.ID)
	switch {
	case pr.Hub >= 0 && pr.HubActive:
		pp.sideSub = c.T("ui.side.hub_active", view.HubName(c, &w.Hubs[pr.Hub]), sideName(c.T, pr.HubSide))
	case pr.Hub >= 0:
		pp.sideSub = c.T("ui.side.hub_later", view.HubName(c, &w.Hubs[pr.Hub]), w.Hubs[pr.Hub].Designated.String())
	default:
		pp.sideSub = c.T("ui.side.no_hub")
	}
	if pp.humanMask[p] {
		pp.sideSub += " · " + c.T("ui.side.human")
	}
	pl.sideAccounts(p)
	pl.sideCapacity(p)
	pl.sideOther(p)
}

// addSide adds a row to the side panel.
func (pl *playStage) addSide(k, v string, col color.RGBA) {
	pl.prep.side = append(pl.prep.side, kv{K: k, V: v, C: col})
}

// sideAccounts are province p's revenue, debt, land, power and water rows.
func (pl *playStage) sideAccounts(p int) {
	c := pl.cat
	num := c.Number
	pr := pl.sess.Model().W.Provinces[p]
	l := pr.Ledger
	pl.addSide(c.T("ui.side.revenue"), c.T("ui.unit.bn_month", num(l.Revenue(), 2), num(l.Spending(), 2)), colText)
	pl.addSide(c.T("ui.side.debt"), c.T("ui.unit.bn", num(pr.Debt, 1)), colText)
	pl.addSide(c.T("ui.side.land"), c.T("ui.unit.ha", num(pr.LandLeftHa, 0)), colText)
	pl.addSide(c.T("ui.side.power"), c.T("ui.unit.yuan_kwh", num(pr.PowerPrice, 3), num(pr.LocalSubsidy, 2)), colText)
	pl.addSide(c.T("ui.side.water"), c.T("ui.unit.water", num(pr.Cfg.WaterStress, 2), num(pr.WUE, 2)), colText)
}

// sideCapacity are province p's data centres, capacity, utilisation (red below 40 %, green from 65 %)
// and quota rows.
func (pl *playStage) sideCapacity(p int) {
	c := pl.cat
	num := c.Number
	w := pl.sess.Model().W
	pr := w.Provinces[p]
	online, building := 0, 0
	for i := range w.DCs {
		d := &w.DCs[i]
		if d.Province != p {
			continue
		}
		switch d.State {
		case economy.Online:
			online++
		case economy.Building:
			building++
		}
	}
	pl.addSide(c.T("ui.side.dcs"), c.T("ui.unit.dcs", online, building), colText)
	util := 0.0
	if pr.OnlineMW > 0 {
		util = pr.UsedMW / pr.OnlineMW
	}
	pl.addSide(c.T("ui.side.capacity"), c.T("ui.unit.capacity", num(pr.OnlineMW, 0), num(pr.BuildingMW, 0)), colText)
	uc := colText
	switch {
	case pr.OnlineMW > 0 && util < 0.4:
		uc = colBad
	case util >= 0.65:
		uc = colGood
	}
	utilText := c.T("ui.unit.util", num(util*100, 0), num(pr.UsedMW, 0))
	if w.Now < w.Start {
		utilText, uc = c.T("ui.charts.nodata"), colDim // nothing played yet: no use measured
	}
	pl.addSide(c.T("ui.side.utilisation"), utilText, uc)
	qc := colText
	if pr.BeyondQuotaMW > 0 {
		qc = colWarn
	}
	pl.addSide(c.T("ui.side.quota"), c.T("ui.unit.quota", num(pr.QuotaMW, 0), num(pr.StartedMW, 0), num(pr.BeyondQuotaMW, 0)), qc)
}

// sideOther are province p's jobs, exchange and the planner's moderation call or penalty.
func (pl *playStage) sideOther(p int) {
	c := pl.cat
	m := pl.sess.Model()
	w := m.W
	pr := w.Provinces[p]
	jobs := 0.0
	if rows := m.ProvinceRows(); p < len(rows) {
		jobs = rows[p][w.Col(economy.ColJobs)]
	}
	pl.addSide(c.T("ui.side.jobs"), c.Number(jobs, 0), colText)
	yes := c.T("ui.no")
	if pr.HasIXP {
		yes = c.T("ui.yes")
	}
	pl.addSide(c.T("ui.side.ixp"), yes, colText)
	if pr.ModerationCalled || pr.Penalised {
		s := ""
		if pr.ModerationCalled {
			s = c.T("ui.side.moderated")
		}
		if pr.Penalised {
			if s != "" {
				s += " · "
			}
			s += c.T("ui.side.penalised")
		}
		pl.addSide(c.T("ui.side.planner"), s, colWarn)
	}
}

// gameTitle is the game's scenario and seed, as the top bar and the debrief show them.
func (a *App) gameTitle(st session.Setup) string {
	name := st.Preset
	if k := "ui.preset." + st.Preset; st.Preset != "" && a.cat.Has(k) {
		// The preset's name in the game's language: its title up to the colon ("Baseline", "Référence").
		name, _, _ = strings.Cut(a.cat.T(k), ":")
		name = strings.TrimRight(name, " \u00a0")
	}
	if st.ScenarioName != "" {
		name = st.ScenarioName
	}
	return a.cat.T("ui.top.title", name, st.Seed)
}

func sideName(t func(string, ...any) string, s economy.Side) string {
	switch s {
	case economy.EastHub:
		return t("ui.side.east")
	case economy.WestHub:
		return t("ui.side.west")
	}
	return ""
}

// newsIndent indents the second line of a news item (scaled pixels).
const newsIndent = 12

// dialogOpen reports whether the decision dialog is on screen.
func (pl *playStage) dialogOpen() bool { return pl.dlg != nil && pl.overlay == OverlayDialog }

// prepareBars writes the top bar, the status bar, the banner and the top bar's buttons.
func (pl *playStage) prepareBars() {
	pp := &pl.prep
	c := pl.cat
	s := pl.sess
	m := s.Model()
	pp.topTitle = pl.gameTitle(s.Setup())
	pp.topMonth = view.MonthLabel(c, m.W.Now)
	if m.W.Now < m.W.Start { // nothing played yet: the month to be played
		pp.topMonth = c.T("ui.top.start", view.MonthLabel(c, m.W.Start))
	}
	switch {
	case s.Done():
		pp.topState, pp.topStateCol = c.T("ui.state.over"), colDim
	case pl.waiting.Any():
		pp.topState, pp.topStateCol = c.T("ui.state.waiting"), colWarn
	case s.Speed() == 0:
		pp.topState, pp.topStateCol = c.T("ui.state.paused"), colWarn
	default:
		pp.topState, pp.topStateCol = c.T("ui.state.speed", s.Speed()), colGood
		if s.Speed() == 1 {
			pp.topState = c.T("ui.charts.speed_one", 1)
		}
	}
	pp.status = c.T("ui.status.hints")
	pl.prepareBanner()
	pl.prepareTopButtons()
	// The top bar's texts from the left: the name, the month, the state, and the game's title when it
	// clears the buttons.
	f := pl.fonts
	g := &pl.geo
	pp.topMonthX = g.Margin + advance("dongshu", f.Head) + 12*g.S
	pp.topStateX = pp.topMonthX + advance(pp.topMonth, f.Head) + 12*g.S
	pp.topTitleX = pp.topStateX + advance(pp.topState, f.Bold) + 12*g.S
	pp.topTitleOn = len(pp.buttons) > 0 && pp.topTitleX+advance(pp.topTitle, f.Small) < pp.buttons[0].R.X-8*g.S
}

// prepareBanner writes the banner over the map while the round waits for humans and nothing is open.
func (pl *playStage) prepareBanner() {
	pp := &pl.prep
	c := pl.cat
	g := &pl.geo
	pp.banner = ""
	if !pl.waiting.Any() || pl.overlay != OverlayNone {
		return
	}
	w := pl.sess.Model().W
	who := ""
	if pl.waiting.Planner {
		who = c.T("ui.role.planner")
	}
	for _, p := range pl.waiting.Provinces {
		if who != "" {
			who += ", "
		}
		who += c.Province(w.Provinces[p].ID)
	}
	pp.banner = c.T("ui.banner.waiting", who)
	bw := min(g.Map.W-20*g.S, advance(pp.banner, pl.fonts.Bold)+32*g.S)
	pp.bannerR = Rect{g.Map.X + (g.Map.W-bw)/2, g.Map.Y + 30*g.S, bw, 30 * g.S}
}

// prepareTopButtons lays out the top bar's buttons, right-aligned (Decide left out in autoplay).
func (pl *playStage) prepareTopButtons() {
	pp := &pl.prep
	c := pl.cat
	s := pl.sess
	g := &pl.geo
	pp.buttons = pp.buttons[:0]
	type bdef struct {
		label  string
		cmd    Command
		active bool
		accent bool
	}
	pauseLabel := c.T("ui.btn.pause")
	if s.Speed() == 0 {
		pauseLabel = c.T("ui.btn.play")
	}
	defs := [...]bdef{
		{pauseLabel, Command{Kind: CmdPause}, false, false},
		{c.T("ui.btn.step"), Command{Kind: CmdStep}, false, false},
		{"1×", Command{Kind: CmdSpeed, Arg: 1}, s.Speed() == 1, false},
		{"2×", Command{Kind: CmdSpeed, Arg: 2}, s.Speed() == 2, false},
		{"4×", Command{Kind: CmdSpeed, Arg: 4}, s.Speed() == 4, false},
		{"8×", Command{Kind: CmdSpeed, Arg: 8}, s.Speed() == 8, false},
		{c.T("ui.btn.layer"), Command{Kind: CmdLayerNext, Delta: 1}, false, false},
		{c.T("ui.btn.palette"), Command{Kind: CmdPalette}, false, false},
		{c.T("ui.btn.decide"), Command{Kind: CmdDecide}, pl.waiting.Any(), true}, // (not in autoplay)
		{c.T("ui.btn.save"), Command{Kind: CmdSave}, false, false},
		{c.T("ui.btn.help"), Command{Kind: CmdHelp}, false, false},
	}
	pad := 9 * g.S
	bh := g.TopBar.H - 10*g.S
	x := g.W - g.Margin
	auto := s.Setup().Role.Autoplay()
	for i := len(defs) - 1; i >= 0; i-- {
		d := defs[i]
		if auto && d.cmd.Kind == CmdDecide {
			continue
		}
		bw := advance(d.label, pl.fonts.Small) + 2*pad
		x -= bw
		pp.buttons = append(pp.buttons, uiButton{Button: Button{Rect{x, 5 * g.S, bw, bh}, d.cmd}, Label: d.label, Active: d.active, Accent: d.accent})
		x -= 4 * g.S
	}
	slices.Reverse(pp.buttons)
}

package game

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"dongshu/configs"
	"dongshu/game/session"
	"dongshu/game/view"
)

// The set-up screen's state: scenario, role (planner, hot-seat provinces or autoplay), difficulty, seed.

// Set-up fields.
const (
	sfScenario = iota
	sfRole
	sfDifficulty
	sfSeed
	numSetupFields
)

// Role modes.
const (
	roleProvinces = iota
	rolePlanner
	roleAutoplay
	roleFacilitator // the AI plays every role, the facilitator moves the levers (what-ifs, whatif.go)
	numRoleModes
)

type setupState struct {
	file       string // a --scenario file's name, listed first
	fileTOML   string
	scenarios  []string
	scenario   int
	mode       int
	provinces  []int // the human provinces, in hot-seat order
	difficulty session.Difficulty
	seed       uint64
	focus      int
	ids        []string // the scenario's province ids, in model order
	// cells[i] is province i's tile on the map's cartogram (view.Layout), so that the hot-seat chips lie
	// as the map does; nil when the layout lacks one of the scenario's provinces (chips then go in
	// alphabetical order of the translated names).
	cells      []view.Cell
	cols, rows int
	rev        int
}

func (s *setupState) init(st session.Setup) {
	*s = setupState{file: st.ScenarioName, fileTOML: st.ScenarioTOML, difficulty: st.Difficulty, seed: st.Seed}
	if s.fileTOML != "" {
		if s.file == "" {
			s.file = "scenario.toml"
		}
		s.scenarios = append(s.scenarios, s.file)
	}
	s.scenarios = append(s.scenarios, configs.Presets()...)
	if st.Preset != "" {
		if i := slices.Index(s.scenarios, st.Preset); i >= 0 && s.fileTOML == "" {
			s.scenario = i
		}
	} else if i := slices.Index(s.scenarios, "baseline"); i >= 0 && s.fileTOML == "" {
		s.scenario = i
	}
	switch {
	case st.Facilitator:
		s.mode = roleFacilitator
	case st.Role.Planner:
		s.mode = rolePlanner
	case len(st.Role.Provinces) > 0:
		s.mode = roleProvinces
		s.provinces = slices.Clone(st.Role.Provinces)
	default:
		s.mode = roleProvinces
	}
	s.loadIDs()
}

// loadIDs reads the chosen scenario's provinces (for the hot-seat chips).
func (s *setupState) loadIDs() {
	s.ids = s.ids[:0]
	var scn *configs.Scenario
	var err error
	if s.fileTOML != "" && s.scenario == 0 {
		scn, err = configs.Parse(s.file, []byte(s.fileTOML))
	} else if len(s.scenarios) > 0 {
		scn, err = configs.LoadPreset(s.scenarios[s.scenario])
	}
	if err != nil || scn == nil {
		return
	}
	for _, p := range scn.Provinces {
		s.ids = append(s.ids, p.ID)
	}
	s.cells, s.cols, s.rows = nil, 0, 0
	if l, err := view.LoadLayout(); err == nil {
		byID := make(map[string]view.Cell, len(l.Cells))
		for _, c := range l.Cells {
			byID[c.Province] = c
		}
		for _, id := range s.ids {
			c, ok := byID[id]
			if !ok {
				s.cells = nil
				break
			}
			s.cells = append(s.cells, c)
		}
		s.cols, s.rows = l.Cols, l.Rows
	}
	s.provinces = slices.DeleteFunc(s.provinces, func(p int) bool { return p < 0 || p >= len(s.ids) })
}

func (s *setupState) do(c Command) {
	s.rev++
	switch c.Kind {
	case CmdFocus:
		if c.Delta != 0 {
			s.focus = ((s.focus+c.Delta)%numSetupFields + numSetupFields) % numSetupFields
		} else if c.Arg >= 0 && c.Arg < numSetupFields {
			s.focus = c.Arg
		}
	case CmdAdjust:
		f := c.Arg
		if f < 0 {
			f = s.focus
		}
		s.focus = f
		s.adjust(f, c.Delta, c.Big)
	case CmdToggle:
		if s.focus != sfSeed {
			s.adjust(s.focus, 1, false)
		}
	case CmdDigit:
		if s.seed < 1e17 {
			s.seed = s.seed*10 + uint64(c.Arg)
		}
		s.focus = sfSeed
	case CmdBackspace:
		s.seed /= 10
		s.focus = sfSeed
	case CmdChip:
		s.toggleProvince(c.Arg)
	}
}

func (s *setupState) adjust(f, delta int, big bool) {
	cyc := func(v, n int) int { return ((v+delta)%n + n) % n }
	switch f {
	case sfScenario:
		if n := len(s.scenarios); n > 0 {
			s.scenario = cyc(s.scenario, n)
			s.loadIDs()
		}
	case sfRole:
		s.mode = cyc(s.mode, numRoleModes)
	case sfDifficulty:
		s.difficulty = session.Difficulty(cyc(int(s.difficulty), 3))
	case sfSeed:
		// In unsigned arithmetic, held at 0 and at the top: a seed from the command line may use all
		// 64 bits.
		step := uint64(1)
		if big {
			step = 100
		}
		switch {
		case delta > 0:
			s.seed += min(step*uint64(delta), math.MaxUint64-s.seed)
		case delta < 0:
			s.seed -= min(step*uint64(-delta), s.seed)
		}
	}
}

// chipCells places the hot-seat chips: cells[i] is province i's cell in a cols x rows grid, the map's
// when every province has a tile, else rows of six in alphabetical order of name (the translated name).
func (s *setupState) chipCells(name func(id string) string) (cells []view.Cell, cols, rows int) {
	if len(s.cells) == len(s.ids) && len(s.ids) > 0 {
		return s.cells, s.cols, s.rows
	}
	order := make([]int, len(s.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(name(s.ids[a]), name(s.ids[b])) })
	cols = 6
	cells = make([]view.Cell, len(s.ids))
	for k, i := range order {
		cells[i] = view.Cell{Province: s.ids[i], Col: k % cols, Row: k / cols}
	}
	return cells, cols, max(1, (len(s.ids)+cols-1)/cols)
}

// toggleProvince adds province p to the hot seat (at the end) or removes it.
func (s *setupState) toggleProvince(p int) {
	if p < 0 || p >= len(s.ids) {
		return
	}
	s.mode = roleProvinces
	if i := slices.Index(s.provinces, p); i >= 0 {
		s.provinces = slices.Delete(s.provinces, i, i+1)
	} else {
		s.provinces = append(s.provinces, p)
	}
}

// build returns the game's set-up; a hot seat with no province is an error (a catalog key).
func (s *setupState) build() (session.Setup, error) {
	st := session.Setup{Seed: s.seed, Difficulty: s.difficulty}
	if s.fileTOML != "" && s.scenario == 0 {
		st.ScenarioName, st.ScenarioTOML = s.file, s.fileTOML
	} else if len(s.scenarios) > 0 {
		st.Preset = s.scenarios[s.scenario]
	}
	switch s.mode {
	case roleFacilitator:
		st.Facilitator = true
	case rolePlanner:
		st.Role.Planner = true
	case roleProvinces:
		if len(s.provinces) == 0 {
			return st, errNoProvince
		}
		st.Role.Provinces = slices.Clone(s.provinces)
	}
	return st, nil
}

func (s *setupState) seedText() string { return strconv.FormatUint(s.seed, 10) }

// The set-up: scenario, seed, difficulty, roles.
type setupStage struct {
	menuStage
	setup setupState
}

// newSetup makes the set-up screen, from the command line's set-up.
func newSetup(a *App) *setupStage {
	su := &setupStage{menuStage: menuStage{App: a}}
	su.setup.init(a.opt.Setup)
	return su
}

func (*setupStage) Screen() Screen     { return ScreenSetup }
func (su *setupStage) Prepare()        { su.prepareMenu(su, false) }
func (su *setupStage) key(k *prepKey)  { k.setupRev = su.setup.rev }
func (su *setupStage) frame(sc *scene) { su.prepareSetup(sc) }

// Do carries out the set-up's commands: the fields' and chips', back to the title, start the game.
func (su *setupStage) Do(c Command) bool {
	su.setup.do(c)
	switch c.Kind {
	case CmdBack:
		su.goTo(newTitle(su.App))
	case CmdStart:
		if st, err := su.setup.build(); err != nil {
			su.message(su.cat.T("ui.msg.setup_title"), su.cat.T(err.Error()))
		} else if su.startSession(st) {
			su.sess.SetSpeed(1)
			su.onboard()
		}
	case CmdFocus, CmdAdjust, CmdToggle, CmdDigit, CmdBackspace, CmdChip:
	default:
		return false
	}
	return true
}

func setupKeys(k Key, in *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyUp:
		return Command{Kind: CmdFocus, Arg: -1, Delta: -1}, true
	case KeyDown, KeyTab:
		return Command{Kind: CmdFocus, Arg: -1, Delta: 1}, true
	case KeyLeft, KeyRight:
		return Command{Kind: CmdAdjust, Arg: -1, Delta: dir(k), Big: in.Shift}, true
	case KeyEnter:
		return cmdOf(CmdStart)
	case KeyEscape:
		return cmdOf(CmdBack)
	case KeyBackspace:
		return cmdOf(CmdBackspace)
	case KeySpace:
		return Command{Kind: CmdToggle, Arg: -1}, true
	}
	if d := digitOf(k); d >= 0 {
		return Command{Kind: CmdDigit, Arg: d}, true
	}
	return Command{}, false
}

func (su *setupStage) difficultyName(d session.Difficulty) string {
	switch d {
	case session.Easy:
		return su.cat.T("ui.difficulty.easy")
	case session.Hard:
		return su.cat.T("ui.difficulty.hard")
	}
	return su.cat.T("ui.difficulty.normal")
}

func (su *setupStage) prepareSetup(sc *scene) {
	c, f, s := su.cat, su.fonts, su.fonts.scale
	W, H := float32(su.w), float32(su.h)
	sc.rect(Rect{0, 0, W, H}, colBG)
	box := Centred(W, H, min(W-32*s, 900*s), min(H-32*s, 660*s))
	sc.panel(box, s)
	x0, y := box.X+24*s, box.Y+20*s
	sc.text(c.T("ui.setup.title"), x0, y, f.Head, colText)
	y = su.prepareSetupFields(sc, box, x0, y+36*s)
	y = su.prepareSetupClaim(sc, x0, y+4*s, box.W-48*s) + 2*s
	by := box.Y + box.H - 54*s
	su.prepareSetupRole(sc, box, x0, y, by)
	sc.text(c.T("ui.setup.keys"), x0, by-24*s, f.Small, colDim)
	bw := 170 * s
	sc.button(Rect{box.X + box.W - 24*s - bw, by, bw, 36 * s}, c.T("ui.setup.start"), Command{Kind: CmdStart}, false, true)
	sc.button(Rect{box.X + box.W - 36*s - 2*bw, by, bw, 36 * s}, c.T("ui.setup.back"), Command{Kind: CmdBack}, false, false)
}

// prepareSetupFields adds the set-up's fields from y (a row each: its label, ‹ value ›; the focused one
// marked) and returns the y below them.
func (su *setupStage) prepareSetupFields(sc *scene, box Rect, x0, y float32) float32 {
	c, f, s := su.cat, su.fonts, su.fonts.scale
	st := &su.setup
	roleNames := [numRoleModes]string{c.T("ui.setup.role_provinces"), c.T("ui.setup.role_planner"), c.T("ui.setup.role_auto"),
		c.T("ui.setup.role_facilitator")}
	scen := ""
	if len(st.scenarios) > 0 {
		scen = st.scenarios[st.scenario]
	}
	if c.Has("ui.preset." + scen) {
		scen = c.T("ui.preset." + scen)
	}
	rows := [numSetupFields][2]string{
		{c.T("ui.setup.scenario"), scen},
		{c.T("ui.setup.role"), roleNames[st.mode]},
		{c.T("ui.setup.difficulty"), su.difficultyName(st.difficulty)},
		{c.T("ui.setup.seed"), st.seedText()},
	}
	rowH := 34 * s
	labelW := 170 * s
	valW := 320 * s
	for i, r := range rows {
		rr := Rect{x0 - 8*s, y, box.W - 32*s, rowH - 4*s}
		if st.focus == i {
			sc.rect(rr, colPanel2)
			sc.rect(Rect{rr.X, rr.Y, 3 * s, rr.H}, colAccent)
		}
		sc.hotArea(rr, Command{Kind: CmdFocus, Arg: i})
		sc.textAlign(r[0], x0+4*s, y+rowH/2-2*s, f.Body, colDim, AlignStart, true)
		bx := x0 + labelW
		sc.button(Rect{bx, y + 2*s, 28 * s, rowH - 8*s}, "‹", Command{Kind: CmdAdjust, Arg: i, Delta: -1}, false, false)
		sc.textAlign(r[1], bx+28*s+valW/2, y+rowH/2-2*s, f.Bold, colText, AlignCenter, true)
		sc.button(Rect{bx + 28*s + valW, y + 2*s, 28 * s, rowH - 8*s}, "›", Command{Kind: CmdAdjust, Arg: i, Delta: 1}, false, false)
		y += rowH
	}
	return y
}

// prepareSetupRole adds the role's detail from y (above by): the hot-seat provinces' chips and order, or
// a line on the other roles.
func (su *setupStage) prepareSetupRole(sc *scene, box Rect, x0, y, by float32) {
	c, f, s := su.cat, su.fonts, su.fonts.scale
	st := &su.setup
	switch st.mode {
	case roleProvinces:
		sc.text(fit(c.T("ui.setup.provinces_hint"), f.Small, box.W-48*s), x0, y, f.Small, colDim)
		y += 18 * s
		order := c.T("ui.setup.order_none")
		if len(st.provinces) > 0 {
			names := ""
			for k, p := range st.provinces {
				if k > 0 {
					names += " · "
				}
				names += fmt.Sprintf("%d %s", k+1, c.Province(st.ids[p]))
			}
			order = c.T("ui.setup.order", names)
		}
		sc.text(fit(order, f.Small, box.W-48*s), x0, y, f.Small, colText)
		su.prepareSetupChips(sc, box, x0, y+20*s, by)
	case rolePlanner:
		sc.text(c.T("ui.setup.planner_hint"), x0, y, f.Small, colDim)
	case roleAutoplay:
		sc.text(c.T("ui.setup.auto_hint"), x0, y, f.Small, colDim)
	case roleFacilitator:
		sc.text(fit(c.T("ui.setup.facilitator_hint"), f.Small, box.W-48*s), x0, y, f.Small, colDim)
	}
}

// prepareSetupChips adds a chip per province between y and by. The chips lie as on the map (or, without a
// tile for every province, alphabetically); they are listed in model order, so that chip i is province i.
func (su *setupStage) prepareSetupChips(sc *scene, box Rect, x0, y, by float32) {
	c, f, s := su.cat, su.fonts, su.fonts.scale
	st := &su.setup
	cells, cols, rows := st.chipCells(c.Province)
	top, avail := y, by-30*s-y
	cw := (box.W - 48*s) / float32(cols)
	chH := min(34*s, avail/float32(rows))
	for i, id := range st.ids {
		r := Rect{x0 + float32(cells[i].Col)*cw, top + float32(cells[i].Row)*chH, cw - 4*s, chH - 4*s}
		on := slices.Contains(st.provinces, i)
		name := c.Province(id)
		lf := valueFace(name, r.W-6*s, f.Small, f.Tiny)
		sc.button(r, fit(name, lf, r.W-6*s), Command{Kind: CmdChip, Arg: i}, on, false)
		sc.buttons[len(sc.buttons)-1].Face = lf
	}
}

// prepareSetupClaim adds, under the set-up's fields, the claim the chosen scenario tests (at most three
// lines of width w from y) and returns the y below it; a scenario file shows its description.
func (su *setupStage) prepareSetupClaim(sc *scene, x, y, w float32) float32 {
	st := &su.setup
	if len(st.scenarios) == 0 {
		return y
	}
	c, f, s := su.cat, su.fonts, su.fonts.scale
	claim := ""
	if k := InfoTexts(st.scenarios[st.scenario])[0]; c.Has(k) {
		claim = c.T("ui.info.claim", c.T(k))
	}
	if claim == "" {
		return y
	}
	y = sc.lines(wrapText(claim, f.Small, w, 3), x, y, f.Small, colAccent, 17*s)
	return y
}

// errNoProvince is the set-up's complaint when hot seat is chosen with no province.
var errNoProvince = errors.New("ui.msg.no_province")

package game

import (
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

package session

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"dongshu/configs"
)

// WhatIf is a what-if: one policy lever (configs.Levers, world levers included) set to a level from the
// next month on. It is an Action like any decision, checked by the lever's own range (configs.Lever.Check),
// recorded in the save and the export, allowed in any month to a human planner and, in autoplay or the
// facilitator mode, to the facilitator.
type WhatIf struct {
	Key   string  `json:"key"`   // the lever's scenario key, e.g. "network.transit_cost"
	Level float64 `json:"level"` // in the lever's unit (configs.Lever.Unit)
}

// WhatIfRecord is a what-if with the month it was set at (it applies from the month after).
type WhatIfRecord struct {
	Month configs.Month
	WhatIf
}

// WhatIfAllowed reports whether this game takes what-ifs: a human planner's, or the facilitator's when the
// AI plays every role (autoplay or the facilitator mode).
func (s *Session) WhatIfAllowed() bool {
	r := s.setup.Role
	return r.Planner || r.Autoplay()
}

// WhatIfs returns the what-ifs set so far, in order (the action log's).
func (s *Session) WhatIfs() []WhatIfRecord {
	var out []WhatIfRecord
	for _, a := range s.actions {
		if a.WhatIf != nil {
			out = append(out, WhatIfRecord{Month: a.Month, WhatIf: *a.WhatIf})
		}
	}
	return out
}

// checkWhatIf accepts a what-if on a lever that exists at a level within its range, in a game that takes
// what-ifs.
func (s *Session) checkWhatIf(wi *WhatIf) error {
	if !s.WhatIfAllowed() {
		return errors.New("session: what-ifs are for the planner or the facilitator; in this game a human plays provinces only")
	}
	l, err := configs.ParseLever(wi.Key)
	if err != nil {
		return fmt.Errorf("session: what-if: %w", err)
	}
	if err := l.Check(wi.Level); err != nil {
		return fmt.Errorf("session: what-if: %w", err)
	}
	return nil
}

// countNonNil is the number of decisions an action holds.
func countNonNil(a Action) int {
	n := 0
	if a.Province != nil {
		n++
	}
	if a.Planner != nil {
		n++
	}
	if a.WhatIf != nil {
		n++
	}
	return n
}

// Level returns a lever's level in force now (what the next month uses, pending what-ifs included).
func (s *Session) Level(l configs.Lever) float64 {
	p := s.m.W.Policy
	for _, c := range s.m.PendingChanges {
		if c.Lever == l {
			*l.Spec().Level(&p) = c.Level
		}
	}
	return *l.Spec().Level(&p)
}

// Baseline returns a new session of the same game without its what-ifs, played to the same month from the
// same setup and the other actions (the compare view's "without"): the counterfactual of the what-ifs
// alone. A new session runs the model from the start, so this costs a replay (once per change, never per
// frame).
func (s *Session) Baseline() (*Session, error) {
	b, err := s.Replay(ForkSpec{Role: s.setup.Role, Keep: notWhatIf})
	if err != nil {
		return nil, fmt.Errorf("session: the run without the what-ifs: %w", err)
	}
	return b, nil
}

// notWhatIf keeps every action but the what-ifs.
func notWhatIf(a Action) bool { return a.WhatIf == nil }

// CatchUp brings b, the run without the what-ifs (Baseline), to this game's month: it steps it with the
// actions this game took since (what-ifs left out). The compare view calls it once per month.
func (s *Session) CatchUp(b *Session) error {
	acts := slices.DeleteFunc(slices.Clone(s.actions), func(a Action) bool { return !notWhatIf(a) })
	if len(b.WhatIfs()) > 0 || len(b.actions) > len(acts) {
		return errors.New("session: catch up: not this game's run without what-ifs")
	}
	if err := b.run(acts, s.m.W.Now, nil); err != nil {
		return fmt.Errorf("session: the run without the what-ifs: %w", err)
	}
	return nil
}

// writeWhatIfs writes the what-if log of the export: one row per what-if, the month it was set at, the
// month it applies from, the lever's key, its level and unit.
func (s *Session) writeWhatIfs(f io.Writer) error {
	cw := csv.NewWriter(f)
	_ = cw.Write([]string{"month", "applies_from", "key", "level", "unit"})
	for _, r := range s.WhatIfs() {
		l, _ := configs.ParseLever(r.Key) // checked when set
		_ = cw.Write([]string{r.Month.String(), (r.Month + 1).String(), r.Key,
			strconv.FormatFloat(r.Level, 'g', -1, 64), l.Unit()})
	}
	cw.Flush()
	return cw.Error()
}

package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/internal/atomicfile"
)

// A save file holds what determines a game — the setup and the action log — and the month it was saved
// at; loading rebuilds the game and replays it, so that a save is small and never disagrees with the
// model. docs/game.md (Save files) describes the format.
const (
	saveFormat  = "dongshu-save"
	saveVersion = 2 // 2: what-ifs in the action log (a save without any is written as version 1)
	// MaxSaveBytes bounds a save file: its scenario (at most configs.MaxScenarioBytes) and an action log
	// of at most one decision per human role and month (a 16-year game with 31 provinces: about 2 MB).
	MaxSaveBytes = configs.MaxScenarioBytes + 24<<20
	maxNameBytes = 1024 // preset and scenario names
	maxPerMonth  = 100  // decisions of one role in one month (a later one replaces an earlier one)
)

type saveFile struct {
	Format  string        `json:"format"`
	Version int           `json:"version"`
	Setup   Setup         `json:"setup"`
	Actions []savedAction `json:"actions"`
	Month   string        `json:"month"` // W.Now when saved, YYYY-MM
	Speed   int           `json:"speed,omitempty"`
}

// savedAction is an Action with its month written YYYY-MM, for people reading the file.
type savedAction struct {
	Month    string                  `json:"month"`
	Province *agents.Decision        `json:"province,omitempty"`
	Planner  *agents.PlannerDecision `json:"planner,omitempty"`
	WhatIf   *WhatIf                 `json:"what_if,omitempty"`
}

// Save writes the game to path atomically (versioned; replayed on load): on any error the file at path,
// if there was one, is left as it was and no partial file remains.
func (s *Session) Save(path string) error {
	data, err := s.MarshalSave()
	if err != nil {
		return newError(OpSave, nil, path, err, fmt.Sprintf("session: save %s: %v", path, err))
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		return newError(OpSave, ErrIO, path, err, fmt.Sprintf("session: save %s: %v", path, err))
	}
	return nil
}

// MarshalSave returns the text of the game's save file (what Save writes): the classroom server keeps a
// room in it and sends it to a joining client, which replays it with Decode.
func (s *Session) MarshalSave() ([]byte, error) {
	f := saveFile{Format: saveFormat, Version: 1, Setup: s.Setup(), Actions: []savedAction{},
		Month: s.m.W.Now.String(), Speed: s.speed}
	if s.setup.Facilitator {
		f.Version = 2
	}
	for _, a := range s.actions {
		f.Actions = append(f.Actions, savedAction{Month: a.Month.String(), Province: a.Province, Planner: a.Planner, WhatIf: a.WhatIf})
		if a.WhatIf != nil {
			f.Version = 2 // an older dongshu says "newer version" instead of "damaged"
		}
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Load reads a saved game and replays it to where it was saved: the months are stepped again, each
// logged action submitted when the game reaches its month. Any problem with the file — not a save,
// damaged, from a newer dongshu, or a log the game could not have made — is an error naming the file.
func Load(path string) (s *Session, err error) {
	data, err := readCapped(path)
	if err != nil {
		return nil, err
	}
	return Decode(path, data)
}

// Decode is Load for a save file's text already read; name stands for the file in messages.
func Decode(name string, data []byte) (s *Session, err error) {
	path := name
	f, err := decodeSave(path, data)
	if err != nil {
		return nil, err
	}
	// A hostile or damaged file must not crash the game: whatever the model does with a valid scenario
	// and valid actions that it should not, comes back as an error.
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, newError(OpLoad, ErrDamaged, path, nil, fmt.Sprintf("session: save file %s cannot be replayed: %v", path, r))
		}
	}()
	return replay(path, f)
}

// readCapped reads a save file of at most MaxSaveBytes.
func readCapped(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, newError(OpLoad, ErrIO, path, err, fmt.Sprintf("session: load: %v", err))
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, MaxSaveBytes+1))
	if err != nil {
		return nil, newError(OpLoad, ErrIO, path, err, fmt.Sprintf("session: load: %v", err))
	}
	if len(data) > MaxSaveBytes {
		return nil, newError(OpLoad, ErrDamaged, path, nil,
			fmt.Sprintf("session: save file %s is more than %d bytes, the most a save may have", path, MaxSaveBytes))
	}
	return data, nil
}

// checkFields range-checks what the replay does not: the speed, the names, and the action log's shape
// (a decision replaced in the same month stays in the log, but at most maxPerMonth per role and month), in the
// scenario messages' style ("key: value is out of range [lo,hi]").
func checkFields(f *saveFile, s *Session) error {
	w := s.m.W
	switch {
	case f.Speed < 0 || f.Speed > MaxSpeed:
		return fmt.Errorf("speed: %d is out of range [0,%d]", f.Speed, MaxSpeed)
	case len(f.Setup.Preset) > maxNameBytes:
		return fmt.Errorf("setup.preset: %d bytes, more than %d", len(f.Setup.Preset), maxNameBytes)
	case len(f.Setup.ScenarioName) > maxNameBytes:
		return fmt.Errorf("setup.scenario_name: %d bytes, more than %d", len(f.Setup.ScenarioName), maxNameBytes)
	}
	roles := len(f.Setup.Role.Provinces)
	if f.Setup.Role.Planner {
		roles++
	}
	if s.WhatIfAllowed() {
		roles++ // the what-ifs count as one more role
	}
	if most := int(w.End-w.Start+1) * roles * maxPerMonth; len(f.Actions) > most {
		return fmt.Errorf("actions: %d, more than the %d the game can hold (%d per human role and month)", len(f.Actions), most, maxPerMonth)
	}
	type slot struct {
		month string
		who   int // province index, -1 for the planner
	}
	count := make(map[slot]int, len(f.Actions))
	for i, a := range f.Actions {
		k := slot{a.Month, -1}
		if a.Province != nil {
			k.who = a.Province.Province
		}
		if a.WhatIf != nil {
			k.who = -2
		}
		if count[k]++; count[k] > maxPerMonth {
			who := "the planner"
			if k.who == -2 {
				who = "what-ifs"
			} else if k.who >= 0 && k.who < len(w.Provinces) {
				who = w.Provinces[k.who].ID
			} else if k.who >= 0 {
				who = fmt.Sprintf("province index %d", k.who)
			}
			return fmt.Errorf("action %d (%s): more than %d decisions for %s in one month", i+1, a.Month, maxPerMonth, who)
		}
	}
	return nil
}

// decodeSave checks and decodes a save file's text.
func decodeSave(path string, data []byte) (*saveFile, error) {
	notSave := newError(OpLoad, ErrNotSave, path, nil, fmt.Sprintf("session: %s is not a dongshu save file", path))
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, notSave
	}
	var head struct {
		Format  any `json:"format"`
		Version any `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, damaged(path, data, err)
	}
	if head.Format != saveFormat {
		return nil, notSave
	}
	v, ok := head.Version.(float64)
	switch {
	case !ok || v != float64(int(v)) || v < 1:
		return nil, newError(OpLoad, ErrDamaged, path, nil,
			fmt.Sprintf("session: save file %s has no valid format version (got %v)", path, head.Version))
	case v > saveVersion:
		return nil, newError(OpLoad, ErrNewerVersion, path, nil,
			fmt.Sprintf("session: save file %s was written by a newer dongshu (format version %d; this one reads up to %d)",
				path, int(v), saveVersion))
	}
	var f saveFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, damaged(path, data, err)
	}
	return &f, nil
}

// damaged reports a JSON error with the line and byte offset where it was found.
func damaged(path string, data []byte, err error) error {
	off := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return newError(OpLoad, ErrDamaged, path, err, fmt.Sprintf("session: save file %s is damaged: %v", path, err))
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	e := newError(OpLoad, ErrDamaged, path, err,
		fmt.Sprintf("session: save file %s is damaged at line %d (byte %d): %v", path, line, off, err))
	e.Line, e.Offset = int64(line), off
	return e
}

// replay rebuilds the game of f.
func replay(path string, f *saveFile) (*Session, error) {
	bad := func(format string, a ...any) error {
		return newError(OpLoad, ErrDamaged, path, nil, fmt.Sprintf("session: save file %s: %s", path, fmt.Sprintf(format, a...)))
	}
	s, err := New(f.Setup)
	if err != nil {
		return nil, bad("%v", err)
	}
	if err := checkFields(f, s); err != nil {
		return nil, bad("%v", err)
	}
	month, err := configs.ParseMonth(f.Month)
	if err != nil {
		return nil, bad("month: %v", err)
	}
	w := s.m.W
	if month < w.Now || month > w.End {
		return nil, bad("month %s is outside the game (%s to %s)", f.Month, w.Start, w.End)
	}
	acts := make([]Action, len(f.Actions))
	for i, a := range f.Actions {
		m, err := configs.ParseMonth(a.Month)
		if err != nil {
			return nil, bad("action %d: month: %v", i+1, err)
		}
		acts[i] = Action{Month: m, Province: a.Province, Planner: a.Planner, WhatIf: a.WhatIf}
	}
	if err := s.run(acts, month, nil); err != nil {
		return nil, bad("%v", err)
	}
	s.SetSpeed(f.Speed)
	return s, nil
}

// run steps a game to month, submitting each action of acts (in month order) when the game reaches
// its month: the one replay of a saved game, of a fork and of the compare view's run without the
// what-ifs. The game may have taken the first of acts already (a run kept up month by month): it resumes
// after them. At a quota round that still waits for a human
// once the log's actions are in, play (if not nil) is asked for the awaited seats' actions.
func (s *Session) run(acts []Action, month configs.Month, play func(*Session, Waiting) []Action) error {
	w := s.m.W
	next := len(s.actions)
	for {
		for next < len(acts) && acts[next].Month == w.Now {
			if err := s.Submit(acts[next]); err != nil {
				return fmt.Errorf("action %d (%s): %w", next+1, acts[next].Month, err)
			}
			next++
		}
		if w.Now == month {
			break
		}
		if next < len(acts) && acts[next].Month < w.Now {
			return fmt.Errorf("action %d (%s) is out of order", next+1, acts[next].Month)
		}
		if wt := s.Waiting(); wt.Any() && play != nil {
			for _, a := range play(s, wt) {
				if err := s.Submit(a); err != nil {
					return fmt.Errorf("seat played at %s: %w", w.Now, err)
				}
			}
		}
		if wt := s.Waiting(); wt.Any() {
			return fmt.Errorf("the game cannot pass %s: it waits for %s", w.Now, describeWaiting(s, wt))
		}
		if err := s.step(); err != nil {
			return err
		}
	}
	if next < len(acts) {
		return fmt.Errorf("action %d (%s) comes after the saved month %s", next+1, acts[next].Month, month)
	}
	return nil
}

func describeWaiting(s *Session, wt Waiting) string {
	var who []string
	for _, p := range wt.Provinces {
		who = append(who, s.m.W.Provinces[p].ID)
	}
	if wt.Planner {
		who = append(who, "the planner")
	}
	return fmt.Sprint(who)
}

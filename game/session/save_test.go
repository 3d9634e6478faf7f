package session

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/configs"
)

var players = script{provinces: []int{ningxia, guangdong}, planner: true}

// assertSameGame checks that two sessions are in the same state: everything the game shows and the
// model's current rows, log and pending decisions.
func assertSameGame(t *testing.T, want, got *Session, msg string) {
	t.Helper()
	assert.Equal(t, want.Model().W.Now, got.Model().W.Now, msg)
	assert.Equal(t, want.History(), got.History(), msg)
	assert.Equal(t, want.Model().Rows(), got.Model().Rows(), msg)
	assert.Equal(t, want.Model().ProvinceRows(), got.Model().ProvinceRows(), msg)
	assert.Equal(t, want.Model().W.Log, got.Model().W.Log, msg)
	assert.Equal(t, want.Model().Pending, got.Model().Pending, msg)
	assert.Equal(t, want.Model().PendingPlanner, got.Model().PendingPlanner, msg)
	assert.Equal(t, want.Actions(), got.Actions(), msg)
	assert.Equal(t, want.News(), got.News(), msg)
	assert.Equal(t, want.Debrief(), got.Debrief(), msg)
}

func TestReplayDeterminismWithActions(t *testing.T) {
	a, b := newGame(t, players.setup(3)), newGame(t, players.setup(3))
	players.drive(t, a, month(2035, 12))
	players.drive(t, b, month(2035, 12))
	require.True(t, a.Done())
	assertSameGame(t, a, b, "same setup and actions")

	// The humans' actions reach the model: the same game without them differs.
	auto := newGame(t, Setup{Preset: "baseline", Seed: 3, Difficulty: Normal})
	autoplayTo(t, auto, month(2035, 12))
	assert.NotEqual(t, auto.History().Province, a.History().Province)
	var province, planner int
	for _, x := range a.Actions() {
		if x.Province != nil {
			province++
		} else {
			planner++
		}
	}
	assert.Greater(t, province, 30, "human province decisions, at rounds and between them")
	assert.Greater(t, planner, 30, "human planner decisions")
}

func TestSaveLoadRoundTripEqualsUninterruptedGame(t *testing.T) {
	ref := newGame(t, players.setup(7))
	players.drive(t, ref, month(2035, 12))
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		month configs.Month
		acts  int // submissions made after the month before saving
	}{
		{"before the first month, nobody submitted", month(2019, 12), 0},
		{"before the first month, mid hot seat", month(2019, 12), 1},
		{"before a round, all but the planner submitted", month(2022, 12), 2},
		{"between rounds, a decision pending", month(2024, 6), 1},
		{"between rounds, nothing pending", month(2027, 3), 0},
		{"after the last month", month(2035, 12), 0},
	} {
		s := newGame(t, players.setup(7))
		players.drive(t, s, c.month)
		for range c.acts {
			require.True(t, players.act(t, s), c.name)
		}
		s.SetSpeed(3)
		path := filepath.Join(dir, "game.json")
		require.NoError(t, s.Save(path), c.name)
		got, err := Load(path)
		require.NoError(t, err, c.name)
		assertSameGame(t, s, got, c.name+": loaded")
		assert.Equal(t, 3, got.Speed(), c.name)
		assert.Equal(t, s.Setup(), got.Setup(), c.name)

		players.drive(t, got, month(2035, 12))
		assertSameGame(t, ref, got, c.name+": played on")
	}
}

func TestSaveFileFormat(t *testing.T) {
	s := newGame(t, players.setup(1))
	players.drive(t, s, month(2013, 2))
	path := filepath.Join(t.TempDir(), "g.json")
	require.NoError(t, s.Save(path))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var f map[string]any
	require.NoError(t, json.Unmarshal(data, &f))
	assert.Equal(t, "dongshu-save", f["format"])
	assert.Equal(t, 1.0, f["version"])
	assert.Equal(t, "2013-02", f["month"])
	acts := f["actions"].([]any)
	require.NotEmpty(t, acts)
	assert.Equal(t, "2012-12", acts[0].(map[string]any)["month"])
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
}

// validSave writes a short game with human actions and returns its path and text.
func validSave(t testing.TB, dir string) (string, []byte) {
	s := newGame(t, players.setup(1))
	players.drive(t, s, month(2013, 7))
	path := filepath.Join(dir, "ok.json")
	require.NoError(t, s.Save(path))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return path, data
}

// saveEditor writes a valid save in dir and returns its text and a function giving that text with the
// first old replaced by new (the old text must be there).
func saveEditor(t *testing.T, dir string) (string, func(old, new string) []byte) {
	t.Helper()
	_, good := validSave(t, dir)
	text := string(good)
	return text, func(old, new string) []byte {
		require.Contains(t, text, old)
		return []byte(strings.Replace(text, old, new, 1))
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	text, edit := saveEditor(t, dir)
	good := []byte(text)
	for _, c := range []struct {
		name string
		data []byte
		want []string
	}{
		{"truncated", good[:len(good)/2], []string{"damaged at line", "byte", "unexpected end of JSON input"}},
		{"corrupt", edit(`"actions": [`, `"actions": [,`), []string{"damaged at line", "invalid character ','"}},
		{"future version", edit(`"version": 1`, `"version": 3`),
			[]string{"was written by a newer dongshu (format version 3; this one reads up to 2)"}},
		{"version zero", edit(`"version": 1`, `"version": 0`), []string{"no valid format version"}},
		{"version text", edit(`"version": 1`, `"version": "1"`), []string{"no valid format version"}},
		{"wrong format", edit(`"dongshu-save"`, `"dongshu-sweep"`), []string{"is not a dongshu save file"}},
		{"other JSON", []byte(`{"headline": {}}`), []string{"is not a dongshu save file"}},
		{"not JSON", []byte("PNG\x00\x01"), []string{"is not a dongshu save file"}},
		{"empty", nil, []string{"is not a dongshu save file"}},
		{"unknown field", edit(`"month": "2013-07"`, `"month": "2013-07", "colour": 1`), []string{"damaged", "colour"}},
		{"wrong type", edit(`"seed": 1`, `"seed": "one"`), []string{"damaged at line", "seed"}},
		{"bad month", edit(`"month": "2013-07"`, `"month": "2013-13"`), []string{"month"}},
		{"month beyond the game", edit(`"month": "2013-07"`, `"month": "2040-01"`), []string{"outside the game"}},
		{"action after the saved month", edit(`"month": "2013-07"`, `"month": "2013-05"`), []string{"after the saved month"}},
		{"action for an AI province", edit(`"Province": 29`, `"Province": 3`), []string{"played by the AI"}},
		{"role out of range", edit(`"provinces": [`, `"provinces": [77, `), []string{"province index 77"}},
		{"bad scenario", edit(`"preset": "baseline"`, `"scenario_name": "x.toml", "scenario_toml": "[planner]\nenforcement = 9\n"`),
			[]string{"x.toml:2", "planner.enforcement"}},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".json")
		require.NoError(t, os.WriteFile(path, c.data, 0o644))
		s, err := Load(path)
		assert.Nil(t, s, c.name)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), path, c.name)
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w, c.name)
			}
		}
	}
	_, err := Load(filepath.Join(dir, "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestLoadRejectsAGameThatSkippedARound(t *testing.T) {
	// A log without the decisions of a round the game waited for cannot have been played.
	dir := t.TempDir()
	_, good := validSave(t, dir)
	var f map[string]any
	require.NoError(t, json.Unmarshal(good, &f))
	f["actions"] = []any{}
	data, err := json.Marshal(f)
	require.NoError(t, err)
	path := filepath.Join(dir, "skipped.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	_, err = Load(path)
	assert.ErrorContains(t, err, "cannot pass 2012-12: it waits for [ningxia guangdong the planner]")
}

func TestSaveFailureLeavesNoPartialFile(t *testing.T) {
	s := newGame(t, players.setup(1))
	players.drive(t, s, month(2013, 2))
	dir := t.TempDir()

	assert.Error(t, s.Save(filepath.Join(dir, "no", "such", "dir", "g.json")))
	_, err := os.Stat(filepath.Join(dir, "no"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	// The target is a directory: the write succeeds, the rename fails, nothing is left behind.
	target := filepath.Join(dir, "taken")
	require.NoError(t, os.Mkdir(target, 0o755))
	assert.Error(t, s.Save(target))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the directory: no temporary file")
	assert.True(t, entries[0].IsDir())

	// A good save is replaced only by a complete one.
	path := filepath.Join(dir, "g.json")
	require.NoError(t, s.Save(path))
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	players.drive(t, s, month(2013, 5))
	require.NoError(t, s.Save(path))
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotEqual(t, before, after)
	_, err = Load(path)
	assert.NoError(t, err)
}

func FuzzLoad(f *testing.F) {
	_, good := validSave(f, f.TempDir())
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add(bytes.Replace(good, []byte(`"version": 1`), []byte(`"version": 9`), 1))
	f.Add(bytes.Replace(good, []byte(`"dongshu-save"`), []byte(`"other"`), 1))
	f.Add([]byte(`{"format":"dongshu-save","version":1,"month":"2012-12","setup":{"seed":1,"difficulty":1}}`))
	f.Add([]byte(`{"format":"dongshu-save","version":1e400}`))
	f.Add([]byte("{}"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.json")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		s, err := Load(path)
		if err != nil {
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), path)
			return
		}
		require.NotNil(t, s)
		assert.Len(t, s.History().Months, int(s.Model().W.Now-s.Model().W.Start+1))
	})
}

// A game saved between the quotas' coming into force (2022-02) and the first round held with them (January
// 2023) loads to the same game, with the province's decision of that gap all within quota (no quota was
// granted yet), and plays on through that round to the same game, where the quota limits it again.
func TestSaveLoadThroughTheQuotaGap(t *testing.T) {
	st := Setup{Preset: "baseline", Seed: 2, Difficulty: Normal, Role: Role{Provinces: []int{ningxia}}}
	// play answers every round with nothing asked and nothing built, and builds 300 MW between rounds
	// in June 2022 and June 2023.
	play := func(s *Session, until configs.Month) {
		for s.Model().W.Now < until {
			now := s.Model().W.Now
			if s.Waiting().Any() || now == month(2022, 5) || now == month(2023, 5) {
				d := agents.Decision{Province: ningxia}
				if !s.Waiting().Any() {
					d.BuildMW = 300
				}
				require.NoError(t, s.Submit(Action{Month: now, Province: &d}))
			}
			require.NoError(t, s.Step())
			if now+1 == month(2022, 6) || now+1 == month(2023, 6) {
				r := s.RoundReport(ningxia)
				require.True(t, r.Valid && r.Decided && !r.Round, "the report of %s", now+1)
				assert.InDelta(t, 300, r.StartedMW, 1e-9, "%s", now+1)
				if now+1 == month(2022, 6) {
					assert.False(t, r.Quotas)
					assert.Zero(t, r.BeyondMW, "no quota granted yet: nothing beyond it")
					assert.False(t, r.Caught)
				} else {
					assert.True(t, r.Quotas)
					assert.InDelta(t, 300, r.BeyondMW, 1e-9, "no quota asked at the 2023 round: all beyond it")
				}
			}
		}
	}
	s := newGame(t, st)
	play(s, month(2022, 8))
	m := s.Model()
	require.True(t, m.W.Policy.Quotas > 0)
	require.False(t, m.Planner.QuotasGranted)
	assert.Zero(t, m.W.Provinces[ningxia].BeyondQuotaMW)

	path := filepath.Join(t.TempDir(), "gap.json")
	require.NoError(t, s.Save(path))
	got, err := Load(path)
	require.NoError(t, err)
	assertSameGame(t, s, got, "loaded in the gap")
	assert.Equal(t, m.Planner, got.Model().Planner, "loaded in the gap")
	assert.Equal(t, m.Penalties, got.Model().Penalties, "loaded in the gap")

	play(s, month(2023, 8))
	play(got, month(2023, 8))
	require.True(t, got.Model().Planner.QuotasGranted)
	assertSameGame(t, s, got, "played on through the round")
	assert.Equal(t, s.Model().Planner, got.Model().Planner)
	assert.Equal(t, s.Model().Penalties, got.Model().Penalties)
}

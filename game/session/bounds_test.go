package session

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 11: a save whose every field parses but is out of range (speed, a flood of decisions, a file
// far larger than any game writes) is refused with the key and the range, like a scenario.
func TestLoadRangeChecksEveryField(t *testing.T) {
	dir := t.TempDir()
	text, edit := saveEditor(t, dir)
	var f map[string]any
	require.NoError(t, json.Unmarshal([]byte(text), &f))
	acts := f["actions"].([]any)
	require.NotEmpty(t, acts)
	flood := make([]any, 0, 200_000+len(acts))
	for range 200_000 {
		flood = append(flood, acts[0])
	}
	f["actions"] = append(flood, acts[1:]...)
	dup, err := json.Marshal(f)
	require.NoError(t, err)

	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"speed 1e9", edit(`"month": "2013-07"`, `"month": "2013-07", "speed": 1000000000`), "speed: 1000000000 is out of range [0,8]"},
		{"speed -5", edit(`"month": "2013-07"`, `"month": "2013-07", "speed": -5`), "speed: -5 is out of range [0,8]"},
		{"200,000 duplicate actions", dup, "actions: 200"},
		{"huge file", append([]byte(text[:1]), append([]byte(strings.Repeat(" ", 40<<20)), text[1:]...)...), "more than"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".json")
		require.NoError(t, os.WriteFile(path, c.data, 0o644))
		s, err := Load(path)
		assert.Nil(t, s, c.name)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), path, c.name)
			assert.Contains(t, err.Error(), c.want, c.name)
		}
	}
}

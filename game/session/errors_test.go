package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every save, load and export error is an *Error whose kind says what happened (the game translates
// it), with the same English text as before.
func TestErrorKinds(t *testing.T) {
	dir := t.TempDir()
	text, edit := saveEditor(t, dir)
	for _, c := range []struct {
		name string
		data []byte
		kind error
		line int64 // damaged JSON: the line (0: none)
	}{
		{"not JSON", []byte("PNG\x00\x01"), ErrNotSave, 0},
		{"other JSON", []byte(`{"headline": {}}`), ErrNotSave, 0},
		{"future version", edit(`"version": 1`, `"version": 3`), ErrNewerVersion, 0},
		{"corrupt", edit(`"actions": [`, `"actions": [,`), ErrDamaged, int64(1 + strings.Count(text[:strings.Index(text, `"actions": [`)], "\n"))},
		{"version zero", edit(`"version": 1`, `"version": 0`), ErrDamaged, 0},
		{"month beyond the game", edit(`"month": "2013-07"`, `"month": "2040-01"`), ErrDamaged, 0},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".json")
		require.NoError(t, os.WriteFile(path, c.data, 0o644))
		_, err := Load(path)
		require.Error(t, err, c.name)
		assert.ErrorIs(t, err, c.kind, c.name)
		var e *Error
		require.ErrorAs(t, err, &e, c.name)
		assert.Equal(t, OpLoad, e.Op, c.name)
		assert.Equal(t, path, e.Path, c.name)
		assert.Equal(t, c.line, e.Line, c.name)
		if c.line > 0 {
			assert.Positive(t, e.Offset, c.name)
			assert.Contains(t, err.Error(), "damaged at line", c.name)
		}
		for _, other := range []error{ErrNotSave, ErrNewerVersion, ErrDamaged, ErrIO} {
			if other != c.kind {
				assert.NotErrorIs(t, err, other, c.name)
			}
		}
	}

	missing := filepath.Join(dir, "missing.json")
	_, err := Load(missing)
	assert.ErrorIs(t, err, ErrIO)
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.Equal(t, "session: load: open "+missing+": no such file or directory", err.Error())

	s := newGame(t, players.setup(1))
	err = s.Save(filepath.Join(dir, "no", "such", "dir", "s.json"))
	assert.ErrorIs(t, err, ErrIO)
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, OpSave, e.Op)
	assert.True(t, strings.HasPrefix(err.Error(), "session: save "+e.Path+": "), err.Error())

	s = newGame(t, Setup{Preset: "baseline", Seed: 1, Difficulty: Normal}) // autoplay: never waits
	err = s.Export(t.TempDir())
	assert.ErrorIs(t, err, ErrNothingToExport)
	assert.EqualError(t, err, "session: export: no month has been played yet")
	autoplayTo(t, s, month(2013, 3))
	file := filepath.Join(dir, "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	err = s.Export(filepath.Join(file, "export")) // a directory under a file cannot be made
	assert.ErrorIs(t, err, ErrIO)
	require.True(t, errors.As(err, &e))
	assert.Equal(t, OpExport, e.Op)
	assert.True(t, strings.HasPrefix(err.Error(), "session: export: mkdir "), err.Error())
}

package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	require.NoError(t, WriteFile(p, []byte("new content")))
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "new content", string(got))
	st, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

func TestAbortLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	f, err := Create(p)
	require.NoError(t, err)
	_, err = f.WriteString("half")
	require.NoError(t, err)
	f.Abort()
	f.Abort()
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

func TestCreateInMissingDirFails(t *testing.T) {
	assert.Error(t, WriteFile(filepath.Join(t.TempDir(), "no", "such", "x"), nil))
}

func TestWriteFailureLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	err := Write(p, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return errors.New("stop")
	})
	require.EqualError(t, err, "stop")
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

// A writer killed before Commit leaves a temporary file; the next write of the same path removes it
// (and only the temporary files of that path).
func TestCreateRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "timeseries.parquet")
	stale := filepath.Join(dir, ".timeseries.parquet.tmp123456")
	other := filepath.Join(dir, ".runs.parquet.tmp42")
	require.NoError(t, os.WriteFile(stale, nil, 0o600))
	require.NoError(t, os.WriteFile(other, nil, 0o600))
	require.NoError(t, WriteFile(path, []byte("ok")))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{".runs.parquet.tmp42", "timeseries.parquet"}, names)
}

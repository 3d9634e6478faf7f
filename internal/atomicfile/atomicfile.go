// Package atomicfile writes files so that a reader never sees half of one: the data goes to a temporary
// file in the same directory, is synced, and is renamed over the final name only when complete.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
)

// File is an output being written; Commit renames it into place, Abort removes it. Abort after Commit
// does nothing, so `defer f.Abort()` is always safe.
type File struct {
	*os.File
	final string
	done  bool
}

// Create starts writing path. Temporary files of path left by a process that was killed before it could
// commit or abort (kill -9, power loss) are removed first, so that a rerun leaves no debris.
func Create(path string) (*File, error) {
	RemoveStale(path)
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*")
	if err != nil {
		return nil, err
	}
	return &File{File: f, final: path}, nil
}

func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp" }

// RemoveStale removes the temporary files an interrupted writer of path left behind. Two writers of one
// path at once are a bug in any case: the loser's Commit then fails with an error, nothing is half-written.
func RemoveStale(path string) {
	dir, prefix := filepath.Dir(path), tempPrefix(path)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Commit makes the file an ordinary 0644 file, syncs it and renames it to its final name.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	err := f.File.Chmod(0o644) // CreateTemp makes 0600; outputs are ordinary files
	if err == nil {
		err = f.File.Sync()
	}
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.File.Name(), f.final)
	}
	f.done = true
	if err != nil {
		os.Remove(f.File.Name())
	}
	return err
}

// Abort discards the file unless it was committed.
func (f *File) Abort() {
	if !f.done {
		f.done = true
		f.File.Close()
		os.Remove(f.File.Name())
	}
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes path atomically with write: the file takes its final name only if write and the commit
// succeed; otherwise whatever was at path is left as it was.
func Write(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}

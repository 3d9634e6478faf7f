//go:build !js

package session

import (
	"io"
	"os"
	"path/filepath"

	"dongshu/game/i18n"
	"dongshu/internal/atomicfile"
	"dongshu/internal/runout"
)

// Export writes the seminar export into dir (created if needed): timeseries.csv and events.csv in the
// batch runner's formats (package runout, shared with it) for the months played so far, whatifs.csv (the
// what-ifs set, a header only when none), and the game's charts of them (utilisation.png, capacity.png,
// overbuild_by_province.png: export_charts.go), in English. Each file is written atomically.
func (s *Session) Export(dir string) error { return s.ExportLang(dir, "en") }

// ExportLang is Export with the charts in language lang (i18n.Languages): the game exports in its own.
func (s *Session) ExportLang(dir, lang string) error {
	h := &s.hist
	if len(h.Months) == 0 {
		return newError(OpExport, ErrNothingToExport, dir, nil, "session: export: no month has been played yet")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exportError(ErrIO, dir, err, "")
	}
	tsPath := filepath.Join(dir, "timeseries.csv")
	err := atomicfile.Write(tsPath, func(f io.Writer) error {
		ts, err := runout.NewTimeseries(f, h.Columns)
		if err != nil {
			return err
		}
		for k, m := range h.Months {
			if err := ts.Month(m, h.Scopes, h.Scope[k]); err != nil {
				return err
			}
		}
		return ts.Flush()
	})
	if err != nil {
		return exportError(ErrIO, tsPath, err, "timeseries.csv: ")
	}
	evPath := filepath.Join(dir, "events.csv")
	err = atomicfile.Write(evPath, func(f io.Writer) error {
		return runout.WriteEvents(f, s.m.W.Log)
	})
	if err != nil {
		return exportError(ErrIO, evPath, err, "events.csv: ")
	}
	wiPath := filepath.Join(dir, "whatifs.csv")
	if err := atomicfile.Write(wiPath, s.writeWhatIfs); err != nil {
		return exportError(ErrIO, wiPath, err, "whatifs.csv: ")
	}
	c, err := i18n.Load(lang)
	if err != nil {
		return exportError(nil, dir, err, "")
	}
	charts, err := s.exportCharts(c)
	if err != nil {
		return exportError(nil, dir, err, "")
	}
	for _, name := range []string{"utilisation.png", "capacity.png", "overbuild_by_province.png"} {
		if err := atomicfile.WriteFile(filepath.Join(dir, name), charts[name]); err != nil {
			return exportError(ErrIO, filepath.Join(dir, name), err, "")
		}
	}
	return nil
}

// exportError is an export *Error of kind (nil: none fits) about path, its text
// "session: export: " + prefix + cause.
func exportError(kind error, path string, cause error, prefix string) error {
	return newError(OpExport, kind, path, cause, "session: export: "+prefix+cause.Error())
}

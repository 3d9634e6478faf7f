package session

import "errors"

// The kinds of a save, load or export error, for errors.Is: the game explains each in the player's
// language and keeps the English Error() text as the technical detail. Every such error is an *Error.
var (
	// ErrNotSave: the file is not a dongshu save (another file, another JSON, empty).
	ErrNotSave = errors.New("not a dongshu save file")
	// ErrNewerVersion: the save was written by a newer dongshu (a format version this one cannot read).
	ErrNewerVersion = errors.New("save from a newer dongshu")
	// ErrDamaged: the save is damaged: bad JSON (Error.Line and Error.Offset say where, when known), no
	// valid format version, or a log the game could not have made (it cannot be replayed).
	ErrDamaged = errors.New("damaged save file")
	// ErrIO: a file could not be read or written (Error.Path; the cause, an *fs.PathError or the like,
	// is wrapped: errors.Is(err, fs.ErrNotExist) works).
	ErrIO = errors.New("file input/output")
	// ErrNothingToExport: no month has been played yet.
	ErrNothingToExport = errors.New("nothing to export")
)

// Op is what was being done when an Error happened.
type Op string

const (
	OpSave   Op = "save"
	OpLoad   Op = "load"
	OpExport Op = "export"
)

// Error is a save, load or export error. Its Error() text is the English technical message; Kind (one
// of the Err* kinds above, nil when none fits) and the fields say what happened, for a translated
// explanation.
type Error struct {
	Op   Op
	Kind error  // ErrNotSave, ErrNewerVersion, ErrDamaged, ErrIO, ErrNothingToExport, or nil
	Path string // the file or directory concerned
	// Line and Offset are where a damaged save's JSON goes wrong (1-based line, byte offset); 0 when
	// not known.
	Line, Offset int64
	Err          error // the cause, if any
	msg          string
}

func (e *Error) Error() string { return e.msg }

// Unwrap gives the kind and the cause, so that errors.Is matches either.
func (e *Error) Unwrap() []error {
	var out []error
	for _, x := range [2]error{e.Kind, e.Err} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// newError makes an Error whose Error() text is msg.
func newError(op Op, kind error, path string, cause error, msg string) *Error {
	return &Error{Op: op, Kind: kind, Path: path, Err: cause, msg: msg}
}

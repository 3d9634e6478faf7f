package configs

import (
	"maps"
	"runtime"
	"sync"
	"weak"
)

// origin remembers where a scenario's values were written, so that Validate, run again after Set
// overrides, still names file and line. Scenario is a plain data struct (schema.go), so the origin is
// kept beside it, in a registry keyed by a weak pointer: an entry disappears with its scenario.
type origin struct {
	file    string          // file name given to Parse
	lines   lineIndex       // shared, read-only
	present map[string]bool // index paths written in the file; shared, read-only
	set     map[string]bool // index paths overridden by Set; owned by one scenario
}

var origins sync.Map // weak.Pointer[Scenario] -> *origin

// attach records the origin of s.
func attach(s *Scenario, o *origin) {
	w := weak.Make(s)
	if _, loaded := origins.Swap(w, o); !loaded {
		runtime.AddCleanup(s, func(w weak.Pointer[Scenario]) { origins.Delete(w) }, w)
	}
}

// originOf returns the origin of s, or nil when s was not parsed from a file nor Set.
func originOf(s *Scenario) *origin {
	if v, ok := origins.Load(weak.Make(s)); ok {
		return v.(*origin)
	}
	return nil
}

// copy returns an origin for a clone: same source, its own set of overrides.
func (o *origin) copy() *origin {
	c := *o
	c.set = maps.Clone(o.set)
	return &c
}

// locate returns the file and line of the key at an index path.
func (o *origin) locate(path string) (file string, line int) {
	if o == nil {
		return "", 0
	}
	for p := path; p != ""; p = parentPath(p) {
		if o.set[p] {
			return "--set", 0
		}
	}
	return o.file, o.lines.lineOf(path, o.present)
}

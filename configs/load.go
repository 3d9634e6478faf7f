package configs

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
)

// Loading is strict and has two phases.
//
// Decode: the TOML text is parsed by BurntSushi/toml into a generic tree (syntax errors come back with
// line and column), then mapped onto the Scenario by walking the schema tree (tags.go). Keys match the
// `toml` tags exactly: keys are case-sensitive, and a key that matches only when case is ignored is an
// unknown key with a did-you-mean. Unknown keys and values of the wrong type are problems naming the
// key. The walk is ours rather than toml.Decode into the struct because that stops at the first type
// error, matches keys case-insensitively, and merges arrays of tables by position.
//
// Defaults: a scenario file may leave keys out; they keep the baseline preset's value (name defaults to
// the file name without extension, description to ""). An array of tables present in the file
// ([[province]], [[hub]], [[network.ixp]]...) replaces the baseline's list. Its elements whose id
// matches a baseline element start from that element's values; other elements (and all elements of
// arrays without ids) must write every key except booleans and lists, which default to false and
// empty. The baseline itself is parsed with no defaults, so it must write every key.
//
// Validate: ranges, enums, months and cross-references (validate.go).
//
// All problems of both phases come back at once, as Problems, in line order.

//go:embed presets/*.toml
var presetFS embed.FS

type presetEntry struct {
	once sync.Once
	s    *Scenario
	err  error
}

var presetCache sync.Map // name -> *presetEntry

// Presets lists the embedded presets by name (file name without .toml), sorted.
func Presets() []string {
	entries, _ := presetFS.ReadDir("presets")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// LoadPreset returns a fresh copy of an embedded preset ("baseline" or "baseline.toml"), parsed and
// validated. Presets other than the baseline take the baseline's values as defaults.
func LoadPreset(name string) (*Scenario, error) {
	name = strings.TrimSuffix(name, ".toml")
	s, err := preset(name)
	if err != nil {
		return nil, err
	}
	return s.Clone(), nil
}

// preset parses an embedded preset once and caches it; callers must not modify the result.
func preset(name string) (*Scenario, error) {
	v, _ := presetCache.LoadOrStore(name, &presetEntry{})
	e := v.(*presetEntry)
	e.once.Do(func() {
		file := "presets/" + name + ".toml"
		data, err := presetFS.ReadFile(file)
		if err != nil || strings.ContainsAny(name, "/\\") {
			e.err = fmt.Errorf("configs: unknown preset %q (presets: %s)", name, strings.Join(Presets(), ", "))
			return
		}
		var defaults *Scenario
		if name != "baseline" {
			if defaults, err = preset("baseline"); err != nil {
				e.err = err
				return
			}
		}
		e.s, e.err = parse(file, data, defaults)
	})
	return e.s, e.err
}

// Load reads, decodes and validates a scenario file (at most MaxScenarioBytes).
func Load(filename string) (*Scenario, error) {
	f, err := os.Open(filename)
	if err != nil {
		return nil, fmt.Errorf("configs: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxScenarioBytes+1))
	if err != nil {
		return nil, fmt.Errorf("configs: %w", err)
	}
	if len(data) > MaxScenarioBytes {
		return nil, Problems{{File: filename, Msg: fmt.Sprintf("the file is more than %d bytes, the most a scenario may have", MaxScenarioBytes)}}
	}
	return Parse(filename, data)
}

// Parse decodes and validates a scenario; name is the file name used in messages. Keys the text leaves
// out keep the baseline's values. The error, if any, is Problems.
func Parse(name string, data []byte) (*Scenario, error) {
	defaults, err := preset("baseline")
	if err != nil {
		return nil, fmt.Errorf("configs: embedded baseline is broken: %w", err)
	}
	return parse(name, data, defaults)
}

// parse decodes data over a copy of defaults (nil: no defaults, every key required) and validates.
func parse(file string, data []byte, defaults *Scenario) (*Scenario, error) {
	src := string(data)
	if ps := precheck(file, src); ps != nil {
		return nil, ps
	}
	var tree map[string]any
	if _, err := toml.Decode(src, &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := syntaxPosition(src, pe.Position)
			msg := fmt.Sprintf("syntax error at column %d: %s", col, pe.Message)
			if pe.LastKey != "" {
				msg += fmt.Sprintf(" (last key %q)", pe.LastKey)
			}
			return nil, Problems{{File: file, Line: line, Msg: msg}}
		}
		return nil, Problems{{File: file, Msg: err.Error()}}
	}
	s := new(Scenario)
	if defaults != nil {
		deepCopy(reflect.ValueOf(s).Elem(), reflect.ValueOf(defaults).Elem())
		if _, ok := tree["name"]; !ok {
			base := path.Base(strings.ReplaceAll(file, "\\", "/"))
			s.Name = strings.TrimSuffix(base, path.Ext(base))
		}
		if _, ok := tree["description"]; !ok {
			s.Description = ""
		}
	}
	o := &origin{file: file, lines: indexLines(src), present: map[string]bool{}}
	d := &decoder{o: o}
	d.table(tree, reflect.ValueOf(s).Elem(), root(), "", defaults == nil)
	attach(s, o)

	// Validation problems on keys that already failed to decode would only repeat them.
	var raws []rawProblem
	for _, r := range s.check() {
		if !d.failed(r.path) {
			raws = append(raws, r)
		}
	}
	ps := toProblems(s, o, append(d.probs, raws...))
	if len(ps) > 0 {
		return nil, ps
	}
	return s, nil
}

// syntaxPosition returns the line and column of a syntax error from its byte offset. The parser's own
// line is one too far when the offending byte is a newline (the lexer has already counted it).
func syntaxPosition(src string, pos toml.Position) (line, col int) {
	start := pos.Start
	switch { // the parser skips a byte-order mark before counting
	case strings.HasPrefix(src, "\xef\xbb\xbf"):
		start += 3
	case strings.HasPrefix(src, "\xff\xfe"), strings.HasPrefix(src, "\xfe\xff"):
		start += 2
	}
	if pos.Start < 0 || start > len(src) {
		return pos.Line, pos.Col
	}
	line = strings.Count(src[:start], "\n") + 1
	col = start - strings.LastIndexByte(src[:start], '\n')
	return line, col
}

// rawProblem is a problem keyed by index path; line overrides the index when > 0.
type rawProblem struct {
	path string
	msg  string
	line int
}

// toProblems names the keys for users and locates them, in line order.
func toProblems(s *Scenario, o *origin, raws []rawProblem) Problems {
	if len(raws) == 0 {
		return nil
	}
	// A problem at a key of the file that --set overrides of other keys brought about names them: the
	// file's line alone would send the user to a value they did not change.
	with := ""
	if o != nil && len(o.set) > 0 {
		var keys []string
		for p := range o.set {
			keys = append(keys, displayKey(s, p))
		}
		sort.Strings(keys)
		with = " (with --set " + strings.Join(keys, ", ") + ")"
	}
	ps := make(Problems, len(raws))
	for i, r := range raws {
		file, line := o.locate(r.path)
		if r.line > 0 && file != "--set" {
			line = r.line
		}
		msg := r.msg
		if file != "--set" {
			msg += with
		}
		ps[i] = Problem{File: file, Line: line, Key: displayKey(s, r.path), Msg: msg}
	}
	ps.sortByLine()
	if len(ps) > MaxProblems {
		more := len(ps) - MaxProblems
		ps = append(ps[:MaxProblems:MaxProblems], Problem{File: ps[0].File, Msg: fmt.Sprintf("... and %d more problems", more)})
	}
	return ps
}

// decoder maps the generic TOML tree onto the scenario.
type decoder struct {
	o     *origin
	probs []rawProblem
}

func (d *decoder) add(path, msg string, line int) {
	d.probs = append(d.probs, rawProblem{path: path, msg: msg, line: line})
}

// failed reports whether a decode problem was found at path or at one of its ancestors.
func (d *decoder) failed(p string) bool {
	for _, r := range d.probs {
		if r.path == p || strings.HasPrefix(p, r.path+".") || strings.HasPrefix(p, r.path+"[") {
			return true
		}
	}
	return false
}

// table decodes a TOML table into the struct v described by n. When required, keys the table lacks
// are problems (except booleans, lists and arrays of tables).
func (d *decoder) table(m map[string]any, v reflect.Value, n *node, p string, required bool) {
	type entry struct {
		key, path string
		line      int
	}
	entries := make([]entry, 0, len(m))
	for k := range m {
		kp := joinKey(p, k)
		entries = append(entries, entry{k, kp, d.o.lines[kp]})
	}
	sort.Slice(entries, func(i, j int) bool { // file order, so that problems come in file order
		if entries[i].line != entries[j].line {
			return entries[i].line < entries[j].line
		}
		return entries[i].key < entries[j].key
	})
	for _, e := range entries {
		k, kp := e.key, e.path
		d.o.present[kp] = true
		f := n.byName[k]
		if f == nil {
			d.add(kp, fmt.Sprintf("unknown key %q%s", clip(k), didYouMean(k, n.keys())), 0)
			continue
		}
		d.value(m[k], v.Field(f.index), f, kp, required)
	}
	if !required {
		return
	}
	for _, f := range n.fields {
		if _, ok := m[f.key]; ok {
			continue
		}
		fp := joinKey(p, f.key)
		switch {
		case f.kind == kTable:
			d.table(nil, v.Field(f.index), f.sub, fp, true)
		case f.kind == kArray || f.kind == kBool || f.isList() || f.opt:
		default:
			d.add(fp, fmt.Sprintf("missing key %q", f.key), d.o.lines.lineOf(p, d.o.present))
		}
	}
}

// maxExactInt is the largest integer a float64 holds exactly.
const maxExactInt = 1 << 53

// value decodes one TOML value into the field f at v.
func (d *decoder) value(x any, v reflect.Value, f *field, p string, required bool) {
	bad := func() { d.add(p, fmt.Sprintf("wrong type: want %s, got %s", want(f), describe(x)), 0) }
	switch f.kind {
	case kString:
		s, ok := x.(string)
		if !ok {
			bad()
			return
		}
		v.SetString(s)
	case kBool:
		b, ok := x.(bool)
		if !ok {
			bad()
			return
		}
		v.SetBool(b)
	case kFloat:
		num, ok := number(x)
		if !ok {
			bad()
			return
		}
		v.SetFloat(num)
	case kInt:
		i, ok := x.(int64)
		if !ok || int64(int(i)) != i {
			bad()
			return
		}
		v.SetInt(i)
	case kUint:
		i, ok := x.(int64)
		if !ok || i < 0 {
			bad()
			return
		}
		v.SetUint(uint64(i))
	case kStrings, kFloats:
		d.list(x, v, f, p, bad)
	case kTable:
		m, ok := x.(map[string]any)
		if !ok {
			bad()
			return
		}
		d.table(m, v, f.sub, p, required)
	case kArray:
		d.tableArray(x, v, f, p, bad)
	}
}

// list decodes a TOML array of strings or numbers into the slice field f at v; bad reports x is no array.
func (d *decoder) list(x any, v reflect.Value, f *field, p string, bad func()) {
	arr, ok := x.([]any)
	if !ok {
		bad()
		return
	}
	out := reflect.MakeSlice(v.Type(), len(arr), len(arr))
	for i, e := range arr {
		if f.kind == kStrings {
			s, ok := e.(string)
			if !ok {
				d.add(p, fmt.Sprintf("wrong type: want %s, got %s at position %d", want(f), describe(e), i+1), 0)
				return
			}
			out.Index(i).SetString(s)
		} else {
			num, ok := number(e)
			if !ok {
				d.add(p, fmt.Sprintf("wrong type: want %s, got %s at position %d", want(f), describe(e), i+1), 0)
				return
			}
			out.Index(i).SetFloat(num)
		}
	}
	v.Set(out)
}

// tableArray decodes a TOML array of tables into the slice field f at v; bad reports x is none. An
// element whose id names an element already in v (the defaults a scenario file builds on) starts from
// a copy of it, and its keys are then optional; other elements are checked for missing keys.
func (d *decoder) tableArray(x any, v reflect.Value, f *field, p string, bad func()) {
	elems, ok := tables(x)
	if !ok {
		bad()
		return
	}
	old := v
	out := reflect.MakeSlice(v.Type(), len(elems), len(elems))
	for i, m := range elems {
		ep := joinIndex(p, i)
		d.o.present[ep] = true
		req := true
		if f.sub.id != nil {
			if id, ok := m[f.sub.id.key].(string); ok {
				for j := range old.Len() {
					if old.Index(j).Field(f.sub.id.index).String() == id {
						deepCopy(out.Index(i), old.Index(j))
						req = false
						break
					}
				}
			}
		}
		d.table(m, out.Index(i), f.sub, ep, req)
	}
	v.Set(out)
}

// number converts a TOML integer or float to float64.
func number(x any) (float64, bool) {
	switch n := x.(type) {
	case float64:
		return n, true
	case int64:
		if n > maxExactInt || n < -maxExactInt {
			return 0, false
		}
		return float64(n), true
	}
	return 0, false
}

// tables returns the elements of an array of tables.
func tables(x any) ([]map[string]any, bool) {
	switch t := x.(type) {
	case []map[string]any:
		return t, true
	case []any:
		out := make([]map[string]any, len(t))
		for i, e := range t {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

// want names the TOML type a field takes.
func want(f *field) string {
	switch f.kind {
	case kString:
		return "a string"
	case kBool:
		return "a boolean (true or false)"
	case kFloat:
		return "a number"
	case kInt:
		return "an integer"
	case kUint:
		return "a non-negative integer"
	case kStrings:
		return "an array of strings"
	case kFloats:
		return "an array of numbers"
	case kTable:
		return "a table ([" + f.key + "])"
	default:
		return "an array of tables ([[" + f.key + "]])"
	}
}

// describe names a TOML value's type and shows short values.
func describe(x any) string {
	switch t := x.(type) {
	case string:
		if len(t) > 40 {
			t = t[:40] + "..."
		}
		return "string " + strconv.Quote(t)
	case int64:
		return "integer " + strconv.FormatInt(t, 10)
	case float64:
		return "float " + strconv.FormatFloat(t, 'g', -1, 64)
	case bool:
		return "boolean " + strconv.FormatBool(t)
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("%T", x)
}

// deepCopy copies src into dst, allocating new slices (the schema has no maps or pointers).
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		for i := range src.NumField() {
			deepCopy(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		out := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			deepCopy(out.Index(i), src.Index(i))
		}
		dst.Set(out)
	default:
		dst.Set(src)
	}
}

// isFinite reports whether x is neither NaN nor infinite.
func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

package configs

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// This file reads the struct tags of schema.go once, by reflection, into a tree of nodes. Decoding,
// validation, Set, Params, Clone and Hash all walk this tree, so the tags are interpreted in one place.

// vocabs are the enumerations declared as typed tables elsewhere in the package: a field tagged
// vocab:"<name>" takes its allowed values from the table, so that they are written once.
var vocabs = map[string]func() []string{
	"event_kind":        eventKindNames,
	"random_event_kind": randomKindNames,
	"regime":            regimeNames,
	"hub_side":          sideNames,
}

// kind is how a field is written in TOML.
type kind int

const (
	kString kind = iota
	kBool
	kFloat
	kInt
	kUint
	kStrings // []string
	kFloats  // []float64
	kTable   // a struct: [table]
	kArray   // a slice of structs: [[array]]
)

// node describes one struct type of the schema.
type node struct {
	typ    reflect.Type
	fields []*field
	byName map[string]*field
	id     *field // the "id" field, when elements are named by id
}

// field describes one tagged field.
type field struct {
	key   string // exact toml key
	index int    // struct field index
	kind  kind
	unit  string
	rng   string // the range tag as written, "" when none
	lo    float64
	hi    float64
	enum  []string
	month bool  // unit "YYYY-MM": a month string
	opt   bool  // tag optional:"true": may be left out of a new table-array element (zero value)
	sub   *node // element or table type for kTable and kArray
}

// isList reports whether the field is a list of values (optional in a new table-array element).
func (f *field) isList() bool { return f.kind == kStrings || f.kind == kFloats }

// isLeaf reports whether the field holds a value (not a table or an array of tables).
func (f *field) isLeaf() bool { return f.kind != kTable && f.kind != kArray }

var (
	rootOnce sync.Once
	rootNode *node
)

// root returns the schema tree of Scenario.
func root() *node {
	rootOnce.Do(func() { rootNode = buildNode(reflect.TypeFor[Scenario]()) })
	return rootNode
}

func buildNode(t reflect.Type) *node {
	n := &node{typ: t, byName: map[string]*field{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if key == "" || key == "-" || !sf.IsExported() {
			panic(fmt.Sprintf("configs: field %s.%s has no toml key", t.Name(), sf.Name))
		}
		f := &field{key: key, index: i, unit: sf.Tag.Get("unit"), lo: math.Inf(-1), hi: math.Inf(1)}
		switch ft := sf.Type; {
		case ft.Kind() == reflect.String:
			f.kind = kString
		case ft.Kind() == reflect.Bool:
			f.kind = kBool
		case ft.Kind() == reflect.Float64:
			f.kind = kFloat
		case ft.Kind() == reflect.Int:
			f.kind = kInt
		case ft.Kind() == reflect.Uint64:
			f.kind = kUint
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			f.kind = kStrings
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Float64:
			f.kind = kFloats
		case ft.Kind() == reflect.Struct:
			f.kind = kTable
			f.sub = buildNode(ft)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			f.kind = kArray
			f.sub = buildNode(ft.Elem())
		default:
			panic(fmt.Sprintf("configs: field %s.%s has unsupported type %s", t.Name(), sf.Name, ft))
		}
		if r := sf.Tag.Get("range"); r != "" {
			lo, hi, err := parseRange(r)
			if err != nil {
				panic(fmt.Sprintf("configs: field %s.%s: %v", t.Name(), sf.Name, err))
			}
			f.rng, f.lo, f.hi = r, lo, hi
		}
		if e := sf.Tag.Get("enum"); e != "" {
			f.enum = strings.Split(e, ",")
		}
		if v := sf.Tag.Get("vocab"); v != "" {
			names, ok := vocabs[v]
			if !ok {
				panic(fmt.Sprintf("configs: field %s.%s: unknown vocabulary %q", t.Name(), sf.Name, v))
			}
			f.enum = names()
		}
		f.month = f.unit == "YYYY-MM"
		f.opt = sf.Tag.Get("optional") == "true"
		n.fields = append(n.fields, f)
		n.byName[key] = f
		if key == "id" && f.kind == kString {
			n.id = f
		}
	}
	return n
}

// parseRange parses "[min,max]"; an empty bound is unbounded.
func parseRange(r string) (lo, hi float64, err error) {
	if len(r) < 3 || r[0] != '[' || r[len(r)-1] != ']' {
		return 0, 0, fmt.Errorf("bad range tag %q", r)
	}
	a, b, ok := strings.Cut(r[1:len(r)-1], ",")
	if !ok {
		return 0, 0, fmt.Errorf("bad range tag %q", r)
	}
	lo, hi = math.Inf(-1), math.Inf(1)
	if a = strings.TrimSpace(a); a != "" {
		if lo, err = strconv.ParseFloat(a, 64); err != nil {
			return 0, 0, fmt.Errorf("bad range tag %q", r)
		}
	}
	if b = strings.TrimSpace(b); b != "" {
		if hi, err = strconv.ParseFloat(b, 64); err != nil {
			return 0, 0, fmt.Errorf("bad range tag %q", r)
		}
	}
	return lo, hi, nil
}

// isBareKey reports whether s can be written unquoted as a TOML key (and so as one segment of a
// dotted --set key).
func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// quoteKey writes one key segment as TOML would.
func quoteKey(s string) string {
	if isBareKey(s) {
		return s
	}
	return strconv.Quote(s)
}

// suggest returns the candidate that differs from s only in case or by one edit (insertion, deletion,
// substitution or transposition of neighbours), or "" when there is none or more than one.
func suggest(s string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, s) && c != s {
			return c
		}
	}
	best := ""
	for _, c := range candidates {
		if c != s && editDistance1(strings.ToLower(s), strings.ToLower(c)) {
			if best != "" {
				return ""
			}
			best = c
		}
	}
	return best
}

// editDistance1 reports whether a and b differ by exactly one edit (optimal string alignment).
func editDistance1(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	case la == lb+1:
		a, b = b, a
		fallthrough
	case lb == la+1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

// didYouMean formats the suggestion suffix of an unknown-key message.
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// keys lists the TOML keys of a node.
func (n *node) keys() []string {
	ks := make([]string, len(n.fields))
	for i, f := range n.fields {
		ks[i] = f.key
	}
	return ks
}

package configs

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Keys have two spellings.
//
// An index path names table-array elements by their position: "province[3].compliance",
// "demand.class[0].growth", "network.ixp[2].month". Decoding, the line index and validation use it,
// because it is defined even when an id is missing or repeated.
//
// A display key names elements by their id where the id is a bare key and unique in its array:
// "province.guangxi.compliance", "demand.class.cold.growth", and falls back to the index otherwise
// ("network.ixp[2].month", "province[3].id" for a repeated id). Problems and Set use display keys.

// seg is one segment of a dotted key: a key and, when idx >= 0, an element index.
type seg struct {
	key string
	idx int
}

// joinKey appends a key to a path.
func joinKey(path, key string) string {
	if path == "" {
		return quoteKey(key)
	}
	return path + "." + quoteKey(key)
}

// joinIndex appends an element index to a path.
func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// parentPath strips the last key or index of a path; it returns "" at the top.
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	inQuote := false
	last := -1
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case c == '\\' && inQuote:
			i++
		case c == '"':
			inQuote = !inQuote
		case c == '.' && !inQuote:
			last = i
		}
	}
	if last < 0 {
		return ""
	}
	return path[:last]
}

// splitPath splits a dotted key into segments. Segments may be quoted ("a.b") and may end in an
// element index ([3]).
func splitPath(s string) ([]seg, error) {
	var segs []seg
	i := 0
	for {
		var key string
		if i < len(s) && s[i] == '"' {
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated quote in key %q", s)
			}
			k, err := strconv.Unquote(s[i : j+1])
			if err != nil {
				return nil, fmt.Errorf("bad quoted segment in key %q", s)
			}
			key, i = k, j+1
		} else {
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			key, i = strings.TrimSpace(s[i:j]), j
			if key == "" {
				return nil, fmt.Errorf("empty segment in key %q", s)
			}
		}
		sg := seg{key: key, idx: -1}
		if i < len(s) && s[i] == '[' {
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unterminated index in key %q", s)
			}
			n, err := strconv.Atoi(s[i+1 : i+j])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad index %q in key %q", s[i:i+j+1], s)
			}
			sg.idx, i = n, i+j+1
		}
		segs = append(segs, sg)
		if i == len(s) {
			return segs, nil
		}
		if s[i] != '.' {
			return nil, fmt.Errorf("bad key %q", s)
		}
		i++
	}
}

// elementName returns the display segment of element i of the slice value v (whose elements are of
// node n): its id when that is a bare key unique in the slice, else "[i]".
func elementName(v reflect.Value, n *node, i int) (name string, byID bool) {
	if n.id != nil {
		id := v.Index(i).Field(n.id.index).String()
		if isBareKey(id) {
			unique := true
			for j := range v.Len() {
				if j != i && v.Index(j).Field(n.id.index).String() == id {
					unique = false
					break
				}
			}
			if unique {
				return id, true
			}
		}
	}
	return "[" + strconv.Itoa(i) + "]", false
}

// displayKey turns an index path into the key a user writes, naming elements by id (see above). Segments
// beyond the schema (unknown keys) are kept as written.
func displayKey(s *Scenario, path string) string {
	segs, err := splitPath(path)
	if err != nil || s == nil {
		return path
	}
	var b strings.Builder
	n := root()
	v := reflect.ValueOf(s).Elem()
	for k, sg := range segs {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(quoteKey(sg.key))
		var f *field
		if n != nil {
			f = n.byName[sg.key]
		}
		if f == nil || f.isLeaf() {
			n = nil
			if sg.idx >= 0 {
				b.WriteString("[" + strconv.Itoa(sg.idx) + "]")
			}
			continue
		}
		v = v.Field(f.index)
		n = f.sub
		if f.kind == kArray && sg.idx >= 0 {
			if sg.idx >= v.Len() {
				b.WriteString("[" + strconv.Itoa(sg.idx) + "]")
				n = nil
				continue
			}
			name, byID := elementName(v, n, sg.idx)
			if byID {
				b.WriteByte('.')
			}
			b.WriteString(name)
			v = v.Index(sg.idx)
		} else if f.kind == kArray {
			n = nil // the array as a whole
		}
	}
	return b.String()
}

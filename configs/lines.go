package configs

import (
	"strconv"
	"strings"
)

// TOML reports positions only for syntax errors, so problems found later get their line from this
// index: a light scan of the source that follows [table] and [[array]] headers and `key =` lines and
// records, for each index path ("province[3].compliance"), the line where it is written. Arrays of
// tables are numbered in the order of their headers, as the decoder numbers them. Values spanning
// several lines (multi-line arrays and strings) are skipped. It is an approximation good enough to
// point at a line; the TOML parser remains the judge of syntax.
type lineIndex map[string]int

// lexState follows strings and brackets across lines.
type lexState struct {
	str   byte // 0, '"', '\'', 'B' (""" string) or 'L' (''' string)
	depth int  // open [ and { of a value
}

// busy reports whether the next line continues a value.
func (l *lexState) busy() bool { return l.str == 'B' || l.str == 'L' || l.depth > 0 }

// feed scans one line (or the value part of one) and updates the state.
func (l *lexState) feed(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch l.str {
		case 0:
			switch c {
			case '#':
				return
			case '"':
				if strings.HasPrefix(s[i:], `"""`) {
					l.str, i = 'B', i+2
				} else {
					l.str = '"'
				}
			case '\'':
				if strings.HasPrefix(s[i:], `'''`) {
					l.str, i = 'L', i+2
				} else {
					l.str = '\''
				}
			case '[', '{':
				l.depth++
			case ']', '}':
				if l.depth > 0 {
					l.depth--
				}
			}
		case '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				l.str = 0
			}
		case '\'':
			if c == '\'' {
				l.str = 0
			}
		case 'B':
			if c == '\\' {
				i++
			} else if strings.HasPrefix(s[i:], `"""`) {
				l.str, i = 0, i+2
			}
		case 'L':
			if strings.HasPrefix(s[i:], `'''`) {
				l.str, i = 0, i+2
			}
		}
	}
	if l.str == '"' || l.str == '\'' { // single-line strings end with the line
		l.str = 0
	}
}

// indexLines builds the line index of a TOML source.
func indexLines(src string) lineIndex {
	idx := lineIndex{}
	counts := map[string]int{} // elements seen so far of each array of tables, by index path
	table := ""                // index path of the current table
	var lx lexState
	for n, line := range strings.Split(src, "\n") {
		lineNo := n + 1
		if lx.busy() {
			lx.feed(line)
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' {
			continue
		}
		if t[0] == '[' {
			array := strings.HasPrefix(t, "[[")
			body := t[1:]
			if array {
				body = t[2:]
			}
			segs := splitTOMLKey(body, ']')
			path := ""
			for k, s := range segs {
				path = joinKey(path, s)
				if k == len(segs)-1 && array {
					counts[path]++
					if _, ok := idx[path]; !ok {
						idx[path] = lineNo
					}
					path = joinIndex(path, counts[path]-1)
				} else if c := counts[path]; c > 0 {
					path = joinIndex(path, c-1)
				}
				if _, ok := idx[path]; !ok { // [a.b] defines a too, here unless written before
					idx[path] = lineNo
				}
			}
			if _, ok := idx[path]; !ok {
				idx[path] = lineNo
			}
			table = path
			continue
		}
		eq := keyEnd(t)
		if eq < 0 {
			continue
		}
		path := table
		for _, s := range splitTOMLKey(t[:eq], '=') {
			path = joinKey(path, s)
			if _, ok := idx[path]; !ok {
				idx[path] = lineNo
			}
		}
		lx.feed(t[eq+1:])
	}
	return idx
}

// keyEnd returns the position of the '=' ending the key of a key/value line, or -1.
func keyEnd(t string) int {
	var q byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '=':
			return i
		case c == '#':
			return -1
		}
	}
	return -1
}

// splitTOMLKey splits a (possibly dotted, possibly quoted) TOML key that ends at the first unquoted
// stop byte (or at the end of s).
func splitTOMLKey(s string, stop byte) []string {
	var segs []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) { // unterminated: take the rest
				cur.WriteString(s[i+1:])
				i = len(s)
				continue
			}
			if u, err := strconv.Unquote(s[i : j+1]); err == nil {
				cur.WriteString(u)
			} else {
				cur.WriteString(s[i+1 : j])
			}
			i = j
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				j = len(s) - i - 1
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '.':
			segs = append(segs, cur.String())
			cur.Reset()
		case c == stop:
			return append(segs, cur.String())
		case c == ' ' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	return append(segs, cur.String())
}

// lineOf returns the line where the key at an index path is written: the key's own line when indexed,
// else (when the key is present but not indexed, e.g. in an inline table) the line of its nearest
// indexed ancestor; 0 when the key is absent from the file.
func (idx lineIndex) lineOf(path string, present map[string]bool) int {
	if l, ok := idx[path]; ok {
		return l
	}
	if !present[path] {
		return 0
	}
	for p := parentPath(path); p != ""; p = parentPath(p) {
		if l, ok := idx[p]; ok {
			return l
		}
	}
	return 0
}

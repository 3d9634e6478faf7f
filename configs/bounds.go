package configs

import (
	"fmt"
	"strings"
)

// Bounds on what a scenario may hold, checked before the TOML parser sees the text: BurntSushi/toml
// recurses once per nested inline table or array (5,000 levels took 47 s and 1 GB) and handles a
// dotted key in time quadratic in its parts (upstream issue #496). Every bound is far above what a real
// scenario needs (the baseline is about 60 KB, nests 2 levels and has keys of 4 parts; a 1,000-province
// world is about 2 MB) and each gives a Problem with the line, before anything is run or written.
const (
	MaxScenarioBytes = 8 << 20 // a scenario file, or the scenario a save file embeds
	MaxNesting       = 32      // open [ and { at once
	MaxKeyParts      = 32      // parts of a dotted key (a.b.c is 3)
	MaxKeyBytes      = 1024    // one bare key
	MaxAssignments   = 200_000 // key = value pairs
	MaxStringBytes   = 1024    // a string value (ids, names, months...)
	MaxTextBytes     = 64 << 10
	MaxListLen       = 10_000 // elements of a list or an array of tables; provinces of --scale
	MaxProblems      = 100    // problems listed (then a count of the rest)
)

// precheck scans the text once for the bounds above, following strings and comments as TOML does, and
// returns the first bound exceeded as a Problem, or nil.
func precheck(file string, src string) Problems {
	bad := func(i int, format string, a ...any) Problems {
		return Problems{{File: file, Line: strings.Count(src[:i], "\n") + 1, Msg: fmt.Sprintf(format, a...)}}
	}
	if len(src) > MaxScenarioBytes {
		return Problems{{File: file, Msg: fmt.Sprintf("the file is %d bytes, more than the %d a scenario may have", len(src), MaxScenarioBytes)}}
	}
	depth, parts, bare, assigns := 0, 1, 0, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			parts, bare = 1, 0
		case c == '"' || c == '\'':
			multi := strings.HasPrefix(src[i:], strings.Repeat(string(c), 3))
			end := closeQuote(src, i, c, multi)
			if end < 0 {
				return nil // an unterminated string: the parser says where
			}
			i, bare = end, 0
		case c == '[' || c == '{':
			if depth++; depth > MaxNesting {
				return bad(i, "more than %d nested arrays or inline tables", MaxNesting)
			}
			parts, bare = 1, 0
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
			parts, bare = 1, 0
		case c == '.':
			if parts++; parts > MaxKeyParts {
				return bad(i, "a dotted key of more than %d parts", MaxKeyParts)
			}
			bare = 0
		case c == '=':
			if assigns++; assigns > MaxAssignments {
				return bad(i, "more than %d keys", MaxAssignments)
			}
			parts, bare = 1, 0
		case c == ' ' || c == '\t':
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+' || c == ':':
			if bare++; bare > MaxKeyBytes {
				return bad(i, "a key or value of more than %d characters without quotes", MaxKeyBytes)
			}
		default: // newline, comma and anything else end a key
			parts, bare = 1, 0
		}
	}
	return nil
}

// closeQuote returns the index of the last quote closing the string opened at i, or -1.
func closeQuote(src string, i int, q byte, multi bool) int {
	if multi {
		delim := strings.Repeat(string(q), 3)
		for j := i + 3; j < len(src); j++ {
			if q == '"' && src[j] == '\\' {
				j++
				continue
			}
			if strings.HasPrefix(src[j:], delim) {
				j += 2
				for j+1 < len(src) && src[j+1] == q { // up to two quotes may end the content
					j++
				}
				return j
			}
		}
		return -1
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j
		case '\n':
			return -1
		}
	}
	return -1
}

// clip shortens a text quoted in a message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// ProblemAt returns a problem with the key at path (an index path such as "end"), located like
// Validate's: by file and line, or "--set" when an override set it. Checks that need more than the
// schema (the allocator's arithmetic bound) report through it.
func (s *Scenario) ProblemAt(path, msg string) Problems {
	return toProblems(s, originOf(s), []rawProblem{{path: path, msg: msg}})
}

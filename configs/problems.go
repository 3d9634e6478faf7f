package configs

import (
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a scenario.
type Problem struct {
	// File is the file the value comes from ("--set" for a command-line override), or "" when unknown.
	File string
	// Line is the line where the key is written, or 0 when unknown (the key is absent and its default
	// was used, or the scenario was not parsed from a file).
	Line int
	// Key is the dotted key as a user writes it in --set, e.g. "province.guangxi.compliance".
	Key string
	// Msg says what is wrong.
	Msg string
}

// String formats the problem as "file:line: key: message", leaving out the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Line))
		}
		b.WriteString(": ")
	} else if p.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in a scenario; it is the error returned by Parse, Load, LoadPreset
// and Validate, so that all problems are reported at once.
type Problems []Problem

// Error lists the problems, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sortByLine orders problems by line, keeping the order of problems on the same line and putting
// problems without a line last, in their original order.
func (ps Problems) sortByLine() {
	sort.SliceStable(ps, func(i, j int) bool {
		li, lj := ps[i].Line, ps[j].Line
		if li == 0 || lj == 0 {
			return li != 0 && lj == 0
		}
		return li < lj
	})
}

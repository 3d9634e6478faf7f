package sweep

import "fmt"

// Format is the file format of a sweep's tables (--format; manifest.json's "format").
type Format int

const (
	CSV Format = iota
	Parquet
	numFormats
)

// formats is the table of formats, indexed by format: each one's name.
var formats = [...]string{CSV: "csv", Parquet: "parquet"}

// DesignType is a sweep's kind of experimental design (--design; manifest.json's design "type").
type DesignType int

const (
	Full   DesignType = iota // the product of every factor's values, the first factor varying slowest
	LHS                      // a Latin hypercube of Samples points over the factors' ranges
	Points                   // points given by an experiment (calibrate, sensitivity), not by the sweep command
	numDesignTypes
)

// designTypes is the table of design types, indexed by type: each one's name.
var designTypes = [...]string{Full: "full", LHS: "lhs", Points: "points"}

// name returns row i of table, or a Go-syntax placeholder for a value outside it.
func name(table []string, i int, typ string) string {
	if i < 0 || i >= len(table) {
		return fmt.Sprintf("%s(%d)", typ, i)
	}
	return table[i]
}

// parse returns the index of s in table, or an error naming the flag and the allowed values.
func parse(table []string, s, flag string) (int, error) {
	for i, n := range table {
		if n == s {
			return i, nil
		}
	}
	return 0, usagef("--%s %q: want %s", flag, s, orList(table))
}

func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " or " + names[len(names)-1]
}

// String returns the format's name.
func (f Format) String() string { return name(formats[:], int(f), "Format") }

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	i, err := parse(formats[:], s, "format")
	return Format(i), err
}

// MarshalText writes the format's name (manifest.json).
func (f Format) MarshalText() ([]byte, error) {
	if f < 0 || f >= numFormats {
		return nil, fmt.Errorf("sweep: no format %d", int(f))
	}
	return []byte(f.String()), nil
}

// UnmarshalText reads a format's name (manifest.json).
func (f *Format) UnmarshalText(b []byte) error {
	v, err := ParseFormat(string(b))
	*f = v
	return err
}

// String returns the design type's name.
func (d DesignType) String() string { return name(designTypes[:], int(d), "DesignType") }

// ParseDesignType returns the design type named s.
func ParseDesignType(s string) (DesignType, error) {
	i, err := parse(designTypes[:], s, "design")
	return DesignType(i), err
}

// MarshalText writes the design type's name (manifest.json).
func (d DesignType) MarshalText() ([]byte, error) {
	if d < 0 || d >= numDesignTypes {
		return nil, fmt.Errorf("sweep: no design type %d", int(d))
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads a design type's name (manifest.json).
func (d *DesignType) UnmarshalText(b []byte) error {
	v, err := ParseDesignType(string(b))
	*d = v
	return err
}

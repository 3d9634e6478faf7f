package sweep

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// FieldDiff is a field in which a replayed run differs from the row stored for it.
type FieldDiff struct {
	Column string
	Replay string // the replayed value, as runs.csv would hold it
	Stored string // the stored value, as text
}

// ReplayParquet re-runs run id and compares it with its row of the runs.parquet file name, returning
// the fields that differ. runs.parquet holds the CSV's values, not its text (a varied "0.10" is the
// double 0.1), so the comparison is typed: each field of the run's runs.csv line (RunOne), parsed as its
// column's type, must equal the stored value exactly (doubles bit for bit, NaN equal to NaN). The file is
// read first, so bad input costs no run: a file that cannot be read, or that does not hold run id exactly
// once, is a UsageError; columns other than the spec's (names, order or types) are an error, since the
// run then cannot reproduce.
func (sp *Spec) ReplayParquet(name string, id int) (diffs []FieldDiff, err error) {
	stored, cols, err := readRunRow(name, id)
	if err != nil {
		return nil, err
	}
	if err := sameColumns(name, cols, sp.runsColumns()); err != nil {
		return nil, err
	}
	row, _, err := sp.RunOne(id)
	if err != nil {
		return nil, err
	}
	got, err := csv.NewReader(bytes.NewReader(row)).Read()
	if err != nil || len(got) != len(cols) {
		return nil, fmt.Errorf("run %d: the replayed row has %d fields, the spec %d columns", id, len(got), len(cols))
	}
	for i, c := range cols {
		if s, ok := sameValue(c.typ, got[i], stored[i]); !ok {
			diffs = append(diffs, FieldDiff{Column: c.name, Replay: got[i], Stored: s})
		}
	}
	return diffs, nil
}

// readRunRow reads the columns of the runs.parquet file name and the row of run id, which must occur
// exactly once. Problems are UsageErrors naming the file.
func readRunRow(name string, id int) (row parquet.Row, cols []pcol, err error) {
	// parquet-go decodes damaged pages without checking every bound: a panic there is a damaged file.
	defer func() {
		if p := recover(); p != nil {
			row, cols, err = nil, nil, usagef("%s: not a readable Parquet file (%v)", name, p)
		}
	}()
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, UsageError{err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, UsageError{err}
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, nil, usagef("%s: not a readable Parquet file: %v", name, err)
	}
	for _, fl := range pf.Schema().Fields() {
		if !fl.Leaf() || fl.Optional() || fl.Repeated() {
			return nil, nil, usagef("%s: column %q is not a flat required column", name, fl.Name())
		}
	}
	cols = columnsOf(pf.Schema())
	if len(cols) == 0 || cols[0].name != "run_id" || cols[0].typ != 'i' {
		return nil, nil, usagef("%s: the first column is not run_id (INT64)", name)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 1024)
	for {
		k, err := r.ReadRows(buf)
		for _, rw := range buf[:k] {
			if len(rw) != len(cols) {
				return nil, nil, usagef("%s: a row has %d values, the schema %d columns", name, len(rw), len(cols))
			}
			if rw[0].Int64() != int64(id) {
				continue
			}
			if row != nil {
				return nil, nil, usagef("%s: run %d occurs more than once", name, id)
			}
			row = rw.Clone()
		}
		if errors.Is(err, io.EOF) || (err == nil && k == 0) {
			break
		}
		if err != nil {
			return nil, nil, usagef("%s: not a readable Parquet file: %v", name, err)
		}
	}
	if row == nil {
		return nil, nil, usagef("%s has no row for run %d", name, id)
	}
	return row, cols, nil
}

// sameValue says whether the CSV field s, parsed as a column of type typ, is the stored value v, and
// gives v as text.
func sameValue(typ byte, s string, v parquet.Value) (string, bool) {
	w, err := fieldValue(typ, s) // as the sweep stored it from runs.csv
	switch typ {
	case 'i':
		return strconv.FormatInt(v.Int64(), 10), err == nil && w.Int64() == v.Int64()
	case 'u':
		return strconv.FormatUint(v.Uint64(), 10), err == nil && w.Int64() == v.Int64()
	case 'f':
		x, y := w.Double(), v.Double()
		same := math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
		return strconv.FormatFloat(y, 'g', -1, 64), err == nil && same
	}
	return string(v.ByteArray()), s == string(v.ByteArray())
}

// sameColumns checks that a file's columns are the spec's, naming the first that differs.
func sameColumns(name string, got, want []pcol) error {
	typ := map[byte]string{'i': "INT64", 'u': "UINT64", 'f': "DOUBLE", 's': "STRING"}
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(got):
			return fmt.Errorf("%s has %d columns, the replayed run %d (from %s on)", name, len(got), len(want), want[i].name)
		case i >= len(want):
			return fmt.Errorf("%s has %d columns, the replayed run %d (from %s on)", name, len(got), len(want), got[i].name)
		case got[i].name != want[i].name || got[i].typ != want[i].typ:
			return fmt.Errorf("%s: column %d is %s %s, the replayed run's %s %s", name, i+1,
				got[i].name, typ[got[i].typ], want[i].name, typ[want[i].typ])
		}
	}
	return nil
}

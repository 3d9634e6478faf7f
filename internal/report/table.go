package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// records is a table read row by row as strings, from a CSV or a Parquet file: the readers parse both
// the same way, so a Parquet sweep gets the same report as a CSV one.
type records interface {
	Read() ([]string, error)
	// FieldPos is the 1-based line of the last row read (a CSV line; a Parquet row's number + 1, the
	// header being line 1).
	FieldPos(field int) (line, column int)
}

// eachRow calls add with every row of r (read from path) and its line, until the end or an error.
func eachRow(path string, r records, add func(rec []string, line int) error) error {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(path, err)
		}
		line, _ := r.FieldPos(0)
		if err := add(rec, line); err != nil {
			return err
		}
	}
}

// openTable opens a .csv or .parquet table and reads its header.
func openTable(path string) (io.Closer, records, []string, error) {
	if strings.HasSuffix(path, ".parquet") {
		return openParquet(path)
	}
	return openCSV(path)
}

// parquetRecords reads a Parquet file written by the sweep engine (flat, required columns).
type parquetRecords struct {
	r        *parquet.Reader
	buf      []parquet.Row
	rec      []string
	unsigned []bool // INT64 columns holding uint64 (the seeds)
	line     int
}

func openParquet(path string) (io.Closer, records, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil, inputErr(path, 0, "file not found")
		}
		return nil, nil, nil, inputErr(path, 0, "%v", errors.Unwrap(err))
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, nil, inputErr(path, 0, "%v", err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, nil, inputErr(path, 0, "not a readable Parquet file: %v", err)
	}
	var header []string
	var unsigned []bool
	for _, c := range pf.Schema().Fields() {
		if !c.Leaf() || c.Optional() || c.Repeated() {
			f.Close()
			return nil, nil, nil, inputErr(path, 1, "column %q is not a flat required column", c.Name())
		}
		header = append(header, c.Name())
		u := false
		if lt := c.Type().LogicalType(); lt != nil {
			it, ok := lt.Value.(*format.IntType)
			u = ok && !it.IsSigned
		}
		unsigned = append(unsigned, u)
	}
	return f, &parquetRecords{r: parquet.NewReader(pf), buf: make([]parquet.Row, 1), rec: make([]string, len(header)), unsigned: unsigned, line: 1}, header, nil
}

func (p *parquetRecords) Read() ([]string, error) {
	n, err := p.r.ReadRows(p.buf)
	if n == 0 {
		if err == nil || errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, err
	}
	p.line++
	row := p.buf[0]
	if len(row) != len(p.rec) {
		return nil, fmt.Errorf("row %d has %d values, the header %d", p.line-1, len(row), len(p.rec))
	}
	for i, v := range row {
		switch v.Kind() {
		case parquet.Double:
			p.rec[i] = strconv.FormatFloat(v.Double(), 'g', -1, 64)
		case parquet.Float:
			p.rec[i] = strconv.FormatFloat(float64(v.Float()), 'g', -1, 32)
		case parquet.Int64:
			if p.unsigned[i] {
				p.rec[i] = strconv.FormatUint(v.Uint64(), 10)
			} else {
				p.rec[i] = strconv.FormatInt(v.Int64(), 10)
			}
		case parquet.Int32:
			p.rec[i] = strconv.FormatInt(int64(v.Int32()), 10)
		default:
			p.rec[i] = string(v.ByteArray())
		}
	}
	return p.rec, nil
}

func (p *parquetRecords) FieldPos(int) (int, int) { return p.line, 1 }

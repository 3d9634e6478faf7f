// Package runout writes the files of one run — timeseries.csv and events.csv — in the one format shared
// by the batch runner, the sweep and the desktop game.
package runout

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"

	"dongshu/configs"
	"dongshu/economy"
)

// Timeseries streams timeseries.csv: the header "month,scope,<column names>", then one row per month
// and scope. Rows are written without allocating; call Flush at the end.
type Timeseries struct {
	bw    *bufio.Writer
	buf   []byte
	month configs.Month
	ms    string // month formatted, "" before the first row
}

// NewTimeseries writes the header for cols to w.
func NewTimeseries(w io.Writer, cols []economy.Column) (*Timeseries, error) {
	t := &Timeseries{bw: bufio.NewWriterSize(w, 1<<16), buf: make([]byte, 0, 64)}
	t.bw.WriteString("month,scope")
	for _, c := range cols {
		t.bw.WriteByte(',')
		t.bw.WriteString(c.Name)
	}
	_, err := t.bw.WriteString("\n")
	return t, err
}

// Month writes one month's rows, rows[i] being the metrics of scopes[i].
func (t *Timeseries) Month(month configs.Month, scopes []economy.Scope, rows [][]float64) error {
	if t.ms == "" || month != t.month {
		t.month, t.ms = month, month.String()
	}
	for i, row := range rows {
		t.bw.WriteString(t.ms)
		t.bw.WriteByte(',')
		t.bw.WriteString(scopes[i].Name)
		t.buf = AppendValues(t.buf[:0], row)
		t.bw.Write(t.buf)
		if err := t.bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes out what is buffered.
func (t *Timeseries) Flush() error { return t.bw.Flush() }

// AppendValues appends ",v" for every value of a row, formatted as in timeseries.csv (10 significant
// digits), and returns the extended slice.
func AppendValues(dst []byte, row []float64) []byte {
	for _, v := range row {
		dst = append(dst, ',')
		dst = strconv.AppendFloat(dst, v, 'g', 10, 64)
	}
	return dst
}

// WriteEvents writes events.csv, the log of events that fired during a run: month, kind, target
// province id ("" for national), magnitude, duration and a plain-English description.
func WriteEvents(w io.Writer, log []economy.FiredEvent) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"month", "kind", "target", "magnitude", "duration_months", "description"}); err != nil {
		return err
	}
	for _, e := range log {
		if err := cw.Write([]string{e.Month.String(), e.Kind.String(), e.Target, strconv.FormatFloat(e.Magnitude, 'g', -1, 64),
			strconv.Itoa(e.Duration), e.Description}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

package sweep

import (
	"math"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
)

// The typed comparison replay makes against runs.parquet: values, not text.
func TestSameValue(t *testing.T) {
	big := uint64(1) << 63 // a seed above the largest int64 is stored as a negative INT64
	for _, c := range []struct {
		typ    byte
		csv    string
		stored parquet.Value
		text   string
		same   bool
	}{
		{'f', "0.10", parquet.DoubleValue(0.1), "0.1", true},
		{'f', "0.1", parquet.DoubleValue(math.Nextafter(0.1, 1)), "0.10000000000000002", false},
		{'f', "NaN", parquet.DoubleValue(math.NaN()), "NaN", true},
		{'f', "0", parquet.DoubleValue(math.NaN()), "NaN", false},
		{'f', "NaN", parquet.DoubleValue(0), "0", false},
		{'f', "0", parquet.DoubleValue(math.Copysign(0, -1)), "-0", false},
		{'f', "x", parquet.DoubleValue(0), "0", false},
		{'i', "7", parquet.Int64Value(7), "7", true},
		{'i', "07", parquet.Int64Value(7), "7", true},
		{'i', "8", parquet.Int64Value(7), "7", false},
		{'u', "9223372036854775808", parquet.Int64Value(int64(big)), "9223372036854775808", true},
		{'u', "9223372036854775807", parquet.Int64Value(int64(big)), "9223372036854775808", false},
		{'s', "0,100", parquet.ByteArrayValue([]byte("0,100")), "0,100", true},
		{'s', "0,100", parquet.ByteArrayValue([]byte("0,100,400")), "0,100,400", false},
	} {
		text, same := sameValue(c.typ, c.csv, c.stored)
		assert.Equal(t, c.same, same, "%c %q vs %v", c.typ, c.csv, c.stored)
		assert.Equal(t, c.text, text, "%c %q", c.typ, c.csv)
	}
}

func TestSameColumns(t *testing.T) {
	want := []pcol{{"run_id", 'i', 0}, {"seed", 'u', 0}, {"x", 'f', 0}}
	assert.NoError(t, sameColumns("f", want, want))
	assert.EqualError(t, sameColumns("f", []pcol{want[0], want[1], {"x", 's', 0}}, want),
		"f: column 3 is x STRING, the replayed run's x DOUBLE")
	assert.EqualError(t, sameColumns("f", want[:2], want), "f has 2 columns, the replayed run 3 (from x on)")
	assert.EqualError(t, sameColumns("f", append(want, pcol{"y", 'f', 0}), want), "f has 4 columns, the replayed run 3 (from y on)")
}

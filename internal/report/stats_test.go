package report

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSummariseBands(t *testing.T) {
	// Fewer than 10 runs: min to max; NaN skipped; order does not matter.
	b := Summarise([]float64{5, math.NaN(), 1, 3})
	assert.Equal(t, Band{N: 3, Median: 3, Lo: 1, Hi: 5}, b)
	// 11 runs 0..10: 10th and 90th percentiles are 1 and 9.
	xs := []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
	b = Summarise(xs)
	assert.Equal(t, 11, b.N)
	assert.InDelta(t, 5, b.Median, 1e-12)
	assert.InDelta(t, 1, b.Lo, 1e-12)
	assert.InDelta(t, 9, b.Hi, 1e-12)
	assert.Equal(t, []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, xs, "input untouched")
	b = Summarise([]float64{math.NaN()})
	assert.Equal(t, 0, b.N)
	assert.True(t, math.IsNaN(b.Median) && math.IsNaN(b.Lo) && math.IsNaN(b.Hi))
}

func TestMeanSD(t *testing.T) {
	m, sd, n := MeanSD([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	assert.Equal(t, 8, n)
	assert.InDelta(t, 5, m, 1e-12)
	assert.InDelta(t, math.Sqrt(32.0/7), sd, 1e-12)
	m, sd, n = MeanSD([]float64{3, math.NaN()})
	assert.Equal(t, []float64{3, 0}, []float64{m, sd})
	assert.Equal(t, 1, n)
}

func TestMeansByValue(t *testing.T) {
	x := []float64{1, 0, 1, 0.5, 0, 1}
	y := []float64{10, 1, 20, 7, 3, math.NaN()}
	xs, means := MeansByValue(x, y)
	assert.Equal(t, []float64{0, 0.5, 1}, xs)
	assert.Equal(t, []float64{2, 7, 15}, means)
}

func TestDesignPointsSortNumerically(t *testing.T) {
	rs := &Runs{Params: []string{"a", "b"}, Rows: []RunRow{
		{ID: "1", Params: []string{"10", "x"}}, {ID: "2", Params: []string{"9", "y"}},
		{ID: "3", Params: []string{"10", "x"}}, {ID: "4", Params: []string{"9", "x"}},
	}}
	dps := DesignPoints(rs)
	assert.Equal(t, []DesignPoint{
		{Values: []string{"9", "x"}, Rows: []int{3}},
		{Values: []string{"9", "y"}, Rows: []int{1}},
		{Values: []string{"10", "x"}, Rows: []int{0, 2}},
	}, dps)
}

func TestProvinceFinalsAverageAndSort(t *testing.T) {
	ts := &Timeseries{Runs: []string{"a", "b"}, Provinces: []string{"anhui", "beijing", "gansu"},
		Final: map[string][][2]float64{
			"anhui":   {{10, 1}, {20, 3}},
			"beijing": {{0, 5}, {0, 5}},
			"gansu":   {{30, 0}, {math.NaN(), math.NaN()}},
		}}
	assert.Equal(t, []ProvinceFinal{{"gansu", 30, 0}, {"anhui", 15, 2}, {"beijing", 0, 5}}, ProvinceFinals(ts))
}

func TestTableNumbers(t *testing.T) {
	en, err := newLang("en")
	require.NoError(t, err)
	fr, err := newLang("fr")
	require.NoError(t, err)
	for _, c := range []struct {
		v      float64
		en, fr string
	}{
		{157907.6, "157,908", "157\u00a0908"},
		{-1000, "-1,000", "-1\u00a0000"},
		{123.4, "123", "123"},
		{12.34, "12.3", "12,3"},
		{5.5366, "5.54", "5,54"},
		{0.27560, "0.276", "0,276"},
		{0, "0", "0"},
		{-0.0001, "0.000", "0,000"}, // no sign on a zero
		{math.NaN(), "–", "–"},
	} {
		assert.Equal(t, c.en, en.num(c.v), "%v", c.v)
		assert.Equal(t, c.fr, fr.num(c.v), "%v", c.v)
	}
}

// keepBits reads the manifest's keep_bits; anything but a whole number of bits a sweep accepts is no
// rounding (the manifest only supplies the page's notes).
func TestKeepBitsFromManifest(t *testing.T) {
	for _, c := range []struct {
		m    map[string]any
		want int
	}{
		{map[string]any{"keep_bits": 16.0}, 16},
		{map[string]any{"keep_bits": 52.0}, 52},
		{map[string]any{}, 0},
		{nil, 0},
		{map[string]any{"keep_bits": 0.0}, 0},
		{map[string]any{"keep_bits": 53.0}, 0},
		{map[string]any{"keep_bits": 8.5}, 0},
		{map[string]any{"keep_bits": "8"}, 0},
	} {
		assert.Equal(t, c.want, keepBits(c.m), "%v", c.m)
	}
}

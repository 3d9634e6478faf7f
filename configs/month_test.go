package configs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

func TestParseMonth(t *testing.T) {
	m, err := configs.ParseMonth("2020-01")
	require.NoError(t, err)
	assert.Equal(t, configs.Month(2020*12), m)
	assert.Equal(t, 2020, m.Year())
	assert.Equal(t, 1, m.MonthOfYear())
	assert.Equal(t, "2020-01", m.String())

	m, err = configs.ParseMonth("2035-12")
	require.NoError(t, err)
	assert.Equal(t, configs.NewMonth(2035, 12), m)
	assert.Equal(t, 2035, m.Year())
	assert.Equal(t, 12, m.MonthOfYear())
	assert.Equal(t, "2036-01", (m + 1).String())
	assert.Equal(t, "2034-12", (m - 12).String())

	for _, bad := range []string{"", "2020", "2020-1", "2020-00", "2020-13", "20-01-01", "2020/01", "2020-0a", " 2020-01", "２020-01"} {
		_, err := configs.ParseMonth(bad)
		assert.Error(t, err, bad)
	}
}

func TestMonthRoundTrip(t *testing.T) {
	for m := configs.NewMonth(1999, 1); m < configs.NewMonth(2041, 1); m++ {
		back, err := configs.ParseMonth(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, back)
		assert.GreaterOrEqual(t, m.MonthOfYear(), 1)
		assert.LessOrEqual(t, m.MonthOfYear(), 12)
	}
	neg := configs.Month(-1) // December of year -1: Year and MonthOfYear stay consistent
	assert.Equal(t, -1, neg.Year())
	assert.Equal(t, 12, neg.MonthOfYear())
}

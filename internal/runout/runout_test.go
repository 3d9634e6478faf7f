package runout

import (
	"bytes"
	"testing"

	"dongshu/configs"
	"dongshu/economy"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeseriesHeaderAndRows(t *testing.T) {
	var b bytes.Buffer
	ts, err := NewTimeseries(&b, []economy.Column{{Name: "capacity_mw"}, {Name: "co2_t"}})
	require.NoError(t, err)
	scopes := []economy.Scope{{Name: "national"}, {Name: "guangdong"}}
	require.NoError(t, ts.Month(configs.NewMonth(2021, 3), scopes, [][]float64{{1234.5, 1.0 / 3}, {0, 1e21}}))
	require.NoError(t, ts.Month(configs.NewMonth(2021, 4), scopes[:1], [][]float64{{-2, 123456789012}}))
	require.NoError(t, ts.Flush())
	assert.Equal(t, "month,scope,capacity_mw,co2_t\n"+
		"2021-03,national,1234.5,0.3333333333\n"+
		"2021-03,guangdong,0,1e+21\n"+
		"2021-04,national,-2,1.23456789e+11\n", b.String())
}

func TestTimeseriesMonthDoesNotAllocate(t *testing.T) {
	var b bytes.Buffer
	b.Grow(1 << 20)
	ts, err := NewTimeseries(&b, []economy.Column{{Name: "a"}, {Name: "b"}})
	require.NoError(t, err)
	scopes := []economy.Scope{{Name: "national"}}
	rows := [][]float64{{1.5, 2.25}}
	m := configs.NewMonth(2021, 1)
	require.NoError(t, ts.Month(m, scopes, rows)) // formats the month once
	allocs := testing.AllocsPerRun(100, func() { _ = ts.Month(m, scopes, rows) })
	assert.Zero(t, allocs)
}

func TestWriteEventsQuotes(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteEvents(&b, []economy.FiredEvent{
		{Month: configs.NewMonth(2028, 1), Kind: configs.EventOutage, Target: "guangdong", Magnitude: 0, Duration: 3,
			Description: `Outage in Guangdong: 5,220 MW "offline"`},
		{Month: configs.NewMonth(2030, 6), Kind: configs.EventCoalPrice, Magnitude: 1.25, Duration: 12, Description: "plain"},
	}))
	assert.Equal(t, "month,kind,target,magnitude,duration_months,description\n"+
		`2028-01,outage,guangdong,0,3,"Outage in Guangdong: 5,220 MW ""offline"""`+"\n"+
		"2030-06,coal_price,,1.25,12,plain\n", b.String())
}

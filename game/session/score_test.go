package session

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func checkDebrief(t *testing.T, d Debrief, name string) {
	t.Helper()
	require.NotEmpty(t, d.Parts, name)
	sum := 0.0
	for _, p := range d.Parts {
		assert.Contains(t, ScoreKeys(), p.Key, name)
		assert.Contains(t, UnitKeys(), p.Unit, "%s %s has a unit", name, p.Key)
		assert.False(t, math.IsNaN(p.Value) || math.IsInf(p.Value, 0), "%s %s value %v", name, p.Key, p.Value)
		assert.True(t, p.Score >= 0 && p.Score <= 100, "%s %s score %v", name, p.Key, p.Score)
		sum += p.Score
	}
	assert.InDelta(t, sum/float64(len(d.Parts)), d.Score, 1e-9, name)
	assert.True(t, d.Score >= 0 && d.Score <= 100, name)
}

func TestDebriefRolesAndRanges(t *testing.T) {
	auto := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	before := auto.Debrief()
	require.Len(t, before, 1)
	assert.Equal(t, -1, before[0].Province, "autoplay scores the planner")
	for _, p := range before[0].Parts {
		assert.Zero(t, p.Score, "nothing played, nothing scored")
	}
	autoplayTo(t, auto, month(2035, 12))
	d := auto.Debrief()
	require.Len(t, d, 1)
	checkDebrief(t, d[0], "autoplay")
	keys := []string{}
	for _, p := range d[0].Parts {
		keys = append(keys, p.Key)
	}
	assert.Equal(t, []string{"score.national_utilisation", "score.hub_gap", "score.unserved", "score.co2_national"}, keys)

	s := newGame(t, players.setup(1))
	players.drive(t, s, month(2035, 12))
	d = s.Debrief()
	require.Len(t, d, 3)
	assert.Equal(t, []int{ningxia, guangdong, -1}, []int{d[0].Province, d[1].Province, d[2].Province})
	for _, x := range d {
		checkDebrief(t, x, "players")
	}
	assert.Len(t, d[0].Parts, 5)

	// Provinces alone: no planner score.
	only := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{guizhou}}})
	require.Len(t, only.Debrief(), 1)
	assert.Equal(t, guizhou, only.Debrief()[0].Province)
}

func TestDebriefEveryProvinceInRange(t *testing.T) {
	// Every province as a human player would see its own score (the AI playing it).
	s := newGame(t, Setup{Seed: 4, Difficulty: Hard})
	autoplayTo(t, s, month(2035, 12))
	spread := map[string][2]float64{}
	for p := range s.Model().W.Provinces {
		d := s.provinceDebrief(p)
		checkDebrief(t, d, s.Model().W.Provinces[p].ID)
		for _, x := range d.Parts {
			r, ok := spread[x.Key]
			if !ok {
				r = [2]float64{101, -1}
			}
			spread[x.Key] = [2]float64{min(r[0], x.Score), max(r[1], x.Score)}
		}
	}
	for k, r := range spread {
		assert.Greater(t, r[1]-r[0], 20.0, "%s tells provinces apart", k)
	}
}

// Each part carries its own unit: utilisations and shares in percent, the hub gap in points, CO2 in
// t/MWh, money in bn yuan, the jobs ratio in ×, the debt rise in years; Display scales fractions.
func TestScorePartUnits(t *testing.T) {
	want := map[string]string{
		"score.fiscal": UnitYears, "score.utilisation": UnitPercent, "score.co2": UnitTCO2MWh, "score.jobs": UnitTimes,
		"score.promotion": UnitBnYuan, "score.national_utilisation": UnitPercent, "score.hub_gap": UnitPoints,
		"score.unserved": UnitPercent, "score.co2_national": UnitTCO2MWh,
	}
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Provinces: []int{0}, Planner: true}})
	seen := map[string]bool{}
	for _, d := range s.Debrief() {
		for _, p := range d.Parts {
			assert.Equal(t, want[p.Key], p.Unit, p.Key)
			seen[p.Key] = true
		}
	}
	assert.Len(t, seen, len(want), "every part")
	for _, c := range []struct {
		p      ScorePart
		v      float64
		digits int
	}{
		{ScorePart{Unit: UnitPercent, Value: 0.7}, 70, 0},
		{ScorePart{Unit: UnitPercent, Value: 0.012}, 1.2, 1},
		{ScorePart{Unit: UnitPoints, Value: 0.25}, 25, 0},
		{ScorePart{Unit: UnitTCO2MWh, Value: 0.62}, 0.62, 2},
		{ScorePart{Unit: UnitBnYuan, Value: 172.5}, 172.5, 0},
		{ScorePart{Unit: UnitBnYuan, Value: 3.25}, 3.25, 1},
		{ScorePart{Unit: UnitTimes, Value: 1.13}, 1.13, 2},
		{ScorePart{Unit: UnitYears, Value: 11.95}, 11.95, 1},
	} {
		v, d := c.p.Display()
		assert.InDelta(t, c.v, v, 1e-9, c.p.Unit)
		assert.Equal(t, c.digits, d, c.p.Unit)
	}
}

package sweep

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFullDesignIsTheProductInOdometerOrder(t *testing.T) {
	d := Design{Type: Full, Reps: 2, Factors: []Factor{
		{Key: "a", Values: []string{"1", "2"}}, {Key: "b", Values: []string{"x", "y", "z"}}}}
	require.NoError(t, d.Expand())
	assert.Equal(t, [][]string{{"1", "x"}, {"1", "y"}, {"1", "z"}, {"2", "x"}, {"2", "y"}, {"2", "z"}}, d.Points)
	assert.Equal(t, 12, d.NumRuns())
	assert.Equal(t, []string{"1", "x"}, d.Point(1), "run 1 is point 0, replication 1")
	assert.Equal(t, []string{"1", "y"}, d.Point(2))

	none := Design{Type: Full, Reps: 3}
	require.NoError(t, none.Expand())
	assert.Equal(t, 3, none.NumRuns(), "no factor: one point, replications only")
}

func TestLatinHypercubeStratifiesEveryRange(t *testing.T) {
	lo1, hi1, lo2, hi2 := 0.0, 1.0, 10.0, 50.0
	for _, n := range []int{1, 7, 50} {
		d := Design{Type: LHS, Samples: n, Reps: 1, SeedBase: 42, Factors: []Factor{
			{Key: "a", Min: &lo1, Max: &hi1, Kind: KindNumber}, {Key: "b", Min: &lo2, Max: &hi2, Kind: KindNumber}}}
		require.NoError(t, d.Expand())
		require.Len(t, d.Points, n)
		for j, r := range [][2]float64{{lo1, hi1}, {lo2, hi2}} {
			strata := map[int]bool{}
			for _, p := range d.Points {
				x, err := strconv.ParseFloat(p[j], 64)
				require.NoError(t, err)
				require.True(t, x >= r[0] && x <= r[1], "%v outside %v", x, r)
				s := min(int(math.Floor((x-r[0])/(r[1]-r[0])*float64(n))), n-1)
				strata[s] = true
			}
			assert.Len(t, strata, n, "every sample in its own 1/%d stratum of factor %d", n, j)
		}
		again := Design{Type: LHS, Samples: n, Reps: 1, SeedBase: 42, Factors: d.Factors}
		require.NoError(t, again.Expand())
		assert.Equal(t, d.Points, again.Points, "deterministic for a seed base")
	}
}

func TestLatinHypercubeIntegerKeys(t *testing.T) {
	lo, hi := 1.0, 4.0
	d := Design{Type: LHS, Samples: 4, Reps: 1, SeedBase: 3, Factors: []Factor{{Key: "k", Min: &lo, Max: &hi, Kind: KindInteger}}}
	require.NoError(t, d.Expand())
	var got []string
	for _, p := range d.Points {
		got = append(got, p[0])
	}
	assert.ElementsMatch(t, []string{"1", "2", "3", "4"}, got)
}

func TestParseSet(t *testing.T) {
	fixed, f, err := ParseSet("planner.enforcement=0.5", false)
	require.NoError(t, err)
	assert.Nil(t, f)
	assert.Equal(t, "planner.enforcement=0.5", fixed)

	_, f, err = ParseSet("planner.enforcement=0.2, 0.8", false)
	require.NoError(t, err)
	assert.Equal(t, []string{"0.2", "0.8"}, f.Values)

	fixed, f, err = ParseSet("behaviour.build_options_mw=0,100,400", false)
	require.NoError(t, err)
	assert.Nil(t, f, "commas inside a list value do not split alternatives")
	assert.Equal(t, "behaviour.build_options_mw=0,100,400", fixed)
	_, f, err = ParseSet("behaviour.build_options_mw=0,100;0,100,400", false)
	require.NoError(t, err)
	assert.Equal(t, []string{"0,100", "0,100,400"}, f.Values)

	_, f, err = ParseSet("province.guangxi.compliance=0.1:0.9", true)
	require.NoError(t, err)
	assert.Equal(t, 0.1, *f.Min)
	assert.Equal(t, 0.9, *f.Max)

	for _, bad := range []string{"planner.enforcement=1:0", "planner.enforcement=a:1", "planner.enforcement=0:inf"} {
		_, _, err = ParseSet(bad, true)
		assert.ErrorAs(t, err, new(UsageError), bad)
	}
	_, _, err = ParseSet("planner.enforcement=0:1", false)
	assert.ErrorContains(t, err, "needs --design lhs")
	_, _, err = ParseSet("planner.enforcement=0.1,0.2", true)
	assert.ErrorContains(t, err, "ranges")

	k, err := KeyKind("network.ixp[2].month")
	require.NoError(t, err)
	assert.Equal(t, KindText, k)
	_, err = KeyKind("planner.nope")
	assert.Error(t, err)
}

func TestSeedsAndShards(t *testing.T) {
	assert.Equal(t, Seed(1, 5), Seed(1, 5))
	assert.NotEqual(t, Seed(1, 5), Seed(1, 6))
	assert.Equal(t, Seed(1, 5), Seed(2, 4), "a function of seed base + run id")
	sh, err := ParseShard("2/3")
	require.NoError(t, err)
	assert.Equal(t, []int{1, 4, 7}, sh.IDs(9))
	for _, bad := range []string{"0/2", "3/2", "1/0", "x", "1/2/3"} {
		_, err := ParseShard(bad)
		assert.Error(t, err, bad)
	}
}

package agents

import (
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// scenarioSeeds is how many seeds each scenario test compares (the issue asks for a median over >= 20).
const scenarioSeeds = 20

// seriesRun is one run's whole time series: rows[month][scope][column], with its headline.
type seriesRun struct {
	h      Headline
	start  configs.Month
	rows   [][][]float64
	scope  map[string]int
	column map[string]int
}

// window is the mean of one metric for one scope (an aggregate scope or a province id) over the months
// from..to inclusive ("YYYY-MM").
func (r *seriesRun) window(t testing.TB, scope, column, from, to string) float64 {
	t.Helper()
	si, ok := r.scope[scope]
	require.True(t, ok, "scope %q", scope)
	ci, ok := r.column[column]
	require.True(t, ok, "column %q", column)
	a, err := configs.ParseMonth(from)
	require.NoError(t, err)
	b, err := configs.ParseMonth(to)
	require.NoError(t, err)
	sum, n := 0.0, 0
	for k, row := range r.rows {
		if m := r.start + configs.Month(k); m >= a && m <= b {
			sum += row[si][ci]
			n++
		}
	}
	require.Positive(t, n, "window %s..%s", from, to)
	return sum / float64(n)
}

// runSeries runs a scenario for seeds 1..n (two at a time, like runHeadlines) and keeps every month's rows.
func runSeries(t testing.TB, s *configs.Scenario, n int) []seriesRun {
	t.Helper()
	out := make([]seriesRun, n)
	forSeeds(t, s, n, func(i int, m *Model, month configs.Month, rows [][]float64) {
		r := &out[i]
		if r.scope == nil { // first month: index the scopes and columns
			r.scope, r.column = map[string]int{}, map[string]int{}
			for k, sp := range m.Scopes() {
				r.scope[sp.Name] = k
			}
			for k, c := range m.W.Columns() {
				r.column[c.Name] = k
			}
			r.start = month
		}
		r.h.Observe(m.W, month, rows)
		cp := make([][]float64, len(rows))
		for j := range rows {
			cp[j] = slices.Clone(rows[j])
		}
		r.rows = append(r.rows, cp)
	})
	return out
}

// medianOf is the median over runs of f.
func medianOf(rs []seriesRun, f func(r *seriesRun) float64) float64 {
	v := make([]float64, len(rs))
	for i := range rs {
		v[i] = f(&rs[i])
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

var (
	baseOnce sync.Once
	baseRuns []seriesRun
)

// baselineRuns is the baseline's series for seeds 1..scenarioSeeds, run once for all scenario tests.
func baselineRuns(t testing.TB) []seriesRun {
	t.Helper()
	baseOnce.Do(func() { baseRuns = runSeries(t, baseline(t, 1), scenarioSeeds) })
	require.Len(t, baseRuns, scenarioSeeds)
	return baseRuns
}

// presetRuns loads an embedded preset and runs it for seeds 1..scenarioSeeds.
func presetRuns(t testing.TB, name string) []seriesRun {
	t.Helper()
	s, err := configs.LoadPreset(name)
	require.NoError(t, err)
	return runSeries(t, s, scenarioSeeds)
}

// compare logs the medians over seeds of a window metric in a scenario and the baseline, and returns them.
func compare(t *testing.T, scn, base []seriesRun, scope, column, from, to string) (float64, float64) {
	t.Helper()
	f := func(r *seriesRun) float64 { return r.window(t, scope, column, from, to) }
	s, b := medianOf(scn, f), medianOf(base, f)
	t.Logf("%s %s %s..%s, median of %d seeds: scenario %.4g, baseline %.4g", scope, column, from, to, len(scn), s, b)
	return s, b
}

// unchanged is the opposite check: a metric the scenario should not touch stays within tol (relative).
func unchanged(t *testing.T, scn, base []seriesRun, scope, column, from, to string, tol float64) {
	t.Helper()
	s, b := compare(t, scn, base, scope, column, from, to)
	assert.InEpsilon(t, b, s, tol, "%s %s %s..%s should be untouched", scope, column, from, to)
}

// TestScenarioDrought: a year of drought (usable capacity x0.6) in the north-west from 2026-06 lowers the
// north-west's utilisation during it and the work moves east. Since the 2013 history leaves the country
// with idle capacity in 2026, the re-tendered work finds room: unserved work does not rise beyond noise
// (100 MW). 2022 is untouched.
func TestScenarioDrought(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "drought")
	s, b := compare(t, scn, base, "northwest", "utilisation", "2026-06", "2027-05")
	assert.Less(t, s, 0.9*b, "north-west utilisation during the drought")
	s, b = compare(t, scn, base, "national", "unserved_mw", "2026-06", "2027-05")
	assert.Less(t, s, b+100, "unserved work during the drought: the idle capacity elsewhere takes the work")
	s, b = compare(t, scn, base, "east_hubs", "used_mw", "2026-06", "2027-05")
	assert.Greater(t, s, b, "work moved to the east hubs")
	unchanged(t, scn, base, "east_hubs", "utilisation", "2022-01", "2022-12", 0.01)
	unchanged(t, scn, base, "national", "capacity_mw", "2022-01", "2022-12", 0.01)
}

// TestScenarioCoalShock: coal +80 % for 2025-2026 raises power prices with each province's thermal share,
// so least-cost placement moves work to low-thermal provinces (hydro/wind/solar), and CO2 falls.
func TestScenarioCoalShock(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "coal-shock")
	cfg, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	var low []string // provinces with less than half their power from thermal plants
	for _, p := range cfg.Provinces {
		if p.Thermal < 0.5 {
			low = append(low, p.ID)
		}
	}
	require.NotEmpty(t, low)
	share := func(r *seriesRun) float64 {
		sum := 0.0
		for _, id := range low {
			sum += r.window(t, id, "used_mw", "2025-01", "2026-12")
		}
		return sum / r.window(t, "national", "used_mw", "2025-01", "2026-12")
	}
	s, b := medianOf(scn, share), medianOf(base, share)
	t.Logf("share of work placed in the %d low-thermal provinces %v, 2025-2026: scenario %.4f, baseline %.4f", len(low), low, s, b)
	assert.Greater(t, s, b+0.01, "share of work in low-thermal provinces")
	s, b = compare(t, scn, base, "national", "co2_t", "2025-01", "2026-12")
	assert.Less(t, s, b, "CO2 during the shock")
	unchanged(t, scn, base, "national", "used_mw", "2025-01", "2026-12", 0.01)
	unchanged(t, scn, base, "national", "capacity_mw", "2022-01", "2022-12", 0.01)
}

// TestScenarioEastOutage: Guangdong, Shanghai, Jiangsu and Zhejiang offline for 3 months from 2028-01
// (no vault): unserved work spikes during the outage, served hot and warm work falls; the year before is
// untouched.
func TestScenarioEastOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "east-outage")
	s, b := compare(t, scn, base, "national", "unserved_mw", "2028-01", "2028-03")
	assert.Greater(t, s, b+1000, "unserved work during the outage")
	hw := func(r *seriesRun) float64 {
		return r.window(t, "national", "served_hot_mw", "2028-01", "2028-03") + r.window(t, "national", "served_warm_mw", "2028-01", "2028-03")
	}
	s, b = medianOf(scn, hw), medianOf(base, hw)
	t.Logf("served hot + warm work 2028-01..03: scenario %.4g, baseline %.4g", s, b)
	assert.Less(t, s, b, "served hot and warm work during the outage")
	compare(t, scn, base, "national", "served_hot_mw", "2028-01", "2028-03")
	compare(t, scn, base, "national", "served_warm_mw", "2028-01", "2028-03")
	unchanged(t, scn, base, "national", "unserved_mw", "2027-01", "2027-12", 0.01)
	unchanged(t, scn, base, "national", "capacity_mw", "2022-01", "2022-12", 0.01)
}

// TestScenarioFibreFirst: the network programme five years earlier. The claim was that north-west
// utilisation would rise; the model does not produce it (docs/ODD.md section 9): the earlier IXPs and
// lines bring every inland province closer to the east, and central China (Henan, Hubei, Hunan, Anhui),
// nearer to the eastern demand than the north-west, takes the footloose work first. This test pins that
// finding — north-west 2022 utilisation does not rise beyond noise, central China serves more in 2022 —
// so that a model change that reverses it is noticed. By 2025 the early network also adds capacity
// (calibrated baseline, 20 seeds: +7 %): provinces newly within reach of eastern demand expect a share of
// the national pool of latency-tolerant work (behaviour.pool_belief) and build for it, so north-west
// utilisation in 2025 is lower, not higher.
func TestScenarioFibreFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "fibre-first")
	s, b := compare(t, scn, base, "northwest", "utilisation", "2022-01", "2022-12")
	assert.LessOrEqual(t, s, b*1.02, "north-west utilisation 2022 does not rise (finding, see the comment)")
	s, b = compare(t, scn, base, "region_central", "used_mw", "2022-01", "2022-12")
	assert.Greater(t, s, b*1.03, "central China serves more in 2022")
	s, b = compare(t, scn, base, "northwest", "utilisation", "2025-01", "2025-12")
	assert.Less(t, s, b, "north-west utilisation 2025 falls: more halls than work (finding)")
	compare(t, scn, base, "northwest", "used_mw", "2025-01", "2025-12")
	compare(t, scn, base, "region_west", "used_mw", "2025-01", "2025-12")
	unchanged(t, scn, base, "national", "demand_mw", "2025-01", "2025-12", 0.01)
	s, b = compare(t, scn, base, "national", "capacity_mw", "2025-01", "2025-12")
	assert.Greater(t, s, b*1.02, "the early network adds capacity by 2025 (finding)")
}

// TestScenarioExportControls: chip supply x0.3 from 2022-10 lowers accelerator capacity and served
// training work, but less than the cut: after the plan the quota rounds grant little new capacity (the
// idle pre-plan stock counts as capacity in place), so the builds want few accelerators and the cut
// supply seldom binds (docs/ODD.md section 9). Unserved work is logged, not pinned: with fewer dear
// accelerator halls, provinces build more general capacity. 2022 capacity and demand are untouched.
func TestScenarioExportControls(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "export-controls")
	s, b := compare(t, scn, base, "national", "accelerator_mw", "2030-01", "2035-12")
	assert.Less(t, s, 0.97*b, "accelerator capacity 2030-2035")
	s, b = compare(t, scn, base, "national", "served_train_mw", "2025-01", "2035-12")
	assert.Less(t, s, b, "served training work 2025-2035")
	compare(t, scn, base, "national", "unserved_mw", "2025-01", "2035-12")
	unchanged(t, scn, base, "national", "capacity_mw", "2022-01", "2022-12", 0.01)
	unchanged(t, scn, base, "national", "demand_mw", "2025-01", "2035-12", 0.01)
}

// TestScenarioGuangxi: Guangxi ignoring moderation (compliance 0, more land and spare power) ends with
// more capacity (+10 %). The claim that racing breeds idle capacity facing idle capacity does not hold
// in the model (docs/ODD.md section 9): Guangxi's extra halls are used — they win work from Guizhou and
// Yunnan, nearer Guangdong — so the redundancy of the group does not rise. Pinned: Guangxi serves more
// work in 2025-2035 and the group's redundancy does not rise; national capacity barely moves.
func TestScenarioGuangxi(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "guangxi")
	s, b := compare(t, scn, base, "guangxi", "capacity_mw", "2035-12", "2035-12")
	assert.Greater(t, s, 1.1*b, "Guangxi's capacity at the end")
	s, b = compare(t, scn, base, "guangxi", "used_mw", "2025-01", "2035-12")
	assert.Greater(t, s, 1.1*b, "Guangxi serves more work")
	group := []string{"guangxi", "guizhou", "yunnan", "guangdong", "hunan"}
	red := func(r *seriesRun) float64 {
		sum := 0.0
		for _, id := range group {
			sum += r.window(t, id, "redundant_mw", "2025-01", "2035-12")
		}
		return sum
	}
	s, b = medianOf(scn, red), medianOf(base, red)
	t.Logf("redundant_mw of %v, mean 2025-2035: scenario %.4g, baseline %.4g", group, s, b)
	assert.LessOrEqual(t, s, 1.05*b, "redundant capacity around Guangxi does not rise (finding, see the comment)")
	for _, id := range group[1:] {
		compare(t, scn, base, id, "redundant_mw", "2025-01", "2035-12")
	}
	unchanged(t, scn, base, "national", "capacity_mw", "2022-01", "2022-12", 0.02)
	unchanged(t, scn, base, "national", "capacity_mw", "2035-12", "2035-12", 0.02)
}

// setRuns loads an embedded preset, applies --set style assignments and runs it for seeds 1..scenarioSeeds.
func setRuns(t testing.TB, name string, sets ...string) []seriesRun {
	t.Helper()
	s, err := configs.LoadPreset(name)
	require.NoError(t, err)
	for _, a := range sets {
		require.NoError(t, s.Set(a))
	}
	return runSeries(t, s, scenarioSeeds)
}

// TestScenarioEastOutageVault: the Guizhou digital vault (east-outage's default, replicas of half the hot
// and warm work) against the same outage without it (vault.replica_share=0). During the outage the vault
// serves replicated work beyond its bound (degraded), so more hot and warm work is served and less is
// unserved; before the outage the two runs are identical, and after it they stay within noise.
func TestScenarioEastOutageVault(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	on, off := presetRuns(t, "east-outage"), setRuns(t, "east-outage", "vault.replica_share=0")
	hw := func(r *seriesRun) float64 {
		return r.window(t, "national", "served_hot_mw", "2028-01", "2028-03") + r.window(t, "national", "served_warm_mw", "2028-01", "2028-03")
	}
	s, b := medianOf(on, hw), medianOf(off, hw)
	t.Logf("served hot + warm work 2028-01..03, median of %d seeds: vault %.4g, no vault %.4g", len(on), s, b)
	assert.Greater(t, s, b+100, "the vault serves more hot and warm work during the outage")
	s, b = compare(t, on, off, "national", "unserved_mw", "2028-01", "2028-03")
	assert.Less(t, s, b-100, "unserved work during the outage")
	s, b = compare(t, on, off, "national", "vault_mw", "2028-01", "2028-03")
	assert.Positive(t, s, "work served from the vault")
	assert.Zero(t, b, "no vault, no failover")
	compare(t, on, off, "guizhou", "utilisation", "2028-01", "2028-03")
	s, b = compare(t, on, off, "national", "vault_mw", "2027-01", "2027-12")
	assert.Zero(t, s+b, "the vault acts only during outages")
	unchanged(t, on, off, "national", "unserved_mw", "2027-01", "2027-12", 1e-9)
	unchanged(t, on, off, "national", "served_cold_mw", "2028-01", "2028-03", 0.01)
	unchanged(t, on, off, "national", "used_mw", "2028-06", "2028-12", 0.01)
	unchanged(t, on, off, "national", "capacity_mw", "2029-01", "2029-12", 0.01)
}

// TestScenarioExportControlsLeak: under export controls, remote access to foreign clouds (a quarter of
// the denied accelerator capacity, the preset's default) against no leak (accelerator_leak=0): training
// work runs abroad, so more of it is served and less work is unserved — a little, since the cut supply
// seldom binds after 2022 (TestScenarioExportControls); accelerator capacity at home is unchanged within
// noise (the leak does not build anything in China).
func TestScenarioExportControlsLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	leak, none := presetRuns(t, "export-controls"), setRuns(t, "export-controls", "datacentres.accelerator_leak=0")
	s, b := compare(t, leak, none, "national", "remote_accel_mw", "2025-01", "2035-12")
	assert.Positive(t, s, "training work abroad with a leak")
	assert.Zero(t, b, "none without")
	s, b = compare(t, leak, none, "national", "served_train_mw", "2025-01", "2035-12")
	assert.Greater(t, s, b, "served training work 2025-2035")
	s, b = compare(t, leak, none, "national", "unserved_mw", "2025-01", "2035-12")
	assert.Less(t, s, b, "unserved work 2025-2035")
	unchanged(t, leak, none, "national", "accelerator_mw", "2025-01", "2035-12", 0.02)
	unchanged(t, leak, none, "national", "capacity_mw", "2025-01", "2035-12", 0.02)
	unchanged(t, leak, none, "national", "demand_mw", "2025-01", "2035-12", 0.01)
}

// TestScenarioGreenMandate: from 2025-01 new capacity brings its own renewables for 80 % of its energy.
// National CO2 per MWh falls by 2035, but only a little (about 5 %): the capacity built before 2025 (the
// 2013-2024 build-out) still does most of the work in 2035 on grid power, and the mandate's dearer builds
// mean few new ones. Demand and everything before the
// mandate are untouched. Capacity is not: the mandate nearly doubles the capex of a build (the plant is
// 3.7 MW of nameplate per MW of IT at 5M yuan/MW), provinces start less, and utilisation rises while more
// work goes unserved; the test logs these side effects and pins their direction.
func TestScenarioGreenMandate(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario runs")
	}
	base, scn := baselineRuns(t), presetRuns(t, "green-mandate")
	intensity := func(r *seriesRun) float64 {
		return r.window(t, "national", "co2_t", "2035-01", "2035-12") / r.window(t, "national", "energy_mwh", "2035-01", "2035-12")
	}
	s, b := medianOf(scn, intensity), medianOf(base, intensity)
	t.Logf("national CO2 per MWh in 2035, median of %d seeds: scenario %.4f, baseline %.4f t/MWh", len(scn), s, b)
	assert.Less(t, s, 0.97*b, "CO2 per MWh by 2035")
	compare(t, scn, base, "national", "co2_t", "2035-01", "2035-12")
	compare(t, scn, base, "national", "energy_mwh", "2035-01", "2035-12")
	unchanged(t, scn, base, "national", "demand_mw", "2025-01", "2035-12", 0.01)
	unchanged(t, scn, base, "national", "capacity_mw", "2022-01", "2024-12", 0.01)
	unchanged(t, scn, base, "national", "utilisation", "2022-01", "2024-12", 0.01)
	// Side effects of the dearer builds (explained above): less capacity, higher utilisation.
	s, b = compare(t, scn, base, "national", "capacity_mw", "2030-01", "2035-12")
	assert.Less(t, s, b, "capacity 2030-2035 (dearer builds)")
	s, b = compare(t, scn, base, "national", "utilisation", "2030-01", "2035-12")
	assert.Greater(t, s, b, "utilisation 2030-2035 (less capacity for the same demand)")
	compare(t, scn, base, "national", "unserved_mw", "2030-01", "2035-12")
}

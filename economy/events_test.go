package economy

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// eventWorld builds the tiny world with the given events, before its first month.
func eventWorld(t *testing.T, edit func(*configs.Scenario)) *World {
	t.Helper()
	s := tinyScenario()
	s.End = "2030-12"
	edit(s)
	w, err := NewWorld(s)
	require.NoError(t, err)
	return w
}

// stepMonth runs one month of the economy in the model's phase order (no agents).
func stepMonth(t *testing.T, w *World, rng *rand.Rand) {
	t.Helper()
	w.BeginMonth()
	w.FireEvents(rng)
	w.OpenDueEvents()
	w.AdvanceConstruction()
	w.GenerateDemand(rng)
	require.NoError(t, w.Allocate())
	w.Operate()
}

func TestOutageEvictsAndRestores(t *testing.T) {
	w := eventWorld(t, func(s *configs.Scenario) {
		s.Events = []configs.Event{{Kind: "outage", Month: "2020-03", Target: "east", DurationMonths: 2}}
	})
	rng := rngFor(1)
	stepMonth(t, w, rng)
	stepMonth(t, w, rng)
	east := w.Provinces[0]
	require.Positive(t, w.Contracts.Used(0), "east runs work before the outage")
	online := east.OnlineMW
	for range 2 {
		stepMonth(t, w, rng)
		assert.Zero(t, east.UsableMW(), "no capacity during the outage")
		assert.Zero(t, w.Contracts.Used(0), "contracts at the site evicted")
		assert.Equal(t, online, east.OnlineMW, "the stock is still there")
	}
	stepMonth(t, w, rng)
	assert.Equal(t, 1.0, east.Usable)
	assert.Equal(t, east.OnlineMW, east.UsableMW())
	assert.Positive(t, w.Contracts.Used(0), "work returns after the outage")
	require.Len(t, w.Log, 1)
	assert.Equal(t, "Outage in east: 100 MW of data centres offline for 2 months; their work is re-tendered", w.Log[0].Description)
}

func TestPriceShocksScaleAndRestore(t *testing.T) {
	base := eventWorld(t, func(*configs.Scenario) {})
	w := eventWorld(t, func(s *configs.Scenario) {
		s.Events = []configs.Event{
			{Kind: "power_price", Month: "2020-02", Target: "west", DurationMonths: 2, Magnitude: 2},
			{Kind: "coal_price", Month: "2020-02", DurationMonths: 1, Magnitude: 0.4},
		}
	})
	r1, r2 := rngFor(3), rngFor(3)
	stepMonth(t, base, r1)
	stepMonth(t, w, r2)
	stepMonth(t, base, r1)
	stepMonth(t, w, r2)
	// Month 2: both shocks; the energy cost is the price times the factor (thermal 0.5 everywhere).
	assert.InDelta(t, 2*1.2, w.Provinces[1].PriceFactor, 1e-12)
	assert.InDelta(t, 1.2, w.Provinces[0].PriceFactor, 1e-12)
	assert.InDelta(t, base.Provinces[1].EnergyCostMWh*2.4, w.Provinces[1].EnergyCostMWh, 1e-6)
	stepMonth(t, w, r2) // month 3: coal over, power still on
	assert.Equal(t, 2.0, w.Provinces[1].PriceFactor)
	assert.Equal(t, 1.0, w.Provinces[0].PriceFactor)
	stepMonth(t, w, r2) // month 4: all over
	for _, p := range w.Provinces {
		assert.Equal(t, 1.0, p.PriceFactor)
	}
	stepMonth(t, base, r1)
	stepMonth(t, base, r1)
	assert.Equal(t, base.Provinces[1].PowerPrice, w.Provinces[1].PowerPrice, "the price path itself is untouched")
}

func TestDroughtChipIXPFibrePolicy(t *testing.T) {
	w := eventWorld(t, func(s *configs.Scenario) {
		s.Network.HistoricHubs = []string{"east"}
		s.DataCentres.AcceleratorSupplyMW = 1000
		s.Events = []configs.Event{
			{Kind: "drought", Month: "2020-02", Target: "west", DurationMonths: 1, Magnitude: 0.5},
			{Kind: "chip_supply", Month: "2020-02", DurationMonths: 1, Magnitude: 0.5},
			{Kind: "ixp", Month: "2020-02", Target: "west"},
			{Kind: "fibre", Month: "2020-02", Target: "west", To: "west2"},
			{Kind: "policy", Month: "2020-02", Key: "planner.enforcement", Value: 0.8},
		}
	})
	orig := w.Scn.Planner.Enforcement
	rng := rngFor(1)
	stepMonth(t, w, rng)
	west := w.Provinces[1]
	supply := w.AcceleratorSupply()
	lat := w.Net.Latency(2, 1)
	corr := west.CorridorMW
	assert.False(t, west.HasIXP)
	stepMonth(t, w, rng)
	assert.Equal(t, 0.5, west.Usable)
	assert.InDelta(t, west.OnlineMW/2, west.UsableMW(), 1e-9)
	assert.InDelta(t, supply/2, w.AcceleratorSupply(), 1e-9, "chip supply scales the national accelerator supply")
	assert.True(t, west.HasIXP)
	assert.Less(t, w.Net.Latency(2, 1), lat, "the direct line ends the detour through east")
	assert.Equal(t, corr+w.Scn.Network.FibreLineMW, west.CorridorMW)
	assert.Equal(t, 1, w.Net.OpenLines)
	assert.Equal(t, 0.8, w.Policy.Enforcement)
	stepMonth(t, w, rng)
	assert.Equal(t, 1.0, west.Usable)
	assert.Equal(t, 1.0, w.ChipFactor)
	assert.True(t, west.HasIXP, "openings are permanent")
	assert.Equal(t, 0.8, w.Policy.Enforcement, "a policy holds from its month on")
	assert.Equal(t, orig, w.Scn.Planner.Enforcement, "the scenario stays as loaded")
	assert.Equal(t, 0.0, orig, "tiny scenario's enforcement was 0")
	assert.Len(t, w.Log, 5)
}

func randomLog(t *testing.T, seed uint64, rate float64) []FiredEvent {
	w := eventWorld(t, func(s *configs.Scenario) {
		s.RandomEvents = []configs.RandomEvent{{Kind: "power_price", RatePerYear: rate, DurationMonths: 1, Magnitude: 1.5}}
	})
	rng := rngFor(seed)
	for range 120 {
		w.Now++
		w.FireEvents(rng)
	}
	return w.Log
}

func TestRandomEvents(t *testing.T) {
	assert.Empty(t, randomLog(t, 1, 0), "rate 0 never fires")
	a, b, c := randomLog(t, 7, 6), randomLog(t, 7, 6), randomLog(t, 8, 6)
	assert.Equal(t, a, b, "same seed, same events")
	assert.NotEqual(t, a, c, "another seed, other events")
	// 3 provinces x 10 years x 6/yr = 180 expected strikes (Bernoulli monthly: 3x120x(1-e^-0.5) = 142).
	assert.InDelta(t, 180, len(a), 60)
}

// Lines lists the scenario's lines, those opened by events and those provinces build, with their state.
func TestNetworkLines(t *testing.T) {
	w := eventWorld(t, func(s *configs.Scenario) {
		s.Network.HistoricHubs = []string{"east"}
		s.Events = []configs.Event{{Kind: "fibre", Month: "2020-02", Target: "west", To: "west2"}}
	})
	rng := rngFor(1)
	stepMonth(t, w, rng)
	before := len(w.Net.Lines(nil))
	w.Net.AddLine(0, 2, w.Now+3)
	lines := w.Net.Lines(nil)
	require.Len(t, lines, before+1)
	added := lines[len(lines)-1]
	assert.Equal(t, Line{A: 0, B: 2, Month: w.Now + 3, Open: false}, added)
	for range 4 {
		stepMonth(t, w, rng)
	}
	lines = w.Net.Lines(lines[:0])
	assert.True(t, lines[len(lines)-1].Open, "a built line opens at its month")
	found := false
	for _, l := range lines {
		found = found || (l.A == 1 && l.B == 2 && l.Open)
	}
	assert.True(t, found, "the event's line is listed and open")
}

// Every event kind has an effect: something that happens when it fires, and an effect in force exactly
// for the kinds that last.
func TestEveryKindHasAnEffect(t *testing.T) {
	for _, k := range configs.EventKinds() {
		assert.NotNil(t, effects[k].fire, "%s fires", k)
		assert.Equal(t, k.Spec().Lasts, effects[k].apply != nil, "%s: an effect in force exactly when the kind lasts", k)
	}
}

// A world built from an unvalidated scenario rejects an unknown kind instead of firing nothing.
func TestUnknownEventKind(t *testing.T) {
	s := tinyScenario()
	s.Events = []configs.Event{{Kind: "meteor", Month: "2020-03"}}
	_, err := NewWorld(s)
	assert.ErrorContains(t, err, `event[0].kind: unknown event kind "meteor"`)
	s = tinyScenario()
	s.RandomEvents = []configs.RandomEvent{{Kind: "ixp", RatePerYear: 1, DurationMonths: 1}}
	_, err = NewWorld(s)
	assert.ErrorContains(t, err, `random_event[0].kind: "ixp" is not a kind that lasts`)
}

// The world levers are policy levers too: a policy event sets transit cost and the latency bounds from its
// month (the bounds in force at once), and extra growth bends demand from the next month on.
func TestPolicyEventSetsWorldLevers(t *testing.T) {
	w := eventWorld(t, func(s *configs.Scenario) {
		s.Events = []configs.Event{
			{Kind: "policy", Month: "2020-02", Key: "network.transit_cost", Value: 0},
			{Kind: "policy", Month: "2020-02", Key: "demand.rtt_bound_change", Value: 0.5},
			{Kind: "policy", Month: "2020-02", Key: "demand.extra_growth", Value: 0.2},
		}
	})
	base, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	base.Events = append(base.Events, w.Scn.Events...)
	require.NoError(t, base.Validate(), "the policy event kind takes the world levers' keys")
	base.Events[len(base.Events)-1].Value = 2
	assert.ErrorContains(t, base.Validate(), "demand.extra_growth", "and checks their ranges")
	rng := rngFor(1)
	stepMonth(t, w, rng)
	require.Equal(t, 1.0, w.DemandLift)
	stepMonth(t, w, rng)
	assert.Equal(t, 0.0, w.Policy.TransitCost)
	for _, c := range w.Classes {
		assert.Equal(t, c.Cfg.RTTBoundMs*1.5, c.RTTBoundMs, c.ID)
	}
	assert.Equal(t, 1.0, w.DemandLift, "extra growth compounds from the month after it is set")
	stepMonth(t, w, rng)
	assert.InDelta(t, math.Pow(1.2, 1.0/12), w.DemandLift, 1e-12)
	assert.NotZero(t, w.Scn.Network.TransitCost, "the scenario stays as loaded")
}

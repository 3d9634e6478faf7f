package economy

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// tinyScenario is a hand-checkable world: an eastern metropolis with dear power, a cheap western site
// 1,200 km away and a slightly dearer western site 1,500 km away. Everyone has an IXP; no noise.
func tinyScenario() *configs.Scenario {
	prov := func(id, region string, lat, lon, price, capMW, corridor float64) configs.Province {
		return configs.Province{ID: id, NameEN: id, Region: region, Lat: lat, Lon: lon,
			PopulationM: 10, GDPBnYuan: 1000, DigitalIntensity: 1, PowerPrice: price, Thermal: 0.5, Hydro: 0.5,
			SparePowerMW: 1e6, MeanTempC: 10, LandHa: 1e4, RevenueBnYuan: 100, LandSaleBnYuan: 50,
			Compliance: 1, CapacityMW: capMW, VintageYear: 2020, CorridorMW: corridor}
	}
	east := prov("east", "east", 31.2, 121.5, 0.70, 100, 1000)
	west := prov("west", "west", 31.2, 108.9, 0.35, 100, 1000) // ~1,200 km west
	west2 := prov("west2", "west", 31.2, 105.7, 0.38, 100, 1000)
	east.DigitalIntensity = 1
	west.GDPBnYuan, west2.GDPBnYuan = 0, 0 // all data is produced in the east
	east.Neighbours, west.Neighbours, west2.Neighbours = []string{"west"}, []string{"east", "west2"}, []string{"west"}
	return &configs.Scenario{
		Name: "tiny", Seed: 1, Regime: "planned", Start: "2020-01", End: "2020-12",
		Provinces: []configs.Province{east, west, west2},
		Network: configs.Network{HistoricHubs: []string{"east", "west", "west2"}, RouteFactor: 1.5,
			MsPer100Km: 1, HopMs: 2, AccessMs: 4, TransitCost: 10000},
		Demand: configs.Demand{TotalMW: 100, Classes: []configs.Class{
			{ID: "hot", RTTBoundMs: 10, Share: 0.5, LatencyValue: 1000, TransitWeight: 1, ContractMonths: 12},
			{ID: "cold", RTTBoundMs: 0, Share: 0.5, LatencyValue: 10, TransitWeight: 1, ContractMonths: 12},
		}},
		DataCentres: configs.DataCentres{LeadTimeMonths: 24, LifeYears: 20, CapexMYuanPerMW: 20,
			AcceleratorCapexFactor: 2, PUE2020: 1.3, PUEBest: 1.1, MaxOccupancy: 1, PricePerMWh: 400},
		Power:     configs.Power{ThermalCO2: 0.85},
		Fiscal:    configs.Fiscal{InterestRate: 0.03, TaxRate: 0.1, SpendingRatio: 1},
		Planner:   configs.Planner{QuotaMonth: 1, TargetUtilisation: 0.65},
		Behaviour: configs.Behaviour{BuildOptionsMW: []float64{0}, NoiseTemperature: 1},
		Allocator: configs.Allocator{UnservedPenalty: 1e7},
	}
}

// newTinyWorld builds the tiny world at its first month.
func newTinyWorld(t *testing.T, edit func(*configs.Scenario)) *World {
	t.Helper()
	s := tinyScenario()
	if edit != nil {
		edit(s)
	}
	w, err := NewWorld(s)
	require.NoError(t, err)
	w.BeginMonth()
	w.OpenDueEvents()
	w.AdvanceConstruction()
	return w
}

// placeDemand sets demand by hand (MW per origin and class) and runs the allocator.
func placeDemand(t *testing.T, w *World, demand map[[2]int]float64) {
	t.Helper()
	for k, v := range demand {
		w.DemandMW[k[0]][k[1]] = v
	}
	require.NoError(t, w.Allocate())
	w.Operate()
}

func rngFor(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }

// The world parses the scenario's enums and months once, as it is built, and refuses what it cannot
// parse (a scenario that skipped validation) instead of running with a default.
func TestWorldParsesOnce(t *testing.T) {
	w, err := NewWorld(tinyScenario())
	require.NoError(t, err)
	assert.Equal(t, configs.RegimePlanned, w.Regime)
	assert.Equal(t, configs.NewMonth(2020, 1), w.Start)
	for _, tc := range []struct {
		edit func(*configs.Scenario)
		msg  string
	}{
		{func(s *configs.Scenario) { s.Regime = "anarchy" }, `regime: unknown regime "anarchy"`},
		{func(s *configs.Scenario) { s.End = "2020-13" }, `end: bad month "2020-13"`},
		{func(s *configs.Scenario) {
			s.Hubs = []configs.Hub{{ID: "h", Side: "north", Provinces: []string{"west"}, Designated: "2020-01"}}
		}, `hub.h.side: unknown hub side "north"`},
		{func(s *configs.Scenario) { s.Vault.Since = "soon" }, `vault.since: bad month "soon"`},
	} {
		s := tinyScenario()
		tc.edit(s)
		_, err := NewWorld(s)
		assert.ErrorContains(t, err, tc.msg)
	}
}

// TestStockAllocatedOnce checks that DCs holding the baseline's starting stock was allocated for it, not
// grown: its capacity is the length rounded up to an allocation size, where growth would have left at
// least a quarter more.
func TestStockAllocatedOnce(t *testing.T) {
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	w, err := NewWorld(s)
	require.NoError(t, err)
	require.NotEmpty(t, w.DCs)
	assert.Less(t, cap(w.DCs), len(w.DCs)*5/4)
}

// TestSiteAggregatesResummed checks the provinces' capacity aggregates month after month, as data
// centres are started, halted, rationed accelerators, come online (some out of the order started) and
// retire, against one pass over every data centre in order: the refresh re-sums only the provinces where
// something changed, or adds to the sums (sites.go), which must give the same bits.
func TestSiteAggregatesResummed(t *testing.T) {
	w := newTinyWorld(t, func(s *configs.Scenario) {
		s.End = "2031-12"
		s.DataCentres.LifeYears = 2 // retirements within the run
		s.DataCentres.LeadTimeMonths = 3
		s.DataCentres.PUEPerDegC = 0.01
		s.DataCentres.AcceleratorShareNew = 0.3
		s.DataCentres.AcceleratorSupplyMW = 5
		s.DataCentres.AcceleratorLeak = 0.5
	})
	w.ChipFactor = 0.5 // a supply cut: builds are denied accelerators, which leak abroad
	retired, halted, outOfOrder := 0, 0.0, 0
	for month := 0; w.Now < w.End; month++ {
		switch month % 6 { // a build comes online before one started a month earlier
		case 2:
			w.Scn.DataCentres.LeadTimeMonths = 4
			w.StartBuild(2, NewBuild{MW: 3})
		case 3:
			w.Scn.DataCentres.LeadTimeMonths = 1
			w.StartBuild(2, NewBuild{MW: 4})
		}
		w.Scn.DataCentres.LeadTimeMonths = 3
		if month%5 == 0 {
			w.StartBuild(month%3, NewBuild{MW: float64(10 + month%7)})
		}
		if month%4 == 0 {
			w.StartBuild(month%2, NewBuild{MW: 7.3, BeyondQuota: true})
			halted += w.HaltBeyondQuota(month%2, 0.3)
		}
		w.Now++
		w.AdvanceConstruction()
		np := len(w.Provinces)
		online, accel, building := make([]float64, np), make([]float64, np), make([]float64, np)
		pue, wue := make([]float64, np), make([]float64, np)
		denied := 0.0
		retired = 0
		for i, d := range w.DCs {
			want := Retired // every data centre changes state in the month its date comes
			switch {
			case w.Now < d.OnlineAt:
				want = Building
			case w.Now < d.RetireAt:
				want = Online
			}
			require.Equal(t, want, d.State, "%s: data centre %d", w.Now, i)
			if d.OnlineAt == w.Now {
				for _, e := range w.DCs[i+1:] {
					if e.Province == d.Province && e.OnlineAt < w.Now && e.State == Online {
						outOfOrder++ // d comes online after a later build: merged into the sums
						break
					}
				}
			}
			switch d.State {
			case Online:
				online[d.Province] += d.MW
				accel[d.Province] += float64(d.MW * d.AccelShare)
				pue[d.Province] += float64(d.MW * d.PUE)
				wue[d.Province] += float64(d.MW * d.WUE)
				denied += d.DeniedAccelMW
			case Building:
				building[d.Province] += d.MW
			case Retired:
				retired++
			}
		}
		live := 0
		for i, p := range w.Provinces {
			require.Equal(t, online[i], p.OnlineMW, "%s %s online", w.Now, p.ID)
			require.Equal(t, accel[i], p.AccelOnlineMW, "%s %s accelerators", w.Now, p.ID)
			require.Equal(t, building[i], p.BuildingMW, "%s %s building", w.Now, p.ID)
			if online[i] > 0 {
				require.Equal(t, pue[i]/online[i], p.PUE, "%s %s PUE", w.Now, p.ID)
				require.Equal(t, wue[i]/online[i], p.WUE, "%s %s WUE", w.Now, p.ID)
			} else {
				require.Equal(t, w.pue(w.Now.Year(), p.SiteTempC), p.PUE, "%s %s PUE of an empty site", w.Now, p.ID)
			}
			live += len(w.sites[i].online) + len(w.sites[i].building)
		}
		require.Equal(t, w.Scn.DataCentres.AcceleratorLeak*denied, w.AbroadMW, "%s abroad", w.Now)
		require.Equal(t, len(w.DCs)-retired, live, "%s: the live lists", w.Now)
	}
	assert.Positive(t, retired, "no data centre retired: the test shows nothing")
	assert.Positive(t, halted, "no build halted: the test shows nothing")
	assert.Positive(t, outOfOrder, "no build came online out of order: the test shows nothing")
	assert.NotEmpty(t, w.deniedDCs, "no accelerators denied: the test shows nothing")
}

// HaltBeyondQuota cuts the share of the province's over-quota builds started this month, and nothing
// else: not its builds within quota, not those started in earlier months (still under construction), not
// other provinces' builds of this month, whatever their order in DCs.
func TestHaltBeyondQuotaCutsThisMonthsBuilds(t *testing.T) {
	w := newTinyWorld(t, nil)
	w.StartBuild(0, NewBuild{MW: 5, BeyondQuota: true}) // last month's
	w.Now++
	mine := []int{
		w.StartBuild(0, NewBuild{MW: 8, BeyondQuota: true}),
		w.StartBuild(1, NewBuild{MW: 6, BeyondQuota: true}),
		w.StartBuild(0, NewBuild{MW: 3}),
		w.StartBuild(0, NewBuild{MW: 4, BeyondQuota: true}),
		w.StartBuild(1, NewBuild{MW: 2}),
	}
	before := slices.Clone(w.DCs)
	halted := w.HaltBeyondQuota(0, 0.25)
	assert.Equal(t, 3.0, halted) // a quarter of 8 + 4
	for i, d := range w.DCs {
		want := before[i].MW
		if i == mine[0] || i == mine[3] {
			want *= 0.75
		}
		assert.Equal(t, want, d.MW, "data centre %d", i)
	}
}

// TestKWIsTheFloor checks kW's truncation against the floor it stands for, on whole, nearly whole,
// tiny, huge and invalid amounts.
func TestKWIsTheFloor(t *testing.T) {
	floorKW := func(mw float64) int64 {
		if mw <= 0 || math.IsNaN(mw) {
			return 0
		}
		return int64(math.Floor(float64(mw*1000) + 1e-6))
	}
	inputs := []float64{0, math.Copysign(0, -1), -1, -1e-9, 1e-300, 1e-9, 0.0009999999, 0.001, 1, 2.5, 1e15, 1e300,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		whole := float64(rng.IntN(1 << 30))
		inputs = append(inputs, rng.Float64()*1000, whole/1000, math.Nextafter(whole/1000, 0),
			math.Nextafter(whole/1000, math.Inf(1)), rng.NormFloat64()*1e6)
	}
	for _, mw := range inputs {
		require.Equal(t, floorKW(mw), kW(mw), "kW(%v)", mw)
	}
}

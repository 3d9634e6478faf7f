// Package economy is the world of dongshu: provinces, data centres, power, land, water, the fibre and
// latency graph, demand, contracts, the allocator and the accounts. It holds state and the mechanisms
// that change it; it makes no decisions (package agents does), renders nothing and does no file I/O.
//
// Units used throughout: capacity and load in MW of IT power; money in yuan inside a month's flows and
// bn yuan in fiscal stocks; energy in MWh; time in months (configs.Month).
//
// Arithmetic gives the same bits on every machine (amd64 servers, arm64 Macs, js/wasm in the browser), so
// that a scenario and seed reproduce anywhere. The Go spec lets a compiler fuse x*y + z into one fused
// multiply-add, which rounds once instead of twice: arm64 does, amd64 (below GOAMD64=v3) and wasm do not.
// An explicit conversion forbids it, so here and in all of dongshu's code but what only draws or reads the
// clock a product that feeds a sum or a difference, directly or through a variable or an inlined call, is
// written float64(x*y). TestNoFusedMultiplyAdd (cmd/dongshu-batch; its fusionExempt lists the exceptions)
// finds any the compiler still fuses in the arm64 build.
// Elementary functions and normal draws come from economy/detmath, not math and rand.NormFloat64, whose
// last bits differ by architecture. TestSameOutputsOnEveryArch compares whole runs on amd64, arm64, wasm.
package economy

import (
	"fmt"
	"math"
	"slices"

	"dongshu/configs"
	"dongshu/economy/detmath"
)

// HoursPerMonth is the average number of hours in a month (8,760 / 12).
const HoursPerMonth = 730.0

// Side says which side of the East Data, West Computing plan a hub is on (configs.Side).
type Side = configs.Side

// Hub sides.
const (
	NoHub   = configs.NoHub
	EastHub = configs.EastHub
	WestHub = configs.WestHub
)

// Province is one province's state.
type Province struct {
	Cfg   *configs.Province
	Index int
	ID    string
	// Neighbours are indices of land neighbours (the rivals).
	Neighbours []int
	// DemandShare is the province's share of national data production.
	DemandShare float64

	// Site is where new data centres are built: the cluster if the province has one, else the capital.
	SiteLat, SiteLon, SiteTempC float64
	Cluster                     int // index into World.Clusters, -1 if none
	Hub                         int // index into World.Hubs, -1 if none
	HubSide                     Side
	HubActive                   bool // the hub has been designated by now

	HasIXP     bool
	CorridorMW float64 // inbound trunk capacity for remote work

	// Event effects in force this month (1 when none): PriceFactor multiplies the power price (power and
	// coal price shocks); Usable is the share of online capacity that can run (outage 0, drought).
	PriceFactor float64
	Usable      float64
	Outage      bool // an outage event has its data centres offline (the vault may take its work)

	PowerPrice   float64 // yuan/kWh now, before scarcity markup and local subsidy
	SparePowerMW float64 // spare generation available to data-centre load
	LocalSubsidy float64 // yuan/kWh discount the province pays data centres

	LandLeftHa float64
	FarmlandHa float64 // farmland taken so far
	// BuildCapMW is the most new capacity the province lets start in a year (+Inf: no restriction; a
	// build_cap event sets it, e.g. Beijing's and Shanghai's restrictions on new data centres).
	BuildCapMW float64

	// Fiscal state (bn yuan).
	Debt         float64
	LandSale     float64 // yearly land-sale revenue now
	BaseRevenue  float64 // yearly general revenue excluding land sales
	BaseSpending float64 // yearly base spending
	Ledger       Ledger  // this month's flows

	// Quota round of the current year.
	QuotaMW          float64 // quota granted
	StartedMW        float64 // capacity started this year
	BeyondQuotaMW    float64 // of which beyond quota
	ModerationCalled bool
	Penalised        bool

	// Aggregates refreshed each month by World.refreshSites.
	OnlineMW      float64
	AccelOnlineMW float64
	BuildingMW    float64
	PUE           float64 // capacity-weighted PUE of online capacity
	WUE           float64 // capacity-weighted WUE of online capacity (L/kWh)
	GreenShare    float64 // capacity-weighted share of energy from the builds' own renewables (green mandate)

	// Loads (kW integers inside the contract book; MW here for reading).
	UsedMW         float64
	UsedAccelMW    float64
	RemoteInMW     float64 // work placed here from other provinces
	CorridorLoad   float64 // RemoteInMW / CorridorMW last month, for congestion
	EnergyCostMWh  float64 // yuan per MWh of IT energy at this site this month
	FacilityLoadMW float64 // grid load of the site's data centres
	BaseLoadMW     float64 // that load in the first month: what the grid carried before the run

	// Outcome flows this month.
	EnergyMWh float64
	CO2t      float64
	WaterM3   float64
	SalesYuan float64
}

// Ledger is one province's fiscal flows in one month (bn yuan). Debt changes by Spending() - Revenue().
type Ledger struct {
	GeneralRevenue float64
	LandSales      float64 // ordinary land-sale revenue
	DCLandSales    float64 // land sold for data centres
	DCTaxes        float64
	BaseSpending   float64
	Subsidies      float64 // local power subsidies paid
	Investment     float64 // fibre and power investments, and the local share of data-centre capex
	CentralSubsidy float64 // central subsidy for capacity started in a designated hub
	Interest       float64
	Penalties      float64
}

// Revenue is the month's total revenue.
func (l Ledger) Revenue() float64 {
	return l.GeneralRevenue + l.LandSales + l.DCLandSales + l.DCTaxes + l.CentralSubsidy
}

// Spending is the month's total spending.
func (l Ledger) Spending() float64 {
	return l.BaseSpending + l.Subsidies + l.Investment + l.Interest + l.Penalties
}

// DCState is a data centre's life stage.
type DCState int

// Data-centre states.
const (
	Building DCState = iota
	Online
	Retired
)

// DataCentre is one build: a campus phase started in one province in one month.
type DataCentre struct {
	Province    int
	Cluster     int
	MW          float64
	AccelShare  float64
	State       DCState
	Start       configs.Month
	OnlineAt    configs.Month
	RetireAt    configs.Month
	CapexBn     float64
	PUE         float64
	WUE         float64
	BeyondQuota bool
	// Private is a firm's build: the province paid no share of its capex.
	Private bool
	// Matched is the share of its energy supplied by its own renewables (green mandate, 0 without).
	Matched float64
	// DeniedAccelMW is the accelerator capacity the build wanted and the supply cut denied it (chip_supply
	// below 1); AcceleratorLeak of it is reachable abroad while the build is online.
	DeniedAccelMW float64
}

// Hub is a designated national computing hub.
type Hub struct {
	Cfg        *configs.Hub
	Side       Side
	Provinces  []int
	Designated configs.Month
}

// Class is a workload class.
type Class struct {
	Cfg   *configs.Class
	Index int
	ID    string
	// RTTBoundMs is the latency bound in force (ms; 0: none): Cfg.RTTBoundMs changed by the policy's
	// demand.rtt_bound_change lever, updated at the start of each month and by a policy event (applyRTTBounds).
	RTTBoundMs float64
}

// World is the whole state of the economy at one month.
type World struct {
	// Scn is the scenario as loaded, read only: what changes during a run is the world's own state (the
	// policy in force is Policy, not Scn.Planner).
	Scn *configs.Scenario
	// Regime is the scenario's regime, parsed.
	Regime configs.Regime
	// Policy is the level of every policy lever in force: the scenario's at the start, then changed by
	// policy events and a human planner.
	Policy configs.Policy
	// DemandLift multiplies every class's demand trend: 1 until demand.extra_growth is set, then it
	// compounds that growth month by month, so that demand continues from its level (BeginMonth).
	DemandLift float64
	Start      configs.Month
	End        configs.Month
	Now        configs.Month
	// SeededDCs is how many of DCs (the first ones) are the starting stock; the rest were started during
	// the run.
	SeededDCs int
	// BoomUntil is the month demand.boom_growth stops adding to every class's growth.
	BoomUntil configs.Month
	Provinces []*Province
	Hubs      []Hub
	Clusters  []configs.Cluster
	Classes   []Class
	// DCs is every data centre ever started, in the order started. Only the economy changes them
	// (StartBuild, HaltBeyondQuota, the allotment, construction), and whatever changes one but its state
	// calls siteChanged: the provinces' aggregates are re-summed from the data centres that changed (sites.go).
	DCs []DataCentre
	// sites holds each province's data-centre sums; dcsListed is how many of DCs they include;
	// deniedDCs lists the data centres not retired with denied accelerators (increasing indices).
	sites      []siteSums
	dcsListed  int
	deniedDCs  []int32
	cameOnline []int32 // scratch of sumSite

	// The monthly steps of the power price, the spare generation and DemandLift (BeginMonth).
	priceStep, spareStep, liftStep detmath.Memo

	Net       *Network
	Demand    *DemandModel
	Contracts *ContractBook
	Alloc     *Allocator

	// Demand[p][c] this month (MW) and the part placed or unserved this month.
	DemandMW   [][]float64
	ServedMW   [][]float64 // work in place at month end, by origin and class
	UnservedMW [][]float64
	// DemandDraws counts the draws of DemandMW (GenerateDemand): what is computed from the demand can be
	// kept while it stays the same.
	DemandDraws uint64

	// Events: the scripted list (by month), the random shocks, the effects in force and the log of
	// everything that fired (see events.go).
	Events     []Event
	Random     []RandomShock
	Active     []Effect
	Log        []FiredEvent
	ChipFactor float64 // multiplier on the national accelerator supply (chip_supply)
	nextEvent  int

	// Accelerators (accelerators.go): the ration of the last allotment (accelerator MW granted over MW
	// wanted), this year's grants with and without supply cuts, the first build not yet allotted, and the
	// foreign accelerator pool (AbroadSite is the contract book's extra site, -1 without a leak).
	AccelRation      float64
	accelYear        int
	accelGranted     float64
	accelGrantedFree float64
	allotFrom        int
	AbroadSite       int
	AbroadMW         float64 // foreign accelerator capacity reachable now (leak x denied MW online)
	// RemoteAccelMW is accelerator work of each origin running abroad at month end (MW).
	RemoteAccelMW []float64
	// The digital vault and the green mandate (vault.go).
	VaultSite  int // province index of the vault
	vaultSince configs.Month
	greenSince configs.Month
	// VaultMW is work of each origin served from the vault beyond its bound this month (MW).
	VaultMW []float64

	partnerships []partnership
	index        map[string]int
}

type partnership struct {
	east, west int
	credit     float64
	since      configs.Month
}

// month parses one of the scenario's months (key names it in the error). The world parses each month once,
// as it is built, and holds Months: nothing parses a date while the model runs.
func month(key, v string) (configs.Month, error) {
	m, err := configs.ParseMonth(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", key, err)
	}
	return m, nil
}

// monthOrNever is month for an optional month, "" meaning never.
func monthOrNever(key, v string) (configs.Month, error) {
	if v == "" {
		return never, nil
	}
	return month(key, v)
}

// NewWorld builds the world at its first month from a validated scenario.
func NewWorld(s *configs.Scenario) (*World, error) { return NewWorldMemo(s, nil) }

// NewWorldMemo is NewWorld with a memo of exchange paths that earlier worlds computed (nil: none), which the
// world uses and adds to; the world is the same with or without it.
func NewWorldMemo(s *configs.Scenario, memo *PathMemo) (*World, error) {
	start, err := month("start", s.Start)
	if err != nil {
		return nil, err
	}
	end, err := month("end", s.End)
	if err != nil {
		return nil, err
	}
	if err := CheckScenario(s); err != nil {
		return nil, err
	}
	regime, err := configs.ParseRegime(s.Regime)
	if err != nil {
		return nil, fmt.Errorf("regime: %w", err)
	}
	boomUntil, err := monthOrNever("demand.boom_until", s.Demand.BoomUntil)
	if err != nil {
		return nil, err
	}
	w := &World{Scn: s, Regime: regime, Policy: s.Policy(), Start: start, End: end, Now: start, BoomUntil: boomUntil,
		index: map[string]int{}, ChipFactor: 1, AccelRation: 1, AbroadSite: -1}
	for _, load := range []func() error{w.loadProvinces, w.loadHubs, w.loadClusters, w.loadPartnerships} {
		if err := load(); err != nil {
			return nil, err
		}
	}
	for i := range s.Demand.Classes {
		w.Classes = append(w.Classes, Class{Cfg: &s.Demand.Classes[i], Index: i, ID: s.Demand.Classes[i].ID})
	}
	w.DemandLift = 1
	w.applyRTTBounds()
	np, nc := len(w.Provinces), len(w.Classes)
	w.DemandMW, w.ServedMW, w.UnservedMW = grid(np, nc), grid(np, nc), grid(np, nc)

	if w.Net, err = newNetwork(w, memo); err != nil {
		return nil, err
	}
	w.Demand = NewDemandModel(w)
	w.Contracts = NewContractBook(np, nc, maxContract(s))
	w.Alloc = NewAllocator(np, nc, s.Seed)
	if err := w.loadEvents(); err != nil {
		return nil, err
	}
	if err := w.loadVaultAndGreen(); err != nil {
		return nil, err
	}
	w.seedStock()
	w.SeededDCs = len(w.DCs)
	w.allotFrom = len(w.DCs) // the starting stock has its accelerators
	w.UpdateHubs()
	w.refreshSites()
	// The first Step moves the clock to Start: the world is "the end of the month before".
	w.Now = start - 1
	return w, nil
}

// loadProvinces makes the provinces from the scenario, with their neighbours and shares of demand.
func (w *World) loadProvinces() error {
	s := w.Scn
	for i := range s.Provinces {
		w.index[s.Provinces[i].ID] = i
	}
	totalWeight := 0.0
	for i := range s.Provinces {
		pc := &s.Provinces[i]
		p := &Province{
			Cfg: pc, Index: i, ID: pc.ID, Cluster: -1, Hub: -1,
			SiteLat: pc.Lat, SiteLon: pc.Lon, SiteTempC: pc.MeanTempC,
			CorridorMW: pc.CorridorMW, PriceFactor: 1, Usable: 1, PowerPrice: pc.PowerPrice, SparePowerMW: pc.SparePowerMW,
			LandLeftHa: pc.LandHa, BuildCapMW: math.Inf(1), Debt: pc.DebtBnYuan, LandSale: pc.LandSaleBnYuan,
			BaseRevenue:  pc.RevenueBnYuan,
			BaseSpending: s.Fiscal.SpendingRatio * (pc.RevenueBnYuan + pc.LandSaleBnYuan),
		}
		for _, n := range pc.Neighbours {
			j, ok := w.index[n]
			if !ok {
				return fmt.Errorf("province.%s.neighbours: unknown province %q", pc.ID, n)
			}
			p.Neighbours = append(p.Neighbours, j)
		}
		p.DemandShare = float64(pc.GDPBnYuan * pc.DigitalIntensity)
		totalWeight += p.DemandShare
		w.Provinces = append(w.Provinces, p)
	}
	if totalWeight <= 0 {
		return fmt.Errorf("provinces: total GDP x digital_intensity is zero, no demand can arise")
	}
	for _, p := range w.Provinces {
		p.DemandShare /= totalWeight
	}
	return nil
}

// loadHubs makes the hubs and marks their provinces.
func (w *World) loadHubs() error {
	s := w.Scn
	for i := range s.Hubs {
		h := Hub{Cfg: &s.Hubs[i]}
		var err error
		if h.Side, err = configs.ParseSide(s.Hubs[i].Side); err != nil {
			return fmt.Errorf("hub.%s.side: %w", s.Hubs[i].ID, err)
		}
		if h.Designated, err = month("hub."+s.Hubs[i].ID+".designated", s.Hubs[i].Designated); err != nil {
			return err
		}
		for _, id := range s.Hubs[i].Provinces {
			j, ok := w.index[id]
			if !ok {
				return fmt.Errorf("hub.%s.provinces: unknown province %q", s.Hubs[i].ID, id)
			}
			h.Provinces = append(h.Provinces, j)
			w.Provinces[j].Hub = i
		}
		w.Hubs = append(w.Hubs, h)
	}
	return nil
}

// loadClusters places each province's build site at its first cluster.
func (w *World) loadClusters() error {
	w.Clusters = w.Scn.Clusters
	for i, c := range w.Scn.Clusters {
		j, ok := w.index[c.Province]
		if !ok {
			return fmt.Errorf("cluster.%s.province: unknown province %q", c.ID, c.Province)
		}
		p := w.Provinces[j]
		if p.Cluster < 0 { // a province's first cluster is its build site
			p.Cluster = i
			p.SiteLat, p.SiteLon, p.SiteTempC = c.Lat, c.Lon, c.MeanTempC
		}
	}
	return nil
}

// loadPartnerships reads the planner's east-west partnerships.
func (w *World) loadPartnerships() error {
	for k, pt := range w.Scn.Planner.Partnerships {
		e, wst := w.ProvinceIndex(pt.East), w.ProvinceIndex(pt.West)
		if e < 0 || wst < 0 {
			return fmt.Errorf("planner.partnership[%d]: unknown province in %q-%q", k, pt.East, pt.West)
		}
		since, err := month(fmt.Sprintf("planner.partnership[%d].since", k), pt.Since)
		if err != nil {
			return err
		}
		w.partnerships = append(w.partnerships, partnership{e, wst, pt.Credit, since})
	}
	return nil
}

func maxContract(s *configs.Scenario) int {
	m := 1
	for _, c := range s.Demand.Classes {
		m = max(m, c.ContractMonths)
	}
	return m
}

func grid(n, m int) [][]float64 {
	g := make([][]float64, n)
	flat := make([]float64, n*m)
	for i := range g {
		g[i] = flat[i*m : (i+1)*m : (i+1)*m]
	}
	return g
}

// ProvinceIndex returns the index of a province id, or -1.
func (w *World) ProvinceIndex(id string) int {
	if i, ok := w.index[id]; ok {
		return i
	}
	return -1
}

// YearsSinceStart is the time elapsed since the first month, in years.
func (w *World) YearsSinceStart() float64 { return float64(w.Now-w.Start) / 12 }

// startVintages is how many vintages the starting stock is spread over.
const startVintages = 10

// seedStock creates the starting stock: capacity online (ten data centres per province, one per
// vintage) and capacity under construction coming online evenly over the lead time.
func (w *World) seedStock() {
	dc := &w.Scn.DataCentres
	// Counted first so that DCs is allocated once, not grown a dozen times: a baseline run then allocates
	// 0.3 MB (13 %) less (December 2026).
	n := 0
	for _, p := range w.Provinces {
		if p.Cfg.CapacityMW > 0 {
			n += startVintages
		}
		if p.Cfg.BuildingMW > 0 {
			n += dc.LeadTimeMonths
		}
	}
	w.DCs = slices.Grow(w.DCs, n)
	for _, p := range w.Provinces {
		pc := p.Cfg
		// The stock online is spread evenly over ten vintages centred on its mean vintage year, so that it
		// retires over a decade rather than in one month; no vintage is later than the year before start.
		for k := range startVintages {
			year := min(pc.VintageYear-startVintages/2+k, w.Start.Year()-1)
			vintage := configs.NewMonth(year, 7)
			if pc.CapacityMW <= 0 {
				break
			}
			w.DCs = append(w.DCs, DataCentre{
				Province: p.Index, Cluster: -1, MW: pc.CapacityMW / startVintages, AccelShare: pc.AcceleratorShare,
				State: Online, Start: vintage - configs.Month(dc.LeadTimeMonths), OnlineAt: vintage,
				RetireAt: vintage + configs.Month(12*dc.LifeYears),
				PUE:      w.pue(year, pc.MeanTempC), WUE: w.wue(pc.MeanTempC, pc.WaterStress),
			})
		}
		if pc.BuildingMW > 0 {
			n := dc.LeadTimeMonths
			per := pc.BuildingMW / float64(n)
			for k := 1; k <= n; k++ {
				online := w.Start + configs.Month(k)
				w.DCs = append(w.DCs, DataCentre{
					Province: p.Index, Cluster: p.Cluster, MW: per, AccelShare: pc.AcceleratorShare,
					State: Building, Start: online - configs.Month(n), OnlineAt: online,
					RetireAt: online + configs.Month(12*dc.LifeYears),
					PUE:      w.pue(w.Start.Year(), p.SiteTempC), WUE: w.wue(p.SiteTempC, pc.WaterStress),
				})
			}
		}
	}
}

// pue is the power usage effectiveness of a build of the given vintage year in a climate: newer builds
// are more efficient down to the best the technology reaches; every degree of mean temperature above the
// reference costs cooling energy.
func (w *World) pue(vintage int, tempC float64) float64 {
	dc := &w.Scn.DataCentres
	base := max(dc.PUEBest, dc.PUE2020-float64(dc.PUEGainPerYear*float64(vintage-2020)))
	return base + float64(dc.PUEPerDegC*max(0, tempC-dc.PUERefTempC))
}

// wue is litres of water per kWh of IT energy: evaporative cooling uses more in warm climates; where
// water is stressed, operators use dry coolers for part of the year.
func (w *World) wue(tempC, stress float64) float64 {
	dc := &w.Scn.DataCentres
	return (dc.WUEBase + float64(dc.WUEPerDegC*max(0, tempC))) * (1 - float64(dc.WUEStressCut*stress))
}

// AcceleratorShareWanted is the accelerator share builds started now want (the technology mix); the
// year's national supply may grant less (accelerators.go).
func (w *World) AcceleratorShareWanted() float64 {
	dc := &w.Scn.DataCentres
	return min(1, dc.AcceleratorShareNew+float64(dc.AcceleratorShareGrowth*w.YearsSinceStart()))
}

// AcceleratorShareNew is the accelerator share a build started now expects: the share wanted times the
// ration of the last allotment (1 while the supply has never bound).
func (w *World) AcceleratorShareNew() float64 {
	return w.AcceleratorShareWanted() * w.AccelRation
}

// CapexBn is the investment in bn yuan for mw of capacity started now (general and accelerator capacity
// in the mix a build expects, and the renewables the green mandate requires).
func (w *World) CapexBn(mw float64) float64 { return w.capexAt(mw, w.AcceleratorShareNew()) }

// capexAt is the investment in bn yuan for mw of capacity started now with accelerator share acc
// (including the renewables the green mandate requires of it).
func (w *World) capexAt(mw, acc float64) float64 {
	dc := &w.Scn.DataCentres
	capex := mw * dc.CapexMYuanPerMW * (1 - acc + float64(acc*dc.AcceleratorCapexFactor)) / 1000
	if g := w.MatchedShareNew(); g > 0 {
		capex += w.greenCapexBn(mw, g)
	}
	return capex
}

// CentralSubsidyBn is the central subsidy (bn yuan) a province receives for mw started now: paid only
// inside a designated hub, under the planned regime.
func (w *World) CentralSubsidyBn(p int, mw float64) float64 {
	if !w.Regime.Planned() || !w.Provinces[p].HubActive {
		return 0
	}
	return mw * w.Policy.SubsidyMYuanPerMW / 1000
}

// GridStress is how much of its spare generation the data-centre load added since the start uses (0 to
// 1); it drives the scarcity markup on power. Added load with no spare generation at all is full stress.
func (p *Province) GridStress() float64 {
	extra := p.FacilityLoadMW - p.BaseLoadMW
	switch {
	case extra <= 0:
		return 0
	case p.SparePowerMW <= 0:
		return 1
	}
	return min(1, extra/p.SparePowerMW)
}

// NewBuild describes what a province starts building this month.
type NewBuild struct {
	MW          float64
	BeyondQuota bool
	// Private is a firm's build (market regime): the province sells the land and collects taxes later,
	// but pays no share of the construction.
	Private bool
	// OwnMix fits AccelShare of the build with accelerators (a firm building for AI work) instead of the
	// year's share for new builds; chip supply shocks scale it all the same.
	OwnMix     bool
	AccelShare float64
}

// StartBuild starts a data centre in a province's build site now; it takes land (and farmland), sells
// it, and returns the data centre's index. The caller has checked land is available.
func (w *World) StartBuild(p int, b NewBuild) int {
	pr := w.Provinces[p]
	dc := &w.Scn.DataCentres
	// The build asks for the share it wants; the allotment at the start of phase 3 rations it pro rata
	// over the month's builds when the year's national supply falls short, and corrects the capex.
	acc := w.AcceleratorShareWanted()
	if b.OwnMix {
		acc = min(1, max(0, b.AccelShare))
	}
	capex := w.capexAt(b.MW, acc)
	ha := min(pr.LandLeftHa, b.MW*dc.LandHaPerMW)
	pr.LandLeftHa -= ha
	pr.FarmlandHa += float64(ha * pr.Cfg.FarmlandShare)
	pr.Ledger.DCLandSales += ha * w.Scn.Fiscal.LandPriceMYuanPerHa / 1000
	if !b.Private {
		pr.Ledger.Investment += float64(capex * w.Scn.Fiscal.LocalCapexShare)
	}
	pr.Ledger.CentralSubsidy += w.CentralSubsidyBn(p, b.MW)
	online := w.Now + configs.Month(dc.LeadTimeMonths)
	w.DCs = append(w.DCs, DataCentre{
		Province: p, Cluster: pr.Cluster, MW: b.MW, AccelShare: acc, State: Building,
		Start: w.Now, OnlineAt: online, RetireAt: online + configs.Month(12*dc.LifeYears),
		CapexBn: capex, PUE: w.pue(w.Now.Year(), pr.SiteTempC), WUE: w.wue(pr.SiteTempC, pr.Cfg.WaterStress),
		BeyondQuota: b.BeyondQuota, Private: b.Private, Matched: w.MatchedShareNew(),
	})
	pr.StartedMW += b.MW
	if b.BeyondQuota {
		pr.BeyondQuotaMW += b.MW
	}
	return len(w.DCs) - 1
}

// HaltBeyondQuota cancels a share of a province's over-quota construction started this month (the
// planner's enforcement); the land stays sold. It returns the MW cancelled.
func (w *World) HaltBeyondQuota(p int, share float64) float64 {
	halted := 0.0
	// The builds started this month are the last of DCs (started in order, the starting stock before any):
	// only they are looked at, not every data centre ever started.
	from := len(w.DCs)
	for from > 0 && w.DCs[from-1].Start == w.Now {
		from--
	}
	for i := from; i < len(w.DCs); i++ {
		d := &w.DCs[i]
		if d.Province == p && d.BeyondQuota && d.State == Building && d.Start == w.Now {
			cut := float64(d.MW * share)
			// The province's share of the halted capex is not spent (halts come in the month the build
			// started, so this month's investment covers it).
			w.Provinces[p].Ledger.Investment -= float64(d.CapexBn * share * w.Scn.Fiscal.LocalCapexShare)
			d.MW -= cut
			d.CapexBn *= 1 - share
			halted += cut
			w.siteChanged(p)
		}
	}
	w.Provinces[p].BeyondQuotaMW -= halted
	w.Provinces[p].StartedMW -= halted
	return halted
}

// UpdateHubs activates hubs whose designation month has come.
func (w *World) UpdateHubs() {
	for _, p := range w.Provinces {
		if p.Hub < 0 {
			continue
		}
		h := &w.Hubs[p.Hub]
		// The market regime designates nothing: hub provinces are ordinary provinces there.
		p.HubActive = w.Now >= h.Designated && w.Regime.Planned()
		p.HubSide = NoHub
		if p.HubActive {
			p.HubSide = h.Side
		}
	}
}

// AdvanceConstruction brings finished data centres online and retires old ones. Retirement can leave a
// province with less capacity than its contracts; those are evicted back to the demand pool.
func (w *World) AdvanceConstruction() {
	w.allotAccelerators()
	w.refreshSitesAdvancing(true)
	for _, p := range w.Provinces {
		occ := w.Scn.DataCentres.MaxOccupancy
		// Capacity down (outage, drought) evicts the work it held back to the pool.
		w.Contracts.Fit(p.Index, kW((p.OnlineMW-p.AccelOnlineMW)*occ*p.Usable), kW(p.AccelOnlineMW*occ*p.Usable))
	}
	if w.AbroadSite >= 0 { // the foreign pool shrinks as the builds it stands for retire
		w.Contracts.Fit(w.AbroadSite, 0, kW(w.AbroadMW*w.Scn.DataCentres.MaxOccupancy))
	}
}

// kW converts MW to whole kW (the allocator's integer unit), rounding down so that placed work never
// exceeds capacity. The kW are positive there, where conversion to an integer (which truncates) is the
// floor: math.Floor would test a CPU feature and round first, on each of ~90,000 calls a run.
func kW(mw float64) int64 {
	if mw <= 0 || math.IsNaN(mw) {
		return 0
	}
	return int64(float64(mw*1000) + 1e-6)
}

// toMW converts whole kW back to MW.
func toMW(k int64) float64 { return float64(k) / 1000 }

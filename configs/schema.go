// Package configs holds the scenario schema of dongshu: every parameter a modeller can set, with its unit
// and valid range, strict TOML loading and validation, and the embedded presets.
//
// Each field carries three tags: `toml` (its key), `unit` (its unit, "1" for a pure number or share) and
// `range` (its valid closed interval "[min,max]"; an empty bound is unbounded). Validation, the `params`
// listing and the error messages all read the tags, so a field's unit and range live in one place; the doc
// comment says what the parameter means and where its default comes from. A text field may carry
// `enum:"a,b"` (its allowed values) or `vocab:"<name>"` (allowed values taken from a typed table of the
// package, e.g. the event kinds of events.go; see vocabs in tags.go).
package configs

// Scenario is one complete, self-contained model set-up.
type Scenario struct {
	// Name identifies the scenario in outputs.
	Name string `toml:"name" unit:"text"`
	// Description is a one-paragraph summary shown to users.
	Description string `toml:"description" unit:"text"`
	// Seed seeds the run's single random generator (math/rand/v2 PCG).
	Seed uint64 `toml:"seed" unit:"1" range:"[0,]"`
	// Regime is the institutional set-up (regime.go): "planned" (quotas, hubs, enforcement) or "market" (no
	// quotas or designations; firms build where expected profit is highest; provinces compete with
	// subsidies).
	Regime string `toml:"regime" unit:"text" vocab:"regime"`
	// Start is the first simulated month.
	Start string `toml:"start" unit:"YYYY-MM"`
	// End is the last simulated month (inclusive).
	End string `toml:"end" unit:"YYYY-MM"`

	Network     Network     `toml:"network"`
	Demand      Demand      `toml:"demand"`
	DataCentres DataCentres `toml:"datacentres"`
	Power       Power       `toml:"power"`
	Fiscal      Fiscal      `toml:"fiscal"`
	Planner     Planner     `toml:"planner"`
	Behaviour   Behaviour   `toml:"behaviour"`
	Market      Market      `toml:"market"`
	Allocator   Allocator   `toml:"allocator"`
	Vault       Vault       `toml:"vault"`
	Green       Green       `toml:"green"`

	// Provinces are the 31 mainland provincial-level divisions (or any set of regions a modeller defines).
	Provinces []Province `toml:"province"`
	// Hubs are the national computing hubs designated by the planner.
	Hubs []Hub `toml:"hub"`
	// Clusters are the data-centre clusters inside hubs; a province's new data centres are built in its
	// cluster (location, climate) when it has one.
	Clusters []Cluster `toml:"cluster"`
	// Events are dated scripted events (shocks, openings, policy changes); see docs/ODD.md section 7.
	Events []Event `toml:"event"`
	// RandomEvents are shocks that strike at random with a yearly rate, drawn from the run's generator.
	RandomEvents []RandomEvent `toml:"random_event"`
}

// Event is a scripted event firing at a month. Keys a kind does not use may be left out.
type Event struct {
	// Kind is what happens, one of the kinds of configs/events.go (EventKind): ixp (target gets its IXP),
	// fibre (line target-to opens), chip_supply (accelerator supply x magnitude), outage (target's data
	// centres offline), drought (target's usable capacity x magnitude), power_price (price x magnitude,
	// target or national), coal_price (price x (1 + magnitude x thermal share), target or national),
	// policy (key = value), build_cap (target lets at most magnitude MW start a year).
	Kind string `toml:"kind" unit:"text" vocab:"event_kind"`
	// Month the event fires.
	Month string `toml:"month" unit:"YYYY-MM"`
	// Target is the province hit, or "" for national (power_price, coal_price, chip_supply, policy).
	Target string `toml:"target" unit:"province id" optional:"true"`
	// To is the other end of a fibre line.
	To string `toml:"to" unit:"province id" optional:"true"`
	// DurationMonths is how long a shock lasts (chip_supply, outage, drought, power_price, coal_price).
	DurationMonths int `toml:"duration_months" unit:"month" range:"[0,600]" optional:"true"`
	// Magnitude is the shock's size: a multiplier (chip_supply, drought, power_price) or the coal price
	// rise as a share (coal_price), or MW a year (build_cap: the most new capacity the target lets start
	// in a year); outages ignore it. Each kind's own range (configs/events.go) is narrower.
	Magnitude float64 `toml:"magnitude" unit:"1" range:"[0,1e6]" optional:"true"`
	// Key is the planner key a policy event sets: a policy lever (levers.go: planner.west_share,
	// planner.enforcement, planner.subsidy_m_yuan_per_mw, planner.west_steering).
	Key string `toml:"key" unit:"text" optional:"true"`
	// Value is the new value of the policy key, from the event's month on (the key's own unit and range).
	Value float64 `toml:"value" unit:"key's unit" range:"[0,1e8]" optional:"true"`
}

// RandomEvent is a shock that strikes each target independently with a yearly rate.
type RandomEvent struct {
	// Kind is one of the event kinds that last (EventSpec.Lasts): chip_supply, outage, drought,
	// power_price, coal_price.
	Kind string `toml:"kind" unit:"text" vocab:"random_event_kind"`
	// RatePerYear is the expected number of strikes per target per year (monthly p = 1 - exp(-rate/12)).
	RatePerYear float64 `toml:"rate_per_year" unit:"1/yr" range:"[0,12]"`
	// Targets are the provinces that may be hit; empty means every province (chip_supply is national
	// and ignores it).
	Targets []string `toml:"targets" unit:"province ids"`
	// DurationMonths is how long each strike lasts.
	DurationMonths int `toml:"duration_months" unit:"month" range:"[1,600]"`
	// Magnitude is the strike's size, as for a scripted event of the same kind.
	Magnitude float64 `toml:"magnitude" unit:"1" range:"[0,100]" optional:"true"`
}

// Province is the state of one province at the start of the run.
type Province struct {
	// ID is the province's key used everywhere else (lower case, e.g. "inner_mongolia").
	ID string `toml:"id" unit:"text"`
	// NameEN is the English name.
	NameEN string `toml:"name_en" unit:"text"`
	// NameFR is the French name.
	NameFR string `toml:"name_fr" unit:"text"`
	// NameZH is the name in pinyin.
	NameZH string `toml:"name_zh" unit:"text"`
	// Region is the NBS macro-region: east, central, west or northeast.
	Region string `toml:"region" unit:"text" enum:"east,central,west,northeast"`
	// Lat is the latitude of the capital, where data centres sit unless the province has a cluster.
	Lat float64 `toml:"lat" unit:"deg" range:"[-90,90]"`
	// Lon is the longitude of the capital.
	Lon float64 `toml:"lon" unit:"deg" range:"[-180,180]"`
	// Neighbours are the provinces sharing a land border: the rivals a province watches.
	Neighbours []string `toml:"neighbours" unit:"province ids"`
	// PopulationM is the resident population.
	PopulationM float64 `toml:"population_m" unit:"million" range:"[0,2000]"`
	// GDPBnYuan is the gross domestic product.
	GDPBnYuan float64 `toml:"gdp_bn_yuan" unit:"bn yuan/yr" range:"[0,1e6]"`
	// DigitalIntensity scales how much data (hence compute demand) a yuan of GDP produces, relative to 1.
	DigitalIntensity float64 `toml:"digital_intensity" unit:"1" range:"[0,20]"`
	// PowerPrice is the industrial electricity price paid by data centres.
	PowerPrice float64 `toml:"power_price" unit:"yuan/kWh" range:"[0.01,5]"`
	// Thermal is the share of thermal (mostly coal) generation in the mix.
	Thermal float64 `toml:"thermal" unit:"1" range:"[0,1]"`
	// Hydro is the share of hydro generation.
	Hydro float64 `toml:"hydro" unit:"1" range:"[0,1]"`
	// WindSolar is the share of wind and solar generation.
	WindSolar float64 `toml:"wind_solar" unit:"1" range:"[0,1]"`
	// Nuclear is the share of nuclear generation.
	Nuclear float64 `toml:"nuclear" unit:"1" range:"[0,1]"`
	// SparePowerMW is generation the grid can give new data-centre load without new plants.
	SparePowerMW float64 `toml:"spare_power_mw" unit:"MW" range:"[0,1e7]"`
	// WaterStress is the pressure on fresh water (0 none, 1 extreme).
	WaterStress float64 `toml:"water_stress" unit:"1" range:"[0,1]"`
	// MeanTempC is the annual mean temperature at the capital (drives PUE and water use).
	MeanTempC float64 `toml:"mean_temp_c" unit:"degC" range:"[-30,40]"`
	// LandHa is land the province can zone for data centres over the whole run.
	LandHa float64 `toml:"land_ha" unit:"ha" range:"[0,1e7]"`
	// FarmlandShare is the share of data-centre land taken from farmland.
	FarmlandShare float64 `toml:"farmland_share" unit:"1" range:"[0,1]"`
	// RevenueBnYuan is general budget revenue excluding land sales.
	RevenueBnYuan float64 `toml:"revenue_bn_yuan" unit:"bn yuan/yr" range:"[0,1e6]"`
	// LandSaleBnYuan is land-sale revenue in the first year; it declines at fiscal.land_sale_decline.
	LandSaleBnYuan float64 `toml:"land_sale_bn_yuan" unit:"bn yuan/yr" range:"[0,1e6]"`
	// DebtBnYuan is outstanding local government debt at the start.
	DebtBnYuan float64 `toml:"debt_bn_yuan" unit:"bn yuan" range:"[0,1e7]"`
	// Compliance is how far the province heeds central guidance (moderation calls, quotas); 1 fully.
	Compliance float64 `toml:"compliance" unit:"1" range:"[0,1]"`
	// CapacityMW is data-centre IT capacity online at the start.
	CapacityMW float64 `toml:"capacity_mw" unit:"MW" range:"[0,1e7]"`
	// BuildingMW is capacity under construction at the start; it comes online evenly over the lead time.
	BuildingMW float64 `toml:"building_mw" unit:"MW" range:"[0,1e7]"`
	// VintageYear is the average build year of the capacity online at the start (PUE and retirement).
	VintageYear int `toml:"vintage_year" unit:"year" range:"[1980,2100]"`
	// AcceleratorShare is the share of the starting capacity that is accelerator (AI) capacity.
	AcceleratorShare float64 `toml:"accelerator_share" unit:"1" range:"[0,1]"`
	// CorridorMW is the remote workload the province's inbound trunk links can carry at the start.
	CorridorMW float64 `toml:"corridor_mw" unit:"MW" range:"[0,1e7]"`
}

// Hub is a national computing hub.
type Hub struct {
	// ID is the hub's key.
	ID string `toml:"id" unit:"text"`
	// Name is its display name.
	Name string `toml:"name" unit:"text"`
	// Side is "east" (demand-side hub for latency-sensitive work) or "west" (back-office, storage, training).
	Side string `toml:"side" unit:"text" vocab:"hub_side"`
	// Provinces are the provinces the hub covers.
	Provinces []string `toml:"provinces" unit:"province ids"`
	// Designated is the month the hub is designated; before it, its provinces have no hub status.
	Designated string `toml:"designated" unit:"YYYY-MM"`
}

// Cluster is a data-centre cluster (start-up zone) inside a hub.
type Cluster struct {
	// ID is the cluster's key.
	ID string `toml:"id" unit:"text"`
	// Name is its display name.
	Name string `toml:"name" unit:"text"`
	// Hub is the hub the cluster belongs to.
	Hub string `toml:"hub" unit:"hub id"`
	// Province hosts the cluster.
	Province string `toml:"province" unit:"province id"`
	// Lat is the cluster's latitude.
	Lat float64 `toml:"lat" unit:"deg" range:"[-90,90]"`
	// Lon is the cluster's longitude.
	Lon float64 `toml:"lon" unit:"deg" range:"[-180,180]"`
	// MeanTempC is the cluster's annual mean temperature.
	MeanTempC float64 `toml:"mean_temp_c" unit:"degC" range:"[-30,40]"`
}

// Network holds latency physics, the routing rule and the dated network programme.
type Network struct {
	// HistoricHubs are the provinces with the original backbone interconnection points; a province without
	// its own IXP routes inter-network traffic through the nearest of them.
	HistoricHubs []string `toml:"historic_hubs" unit:"province ids"`
	// RouteFactor is route length over great-circle distance.
	RouteFactor float64 `toml:"route_factor" unit:"1" range:"[1,3]"`
	// MsPer100Km is round-trip propagation delay per 100 km of fibre route.
	MsPer100Km float64 `toml:"ms_per_100km" unit:"ms" range:"[0,10]"`
	// HopMs is round-trip delay added by each exchange (IXP) a route passes through.
	HopMs float64 `toml:"hop_ms" unit:"ms" range:"[0,50]"`
	// AccessMs is the fixed round-trip delay of access networks at both ends.
	AccessMs float64 `toml:"access_ms" unit:"ms" range:"[0,100]"`
	// CongestionMs is the extra round-trip delay into a site whose corridor ran full last month.
	CongestionMs float64 `toml:"congestion_ms" unit:"ms" range:"[0,100]"`
	// TransitCost is the cost of carrying one MW of workload's traffic 1,000 km for a month.
	TransitCost float64 `toml:"transit_cost" unit:"yuan/(MW*month*1000km)" range:"[0,1e8]"`
	// FibreLineMW is the corridor capacity a new fibre line adds at each end.
	FibreLineMW float64 `toml:"fibre_line_mw" unit:"MW" range:"[0,1e6]"`
	// IXPs are dated openings of backbone interconnection points; before its opening a province detours.
	IXPs []IXP `toml:"ixp"`
	// Fibre is the programme of dated direct fibre lines.
	Fibre []FibreLine `toml:"fibre"`
}

// IXP is a backbone interconnection point opening in a province.
type IXP struct {
	// Province gets its own interconnection point.
	Province string `toml:"province" unit:"province id"`
	// Month it opens.
	Month string `toml:"month" unit:"YYYY-MM"`
}

// FibreLine is a direct fibre route between two provinces, opening at a date.
type FibreLine struct {
	// From is one end.
	From string `toml:"from" unit:"province id"`
	// To is the other end.
	To string `toml:"to" unit:"province id"`
	// Month it opens.
	Month string `toml:"month" unit:"YYYY-MM"`
	// RouteFactor of this direct line (straighter than the backbone).
	RouteFactor float64 `toml:"route_factor" unit:"1" range:"[1,3]"`
}

// Demand describes how much compute each province's economy asks for, by workload class.
type Demand struct {
	// TotalMW is national IT load demanded in the first month.
	TotalMW float64 `toml:"total_mw" unit:"MW" range:"[0,1e7]"`
	// BoomGrowth is yearly growth added to every class's growth until BoomUntil (the cloud and mobile
	// boom of the 2010s, faster than the growth planned for the 2020s).
	BoomGrowth float64 `toml:"boom_growth" unit:"1/year" range:"[0,5]"`
	// BoomUntil is the month the boom ends (left out: it never ends).
	BoomUntil string `toml:"boom_until" unit:"YYYY-MM" optional:"true"`
	// NoiseSD is the standard deviation of the monthly log-normal shock on each province's demand.
	NoiseSD float64 `toml:"noise_sd" unit:"1" range:"[0,1]"`
	// RTTBoundChange is the relative change of every bounded class's rtt_bound_ms (0.5: every bound 50 %
	// looser; -0.5: every bound halved); classes with no bound keep none. A lever (configs.Lever): one
	// change for every class rather than one per class, because classes are scenario data (their ids and
	// number vary between presets) while the lever table is fixed, and one change keeps the hot/warm order.
	// omitzero: a scenario that leaves it at 0 hashes as before the lever existed.
	RTTBoundChange float64 `toml:"rtt_bound_change,omitzero" unit:"1" range:"[-0.9,4]"`
	// ExtraGrowth is a yearly growth added to every class's demand, compounding month by month from the
	// month it is set (a lever: demand continues smoothly from its level when it changes, never jumps).
	ExtraGrowth float64 `toml:"extra_growth,omitzero" unit:"1/yr" range:"[-0.5,1]"`
	// Classes are the workload classes by latency need.
	Classes []Class `toml:"class"`
}

// Class is one workload class.
type Class struct {
	// ID names the class (hot, warm, cold, train...).
	ID string `toml:"id" unit:"text"`
	// RTTBoundMs is the largest round-trip latency the work tolerates; 0 means no bound.
	RTTBoundMs float64 `toml:"rtt_bound_ms" unit:"ms" range:"[0,1000]"`
	// Share is the class's share of demand in the first month; shares sum to 1.
	Share float64 `toml:"share" unit:"1" range:"[0,1]"`
	// Growth is the yearly growth rate of the class's demand.
	Growth float64 `toml:"growth" unit:"1/yr" range:"[-0.5,5]"`
	// NeedsAccelerator restricts the class to accelerator (AI) capacity.
	NeedsAccelerator bool `toml:"needs_accelerator" unit:"bool"`
	// LatencyValue is what a customer pays to shave a millisecond off the round trip, per MW and month.
	LatencyValue float64 `toml:"latency_value" unit:"yuan/(MW*month*ms)" range:"[0,1e8]"`
	// TransitWeight scales network.transit_cost by the class's traffic per MW of compute.
	TransitWeight float64 `toml:"transit_weight" unit:"1" range:"[0,100]"`
	// ContractMonths is how long placed work stays where it was placed before it is re-tendered.
	ContractMonths int `toml:"contract_months" unit:"month" range:"[1,240]"`
}

// DataCentres holds the technology and cost of data centres.
type DataCentres struct {
	// LeadTimeMonths is the time from build start to online.
	LeadTimeMonths int `toml:"lead_time_months" unit:"month" range:"[1,120]"`
	// LifeYears is the facility life; capacity retires after it.
	LifeYears int `toml:"life_years" unit:"year" range:"[1,60]"`
	// CapexMYuanPerMW is investment per MW of IT capacity (general purpose).
	CapexMYuanPerMW float64 `toml:"capex_m_yuan_per_mw" unit:"M yuan/MW" range:"[0,1000]"`
	// AcceleratorCapexFactor multiplies capex for accelerator capacity.
	AcceleratorCapexFactor float64 `toml:"accelerator_capex_factor" unit:"1" range:"[1,10]"`
	// PUE2020 is the power usage effectiveness of a 2020-vintage build at pue_ref_temp_c.
	PUE2020 float64 `toml:"pue_2020" unit:"1" range:"[1,3]"`
	// PUEGainPerYear is how much PUE at the reference temperature improves per year of vintage.
	PUEGainPerYear float64 `toml:"pue_gain_per_year" unit:"1/yr" range:"[0,0.2]"`
	// PUEBest is the best PUE any vintage reaches at the reference temperature (cooling physics).
	PUEBest float64 `toml:"pue_best" unit:"1" range:"[1,3]"`
	// PUEPerDegC is the PUE added per degree of mean temperature above the reference.
	PUEPerDegC float64 `toml:"pue_per_deg_c" unit:"1/degC" range:"[0,0.2]"`
	// PUERefTempC is the reference mean temperature for PUE.
	PUERefTempC float64 `toml:"pue_ref_temp_c" unit:"degC" range:"[-30,40]"`
	// WUEBase is water use per kWh of IT energy at 0 degC where water is not stressed.
	WUEBase float64 `toml:"wue_base" unit:"L/kWh" range:"[0,10]"`
	// WUEPerDegC is water use added per degree of mean temperature.
	WUEPerDegC float64 `toml:"wue_per_deg_c" unit:"L/(kWh*degC)" range:"[0,1]"`
	// WUEStressCut is the share of water use avoided (dry coolers) at water stress 1.
	WUEStressCut float64 `toml:"wue_stress_cut" unit:"1" range:"[0,1]"`
	// MaxOccupancy is the share of IT capacity that can be sold (racks never fill completely).
	MaxOccupancy float64 `toml:"max_occupancy" unit:"1" range:"[0.1,1]"`
	// IdleLoad is the share of idle IT capacity that still draws power (standby, cooling).
	IdleLoad float64 `toml:"idle_load" unit:"1" range:"[0,1]"`
	// AcceleratorShareNew is the accelerator share of capacity started in the first year.
	AcceleratorShareNew float64 `toml:"accelerator_share_new" unit:"1" range:"[0,1]"`
	// AcceleratorShareGrowth is the yearly rise of that share (capped at 1).
	AcceleratorShareGrowth float64 `toml:"accelerator_share_growth" unit:"1/yr" range:"[0,1]"`
	// AcceleratorSupplyMW is the national supply of accelerators in the first year, in MW of accelerator
	// IT capacity that the year's new builds can equip; builds want their accelerator share (above) and
	// share the year's supply pro rata when they want more (chip_supply events scale it).
	AcceleratorSupplyMW float64 `toml:"accelerator_supply_mw" unit:"MW/yr" range:"[0,1e7]"`
	// AcceleratorSupplyGrowth is the yearly growth of that supply.
	AcceleratorSupplyGrowth float64 `toml:"accelerator_supply_growth" unit:"1/yr" range:"[-0.5,5]"`
	// AcceleratorLeak is the share of the accelerator capacity denied by a supply cut (chip_supply below
	// 1, e.g. export controls) that Chinese users can still reach remotely, in foreign clouds, for work
	// with no latency bound that needs accelerators (training).
	AcceleratorLeak float64 `toml:"accelerator_leak" unit:"1" range:"[0,1]"`
	// RemoteAccelCost is what a MW of accelerator work run in a foreign cloud costs for a month, all in
	// (rent, energy, data transfer): the allocator's cost of the remote pool.
	RemoteAccelCost float64 `toml:"remote_accel_cost" unit:"yuan/(MW*month)" range:"[0,1e10]"`
	// LandHaPerMW is land taken per MW of IT capacity.
	LandHaPerMW float64 `toml:"land_ha_per_mw" unit:"ha/MW" range:"[0,100]"`
	// JobsPerMWBuilding is construction jobs per MW under construction.
	JobsPerMWBuilding float64 `toml:"jobs_per_mw_building" unit:"jobs/MW" range:"[0,1000]"`
	// JobsPerMWOnline is operations jobs per MW online.
	JobsPerMWOnline float64 `toml:"jobs_per_mw_online" unit:"jobs/MW" range:"[0,1000]"`
	// PricePerMWh is what a customer pays per MWh of IT energy used, beyond energy cost (the operator's
	// revenue base, taxed by the province).
	PricePerMWh float64 `toml:"price_per_mwh" unit:"yuan/MWh" range:"[0,1e5]"`
}

// Power holds emission factors and price dynamics.
type Power struct {
	// ThermalCO2 is emissions per MWh of thermal generation.
	ThermalCO2 float64 `toml:"thermal_co2" unit:"t/MWh" range:"[0,2]"`
	// PriceDriftPerYear is the yearly change of all power prices.
	PriceDriftPerYear float64 `toml:"price_drift_per_year" unit:"1/yr" range:"[-0.5,0.5]"`
	// SpareGrowthPerYear is the yearly growth of spare generation from the grid's own expansion.
	SpareGrowthPerYear float64 `toml:"spare_growth_per_year" unit:"1/yr" range:"[-0.5,1]"`
	// ScarcityMarkup is the power price markup when data-centre load uses all spare generation.
	ScarcityMarkup float64 `toml:"scarcity_markup" unit:"1" range:"[0,10]"`
}

// Fiscal holds the rules of local public finance.
type Fiscal struct {
	// InterestRate is the yearly interest on local debt.
	InterestRate float64 `toml:"interest_rate" unit:"1/yr" range:"[0,1]"`
	// LandSaleDecline is the yearly decline of land-sale revenue.
	LandSaleDecline float64 `toml:"land_sale_decline" unit:"1/yr" range:"[0,1]"`
	// TaxRate is the province's take (taxes, fees) on data-centre sales.
	TaxRate float64 `toml:"tax_rate" unit:"1" range:"[0,1]"`
	// LandPriceMYuanPerHa is what the province earns selling a hectare of data-centre land.
	LandPriceMYuanPerHa float64 `toml:"land_price_m_yuan_per_ha" unit:"M yuan/ha" range:"[0,1e4]"`
	// LocalCapexShare is the share of data-centre capex the province finances itself (local state-owned
	// firms, financing vehicles, site infrastructure); it is spent from the budget as construction starts.
	LocalCapexShare float64 `toml:"local_capex_share" unit:"1" range:"[0,1]"`
	// SpendingRatio is base spending over base revenue (revenue plus first-year land sales).
	SpendingRatio float64 `toml:"spending_ratio" unit:"1" range:"[0,5]"`
}

// Planner is the central planner's policy.
type Planner struct {
	// QuotaMonth is the calendar month of the yearly quota round.
	QuotaMonth int `toml:"quota_month" unit:"month" range:"[1,12]"`
	// Margin is the safety margin over projected need when setting the national quota.
	Margin float64 `toml:"margin" unit:"1" range:"[0,5]"`
	// TargetUtilisation is the utilisation the planner plans capacity for.
	TargetUtilisation float64 `toml:"target_utilisation" unit:"1" range:"[0.05,1]"`
	// WestShare is the share of the national quota reserved for west hubs.
	WestShare float64 `toml:"west_share" unit:"1" range:"[0,1]"`
	// NonHubWeight is the quota weight of a province outside any hub, relative to 1 for a hub province.
	NonHubWeight float64 `toml:"non_hub_weight" unit:"1" range:"[0,1]"`
	// SubsidyMYuanPerMW is the central subsidy per MW started inside a hub.
	SubsidyMYuanPerMW float64 `toml:"subsidy_m_yuan_per_mw" unit:"M yuan/MW" range:"[0,1000]"`
	// Enforcement is the probability that building beyond quota is detected and penalised.
	Enforcement float64 `toml:"enforcement" unit:"1" range:"[0,1]"`
	// PenaltyMYuanPerMW is the fine per MW detected beyond quota.
	PenaltyMYuanPerMW float64 `toml:"penalty_m_yuan_per_mw" unit:"M yuan/MW" range:"[0,1000]"`
	// HaltShare is the share of detected over-quota construction the planner halts.
	HaltShare float64 `toml:"halt_share" unit:"1" range:"[0,1]"`
	// ModerationBelow is the utilisation under which the planner calls a province to moderate building.
	ModerationBelow float64 `toml:"moderation_below" unit:"1" range:"[0,1]"`
	// WestSteering is the allocator credit for placing work without a latency bound in a west hub.
	WestSteering float64 `toml:"west_steering" unit:"yuan/(MW*month)" range:"[0,1e8]"`
	// Quotas is 1 when national build quotas (and their enforcement) are in force, 0 before the plan:
	// provinces then build what they choose and nothing is beyond quota.
	Quotas float64 `toml:"quotas" unit:"1" range:"[0,1]"`
	// Moderation is 1 when the planner issues calls for moderation to provinces with idle data centres.
	Moderation float64 `toml:"moderation" unit:"1" range:"[0,1]"`
	// NonHubIncentives scales the local power subsidy a province outside any active hub may offer (1
	// before the plan; the Dec 2021 guidance ends incentives outside hubs).
	NonHubIncentives float64 `toml:"non_hub_incentives" unit:"1" range:"[0,1]"`
	// Partnerships pair an eastern province with a western one; the pair gets a steering credit.
	Partnerships []Partnership `toml:"partnership"`
}

// Partnership is an east-west pairing that steers the east's work to the west.
type Partnership struct {
	// East is the province whose work is steered.
	East string `toml:"east" unit:"province id"`
	// West is the province that receives it.
	West string `toml:"west" unit:"province id"`
	// Credit is the allocator credit per MW-month placed along the pairing.
	Credit float64 `toml:"credit" unit:"yuan/(MW*month)" range:"[0,1e8]"`
	// Since is the month the partnership starts.
	Since string `toml:"since" unit:"YYYY-MM"`
}

// Market parameterises the firms that build data centres in the market regime (unused when planned).
type Market struct {
	// TargetUtilisation is the utilisation firms plan new capacity for.
	TargetUtilisation float64 `toml:"target_utilisation" unit:"1" range:"[0.05,1]"`
	// ForecastMargin is the safety margin firms add to the demand they project.
	ForecastMargin float64 `toml:"forecast_margin" unit:"1" range:"[0,5]"`
	// CostSpread is how far apart (yuan per MW-month) two sites' costs must be for firms to tell them apart:
	// the temperature of the logit that spreads projected work over the sites that can serve it.
	CostSpread float64 `toml:"cost_spread" unit:"yuan/(MW*month)" range:"[1,1e8]"`
}

// Behaviour parameterises the provinces' boundedly rational yearly decisions.
type Behaviour struct {
	// BuildOptionsMW are the sizes a province may start in a year (0 = build nothing).
	BuildOptionsMW []float64 `toml:"build_options_mw" unit:"MW" range:"[0,1e6]"`
	// SubsidyOptions are the local power-price discounts a province may pay data centres, per kWh used.
	SubsidyOptions []float64 `toml:"subsidy_options_yuan_per_kwh" unit:"yuan/kWh" range:"[0,5]"`
	// SubsidyBelief is how much a province expects a subsidy to raise demand for its data centres, per
	// unit of subsidy relative to the power price.
	SubsidyBelief float64 `toml:"subsidy_belief" unit:"1" range:"[0,100]"`
	// HorizonYears is how far ahead a province counts fiscal gain.
	HorizonYears float64 `toml:"horizon_years" unit:"year" range:"[0,50]"`
	// FiscalWeight weighs expected fiscal gain (per bn yuan), amplified by fiscal stress.
	FiscalWeight float64 `toml:"fiscal_weight" unit:"1/bn yuan" range:"[0,1e3]"`
	// StressAmplifier raises the fiscal weight with the land-sale shortfall (share of revenue lost).
	StressAmplifier float64 `toml:"stress_amplifier" unit:"1" range:"[0,100]"`
	// GrowthCredit weighs investment itself (the political tournament), per bn yuan of the first capex;
	// the credit is concave: GrowthCredit x S x ln(1 + capex/S), S = growth_scale x GDP.
	GrowthCredit float64 `toml:"growth_credit" unit:"1/bn yuan" range:"[0,1e3]"`
	// GrowthScale is the investment, as a share of the province's GDP, at which the growth credit of a
	// further yuan has halved (investment counts relative to the size of the economy).
	GrowthScale float64 `toml:"growth_scale" unit:"1" range:"[1e-6,1]"`
	// Rivalry weighs the fear of falling behind neighbours, per GW of neighbours' building lead.
	Rivalry float64 `toml:"rivalry" unit:"1/GW" range:"[0,1e3]"`
	// Optimism is the bias in expected demand growth for the province's own data centres.
	Optimism float64 `toml:"optimism" unit:"1" range:"[0,10]"`
	// PoolBelief is the share of the national latency-tolerant work a province believes its cost
	// advantage wins it, per unit of advantage (1 - its energy cost / the demand-weighted national
	// average): each cheap province counts on the same national pool as if it alone competed with the
	// expensive east (competitive neglect).
	PoolBelief float64 `toml:"pool_belief" unit:"1" range:"[0,10]"`
	// Adaptation is the weight of the latest observation in adaptive expectations.
	Adaptation float64 `toml:"adaptation" unit:"1" range:"[0,1]"`
	// DebtLimit is the debt-to-revenue ratio above which borrowing hurts.
	DebtLimit float64 `toml:"debt_limit" unit:"1" range:"[0,100]"`
	// DebtWeight weighs debt beyond the limit, per unit of ratio.
	DebtWeight float64 `toml:"debt_weight" unit:"1" range:"[0,1e3]"`
	// WaterWeight weighs water stress times water use of the option, per million m3/yr.
	WaterWeight float64 `toml:"water_weight" unit:"1/Mm3" range:"[0,1e3]"`
	// FarmlandWeight weighs farmland taken, per 100 ha.
	FarmlandWeight float64 `toml:"farmland_weight" unit:"1/(100 ha)" range:"[0,1e3]"`
	// GuidanceWeight weighs going against central guidance — building beyond quota, or building at all
	// after a moderation call — per GW, times the province's compliance.
	GuidanceWeight float64 `toml:"guidance_weight" unit:"1/GW" range:"[0,1e3]"`
	// NoiseTemperature is the logit temperature: 0 best option always, large random choice.
	NoiseTemperature float64 `toml:"noise_temperature" unit:"1" range:"[0.0001,1e3]"`
	// FibreCostBnYuan is the cost of one direct fibre line to the nearest historic hub.
	FibreCostBnYuan float64 `toml:"fibre_cost_bn_yuan" unit:"bn yuan" range:"[0,1e3]"`
	// FibreLeadMonths is how long a province-built line takes to open.
	FibreLeadMonths int `toml:"fibre_lead_months" unit:"month" range:"[0,120]"`
	// PowerMW is the spare generation one power investment adds (renewables with storage).
	PowerMW float64 `toml:"power_mw" unit:"MW" range:"[0,1e6]"`
	// PowerCostBnYuan is the cost of one power investment.
	PowerCostBnYuan float64 `toml:"power_cost_bn_yuan" unit:"bn yuan" range:"[0,1e3]"`
}

// Allocator holds the allocator's cost terms not set elsewhere.
type Allocator struct {
	// UnservedPenalty is the cost of leaving a MW of demand unserved for a month; it must exceed any
	// placement cost so that work is dropped only when no site can take it.
	UnservedPenalty float64 `toml:"unserved_penalty" unit:"yuan/(MW*month)" range:"[0,1e10]"`
}

// Vault is the "digital vault": replicas of critical data held in one province (Guizhou in DESIGN.md).
// When a province's data centres are down (an outage event), the replicated share of its hot and warm
// work can fail over to the vault beyond its latency bound, in degraded mode (docs/ODD.md section 7.5).
type Vault struct {
	// Province holds the replicas.
	Province string `toml:"province" unit:"province id"`
	// ReplicaShare is the share of each province's work of classes with a latency bound (hot, warm) that
	// has replicas in the vault; 0 means no vault.
	ReplicaShare float64 `toml:"replica_share" unit:"1" range:"[0,1]"`
	// Since is the month the replicas exist from.
	Since string `toml:"since" unit:"YYYY-MM"`
	// DegradedAllowanceMs is how far beyond its class bound the round trip to the vault may be for
	// degraded service; farther than that, the vault cannot serve the work.
	DegradedAllowanceMs float64 `toml:"degraded_allowance_ms" unit:"ms" range:"[0,1000]"`
	// DegradedPenalty is the extra cost of serving a MW of work from the vault beyond its bound for a
	// month (slower service, failover operations), on top of the placement cost.
	DegradedPenalty float64 `toml:"degraded_penalty" unit:"yuan/(MW*month)" range:"[0,1e10]"`
}

// Green is the green mandate: capacity started from Since on must bring co-located wind/solar with
// storage that supplies MatchedShare of its energy.
type Green struct {
	// Since is the month the mandate applies from (builds started before keep grid power only).
	Since string `toml:"since" unit:"YYYY-MM"`
	// MatchedShare is the share of a new build's energy its dedicated renewables must supply; 0 = no
	// mandate.
	MatchedShare float64 `toml:"matched_share" unit:"1" range:"[0,1]"`
	// RenewableCapexMYuanPerMW is the cost of a MW of wind/solar nameplate with its storage.
	RenewableCapexMYuanPerMW float64 `toml:"renewable_capex_m_yuan_per_mw" unit:"M yuan/MW" range:"[0,1000]"`
	// CapacityFactor is the renewables' average output over nameplate; it sizes the plant a build needs.
	CapacityFactor float64 `toml:"capacity_factor" unit:"1" range:"[0.01,1]"`
	// EnergyPrice is what the data centre pays per kWh of matched energy (operation and upkeep of the
	// plant and storage; its construction is in the build's capex).
	EnergyPrice float64 `toml:"energy_price" unit:"yuan/kWh" range:"[0,5]"`
	// RenewableCO2 is emissions per MWh of matched energy.
	RenewableCO2 float64 `toml:"renewable_co2" unit:"t/MWh" range:"[0,2]"`
}

package economy

import (
	"math"
	"math/rand/v2"

	"dongshu/economy/detmath"
)

// shockPersistence is the monthly autocorrelation of a province's demand shock: business cycles and
// local booms last; month-to-month noise alone would average out within a year (assumption).
const shockPersistence = 0.9

// DemandModel generates each month's workload demand per province and class: the national trend of the
// class (its first-month share of total demand, compounding at its growth rate) split by each province's
// share of data production (GDP x digital intensity), times a persistent log-normal shock.
type DemandModel struct {
	w      *World
	shock  []float64    // log shock per province, AR(1)
	factor []float64    // exp(shock - var/2): the multiplier, by province, of this month's demand
	trends []float64    // Generate's national trends, by class
	boomed detmath.Memo // boom's factor, the same every month once demand.boom_until has passed
}

// NewDemandModel prepares demand generation for a world.
func NewDemandModel(w *World) *DemandModel {
	return &DemandModel{w: w, shock: make([]float64, len(w.Provinces)), factor: make([]float64, len(w.Provinces))}
}

// NationalTrend is the national demand of class c at the world's current month, before shocks (MW): the
// class's growth compounds from the start, and demand.boom_growth compounds on top of it until
// demand.boom_until; the world's DemandLift (demand.extra_growth since it was set) multiplies it.
func (d *DemandModel) NationalTrend(c int) float64 { return d.trend(c, d.boom()) }

// boom is the factor demand.boom_growth has compounded to by now, the same for every class.
func (d *DemandModel) boom() float64 {
	w := d.w
	boomYears := float64(max(0, min(w.Now, w.BoomUntil)-w.Start)) / 12
	return d.boomed.Get(1+w.Scn.Demand.BoomGrowth, boomYears, detmath.Pow)
}

// trend is NationalTrend with the boom factor given.
func (d *DemandModel) trend(c int, boom float64) float64 {
	w := d.w
	cl := w.Classes[c].Cfg
	return w.Scn.Demand.TotalMW * cl.Share * detmath.Pow(1+cl.Growth, w.YearsSinceStart()) * boom * w.DemandLift
}

// Generate draws this month's shocks from the run's generator and fills w.DemandMW.
func (d *DemandModel) Generate(rng *rand.Rand) {
	w := d.w
	sd := w.Scn.Demand.NoiseSD
	// The stationary variance of the AR(1) equals sd^2; the -var/2 term keeps the mean shock at 1.
	innov := sd * math.Sqrt(1-shockPersistence*shockPersistence)
	halfVar := float64(sd * sd / 2) // rounded here: see the package doc on fused multiply-adds
	for p := range d.shock {
		if w.Now == w.Start { // start from the stationary distribution
			d.shock[p] = sd * detmath.Normal(rng)
		} else {
			d.shock[p] = float64(shockPersistence*d.shock[p]) + float64(innov*detmath.Normal(rng))
		}
		d.factor[p] = detmath.Exp(d.shock[p] - halfVar)
	}
	boom := d.boom()
	d.trends = d.trends[:0]
	for c := range w.Classes {
		d.trends = append(d.trends, d.trend(c, boom))
	}
	// Province by province, so that each province's row is written in one pass.
	for p, pr := range w.Provinces {
		row, f := w.DemandMW[p][:len(d.trends)], d.factor[p]
		for c, trend := range d.trends {
			row[c] = trend * pr.DemandShare * f
		}
	}
}

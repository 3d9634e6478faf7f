// Package view computes everything the game shows, without drawing: the map's cartogram layout, the
// layers' values and colour scales with their legends, tooltips, workload flows for the animation and
// the news lines' text. Pure Go, tested without a display; the ebiten layer only draws what it returns.
package view

import (
	"math"

	"dongshu/agents"
	"dongshu/economy"
)

// Layer is a map colouring.
type Layer int

const (
	Utilisation Layer = iota
	Online
	Building
	PowerPrice
	CoalShare
	WaterStress
	Latency // to the selected hub
	Debt
	NumLayers
)

var layerNames = [NumLayers]string{
	Utilisation: "utilisation",
	Online:      "online",
	Building:    "building",
	PowerPrice:  "power_price",
	CoalShare:   "coal_share",
	WaterStress: "water_stress",
	Latency:     "latency",
	Debt:        "debt",
}

// Key is the layer's catalog key ("layer.utilisation", ...).
func (l Layer) Key() string {
	if l < 0 || l >= NumLayers {
		return "layer.unknown"
	}
	return "layer." + layerNames[l]
}

// DescKey is the catalog key of the layer's one-line description ("layer.desc.utilisation", ...).
func (l Layer) DescKey() string {
	if l < 0 || l >= NumLayers {
		return "layer.desc.unknown"
	}
	return "layer.desc." + layerNames[l]
}

// Values fills out[p] with the layer's value for every province and returns its scale; hub is the
// province index latency is measured to (Latency only). No allocation when out has room.
//
// Bounds are chosen so that a colour means the same from month to month: fixed where the quantity has
// natural bounds (shares and indices 0..1, latency 0..100 ms), from the scenario where it does not
// change in the run (power price), and otherwise the current maximum rounded up to a 1-2-5 step
// (capacity, debt), which moves only when the largest province crosses such a step. NaN marks no data:
// utilisation where nothing is online, every latency when hub is not a province.
func Values(m *agents.Model, l Layer, hub int, p Palette, out []float64) ([]float64, Scale) {
	w := m.W
	n := len(w.Provinces)
	if cap(out) < n {
		out = make([]float64, n)
	}
	out = out[:n]
	s := Scale{Palette: p}
	switch l {
	case Utilisation:
		for i, pr := range w.Provinces {
			out[i] = math.NaN()
			if pr.OnlineMW > 0 {
				out[i] = pr.UsedMW / pr.OnlineMW
			}
		}
		s.Min, s.Max, s.UnitKey = 0, 1, "unit.percent"
	case Online:
		// Bounded by online + building, so the scale already covers what is on the way and does not
		// jump when it comes online.
		top := 0.0
		for i, pr := range w.Provinces {
			out[i] = pr.OnlineMW
			top = max(top, pr.OnlineMW+pr.BuildingMW)
		}
		s.Min, s.Max, s.UnitKey = 0, niceCeil(max(top, minMWScale)), "unit.mw"
	case Building:
		top := 0.0
		for i, pr := range w.Provinces {
			out[i] = pr.BuildingMW
			top = max(top, pr.BuildingMW)
		}
		s.Min, s.Max, s.UnitKey = 0, niceCeil(max(top, minMWScale)), "unit.mw"
	case PowerPrice:
		for i, pr := range w.Provinces {
			out[i] = powerPrice(w, pr)
		}
		s.Min, s.Max = priceBounds(w)
		s.UnitKey = "unit.yuan_kwh"
	case CoalShare:
		for i, pr := range w.Provinces {
			out[i] = pr.Cfg.Thermal
		}
		s.Min, s.Max, s.UnitKey = 0, 1, "unit.percent"
	case WaterStress:
		for i, pr := range w.Provinces {
			out[i] = pr.Cfg.WaterStress
		}
		s.Min, s.Max, s.UnitKey = 0, 1, "unit.index"
	case Latency:
		for i := range w.Provinces {
			out[i] = math.NaN()
			if hub >= 0 && hub < n {
				out[i] = w.Net.Latency(i, hub)
			}
		}
		s.Min, s.Max, s.UnitKey = 0, latencyMaxMs, "unit.ms"
	case Debt:
		top := 0.0
		for i, pr := range w.Provinces {
			out[i] = pr.Debt
			top = max(top, pr.Debt)
		}
		s.Min, s.Max, s.UnitKey = 0, niceCeil(max(top, 1)), "unit.bn_yuan"
	default:
		for i := range out {
			out[i] = math.NaN()
		}
		s.Min, s.Max = 0, 1
	}
	return out, s
}

// minMWScale keeps a capacity scale from collapsing when nothing is being built.
const minMWScale = 10.0

// latencyMaxMs is the top of the latency scale. The longest round trip between two provinces in the
// baseline is about 115 ms in 2020 and 60-70 ms once the exchange points have opened (2024 on); fixed at
// 100 ms, the scale shows that shrinking, and the hot and warm classes' bounds (10 and 30 ms) sit in its
// lower third where viridis changes fastest.
const latencyMaxMs = 100.0

// powerPrice is what a data centre pays per kWh this month (yuan): the price the allocator sees —
// tariff, shocks, grid-scarcity mark-up, less the local subsidy. Before the first month is simulated
// that price is not computed yet, and the tariff is shown.
func powerPrice(w *economy.World, p *economy.Province) float64 {
	if w.Now < w.Start {
		return p.PowerPrice * p.PriceFactor
	}
	return p.EnergyCostMWh / 1000
}

// priceBounds is the power-price scale, from the scenario so that it holds for the whole run: from three
// quarters of the cheapest starting tariff (room for local subsidies) to the dearest with the full
// scarcity mark-up and the drift compounded to the last year, both rounded out to 0.1 yuan. In the
// baseline that is 0.2 to 1.3 yuan/kWh, and the dearest sites do reach 1.23 late in the run; price
// shocks above it take the end colour.
func priceBounds(w *economy.World) (lo, hi float64) {
	lo, hi = math.Inf(1), 0.0
	for _, p := range w.Provinces {
		lo, hi = min(lo, p.Cfg.PowerPrice), max(hi, p.Cfg.PowerPrice)
	}
	pw := &w.Scn.Power
	years := float64(w.End-w.Start) / 12
	hi *= math.Pow(1+max(pw.PriceDriftPerYear, 0), years) * (1 + pw.ScarcityMarkup)
	lo *= 0.75 * math.Pow(1+min(pw.PriceDriftPerYear, 0), years)
	lo, hi = math.Floor(lo*10)/10, math.Ceil(hi*10)/10
	if !(hi > lo) {
		hi = lo + 0.1
	}
	return lo, hi
}

// niceCeil is the smallest 1, 2 or 5 times a power of ten at or above x (x > 0).
func niceCeil(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1
	}
	e := math.Floor(math.Log10(x))
	for _, e := range [...]float64{e, e + 1} {
		for _, f := range [...]float64{1, 2, 5} {
			if v := f * math.Pow(10, e); v >= x*(1-1e-12) {
				return v
			}
		}
	}
	return 10 * math.Pow(10, e+1)
}

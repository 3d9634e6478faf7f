package view

import (
	"image/color"
	"math"
	"strings"

	"dongshu/game/i18n"
)

// Palette is a colour-blind-safe sequential palette.
type Palette int

const (
	Viridis Palette = iota
	Cividis
	NumPalettes
)

// Key is the palette's catalog key ("palette.viridis", ...).
func (p Palette) Key() string {
	if p == Cividis {
		return "palette.cividis"
	}
	return "palette.viridis"
}

// NoData is the colour of a province without a value (NaN): a neutral mid grey. Viridis has no grey;
// cividis passes near grey at mid-scale, so a UI using cividis should also mark no-data tiles another way
// (an outline or hatching).
var NoData = color.RGBA{0x99, 0x99, 0x99, 0xff}

// Scale maps a layer's values to colours.
type Scale struct {
	Min, Max float64
	Palette  Palette
	UnitKey  string // catalog key of the unit
}

// Colour returns the colour of v (values outside [Min, Max] take the end colours; NaN is grey: no data).
func (s Scale) Colour(v float64) color.RGBA {
	if math.IsNaN(v) {
		return NoData
	}
	t := 0.5 // a degenerate scale shows its one value mid-palette
	if s.Max > s.Min {
		t = (v - s.Min) / (s.Max - s.Min)
	}
	return s.Palette.At(t)
}

// At returns the palette's colour at t in [0, 1] (clamped; NaN is NoData).
func (p Palette) At(t float64) color.RGBA {
	if math.IsNaN(t) {
		return NoData
	}
	t = min(1, max(0, t))
	lut := &luts[Viridis]
	if p == Cividis {
		lut = &luts[Cividis]
	}
	return lut[int(t*(lutSize-1)+0.5)]
}

// Ticks returns up to n round legend values within [Min, Max].
//
// The step is the smallest 1, 2 or 5 times a power of ten that keeps the count within n; ticks are its
// multiples, computed as integers over a power of ten so that they print exactly (0.3, not
// 0.30000000000000004).
func (s Scale) Ticks(n int) []float64 {
	lo, hi := s.Min, s.Max
	switch {
	case n <= 0 || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || hi < lo:
		return nil
	case hi == lo:
		return []float64{lo}
	}
	want := max(n-1, 1)
	raw := (hi - lo) / float64(want)
	e := int(math.Floor(math.Log10(raw)))
	for {
		for _, mant := range [...]int64{1, 2, 5} {
			step := float64(mant) * math.Pow(10, float64(e))
			first, last := math.Ceil(lo/step-1e-9), math.Floor(hi/step+1e-9)
			if count := int(last-first) + 1; count <= n {
				out := make([]float64, 0, count)
				for k := first; k <= last; k++ {
					out = append(out, decimal(int64(k)*mant, e))
				}
				return out
			}
		}
		e++
	}
}

// decimal returns k * 10^e, exactly rounded (division by a power of ten for negative e).
func decimal(k int64, e int) float64 {
	if e >= 0 {
		return float64(k) * math.Pow(10, float64(e))
	}
	return float64(k) / math.Pow(10, float64(-e))
}

// Digits is the number of decimals the scale's values need in a legend: enough for its tick step
// (shares are shown as percentages).
func (s Scale) Digits() int {
	span := s.Max - s.Min
	if s.percent() {
		span *= 100
	}
	if !(span > 0) || math.IsInf(span, 0) {
		return 0
	}
	step := span / 4
	return max(0, -int(math.Floor(math.Log10(step))))
}

func (s Scale) percent() bool { return s.UnitKey == "unit.percent" }

// Format writes v in the scale's unit for a legend or label, in the catalog's language (a share as a
// percentage: 0.45 -> "45 %" in French).
func (s Scale) Format(c *i18n.Catalog, v float64) string {
	if math.IsNaN(v) {
		return c.T("legend.no_data")
	}
	if s.percent() {
		v *= 100
	}
	n := c.Number(v, s.Digits())
	if key := "value." + strings.TrimPrefix(s.UnitKey, "unit."); c.Has(key) {
		return c.T(key, n)
	}
	return n
}

// The palettes' anchors: every 16th entry (and the last) of matplotlib's 256-entry tables, copied from
// lib/matplotlib/_cm_listed.py (_viridis_data, _cividis_data; viridis by van der Walt and Smith,
// cividis by Nuñez, Anderton and Renslow, PLoS ONE 2018). Anchor k sits at index idx/255 of the map.
type anchor struct {
	idx     int
	r, g, b float64 // sRGB, 0..1
}

var viridisAnchors = [...]anchor{
	{0, 0.267004, 0.004874, 0.329415},
	{16, 0.282327, 0.094955, 0.417331},
	{32, 0.278826, 0.175490, 0.483397},
	{48, 0.258965, 0.251537, 0.524736},
	{64, 0.229739, 0.322361, 0.545706},
	{80, 0.199430, 0.387607, 0.554642},
	{96, 0.172719, 0.448791, 0.557885},
	{112, 0.149039, 0.508051, 0.557250},
	{128, 0.127568, 0.566949, 0.550556},
	{144, 0.120638, 0.625828, 0.533488},
	{160, 0.157851, 0.683765, 0.501686},
	{176, 0.246070, 0.738910, 0.452024},
	{192, 0.369214, 0.788888, 0.382914},
	{208, 0.515992, 0.831158, 0.294279},
	{224, 0.678489, 0.863742, 0.189503},
	{240, 0.845561, 0.887322, 0.099702},
	{255, 0.993248, 0.906157, 0.143936},
}

var cividisAnchors = [...]anchor{
	{0, 0.000000, 0.135112, 0.304751},
	{16, 0.000000, 0.178802, 0.414764},
	{32, 0.103401, 0.220406, 0.435790},
	{48, 0.195057, 0.264372, 0.425924},
	{64, 0.263738, 0.307831, 0.422789},
	{80, 0.324250, 0.351289, 0.426250},
	{96, 0.380830, 0.395164, 0.435653},
	{112, 0.435168, 0.439763, 0.451134},
	{128, 0.488697, 0.485318, 0.471008},
	{144, 0.547840, 0.531895, 0.471704},
	{160, 0.609105, 0.579816, 0.463638},
	{176, 0.671991, 0.629316, 0.448018},
	{192, 0.736488, 0.680629, 0.424028},
	{208, 0.802667, 0.733978, 0.390153},
	{224, 0.870717, 0.789572, 0.343333},
	{240, 0.941147, 0.847530, 0.275815},
	{255, 0.995737, 0.909344, 0.217772},
}

const lutSize = 256

// luts are the palettes sampled at 256 points, built once so that Colour is a table look-up.
var luts = [NumPalettes][lutSize]color.RGBA{
	Viridis: buildLUT(viridisAnchors[:]),
	Cividis: buildLUT(cividisAnchors[:]),
}

// buildLUT interpolates between anchors in Oklab (Ottosson 2020), a perceptually uniform space, so that
// the steps between anchors stay as even in lightness and hue as the original maps (interpolating sRGB
// values directly would dip in lightness and chroma between anchors).
func buildLUT(anchors []anchor) [lutSize]color.RGBA {
	var lut [lutSize]color.RGBA
	k := 0
	for i := range lut {
		for k+1 < len(anchors)-1 && anchors[k+1].idx <= i {
			k++
		}
		a, b := anchors[k], anchors[k+1]
		f := float64(i-a.idx) / float64(b.idx-a.idx)
		la, lb := toOklab(a.r, a.g, a.b), toOklab(b.r, b.g, b.b)
		var mix [3]float64
		for j := range mix {
			mix[j] = la[j] + f*(lb[j]-la[j])
		}
		r, g, bl := fromOklab(mix)
		lut[i] = color.RGBA{to8(r), to8(g), to8(bl), 0xff}
	}
	return lut
}

func to8(v float64) uint8 { return uint8(math.Round(min(1, max(0, v)) * 255)) }

func srgbToLinear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func linearToSRGB(c float64) float64 {
	if c <= 0.0031308 {
		return 12.92 * c
	}
	return 1.055*math.Pow(c, 1/2.4) - 0.055
}

// toOklab converts sRGB (0..1) to Oklab L, a, b (matrices from Ottosson's reference implementation).
func toOklab(r, g, b float64) [3]float64 {
	r, g, b = srgbToLinear(r), srgbToLinear(g), srgbToLinear(b)
	l := math.Cbrt(0.4122214708*r + 0.5363325363*g + 0.0514459929*b)
	m := math.Cbrt(0.2119034982*r + 0.6806995451*g + 0.1073969566*b)
	s := math.Cbrt(0.0883024619*r + 0.2817188376*g + 0.6299787005*b)
	return [3]float64{
		0.2104542553*l + 0.7936177850*m - 0.0040720468*s,
		1.9779984951*l - 2.4285922050*m + 0.4505937099*s,
		0.0259040371*l + 0.7827717662*m - 0.8086757660*s,
	}
}

func fromOklab(lab [3]float64) (r, g, b float64) {
	l := lab[0] + 0.3963377774*lab[1] + 0.2158037573*lab[2]
	m := lab[0] - 0.1055613458*lab[1] - 0.0638541728*lab[2]
	s := lab[0] - 0.0894841775*lab[1] - 1.2914855480*lab[2]
	l, m, s = l*l*l, m*m*m, s*s*s
	r = +4.0767416621*l - 3.3077115913*m + 0.2309699292*s
	g = -1.2684380046*l + 2.6097574011*m - 0.3413193965*s
	b = -0.0041960863*l - 0.7034186147*m + 1.7076147010*s
	return linearToSRGB(r), linearToSRGB(g), linearToSRGB(b)
}

// Lightness is the Oklab lightness of c (0 black .. 1 white), for checks and for choosing a legible
// label colour over a tile.
func Lightness(c color.RGBA) float64 {
	return toOklab(float64(c.R)/255, float64(c.G)/255, float64(c.B)/255)[0]
}

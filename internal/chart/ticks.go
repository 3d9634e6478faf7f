package chart

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Numberer writes numbers in a language's format (game/i18n's Catalog: "1,5" in French).
type Numberer interface {
	Number(v float64, decimals int) string
}

// YearTicks labels whole years, every 1, 2 or 5 years depending on the span.
type YearTicks struct{}

func (YearTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	switch span := hi - lo; {
	case span > 24:
		step = 5
	case span > 8:
		step = 2
	}
	var ts []plot.Tick
	for y := int(math.Ceil(lo)); float64(y) <= hi; y++ {
		label := ""
		if y%step == 0 {
			label = strconv.Itoa(y)
		}
		ts = append(ts, plot.Tick{Value: float64(y), Label: label})
	}
	return ts
}

// FixedTicks labels the given values with a number of decimals in the language.
type FixedTicks struct {
	L        Numberer
	Values   []float64
	Decimals int
}

func (f FixedTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, v := range f.Values {
		if v >= lo-1e-9 && v <= hi+1e-9 {
			ts = append(ts, plot.Tick{Value: v, Label: f.L.Number(v, f.Decimals)})
		}
	}
	return ts
}

// NiceStep is the round step (1, 2, 2.5 or 5 times a power of ten) that cuts [lo, hi] into about n
// intervals, and the decimals its labels need; hi > lo, both finite. The game's charts use it too.
func NiceStep(lo, hi float64, n int) (step float64, decimals int) {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			break
		}
	}
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if math.Abs(step*math.Pow(10, float64(decimals))-math.Round(step*math.Pow(10, float64(decimals)))) > 1e-9 {
			decimals++
		}
	} else if step != math.Trunc(step) {
		decimals = 1
	}
	return step, decimals
}

// NiceTicks labels round values as far apart as the axis needs for its labels not to touch: with
// Width (the axis length, set by FitAxes once the layout is known) it takes the most ticks, up to six
// intervals, whose labels (measured in Style) leave at least a gap of two spaces between neighbours;
// numbers are grouped by thousands in the language ("300,000", "300 000"). Without Width, six intervals.
type NiceTicks struct {
	L      Numberer
	Style  text.Style
	Width  vg.Length
	Vertic bool // a vertical axis: labels are stacked, their height counts
}

// NewNiceTicks are nice ticks for axis a, numbers written by l.
func NewNiceTicks(l Numberer, a *plot.Axis) *NiceTicks { return &NiceTicks{L: l, Style: a.Tick.Label} }

func (t *NiceTicks) ticks(lo, hi float64, n int) []plot.Tick {
	step, decimals := NiceStep(lo, hi, n)
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: t.L.Number(v, decimals)})
	}
	return ts
}

func (t *NiceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: t.L.Number(lo, 0)}}
	}
	for n := 6; n >= 2; n-- {
		ts := t.ticks(lo, hi, n)
		if t.Width == 0 || ticksFit(ts, lo, hi, t.Width, t.Style, t.Vertic) {
			return ts
		}
	}
	return t.ticks(lo, hi, 1)
}

// ticksFit reports whether labelled ticks on an axis of length width leave at least two spaces between
// neighbouring labels (their widths, or heights on a vertical axis, measured in st).
func ticksFit(ts []plot.Tick, lo, hi float64, width vg.Length, st text.Style, vertical bool) bool {
	gap := 2 * st.Width(" ")
	if vertical {
		gap = st.Height("0") / 2
	}
	size := func(s string) vg.Length {
		if vertical {
			return st.Height(s)
		}
		return st.Width(s)
	}
	prev, prevSize := math.NaN(), vg.Length(0)
	for _, tk := range ts {
		if tk.Label == "" {
			continue
		}
		x := vg.Length((tk.Value-lo)/(hi-lo)) * width
		sz := size(tk.Label)
		if !math.IsNaN(prev) && x-vg.Length(prev) < (sz+prevSize)/2+gap {
			return false
		}
		prev, prevSize = float64(x), sz
	}
	return true
}

// FitAxes sets the nice tickers' Width to the plot's data area drawn in c (twice: the x labels' height
// and the y labels' width change the area a little).
func FitAxes(p *plot.Plot, c draw.Canvas) {
	for range 2 {
		dc := p.DataCanvas(c)
		if t, ok := p.X.Tick.Marker.(*NiceTicks); ok {
			t.Width = dc.Max.X - dc.Min.X
		}
		if t, ok := p.Y.Tick.Marker.(*NiceTicks); ok {
			t.Width, t.Vertic = dc.Max.Y-dc.Min.Y, true
		}
	}
}

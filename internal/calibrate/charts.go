package calibrate

import (
	"bytes"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var (
	blue   = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	orange = color.RGBA{0xd9, 0x5f, 0x02, 0xff}
	green  = color.RGBA{0xd8, 0xee, 0xd8, 0xff}
)

func png(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// row is one horizontal line of a dot-and-band chart: a point, a band and a label.
type row struct {
	label         string
	mid, lo, hi   float64
	highlight     bool
	hasBand, show bool
}

// bandChart draws one row per item (top to bottom): the band as a line, the point as a dot, and a
// shaded zone [zoneLo, zoneHi] (the tolerance, or the prior).
func bandChart(title, xlabel string, rows []row, zoneLo, zoneHi float64) ([]byte, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	n := len(rows)
	names := make([]string, n)
	xmin, xmax := zoneLo, zoneHi
	if zoneHi > zoneLo { // drawn first, under the rows
		zone, err := plotter.NewPolygon(plotter.XYs{{X: zoneLo, Y: -0.5}, {X: zoneHi, Y: -0.5}, {X: zoneHi, Y: float64(n) - 0.5}, {X: zoneLo, Y: float64(n) - 0.5}})
		if err != nil {
			return nil, err
		}
		zone.Color = green
		zone.LineStyle.Width = 0
		p.Add(zone)
	}
	for i, r := range rows {
		y := float64(n - 1 - i)
		names[n-1-i] = r.label
		if !r.show {
			continue
		}
		if r.hasBand && finite(r.lo) && finite(r.hi) {
			l, err := plotter.NewLine(plotter.XYs{{X: r.lo, Y: y}, {X: r.hi, Y: y}})
			if err != nil {
				return nil, err
			}
			l.Color, l.Width = blue, vg.Points(3)
			p.Add(l)
			xmin, xmax = math.Min(xmin, r.lo), math.Max(xmax, r.hi)
		}
		if finite(r.mid) {
			s, err := plotter.NewScatter(plotter.XYs{{X: r.mid, Y: y}})
			if err != nil {
				return nil, err
			}
			s.GlyphStyle.Radius = vg.Points(4)
			s.GlyphStyle.Shape = draw.CircleGlyph{}
			s.GlyphStyle.Color = blue
			if r.highlight {
				s.GlyphStyle.Color = orange
			}
			p.Add(s)
			xmin, xmax = math.Min(xmin, r.mid), math.Max(xmax, r.mid)
		}
	}
	p.NominalY(names...)
	pad := 0.05 * (xmax - xmin)
	if pad == 0 {
		pad = 1
	}
	p.X.Min, p.X.Max = xmin-pad, xmax+pad
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
	return png(p, 9*vg.Inch, vg.Length(1.2+0.35*float64(n))*vg.Inch)
}

// FitChart draws every target's normalised error of the model median with its 10-90 % band, the
// tolerance zone [-1, 1] shaded; held-out targets in orange.
func FitChart(targets []Target, fits []TargetFit) ([]byte, error) {
	rows := make([]row, len(targets))
	for i, t := range targets {
		f := fits[i]
		// The signed normalised error: a one-sided target is met anywhere on its side of the bound (0).
		signed := func(v float64) float64 {
			e := t.Error(v)
			if t.Kind == "at_least" || t.Kind != "at_most" && v < t.Observed {
				e = -e
			}
			return e
		}
		rows[i] = row{label: t.Name, mid: signed(f.Median), lo: signed(f.P10), hi: signed(f.P90), hasBand: true,
			show: !math.IsNaN(f.Median), highlight: !t.Fit()}
	}
	return bandChart("Fit to targets (orange: held out)", "(model - observed) / tolerance (one-sided targets: 0 when the bound holds); green: within tolerance", rows, -1, 1)
}

// PosteriorChart draws each parameter's posterior median and 10-90 % range on its prior scaled to [0, 1].
func PosteriorChart(post []Posterior) ([]byte, error) {
	rows := make([]row, len(post))
	for i, q := range post {
		u := func(v float64) float64 { return (v - q.Min) / (q.Max - q.Min) }
		rows[i] = row{label: q.Key, mid: u(q.Median), lo: u(q.P10), hi: u(q.P90), hasBand: true, show: q.N > 0}
	}
	return bandChart("Posterior (median, 10-90 %) on the prior range", "position in the prior range [min, max]", rows, 0, 1)
}

// MorrisChart draws mu* with its bootstrap interval for every factor, largest first as given.
func MorrisChart(title string, names []string, muStar, conf []float64) ([]byte, error) {
	return IndexChart(title, "mu* (mean |elementary effect| over the factor's range), 95 % bootstrap interval", names, muStar, conf)
}

// IndexChart draws one sensitivity index per factor with its confidence half-width.
func IndexChart(title, xlabel string, names []string, muStar, conf []float64) ([]byte, error) {
	rows := make([]row, len(names))
	for i := range names {
		rows[i] = row{label: names[i], mid: muStar[i], lo: muStar[i] - conf[i], hi: muStar[i] + conf[i],
			hasBand: !math.IsNaN(conf[i]), show: !math.IsNaN(muStar[i])}
	}
	return bandChart(title, xlabel, rows, 0, 0)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

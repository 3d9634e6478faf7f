// Package chart draws the model's charts with gonum/plot in one style and one palette, for the batch
// report (internal/report) and the game's export (game/session): classroom-sized text, a light grid, a
// colour per series (Paints) and numbers in the reader's language.
package chart

import (
	"bytes"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart sizes in pixels, rendered at DPI (so 1200 px is 8 inches and a 14 pt label is 29 px high).
const (
	DPI              = 150
	WidthPx          = 1200 // every chart
	HeightPx         = 750  // utilisation.png, capacity.png
	ProvinceHeightPx = 1200 // overbuild_by_province.png: 31 provinces need the room
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// SetFont sets s to the charts' sans-serif font at size points.
func SetFont(s *text.Style, size float64) {
	s.Font = font.From(sans, vg.Points(size))
}

// NewPlot makes a plot with classroom-sized sans-serif text (times scale), thicker axes and a light
// grid.
func NewPlot(title, xlabel, ylabel string, scale float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	SetFont(&p.Title.TextStyle, 18*scale)
	p.Title.Padding = vg.Points(10 * scale)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		SetFont(&a.Label.TextStyle, 15*scale)
		SetFont(&a.Tick.Label, 14*scale)
		a.LineStyle.Width = vg.Points(1.5)
		a.Tick.LineStyle.Width = vg.Points(1.5)
	}
	SetFont(&p.Legend.TextStyle, 14*scale)
	p.Legend.Padding = vg.Points(5 * scale)
	p.Legend.ThumbnailWidth = vg.Points(36)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = GridGrey, GridGrey
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.75), vg.Points(0.75)
	p.Add(g)
	return p
}

// Canvas makes a white canvas of exactly wpx x hpx pixels.
func Canvas(wpx, hpx int) *vgimg.Canvas {
	return vgimg.NewWith(vgimg.UseWH(vg.Length(wpx)/DPI*vg.Inch, vg.Length(hpx)/DPI*vg.Inch), vgimg.UseDPI(DPI))
}

// Encode is c as a PNG.
func Encode(c *vgimg.Canvas) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Render draws p, its legend inside, on a wpx x hpx PNG.
func Render(p *plot.Plot, wpx, hpx int) ([]byte, error) {
	c := Canvas(wpx, hpx)
	dc := draw.New(c)
	FitAxes(p, dc)
	p.Draw(dc)
	return Encode(c)
}

// YearFrac is a month's position on a time axis in years: 2020-01 is 2020.0, 2020-07 is 2020.5.
func YearFrac(year, month int) float64 { return float64(year) + float64(month-1)/12 }

// Line is a series' line through xy in colour c, with dashes (nil: solid).
func Line(xy plotter.XYs, c color.RGBA, dashes []vg.Length) (*plotter.Line, error) {
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, err
	}
	l.LineStyle.Width = vg.Points(4)
	l.LineStyle.Color = c
	l.LineStyle.Dashes = dashes
	return l, nil
}

// ProvinceBars are the horizontal bars of each province's overbuilt and redundant capacity, of width w,
// side by side (overbuild above) in their series' colours.
func ProvinceBars(overbuild, redundant plotter.Values, w vg.Length) (ob, rd *plotter.BarChart, err error) {
	if ob, err = plotter.NewBarChart(overbuild, w); err != nil {
		return nil, nil, err
	}
	if rd, err = plotter.NewBarChart(redundant, w); err != nil {
		return nil, nil, err
	}
	for b, s := range map[*plotter.BarChart]Series{ob: Overbuild, rd: Redundant} {
		b.Horizontal = true
		b.LineStyle.Width = 0
		b.Color = Paints[s].RGBA
	}
	ob.Offset, rd.Offset = w/2, -w/2
	return ob, rd, nil
}

// Unit is how a column's values (in unit, from economy's column table) are shown on an axis whose
// largest value is top: the factor and the unit shown (a share as %, MW as GW, tonnes as Mt or kt).
func Unit(unit string, top float64) (mul float64, shown string) {
	switch {
	case unit == "1":
		return 100, "%"
	case unit == "MW" && top >= 1000:
		return 1e-3, "GW"
	case unit == "t" && top >= 1e6:
		return 1e-6, "Mt"
	case unit == "t" && top >= 1e3:
		return 1e-3, "kt"
	}
	return 1, unit
}

package chart

import "image/color"

// Paint is a colour a chart draws with and its name's key (report.colour.<Name> in the catalogs), so
// that a caption names the colour the chart uses and cannot drift from it.
type Paint struct {
	color.RGBA
	Name string
}

// The palette: Okabe-Ito colour-blind-safe hues, with a lighter green and blue (and a grey) that read on
// the game's dark panels as on a white page.
var (
	Black      = Paint{color.RGBA{0x00, 0x00, 0x00, 0xff}, "black"}
	Orange     = Paint{color.RGBA{0xE6, 0x9F, 0x00, 0xff}, "orange"}
	SkyBlue    = Paint{color.RGBA{0x56, 0xB4, 0xE9, 0xff}, "sky_blue"}
	Green      = Paint{color.RGBA{0x00, 0x9E, 0x73, 0xff}, "green"}
	Blue       = Paint{color.RGBA{0x00, 0x72, 0xB2, 0xff}, "blue"}
	Vermilion  = Paint{color.RGBA{0xD5, 0x5E, 0x00, 0xff}, "vermilion"}
	Purple     = Paint{color.RGBA{0xCC, 0x79, 0xA7, 0xff}, "purple"}
	LightGreen = Paint{color.RGBA{0x19, 0xB0, 0x86, 0xff}, "green"}
	LightBlue  = Paint{color.RGBA{0x3A, 0x8F, 0xD0, 0xff}, "blue"}
	BlueGrey   = Paint{color.RGBA{0x9A, 0xA4, 0xB5, 0xff}, "blue_grey"}
	GridGrey   = color.RGBA{0xD9, 0xD9, 0xD9, 0xff}
	Palette    = []Paint{Black, Orange, SkyBlue, Green, Blue, Vermilion, Purple, LightGreen, LightBlue, BlueGrey}
)

// Translucent returns p at alpha a (premultiplied, as image/color requires).
func Translucent(p Paint, a uint8) color.RGBA {
	c := p.RGBA
	f := float64(a) / 255
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), a}
}

// Series is a charted series of the model, drawn in one colour wherever it is charted: the game's
// screen, the game's export and the batch report.
type Series uint8

const (
	EastUtil      Series = iota // utilisation of the eastern hubs
	WestUtil                    // utilisation of the western hubs
	NorthwestUtil               // utilisation of the north-western provinces (report)
	Capacity                    // capacity online
	Used                        // capacity in use (report)
	Demand                      // compute demand
	Overbuild                   // overbuilt capacity
	Redundant                   // redundant capacity
	CO2                         // emissions
	NumSeries
)

// Paints are the series' colours; no two series share one, so a colour means one series everywhere.
var Paints = [NumSeries]Paint{
	EastUtil:      Orange,
	WestUtil:      SkyBlue,
	NorthwestUtil: Blue,
	Capacity:      LightGreen,
	Used:          Black,
	Demand:        Purple,
	Overbuild:     Vermilion,
	Redundant:     LightBlue,
	CO2:           BlueGrey,
}

package desktop

import (
	"github.com/hajimehoshi/ebiten/v2"

	"dongshu/game"
)

// MaxTextRuns is the bound of the renderer's text cache.
const MaxTextRuns = maxTextRuns

// TextRuns is how many shaped strings g's renderer keeps.
func TextRuns(g *Game) int { return len(g.r.runs) }

// RendererOn is g's renderer, drawing on dst (its shapes are batched until a text or the end of a Draw).
func RendererOn(g *Game, dst *ebiten.Image) game.Renderer {
	g.r.dst = dst
	return &g.r
}

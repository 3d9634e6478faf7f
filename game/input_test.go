package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func keys(in Input, st UIState) []Command { return MapInput(&in, &st, nil) }

func TestMapInputPlayKeys(t *testing.T) {
	play := UIState{Screen: ScreenPlay, Speeds: DefaultSpeeds}
	cases := []struct {
		name string
		in   Input
		want Command
	}{
		{"space pauses", Input{Keys: []Key{KeySpace}}, Command{Kind: CmdPause}},
		{"period steps", Input{Keys: []Key{KeyPeriod}}, Command{Kind: CmdStep}},
		{"1 is 1x", Input{Keys: []Key{KeyDigit1}}, Command{Kind: CmdSpeed, Arg: 1}},
		{"2 is 2x", Input{Keys: []Key{KeyDigit2}}, Command{Kind: CmdSpeed, Arg: 2}},
		{"3 is 4x", Input{Keys: []Key{KeyDigit3}}, Command{Kind: CmdSpeed, Arg: 4}},
		{"4 is 8x", Input{Keys: []Key{KeyDigit4}}, Command{Kind: CmdSpeed, Arg: 8}},
		{"shift+1 is layer 0", Input{Keys: []Key{KeyDigit1}, Shift: true}, Command{Kind: CmdLayer, Arg: 0}},
		{"shift+8 is layer 7", Input{Keys: []Key{KeyDigit8}, Shift: true}, Command{Kind: CmdLayer, Arg: 7}},
		{"alt+5 is layer 4", Input{Keys: []Key{KeyDigit5}, Alt: true}, Command{Kind: CmdLayer, Arg: 4}},
		{"L next layer", Input{Keys: []Key{KeyL}}, Command{Kind: CmdLayerNext, Delta: 1}},
		{"shift+L previous layer", Input{Keys: []Key{KeyL}, Shift: true}, Command{Kind: CmdLayerNext, Delta: -1}},
		{"P palette", Input{Keys: []Key{KeyP}}, Command{Kind: CmdPalette}},
		{"H help", Input{Keys: []Key{KeyH}}, Command{Kind: CmdHelp}},
		{"F1 help", Input{Keys: []Key{KeyF1}}, Command{Kind: CmdHelp}},
		{"ctrl+S save", Input{Keys: []Key{KeyS}, Ctrl: true}, Command{Kind: CmdSave}},
		{"ctrl+O load", Input{Keys: []Key{KeyO}, Ctrl: true}, Command{Kind: CmdLoad}},
		{"D decide", Input{Keys: []Key{KeyD}}, Command{Kind: CmdDecide}},
		{"Esc ends", Input{Keys: []Key{KeyEscape}}, Command{Kind: CmdEndGame}},
		{"PgDn scrolls", Input{Keys: []Key{KeyPageDown}}, Command{Kind: CmdScroll, Delta: 5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := keys(c.in, play)
			require.Len(t, got, 1)
			assert.Equal(t, c.want, got[0])
		})
	}
	assert.Empty(t, keys(Input{Keys: []Key{KeyDigit5}}, play), "5 without a modifier does nothing")
	assert.Empty(t, keys(Input{Keys: []Key{KeyS}}, play), "S alone does not save")
	got := keys(Input{Keys: []Key{KeySpace, KeyDigit4, KeyL}}, play)
	assert.Equal(t, []Command{{Kind: CmdPause}, {Kind: CmdSpeed, Arg: 8}, {Kind: CmdLayerNext, Delta: 1}}, got, "keys in order")
}

func TestMapInputOtherScreens(t *testing.T) {
	title := UIState{Screen: ScreenTitle}
	assert.Equal(t, []Command{{Kind: CmdNewGame}}, keys(Input{Keys: []Key{KeyN}}, title))
	assert.Equal(t, []Command{{Kind: CmdLoad}}, keys(Input{Keys: []Key{KeyO}}, title))
	assert.Equal(t, []Command{{Kind: CmdLang}}, keys(Input{Keys: []Key{KeyL}}, title))
	assert.Equal(t, []Command{{Kind: CmdQuit}}, keys(Input{Keys: []Key{KeyEscape}}, title))

	setup := UIState{Screen: ScreenSetup}
	assert.Equal(t, []Command{{Kind: CmdFocus, Arg: -1, Delta: 1}}, keys(Input{Keys: []Key{KeyDown}}, setup))
	assert.Equal(t, []Command{{Kind: CmdAdjust, Arg: -1, Delta: -1, Big: true}}, keys(Input{Keys: []Key{KeyLeft}, Shift: true}, setup))
	assert.Equal(t, []Command{{Kind: CmdDigit, Arg: 7}}, keys(Input{Keys: []Key{KeyDigit7}}, setup))
	assert.Equal(t, []Command{{Kind: CmdStart}}, keys(Input{Keys: []Key{KeyEnter}}, setup))
	assert.Equal(t, []Command{{Kind: CmdBack}}, keys(Input{Keys: []Key{KeyEscape}}, setup))

	deb := UIState{Screen: ScreenDebrief}
	assert.Equal(t, []Command{{Kind: CmdExport}}, keys(Input{Keys: []Key{KeyE}}, deb))
	assert.Equal(t, []Command{{Kind: CmdQuit}}, keys(Input{Keys: []Key{KeyEscape}}, deb))
	assert.Equal(t, []Command{{Kind: CmdSave}}, keys(Input{Keys: []Key{KeyS}, Ctrl: true}, deb))
}

func TestMapInputOverlays(t *testing.T) {
	dlg := UIState{Screen: ScreenPlay, Overlay: OverlayDialog}
	assert.Equal(t, []Command{{Kind: CmdToggle, Arg: -1}}, keys(Input{Keys: []Key{KeySpace}}, dlg), "space toggles in a dialog, it does not pause")
	assert.Equal(t, []Command{{Kind: CmdAdjust, Arg: -1, Delta: 1}}, keys(Input{Keys: []Key{KeyRight}}, dlg))
	assert.Equal(t, []Command{{Kind: CmdFocus, Arg: -1, Delta: -1}}, keys(Input{Keys: []Key{KeyTab}, Shift: true}, dlg))
	assert.Equal(t, []Command{{Kind: CmdAdvice}}, keys(Input{Keys: []Key{KeyA}}, dlg))
	assert.Equal(t, []Command{{Kind: CmdConfirm}}, keys(Input{Keys: []Key{KeyEnter}}, dlg))
	assert.Equal(t, []Command{{Kind: CmdCancel}}, keys(Input{Keys: []Key{KeyEscape}}, dlg))
	assert.Empty(t, keys(Input{Keys: []Key{KeyDigit4}}, dlg), "no speed change inside a dialog")

	help := UIState{Screen: ScreenPlay, Overlay: OverlayHelp}
	assert.Equal(t, []Command{{Kind: CmdHelp}}, keys(Input{Keys: []Key{KeyEscape}}, help), "Esc closes help, it does not end the game")
	assert.Empty(t, keys(Input{Keys: []Key{KeySpace}}, help))

	msg := UIState{Screen: ScreenPlay, Overlay: OverlayMessage}
	assert.Equal(t, []Command{{Kind: CmdConfirm}}, keys(Input{Keys: []Key{KeyEnter}}, msg))
	assert.Equal(t, []Command{{Kind: CmdDismiss}}, keys(Input{Keys: []Key{KeyEscape}}, msg))

	hot := UIState{Screen: ScreenPlay, Overlay: OverlayHotSeat}
	assert.Equal(t, []Command{{Kind: CmdReady}}, keys(Input{Keys: []Key{KeyEnter}}, hot))
	// H opens the help everywhere the help says it does, F1 too.
	for _, st := range []UIState{dlg, hot} {
		assert.Equal(t, []Command{{Kind: CmdHelp}}, keys(Input{Keys: []Key{KeyH}}, st), "H in overlay %v", st.Overlay)
		assert.Equal(t, []Command{{Kind: CmdHelp}}, keys(Input{Keys: []Key{KeyF1}}, st), "F1 in overlay %v", st.Overlay)
	}
}

func TestMapInputMouse(t *testing.T) {
	st := UIState{
		Screen:  ScreenPlay,
		Buttons: []Button{{Rect{0, 0, 100, 20}, Command{Kind: CmdPause}}, {Rect{50, 0, 100, 20}, Command{Kind: CmdHelp}}},
		Cells:   []Rect{{200, 200, 50, 50}, {260, 200, 50, 50}},
		News:    Rect{0, 400, 300, 200},
	}
	assert.Equal(t, []Command{{Kind: CmdPause}}, keys(Input{Click: true, MouseX: 10, MouseY: 10}, st))
	assert.Equal(t, []Command{{Kind: CmdHelp}}, keys(Input{Click: true, MouseX: 60, MouseY: 10}, st), "the topmost (last) button wins")
	assert.Equal(t, []Command{{Kind: CmdSelect, Arg: 1}}, keys(Input{Click: true, MouseX: 270, MouseY: 210}, st))
	assert.Empty(t, keys(Input{Click: true, MouseX: 255, MouseY: 210}, st), "the gap between cells selects nothing")
	assert.Empty(t, keys(Input{MouseX: 270, MouseY: 210}, st), "hovering is not clicking")
	assert.Equal(t, []Command{{Kind: CmdScroll, Delta: 3}}, keys(Input{Wheel: -1, MouseX: 10, MouseY: 450}, st), "wheel down shows older news")
	assert.Empty(t, keys(Input{Wheel: -1, MouseX: 10, MouseY: 10}, st), "the wheel scrolls only over the news")
	st.Overlay = OverlayMessage
	st.Buttons = nil
	assert.Empty(t, keys(Input{Click: true, MouseX: 270, MouseY: 210}, st), "a message box blocks the map")
	st.Overlay = OverlayDialog
	assert.Equal(t, []Command{{Kind: CmdSelect, Arg: 0}}, keys(Input{Click: true, MouseX: 210, MouseY: 210}, st), "the map stays live under a dialog (moderation calls)")
}

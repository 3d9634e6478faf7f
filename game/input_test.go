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
		{"period steps", Input{Chars: []rune(".")}, Command{Kind: CmdStep}},
		{"1 is 1x", Input{Keys: []Key{KeyDigit1}}, Command{Kind: CmdSpeed, Arg: 1}},
		{"2 is 2x", Input{Keys: []Key{KeyDigit2}}, Command{Kind: CmdSpeed, Arg: 2}},
		{"3 is 4x", Input{Keys: []Key{KeyDigit3}}, Command{Kind: CmdSpeed, Arg: 4}},
		{"4 is 8x", Input{Keys: []Key{KeyDigit4}}, Command{Kind: CmdSpeed, Arg: 8}},
		{"shift+1 is still 1x (AZERTY)", Input{Keys: []Key{KeyDigit1}, Shift: true}, Command{Kind: CmdSpeed, Arg: 1}},
		{"alt+1 is layer 0", Input{Keys: []Key{KeyDigit1}, Alt: true}, Command{Kind: CmdLayer, Arg: 0}},
		{"alt+8 is layer 7", Input{Keys: []Key{KeyDigit8}, Alt: true}, Command{Kind: CmdLayer, Arg: 7}},
		{"alt+5 is layer 4", Input{Keys: []Key{KeyDigit5}, Alt: true}, Command{Kind: CmdLayer, Arg: 4}},
		{"L next layer", Input{Chars: []rune("l")}, Command{Kind: CmdLayerNext, Delta: 1}},
		{"shift+L previous layer", Input{Chars: []rune("L"), Shift: true}, Command{Kind: CmdLayerNext, Delta: -1}},
		{"P palette", Input{Chars: []rune("p")}, Command{Kind: CmdPalette}},
		{"H help", Input{Chars: []rune("h")}, Command{Kind: CmdHelp}},
		{"F1 help", Input{Keys: []Key{KeyF1}}, Command{Kind: CmdHelp}},
		{"ctrl+S save", Input{Keys: []Key{KeyS}, Ctrl: true}, Command{Kind: CmdSave}},
		{"ctrl+O load", Input{Keys: []Key{KeyO}, Ctrl: true}, Command{Kind: CmdLoad}},
		{"D decide", Input{Chars: []rune("d")}, Command{Kind: CmdDecide}},
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
	assert.Empty(t, keys(Input{Chars: []rune("s")}, play), "S alone does not save")
	got := keys(Input{Keys: []Key{KeySpace, KeyDigit4}, Chars: []rune("l")}, play)
	assert.Equal(t, []Command{{Kind: CmdPause}, {Kind: CmdSpeed, Arg: 8}, {Kind: CmdLayerNext, Delta: 1}}, got, "keys in order")
}

func TestMapInputOtherScreens(t *testing.T) {
	title := UIState{Screen: ScreenTitle}
	assert.Equal(t, []Command{{Kind: CmdNewGame}}, keys(Input{Chars: []rune("n")}, title))
	assert.Equal(t, []Command{{Kind: CmdLoad}}, keys(Input{Chars: []rune("o")}, title))
	assert.Equal(t, []Command{{Kind: CmdLang}}, keys(Input{Chars: []rune("l")}, title))
	assert.Equal(t, []Command{{Kind: CmdQuit}}, keys(Input{Keys: []Key{KeyEscape}}, title))
	assert.Empty(t, keys(Input{Chars: []rune("qQ")}, title), "Q does not quit")

	setup := UIState{Screen: ScreenSetup}
	assert.Equal(t, []Command{{Kind: CmdFocus, Arg: -1, Delta: 1}}, keys(Input{Keys: []Key{KeyDown}}, setup))
	assert.Equal(t, []Command{{Kind: CmdAdjust, Arg: -1, Delta: -1, Big: true}}, keys(Input{Keys: []Key{KeyLeft}, Shift: true}, setup))
	assert.Equal(t, []Command{{Kind: CmdDigit, Arg: 7}}, keys(Input{Keys: []Key{KeyDigit7}}, setup))
	assert.Equal(t, []Command{{Kind: CmdStart}}, keys(Input{Keys: []Key{KeyEnter}}, setup))
	assert.Equal(t, []Command{{Kind: CmdBack}}, keys(Input{Keys: []Key{KeyEscape}}, setup))

	deb := UIState{Screen: ScreenDebrief}
	assert.Equal(t, []Command{{Kind: CmdExport}}, keys(Input{Chars: []rune("e")}, deb))
	assert.Equal(t, []Command{{Kind: CmdQuit}}, keys(Input{Keys: []Key{KeyEscape}}, deb))
	assert.Empty(t, keys(Input{Chars: []rune("qQ")}, deb), "Q does not quit")
	assert.Equal(t, []Command{{Kind: CmdSave}}, keys(Input{Keys: []Key{KeyS}, Ctrl: true}, deb))
}

func TestMapInputOverlays(t *testing.T) {
	dlg := UIState{Screen: ScreenPlay, Overlay: OverlayDialog}
	assert.Equal(t, []Command{{Kind: CmdToggle, Arg: -1}}, keys(Input{Keys: []Key{KeySpace}}, dlg), "space toggles in a dialog, it does not pause")
	assert.Equal(t, []Command{{Kind: CmdAdjust, Arg: -1, Delta: 1}}, keys(Input{Keys: []Key{KeyRight}}, dlg))
	assert.Equal(t, []Command{{Kind: CmdFocus, Arg: -1, Delta: -1}}, keys(Input{Keys: []Key{KeyTab}, Shift: true}, dlg))
	assert.Equal(t, []Command{{Kind: CmdAdvice}}, keys(Input{Chars: []rune("a")}, dlg))
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
		assert.Equal(t, []Command{{Kind: CmdHelp}}, keys(Input{Chars: []rune("h")}, st), "H in overlay %v", st.Overlay)
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

// TestMapInputFollowsTheLayout: letter and punctuation shortcuts follow the character typed, so that on a
// French AZERTY keyboard the key marked A takes the advice (it sends the US Q position and types 'a'),
// and no key quits at once.
func TestMapInputFollowsTheLayout(t *testing.T) {
	dlg := UIState{Screen: ScreenPlay, Overlay: OverlayDialog}
	play := UIState{Screen: ScreenPlay, Speeds: DefaultSpeeds}
	title := UIState{Screen: ScreenTitle}
	deb := UIState{Screen: ScreenDebrief}

	// The positional letter keys alone do nothing: only the characters count.
	for _, k := range []Key{KeyA, KeyD, KeyE, KeyH, KeyL, KeyN, KeyO, KeyP, KeyS, KeyPeriod} {
		for _, st := range []UIState{dlg, play, title, deb} {
			assert.Empty(t, keys(Input{Keys: []Key{k}}, st), "positional key %d on screen %d/%d", k, st.Screen, st.Overlay)
		}
	}
	// AZERTY: the key marked A is at the US Q position and types 'a'.
	assert.Equal(t, []Command{{Kind: CmdAdvice}}, keys(Input{Chars: []rune("a")}, dlg))
	assert.Empty(t, keys(Input{Chars: []rune("a")}, title), "A on the title does nothing")
	assert.Empty(t, keys(Input{Chars: []rune("a")}, deb), "A on the debrief does nothing")
	// Case-insensitive: Caps Lock or Shift.
	assert.Equal(t, []Command{{Kind: CmdAdvice}}, keys(Input{Chars: []rune("A")}, dlg))
	assert.Equal(t, []Command{{Kind: CmdDecide}}, keys(Input{Chars: []rune("D")}, play))
	assert.Equal(t, []Command{{Kind: CmdLayerNext, Delta: 1}}, keys(Input{Chars: []rune("L")}, play), "Caps Lock L: next")
	assert.Equal(t, []Command{{Kind: CmdExport}}, keys(Input{Chars: []rune("E")}, deb))
	// '.' typed (Shift+; on AZERTY, or the keypad's point) steps; the AZERTY unshifted keys of the digit
	// row type & é " ' ( and do nothing by themselves (the digit keys do).
	assert.Equal(t, []Command{{Kind: CmdStep}}, keys(Input{Chars: []rune(".")}, play))
	assert.Empty(t, keys(Input{Chars: []rune("&é\"'(-è_çà;:!,")}, play))
	// Other characters are no shortcuts.
	assert.Empty(t, keys(Input{Chars: []rune("qzxwé")}, dlg))
	assert.Equal(t, []Command{{Kind: CmdHelp}}, keys(Input{Chars: []rune("H")}, dlg))
}

// TestMapInputDigitsWithOrWithoutShift: speeds 1-4 work from the digit row with or without Shift (AZERTY
// types digits with Shift), from the keypad and from digits typed; a digit key and its character in the
// same frame count once; Shift never changes the layer, Alt does.
func TestMapInputDigitsWithOrWithoutShift(t *testing.T) {
	play := UIState{Screen: ScreenPlay, Speeds: DefaultSpeeds}
	for d := 1; d <= 4; d++ {
		want := []Command{{Kind: CmdSpeed, Arg: DefaultSpeeds[d-1]}}
		k, r := digitKeys[d], rune('0'+d)
		assert.Equal(t, want, keys(Input{Keys: []Key{k}}, play), "digit key %d", d)
		assert.Equal(t, want, keys(Input{Keys: []Key{k}, Shift: true}, play), "Shift+digit key %d", d)
		assert.Equal(t, want, keys(Input{Keys: []Key{k}, Chars: []rune{r}, Shift: true}, play), "AZERTY Shift+%d: key and character, once", d)
		assert.Equal(t, want, keys(Input{Chars: []rune{r}}, play), "character %c alone", r)
	}
	for d := 1; d <= 8; d++ {
		k := digitKeys[d]
		for _, c := range keys(Input{Keys: []Key{k}, Chars: []rune{rune('0' + d)}, Shift: true}, play) {
			assert.NotEqual(t, CmdLayer, c.Kind, "Shift+%d does not change the layer", d)
		}
		assert.Equal(t, []Command{{Kind: CmdLayer, Arg: d - 1}}, keys(Input{Keys: []Key{k}, Alt: true}, play), "Alt+%d", d)
	}
	assert.Empty(t, keys(Input{Keys: []Key{KeyDigit7}, Shift: true}, play))
	// The seed on the set-up screen: a digit counts once whichever way it comes.
	setup := UIState{Screen: ScreenSetup}
	assert.Equal(t, []Command{{Kind: CmdDigit, Arg: 7}}, keys(Input{Keys: []Key{KeyDigit7}, Chars: []rune("7"), Shift: true}, setup))
	assert.Equal(t, []Command{{Kind: CmdDigit, Arg: 7}}, keys(Input{Keys: []Key{KeyDigit7}, Chars: []rune("è")}, setup))
	assert.Equal(t, []Command{{Kind: CmdDigit, Arg: 7}}, keys(Input{Chars: []rune("7")}, setup))
}

// TestMapInputCtrlShortcuts: Ctrl types no character, so Ctrl+S and Ctrl+O come from the keys; a
// character delivered with Ctrl (AltGr is Ctrl+Alt on Windows) is no shortcut.
func TestMapInputCtrlShortcuts(t *testing.T) {
	play := UIState{Screen: ScreenPlay, Speeds: DefaultSpeeds}
	assert.Equal(t, []Command{{Kind: CmdSave}}, keys(Input{Keys: []Key{KeyS}, Chars: []rune("s"), Ctrl: true}, play), "once")
	assert.Empty(t, keys(Input{Chars: []rune("s"), Ctrl: true}, play))
	assert.Empty(t, keys(Input{Chars: []rune("@"), Keys: []Key{KeyDigit0}, Ctrl: true, Alt: true}, play), "AltGr+0 on AZERTY")
	assert.Empty(t, keys(Input{Keys: []Key{KeyD}, Ctrl: true}, play))
	title := UIState{Screen: ScreenTitle}
	assert.Empty(t, keys(Input{Keys: []Key{KeyN}, Ctrl: true}, title), "only S and O are Ctrl shortcuts")
	dlg := UIState{Screen: ScreenPlay, Overlay: OverlayDialog}
	assert.Equal(t, []Command{{Kind: CmdSave}}, keys(Input{Keys: []Key{KeyS}, Ctrl: true}, dlg))
	hot := UIState{Screen: ScreenPlay, Overlay: OverlayHotSeat}
	assert.Equal(t, []Command{{Kind: CmdSave}}, keys(Input{Keys: []Key{KeyS}, Ctrl: true}, hot))

	// The desktop finds the Ctrl shortcut by the key's name in the layout, else by its US position.
	assert.Equal(t, KeyS, CtrlKey("s", 's'))
	assert.Equal(t, KeyS, CtrlKey("", 's'), "no name: the position")
	assert.Equal(t, KeyO, CtrlKey("O", 'o'))
	assert.Equal(t, KeyNone, CtrlKey("a", 'q'), "AZERTY: the US Q position is A")
	assert.Equal(t, KeyO, CtrlKey("o", 's'), "Dvorak: the US S position types o")
	assert.Equal(t, KeyNone, CtrlKey("e", 'd'))
	assert.Equal(t, KeyNone, CtrlKey("ß", 's'), "a key named otherwise is not s")
}

func TestCharKey(t *testing.T) {
	for _, c := range []struct {
		r rune
		k Key
	}{{'a', KeyA}, {'A', KeyA}, {'d', KeyD}, {'E', KeyE}, {'h', KeyH}, {'l', KeyL}, {'N', KeyN}, {'o', KeyO},
		{'p', KeyP}, {'S', KeyS}, {'.', KeyPeriod}, {'0', KeyDigit0}, {'4', KeyDigit4}, {'9', KeyDigit9},
		{'q', KeyNone}, {'é', KeyNone}, {'&', KeyNone}, {' ', KeyNone}} {
		assert.Equal(t, c.k, CharKey(c.r), "%q", c.r)
		if c.k != KeyNone && digitOf(c.k) < 0 {
			assert.True(t, c.k.Typed(), "%q", c.r)
		}
	}
	for _, k := range []Key{KeySpace, KeyDigit1, KeyEnter, KeyEscape, KeyF1, KeyTab, KeyUp, KeyPageDown} {
		assert.False(t, k.Typed(), "key %d is read by position", k)
	}
}

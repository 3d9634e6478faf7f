package game

import "unicode/utf8"

// Input handling is a pure function from one frame's input snapshot and the UI state to commands, so that
// it is tested without a display; ebiten only fills the snapshot (ReadInput in package desktop).

// Key is a key the game listens to (independent of ebiten's key codes).
type Key uint8

const (
	KeyNone Key = iota
	KeySpace
	KeyPeriod
	KeyDigit1
	KeyDigit2
	KeyDigit3
	KeyDigit4
	KeyDigit5
	KeyDigit6
	KeyDigit7
	KeyDigit8
	KeyDigit9
	KeyDigit0
	KeyA
	KeyD
	KeyE
	KeyG
	KeyH
	KeyI
	KeyL
	KeyN
	KeyO
	KeyP
	KeyC
	KeyW
	KeyS
	KeyF1
	KeyEscape
	KeyEnter
	KeyTab
	KeyUp
	KeyDown
	KeyLeft
	KeyRight
	KeyBackspace
	KeyPageUp
	KeyPageDown
	NumKeys
)

// Input is one frame's input: the keys pressed this frame (not held), the characters typed, modifiers
// held, the mouse.
//
// Letter and punctuation shortcuts (the keys for which Key.Typed is true) follow the character typed, not
// the key's position, so that they are the letters printed on any keyboard (AZERTY included): they are
// read from Chars, and a typed key in Keys is ignored — except with Ctrl, where no character is typed and
// Ctrl+S, Ctrl+O come from Keys. Digits come from Keys (the digit row, with or without Shift, and the
// keypad), or from Chars when no digit key was pressed in the frame. Other keys come from Keys.
type Input struct {
	Keys             []Key
	Chars            []rune // characters typed this frame (the keyboard layout's translation)
	Ctrl, Shift, Alt bool
	MouseX, MouseY   float32
	Click            bool    // left button pressed this frame
	Wheel            float32 // vertical wheel this frame (positive: up)
}

// Screen is the current screen.
type Screen uint8

const (
	ScreenTitle Screen = iota
	ScreenSetup
	ScreenPlay
	ScreenDebrief
)

// Overlay is what sits on top of a screen and takes the input first.
type Overlay uint8

const (
	OverlayNone     Overlay = iota
	OverlayDialog           // decision dialog (province or planner)
	OverlayHotSeat          // "pass the laptop" banner before a hot-seat dialog
	OverlayHelp             // shortcuts
	OverlayMessage          // a message box (errors, confirmations)
	OverlayConfirmQ         // quit the game? (play screen)
	OverlayQuitQ            // quit without exporting? (debrief, before the export is written)
	OverlayInfo             // the Info screen (info.go)
	OverlayWhatIf           // the what-if panel (whatif.go)
)

// CmdKind is what a command does.
type CmdKind uint8

const (
	CmdNone CmdKind = iota
	CmdQuit
	CmdNewGame
	CmdLoad
	CmdSave
	CmdLang
	CmdBack
	CmdStart
	CmdPause
	CmdStep
	CmdSpeed // Arg: speed in months per second
	CmdLayer // Arg: layer index
	CmdLayerNext
	CmdPalette
	CmdHelp
	CmdExport
	CmdDecide // open the decision dialog
	CmdSelect // Arg: province index (map click)
	CmdFocus  // Arg: field index, or Delta to move the focus
	CmdAdjust // Arg: field (-1 focused), Delta +1/-1, Big
	CmdToggle // Arg: field (-1 focused)
	CmdAdvice
	CmdConfirm
	CmdCancel
	CmdDismiss
	CmdScroll // Delta lines (positive: older)
	CmdDigit  // Arg: digit
	CmdBackspace
	CmdChip // Arg: chip index (set-up hot seat, planner hubs)
	CmdReady
	CmdEndGame
	CmdPage // debrief: Delta pages on, or (Delta 0) page Arg

	CmdInfo  // open or close the Info screen (info.go)
	CmdGuide // hide the guided first round (guide.go)
	CmdCF    // debrief: Arg 0 opens or closes the counterfactual page, 1 shows the next role

	CmdChartSpan // the charts: from the start to now, or the scenario's whole span

	CmdWhatIf  // open or close the what-if panel
	CmdCompare // the compare view on or off
)

// Command is one thing the user asked for.
type Command struct {
	Kind  CmdKind
	Arg   int
	Delta int
	Big   bool
}

// Button is a clickable area and the command it sends.
type Button struct {
	R   Rect
	Cmd Command
}

// UIState is what the input mapping needs to know about the screen.
type UIState struct {
	Screen  Screen
	Overlay Overlay
	Buttons []Button // the buttons of the screen and its overlay, topmost last
	Cells   []Rect   // map cells by province index (play screen)
	News    Rect     // the news log (wheel scrolls it)
	Speeds  [4]int   // the speeds keys 1-4 select
	NoSave  bool     // title: there is no save file to load (O does nothing)
}

// DefaultSpeeds are the months per second of keys 1-4.
var DefaultSpeeds = [4]int{1, 2, 4, 8}

var digitKeys = [...]Key{KeyDigit0, KeyDigit1, KeyDigit2, KeyDigit3, KeyDigit4, KeyDigit5, KeyDigit6, KeyDigit7, KeyDigit8, KeyDigit9}

// Typed reports whether k is a letter or punctuation shortcut, read from the character typed.
func (k Key) Typed() bool { return k == KeyPeriod || (k >= KeyA && k <= KeyS) }

// CharKey is the shortcut a typed character stands for, case-insensitively: a letter or punctuation
// shortcut, or a digit; KeyNone for any other character.
func CharKey(r rune) Key {
	if r >= '0' && r <= '9' {
		return digitKeys[r-'0']
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	switch r {
	case '.':
		return KeyPeriod
	case 'a':
		return KeyA
	case 'd':
		return KeyD
	case 'e':
		return KeyE
	case 'g':
		return KeyG
	case 'h':
		return KeyH
	case 'i':
		return KeyI
	case 'l':
		return KeyL
	case 'n':
		return KeyN
	case 'o':
		return KeyO
	case 'p':
		return KeyP
	case 's':
		return KeyS
	case 'c':
		return KeyC
	case 'w':
		return KeyW
	}
	return KeyNone
}

// CtrlKey is the Ctrl shortcut (KeyS or KeyO) of the letter key at US position pos whose name in the
// current keyboard layout is name ("" when the platform does not tell: the position decides), KeyNone
// for another letter.
func CtrlKey(name string, pos rune) Key {
	r := pos
	if c, n := utf8.DecodeRuneInString(name); n > 0 && n == len(name) {
		r = c
	}
	if k := CharKey(r); k == KeyS || k == KeyO {
		return k
	}
	return KeyNone
}

func digitOf(k Key) int {
	for d, dk := range digitKeys {
		if dk == k {
			return d
		}
	}
	return -1
}

// MapInput appends to out the commands one frame's input asks for, in order: mouse first, then keys.
func MapInput(in *Input, st *UIState, out []Command) []Command {
	if in.Click {
		if c, ok := clickCommand(in, st); ok {
			out = append(out, c)
		}
	}
	if in.Wheel != 0 && st.Screen == ScreenPlay && st.News.Contains(in.MouseX, in.MouseY) &&
		st.Overlay != OverlayHelp && st.Overlay != OverlayMessage {
		d := -1
		if in.Wheel < 0 {
			d = 1
		}
		out = append(out, Command{Kind: CmdScroll, Delta: 3 * d})
	}
	digit := false
	for _, k := range in.Keys {
		if k.Typed() && !(in.Ctrl && (k == KeyS || k == KeyO)) {
			continue // letters and punctuation follow the character typed
		}
		digit = digit || digitOf(k) >= 0
		if c, ok := keyCommand(k, in, st); ok {
			out = append(out, c)
		}
	}
	if in.Ctrl {
		return out // Ctrl shortcuts come from Keys
	}
	for _, r := range in.Chars {
		k := CharKey(r)
		if k == KeyNone || (digit && digitOf(k) >= 0) {
			continue // a digit key pressed this frame already counted
		}
		if c, ok := keyCommand(k, in, st); ok {
			out = append(out, c)
		}
	}
	return out
}

func clickCommand(in *Input, st *UIState) (Command, bool) {
	for i := len(st.Buttons) - 1; i >= 0; i-- {
		if st.Buttons[i].R.Contains(in.MouseX, in.MouseY) {
			return st.Buttons[i].Cmd, true
		}
	}
	if st.Screen != ScreenPlay {
		return Command{}, false
	}
	switch st.Overlay {
	case OverlayNone, OverlayDialog:
		for p, r := range st.Cells {
			if r.Contains(in.MouseX, in.MouseY) {
				return Command{Kind: CmdSelect, Arg: p}, true
			}
		}
	}
	return Command{}, false
}

// keyCommand maps a key to the command of the overlay on top, or else of the screen: each overlay owns
// its keys (overlayKeys) and each screen its own (screenKeys, stages.go).
func keyCommand(k Key, in *Input, st *UIState) (Command, bool) {
	if f := overlayKeys[st.Overlay]; f != nil {
		return f(k, in, st)
	}
	if k == KeyF1 || (k == KeyH && !in.Ctrl) {
		return cmdOf(CmdHelp)
	}
	if int(st.Screen) < len(screenKeys) {
		return screenKeys[st.Screen](k, in, st)
	}
	return Command{}, false
}

type keyMap func(k Key, in *Input, st *UIState) (Command, bool)

func cmdOf(kind CmdKind) (Command, bool) { return Command{Kind: kind}, true }

// overlayKeys are the modal overlays' keys (no entry: no overlay, the screen's keys apply).
var overlayKeys = map[Overlay]keyMap{
	OverlayMessage:  confirmKeys,
	OverlayConfirmQ: confirmKeys,
	OverlayQuitQ:    quitQuestionKeys,
	OverlayHelp:     helpOverlayKeys,
	OverlayWhatIf:   whatIfKeys,
	OverlayHotSeat:  hotSeatKeys,
	OverlayInfo:     infoKeys,
	OverlayDialog:   func(k Key, in *Input, _ *UIState) (Command, bool) { return dialogKey(k, in) },
}

func confirmKeys(k Key, _ *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyEnter, KeySpace:
		return cmdOf(CmdConfirm)
	case KeyEscape:
		return cmdOf(CmdDismiss)
	}
	return Command{}, false
}

func quitQuestionKeys(k Key, _ *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyEnter, KeySpace, KeyE:
		return cmdOf(CmdExport) // the safe choice
	case KeyEscape:
		return cmdOf(CmdDismiss)
	}
	return Command{}, false
}

func helpOverlayKeys(k Key, _ *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyH, KeyF1, KeyEscape, KeyEnter:
		return cmdOf(CmdHelp)
	}
	return Command{}, false
}

func hotSeatKeys(k Key, in *Input, _ *UIState) (Command, bool) {
	switch k {
	case KeyEnter, KeySpace:
		return cmdOf(CmdReady)
	case KeyF1, KeyH:
		return cmdOf(CmdHelp)
	case KeyS:
		if in.Ctrl {
			return cmdOf(CmdSave)
		}
	}
	return Command{}, false
}

func dialogKey(k Key, in *Input) (Command, bool) {
	switch k {
	case KeyUp:
		return Command{Kind: CmdFocus, Arg: -1, Delta: -1}, true
	case KeyDown, KeyTab:
		d := 1
		if in.Shift && k == KeyTab {
			d = -1
		}
		return Command{Kind: CmdFocus, Arg: -1, Delta: d}, true
	case KeyLeft, KeyRight:
		return Command{Kind: CmdAdjust, Arg: -1, Delta: dir(k), Big: in.Shift}, true
	case KeySpace:
		return Command{Kind: CmdToggle, Arg: -1}, true
	case KeyA:
		return Command{Kind: CmdAdvice}, true
	case KeyG:
		return Command{Kind: CmdGuide}, true
	case KeyEnter:
		return Command{Kind: CmdConfirm}, true
	case KeyEscape:
		return Command{Kind: CmdCancel}, true
	case KeyF1, KeyH:
		return Command{Kind: CmdHelp}, true
	case KeyS:
		if in.Ctrl {
			return Command{Kind: CmdSave}, true
		}
	}
	return Command{}, false
}

func dir(k Key) int {
	if k == KeyLeft {
		return -1
	}
	return 1
}

// Package wire is the classroom protocol between dongshu-server and its clients (the web and desktop
// game, the facilitator's console, the projector): typed, versioned JSON frames over one WebSocket.
//
// Every frame is an envelope {"v":Version,"t":type,"d":body}. A client's frame is decoded strictly
// (DecodeClient): unknown types, unknown fields, trailing data, a wrong version, oversized or non-finite
// values are errors, and the server closes the connection that sent one. The server's frames are built
// with Encode. The game's lockstep rests on the model's determinism: a month frame carries the actions the
// server applied before that month, and every client replays them into its own copy of the game.
package wire

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"unicode/utf8"

	"dongshu/agents"
)

// Version is the protocol's version; a client speaking another one is refused.
const Version = 1

// Limits on what a client may send (the server enforces them on every connection).
const (
	MaxFrame     = 8 << 10 // bytes of one client frame
	MaxName      = 40      // runes of a player's name
	MaxCode      = 16      // bytes of a join code
	MaxToken     = 64      // bytes of a token
	MaxIndexList = 64      // entries of a planner's hub or province list
)

// Client frame types.
const (
	THello   = "hello"   // Hello: first frame of every connection
	TClaim   = "claim"   // Claim: take a free seat
	TDecide  = "decide"  // Decide: the seat's decision for the next month
	TControl = "control" // Control: a facilitator's command
)

// Server frame types.
const (
	TWelcome = "welcome" // Welcome
	TSeats   = "seats"   // []Seat
	TState   = "state"   // State
	TMonth   = "month"   // Month
	TNotice  = "notice"  // Notice
	TClaimed = "claimed" // Claimed
	TError   = "error"   // Error: a refused request (the connection stays open)
	TDebrief = "debrief" // ClassDebrief
	TAdvice  = "advice"  // Advice: to a seat, when a round opens
)

// Advice is the AI advisor's choice for the seat in the open round (the form's starting point).
type Advice struct {
	Month    string                  `json:"month"` // the month the decision is made at (State.Month)
	Province *agents.Decision        `json:"province,omitempty"`
	Planner  *agents.PlannerDecision `json:"planner,omitempty"`
	QuotaMW  float64                 `json:"quota_mw,omitempty"` // the quota the province can expect
}

// Hello opens a connection: the room's join code and the player's name, and a token to come back into a
// seat (a seat's token) or to act as the facilitator (the facilitator's token).
type Hello struct {
	Code  string `json:"code"`
	Name  string `json:"name,omitempty"`
	Token string `json:"token,omitempty"`
	// View asks for each month's map values (the projector's page; the game replays instead).
	View bool `json:"view,omitempty"`
}

// Claim takes a free seat: a province id or "planner".
type Claim struct {
	Seat string `json:"seat"`
}

// Decide is a seat's decision for the month after Month, which must be the month that has just ended
// (the server refuses a decision made for a month already gone). Exactly one of Province, Planner.
type Decide struct {
	Month    string                  `json:"month"`
	Province *agents.Decision        `json:"province,omitempty"`
	Planner  *agents.PlannerDecision `json:"planner,omitempty"`
}

// Control is a facilitator's command.
type Control struct {
	Op      string `json:"op"`                // one of the Op* constants
	Speed   int    `json:"speed,omitempty"`   // OpSpeed: months per second, 1..session.MaxSpeed
	Seconds int    `json:"seconds,omitempty"` // OpTimer: the quota round's timer, 0 = no timer
	Seat    string `json:"seat,omitempty"`    // OpFree, OpAI, OpHuman
}

// Facilitator operations.
const (
	OpStart      = "start"       // run the clock
	OpPause      = "pause"       // stop the clock
	OpSpeed      = "speed"       // set the speed
	OpTimer      = "timer"       // set the round timer
	OpCloseRound = "close_round" // close the open round now: undecided seats get the advisor's choice
	OpFree       = "free"        // free a seat: its token stops working, anyone may claim it
	OpAI         = "ai"          // the AI advisor plays the seat (its holder, if any, is kept)
	OpHuman      = "human"       // give the seat back to its holder
	OpEnd        = "end"         // end the game: everyone gets the debrief
)

// Seat is one seat as everyone sees it (never its token).
type Seat struct {
	ID        string `json:"id"`   // province id or "planner"
	Name      string `json:"name"` // display name of the province or role
	NameFR    string `json:"name_fr"`
	Holder    string `json:"holder"` // the player's name; "" when free
	Connected int    `json:"connected"`
	AI        bool   `json:"ai,omitempty"`
	Decided   bool   `json:"decided,omitempty"` // has decided in the open round
}

// Round is the open quota round.
type Round struct {
	Month    string `json:"month"`              // the month the round decides (the next one)
	Deadline int64  `json:"deadline,omitempty"` // Unix milliseconds; 0 = no timer
	// Left is the time left, in milliseconds, when the frame was sent: a device whose clock is wrong
	// counts down from it rather than from Deadline.
	Left    int64    `json:"left,omitempty"`
	Waiting []string `json:"waiting"` // seats the round waits for
}

// State is the room's clock.
type State struct {
	Month   string `json:"month"` // the month that has just ended
	End     string `json:"end"`   // the game's last month
	Speed   int    `json:"speed"` // months per second while running
	Running bool   `json:"running"`
	Timer   int    `json:"timer"` // the round timer, seconds (0: none)
	Round   *Round `json:"round,omitempty"`
	Ended   bool   `json:"ended,omitempty"`
}

// Welcome answers Hello: who you are, the room, and the game so far as a save file to replay.
type Welcome struct {
	Role    string   `json:"role"` // "player" or "facilitator"
	Seat    string   `json:"seat,omitempty"`
	Code    string   `json:"code"`
	Seats   []Seat   `json:"seats"`
	State   State    `json:"state"`
	Notices []Notice `json:"notices"`
	// Save is the game's save file (package session's format) up to State.Month.
	Save json.RawMessage `json:"save"`
	// Queued counts the actions at the end of Save that the next month frame repeats (decided for the
	// coming month before the client joined): a replica skips them there.
	Queued int `json:"queued,omitempty"`
	// Provinces lists the province ids in model order, for the view.
	Provinces []string `json:"provinces"`
}

// Claimed gives a seat's token to the player who claimed it: keep it to come back.
type Claimed struct {
	Seat  string `json:"seat"`
	Token string `json:"token"`
}

// Action is one applied action of a month frame.
type Action struct {
	Province *agents.Decision        `json:"province,omitempty"`
	Planner  *agents.PlannerDecision `json:"planner,omitempty"`
}

// Month announces a simulated month: submit Actions (stamped with the previous month), then step.
// Digest is a checksum of the month's national metrics, for a client to check its replay.
type Month struct {
	Month   string    `json:"month"`
	Actions []Action  `json:"actions,omitempty"`
	Digest  string    `json:"digest"`
	At      int64     `json:"at"`             // server time when sent, Unix microseconds (for a client to see its lag)
	View    []float64 `json:"view,omitempty"` // utilisation of each province's data centres (View clients)
	Nat     []float64 `json:"nat,omitempty"`  // national utilisation, capacity GW, used GW (View clients)
}

// Notice is a room event shown in the news: the advisor chose for a seat, the facilitator did something.
type Notice struct {
	Month string   `json:"month"`
	Key   string   `json:"key"`   // one of the Notice* keys
	Seats []string `json:"seats"` // the seats it is about
}

// Notice keys (catalog keys of the clients' news).
const (
	NoticeAdvisor = "notice.advisor" // nobody decided for these seats: they got the AI advisor's choice
	NoticeAISeat  = "notice.ai_seat" // the AI advisor plays these seats (the facilitator's choice)
)

// Error is a refused request.
type Error struct {
	Msg string `json:"msg"`
}

// Rank is one province in the class debrief.
type Rank struct {
	Seat   string             `json:"seat"`
	Name   string             `json:"name"`
	Holder string             `json:"holder"`
	AI     bool               `json:"ai,omitempty"` // nobody played it (the advisor did)
	Score  float64            `json:"score"`        // the career score (as Career), 0..100
	Career float64            `json:"career"`       // the career scoreboard: investment, growth credit, jobs, 0..100
	Nation float64            `json:"nation"`       // the nation's scoreboard on the province's own values: use of halls, debt, CO2, unserved, 0..100
	Parts  map[string]float64 `json:"parts"`        // every part (catalog key -> 0..100; the nation's on its own values)
}

// ClassDebrief ranks the provinces at the end of the game, on both scoreboards.
type ClassDebrief struct {
	Month   string  `json:"month"`
	Career  []Rank  `json:"career"`  // best career first
	Nation  []Rank  `json:"nation"`  // best for the nation first
	Planner float64 `json:"planner"` // the nation's score (the planner's board)
}

type envelope struct {
	V int             `json:"v"`
	T string          `json:"t"`
	D json.RawMessage `json:"d"`
}

// Encode builds a server frame.
func Encode(t string, body any) ([]byte, error) {
	d, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return json.Marshal(envelope{V: Version, T: t, D: d})
}

// EncodeClient builds a client frame (the same envelope).
func EncodeClient(t string, body any) ([]byte, error) { return Encode(t, body) }

// ErrFrame marks every error of DecodeClient and DecodeServer: the frame is not valid protocol.
var ErrFrame = errors.New("bad frame")

func frameErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrFrame, fmt.Sprintf(format, a...))
}

// strict decodes exactly one JSON value into v, refusing unknown fields and trailing data.
func strict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the frame")
	}
	return nil
}

// DecodeClient decodes and checks one client frame: its type and its body (a *Hello, *Claim, *Decide or
// *Control). The values a model decision carries are checked again by the game session.
func DecodeClient(data []byte) (string, any, error) {
	if len(data) > MaxFrame {
		return "", nil, frameErr("%d bytes, the limit is %d", len(data), MaxFrame)
	}
	if !utf8.Valid(data) {
		return "", nil, frameErr("not UTF-8")
	}
	var e envelope
	if err := strict(data, &e); err != nil {
		return "", nil, frameErr("%v", err)
	}
	if e.V != Version {
		return "", nil, frameErr("protocol version %d, the server speaks %d", e.V, Version)
	}
	var body any
	switch e.T {
	case THello:
		body = &Hello{}
	case TClaim:
		body = &Claim{}
	case TDecide:
		body = &Decide{}
	case TControl:
		body = &Control{}
	default:
		return "", nil, frameErr("unknown frame type %q", e.T)
	}
	if len(e.D) == 0 {
		return "", nil, frameErr("%s: no body", e.T)
	}
	if err := strict(e.D, body); err != nil {
		return "", nil, frameErr("%s: %v", e.T, err)
	}
	if err := check(body); err != nil {
		return "", nil, frameErr("%s: %v", e.T, err)
	}
	return e.T, body, nil
}

// check bounds a client body's strings and lists (what a model check would not).
func check(body any) error {
	switch b := body.(type) {
	case *Hello:
		switch {
		case len(b.Code) > MaxCode:
			return errors.New("code too long")
		case utf8.RuneCountInString(b.Name) > MaxName:
			return fmt.Errorf("name longer than %d characters", MaxName)
		case len(b.Token) > MaxToken:
			return errors.New("token too long")
		}
		for _, r := range b.Name {
			if r < ' ' || r == 0x7f {
				return errors.New("control character in the name")
			}
		}
	case *Claim:
		if len(b.Seat) > MaxCode*4 {
			return errors.New("seat id too long")
		}
	case *Decide:
		if (b.Province == nil) == (b.Planner == nil) {
			return errors.New("a decision is a province's or the planner's, exactly one")
		}
		if p := b.Planner; p != nil && (len(p.Designate) > MaxIndexList || len(p.Moderate) > MaxIndexList) {
			return errors.New("list too long")
		}
	case *Control:
		if len(b.Seat) > MaxCode*4 {
			return errors.New("seat id too long")
		}
	}
	return nil
}

// DecodeServer decodes a server frame's envelope; Body decodes its body.
func DecodeServer(data []byte) (t string, body json.RawMessage, err error) {
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return "", nil, frameErr("%v", err)
	}
	if e.V != Version {
		return "", nil, frameErr("protocol version %d, this client speaks %d", e.V, Version)
	}
	return e.T, e.D, nil
}

// Digest is the month frame's checksum: FNV-64a of the national metrics row's bits (a lockstep client
// compares its own replay's).
func Digest(national []float64) string {
	f := fnv.New64a()
	var b [8]byte
	for _, v := range national {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		f.Write(b[:])
	}
	return hex.EncodeToString(f.Sum(nil))
}

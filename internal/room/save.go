package room

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"dongshu/game/session"
	"dongshu/internal/atomicfile"
	"dongshu/internal/wire"
)

// The room file: the game (a session save file: setup and action log, replayed on load) and the room
// around it. Tokens are kept only as SHA-256 hashes, so that the file does not give a seat away.
const (
	roomFormat  = "dongshu-room"
	roomVersion = 1
)

type roomFile struct {
	Format      string          `json:"format"`
	Version     int             `json:"version"`
	Code        string          `json:"code"`
	Facilitator string          `json:"facilitator_sha256"`
	Seats       []savedSeat     `json:"seats"`
	Speed       int             `json:"speed"`
	Running     bool            `json:"running"`
	Timer       int             `json:"timer_s"`
	Ended       bool            `json:"ended,omitempty"`
	Notices     []wire.Notice   `json:"notices"`
	Queued      []queuedAction  `json:"queued,omitempty"` // decisions for the next month, not yet in the game
	Game        json.RawMessage `json:"game"`
}

type queuedAction struct {
	Seat string      `json:"seat"`
	Do   wire.Decide `json:"decision"`
}

type savedSeat struct {
	ID     string `json:"id"`
	Holder string `json:"holder,omitempty"`
	Token  string `json:"token_sha256,omitempty"`
	AI     bool   `json:"ai,omitempty"`
}

func (r *Room) marshal() ([]byte, error) {
	game, err := r.sess.MarshalSave()
	if err != nil {
		return nil, err
	}
	f := roomFile{Format: roomFormat, Version: roomVersion, Code: r.code, Facilitator: hex.EncodeToString(r.facHash[:]),
		Speed: r.speed, Running: r.running, Timer: int(r.timer / time.Second), Ended: r.ended,
		Notices: r.notices, Game: game}
	if f.Notices == nil {
		f.Notices = []wire.Notice{}
	}
	for i, a := range r.queued {
		if a != nil {
			f.Queued = append(f.Queued, queuedAction{Seat: r.seats[i].id,
				Do: wire.Decide{Month: a.Month.String(), Province: a.Province, Planner: a.Planner}})
		}
	}
	for _, s := range r.seats {
		ss := savedSeat{ID: s.id, Holder: s.holder, AI: s.ai}
		if s.holder != "" {
			ss.Token = hex.EncodeToString(s.token[:])
		}
		f.Seats = append(f.Seats, ss)
	}
	return marshalIndent(f)
}

func marshalIndent(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

func writeAtomic(path string, data []byte) error { return atomicfile.WriteFile(path, data) }

// save writes the room file (when the room has one).
func (r *Room) save() error {
	if r.opt.SavePath == "" {
		return nil
	}
	data, err := r.marshal()
	if err != nil {
		return err
	}
	return writeAtomic(r.opt.SavePath, data)
}

// Resume reopens the room saved at path (Options.Setup, Provinces and NoPlanner are ignored: the file
// holds them): the game is replayed to the saved month, the seats keep their tokens, the facilitator's
// token stays valid, and the clock runs as it did. New saves go to opt.SavePath (usually path).
func Resume(path string, opt Options) (*Room, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("room: resume: %w", err)
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("room: resume: %s: %s", path, fmt.Sprintf(format, a...))
	}
	var f roomFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, bad("not a readable room file: %v", err)
	}
	switch {
	case f.Format != roomFormat:
		return nil, bad("not a dongshu room file")
	case f.Version < 1 || f.Version > roomVersion:
		return nil, bad("room file version %d (this server reads up to %d)", f.Version, roomVersion)
	}
	sess, err := session.Decode(path+" (game)", f.Game)
	if err != nil {
		return nil, err
	}
	if len(sess.WhatIfs()) > 0 {
		// The month frames carry decisions only (wire.Action): the players' replays would diverge.
		return nil, bad("the game holds what-ifs, which a classroom room does not carry to its players")
	}
	r := newRoom(opt, sess)
	r.code = f.Code
	if !decodeHash(f.Facilitator, &r.facHash) {
		return nil, bad("facilitator_sha256 is not a SHA-256 hash")
	}
	if len(f.Seats) != len(r.seats) {
		return nil, bad("%d seats for a game of %d", len(f.Seats), len(r.seats))
	}
	for i, ss := range f.Seats {
		s := r.seats[i]
		if ss.ID != s.id {
			return nil, bad("seat %d is %q, the game's is %q", i+1, ss.ID, s.id)
		}
		s.holder, s.ai = ss.Holder, ss.AI
		if s.holder != "" && !decodeHash(ss.Token, &s.token) {
			return nil, bad("seat %s: token_sha256 is not a SHA-256 hash", s.id)
		}
	}
	if f.Speed >= 1 && f.Speed <= session.MaxSpeed {
		r.speed = f.Speed
	}
	r.running, r.ended, r.notices = f.Running, f.Ended, f.Notices
	r.timer = time.Duration(max(f.Timer, 0)) * time.Second
	for _, q := range f.Queued {
		s := r.byID[q.Seat]
		if s == nil {
			return nil, bad("a queued decision for seat %q, which does not exist", q.Seat)
		}
		if err := r.submit(s, &q.Do); err != nil {
			return nil, bad("seat %s's queued decision: %v", q.Seat, err)
		}
	}
	r.months = len(sess.History().Months)
	return r, nil
}

func decodeHash(s string, out *[32]byte) bool {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		return false
	}
	copy(out[:], b)
	return true
}

package netplay

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"dongshu/game/session"
	"dongshu/internal/wire"
)

// Remote drives a game (package game's Options.Remote) from a room: frames are read in the background
// and applied on the game's own goroutine by Pump, so that the replica is touched by one goroutine only.
type Remote struct {
	c      *Client
	frames chan []byte
	errc   chan error
	sent   string // the round month the seat's decision was sent for
	err    error
}

// Join connects to the room at url (http(s)://host/ or ws(s)://host/ws) with the player's name and the
// seat's token (to come back), or claims seat (a province id or "planner"; "" for a spectator). The
// returned Remote's Session is the room's game, replayed.
func Join(ctx context.Context, url, code, name, token, seat string) (*Remote, error) {
	c, err := Dial(ctx, wsURL(url), "", wire.Hello{Code: code, Name: name, Token: token}, true)
	if err != nil {
		return nil, err
	}
	if token == "" && seat != "" {
		if err := c.Claim(ctx, seat); err != nil {
			c.Close()
			return nil, err
		}
		for c.Seat == "" {
			c.LastErr = ""
			if _, err := c.Next(ctx); err != nil {
				c.Close()
				return nil, err
			}
			if c.LastErr != "" {
				c.Close()
				return nil, fmt.Errorf("netplay: seat %s: %s", seat, c.LastErr)
			}
		}
	}
	r := &Remote{c: c, frames: make(chan []byte, 4096), errc: make(chan error, 1)}
	go r.read()
	return r, nil
}

// wsURL turns a page address into the room's WebSocket address.
func wsURL(u string) string {
	switch {
	case len(u) > 8 && u[:8] == "https://":
		u = "wss://" + u[8:]
	case len(u) > 7 && u[:7] == "http://":
		u = "ws://" + u[7:]
	}
	if len(u) < 3 || u[len(u)-3:] != "/ws" {
		if u[len(u)-1] != '/' {
			u += "/"
		}
		u += "ws"
	}
	return u
}

func (r *Remote) read() {
	for {
		data, err := r.c.conn.Read(context.Background())
		if err != nil {
			r.errc <- err
			return
		}
		r.frames <- data
	}
}

// Client is the connection (its fields: the room's seats, state, notices, debrief).
func (r *Remote) Client() *Client { return r.c }

// Session is the replica of the room's game.
func (r *Remote) Session() *session.Session { return r.c.Sess }

// ErrClosed is a connection the server closed or lost.
var ErrClosed = errors.New("netplay: the connection to the room is closed")

// Pump applies every frame that has arrived, without waiting.
func (r *Remote) Pump() error {
	if r.err != nil {
		return r.err
	}
	for {
		select {
		case data := <-r.frames:
			if _, err := r.c.apply(data); err != nil {
				r.err = err
				return err
			}
		case err := <-r.errc:
			r.err = fmt.Errorf("%w: %v", ErrClosed, err)
			return r.err
		default:
			// The replica's speed shows the room's clock (the server runs it; the replica never ticks).
			if st := r.c.State; st.Running && !st.Ended {
				r.c.Sess.SetSpeed(st.Speed)
			} else {
				r.c.Sess.SetSpeed(0)
			}
			return nil
		}
	}
}

// Awaited is what the room waits for from this player: its seat, while the open round waits for it and
// its decision has not been sent.
func (r *Remote) Awaited() session.Waiting {
	rd := r.c.State.Round
	if rd == nil || r.c.Seat == "" || rd.Month == r.sent || !slices.Contains(rd.Waiting, r.c.Seat) {
		return session.Waiting{}
	}
	if i := slices.Index(r.c.Welcome.Provinces, r.c.Seat); i >= 0 {
		return session.Waiting{Provinces: []int{i}}
	}
	return session.Waiting{Planner: true}
}

// Ended reports whether the room's game is over (the debrief has come).
func (r *Remote) Ended() bool { return r.c.State.Ended || r.c.Debrief != nil }

// Submit sends the seat's decision; the server checks it again and applies it with the round.
func (r *Remote) Submit(a session.Action) error {
	if a.WhatIf != nil {
		// The room's month frames carry decisions only, so every player's replay stays the room's.
		return errors.New("netplay: what-ifs are not available in a classroom game (the room plays the scenario as set)")
	}
	if err := r.c.Sess.Check(a); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if rd := r.c.State.Round; rd != nil {
		r.sent = rd.Month
	}
	return r.c.Decide(ctx, wire.Decide{Month: a.Month.String(), Province: a.Province, Planner: a.Planner})
}

// Close leaves the room.
func (r *Remote) Close() error { return r.c.Close() }

// JoinURL joins with everything in one address, as the students' page links it:
// http://host:port/#code=CODE&name=NAME[&token=TOKEN][&seat=SEAT].
func JoinURL(ctx context.Context, raw string) (*Remote, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("netplay: join address: %w", err)
	}
	q, err := url.ParseQuery(u.Fragment)
	if err != nil {
		return nil, fmt.Errorf("netplay: join address %q: %w", raw, err)
	}
	if q.Get("code") == "" {
		return nil, fmt.Errorf("netplay: join address %q has no #code=…", raw)
	}
	u.Fragment, u.RawFragment = "", ""
	return Join(ctx, u.String(), strings.ToUpper(q.Get("code")), q.Get("name"), q.Get("token"), q.Get("seat"))
}

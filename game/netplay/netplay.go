// Package netplay is a classroom client (dongshu-server, package internal/room): it joins a room, keeps
// a replica of the room's game in lockstep (the model is deterministic, so replaying the server's actions
// month by month gives the server's game exactly; each month's digest checks it) and sends the seat's
// decisions. The web and desktop game read the replica like a local session; tests script it.
package netplay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"dongshu/game/session"
	"dongshu/internal/wire"
)

// transport is the WebSocket: coder/websocket natively (conn.go), the browser's own in WebAssembly
// (conn_js.go: coder/websocket would bring net/http and TLS into the download for nothing).
type transport interface {
	Read(ctx context.Context) ([]byte, error) // one text frame
	Write(ctx context.Context, msg []byte) error
	Close() error // a normal close
	CloseNow()    // without the handshake
}

// Client is one connection to a room. It is not safe for concurrent use, except Close.
type Client struct {
	conn    transport
	replica bool
	skip    int // actions of the next month frame the replica already has

	Welcome wire.Welcome
	Sess    *session.Session // the replica (nil without one)
	Seat    string           // the seat held ("" for a spectator)
	Token   string           // the seat's token, to come back
	State   wire.State
	Seats   []wire.Seat
	Notices []wire.Notice
	Debrief *wire.ClassDebrief
	LastErr string     // the last refused request
	Last    wire.Month // the last month frame
	Bytes   int64      // bytes received
	Frames  int
}

// Dial joins the room at url (ws:// or wss://…/ws) with hello; with replica, the client replays the
// game it is sent and follows it. origin is the Origin header (a browser's page address); "" for none.
func Dial(ctx context.Context, url, origin string, hello wire.Hello, replica bool) (*Client, error) {
	conn, err := dial(ctx, url, origin)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn, replica: replica, Token: hello.Token}
	if err := c.send(ctx, wire.THello, hello); err != nil {
		conn.CloseNow()
		return nil, err
	}
	t, err := c.Next(ctx)
	if err != nil {
		conn.CloseNow()
		return nil, err
	}
	if t != wire.TWelcome {
		conn.CloseNow()
		return nil, fmt.Errorf("netplay: expected welcome, got %s", t)
	}
	return c, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

func (c *Client) send(ctx context.Context, t string, body any) error {
	msg, err := wire.EncodeClient(t, body)
	if err != nil {
		return err
	}
	return c.conn.Write(ctx, msg)
}

// Claim asks for a free seat; the answer (claimed or error) comes through Next.
func (c *Client) Claim(ctx context.Context, seat string) error {
	return c.send(ctx, wire.TClaim, wire.Claim{Seat: seat})
}

// Decide sends the seat's decision for the month after the current one.
func (c *Client) Decide(ctx context.Context, d wire.Decide) error {
	return c.send(ctx, wire.TDecide, d)
}

// Control sends a facilitator's command.
func (c *Client) Control(ctx context.Context, op wire.Control) error {
	return c.send(ctx, wire.TControl, op)
}

// ErrDesync is a replica that no longer matches the server's game.
var ErrDesync = errors.New("netplay: the local game differs from the room's")

// Next reads one frame and applies it; it returns the frame's type.
func (c *Client) Next(ctx context.Context) (string, error) {
	data, err := c.conn.Read(ctx)
	if err != nil {
		return "", err
	}
	return c.apply(data)
}

// apply decodes one server frame and applies it to the client's state and replica.
func (c *Client) apply(data []byte) (string, error) {
	c.Bytes += int64(len(data))
	c.Frames++
	t, body, err := wire.DecodeServer(data)
	if err != nil {
		return "", err
	}
	switch t {
	case wire.TWelcome:
		if err := json.Unmarshal(body, &c.Welcome); err != nil {
			return t, err
		}
		c.Seat, c.State, c.Seats, c.Notices = c.Welcome.Seat, c.Welcome.State, c.Welcome.Seats, c.Welcome.Notices
		if c.replica {
			if c.Sess, err = session.Decode("room", c.Welcome.Save); err != nil {
				return t, err
			}
			c.skip = c.Welcome.Queued
		}
	case wire.TState:
		var st wire.State // a fresh one: a field the frame leaves out (no round) must not keep its old value
		err = json.Unmarshal(body, &st)
		c.State = st
	case wire.TSeats:
		c.Seats = nil
		err = json.Unmarshal(body, &c.Seats)
	case wire.TNotice:
		var n wire.Notice
		err = json.Unmarshal(body, &n)
		c.Notices = append(c.Notices, n)
	case wire.TClaimed:
		var cl wire.Claimed
		err = json.Unmarshal(body, &cl)
		c.Seat, c.Token = cl.Seat, cl.Token
	case wire.TError:
		var e wire.Error
		err = json.Unmarshal(body, &e)
		c.LastErr = e.Msg
	case wire.TDebrief:
		var d wire.ClassDebrief
		err = json.Unmarshal(body, &d)
		c.Debrief = &d
	case wire.TMonth:
		c.Last = wire.Month{}
		if err = json.Unmarshal(body, &c.Last); err == nil {
			c.State.Month = c.Last.Month
			if c.Sess != nil {
				m := c.Last
				m.Actions = m.Actions[min(c.skip, len(m.Actions)):]
				c.skip = 0
				err = Apply(c.Sess, m)
			}
		}
	}
	return t, err
}

// Apply replays a month frame into s: the actions, stamped with the month that has ended, then one
// month; the result must be the frame's month with the frame's digest.
func Apply(s *session.Session, m wire.Month) error {
	now := s.Model().W.Now
	for _, a := range m.Actions {
		if err := s.Submit(session.Action{Month: now, Province: a.Province, Planner: a.Planner}); err != nil {
			return fmt.Errorf("%w: %v", ErrDesync, err)
		}
	}
	if err := s.Step(); err != nil {
		return err
	}
	if got := s.Model().W.Now.String(); got != m.Month {
		return fmt.Errorf("%w: at %s, the room is at %s", ErrDesync, got, m.Month)
	}
	h := s.History()
	if d := wire.Digest(h.Scope[len(h.Months)-1][0]); d != m.Digest {
		return fmt.Errorf("%w: month %s digest %s, the room's %s", ErrDesync, m.Month, d, m.Digest)
	}
	return nil
}

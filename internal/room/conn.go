package room

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"

	"dongshu/internal/wire"
)

// Limits cap what the room accepts from the network.
type Limits struct {
	MaxConns     int           // WebSocket connections in all (default 256)
	MaxPerIP     int           // from one address (default 64: a class behind one NAT still fits)
	MsgPerSec    float64       // a connection's sustained frame rate (default 10)
	Burst        int           // and burst (default 20)
	OutQueue     int           // frames waiting for a slow reader before it is dropped (default 256)
	WriteTimeout time.Duration // one write (default 5 s)
	HelloTimeout time.Duration // from connecting to the hello frame (default 10 s)
}

func (l Limits) withDefaults() Limits {
	def := Limits{MaxConns: 256, MaxPerIP: 64, MsgPerSec: 10, Burst: 20, OutQueue: 256,
		WriteTimeout: 5 * time.Second, HelloTimeout: 10 * time.Second}
	if l.MaxConns <= 0 {
		l.MaxConns = def.MaxConns
	}
	if l.MaxPerIP <= 0 {
		l.MaxPerIP = def.MaxPerIP
	}
	if l.MsgPerSec <= 0 {
		l.MsgPerSec = def.MsgPerSec
	}
	if l.Burst <= 0 {
		l.Burst = def.Burst
	}
	if l.OutQueue <= 0 {
		l.OutQueue = def.OutQueue
	}
	if l.WriteTimeout <= 0 {
		l.WriteTimeout = def.WriteTimeout
	}
	if l.HelloTimeout <= 0 {
		l.HelloTimeout = def.HelloTimeout
	}
	return l
}

// limiter counts connections, in all and by address.
type limiter struct {
	mu    sync.Mutex
	l     Limits
	total int
	byIP  map[string]int
}

func (l *limiter) init(lim Limits) { l.l, l.byIP = lim, map[string]int{} }

func (l *limiter) acquire(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.total >= l.l.MaxConns || l.byIP[ip] >= l.l.MaxPerIP {
		return false
	}
	l.total++
	l.byIP[ip]++
	return true
}

func (l *limiter) release(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total--
	if l.byIP[ip]--; l.byIP[ip] <= 0 {
		delete(l.byIP, ip)
	}
}

// client is one WebSocket connection. Only the room's goroutine touches its fields after hello; the
// connection's goroutines share only out and the context.
type client struct {
	conn   *websocket.Conn
	out    chan []byte
	cancel context.CancelFunc
	name   string
	seat   *seat
	fac    bool
	view   bool
	gone   bool
}

// send queues a frame for c without ever blocking the room: a client whose queue is full is dropped.
func (r *Room) send(c *client, msg []byte) {
	if c.gone {
		return
	}
	select {
	case c.out <- msg:
	default:
		r.drop(c, websocket.StatusPolicyViolation, "too slow: the connection fell behind the game")
	}
}

func (r *Room) sendTo(c *client, t string, body any) {
	msg, err := wire.Encode(t, body)
	if err != nil {
		r.logf("frame %s: %v", t, err)
		return
	}
	r.send(c, msg)
}

func (r *Room) broadcast(t string, body any) {
	msg, err := wire.Encode(t, body)
	if err != nil {
		r.logf("frame %s: %v", t, err)
		return
	}
	for c := range r.clients {
		r.send(c, msg)
	}
}

// drop forgets c and closes its connection with a reason, in the background (a close handshake waits
// for the peer).
func (r *Room) drop(c *client, code websocket.StatusCode, reason string) {
	if c.gone {
		return
	}
	c.gone = true
	delete(r.clients, c)
	if c.seat != nil {
		c.seat.conns--
		c.seat = nil
		r.broadcastSeats()
	}
	// Close first: cancelling the context of the connection's last read would cut it without the reason.
	go func() {
		c.conn.Close(code, reason)
		c.cancel()
	}()
}

// ServeWS is the WebSocket endpoint.
func (r *Room) ServeWS(w http.ResponseWriter, req *http.Request) {
	ip := remoteIP(req)
	if !r.lim.acquire(ip) {
		http.Error(w, "too many connections", http.StatusTooManyRequests)
		return
	}
	defer r.lim.release(ip)
	conn, err := websocket.Accept(w, req, &websocket.AcceptOptions{OriginPatterns: r.opt.Origins})
	if err != nil {
		return // Accept has answered (a wrong Origin is refused there)
	}
	conn.SetReadLimit(wire.MaxFrame)
	ctx, cancel := context.WithCancel(req.Context())
	defer cancel()
	c := &client{conn: conn, out: make(chan []byte, r.opt.Limits.OutQueue), cancel: cancel}
	code, reason := r.serve(ctx, c)
	r.do(func() {
		if !c.gone {
			r.drop(c, code, reason)
		}
	})
	// Wait for the writer to stop touching the connection, so that the slot is free when we return.
	<-ctx.Done()
}

// serve reads c's frames until it leaves or misbehaves; it returns the close status and reason.
func (r *Room) serve(ctx context.Context, c *client) (websocket.StatusCode, string) {
	go r.writer(ctx, c)
	lim := r.opt.Limits
	hctx, hcancel := context.WithTimeout(ctx, lim.HelloTimeout)
	t, body, code, reason := read(hctx, c)
	hcancel()
	if code != 0 {
		return code, reason
	}
	if t != wire.THello {
		return websocket.StatusPolicyViolation, "the first frame must be hello"
	}
	if code, reason := r.hello(c, body.(*wire.Hello)); code != 0 {
		return code, reason
	}
	tokens, last := float64(lim.Burst), time.Now()
	for {
		t, body, code, reason := read(ctx, c)
		if code != 0 {
			return code, reason
		}
		now := time.Now()
		tokens = min(float64(lim.Burst), tokens+now.Sub(last).Seconds()*lim.MsgPerSec)
		last = now
		if tokens < 1 {
			return websocket.StatusPolicyViolation, "too many messages"
		}
		tokens--
		var code2 websocket.StatusCode
		var reason2 string
		r.do(func() { code2, reason2 = r.handle(c, t, body) })
		if code2 != 0 {
			return code2, reason2
		}
	}
}

// read reads and decodes one frame; a non-zero status says why the connection must close.
func read(ctx context.Context, c *client) (string, any, websocket.StatusCode, string) {
	typ, data, err := c.conn.Read(ctx)
	if err != nil {
		if s := websocket.CloseStatus(err); s != -1 {
			return "", nil, s, "" // the peer closed
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return "", nil, websocket.StatusPolicyViolation, "no hello in time"
		}
		// A frame over the read limit: the library has already closed with StatusMessageTooBig. Else the
		// connection is gone.
		return "", nil, websocket.StatusGoingAway, reasonOf(err)
	}
	if typ != websocket.MessageText {
		return "", nil, websocket.StatusUnsupportedData, "frames are JSON text"
	}
	t, body, err := wire.DecodeClient(data)
	if err != nil {
		return "", nil, websocket.StatusPolicyViolation, reasonOf(err)
	}
	return t, body, 0, ""
}

// reasonOf fits an error into a close frame's reason (at most 123 bytes).
func reasonOf(err error) string {
	s := err.Error()
	if len(s) > 120 {
		s = s[:120]
	}
	return s
}

// writer sends c's queued frames, each with a deadline: a peer that stops reading is cut off.
func (r *Room) writer(ctx context.Context, c *client) {
	for {
		select {
		case msg := <-c.out:
			wctx, cancel := context.WithTimeout(ctx, r.opt.Limits.WriteTimeout)
			err := c.conn.Write(wctx, websocket.MessageText, msg)
			cancel()
			if err != nil {
				c.cancel()
				c.conn.CloseNow()
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// hello admits c: the join code, then a seat's or the facilitator's token if any.
func (r *Room) hello(c *client, h *wire.Hello) (code websocket.StatusCode, reason string) {
	r.do(func() {
		if len(h.Code) != len(r.code) || !sameString(h.Code, r.code) {
			code, reason = websocket.StatusPolicyViolation, "wrong room code"
			return
		}
		c.name, c.view = h.Name, h.View
		welcome := wire.Welcome{Role: "player", Code: r.code}
		if h.Token != "" {
			th := hashToken(h.Token)
			switch {
			case sameHash(th, r.facHash):
				c.fac, welcome.Role = true, "facilitator"
			default:
				for _, s := range r.seats {
					if s.holder != "" && sameHash(th, s.token) {
						c.seat = s
						s.conns++
						welcome.Seat = s.id
					}
				}
				if c.seat == nil {
					code, reason = websocket.StatusPolicyViolation, "unknown token"
					return
				}
			}
		}
		save, err := r.sess.MarshalSave()
		var compact bytes.Buffer
		if err == nil {
			err = json.Compact(&compact, save) // the file is indented for people; the wire need not be
		}
		if err != nil {
			code, reason = websocket.StatusInternalError, "cannot send the game"
			return
		}
		save = compact.Bytes()
		welcome.Queued = len(r.sess.Actions()) - r.sent
		welcome.Save, welcome.Seats, welcome.State, welcome.Notices = save, r.seatList(), r.state(), r.notices
		for _, p := range r.sess.Model().W.Provinces {
			welcome.Provinces = append(welcome.Provinces, p.ID)
		}
		r.clients[c] = struct{}{}
		r.sendTo(c, wire.TWelcome, welcome)
		if r.ended {
			r.sendTo(c, wire.TDebrief, r.Debrief())
		}
		if c.seat != nil {
			r.broadcastSeats()
			r.advise(c)
		}
	})
	return
}

func sameString(a, b string) bool { return len(a) == len(b) && sameHash(hashToken(a), hashToken(b)) }

// handle runs one request of an admitted client in the room's goroutine.
func (r *Room) handle(c *client, t string, body any) (websocket.StatusCode, string) {
	if c.gone {
		return websocket.StatusGoingAway, "dropped"
	}
	switch b := body.(type) {
	case *wire.Hello:
		return websocket.StatusPolicyViolation, "hello twice"
	case *wire.Claim:
		if c.fac {
			return websocket.StatusPolicyViolation, "the facilitator holds no seat"
		}
		s := r.byID[b.Seat]
		switch {
		case c.seat != nil:
			r.sendTo(c, wire.TError, wire.Error{Msg: "you already hold a seat"})
		case s == nil:
			r.sendTo(c, wire.TError, wire.Error{Msg: "no such seat"})
		case s.holder != "":
			r.sendTo(c, wire.TError, wire.Error{Msg: "this seat is taken"})
		case c.name == "":
			r.sendTo(c, wire.TError, wire.Error{Msg: "say your name first"})
		default:
			tok := randomToken()
			s.holder, s.token = c.name, hashToken(tok)
			s.conns++
			c.seat = s
			r.persist()
			r.sendTo(c, wire.TClaimed, wire.Claimed{Seat: s.id, Token: tok})
			r.advise(c)
			r.broadcastSeats()
			r.checkRound()
		}
	case *wire.Decide:
		s := c.seat
		if s == nil {
			return websocket.StatusPolicyViolation, "no seat: a spectator cannot decide"
		}
		if (b.Planner != nil) != (s.province < 0) || (b.Province != nil && b.Province.Province != s.province) {
			return websocket.StatusPolicyViolation, "a decision for another seat"
		}
		if err := r.submit(s, b); err != nil {
			r.sendTo(c, wire.TError, wire.Error{Msg: err.Error()})
		}
	case *wire.Control:
		if !c.fac {
			return websocket.StatusPolicyViolation, "only the facilitator controls the room"
		}
		if err := r.control(b); err != nil {
			r.sendTo(c, wire.TError, wire.Error{Msg: err.Error()})
		}
	}
	return 0, ""
}

func remoteIP(req *http.Request) string {
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		return req.RemoteAddr
	}
	return host
}

package room_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/internal/room"
	"dongshu/internal/wire"
)

// closedWith reads c until the server closes it and checks the close status and reason.
func closedWith(t *testing.T, c *websocket.Conn, code websocket.StatusCode, reason string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		_, _, err := c.Read(ctx)
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		require.True(t, errors.As(err, &ce), "not closed by the server: %v", err)
		assert.Equal(t, code, ce.Code)
		assert.Contains(t, ce.Reason, reason)
		return
	}
}

func rawDial(t *testing.T, tr *testRoom) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, tr.URL, nil)
	require.NoError(t, err)
	c.SetReadLimit(64 << 20)
	return c
}

func write(t *testing.T, c *websocket.Conn, typ websocket.MessageType, msg string) {
	t.Helper()
	require.NoError(t, c.Write(context.Background(), typ, []byte(msg)))
}

func helloFrame(code, token string) string {
	b, _ := wire.EncodeClient(wire.THello, wire.Hello{Code: code, Name: "x", Token: token})
	return string(b)
}

// TestRefused: every hostile or mistaken request is refused, the connection that sent a bad frame is
// closed with a reason, and the room goes on.
func TestRefused(t *testing.T) {
	tr := startRoom(t, room.Options{})
	code := tr.R.Code()
	bad := []struct {
		name, first, frame string
		typ                websocket.MessageType
		status             websocket.StatusCode
		reason             string
	}{
		{"wrong room code", helloFrame("ZZZZZZ", ""), "", 0, websocket.StatusPolicyViolation, "wrong room code"},
		{"wrong token", helloFrame(code, strings.Repeat("ab", 32)), "", 0, websocket.StatusPolicyViolation, "unknown token"},
		{"no hello first", `{"v":1,"t":"claim","d":{"seat":"gansu"}}`, "", 0, websocket.StatusPolicyViolation, "first frame must be hello"},
		{"not JSON", "hello?", "", 0, websocket.StatusPolicyViolation, "bad frame"},
		{"binary frame", "", "\x00\x01\x02", websocket.MessageBinary, websocket.StatusUnsupportedData, "JSON text"},
		{"unknown type", "", `{"v":1,"t":"shutdown","d":{}}`, 0, websocket.StatusPolicyViolation, "unknown frame type"},
		{"unknown field", "", `{"v":1,"t":"claim","d":{"seat":"gansu","admin":true}}`, 0, websocket.StatusPolicyViolation, "unknown field"},
		{"wrong version", "", `{"v":2,"t":"claim","d":{"seat":"gansu"}}`, 0, websocket.StatusPolicyViolation, "protocol version"},
		{"trailing data", "", `{"v":1,"t":"claim","d":{"seat":"gansu"}} {}`, 0, websocket.StatusPolicyViolation, "trailing"},
		{"number out of float range", "", `{"v":1,"t":"decide","d":{"month":"2019-12","province":{"Province":0,"BuildMW":1e400}}}`, 0, websocket.StatusPolicyViolation, "bad frame"},
		{"wrong type of value", "", `{"v":1,"t":"decide","d":{"month":"2019-12","province":{"Province":"gansu"}}}`, 0, websocket.StatusPolicyViolation, "bad frame"},
		{"two decisions", "", `{"v":1,"t":"decide","d":{"month":"2019-12","province":{},"planner":{}}}`, 0, websocket.StatusPolicyViolation, "exactly one"},
		{"no body", "", `{"v":1,"t":"claim"}`, 0, websocket.StatusPolicyViolation, "no body"},
		{"not UTF-8", "", "{\"v\":1,\"t\":\"claim\",\"d\":{\"seat\":\"\xff\"}}", 0, websocket.StatusPolicyViolation, "UTF-8"},
		{"oversized frame", "", `{"v":1,"t":"claim","d":{"seat":"` + strings.Repeat("a", wire.MaxFrame) + `"}}`, 0, websocket.StatusMessageTooBig, ""},
		{"spectator decides", "", `{"v":1,"t":"decide","d":{"month":"2019-12","province":{"Province":3}}}`, 0, websocket.StatusPolicyViolation, "spectator"},
		{"student controls the room", "", `{"v":1,"t":"control","d":{"op":"end"}}`, 0, websocket.StatusPolicyViolation, "only the facilitator"},
		{"hello twice", "", helloFrame(code, ""), 0, websocket.StatusPolicyViolation, "hello twice"},
		{"control character in a name", `{"v":1,"t":"hello","d":{"code":"` + code + `","name":"a\u0007b"}}`, "", 0, websocket.StatusPolicyViolation, "control character"},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			c := rawDial(t, tr)
			defer c.CloseNow()
			first := b.first
			if first == "" {
				first = helloFrame(code, "")
			}
			write(t, c, websocket.MessageText, first)
			if b.frame != "" {
				typ := b.typ
				if typ == 0 {
					typ = websocket.MessageText
				}
				write(t, c, typ, b.frame)
			}
			closedWith(t, c, b.status, b.reason)
		})
	}

	t.Run("another seat's action", func(t *testing.T) {
		ps := claimAll(t, tr, []string{"gansu"})
		c := ps[0].c
		defer c.Close()
		d := scripted(ps[0].seat, ps[0].idx, c.State.Month, nil)
		d.Province.Province = ps[0].idx + 1
		require.NoError(t, c.Decide(context.Background(), d))
		closedWith(t, c.Conn(), websocket.StatusPolicyViolation, "another seat")
		save, _, err := tr.R.Snapshot()
		require.NoError(t, err)
		assert.NotContains(t, string(save), `"Province": `+itoa(ps[0].idx+1)+`,`, "the decision was not applied")
	})

	t.Run("a decision out of range is refused, the connection kept", func(t *testing.T) {
		ps := claimAll(t, tr, []string{"ningxia"})
		c := ps[0].c
		defer c.Close()
		d := scripted(ps[0].seat, ps[0].idx, c.State.Month, nil)
		d.Province.BuildMW = -5
		require.NoError(t, c.Decide(context.Background(), d))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for c.LastErr == "" {
			_, err := c.Next(ctx)
			require.NoError(t, err)
		}
		assert.Contains(t, c.LastErr, "build_mw")
	})

	t.Run("wrong Origin", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, resp, err := websocket.Dial(ctx, tr.URL, &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {"http://evil.example"}}})
		require.Error(t, err)
		require.NotNil(t, resp)
		assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	})

	t.Run("the room is unharmed", func(t *testing.T) {
		c := tr.dial(t, wire.Hello{Name: "after"}, true)
		defer c.Close()
		assert.NotNil(t, c.Sess)
	})
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return fmtInt(i/10) + string(rune('0'+i%10))
}

// attack runs every attack at once against a game in progress: 1,000 rapid connection attempts, garbage
// and oversized frames, wrong tokens, a seat's holder acting for another seat, a client that stops
// reading. stats counts what happened.
func attack(t *testing.T, tr *testRoom, stats *attackStats) {
	var wg sync.WaitGroup
	for w := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				c, _, err := websocket.Dial(ctx, tr.URL, nil)
				if err != nil {
					stats.refused.Add(1)
					cancel()
					continue
				}
				stats.accepted.Add(1)
				c.SetReadLimit(64 << 20)
				switch (w + k) % 4 {
				case 0: // garbage
					c.Write(ctx, websocket.MessageText, []byte("\x00garbage{"))
				case 1: // oversized
					c.Write(ctx, websocket.MessageText, []byte(strings.Repeat("x", 2*wire.MaxFrame)))
				case 2: // wrong token
					c.Write(ctx, websocket.MessageText, []byte(helloFrame(tr.R.Code(), strings.Repeat("0", 64))))
				case 3: // a spectator trying to decide and to end the game
					c.Write(ctx, websocket.MessageText, []byte(helloFrame(tr.R.Code(), "")))
					c.Write(ctx, websocket.MessageText, []byte(`{"v":1,"t":"control","d":{"op":"end"}}`))
				}
				_, _, err = c.Read(ctx)
				for err == nil {
					_, _, err = c.Read(ctx)
				}
				if websocket.CloseStatus(err) != -1 {
					stats.closedByServer.Add(1)
				}
				c.CloseNow()
				cancel()
			}
		}()
	}
	wg.Wait()
}

type attackStats struct{ refused, accepted, closedByServer atomic.Int64 }

// TestSlowReader: a client that stops reading is cut off (its queue overflows or a write times out), and
// the game goes on as if it had never come.
func TestSlowReader(t *testing.T) {
	opt := room.Options{Limits: room.Limits{OutQueue: 256, WriteTimeout: time.Second}}
	smallSockets = true
	defer func() { smallSockets = false }()
	clean := classGameWith(t, opt, 1, nil)
	var how string
	attacked := classGameWith(t, opt, 1, func(tr *testRoom) {
		// A raw connection with a small receive buffer that reads nothing after its hello.
		d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
			return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4<<10) })
		}}
		hc := &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
		slow, _, err := websocket.Dial(context.Background(), tr.URL, &websocket.DialOptions{HTTPClient: hc})
		require.NoError(t, err)
		defer slow.CloseNow()
		write(t, slow, websocket.MessageText, helloFrame(tr.R.Code(), ""))
		// It stops reading; once the game is over, what it finally reads ends with the server's cut.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for {
			<-time.After(time.Second)
			if _, st, _ := tr.R.Snapshot(); st.Ended {
				break
			}
		}
		for {
			if _, _, err = slow.Read(ctx); err != nil {
				break
			}
		}
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			how = ce.Reason
		} else {
			how = err.Error()
		}
	})
	t.Logf("the client that stopped reading was cut: %s", how)
	assert.True(t, strings.Contains(how, "too slow") || strings.Contains(how, "EOF"), how)
	assert.Equal(t, string(clean.save), string(attacked.save))
	assert.Equal(t, string(clean.timeseries), string(attacked.timeseries))
}

// TestAttackLeavesTheGameAlone: a whole class game played during every attack is byte-identical to the
// same game without them.
func TestAttackLeavesTheGameAlone(t *testing.T) {
	clean := classGame(t, 1, nil)
	var stats attackStats
	attacked := classGame(t, 1, func(tr *testRoom) { attack(t, tr, &stats) })
	t.Logf("1,000 attempts: %d refused at the door, %d accepted then closed by the server (%d)",
		stats.refused.Load(), stats.accepted.Load(), stats.closedByServer.Load())
	assert.Equal(t, int64(1000), stats.refused.Load()+stats.accepted.Load())
	assert.Equal(t, stats.accepted.Load(), stats.closedByServer.Load(), "every accepted attacker was closed by the server")
	assert.Equal(t, string(clean.save), string(attacked.save))
	assert.Equal(t, string(clean.timeseries), string(attacked.timeseries))
	assert.Equal(t, string(clean.events), string(attacked.events))
}

//go:build !js

package netplay

import (
	"context"
	"net/http"

	"github.com/coder/websocket"
)

type wsConn struct{ c *websocket.Conn }

// dial connects with coder/websocket; origin is sent as the Origin header (a browser sends its page's).
func dial(ctx context.Context, url, origin string) (transport, error) {
	var opts websocket.DialOptions
	if origin != "" {
		opts.HTTPHeader = http.Header{"Origin": {origin}}
	}
	c, _, err := websocket.Dial(ctx, url, &opts)
	if err != nil {
		return nil, err
	}
	c.SetReadLimit(64 << 20) // the welcome holds the whole action log
	return wsConn{c}, nil
}

func (w wsConn) Read(ctx context.Context) ([]byte, error) {
	_, data, err := w.c.Read(ctx)
	return data, err
}

func (w wsConn) Write(ctx context.Context, msg []byte) error {
	return w.c.Write(ctx, websocket.MessageText, msg)
}

func (w wsConn) Close() error { return w.c.Close(websocket.StatusNormalClosure, "bye") }
func (w wsConn) CloseNow()    { w.c.CloseNow() }

// Conn is the underlying connection (tests use it to misbehave).
func (c *Client) Conn() *websocket.Conn { return c.conn.(wsConn).c }

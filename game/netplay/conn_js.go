//go:build js

package netplay

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall/js"
)

// jsConn is the browser's WebSocket. Its callbacks never block: frames queue under a lock and Read
// waits for a signal.
type jsConn struct {
	ws     js.Value
	mu     sync.Mutex
	queue  [][]byte
	err    error
	signal chan struct{}
	funcs  []js.Func
}

func dial(ctx context.Context, url, _ string) (transport, error) {
	c := &jsConn{ws: js.Global().Get("WebSocket").New(url), signal: make(chan struct{}, 1)}
	open := make(chan struct{})
	on := func(event string, f func(ev js.Value)) {
		fn := js.FuncOf(func(_ js.Value, args []js.Value) any { f(args[0]); return nil })
		c.funcs = append(c.funcs, fn)
		c.ws.Call("addEventListener", event, fn)
	}
	on("open", func(js.Value) { close(open) })
	on("message", func(ev js.Value) {
		if d := ev.Get("data"); d.Type() == js.TypeString {
			c.push([]byte(d.String()), nil)
		}
	})
	on("close", func(ev js.Value) {
		c.push(nil, fmt.Errorf("netplay: closed (%d): %s", ev.Get("code").Int(), ev.Get("reason").String()))
	})
	for {
		select {
		case <-open:
			return c, nil
		case <-c.signal:
			if _, err := c.pop(); err != nil {
				c.release()
				return nil, err
			}
		case <-ctx.Done():
			c.CloseNow()
			return nil, ctx.Err()
		}
	}
}

func (c *jsConn) push(msg []byte, err error) {
	c.mu.Lock()
	if err != nil {
		c.err = err
	} else {
		c.queue = append(c.queue, msg)
	}
	c.mu.Unlock()
	select {
	case c.signal <- struct{}{}:
	default:
	}
}

// pop takes the next frame (nil, nil: none yet).
func (c *jsConn) pop() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.queue) > 0 {
		m := c.queue[0]
		c.queue = c.queue[1:]
		return m, nil
	}
	return nil, c.err
}

func (c *jsConn) Read(ctx context.Context) ([]byte, error) {
	for {
		if m, err := c.pop(); m != nil || err != nil {
			return m, err
		}
		select {
		case <-c.signal:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (c *jsConn) Write(_ context.Context, msg []byte) error {
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	if err != nil {
		return err
	}
	if c.ws.Get("readyState").Int() != 1 {
		return errors.New("netplay: the connection is not open")
	}
	c.ws.Call("send", string(msg))
	return nil
}

func (c *jsConn) Close() error {
	c.ws.Call("close", 1000, "bye")
	return nil
}

func (c *jsConn) CloseNow() { c.ws.Call("close") }

func (c *jsConn) release() {
	for _, f := range c.funcs {
		f.Release()
	}
}

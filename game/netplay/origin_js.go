//go:build js

package netplay

import "github.com/coder/websocket"

// setOrigin does nothing in a browser: it sends its page's own Origin.
func setOrigin(*websocket.DialOptions, string) {}

//go:build !js

package netplay

import (
	"net/http"

	"github.com/coder/websocket"
)

// setOrigin sends origin as the Origin header (a browser sends its page's own).
func setOrigin(opts *websocket.DialOptions, origin string) {
	if origin != "" {
		opts.HTTPHeader = http.Header{"Origin": {origin}}
	}
}

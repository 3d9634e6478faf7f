//go:build js && wasm

// Command dongshu-web is the game in a web browser, joined to a classroom room (dongshu-server serves
// it at /static/play.html). The page's address says which room and seat:
// /static/play.html#code=CODE&name=NAME[&token=TOKEN][&seat=SEAT]; the game shows the room's game,
// replayed in the browser, with the same screens as the desktop game.
package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"syscall/js"
	"time"

	"dongshu/game"
	"dongshu/game/desktop"
	"dongshu/game/netplay"
)

func main() {
	loc := js.Global().Get("location")
	lang := "en"
	if l := js.Global().Get("navigator").Get("language").String(); len(l) >= 2 && l[:2] == "fr" {
		lang = "fr"
	}
	origin, hash := loc.Get("origin").String()+"/", loc.Get("hash").String()
	store := js.Global().Get("localStorage")
	// A reload comes back into the seat: the token this browser keeps for the room replaces a claim.
	kept, key := hash, ""
	if q, err := url.ParseQuery(strings.TrimPrefix(hash, "#")); err == nil && q.Get("token") == "" {
		key = "dongshu.token." + strings.ToUpper(q.Get("code"))
		if tok := store.Call("getItem", key); tok.Type() == js.TypeString {
			q.Set("token", tok.String())
			q.Del("seat")
			kept = "#" + q.Encode()
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	r, err := netplay.JoinURL(ctx, origin+kept)
	if err != nil && kept != hash && strings.Contains(err.Error(), "unknown token") {
		store.Call("removeItem", key) // the seat was freed, or this is another room: claim as the link says
		r, err = netplay.JoinURL(ctx, origin+hash)
	}
	cancel()
	if err != nil {
		fail(err)
		return
	}
	if r.Client().Token != "" {
		// Keep the seat's token where the students' page looks for it: a reload comes back to the seat.
		js.Global().Get("localStorage").Call("setItem", "dongshu.token."+r.Client().Welcome.Code, r.Client().Token)
	}
	app, err := game.New(game.Options{Lang: lang, Remote: r})
	if err != nil {
		fail(err)
		return
	}
	js.Global().Set("dongshuReady", true)
	if err := desktop.Run(app); err != nil {
		fail(err)
	}
}

// fail shows err on the page.
func fail(err error) {
	doc := js.Global().Get("document")
	p := doc.Call("getElementById", "status")
	if p.IsNull() {
		p = doc.Call("createElement", "p")
		doc.Get("body").Call("append", p)
	}
	p.Set("textContent", fmt.Sprint("dongshu: ", err))
	js.Global().Set("dongshuError", err.Error())
}

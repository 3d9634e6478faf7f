package room

import (
	"crypto/subtle"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"dongshu/game/i18n"
	"dongshu/game/view"
)

//go:embed web
var webFS embed.FS

// Handler serves the room: the WebSocket endpoint (/ws), the pages (the students' page /, the
// facilitator's console /console, the projector /projector), the QR code of the join URL (/qr.png), the
// class export (/export/NAME?lang=LANG, facilitator token as a Bearer header; charts in LANG, default en) and extra files, such as the WASM
// client, from static (may be nil).
func (r *Room) Handler(joinURL string, static fs.FS) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/ws", r.ServeWS)
	pages, _ := fs.Sub(webFS, "web")
	page := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			http.ServeFileFS(w, req, pages, name)
		}
	}
	mux.HandleFunc("GET /{$}", page("index.html"))
	mux.HandleFunc("GET /console", page("console.html"))
	mux.HandleFunc("GET /projector", page("projector.html"))
	mux.HandleFunc("GET /room.js", page("room.js"))
	mux.HandleFunc("GET /play", page("play.html"))
	mux.HandleFunc("GET /qr.png", func(w http.ResponseWriter, req *http.Request) {
		png, err := qrcode.Encode(joinURL+"#code="+r.code, qrcode.Medium, 320)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	})
	mux.HandleFunc("GET /export/{name}", r.serveExport)
	mux.HandleFunc("GET /layout.json", func(w http.ResponseWriter, req *http.Request) {
		l, err := view.LoadLayout()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(l)
	})
	if static != nil {
		mux.Handle("GET /static/", http.StripPrefix("/static/", serveCompressed(static)))
	}
	return securityHeaders(mux)
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, req)
	})
}

// serveExport writes the class export into a temporary folder and serves one of its files to the
// facilitator.
func (r *Room) serveExport(w http.ResponseWriter, req *http.Request) {
	tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
	fh := hashToken(tok)
	if !ok || subtle.ConstantTimeCompare(fh[:], r.facHash[:]) != 1 {
		http.Error(w, "the facilitator's token is needed", http.StatusUnauthorized)
		return
	}
	lang := req.URL.Query().Get("lang") // the console's language; the charts' labels follow it
	if lang == "" {
		lang = i18n.Languages[0]
	}
	if !slices.Contains(i18n.Languages, lang) {
		http.Error(w, fmt.Sprintf("lang=%q: the export's languages are %s", lang, strings.Join(i18n.Languages, ", ")), http.StatusBadRequest)
		return
	}
	name := req.PathValue("name")
	switch name {
	case "timeseries.csv", "events.csv", "debrief.json", "room.json", "utilisation.png", "capacity.png",
		"overbuild_by_province.png":
	default:
		http.NotFound(w, req)
		return
	}
	dir, err := os.MkdirTemp("", "dongshu-export-")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer os.RemoveAll(dir)
	if err := r.Export(dir, lang); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	http.ServeFile(w, req, filepath.Join(dir, name))
}

// serveCompressed serves files of fsys, sending NAME.gz instead of NAME to a client that accepts gzip
// (the WASM client is served compressed: a quarter of its size).
func serveCompressed(fsys fs.FS) http.Handler {
	plain := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		name := strings.TrimPrefix(req.URL.Path, "/")
		if strings.Contains(req.Header.Get("Accept-Encoding"), "gzip") {
			if f, err := fsys.Open(name + ".gz"); err == nil {
				defer f.Close()
				if rs, ok := f.(io.ReadSeeker); ok {
					switch {
					case strings.HasSuffix(name, ".wasm"):
						w.Header().Set("Content-Type", "application/wasm")
					case strings.HasSuffix(name, ".js"):
						w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
					}
					w.Header().Set("Content-Encoding", "gzip")
					w.Header().Set("Vary", "Accept-Encoding")
					http.ServeContent(w, req, name, time.Time{}, rs)
					return
				}
			}
		}
		plain.ServeHTTP(w, req)
	})
}

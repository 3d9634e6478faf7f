// Command dongshu-server hosts a classroom game of dongshu: one shared game, every student a province
// (or the planner) from a web browser, a facilitator's console and a projector view (docs/classroom.md).
//
//	dongshu-server                                  the embedded baseline on :8080, a new room
//	dongshu-server --preset drought --timer 3m      another scenario, a 3-minute quota round
//	dongshu-server --resume room.json               continue a room after a crash or a restart
//
// It prints the join address, the room code and the facilitator's address (with its token: keep it).
// The room is saved to --save after every month and every accepted decision. Bad flags exit 2.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"dongshu/game/session"
	"dongshu/internal/room"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	addr, public, save, resume, preset, provinces, static, origins string
	seed                                                           uint64
	timer                                                          time.Duration
	speed                                                          int
	noPlanner, turbo, start                                        bool
}

func parse(args []string, stderr io.Writer) (options, error) {
	var o options
	f := flag.NewFlagSet("dongshu-server", flag.ContinueOnError)
	f.SetOutput(stderr)
	f.StringVar(&o.addr, "addr", ":8080", "listen `address`")
	f.StringVar(&o.public, "url", "", "the join `URL` students type (default: http://<this machine's LAN address>:<port>/)")
	f.StringVar(&o.save, "save", "", "the room `file`, rewritten after every month (default: room-DATE-TIME.json; with --resume, that file)")
	f.StringVar(&o.resume, "resume", "", "continue the room saved in `file`")
	f.StringVar(&o.preset, "preset", "baseline", "embedded scenario `name`")
	f.Uint64Var(&o.seed, "seed", 1, "random seed")
	f.StringVar(&o.provinces, "provinces", "", "comma-separated province `ids` that are seats (default: all)")
	f.BoolVar(&o.noPlanner, "no-planner", false, "no planner seat (the planner's rule decides)")
	f.DurationVar(&o.timer, "timer", 3*time.Minute, "the quota round's timer (0: wait for every seated player)")
	f.IntVar(&o.speed, "speed", 2, "months per second while running (1-8)")
	f.BoolVar(&o.start, "start", false, "start the clock at once (else the facilitator starts it)")
	f.BoolVar(&o.turbo, "turbo", false, "step the months as fast as possible (tests)")
	f.StringVar(&o.static, "static", "", "serve this `folder` under /static/ (the WASM client; default: ./bin/web if present)")
	f.StringVar(&o.origins, "origins", "", "extra allowed Origin host `patterns`, comma-separated")
	if err := f.Parse(args); err != nil {
		return o, err
	}
	if f.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", f.Arg(0))
	}
	if o.speed < 1 || o.speed > session.MaxSpeed {
		return o, fmt.Errorf("--speed %d is outside 1..%d", o.speed, session.MaxSpeed)
	}
	if o.timer < 0 {
		return o, fmt.Errorf("--timer %s is negative", o.timer)
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "dongshu-server:", err)
		return 2
	}
	if err := serve(o, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "dongshu-server:", err)
		return 1
	}
	return 0
}

func serve(o options, stdout, stderr io.Writer) error {
	opt := room.Options{Setup: session.Setup{Preset: o.preset, Seed: o.seed}, NoPlanner: o.noPlanner,
		Timer: o.timer, Speed: o.speed, Turbo: o.turbo, Start: o.start, SavePath: o.save,
		Log: log.New(stderr, "dongshu-server: ", log.LstdFlags)}
	if o.provinces != "" {
		opt.Provinces = strings.Split(o.provinces, ",")
	}
	if o.origins != "" {
		opt.Origins = strings.Split(o.origins, ",")
	}
	var r *room.Room
	var fac string
	var err error
	switch {
	case o.resume != "":
		if o.save == "" {
			opt.SavePath = o.resume
		}
		r, err = room.Resume(o.resume, opt)
	default:
		// A new room never overwrites another: a class's room file is how it comes back after a crash.
		if opt.SavePath == "" {
			opt.SavePath = "room-" + time.Now().Format("20060102-150405") + ".json"
		}
		if _, serr := os.Stat(opt.SavePath); serr == nil {
			return fmt.Errorf("%s exists: --resume %s continues that room, or --save names another file", opt.SavePath, opt.SavePath)
		}
		r, fac, err = room.New(opt)
	}
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	join := o.public
	if join == "" {
		join = fmt.Sprintf("http://%s:%d/", lanAddress(), ln.Addr().(*net.TCPAddr).Port)
	}
	static := o.static
	if static == "" {
		if st, err := os.Stat("bin/web"); err == nil && st.IsDir() {
			static = "bin/web"
		}
	}
	var staticFS fs.FS
	if static != "" {
		staticFS = os.DirFS(static)
	}
	srv := &http.Server{Handler: r.Handler(join, staticFS), ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes: 16 << 10}
	fmt.Fprintf(stdout, "join:        %s  (room code %s)\n", join, r.Code())
	fmt.Fprintf(stdout, "projector:   %sprojector#code=%s\n", join, r.Code())
	if fac != "" {
		fmt.Fprintf(stdout, "facilitator: %sconsole#code=%s&token=%s\n", join, r.Code(), fac)
	} else {
		fmt.Fprintf(stdout, "facilitator: %sconsole (the facilitator's address from the first start still works)\n", join)
	}
	fmt.Fprintf(stdout, "listening:   %s  room file %s\n", ln.Addr(), opt.SavePath)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { r.Run(stop); close(done) }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	select {
	case <-sig:
	case err = <-errc:
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	close(stop)
	<-done
	return err
}

// lanAddress guesses the address the other machines of the network reach this one at: the source
// address of a route to the outside (no packet is sent), else localhost.
func lanAddress() string {
	c, err := net.Dial("udp", "192.0.2.1:9")
	if err != nil {
		return "localhost"
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).IP.String()
}

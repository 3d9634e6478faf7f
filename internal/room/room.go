// Package room is the classroom server's room: one shared game (a game/session Session) played by the
// students, each holding a seat (a province or the planner), driven by a facilitator, watched on a
// projector. The room's state lives in one goroutine (Run); connections hand it their decoded frames and
// receive broadcasts through bounded queues, so that no client can block the room.
//
// The server is authoritative: every decision goes through Session.Submit, the desktop game's validated
// path. Clients run the same deterministic model in lockstep: each month frame carries the actions
// applied before that month, and a joining client replays the save file it is sent.
package room

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"dongshu/configs"
	"dongshu/economy"
	"dongshu/game/session"
	"dongshu/internal/wire"
)

// PlannerSeat is the planner's seat id.
const PlannerSeat = "planner"

// Options make a room.
type Options struct {
	Setup session.Setup // the game; its Role is replaced by the seats
	// Provinces lists the province ids that are seats (nil: all); the AI plays the others as in autoplay.
	Provinces []string
	NoPlanner bool          // no planner seat: the AI planner's rule decides
	Timer     time.Duration // the quota round's timer; 0: the round waits for every seated player
	Speed     int           // months per second while running (1..session.MaxSpeed; 0: session.MaxSpeed)
	// Turbo steps the months as fast as the room can (tests and benchmarks), instead of the clock.
	Turbo    bool
	Start    bool   // run the clock at once (a resumed room runs as it was saved, or if Start)
	SavePath string // the room file, rewritten atomically after every month and every accepted request
	Log      *log.Logger
	Limits   Limits
	// Origins are extra Origin host patterns accepted for WebSocket connections (the server's own host is).
	Origins []string
}

// seat is one seat of the room.
type seat struct {
	id       string
	name     string // display name
	nameFR   string
	province int    // -1 for the planner
	holder   string // the player's name; "" when free
	token    [32]byte
	ai       bool // the advisor plays it
	conns    int
}

// Room is one classroom game.
type Room struct {
	opt     Options
	sess    *session.Session
	code    string
	facHash [32]byte
	seats   []*seat
	byID    map[string]*seat
	notices []wire.Notice
	speed   int
	running bool
	timer   time.Duration
	ended   bool
	round   *wire.Round
	dl      *time.Timer
	sent    int // actions of the log already sent in a month frame
	months  int // months of the history already sent
	acc     int // the clock, as session.Tick counts it: ticks x speed, a month at session.TPS
	// queued holds each seat's last decision for the next month (by seat index), checked on arrival and
	// submitted together in seat order just before the month, so that the game's log does not depend
	// on who clicked first.
	queued []*session.Action

	clients map[*client]struct{}
	cmds    chan func()
	stopped chan struct{} // closed when Run returns
	lim     limiter
	logf    func(format string, a ...any)
	// saveErr is the last failed save (reported once until a save works again).
	saveErr error
}

// Tokens are 32 random bytes as hex; the join code is short enough to type (it keeps out the wrong
// room, not an attacker: seats and the facilitator have their own tokens).
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

func randomCode() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

func hashToken(t string) [32]byte { return sha256.Sum256([]byte(t)) }

func sameHash(a, b [32]byte) bool { return subtle.ConstantTimeCompare(a[:], b[:]) == 1 }

// New makes a room for a new game and returns it with the facilitator's token (shown once; the room
// file keeps only its hash).
func New(opt Options) (*Room, string, error) {
	st := opt.Setup
	probe, err := session.New(session.Setup{Preset: st.Preset, ScenarioName: st.ScenarioName,
		ScenarioTOML: st.ScenarioTOML, Seed: st.Seed, Difficulty: st.Difficulty})
	if err != nil {
		return nil, "", err
	}
	w := probe.Model().W
	st.Role = session.Role{Planner: !opt.NoPlanner}
	if opt.Provinces == nil {
		for i := range w.Provinces {
			st.Role.Provinces = append(st.Role.Provinces, i)
		}
	}
	for _, id := range opt.Provinces {
		i := slices.IndexFunc(w.Provinces, func(p *economy.Province) bool { return p.ID == id })
		if i < 0 {
			return nil, "", fmt.Errorf("room: --provinces: no province %q in the scenario", id)
		}
		st.Role.Provinces = append(st.Role.Provinces, i)
	}
	sess, err := session.New(st)
	if err != nil {
		return nil, "", err
	}
	fac := randomToken()
	r := newRoom(opt, sess)
	r.code = randomCode()
	r.facHash = hashToken(fac)
	if err := r.save(); err != nil {
		return nil, "", err
	}
	return r, fac, nil
}

func newRoom(opt Options, sess *session.Session) *Room {
	if opt.Log == nil {
		opt.Log = log.New(os.Stderr, "dongshu-server: ", log.LstdFlags)
	}
	opt.Limits = opt.Limits.withDefaults()
	r := &Room{opt: opt, sess: sess, byID: map[string]*seat{}, clients: map[*client]struct{}{},
		cmds: make(chan func(), 64), stopped: make(chan struct{}), timer: opt.Timer, logf: opt.Log.Printf}
	r.lim.init(opt.Limits)
	r.speed, r.running = opt.Speed, opt.Start
	if r.speed <= 0 || r.speed > session.MaxSpeed {
		r.speed = session.MaxSpeed
	}
	w := sess.Model().W
	role := sess.Setup().Role
	for _, p := range role.Provinces {
		cfg := w.Provinces[p].Cfg
		r.addSeat(&seat{id: cfg.ID, name: cfg.NameEN, nameFR: cfg.NameFR, province: p})
	}
	if role.Planner {
		r.addSeat(&seat{id: PlannerSeat, name: "Central planner", nameFR: "Planificateur central", province: -1})
	}
	r.sent = len(sess.Actions())
	r.queued = make([]*session.Action, len(r.seats))
	return r
}

func (r *Room) addSeat(s *seat) {
	r.seats = append(r.seats, s)
	r.byID[s.id] = s
}

// Code is the room's join code.
func (r *Room) Code() string { return r.code }

// do runs f in the room's goroutine and waits for it; once the room has stopped, f is not run.
func (r *Room) do(f func()) bool {
	done := make(chan struct{})
	select {
	case r.cmds <- func() { f(); close(done) }:
	case <-r.stopped:
		return false
	}
	select {
	case <-done:
		return true
	case <-r.stopped:
		return false
	}
}

// tick is the clock's period: the session's update rate.
const tick = time.Second / session.TPS

// Run runs the room until stop is closed: the clock, the rounds, the requests of the connections.
func (r *Room) Run(stop <-chan struct{}) {
	defer close(r.stopped)
	t := time.NewTicker(tick)
	defer t.Stop()
	r.sess.SetSpeed(r.clockSpeed())
	r.openRound()
	for {
		if r.opt.Turbo && r.canStep() {
			select {
			case f := <-r.cmds:
				f()
			case <-stop:
				return
			default:
				r.stepMonth()
			}
			continue
		}
		var dl <-chan time.Time
		if r.dl != nil {
			dl = r.dl.C
		}
		select {
		case f := <-r.cmds:
			f()
		case <-t.C:
			if !r.opt.Turbo && r.canStep() {
				// The session's clock rule (Session.Tick), kept here so that the seats' decisions can be
				// submitted in seat order just before the month they apply to.
				if r.acc += r.speed; r.acc >= session.TPS {
					r.acc -= session.TPS
					r.stepMonth()
				}
			}
		case <-dl:
			r.dl = nil
			r.closeRound()
		case <-stop:
			return
		}
	}
}

func (r *Room) clockSpeed() int {
	if r.running && !r.ended {
		return r.speed
	}
	return 0
}

func (r *Room) canStep() bool {
	return r.running && !r.ended && !r.sess.Done() && !r.sess.Waiting().Any()
}

// stepMonth submits the queued decisions and simulates one month.
func (r *Room) stepMonth() {
	r.flush()
	r.advance(r.sess.Step())
}

// flush submits the queued decisions in seat order.
func (r *Room) flush() {
	for i, a := range r.queued {
		if a == nil {
			continue
		}
		r.queued[i] = nil
		if err := r.sess.Submit(*a); err != nil {
			// Checked on arrival for this very month: only a model failure gets here.
			r.logf("seat %s: decision dropped: %v", r.seats[i].id, err)
		}
	}
}

// advance follows the session after a step: a new month is broadcast and saved, a round opens, the end
// brings the debrief.
func (r *Room) advance(err error) {
	if err != nil {
		r.logf("the game stopped: %v", err)
		r.end()
		return
	}
	h := r.sess.History()
	if n := len(h.Months); n > 0 && h.Months[n-1] == r.sess.Model().W.Now && r.months < n {
		r.emitMonth()
	}
	if r.sess.Done() && !r.ended {
		r.end()
		return
	}
	r.openRound()
}

// emitMonth broadcasts the month just simulated with the actions applied before it, then saves.
func (r *Room) emitMonth() {
	acts := r.sess.Actions()
	m := wire.Month{Month: r.sess.Model().W.Now.String(), Digest: r.digest(), At: time.Now().UnixMicro()}
	for _, a := range acts[r.sent:] {
		m.Actions = append(m.Actions, wire.Action{Province: a.Province, Planner: a.Planner})
	}
	r.sent = len(acts)
	r.months = len(r.sess.History().Months)
	plain, err := wire.Encode(wire.TMonth, m)
	if err != nil {
		r.logf("month frame: %v", err)
		return
	}
	r.persist() // the room file is never behind what the clients have seen
	var withView []byte
	for c := range r.clients {
		if !c.view {
			r.send(c, plain)
			continue
		}
		if withView == nil {
			m.View, m.Nat = r.view()
			withView, _ = wire.Encode(wire.TMonth, m)
		}
		r.send(c, withView)
	}
}

func (r *Room) digest() string { return NationalDigest(r.sess) }

// NationalDigest is the digest of s's last month (wire.Digest of the national row).
func NationalDigest(s *session.Session) string {
	h := s.History()
	if len(h.Months) == 0 {
		return ""
	}
	return wire.Digest(h.Scope[len(h.Months)-1][0])
}

// view is the projector's map values: each province's utilisation, and national utilisation, capacity
// and use in GW.
func (r *Room) view() ([]float64, []float64) {
	h := r.sess.History()
	n := len(h.Months)
	if n == 0 {
		return nil, nil
	}
	w := r.sess.Model().W
	u, capc, used := w.Col(economy.ColUtilisation), w.Col(economy.ColCapacity), w.Col(economy.ColUsed)
	out := make([]float64, len(h.Province[n-1]))
	for i, row := range h.Province[n-1] {
		out[i] = round3(row[u])
	}
	nat := h.Scope[n-1][0]
	return out, []float64{round3(nat[u]), round3(nat[capc] / 1000), round3(nat[used] / 1000)}
}

func round3(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return math.Round(v*1000) / 1000
}

// openRound opens the quota round when the session waits for the seats, and closes it at once if it
// waits for nobody present.
func (r *Room) openRound() {
	if r.ended || r.round != nil || !r.sess.Waiting().Any() {
		return
	}
	next := r.sess.Model().W.Now + 1
	r.round = &wire.Round{Month: next.String()}
	r.armTimer()
	for c := range r.clients {
		r.advise(c)
	}
	r.checkRound()
}

// advise sends c's seat the advisor's choice for the open round.
func (r *Room) advise(c *client) {
	s := c.seat
	if s == nil || r.round == nil {
		return
	}
	a := wire.Advice{Month: r.sess.Model().W.Now.String()}
	if s.province >= 0 {
		adv := r.sess.Advice(s.province)
		a.Province, a.QuotaMW = &adv.Decision, adv.QuotaMW
	} else {
		d := r.sess.Model().PlannerPolicy()
		a.Planner = &d
	}
	r.sendTo(c, wire.TAdvice, a)
}

// armTimer starts the open round's timer when the clock runs (a paused room's round has no deadline:
// pausing gives the class all the time it needs; starting again gives it the full timer).
func (r *Room) armTimer() {
	if r.dl != nil {
		r.dl.Stop()
		r.dl = nil
	}
	if r.round == nil {
		return
	}
	r.round.Deadline = 0
	if r.timer > 0 && r.running && !r.opt.Turbo {
		r.round.Deadline = time.Now().Add(r.timer).UnixMilli()
		r.dl = time.NewTimer(r.timer)
	}
}

// awaited reports whether the open round waits for seat i: undecided, held by a player, not the AI's.
func (r *Room) awaited(i int, wt session.Waiting) bool {
	s := r.seats[i]
	if s.holder == "" || s.ai {
		return false
	}
	return r.undecided(i, wt)
}

// undecided reports whether seat i has no decision for the round in wt.
func (r *Room) undecided(i int, wt session.Waiting) bool {
	if r.queued[i] != nil {
		return false
	}
	if s := r.seats[i]; s.province >= 0 {
		return slices.Contains(wt.Provinces, s.province)
	}
	return wt.Planner
}

// checkRound closes the open round when every awaited seat has decided, else broadcasts who it waits for.
func (r *Room) checkRound() {
	if r.round == nil {
		return
	}
	wt := r.sess.Waiting()
	r.round.Waiting = r.round.Waiting[:0]
	for i, s := range r.seats {
		if r.awaited(i, wt) {
			r.round.Waiting = append(r.round.Waiting, s.id)
		}
	}
	if len(r.round.Waiting) == 0 && r.running {
		r.closeRound()
		return
	}
	r.broadcastState()
}

// closeRound gives every seat that has not decided the AI advisor's choice, announced in the news. All
// the advice is computed before any of it is submitted, so that it depends only on the players' own
// decisions, never on the order in which the room fills the seats.
func (r *Room) closeRound() {
	if r.round == nil {
		return
	}
	if r.dl != nil {
		r.dl.Stop()
		r.dl = nil
	}
	r.flush()
	wt := r.sess.Waiting()
	now := r.sess.Model().W.Now
	var acts []session.Action
	var absent, ai []string
	for _, p := range wt.Provinces {
		d := r.sess.Advice(p).Decision
		acts = append(acts, session.Action{Month: now, Province: &d})
		if s := r.seatOf(p); s != nil && s.ai {
			ai = append(ai, s.id)
		} else {
			absent = append(absent, r.sess.Model().W.Provinces[p].ID)
		}
	}
	if wt.Planner {
		d := r.sess.Model().PlannerPolicy()
		acts = append(acts, session.Action{Month: now, Planner: &d})
		if s := r.byID[PlannerSeat]; s != nil && s.ai {
			ai = append(ai, PlannerSeat)
		} else {
			absent = append(absent, PlannerSeat)
		}
	}
	for _, a := range acts {
		if err := r.sess.Submit(a); err != nil {
			// The advisor's own choice is always valid; if not, the game cannot go on honestly.
			r.logf("advisor's choice refused: %v", err)
			r.end()
			return
		}
	}
	var news []wire.Notice
	for _, n := range []wire.Notice{{Month: now.String(), Key: wire.NoticeAdvisor, Seats: absent},
		{Month: now.String(), Key: wire.NoticeAISeat, Seats: ai}} {
		if len(n.Seats) > 0 {
			news = append(news, n)
		}
	}
	r.notices = append(r.notices, news...)
	r.round = nil
	r.persist()
	for _, n := range news {
		r.broadcast(wire.TNotice, n)
	}
	r.broadcastState()
}

func (r *Room) seatOf(p int) *seat {
	for _, s := range r.seats {
		if s.province == p {
			return s
		}
	}
	return nil
}

// end stops the game and sends everyone the class debrief.
func (r *Room) end() {
	if r.ended {
		return
	}
	r.ended = true
	r.round = nil
	if r.dl != nil {
		r.dl.Stop()
		r.dl = nil
	}
	r.sess.SetSpeed(0)
	r.persist() // before anyone hears of the end: the file is final when the debrief arrives
	r.broadcastState()
	r.broadcast(wire.TDebrief, r.Debrief())
}

// Debrief ranks the seated provinces on the two scoreboards (session.Scores): the career the promotion
// tournament rewards and the nation's interest, measured on the province's own halls, debt, emissions
// and users (the nation's board is the same for everyone, so a province is ranked on its own values).
func (r *Room) Debrief() wire.ClassDebrief {
	cd := wire.ClassDebrief{Month: r.sess.Model().W.Now.String()}
	if len(r.sess.History().Months) == 0 {
		return cd
	}
	w := r.sess.Model().W
	var ranks []wire.Rank
	for _, d := range r.sess.Debrief() {
		if d.Province < 0 {
			cd.Planner = d.Nation.Score
			continue
		}
		s := r.seatOf(d.Province)
		rk := wire.Rank{Seat: w.Provinces[d.Province].ID, Name: w.Provinces[d.Province].Cfg.NameEN,
			Score: d.Career.Score, Parts: map[string]float64{}}
		if s != nil {
			rk.Holder, rk.AI = s.holder, s.holder == "" || s.ai
		}
		for _, p := range d.Career.Parts {
			rk.Parts[p.Key] = p.Score
		}
		for _, p := range d.Nation.Parts {
			rk.Parts[p.Key] = p.OwnScore
		}
		rk.Career, rk.Nation = d.Career.Score, d.Nation.OwnScore
		ranks = append(ranks, rk)
	}
	cd.Career = slices.Clone(ranks)
	cd.Nation = slices.Clone(ranks)
	// Ties keep province order (the sort is stable), never chance.
	sort.SliceStable(cd.Career, func(i, j int) bool { return cd.Career[i].Career > cd.Career[j].Career })
	sort.SliceStable(cd.Nation, func(i, j int) bool { return cd.Nation[i].Nation > cd.Nation[j].Nation })
	return cd
}

// persist saves the room, logging a failure once (the game goes on: the next save may work).
func (r *Room) persist() {
	err := r.save()
	switch {
	case err != nil && r.saveErr == nil:
		r.logf("cannot save the room: %v", err)
	case err == nil && r.saveErr != nil:
		r.logf("the room is saved again")
	}
	r.saveErr = err
}

// Export writes the class export into dir: the game's export (the batch runner's timeseries.csv and
// events.csv, and charts, labelled in language lang: i18n.Languages), the room file and the class
// debrief (debrief.json).
func (r *Room) Export(dir, lang string) error {
	var err error
	r.do(func() { err = r.export(dir, lang) })
	return err
}

func (r *Room) export(dir, lang string) error {
	if err := r.sess.ExportLang(dir, lang); err != nil {
		return err
	}
	data, err := r.marshal()
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, "room.json"), data); err != nil {
		return err
	}
	deb, err := marshalIndent(r.Debrief())
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "debrief.json"), deb)
}

// Snapshot returns the game's save file text and the room's state, read in the room's goroutine.
func (r *Room) Snapshot() (save []byte, st wire.State, err error) {
	r.do(func() {
		save, err = r.sess.MarshalSave()
		st = r.state()
	})
	return
}

func (r *Room) state() wire.State {
	w := r.sess.Model().W
	st := wire.State{Month: w.Now.String(), End: w.End.String(), Speed: r.speed, Running: r.running && !r.ended,
		Timer: int(r.timer / time.Second), Ended: r.ended}
	if r.round != nil {
		rd := *r.round
		rd.Waiting = slices.Clone(rd.Waiting)
		if rd.Deadline > 0 {
			rd.Left = max(1, rd.Deadline-time.Now().UnixMilli())
		}
		st.Round = &rd
	}
	return st
}

func (r *Room) seatList() []wire.Seat {
	wt := r.sess.Waiting()
	out := make([]wire.Seat, len(r.seats))
	for i, s := range r.seats {
		decided := r.round != nil && !r.undecided(i, wt)
		out[i] = wire.Seat{ID: s.id, Name: s.name, NameFR: s.nameFR, Holder: s.holder, Connected: s.conns, AI: s.ai, Decided: decided}
	}
	return out
}

// submit applies a seat's decision through the session's validated path.
func (r *Room) submit(s *seat, d *wire.Decide) error {
	if r.ended {
		return errors.New("the game is over")
	}
	if s.ai {
		return errors.New("the AI advisor plays this seat now (ask the facilitator)")
	}
	now := r.sess.Model().W.Now
	m, err := configs.ParseMonth(d.Month)
	if err != nil || m != now {
		return fmt.Errorf("decision for %s, but the game is at %s", d.Month, now)
	}
	a := session.Action{Month: now}
	if d.Province != nil {
		dec := *d.Province
		a.Province = &dec
	} else {
		dec := *d.Planner
		a.Planner = &dec
	}
	if err := r.sess.Check(a); err != nil {
		return err
	}
	r.queued[slices.Index(r.seats, s)] = &a
	r.persist()
	r.checkRound()
	return nil
}

// control runs a facilitator's command.
func (r *Room) control(c *wire.Control) error {
	switch c.Op {
	case wire.OpStart:
		if r.ended {
			return errors.New("the game is over")
		}
		if !r.running {
			r.running = true
			r.armTimer()
			r.checkRound()
		}
	case wire.OpPause:
		r.running = false
		r.armTimer()
	case wire.OpSpeed:
		if c.Speed < 1 || c.Speed > session.MaxSpeed {
			return fmt.Errorf("speed %d is outside 1..%d", c.Speed, session.MaxSpeed)
		}
		r.speed = c.Speed
	case wire.OpTimer:
		if c.Seconds < 0 || c.Seconds > 3600 {
			return fmt.Errorf("timer %d s is outside 0..3600", c.Seconds)
		}
		r.timer = time.Duration(c.Seconds) * time.Second
		r.armTimer()
	case wire.OpCloseRound:
		if r.round == nil {
			return errors.New("no round is open")
		}
		r.closeRound()
	case wire.OpFree, wire.OpAI, wire.OpHuman:
		s := r.byID[c.Seat]
		if s == nil {
			return fmt.Errorf("no seat %q", c.Seat)
		}
		switch c.Op {
		case wire.OpFree:
			s.holder, s.token = "", [32]byte{}
			for cl := range r.clients {
				if cl.seat == s {
					cl.seat = nil
					s.conns--
					r.sendTo(cl, wire.TError, wire.Error{Msg: "the facilitator freed your seat"})
				}
			}
		case wire.OpAI:
			s.ai = true
		case wire.OpHuman:
			s.ai = false
		}
		r.checkRound()
		r.broadcastSeats()
	case wire.OpEnd:
		r.end()
	default:
		return fmt.Errorf("unknown operation %q", c.Op)
	}
	r.sess.SetSpeed(r.clockSpeed())
	r.persist()
	r.broadcastState()
	if r.opt.Turbo {
		r.openRound()
	}
	return nil
}

func (r *Room) broadcastState() { r.broadcast(wire.TState, r.state()) }
func (r *Room) broadcastSeats() { r.broadcast(wire.TSeats, r.seatList()) }

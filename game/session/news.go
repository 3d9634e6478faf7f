package session

import (
	"math"
	"slices"

	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
)

// The news log is made after every month by a few fixed rules, in this order (docs/game.md, News log):
//
//  1. Hub designations: hubs that became active this month (one hub: "news.hub_designated" naming its
//     first province; several: "news.hubs_designated" with the numbers of eastern and western hubs).
//  2. Events: every economy.FiredEvent of the month, "news.event.<kind>" naming the target province, or
//     "news.event.<kind>.national" without one (configs.EventKind.NewsKey); args the magnitude as shown
//     (x factor, or % for a kind whose EventSpec says Percent) and the duration in months; a policy
//     event's line has no args. At most newsEvents lines; the rest are counted in one
//     "news.event.more" line.
//  3. The quota round (and a human decision enforced between rounds): provinces the planner caught
//     beyond quota ("news.penalised"), then, at the round, those called to moderate ("news.moderation");
//     one line each, naming the one province, both of two (".one": one other), or the first in province
//     order and counting the others (".many").
//  4. Rivalry, at the round: the neighbouring pair with the most capacity under construction between
//     them among pairs where each builds at least rivalryMinMW and a quarter of what it has online while
//     both run below half full ("news.rivalry").
//  5. Idle far away, each December: the least-used west-hub province over the year, if below half full
//     and if less than a tenth of the country's hot work is made within the hot class's latency bound of
//     it — hot work cannot use it however empty it is ("news.idle_far").
//  6. Unserved work: national unserved above unservedShare of demand, when it crosses the threshold and
//     each December while it stays above ("news.unserved").
//
// A what-if adds its line when it is set (Session.Submit), outside these rules and their limit.
//
// A month shows at most maxNewsPerMonth lines, the first ones in that order.
const (
	maxNewsPerMonth = 6
	newsEvents      = 2
	rivalryMinMW    = 100.0
	idleBelow       = 0.5
	farReach        = 0.1
	unservedShare   = 0.05
)

// NewsKeys lists every catalog key the news log can emit, sorted (for catalog completeness checks); the
// event lines are those of every event kind (configs.EventKind.NewsKey).
func NewsKeys() []string {
	keys := []string{"news.event.more", "news.event.other", "news.hub_designated", "news.hubs_designated",
		"news.idle_far", "news.moderation", "news.moderation.many", "news.moderation.one", "news.penalised",
		"news.penalised.many", "news.penalised.one", "news.you.caught", "news.you.free", "news.you.round",
		"news.rivalry", "news.unserved", "news.whatif"}
	for _, k := range configs.EventKinds() {
		for _, national := range []bool{false, true} {
			if k.HasNews(national) {
				keys = append(keys, k.NewsKey(national))
			}
		}
	}
	slices.Sort(keys)
	return keys
}

// newsState is what the rules remember between months.
type newsState struct {
	hubActive     []bool
	logSeen       int  // W.Log entries already reported
	hot           int  // the class with the tightest latency bound, -1 if none has one
	unservedAbove bool // last month's national unserved share was above the threshold
}

func (ns *newsState) init(m *agents.Model) {
	w := m.W
	ns.hubActive = make([]bool, len(w.Hubs))
	for h := range w.Hubs {
		ns.hubActive[h] = hubActive(w, h)
	}
	ns.logSeen = len(w.Log)
	ns.hot = -1
	for c, cl := range w.Classes {
		if b := cl.Cfg.RTTBoundMs; b > 0 && (ns.hot < 0 || b < w.Classes[ns.hot].Cfg.RTTBoundMs) {
			ns.hot = c
		}
	}
}

func hubActive(w *economy.World, h int) bool {
	for _, p := range w.Hubs[h].Provinces {
		if w.Provinces[p].HubActive {
			return true
		}
	}
	return false
}

// after appends the news of the month just simulated to log; detBefore is len(Planner.Detected) before
// the month, humans the human provinces in hot-seat order and reports their round reports.
func (ns *newsState) after(m *agents.Model, hist *History, detBefore int, humans []int, reports []RoundReport, log []News) []News {
	w := m.W
	now := w.Now
	start := len(log)
	add := func(key string, provinces []string, args ...float64) {
		log = append(log, News{Month: now, Key: key, Provinces: provinces, Args: args})
	}
	id := func(p int) []string { return []string{w.Provinces[p].ID} }
	ns.hubNews(w, add, id)
	ns.eventNews(w, add, id)
	round := now.MonthOfYear() == w.Scn.Planner.QuotaMonth
	enforcementNews(m, round, detBefore, humans, add, id)
	if round {
		ns.rivalry(w, add)
	}
	if now.MonthOfYear() == 12 && ns.hot >= 0 {
		ns.idleFar(w, hist, add)
	}
	ns.unservedNews(w, hist, add)
	if len(log)-start > maxNewsPerMonth {
		clear(log[start+maxNewsPerMonth:])
		log = log[:start+maxNewsPerMonth]
	}
	return personalNews(now, reports, id, log)
}

// hubNews reports the hubs that became active this month: one by name, several by side.
func (ns *newsState) hubNews(w *economy.World, add func(string, []string, ...float64), id func(int) []string) {
	east, west, first := 0, 0, -1
	for h := range w.Hubs {
		on := hubActive(w, h)
		if on && !ns.hubActive[h] {
			if first < 0 {
				first = h
			}
			if w.Hubs[h].Side == economy.WestHub {
				west++
			} else {
				east++
			}
		}
		ns.hubActive[h] = on
	}
	switch {
	case east+west == 1 && len(w.Hubs[first].Provinces) > 0:
		add("news.hub_designated", id(w.Hubs[first].Provinces[0]))
	case east+west > 0:
		add("news.hubs_designated", nil, float64(east), float64(west))
	}
}

// eventNews reports the scenario's events fired this month (the first newsEvents, then how many more).
func (ns *newsState) eventNews(w *economy.World, add func(string, []string, ...float64), id func(int) []string) {
	fired := w.Log[ns.logSeen:]
	ns.logSeen = len(w.Log)
	for i, e := range fired {
		if i == newsEvents && len(fired) > newsEvents+1 {
			add("news.event.more", nil, float64(len(fired)-newsEvents))
			break
		}
		mag := e.Magnitude
		if e.Kind.Spec().Percent {
			mag *= 100
		}
		dur := float64(e.Duration)
		var where []string
		if e.Target != "" {
			if p := w.ProvinceIndex(e.Target); p >= 0 {
				where = id(p)
			}
		}
		switch {
		case where != nil && e.Kind.HasNews(false):
			add(e.Kind.NewsKey(false), where, mag, dur)
		case e.Kind.Spec().Lever:
			add(e.Kind.NewsKey(true), nil) // the lever and value changed are in the event log only
		case where == nil && e.Kind.HasNews(true):
			add(e.Kind.NewsKey(true), nil, mag, dur)
		default:
			add("news.event.other", nil, mag, dur)
		}
	}
}

// enforcementNews reports the provinces penalised (this month's detections; at a quota round, the
// round's) and, at a round, those called to moderation, the human players' first.
func enforcementNews(m *agents.Model, round bool, detBefore int, humans []int, add func(string, []string, ...float64), id func(int) []string) {
	det := m.Planner.Detected
	if !round {
		det = det[min(detBefore, len(det)):]
	}
	manyNews(add, id, "news.penalised", humansFirst(det, humans))
	if round {
		var called []int
		for i, p := range m.W.Provinces {
			if p.ModerationCalled {
				called = append(called, i)
			}
		}
		manyNews(add, id, "news.moderation", humansFirst(called, humans))
	}
}

// unservedNews reports the national unserved share when it rises above unservedShare, and every
// December while it stays there.
func (ns *newsState) unservedNews(w *economy.World, hist *History, add func(string, []string, ...float64)) {
	nat := hist.Scope[len(hist.Scope)-1][0]
	share := 0.0
	if d := nat[w.Col(economy.ColDemand)]; d > 0 {
		share = nat[w.Col(economy.ColUnserved)] / d
	}
	above := share > unservedShare
	if above && (!ns.unservedAbove || w.Now.MonthOfYear() == 12) {
		add("news.unserved", nil, nat[w.Col(economy.ColUnserved)], 100*share)
	}
	ns.unservedAbove = above
}

// humansFirst returns ps (province order) with the human provinces among them first, in hot-seat order,
// so that a line naming one province and counting the others names the player's.
func humansFirst(ps, humans []int) []int {
	out := make([]int, 0, len(ps))
	for _, h := range humans {
		if slices.Contains(ps, h) {
			out = append(out, h)
		}
	}
	for _, p := range ps {
		if !slices.Contains(humans, p) {
			out = append(out, p)
		}
	}
	return out
}

// personalNews adds, after the month's other lines (so that the news panel, newest first, shows them
// first), each human province's own lines: at a round its request, grant and start ("news.you.round";
// before national quotas, what it started: "news.you.free"),
// and when the planner caught it the fine and the MW halted ("news.you.caught"). They are not counted
// in maxNewsPerMonth.
func personalNews(now configs.Month, reports []RoundReport, id func(int) []string, log []News) []News {
	var mine []News
	for _, r := range reports {
		if !r.Valid || r.Month != now {
			continue
		}
		switch {
		case r.Round && r.Decided && r.Quotas:
			mine = append(mine, News{Month: now, Key: "news.you.round", Provinces: id(r.Province),
				Args: []float64{r.RequestMW, r.GrantedMW, r.StartedMW, r.BeyondMW}})
		case r.Round && r.Decided:
			mine = append(mine, News{Month: now, Key: "news.you.free", Provinces: id(r.Province), Args: []float64{r.StartedMW}})
		}
		if r.Caught {
			mine = append(mine, News{Month: now, Key: "news.you.caught", Provinces: id(r.Province),
				Args: []float64{r.FineBn, r.HaltedMW}})
		}
	}
	// The caught line last: read first, above the round's line.
	return append(log, mine...)
}

// manyNews adds one line about provinces ps: key naming the one, key.one naming both of two (a line of
// its own so that no language has to write "and 1 others"), or key.many naming the first and counting
// the others.
func manyNews(add func(string, []string, ...float64), id func(int) []string, key string, ps []int) {
	switch len(ps) {
	case 0:
	case 1:
		add(key, id(ps[0]))
	case 2:
		add(key+".one", append(id(ps[0]), id(ps[1])...))
	default:
		add(key+".many", id(ps[0]), float64(len(ps)-1))
	}
}

// rivalry reports the neighbouring pair racing hardest to build halls neither fills.
func (ns *newsState) rivalry(w *economy.World, add func(string, []string, ...float64)) {
	busy := func(p *economy.Province) bool {
		return p.BuildingMW >= max(rivalryMinMW, 0.25*p.OnlineMW) && p.OnlineMW > 0 && p.UsedMW < idleBelow*p.OnlineMW
	}
	bi, bj, best := -1, -1, 0.0
	for i, p := range w.Provinces {
		if !busy(p) {
			continue
		}
		for _, j := range p.Neighbours {
			q := w.Provinces[j]
			if j <= i || !busy(q) {
				continue
			}
			if b := p.BuildingMW + q.BuildingMW; b > best {
				bi, bj, best = i, j, b
			}
		}
	}
	if bi < 0 {
		return
	}
	p, q := w.Provinces[bi], w.Provinces[bj]
	empty := 100 * (1 - (p.UsedMW+q.UsedMW)/(p.OnlineMW+q.OnlineMW))
	add("news.rivalry", []string{p.ID, q.ID}, best, empty)
}

// idleFar reports the least-used west-hub province of the year when hot work is made too far from it.
func (ns *newsState) idleFar(w *economy.World, hist *History, add func(string, []string, ...float64)) {
	bound := w.Classes[ns.hot].RTTBoundMs // in force (a what-if may change it)
	hotTotal := 0.0
	for o := range w.Provinces {
		hotTotal += w.DemandMW[o][ns.hot]
	}
	if hotTotal <= 0 {
		return
	}
	cc, cu := w.Col(economy.ColCapacity), w.Col(economy.ColUsed)
	year := w.Now.Year()
	worst, worstU := -1, math.Inf(1)
	for i, p := range w.Provinces {
		if p.HubSide != economy.WestHub {
			continue
		}
		capSum, used := 0.0, 0.0
		for k := len(hist.Months) - 1; k >= 0 && hist.Months[k].Year() == year; k-- {
			capSum += hist.Province[k][i][cc]
			used += hist.Province[k][i][cu]
		}
		if capSum <= 0 {
			continue
		}
		u := used / capSum
		if u >= idleBelow || u >= worstU {
			continue
		}
		near := 0.0
		for o := range w.Provinces {
			if w.Net.Latency(o, i) <= bound {
				near += w.DemandMW[o][ns.hot]
			}
		}
		if near < farReach*hotTotal {
			worst, worstU = i, u
		}
	}
	if worst >= 0 {
		add("news.idle_far", []string{w.Provinces[worst].ID}, 100*(1-worstU), bound)
	}
}

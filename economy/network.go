package economy

import (
	"fmt"
	"math"

	"dongshu/configs"
	"dongshu/economy/detmath"
)

const earthRadiusKm = 6371.0

// radPerDegree converts degrees to radians.
const radPerDegree = math.Pi / 180

// GreatCircleKm is the haversine distance between two points given in degrees.
func GreatCircleKm(lat1, lon1, lat2, lon2 float64) float64 {
	return haversineKm(lat1, lon1, lat2, lon2, detmath.Cos(lat1*radPerDegree), detmath.Cos(lat2*radPerDegree))
}

// haversineKm is GreatCircleKm given the cosines of the two latitudes, for a caller that reuses them. It is
// symmetric to the bit: swapping the points negates dlat and dlon exactly, detmath.Sin is odd to the bit (it
// works on |x|), so the squares are the same, and the product of the cosines commutes.
func haversineKm(lat1, lon1, lat2, lon2, cosLat1, cosLat2 float64) float64 {
	dlat := (lat2 - lat1) * radPerDegree
	dlon := (lon2 - lon1) * radPerDegree
	sLat, sLon := detmath.Sin(dlat/2), detmath.Sin(dlon/2)
	a := float64(sLat*sLat) + float64(cosLat1*cosLat2*sLon*sLon)
	return 2 * earthRadiusKm * detmath.Asin(math.Min(1, math.Sqrt(a)))
}

// localKm is the fibre route inside a province from where data is made to where it is processed when
// both are in the same province: metro and regional rings (assumption).
const localKm = 50.0

// Network is the backbone: which provinces have their own interconnection point (IXP), the dated fibre
// lines, and the resulting round-trip latency and route length between every pair of provinces.
//
// Routing: provinces with an IXP exchange traffic directly over the backbone (one exchange hop); a
// province without one reaches the backbone through the nearest historic hub (Beijing, Shanghai,
// Guangzhou), paying the detour and an extra hop. A direct fibre line is a dedicated route with no
// exchange. Latency between two provinces is the least-delay path over these edges (Floyd-Warshall on
// 31 nodes is ~30k operations, rerun only when the network changes, and with a PathMemo only into a state
// not met before), plus access delay at both ends,
// the leg from the capital to the data-centre site, and congestion on the site's inbound corridor.
type Network struct {
	w        *World
	n        int
	historic []int
	ixps     []datedIXP
	fibre    []datedFibre
	// pathMs, pathKm are the least-delay exchange paths between capitals (no access, no congestion).
	pathMs, pathKm []float64
	// RTT is round-trip latency origin -> site (ms); RouteKm the matching route length.
	RTT, RouteKm []float64
	// OpenLines counts fibre lines open.
	OpenLines int
	dirty     bool
	// Fixed geometry, computed once: great-circle km between capitals, the leg from each capital to its
	// province's data-centre site (route km), and each province's nearest historic hub.
	capKm    []float64
	siteKm   []float64
	nearestH []int
	// baseMs is RTT before congestion, for the paths and the access and distance settings in baseCfg:
	// only congestion changes from month to month, so Update adds it to baseMs, which it recomputes
	// only when those change.
	baseMs  []float64
	baseCfg [2]uint64 // AccessMs, MsPer100Km behind baseMs (their bits)
	baseOK  bool
	baseGen uint64    // how many times updateBase has set baseMs (LatencyFloor)
	congMs  []float64 // Update: this month's congestion term per site
	rttOK   bool      // RTT is baseMs plus congMs (off the diagonal), so that Update redoes the sites whose congestion changed
	memo    *PathMemo // the paths of states met before (nil: none kept)
}

// Line is a fibre line between two provinces, as the map shows it.
type Line struct {
	A, B  int           // province indices
	Month configs.Month // the month it opens (or opened)
	Open  bool
}

// Lines appends every fibre line — the scenario's programme, lines opened by events and lines provinces
// built — to out, in the order they were added, and returns it.
func (nw *Network) Lines(out []Line) []Line {
	for _, f := range nw.fibre {
		out = append(out, Line{A: f.a, B: f.b, Month: f.month, Open: f.open})
	}
	return out
}

type datedIXP struct {
	p     int
	month configs.Month
}

type datedFibre struct {
	a, b  int
	month configs.Month
	rf    float64
	open  bool
}

// newNetwork prepares the network of a world, with a memo of paths (nil: none); IXPs and lines dated
// before the start are open at once.
func newNetwork(w *World, memo *PathMemo) (*Network, error) {
	s := w.Scn
	n := len(w.Provinces)
	nw := &Network{w: w, n: n, pathMs: make([]float64, n*n), pathKm: make([]float64, n*n),
		RTT: make([]float64, n*n), RouteKm: make([]float64, n*n), dirty: true}
	for _, id := range s.Network.HistoricHubs {
		i := w.ProvinceIndex(id)
		if i < 0 {
			return nil, fmt.Errorf("network.historic_hubs: unknown province %q", id)
		}
		nw.historic = append(nw.historic, i)
		w.Provinces[i].HasIXP = true
	}
	if len(nw.historic) == 0 {
		return nil, fmt.Errorf("network.historic_hubs: at least one historic hub is needed")
	}
	for k, x := range s.Network.IXPs {
		i := w.ProvinceIndex(x.Province)
		if i < 0 {
			return nil, fmt.Errorf("network.ixp[%d].province: unknown province %q", k, x.Province)
		}
		m, err := month(fmt.Sprintf("network.ixp[%d].month", k), x.Month)
		if err != nil {
			return nil, err
		}
		nw.ixps = append(nw.ixps, datedIXP{i, m})
	}
	for k, f := range s.Network.Fibre {
		a, b := w.ProvinceIndex(f.From), w.ProvinceIndex(f.To)
		if a < 0 || b < 0 {
			return nil, fmt.Errorf("network.fibre[%d]: unknown province in %q-%q", k, f.From, f.To)
		}
		m, err := month(fmt.Sprintf("network.fibre[%d].month", k), f.Month)
		if err != nil {
			return nil, err
		}
		rf := f.RouteFactor
		if rf == 0 {
			rf = s.Network.RouteFactor
		}
		nw.fibre = append(nw.fibre, datedFibre{a: a, b: b, month: m, rf: rf})
	}
	nw.capKm, nw.siteKm, nw.nearestH = make([]float64, n*n), make([]float64, n), make([]int, n)
	// The distances are symmetric (haversineKm): half of them are computed, each capital's cosine once.
	// This halves newNetwork's cost, 1 M instructions a run (December 2026).
	cosLat := make([]float64, n)
	for a, pa := range w.Provinces {
		cosLat[a] = detmath.Cos(pa.Cfg.Lat * radPerDegree)
	}
	for a, pa := range w.Provinces {
		for b := a; b < n; b++ {
			pb := w.Provinces[b]
			km := haversineKm(pa.Cfg.Lat, pa.Cfg.Lon, pb.Cfg.Lat, pb.Cfg.Lon, cosLat[a], cosLat[b])
			nw.capKm[a*n+b], nw.capKm[b*n+a] = km, km
		}
		nw.siteKm[a] = GreatCircleKm(pa.Cfg.Lat, pa.Cfg.Lon, pa.SiteLat, pa.SiteLon) * s.Network.RouteFactor
	}
	for a := range w.Provinces {
		best, bestKm := nw.historic[0], math.Inf(1)
		for _, h := range nw.historic { // ties: first listed wins
			if km := nw.capKm[a*n+h]; km < bestKm {
				best, bestKm = h, km
			}
		}
		nw.nearestH[a] = best
	}
	if memo != nil {
		nw.memo = memo
		memo.bind(nw)
	}
	nw.OpenDue()
	nw.Update()
	return nw, nil
}

// OpenDue opens the IXPs and fibre lines whose date has come; it returns what opened, for the news.
func (nw *Network) OpenDue() (ixps []int, lines [][2]int) {
	w := nw.w
	for _, x := range nw.ixps {
		if w.Now >= x.month && !w.Provinces[x.p].HasIXP {
			w.Provinces[x.p].HasIXP = true
			ixps = append(ixps, x.p)
			nw.dirty = true
		}
	}
	for i := range nw.fibre {
		f := &nw.fibre[i]
		if !f.open && w.Now >= f.month {
			f.open = true
			nw.OpenLines++
			add := w.Scn.Network.FibreLineMW
			w.Provinces[f.a].CorridorMW += add
			w.Provinces[f.b].CorridorMW += add
			lines = append(lines, [2]int{f.a, f.b})
			nw.dirty = true
		}
	}
	return ixps, lines
}

// AddLine schedules a new direct fibre line (a province's own investment) opening at month m.
func (nw *Network) AddLine(a, b int, m configs.Month) {
	nw.fibre = append(nw.fibre, datedFibre{a: a, b: b, month: m, rf: nw.w.Scn.Network.RouteFactor * 0.8})
}

// OpenIXP gives province p its own interconnection point now (an ixp event).
func (nw *Network) OpenIXP(p int) {
	if !nw.w.Provinces[p].HasIXP {
		nw.w.Provinces[p].HasIXP = true
		nw.dirty = true
	}
}

// NearestHistoric returns the historic hub nearest to province p (p itself if it is one).
func (nw *Network) NearestHistoric(p int) int { return nw.nearestH[p] }

// Update recomputes exchange paths when the network changed, and latencies every month (congestion
// depends on last month's corridor loads, which is why it lags by a month).
func (nw *Network) Update() {
	cfg := &nw.w.Scn.Network
	if nw.dirty {
		nw.dirty = false
		nw.baseOK = false
		if nw.memo != nil {
			nw.memo.update(nw)
		} else {
			nw.computePaths()
		}
	}
	if !nw.baseOK || nw.baseCfg != [2]uint64{math.Float64bits(cfg.AccessMs), math.Float64bits(cfg.MsPer100Km)} {
		nw.updateBase()
	}
	nw.addCongestion()
}

// computePaths sets the exchange paths of the network as it is now.
func (nw *Network) computePaths() {
	nw.directLinks()
	nw.shortestPaths()
}

// directLinks sets the paths to the direct links alone: an exchange (IXP) to every other exchange, a
// province without one to its nearest historic hub, and every open fibre line; other pairs unreachable.
func (nw *Network) directLinks() {
	w, n := nw.w, nw.n
	cfg := &w.Scn.Network
	for i := range nw.pathMs {
		nw.pathMs[i], nw.pathKm[i] = math.Inf(1), math.Inf(1)
	}
	edge := func(a, b int, km, ms float64) {
		if ms < nw.pathMs[a*n+b] {
			nw.pathMs[a*n+b], nw.pathKm[a*n+b] = ms, km
			nw.pathMs[b*n+a], nw.pathKm[b*n+a] = ms, km
		}
	}
	capKm := func(a, b int) float64 { return nw.capKm[a*n+b] }
	for a := 0; a < n; a++ {
		nw.pathMs[a*n+a], nw.pathKm[a*n+a] = 0, 0
		pa := w.Provinces[a]
		if !pa.HasIXP {
			h := nw.NearestHistoric(a)
			km := capKm(a, h) * cfg.RouteFactor
			edge(a, h, km, km*cfg.MsPer100Km/100+cfg.HopMs)
			continue
		}
		for b := a + 1; b < n; b++ {
			if w.Provinces[b].HasIXP {
				km := capKm(a, b) * cfg.RouteFactor
				edge(a, b, km, km*cfg.MsPer100Km/100+cfg.HopMs)
			}
		}
	}
	for _, f := range nw.fibre {
		if f.open {
			km := capKm(f.a, f.b) * f.rf
			edge(f.a, f.b, km, km*cfg.MsPer100Km/100)
		}
	}
}

// shortestPaths closes the direct links into the fastest paths between every pair, by Floyd-Warshall;
// the fixed loop order makes ties deterministic (O(n^3): about a second at 1,000 provinces). Links are
// undirected, so the paths are symmetric and stay so at every step, to the bit (ik + kj and jk + ki are
// the same sum): the upper triangle is computed and mirrored, half the work. Row k and column k never
// change while k is the intermediate (pathMs[k][k] = 0), so reading pathMs[i][k] below the diagonal and
// row k is reading this step's values.
func (nw *Network) shortestPaths() {
	n := nw.n
	ms, km := nw.pathMs, nw.pathKm
	for k := 0; k < n; k++ {
		msK, kmK := ms[k*n:(k+1)*n], km[k*n:(k+1)*n]
		for i := 0; i < n-1; i++ {
			ik := ms[i*n+k]
			if math.IsInf(ik, 1) {
				continue
			}
			kmIK := km[i*n+k]
			// Row i right of the diagonal, and row k over the same columns (j = i+1+jj).
			msI, kmI := ms[i*n+i+1:(i+1)*n], km[i*n+i+1:(i+1)*n]
			msKj, kmKj := msK[i+1:], kmK[i+1:]
			msI, kmI, kmKj = msI[:len(msKj)], kmI[:len(msKj)], kmKj[:len(msKj)]
			for jj, kj := range msKj {
				if d := ik + kj; d < msI[jj] {
					dk := kmIK + kmKj[jj]
					msI[jj], kmI[jj] = d, dk
					ms[(i+1+jj)*n+i], km[(i+1+jj)*n+i] = d, dk
				}
			}
		}
	}
}

// addCongestion sets the month's round-trip times: the base latency plus, to any other province, the
// congestion of that province's corridor at last month's load. Unless the base changed, only the sites
// whose congestion changed are redone: about 9 of 31 in a baseline month, so that this costs a third of
// the full pass (1.5 M instructions a run less, December 2026); the others' times are the sums they were.
func (nw *Network) addCongestion() {
	w, n := nw.w, nw.n
	cfg := &w.Scn.Network
	if len(nw.congMs) != n {
		nw.congMs = make([]float64, n)
		nw.rttOK = false
	}
	cong := nw.congMs
	for s, ps := range w.Provinces {
		u := min(1, ps.CorridorLoad)
		c := float64(cfg.CongestionMs * u * u)
		if nw.rttOK && math.Float64bits(c) == math.Float64bits(cong[s]) {
			continue
		}
		cong[s] = c
		rtt, base := nw.RTT[s:], nw.baseMs[s:len(nw.RTT)] // column s: every n-th entry from s
		for i := 0; i < len(rtt); i += n {
			rtt[i] = base[i] + c
		}
		nw.RTT[s*n+s] = nw.baseMs[s*n+s] // no congestion within the province
	}
	nw.rttOK = true
}

// updateBase sets RouteKm and baseMs, the latency before congestion, from the paths and the settings.
func (nw *Network) updateBase() {
	w, n := nw.w, nw.n
	cfg := &w.Scn.Network
	nw.baseMs = resize(nw.baseMs, n*n)
	access, msPer100 := cfg.AccessMs, cfg.MsPer100Km
	siteKm := nw.siteKm[:n]
	for o := 0; o < n; o++ {
		// Row o of each matrix, sliced to n so that the loop runs without bounds checks.
		pathMs, pathKm := nw.pathMs[o*n : (o+1)*n][:n], nw.pathKm[o*n : (o+1)*n][:n]
		base, route := nw.baseMs[o*n : (o+1)*n][:n], nw.RouteKm[o*n : (o+1)*n][:n]
		for s, sk := range siteKm {
			km := pathKm[s] + sk
			if o == s {
				km = localKm + sk
			}
			base[s] = access + km*msPer100/100 + (pathMs[s] - pathKm[s]*msPer100/100)
			route[s] = km
		}
	}
	nw.baseCfg, nw.baseOK = [2]uint64{math.Float64bits(cfg.AccessMs), math.Float64bits(cfg.MsPer100Km)}, true
	nw.rttOK = false
	nw.baseGen++
}

// LatencyFloor returns the round-trip latencies before congestion, origin by origin as RTT, and a count
// that changes whenever they do; ok reports that no RTT of this month is below its entry (no congestion
// term is below 0, or NaN), so that a site beyond a latency bound by its floor is beyond it this month.
// The floor changes only with the network and its settings, RTT every month.
func (nw *Network) LatencyFloor() (floor []float64, gen uint64, ok bool) {
	for _, c := range nw.congMs {
		if !(c >= 0) {
			return nw.baseMs, nw.baseGen, false
		}
	}
	return nw.baseMs, nw.baseGen, true
}

// Latency returns the round-trip latency from origin o to site s this month (ms).
func (nw *Network) Latency(o, s int) float64 { return nw.RTT[o*nw.n+s] }

// Km returns the route length from origin o to site s (km).
func (nw *Network) Km(o, s int) float64 { return nw.RouteKm[o*nw.n+s] }

package economy

import (
	"slices"

	"dongshu/configs"
)

// siteSums is one province's sums over its data centres, as refreshSites adds them up: in the order of
// DCs, so that a province's sums are those a single pass over every data centre would give. Sums over
// the data centres under construction (a few a province) are redone whenever one is started, changes or
// comes online. Sums over those online (dozens) are redone when one retires or any data centre of the
// province changed (siteChanged); a data centre coming online after every one online in the order of
// DCs (the usual case: builds come online in the order started) only adds its terms to the sums, which
// is the same fold. So a month re-sums only the provinces where something happened.
//
// The terms of the data centres online are kept beside their indices: a retirement re-sums the dozens
// of them left (order matters, so it cannot subtract), about 4,000 times in a 4-run baseline sweep, and
// reading the terms from one short array instead of multiplying them out of DCs took the refresh from
// 12.0 to 9.4 M instructions there (December 2026). A data centre online does not change but by
// retiring, so its terms stay valid.
type siteSums struct {
	online, building []int32       // the province's data centres online and under construction (increasing indices into DCs)
	terms            []onlineTerms // terms[k] is the terms of DCs[online[k]]
	nextOnline       configs.Month // the first month one under construction comes online
	nextRetire       configs.Month // the first month one online retires
	added, changed   bool          // one was started / one changed since the sums

	onlineMW, accel, buildingMW float64 // MW online, of which accelerators, and under construction
	pue, wue, green             float64 // MW x PUE, x WUE, x matched share, over the data centres online
}

// onlineTerms is what a data centre online adds to its province's sums, and the month it retires.
type onlineTerms struct {
	mw, accel, pue, wue, green float64 // MW, and MW x accelerator share, PUE, WUE and matched share
	retire                     configs.Month
}

// siteChanged marks province p's sums stale: one of its data centres changed other than by coming
// online or retiring.
func (w *World) siteChanged(p int) {
	if p < len(w.sites) {
		w.sites[p].changed = true
	}
}

// refreshSites recomputes each province's capacity aggregates from its data centres.
func (w *World) refreshSites() { w.refreshSitesAdvancing(false) }

// refreshSitesAdvancing is refreshSites, first bringing each data centre online or retiring it when its
// month has come if advance is set (one change a month at most). Without advance every province is
// re-summed.
func (w *World) refreshSitesAdvancing(advance bool) {
	if len(w.sites) != len(w.Provinces) {
		w.sites = make([]siteSums, len(w.Provinces))
	}
	for ; w.dcsListed < len(w.DCs); w.dcsListed++ {
		d := &w.DCs[w.dcsListed]
		s := &w.sites[d.Province]
		if d.State == Building {
			s.building = append(s.building, int32(w.dcsListed))
			s.added = true
		} else { // started online (the starting stock): the online sums are redone
			s.online = append(s.online, int32(w.dcsListed))
			s.changed = true
		}
	}
	for i, p := range w.Provinces {
		s := &w.sites[i]
		if !advance || s.changed || s.added || w.Now >= min(s.nextOnline, s.nextRetire) {
			w.sumSite(s, advance) // else nothing happened to the province's sums: most months, most provinces
		}
		p.OnlineMW, p.AccelOnlineMW, p.BuildingMW = s.onlineMW, s.accel, s.buildingMW
		if s.onlineMW > 0 {
			p.PUE, p.WUE, p.GreenShare = s.pue/s.onlineMW, s.wue/s.onlineMW, s.green/s.onlineMW
		} else { // an empty site would be built to today's standard
			p.PUE, p.GreenShare = w.pue(w.Now.Year(), p.SiteTempC), 0
			p.WUE = w.wue(p.SiteTempC, p.Cfg.WaterStress)
		}
	}
	// The denied accelerators are summed over every province at once, in the order of DCs; the data
	// centres denied none would add zeros.
	denied := 0.0
	left := w.deniedDCs[:0]
	for _, i := range w.deniedDCs {
		switch d := &w.DCs[i]; d.State {
		case Online:
			denied += d.DeniedAccelMW
			left = append(left, i)
		case Building:
			left = append(left, i)
		}
	}
	w.deniedDCs = left
	w.AbroadMW = w.Scn.DataCentres.AcceleratorLeak * denied
}

// sumSite brings a province's sums up to date (see siteSums), first bringing data centres online and
// retiring them when their month has come if advance is set.
func (w *World) sumSite(s *siteSums, advance bool) {
	full := s.changed || !advance
	var came []int32 // came online now, increasing (kept in w.cameOnline's storage)
	if full || s.added || w.Now >= s.nextOnline {
		came = w.cameOnline[:0]
		s.buildingMW, s.nextOnline = 0, never
		left := s.building[:0]
		for _, i := range s.building {
			d := &w.DCs[i]
			if advance && w.Now >= d.OnlineAt {
				d.State = Online
				came = append(came, i)
				continue
			}
			s.buildingMW += d.MW
			s.nextOnline = min(s.nextOnline, d.OnlineAt)
			left = append(left, i)
		}
		s.building = left
		w.cameOnline = came
	}
	switch {
	case full:
		// Retire those due (not those that came online now: one change a month), then merge in those
		// that came online, and sum them all in order.
		kept := s.online[:0]
		for _, i := range s.online {
			if d := &w.DCs[i]; d.State == Online && !(advance && w.Now >= d.RetireAt) {
				kept = append(kept, i)
			} else {
				d.State = Retired
			}
		}
		s.online = mergeIndices(kept, came)
		w.resum(s)
	case w.Now >= s.nextRetire:
		// The same from the terms kept. Those due are usually the first (the oldest): they are dropped
		// from the front, so that the rest need not move.
		now, online, terms := w.Now, s.online, s.terms
		for len(terms) > 0 && now >= terms[0].retire {
			w.DCs[online[0]].State = Retired
			online, terms = online[1:], terms[1:]
		}
		kept := 0
		for k := range terms {
			if now >= terms[k].retire {
				w.DCs[online[k]].State = Retired
				continue
			}
			if kept != k {
				online[kept], terms[kept] = online[k], terms[k]
			}
			kept++
		}
		s.online, s.terms = online[:kept], terms[:kept]
		if len(came) > 0 && kept > 0 && came[0] < s.online[kept-1] {
			s.online = mergeIndices(s.online, came)
			w.resum(s)
			break
		}
		w.appendOnline(s, came)
		s.onlineMW, s.accel, s.pue, s.wue, s.green, s.nextRetire = 0, 0, 0, 0, 0, never
		s.addTerms(s.terms)
	case len(came) > 0 && (len(s.online) == 0 || came[0] > s.online[len(s.online)-1]):
		from := len(s.terms)
		w.appendOnline(s, came)
		s.addTerms(s.terms[from:])
	case len(came) > 0:
		s.online = mergeIndices(s.online, came)
		w.resum(s)
	}
	s.added, s.changed = false, false
}

// appendOnline appends data centres that came online after every one of the province's online (in the
// order of DCs) to its list and their terms to its terms.
func (w *World) appendOnline(s *siteSums, came []int32) {
	s.online = append(s.online, came...)
	if cap(s.terms) < len(s.online) { // grown with online's array, not by append's own steps: half the allocations
		s.terms = slices.Grow(s.terms, cap(s.online)-len(s.terms))
	}
	for _, i := range came {
		d := &w.DCs[i]
		s.terms = append(s.terms, onlineTerms{mw: d.MW, accel: float64(d.MW * d.AccelShare), pue: float64(d.MW * d.PUE),
			wue: float64(d.MW * d.WUE), green: float64(d.MW * d.Matched), retire: d.RetireAt})
	}
}

// resum takes the terms of a province's data centres online afresh from DCs and sums them.
func (w *World) resum(s *siteSums) {
	online := s.online
	s.online, s.terms = s.online[:0], s.terms[:0]
	w.appendOnline(s, online)
	s.onlineMW, s.accel, s.pue, s.wue, s.green, s.nextRetire = 0, 0, 0, 0, 0, never
	s.addTerms(s.terms)
}

// addTerms adds terms to a province's sums, in the order given.
func (s *siteSums) addTerms(terms []onlineTerms) {
	mw, accel, pue, wue, green, next := s.onlineMW, s.accel, s.pue, s.wue, s.green, s.nextRetire
	for k := range terms {
		t := &terms[k]
		mw += t.mw
		accel += t.accel
		pue += t.pue
		wue += t.wue
		green += t.green
		next = min(next, t.retire)
	}
	s.onlineMW, s.accel, s.pue, s.wue, s.green, s.nextRetire = mw, accel, pue, wue, green, next
}

// mergeIndices merges b (increasing) into a (increasing), in place in a's storage when it has room.
func mergeIndices(a, b []int32) []int32 {
	if len(b) == 0 {
		return a
	}
	n := len(a)
	a = append(a, b...)
	// Merge from the back so that nothing of a is overwritten before it is moved.
	i, j := n-1, len(b)-1
	for k := len(a) - 1; j >= 0; k-- {
		if i >= 0 && a[i] > b[j] {
			a[k] = a[i]
			i--
		} else {
			a[k] = b[j]
			j--
		}
	}
	return a
}

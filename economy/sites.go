package economy

import "dongshu/configs"

// siteSums is one province's sums over its data centres, as refreshSites adds them up: in the order of
// DCs, so that a province's sums are those a single pass over every data centre would give. They change
// only when one of its data centres is started, changed (siteChanged) or comes online or retires (at
// next), so a month re-sums only the provinces where that happened: about one in five.
type siteSums struct {
	live  []int32       // the province's data centres not retired (increasing indices into DCs)
	next  configs.Month // the first month one of them comes online or retires
	stale bool          // one was started or changed since the sums

	online, accel, building float64 // MW online, of which accelerators, and under construction
	pue, wue, green         float64 // MW x PUE, x WUE, x matched share, over the data centres online
}

// siteChanged marks province p's sums stale: one of its data centres changed other than by coming
// online or retiring.
func (w *World) siteChanged(p int) {
	if p < len(w.sites) {
		w.sites[p].stale = true
	}
}

// refreshSites recomputes each province's capacity aggregates from its data centres.
func (w *World) refreshSites() { w.refreshSitesAdvancing(false) }

// refreshSitesAdvancing is refreshSites, first bringing each data centre online or retiring it when its
// month has come if advance is set. Without advance every province is re-summed.
func (w *World) refreshSitesAdvancing(advance bool) {
	if len(w.sites) != len(w.Provinces) {
		w.sites = make([]siteSums, len(w.Provinces))
	}
	for ; w.dcsListed < len(w.DCs); w.dcsListed++ {
		s := &w.sites[w.DCs[w.dcsListed].Province]
		s.live = append(s.live, int32(w.dcsListed))
		s.stale = true
	}
	for i, p := range w.Provinces {
		s := &w.sites[i]
		if s.stale || !advance || w.Now >= s.next {
			w.sumSite(s, advance)
		}
		p.OnlineMW, p.AccelOnlineMW, p.BuildingMW = s.online, s.accel, s.building
		if s.online > 0 {
			p.PUE, p.WUE, p.GreenShare = s.pue/s.online, s.wue/s.online, s.green/s.online
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

// sumSite sums a province's data centres not retired, first bringing each online or retiring it when
// its month has come if advance is set, and drops those retired from its list.
func (w *World) sumSite(s *siteSums, advance bool) {
	s.online, s.accel, s.building, s.pue, s.wue, s.green = 0, 0, 0, 0, 0, 0
	s.next, s.stale = never, false
	live := s.live[:0]
	for _, i := range s.live {
		d := &w.DCs[i]
		if advance {
			switch {
			case d.State == Building && w.Now >= d.OnlineAt:
				d.State = Online
			case d.State == Online && w.Now >= d.RetireAt:
				d.State = Retired
			}
		}
		switch d.State {
		case Online:
			s.online += d.MW
			s.accel += float64(d.MW * d.AccelShare)
			s.pue += float64(d.MW * d.PUE)
			s.wue += float64(d.MW * d.WUE)
			s.green += float64(d.MW * d.Matched)
			s.next = min(s.next, d.RetireAt)
		case Building:
			s.building += d.MW
			s.next = min(s.next, d.OnlineAt)
		default: // retired: it never returns
			continue
		}
		live = append(live, i)
	}
	s.live = live
}

package configs

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// Scale returns a synthetic scenario with n provinces built from s: province k copies province k mod m
// of s (m = len(s.Provinces)) into replica k / m, its capital jittered by up to ±1.5 degrees, and ids of
// replicas r >= 1 suffixed "_r". Each replica keeps the original's structure: neighbours, hub membership,
// clusters, IXP openings, fibre lines and partnerships are copied among the replica's own provinces;
// historic hubs stay the originals. Demand classes, technology and policy are unchanged, so total
// demand and capacity grow with n. The jitter draws from its own generator seeded by seed, not from any
// run's. It is for scaling experiments and benchmarks (30x China is n = 930), not for policy analysis.
func (s *Scenario) Scale(n int, seed uint64) (*Scenario, error) {
	m := len(s.Provinces)
	if m == 0 {
		return nil, fmt.Errorf("scale: the scenario has no provinces")
	}
	if n < 1 {
		return nil, fmt.Errorf("scale: need at least one province, got %d", n)
	}
	sc := &scaler{s: s, out: s.Clone(), m: m, n: n, replicas: (n + m - 1) / m}
	sc.provinces(rand.New(rand.NewPCG(seed, 0x5ca1e)))
	sc.hubs()
	sc.links()
	sc.national()
	if err := sc.out.Validate(); err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	return sc.out, nil
}

// scaler builds Scale's scenario out from s: n provinces in replicas copies of s's m.
type scaler struct {
	s, out           *Scenario
	m, n, replicas   int
	present, hubKept map[string]bool // province ids and hub ids in out
}

// replicaID is a province's (or cluster's) id in replica r: the original's in replica 0.
func replicaID(id string, r int) string {
	if r == 0 {
		return id
	}
	return id + "_" + strconv.Itoa(r)
}

// inReplica reports whether replica r holds a copy of province k.
func (sc *scaler) inReplica(k, r int) bool { return r*sc.m+k < sc.n }

// provinces copies the provinces into their replicas, their names numbered and capitals jittered by rng
// (not in replica 0), their neighbours those of the same replica.
func (sc *scaler) provinces(rng *rand.Rand) {
	s, out := sc.s, sc.out
	out.Provinces = out.Provinces[:0]
	for r := 0; r < sc.replicas; r++ {
		for k, p := range s.Provinces {
			if !sc.inReplica(k, r) {
				break
			}
			q := p
			q.ID = replicaID(p.ID, r)
			if r > 0 {
				q.NameEN = p.NameEN + " " + strconv.Itoa(r)
				q.NameFR = p.NameFR + " " + strconv.Itoa(r)
				q.NameZH = p.NameZH + " " + strconv.Itoa(r)
				q.Lat += float64(3 * (float64(rng.Float64()) - 0.5))
				q.Lon += float64(3 * (float64(rng.Float64()) - 0.5))
			}
			q.Neighbours = nil
			for _, nb := range p.Neighbours {
				j := s.provinceIndex(nb)
				if j >= 0 && sc.inReplica(j, r) {
					q.Neighbours = append(q.Neighbours, replicaID(nb, r))
				}
			}
			out.Provinces = append(out.Provinces, q)
		}
	}
	sc.present = map[string]bool{}
	for _, p := range out.Provinces {
		sc.present[p.ID] = true
	}
}

// hubs keeps each hub with its provinces' copies in every replica; a hub with none left goes.
func (sc *scaler) hubs() {
	sc.out.Hubs = nil
	for _, h := range sc.s.Hubs {
		h2 := h
		h2.Provinces = nil
		for r := 0; r < sc.replicas; r++ {
			for _, id := range h.Provinces {
				if sc.present[replicaID(id, r)] {
					h2.Provinces = append(h2.Provinces, replicaID(id, r))
				}
			}
		}
		if len(h2.Provinces) > 0 {
			sc.out.Hubs = append(sc.out.Hubs, h2)
		}
	}
	sc.hubKept = map[string]bool{}
	for _, h := range sc.out.Hubs {
		sc.hubKept[h.ID] = true
	}
}

// links copies, replica by replica, what names provinces: events (national ones kept once), clusters,
// IXP openings, fibre lines and partnerships, each where the replica holds every province it names.
func (sc *scaler) links() {
	s, out, present := sc.s, sc.out, sc.present
	out.Clusters, out.Network.IXPs, out.Network.Fibre, out.Planner.Partnerships, out.Events = nil, nil, nil, nil, nil
	for r := 0; r < sc.replicas; r++ {
		for _, e := range s.Events {
			if e.Target == "" && e.To == "" {
				if r == 0 {
					out.Events = append(out.Events, e)
				}
				continue
			}
			if present[replicaID(e.Target, r)] && (e.To == "" || present[replicaID(e.To, r)]) {
				e.Target = replicaID(e.Target, r)
				if e.To != "" {
					e.To = replicaID(e.To, r)
				}
				out.Events = append(out.Events, e)
			}
		}
		for _, c := range s.Clusters {
			if present[replicaID(c.Province, r)] && sc.hubKept[c.Hub] {
				c.ID, c.Province = replicaID(c.ID, r), replicaID(c.Province, r)
				out.Clusters = append(out.Clusters, c)
			}
		}
		for _, x := range s.Network.IXPs {
			if present[replicaID(x.Province, r)] {
				x.Province = replicaID(x.Province, r)
				out.Network.IXPs = append(out.Network.IXPs, x)
			}
		}
		for _, f := range s.Network.Fibre {
			if present[replicaID(f.From, r)] && present[replicaID(f.To, r)] {
				f.From, f.To = replicaID(f.From, r), replicaID(f.To, r)
				out.Network.Fibre = append(out.Network.Fibre, f)
			}
		}
		for _, pt := range s.Planner.Partnerships {
			if present[replicaID(pt.East, r)] && present[replicaID(pt.West, r)] {
				pt.East, pt.West = replicaID(pt.East, r), replicaID(pt.West, r)
				out.Planner.Partnerships = append(out.Planner.Partnerships, pt)
			}
		}
	}
}

// national sets what is national: the historic hubs that are left, the vault, demand and accelerator
// supply grown with the provinces, and the name.
func (sc *scaler) national() {
	s, out, n, m := sc.s, sc.out, sc.n, sc.m
	var hist []string
	for _, h := range s.Network.HistoricHubs {
		if sc.present[h] {
			hist = append(hist, h)
		}
	}
	out.Network.HistoricHubs = hist
	// The vault stays in the original province; a world too small to hold it has no vault.
	if !sc.present[s.Vault.Province] && len(out.Provinces) > 0 {
		out.Vault.Province, out.Vault.ReplicaShare = out.Provinces[0].ID, 0
	}
	// Demand is split by each province's share, so the national total grows with the provinces copied.
	out.Demand.TotalMW = s.Demand.TotalMW * float64(n) / float64(m)
	// The national accelerator supply is national like demand: unscaled, it would bind in a large world
	// and change what is being measured.
	out.DataCentres.AcceleratorSupplyMW = s.DataCentres.AcceleratorSupplyMW * float64(n) / float64(m)
	out.Name = fmt.Sprintf("%s x%d provinces", s.Name, n)
}

func (s *Scenario) provinceIndex(id string) int {
	for i := range s.Provinces {
		if s.Provinces[i].ID == id {
			return i
		}
	}
	return -1
}

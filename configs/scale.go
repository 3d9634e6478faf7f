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
	out := s.Clone()
	rng := rand.New(rand.NewPCG(seed, 0x5ca1e))
	replicas := (n + m - 1) / m
	rename := func(id string, r int) string {
		if r == 0 {
			return id
		}
		return id + "_" + strconv.Itoa(r)
	}
	inReplica := func(k, r int) bool { return r*m+k < n }
	out.Provinces = out.Provinces[:0]
	for r := 0; r < replicas; r++ {
		for k, p := range s.Provinces {
			if !inReplica(k, r) {
				break
			}
			q := p
			q.ID = rename(p.ID, r)
			if r > 0 {
				q.NameEN = p.NameEN + " " + strconv.Itoa(r)
				q.NameFR = p.NameFR + " " + strconv.Itoa(r)
				q.NameZH = p.NameZH + " " + strconv.Itoa(r)
				q.Lat += 3 * (rng.Float64() - 0.5)
				q.Lon += 3 * (rng.Float64() - 0.5)
			}
			q.Neighbours = nil
			for _, nb := range p.Neighbours {
				j := s.provinceIndex(nb)
				if j >= 0 && inReplica(j, r) {
					q.Neighbours = append(q.Neighbours, rename(nb, r))
				}
			}
			out.Provinces = append(out.Provinces, q)
		}
	}
	present := map[string]bool{}
	for _, p := range out.Provinces {
		present[p.ID] = true
	}
	out.Hubs = nil
	for _, h := range s.Hubs {
		h2 := h
		h2.Provinces = nil
		for r := 0; r < replicas; r++ {
			for _, id := range h.Provinces {
				if present[rename(id, r)] {
					h2.Provinces = append(h2.Provinces, rename(id, r))
				}
			}
		}
		if len(h2.Provinces) > 0 {
			out.Hubs = append(out.Hubs, h2)
		}
	}
	hubKept := map[string]bool{}
	for _, h := range out.Hubs {
		hubKept[h.ID] = true
	}
	out.Clusters = nil
	out.Network.IXPs = nil
	out.Network.Fibre = nil
	out.Planner.Partnerships = nil
	// National events are kept once; an event naming provinces goes with each replica that holds them.
	out.Events = nil
	for r := 0; r < replicas; r++ {
		for _, e := range s.Events {
			if e.Target == "" && e.To == "" {
				if r == 0 {
					out.Events = append(out.Events, e)
				}
				continue
			}
			if present[rename(e.Target, r)] && (e.To == "" || present[rename(e.To, r)]) {
				e.Target = rename(e.Target, r)
				if e.To != "" {
					e.To = rename(e.To, r)
				}
				out.Events = append(out.Events, e)
			}
		}
		for _, c := range s.Clusters {
			if present[rename(c.Province, r)] && hubKept[c.Hub] {
				c.ID, c.Province = rename(c.ID, r), rename(c.Province, r)
				out.Clusters = append(out.Clusters, c)
			}
		}
		for _, x := range s.Network.IXPs {
			if present[rename(x.Province, r)] {
				x.Province = rename(x.Province, r)
				out.Network.IXPs = append(out.Network.IXPs, x)
			}
		}
		for _, f := range s.Network.Fibre {
			if present[rename(f.From, r)] && present[rename(f.To, r)] {
				f.From, f.To = rename(f.From, r), rename(f.To, r)
				out.Network.Fibre = append(out.Network.Fibre, f)
			}
		}
		for _, pt := range s.Planner.Partnerships {
			if present[rename(pt.East, r)] && present[rename(pt.West, r)] {
				pt.East, pt.West = rename(pt.East, r), rename(pt.West, r)
				out.Planner.Partnerships = append(out.Planner.Partnerships, pt)
			}
		}
	}
	var hist []string
	for _, h := range s.Network.HistoricHubs {
		if present[h] {
			hist = append(hist, h)
		}
	}
	out.Network.HistoricHubs = hist
	// The vault stays in the original province; a world too small to hold it has no vault.
	if !present[s.Vault.Province] && len(out.Provinces) > 0 {
		out.Vault.Province, out.Vault.ReplicaShare = out.Provinces[0].ID, 0
	}
	// Demand is split by each province's share, so the national total grows with the provinces copied.
	out.Demand.TotalMW = s.Demand.TotalMW * float64(n) / float64(m)
	// The national accelerator supply is national like demand: unscaled, it would bind in a large world
	// and change what is being measured.
	out.DataCentres.AcceleratorSupplyMW = s.DataCentres.AcceleratorSupplyMW * float64(n) / float64(m)
	out.Name = fmt.Sprintf("%s x%d provinces", s.Name, n)
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	return out, nil
}

func (s *Scenario) provinceIndex(id string) int {
	for i := range s.Provinces {
		if s.Provinces[i].ID == id {
			return i
		}
	}
	return -1
}

package session

import (
	"dongshu/agents"
	"dongshu/configs"
	"dongshu/economy"
)

// Facts are the run's key figures that the debrief's "What happened" block explains, computed from the
// History alone (the 2022 figures as agents.Headline computes them for the batch runner).
type Facts struct {
	Months int // months played
	// Has2022 reports whether any month of 2022 was played; the four figures are then the mean monthly
	// utilisation in 2022 of the north-west (Inner Mongolia, Ningxia, Gansu), the east and west hubs and
	// the country (agents.Headline). The policy's stylised fact: about 30 % in the north-west, over 65 %
	// in the east.
	Has2022                                                                 bool
	NorthwestUtil2022, EastHubsUtil2022, WestHubsUtil2022, NationalUtil2022 float64
	// The largest national overbuild of any month (MW: capacity beyond used / target utilisation) and
	// the first month it was reached.
	PeakOverbuildMW    float64
	PeakOverbuildMonth configs.Month
	// The last month played, and over the last year played (its last 12 months, fewer in a short game):
	// unserved work / demand, and national CO2 per MWh of data-centre energy (t/MWh). CO2PerMWhStart is
	// the same over the first year played.
	End                          configs.Month
	Start                        configs.Month
	UnservedEnd                  float64
	CO2PerMWhEnd, CO2PerMWhStart float64
}

// ProvinceFacts are a province's key figures against the country's, from the History alone.
type ProvinceFacts struct {
	Province int
	// Used / capacity over the last year played, the province's and the country's.
	UtilEnd, NationalUtilEnd float64
	// Debt (bn yuan) at the end of the first and the last month played, the province's and the sum of
	// all provinces'.
	DebtStart, DebtEnd, NationalDebtStart, NationalDebtEnd float64
	// Data-centre jobs over the last year played (monthly mean): all of them, on halls under construction
	// (datacentres.jobs_per_mw_building) and on halls online (jobs_per_mw_online); the province's share
	// of the country's jobs and of its GDP, and JobsRatio, the one against the other (the career
	// board's score.jobs).
	JobsEnd, JobsBuilding, JobsOnline float64
	JobsShare, GDPShare, JobsRatio    float64
	// The same over the first year played: jobs and those on halls under construction.
	JobsStart, JobsBuildingStart float64
	// Capacity online over the first and the last year played (monthly means, MW).
	CapacityStart, CapacityEnd float64
}

// lastYear is the first month index of the last year played (up to 12 months).
func (s *Session) lastYear() int { return max(len(s.hist.Months)-12, 0) }

// Facts computes the run's key figures (zero when nothing was played).
func (s *Session) Facts() Facts {
	h := &s.hist
	w := s.m.W
	c := w.Col
	n := len(h.Months)
	f := Facts{Months: n}
	if n == 0 {
		return f
	}
	f.Start, f.End = h.Months[0], h.Months[n-1]
	// The history's scope rows are in Model.Scopes order (national first), as agents.Headline reads them.
	var hl agents.Headline
	nat := func(k int) []float64 { return h.Scope[k][economy.ScopeNational] }
	for k, mo := range h.Months {
		hl.Observe(w, mo, h.Scope[k])
		f.Has2022 = f.Has2022 || mo.Year() == 2022
		if ob := nat(k)[c(economy.ColOverbuild)]; k == 0 || ob > f.PeakOverbuildMW {
			f.PeakOverbuildMW, f.PeakOverbuildMonth = ob, mo
		}
	}
	f.NorthwestUtil2022, f.EastHubsUtil2022 = hl.Get(agents.NorthwestUtil2022), hl.Get(agents.EastHubsUtil2022)
	f.WestHubsUtil2022, f.NationalUtil2022 = hl.Get(agents.WestHubsUtil2022), hl.Get(agents.NationalUtil2022)

	un := s.sums(s.lastYear(), n, nat, c(economy.ColUnserved), c(economy.ColDemand))
	f.UnservedEnd = ratioOr0(un[0], un[1])
	e := s.sums(s.lastYear(), n, nat, c(economy.ColCO2), c(economy.ColEnergy))
	f.CO2PerMWhEnd = ratioOr0(e[0], e[1])
	e = s.sums(0, min(n, 12), nat, c(economy.ColCO2), c(economy.ColEnergy))
	f.CO2PerMWhStart = ratioOr0(e[0], e[1])
	return f
}

// ProvinceFacts computes province p's key figures against the country's (zero when nothing was played).
func (s *Session) ProvinceFacts(p int) ProvinceFacts {
	h := &s.hist
	w := s.m.W
	c := w.Col
	n := len(h.Months)
	f := ProvinceFacts{Province: p}
	if n == 0 || p < 0 || p >= len(w.Provinces) {
		return f
	}
	prow := func(k int) []float64 { return h.Province[k][p] }
	nat := func(k int) []float64 { return h.Scope[k][economy.ScopeNational] }
	u := s.sums(s.lastYear(), n, prow, c(economy.ColUsed), c(economy.ColCapacity))
	f.UtilEnd = ratioOr0(u[0], u[1])
	nu := s.sums(s.lastYear(), n, nat, c(economy.ColUsed), c(economy.ColCapacity))
	f.NationalUtilEnd = ratioOr0(nu[0], nu[1])
	f.DebtStart, f.DebtEnd = prow(0)[c(economy.ColDebt)], prow(n - 1)[c(economy.ColDebt)]
	f.NationalDebtStart, f.NationalDebtEnd = nat(0)[c(economy.ColDebt)], nat(n - 1)[c(economy.ColDebt)]
	from := s.lastYear()
	months := float64(n - from)
	j := s.sums(from, n, prow, c(economy.ColJobs), c(economy.ColBuilding), c(economy.ColCapacity))
	dc := &w.Scn.DataCentres
	f.JobsEnd = j[0] / months
	f.JobsBuilding, f.JobsOnline = j[1]/months*dc.JobsPerMWBuilding, j[2]/months*dc.JobsPerMWOnline
	f.JobsShare = ratioOr0(j[0], s.sums(from, n, nat, c(economy.ColJobs))[0])
	f.GDPShare = s.gdpShare(p)
	f.JobsRatio = s.jobsRatio(p)
	f.CapacityEnd = j[2] / months
	first := float64(min(n, 12))
	j = s.sums(0, min(n, 12), prow, c(economy.ColJobs), c(economy.ColBuilding), c(economy.ColCapacity))
	f.JobsStart, f.JobsBuildingStart = j[0]/first, j[1]/first*dc.JobsPerMWBuilding
	f.CapacityStart = j[2] / first
	return f
}

package configs

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// shareTolerance is how far shares that must sum to 1 may be off.
const shareTolerance = 1e-6

// Validate checks every value against its tags (range, enum, month) and the cross-references between
// sections. It returns nil or Problems listing every problem found, named by key and, when the
// scenario was parsed from a file, located by file and line ("--set" for values overridden by Set).
func (s *Scenario) Validate() error {
	if ps := toProblems(s, originOf(s), s.check()); len(ps) > 0 {
		return ps
	}
	return nil
}

// checker collects problems by index path.
type checker struct {
	s     *Scenario
	probs []rawProblem
}

func (c *checker) add(path, format string, args ...any) {
	c.probs = append(c.probs, rawProblem{path: path, msg: fmt.Sprintf(format, args...)})
}

// check runs every check.
func (s *Scenario) check() []rawProblem {
	c := &checker{s: s}
	c.fields(reflect.ValueOf(s).Elem(), root(), "")
	c.months()
	c.cross()
	return c.probs
}

// fields checks the tags of every field, recursively.
func (c *checker) fields(v reflect.Value, n *node, p string) {
	for _, f := range n.fields {
		fv := v.Field(f.index)
		fp := joinKey(p, f.key)
		switch f.kind {
		case kFloat:
			c.number(fp, f, fv.Float(), "")
		case kInt:
			c.number(fp, f, float64(fv.Int()), "")
		case kUint:
			c.number(fp, f, float64(fv.Uint()), "")
		case kFloats:
			c.length(fp, fv.Len())
			for i := range fv.Len() {
				c.number(fp, f, fv.Index(i).Float(), fmt.Sprintf("element %d: ", i+1))
			}
		case kString:
			c.text(fp, f, fv.String(), n == root())
		case kStrings:
			c.length(fp, fv.Len())
			for i := range fv.Len() {
				if x := fv.Index(i).String(); len(x) > MaxStringBytes {
					c.add(fp, "element %d: %d bytes, more than %d", i+1, len(x), MaxStringBytes)
				}
			}
		case kTable:
			c.fields(fv, f.sub, fp)
		case kArray:
			c.length(fp, fv.Len())
			for i := range min(fv.Len(), MaxListLen) {
				c.fields(fv.Index(i), f.sub, joinIndex(fp, i))
			}
		}
	}
}

// number checks that x is finite and within the field's range.
func (c *checker) number(p string, f *field, x float64, prefix string) {
	if !isFinite(x) {
		c.add(p, "%s%v is not a finite number", prefix, x)
		return
	}
	if x < f.lo || x > f.hi {
		unit := ""
		if f.unit != "1" && f.unit != "" {
			unit = " " + f.unit
		}
		c.add(p, "%s%s%s is out of range %s", prefix, strconv.FormatFloat(x, 'g', -1, 64), unit, f.rng)
	}
}

// length checks the length of a list or an array of tables.
func (c *checker) length(p string, n int) {
	if n > MaxListLen {
		c.add(p, "%d elements, more than %d", n, MaxListLen)
	}
}

// text checks lengths, enums and months.
func (c *checker) text(p string, f *field, x string, top bool) {
	limit := MaxStringBytes
	if top && f.key == "description" {
		limit = MaxTextBytes
	}
	if len(x) > limit {
		c.add(p, "%d bytes, more than the %d it may have", len(x), limit)
		return
	}
	if f.enum != nil && !slices.Contains(f.enum, x) {
		c.add(p, "%q is not one of: %s", x, strings.Join(f.enum, ", "))
	}
	if f.month {
		if _, err := ParseMonth(x); err != nil {
			c.add(p, "%v", err)
		}
	}
}

// months checks that the run does not end before it starts.
func (c *checker) months() {
	start, err1 := ParseMonth(c.s.Start)
	end, err2 := ParseMonth(c.s.End)
	if err1 == nil && err2 == nil && end < start {
		// Blame the key the user just changed: "end" in the file is not wrong when --set moved start.
		if o := originOf(c.s); o != nil && o.set["start"] && !o.set["end"] {
			c.add("start", "start %s is after end %s", start, end)
		} else {
			c.add("end", "end %s is before start %s", end, start)
		}
	}
	// An event after the end would never fire: a typo in a month, or an end cut too early. An end moved
	// by --set is a deliberate shorter horizon: the scenario's later events are then left out quietly.
	if o := originOf(c.s); (o != nil && o.set["end"]) || (err2 == nil && end < start) {
		return // an end before the start is the problem to report, not every event after it
	}
	for i, e := range c.s.Events {
		if m, err := ParseMonth(e.Month); err == nil && err2 == nil && m > end {
			c.add(joinKey(joinIndex("event", i), "month"), "%s is after end %s: the event would never fire", m, end)
		}
	}
}

// ids checks the ids of one array of tables (non-empty bare keys, unique) and returns the index of
// each id (its first element).
func (c *checker) ids(p, what string, n int, id func(int) string) map[string]int {
	index := map[string]int{}
	for i := range n {
		ip := joinKey(joinIndex(p, i), "id")
		x := id(i)
		switch {
		case x == "":
			c.add(ip, "missing %s id", what)
			continue
		case !isBareKey(x):
			c.add(ip, "%s id %q must be a bare key (letters, digits, _ or -)", what, x)
		}
		if j, dup := index[x]; dup {
			c.add(ip, "duplicate %s id %q (also %s)", what, x, displayKey(c.s, joinIndex(p, j)))
			continue
		}
		index[x] = i
	}
	return index
}

// ref checks that id names one of known.
func (c *checker) ref(p, what, id string, known map[string]int) bool {
	if _, ok := known[id]; ok {
		return true
	}
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	slices.Sort(names)
	c.add(p, "unknown %s %q%s", what, id, didYouMean(id, names))
	return false
}

// cross checks ids and references between sections, and the sums and orders the ranges cannot say.
func (c *checker) cross() {
	s := c.s
	prov := c.ids("province", "province", len(s.Provinces), func(i int) string { return s.Provinces[i].ID })
	hubs := c.ids("hub", "hub", len(s.Hubs), func(i int) string { return s.Hubs[i].ID })
	c.ids("cluster", "cluster", len(s.Clusters), func(i int) string { return s.Clusters[i].ID })
	c.ids("demand.class", "class", len(s.Demand.Classes), func(i int) string { return s.Demand.Classes[i].ID })
	if len(s.Provinces) == 0 {
		c.add("province", "at least one [[province]] is required")
	}
	if len(s.Demand.Classes) == 0 {
		c.add("demand.class", "at least one [[demand.class]] is required")
	}
	c.provinceRefs(prov)
	c.hubRefs(prov)
	c.clusterRefs(prov, hubs)
	c.networkRefs(prov)
	c.partnershipRefs(prov)
	// The vault's province exists.
	c.ref("vault.province", "province", s.Vault.Province, prov)
	c.events(prov)
	c.classShares()
	c.behaviourAndTechnology()
}

// provinceRefs checks that a province's neighbours exist, are listed once and list the province back, and
// that its generation shares sum to at most 1.
func (c *checker) provinceRefs(prov map[string]int) {
	s := c.s
	for i, pr := range s.Provinces {
		pp := joinIndex("province", i)
		np := joinKey(pp, "neighbours")
		seen := map[string]bool{}
		for _, nb := range pr.Neighbours {
			switch {
			case nb == pr.ID:
				c.add(np, "a province cannot neighbour itself")
			case seen[nb]:
				c.add(np, "lists %q twice", nb)
			case c.ref(np, "province", nb, prov):
				if j := prov[nb]; !slices.Contains(s.Provinces[j].Neighbours, pr.ID) {
					c.add(np, "lists %q, but %s does not list %q", nb,
						displayKey(s, joinKey(joinIndex("province", j), "neighbours")), pr.ID)
				}
			}
			seen[nb] = true
		}
		if sum := pr.Thermal + pr.Hydro + pr.WindSolar + pr.Nuclear; sum > 1+shareTolerance {
			c.add(pp, "generation shares thermal+hydro+wind_solar+nuclear sum to %g, more than 1", sum)
		}
	}
}

// hubRefs checks that a hub's provinces exist and that a province is in one hub at most.
func (c *checker) hubRefs(prov map[string]int) {
	s := c.s
	hubOf := map[string]int{}
	for i, h := range s.Hubs {
		hp := joinKey(joinIndex("hub", i), "provinces")
		if len(h.Provinces) == 0 {
			c.add(hp, "a hub needs at least one province")
		}
		for _, id := range h.Provinces {
			if !c.ref(hp, "province", id, prov) {
				continue
			}
			if j, ok := hubOf[id]; ok && j != i {
				c.add(hp, "province %q is already in %s", id, displayKey(s, joinIndex("hub", j)))
				continue
			}
			hubOf[id] = i
		}
	}
}

// clusterRefs checks that a cluster's hub and province exist, that the province belongs to the hub, and
// one cluster per province.
func (c *checker) clusterRefs(prov, hubs map[string]int) {
	s := c.s
	clusterOf := map[string]int{}
	for i, cl := range s.Clusters {
		cp := joinIndex("cluster", i)
		okHub := c.ref(joinKey(cp, "hub"), "hub", cl.Hub, hubs)
		if !c.ref(joinKey(cp, "province"), "province", cl.Province, prov) {
			continue
		}
		if okHub && !slices.Contains(s.Hubs[hubs[cl.Hub]].Provinces, cl.Province) {
			c.add(joinKey(cp, "province"), "province %q is not in hub %q", cl.Province, cl.Hub)
		}
		if j, ok := clusterOf[cl.Province]; ok {
			c.add(joinKey(cp, "province"), "province %q already hosts %s", cl.Province, displayKey(s, joinIndex("cluster", j)))
			continue
		}
		clusterOf[cl.Province] = i
	}
}

// networkRefs checks the network's provinces: historic hubs, one IXP per province, fibre lines between two
// different provinces.
func (c *checker) networkRefs(prov map[string]int) {
	s := c.s
	if len(s.Network.HistoricHubs) == 0 {
		c.add("network.historic_hubs", "at least one historic hub is required")
	}
	for _, id := range s.Network.HistoricHubs {
		c.ref("network.historic_hubs", "province", id, prov)
	}
	ixpOf := map[string]int{}
	for i, x := range s.Network.IXPs {
		xp := joinKey(joinIndex("network.ixp", i), "province")
		if !c.ref(xp, "province", x.Province, prov) {
			continue
		}
		if j, ok := ixpOf[x.Province]; ok {
			c.add(xp, "province %q already has an IXP (%s)", x.Province, displayKey(s, joinIndex("network.ixp", j)))
			continue
		}
		ixpOf[x.Province] = i
	}
	for i, fl := range s.Network.Fibre {
		fp := joinIndex("network.fibre", i)
		okFrom := c.ref(joinKey(fp, "from"), "province", fl.From, prov)
		okTo := c.ref(joinKey(fp, "to"), "province", fl.To, prov)
		if okFrom && okTo && fl.From == fl.To {
			c.add(joinKey(fp, "to"), "a fibre line needs two different ends")
		}
	}
}

// partnershipRefs checks that the planner's partnerships join two different provinces.
func (c *checker) partnershipRefs(prov map[string]int) {
	s := c.s
	for i, pt := range s.Planner.Partnerships {
		pp := joinIndex("planner.partnership", i)
		okE := c.ref(joinKey(pp, "east"), "province", pt.East, prov)
		okW := c.ref(joinKey(pp, "west"), "province", pt.West, prov)
		if okE && okW && pt.East == pt.West {
			c.add(joinKey(pp, "west"), "a partnership needs two different provinces")
		}
	}
}

// classShares checks that the demand classes' shares sum to 1.
func (c *checker) classShares() {
	s := c.s
	if len(s.Demand.Classes) > 0 {
		sum := 0.0
		for _, cl := range s.Demand.Classes {
			sum += cl.Share
		}
		if isFinite(sum) && math.Abs(sum-1) > shareTolerance {
			c.add("demand.class", "class shares sum to %g, want 1", sum)
		}
	}
}

// behaviourAndTechnology checks the build options (0 among them) and the PUE range.
func (c *checker) behaviourAndTechnology() {
	s := c.s
	if opts := s.Behaviour.BuildOptionsMW; len(opts) == 0 {
		c.add("behaviour.build_options_mw", "needs at least one option")
	} else if !slices.Contains(opts, 0) {
		c.add("behaviour.build_options_mw", "must contain 0 (build nothing)")
	}
	if dc := s.DataCentres; isFinite(dc.PUEBest) && isFinite(dc.PUE2020) && dc.PUEBest > dc.PUE2020 {
		c.add("datacentres.pue_best", "%g is above pue_2020 %g", dc.PUEBest, dc.PUE2020)
	}
}

// events checks scripted and random events: targets exist, each kind has what its row of eventKinds
// says it needs.
func (c *checker) events(prov map[string]int) {
	s := c.s
	for i, e := range s.Events {
		ep := joinIndex("event", i)
		tp := joinKey(ep, "target")
		okT := e.Target == "" || c.ref(tp, "province", e.Target, prov)
		k, err := ParseEventKind(e.Kind)
		if err != nil {
			continue // reported by the enum check
		}
		spec := k.Spec()
		if spec.Target == Required && e.Target == "" {
			c.add(tp, "a %s event needs a target province", e.Kind)
		}
		if spec.To {
			top := joinKey(ep, "to")
			if e.To == "" {
				c.add(top, "a %s event needs the other end", e.Kind)
			} else if c.ref(top, "province", e.To, prov) && okT && e.To == e.Target {
				c.add(top, "a %s line needs two different ends", e.Kind)
			}
		}
		c.kindRanges(ep, root().byName["event"].sub, spec, float64(e.DurationMonths), e.Magnitude)
		if spec.Lever {
			l, err := ParseLever(e.Key)
			if err != nil {
				c.add(joinKey(ep, "key"), "%v", err)
			} else if r := l.Range(); isFinite(e.Value) && !r.Contains(e.Value) {
				c.add(joinKey(ep, "value"), "%g is out of range [%g,%g] for %s", e.Value, r.Lo, r.Hi, e.Key)
			}
		}
	}
	for i, e := range s.RandomEvents {
		rp := joinIndex("random_event", i)
		for _, id := range e.Targets {
			c.ref(joinKey(rp, "targets"), "province", id, prov)
		}
		k, err := ParseEventKind(e.Kind)
		if err != nil {
			continue // reported by the enum check
		}
		c.kindRanges(rp, root().byName["random_event"].sub, k.Spec(), float64(e.DurationMonths), e.Magnitude)
	}
}

// kindRanges checks an event's duration and magnitude against its kind's ranges (n is the event's schema
// node); a value outside its field's own range was reported by the field check and is not reported twice.
func (c *checker) kindRanges(p string, n *node, spec EventSpec, duration, magnitude float64) {
	inField := func(key string, x float64) bool {
		f := n.byName[key]
		return isFinite(x) && x >= f.lo && x <= f.hi
	}
	check := func(key string, x float64, r Range) {
		if inField(key, x) && !r.Contains(x) {
			c.add(joinKey(p, key), "%g is out of range [%g,%g] for a %s event", x, r.Lo, r.Hi, spec.Name)
		}
	}
	if spec.Lasts {
		if inField("duration_months", duration) && duration < spec.Duration.Lo {
			c.add(joinKey(p, "duration_months"), "a %s event needs a duration of at least %s", spec.Name, months(spec.Duration.Lo))
		} else {
			check("duration_months", duration, spec.Duration)
		}
	}
	if spec.Magnitude != (Range{}) {
		check("magnitude", magnitude, spec.Magnitude)
	}
}

// months formats a whole number of months ("1 month", "3 months").
func months(n float64) string {
	if n == 1 {
		return "1 month"
	}
	return strconv.FormatFloat(n, 'g', -1, 64) + " months"
}

package economy

// Contract keeps an amount of one province's work of one class at one site until it expires.
type Contract struct {
	Origin, Class, Site int32
	Accel               bool  // the work runs on accelerator capacity
	KW                  int64 // amount in kW (0 = released)
}

// ContractBook holds the work in place. Contracts sit in a ring of buckets by expiry month, so expiring
// a month's contracts touches only that bucket and early releases (evictions, demand that fell) take the
// contracts closest to expiry first: the cheapest to break.
type ContractBook struct {
	np, nc  int
	buckets [][]Contract
	// Aggregates in kW.
	placed   []int64 // [origin*nc+class]
	used     []int64 // [site]
	usedAcc  []int64 // [site]
	remoteIn []int64 // [site] work from other provinces over the real-time corridor (not training)
	abroad   []int64 // [origin] work at the extra site np (the foreign accelerator pool)
	now      int     // month index of the bucket that expires next
}

// NewContractBook makes an empty book for contracts up to maxMonths long, at sites 0..np-1 (the
// provinces) and np (the foreign accelerator pool).
func NewContractBook(np, nc, maxMonths int) *ContractBook {
	return &ContractBook{np: np, nc: nc, buckets: make([][]Contract, maxMonths+1),
		placed: make([]int64, np*nc), used: make([]int64, np+1), usedAcc: make([]int64, np+1),
		remoteIn: make([]int64, np+1), abroad: make([]int64, np)}
}

// slot is the index in buckets of the bucket monthsAhead months on (0 <= monthsAhead < len(buckets)):
// a subtraction, not a division, as now is below len(buckets) too.
func (b *ContractBook) slot(monthsAhead int) int {
	i := b.now + monthsAhead
	if i >= len(b.buckets) {
		i -= len(b.buckets)
	}
	return i
}

// book adds kw (negative: removes) to the aggregates of the work of origin and class at site.
func (b *ContractBook) book(origin, class, site int32, accel bool, kw int64) {
	b.placed[int(origin)*b.nc+int(class)] += kw
	b.used[site] += kw
	if accel {
		b.usedAcc[site] += kw
	} else if origin != site {
		b.remoteIn[site] += kw
	}
	if int(site) == b.np {
		b.abroad[origin] += kw
	}
}

func (b *ContractBook) drop(c *Contract, kw int64) {
	c.KW -= kw
	b.book(c.Origin, c.Class, c.Site, c.Accel, -kw)
}

// Advance moves the book to the next month and expires the contracts due; their work returns to the
// demand pool (it is no longer placed).
func (b *ContractBook) Advance() {
	b.now = b.slot(1)
	bk := b.buckets[b.now]
	for i := range bk {
		if c := &bk[i]; c.KW > 0 {
			b.drop(c, c.KW)
		}
	}
	b.buckets[b.now] = bk[:0]
}

// Add places work under a contract lasting months (>= 1).
func (b *ContractBook) Add(origin, class, site int, accel bool, kw int64, months int) {
	if kw <= 0 {
		return
	}
	months = min(max(months, 1), len(b.buckets)-1)
	bk := &b.buckets[b.slot(months)]
	*bk = append(*bk, Contract{Origin: int32(origin), Class: int32(class), Site: int32(site), Accel: accel, KW: kw})
	b.book(int32(origin), int32(class), int32(site), accel, kw)
}

// selector picks contracts for release: those of an origin and class, or those at a site on one kind of
// capacity. It is a value, not a func, so that the test inlines into release's loop over every contract.
type selector struct {
	bySite bool
	a, b   int32 // origin and class, or site
	accel  bool  // with bySite: accelerator capacity
}

func (s selector) match(c *Contract) bool {
	if s.bySite {
		return c.Site == s.a && c.Accel == s.accel
	}
	return c.Origin == s.a && c.Class == s.b
}

// release frees up to kw from the contracts sel picks, soonest expiry first, and returns the amount
// freed.
func (b *ContractBook) release(kw int64, sel selector) int64 {
	freed := int64(0)
	for ahead, i := 1, b.now; ahead < len(b.buckets) && freed < kw; ahead++ {
		if i++; i == len(b.buckets) {
			i = 0
		}
		bk := b.buckets[i]
		for j := range bk {
			// The selector first: most contracts are another's, few of the selected are released.
			c := &bk[j]
			if !sel.match(c) || c.KW == 0 {
				continue
			}
			take := min(c.KW, kw-freed)
			b.drop(c, take)
			freed += take
			if freed == kw {
				break
			}
		}
	}
	return freed
}

// Trim releases work of an origin beyond its demand of each class (MW, by class: demand fell below what
// is placed). One call an origin, not a class: a month trims every origin and class and releases from few,
// so the calls were most of the cost (3 M instructions of a 4-run sweep, December 2026).
func (b *ContractBook) Trim(origin int, demandMW []float64) {
	placed := b.placed[origin*b.nc : (origin+1)*b.nc]
	for c, d := range demandMW {
		if over := placed[c] - max(kW(d), 0); over > 0 {
			b.release(over, selector{a: int32(origin), b: int32(c)})
		}
	}
}

// Fit evicts work from a site until its general work fits the general capacity and its accelerator work
// the accelerator capacity (kW). Accelerators are dedicated to the classes that need them.
func (b *ContractBook) Fit(site int, genCapKW, accCapKW int64) {
	if over := b.usedAcc[site] - accCapKW; over > 0 {
		b.release(over, selector{bySite: true, a: int32(site), accel: true})
	}
	if over := b.used[site] - b.usedAcc[site] - genCapKW; over > 0 {
		b.release(over, selector{bySite: true, a: int32(site)})
	}
}

// Placed is the work of an origin and class in place (kW).
func (b *ContractBook) Placed(origin, class int) int64 { return b.placed[origin*b.nc+class] }

// Abroad is the work of an origin in place at the foreign accelerator pool (kW).
func (b *ContractBook) Abroad(origin int) int64 { return b.abroad[origin] }

// Used is the work in place at a site (kW).
func (b *ContractBook) Used(site int) int64 { return b.used[site] }

// UsedAccel is the accelerator work in place at a site (kW).
func (b *ContractBook) UsedAccel(site int) int64 { return b.usedAcc[site] }

// RemoteIn is the work at a site that came from other provinces over its corridor (kW); training work,
// shipped in bulk, is not counted.
func (b *ContractBook) RemoteIn(site int) int64 { return b.remoteIn[site] }

// Each calls f for every contract in place (for flows on the map and checks).
func (b *ContractBook) Each(f func(Contract)) {
	for _, bk := range b.buckets {
		for _, c := range bk {
			if c.KW > 0 {
				f(c)
			}
		}
	}
}

package economy

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
)

// PathMemo remembers the exchange paths (Network's least-delay paths between capitals) of the network
// states that runs met more than once, for the runs after them: a baseline run changes its network 21
// times, into the same 22 states in almost every run, so that the runs of a sweep after its second copy
// their paths instead of recomputing them (5 M instructions, 1.5 % of a baseline run, December 2026). A
// state met once is only noted (by a hash of its key): the states of a run that went its own way (a
// random event, a province's own line) would otherwise fill the memo, and the garbage collector's heap
// goal with it. The paths it gives are the bits recomputing them would give: an entry is keyed by every
// input of directLinks and shortestPaths (the geometry, the settings, which provinces have an exchange and
// the open fibre lines in order).
//
// A memo is not safe for concurrent use: a sweep gives each worker its own.
type PathMemo struct {
	// capKm and nearestH are the geometry the entries were computed on; a network on another forgets them.
	capKm    []float64
	nearestH []int
	paths    map[string][]float64 // state key -> pathMs followed by pathKm
	floats   int                  // held in paths
	seen     map[uint64]struct{}  // hashes of the keys of states met once
	seed     maphash.Seed
	key      []byte // scratch of stateKey
}

// Bounds of a memo, past which it forgets what it holds: the paths it keeps (1 MB: 68 states at 31
// provinces, none past 256) and the states it notes as met once.
const (
	maxMemoFloats = 1 << 17
	maxMemoSeen   = 1 << 14
)

// NewPathMemo returns an empty memo.
func NewPathMemo() *PathMemo {
	return &PathMemo{paths: map[string][]float64{}, seen: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
}

// bind makes the memo serve network nw, forgetting every entry if nw's geometry is not the one they
// were computed on (compared to the bit).
func (m *PathMemo) bind(nw *Network) {
	if SameBits(m.capKm, nw.capKm) && slices.Equal(m.nearestH, nw.nearestH) {
		return
	}
	m.capKm, m.nearestH = slices.Clone(nw.capKm), slices.Clone(nw.nearestH)
	clear(m.paths)
	clear(m.seen)
	m.floats = 0
}

// update sets nw's paths for its state: from the memo if it holds the state, else computed and remembered.
func (m *PathMemo) update(nw *Network) {
	nn := len(nw.pathMs)
	key := m.stateKey(nw)
	if p, ok := m.paths[string(key)]; ok {
		copy(nw.pathMs, p[:nn])
		copy(nw.pathKm, p[nn:])
		return
	}
	nw.computePaths()
	if 2*nn > maxMemoFloats {
		return
	}
	h := maphash.Bytes(m.seed, key)
	if _, ok := m.seen[h]; !ok {
		if len(m.seen) >= maxMemoSeen {
			clear(m.seen)
		}
		m.seen[h] = struct{}{}
		return
	}
	if m.floats+2*nn > maxMemoFloats {
		clear(m.paths)
		m.floats = 0
	}
	p := make([]float64, 2*nn)
	copy(p, nw.pathMs)
	copy(p[nn:], nw.pathKm)
	m.paths[string(key)] = p
	m.floats += 2 * nn
}

// stateKey encodes what directLinks reads besides the geometry: the settings' bits, which provinces
// have an exchange, and the open fibre lines in the order they were added (their ends and route factor).
func (m *PathMemo) stateKey(nw *Network) []byte {
	cfg := &nw.w.Scn.Network
	k := m.key[:0]
	for _, x := range [...]float64{cfg.RouteFactor, cfg.MsPer100Km, cfg.HopMs} {
		k = binary.LittleEndian.AppendUint64(k, math.Float64bits(x))
	}
	for _, p := range nw.w.Provinces {
		if p.HasIXP {
			k = append(k, 1)
		} else {
			k = append(k, 0)
		}
	}
	for _, f := range nw.fibre {
		if f.open {
			k = binary.LittleEndian.AppendUint32(k, uint32(f.a))
			k = binary.LittleEndian.AppendUint32(k, uint32(f.b))
			k = binary.LittleEndian.AppendUint64(k, math.Float64bits(f.rf))
		}
	}
	m.key = k
	return k
}

// SameBits reports whether a and b hold the same floats, bit for bit (so -0 differs from 0, and a NaN
// equals the same NaN): whether a result computed from a is the one computed from b.
func SameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}

package agents

import (
	"math"

	"dongshu/economy"
	"dongshu/economy/detmath"
)

// WorkerMemo is what the runs that one goroutine makes one after another share to be faster: the
// network paths of the states they met (economy.PathMemo) and the growth credit's logarithms
// (log1pTable). It holds only values of pure functions, keyed by every bit of their arguments, so that a
// model is the same with or without one, whatever runs came before it.
//
// A memo is not safe for concurrent use: a sweep gives each worker its own.
type WorkerMemo struct {
	paths      *economy.PathMemo
	growthLogs log1pTable
}

// NewWorkerMemo returns an empty memo.
func NewWorkerMemo() *WorkerMemo { return &WorkerMemo{paths: economy.NewPathMemo()} }

// log1pTable keeps detmath.Log1p's values by their argument's bits, for the growth credit
// (evaluator.setSlots). Its arguments, (capex of a build + investment) / the size of the economy, come
// back from run to run: a baseline run asks for 32k, 24k of them distinct, and a run after it for only a
// few hundred it has not seen (December 2026). A Log1p costs about 200 instructions, a look-up about 30.
//
// The table is an open-addressing hash table with linear probing, of fixed size (1 MB), that stops
// taking new arguments when it is three eighths full, so that its probes stay short and its memory flat
// however many runs share it: by then it holds the arguments of the first run, which are those that
// come back.
type log1pTable struct {
	slots    *[1 << log1pTableBits]log1pSlot // allocated on first use; a zero key marks an empty slot
	held     int                             // slots in use
	computed int                             // calls of detmath.Log1p (for tests)
}

type log1pSlot struct {
	key uint64 // the argument's bits
	val float64
}

const (
	log1pTableBits = 16                        // base-2 logarithm of the table's slots
	log1pTableHeld = 3 << (log1pTableBits - 3) // most slots in use
)

// log1p returns detmath.Log1p(x), from the table when it holds x.
func (t *log1pTable) log1p(x float64) float64 {
	k := math.Float64bits(x)
	if k == 0 { // +0, the key of an empty slot, is its own Log1p
		return 0
	}
	slots := t.slots
	if slots == nil {
		slots = new([1 << log1pTableBits]log1pSlot)
		t.slots = slots
	}
	// Fibonacci hashing: the top bits of the product depend on all of the key's, including the low
	// mantissa bits in which nearby arguments differ.
	for i := (k * 0x9e3779b97f4a7c15) >> (64 - log1pTableBits); ; i++ {
		s := &slots[i&(1<<log1pTableBits-1)]
		if s.key == k {
			return s.val
		}
		if s.key == 0 { // x is not held (an empty slot is always met: the table is never full)
			v := detmath.Log1p(x)
			t.computed++
			if t.held < log1pTableHeld {
				s.key, s.val = k, v
				t.held++
			}
			return v
		}
	}
}

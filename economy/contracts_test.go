package economy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTrimReleasesBeyondDemand checks that Trim releases, class by class, an origin's work beyond its
// demand, from the contracts expiring soonest, and leaves other origins and classes within demand alone.
func TestTrimReleasesBeyondDemand(t *testing.T) {
	b := NewContractBook(2, 2, 12)
	b.Add(0, 0, 1, false, 3000, 6) // 3 MW of origin 0, class 0 at site 1, 6 months
	b.Add(0, 0, 0, false, 2000, 2) // 2 MW, expiring sooner
	b.Add(0, 1, 0, false, 1000, 4)
	b.Add(1, 0, 0, false, 4000, 4)
	b.Trim(0, []float64{4, 1}) // 1 MW over in class 0, within demand in class 1
	assert.Equal(t, int64(4000), b.Placed(0, 0))
	assert.Equal(t, int64(1000), b.Placed(0, 1))
	assert.Equal(t, int64(4000), b.Placed(1, 0), "another origin")
	assert.Equal(t, int64(3000), b.Used(1), "the contract expiring later is kept")
	assert.Equal(t, int64(1000+1000+4000), b.Used(0))
	b.Trim(0, []float64{0, -1}) // no demand left: everything goes
	assert.Zero(t, b.Placed(0, 0))
	assert.Zero(t, b.Placed(0, 1))
	assert.Equal(t, int64(4000), b.Used(0))
}

// TestContractsWrapAroundTheRing checks that contracts booked across the end of the ring of buckets expire
// in the month due and are released soonest expiry first.
func TestContractsWrapAroundTheRing(t *testing.T) {
	b := NewContractBook(1, 1, 3) // four buckets
	for range 3 {
		b.Advance()
	}
	b.Add(0, 0, 0, false, 1000, 9) // clamped to 3 months, past the ring's end
	b.Add(0, 0, 0, false, 2000, 1)
	b.Add(0, 0, 0, false, 4000, 2)
	b.Fit(0, 6000, 0) // 1 MW over: from the 1-month contract
	require.Equal(t, int64(6000), b.Used(0))
	b.Advance()
	assert.Equal(t, int64(5000), b.Used(0), "the rest of the 1-month contract is due")
	b.Advance()
	assert.Equal(t, int64(1000), b.Used(0), "the 2-month contract is due")
	b.Advance()
	assert.Zero(t, b.Used(0), "the 3-month contract is due")
}

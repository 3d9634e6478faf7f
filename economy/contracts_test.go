package economy

import (
	"testing"

	"github.com/stretchr/testify/assert"
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

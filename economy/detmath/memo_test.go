package detmath

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMemoMatchesPow checks the memo against Pow over argument sequences with repeats and changes in the
// last bit, from its zero value on.
func TestMemoMatchesPow(t *testing.T) {
	var m Memo
	assert.Equal(t, 1.0, m.Get(0, 0, Pow), "the zero memo holds no value")
	rng := rand.New(rand.NewPCG(3, 4))
	x, y := 1.02, 1.0/12
	for range 10000 {
		switch rng.IntN(4) {
		case 0:
			x = 1 + rng.Float64()/10
		case 1:
			y = math.Nextafter(y, math.Inf(1))
		case 2:
			x = math.Nextafter(x, 0)
		}
		assert.Equal(t, math.Float64bits(Pow(x, y)), math.Float64bits(m.Get(x, y, Pow)), "Pow(%v, %v)", x, y)
	}
}

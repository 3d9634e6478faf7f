package wire_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/agents"
	"dongshu/internal/wire"
)

func TestDecodeClientRoundTrip(t *testing.T) {
	for _, c := range []struct {
		t    string
		body any
	}{
		{wire.THello, &wire.Hello{Code: "ABC234", Name: "Ana Lí", Token: strings.Repeat("a", 64), View: true}},
		{wire.TClaim, &wire.Claim{Seat: "inner_mongolia"}},
		{wire.TDecide, &wire.Decide{Month: "2020-12", Province: &agents.Decision{Province: 3, BuildMW: 100, Fibre: true}}},
		{wire.TDecide, &wire.Decide{Month: "2020-12", Planner: &agents.PlannerDecision{SetQuota: true, QuotaMW: 5000, Moderate: []int{1, 2}}}},
		{wire.TControl, &wire.Control{Op: wire.OpSpeed, Speed: 4}},
	} {
		data, err := wire.EncodeClient(c.t, c.body)
		require.NoError(t, err)
		typ, got, err := wire.DecodeClient(data)
		require.NoError(t, err, "%s", data)
		assert.Equal(t, c.t, typ)
		assert.Equal(t, c.body, got)
	}
}

func TestDecodeClientRefuses(t *testing.T) {
	long := make([]int, wire.MaxIndexList+1)
	tooLong, _ := wire.EncodeClient(wire.TDecide, wire.Decide{Month: "2020-12", Planner: &agents.PlannerDecision{Moderate: long}})
	for _, c := range []struct{ frame, want string }{
		{``, "EOF"},
		{`[]`, "cannot unmarshal"},
		{`{"v":1,"t":"hello","d":{"code":"A"}}{}`, "trailing data"},
		{`{"v":1,"t":"hello","d":{"code":"A","x":1}}`, "unknown field"},
		{`{"v":1,"t":"hello","d":{"code":"A"},"extra":1}`, "unknown field"},
		{`{"v":0,"t":"hello","d":{"code":"A"}}`, "protocol version 0"},
		{`{"v":1,"t":"HELLO","d":{"code":"A"}}`, "unknown frame type"},
		{`{"v":1,"t":"hello"}`, "no body"},
		{`{"v":1,"t":"hello","d":{"code":"` + strings.Repeat("A", 17) + `"}}`, "code too long"},
		{`{"v":1,"t":"hello","d":{"code":"A","name":"` + strings.Repeat("é", 41) + `"}}`, "longer than 40"},
		{`{"v":1,"t":"hello","d":{"code":"A","token":"` + strings.Repeat("f", 65) + `"}}`, "token too long"},
		{`{"v":1,"t":"decide","d":{"month":"2020-12"}}`, "exactly one"},
		// What-ifs do not cross the wire: the room's month frames carry decisions only.
		{`{"v":1,"t":"decide","d":{"month":"2020-12","what_if":{"key":"network.transit_cost","level":0}}}`, "unknown field"},
		{`{"v":1,"t":"decide","d":{"month":"2020-12","province":{"BuildMW":1e999}}}`, "cannot unmarshal number 1e999"},
		{string(tooLong), "list too long"},
		{`{"v":1,"t":"claim","d":{"seat":"` + strings.Repeat("s", wire.MaxFrame) + `"}}`, "the limit is"},
	} {
		_, _, err := wire.DecodeClient([]byte(c.frame))
		require.Error(t, err, c.frame)
		assert.ErrorIs(t, err, wire.ErrFrame)
		assert.Contains(t, err.Error(), c.want, "%.80s", c.frame)
	}
}

func TestDigest(t *testing.T) {
	a := wire.Digest([]float64{1, 2, 3})
	assert.Len(t, a, 16)
	assert.Equal(t, a, wire.Digest([]float64{1, 2, 3}))
	assert.NotEqual(t, a, wire.Digest([]float64{1, 2, 3.0000000001}))
}

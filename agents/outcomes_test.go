package agents

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
)

// Every outcome has a complete row, a unique snake-case name, an observation that names a real column
// or fold, and a definition in docs/ODD.md section 8.3.
func TestOutcomeTableComplete(t *testing.T) {
	odd, err := os.ReadFile("../docs/ODD.md")
	require.NoError(t, err)
	sec := string(odd)[strings.Index(string(odd), "### 8.3"):]
	seen := map[string]bool{}
	for _, o := range Outcomes() {
		sp := o.Spec()
		assert.Regexp(t, `^[a-z0-9_]+$`, sp.Name, "outcome %d has no name", o)
		assert.NotEmpty(t, sp.Unit, sp.Name)
		assert.NotEmpty(t, sp.Label, sp.Name)
		assert.NotEmpty(t, sp.Explain, sp.Name)
		assert.False(t, seen[sp.Name], "outcome %s twice", sp.Name)
		seen[sp.Name] = true
		if sp.obs.stat == custom {
			assert.NotNil(t, sp.obs.fold, sp.Name)
		} else {
			assert.Less(t, int(sp.obs.scope), int(economy.NumAggregates), sp.Name)
		}
		if sp.obs.stat == runTotal {
			assert.Positive(t, sp.obs.div, sp.Name)
		}
		got, ok := ParseOutcome(sp.Name)
		assert.True(t, ok)
		assert.Equal(t, o, got)
		assert.Regexp(t, regexp.MustCompile("`"+regexp.QuoteMeta(sp.Name)+"`"), sec, "docs/ODD.md 8.3 does not define %s", sp.Name)
	}
	assert.Equal(t, HeadlineNames(), func() []string {
		var n []string
		for _, o := range Outcomes() {
			n = append(n, o.String())
		}
		return n
	}())
}

// summary.json's headline object lists every outcome in table order, then months, and its values are
// the ones Get returns.
func TestHeadlineJSON(t *testing.T) {
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	var h Headline
	require.NoError(t, m.Run(func(month configs.Month, rows [][]float64) error {
		h.Observe(m.W, month, rows)
		return nil
	}))
	b, err := json.Marshal(h)
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(b)))
	_, err = dec.Token()
	require.NoError(t, err)
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, k.(string))
		_, err = dec.Token()
		require.NoError(t, err)
	}
	assert.Equal(t, append(HeadlineNames(), "months"), keys)
	var back map[string]float64
	require.NoError(t, json.Unmarshal(b, &back))
	for _, o := range Outcomes() {
		assert.Equal(t, h.Get(o), back[o.String()], o.String())
	}
	assert.Equal(t, float64(m.W.End-m.W.Start+1), back["months"])
	assert.Positive(t, h.Get(NorthwestUtil2022))
	assert.Positive(t, h.Get(RacksEnd2023M))
}

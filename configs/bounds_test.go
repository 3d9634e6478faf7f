package configs_test

import (
	"strings"
	"testing"

	"dongshu/configs"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pre-check counts only what the TOML parser would: brackets, dots and keys inside strings and
// comments are text, and real scenarios pass.
func TestPrecheckIgnoresStringsAndComments(t *testing.T) {
	deep := strings.Repeat("{[", 40)
	src := "description = \"" + deep + strings.Repeat(".", 100) + "\"\n" +
		"# " + deep + strings.Repeat("a.", 100) + "\n" +
		"name = '''" + deep + "'''\n" +
		"[planner]\nenforcement = 0.5\n"
	s, err := configs.Parse("ok.toml", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, 0.5, s.Planner.Enforcement)
}

func TestPrecheckBounds(t *testing.T) {
	for name, c := range map[string]struct{ src, want string }{
		"nesting":       {"a = " + strings.Repeat("[", 33) + strings.Repeat("]", 33) + "\n", "x.toml:1: more than 32 nested"},
		"dotted key":    {"seed = 1\n" + strings.Repeat("a.", 32) + "b = 1\n", "x.toml:2: a dotted key of more than 32 parts"},
		"long bare key": {strings.Repeat("k", 1025) + " = 1\n", "x.toml:1: a key or value of more than 1024 characters"},
		"too big":       {strings.Repeat("#", configs.MaxScenarioBytes+1), "more than the 8388608 a scenario may have"},
		"long string":   {"regime = \"" + strings.Repeat("x", 2000) + "\"\n", "x.toml:1: regime: 2000 bytes, more than the 1024"},
		"long list":     {"[network]\nhistoric_hubs = [" + strings.Repeat("\"a\",", configs.MaxListLen) + "\"a\"]\n", "network.historic_hubs: 10001 elements, more than 10000"},
	} {
		_, err := configs.Parse("x.toml", []byte(c.src))
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), c.want, name)
			assert.Less(t, len(err.Error()), 16<<10, "%s: a short message (at most MaxProblems lines)", name)
		}
	}
}

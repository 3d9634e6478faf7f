package agents

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
)

// target is one row of configs/targets/history.toml (format described in its header).
type target struct {
	ID        string   `toml:"id"`
	Observed  float64  `toml:"observed"`
	Month     string   `toml:"month"`
	Scope     string   `toml:"scope"`
	Scopes    []string `toml:"scopes"`
	ShareOf   string   `toml:"share_of"`
	Column    string   `toml:"column"`
	Statistic string   `toml:"statistic"`
	Relation  string   `toml:"relation"`
	Tolerance float64  `toml:"tolerance"`
	InFit     bool     `toml:"in_fit"`
	Source    string   `toml:"source"`
}

// TestTargets reads the targets file strictly, checks every target names a scope, a column and a month the
// baseline has, and logs the baseline's median and 10-90 % band over 20 seeds against each target.
func TestTargets(t *testing.T) {
	var f struct {
		Target []target `toml:"target"`
	}
	md, err := toml.DecodeFile("../configs/targets/history.toml", &f)
	require.NoError(t, err)
	require.Empty(t, md.Undecoded(), "unknown keys in the targets file")
	require.NotEmpty(t, f.Target)
	src, err := os.ReadFile("../docs/sources.md")
	require.NoError(t, err)
	m, err := New(baseline(t, 1))
	require.NoError(t, err)
	scope := map[string]int{}
	for i, s := range m.Scopes() {
		scope[s.Name] = i
	}
	col := map[string]int{}
	for i, c := range m.W.Columns() {
		col[c.Name] = i
	}
	months := make([]configs.Month, len(f.Target))
	for i, tg := range f.Target {
		assert.True(t, (tg.Scope == "") != (len(tg.Scopes) == 0), "%s: scope or scopes", tg.ID)
		assert.Equal(t, tg.ShareOf != "", len(tg.Scopes) > 0, "%s: scopes go with share_of", tg.ID)
		for _, sc := range append([]string{tg.Scope, tg.ShareOf}, tg.Scopes...) {
			if sc != "" {
				_, ok := scope[sc]
				assert.True(t, ok, "%s: scope %q", tg.ID, sc)
			}
		}
		_, ok := col[tg.Column]
		assert.True(t, ok, "%s: column %q", tg.ID, tg.Column)
		months[i], err = configs.ParseMonth(tg.Month)
		require.NoError(t, err, tg.ID)
		assert.Contains(t, []string{"end", "year_mean"}, tg.Statistic, tg.ID)
		assert.Contains(t, []string{"=", "<=", ">="}, tg.Relation, tg.ID)
		assert.Contains(t, string(src), tg.Source, "%s: source %s is in docs/sources.md", tg.ID, tg.Source)
	}
	if testing.Short() {
		return
	}
	const n = 20
	got := make([][]float64, len(f.Target)) // by target, by seed
	sums := make([][]float64, len(f.Target))
	for i := range got {
		got[i], sums[i] = make([]float64, n), make([]float64, n)
	}
	forSeeds(t, baseline(t, 1), n, func(run int, m *Model, month configs.Month, rows [][]float64) {
		for i, tg := range f.Target {
			v := value(tg, rows, scope, col)
			switch {
			case tg.Statistic == "end" && month == months[i]:
				got[i][run] = v
			case tg.Statistic == "year_mean" && month.Year() == months[i].Year():
				sums[i][run] += v / 12
				got[i][run] = sums[i][run]
			}
		}
	})
	var b strings.Builder
	b.WriteString("\n| target | observed | model median (10-90 %) | within | in fit | source |\n|---|---|---|---|---|---|\n")
	for i, tg := range f.Target {
		lo, mid, hi := quantiles(got[i])
		ok := false
		switch tg.Relation {
		case "=":
			ok = mid >= tg.Observed-tg.Tolerance && mid <= tg.Observed+tg.Tolerance
		case "<=":
			ok = mid <= tg.Observed+tg.Tolerance
		case ">=":
			ok = mid >= tg.Observed-tg.Tolerance
		}
		fmt.Fprintf(&b, "| %s | %s %g | %.4g (%.4g-%.4g) | %v | %v | %s |\n", tg.ID, tg.Relation, tg.Observed, mid, lo, hi, ok, tg.InFit, tg.Source)
	}
	t.Log(b.String())
	assert.True(t, slices.ContainsFunc(f.Target, func(tg target) bool { return !tg.InFit }), "some facts are kept out of the fit")
}

// value is the target's quantity in this month's rows: its scope's column, or the sum over its scopes
// divided by share_of's.
func value(tg target, rows [][]float64, scope, col map[string]int) float64 {
	c := col[tg.Column]
	if len(tg.Scopes) == 0 {
		return rows[scope[tg.Scope]][c]
	}
	sum := 0.0
	for _, sc := range tg.Scopes {
		sum += rows[scope[sc]][c]
	}
	if d := rows[scope[tg.ShareOf]][c]; d != 0 {
		return sum / d
	}
	return 0
}

package configs

import (
	"maps"
	"math"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/assets"
)

// Walks the Lever block: every constant has a complete row whose key is a planner number with a range,
// and whose accessor reaches its own field of Policy.
func TestLeverTable(t *testing.T) {
	require.Len(t, levers, NumLevers, "one row per Lever constant")
	base, err := LoadPreset("baseline")
	require.NoError(t, err)
	start := base.Policy()
	seen := map[*float64]Lever{}
	for _, l := range Levers() {
		spec := l.Spec()
		require.NotEmpty(t, spec.Key, "lever %d has no row", int(l))
		require.NotNil(t, spec.Level, "%s: an accessor", l)
		_, f, _, err := (&Scenario{}).resolve(spec.Key)
		require.NoError(t, err, "%s: a scenario key", l)
		require.Equal(t, kFloat, f.kind, "%s: a number", l)
		r := l.Range()
		assert.False(t, math.IsInf(r.Lo, 0) || math.IsInf(r.Hi, 0), "%s: a bounded range", l)
		assert.NotEmpty(t, l.Unit(), l.String())
		assert.True(t, spec.Step > 0 && spec.Step <= spec.BigStep && spec.Top <= r.Hi && spec.Top > r.Lo, "%s: steps and top within range", l)
		got, err := ParseLever(spec.Key)
		require.NoError(t, err)
		assert.Equal(t, l, got)
		var p Policy
		ptr := spec.Level(&p)
		other, dup := seen[ptr]
		assert.False(t, dup, "%s and %s share a field of Policy", l, other)
		seen[ptr] = l
		v, _, _, _ := base.resolve(spec.Key)
		assert.Equal(t, v.Float(), *spec.Level(&start), "%s: the run starts from the scenario's level", l)
	}
	assert.Len(t, seen, NumLevers)
	_, err = ParseLever("planner.margin")
	assert.ErrorContains(t, err, `unknown policy key "planner.margin" (one of: planner.west_share, planner.enforcement`)
}

func TestLeverCheckAndClamp(t *testing.T) {
	l := LeverEnforcement
	assert.Equal(t, Range{0, 1}, l.Range())
	assert.Equal(t, "1", l.Unit())
	assert.NoError(t, l.Check(0.5))
	assert.EqualError(t, l.Check(1.5), "planner.enforcement = 1.5 is outside [0, 1]")
	assert.Error(t, l.Check(math.NaN()))
	assert.Equal(t, 1.0, l.Clamp(1.5))
	assert.Equal(t, 0.0, l.Clamp(-1))
	assert.Equal(t, 0.0, l.Clamp(math.NaN()))
	assert.Equal(t, Range{0, 1000}, LeverSubsidy.Range())
	assert.Equal(t, "M yuan/MW", LeverSubsidy.Unit())
}

// Every lever's label is in both languages' catalogs.
func TestLeverLabels(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		c := map[string]string{}
		for _, file := range []string{"ui.toml", "whatif.toml"} { // the world levers' labels are the what-ifs'
			var part map[string]string
			_, err := toml.DecodeFS(assets.FS, "i18n/"+lang+"/"+file, &part)
			require.NoError(t, err, lang)
			maps.Copy(c, part)
		}
		for _, l := range Levers() {
			assert.NotEmpty(t, c[l.Spec().Label], "%s: no label %q for %s", lang, l.Spec().Label, l)
		}
	}
}

// A lever in the planner's dialog has its label, its help and the guided round's text in both languages;
// a lever's game format, when it has one, too; the what-if panel's places are distinct.
func TestDialogLeverTexts(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		c := map[string]string{}
		for _, file := range []string{"ui.toml", "whatif.toml", "cf.toml", "info.toml"} {
			var part map[string]string
			_, err := toml.DecodeFS(assets.FS, "i18n/"+lang+"/"+file, &part)
			require.NoError(t, err, lang)
			maps.Copy(c, part)
		}
		inDialog := 0
		for _, l := range Levers() {
			spec := l.Spec()
			if spec.Format != "" {
				assert.Contains(t, c[spec.Format], "%[1]s", "%s: format %q for %s", lang, spec.Format, l)
			}
			if !spec.InDialog {
				assert.Empty(t, spec.Help+spec.Guide, "%s: help or guide text without a dialog row", l)
				continue
			}
			inDialog++
			assert.False(t, spec.World, "%s: a world lever is not the planner's decision", l)
			for what, k := range map[string]string{"label": spec.Label, "help": spec.Help, "guide": spec.Guide} {
				assert.NotEmpty(t, k, "%s: no %s key", l, what)
				assert.NotEmpty(t, c[k], "%s: no %s %q for %s", lang, what, k, l)
			}
		}
		assert.Positive(t, inDialog, "the planner sets some lever in its dialog")
	}
	places := map[int]Lever{}
	for _, l := range Levers() {
		if p := l.Spec().WhatIf; p > 0 {
			other, dup := places[p]
			assert.False(t, dup, "%s and %s share what-if place %d", l, other, p)
			places[p] = l
		}
	}
}

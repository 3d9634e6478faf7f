package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTuneGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(old) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	assert.Equal(t, gcPercent, debug.SetGCPercent(100), "no GOGC nor GOMEMLIMIT: the batch runner's setting")

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, map[string]string{"GOGC": "150", "GOMEMLIMIT": "1GiB"}[env])
			debug.SetGCPercent(100)
			tuneGC()
			assert.Equal(t, 100, debug.SetGCPercent(100), "the user's %s wins: the percentage is left alone", env)
		})
	}
}

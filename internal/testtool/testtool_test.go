package testtool

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNeed(t *testing.T) {
	assert.FileExists(t, Need(t, "sh", "dash"), "a program on the PATH: its path")
	t.Setenv("CI", "")
	var ran bool
	t.Run("missing", func(t *testing.T) {
		defer func() { ran = t.Skipped() }()
		Need(t, "dongshu-no-such-program", "none")
		t.Error("Need returned for a missing program")
	})
	assert.True(t, ran, "outside CI a missing program skips the test")
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBadCommandLines(t *testing.T) {
	dir := t.TempDir()
	damaged := filepath.Join(dir, "damaged.json")
	existing := filepath.Join(dir, "existing.json")
	os.WriteFile(existing, []byte("a class's room"), 0o644)
	os.WriteFile(damaged, []byte(`{"format":"dongshu-room","version":1,"seats":[`), 0o644)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--speed", "9"}, 2, "--speed 9 is outside 1..8"},
		{[]string{"--timer", "-1s"}, 2, "--timer -1s is negative"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"--resume", filepath.Join(dir, "missing.json")}, 1, "no such file"},
		{[]string{"--resume", damaged}, 1, "not a readable room file"},
		{[]string{"--provinces", "atlantis", "--save", filepath.Join(dir, "r.json")}, 1, `no province "atlantis"`},
		{[]string{"--preset", "nowhere", "--save", filepath.Join(dir, "r.json")}, 1, "nowhere"},
		{[]string{"--save", existing}, 1, "exists: --resume " + existing + " continues that room"},
	} {
		var out, errb bytes.Buffer
		code := run(c.args, &out, &errb)
		assert.Equal(t, c.code, code, "%v: %s", c.args, errb.String())
		assert.Contains(t, errb.String(), c.msg, "%v", c.args)
		assert.Empty(t, out.String(), "%v: nothing printed before the error", c.args)
	}
	_, err := os.Stat(filepath.Join(dir, "r.json"))
	assert.True(t, os.IsNotExist(err), "no room file written for a bad room")
	b, _ := os.ReadFile(existing)
	assert.Equal(t, "a class's room", string(b), "a room file is never overwritten by a new room")
}

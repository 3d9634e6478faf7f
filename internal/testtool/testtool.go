// Package testtool finds the programs tests need beyond Go (glpsol, xvfb-run, chromium, qemu-aarch64,
// node): a test is skipped without one on a developer's machine, and fails in CI (CI set), where
// scripts/deps.sh installs them, so that CI never passes by skipping.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of program name, which Debian's package pkg provides: without it the test is
// skipped, or fails under CI.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed: scripts/deps.sh installs Debian's %s (make test runs it)", name, pkg)
	}
	t.Skipf("%s is not installed (Debian's %s; scripts/deps.sh installs it, make test runs it): skipped", name, pkg)
	return ""
}

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The same scenario and seed must give the same bits on every machine: an amd64 server, an Apple-silicon
// Mac (arm64), the browser (js/wasm). The Go spec lets a compiler fuse x*y + z into one fused multiply-add,
// which rounds once instead of twice; arm64 does so, amd64 (below GOAMD64=v3) and wasm do not, and before
// the products were written float64(x*y) a baseline run on arm64 ended with 1,150 MW more capacity than
// on amd64. See the economy package doc.

// fusionExempt are the source files (of the function a fused instruction is in) that only draw or read
// the clock: screen colours, chart layout and ticks, the classroom's message-rate limiter.
var fusionExempt = regexp.MustCompile(`/(game/view/|internal/chart/|internal/report/(charts|outcome|plot)\.go|internal/calibrate/charts\.go|internal/room/conn\.go)`)

// fmaOp matches arm64's fused multiply-add instructions, double and single precision.
var fmaOp = regexp.MustCompile(`\b(FMADD|FMSUB|FNMADD|FNMSUB)[DS]\b`)

// TestNoFusedMultiplyAdd builds the batch runner and the classroom server for arm64 and fails on any fused
// multiply-add in dongshu's own code outside fusionExempt, naming the line to write as float64(x*y).
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two arm64 binaries")
	}
	dir := t.TempDir()
	var found []string
	for _, cmd := range []string{"dongshu-batch", "dongshu-server"} {
		bin := filepath.Join(dir, cmd)
		build := exec.Command("go", "build", "-o", bin, "dongshu/cmd/"+cmd)
		build.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		require.NoError(t, err, "%s", out)
		dis, err := exec.Command("go", "tool", "objdump", "-s", `^dongshu/`, bin).Output()
		require.NoError(t, err)
		fns := 0
		fn, exempt := "", false
		sc := bufio.NewScanner(bytes.NewReader(dis))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "TEXT "); ok {
				name, file, _ := strings.Cut(rest, " ")
				fn, exempt = name, fusionExempt.MatchString(file)
				fns++
				continue
			}
			if !exempt && fmaOp.MatchString(line) {
				found = append(found, strings.Fields(line)[0]+" in "+fn)
			}
		}
		require.NoError(t, sc.Err())
		// The disassembly must have covered the model, or the test proves nothing.
		require.Greater(t, fns, 500, "%s: functions of dongshu disassembled", cmd)
		require.Contains(t, string(dis), "dongshu/economy.(*World).Operate")
	}
	slices.Sort(found)
	assert.Empty(t, slices.Compact(found), "fused multiply-adds (write the product as float64(x*y))")
}

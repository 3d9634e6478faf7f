package main

import (
	"bufio"
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dongshu/configs"
	"dongshu/internal/testtool"

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

// TestSameOutputsOnEveryArch runs every preset, a Latin-hypercube sweep, a Morris analysis and two whole
// baseline runs in Parquet (every double exact) natively, as an arm64 binary under qemu-aarch64 and as
// js/wasm under node (the browser's build), and requires every file they write to be byte-identical; charts
// (PNG) are drawn by gonum/plot and not compared.
func TestSameOutputsOnEveryArch(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every preset three times, two of them emulated")
	}
	qemu := testtool.Need(t, "qemu-aarch64", "qemu-user")
	testtool.Need(t, "node", "nodejs")
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err)
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")

	dir := t.TempDir()
	build := func(name string, env ...string) string {
		bin := filepath.Join(dir, "dongshu-batch-"+name)
		cmd := exec.Command("go", "build", "-o", bin, "dongshu/cmd/dongshu-batch")
		cmd.Env = append(append(os.Environ(), "CGO_ENABLED=0"), env...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return bin
	}
	arches := []struct {
		name string
		argv []string // the command line before dongshu-batch's arguments
	}{
		{"native", []string{build("native")}},
		{"arm64", []string{qemu, build("arm64", "GOOS=linux", "GOARCH=arm64")}},
		{"wasm", []string{wasmExec, build("wasm", "GOOS=js", "GOARCH=wasm")}},
	}

	var jobs [][]string
	for _, p := range configs.Presets() {
		jobs = append(jobs, []string{"run", "--preset", p, "--seed", "1", "--out", "out/run-" + p})
	}
	jobs = append(jobs,
		[]string{"sweep", "--design", "lhs", "--samples", "4", "--reps", "1", "--set", "end=2024-12",
			"--set", "planner.enforcement=0:1", "--set", "behaviour.noise_temperature=0.05:0.5", "--timeseries",
			"--workers", "2", "--out", "out/sweep"},
		// Parquet keeps every double exactly (the CSV files print 10 significant digits): the whole
		// baseline, bit for bit, as a classroom replica's monthly digest checks it against the server.
		[]string{"sweep", "--reps", "2", "--format", "parquet", "--timeseries", "--workers", "2", "--out", "out/bits"},
		[]string{"sensitivity", "--set", "end=2022-12", "--set", "planner.enforcement=0:1",
			"--set", "behaviour.noise_temperature=0.05:0.5", "--trajectories", "3", "--workers", "2",
			"--out", "out/morris"})
	for _, a := range arches {
		for _, job := range jobs {
			cmd := exec.Command(a.argv[0], append(a.argv[1:], job...)...)
			cmd.Dir = filepath.Join(dir, a.name)
			require.NoError(t, os.MkdirAll(cmd.Dir, 0o755))
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s %v: %s", a.name, job, out)
		}
	}

	files := func(arch string) map[string][]byte {
		root := filepath.Join(dir, arch, "out")
		got := map[string][]byte{}
		require.NoError(t, filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, ".png") {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			got[rel], err = os.ReadFile(path)
			return err
		}))
		return got
	}
	native := files("native")
	require.Greater(t, len(native), 3*len(jobs), "files written natively")
	for _, a := range arches[1:] {
		other := files(a.name)
		assert.Equal(t, slices.Sorted(maps.Keys(native)), slices.Sorted(maps.Keys(other)), "%s wrote other files", a.name)
		for name, want := range native {
			if got, ok := other[name]; ok && !bytes.Equal(want, got) {
				t.Errorf("%s: %s differs from the native run at byte %d", a.name, name, firstDiff(want, got))
			}
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// Package glpk runs GNU GLPK's glpsol on an LP file and reads back its optimum, so that tests can check
// the allocator against an independent LP solver. Debian's glpk-utils provides glpsol.
package glpk

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dongshu/internal/testtool"
)

// Result is what glpsol reported.
type Result struct {
	Objective float64
	Status    string        // "optimal", "infeasible", ...
	Solver    time.Duration // glpsol's own "Time used"
	Wall      time.Duration // wall time of the whole glpsol process (parsing included)
}

var timeUsed = regexp.MustCompile(`Time used:\s+([0-9.]+) secs`)

// Solve runs `glpsol --lp lpPath` and returns its optimum.
func Solve(lpPath string) (Result, error) {
	dir, err := os.MkdirTemp("", "glpk")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	sol := filepath.Join(dir, "sol.txt")
	start := time.Now()
	out, err := exec.Command("glpsol", "--lp", lpPath, "-w", sol).CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		return Result{}, fmt.Errorf("glpsol: %v\n%s", err, out)
	}
	res := Result{Wall: wall}
	if m := timeUsed.FindSubmatch(out); m != nil {
		secs, _ := strconv.ParseFloat(string(m[1]), 64)
		res.Solver = time.Duration(secs * float64(time.Second))
	}
	if strings.Contains(string(out), "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION") {
		res.Status = "infeasible"
		return res, nil
	}
	f, err := os.Open(sol)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// GLPK's plain solution format: "s bas ROWS COLS PRIM DUAL OBJ".
		fields := strings.Fields(sc.Text())
		if len(fields) >= 7 && fields[0] == "s" {
			res.Objective, err = strconv.ParseFloat(fields[6], 64)
			if err != nil {
				return Result{}, fmt.Errorf("glpsol solution: %v", err)
			}
			switch fields[4] {
			case "f":
				res.Status = "optimal"
			case "n":
				res.Status = "infeasible"
			default:
				res.Status = "status " + fields[4]
			}
			return res, nil
		}
	}
	return Result{}, errors.New("glpsol wrote no solution line")
}

// Require skips the test when glpsol is missing outside CI; in CI (CI set, where .ci/run installs
// glpk-utils) a missing glpsol fails it.
func Require(t testing.TB) {
	t.Helper()
	testtool.Need(t, "glpsol", "glpk-utils")
}

// SolveWritten writes an LP file into dir with write and solves it.
func SolveWritten(dir string, write func(io.Writer) error) (Result, error) {
	path := filepath.Join(dir, "instance.lp")
	f, err := os.Create(path)
	if err != nil {
		return Result{}, err
	}
	if err := write(f); err != nil {
		f.Close()
		return Result{}, err
	}
	if err := f.Close(); err != nil {
		return Result{}, err
	}
	return Solve(path)
}

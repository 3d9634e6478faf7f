package flow

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteDIMACS(t *testing.T) {
	f := &Instance{Nodes: 3, From: []int{0, 1, 0}, To: []int{1, 2, 2}, Cap: []int64{5, 5, 9}, Cost: []int64{1, 2, 7},
		Supply: []int64{4, 0, -4}}
	var b bytes.Buffer
	require.NoError(t, f.WriteDIMACS(&b))
	assert.Equal(t, "c dongshu allocation instance: 3 nodes, 3 arcs (DIMACS nodes are numbered from 1)\n"+
		"p min 3 3\nn 1 4\nn 3 -4\na 1 2 0 5 1\na 2 3 0 5 2\na 1 3 0 9 7\n", b.String())
}

// readDIMACS parses a DIMACS min-cost-flow file as WriteDIMACS writes it (lower bounds 0).
func readDIMACS(t *testing.T, text string) *Instance {
	t.Helper()
	f := &Instance{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		var a, b, low int
		var x, y int64
		switch {
		case strings.HasPrefix(line, "c "):
		case strings.HasPrefix(line, "p min "):
			_, err := fmt.Sscanf(line, "p min %d %d", &f.Nodes, &a)
			require.NoError(t, err)
			f.Supply = make([]int64, f.Nodes)
		case strings.HasPrefix(line, "n "):
			_, err := fmt.Sscanf(line, "n %d %d", &a, &x)
			require.NoError(t, err)
			f.Supply[a-1] = x
		case strings.HasPrefix(line, "a "):
			_, err := fmt.Sscanf(line, "a %d %d %d %d %d", &a, &b, &low, &x, &y)
			require.NoError(t, err)
			require.Zero(t, low)
			f.From, f.To, f.Cap, f.Cost = append(f.From, a-1), append(f.To, b-1), append(f.Cap, x), append(f.Cost, y)
		default:
			t.Fatalf("unexpected DIMACS line %q", line)
		}
	}
	return f
}

// TestDIMACSRoundTrip writes random allocation-shaped instances as DIMACS, reads them back and requires
// the same instance; where LEMON's solver is installed (lemon-mcf on the PATH, see scripts/bench-lemon.sh),
// it solves each file and must report NetworkSimplex's optimum.
func TestDIMACSRoundTrip(t *testing.T) {
	lemon, lemonErr := exec.LookPath("lemon-mcf")
	rng := rand.New(rand.NewPCG(2026, 12))
	g := NewNetworkSimplex()
	for i := range 40 {
		f := randomAllocation(rng, i%5)
		var b bytes.Buffer
		require.NoError(t, f.WriteDIMACS(&b))
		back := readDIMACS(t, b.String())
		assert.Equal(t, f.Nodes, back.Nodes)
		assert.Equal(t, f.From, back.From)
		assert.Equal(t, f.To, back.To)
		assert.Equal(t, f.Cap, back.Cap)
		assert.Equal(t, f.Cost, back.Cost)
		assert.Equal(t, f.Supply, back.Supply)
		if lemonErr != nil {
			continue
		}
		obj, _ := solveMCF(t, f, g)
		cmd := exec.Command(lemon, "--repeat", "1")
		cmd.Stdin = &b
		out, err := cmd.Output()
		require.NoError(t, err)
		want := fmt.Sprintf("network_simplex optimal objective %d ", obj)
		assert.Contains(t, string(out), want, "instance %d: LEMON's optimum", i)
	}
	if lemonErr != nil {
		t.Log("lemon-mcf not on the PATH: LEMON's optimum not compared")
	}
}

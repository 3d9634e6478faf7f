package report

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dongshu/agents"
	"dongshu/configs"

	"github.com/stretchr/testify/require"
)

// simRun is one short real run (2020-01 to 2022-12): its timeseries.csv body rows (no header) and
// headline.
type simRun struct {
	header string // month,scope,<metrics>
	rows   []string
	head   agents.Headline
}

var (
	simMu    sync.Mutex
	simCache = map[string]*simRun{}
)

// simulate runs the baseline to 2022-12 with a seed and planner.enforcement (cached across tests).
func simulate(t *testing.T, seed uint64, enforcement float64) *simRun {
	t.Helper()
	key := fmt.Sprint(seed, enforcement)
	simMu.Lock()
	defer simMu.Unlock()
	if r, ok := simCache[key]; ok {
		return r
	}
	s, err := configs.LoadPreset("baseline")
	require.NoError(t, err)
	require.NoError(t, s.Set("end=2022-12"))
	require.NoError(t, s.Set("planner.enforcement="+strconv.FormatFloat(enforcement, 'g', -1, 64)))
	s.Seed = seed
	require.NoError(t, s.Validate())
	m, err := agents.New(s)
	require.NoError(t, err)
	r := &simRun{}
	var hb strings.Builder
	hb.WriteString("month,scope")
	for _, c := range m.W.Columns() {
		hb.WriteString("," + c.Name)
	}
	r.header = hb.String()
	scopes := m.Scopes()
	require.NoError(t, m.Run(func(month configs.Month, rows [][]float64) error {
		r.head.Observe(m.W, month, rows)
		for i, row := range rows {
			var b strings.Builder
			b.WriteString(month.String() + "," + scopes[i].Name)
			for _, v := range row {
				b.WriteString("," + strconv.FormatFloat(v, 'g', 10, 64))
			}
			r.rows = append(r.rows, b.String())
		}
		return nil
	}))
	simCache[key] = r
	return r
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
}

// makeRunDir writes a run directory like `dongshu-batch run` does.
func makeRunDir(t *testing.T, seed uint64) string {
	t.Helper()
	r := simulate(t, seed, 0.5)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "timeseries.csv"), r.header+"\n"+strings.Join(r.rows, "\n")+"\n")
	js, err := json.MarshalIndent(map[string]any{"scenario": "baseline", "scenario_hash": strings.Repeat("ab", 32),
		"seed": seed, "version": "(test)", "start": "2020-01", "end": "2022-12", "headline": r.head}, "", "  ")
	require.NoError(t, err)
	writeFile(t, filepath.Join(dir, "summary.json"), string(js))
	return dir
}

// runTimeseries is the time series of makeRunDir's run of seed 1, as the report reads it.
func runTimeseries(t *testing.T) *Timeseries {
	t.Helper()
	ts, err := ReadTimeseries(filepath.Join(makeRunDir(t, 1), "timeseries.csv"), false)
	require.NoError(t, err)
	return ts
}

// makeSweepDir writes a sweep directory varying planner.enforcement over values with seeds 1..reps at
// each, with a tidy timeseries.csv when withTS.
func makeSweepDir(t *testing.T, values []float64, reps int, withTS bool) string {
	t.Helper()
	dir := t.TempDir()
	var runs, ts strings.Builder
	runs.WriteString("run_id,seed,planner.enforcement," + strings.Join(agents.HeadlineNames(), ",") + "\n")
	id := 0
	for _, e := range values {
		for seed := uint64(1); seed <= uint64(reps); seed++ {
			r := simulate(t, seed, e)
			if id == 0 {
				ts.WriteString("run_id," + r.header + "\n")
			}
			rid := fmt.Sprintf("r%03d", id)
			fmt.Fprintf(&runs, "%s,%d,%s", rid, seed, strconv.FormatFloat(e, 'g', -1, 64))
			for _, v := range r.head.Values() {
				runs.WriteString("," + strconv.FormatFloat(v, 'g', -1, 64))
			}
			runs.WriteString("\n")
			for _, row := range r.rows {
				ts.WriteString(rid + "," + row + "\n")
			}
			id++
		}
	}
	writeFile(t, filepath.Join(dir, "runs.csv"), runs.String())
	if withTS {
		writeFile(t, filepath.Join(dir, "timeseries.csv"), ts.String())
	}
	writeFile(t, filepath.Join(dir, "manifest.json"), `{"scenario": "baseline", "design": {"kind": "grid"}, "replications": 2}`)
	return dir
}

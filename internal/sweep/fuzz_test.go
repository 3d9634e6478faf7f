package sweep

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dongshu/configs"
)

// FuzzCheck writes a manifest, a progress marker and a runs journal from the fuzzer's bytes and checks
// that Check never panics, and that whatever it does not refuse is consistent: a complete directory's
// files match its record, an interrupted one counts no more runs than the sweep has.
func FuzzCheck(f *testing.F) {
	man := `{"kind":"sweep","command":["dongshu-batch","sweep"],"format":"csv","runs":4,"design":{"type":"full","reps":4}}`
	f.Add(man, `{"done":1,"runs_bytes":22,"timeseries_bytes":0}`, "run_id,seed,x\n0,17,0.5\n1,2")
	f.Add(man, `{"done":1,"runs_bytes":20,"timeseries_bytes":0}`, "run_id,seed,x\n0,17,0.5\n")
	f.Add(man, `{"done":-1}`, "")
	f.Add(man, "", "run_id,seed,x\n0,17,0.5\n")
	f.Add(`{"kind":"run","runs":1,"complete":{"runs":1,"files":[{"name":"runs.csv","size":3,"sha256":"x"}]}}`, "", "abc")
	f.Add(`{"runs":2,"shard":"2/3","complete":{"runs":0,"files":[{"name":"../x","size":0}]}}`, "", "")
	f.Add(`{"runs":9223372036854775807,"shard":"1/0"}`, `{"done":5,"runs_bytes":9e99}`, "\"")
	f.Fuzz(func(t *testing.T, manifest, marker, runs string) {
		dir := t.TempDir()
		write := func(name, data string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(ManifestFile, manifest)
		if marker != "" {
			write(progressFile, marker)
		}
		write(RunsCSV, runs)
		st, err := Check(dir)
		if err != nil {
			var u UsageError
			if !errors.As(err, &u) && !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("not a UsageError: %v", err)
			}
			return
		}
		if st.Done < 0 || st.Done > st.Total || st.Total > MaxRuns {
			t.Fatalf("done %d of %d", st.Done, st.Total)
		}
		if st.Complete && len(checkFiles(dir, st.Manifest.Complete)) > 0 {
			t.Fatal("complete, but the files do not match")
		}
	})
}

// FuzzParseSet checks that any --set argument of a sweep either is refused or expands into design
// points that the baseline takes or refuses with an error, never a panic.
func FuzzParseSet(f *testing.F) {
	for _, s := range []string{
		"planner.enforcement=0,0.5,1", "planner.enforcement=0:1", "behaviour.build_options_mw=0,100;0,100,400",
		"seed=1,2", "province.guangxi.compliance=0,1", "network.ixp[1].month=2019-01,2020-01", "x=1,2", "=",
		"planner.enforcement=1:0", "planner.enforcement=,,,", "end=2021-01:2030-01",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	base, err := configs.LoadPreset("baseline")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, arg string, lhs bool) {
		fixed, fac, err := ParseSet(arg, lhs)
		if err != nil {
			return
		}
		s := base.Clone()
		if fac == nil {
			if s.Set(fixed) == nil {
				_ = s.Validate()
			}
			return
		}
		d := Design{Type: Full, Factors: []Factor{*fac}, Reps: 1, Samples: 0}
		if lhs {
			d.Type, d.Samples = LHS, 3
		}
		if err := d.Expand(); err != nil {
			return
		}
		if d.NumRuns() < 1 || d.NumRuns() > MaxRuns {
			t.Fatalf("%d runs", d.NumRuns())
		}
		for _, p := range d.Points[:min(len(d.Points), 3)] {
			c := s.Clone()
			if c.Set(fac.Key+"="+p[0]) == nil {
				_ = c.Validate()
			}
		}
	})
}

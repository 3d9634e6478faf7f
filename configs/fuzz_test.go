package configs_test

import (
	"errors"
	"testing"

	"dongshu/configs"
)

// The seed corpora are small on purpose: the fuzzer minimises every new input it finds interesting,
// and with the 60 KB baseline as a seed its workers spent whole runs minimising (15 inputs in 60 s).
// Mutations of small, shape-rich snippets reach the same code; plain go test runs them as tests.

// FuzzParse checks that Parse never panics and returns either a valid scenario or Problems.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"seed = 3\n",
		"name = \"x\"\nstart = \"2020-01\"\nend = \"2021-06\"\n",
		"[planner]\nenforcement = 0.5\nwest_share = 0.6\n",
		"[[province]]\nid = \"x\"\n",
		"[[province]]\nid = \"beijing\"\ncompliance = 0.2\nneighbours = [\"tianjin\", \"hebei\"]\n",
		"[[demand.class]]\nid = 3\n[[demand.class]]\n",
		"province = 3\nhub = [1, 2]\ncluster = [{id = \"a\", Hub = \"b\"}]\n",
		"[network]\nixp = [{province = \"beijing\", month = \"2020-1\"}]\n",
		"\xef\xbb\xbf[planner\nenforcement = 1\n",
		"a = \"\"\"\nmulti\n[[x]]\n\"\"\"\nb = [\n 1,\n 2,\n]\n",
		"[[event]]\nkind = \"outage\"\nmonth = \"2040-01\"\ntarget = \"guangdong\"\n",
		"[foo.bar]\nx = {a = {b = [1, [2, {c = 3}]]}}\n",
		"a.b.c.d.e = 1\n'q'.\"r\" = 2\n",
		"end = \"2100-12\"\n[[demand.class]]\nid = \"cold\"\ngrowth = 5\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := configs.Parse("fuzz.toml", []byte(src))
		if err != nil {
			if s != nil {
				t.Fatalf("both a scenario and an error: %v", err)
			}
			var ps configs.Problems
			if !errors.As(err, &ps) || len(ps) == 0 || err.Error() == "" {
				t.Fatalf("error is not a non-empty Problems: %v", err)
			}
			if len(ps) > configs.MaxProblems+1 {
				t.Fatalf("%d problems, more than the %d listed", len(ps), configs.MaxProblems)
			}
			return
		}
		if s == nil {
			t.Fatal("neither a scenario nor an error")
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Parse returned an invalid scenario: %v", err)
		}
		_ = s.Hash()
	})
}

// FuzzSet checks that any --set argument applied to the baseline either is refused or leaves a
// scenario that Validate judges with Problems (never a panic), as `run --set` does.
func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"planner.enforcement=0.5", "planner.enforcement=7", "seed=1,2", "end=2100-12", "start=2036-01",
		"province.guangxi.compliance=0", "province[3].compliance=0.1", "network.ixp[2].month=2019-01",
		"network.historic_hubs=beijing,shanghai", "behaviour.build_options_mw=0,100;0,100,400",
		"demand.class.cold.growth=5", "name=\"quoted\"", "=", "x", "province.nowhere.x=1", "event[0].kind=ixp",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		s, err := configs.LoadPreset("baseline")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Set(arg); err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if err := s.Validate(); err != nil {
			var ps configs.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("Validate after Set: not Problems: %v", err)
			}
		}
	})
}

package configs_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dongshu/configs"
)

// FuzzParse checks that Parse never panics and returns either a valid scenario or Problems. The seed
// corpus (run by plain go test) is the baseline and truncated or garbled variants of it.
func FuzzParse(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("presets", "baseline.toml"))
	if err != nil {
		f.Fatal(err)
	}
	base := string(data)
	f.Add(base)
	f.Add(base[:len(base)/2])
	f.Add(base[:len(base)/3])
	f.Add(base[:12345])
	f.Add(base[:len(base)-7])
	f.Add("")
	f.Add("seed = 3\n")
	f.Add("[[province]]\nid = \"x\"\n")
	f.Add("[[demand.class]]\nid = 3\n[[demand.class]]\n")
	f.Add("province = 3\nhub = [1, 2]\ncluster = [{id = \"a\", Hub = \"b\"}]\n")
	f.Add("[network]\nixp = [{province = \"beijing\", month = \"2020-1\"}]\n")
	f.Add("\xef\xbb\xbf[planner\nenforcement = 1\n")
	f.Add("a = \"\"\"\nmulti\n[[x]]\n\"\"\"\nb = [\n 1,\n 2,\n]\n")
	garbled := []byte(base)
	for i := 7; i < len(garbled); i += 97 {
		garbled[i] ^= 0x15
	}
	f.Add(string(garbled))
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

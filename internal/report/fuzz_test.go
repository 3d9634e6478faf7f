package report

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadRuns checks that report's CSV readers (runs.csv and the tidy timeseries.csv of a sweep)
// never panic: any input is read or refused with an *InputError.
func FuzzReadRuns(f *testing.F) {
	f.Add("run_id,seed,planner.enforcement,northwest_util_2022\n0,1,0.5,0.3\n1,2,1,0.4\n")
	f.Add("run_id,seed,northwest_util_2022\n0,1,NaN\n")
	f.Add("run_id,seed,seed\n0,1,1\n")
	f.Add("run_id,month,scope,utilisation\n0,2020-01,national,0.5\n0,2020-02,national,0.6\n")
	f.Add("\"a\nb\",c\n1,\"2\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(t.TempDir(), "runs.csv")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		var ie *InputError
		if _, err := ReadRuns(path); err != nil && !errors.As(err, &ie) {
			t.Fatalf("not an InputError: %v", err)
		}
		if _, err := ReadTimeseries(path, true); err != nil && !errors.As(err, &ie) {
			t.Fatalf("timeseries: not an InputError: %v", err)
		}
	})
}

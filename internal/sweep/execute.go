package sweep

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"dongshu/agents"
	"dongshu/internal/atomicfile"
)

// File names in a sweep directory.
const (
	ManifestFile   = "manifest.json"
	RunsCSV        = "runs.csv"
	TimeseriesCSV  = "timeseries.csv"
	RunsParquet    = "runs.parquet"
	TSParquet      = "timeseries.parquet"
	progressFile   = ".sweep-progress.json"
	journalPrefix  = ".journal-" // parquet sweeps journal into .journal-runs.csv, .journal-timeseries.csv
	syncEvery      = 200 * time.Millisecond
	windowPerWorkr = 4
)

// ErrInterrupted is returned when the context is cancelled before the sweep finished; the directory is
// consistent and the same command resumes it.
var ErrInterrupted = errInterrupted

// Options are the run-time choices that do not change the results.
type Options struct {
	Workers  int                           // default runtime.NumCPU()
	Progress func(done, total int)         // called after each flushed run (and once at the start)
	Notice   func(format string, a ...any) // informational messages (resuming, already complete)
}

// Result says what Execute did.
type Result struct {
	Total   int // runs in this shard
	Done    int // runs finished (including those found done when resuming)
	Resumed int // runs found done at the start
}

// progress is the journal marker: the first Done runs of the shard are on disk, in the first RunsBytes
// bytes of the runs journal and TSBytes bytes of the timeseries journal. It is written (atomically)
// after those bytes are fsync'd; anything beyond them is discarded on resume.
type progress struct {
	Done      int   `json:"done"`
	RunsBytes int64 `json:"runs_bytes"`
	TSBytes   int64 `json:"timeseries_bytes"`
}

func (sp *Spec) journalNames(dir string) (runs, ts string) {
	if sp.Format == Parquet {
		return filepath.Join(dir, journalPrefix+RunsCSV), filepath.Join(dir, journalPrefix+TimeseriesCSV)
	}
	return filepath.Join(dir, RunsCSV), filepath.Join(dir, TimeseriesCSV)
}

// Execute runs the sweep's shard into dir, or resumes it: a directory holding the manifest of another
// command, or a run, is refused (UsageError naming what differs); one holding the same command's
// journal resumes after its last flushed run, once the progress marker is checked against the journal;
// a finished one is verified against its completion record and left as it is. See state.go.
func (sp *Spec) Execute(ctx context.Context, dir string, o Options) (Result, error) {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Notice == nil {
		o.Notice = func(string, ...any) {}
	}
	ids := sp.Shard.IDs(sp.Design.NumRuns())
	res := Result{Total: len(ids)}
	man := sp.Manifest()
	pr, complete, err := sp.resume(dir, man, ids, o)
	res.Resumed, res.Done = pr.Done, pr.Done
	if err != nil || complete {
		return res, err
	}
	runsName, tsName := sp.journalNames(dir)
	rf, err := openAt(runsName, pr.RunsBytes)
	if err != nil {
		return res, err
	}
	defer rf.Close()
	var tf *os.File
	if sp.Timeseries {
		if tf, err = openAt(tsName, pr.TSBytes); err != nil {
			return res, err
		}
		defer tf.Close()
	}
	if o.Progress != nil {
		o.Progress(pr.Done, len(ids))
	}
	done, runErr := sp.pool(ctx, ids, pr, rf, tf, dir, o)
	res.Done = done
	if runErr != nil {
		return res, runErr
	}
	return res, sp.complete(dir, man, len(ids))
}

// resume finds where this sweep stands in dir: the progress to resume from (a fresh start writes the
// manifest, the journal headers and a marker at zero), or complete when dir holds this sweep finished
// and verified (its progress then counts every run). Another sweep's or a run's directory, a journal
// without its marker and a marker that does not match its journal are errors.
func (sp *Spec) resume(dir string, man Manifest, ids []int, o Options) (pr progress, complete bool, err error) {
	runsName, tsName := sp.journalNames(dir)
	rh, th := sp.RunsHeader(), ""
	if sp.Timeseries {
		th = sp.TimeseriesHeader()
	}
	old, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
		// A fresh start: the manifest (without a completion record), the journal headers, then the
		// progress marker. A directory holding outputs without a manifest is someone else's: refused.
		if found := ForeignFiles(dir); len(found) > 0 {
			return pr, false, usagef("%s holds %s but no %s: not this sweep's directory; use another --out",
				dir, strings.Join(found, ", "), ManifestFile)
		}
		manBytes, err := marshalManifest(man)
		if err != nil {
			return pr, false, err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return pr, false, err
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, ManifestFile), manBytes); err != nil {
			return pr, false, err
		}
		pr, err = sp.startJournals(dir, rh, th)
		return pr, false, err
	case err != nil:
		return pr, false, err
	}
	var om Manifest
	if err := json.Unmarshal(old, &om); err != nil {
		return pr, false, usagef("%s: not a sweep manifest (%v); choose another --out", filepath.Join(dir, ManifestFile), err)
	}
	if om.kind() != KindSweep {
		return pr, false, usagef("%s holds a %s, not a sweep; use another --out", dir, om.kind())
	}
	if d := diff(man, om); len(d) > 0 {
		return pr, false, usagef("%s holds a different sweep: %s; use another --out (or delete the directory)",
			dir, strings.Join(d, "; "))
	}
	if om.Complete != nil {
		st, err := Check(dir)
		if err != nil {
			return pr, false, usagef("%s holds this sweep, marked complete, but it does not verify:\n%v\ndelete the directory and run the sweep again", dir, err)
		}
		// The marker goes after the completion record: a crash in between leaves it behind.
		os.Remove(filepath.Join(dir, progressFile))
		if sp.Format == Parquet {
			os.Remove(runsName)
			os.Remove(tsName)
		}
		o.Notice("%s: the sweep is already complete (%d runs, every file matches its checksum)", dir, st.Done)
		return progress{Done: st.Done}, true, nil
	}
	p, err := readProgress(dir)
	if err != nil {
		return pr, false, err
	}
	if p == nil {
		if rows, err := journalRows(runsName); err != nil || rows > 0 {
			return pr, false, notCompleteNoMarker(dir, om)
		}
		// Stopped before its first row: start again.
		pr, err = sp.startJournals(dir, rh, th)
		return pr, false, err
	}
	ts := ""
	if sp.Timeseries {
		ts = tsName
	}
	if err := checkJournals(runsName, ts, *p, len(ids), ids, rh, th); err != nil {
		return pr, false, err
	}
	if p.Done > 0 {
		o.Notice("resuming %s: %d of %d runs already done", dir, p.Done, len(ids))
	}
	return *p, false, nil
}

// complete finishes a sweep whose runs are all on disk: the Parquet files if asked, then the completion
// record in the manifest, then the progress marker goes (state.go).
func (sp *Spec) complete(dir string, man Manifest, runs int) error {
	runsName, tsName := sp.journalNames(dir)
	if sp.Format == Parquet {
		if err := sp.toParquet(dir, runsName, tsName); err != nil {
			return err
		}
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if err := writeComplete(dir, man, runs); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, progressFile)); err != nil {
		return err
	}
	if sp.Format == Parquet {
		os.Remove(runsName)
		os.Remove(tsName)
	}
	return syncDir(dir)
}

// startJournals writes the journal headers and a progress marker at zero runs.
func (sp *Spec) startJournals(dir, rh, th string) (progress, error) {
	runsName, tsName := sp.journalNames(dir)
	if err := writeSynced(runsName, []byte(rh)); err != nil {
		return progress{}, err
	}
	if sp.Timeseries {
		if err := writeSynced(tsName, []byte(th)); err != nil {
			return progress{}, err
		}
	}
	pr := progress{RunsBytes: int64(len(rh)), TSBytes: int64(len(th))}
	return pr, writeProgress(dir, pr)
}

// journalRows counts the complete rows after the header of a journal (0 when it does not exist).
func journalRows(name string) (int, error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return max(bytes.Count(b, []byte{'\n'})-1, 0), nil
}

type result struct {
	idx     int
	row, ts []byte
	err     error
}

// pool runs ids[pr.Done:] on o.Workers workers and appends the results in id order.
func (sp *Spec) pool(ctx context.Context, ids []int, pr progress, rf, tf *os.File, dir string, o Options) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// At most window runs computed but not yet written: a token per run in flight.
	tokens := make(chan struct{}, o.Workers*windowPerWorkr)
	results := sp.startRuns(ctx, ids, pr.Done, tokens, o.Workers)
	j := newJournal(dir, pr, rf, tf)
	pending := map[int]result{}
	var firstErr error
	fail := func(err error) {
		if firstErr == nil {
			firstErr = err
			cancel()
		}
	}
	for r := range results {
		if r.err != nil {
			fail(r.err)
			continue
		}
		if firstErr != nil {
			continue
		}
		pending[r.idx] = r
		for p, ok := pending[j.pr.Done]; ok; p, ok = pending[j.pr.Done] {
			delete(pending, p.idx)
			j.append(p)
			<-tokens
			if o.Progress != nil {
				o.Progress(j.pr.Done, len(ids))
			}
		}
		if time.Since(j.lastSync) >= syncEvery || j.pr.Done == len(ids) {
			if err := j.sync(); err != nil {
				fail(err)
			}
		}
	}
	if err := j.sync(); err != nil {
		fail(err)
	}
	next := j.pr.Done
	if firstErr != nil {
		return next, firstErr
	}
	if next < len(ids) {
		return next, fmt.Errorf("%w after %d of %d runs", ErrInterrupted, next, len(ids))
	}
	return next, nil
}

// startRuns runs ids[from:] on workers goroutines, each run once it holds a token, and returns their
// results (in any order; closed once every worker has stopped).
func (sp *Spec) startRuns(ctx context.Context, ids []int, from int, tokens chan struct{}, workers int) <-chan result {
	jobs := make(chan int)
	results := make(chan result, cap(tokens))
	go func() { // dispatcher
		defer close(jobs)
		for idx := from; idx < len(ids); idx++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- idx:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			memo := agents.NewWorkerMemo() // the worker's own: a memo is not for concurrent use
			for idx := range jobs {
				if ctx.Err() != nil {
					continue
				}
				row, ts, err := sp.runOne(ids[idx], memo)
				results <- result{idx, row, ts, err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	return results
}

// journal appends runs' rows to the journals in id order and syncs them with the progress marker.
type journal struct {
	dir         string
	rf, tf      *os.File
	rw, tw      *bufio.Writer
	pr, written progress // appended so far; on disk with its marker
	lastSync    time.Time
}

func newJournal(dir string, pr progress, rf, tf *os.File) *journal {
	j := &journal{dir: dir, rf: rf, tf: tf, rw: bufio.NewWriterSize(rf, 1<<16), pr: pr, written: pr, lastSync: time.Now()}
	if tf != nil {
		j.tw = bufio.NewWriterSize(tf, 1<<20)
	}
	return j
}

// append writes the next run's rows (errors surface at the next sync's flush).
func (j *journal) append(r result) {
	if j.tw != nil {
		j.tw.Write(r.ts)
		j.pr.TSBytes += int64(len(r.ts))
	}
	j.rw.Write(r.row)
	j.pr.RunsBytes += int64(len(r.row))
	j.pr.Done++
}

// sync puts the rows appended on disk, then the progress marker that counts them.
func (j *journal) sync() error {
	if j.pr.Done == j.written.Done {
		return nil
	}
	if err := j.rw.Flush(); err != nil {
		return err
	}
	if j.tw != nil {
		if err := j.tw.Flush(); err != nil {
			return err
		}
		if err := j.tf.Sync(); err != nil {
			return err
		}
	}
	if err := j.rf.Sync(); err != nil {
		return err
	}
	if err := writeProgress(j.dir, j.pr); err != nil {
		return err
	}
	j.written = j.pr
	j.lastSync = time.Now()
	return nil
}

// openAt opens a journal file for appending at size, discarding anything after it (a torn last row or
// rows written after the last progress marker).
func openAt(name string, size int64) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.Size() < size {
		f.Close()
		return nil, fmt.Errorf("%s: shorter (%d bytes) than its progress marker says (%d); delete the directory and start again", name, st.Size(), size)
	}
	if err := f.Truncate(size); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(size, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func writeProgress(dir string, pr progress) error {
	b, _ := json.Marshal(pr)
	return atomicfile.WriteFile(filepath.Join(dir, progressFile), b)
}

func marshalManifest(m Manifest) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeSynced(name string, data []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	d.Sync() // best effort: not every file system syncs directories
	return nil
}

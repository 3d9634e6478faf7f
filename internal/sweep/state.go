package sweep

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dongshu/internal/atomicfile"
)

// A directory knows its own state. manifest.json is written first, without a completion record; the
// journal files then grow under the progress marker (.sweep-progress.json: how many runs, and how many
// bytes of each journal, are flushed); when the last run is on disk the manifest is rewritten with a
// completion record — the number of runs and the size and SHA-256 of every output file — and only then
// is the marker removed. So "complete" means: the manifest has its completion record and every file
// still has the recorded size and hash. Anything else — a missing marker without a completion record,
// a marker that does not fall on the rows it counts, a file shorter, longer or edited — is named and
// refused, never taken for a finished sweep.

// Kinds of directories the batch runner writes.
const (
	KindSweep = "sweep" // runs.csv or runs.parquet, optional timeseries, manifest.json
	KindRun   = "run"   // one run: timeseries.csv, summary.json, events.csv, manifest.json
)

// FileSum is an output file's size and SHA-256 in a completion record.
type FileSum struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Completion is the record a finished directory's manifest holds.
type Completion struct {
	Runs  int       `json:"runs"` // rows of runs.csv (runs in a run directory: 1)
	Files []FileSum `json:"files"`
}

// Sum computes the FileSum of dir/name.
func Sum(dir, name string) (FileSum, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return FileSum{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileSum{}, err
	}
	return FileSum{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// writeComplete writes m as dir's manifest with the completion record of its output files, which hold
// runs runs (atomically: the record is the last thing a sweep writes).
func writeComplete(dir string, m Manifest, runs int) error {
	c, err := Record(dir, runs, outputNames(m))
	if err != nil {
		return err
	}
	m.Complete = c
	b, err := marshalManifest(m)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, ManifestFile), b)
}

// Record computes the completion record of the named files.
func Record(dir string, runs int, names []string) (*Completion, error) {
	c := &Completion{Runs: runs}
	for _, n := range names {
		s, err := Sum(dir, n)
		if err != nil {
			return nil, err
		}
		c.Files = append(c.Files, s)
	}
	return c, nil
}

// checkFiles compares the files of a completion record with the disk; it returns one problem per file
// that differs, naming it and how.
func checkFiles(dir string, c *Completion) []string {
	var probs []string
	for _, want := range c.Files {
		name := filepath.Join(dir, want.Name)
		if want.Name == "" || strings.ContainsAny(want.Name, `/\`) || strings.HasPrefix(want.Name, ".") {
			probs = append(probs, fmt.Sprintf("%s: the completion record names a bad file %q", filepath.Join(dir, ManifestFile), want.Name))
			continue
		}
		st, err := os.Stat(name)
		switch {
		case errors.Is(err, os.ErrNotExist):
			probs = append(probs, fmt.Sprintf("%s: missing (the manifest records %d bytes)", name, want.Size))
			continue
		case err != nil:
			probs = append(probs, fmt.Sprintf("%s: %v", name, err))
			continue
		case st.Size() != want.Size:
			probs = append(probs, fmt.Sprintf("%s: %d bytes, the manifest records %d (%s)", name, st.Size(), want.Size,
				map[bool]string{true: "truncated", false: "grown"}[st.Size() < want.Size]))
			continue
		}
		got, err := Sum(dir, want.Name)
		if err != nil {
			probs = append(probs, fmt.Sprintf("%s: %v", name, err))
		} else if got.SHA256 != want.SHA256 {
			probs = append(probs, fmt.Sprintf("%s: content differs from the manifest's checksum (sha256 %s, recorded %s): edited or damaged",
				name, short(got.SHA256), short(want.SHA256)))
		}
	}
	return probs
}

// outputNames lists the output files of a sweep manifest.
func outputNames(m Manifest) []string {
	names := []string{RunsCSV, TimeseriesCSV}
	if m.Format == Parquet {
		names = []string{RunsParquet, TSParquet}
	}
	if !m.Timeseries {
		names = names[:1]
	}
	return names
}

// State is what Check found in a directory.
type State struct {
	Kind     string // KindSweep or KindRun
	Manifest Manifest
	Complete bool // the completion record holds and every file matches it
	Done     int  // runs on disk (the marker's count when interrupted)
	Total    int  // runs of the sweep (or shard)
}

// Check reads dir's manifest and verifies the directory against it: a complete directory's files
// against its completion record; an interrupted sweep's journal against its progress marker. It
// returns the state and, when something is wrong, a UsageError listing every problem, each naming the
// file and what differs.
func Check(dir string) (State, error) {
	var st State
	m, err := ReadManifest(dir)
	if errors.Is(err, os.ErrNotExist) {
		if found := ForeignFiles(dir); len(found) > 0 {
			return st, usagef("%s: no %s beside %s: not a complete dongshu output directory", dir, ManifestFile, strings.Join(found, ", "))
		}
		return st, usagef("%s: no %s: not a dongshu output directory", dir, ManifestFile)
	}
	if err != nil {
		return st, UsageError{err}
	}
	st.Manifest, st.Kind = m, m.kind()
	mf := filepath.Join(dir, ManifestFile)
	switch st.Kind {
	case KindRun:
		st.Total = 1
	case KindSweep:
		if m.Runs < 0 || m.Runs > MaxRuns {
			return st, usagef("%s: runs %d out of range [0,%d]", mf, m.Runs, MaxRuns)
		}
		st.Total = m.Runs
		if m.Shard != "" {
			sh, err := ParseShard(m.Shard)
			if err != nil {
				return st, usagef("%s: shard: %v", mf, err)
			}
			st.Total = sh.count(m.Runs)
		}
	default:
		return st, usagef("%s: unknown kind %q (want %s or %s)", mf, m.Kind, KindRun, KindSweep)
	}
	if m.Complete != nil {
		var probs []string
		if m.Complete.Runs != st.Total {
			probs = append(probs, fmt.Sprintf("%s: the completion record counts %d runs, the %s has %d", mf, m.Complete.Runs, st.Kind, st.Total))
		}
		probs = append(probs, checkFiles(dir, m.Complete)...)
		if len(probs) > 0 {
			return st, UsageError{errors.New(strings.Join(probs, "\n"))}
		}
		st.Complete, st.Done = true, st.Total
		return st, nil
	}
	if st.Kind == KindRun {
		return st, usagef("%s: the run was not completed (no completion record): run it again", mf)
	}
	pr, err := readProgress(dir)
	if err != nil {
		return st, err
	}
	if pr == nil {
		return st, notCompleteNoMarker(dir, m)
	}
	runs, ts := journalNamesOf(dir, m.Format)
	if !m.Timeseries {
		ts = ""
	}
	if err := checkJournals(runs, ts, *pr, st.Total, nil, "", ""); err != nil {
		return st, err
	}
	st.Done = pr.Done
	return st, nil
}

// kind is the manifest's kind; manifests written before kinds existed are sweeps.
func (m Manifest) kind() string {
	if m.Kind == "" {
		return KindSweep
	}
	return m.Kind
}

// ForeignFiles lists the files in dir that belong to a sweep or a run (to refuse writing over them).
func ForeignFiles(dir string) []string {
	var found []string
	for _, n := range []string{RunsCSV, TimeseriesCSV, RunsParquet, TSParquet, "summary.json", "events.csv", progressFile} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			found = append(found, n)
		}
	}
	return found
}

// notCompleteNoMarker explains an interrupted sweep whose progress marker is gone.
func notCompleteNoMarker(dir string, m Manifest) error {
	runs, _ := journalNamesOf(dir, m.Format)
	rows := -1
	if b, err := os.ReadFile(runs); err == nil {
		rows = max(bytes.Count(b, []byte{'\n'})-1, 0)
	}
	what := ""
	if rows >= 0 {
		what = fmt.Sprintf(" (%s holds %d rows of %d)", filepath.Base(runs), rows, m.Runs)
	}
	return usagef("%s: the sweep is not complete: the manifest has no completion record and the progress marker %s is missing%s, so the rows on disk cannot be trusted; delete the directory and run the sweep again",
		dir, progressFile, what)
}

func journalNamesOf(dir string, format Format) (runs, ts string) {
	if format == Parquet {
		return filepath.Join(dir, journalPrefix+RunsCSV), filepath.Join(dir, journalPrefix+TimeseriesCSV)
	}
	return filepath.Join(dir, RunsCSV), filepath.Join(dir, TimeseriesCSV)
}

// readProgress reads the progress marker; nil when there is none.
func readProgress(dir string) (*progress, error) {
	name := filepath.Join(dir, progressFile)
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var pr progress
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pr); err != nil {
		return nil, usagef("%s: corrupt progress marker (%v); delete the directory and start again", name, err)
	}
	if pr.Done < 0 || pr.RunsBytes < 0 || pr.TSBytes < 0 {
		return nil, usagef("%s: corrupt progress marker (negative count); delete the directory and start again", name)
	}
	return &pr, nil
}

// checkJournals verifies that the progress marker falls on the rows it counts: each journal's first
// bytes up to the marker are its header (equal to the expected one when given) and whole lines, the
// runs journal holds exactly pr.Done rows whose run ids are the shard's first pr.Done ids in order
// (ids nil: any increasing ids), and the timeseries journal's run ids are those same runs, in order.
// The bytes after the marker (rows written after the last flush) are not looked at: resuming discards
// them.
func checkJournals(runsName, tsName string, pr progress, total int, ids []int, runsHeader, tsHeader string) error {
	bad := func(name, format string, a ...any) error {
		return usagef("%s: the progress marker %s does not match the journal: %s; delete the directory and start again",
			name, progressFile, fmt.Sprintf(format, a...))
	}
	if pr.Done > total {
		return bad(runsName, "it counts %d runs, the sweep has %d", pr.Done, total)
	}
	scan := func(name string, size int64, header string, wantRows int, ts bool) error {
		f, err := os.Open(name)
		if err != nil {
			return UsageError{fmt.Errorf("%s: %w (the progress marker says %d bytes are written)", name, err, size)}
		}
		defer f.Close()
		if st, err := f.Stat(); err != nil {
			return err
		} else if st.Size() < size {
			return bad(name, "the file has %d bytes, fewer than the %d the marker counts", st.Size(), size)
		}
		r := bufio.NewReaderSize(io.LimitReader(f, size), 1<<20)
		h, err := r.ReadString('\n')
		if err != nil {
			return bad(name, "the marker (%d bytes) ends inside the header", size)
		}
		if header != "" && h != header {
			return bad(name, "the header differs from this sweep's")
		}
		cols := strings.Count(h, ",")
		rows, lastID, seen := 0, -1, 0
		for {
			l, err := r.ReadBytes('\n')
			if len(l) == 0 && err == io.EOF {
				break
			}
			if err != nil {
				return bad(name, "the marker (%d bytes) ends inside a row", size)
			}
			rows++
			f, _, _ := bytes.Cut(l, []byte{','})
			id, perr := strconv.Atoi(string(f))
			if perr != nil || id < 0 {
				return bad(name, "row %d has no run id (%q)", rows, clip(f))
			}
			if !ts && !bytes.Contains(l, []byte{'"'}) && bytes.Count(l, []byte{','}) != cols {
				return bad(name, "row %d has %d fields, the header %d", rows, bytes.Count(l, []byte{','})+1, cols+1)
			}
			if id != lastID {
				if id < lastID {
					return bad(name, "run %d comes after run %d", id, lastID)
				}
				if ids != nil && (seen >= len(ids) || ids[seen] != id) {
					return bad(name, "run %d is not the next run of this sweep", id)
				}
				seen++
				lastID = id
			} else if !ts {
				return bad(name, "run %d has two rows", id)
			}
		}
		if seen != wantRows {
			return bad(name, "it counts %d runs, the journal holds %d up to the marker", wantRows, seen)
		}
		return nil
	}
	if err := scan(runsName, pr.RunsBytes, runsHeader, pr.Done, false); err != nil {
		return err
	}
	if tsName != "" {
		if err := scan(tsName, pr.TSBytes, tsHeader, pr.Done, true); err != nil {
			return err
		}
	}
	return nil
}

func clip(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "..."
	}
	return string(b)
}

// count is the number of run ids of total in the shard (all of them for the zero Shard).
func (s Shard) count(total int) int {
	if s.N == 0 {
		return total
	}
	if total < s.I {
		return 0
	}
	return (total-s.I)/s.N + 1
}

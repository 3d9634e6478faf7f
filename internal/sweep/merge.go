package sweep

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dongshu/internal/atomicfile"

	"github.com/parquet-go/parquet-go"
)

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	return m, nil
}

// Merge merges the directories of the n shards of one sweep into out, writing the files a single
// machine would have written (the manifest without its shard field). The shards' manifests must agree
// on everything but the shard, every shard must be finished, and together they must hold every run id
// exactly once. Problems with the inputs are UsageErrors.
func Merge(dirs []string, out string) error {
	if len(dirs) == 0 {
		return usagef("merge: no shard directories given")
	}
	base, err := sameSweep(dirs)
	if err != nil {
		return err
	}
	if err := newOutDir(out); err != nil {
		return err
	}
	names := outputNames(base)
	if err := mergeOutputs(dirs, out, names, base); err != nil {
		return err
	}
	return writeComplete(out, base, base.Runs)
}

// sameSweep checks that dirs are the finished shards, each once and none missing, of one sweep, and
// returns that sweep's manifest as a single machine would have written it (no shard, not yet complete).
func sameSweep(dirs []string) (Manifest, error) {
	var base Manifest
	var baseBytes []byte
	seen := map[int]string{}
	n := 0
	for i, d := range dirs {
		m, sh, err := shardManifest(d)
		if err != nil {
			return base, err
		}
		if prev, dup := seen[sh.I]; dup {
			return base, usagef("merge: %s and %s are both shard %s", prev, d, m.Shard)
		}
		seen[sh.I] = d
		m.Shard = ""
		mb, _ := marshalManifest(m)
		if i == 0 {
			base, baseBytes, n = m, mb, sh.N
			continue
		}
		if sh.N != n {
			return base, usagef("merge: %s is shard %d/%d, %s is one of %d shards", d, sh.I, sh.N, dirs[0], n)
		}
		if !bytes.Equal(mb, baseBytes) {
			what := diff(m, base)
			if len(what) == 0 {
				what = []string{"manifest"}
			}
			return base, usagef("merge: %s and %s are not shards of the same sweep: %s differs", d, dirs[0], strings.Join(what, "; "))
		}
	}
	if len(seen) != n {
		var missing []string
		for i := 1; i <= n; i++ {
			if seen[i] == "" {
				missing = append(missing, fmt.Sprintf("%d/%d", i, n))
			}
		}
		return base, usagef("merge: missing shard(s) %s", strings.Join(missing, ", "))
	}
	return base, nil
}

// shardManifest reads the manifest of the finished sweep shard in d (its completion record cleared) and
// which shard it is.
func shardManifest(d string) (Manifest, Shard, error) {
	st, err := Check(d)
	if err != nil {
		return Manifest{}, Shard{}, usagef("merge: %v", err)
	}
	m := st.Manifest
	if st.Kind != KindSweep {
		return m, Shard{}, usagef("merge: %s holds a %s, not a sweep shard", d, st.Kind)
	}
	if !st.Complete {
		return m, Shard{}, usagef("merge: %s is not finished: %d of %d runs (re-run its sweep command to complete it)", d, st.Done, st.Total)
	}
	m.Complete = nil
	sh, err := ParseShard(m.Shard)
	if m.Shard == "" || err != nil {
		return m, Shard{}, usagef("merge: %s is not a shard (its manifest has no shard i/n)", d)
	}
	return m, sh, nil
}

// newOutDir makes out, which must hold no sweep, run or other files the merge would mix with.
func newOutDir(out string) error {
	if _, err := os.Stat(filepath.Join(out, ManifestFile)); err == nil {
		return usagef("merge: %s already holds a sweep or a run; choose another --out", out)
	}
	if found := ForeignFiles(out); len(found) > 0 {
		return usagef("merge: %s holds %s; choose another --out", out, strings.Join(found, ", "))
	}
	return os.MkdirAll(out, 0o755)
}

// mergeOutputs merges each output file of the shards in dirs into out, in run id order.
func mergeOutputs(dirs []string, out string, names []string, base Manifest) error {
	for _, name := range names {
		var in []string
		for _, d := range dirs {
			in = append(in, filepath.Join(d, name))
		}
		var err error
		if base.Format == Parquet {
			keep := 0
			if name == TSParquet {
				keep = base.KeepBits // the rows are rounded already; the columns keep their encoding
			}
			err = mergeParquet(in, filepath.Join(out, name), base.Runs, keep)
		} else {
			err = mergeCSV(in, filepath.Join(out, name), base.Runs)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

type lineSource struct {
	name string
	r    *bufio.Reader
	line []byte
	id   int
	eof  bool
}

func (s *lineSource) advance() error {
	l, err := s.r.ReadBytes('\n')
	if err == io.EOF && len(l) == 0 {
		s.eof = true
		return nil
	}
	if err != nil && err != io.EOF {
		return err
	}
	if err == io.EOF {
		return usagef("merge: %s: the last line is incomplete", s.name)
	}
	f, _, _ := bytes.Cut(l, []byte(","))
	id, perr := strconv.Atoi(string(f))
	if perr != nil {
		return usagef("merge: %s: bad run id %q", s.name, f)
	}
	s.line, s.id = l, id
	return nil
}

func mergeCSV(in []string, out string, runs int) error {
	srcs := make([]*lineSource, len(in))
	var header []byte
	for i, name := range in {
		f, err := os.Open(name)
		if err != nil {
			return UsageError{fmt.Errorf("merge: %w", err)}
		}
		defer f.Close()
		s := &lineSource{name: name, r: bufio.NewReaderSize(f, 1<<16)}
		h, err := s.r.ReadBytes('\n')
		if err != nil {
			return usagef("merge: %s: no header", name)
		}
		if i == 0 {
			header = h
		} else if !bytes.Equal(h, header) {
			return usagef("merge: %s and %s have different headers", name, in[0])
		}
		if err := s.advance(); err != nil {
			return err
		}
		srcs[i] = s
	}
	tmp, err := atomicfile.Create(out)
	if err != nil {
		return err
	}
	defer tmp.Abort()
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.Write(header)
	for next := 0; next < runs; next++ {
		var src *lineSource
		for _, s := range srcs {
			if !s.eof && s.id == next {
				if src != nil {
					return usagef("merge: run %d is in both %s and %s", next, src.name, s.name)
				}
				src = s
			}
		}
		if src == nil {
			return usagef("merge: run %d is in none of the shards", next)
		}
		for !src.eof && src.id == next {
			w.Write(src.line)
			if err := src.advance(); err != nil {
				return err
			}
		}
	}
	for _, s := range srcs {
		if !s.eof {
			return usagef("merge: %s: unexpected run %d (the sweep has %d runs)", s.name, s.id, runs)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return tmp.Commit()
}

// rowSource reads a parquet file's rows, grouped by run id (column 0).
type rowSource struct {
	name string
	r    *parquet.Reader
	buf  []parquet.Row
	pos  int
	eof  bool
}

func (s *rowSource) peek() (parquet.Row, error) {
	for s.pos >= len(s.buf) {
		if s.eof {
			return nil, nil
		}
		s.buf = s.buf[:cap(s.buf)]
		n, err := s.r.ReadRows(s.buf)
		s.buf, s.pos = s.buf[:n], 0
		if errors.Is(err, io.EOF) {
			s.eof = true
		} else if err != nil {
			return nil, fmt.Errorf("merge: %s: %w", s.name, err)
		}
	}
	return s.buf[s.pos], nil
}

func mergeParquet(in []string, out string, runs, keep int) error {
	srcs := make([]*rowSource, len(in))
	var cols []pcol
	for i, name := range in {
		f, err := os.Open(name)
		if err != nil {
			return UsageError{fmt.Errorf("merge: %w", err)}
		}
		defer f.Close()
		r := parquet.NewReader(f)
		defer r.Close()
		c := columnsOf(r.Schema())
		if i == 0 {
			cols = c
		} else if fmt.Sprint(c) != fmt.Sprint(cols) {
			return usagef("merge: %s and %s have different columns", name, in[0])
		}
		srcs[i] = &rowSource{name: name, r: r, buf: make([]parquet.Row, 0, 1024)}
	}
	sink, err := newSink(out, roundMetrics(cols, keep))
	if err != nil {
		return err
	}
	defer sink.abort()
	idOf := func(r parquet.Row) int { return int(r[0].Int64()) }
	for next := 0; next < runs; next++ {
		var src *rowSource
		for _, s := range srcs {
			r, err := s.peek()
			if err != nil {
				return err
			}
			if r != nil && idOf(r) == next {
				if src != nil {
					return usagef("merge: run %d is in both %s and %s", next, src.name, s.name)
				}
				src = s
			}
		}
		if src == nil {
			return usagef("merge: run %d is in none of the shards", next)
		}
		for {
			r, err := src.peek()
			if err != nil {
				return err
			}
			if r == nil || idOf(r) != next {
				break
			}
			if _, err := sink.w.WriteRows([]parquet.Row{r}); err != nil {
				return err
			}
			src.pos++
		}
	}
	for _, s := range srcs {
		if r, _ := s.peek(); r != nil {
			return usagef("merge: %s: unexpected run %d (the sweep has %d runs)", s.name, idOf(r), runs)
		}
	}
	return sink.commit()
}

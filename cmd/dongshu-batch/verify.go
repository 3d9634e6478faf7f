package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"dongshu/internal/sweep"
)

// verifyCmd checks output directories against their manifests and says what is wrong.
func verifyCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch verify DIR...\n\n"+
			"Checks run and sweep directories against their manifest.json: a complete directory's files against\n"+
			"the sizes and SHA-256 sums its completion record holds; an interrupted sweep's journal against its\n"+
			"progress marker. Prints one line per directory, and every problem found.\n"+
			"Exit status 0 when every directory is complete and verified, 1 when one is an interrupted sweep\n"+
			"that its command can resume, 2 when one is damaged, foreign or not an output directory.\n")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("verify: no directory given")
	}
	bad, partial := 0, 0
	for _, dir := range fs.Args() {
		st, err := sweep.Check(dir)
		switch {
		case err != nil:
			bad++
			fmt.Fprintf(stdout, "%s: DAMAGED\n  %s\n", dir, strings.ReplaceAll(err.Error(), "\n", "\n  "))
		case st.Complete:
			var names []string
			for _, f := range st.Manifest.Complete.Files {
				names = append(names, f.Name)
			}
			fmt.Fprintf(stdout, "%s: complete %s, %d runs; %s match their checksums\n", dir, st.Kind, st.Done, strings.Join(names, ", "))
		default:
			partial++
			fmt.Fprintf(stdout, "%s: interrupted sweep, %d of %d runs on disk and consistent; run its sweep command again to finish it\n",
				dir, st.Done, st.Total)
		}
	}
	switch {
	case bad > 0:
		return usagef("verify: %d of %d directories damaged or foreign", bad, fs.NArg())
	case partial > 0:
		return fmt.Errorf("verify: %d of %d directories not complete", partial, fs.NArg())
	}
	return nil
}

// checkComplete refuses a directory holding a manifest that does not verify, or a sweep that is not
// finished; a directory without a dongshu manifest (hand-made files: no manifest, or one that records
// no command) passes unverified.
func checkComplete(cmd, dir string) error {
	m, err := sweep.ReadManifest(dir)
	if errors.Is(err, os.ErrNotExist) || err == nil && m.Kind == "" && len(m.Command) == 0 {
		return nil
	}
	st, err := sweep.Check(dir)
	if err != nil {
		return usagef("%s: %s does not verify:\n%v", cmd, dir, err)
	}
	if !st.Complete {
		return usagef("%s: %s is an interrupted sweep (%d of %d runs); run its sweep command again to finish it", cmd, dir, st.Done, st.Total)
	}
	return nil
}

// checkRunDir refuses to write a run into a directory that holds a sweep (its files would be replaced).
func checkRunDir(dir string) error {
	m, err := sweep.ReadManifest(dir)
	switch {
	case err == nil && m.Kind == sweep.KindRun:
		return nil
	case err == nil:
		return usagef("run: %s holds a sweep (%s); a run would replace its files: use another --out", dir, sweep.ManifestFile)
	case !errors.Is(err, os.ErrNotExist):
		return usagef("run: %s: %v; use another --out", dir, err)
	}
	for _, n := range sweep.ForeignFiles(dir) {
		switch n {
		case "timeseries.csv", "summary.json", "events.csv": // a run written before runs had a manifest
		default:
			return usagef("run: %s holds %s, part of a sweep; a run would mix with it: use another --out", dir, n)
		}
	}
	return nil
}

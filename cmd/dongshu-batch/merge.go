package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"dongshu/internal/sweep"
)

// mergeCmd merges the output directories of the shards of one sweep.
func mergeCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "output `DIR` (required)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch merge --out DIR SHARD_DIR...\n\n"+
			"Checks that the shard directories are the finished shards 1/n..n/n of one sweep (same manifest but\n"+
			"for the shard) and writes the files a single-machine sweep would have written.\n\n")
		fs.PrintDefaults()
	}
	// Accept --out before or after the directories.
	var dirs []string
	rest := args
	for {
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		dirs = append(dirs, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *out == "" || len(dirs) == 0 {
		return usagef("merge: want --out DIR and at least one shard directory")
	}
	if err := sweep.Merge(dirs, *out); err != nil {
		var u sweep.UsageError
		if errors.As(err, &u) {
			return usageError{err}
		}
		return fmt.Errorf("merge: %w", err)
	}
	fmt.Fprintf(stdout, "merged %d shards -> %s\n", len(dirs), *out)
	return nil
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"dongshu/internal/report"
)

// reportCmd draws the charts and index.html for a run or sweep directory.
func reportCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "output `DIR` (default DIR/report)")
	lang := fs.String("lang", "en", "language of the charts and page: "+strings.Join(report.Languages, " or "))
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: dongshu-batch report DIR [--out DIR2] [--lang en|fr]

Reads a run directory (timeseries.csv, summary.json) or a sweep directory (runs.csv, optional
timeseries.csv and manifest.json) and writes PNG charts and a self-contained index.html to DIR2, in
English or French (--lang).

`)
		fs.PrintDefaults()
	}
	// Flags may come before or after DIR.
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return errHelp
			}
			return usagef("report: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	switch len(pos) {
	case 0:
		fs.Usage()
		return usagef("report: no directory given")
	case 1:
	default:
		return usagef("report: unexpected argument %q", pos[1])
	}
	if !slices.Contains(report.Languages, *lang) {
		return usagef("report: --lang %q: want %s", *lang, strings.Join(report.Languages, " or "))
	}
	dir := pos[0]
	if err := checkComplete("report", dir); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(dir, "report")
	}
	sum, err := report.GenerateLang(dir, *out, *lang)
	if err != nil {
		var ie *report.InputError
		if errors.As(err, &ie) {
			return usagef("report: %v", err)
		}
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(stdout, "%s (%s, %d runs, %d design points): %d files -> %s\n",
		sum.Title, sum.Kind, sum.Runs, sum.DesignPoints, len(sum.Files), filepath.Join(*out, "index.html"))
	return nil
}

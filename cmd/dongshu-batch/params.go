package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"dongshu/configs"
)

// paramJSON is one entry of `params --json`.
type paramJSON struct {
	Key     string `json:"key"`
	Default string `json:"default"`
	Unit    string `json:"unit"`
	Range   string `json:"range"`
}

// paramsCmd lists every scenario key with its baseline default, unit and range.
func paramsCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("params", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print a JSON array of {key, default, unit, range}")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch params [--json]\n\n"+
			"Lists every scenario key (as --set takes it) with its unit, valid range and baseline default.\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("params: unexpected argument %q", fs.Arg(0))
	}
	ps := configs.Params()
	if *asJSON {
		out := make([]paramJSON, len(ps))
		for i, p := range ps {
			out[i] = paramJSON{p.Key, p.Default, p.Unit, p.Range}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tUNIT\tRANGE\tDEFAULT")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Key, p.Unit, p.Range, p.Default)
	}
	return tw.Flush()
}

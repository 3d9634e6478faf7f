package main

import (
	"flag"
	"fmt"
	"io"

	"dongshu/configs"
	"dongshu/economy"
)

// validateCmd checks scenario files and prints every problem.
func validateCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dongshu-batch validate FILE...\n\n"+
			"Loads and validates scenario files; prints every problem (file, line, key), or `ok FILE`.\n"+
			"Exit status 2 when any file is invalid.\n")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("validate: no scenario file given")
	}
	bad := 0
	for _, name := range fs.Args() {
		s, err := configs.Load(name)
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			err = economy.CheckScenario(s)
		}
		if err != nil {
			bad++
			fmt.Fprintln(stdout, err)
			continue
		}
		fmt.Fprintf(stdout, "ok %s\n", name)
	}
	if bad > 0 {
		return usagef("validate: %d of %d files invalid", bad, fs.NArg())
	}
	return nil
}

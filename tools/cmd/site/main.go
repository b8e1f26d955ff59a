// Command site checks, builds and previews the bilingual publication site,
// and writes skeletons of new content for editors.
//
// Every command runs in the site's root folder (or the one given with
// --source) and reads what editors write:
//
//	data/timelines/<id>.toml       one chronology, its texts in English and French
//	data/actors.toml               the organisations events name
//	data/mitigations.toml          mitigation measures (guidance pages)
//	data/threat-actors/<id>.toml   threat actor profiles
//	data/glossary.toml             glossary terms
//	content/<section>/*.<lang>.md  bulletins, reports and statements
//
// The usual day:
//
//	site new timeline ransomware-2024    write a skeleton timeline
//	site new event ransomware-2024       add an event to it
//	site new bulletin ransomware-2024    write a bulletin in each language
//	site serve                           preview at http://localhost:1313/
//	site check                           list every problem, file:line:col
//	site build                           check, then publish into public/
//
// docs/editing-guide.md has a worked example of each kind of content.
//
// site check and site build report every problem at once, each as
// file:line:col: message; hint, and exit with status 1 if there is any. A
// failed build leaves the previous public/ as it was. site serve shows
// translations still missing as warnings on the page instead of failing.
//
// Run "site COMMAND --help" for a command's options.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// command is one subcommand: its flags, then its work.
type command interface {
	name() string
	synopsis() string // the command line, as usage shows it
	help() string     // what it does, first line first
	flags(fs *flag.FlagSet)
	execute(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{&buildCommand{}, &checkCommand{}, &serveCommand{}, &newCommand{}, &i18nCommand{}}
}

// errProblems is returned by a command that has already reported its
// problems; it only sets the exit status.
var errProblems = errors.New("problems found")

// run runs the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name() != args[0] {
			continue
		}
		fs := flag.NewFlagSet("site "+c.name(), flag.ContinueOnError)
		fs.SetOutput(stderr)
		c.flags(fs)
		fs.Usage = func() {
			fmt.Fprintf(stderr, "usage: site %s\n\n%s\n", c.synopsis(), c.help())
			fs.PrintDefaults()
		}
		positional, err := parseInterspersed(fs, args[1:])
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if err := c.execute(positional, stdout, stderr); err != nil {
			var u usageError
			switch {
			case errors.Is(err, errProblems):
			case errors.As(err, &u):
				fmt.Fprintf(stderr, "site %s: %v\n", c.name(), err)
				fs.Usage()
				return 2
			default:
				fmt.Fprintf(stderr, "site %s: %v\n", c.name(), err)
			}
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "site: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// parseInterspersed parses flags wherever they are among the arguments
// (site new event t --date 2021-01 as well as site new --date 2021-01 event
// t), and returns the other arguments in order.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// usageError is a command line the command cannot act on.
type usageError string

func (e usageError) Error() string { return string(e) }

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: site COMMAND [options]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-7s %s\n", c.name(), firstLine(c.help()))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "site COMMAND --help" for a command's options.`)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

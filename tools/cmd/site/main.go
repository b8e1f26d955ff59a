// Command site checks, builds and previews the publication site in each of
// its languages (config.toml's [languages]), writes skeletons of new
// content for editors, and gives translators their files.
//
// Every command runs in the site's root folder (or the one given with
// --source) and reads what editors write, where data/model.toml, the
// content model, says each kind of content is:
//
//	data/timelines/<id>.toml       one chronology, its texts in each language
//	data/actors.toml               the organizations events name
//	data/mitigations.toml          mitigation measures (guidance pages)
//	data/threat-actors/<id>.toml   threat actor profiles
//	data/glossary.toml             glossary terms
//	content/<section>/*.<lang>.md  bulletins, reports and backgrounders
//
// The usual day:
//
//	site new timeline ransomware-2024    write a skeleton timeline
//	site new event ransomware-2024       add an event to it
//	site new bulletin ransomware-2024    write a bulletin in each language
//	site serve                           preview at http://localhost:1313/
//	site check                           list every problem, file:line:col
//	site build                           check, then publish into public/
//	site deploy                          upload the last build (docs/deploy.md)
//
// docs/editing-guide.md has a worked example of each kind of content, and
// docs/translation-guide.md walks translators through site i18n.
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

	"github.com/cyberpub/site/tools/diag"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == hugoChild {
		os.Exit(runHugo(os.Args[2:]))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one command: its flags, then its work.
type command interface {
	name() string
	synopsis() string // the command line, as usage shows it
	help() string     // what it does, first line first
	flags(fs *flag.FlagSet)
	execute(args []string, stdout, stderr io.Writer) error
}

// group is a command made of commands: site i18n status.
type group interface {
	command
	commands() []command
}

func commands() []command {
	return []command{&buildCommand{}, &deployCommand{}, &checkCommand{}, &serveCommand{}, &newCommand{}, &i18nCommand{}, &schemasCommand{}, &prepareCommand{}, &benchCommand{}}
}

// errProblems is returned by a command that has already reported its
// problems; it only sets the exit status.
var errProblems = errors.New("problems found")

// usageError is a command line the command cannot act on.
type usageError string

func (e usageError) Error() string { return string(e) }

// run runs the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout, "site", commands())
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	return runIn("site", commands(), args, stdout, stderr)
}

// runIn runs args[0], one of the commands of prefix ("site", "site i18n").
func runIn(prefix string, cmds []command, args []string, stdout, stderr io.Writer) int {
	for _, c := range cmds {
		if c.name() != args[0] {
			continue
		}
		name := prefix + " " + c.name()
		if g, ok := c.(group); ok {
			if len(args) == 1 || args[1] == "help" || args[1] == "-h" || args[1] == "--help" {
				fmt.Fprintf(stdout, "%s\n\n", g.help())
				usage(stdout, name, g.commands())
				return map[bool]int{true: 2, false: 0}[len(args) == 1]
			}
			return runIn(name, g.commands(), args[1:], stdout, stderr)
		}
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		c.flags(fs)
		fs.Usage = func() {
			fmt.Fprintf(stderr, "usage: %s\n\n%s\n", prefix+" "+c.synopsis(), c.help())
			fs.PrintDefaults()
		}
		positional, err := parseInterspersed(fs, args[1:])
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		err = c.execute(positional, stdout, stderr)
		var u usageError
		var problems diag.List
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errProblems):
		case errors.As(err, &u):
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			fs.Usage()
			return 2
		case errors.As(err, &problems):
			printProblems(stderr, problems)
		default:
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
		}
		return 1
	}
	fmt.Fprintf(stderr, "%s: unknown command %q\n", prefix, args[0])
	usage(stderr, prefix, cmds)
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

func usage(w io.Writer, prefix string, cmds []command) {
	fmt.Fprintf(w, "usage: %s COMMAND [options]\n\n", prefix)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-8s %s\n", c.name(), firstLine(c.help()))
	}
	fmt.Fprintf(w, "\nRun \"%s COMMAND --help\" for a command's options.\n", prefix)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func sourceFlag(fs *flag.FlagSet, source *string) {
	fs.StringVar(source, "source", ".", "the site's root folder")
}

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/translation"
)

type checkCommand struct {
	source string
	strict bool
}

func (*checkCommand) name() string     { return "check" }
func (*checkCommand) synopsis() string { return "check [--source DIR] [--strict]" }
func (*checkCommand) help() string {
	return `Checks the site's data without building it.
Every problem is listed, as file:line:col: message; hint.
The exit status is 1 when there is any error.`
}
func (c *checkCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.BoolVar(&c.strict, "strict", false, "outdated translations are errors, not warnings")
}

func (c *checkCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("check takes no arguments")
	}
	_, err := validate(c.source, false, c.strict, stdout, stderr)
	return err
}

// validate reads the site at root and reports its problems on stderr,
// "no problems found" on stdout when there is none. When previewing,
// missing translations are warnings; when strict, outdated ones are errors.
// It returns errProblems when there is any error.
func validate(root string, previewing, strict bool, stdout, stderr io.Writer) (*translation.Workspace, error) {
	ws, problems, err := load(root)
	if err != nil {
		return nil, err
	}
	return ws, report(ws, problems, previewing, strict, stdout, stderr)
}

// report adds the translation checks to the problems of a loaded site, and
// reports them all.
func report(ws *translation.Workspace, problems diag.List, previewing, strict bool, stdout, stderr io.Writer) error {
	problems = append(problems, ws.Check(strict)...)
	problems.Sort()
	if previewing {
		problems.Demote(diag.TranslationGap)
	}
	printProblems(stderr, problems)
	switch {
	case problems.Errors() > 0:
		return errProblems
	case len(problems) == 0:
		fmt.Fprintln(stdout, "no problems found")
	}
	return nil
}

// printProblems lists problems, then counts them: what every command that
// finds problems in the files says.
func printProblems(w io.Writer, problems diag.List) {
	problems.Print(w)
	errs, warnings := problems.Errors(), len(problems)-problems.Errors()
	switch {
	case errs > 0:
		fmt.Fprintf(w, "%s, %s: fix the files above and run the command again\n", count(errs, "error"), count(warnings, "warning"))
	case warnings > 0:
		fmt.Fprintf(w, "%s\n", count(warnings, "warning"))
	}
}

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/translation"
)

type checkCommand struct {
	source        string
	strict, cache bool
}

func (*checkCommand) name() string     { return "check" }
func (*checkCommand) synopsis() string { return "check [--source DIR] [--strict]" }
func (*checkCommand) help() string {
	return `Checks the site's data without building it.
Every problem is listed, as file:line:col: message; hint.
The exit status is 1 when there is any error. When no file the check reads
has changed since the last check, its problems are reported again without
checking everything anew.`
}
func (c *checkCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.BoolVar(&c.strict, "strict", false, "outdated translations are errors, not warnings")
	fs.BoolVar(&c.cache, "cache", true, "reuse the last check's problems when no file changed since")
}

func (c *checkCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("check takes no arguments")
	}
	return checkSite(c.source, c.strict, c.cache, stdout, stderr)
}

// checkSite checks the site at root as validate does, but reports the
// problems of the last check again when no file it reads has changed
// since (checkcache.go). The problems of this check are kept for the next.
func checkSite(root string, strict, useCache bool, stdout, stderr io.Writer) error {
	key, err := checkKey(root, fmt.Sprintf("strict=%t", strict))
	if err != nil {
		return err
	}
	if useCache {
		if problems, ok := readCheckCache(root, key); ok {
			return printReport(problems, stdout, stderr)
		}
	}
	ws, problems, err := load(root)
	if err != nil {
		return err
	}
	problems = allProblems(ws, problems, false, strict)
	writeCheckCache(root, key, problems)
	return printReport(problems, stdout, stderr)
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
	return printReport(allProblems(ws, problems, previewing, strict), stdout, stderr)
}

// allProblems adds the translation checks to the problems of a loaded
// site, in the order they are reported.
func allProblems(ws *translation.Workspace, problems diag.List, previewing, strict bool) diag.List {
	problems = append(problems, ws.Check(strict)...)
	problems.Sort()
	if previewing {
		problems.Demote(diag.TranslationGap)
	}
	return problems
}

// printReport reports problems on stderr, or that there is none on stdout.
// It returns errProblems when there is any error.
func printReport(problems diag.List, stdout, stderr io.Writer) error {
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

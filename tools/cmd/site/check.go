package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

type checkCommand struct {
	source string
	strict bool
}

func (*checkCommand) name() string     { return "check" }
func (*checkCommand) synopsis() string { return "check [--source DIR]" }
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

func sourceFlag(fs *flag.FlagSet, source *string) {
	fs.StringVar(source, "source", ".", "the site's root folder")
}

// validate loads the project at root and reports its problems on stderr.
// When previewing, missing translations are warnings; when strict, outdated
// ones are errors. It returns errProblems when there is any error.
func validate(root string, previewing, strict bool, stdout, stderr io.Writer) (*project.Project, error) {
	p, prob := project.Open(root)
	if prob != nil {
		diag.List{*prob}.Print(stderr)
		return nil, errProblems
	}
	return p, report(p, previewing, strict, stdout, stderr)
}

// report checks the project's data and reports its problems on stderr.
func report(p *project.Project, previewing, strict bool, stdout, stderr io.Writer) error {
	_, problems := content.Load(p)
	problems = append(problems, translation.Check(p, strict)...)
	problems.Sort()
	if previewing {
		problems.Demote(diag.TranslationGap)
	}
	problems.Print(stderr)
	errs, warnings := problems.Errors(), len(problems)-problems.Errors()
	switch {
	case errs > 0:
		fmt.Fprintf(stderr, "%s, %s: fix the files above and run the command again\n", count(errs, "error"), count(warnings, "warning"))
		return errProblems
	case warnings > 0:
		fmt.Fprintf(stderr, "%s\n", count(warnings, "warning"))
	default:
		fmt.Fprintln(stdout, "no problems found")
	}
	return nil
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/prepare"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

type checkCommand struct {
	source        string
	strict, cache bool
	at            string
}

func (*checkCommand) name() string     { return "check" }
func (*checkCommand) synopsis() string { return "check [--source DIR] [--strict] [--at MOMENT]" }
func (*checkCommand) help() string {
	return `Checks the site's data without building it.
Every problem is listed, as file:line:col: message; hint.
The exit status is 1 when there is any error. When no file the check reads
has changed since the last check, its problems are reported again without
checking everything anew. Drafts and items scheduled later are held back
as site build would hold them back now (SOURCE_DATE_EPOCH, or the clock),
or at the moment --at gives: "what would be published then".`
}
func (c *checkCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.BoolVar(&c.strict, "strict", false, "outdated translations are errors, not warnings")
	fs.BoolVar(&c.cache, "cache", true, "reuse the last check's problems when no file changed since")
	fs.StringVar(&c.at, "at", "", "check what would be published at this day, 2027-03-12, or moment, 2027-03-12T09:00:00-05:00")
}

func (c *checkCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("check takes no arguments")
	}
	now, _, err := publicationMoment(c.at)
	if err != nil {
		return err
	}
	_, _, err = checkSite(c.source, c.strict, c.cache, now, stdout, stderr)
	return err
}

// checkSite checks the site at root as validate does, as of now, but
// reports the problems of the last check again when no file it reads has
// changed since and no item was released in between (checkcache.go). The
// problems of this check are kept for the next. It returns the ids of the
// items held back at now, by kind, and the site, when it read it (not when
// the last check's problems are reported again).
func checkSite(root string, strict, useCache bool, now time.Time, stdout, stderr io.Writer) (map[string][]string, *translation.Workspace, error) {
	key, err := checkKey(root, fmt.Sprintf("strict=%t", strict))
	if err != nil {
		return nil, nil, err
	}
	if useCache {
		if c, ok := readCheckCache(root, key, now); ok {
			return c.HeldBack, nil, printReport(c.Problems, stdout, stderr)
		}
	}
	ws, problems, err := load(root)
	if err != nil {
		return nil, nil, err
	}
	held := ws.Site.HeldBack(now)
	c := cachedCheck{Key: key, Problems: allProblems(ws, problems, false, strict, held), HeldBack: map[string][]string{}}
	for it := range held {
		c.HeldBack[it.Kind.Name] = append(c.HeldBack[it.Kind.Name], it.ID)
	}
	for _, ids := range c.HeldBack {
		slices.Sort(ids)
	}
	c.Since, c.Until = ws.Site.Releases(now)
	writeCheckCache(root, c)
	return c.HeldBack, ws, printReport(c.Problems, stdout, stderr)
}

// validate reads the site at root and reports its problems on stderr,
// "no problems found" on stdout when there is none. When previewing,
// missing translations are warnings; when strict, outdated ones are errors.
// It returns errProblems when there is any error.
func validate(root string, previewing, strict bool, now time.Time, stdout, stderr io.Writer) (*translation.Workspace, error) {
	ws, problems, err := load(root)
	if err != nil {
		return nil, err
	}
	return ws, report(ws, problems, previewing, strict, now, stdout, stderr)
}

// report adds the translation and publication checks to the problems of a
// loaded site, and reports them all.
func report(ws *translation.Workspace, problems diag.List, previewing, strict bool, now time.Time, stdout, stderr io.Writer) error {
	return printReport(allProblems(ws, problems, previewing, strict, ws.Site.HeldBack(now)), stdout, stderr)
}

// allProblems adds the translation checks, and the publication checks
// with the items held back (Site.HeldBack), to the problems of a loaded
// site, in the order they are reported. The preview shows what is
// missing, and drafts: their problems are warnings there.
func allProblems(ws *translation.Workspace, problems diag.List, previewing, strict bool, held map[*content.Item]string) diag.List {
	problems = append(problems, ws.Check(strict)...)
	// The texts' links are checked once the catalogues are read (the
	// search page's address is one of their messages), against what a
	// build publishes now, its other formats included.
	others, err := prepare.OtherFiles(ws.Site, held)
	if err != nil && problems.Errors() == 0 {
		// Else a file the exports read could not be (a bulletin with no
		// date), which is reported at its place already.
		problems = append(problems, diag.Problem{File: project.ConfigFile, Message: err.Error(), Hint: "correct config.toml's params"})
	}
	problems = append(problems, ws.Site.LinkProblems(catalogueMessages(ws), held, others)...)
	problems = append(problems, ws.Site.PublicationProblems(held)...)
	problems = append(problems, ws.Site.FeaturedProblems(held)...)
	problems = append(problems, ws.Site.IdentityProblems()...)
	problems.Sort()
	if previewing {
		problems.Demote(diag.TranslationGap)
		problems.Demote(diag.HeldBack)
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
	errs, warnings := problems.Errors(), problems.Warnings()
	switch {
	case errs > 0:
		fmt.Fprintf(w, "%s, %s: fix the files above and run the command again\n", count(errs, "error"), count(warnings, "warning"))
	case warnings > 0:
		fmt.Fprintf(w, "%s\n", count(warnings, "warning"))
	}
}

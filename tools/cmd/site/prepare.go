package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/cyberpub/site/tools/prepare"
)

type prepareCommand struct{ source string }

func (*prepareCommand) name() string     { return "prepare" }
func (*prepareCommand) synopsis() string { return "prepare [--source DIR]" }
func (*prepareCommand) help() string {
	return `Checks the site, then writes the views Hugo reads into ` + prepare.Dir + `/: one file
per page and language, with what the page shows, worked out from content/
and data/ (config.toml mounts it as Hugo's content). site build and site
serve do it themselves; run it to use Hugo alone on the site afterwards:

  go run ./tools/cmd/site prepare && go tool hugo server

It publishes as of SOURCE_DATE_EPOCH, or the clock: drafts and items
scheduled later are left out, as site build leaves them.`
}
func (c *prepareCommand) flags(fs *flag.FlagSet) { sourceFlag(fs, &c.source) }

func (c *prepareCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("prepare takes no arguments")
	}
	now, _, err := publicationMoment("")
	if err != nil {
		return err
	}
	// One moment for the check and the views.
	ws, err := validate(c.source, false, false, now, io.Discard, stderr)
	if err != nil {
		return err
	}
	written, err := prepare.Write(ws, prepare.Options{Now: now})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d files written\n", prepare.Dir, len(written))
	return nil
}

package main

import (
	"flag"
	"io"

	"github.com/cyberpub/site/tools/translation"
)

type importCommand struct {
	source string
	strict bool
}

func (*importCommand) name() string     { return "import" }
func (*importCommand) synopsis() string { return "import [--source DIR] [--strict] FILE.xlf…" }
func (*importCommand) help() string {
	return `Writes translated XLIFF files back into the site.
Each translation goes into its data file, page or catalogue, changing
nothing else, and is recorded as current. Each translation is checked
first as site check checks it: an error refuses the whole import, and
nothing is written; a warning (typography, a glossary term) is printed at
its trans-unit and line in the file, and the import goes on.`
}
func (c *importCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	strictFlag(fs, &c.strict)
}

func (c *importCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("import takes one or more XLIFF files")
	}
	return foldFiles(c.source, args, stdout, stderr, func(ws *translation.Workspace, file string, r io.Reader) (*translation.Report, error) {
		return ws.ImportXLIFF(file, r, c.strict)
	})
}

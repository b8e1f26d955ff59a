package main

import (
	"flag"
	"io"

	"github.com/cyberpub/site/tools/translation"
)

type exportCommand struct {
	source, lang, out string
}

func (*exportCommand) name() string { return "export" }
func (*exportCommand) synopsis() string {
	return "export [--source DIR] [--lang L] [-o FILE]"
}
func (*exportCommand) help() string {
	return `Writes XLIFF 1.2 for CAT tools.
Every text, its current translation, and needs-translation or
needs-review-translation where the translator has work.`
}
func (c *exportCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language to translate into (default: the site's one target language)")
	fs.StringVar(&c.out, "o", "", "the file to write, - for standard output (default: translate.LANG.xlf)")
}

func (c *exportCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("export takes no arguments")
	}
	return writeWorkFile(c.source, c.lang, c.out, "xlf", "import", stdout, (*translation.Workspace).ExportXLIFF)
}

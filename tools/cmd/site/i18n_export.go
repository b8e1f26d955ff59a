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
	return `Writes XLIFF 1.2 for CAT tools: every text, its current translation,
and needs-translation or needs-review-translation where the translator has
work. Beside it, with the same name: the termbase (.tbx, TBX), the site's
glossary terms and organizations in both languages; and the translation
memory (.tmx, TMX 1.4), every current translation.`
}
func (c *exportCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language to translate into (default: the site's one target language)")
	fs.StringVar(&c.out, "o", "", "the XLIFF file to write, - for standard output (the XLIFF alone) (default: translate.LANG.xlf)")
}

func (c *exportCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("export takes no arguments")
	}
	return writeWorkFiles(c.source, c.lang, c.out, stdout,
		workFile{"xlf", (*translation.Workspace).ExportXLIFF, `translate it, then "site i18n import FILE"`},
		workFile{"tbx", (*translation.Workspace).ExportTBX, "the termbase (TBX): the site's glossary terms and organizations, to load in the CAT tool"},
		workFile{"tmx", (*translation.Workspace).ExportTMX, "the translation memory (TMX): every current translation, to pre-translate from"})
}

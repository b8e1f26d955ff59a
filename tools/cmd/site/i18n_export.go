package main

import (
	"flag"
	"io"
	"strings"

	"github.com/cyberpub/site/tools/translation"
)

type exportCommand struct {
	source, lang, out string
	force, todo       bool
	kinds             string
}

func (*exportCommand) name() string { return "export" }
func (*exportCommand) synopsis() string {
	return "export [--source DIR] [--lang L] [-o FILE] [--force] [--todo] [--kind K,K…] [ID|FILE…]"
}
func (*exportCommand) help() string {
	return `Writes XLIFF 1.2 for CAT tools: every text, its current translation,
and needs-translation or needs-review-translation where the translator has
work. Beside it, with the same name: the termbase (.tbx, TBX), the site's
glossary terms and organizations in the source language and the one
exported; and the translation memory (.tmx, TMX 1.4), every current
translation.
--todo writes only the texts with work (missing, or outdated), for an agency
to translate only those; --kind narrows to kinds of content (timeline,
bulletin…, interface for the catalogues' messages), and ids of texts or
items (timeline/ID) or files (data/timelines/ID.toml) to those. The XLIFF
file's header says what it holds; importing it changes only its units.
It writes nothing into the site's own files, and does not replace an XLIFF
file holding translations not imported yet, nor a file it did not write
(--force replaces them).`
}
func (c *exportCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language to translate into (default: the site's one target language)")
	fs.StringVar(&c.out, "o", "", "the XLIFF file to write, - for standard output (the XLIFF alone) (default: translate.LANG.xlf)")
	forceFlag(fs, &c.force)
	fs.BoolVar(&c.todo, "todo", false, "only the missing and outdated texts")
	fs.StringVar(&c.kinds, "kind", "", "only the texts of these kinds of content, separated by commas (interface: the catalogues' messages)")
}

func (c *exportCommand) execute(args []string, stdout, stderr io.Writer) error {
	sel := translation.Selection{Todo: c.todo, Only: args}
	if c.kinds != "" {
		sel.Kinds = strings.Split(c.kinds, ",")
	}
	xliff := func(ws *translation.Workspace, lang string) ([]byte, error) { return ws.ExportXLIFF(lang, sel) }
	return writeWorkFiles(c.source, c.lang, c.out, c.force, stdout,
		workFile{"xlf", xliff, pendingXLIFF, `translate it, then "site i18n import FILE"`},
		workFile{"tbx", (*translation.Workspace).ExportTBX, xmlRoot("martif", "a termbase (TBX)"), "the termbase (TBX): the site's glossary terms and organizations, to load in the CAT tool"},
		workFile{"tmx", (*translation.Workspace).ExportTMX, xmlRoot("tmx", "a translation memory (TMX)"), "the translation memory (TMX): every current translation, to pre-translate from"})
}

// pendingXLIFF is what replacing an XLIFF file would lose.
func pendingXLIFF(ws *translation.Workspace, _ string, data []byte) ([]string, error) {
	return ws.PendingXLIFF(data)
}

package main

import (
	"flag"
	"io"

	"github.com/cyberpub/site/tools/translation"
)

type extractCommand struct {
	source, lang, out string
	force             bool
}

func (*extractCommand) name() string { return "extract" }
func (*extractCommand) synopsis() string {
	return "extract [--source DIR] [--lang L] [-o FILE] [--force]"
}
func (*extractCommand) help() string {
	return `Writes what is missing or outdated in goi18n's format.
The file is translate.LANG.toml: the texts to translate, with the hash of
each source. It writes nothing into the site's own files, and does not
replace a translate file holding translations not merged yet, nor a file
it did not write (--force replaces them).`
}
func (c *extractCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language to translate into (default: the site's one target language)")
	fs.StringVar(&c.out, "o", "", "the file to write, - for standard output (default: translate.LANG.toml)")
	forceFlag(fs, &c.force)
}

func (c *extractCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("extract takes no arguments: give the language with --lang")
	}
	return writeWorkFiles(c.source, c.lang, c.out, c.force, stdout, workFile{"toml", func(ws *translation.Workspace, lang string) ([]byte, error) {
		data, n := ws.Extract(lang)
		if n == 0 {
			return nil, nil
		}
		return data, nil
	}, (*translation.Workspace).PendingGoi18n, `translate it, then "site i18n merge FILE"`})
}

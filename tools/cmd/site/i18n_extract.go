package main

import (
	"flag"
	"fmt"
	"io"
)

type extractCommand struct {
	source, lang, out string
}

func (*extractCommand) name() string { return "extract" }
func (*extractCommand) synopsis() string {
	return "extract [--source DIR] [--lang L] [-o FILE]"
}
func (*extractCommand) help() string {
	return `Writes translate.LANG.toml, in goi18n's format, with the texts that are
missing or outdated.`
}
func (c *extractCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language to translate into (default: the site's one target language)")
	fs.StringVar(&c.out, "o", "", "the file to write, - for standard output (default: translate.LANG.toml)")
}

func (c *extractCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("extract takes no arguments: give the language with --lang")
	}
	ws, err := loadForTranslation(c.source)
	if err != nil {
		return err
	}
	lang, err := oneTarget(ws.Project, c.lang)
	if err != nil {
		return err
	}
	data, n := ws.Extract(lang)
	if n == 0 {
		fmt.Fprintf(stdout, "nothing to translate into %q\n", lang)
		return nil
	}
	out := c.out
	if out == "" {
		out = "translate." + lang + ".toml"
	}
	return writeOutput(out, data, stdout, "wrote %s: translate it, then \"site i18n merge %s\"\n")
}

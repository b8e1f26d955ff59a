package main

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// extract writes translate.LANG.toml, in goi18n's format, with only the
// texts that are missing or outdated in LANG.
func (c *i18nCommand) extract(p *project.Project, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usageError("extract takes the language to translate into: site i18n extract fr")
	}
	c.lang = args[0]
	if !slices.Contains(p.Targets(), c.lang) {
		return usageError(fmt.Sprintf("%q is not a language the site is translated into", c.lang))
	}
	state, prob := translation.ReadState(p)
	if prob != nil {
		return errors.New(prob.String())
	}
	data, n, err := translation.Extract(p, state, c.lang)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(stdout, "nothing to translate into %q\n", c.lang)
		return nil
	}
	out := c.out
	if out == "" {
		out = "translate." + c.lang + ".toml"
	}
	return writeOutput(out, data, stdout, "wrote %s: translate it, then \"site i18n merge %s\"\n")
}

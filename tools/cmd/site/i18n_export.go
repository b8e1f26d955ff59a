package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// export writes the site's texts as XLIFF 1.2 for a CAT tool: every text,
// its current translation, and needs-translation or
// needs-review-translation where the translator has work.
func (c *i18nCommand) export(p *project.Project, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 || c.lang == "" && len(p.Languages) > 2 {
		return usageError("export takes --lang L, the language to translate into")
	}
	lang := c.targets(p)[0]
	state, prob := translation.ReadState(p)
	if prob != nil {
		return errors.New(prob.String())
	}
	data, err := translation.ExportXLIFF(p, state, lang)
	if err != nil {
		return err
	}
	out := c.out
	if out == "" {
		out = "translate." + lang + ".xlf"
	}
	return writeOutput(out, data, stdout, "wrote %s: open it in a CAT tool, then \"site i18n import %s\"\n")
}

// writeOutput writes data to the file out (stdout for "-"), and says so.
func writeOutput(out string, data []byte, stdout io.Writer, done string) error {
	if out == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := translation.WriteFileAtomic(out, data); err != nil {
		return err
	}
	fmt.Fprintf(stdout, done, out, out)
	return nil
}

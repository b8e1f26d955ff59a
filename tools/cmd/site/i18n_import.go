package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// importXLIFF writes the translations of XLIFF files back into the data,
// the pages and the catalogues, changing nothing else.
func (c *i18nCommand) importXLIFF(p *project.Project, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("import takes one or more XLIFF files")
	}
	for _, file := range args {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		state, prob := translation.ReadState(p)
		if prob != nil {
			return errors.New(prob.String())
		}
		r, err := translation.ImportXLIFF(p, state, data)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		fmt.Fprintf(stdout, "%s: %s into %q, %d unchanged, %s changed\n", file, count(r.Imported, "translation"), r.Lang, r.Same, count(len(r.Written), "file"))
		for _, id := range r.Stale {
			fmt.Fprintf(stderr, "%s: warning: %s: its source changed since the export; the translation is written but stays outdated until reviewed\n", file, id)
		}
	}
	return nil
}

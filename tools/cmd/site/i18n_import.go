package main

import (
	"io"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// importXLIFF writes the translations of XLIFF files back into the data,
// the pages and the catalogues, changing nothing else.
func (c *i18nCommand) importXLIFF(p *project.Project, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("import takes one or more XLIFF files")
	}
	return foldFiles(p, args, stdout, stderr, func(state translation.State, _ string, data []byte) (*translation.Report, error) {
		return translation.ImportXLIFF(p, state, data)
	})
}

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

type importCommand struct {
	source string
}

func (*importCommand) name() string     { return "import" }
func (*importCommand) synopsis() string { return "import [--source DIR] FILE.xlf…" }
func (*importCommand) help() string {
	return `Writes the translations of XLIFF files back into the data, the pages and
the catalogues, changing nothing else, and records them as current.`
}
func (c *importCommand) flags(fs *flag.FlagSet) { sourceFlag(fs, &c.source) }

func (c *importCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("import takes one or more XLIFF files")
	}
	for _, file := range args {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		// Each file is imported into the site as the previous one left it.
		ws, err := loadForTranslation(c.source)
		if err != nil {
			return err
		}
		r, err := ws.ImportXLIFF(data)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		reportFold(file, r, stdout, stderr)
	}
	return nil
}

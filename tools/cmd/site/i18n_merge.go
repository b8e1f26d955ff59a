package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

type mergeCommand struct {
	source, lang string
}

func (*mergeCommand) name() string { return "merge" }
func (*mergeCommand) synopsis() string {
	return "merge [--source DIR] [--lang L] translate.LANG.toml…"
}
func (*mergeCommand) help() string {
	return `Folds translated goi18n files back into the catalogues, the data and the
pages, and records them as current.`
}
func (c *mergeCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the files' language, for files not named translate.LANG.toml")
}

func (c *mergeCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("merge takes one or more translate.LANG.toml files")
	}
	for _, file := range args {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		ws, err := loadForTranslation(c.source)
		if err != nil {
			return err
		}
		// goi18n names a file after its language: translate.fr.toml.
		lang := c.lang
		if parts := strings.Split(filepath.Base(file), "."); lang == "" && len(parts) >= 3 {
			lang = parts[len(parts)-2]
		}
		if !slices.Contains(ws.Project.Targets(), lang) {
			return fmt.Errorf("%s: %w", file, errors.New("cannot tell its language: name it translate.LANG.toml, or give --lang"))
		}
		r, err := ws.Merge(lang, data)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		reportFold(file, r, stdout, stderr)
	}
	return nil
}

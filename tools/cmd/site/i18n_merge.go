package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/translation"
)

type mergeCommand struct {
	source, lang string
	strict       bool
}

func (*mergeCommand) name() string { return "merge" }
func (*mergeCommand) synopsis() string {
	return "merge [--source DIR] [--lang L] [--strict] translate.LANG.toml…"
}
func (*mergeCommand) help() string {
	return `Folds translated goi18n files back into the site.
Each translation goes into its catalogue, data file or page, and is
recorded as current. Each translation is checked first, as import checks
them: errors refuse the whole merge, warnings are printed.`
}
func (c *mergeCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the files' language, for files not named translate.LANG.toml")
	strictFlag(fs, &c.strict)
}

func (c *mergeCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("merge takes one or more translate.LANG.toml files")
	}
	return foldFiles(c.source, args, stdout, stderr, func(ws *translation.Workspace, file string, r io.Reader) (*translation.Report, error) {
		// goi18n names a file after its language: translate.fr.toml.
		if c.lang != "" {
			langs, err := targets(ws.Project, c.lang)
			if err != nil {
				return nil, err
			}
			return ws.Merge(langs[0], file, r, c.strict)
		}
		parts := strings.Split(filepath.Base(file), ".")
		if len(parts) < 3 || !slices.Contains(ws.Project.Targets(), parts[len(parts)-2]) {
			return nil, fmt.Errorf("cannot tell its language: name it translate.LANG.toml, or give --lang, one of %s", strings.Join(ws.Project.Targets(), ", "))
		}
		return ws.Merge(parts[len(parts)-2], file, r, c.strict)
	})
}

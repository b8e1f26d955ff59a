package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// merge folds translated goi18n files (translate.LANG.toml) back into the
// catalogues, the data and the pages.
func (c *i18nCommand) merge(p *project.Project, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("merge takes one or more translate.LANG.toml files")
	}
	for _, file := range args {
		// goi18n names a file after its language: translate.fr.toml.
		parts := strings.Split(filepath.Base(file), ".")
		lang := c.lang
		if len(parts) >= 3 {
			lang = parts[len(parts)-2]
		}
		if !isTarget(p, lang) {
			return fmt.Errorf("%s: cannot tell its language: name it translate.LANG.toml, or give --lang", file)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		state, prob := translation.ReadState(p)
		if prob != nil {
			return errors.New(prob.String())
		}
		r, err := translation.Merge(p, state, lang, data)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		fmt.Fprintf(stdout, "%s: %s into %q, %s changed\n", file, count(r.Imported, "translation"), lang, count(len(r.Written), "file"))
		for _, id := range r.Stale {
			fmt.Fprintf(stderr, "%s: warning: %s: its source changed since the extract; the translation is written but stays outdated until reviewed\n", file, id)
		}
	}
	return nil
}

func isTarget(p *project.Project, lang string) bool {
	for _, code := range p.Codes()[1:] {
		if code == lang {
			return true
		}
	}
	return false
}

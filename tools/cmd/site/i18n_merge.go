package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	return foldFiles(p, args, stdout, stderr, func(state translation.State, file string, data []byte) (*translation.Report, error) {
		// goi18n names a file after its language: translate.fr.toml.
		parts := strings.Split(filepath.Base(file), ".")
		lang := c.lang
		if len(parts) >= 3 {
			lang = parts[len(parts)-2]
		}
		if !slices.Contains(p.Targets(), lang) {
			return nil, errors.New("cannot tell its language: name it translate.LANG.toml, or give --lang")
		}
		return translation.Merge(p, state, lang, data)
	})
}

// foldFiles folds each translated file back into the site with fold, and
// says what it did; the state is read again for each file, as each fold
// writes it.
func foldFiles(p *project.Project, files []string, stdout, stderr io.Writer, fold func(translation.State, string, []byte) (*translation.Report, error)) error {
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		state, prob := translation.ReadState(p)
		if prob != nil {
			return errors.New(prob.String())
		}
		r, err := fold(state, file, data)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		fmt.Fprintf(stdout, "%s: %s into %q, %d unchanged, %s changed\n", file, count(r.Imported, "translation"), r.Lang, r.Same, count(len(r.Written), "file"))
		for _, id := range r.Stale {
			fmt.Fprintf(stderr, "%s: warning: %s: its source changed since the file was made; the translation is written but stays outdated until reviewed\n", file, id)
		}
	}
	return nil
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// i18nCommand groups the translators' commands, each a command of its own
// in a file of its own (i18n_status.go, …), in the order of the workflow.
type i18nCommand struct{}

func (*i18nCommand) name() string     { return "i18n" }
func (*i18nCommand) synopsis() string { return "i18n COMMAND [options]" }
func (*i18nCommand) help() string {
	return `Translation: what is missing or outdated, and the files translators work in.
docs/translation-guide.md walks through the workflow.`
}
func (*i18nCommand) flags(*flag.FlagSet) {}
func (*i18nCommand) execute([]string, io.Writer, io.Writer) error {
	return usageError("i18n needs a command")
}
func (*i18nCommand) commands() []command {
	return []command{&statusCommand{}, &confirmCommand{}, &exportCommand{}, &importCommand{}, &extractCommand{}, &mergeCommand{}}
}

// langFlag is the --lang flag of the translators' commands.
func langFlag(fs *flag.FlagSet, lang *string, usage string) {
	fs.StringVar(lang, "lang", "", usage)
}

// strictFlag is import's and merge's --strict.
func strictFlag(fs *flag.FlagSet, strict *bool) {
	fs.BoolVar(strict, "strict", false, "refuse the file for a warning (typography, a glossary term) as for an error")
}

// targets returns the languages a command works on: lang, or every target
// language of the site when lang is "".
func targets(p *project.Project, lang string) ([]string, error) {
	if lang == "" {
		return p.Targets(), nil
	}
	if !slices.Contains(p.Targets(), lang) {
		return nil, usageError(fmt.Sprintf("--lang %q is not a language the site is translated into: %s", lang, strings.Join(p.Targets(), ", ")))
	}
	return []string{lang}, nil
}

// openTargets reads the site for a translators' command, and returns the
// languages it works on: lang, or every target language when lang is "".
func openTargets(source, lang string) (*translation.Workspace, []string, error) {
	ws, err := loadForTranslation(source)
	if err != nil {
		return nil, nil, err
	}
	langs, err := targets(ws.Project, lang)
	return ws, langs, err
}

// workFile is a file written for translators: its extension, how it is
// made (nil when there is nothing in it), what replacing one would lose
// (see refuseOverwrite), and what to do with it (FILE stands for its
// name).
type workFile struct {
	ext      string
	make     func(*translation.Workspace, string) ([]byte, error)
	existing existingWork
	then     string
}

// writeWorkFiles writes the files a translator works with, for one
// language (lang, or the site's one target language): the first to out
// ("-" for standard output, "" for translate.LANG.EXT), the others beside
// it, with their own extensions (not to standard output). When the first
// has nothing to translate, none is written. None is written either when
// one would replace a file of the site, or work not imported yet (unless
// force), or a file of another kind.
func writeWorkFiles(source, lang, out string, force bool, stdout io.Writer, files ...workFile) error {
	ws, langs, err := openTargets(source, lang)
	if err != nil {
		return err
	}
	if len(langs) > 1 {
		return usageError(fmt.Sprintf("give --lang, one of %s", strings.Join(langs, ", ")))
	}
	type written struct {
		name, then string
		data       []byte
	}
	var writes []written
	var refused []error
	for i, f := range files {
		data, err := f.make(ws, langs[0])
		switch {
		case err != nil:
			return err
		case data == nil && i == 0:
			fmt.Fprintf(stdout, "nothing to translate into %q\n", langs[0])
			return nil
		case data == nil:
			continue
		case out == "-" && i == 0:
			if _, err := stdout.Write(data); err != nil {
				return err
			}
			continue
		case out == "-":
			continue
		}
		name := "translate." + langs[0] + "." + f.ext
		if out != "" {
			name = strings.TrimSuffix(out, filepath.Ext(out)) + "." + f.ext
			if i == 0 {
				name = out
			}
		}
		if err := refuseOverwrite(ws, langs[0], name, f.existing, force, f.then[strings.Index(f.then, `"`)+1:]); err != nil {
			var input siteInputError
			if errors.As(err, &input) {
				return err // the files beside it are in the same folder
			}
			refused = append(refused, err)
			continue
		}
		writes = append(writes, written{name, f.then, data})
	}
	if len(refused) > 0 {
		return errors.Join(refused...)
	}
	for _, w := range writes {
		if err := project.WriteFile(w.name, w.data); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s: %s\n", w.name, strings.ReplaceAll(w.then, "FILE", w.name))
	}
	return nil
}

// forceFlag is the --force flag of the commands that write translators'
// files.
func forceFlag(fs *flag.FlagSet, force *bool) {
	fs.BoolVar(force, "force", false, "replace a file that holds translations not imported yet, or that the export did not write")
}

// foldFiles folds each translated file back into the site with fold, and
// says what it did. Each file goes into the site as the previous one left
// it; a file refused writes nothing.
func foldFiles(source string, files []string, stdout, stderr io.Writer, fold func(ws *translation.Workspace, file string, r io.Reader) (*translation.Report, error)) error {
	// Several files are one import: when one is refused, the files the
	// earlier ones wrote are put back as they were.
	var before map[string][]byte
	var written []string
	if len(files) > 1 {
		var err error
		if before, err = snapshotTranslatable(source); err != nil {
			return err
		}
	}
	for i, file := range files {
		ws, err := loadForTranslation(source)
		if err != nil {
			return err
		}
		r, err := foldFile(ws, file, fold)
		if err != nil && i > 0 {
			if rerr := restore(source, before, written); rerr != nil {
				return errors.Join(err, fmt.Errorf("cannot put back what %s imported: %w", strings.Join(files[:i], ", "), rerr))
			}
			fmt.Fprintf(stderr, "%s: refused (below), so nothing is imported: what %s imported before it was put back as it was\n", file, strings.Join(files[:i], ", "))
		}
		var u usageError
		var problems diag.List
		var problem *diag.Problem
		switch {
		case errors.As(err, &u):
			return err
		case errors.As(err, &problems):
			return problems // each at its place in the file
		case errors.As(err, &problem):
			return *problem
		case err != nil:
			lines := strings.Split(err.Error(), "\n")
			for i, line := range lines {
				if line != "" && line[0] >= '0' && line[0] <= '9' {
					lines[i] = file + ":" + line // line:col: …
				} else {
					lines[i] = file + ": " + line
				}
			}
			return errors.New(strings.Join(lines, "\n"))
		}
		written = append(written, r.Written...)
		confirmed := ""
		if r.Confirmed > 0 {
			confirmed = fmt.Sprintf(" (%d of them reviewed in the file: confirmed as current)", r.Confirmed)
		}
		fmt.Fprintf(stdout, "%s: %s into %q, %d unchanged%s, %s changed\n", file, count(r.Imported, "translation"), r.Lang, r.Same, confirmed, count(len(r.Written), "file"))
		for _, id := range r.Kept {
			fmt.Fprintf(stderr, "%s: warning: %s: the file holds the translation the site had before it was changed in the site itself; the site's, newer, is kept\n", file, id)
		}
		r.Warnings.Print(stderr)
		for _, id := range r.Stale {
			fmt.Fprintf(stderr, "%s: warning: %s: its source changed since the file was made; the translation is written but stays outdated until reviewed\n", file, id)
		}
	}
	return nil
}

// foldFile opens a translated file and folds it in.
func foldFile(ws *translation.Workspace, file string, fold func(ws *translation.Workspace, file string, r io.Reader) (*translation.Report, error)) (*translation.Report, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, errors.New("it is a folder; give the file the export wrote")
	}
	return fold(ws, file, f)
}

// snapshotTranslatable reads every file an import may write: the pages,
// the data, the catalogues and the translation state, by path from root.
func snapshotTranslatable(root string) (map[string][]byte, error) {
	files := map[string][]byte{}
	fsys := project.FS(root)
	for _, dir := range []string{project.ContentDir, project.DataDir, project.I18nDir} {
		err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files[name], err = fs.ReadFile(fsys, name)
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if b, err := fs.ReadFile(fsys, project.StateFile); err == nil {
		files[project.StateFile] = b
	}
	return files, nil
}

// restore puts the files written back as they were in before, and
// removes those that were not there.
func restore(root string, before map[string][]byte, written []string) error {
	var errs []error
	for _, name := range append(written, project.StateFile) {
		path := filepath.Join(root, filepath.FromSlash(name))
		if b, ok := before[name]; ok {
			errs = append(errs, project.WriteFile(path, b))
		} else if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

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

// oneTarget returns the language a command that makes one file works on:
// lang, or the site's one target language.
func oneTarget(p *project.Project, lang string) (string, error) {
	langs, err := targets(p, lang)
	if err != nil {
		return "", err
	}
	if len(langs) > 1 {
		return "", usageError(fmt.Sprintf("give --lang, one of %s", strings.Join(langs, ", ")))
	}
	return langs[0], nil
}

// writeOutput writes data to the file out (stdout for "-"), and says so.
func writeOutput(out string, data []byte, stdout io.Writer, done string) error {
	if out == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := project.WriteFile(out, data); err != nil {
		return err
	}
	fmt.Fprintf(stdout, done, out, out)
	return nil
}

// reportFold says what an import or a merge did.
func reportFold(file string, r *translation.Report, stdout, stderr io.Writer) {
	fmt.Fprintf(stdout, "%s: %s into %q, %d unchanged, %s changed\n", file, count(r.Imported, "translation"), r.Lang, r.Same, count(len(r.Written), "file"))
	for _, id := range r.Stale {
		fmt.Fprintf(stderr, "%s: warning: %s: its source changed since the file was made; the translation is written but stays outdated until reviewed\n", file, id)
	}
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/project"
)

// i18nCommand groups the translators' commands; each subcommand is a file
// of its own (i18n_status.go, …).
type i18nCommand struct {
	source string
	lang   string
	json   bool
	strict bool
	all    bool
	out    string
}

// i18nSubcommands are the translators' commands, in the order of the
// workflow.
var i18nSubcommands = []struct {
	name, args, help string
	run              func(c *i18nCommand, p *project.Project, args []string, stdout, stderr io.Writer) error
}{
	{"status", "[--lang L] [--json]", "what is missing or outdated, by section, with file:line", (*i18nCommand).status},
	{"confirm", "[--lang L] (--all | ID…)", "record that translations are current for their source as it is now", (*i18nCommand).confirm},
	{"extract", "L [-o FILE]", "write translate.L.toml (goi18n's format) with what is missing or outdated", (*i18nCommand).extract},
	{"merge", "translate.L.toml…", "fold translated goi18n files back into the sources", (*i18nCommand).merge},
	{"export", "--lang L [-o FILE]", "write XLIFF 1.2 for CAT tools (default translate.L.xlf)", (*i18nCommand).export},
	{"import", "FILE.xlf…", "write the translations of XLIFF files back into the sources", (*i18nCommand).importXLIFF},
}

func (*i18nCommand) name() string     { return "i18n" }
func (*i18nCommand) synopsis() string { return "i18n SUBCOMMAND [options]" }
func (*i18nCommand) help() string {
	var b strings.Builder
	b.WriteString("Translation: what is missing or outdated, and the files translators work in.\n")
	for _, s := range i18nSubcommands {
		fmt.Fprintf(&b, "  site i18n %-10s %-28s %s\n", s.name, s.args, s.help)
	}
	b.WriteString("docs/translation-guide.md walks through the workflow.")
	return b.String()
}
func (c *i18nCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.lang, "lang", "", "the target language (default: every language but the first)")
	fs.BoolVar(&c.json, "json", false, "status: write JSON for machines")
	fs.BoolVar(&c.strict, "strict", false, "status: exit with status 1 when anything is missing or outdated")
	fs.BoolVar(&c.all, "all", false, "confirm: every translation that is there")
	fs.StringVar(&c.out, "o", "", "export, extract: the file to write (default: see each subcommand)")
}

func (c *i18nCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("i18n needs a subcommand")
	}
	i := slices.IndexFunc(i18nSubcommands, func(s struct {
		name, args, help string
		run              func(c *i18nCommand, p *project.Project, args []string, stdout, stderr io.Writer) error
	}) bool {
		return s.name == args[0]
	})
	if i < 0 {
		return usageError(fmt.Sprintf("unknown subcommand %q", args[0]))
	}
	p, prob := project.Open(c.source)
	if prob != nil {
		return errors.New(prob.String())
	}
	if c.lang != "" && !slices.Contains(p.Targets(), c.lang) {
		return usageError(fmt.Sprintf("--lang %q is not a target language: the site translates into %s", c.lang, strings.Join(p.Targets(), ", ")))
	}
	return i18nSubcommands[i].run(c, p, args[1:], stdout, stderr)
}

// targets are the languages a subcommand works on.
func (c *i18nCommand) targets(p *project.Project) []string {
	if c.lang != "" {
		return []string{c.lang}
	}
	return p.Targets()
}

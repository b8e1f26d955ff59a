package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cyberpub/site/tools/translation"
)

type statusCommand struct {
	source, lang string
	json, strict bool
}

func (*statusCommand) name() string { return "status" }
func (*statusCommand) synopsis() string {
	return "status [--source DIR] [--lang L] [--json] [--strict]"
}
func (*statusCommand) help() string {
	return `Shows how complete each language is.
By section, then every missing or outdated text with its file:line:col.`
}
func (c *statusCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language (default: every language the site is translated into)")
	fs.BoolVar(&c.json, "json", false, "write JSON, for scripts")
	fs.BoolVar(&c.strict, "strict", false, "exit with status 1 when anything is missing or outdated")
}

func (c *statusCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("status takes no arguments")
	}
	ws, langs, err := openTargets(c.source, c.lang)
	if err != nil {
		return err
	}
	all := []*translation.LangStatus{}
	incomplete := false
	for _, lang := range langs {
		st := ws.Status(lang)
		all = append(all, st)
		incomplete = incomplete || st.Total.Missing+st.Total.Outdated > 0
	}
	if c.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"languages": all}); err != nil {
			return err
		}
	} else {
		for _, st := range all {
			printStatus(stdout, st)
		}
	}
	if c.strict && incomplete {
		return errProblems
	}
	return nil
}

// wordDiff writes changes as git's --word-diff does, [-removed-]{+added+},
// with only a few words around each change.
func wordDiff(changes []translation.Change) string {
	const around = 5 // words kept on each side of a change
	var b strings.Builder
	for i, c := range changes {
		switch c.Op {
		case "-":
			b.WriteString("[-" + c.Text + "-]")
		case "+":
			b.WriteString("{+" + c.Text + "+}")
		default:
			words := strings.Fields(c.Text)
			if len(words) <= 2*around {
				b.WriteString(c.Text)
				continue
			}
			kept := "…"
			if i > 0 {
				kept = strings.Join(words[:around], " ") + " …"
				if c.Text[0] == ' ' || c.Text[0] == '\n' {
					kept = " " + kept
				}
			}
			if i < len(changes)-1 {
				kept += " " + strings.Join(words[len(words)-around:], " ")
				if strings.TrimRight(c.Text, " \n\t") != c.Text {
					kept += " "
				}
			}
			b.WriteString(kept)
		}
	}
	return b.String()
}

func printStatus(w io.Writer, st *translation.LangStatus) {
	t := st.Total
	fmt.Fprintf(w, "%s: %d texts, %.1f%% translated and current: %d missing, %d outdated\n", st.Lang, t.Total, t.Percent, t.Missing, t.Outdated)
	fmt.Fprintf(w, "words to translate or review, as agencies count them: %s\n\n", st.Words)
	fmt.Fprintf(w, "  %-16s %6s %8s %8s %9s\n", "section", "texts", "current", "missing", "outdated")
	for _, s := range st.Sections {
		fmt.Fprintf(w, "  %-16s %6d %7.1f%% %8d %9d\n", s.Section, s.Total, s.Percent, s.Missing, s.Outdated)
	}
	for _, cond := range []translation.Condition{translation.Missing, translation.Outdated} {
		first := true
		for _, it := range st.Items {
			if it.Condition != cond {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n%s:\n", cond)
				first = false
			}
			fmt.Fprintf(w, "  %s:%d:%d: %s: %s\n", it.File, it.Line, it.Col, it.ID, translation.Excerpt(it.Source))
			if it.Condition == translation.Outdated {
				fmt.Fprintf(w, "      %s\n", it.Since)
				if it.Previous != nil {
					fmt.Fprintf(w, "      changed: %s\n", wordDiff(it.Previous.Changes))
				}
			}
		}
	}
	fmt.Fprintln(w)
}

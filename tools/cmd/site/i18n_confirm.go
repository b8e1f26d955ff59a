package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cyberpub/site/tools/project"
)

type confirmCommand struct {
	source, lang string
	all          bool
}

func (*confirmCommand) name() string { return "confirm" }
func (*confirmCommand) synopsis() string {
	return "confirm [--source DIR] [--lang L] (--all | ID…)"
}
func (*confirmCommand) help() string {
	return `Records that translations are current for their source as it is now.
An ID is a text's, as site i18n status lists it, or an item's
(timeline/t, bulletin/b): every text of it.`
}
func (c *confirmCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	langFlag(fs, &c.lang, "the language (default: every language the site is translated into)")
	fs.BoolVar(&c.all, "all", false, "every translation that is there")
}

func (c *confirmCommand) execute(args []string, stdout, stderr io.Writer) error {
	if c.all == (len(args) > 0) {
		return usageError("confirm takes either --all or the ids of the texts, as site i18n status lists them")
	}
	ws, langs, err := openTargets(c.source, c.lang)
	if err != nil {
		return err
	}
	confirmed := 0
	for _, lang := range langs {
		found := map[string]bool{}
		for _, u := range ws.Units(lang) {
			arg := matching(args, u.ID)
			if !c.all && arg == "" {
				continue
			}
			found[arg] = true
			if u.TargetHash == "" {
				if !c.all && arg == u.ID {
					return fmt.Errorf("%s has no %q translation to confirm: translate it first", u.ID, lang)
				}
				continue
			}
			ws.State.Confirm(u, ws.Today)
			confirmed++
		}
		for _, a := range args {
			if !found[a] {
				return fmt.Errorf("no text has the id %q: site i18n status lists them", a)
			}
		}
	}
	if err := ws.SaveState(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "confirmed %s in %s\n", count(confirmed, "translation"), project.StateFile)
	return nil
}

// matching returns the argument that names the id, or the item it belongs
// to ("timeline/t" confirms all the timeline's texts), or, for a message,
// one of its plural forms, as XLIFF names them ("i18n#eventsHeading.other").
func matching(args []string, id string) string {
	for _, a := range args {
		if id == a || strings.HasPrefix(id, a+"#") || strings.HasPrefix(id, a+".") || strings.HasPrefix(id, a+"[") ||
			strings.HasPrefix(id, "i18n#") && strings.HasPrefix(a, id+".") {
			return a
		}
	}
	return ""
}

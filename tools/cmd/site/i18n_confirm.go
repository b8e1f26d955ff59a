package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// confirm records that the translations of the units named (or of every
// unit, with --all) are current for their source as it is now.
func (c *i18nCommand) confirm(p *project.Project, args []string, stdout, stderr io.Writer) error {
	if c.all == (len(args) > 0) {
		return usageError("confirm takes either --all or the ids of the texts, as site i18n status lists them")
	}
	state, prob := translation.ReadState(p)
	if prob != nil {
		return errors.New(prob.String())
	}
	confirmed := 0
	for _, lang := range c.targets(p) {
		units, problems := translation.Collect(p, lang)
		if len(problems) > 0 {
			return errors.New(problems[0].String())
		}
		found := map[string]bool{}
		for _, u := range units {
			if !c.all && !matches(args, u.ID) {
				continue
			}
			found[u.ID] = true
			if u.TargetHash == "" {
				if !c.all {
					return fmt.Errorf("%s has no %s translation to confirm: translate it first", u.ID, lang)
				}
				continue
			}
			state.Confirm(lang, u)
			confirmed++
		}
		for _, a := range args {
			if !found[a] && !anyPrefix(found, a) {
				return fmt.Errorf("no text has the id %q: site i18n status lists them", a)
			}
		}
	}
	if err := state.Write(p); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "confirmed %s in %s\n", count(confirmed, "translation"), translation.StateFile)
	return nil
}

// matches reports whether the id is one of args, or under one of them: a
// file or a page ("data/timelines/t.toml") confirms all its texts.
func matches(args []string, id string) bool {
	for _, a := range args {
		if id == a || strings.HasPrefix(id, a+"#") || strings.HasPrefix(id, a+".") || strings.HasPrefix(id, a+"[") {
			return true
		}
	}
	return false
}

func anyPrefix(found map[string]bool, a string) bool {
	for id := range found {
		if matches([]string{a}, id) {
			return true
		}
	}
	return false
}

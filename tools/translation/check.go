package translation

import (
	"fmt"
	"sync"

	"github.com/cyberpub/site/tools/diag"
)

// Check reports what translators must act on: the catalogues' problems,
// the blocks of a page's body missing in a language or there in one
// language only (errors), outdated translations (warnings, errors when
// strict), typography and terminology (warnings). Typography is every
// language's, the source's too. Missing texts and pages are the content
// checks' to report.
func (w *Workspace) Check(strict bool) diag.List {
	problems := w.checkCatalogues()
	problems = append(problems, w.checkTypography(w.Project.Source().Code)...)
	for _, lang := range w.Project.Targets() {
		units := w.Units(lang)
		problems = append(problems, w.checkBlocks(lang)...)
		for _, u := range units {
			if w.State.Condition(u) != Outdated {
				continue
			}
			sev := diag.Warning
			if strict {
				sev = diag.Error
			}
			file, line, col := u.Where(w.Project)
			problems = append(problems, diag.Problem{File: file, Line: line, Col: col, Subject: u.ID, Severity: sev,
				Message: fmt.Sprintf("the %q translation is outdated: its source changed since it was translated", lang),
				Hint:    fmt.Sprintf("update it, or run \"site i18n confirm %s\" if it still says the same", u.ID)})
		}
		// The two read every text: each on a core of its own.
		var terminology diag.List
		var wg sync.WaitGroup
		wg.Go(func() { terminology = w.checkTerminology(lang, units) })
		problems = append(problems, w.checkTypography(lang)...)
		wg.Wait()
		problems = append(problems, terminology...)
	}
	w.Memo.turn()
	return problems
}

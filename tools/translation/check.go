package translation

import (
	"fmt"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// Check reports what translators must act on: the catalogues' problems,
// outdated translations (warnings, errors when strict) and typography
// (warnings). Missing data texts and pages are reported by the content
// checks.
func Check(p *project.Project, strict bool) diag.List {
	state, prob := ReadState(p)
	if prob != nil {
		return diag.List{*prob}
	}
	problems := CheckCatalogues(p, state)
	for _, lang := range p.Targets() {
		units, more := Collect(p, lang)
		problems = append(problems, more...)
		for _, u := range units {
			if state.Condition(lang, u) != Outdated {
				continue
			}
			sev := diag.Warning
			if strict {
				sev = diag.Error
			}
			problems = append(problems, diag.Problem{File: u.File, Line: u.Line, Col: u.Col, Subject: u.ID, Severity: sev,
				Message: fmt.Sprintf("the %q translation is outdated: its source changed since it was translated", lang),
				Hint:    fmt.Sprintf("update it, or run \"site i18n confirm %s\" if it still says the same", u.ID)})
		}
		problems = append(problems, CheckTypography(lang, units)...)
	}
	return problems
}
